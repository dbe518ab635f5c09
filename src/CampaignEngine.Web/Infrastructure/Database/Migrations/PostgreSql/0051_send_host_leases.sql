-- PostgreSQL's twin of 0051 (the reasons are written there): the claiming host on each row, and each host's lease.
ALTER TABLE send_message ADD COLUMN claimed_by text;

CREATE TABLE send_host (
    host_id     text PRIMARY KEY,
    lease_until text NOT NULL
);

-- The few SQLite functions the campaigns' and the ledger's SQL call, so that the same statements read alike on both
-- engines (as json_each in the baseline). instr: a channel's place in a person's own channel order.
CREATE FUNCTION instr(haystack text, needle text) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
    SELECT strpos(haystack, needle)
$$;

-- The scalar min of several numbers (SQLite's min(a, b, …)); with one argument min stays the aggregate.
CREATE FUNCTION min(VARIADIC numbers bigint[]) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
    SELECT min(n) FROM unnest(numbers) AS n
$$;

-- Random bytes for tracking and opt-out tokens (lower(hex(randomblob(16)))): gen_random_uuid draws from the
-- server's strong random source, as SQLite's randomblob does; each one gives 122 random bits of its 128.
CREATE FUNCTION randomblob(n int) RETURNS bytea LANGUAGE sql VOLATILE AS $$
    SELECT substring(decode(string_agg(replace(gen_random_uuid()::text, '-', ''), ''), 'hex') FROM 1 FOR n)
    FROM generate_series(1, (n + 15) / 16)
$$;

CREATE FUNCTION hex(bytes bytea) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT upper(encode(bytes, 'hex'))
$$;

-- A condition times a number (SQLite's booleans are 0 and 1): the reach mask of the audience preview reads
-- "(consented AND has an address) * bit". Immutable, so ix_compatriot_reach can index the same expression.
CREATE FUNCTION boolean_times(condition boolean, factor integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
    SELECT condition::int * factor
$$;

CREATE OPERATOR * (LEFTARG = boolean, RIGHTARG = integer, FUNCTION = boolean_times);

DROP INDEX ix_compatriot_reach;
CREATE INDEX ix_compatriot_reach ON directory_compatriot (home_region, country, gender,
    (((consent_whatsapp = 1 AND phone IS NOT NULL AND phone <> '') * 1)
    + ((consent_telegram = 1 AND telegram IS NOT NULL AND telegram <> '') * 2)
    + ((consent_sms = 1 AND phone IS NOT NULL AND phone <> '') * 4)
    + ((consent_email = 1 AND email IS NOT NULL AND email <> '') * 8)),
    birth_year, language, willing, organization_id);
