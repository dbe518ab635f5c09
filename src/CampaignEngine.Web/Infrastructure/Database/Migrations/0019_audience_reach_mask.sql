-- The audience preview counts a module's people by country × gender × chosen channel. It used to evaluate the
-- channel CASE (consent and address per channel, in the campaign's order) on every matching entry and sort them all
-- for the GROUP BY: 1.7 s for a national module on 1,000,000 people. This index holds, after (home_region, country,
-- gender), which channels each person can be reached on as a bit mask (bit i = Vocabulary.Channels[i]: consented
-- and a non-empty address). The preview groups on these four keys in index order — SQLite reads the index alone,
-- takes the mask from it and needs no sort — and applies the campaign's priority to the few hundred groups in C#.
-- The trailing columns are the other segment filters (age, language, willingness, organisation), so a segmented
-- preview reads this index alone too instead of looking up each match's row.
-- The expression must stay exactly AudienceSql.ReachMask (SQLite matches indexed expressions by their form; a test
-- checks the plan). A VIRTUAL generated column would read better, but SQLite does not read a virtual column's
-- value from an index: it treats such an index as non-covering and looks up every table row.
CREATE INDEX ix_compatriot_reach ON directory_compatriot (home_region, country, gender,
    ((consent_whatsapp = 1 AND phone IS NOT NULL AND phone <> '') * 1)
    + ((consent_telegram = 1 AND telegram IS NOT NULL AND telegram <> '') * 2)
    + ((consent_sms = 1 AND phone IS NOT NULL AND phone <> '') * 4)
    + ((consent_email = 1 AND email IS NOT NULL AND email <> '') * 8),
    birth_year, language, willing, organization_id);
