-- The desk's list reads each run of a page in index order and stops at the page (Features/Responses/Desk/DeskQueries.cs):
-- threads waiting for an answer by due time, the others by their newest message, each alone or narrowed by state,
-- module or assignee; a leader's threads by the organisation they address. Measured on 1,000,000 threads: without
-- these a page sorted up to a million rows (seconds), with them every page of the first twenty reads in milliseconds.
CREATE INDEX ix_thread_latest ON response_thread (last_in_at, id) WHERE due_at IS NULL;
CREATE INDEX ix_thread_due_state ON response_thread (due_at, state) WHERE due_at IS NOT NULL;
CREATE INDEX ix_thread_state_waiting ON response_thread (state, due_at) WHERE due_at IS NOT NULL;
CREATE INDEX ix_thread_module_waiting ON response_thread (module_id, due_at) WHERE due_at IS NOT NULL;
CREATE INDEX ix_thread_module_latest ON response_thread (module_id, last_in_at) WHERE due_at IS NULL;
CREATE INDEX ix_thread_assignee_waiting ON response_thread (assignee_id, due_at) WHERE due_at IS NOT NULL;
CREATE INDEX ix_thread_assignee_latest ON response_thread (assignee_id, last_in_at) WHERE due_at IS NULL;
CREATE INDEX ix_thread_organization ON response_thread (organization_id) WHERE organization_id IS NOT NULL;
