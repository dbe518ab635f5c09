-- Foundation schema. Times are UTC ISO-8601 text; money is NUMERIC with an ISO 4217 currency beside it.

CREATE TABLE auth_user (
    id              INTEGER PRIMARY KEY,
    login           TEXT NOT NULL UNIQUE COLLATE NOCASE,
    password_hash   TEXT NOT NULL,
    role            TEXT NOT NULL CHECK (role IN ('admin', 'officer', 'oblast', 'leader')),
    region          TEXT,
    organization_id INTEGER,
    failed_logins   INTEGER NOT NULL DEFAULT 0,
    locked_until    TEXT,
    created_at      TEXT NOT NULL
);

CREATE TABLE auth_api_key (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES auth_user (id),
    key_hash    TEXT NOT NULL UNIQUE,
    key_prefix  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    revoked_at  TEXT
);

CREATE TABLE directory_organization (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    country    TEXT,
    city       TEXT,
    kind       TEXT,
    created_at TEXT NOT NULL
);

CREATE TABLE directory_compatriot (
    id               INTEGER PRIMARY KEY,
    external_id      TEXT UNIQUE,
    full_name        TEXT NOT NULL,
    gender           TEXT NOT NULL DEFAULT 'unknown',
    birth_year       INTEGER,
    home_region      TEXT,
    district         TEXT,
    village          TEXT,
    country          TEXT NOT NULL,
    city             TEXT,
    time_zone        TEXT NOT NULL,
    language         TEXT NOT NULL,
    years_abroad     TEXT,
    willing          TEXT,
    interests        TEXT,
    sectors          TEXT,
    organization_id  INTEGER REFERENCES directory_organization (id),
    email            TEXT,
    phone            TEXT,
    telegram         TEXT,
    -- Current consent per channel (1 = may be contacted); the history is in directory_consent_event.
    consent_whatsapp INTEGER NOT NULL DEFAULT 0,
    consent_telegram INTEGER NOT NULL DEFAULT 0,
    consent_sms      INTEGER NOT NULL DEFAULT 0,
    consent_email    INTEGER NOT NULL DEFAULT 0,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX ix_compatriot_audience ON directory_compatriot (home_region, country, gender, birth_year, language);
CREATE INDEX ix_compatriot_country ON directory_compatriot (country, gender);
CREATE INDEX ix_compatriot_organization ON directory_compatriot (organization_id);

CREATE TABLE directory_consent_event (
    id            INTEGER PRIMARY KEY,
    compatriot_id INTEGER NOT NULL REFERENCES directory_compatriot (id),
    channel       TEXT NOT NULL,
    granted       INTEGER NOT NULL,
    source        TEXT NOT NULL,
    at            TEXT NOT NULL
);
CREATE INDEX ix_consent_event_compatriot ON directory_consent_event (compatriot_id);

CREATE TABLE campaign (
    id           INTEGER PRIMARY KEY,
    module_id    TEXT NOT NULL,
    name         TEXT NOT NULL,
    template     TEXT NOT NULL,
    segment_json TEXT NOT NULL,
    channels     TEXT NOT NULL,
    -- Local send window in each recipient's own time zone, and local dates on which nothing is sent.
    window_from  TEXT NOT NULL DEFAULT '00:00',
    window_to    TEXT NOT NULL DEFAULT '24:00',
    quiet_dates  TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL CHECK (status IN ('draft', 'scheduled', 'sending', 'paused', 'completed', 'cancelled')),
    launch_at    TEXT,
    -- A launch "at 10:00 local" keeps the wall-clock time here; launch_at is then the earliest instant of all zones.
    launch_local TEXT,
    launched_at  TEXT,
    created_by   INTEGER REFERENCES auth_user (id),
    created_at   TEXT NOT NULL
);

-- The send ledger: the durable truth of who gets what. Hangfire's store is only a scheduler.
CREATE TABLE send_message (
    id            INTEGER PRIMARY KEY,
    campaign_id   INTEGER NOT NULL REFERENCES campaign (id),
    compatriot_id INTEGER NOT NULL REFERENCES directory_compatriot (id),
    channel       TEXT NOT NULL,
    language      TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'delivered', 'failed', 'skipped')),
    not_before    TEXT NOT NULL,
    attempts      INTEGER NOT NULL DEFAULT 0,
    sent_at       TEXT,
    provider_id   TEXT,
    error         TEXT,
    token         TEXT NOT NULL UNIQUE,
    clicked_at    TEXT,
    clicks        INTEGER NOT NULL DEFAULT 0,
    UNIQUE (campaign_id, compatriot_id, channel)
);
CREATE INDEX ix_send_due ON send_message (status, not_before);
CREATE INDEX ix_send_campaign_status ON send_message (campaign_id, status);

CREATE TABLE pledge_rate (
    currency  TEXT NOT NULL,
    rate_date TEXT NOT NULL,
    usd       NUMERIC NOT NULL,
    PRIMARY KEY (currency, rate_date)
);

CREATE TABLE pledge (
    id                INTEGER PRIMARY KEY,
    compatriot_id     INTEGER NOT NULL REFERENCES directory_compatriot (id),
    campaign_id       INTEGER REFERENCES campaign (id),
    message_id        INTEGER REFERENCES send_message (id),
    kind              TEXT NOT NULL CHECK (kind IN ('money', 'time', 'in_kind')),
    contribution_type TEXT,
    amount            NUMERIC,
    currency          TEXT,
    amount_usd        NUMERIC,
    hours             NUMERIC,
    description       TEXT,
    sector            TEXT,
    target_region     TEXT,
    status            TEXT NOT NULL DEFAULT 'pledged',
    recorded_by       TEXT NOT NULL CHECK (recorded_by IN ('self', 'leader', 'officer')),
    recorded_by_user  INTEGER REFERENCES auth_user (id),
    -- Snapshot of the person at pledge time, so reports stay stable when the directory changes.
    gender            TEXT NOT NULL,
    age_band          TEXT NOT NULL,
    home_region       TEXT,
    country           TEXT NOT NULL,
    created_at        TEXT NOT NULL
);
CREATE INDEX ix_pledge_campaign ON pledge (campaign_id, gender);
CREATE INDEX ix_pledge_compatriot ON pledge (compatriot_id);

-- Reference rates (USD per unit) so that reports can add pledges in several currencies.
-- Approximate mid-2026 values; an admin maintains them.
INSERT INTO pledge_rate (currency, rate_date, usd) VALUES
    ('USD', '2026-01-01', 1),
    ('KGS', '2026-01-01', 0.01144),
    ('RUB', '2026-01-01', 0.0125),
    ('KZT', '2026-01-01', 0.00195),
    ('EUR', '2026-01-01', 1.08),
    ('AED', '2026-01-01', 0.2723),
    ('CNY', '2026-01-01', 0.138),
    ('QAR', '2026-01-01', 0.2747),
    ('CAD', '2026-01-01', 0.73),
    ('MYR', '2026-01-01', 0.22),
    ('KRW', '2026-01-01', 0.00073),
    ('UAH', '2026-01-01', 0.024),
    ('TRY', '2026-01-01', 0.029),
    ('GBP', '2026-01-01', 1.27),
    ('JPY', '2026-01-01', 0.0066),
    ('PLN', '2026-01-01', 0.25),
    ('BYN', '2026-01-01', 0.31),
    ('SEK', '2026-01-01', 0.095),
    ('CHF', '2026-01-01', 1.12);
