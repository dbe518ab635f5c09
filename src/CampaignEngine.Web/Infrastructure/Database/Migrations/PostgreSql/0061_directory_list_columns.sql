-- PostgreSQL's twin of 0061 (the reasons are written there). Writers run side by side here, and one counter row would
-- make every writer of the directory wait for the one before it to commit (an import for minutes), so each statement
-- that writes a column the list reads logs its transaction id instead, as the pledge report's log does (0052): a host
-- whose columns were read under one snapshot finds them stale when its new snapshot sees a logged transaction that the
-- old one did not. Nothing makes writers wait for each other.
CREATE TABLE directory_list_change (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    xid xid8 NOT NULL DEFAULT pg_current_xact_id()
);

CREATE INDEX ix_directory_list_change_xid ON directory_list_change (xid);

-- The newest transaction id among log rows deleted (by the trim or by hand): a host whose columns may not have seen it
-- reads them again.
CREATE TABLE directory_list_trim (
    one BIGINT PRIMARY KEY CHECK (one = 1),
    xid xid8 NOT NULL
);

-- One row per statement: an import of a million people logs its few statements, not a million rows.
CREATE FUNCTION directory_list_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO directory_list_change DEFAULT VALUES;
    RETURN NULL;
END $$;

CREATE TRIGGER tr_directory_list_change AFTER INSERT OR DELETE OR UPDATE OF id, full_name, gender, home_region, country, language, organization_id
    ON directory_compatriot FOR EACH STATEMENT EXECUTE FUNCTION directory_list_changed();

-- The log keeps its last 4,096 rows or more (trimmed every 1,024).
CREATE FUNCTION directory_list_change_trim() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM directory_list_change WHERE seq <= NEW.seq - 4096;
    RETURN NULL;
END $$;

CREATE TRIGGER tr_directory_list_change_trim AFTER INSERT ON directory_list_change FOR EACH ROW
    WHEN (NEW.seq % 1024 = 0) EXECUTE FUNCTION directory_list_change_trim();

CREATE FUNCTION directory_list_change_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO directory_list_trim (one, xid)
    SELECT 1, MAX(xid) FROM gone HAVING MAX(xid) IS NOT NULL
    ON CONFLICT (one) DO UPDATE SET xid = GREATEST(directory_list_trim.xid, EXCLUDED.xid);
    RETURN NULL;
END $$;

CREATE TRIGGER tr_directory_list_change_deleted AFTER DELETE ON directory_list_change
    REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION directory_list_change_deleted();
