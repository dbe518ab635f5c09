-- A thread's events (assigned, tagged, forwarded, closed, reopened, linked, an answer sent or not delivered) were
-- stored as English sentences, which staff who read Kyrgyz or Russian then read in English. An event now keeps a code
-- of the desk's vocabulary and its values as a JSON object (Features/Responses/Desk/ThreadEvent.cs), and each reader
-- sees it in their own language (the desk's Texts.*.json). text stays '' for a coded event.
ALTER TABLE response_thread_message ADD COLUMN code TEXT;  -- an event's code; NULL for messages, notes and literal events
ALTER TABLE response_thread_message ADD COLUMN args TEXT;  -- its values, a JSON object of strings

-- The sentences the desk wrote so far, turned into codes; a sentence recognised as none of them stays as it was.
UPDATE response_thread_message SET code = 'assigned', args = json_object('login', substr(text, 13)), text = ''
WHERE kind = 'event' AND text LIKE 'assigned to %';

UPDATE response_thread_message SET code = 'forwarded', text = '',
    args = CASE WHEN instr(substr(text, 14), ': ') > 0
                THEN json_object('to', substr(text, 14, instr(substr(text, 14), ': ') - 1), 'note', substr(text, 14 + instr(substr(text, 14), ': ') + 1))
                ELSE json_object('to', substr(text, 14)) END
WHERE kind = 'event' AND text LIKE 'forwarded to %';

UPDATE response_thread_message SET code = 'closed', args = '{}', text = '' WHERE kind = 'event' AND text = 'closed';

UPDATE response_thread_message SET code = 'linked', args = json_object('person', substr(text, 25)), text = ''
WHERE kind = 'event' AND text GLOB 'sender linked to person [0-9]*';

-- "answer 12 not sent on sms: the person opted out of it; the person reads it on their page"
UPDATE response_thread_message SET code = 'answer-undelivered', text = '',
    args = json_object(
        'answer', substr(text, 8, instr(text, ' not sent on ') - 8),
        'channel', substr(text, instr(text, ' not sent on ') + 13, instr(text, ': ') - instr(text, ' not sent on ') - 13),
        'reason', CASE WHEN text LIKE '%: the person opted out of it;%' THEN 'opted-out' ELSE 'no-address' END)
WHERE kind = 'event' AND text GLOB 'answer [0-9]* not sent on *: *'
  AND (text LIKE '%: the person opted out of it;%' OR text LIKE '%: the person has no address for it;%');
