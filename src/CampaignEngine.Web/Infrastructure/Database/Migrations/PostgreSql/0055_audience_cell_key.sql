-- The audience cells' triggers (0048) found a person's cell with IS NOT DISTINCT FROM on six columns, which no
-- PostgreSQL index answers: every insert, update or delete of a person read the whole cell table twice (33,000 cells for
-- the bench's million, so loading it ran at a few hundred people a second). Two hosts inserting the first person of a
-- cell at once could also each make the cell (NOT EXISTS does not see the other's uncommitted row).
--
-- A unique index with NULLS NOT DISTINCT (PostgreSQL 15) is the cell's key, NULLs included, and the trigger becomes one
-- upsert on it: an index probe, and a second writer of a new cell waits for the first and adds to its row.

-- Merge any cell two writers made twice before the key existed.
CREATE TEMP TABLE audience_cell_merged ON COMMIT DROP AS
SELECT home_region, country, gender, mask, language, willing, SUM(people) AS people
FROM directory_audience_cell GROUP BY home_region, country, gender, mask, language, willing;
DELETE FROM directory_audience_cell;
INSERT INTO directory_audience_cell (home_region, country, gender, mask, language, willing, people)
SELECT home_region, country, gender, mask, language, willing, people FROM audience_cell_merged;

CREATE UNIQUE INDEX ux_audience_cell_key ON directory_audience_cell (home_region, country, gender, mask, language, willing)
    NULLS NOT DISTINCT;

-- A person leaving a cell always finds it (they were counted into it), so the upsert's insert only runs for a new cell.
CREATE OR REPLACE FUNCTION directory_audience_count(p directory_compatriot, delta int) RETURNS void LANGUAGE sql AS $$
    INSERT INTO directory_audience_cell AS k (home_region, country, gender, mask, language, willing, people)
    VALUES (p.home_region, p.country, p.gender, directory_reach_mask(p), p.language, p.willing, delta)
    ON CONFLICT (home_region, country, gender, mask, language, willing) DO UPDATE SET people = k.people + excluded.people
$$;
