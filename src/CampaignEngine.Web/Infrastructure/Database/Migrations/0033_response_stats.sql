-- The desk's figures (received, answered, median time to first answer, share answered within the SLA, per module and
-- per assignee, split by gender) over 90 days of a million threads took 0.3–0.6 s from the threads themselves (a
-- join to the directory for every thread's gender, and every answered thread read for the median). This keeps them
-- per Bishkek day in response_stat, current by triggers on every write to response_thread (the intake, staff actions,
-- linking a sender, erasure), whichever code makes it; DeskStats reads a window of days from it.
--
-- A thread snapshots the person's gender and home region when it opens, as a pledge does, so that the figures of a
-- period stay as they were when a person's record is edited later, and so the triggers need not follow the directory.

ALTER TABLE response_thread ADD COLUMN gender TEXT NOT NULL DEFAULT 'unknown';  -- the person's, when the thread opened
ALTER TABLE response_thread ADD COLUMN home_region TEXT;                        -- the person's, when the thread opened

UPDATE response_thread
SET gender = COALESCE((SELECT p.gender FROM directory_compatriot p WHERE p.id = response_thread.compatriot_id), 'unknown'),
    home_region = (SELECT p.home_region FROM directory_compatriot p WHERE p.id = response_thread.compatriot_id)
WHERE compatriot_id IS NOT NULL;

-- One row per (Bishkek day received, module, home region, addressed organisation, assignee, gender): the key holds what
-- AccessScope.ForThreads needs, so a user's figures are scoped on these rows as their threads are. '' and 0 stand for
-- "none" (NULL would break the key's uniqueness). waits: minutes from receipt to the first answer → how many threads,
-- a JSON object, so the median over any window of days is exact to the minute without reading the threads.
CREATE TABLE response_stat (
    day             TEXT NOT NULL,
    module_id       TEXT NOT NULL,
    home_region     TEXT NOT NULL,
    organization_id INTEGER NOT NULL,
    assignee_id     INTEGER NOT NULL,
    gender          TEXT NOT NULL,
    received        INTEGER NOT NULL,
    answered        INTEGER NOT NULL,
    within_sla      INTEGER NOT NULL,
    waits           TEXT NOT NULL,
    PRIMARY KEY (day, module_id, home_region, organization_id, assignee_id, gender)
) WITHOUT ROWID;

-- The threads already stored (an upgrade in place).
INSERT INTO response_stat (day, module_id, home_region, organization_id, assignee_id, gender, received, answered, within_sla, waits)
SELECT day, module_id, home_region, organization_id, assignee_id, gender, SUM(n), SUM(answered), SUM(within_sla),
       COALESCE(json_group_object(wait, n) FILTER (WHERE wait IS NOT NULL), '{}')
FROM (
    SELECT date(received_at, '+6 hours') AS day, module_id, COALESCE(home_region, '') AS home_region, COALESCE(organization_id, 0) AS organization_id,
           COALESCE(assignee_id, 0) AS assignee_id, gender,
           CASE WHEN first_answered_at IS NULL THEN NULL ELSE MAX(0, (unixepoch(first_answered_at) - unixepoch(received_at)) / 60) END AS wait,
           COUNT(*) AS n, SUM(first_answered_at IS NOT NULL) AS answered, SUM(first_answered_at IS NOT NULL AND first_answered_at <= first_due_at) AS within_sla
    FROM response_thread
    GROUP BY 1, 2, 3, 4, 5, 6, 7
)
GROUP BY day, module_id, home_region, organization_id, assignee_id, gender;

-- Counting a thread in, and out. An update does both (out with the old row, in with the new); the updates that move
-- nothing (a new message, a tag, a note) name none of these columns and fire nothing.
CREATE TRIGGER tr_response_stat_insert AFTER INSERT ON response_thread
BEGIN
    INSERT INTO response_stat (day, module_id, home_region, organization_id, assignee_id, gender, received, answered, within_sla, waits)
    VALUES (date(NEW.received_at, '+6 hours'), NEW.module_id, COALESCE(NEW.home_region, ''), COALESCE(NEW.organization_id, 0), COALESCE(NEW.assignee_id, 0), NEW.gender,
            1, NEW.first_answered_at IS NOT NULL, NEW.first_answered_at IS NOT NULL AND NEW.first_answered_at <= NEW.first_due_at,
            CASE WHEN NEW.first_answered_at IS NULL THEN '{}'
                 ELSE json_object(CAST(MAX(0, (unixepoch(NEW.first_answered_at) - unixepoch(NEW.received_at)) / 60) AS TEXT), 1) END)
    ON CONFLICT DO UPDATE SET
        received = received + 1, answered = answered + excluded.answered, within_sla = within_sla + excluded.within_sla,
        waits = CASE WHEN NEW.first_answered_at IS NULL THEN waits ELSE json_set(waits,
            '$."' || MAX(0, (unixepoch(NEW.first_answered_at) - unixepoch(NEW.received_at)) / 60) || '"',
            COALESCE(json_extract(waits, '$."' || MAX(0, (unixepoch(NEW.first_answered_at) - unixepoch(NEW.received_at)) / 60) || '"'), 0) + 1) END;
END;

CREATE TRIGGER tr_response_stat_delete AFTER DELETE ON response_thread
BEGIN
    UPDATE response_stat SET
        received = received - 1, answered = answered - (OLD.first_answered_at IS NOT NULL),
        within_sla = within_sla - (OLD.first_answered_at IS NOT NULL AND OLD.first_answered_at <= OLD.first_due_at),
        waits = CASE WHEN OLD.first_answered_at IS NULL THEN waits
            WHEN json_extract(waits, '$."' || MAX(0, (unixepoch(OLD.first_answered_at) - unixepoch(OLD.received_at)) / 60) || '"') > 1
                THEN json_set(waits, '$."' || MAX(0, (unixepoch(OLD.first_answered_at) - unixepoch(OLD.received_at)) / 60) || '"',
                    json_extract(waits, '$."' || MAX(0, (unixepoch(OLD.first_answered_at) - unixepoch(OLD.received_at)) / 60) || '"') - 1)
            ELSE json_remove(waits, '$."' || MAX(0, (unixepoch(OLD.first_answered_at) - unixepoch(OLD.received_at)) / 60) || '"') END
    WHERE day = date(OLD.received_at, '+6 hours') AND module_id = OLD.module_id AND home_region = COALESCE(OLD.home_region, '')
      AND organization_id = COALESCE(OLD.organization_id, 0) AND assignee_id = COALESCE(OLD.assignee_id, 0) AND gender = OLD.gender;
    DELETE FROM response_stat
    WHERE day = date(OLD.received_at, '+6 hours') AND module_id = OLD.module_id AND home_region = COALESCE(OLD.home_region, '')
      AND organization_id = COALESCE(OLD.organization_id, 0) AND assignee_id = COALESCE(OLD.assignee_id, 0) AND gender = OLD.gender AND received = 0;
END;

-- The update's two halves: the same statements as the delete and the insert triggers, on OLD and on NEW.
CREATE TRIGGER tr_response_stat_update AFTER UPDATE OF received_at, module_id, home_region, organization_id, assignee_id, gender, first_answered_at, first_due_at
ON response_thread
BEGIN
    UPDATE response_stat SET
        received = received - 1, answered = answered - (OLD.first_answered_at IS NOT NULL),
        within_sla = within_sla - (OLD.first_answered_at IS NOT NULL AND OLD.first_answered_at <= OLD.first_due_at),
        waits = CASE WHEN OLD.first_answered_at IS NULL THEN waits
            WHEN json_extract(waits, '$."' || MAX(0, (unixepoch(OLD.first_answered_at) - unixepoch(OLD.received_at)) / 60) || '"') > 1
                THEN json_set(waits, '$."' || MAX(0, (unixepoch(OLD.first_answered_at) - unixepoch(OLD.received_at)) / 60) || '"',
                    json_extract(waits, '$."' || MAX(0, (unixepoch(OLD.first_answered_at) - unixepoch(OLD.received_at)) / 60) || '"') - 1)
            ELSE json_remove(waits, '$."' || MAX(0, (unixepoch(OLD.first_answered_at) - unixepoch(OLD.received_at)) / 60) || '"') END
    WHERE day = date(OLD.received_at, '+6 hours') AND module_id = OLD.module_id AND home_region = COALESCE(OLD.home_region, '')
      AND organization_id = COALESCE(OLD.organization_id, 0) AND assignee_id = COALESCE(OLD.assignee_id, 0) AND gender = OLD.gender;
    DELETE FROM response_stat
    WHERE day = date(OLD.received_at, '+6 hours') AND module_id = OLD.module_id AND home_region = COALESCE(OLD.home_region, '')
      AND organization_id = COALESCE(OLD.organization_id, 0) AND assignee_id = COALESCE(OLD.assignee_id, 0) AND gender = OLD.gender AND received = 0;
    INSERT INTO response_stat (day, module_id, home_region, organization_id, assignee_id, gender, received, answered, within_sla, waits)
    VALUES (date(NEW.received_at, '+6 hours'), NEW.module_id, COALESCE(NEW.home_region, ''), COALESCE(NEW.organization_id, 0), COALESCE(NEW.assignee_id, 0), NEW.gender,
            1, NEW.first_answered_at IS NOT NULL, NEW.first_answered_at IS NOT NULL AND NEW.first_answered_at <= NEW.first_due_at,
            CASE WHEN NEW.first_answered_at IS NULL THEN '{}'
                 ELSE json_object(CAST(MAX(0, (unixepoch(NEW.first_answered_at) - unixepoch(NEW.received_at)) / 60) AS TEXT), 1) END)
    ON CONFLICT DO UPDATE SET
        received = received + 1, answered = answered + excluded.answered, within_sla = within_sla + excluded.within_sla,
        waits = CASE WHEN NEW.first_answered_at IS NULL THEN waits ELSE json_set(waits,
            '$."' || MAX(0, (unixepoch(NEW.first_answered_at) - unixepoch(NEW.received_at)) / 60) || '"',
            COALESCE(json_extract(waits, '$."' || MAX(0, (unixepoch(NEW.first_answered_at) - unixepoch(NEW.received_at)) / 60) || '"'), 0) + 1) END;
END;

-- A sender matched to a person later (or any change of a thread's person) takes that person's snapshot; a thread whose
-- person is erased keeps it, as an erased person's pledges keep theirs (pseudonymous figures).
CREATE TRIGGER tr_response_thread_person AFTER UPDATE OF compatriot_id ON response_thread
WHEN NEW.compatriot_id IS NOT NULL AND NEW.compatriot_id IS NOT OLD.compatriot_id
BEGIN
    UPDATE response_thread
    SET gender = COALESCE((SELECT p.gender FROM directory_compatriot p WHERE p.id = NEW.compatriot_id), 'unknown'),
        home_region = (SELECT p.home_region FROM directory_compatriot p WHERE p.id = NEW.compatriot_id)
    WHERE id = NEW.id;
END;
