-- Provider callbacks already applied, by the provider's own event id (WhatsApp's message id and status, Telegram's
-- update_id, the SMS gateway's id), so that a callback replayed by someone who captured it changes nothing. Each id
-- is kept until expires_at: for events whose signed timestamp is checked, as long as such an event could still pass
-- that check; for the others (Telegram signs no timestamp), Webhooks:RememberDays.
CREATE TABLE response_webhook_event (
    channel     TEXT NOT NULL,
    event_id    TEXT NOT NULL,
    received_at TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    PRIMARY KEY (channel, event_id)
) WITHOUT ROWID;
CREATE INDEX ix_webhook_event_expires ON response_webhook_event (expires_at);
