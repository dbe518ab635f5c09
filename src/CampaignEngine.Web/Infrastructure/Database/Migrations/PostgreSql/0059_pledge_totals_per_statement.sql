-- PostgreSQL only: the pledge totals and the report's change log follow inserts per statement.
--
-- The intake writes a group of pledges (all the requests that queued up meanwhile) in one INSERT, and each row's
-- triggers then added it to its gender's row of pledge_total, its person's row of pledge_donor and the change log, one
-- statement each. Every update of a gender's total in the group left a row version that the next had to step over (none
-- can be pruned before the commit): 66 µs of trigger work a pledge (pg_stat_statements, bench: pledge intake), the
-- pattern migrations 0055 and 0057 mended for the audience cells.
--
-- Now one trigger per statement reads the statement's new rows, counts them per person (pledge_donor) and per gender
-- (pledge_total) and upserts each once, in key order as the insert's own rows go (PledgeGroupInserts): writers on
-- several hosts take those rows in one order and cannot deadlock. A person is a new donor of a gender when their
-- donor row holds exactly what this statement added. The log gets the statement's ids in one insert. Updates and
-- deletes keep their row triggers: they come one pledge at a time.

DROP TRIGGER tr_pledge_total_insert ON pledge;
DROP TRIGGER tr_pledge_report_change_insert ON pledge;

CREATE FUNCTION pledge_total_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    WITH counted AS (
        SELECT p.gender, p.compatriot_id, p.status, p.amount_usd, p.amount_kgs, p.fulfilled_usd, p.hours,
               pledge_total_inexact(p::pledge) AS inexact
        FROM pledge_new AS p
        WHERE p.status NOT IN ('cancelled', 'written_off')
    ), per_donor AS (
        SELECT gender, compatriot_id, COUNT(*) AS added FROM counted GROUP BY gender, compatriot_id
    ), donor AS (
        INSERT INTO pledge_donor AS d (gender, compatriot_id, pledges)
        SELECT gender, compatriot_id, added FROM per_donor ORDER BY gender, compatriot_id
        ON CONFLICT (gender, compatriot_id) DO UPDATE SET pledges = d.pledges + excluded.pledges
        RETURNING d.gender, d.compatriot_id, d.pledges
    ), new_donors AS (
        SELECT donor.gender, COUNT(*) FILTER (WHERE donor.pledges = per_donor.added) AS donors
        FROM donor JOIN per_donor USING (gender, compatriot_id)
        GROUP BY donor.gender
    )
    INSERT INTO pledge_total AS t (gender, pledges, donors, usd_cents, kgs_cents, fulfilled_usd_cents, hours, fulfilled, inexact)
    SELECT c.gender, COUNT(*), COALESCE(MAX(n.donors), 0),
           SUM(COALESCE(round(c.amount_usd * 100)::bigint, 0)), SUM(COALESCE(round(c.amount_kgs * 100)::bigint, 0)),
           SUM(COALESCE(round(c.fulfilled_usd * 100)::bigint, 0)),
           SUM(CASE WHEN c.hours = trunc(c.hours) THEN c.hours::bigint ELSE 0 END), SUM((c.status = 'fulfilled')::int), SUM(c.inexact)
    FROM counted AS c LEFT JOIN new_donors AS n USING (gender)
    GROUP BY c.gender
    ORDER BY c.gender
    ON CONFLICT (gender) DO UPDATE SET pledges = t.pledges + excluded.pledges, donors = t.donors + excluded.donors,
        usd_cents = t.usd_cents + excluded.usd_cents, kgs_cents = t.kgs_cents + excluded.kgs_cents,
        fulfilled_usd_cents = t.fulfilled_usd_cents + excluded.fulfilled_usd_cents, hours = t.hours + excluded.hours,
        fulfilled = t.fulfilled + excluded.fulfilled, inexact = t.inexact + excluded.inexact;
    RETURN NULL;
END $$;

CREATE FUNCTION pledge_report_change_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO pledge_report_change (pledge_id) SELECT id FROM pledge_new ORDER BY id;
    RETURN NULL;
END $$;

CREATE TRIGGER tr_pledge_total_insert AFTER INSERT ON pledge
    REFERENCING NEW TABLE AS pledge_new FOR EACH STATEMENT EXECUTE FUNCTION pledge_total_inserted();
CREATE TRIGGER tr_pledge_report_change_insert AFTER INSERT ON pledge
    REFERENCING NEW TABLE AS pledge_new FOR EACH STATEMENT EXECUTE FUNCTION pledge_report_change_inserted();
