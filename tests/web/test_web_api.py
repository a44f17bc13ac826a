"""The JSON API over a hand-made store: status codes, exact answers, paging, and the schema."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the web extras are not installed: pip install 'dragoman[web]'")

from dragoman.records import Event  # noqa: E402
from dragoman.web.schemas import EventOut  # noqa: E402


ACTS = ["b1praise", "a4month", "a1threat", "a3reject", "a6meet", "a7meet", "a8host", "a5attack"]  # store order
NO_FILTERS = {"since": None, "until": None, "actor": None, "root": None, "modality": None, "doc": None, "all": False}


def ids(events):
    return [e["event_id"] for e in events]


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


# ---------------------------------------------------------------- events


def test_events_leave_out_the_non_events_and_count_all_pages(client):
    data = get(client, "/api/events")
    assert ids(data["events"]) == ACTS
    assert (data["total"], data["limit"], data["offset"], data["next_cursor"]) == (8, 100, 0, None)
    assert data["filters"] == NO_FILTERS
    everything = get(client, "/api/events?all=1")
    assert everything["total"] == 9 and "a2strike" in ids(everything["events"])


def test_events_page_by_cursor_and_by_offset(client):
    first = get(client, "/api/events?limit=3")
    assert ids(first["events"]) == ACTS[:3] and first["total"] == 8
    second = get(client, f"/api/events?limit=3&cursor={first['next_cursor']}")
    assert ids(second["events"]) == ACTS[3:6]
    last = get(client, "/api/events?limit=3&offset=6")
    assert ids(last["events"]) == ACTS[6:] and last["next_cursor"] is None


@pytest.mark.parametrize(
    "query,expected",
    [
        ("actor=IRN", ["a4month", "a1threat", "a3reject", "a6meet", "a7meet", "a5attack"]),
        ("actor=USAGOV&root=04", ["a6meet", "a7meet"]),
        ("since=2025-03-04&until=2025-04", ["a4month", "a3reject", "a6meet", "a7meet", "a8host"]),
        ("root=04", ["a6meet", "a7meet", "a8host"]),
        ("modality=reported", ["a3reject"]),
        ("modality=threatened", ["a2strike"]),  # naming a non-event's modality shows it
        ("doc=doc-b", ["b1praise"]),
        ("since=&actor=&doc=", ACTS),  # a form's empty fields are no filter
    ],
)
def test_filters(client, query, expected):
    assert ids(get(client, f"/api/events?{query}")["events"]) == expected


def test_one_event_comes_with_its_highlighted_evidence_and_its_document(client):
    data = get(client, "/api/events/a1threat")
    event = data["event"]
    assert event["sentence"] == "On 3 March 2025 the United States threatened Iran with strikes."
    assert event["citations"] == [{"key": "1", "outlet": "Reuters", "title": "US warns Iran", "published": "2025-03-04",
                                   "language": "en", "url": "https://example.org/reuters"}]  # fmt: skip
    assert data["highlights"] == [
        {"kind": "source", "start": 16, "end": 33, "text": "the United States"},
        {"kind": "trigger", "start": 34, "end": 44, "text": "threatened"},
        {"kind": "target", "start": 45, "end": 49, "text": "Iran"},
    ]
    assert data["document"] == {"doc_id": "doc-a", "title": "Crisis & talks", "date": "2025-04-13",
                                "url": "https://example.org/a", "outlet": "Test Wire"}  # fmt: skip



# ---------------------------------------------------------------- timeline


def test_the_timeline_groups_a_page_by_date_and_counts_every_day(client):
    data = get(client, "/api/timeline")
    assert [(g["date"], g["precision"], ids(g["events"])) for g in data["groups"]] == [
        ("2025-01-01", "day", ["b1praise"]),
        ("2025-03", "month", ["a4month"]),
        ("2025-03-03", "day", ["a1threat"]),
        ("2025-03-05", "day", ["a3reject"]),
        ("2025-04-12", "day", ["a6meet", "a7meet", "a8host"]),
        (None, None, ["a5attack"]),
    ]
    quads = lambda q1, q3: {"verbal_cooperation": q1, "material_cooperation": 0, "verbal_conflict": q3, "material_conflict": 0}  # noqa: E731
    assert data["days"] == [
        {"day": "2025-01-01", "quad": quads(1, 0)},
        {"day": "2025-03-03", "quad": quads(0, 1)},
        {"day": "2025-03-05", "quad": quads(0, 1)},
        {"day": "2025-04-12", "quad": quads(3, 0)},
    ]
    page = get(client, "/api/timeline?limit=2")
    assert [ids(g["events"]) for g in page["groups"]] == [["b1praise"], ["a4month"]] and len(page["days"]) == 4


# ---------------------------------------------------------------- dyads


def test_pairs_most_active_first_with_the_default_pair(client):
    data = get(client, "/api/dyads")
    assert data["default"] == {"a": "IRN", "b": "USA"}
    assert data["dyads"] == [
        {"a": "IRN", "b": "USA", "events": 4, "a_to_b": 2, "b_to_a": 2, "goldstein_a_to_b": 0.5, "goldstein_b_to_a": -4.5},
        {"a": "FRA", "b": "GBR", "events": 1, "a_to_b": 0, "b_to_a": 1, "goldstein_a_to_b": 0.0, "goldstein_b_to_a": 3.4},
    ]
    assert data["total"] == 2
    assert get(client, "/api/dyads?limit=1&offset=1")["dyads"][0]["a"] == "FRA"


def test_a_series_per_week_both_directions_with_its_turning_points(client):
    data = get(client, "/api/dyads/USA/IRN/series")
    assert (data["a"], data["b"], data["bin"]) == ("USA", "IRN", "week")
    assert [(p["period"], p["goldstein"], ids_of(p["a_to_b"]), ids_of(p["b_to_a"])) for p in data["periods"]] == [
        ("2025-03-03", -7.0, ["a1threat"], []),
        ("2025-04-07", 5.0, ["a7meet"], ["a6meet"]),
    ]
    assert data["escalations"] == [{"period": "2025-03-03", "previous": None, "change": -7.0, "goldstein": -7.0, "event_ids": ["a1threat"]}]
    assert data["deescalations"] == [{"period": "2025-04-07", "previous": "2025-03-03", "change": 12.0, "goldstein": 5.0,
                                      "event_ids": ["a6meet", "a7meet"]}]  # fmt: skip
    assert data["unplaced"] == ["a4month"]
    assert sorted(data["events"]) == ["a1threat", "a6meet", "a7meet"]
    assert (data["a_to_b"]["count"], data["b_to_a"]["count"]) == (2, 2)


def ids_of(direction):
    return direction["event_ids"]


def test_a_series_per_day_and_with_the_non_events(client):
    days = get(client, "/api/dyads/USA/IRN/series?bin=day")
    assert [p["period"] for p in days["periods"]] == ["2025-03-03", "2025-04-12"]
    everything = get(client, "/api/dyads/USA/IRN/series?all=1")
    assert ids_of(everything["periods"][0]["a_to_b"]) == ["a1threat", "a2strike"]


# ---------------------------------------------------------------- actors, documents, record


def test_actors_with_roles_partners_and_unresolved_names(client):
    data = get(client, "/api/actors")
    assert [(a["code"], a["events"], a["as_source"], a["as_target"]) for a in data["actors"]] == [
        ("USAGOV", 4, 2, 2), ("IRN", 3, 1, 2), ("IRNGOV", 3, 2, 1), ("FRA", 1, 0, 1), ("GBR", 1, 1, 0), ("OMNGOV", 1, 1, 0),
    ]  # fmt: skip
    assert data["actors"][0]["partners"] == [{"code": "IRN", "events": 2}, {"code": "IRNGOV", "events": 2}]
    assert data["actors"][0]["names"] == [{"name": "United States government", "count": 4}]
    assert data["unresolved"] == [{"text": "The militants", "count": 1, "event_ids": ["a5attack"]}]
    assert (data["total"], data["unresolved_total"]) == (6, 1)


def test_documents_page_by_cursor(client):
    data = get(client, "/api/documents")
    assert [(d["doc_id"], d["events"]) for d in data["documents"]] == [("doc-a", 8), ("doc-b", 1)]
    first = get(client, "/api/documents?limit=1")
    assert [d["doc_id"] for d in first["documents"]] == ["doc-a"]
    rest = get(client, f"/api/documents?limit=1&cursor={first['next_cursor']}")
    assert [d["doc_id"] for d in rest["documents"]] == ["doc-b"] and rest["next_cursor"] is None


def test_a_document_with_its_events_overlaid(client):
    data = get(client, "/api/documents/doc-a")
    text = data["document"]["text"]
    assert [text[m["start"] : m["end"]] for m in data["overlay"]] == ["threatened", "rejected", "criticised", "attacked", "met", "hosted"]
    assert data["overlay"][4]["event_ids"] == ["a6meet", "a7meet"]
    assert len(data["events"]) == 7 and len(data["blocks"]) == 2 and data["references"][0]["outlet"] == "Reuters"
    with_all = get(client, "/api/documents/doc-a?all=1")
    assert "strikes" in [text[m["start"] : m["end"]] for m in with_all["overlay"]]
    assert get(client, "/api/documents/doc-a?root=04")["overlay"][0]["event_ids"] == ["a6meet", "a7meet"]


def test_a_document_stored_without_a_record_says_so(client):
    data = get(client, "/api/record?doc=doc-a")  # the hand-made store saves no record (see test_web_record.py for one)
    assert data["available"] is False
    assert data["message"].startswith("no record stored for this document")
    assert (data["doc_id"], data["documents"], data["next_cursor"]) == ("doc-a", [], None)
    assert [data[k] for k in ("communications", "demands", "deadlines", "channels", "positions")] == [[], [], [], [], []]


# ---------------------------------------------------------------- the schema


def test_the_event_schema_is_the_event_record():

    event_fields = set(Event.__dataclass_fields__) - {"date"} | {
        "date", "date_precision", "date_basis", "date_end", "date_expression", "date_anchor", "date_flag",
    }  # fmt: skip
    assert set(EventOut.model_fields) == event_fields


def test_the_stored_events_read_back_as_the_schema_says(client, tiny_db):
    from dragoman.queries import event_query, open_existing

    with open_existing(tiny_db) as store:
        records = [e.to_dict() for e in store.events(event_query(all_modalities=True))]
    assert [set(r) for r in records] == [set(EventOut.model_fields)] * 9
    for record in records:
        EventOut.model_validate(record)


def test_openapi_describes_every_endpoint_with_paging_limits(client):
    schema = get(client, "/openapi.json")
    assert sorted(schema["paths"]) == [
        "/api/actors", "/api/documents", "/api/documents/{doc_id}", "/api/dyads", "/api/dyads/{a}/{b}/series",
        "/api/events", "/api/events/{event_id}", "/api/record", "/api/records", "/api/timeline",
    ]  # fmt: skip
    for path, item in schema["paths"].items():
        responses = item["get"]["responses"]
        assert "$ref" in responses["200"]["content"]["application/json"]["schema"], path
        assert set(responses) == {"200", "4XX"}, path  # errors are one shape: {"detail": ...}
    limit = next(p for p in schema["paths"]["/api/events"]["get"]["parameters"] if p["name"] == "limit")
    assert (limit["schema"]["minimum"], limit["schema"]["maximum"]) == (1, 1000)


def test_reading_never_changes_the_store(make_client, tmp_path):
    from web_store import build_store

    db = build_store(tmp_path / "ro.db")
    before = hashlib.sha256(Path(db).read_bytes()).hexdigest()
    Path(db).chmod(0o444)
    client = make_client(str(db))
    for url in ("/api/events", "/api/dyads/USA/IRN/series", "/api/documents/doc-a", "/timeline", "/actors"):
        assert client.get(url).status_code == 200, url
    assert client.post("/api/events").status_code == 405
    assert hashlib.sha256(Path(db).read_bytes()).hexdigest() == before


def test_the_fast_plain_walk_is_asdict_exactly(tiny_db, example_db):
    """`Event.to_dict` walks the frozen records instead of `dataclasses.asdict` (ten times
    faster on a page of events); on every stored event the walk must equal asdict."""
    import dataclasses

    from dragoman.queries import event_query, open_existing
    from dragoman.records import _plain

    for db in (tiny_db, example_db):
        with open_existing(db) as store:
            events = list(store.events(event_query(all_modalities=True)))
        assert events
        for event in events:
            assert _plain(event) == dataclasses.asdict(event)  # == tells a tuple from a list, so the types match too
