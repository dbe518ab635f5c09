-- PostgreSQL's twin of 0053: the search terms in code point order (COLLATE "C"), as SQLite's BINARY compares them, so the
-- picker's prefix range finds exactly the terms that begin with what was typed whatever the database's default collation.
-- The primary key and the term indexes are rebuilt in that order with the column.
ALTER TABLE directory_search_term ALTER COLUMN term TYPE text COLLATE "C";
