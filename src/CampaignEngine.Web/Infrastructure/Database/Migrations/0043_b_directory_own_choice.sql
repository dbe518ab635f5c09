-- What a person chose themselves on their own page (issue 17), so that a later staff CSV import does not overwrite it:
-- the language they read and the sectors they care about live on directory_compatriot beside the fields staff import,
-- and only this table says whose choice the value is. (Consents say it already: directory_consent_event has a source.
-- Channel order, monthly cap and pause live in directory_preference, which no import writes.) A row per person and
-- field, written when the person changes the field, deleted on erasure.
CREATE TABLE directory_own_choice (
    compatriot_id INTEGER NOT NULL REFERENCES directory_compatriot (id),
    field         TEXT NOT NULL CHECK (field IN ('language', 'sectors')),
    chosen_at     TEXT NOT NULL,
    PRIMARY KEY (compatriot_id, field)
) WITHOUT ROWID;
