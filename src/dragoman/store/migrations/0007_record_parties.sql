-- 0007: who each stored record involves, so that a store lists the documents whose record
-- involves a party without reading every record (dragoman record --db ... --party, /api/records).
-- Applied once, in a transaction, by dragoman.store.sqlite; 0007_record_parties.postgres.sql is
-- the same for PostgreSQL.
--
--   record_parties  one row per coded actor a record names anywhere, by code and name: a
--                   letter's sender, recipient and carrier, a demand's author and addressee,
--                   the parties, mediators and participants of talks, a stance's party, an
--                   agreement's sides, whoever a sentence is attributed to (record/parties.py
--                   finds them by walking the record, whatever its parts)
--
-- How many items each part of a record holds is not kept here: record_items (0004) has one
-- row per item already, and the stores count those.
--
-- The records stored before this migration get their rows here, read from their JSON (an
-- object with a text "code" and a text "text" is an actor). Their name_key is SQLite's
-- lower(name), which folds ASCII letters only, where dragoman's own is Python's str.lower:
-- a name in another script matches once its document is coded again.

CREATE TABLE record_parties (
    doc_id    TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    code      TEXT NOT NULL,     -- the actor's code: IRNGOV, USA, IGOUNO
    country   TEXT,              -- its country, when it has one
    name      TEXT,              -- its canonical name (Iran, Abbas Araghchi), when it has one
    name_key  TEXT NOT NULL,     -- the name in lower case ('' without one): what a name asked for meets
    PRIMARY KEY (doc_id, code, name_key)
);

INSERT OR IGNORE INTO record_parties (doc_id, code, country, name, name_key)
SELECT r.doc_id, json_extract(t.value, '$.code'), json_extract(t.value, '$.country'),
       json_extract(t.value, '$.name'), lower(coalesce(json_extract(t.value, '$.name'), ''))
FROM records AS r, json_tree(r.record) AS t
WHERE json_valid(r.record) AND t.type = 'object'
  AND json_type(t.value, '$.code') = 'text' AND json_type(t.value, '$.text') = 'text';
