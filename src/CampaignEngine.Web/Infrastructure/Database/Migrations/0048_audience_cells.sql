-- The audience preview of a national module (54% of 1,000,000 people) grouped some 540,000 entries of ix_compatriot_reach
-- on every call: 67-132 ms, 24-31x a bare COUNT(*) over the directory (issue 20 asks for at most 10x). This table holds
-- the directory counted per (home region, country, gender, reach mask, language, willingness): some 33,000 cells for a
-- million people (the generated directory of the bench), which the preview sums with the same filter it gives the
-- people (its columns are named as the directory's, so AudienceSql's conditions read them as they are). Segments by
-- age band or organisation still count the people themselves (ix_compatriot_reach): a birth year per cell would make
-- some 260,000 cells.
--
-- Triggers keep it current on every write to directory_compatriot, whichever code makes it (imports, staff edits, the
-- person's own page, opt-outs, erasure). The mask is AudienceSql.ReachMask written over NEW and OLD: a test compares the
-- cells with the people on random data after random writes. Columns may be NULL (no home region, no willingness), so
-- a cell is found with IS rather than a primary key (an upsert never conflicts on NULL); cells left at zero stay, the
-- preview drops empty groups.

CREATE TABLE directory_audience_cell (
    home_region TEXT,
    country     TEXT,
    gender      TEXT,
    mask        INTEGER NOT NULL,
    language    TEXT,
    willing     TEXT,
    people      INTEGER NOT NULL
);
-- In the preview's GROUP BY order (home_region, country, gender, mask), so its sum needs no sort.
CREATE INDEX ix_audience_cell ON directory_audience_cell (home_region, country, gender, mask, language, willing, people);

INSERT INTO directory_audience_cell (home_region, country, gender, mask, language, willing, people)
SELECT c.home_region, c.country, c.gender, (((c.consent_whatsapp = 1 AND c.phone IS NOT NULL AND c.phone <> '') * 1)
        + ((c.consent_telegram = 1 AND c.telegram IS NOT NULL AND c.telegram <> '') * 2)
        + ((c.consent_sms = 1 AND c.phone IS NOT NULL AND c.phone <> '') * 4)
        + ((c.consent_email = 1 AND c.email IS NOT NULL AND c.email <> '') * 8)), c.language, c.willing, COUNT(*)
FROM directory_compatriot c
GROUP BY 1, 2, 3, 4, 5, 6;

CREATE TRIGGER tr_audience_cell_insert AFTER INSERT ON directory_compatriot
BEGIN
    INSERT INTO directory_audience_cell (home_region, country, gender, mask, language, willing, people)
    SELECT NEW.home_region, NEW.country, NEW.gender, (((NEW.consent_whatsapp = 1 AND NEW.phone IS NOT NULL AND NEW.phone <> '') * 1)
        + ((NEW.consent_telegram = 1 AND NEW.telegram IS NOT NULL AND NEW.telegram <> '') * 2)
        + ((NEW.consent_sms = 1 AND NEW.phone IS NOT NULL AND NEW.phone <> '') * 4)
        + ((NEW.consent_email = 1 AND NEW.email IS NOT NULL AND NEW.email <> '') * 8)), NEW.language, NEW.willing, 0
    WHERE NOT EXISTS (SELECT 1 FROM directory_audience_cell k WHERE k.home_region IS NEW.home_region AND k.country IS NEW.country AND k.gender IS NEW.gender
        AND k.mask = (((NEW.consent_whatsapp = 1 AND NEW.phone IS NOT NULL AND NEW.phone <> '') * 1)
        + ((NEW.consent_telegram = 1 AND NEW.telegram IS NOT NULL AND NEW.telegram <> '') * 2)
        + ((NEW.consent_sms = 1 AND NEW.phone IS NOT NULL AND NEW.phone <> '') * 4)
        + ((NEW.consent_email = 1 AND NEW.email IS NOT NULL AND NEW.email <> '') * 8))
        AND k.language IS NEW.language AND k.willing IS NEW.willing);
    UPDATE directory_audience_cell SET people = people + 1 WHERE home_region IS NEW.home_region AND country IS NEW.country AND gender IS NEW.gender
        AND mask = (((NEW.consent_whatsapp = 1 AND NEW.phone IS NOT NULL AND NEW.phone <> '') * 1)
        + ((NEW.consent_telegram = 1 AND NEW.telegram IS NOT NULL AND NEW.telegram <> '') * 2)
        + ((NEW.consent_sms = 1 AND NEW.phone IS NOT NULL AND NEW.phone <> '') * 4)
        + ((NEW.consent_email = 1 AND NEW.email IS NOT NULL AND NEW.email <> '') * 8))
        AND language IS NEW.language AND willing IS NEW.willing;
END;

CREATE TRIGGER tr_audience_cell_delete AFTER DELETE ON directory_compatriot
BEGIN
    UPDATE directory_audience_cell SET people = people - 1 WHERE home_region IS OLD.home_region AND country IS OLD.country AND gender IS OLD.gender
        AND mask = (((OLD.consent_whatsapp = 1 AND OLD.phone IS NOT NULL AND OLD.phone <> '') * 1)
        + ((OLD.consent_telegram = 1 AND OLD.telegram IS NOT NULL AND OLD.telegram <> '') * 2)
        + ((OLD.consent_sms = 1 AND OLD.phone IS NOT NULL AND OLD.phone <> '') * 4)
        + ((OLD.consent_email = 1 AND OLD.email IS NOT NULL AND OLD.email <> '') * 8))
        AND language IS OLD.language AND willing IS OLD.willing;
END;

-- Out of the old cell, into the new one; skipped when no key of the cell changed (a name, a phone number exchanged
-- for another).
CREATE TRIGGER tr_audience_cell_update AFTER UPDATE OF home_region, country, gender, language, willing, consent_whatsapp, consent_telegram, consent_sms, consent_email, phone, telegram, email ON directory_compatriot
WHEN OLD.home_region IS NOT NEW.home_region OR OLD.country IS NOT NEW.country OR OLD.gender IS NOT NEW.gender
    OR OLD.language IS NOT NEW.language OR OLD.willing IS NOT NEW.willing
    OR (((OLD.consent_whatsapp = 1 AND OLD.phone IS NOT NULL AND OLD.phone <> '') * 1)
        + ((OLD.consent_telegram = 1 AND OLD.telegram IS NOT NULL AND OLD.telegram <> '') * 2)
        + ((OLD.consent_sms = 1 AND OLD.phone IS NOT NULL AND OLD.phone <> '') * 4)
        + ((OLD.consent_email = 1 AND OLD.email IS NOT NULL AND OLD.email <> '') * 8)) <> (((NEW.consent_whatsapp = 1 AND NEW.phone IS NOT NULL AND NEW.phone <> '') * 1)
        + ((NEW.consent_telegram = 1 AND NEW.telegram IS NOT NULL AND NEW.telegram <> '') * 2)
        + ((NEW.consent_sms = 1 AND NEW.phone IS NOT NULL AND NEW.phone <> '') * 4)
        + ((NEW.consent_email = 1 AND NEW.email IS NOT NULL AND NEW.email <> '') * 8))
BEGIN
    UPDATE directory_audience_cell SET people = people - 1 WHERE home_region IS OLD.home_region AND country IS OLD.country AND gender IS OLD.gender
        AND mask = (((OLD.consent_whatsapp = 1 AND OLD.phone IS NOT NULL AND OLD.phone <> '') * 1)
        + ((OLD.consent_telegram = 1 AND OLD.telegram IS NOT NULL AND OLD.telegram <> '') * 2)
        + ((OLD.consent_sms = 1 AND OLD.phone IS NOT NULL AND OLD.phone <> '') * 4)
        + ((OLD.consent_email = 1 AND OLD.email IS NOT NULL AND OLD.email <> '') * 8))
        AND language IS OLD.language AND willing IS OLD.willing;
    INSERT INTO directory_audience_cell (home_region, country, gender, mask, language, willing, people)
    SELECT NEW.home_region, NEW.country, NEW.gender, (((NEW.consent_whatsapp = 1 AND NEW.phone IS NOT NULL AND NEW.phone <> '') * 1)
        + ((NEW.consent_telegram = 1 AND NEW.telegram IS NOT NULL AND NEW.telegram <> '') * 2)
        + ((NEW.consent_sms = 1 AND NEW.phone IS NOT NULL AND NEW.phone <> '') * 4)
        + ((NEW.consent_email = 1 AND NEW.email IS NOT NULL AND NEW.email <> '') * 8)), NEW.language, NEW.willing, 0
    WHERE NOT EXISTS (SELECT 1 FROM directory_audience_cell k WHERE k.home_region IS NEW.home_region AND k.country IS NEW.country AND k.gender IS NEW.gender
        AND k.mask = (((NEW.consent_whatsapp = 1 AND NEW.phone IS NOT NULL AND NEW.phone <> '') * 1)
        + ((NEW.consent_telegram = 1 AND NEW.telegram IS NOT NULL AND NEW.telegram <> '') * 2)
        + ((NEW.consent_sms = 1 AND NEW.phone IS NOT NULL AND NEW.phone <> '') * 4)
        + ((NEW.consent_email = 1 AND NEW.email IS NOT NULL AND NEW.email <> '') * 8))
        AND k.language IS NEW.language AND k.willing IS NEW.willing);
    UPDATE directory_audience_cell SET people = people + 1 WHERE home_region IS NEW.home_region AND country IS NEW.country AND gender IS NEW.gender
        AND mask = (((NEW.consent_whatsapp = 1 AND NEW.phone IS NOT NULL AND NEW.phone <> '') * 1)
        + ((NEW.consent_telegram = 1 AND NEW.telegram IS NOT NULL AND NEW.telegram <> '') * 2)
        + ((NEW.consent_sms = 1 AND NEW.phone IS NOT NULL AND NEW.phone <> '') * 4)
        + ((NEW.consent_email = 1 AND NEW.email IS NOT NULL AND NEW.email <> '') * 8))
        AND language IS NEW.language AND willing IS NEW.willing;
END;
