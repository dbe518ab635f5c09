-- Replies and delivery reports that providers post back to /webhooks/{channel}.
CREATE TABLE response_reply (
    id            INTEGER PRIMARY KEY,
    message_id    INTEGER REFERENCES send_message (id),
    compatriot_id INTEGER NOT NULL REFERENCES directory_compatriot (id),
    channel       TEXT NOT NULL,
    text          TEXT NOT NULL,
    is_stop       INTEGER NOT NULL DEFAULT 0,
    received_at   TEXT NOT NULL
);
CREATE INDEX ix_reply_message ON response_reply (message_id);

ALTER TABLE send_message ADD COLUMN delivered_at TEXT;
CREATE INDEX ix_send_provider ON send_message (provider_id);
