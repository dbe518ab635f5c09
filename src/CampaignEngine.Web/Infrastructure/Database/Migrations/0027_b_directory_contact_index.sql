-- Confirming an offer from a project page looks for people who already gave that phone or e-mail: by index, not by
-- reading the whole directory.
CREATE INDEX ix_compatriot_phone ON directory_compatriot (phone) WHERE phone IS NOT NULL;
CREATE INDEX ix_compatriot_email ON directory_compatriot (lower(email)) WHERE email IS NOT NULL;
