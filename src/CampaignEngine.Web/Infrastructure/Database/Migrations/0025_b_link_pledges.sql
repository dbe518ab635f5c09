-- The projects a campaign asks for. A pledge through one of the campaign's links may name only these (or none), so
-- a link cannot put money on another region's project.
CREATE TABLE campaign_project (
    campaign_id INTEGER NOT NULL REFERENCES campaign (id),
    project_id  INTEGER NOT NULL REFERENCES pledge_project (id),
    PRIMARY KEY (campaign_id, project_id)
) WITHOUT ROWID;

-- Pledges made through each link per UTC day, counted up in the same statement that checks the bound
-- (Pledges:PerLinkPerDay), inside the pledge's own transaction: parallel requests cannot pass it together.
CREATE TABLE pledge_link_day (
    message_id INTEGER NOT NULL,
    day        TEXT NOT NULL,
    pledges    INTEGER NOT NULL,
    PRIMARY KEY (message_id, day)
) WITHOUT ROWID;
