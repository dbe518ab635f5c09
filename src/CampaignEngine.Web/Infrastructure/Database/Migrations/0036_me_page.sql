-- The compatriot's own page (issue 17): a personal link per person, their preferences, and the corrections of home
-- region or country they propose. All three are the person's data, so they are directory_ tables owned by
-- Features/Compatriots; the page itself is Features/MyPage.

-- One personal link per person, distinct from the per-message tracking tokens. The token is kept as it is, like the
-- certificate holders' links (certificate_delivery.token), not as a hash: every message renders links.me, so the
-- dispatcher must be able to write it out again (a hash could only check it). 128 random bits, made on first need.
CREATE TABLE directory_personal_link (
    compatriot_id INTEGER PRIMARY KEY REFERENCES directory_compatriot (id),
    token         TEXT NOT NULL UNIQUE,
    created_at    TEXT NOT NULL
);

-- What the person asked of every campaign (language and sectors live on directory_compatriot itself, consents too).
-- A person who never set anything has no row: launches and batches join this small table, not a wide one.
CREATE TABLE directory_preference (
    compatriot_id INTEGER PRIMARY KEY REFERENCES directory_compatriot (id),
    channel_order TEXT,     -- ';'-separated channels, most wanted first; NULL: the campaign's order
    max_per_month INTEGER,  -- at most this many messages a calendar month in their time zone; NULL: no cap
    paused_until  TEXT,     -- yyyy-MM-dd: no messages up to and including this day in their time zone
    updated_at    TEXT NOT NULL
);

-- A correction of home region or country the person proposed on their page; staff accept or reject it.
CREATE TABLE directory_proposed_change (
    id            INTEGER PRIMARY KEY,
    compatriot_id INTEGER NOT NULL REFERENCES directory_compatriot (id),
    field         TEXT NOT NULL CHECK (field IN ('home_region', 'country')),
    value         TEXT NOT NULL,
    state         TEXT NOT NULL DEFAULT 'proposed' CHECK (state IN ('proposed', 'accepted', 'rejected')),
    proposed_at   TEXT NOT NULL,
    decided_by    INTEGER REFERENCES auth_user (id),
    decided_at    TEXT
);
CREATE INDEX ix_proposed_change_person ON directory_proposed_change (compatriot_id, state);
CREATE INDEX ix_proposed_change_open ON directory_proposed_change (state) WHERE state = 'proposed';

-- A person's messages: the monthly cap counts what the ledger sent them this month, and an opt-out skips what waits
-- for them. Only compatriot_id: sending updates status and sent_at, which this index does not hold, so the
-- dispatcher's writes do not maintain it.
CREATE INDEX ix_send_person ON send_message (compatriot_id);
