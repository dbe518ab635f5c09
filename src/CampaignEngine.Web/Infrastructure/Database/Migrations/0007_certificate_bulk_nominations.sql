-- Certificates, second step: holders may agree to appear on their oblast's public honour roll; bulk issuance
-- runs as a background job whose progress lives here (Hangfire's in-memory store is only a scheduler and
-- forgets on restart); modules nominate compatriots for an oblast user to approve or reject.

-- Consent to be listed on the public honour roll. Not part of the signed content: it may change at any time.
ALTER TABLE certificate ADD COLUMN honour_roll INTEGER NOT NULL DEFAULT 0;

CREATE TABLE certificate_job (
    id            INTEGER PRIMARY KEY,
    module_id     TEXT NOT NULL,
    kind          TEXT NOT NULL,
    -- The criteria as requested (JSON), kept to show what the job was for.
    criteria_json TEXT NOT NULL,
    requested_by  INTEGER NOT NULL REFERENCES auth_user (id),
    status        TEXT NOT NULL CHECK (status IN ('queued', 'running', 'completed', 'failed')),
    total         INTEGER NOT NULL,
    created_at    TEXT NOT NULL,
    finished_at   TEXT
);

-- One row per person the preview selected, frozen when the job is created so "total" never moves.
CREATE TABLE certificate_job_item (
    job_id        INTEGER NOT NULL REFERENCES certificate_job (id),
    compatriot_id INTEGER NOT NULL REFERENCES directory_compatriot (id),
    reason        TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'issued', 'failed')),
    serial        TEXT REFERENCES certificate (serial),
    error         TEXT,
    PRIMARY KEY (job_id, compatriot_id)
);

CREATE TABLE certificate_nomination (
    id            INTEGER PRIMARY KEY,
    compatriot_id INTEGER NOT NULL REFERENCES directory_compatriot (id),
    module_id     TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('gratitude', 'honorary', 'honorary_citizen')),
    reason        TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
    created_at    TEXT NOT NULL,
    decided_at    TEXT,
    decided_by    INTEGER REFERENCES auth_user (id),
    serial        TEXT REFERENCES certificate (serial),
    decision_note TEXT,
    -- The same event delivered twice must not nominate twice.
    UNIQUE (module_id, compatriot_id, kind, reason)
);
CREATE INDEX ix_certificate_nomination_module ON certificate_nomination (module_id, status);
