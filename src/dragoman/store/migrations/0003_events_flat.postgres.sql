-- 0003 for PostgreSQL: events_flat, as in 0003_events_flat.sql (SQLite), column for
-- column: one row per event in plain columns, named as in dragoman.frames.COLUMNS
-- (less `citations`), plus the document's url, outlet, title and date (as
-- document_date). `reciprocal` is a boolean here. The record is parsed once per row
-- (json_to_record), not once per column.

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
    r.source ->> 'name' AS source_name,
    r.source ->> 'text' AS source_text,
    e.source_country,
    r.source ->> 'sector' AS source_sector,
    e.cameo,
    e.root,
    r.cameo_name,
    e.goldstein,
    e.quad_class,
    e.plover,
    e.target_code,
    r.target ->> 'name' AS target_name,
    r.target ->> 'text' AS target_text,
    e.target_country,
    r.target ->> 'sector' AS target_sector,
    e.modality,
    r."condition",
    r.attribution ->> 'text' AS attribution,
    r.reliability,
    r.location,
    r.reciprocal,
    r."trigger",
    r.quote,
    r.sentence,
    d.url,
    d.outlet,
    d.title,
    d.date AS document_date,
    r.coder_version,
    r.lexicon_fingerprint
FROM events AS e
JOIN documents AS d ON d.doc_id = e.doc_id
CROSS JOIN LATERAL json_to_record(e.record) AS r(
    source json, target json, cameo_name text, "condition" text, attribution json, reliability text,
    location text, reciprocal boolean, "trigger" text, quote text, sentence text, coder_version text,
    lexicon_fingerprint text
);
