-- The dispatcher claims a campaign's due rows in not_before order, 500 at a time. With (campaign_id, status)
-- SQLite either sorts every pending row of the campaign per claim (quadratic over a million-row send) or walks
-- the due rows of all campaigns; with not_before in the key the claim reads exactly its batch, in order.
-- The old index is a prefix of the new one, so per-campaign counts keep their index.
DROP INDEX ix_send_campaign_status;
CREATE INDEX ix_send_campaign_status ON send_message (campaign_id, status, not_before);
