-- When a holder asks to be erased, their certificates lose the name and the free text but keep what proves a paper
-- genuine: serial, kind, issuer, date, language, the content hash and the issuer's signature over it (a signature
-- verifies against the hash alone). This is when that happened; the pages then say "holder erased".
ALTER TABLE certificate ADD COLUMN holder_erased_at TEXT;
