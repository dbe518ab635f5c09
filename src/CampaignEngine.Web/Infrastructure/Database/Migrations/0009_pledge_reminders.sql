-- Monthly pledge reminders go out as system campaigns (one per module and month), so they use the
-- same ledger, windows, consent checks and channels as any appeal, and a month is never sent twice.
ALTER TABLE campaign ADD COLUMN purpose TEXT NOT NULL DEFAULT 'appeal';
CREATE UNIQUE INDEX ux_campaign_reminder ON campaign (module_id, name) WHERE purpose = 'pledge-reminder';
