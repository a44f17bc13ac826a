-- 0005 for PostgreSQL: the tables of 0005_happenings.sql (SQLite), column for column, in
-- PostgreSQL's types (see 0001_initial.postgres.sql for why: bigint, json, COLLATE "C").
--
-- The event version is raised by a deferred constraint trigger, which runs when the
-- writer's transaction commits, and only once per transaction (it remembers the last
-- transaction that raised it): the row it updates is locked from the commit's start to its
-- end, not through the whole save, so writers saving different documents still barely
-- wait for each other.

CREATE TABLE event_changes (
    id         integer PRIMARY KEY CHECK (id = 1),
    version    bigint NOT NULL,
    last_xact  bigint
);
INSERT INTO event_changes (id, version) VALUES (1, 0);

-- SET search_path FROM CURRENT: the function finds event_changes in the schema it was
-- created in, whatever the search_path of the session that writes an event.
CREATE FUNCTION dragoman_events_changed() RETURNS trigger
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    UPDATE event_changes SET version = version + 1, last_xact = txid_current()
     WHERE id = 1 AND last_xact IS DISTINCT FROM txid_current();
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER event_changes_any AFTER INSERT OR UPDATE OR DELETE ON events
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION dragoman_events_changed();

CREATE TABLE happenings (
    happening_id    text COLLATE "C" PRIMARY KEY,
    date            text COLLATE "C",
    date_end        text COLLATE "C",
    date_precision  text,
    family          text NOT NULL,
    cameo           text NOT NULL,
    source_code     text COLLATE "C",
    target_code     text COLLATE "C",
    reports         bigint NOT NULL,
    outlets         bigint NOT NULL,
    record          json NOT NULL,
    undated         boolean GENERATED ALWAYS AS (date IS NULL) STORED,
    sort_date       text COLLATE "C" GENERATED ALWAYS AS (coalesce(date, '')) STORED
);
CREATE INDEX happenings_order ON happenings(undated, sort_date, happening_id);

CREATE TABLE happening_reports (
    happening_id  text COLLATE "C" NOT NULL REFERENCES happenings(happening_id) ON DELETE CASCADE,
    event_id      text COLLATE "C" NOT NULL,
    doc_id        text COLLATE "C" NOT NULL,
    position      bigint NOT NULL,
    PRIMARY KEY (happening_id, event_id)
);
CREATE INDEX happening_reports_event ON happening_reports(event_id);

CREATE TABLE happening_stamp (
    id              integer PRIMARY KEY CHECK (id = 1),
    events_version  bigint NOT NULL,
    rules           text NOT NULL,
    grouped_at      text NOT NULL,
    happenings      bigint NOT NULL
);
