-- One row per audience cell, said by the schema (PostgreSQL's twin has the reason this exists at all). On SQLite the
-- triggers of 0048 already find a cell through ix_audience_cell (SQLite's IS uses an index) and one writer at a time
-- cannot make a cell twice, so this unique index only states the key; it leaves out `people`, so counting a person
-- into an existing cell does not write it.
CREATE UNIQUE INDEX ux_audience_cell_key ON directory_audience_cell (home_region, country, gender, mask, language, willing);
