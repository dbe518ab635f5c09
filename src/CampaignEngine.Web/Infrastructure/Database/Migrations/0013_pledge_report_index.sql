-- The gender-disaggregated pledge report reads only this index: rows come in gender order (no sort for the
-- GROUP BY) and every aggregated column is in the index (no lookup of the 30-column row). Measured on 1,000,000
-- pledges: 2.0 s → 0.6 s of CPU. See docs/benchmarks.md.
CREATE INDEX ix_pledge_report ON pledge (gender, compatriot_id, status, amount_usd, amount_kgs, fulfilled_usd, hours);
