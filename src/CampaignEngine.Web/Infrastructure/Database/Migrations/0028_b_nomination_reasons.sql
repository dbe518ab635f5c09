-- A module's nomination says why in every language ("For supporting “School renovation” with 1,500 USD in 2026"), so
-- the certificate prints the reason in its own language whichever the approver chooses; reason keeps the donor's.
-- NULL for a leader's nomination, written by a person in one language.
ALTER TABLE certificate_nomination ADD COLUMN reason_ky TEXT;
ALTER TABLE certificate_nomination ADD COLUMN reason_ru TEXT;
ALTER TABLE certificate_nomination ADD COLUMN reason_en TEXT;
