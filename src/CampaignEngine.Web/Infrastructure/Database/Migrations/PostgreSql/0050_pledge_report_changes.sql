-- PostgreSQL's twin of 0050 (the reasons are written there): every host that keeps the pledge report's columns in memory
-- reads what changed after its last sequence number. An identity column never hands a number out twice, as SQLite's
-- AUTOINCREMENT does not once trimmed rows are gone.
CREATE TABLE pledge_report_change (
    seq       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    pledge_id BIGINT NOT NULL
);

CREATE FUNCTION pledge_report_change_log() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        INSERT INTO pledge_report_change (pledge_id) VALUES (OLD.id);
        RETURN OLD;
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.id <> NEW.id THEN
        INSERT INTO pledge_report_change (pledge_id) VALUES (OLD.id);
    END IF;
    INSERT INTO pledge_report_change (pledge_id) VALUES (NEW.id);
    RETURN NEW;
END $$;

CREATE TRIGGER tr_pledge_report_change_insert AFTER INSERT ON pledge FOR EACH ROW
    EXECUTE FUNCTION pledge_report_change_log();

CREATE TRIGGER tr_pledge_report_change_delete AFTER DELETE ON pledge FOR EACH ROW
    EXECUTE FUNCTION pledge_report_change_log();

-- The columns PledgeColumns reads; a change to any other (description, standing, reminders) leaves the report as it is.
CREATE TRIGGER tr_pledge_report_change_update AFTER UPDATE OF id, compatriot_id, campaign_id, kind, contribution_type, sector, project_id,
    status, gender, age_band, home_region, country, created_at, amount_usd, amount_kgs, fulfilled_usd, hours ON pledge FOR EACH ROW
    EXECUTE FUNCTION pledge_report_change_log();

CREATE FUNCTION pledge_report_change_trim() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM pledge_report_change WHERE seq <= NEW.seq - 65536;
    RETURN NULL;
END $$;

CREATE TRIGGER tr_pledge_report_change_trim AFTER INSERT ON pledge_report_change FOR EACH ROW
    WHEN (NEW.seq % 4096 = 0) EXECUTE FUNCTION pledge_report_change_trim();
