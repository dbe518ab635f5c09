-- PostgreSQL only: a group of pledges counts its links and goes in with one statement, so in one round trip.
--
-- The intake's writer wrote a group in three round trips: the links' daily counts as one batch, the insert, and the
-- commit. With the machine about three-quarters busy, those round trips paced the intake (docs/benchmarks.md). This
-- function does the counting inside the insert's own statement, which then runs without an explicit transaction: its
-- commit travels with it.
--
-- For each row, in the group's order, it counts a pledge through a link against that link's day while the day is
-- under its bound, exactly as the batch did one statement per row: a bound reached mid-group refuses the rest, a bound
-- below one refuses at once, and a row without a link or bound is admitted without a count. The rows of
-- pledge_link_day are locked in the group's order, as before.

CREATE FUNCTION pledge_links_admit(message_ids bigint[], days text[], limits bigint[]) RETURNS boolean[]
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    admitted boolean[] := '{}';
BEGIN
    FOR i IN 1 .. COALESCE(array_length(message_ids, 1), 0) LOOP
        IF message_ids[i] IS NULL OR limits[i] IS NULL THEN
            admitted := admitted || true;
        ELSIF limits[i] < 1 THEN
            admitted := admitted || false;
        ELSE
            INSERT INTO pledge_link_day AS d (message_id, day, pledges) VALUES (message_ids[i], days[i], 1)
            ON CONFLICT (message_id, day) DO UPDATE SET pledges = d.pledges + 1 WHERE d.pledges < limits[i];
            admitted := admitted || FOUND;
        END IF;
    END LOOP;
    RETURN admitted;
END $$;
