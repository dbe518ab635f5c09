-- Projects, second step: photos and documents attached to a project's updates, edits of a project, and
-- certificate nominations that a diaspora leader makes for a member (modules nominated alone until now).

-- The file itself lives under the uploads folder with a random name; the row says what it is. The name the
-- uploader's computer gave it is kept only to offer it back on download.
CREATE TABLE pledge_project_file (
    id            INTEGER PRIMARY KEY,
    project_id    INTEGER NOT NULL REFERENCES pledge_project (id),
    update_id     INTEGER NOT NULL REFERENCES pledge_project_update (id),
    stored_name   TEXT NOT NULL UNIQUE,
    content_type  TEXT NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp', 'application/pdf')),
    original_name TEXT NOT NULL,
    size          INTEGER NOT NULL,
    created_at    TEXT NOT NULL
);
CREATE INDEX ix_project_file_update ON pledge_project_file (update_id);

ALTER TABLE pledge_project ADD COLUMN updated_by INTEGER REFERENCES auth_user (id);
ALTER TABLE pledge_project ADD COLUMN updated_at TEXT;

-- Who proposed the nomination: NULL for a module's own rule, the leader's user id otherwise.
ALTER TABLE certificate_nomination ADD COLUMN nominated_by INTEGER REFERENCES auth_user (id);
