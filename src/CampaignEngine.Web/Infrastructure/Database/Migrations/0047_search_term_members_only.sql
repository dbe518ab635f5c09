-- The search terms' index for a leader's scope (organisation, term) held an entry for every term of every person,
-- nineteen in twenty of them under no organisation, which no search reads: a leader's search asks for one
-- organisation, and national and oblast searches have their own indexes. Only members' terms are kept in it now,
-- so an import of a million people builds and keeps an index of its members instead of one of everybody.
DROP INDEX ix_search_term_organization;
CREATE INDEX ix_search_term_organization ON directory_search_term (organization_id, term) WHERE organization_id IS NOT NULL;
