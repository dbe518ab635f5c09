-- The responses desk: every reply and question a person (or a sender matched to nobody) sends lands in a thread that a
-- person on staff owns, answers within a working-day deadline, and closes. Owned by the responses feature
-- (Features/Responses/Desk); the webhooks, the mailbox poller and the landing page's question form add to it through
-- the desk's intake, and answers leave through the send ledger.
CREATE TABLE response_thread (
    id                INTEGER PRIMARY KEY,
    compatriot_id     INTEGER REFERENCES directory_compatriot (id),  -- NULL: an unknown sender
    unknown_sender    TEXT,            -- the address or handle of a sender matched to nobody
    module_id         TEXT NOT NULL,   -- the module (oblast administration) that answers
    campaign_id       INTEGER,         -- the campaign the first message answers, when known
    message_id        INTEGER,         -- the ledger message it answers, when known
    channel           TEXT NOT NULL,   -- where the person wrote: email, whatsapp, telegram, sms or web
    addressed_to      TEXT NOT NULL DEFAULT 'administration' CHECK (addressed_to IN ('administration', 'organisation')),
    organization_id   INTEGER,         -- the organisation addressed: its leaders see the thread
    language          TEXT NOT NULL,
    state             TEXT NOT NULL DEFAULT 'new' CHECK (state IN ('new', 'assigned', 'answered', 'closed', 'forwarded')),
    assignee_id       INTEGER REFERENCES auth_user (id),
    topics            TEXT NOT NULL DEFAULT '',  -- ';'-separated codes of the desk's topic vocabulary
    forwarded_to      TEXT,
    received_at       TEXT NOT NULL,   -- the first message
    last_in_at        TEXT NOT NULL,   -- the newest message from the person
    due_at            TEXT,            -- when an answer is due; NULL while nothing waits for one
    first_due_at      TEXT NOT NULL,   -- the first question's deadline: "answered within the SLA" is measured on it
    first_answered_at TEXT,
    last_answered_at  TEXT,
    closed_at         TEXT,
    last_message      TEXT NOT NULL,   -- the newest message, shortened, for lists
    email_reference   TEXT             -- the Message-ID of the person's newest e-mail: an answer replies to it
);
CREATE INDEX ix_thread_waiting ON response_thread (due_at, id) WHERE due_at IS NOT NULL;
CREATE INDEX ix_thread_state ON response_thread (state, last_in_at);
CREATE INDEX ix_thread_module ON response_thread (module_id, state, due_at);
CREATE INDEX ix_thread_person ON response_thread (compatriot_id, last_in_at);
CREATE INDEX ix_thread_sender ON response_thread (unknown_sender, last_in_at) WHERE unknown_sender IS NOT NULL;
CREATE INDEX ix_thread_received ON response_thread (received_at);
CREATE INDEX ix_thread_assignee ON response_thread (assignee_id, state);

-- The conversation: the person's messages (in), the answers (out), staff's internal notes and the thread's events
-- (assigned, forwarded, closed …), in order.
CREATE TABLE response_thread_message (
    id          INTEGER PRIMARY KEY,
    thread_id   INTEGER NOT NULL REFERENCES response_thread (id),
    kind        TEXT NOT NULL CHECK (kind IN ('in', 'out', 'note', 'event')),
    channel     TEXT NOT NULL,
    text        TEXT NOT NULL,
    at          TEXT NOT NULL,
    author_id   INTEGER,           -- the staff member of an answer, note or event
    external_id TEXT,              -- an inbound's provider event id or e-mail Message-ID: the same one is taken once
    reply_id    INTEGER,           -- the response_reply row a channel reply was stored as
    campaign_id INTEGER            -- an answer: the system campaign whose ledger row carries it
);
CREATE INDEX ix_thread_message ON response_thread_message (thread_id, id);
CREATE UNIQUE INDEX ux_thread_message_external ON response_thread_message (channel, external_id) WHERE external_id IS NOT NULL;
