-- The desk's list counts its threads exactly, for every filter and scope, on a million threads (Features/Responses/Desk/
-- DeskQueries.cs). Two things made that slow, and both go here.
--
-- 1. The scope joined the directory. An oblast administration sees the threads of its region's natives
--    (AccessScope.ForThreads), and the list read each thread's person for their home region. The thread already keeps
--    a home_region (migration 0033); the scope now reads it, and this keeps it the person's region of TODAY: who the
--    person is decides who serves them and who may read their words. A person whose home region is corrected belongs
--    to the new administration, and the old one no longer sees them in the directory, so it must not keep seeing their
--    questions either. (The desk's figures are per module, assignee and gender, and are scoped on the same column, so
--    an oblast's figures and its list keep counting the same threads.) An erased person's threads are deleted with
--    their words, so no erased region has to be kept.
UPDATE response_thread
SET home_region = (SELECT p.home_region FROM directory_compatriot p WHERE p.id = response_thread.compatriot_id)
WHERE compatriot_id IS NOT NULL
  AND home_region IS NOT (SELECT p.home_region FROM directory_compatriot p WHERE p.id = response_thread.compatriot_id);

-- Whichever code corrects a person's region (an import, an edit, a change the person proposed), their threads follow.
CREATE TRIGGER tr_response_thread_home_region AFTER UPDATE OF home_region ON directory_compatriot
WHEN NEW.home_region IS NOT OLD.home_region
BEGIN
    UPDATE response_thread SET home_region = NEW.home_region WHERE compatriot_id = NEW.id;
END;

-- 2. Counting hundreds of thousands of rows costs tens to hundreds of milliseconds whatever the index. This keeps the
--    number of threads per value of every column the list filters on (and the scope's three), current by triggers on
--    every write to response_thread, as response_stat keeps the figures; a total is a SUM over the few rows the
--    filter and the scope leave. '' and 0 stand for "none" (they never equal a region, an organisation or a user the
--    scope or a filter names). waiting: the thread has a due time (new or assigned, waiting for an answer); the
--    overdue total is the waiting ones less those not yet due, which ix_thread_due_scope counts in a short range.
CREATE TABLE response_thread_count (
    home_region     TEXT NOT NULL,
    module_id       TEXT NOT NULL,
    organization_id INTEGER NOT NULL,
    state           TEXT NOT NULL,
    channel         TEXT NOT NULL,
    assignee_id     INTEGER NOT NULL,
    topics          TEXT NOT NULL,
    waiting         INTEGER NOT NULL,
    n               INTEGER NOT NULL,
    PRIMARY KEY (home_region, module_id, organization_id, state, channel, assignee_id, topics, waiting)
) WITHOUT ROWID;

INSERT INTO response_thread_count (home_region, module_id, organization_id, state, channel, assignee_id, topics, waiting, n)
SELECT COALESCE(home_region, ''), module_id, COALESCE(organization_id, 0), state, channel, COALESCE(assignee_id, 0), topics, due_at IS NOT NULL, COUNT(*)
FROM response_thread
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;

-- A thread counted in (+1) or out (-1) is one row written to this view: its trigger adds it to the counts and drops a
-- count that reaches nought, so the three triggers below share one way of counting.
CREATE VIEW response_thread_count_change AS
SELECT home_region, module_id, organization_id, state, channel, assignee_id, topics, waiting, n FROM response_thread_count;

CREATE TRIGGER tr_response_thread_count_change INSTEAD OF INSERT ON response_thread_count_change
BEGIN
    INSERT INTO response_thread_count (home_region, module_id, organization_id, state, channel, assignee_id, topics, waiting, n)
    VALUES (NEW.home_region, NEW.module_id, NEW.organization_id, NEW.state, NEW.channel, NEW.assignee_id, NEW.topics, NEW.waiting, NEW.n)
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
    DELETE FROM response_thread_count
    WHERE home_region = NEW.home_region AND module_id = NEW.module_id AND organization_id = NEW.organization_id AND state = NEW.state
      AND channel = NEW.channel AND assignee_id = NEW.assignee_id AND topics = NEW.topics AND waiting = NEW.waiting AND n = 0;
END;

CREATE TRIGGER tr_response_thread_count_insert AFTER INSERT ON response_thread
BEGIN
    INSERT INTO response_thread_count_change VALUES (COALESCE(NEW.home_region, ''), NEW.module_id, COALESCE(NEW.organization_id, 0), NEW.state,
        NEW.channel, COALESCE(NEW.assignee_id, 0), NEW.topics, NEW.due_at IS NOT NULL, 1);
END;

CREATE TRIGGER tr_response_thread_count_delete AFTER DELETE ON response_thread
BEGIN
    INSERT INTO response_thread_count_change VALUES (COALESCE(OLD.home_region, ''), OLD.module_id, COALESCE(OLD.organization_id, 0), OLD.state,
        OLD.channel, COALESCE(OLD.assignee_id, 0), OLD.topics, OLD.due_at IS NOT NULL, -1);
END;

-- A new message rewrites due_at with the same value most of the time: only a change that moves the thread's row counts.
CREATE TRIGGER tr_response_thread_count_update AFTER UPDATE OF home_region, module_id, organization_id, state, channel, assignee_id, topics, due_at
ON response_thread
WHEN OLD.home_region IS NOT NEW.home_region OR OLD.module_id IS NOT NEW.module_id OR OLD.organization_id IS NOT NEW.organization_id
  OR OLD.state IS NOT NEW.state OR OLD.channel IS NOT NEW.channel OR OLD.assignee_id IS NOT NEW.assignee_id OR OLD.topics IS NOT NEW.topics
  OR (OLD.due_at IS NULL) <> (NEW.due_at IS NULL)
BEGIN
    INSERT INTO response_thread_count_change VALUES (COALESCE(OLD.home_region, ''), OLD.module_id, COALESCE(OLD.organization_id, 0), OLD.state,
        OLD.channel, COALESCE(OLD.assignee_id, 0), OLD.topics, OLD.due_at IS NOT NULL, -1);
    INSERT INTO response_thread_count_change VALUES (COALESCE(NEW.home_region, ''), NEW.module_id, COALESCE(NEW.organization_id, 0), NEW.state,
        NEW.channel, COALESCE(NEW.assignee_id, 0), NEW.topics, NEW.due_at IS NOT NULL, 1);
END;

-- The waiting threads by due time with every column a filter or the scope reads: the overdue total's threads not yet
-- due are a short range of it, read without the table; it also serves the waiting run of a scoped page (the scope is
-- checked in the index). It covers what ix_thread_due_state (due_at, state) did.
CREATE INDEX ix_thread_due_scope ON response_thread (due_at, state, home_region, module_id, organization_id, channel, assignee_id, topics)
WHERE due_at IS NOT NULL;
DROP INDEX ix_thread_due_state;
