-- 0001 for PostgreSQL: the tables of 0001_initial.sql (SQLite), column for column, in
-- PostgreSQL's types. Applied once, in a transaction, by dragoman.store.postgres.
--
-- Where the types differ from SQLite's, and why:
--   bigint            SQLite's INTEGER is 64 bits; PostgreSQL's integer only 32.
--   double precision  SQLite's REAL is 8 bytes; PostgreSQL's real only 4.
--   json              the JSON columns (not jsonb): json keeps the text as written, so a
--                     record reads back exactly (jsonb would reorder keys and turn -0.0 into 0),
--                     and PostgreSQL still checks it is JSON and offers record->>'sentence'.
--   COLLATE "C"       on the columns the store sorts and compares by order (doc_id,
--                     event_id, date, date_end): the store's order is code point order, as
--                     in SQLite and Python, whatever the database's default collation
--                     (en_US would sort "B" before "_" and ignore hyphens).

CREATE TABLE documents (
    doc_id      text COLLATE "C" PRIMARY KEY,
    title       text,
    date        text,
    url         text,
    outlet      text,
    path        text,
    text_sha256 text NOT NULL,
    text        text NOT NULL
);

-- One row per reference-list entry, in document order (`position`): keys are not
-- guaranteed unique in the wild, so the key is not part of the primary key.
CREATE TABLE doc_references (
    doc_id    text COLLATE "C" NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    position  bigint NOT NULL,
    key       text NOT NULL,
    raw       text NOT NULL,
    outlet    text,
    author    text,
    title     text,
    published text,
    retrieved text,
    language  text NOT NULL,
    url       text,
    uses      bigint NOT NULL,
    PRIMARY KEY (doc_id, position)
);

CREATE TABLE sentences (
    doc_id         text COLLATE "C" NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    idx            bigint NOT NULL,
    start          bigint NOT NULL,
    "end"          bigint NOT NULL,
    text           text NOT NULL,
    block_index    bigint NOT NULL,
    section        text,
    citation_keys  json NOT NULL,  -- JSON array of footnote keys
    PRIMARY KEY (doc_id, idx)
);

-- The columns are copies of fields of `record` (the full Event.to_dict() JSON),
-- kept so that queries can filter and sort without parsing JSON.
CREATE TABLE events (
    event_id       text COLLATE "C" PRIMARY KEY,
    doc_id         text COLLATE "C" NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    sentence_index bigint NOT NULL,
    cameo          text NOT NULL,
    root           text NOT NULL,
    goldstein      double precision NOT NULL,
    quad_class     bigint NOT NULL,
    plover         text,
    date           text COLLATE "C",
    date_end       text COLLATE "C",
    date_precision text,
    date_basis     text,
    modality       text NOT NULL,
    source_code    text,
    source_country text,
    target_code    text,
    target_country text,
    record         json NOT NULL
);

CREATE INDEX events_date ON events(date);
CREATE INDEX events_source_country ON events(source_country);
CREATE INDEX events_target_country ON events(target_country);
CREATE INDEX events_root ON events(root);
CREATE INDEX events_doc_id ON events(doc_id);
