-- The person picker's search: one row per searchable word of a person (name words folded to one Latin spelling,
-- phone digits forwards and backwards, the external id), so that a search is a range scan of an index, never a
-- scan of the directory. The scope columns lead their own indexes: an oblast user's or a leader's search reads
-- only their people's terms. Written by the directory's writers; rows indexed by an older folding (or written
-- before this table) have search_version behind and are indexed again at start.
CREATE TABLE directory_search_term (
    term            TEXT NOT NULL,
    compatriot_id   INTEGER NOT NULL REFERENCES directory_compatriot (id),
    home_region     TEXT,
    organization_id INTEGER,
    PRIMARY KEY (term, compatriot_id)
) WITHOUT ROWID;
CREATE INDEX ix_search_term_region ON directory_search_term (home_region, term);
CREATE INDEX ix_search_term_organization ON directory_search_term (organization_id, term);
CREATE INDEX ix_search_term_compatriot ON directory_search_term (compatriot_id, term);

ALTER TABLE directory_compatriot ADD COLUMN search_version INTEGER;
