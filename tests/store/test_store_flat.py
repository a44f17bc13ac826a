"""events_flat: one row per event in plain columns, read with plain SQL, the same in every store."""

from __future__ import annotations

from dataclasses import replace

import pytest

from dragoman.frames import COLUMNS, flat_record
from dragoman.records import Actor, Attribution, Citation, DateValue, Document
from dragoman.store import open_store

FLAT = (
    "event_id", "doc_id", "sentence_index", "date", "date_precision", "date_basis", "date_end",
    "source_code", "source_name", "source_text", "source_country", "source_sector",
    "cameo", "root", "cameo_name", "goldstein", "quad_class", "plover",
    "target_code", "target_name", "target_text", "target_country", "target_sector",
    "modality", "condition", "attribution", "reliability", "location", "reciprocal",
    "trigger", "quote", "sentence",
    "url", "outlet", "title", "document_date",
    "coder_version", "lexicon_fingerprint",
)  # fmt: skip
DOCUMENT_COLUMNS = ("url", "outlet", "title", "document_date")

DOCUMENT = Document(doc_id="bbc-1", text="...", title="Iran warns the US", date="2025-03-09",
                    url="https://bbc.example/iran", outlet="BBC")  # fmt: skip
TEHRAN = Actor(text="Tehran", name="Iran", code="IRNGOV", country="IRN", sector="GOV")
PENTAGON = Actor(text="the Pentagon", name="US military", code="USAMIL", country="USA", sector="MIL")


@pytest.fixture
def events(make_event):
    return [
        make_event(
            "bbc-1:0", "bbc-1", source=TEHRAN, target=PENTAGON, date="2025-03-08", modality="reported",
            condition="if the strikes go on", quote="«we will answer»", reliability="unofficial", location="Yemen",
            attribution=Attribution(text="Iranian media", chain=("Iranian media",)), reciprocal=True,
            citations=(Citation(key="10", outlet="Tasnim", language="fa"),),
            coder_version="dragoman-0.1.0", lexicon_fingerprint="5bf91a621335c231",
        ),
        make_event("bbc-1:1", "bbc-1", sentence_index=1, source=None, target=None, cameo="040", root="04",
                   cameo_name="Consult", goldstein=1.0, quad_class=1, plover=None,
                   date=DateValue("2025-03", "range", "relative", "2025-03-31")),
    ]  # fmt: skip


def test_the_columns_are_named_as_in_the_data_frame() -> None:
    # Every column of events_frame but the citation list (a list: read it from events.record), and the document's.
    assert len(set(FLAT)) == len(FLAT)
    assert set(FLAT) == (set(COLUMNS) - {"citations"}) | set(DOCUMENT_COLUMNS)


def test_plain_sql_sees_plain_columns(backend, location, events) -> None:
    with open_store(location) as store:
        store.save(DOCUMENT, [], events)
    names, rows = backend.columns(location, "SELECT * FROM events_flat ORDER BY event_id")
    assert tuple(names) == FLAT
    document = {"url": DOCUMENT.url, "outlet": DOCUMENT.outlet, "title": DOCUMENT.title,
                "document_date": DOCUMENT.date}  # fmt: skip
    expected = [{**{c: flat_record(e)[c] for c in FLAT if c in COLUMNS}, **document} for e in events]
    assert [dict(zip(names, row, strict=True)) for row in rows] == expected
    # SQLite has no boolean: 1 and 0 there, true and false in PostgreSQL.
    assert [type(dict(zip(names, row))["reciprocal"]) for row in rows] == [int if backend.name == "sqlite" else bool] * 2
    assert rows[0][names.index("attribution")] == "Iranian media"
    assert rows[0][names.index("source_sector")] == "GOV" and rows[0][names.index("target_name")] == "US military"
    assert rows[1][names.index("source_code")] is None and rows[1][names.index("date_end")] == "2025-03-31"


def test_the_view_answers_ordinary_analysis(backend, location, events) -> None:
    with open_store(location) as store:
        store.save(DOCUMENT, [], events)
        store.save(Document(doc_id="bbc-2", text="...", outlet="BBC"), [],
                   [replace(events[0], event_id="bbc-2:0", doc_id="bbc-2")])  # fmt: skip
    found = backend.sql(location, "SELECT outlet, source_country, target_sector, count(*), sum(goldstein)"
                                  " FROM events_flat WHERE root = '13' GROUP BY outlet, source_country, target_sector")
    assert found == [("BBC", "IRN", "MIL", 2, -14.0)]
    assert backend.sql(location, "SELECT count(*) FROM events_flat WHERE source_code IS NULL") == [(1,)]


def test_pandas_reads_the_view_of_an_sqlite_store(tmp_path, events) -> None:
    pandas = pytest.importorskip("pandas")
    import sqlite3

    path = str(tmp_path / "events.db")
    with open_store(path) as store:
        store.save(DOCUMENT, [], events)
    with sqlite3.connect(path) as conn:
        frame = pandas.read_sql_query("SELECT * FROM events_flat ORDER BY event_id", conn)
    assert tuple(frame.columns) == FLAT
    assert list(frame["source_country"].fillna("-")) == ["IRN", "-"] and list(frame["cameo"]) == ["138", "040"]
