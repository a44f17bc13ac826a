-- 0005: happenings (dragoman.happenings), the events of different reports grouped into the
-- one happening they report. Applied once, in a transaction, by dragoman.store.sqlite;
-- 0005_happenings.postgres.sql is the same for PostgreSQL. The events stay as they are: a
-- grouping is derived from them, replaced whole, and stamped with what it was made from.
--
--   event_changes      one row: a version that every insert, update or delete of an event
--                      raises (triggers below), in the writer's own transaction, so that a
--                      grouping stamped with it knows whether the events changed since
--   happenings         one row per happening of two reports or more: what is listed, in
--                      plain columns, and the whole Happening as JSON (Happening.to_dict),
--                      which is what the store reads back
--   happening_reports  which events each happening groups (happening id, event id); no
--                      foreign key to events: a document saved again replaces its events,
--                      which makes the grouping stale (the stamp says so) until it is redone
--   happening_stamp    one row once a grouping is stored: the event version and the rules'
--                      fingerprint it was made from

CREATE TABLE event_changes (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    version  INTEGER NOT NULL
);
INSERT INTO event_changes (id, version) VALUES (1, 0);

CREATE TRIGGER event_changes_insert AFTER INSERT ON events
BEGIN
    UPDATE event_changes SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER event_changes_update AFTER UPDATE ON events
BEGIN
    UPDATE event_changes SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER event_changes_delete AFTER DELETE ON events
BEGIN
    UPDATE event_changes SET version = version + 1 WHERE id = 1;
END;

CREATE TABLE happenings (
    happening_id    TEXT PRIMARY KEY,
    date            TEXT,              -- ISO, maybe partial; NULL: undated
    date_end        TEXT,
    date_precision  TEXT,
    family          TEXT NOT NULL,     -- talks, force, ... or a CAMEO root
    cameo           TEXT NOT NULL,     -- the code most of its events carry
    source_code     TEXT,
    target_code     TEXT,
    reports         INTEGER NOT NULL,  -- documents that report it
    outlets         INTEGER NOT NULL,  -- distinct outlets those documents name
    record          TEXT NOT NULL,
    undated         INTEGER GENERATED ALWAYS AS (date IS NULL) VIRTUAL,
    sort_date       TEXT GENERATED ALWAYS AS (coalesce(date, '')) VIRTUAL
);
CREATE INDEX happenings_order ON happenings(undated, sort_date, happening_id);

CREATE TABLE happening_reports (
    happening_id  TEXT NOT NULL REFERENCES happenings(happening_id) ON DELETE CASCADE,
    event_id      TEXT NOT NULL,
    doc_id        TEXT NOT NULL,
    position      INTEGER NOT NULL,  -- the order in which its events joined it
    PRIMARY KEY (happening_id, event_id)
);
CREATE INDEX happening_reports_event ON happening_reports(event_id);

CREATE TABLE happening_stamp (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    events_version  INTEGER NOT NULL,
    rules           TEXT NOT NULL,
    grouped_at      TEXT NOT NULL,
    happenings      INTEGER NOT NULL
);
