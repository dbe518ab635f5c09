-- A person's request, from their own page, to be erased (issue 17). Staff confirm it (the complete erasure then runs as a
-- job keyed by the request's id) or refuse it with a reason, by a deadline (Privacy:ErasureDays after the request).
-- While it waits, or is confirmed but not yet run, the dispatcher sends the person nothing. The row outlives the
-- erasure: it names only the person's id, so staff still see that the request was honoured, and when; a refusal's
-- reason (free text typed about the person) is redacted when the person is erased later.
CREATE TABLE privacy_erasure_request (
    id             INTEGER PRIMARY KEY,
    compatriot_id  INTEGER NOT NULL REFERENCES directory_compatriot (id),
    state          TEXT NOT NULL DEFAULT 'requested' CHECK (state IN ('requested', 'confirmed', 'erased', 'refused')),
    requested_at   TEXT NOT NULL,
    due_at         TEXT NOT NULL,
    decided_by     INTEGER REFERENCES auth_user (id),
    decided_at     TEXT,
    refusal_reason TEXT,
    erased_at      TEXT
);
-- One open request per person: asking again while one waits returns that one.
CREATE UNIQUE INDEX ux_erasure_request_open ON privacy_erasure_request (compatriot_id) WHERE state IN ('requested', 'confirmed');
CREATE INDEX ix_erasure_request_person ON privacy_erasure_request (compatriot_id, id);
-- The staff list: open requests by due date.
CREATE INDEX ix_erasure_request_due ON privacy_erasure_request (state, due_at);
