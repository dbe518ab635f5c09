-- Issued certificates are delivered to their holders through the send ledger: one system campaign per bulk
-- job, or per module and day for single issues, with a tokenised link that opens the holder's own paper.

CREATE TABLE certificate_delivery (
    id            INTEGER PRIMARY KEY,
    serial        TEXT NOT NULL REFERENCES certificate (serial),
    compatriot_id INTEGER NOT NULL REFERENCES directory_compatriot (id),
    campaign_id   INTEGER NOT NULL REFERENCES campaign (id),
    -- 128-bit random, like the tracked links; the link stops working after expires_at.
    token         TEXT NOT NULL UNIQUE,
    expires_at    TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    -- One message per person and delivery campaign carries one certificate.
    UNIQUE (campaign_id, compatriot_id)
);
CREATE INDEX ix_certificate_delivery_serial ON certificate_delivery (serial);

CREATE UNIQUE INDEX ux_campaign_certificate_delivery ON campaign (module_id, name) WHERE purpose = 'certificate-delivery';

-- The delivery campaign of a bulk job, when its certificates were delivered to their holders.
ALTER TABLE certificate_job ADD COLUMN delivery_campaign_id INTEGER REFERENCES campaign (id);
