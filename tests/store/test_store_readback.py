"""Everything a store writes reads back, in every store: events by id, documents whole, old stores after migrating."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace

import pytest

from dragoman.errors import StoreError
from dragoman.records import (
    Actor,
    Block,
    Citation,
    DateValue,
    Document,
    Event,
    Marker,
    Reference,
    Sentence,
)
from dragoman.store import DocumentSummary, EventQuery, Page, StoredDocument, open_store

TEXT = "Iran warned Israel.[1] Israel denied it.[2]\n\nTalks\n\nTalks resumed in Oman.[1]"

DOCUMENT = Document(
    doc_id="d1",
    text=TEXT,
    title="Iran and Israel",
    date="2025-06-13",
    url="https://example.org/iran-israel",
    outlet="Example News",
    path="reports/iran-israel.txt",
    blocks=(
        Block(0, 43, "paragraph"),
        Block(45, 50, "heading"),
        Block(52, 77, "list_item", section="Talks"),
    ),
    markers=(Marker(19, 22, "1"), Marker(40, 43, "2"), Marker(74, 77, "1")),
    references=(
        Reference(key="1", raw="^ a b Fassihi, F. (13 June 2025). \"Iran warns\". NYT.", outlet="NYT",
                  author="Fassihi, F.", title="Iran warns", published="2025-06-13", retrieved="2025-06-14",
                  language="en", url="https://nyt.example/iran", uses=2),
        Reference(key="2", raw="^ \"هشدار\". Tasnim.", outlet="Tasnim", title="هشدار", language="fa"),
        Reference(key="2", raw="a duplicate key, as found in the wild"),
    ),
)  # fmt: skip

SENTENCES = (
    Sentence("d1", 0, 0, 22, "Iran warned Israel.[1]", 0, None, ("1",)),
    Sentence("d1", 1, 23, 43, "Israel denied it.[2]", 0, None, ("2",)),
    Sentence("d1", 2, 52, 77, "Talks resumed in Oman.[1]", 2, "Talks", ("1",)),
)

IRAN = Actor(text="Iran", name="Iran", code="IRN", country="IRN", start=0, end=4)
ISRAEL = Actor(text="Israel", name="Israel", code="ISR", country="ISR", start=12, end=18, confidence=0.5)


def event(event_id: str, index: int, date: str | None, **changes) -> Event:
    fields = dict(
        event_id=event_id, doc_id="d1", sentence_index=index, sentence=SENTENCES[index].text,
        span=(SENTENCES[index].start, SENTENCES[index].end), trigger="warned", trigger_span=(5, 11),
        source=IRAN, target=ISRAEL, cameo="130", root="13", cameo_name="Threaten", goldstein=-4.4, quad_class=3,
        plover="THREATEN", date=DateValue(date=date, precision="day" if date else None),
        citations=(Citation(key="1", outlet="NYT", published="2025-06-13"),),
    )  # fmt: skip
    fields.update(changes)
    return Event(**fields)


EVENTS = (
    event("d1:2", 2, None, cameo="040", root="04", modality="reported"),
    event(
        "d1:0",
        0,
        "2025-06-13",
        deadline=DateValue("2025-06-20", "day", "relative", None, "within a week", "2025-06-13", None),
    ),  # fmt: skip
    event("d1:1", 1, "2025-06-13", source=ISRAEL, target=IRAN, modality="denied", cameo="014", root="01"),
)
IN_ORDER = (EVENTS[1], EVENTS[2], EVENTS[0])


@pytest.fixture
def db(location) -> str:
    with open_store(location) as store:
        store.save(DOCUMENT, list(reversed(SENTENCES)), list(EVENTS))  # out of order on purpose
    return location


@pytest.mark.parametrize("read_only", [False, True])
def test_a_document_reads_back_whole(db, read_only) -> None:
    with open_store(db, read_only=read_only) as store:
        assert store.document("d1") == StoredDocument(DOCUMENT, SENTENCES, IN_ORDER)


def test_events_read_back_by_id(db) -> None:
    with open_store(db) as store:
        assert [store.event(e.event_id) for e in EVENTS] == list(EVENTS)
        assert store.event("d1:9") is None


def test_unknown_documents_are_none(db) -> None:
    with open_store(db) as store:
        assert store.document("d2") is None


def test_the_document_list_has_the_metadata(db) -> None:
    with open_store(db) as store:
        summary = DocumentSummary("d1", "Iran and Israel", "2025-06-13", "https://example.org/iran-israel",
                                  "Example News", 3)  # fmt: skip
        assert store.documents() == Page((summary,), None)


def test_the_layout_is_stored_as_json(backend, db) -> None:
    [(blocks, markers)] = backend.sql(db, "SELECT blocks, markers FROM documents")
    assert json.loads(blocks)[2] == {"start": 52, "end": 77, "kind": "list_item", "section": "Talks"}
    assert json.loads(markers) == [{"start": 19, "end": 22, "key": "1"}, {"start": 40, "end": 43, "key": "2"},
                                   {"start": 74, "end": 77, "key": "1"}]  # fmt: skip


def test_a_document_saved_again_reads_back_as_the_new_one(db) -> None:
    changed = Document(doc_id="d1", text="Iran warned Israel.", blocks=(Block(0, 19, "paragraph"),))
    with open_store(db) as store:
        store.save(changed, [SENTENCES[0]], [EVENTS[1]])
        assert store.document("d1") == StoredDocument(changed, (SENTENCES[0],), (EVENTS[1],))


@pytest.mark.parametrize("record", ['{"event_id": "d1:0"}', '["d1:0"]'])
def test_a_damaged_event_record_is_a_store_error(backend, db, record) -> None:
    # Valid JSON, which PostgreSQL's json column insists on, but not an event.
    backend.sql(db, "UPDATE events SET record = ? WHERE event_id = 'd1:0'", (record,))
    with open_store(db) as store:
        with pytest.raises(StoreError, match="a stored event is damaged"):
            store.event("d1:0")
        with pytest.raises(StoreError, match="a stored event is damaged"):
            list(store.events(EventQuery()))


# ---------------------------------------------------------------- stores from before 0002


def save_as_0001(backend, location: str) -> None:
    """Write a document the way dragoman did with only the first migration."""
    backend.open(location, backend.migrations()[:1]).close()
    backend.sql(
        location,
        "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (DOCUMENT.doc_id, DOCUMENT.title, DOCUMENT.date, DOCUMENT.url, DOCUMENT.outlet, DOCUMENT.path,
         hashlib.sha256(TEXT.encode()).hexdigest(), TEXT),
    )  # fmt: skip
    backend.sql_many(
        location,
        "INSERT INTO doc_references VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [("d1", position, r.key, r.raw, r.outlet, r.author, r.title, r.published, r.retrieved, r.language,
          r.url, r.uses) for position, r in enumerate(DOCUMENT.references)],
    )  # fmt: skip
    backend.sql_many(
        location,
        "INSERT INTO sentences VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(s.doc_id, s.index, s.start, s.end, s.text, s.block_index, s.section, json.dumps(list(s.citation_keys)))
         for s in SENTENCES],
    )  # fmt: skip
    backend.sql_many(
        location,
        f"INSERT INTO events VALUES ({', '.join('?' * 18)})",
        [(e.event_id, e.doc_id, e.sentence_index, e.cameo, e.root, e.goldstein, e.quad_class, e.plover,
          e.date.date, e.date.date_end, e.date.precision, e.date.basis, e.modality, e.source.code,
          e.source.country, e.target.code, e.target.country, json.dumps(e.to_dict()))
         for e in EVENTS],
    )  # fmt: skip


def versions(backend, location: str) -> list[int]:
    return [v for (v,) in backend.sql(location, "SELECT version FROM schema_migrations ORDER BY version")]


def test_a_0001_store_is_migrated_on_the_next_writable_open(backend, location) -> None:
    save_as_0001(backend, location)
    assert versions(backend, location) == [1]
    with open_store(location) as store:
        assert versions(backend, location) == [m.version for m in backend.migrations()] == [1, 2, 3, 4, 5, 6, 7]
        assert backend.sql(location, "SELECT blocks, markers FROM documents") == [(None, None)]
        assert store.document("d1") == StoredDocument(replace(DOCUMENT, blocks=(), markers=()), SENTENCES, IN_ORDER)
        assert list(store.events(EventQuery())) == list(IN_ORDER)
        page = store.event_page(EventQuery(limit=2))
        assert list(page.items) == list(IN_ORDER[:2])
        assert store.event_page(EventQuery(limit=2, cursor=page.next_cursor)) == Page(IN_ORDER[2:], None)
        store.save(DOCUMENT, SENTENCES, EVENTS)  # saving it again fills in the layout
        assert store.document("d1") == StoredDocument(DOCUMENT, SENTENCES, IN_ORDER)
