-- ix_send_due (status, not_before) is left from before claims went per campaign (0004). Every message changes
-- status twice (pending → sending → sent), and each change rewrote an entry here as well as in
-- ix_send_campaign_status: measured on 20,000 claims, the claim took 180 ms with it and 110 ms without. Nothing needs
-- it any more: start-up recovery finds 'sending' rows per campaign through ix_send_campaign_status, and the hourly
-- undelivered check and the dashboard read most of the ledger either way.
DROP INDEX IF EXISTS ix_send_due;
