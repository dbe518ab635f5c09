-- The desk's daily and weekly figures (0048's response_stat and response_stat_week) leave half of each page free.
--
-- Every thread that opens, is answered or changes hands rewrites its day's and its week's row, and a week's row is
-- rewritten thousands of times in its week. A new version goes on the same page when the page has room for it (a HOT
-- update: no index entry, and the page prunes the old versions itself); on a full page it goes wherever the free space
-- map finds room. Filled to the brim, the weekly rows of 90 days had spread over 3,643 of the table's 4,350 pages after a
-- million threads, and reading them took 17–21 ms of the figures' query instead of 5 (docs/benchmarks.md, session 25).
-- Pages written from now on keep the room; the rows already written move into it as they are rewritten.
ALTER TABLE response_stat SET (fillfactor = 50);
ALTER TABLE response_stat_week SET (fillfactor = 50);
