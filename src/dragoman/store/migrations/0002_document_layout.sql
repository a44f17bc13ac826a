-- 0002: keep each document's layout, so that a document reads back whole, and
-- index the store's event order, so that paging by cursor seeks instead of scanning.

-- JSON arrays of Block and Marker objects ({"start", "end", "kind", "section"} and
-- {"start", "end", "key"}). NULL in rows saved before this migration, which did
-- not keep them; they read back as no blocks and no markers.
ALTER TABLE documents ADD COLUMN blocks TEXT;
ALTER TABLE documents ADD COLUMN markers TEXT;

-- The store's event order is (undated last, date, doc_id, sentence_index, event_id).
-- As plain (generated) columns rather than expressions, so that SQLite can seek
-- the index to a cursor's row value: it does not do so for indexed expressions.
ALTER TABLE events ADD COLUMN undated INTEGER GENERATED ALWAYS AS (date IS NULL) VIRTUAL;
ALTER TABLE events ADD COLUMN sort_date TEXT GENERATED ALWAYS AS (coalesce(date, '')) VIRTUAL;
CREATE INDEX events_order ON events(undated, sort_date, doc_id, sentence_index, event_id);
