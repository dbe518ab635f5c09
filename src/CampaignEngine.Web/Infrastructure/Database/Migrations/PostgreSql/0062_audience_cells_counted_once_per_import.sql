-- A large import counts its people into the audience cells once, before its commit, instead of once per statement.
--
-- The insert and update triggers (0055, 0057) upsert the cells of each statement's people. An import writes a thousand
-- people per statement in one transaction, and each of its thousand statements rewrote some 700 of the cells: every
-- rewrite left a row version that nothing can prune before the commit, and the cells of a million imported people took
-- 41 MB for 14,288 rows. Every read of the cells then read those pages: the directory list's counts by gender, as first
-- opened by national staff, took 65 ms instead of about 3 (docs/benchmarks.md, session 24).
--
-- Now a transaction that has set campaignengine.audience_cells_deferred to 'on' (the import, with set_config(…, true),
-- so that it ends with the transaction) has its statements' changes collected per cell in its own temporary table
-- pg_temp.audience_cell_delta, which it creates, adds to the cells in one upsert and drops before it commits
-- (BulkAudienceCells). Every other transaction counts as before, and the import locks each cell it changes only at its
-- end rather than from its first statement on.

CREATE OR REPLACE FUNCTION directory_audience_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('campaignengine.audience_cells_deferred', true) = 'on' THEN
        INSERT INTO pg_temp.audience_cell_delta (home_region, country, gender, mask, language, willing, people)
        SELECT n.home_region, n.country, n.gender, directory_reach_mask(n.*), n.language, n.willing, COUNT(*)
        FROM audience_inserted n GROUP BY 1, 2, 3, 4, 5, 6;
        RETURN NULL;
    END IF;
    INSERT INTO directory_audience_cell AS k (home_region, country, gender, mask, language, willing, people)
    SELECT n.home_region, n.country, n.gender, directory_reach_mask(n.*), n.language, n.willing, COUNT(*)
    FROM audience_inserted n GROUP BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (home_region, country, gender, mask, language, willing) DO UPDATE SET people = k.people + excluded.people;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION directory_audience_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('campaignengine.audience_cells_deferred', true) = 'on' THEN
        INSERT INTO pg_temp.audience_cell_delta (home_region, country, gender, mask, language, willing, people)
        SELECT home_region, country, gender, mask, language, willing, SUM(delta)
        FROM (
            SELECT o.home_region, o.country, o.gender, directory_reach_mask(o.*) AS mask, o.language, o.willing, -1 AS delta
            FROM audience_old o
            UNION ALL
            SELECT n.home_region, n.country, n.gender, directory_reach_mask(n.*), n.language, n.willing, 1
            FROM audience_new n
        ) AS moved
        GROUP BY 1, 2, 3, 4, 5, 6
        HAVING SUM(delta) <> 0;
        RETURN NULL;
    END IF;
    INSERT INTO directory_audience_cell AS k (home_region, country, gender, mask, language, willing, people)
    SELECT home_region, country, gender, mask, language, willing, SUM(delta)
    FROM (
        SELECT o.home_region, o.country, o.gender, directory_reach_mask(o.*) AS mask, o.language, o.willing, -1 AS delta
        FROM audience_old o
        UNION ALL
        SELECT n.home_region, n.country, n.gender, directory_reach_mask(n.*), n.language, n.willing, 1
        FROM audience_new n
    ) AS moved
    GROUP BY 1, 2, 3, 4, 5, 6
    HAVING SUM(delta) <> 0
    ON CONFLICT (home_region, country, gender, mask, language, willing) DO UPDATE SET people = k.people + excluded.people;
    RETURN NULL;
END $$;

-- The cells as earlier imports left them are written again compactly, once: autovacuum frees the versions' space but
-- never gives the pages back, and a read of every cell went through all of them. TRUNCATE belongs to this migration's
-- transaction (VACUUM FULL could not run in it); the live cells are a few thousand rows.
CREATE TEMP TABLE audience_cell_live ON COMMIT DROP AS SELECT * FROM directory_audience_cell WHERE people <> 0;
TRUNCATE directory_audience_cell;
INSERT INTO directory_audience_cell SELECT * FROM audience_cell_live;
