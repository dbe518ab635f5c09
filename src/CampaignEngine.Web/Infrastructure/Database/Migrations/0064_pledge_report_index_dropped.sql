-- ix_pledge_report (0013) let the pledge report read gender, person, status and amounts from an index alone. The report
-- no longer reads it: the totals by gender come from 0020's trigger-kept rows, every other report an administrator or an
-- oblast sees comes from the columns each host keeps in memory (Features/Reports/PledgeColumns.cs), and the detail query
-- left for a leader's members finds them by ix_pledge_compatriot.
--
-- Every pledge still wrote it. Ordered by gender and person, each new pledge lands on a page of its own somewhere in a
-- wide index, so a group commit of ten pledges from ten people wrote about ten pages more to the log than without it,
-- and the checkpointer copied them back again. Measured through the public endpoint (bench --only intake, 32 clients):
-- 9,700 -> 12,200 pledges a second, p99 34 -> 7 ms (docs/benchmarks.md, session 27).
DROP INDEX IF EXISTS ix_pledge_report;
