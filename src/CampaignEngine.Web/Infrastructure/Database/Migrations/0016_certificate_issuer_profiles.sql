-- The issuer printed on certificates (administration name, signatory, emblem) comes from the module's code
-- and can be edited by the oblast's administration. Every version ever printed is kept as an immutable row,
-- and each certificate points at the version it was issued under, so an edit never changes an old paper.

CREATE TABLE certificate_issuer_profile (
    id             INTEGER PRIMARY KEY,
    module_id      TEXT NOT NULL,
    name_ky        TEXT NOT NULL,
    name_ru        TEXT NOT NULL,
    name_en        TEXT NOT NULL,
    title_ky       TEXT NOT NULL,
    title_ru       TEXT NOT NULL,
    title_en       TEXT NOT NULL,
    signatory_name TEXT NOT NULL,
    -- Sanitised SVG (no scripts, no external references), or NULL for none.
    emblem_svg     TEXT,
    -- SHA-256 of the fields above: the same content is stored once per module.
    content_hash   TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    UNIQUE (module_id, content_hash)
);

-- The module's current edited issuer; no row means the module's own defaults.
CREATE TABLE certificate_issuer_override (
    module_id  TEXT PRIMARY KEY,
    profile_id INTEGER NOT NULL REFERENCES certificate_issuer_profile (id),
    updated_by INTEGER REFERENCES auth_user (id),
    updated_at TEXT NOT NULL
);

ALTER TABLE certificate ADD COLUMN issuer_profile_id INTEGER REFERENCES certificate_issuer_profile (id);
