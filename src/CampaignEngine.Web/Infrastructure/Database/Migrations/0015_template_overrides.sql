-- Module templates edited in the product. A row overrides the shipped file for one module, template,
-- language and part; the files under templates/ stay the defaults.
CREATE TABLE template_override (
    module_id   TEXT NOT NULL,
    name        TEXT NOT NULL,
    language    TEXT NOT NULL,
    part        TEXT NOT NULL,
    text        TEXT NOT NULL,
    version     INTEGER NOT NULL,
    updated_by  INTEGER REFERENCES auth_user (id),
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (module_id, name, language, part)
);
