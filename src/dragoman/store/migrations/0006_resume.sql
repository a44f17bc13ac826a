-- 0006: what each document was coded from, so a rerun can skip what is current
-- (dragoman.resume). Applied once, in a transaction, by dragoman.store.sqlite;
-- 0006_resume.postgres.sql is the same for PostgreSQL.
--
--   input_sha256  sha256 over what coding reads of the document as it was read: its text,
--                 title, date, url and outlet (text_sha256, beside it, is the text's alone,
--                 which is what tells two copies of one report apart for happenings)
--   coded_with    the coding stamp: sha256 over dragoman's version, the coder's name,
--                 version and fingerprint, the knowledge fingerprint (every dictionary,
--                 the built-in ones and the user's), the spaCy model asked for and the
--                 pre-filter setting
--
-- Both are NULL for a document stored before this migration: it is never current, so the
-- next run codes it again, and stamps it.

ALTER TABLE documents ADD COLUMN input_sha256 TEXT;
ALTER TABLE documents ADD COLUMN coded_with TEXT;
