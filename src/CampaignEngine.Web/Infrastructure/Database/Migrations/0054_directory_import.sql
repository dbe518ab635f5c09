-- A large CSV import runs in the background (issue 20): the upload is kept here until its Hangfire job, keyed by the
-- import's id, has written it. The job marks the import done, stores its per-row report and deletes the file in the
-- same transaction as the people it writes, so a rerun of the job (a restart, a retry) finds it done and writes nothing
-- twice; a job cut off mid-way rolled everything back and starts again from the kept file.
-- The importer's identity is kept as the job needs it to write within their scope (a leader's organisation) and to audit.
CREATE TABLE directory_import (
    id              INTEGER PRIMARY KEY,
    state           TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
    user_id         INTEGER NOT NULL,
    user_login      TEXT NOT NULL,
    user_role       TEXT NOT NULL,
    user_region     TEXT,
    organization_id INTEGER,
    file_bytes      INTEGER NOT NULL,
    imported        INTEGER NOT NULL DEFAULT 0,
    updated         INTEGER NOT NULL DEFAULT 0,
    refused         INTEGER NOT NULL DEFAULT 0,
    report          TEXT,
    created_at      TEXT NOT NULL,
    finished_at     TEXT
);

-- The uploaded file, deleted when its import is done or has failed (it holds personal data).
CREATE TABLE directory_import_file (
    import_id INTEGER PRIMARY KEY REFERENCES directory_import (id),
    content   BLOB NOT NULL
);
