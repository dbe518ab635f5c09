-- A monthly pledge the person steers from their own page (issue 17): paused (no reminder until resumed) or stopped (the
-- standing pledge ends; what arrived still counts, the status is untouched). NULL: it runs as pledged. Who changed it
-- last ('self': the person through their page) and when, so staff read "stopped by the person" with the time. The
-- columns are not in the report's triggers (UPDATE OF status, …): steering a pledge changes no total.
ALTER TABLE pledge ADD COLUMN standing TEXT CHECK (standing IN ('paused', 'stopped'));
ALTER TABLE pledge ADD COLUMN standing_by TEXT;
ALTER TABLE pledge ADD COLUMN standing_at TEXT;
