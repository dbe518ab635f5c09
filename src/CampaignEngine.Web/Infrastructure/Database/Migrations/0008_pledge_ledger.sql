-- The pledge ledger grows: projects, partial fulfilments with evidence and four-eyes approval,
-- cancellation and write-off with a reason, recurring monthly pledges, KGS beside USD.

CREATE TABLE pledge_project (
    id              INTEGER PRIMARY KEY,
    module_id       TEXT NOT NULL,
    region          TEXT NOT NULL,
    village         TEXT,
    sector          TEXT,
    title_ky        TEXT NOT NULL,
    title_ru        TEXT NOT NULL,
    title_en        TEXT NOT NULL,
    description_ky  TEXT NOT NULL DEFAULT '',
    description_ru  TEXT NOT NULL DEFAULT '',
    description_en  TEXT NOT NULL DEFAULT '',
    budget          NUMERIC NOT NULL,
    currency        TEXT NOT NULL,
    budget_usd      NUMERIC NOT NULL,
    -- Co-financing shares in percent (DAR 1+3 style): state, local budget, diaspora.
    share_state     NUMERIC NOT NULL DEFAULT 0,
    share_local     NUMERIC NOT NULL DEFAULT 0,
    share_diaspora  NUMERIC NOT NULL DEFAULT 100,
    created_by      INTEGER REFERENCES auth_user (id),
    created_at      TEXT NOT NULL
);
CREATE INDEX ix_project_region ON pledge_project (region);

CREATE TABLE pledge_project_update (
    id         INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES pledge_project (id),
    text       TEXT NOT NULL,
    link       TEXT,
    created_by INTEGER REFERENCES auth_user (id),
    created_at TEXT NOT NULL
);

ALTER TABLE pledge ADD COLUMN project_id INTEGER REFERENCES pledge_project (id);
ALTER TABLE pledge ADD COLUMN amount_kgs NUMERIC;
ALTER TABLE pledge ADD COLUMN items NUMERIC;
ALTER TABLE pledge ADD COLUMN recurring TEXT;
ALTER TABLE pledge ADD COLUMN fulfilled_usd NUMERIC NOT NULL DEFAULT 0;
ALTER TABLE pledge ADD COLUMN fulfilled_hours NUMERIC NOT NULL DEFAULT 0;
ALTER TABLE pledge ADD COLUMN status_reason TEXT;
ALTER TABLE pledge ADD COLUMN public_name_consent INTEGER NOT NULL DEFAULT 0;
ALTER TABLE pledge ADD COLUMN updated_at TEXT;
CREATE INDEX ix_pledge_project ON pledge (project_id);

CREATE TABLE pledge_fulfilment (
    id           INTEGER PRIMARY KEY,
    pledge_id    INTEGER NOT NULL REFERENCES pledge (id),
    amount       NUMERIC,
    currency     TEXT,
    amount_usd   NUMERIC,
    hours        NUMERIC,
    evidence     TEXT,
    status       TEXT NOT NULL CHECK (status IN ('awaiting_approval', 'approved', 'rejected')),
    recorded_by  INTEGER NOT NULL REFERENCES auth_user (id),
    recorded_at  TEXT NOT NULL,
    decided_by   INTEGER REFERENCES auth_user (id),
    decided_at   TEXT,
    reason       TEXT
);
CREATE INDEX ix_fulfilment_pledge ON pledge_fulfilment (pledge_id);
