-- Account lifecycle: an admin disables and enables a user, and resets a password to a temporary one that must be
-- replaced at the next sign-in and stops working after a while.
ALTER TABLE auth_user ADD COLUMN disabled_at TEXT;
ALTER TABLE auth_user ADD COLUMN temporary_password_until TEXT;

-- Sessions live on the server: a sign-in cookie names its session (by a random id, stored here only as a SHA-256),
-- and every request checks the row. Signing out ends the row, so a copied cookie stops working with it. Cookies
-- issued before this table existed name no session and are refused: their users sign in again once.
CREATE TABLE auth_session (
    id_hash      TEXT PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES auth_user (id),
    created_at   TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    ended_at     TEXT,
    end_reason   TEXT
) WITHOUT ROWID;
CREATE INDEX ix_auth_session_user ON auth_session (user_id) WHERE ended_at IS NULL;
