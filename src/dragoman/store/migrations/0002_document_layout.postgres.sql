-- 0002 for PostgreSQL: as 0002_document_layout.sql (SQLite). Keep each document's
-- layout, so that a document reads back whole, and index the store's event order,
-- so that paging by cursor seeks instead of scanning.

-- JSON arrays of Block and Marker objects ({"start", "end", "kind", "section"} and
-- {"start", "end", "key"}). NULL in rows saved before this migration, which did
-- not keep them; they read back as no blocks and no markers.
ALTER TABLE documents ADD COLUMN blocks json;
ALTER TABLE documents ADD COLUMN markers json;

-- The store's event order is (undated last, date, doc_id, sentence_index, event_id),
-- as generated columns with the names SQLite gives them, so that both stores run the
-- same query text. STORED: PostgreSQL before 18 has no virtual generated columns.
ALTER TABLE events ADD COLUMN undated boolean GENERATED ALWAYS AS (date IS NULL) STORED;
ALTER TABLE events ADD COLUMN sort_date text COLLATE "C" GENERATED ALWAYS AS (coalesce(date, '')) STORED;
CREATE INDEX events_order ON events(undated, sort_date, doc_id, sentence_index, event_id);
