-- As SQLite's 0064: no report reads ix_pledge_report any more (totals by gender from 0020's trigger-kept rows, every
-- other report of an administrator or an oblast from the columns each host keeps in memory, a leader's members through
-- ix_pledge_compatriot), and every pledge wrote an entry at a random place in a wide index.
DROP INDEX IF EXISTS ix_pledge_report;
