-- Sends counted per provider channel and period, in the database that every host shares, so that two hosts
-- (or a restart) never push a provider past its limits. period: 's:<unix second>' or 'd:<yyyy-MM-dd UTC>'.
CREATE TABLE channel_usage (
    channel TEXT NOT NULL,
    period  TEXT NOT NULL,
    used    INTEGER NOT NULL,
    PRIMARY KEY (channel, period)
) WITHOUT ROWID;
