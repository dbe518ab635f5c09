-- The directory list, unsearched, as staff first open it: its page is the people in name order, and nothing kept that
-- order. On a million people national staff's first page sorted the whole directory for its 50 rows (170 ms) and its
-- counts by gender grouped a million index entries (280 ms); an oblast's page sorted its 350,000 natives (90-580 ms).
-- These two indexes are the list's order, national and per home region (an oblast administration's scope), so a page
-- is a walk of 50 entries; the counts are read from the audience cells (0048), which hold the same people counted by
-- home region, country, gender and language (CompatriotQueries.Unsearched).
CREATE INDEX ix_compatriot_name ON directory_compatriot (full_name, id);
CREATE INDEX ix_compatriot_region_name ON directory_compatriot (home_region, full_name, id);
