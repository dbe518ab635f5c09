-- Answers from the responses desk go back through the send ledger: each answer is a system campaign of its own
-- (purpose 'desk-answer', named 'Answer {message id}'), so a repeated delivery job finds the same campaign and the
-- ledger's unique key keeps the one message. Staff keep saved replies per module and language.
CREATE UNIQUE INDEX ux_campaign_desk_answer ON campaign (module_id, name) WHERE purpose = 'desk-answer';

-- The subject of the person's newest e-mail: an answer on e-mail is "Re: " that subject, in the same thread.
ALTER TABLE response_thread ADD COLUMN email_subject TEXT;

-- Answers stored but never put in the ledger are found at start by this (campaign_id is set once the ledger holds the answer).
CREATE INDEX ix_thread_message_undelivered ON response_thread_message (id) WHERE kind = 'out' AND campaign_id IS NULL;

-- The person's newest message on a channel (WhatsApp's 24-hour service window is counted from it).
CREATE INDEX ix_thread_message_in ON response_thread_message (thread_id, channel, at) WHERE kind = 'in';

-- A reply staff reuse: Scriban text rendered for the person it answers (in the template sandbox), per module and language.
CREATE TABLE response_saved_reply (
    id          INTEGER PRIMARY KEY,
    module_id   TEXT NOT NULL,
    language    TEXT NOT NULL CHECK (language IN ('ky', 'ru', 'en')),
    title       TEXT NOT NULL,
    text        TEXT NOT NULL,
    created_by  INTEGER REFERENCES auth_user (id),
    updated_by  INTEGER REFERENCES auth_user (id),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (module_id, language, title)
);
