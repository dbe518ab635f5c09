-- The audience preview groups a module's people by country × gender × chosen channel, and the launch reads the
-- same people's language and time zone. With the old index (home_region, country, gender, birth_year, language)
-- every match cost a lookup of its table row for the consents and addresses: a national preview on a million
-- people read half the table at random. This index holds every column those queries read, so they scan it alone;
-- it keeps the old index's leading columns, so the segment filters (age, language) still seek on it.
DROP INDEX ix_compatriot_audience;
CREATE INDEX ix_compatriot_audience ON directory_compatriot (
    home_region, country, gender, birth_year, language,
    consent_whatsapp, consent_telegram, consent_sms, consent_email, phone, telegram, email, time_zone);
