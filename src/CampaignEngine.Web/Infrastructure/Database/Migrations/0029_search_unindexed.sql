-- Runs after 0029_directory_search.sql (names run in ordinal order), which adds search_version.
-- The people still to index for the person picker (written by an older version, another host or a script), found by
-- the host's background round without reading the table. An erased person counts as indexed (nothing to find).
CREATE INDEX ix_compatriot_unindexed ON directory_compatriot (id) WHERE search_version IS NULL;
