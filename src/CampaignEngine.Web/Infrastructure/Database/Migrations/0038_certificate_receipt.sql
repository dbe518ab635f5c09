-- Receipts and yearly statements (issue 17): papers the person downloads from their page, signed with the issuer's key
-- exactly as certificates are. Signatures are the certificates feature's (Features/Certificates/Receipts), so the
-- register is a certificate_ table; the fulfilments they attest stay the pledges feature's, read through a port.
-- A paper is stored when first downloaded, so its serial answers on /verify; a later download of the same content
-- in the same language hands back the same paper, and a changed content (a statement of a year still running, a
-- corrected name) gets a new serial while the earlier papers keep verifying.
CREATE TABLE certificate_receipt (
    id                INTEGER PRIMARY KEY,
    serial            TEXT NOT NULL UNIQUE,
    compatriot_id     INTEGER NOT NULL REFERENCES directory_compatriot (id),
    module_id         TEXT NOT NULL,
    kind              TEXT NOT NULL CHECK (kind IN ('receipt', 'statement')),
    -- The pledges feature's fulfilment a receipt is for; a statement's calendar year.
    fulfilment_id     INTEGER,
    year              INTEGER,
    language          TEXT NOT NULL CHECK (language IN ('ky', 'ru', 'en')),
    holder_name       TEXT NOT NULL,
    -- What the paper attests, '|'-joined as printed (amount, what for, the day received, evidence; or a year's totals),
    -- signed with the rest: the canonical content is the certificate's with this one field more.
    attests           TEXT NOT NULL,
    issued_at         TEXT NOT NULL,
    content_hash      TEXT NOT NULL,
    signature         TEXT NOT NULL,
    key_id            INTEGER NOT NULL,
    issuer_profile_id INTEGER,
    holder_erased_at  TEXT,
    CHECK ((kind = 'receipt') = (fulfilment_id IS NOT NULL)),
    CHECK ((kind = 'statement') = (year IS NOT NULL))
);
CREATE INDEX ix_certificate_receipt_compatriot ON certificate_receipt (compatriot_id, kind);
