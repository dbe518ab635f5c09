-- SQLite's lower() and LIKE fold ASCII only; names are mostly Cyrillic (ң ө ү), so the directory keeps a
-- lower-cased copy of the name, folded in .NET, for the name search.
ALTER TABLE directory_compatriot ADD COLUMN search_name TEXT;
CREATE INDEX ix_organization_name ON directory_organization (name);
