-- A person's "at most N messages a month" (issue 17) held however many dispatches run at once (Features/Sending/MonthlyCap.cs).
-- Counting the ledger before sending let two campaigns dispatching together both see room and both send. Now each
-- capped person has one counter per calendar month of their time zone, and a message claimed for them takes a place
-- with one conditional UPDATE (taken < cap) in the claim's transaction: the check and the take are one statement, on
-- SQLite under its one writer, on PostgreSQL under the row's lock. Only people who set a cap ever get a row.
CREATE TABLE send_person_month (
    compatriot_id INTEGER NOT NULL REFERENCES directory_compatriot (id),
    month         TEXT NOT NULL,     -- yyyy-MM in the person's time zone
    taken         INTEGER NOT NULL,  -- messages sent this month, plus those on their way
    PRIMARY KEY (compatriot_id, month)
) WITHOUT ROWID;

-- The month whose place a message holds, from its claim until it is sent (kept) or not (given back); NULL for the
-- messages of people without a cap, and of purposes the cap exempts.
ALTER TABLE send_message ADD COLUMN counted_month TEXT;
