-- The desk's figures for 90 days read 57,000 daily rows on a busy desk of a million threads (about 630 groups a day):
-- 0.19 s, most of it stepping through the rows. This keeps the same figures per week as well (response_stat_week,
-- the week named by its Monday, a Bishkek day as the daily rows): DeskStats reads the whole weeks of a period from it
-- and only the days at its two edges (at most six each) from response_stat, some 20,000 rows for 90 days.
--
-- It also folds migration 0033's three triggers, which repeated the same statements, into one way of counting a
-- thread in (+1) or out (-1): a row written to the view response_stat_change, whose trigger updates both tables.

CREATE TABLE response_stat_week (
    week            TEXT NOT NULL,      -- the Monday (a Bishkek day) starting the week
    module_id       TEXT NOT NULL,
    home_region     TEXT NOT NULL,
    organization_id INTEGER NOT NULL,
    assignee_id     INTEGER NOT NULL,
    gender          TEXT NOT NULL,
    received        INTEGER NOT NULL,
    answered        INTEGER NOT NULL,
    within_sla      INTEGER NOT NULL,
    waits           TEXT NOT NULL,      -- minutes to the first answer → threads, as in response_stat
    PRIMARY KEY (week, module_id, home_region, organization_id, assignee_id, gender)
) WITHOUT ROWID;

-- The weeks of the days already kept (an upgrade in place): counts summed, waits merged minute by minute.
INSERT INTO response_stat_week (week, module_id, home_region, organization_id, assignee_id, gender, received, answered, within_sla, waits)
SELECT c.week, c.module_id, c.home_region, c.organization_id, c.assignee_id, c.gender, c.received, c.answered, c.within_sla, COALESCE(w.waits, '{}')
FROM (
    SELECT date(day, 'weekday 0', '-6 days') AS week, module_id, home_region, organization_id, assignee_id, gender,
           SUM(received) AS received, SUM(answered) AS answered, SUM(within_sla) AS within_sla
    FROM response_stat
    GROUP BY 1, 2, 3, 4, 5, 6
) c
LEFT JOIN (
    SELECT week, module_id, home_region, organization_id, assignee_id, gender, json_group_object(minute, threads) AS waits
    FROM (
        SELECT date(s.day, 'weekday 0', '-6 days') AS week, s.module_id, s.home_region, s.organization_id, s.assignee_id, s.gender,
               j.key AS minute, SUM(j.value) AS threads
        FROM response_stat s, json_each(s.waits) j
        GROUP BY 1, 2, 3, 4, 5, 6, 7
    )
    GROUP BY 1, 2, 3, 4, 5, 6
) w USING (week, module_id, home_region, organization_id, assignee_id, gender);

DROP TRIGGER tr_response_stat_insert;
DROP TRIGGER tr_response_stat_delete;
DROP TRIGGER tr_response_stat_update;

-- A thread counted in (n = 1) or out (n = -1) of one day and its week: answered and within_sla carry the same sign,
-- wait is its minutes to the first answer (NULL when not answered). A count that reaches nought is dropped.
CREATE VIEW response_stat_change AS
SELECT day, day AS week, module_id, home_region, organization_id, assignee_id, gender, received AS n, answered, within_sla, 0 AS wait
FROM response_stat;

CREATE TRIGGER tr_response_stat_change INSTEAD OF INSERT ON response_stat_change
BEGIN
    INSERT INTO response_stat (day, module_id, home_region, organization_id, assignee_id, gender, received, answered, within_sla, waits)
    VALUES (NEW.day, NEW.module_id, NEW.home_region, NEW.organization_id, NEW.assignee_id, NEW.gender, NEW.n, NEW.answered, NEW.within_sla,
            CASE WHEN NEW.wait IS NULL THEN '{}' ELSE json_object(CAST(NEW.wait AS TEXT), NEW.n) END)
    ON CONFLICT DO UPDATE SET
        received = received + excluded.received, answered = answered + excluded.answered, within_sla = within_sla + excluded.within_sla,
        waits = CASE WHEN NEW.wait IS NULL THEN waits
            WHEN COALESCE(json_extract(waits, '$."' || NEW.wait || '"'), 0) + NEW.n = 0 THEN json_remove(waits, '$."' || NEW.wait || '"')
            ELSE json_set(waits, '$."' || NEW.wait || '"', COALESCE(json_extract(waits, '$."' || NEW.wait || '"'), 0) + NEW.n) END;
    DELETE FROM response_stat
    WHERE day = NEW.day AND module_id = NEW.module_id AND home_region = NEW.home_region AND organization_id = NEW.organization_id
      AND assignee_id = NEW.assignee_id AND gender = NEW.gender AND received = 0;

    INSERT INTO response_stat_week (week, module_id, home_region, organization_id, assignee_id, gender, received, answered, within_sla, waits)
    VALUES (NEW.week, NEW.module_id, NEW.home_region, NEW.organization_id, NEW.assignee_id, NEW.gender, NEW.n, NEW.answered, NEW.within_sla,
            CASE WHEN NEW.wait IS NULL THEN '{}' ELSE json_object(CAST(NEW.wait AS TEXT), NEW.n) END)
    ON CONFLICT DO UPDATE SET
        received = received + excluded.received, answered = answered + excluded.answered, within_sla = within_sla + excluded.within_sla,
        waits = CASE WHEN NEW.wait IS NULL THEN waits
            WHEN COALESCE(json_extract(waits, '$."' || NEW.wait || '"'), 0) + NEW.n = 0 THEN json_remove(waits, '$."' || NEW.wait || '"')
            ELSE json_set(waits, '$."' || NEW.wait || '"', COALESCE(json_extract(waits, '$."' || NEW.wait || '"'), 0) + NEW.n) END;
    DELETE FROM response_stat_week
    WHERE week = NEW.week AND module_id = NEW.module_id AND home_region = NEW.home_region AND organization_id = NEW.organization_id
      AND assignee_id = NEW.assignee_id AND gender = NEW.gender AND received = 0;
END;

CREATE TRIGGER tr_response_stat_insert AFTER INSERT ON response_thread
BEGIN
    INSERT INTO response_stat_change (day, week, module_id, home_region, organization_id, assignee_id, gender, n, answered, within_sla, wait)
    VALUES (date(NEW.received_at, '+6 hours'), date(NEW.received_at, '+6 hours', 'weekday 0', '-6 days'), NEW.module_id,
            COALESCE(NEW.home_region, ''), COALESCE(NEW.organization_id, 0), COALESCE(NEW.assignee_id, 0), NEW.gender,
            1, NEW.first_answered_at IS NOT NULL, NEW.first_answered_at IS NOT NULL AND NEW.first_answered_at <= NEW.first_due_at,
            CASE WHEN NEW.first_answered_at IS NOT NULL THEN MAX(0, (unixepoch(NEW.first_answered_at) - unixepoch(NEW.received_at)) / 60) END);
END;

CREATE TRIGGER tr_response_stat_delete AFTER DELETE ON response_thread
BEGIN
    INSERT INTO response_stat_change (day, week, module_id, home_region, organization_id, assignee_id, gender, n, answered, within_sla, wait)
    VALUES (date(OLD.received_at, '+6 hours'), date(OLD.received_at, '+6 hours', 'weekday 0', '-6 days'), OLD.module_id,
            COALESCE(OLD.home_region, ''), COALESCE(OLD.organization_id, 0), COALESCE(OLD.assignee_id, 0), OLD.gender,
            -1, -(OLD.first_answered_at IS NOT NULL), -(OLD.first_answered_at IS NOT NULL AND OLD.first_answered_at <= OLD.first_due_at),
            CASE WHEN OLD.first_answered_at IS NOT NULL THEN MAX(0, (unixepoch(OLD.first_answered_at) - unixepoch(OLD.received_at)) / 60) END);
END;

-- Out with the old values, in with the new; an update that moves none of them (a deadline rewritten with the same
-- time) counts nothing.
CREATE TRIGGER tr_response_stat_update AFTER UPDATE OF received_at, module_id, home_region, organization_id, assignee_id, gender, first_answered_at, first_due_at
ON response_thread
WHEN OLD.received_at IS NOT NEW.received_at OR OLD.module_id IS NOT NEW.module_id OR OLD.home_region IS NOT NEW.home_region
  OR OLD.organization_id IS NOT NEW.organization_id OR OLD.assignee_id IS NOT NEW.assignee_id OR OLD.gender IS NOT NEW.gender
  OR OLD.first_answered_at IS NOT NEW.first_answered_at OR OLD.first_due_at IS NOT NEW.first_due_at
BEGIN
    INSERT INTO response_stat_change (day, week, module_id, home_region, organization_id, assignee_id, gender, n, answered, within_sla, wait)
    VALUES (date(OLD.received_at, '+6 hours'), date(OLD.received_at, '+6 hours', 'weekday 0', '-6 days'), OLD.module_id,
            COALESCE(OLD.home_region, ''), COALESCE(OLD.organization_id, 0), COALESCE(OLD.assignee_id, 0), OLD.gender,
            -1, -(OLD.first_answered_at IS NOT NULL), -(OLD.first_answered_at IS NOT NULL AND OLD.first_answered_at <= OLD.first_due_at),
            CASE WHEN OLD.first_answered_at IS NOT NULL THEN MAX(0, (unixepoch(OLD.first_answered_at) - unixepoch(OLD.received_at)) / 60) END);
    INSERT INTO response_stat_change (day, week, module_id, home_region, organization_id, assignee_id, gender, n, answered, within_sla, wait)
    VALUES (date(NEW.received_at, '+6 hours'), date(NEW.received_at, '+6 hours', 'weekday 0', '-6 days'), NEW.module_id,
            COALESCE(NEW.home_region, ''), COALESCE(NEW.organization_id, 0), COALESCE(NEW.assignee_id, 0), NEW.gender,
            1, NEW.first_answered_at IS NOT NULL, NEW.first_answered_at IS NOT NULL AND NEW.first_answered_at <= NEW.first_due_at,
            CASE WHEN NEW.first_answered_at IS NOT NULL THEN MAX(0, (unixepoch(NEW.first_answered_at) - unixepoch(NEW.received_at)) / 60) END);
END;
