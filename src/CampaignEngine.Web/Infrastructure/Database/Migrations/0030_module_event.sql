-- Module events waiting for (or past) their handlers: one row per event and module that handles it, written in the
-- transaction that raised the event, so a crash after the commit loses no event (the host re-queues unhandled rows at
-- start). The key makes raising the same event twice (the same pledge fulfilled, recorded) one delivery per module.
CREATE TABLE module_event (
    id              INTEGER PRIMARY KEY,
    event           TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    module_id       TEXT NOT NULL,
    payload         TEXT NOT NULL,
    raised_at       TEXT NOT NULL,
    handled_at      TEXT,
    attempts        INTEGER NOT NULL DEFAULT 0,
    UNIQUE (event, idempotency_key, module_id)
);
CREATE INDEX ix_module_event_unhandled ON module_event (id) WHERE handled_at IS NULL;
