-- 0004 for PostgreSQL: the tables of 0004_record.sql (SQLite), column for column, in
-- PostgreSQL's types (see 0001_initial.postgres.sql for why: bigint, json, COLLATE "C").

CREATE TABLE records (
    doc_id  text COLLATE "C" PRIMARY KEY REFERENCES documents(doc_id) ON DELETE CASCADE,
    record  json NOT NULL
);

CREATE TABLE record_items (
    doc_id        text COLLATE "C" NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    part          text COLLATE "C" NOT NULL,
    item_id       text COLLATE "C" NOT NULL,
    position      bigint NOT NULL,
    kind          text NOT NULL,
    date          text COLLATE "C",
    source_code   text,
    target_code   text,
    communication text,
    summary       text NOT NULL,
    PRIMARY KEY (doc_id, part, item_id)
);

CREATE TABLE record_events (
    doc_id   text COLLATE "C" NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    part     text COLLATE "C" NOT NULL,
    item_id  text COLLATE "C" NOT NULL,
    event_id text COLLATE "C" NOT NULL REFERENCES events(event_id) ON DELETE CASCADE,
    PRIMARY KEY (doc_id, part, item_id, event_id)
);

CREATE INDEX record_events_event ON record_events(event_id);
