-- 0004: the diplomatic record (dragoman.record) beside the events. Applied once, in a
-- transaction, by dragoman.store.sqlite; 0004_record.postgres.sql is the same for PostgreSQL.
-- A store migrated from 0003 keeps its events; the documents saved before it have no record
-- until they are coded again.
--
--   records        one row per document: the whole Record as JSON (Record.to_dict(), see
--                  docs/record.md), which is what the store reads back
--   record_items   one row per part of it (a communication, demand, deadline, channel step
--                  or position) in plain columns, for SQL tools
--   record_events  which events each part rests on: a demand knows its events, and (by the
--                  index on event_id) an event knows its communication
--
-- All three hang off documents(doc_id) with ON DELETE CASCADE, as every other table does;
-- record_events also off events(event_id), so a link never names a missing event.

CREATE TABLE records (
    doc_id  TEXT PRIMARY KEY REFERENCES documents(doc_id) ON DELETE CASCADE,
    record  TEXT NOT NULL
);

CREATE TABLE record_items (
    doc_id        TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    part          TEXT NOT NULL,     -- communications | demands | deadlines | channels | positions
    item_id       TEXT NOT NULL,     -- c1, d1, t1, s1, p1 (as in the JSON)
    position      INTEGER NOT NULL,  -- its order within the part
    kind          TEXT NOT NULL,     -- letter ..., demand/offer/threat, a deadline's unit, a step's status, a stance
    date          TEXT,              -- ISO, maybe partial; a deadline's due date
    source_code   TEXT,              -- sender, demander, the side that took the step, the party
    target_code   TEXT,              -- recipient, addressee, the other side
    communication TEXT,              -- the comm_id it belongs to
    summary       TEXT NOT NULL,     -- one line
    PRIMARY KEY (doc_id, part, item_id)
);

CREATE TABLE record_events (
    doc_id   TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    part     TEXT NOT NULL,
    item_id  TEXT NOT NULL,
    event_id TEXT NOT NULL REFERENCES events(event_id) ON DELETE CASCADE,
    PRIMARY KEY (doc_id, part, item_id, event_id)
);

CREATE INDEX record_events_event ON record_events(event_id);
