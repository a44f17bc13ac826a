-- 0003: events_flat, one row per event in plain columns, for tools that read the
-- database directly (sqlite3, Datasette, DuckDB, pandas.read_sql) and should not
-- need json_extract. The columns are named as in dragoman.frames.COLUMNS (the
-- DataFrame of events_frame), less `citations` (a list: read it from events.record),
-- plus the document's url, outlet, title and date (as document_date).
-- `reciprocal` is 0 or 1: SQLite has no boolean. The same view, column for column,
-- is in 0003_events_flat.postgres.sql.

CREATE VIEW events_flat AS
SELECT
    e.event_id,
    e.doc_id,
    e.sentence_index,
    e.date,
    e.date_precision,
    e.date_basis,
    e.date_end,
    e.source_code,
    json_extract(e.record, '$.source.name') AS source_name,
    json_extract(e.record, '$.source.text') AS source_text,
    e.source_country,
    json_extract(e.record, '$.source.sector') AS source_sector,
    e.cameo,
    e.root,
    json_extract(e.record, '$.cameo_name') AS cameo_name,
    e.goldstein,
    e.quad_class,
    e.plover,
    e.target_code,
    json_extract(e.record, '$.target.name') AS target_name,
    json_extract(e.record, '$.target.text') AS target_text,
    e.target_country,
    json_extract(e.record, '$.target.sector') AS target_sector,
    e.modality,
    json_extract(e.record, '$.condition') AS "condition",
    json_extract(e.record, '$.attribution.text') AS attribution,
    json_extract(e.record, '$.reliability') AS reliability,
    json_extract(e.record, '$.location') AS location,
    json_extract(e.record, '$.reciprocal') AS reciprocal,
    json_extract(e.record, '$.trigger') AS "trigger",
    json_extract(e.record, '$.quote') AS quote,
    json_extract(e.record, '$.sentence') AS sentence,
    d.url,
    d.outlet,
    d.title,
    d.date AS document_date,
    json_extract(e.record, '$.coder_version') AS coder_version,
    json_extract(e.record, '$.lexicon_fingerprint') AS lexicon_fingerprint
FROM events AS e
JOIN documents AS d ON d.doc_id = e.doc_id;
