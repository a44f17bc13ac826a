-- 0001: the first schema. Applied once, in a transaction, by dragoman.store.sqlite.
-- Every table hangs off documents(doc_id) with ON DELETE CASCADE, so deleting a
-- document removes everything that was coded from it.

CREATE TABLE documents (
    doc_id      TEXT PRIMARY KEY,
    title       TEXT,
    date        TEXT,
    url         TEXT,
    outlet      TEXT,
    path        TEXT,
    text_sha256 TEXT NOT NULL,
    text        TEXT NOT NULL
);

-- One row per reference-list entry, in document order (`position`): keys are not
-- guaranteed unique in the wild, so the key is not part of the primary key.
CREATE TABLE doc_references (
    doc_id    TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    key       TEXT NOT NULL,
    raw       TEXT NOT NULL,
    outlet    TEXT,
    author    TEXT,
    title     TEXT,
    published TEXT,
    retrieved TEXT,
    language  TEXT NOT NULL,
    url       TEXT,
    uses      INTEGER NOT NULL,
    PRIMARY KEY (doc_id, position)
);

CREATE TABLE sentences (
    doc_id         TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    idx            INTEGER NOT NULL,
    start          INTEGER NOT NULL,
    "end"          INTEGER NOT NULL,
    text           TEXT NOT NULL,
    block_index    INTEGER NOT NULL,
    section        TEXT,
    citation_keys  TEXT NOT NULL,  -- JSON array of footnote keys
    PRIMARY KEY (doc_id, idx)
);

-- The columns are copies of fields of `record` (the full Event.to_dict() JSON),
-- kept so that queries can filter and sort without parsing JSON.
CREATE TABLE events (
    event_id       TEXT PRIMARY KEY,
    doc_id         TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    sentence_index INTEGER NOT NULL,
    cameo          TEXT NOT NULL,
    root           TEXT NOT NULL,
    goldstein      REAL NOT NULL,
    quad_class     INTEGER NOT NULL,
    plover         TEXT,
    date           TEXT,
    date_end       TEXT,
    date_precision TEXT,
    date_basis     TEXT,
    modality       TEXT NOT NULL,
    source_code    TEXT,
    source_country TEXT,
    target_code    TEXT,
    target_country TEXT,
    record         TEXT NOT NULL
);

CREATE INDEX events_date ON events(date);
CREATE INDEX events_source_country ON events(source_country);
CREATE INDEX events_target_country ON events(target_country);
CREATE INDEX events_root ON events(root);
CREATE INDEX events_doc_id ON events(doc_id);
