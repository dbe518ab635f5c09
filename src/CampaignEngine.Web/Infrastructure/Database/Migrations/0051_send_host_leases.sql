-- Several hosts sending from one PostgreSQL database (issue 19, ADR 0013). A claimed row names the host that claimed it,
-- and each host holds a lease it renews while it lives: a host killed mid-send stops renewing, and once its lease has
-- run out any other host returns its claimed rows to the queue. On SQLite one process owns the file and start-up
-- recovery returns every row left 'sending' (ADR 0002), so the column stays empty there; it exists on both engines so
-- that the schemas stay one.
ALTER TABLE send_message ADD COLUMN claimed_by TEXT;

CREATE TABLE send_host (
    host_id     TEXT PRIMARY KEY,
    lease_until TEXT NOT NULL
);
