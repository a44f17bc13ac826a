-- 0006 for PostgreSQL: the columns of 0006_resume.sql (SQLite), in PostgreSQL's types.
-- See there for what they hold. NULL for a document stored before this migration.

ALTER TABLE documents ADD COLUMN input_sha256 text, ADD COLUMN coded_with text;
