-- The audience cells' triggers (0048) cost PostgreSQL about 1.6 ms a person: loading 20,000 people took 34 s, 2 s
-- without them. Two reasons, both fixed here:
--
-- 1. A person's cell was found with IS NOT DISTINCT FROM on six columns, which no PostgreSQL index answers: every row
--    read the cell table. A unique index with NULLS NOT DISTINCT (PostgreSQL 15) is now the cell's key, NULLs included,
--    and a count is one upsert on it. It also stops two hosts that insert the first person of a cell at once from each
--    making the cell (NOT EXISTS did not see the other's uncommitted row): the second waits for the first and adds to it.
-- 2. A row trigger updates the same few thousand cells over and over in one transaction, and each update leaves a row
--    version the next must step over (none can be pruned before the commit): a load grew slower with every row.
--    Inserts and deletes now count a statement's rows at once, grouped per cell, from its transition table: a COPY or
--    an INSERT ... SELECT of a million people is one grouped upsert. Updates stay per row: PostgreSQL allows no
--    transition table on a trigger that names its columns, and the update trigger fires only when a keyed column changes.

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

CREATE FUNCTION directory_audience_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO directory_audience_cell AS k (home_region, country, gender, mask, language, willing, people)
    SELECT n.home_region, n.country, n.gender, directory_reach_mask(n.*), n.language, n.willing, COUNT(*)
    FROM audience_inserted n GROUP BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (home_region, country, gender, mask, language, willing) DO UPDATE SET people = k.people + excluded.people;
    RETURN NULL;
END $$;

CREATE FUNCTION directory_audience_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO directory_audience_cell AS k (home_region, country, gender, mask, language, willing, people)
    SELECT o.home_region, o.country, o.gender, directory_reach_mask(o.*), o.language, o.willing, -COUNT(*)
    FROM audience_deleted o GROUP BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (home_region, country, gender, mask, language, willing) DO UPDATE SET people = k.people + excluded.people;
    RETURN NULL;
END $$;

DROP TRIGGER tr_audience_cell_insert ON directory_compatriot;
DROP TRIGGER tr_audience_cell_delete ON directory_compatriot;
CREATE TRIGGER tr_audience_cell_insert AFTER INSERT ON directory_compatriot REFERENCING NEW TABLE AS audience_inserted
    FOR EACH STATEMENT EXECUTE FUNCTION directory_audience_inserted();
CREATE TRIGGER tr_audience_cell_delete AFTER DELETE ON directory_compatriot REFERENCING OLD TABLE AS audience_deleted
    FOR EACH STATEMENT EXECUTE FUNCTION directory_audience_deleted();
