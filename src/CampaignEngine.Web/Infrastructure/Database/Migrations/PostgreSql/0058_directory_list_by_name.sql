-- PostgreSQL's twin of 0058: the directory list's order, national and per home region, kept by two indexes, so that a
-- page of the unsearched list is a walk of 50 entries instead of a sort of everyone in the scope.
CREATE INDEX ix_compatriot_name ON directory_compatriot (full_name, id);
CREATE INDEX ix_compatriot_region_name ON directory_compatriot (home_region, full_name, id);
