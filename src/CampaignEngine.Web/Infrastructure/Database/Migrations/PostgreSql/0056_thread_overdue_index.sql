-- PostgreSQL only (SQLite reads the overdue page off its due-time index already: DeskSql). The desk's overdue list asked
-- for threads with a due time, past it, new or assigned: three conditions that the planner multiplied as if they were
-- independent, when a thread has a due time exactly while it waits, which it mostly does new or assigned. It expected
-- 62 overdue threads of an oblast where there were 5,715 (200,000 threads), so it read them all through the scope's
-- indexes and sorted them for a page of 50. Overdue is now one expression, the due time of a thread that waits in one
-- of those states; ANALYZE keeps statistics on an index's expression, and the index gives the list's order.
CREATE INDEX ix_thread_overdue ON response_thread ((CASE WHEN state IN ('new', 'assigned') THEN due_at END), id);
ANALYZE response_thread;
