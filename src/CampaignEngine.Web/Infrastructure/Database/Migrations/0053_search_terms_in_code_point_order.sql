-- 0053: the person search's terms compare in code point order. SQLite compares text byte by byte (BINARY), which for
-- UTF-8 is code point order, so "term >= prefix AND term < prefix || U+10FFFF" is exactly the terms beginning with the
-- prefix (Compatriots/Search/PersonSearch.cs). Nothing changes here: PostgreSQL's twin sets the same order there, where a
-- database's default collation (en_US.UTF-8, say) would sort by language rules instead.
SELECT 1;
