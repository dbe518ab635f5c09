-- PostgreSQL only (SQLite's log needs nothing more: one writer at a time commits in sequence order). Here writers run
-- side by side and a sequence number drawn early can commit after a later one, so "every change after my last number"
-- could miss a change committed late. Each logged change now carries its writer's transaction id, and a host that keeps
-- the pledge report's columns remembers the snapshot it last read under: what it has not applied is exactly the changes
-- whose transaction its new snapshot sees and its old one did not (Features/Reports/ReportEngine.cs). Nothing makes
-- writers wait for each other.
ALTER TABLE pledge_report_change ADD COLUMN xid xid8 NOT NULL DEFAULT pg_current_xact_id();

-- Changes by transactions that ended before a host's last snapshot are skipped by the index.
CREATE INDEX ix_pledge_report_change_xid ON pledge_report_change (xid);

-- The newest transaction id among log rows ever deleted (by the trim or by hand): a host whose last snapshot may not
-- have seen such a row reads every pledge again instead of missing its change.
CREATE TABLE pledge_report_trim (
    one BIGINT PRIMARY KEY CHECK (one = 1),
    xid xid8 NOT NULL
);

CREATE FUNCTION pledge_report_change_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO pledge_report_trim (one, xid)
    SELECT 1, MAX(xid) FROM gone HAVING MAX(xid) IS NOT NULL
    ON CONFLICT (one) DO UPDATE SET xid = GREATEST(pledge_report_trim.xid, EXCLUDED.xid);
    RETURN NULL;
END $$;

CREATE TRIGGER tr_pledge_report_change_deleted AFTER DELETE ON pledge_report_change
    REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION pledge_report_change_deleted();
