-- Sign-out everywhere: every sign-in cookie carries the user's session version; bumping it (on a password
-- change or "sign out everywhere") makes every cookie issued before unusable on its next request.
ALTER TABLE auth_user ADD COLUMN session_version INTEGER NOT NULL DEFAULT 0;

-- Several API keys per user, told apart by a label; last use is shown so that stale keys can be revoked.
ALTER TABLE auth_api_key ADD COLUMN label TEXT;
ALTER TABLE auth_api_key ADD COLUMN last_used_at TEXT;
CREATE INDEX ix_api_key_user ON auth_api_key (user_id);

-- The head of the audit chain, kept beside it by a trigger in the same transaction as each entry. The chain
-- alone shows a changed or removed entry in the middle, but not entries cut off its end; comparing the
-- chain's last entry and length with this row does.
CREATE TABLE audit_anchor (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    last_id    INTEGER NOT NULL,
    entries    INTEGER NOT NULL,
    head_hash  TEXT NOT NULL
);
INSERT INTO audit_anchor (id, last_id, entries, head_hash)
SELECT 1, COALESCE(MAX(id), 0), COUNT(*),
       COALESCE((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000')
FROM audit_log;

CREATE TRIGGER audit_anchor_follows AFTER INSERT ON audit_log BEGIN
    UPDATE audit_anchor SET last_id = NEW.id, entries = entries + 1, head_hash = NEW.hash WHERE id = 1;
END;
CREATE TRIGGER audit_anchor_no_delete BEFORE DELETE ON audit_anchor BEGIN SELECT RAISE(ABORT, 'audit_anchor is kept'); END;
