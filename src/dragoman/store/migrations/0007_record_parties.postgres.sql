-- 0007 for PostgreSQL: the table of 0007_record_parties.sql (SQLite), column for column, in
-- PostgreSQL's types, filled for the records stored before it from their JSON (every object
-- with a string "code" and a string "text" is an actor; `strict $.**` visits each value once).
-- name_key is lower(name), which follows the database's LC_CTYPE; dragoman's own is Python's
-- str.lower, so a name in another script may only match once its document is coded again.

CREATE TABLE record_parties (
    doc_id    text COLLATE "C" NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    code      text COLLATE "C" NOT NULL,
    country   text COLLATE "C",
    name      text,
    name_key  text NOT NULL,
    PRIMARY KEY (doc_id, code, name_key)
);

INSERT INTO record_parties (doc_id, code, country, name, name_key)
SELECT r.doc_id, a ->> 'code', a ->> 'country', a ->> 'name', lower(coalesce(a ->> 'name', ''))
FROM records AS r, jsonb_path_query(r.record::jsonb, 'strict $.**') AS a
WHERE jsonb_typeof(a) = 'object' AND jsonb_typeof(a -> 'code') = 'string' AND jsonb_typeof(a -> 'text') = 'string'
ON CONFLICT DO NOTHING;
