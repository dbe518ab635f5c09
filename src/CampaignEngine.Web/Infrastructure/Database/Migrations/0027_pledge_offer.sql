-- What a visitor without a link offers on a project's public page: held apart from pledges until someone on the
-- staff calls them and confirms it (it then becomes a pledge of a person in the directory) or drops it. It counts in
-- no total, report or honour roll. The contact details live here only while the offer waits: confirming or
-- dropping erases them (the person's own row in the directory holds what is kept).
CREATE TABLE pledge_offer (
    id                INTEGER PRIMARY KEY,
    project_id        INTEGER NOT NULL REFERENCES pledge_project (id),
    kind              TEXT NOT NULL,
    amount            NUMERIC,
    currency          TEXT,
    amount_usd        NUMERIC,
    hours             NUMERIC,
    contribution_type TEXT,
    description       TEXT,
    public_name_consent INTEGER NOT NULL DEFAULT 0,
    full_name         TEXT,
    phone             TEXT,
    email             TEXT,
    country           TEXT,
    home_region       TEXT,
    language          TEXT NOT NULL,
    -- When the person ticked "you may contact me about this offer": the only use their contact may be put to.
    contact_consent_at TEXT NOT NULL,
    status            TEXT NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'confirmed', 'dropped')),
    drop_reason       TEXT,
    compatriot_id     INTEGER,
    pledge_id         INTEGER REFERENCES pledge (id),
    decided_by        INTEGER REFERENCES auth_user (id),
    decided_at        TEXT,
    created_at        TEXT NOT NULL
);

CREATE INDEX ix_pledge_offer_waiting ON pledge_offer (status, project_id);
CREATE INDEX ix_pledge_offer_compatriot ON pledge_offer (compatriot_id) WHERE compatriot_id IS NOT NULL;
