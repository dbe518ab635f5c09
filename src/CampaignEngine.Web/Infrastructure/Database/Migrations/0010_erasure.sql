-- When a person asks to be forgotten, the row stays (pledges point at it, so totals stay right) but its
-- personal fields are emptied and the time of erasure is kept.
ALTER TABLE directory_compatriot ADD COLUMN erased_at TEXT;
