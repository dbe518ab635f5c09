-- Module settings an administration edits (issue 18): every save is a new version, never an update, so the history
-- shows who changed what and when, and a restore is one more version. A version holds the values set away from the
-- manifest's defaults at that save (values_json, key → value); a key it does not hold follows the manifest's default,
-- also when a later version of the module changes that default. changes_json says what this save changed
-- ([{key, from, to}], the values in force before and after). Owned by Features/Modules.
CREATE TABLE module_setting_version (
    id            INTEGER PRIMARY KEY,
    module_id     TEXT NOT NULL,
    version       INTEGER NOT NULL CHECK (version >= 1),
    values_json   TEXT NOT NULL,
    changes_json  TEXT NOT NULL,
    comment       TEXT,
    restored_from INTEGER,
    saved_by      INTEGER NOT NULL REFERENCES auth_user (id),
    saved_at      TEXT NOT NULL,
    -- Two saves based on the same version cannot both become the next one: the second is refused (409).
    UNIQUE (module_id, version)
);
