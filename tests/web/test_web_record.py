"""The Record tab and /api/record over stores coded from real text: the bundled example and a report of our own.

The report below is written for this test (not from any source): a letter sent through a
third state, a two-month deadline, a receipt, a reply rejecting the demand, the deadline
passing and what followed. Every row of the page must be one click from its sentence:
each evidence link is followed and must show that sentence.
"""

from __future__ import annotations

import dataclasses
import html
import re
from pathlib import Path

import pytest
from web_store import fetch as get

pytest.importorskip("fastapi", reason="the web extras are not installed: pip install 'dragoman[web]'")

from dragoman.record import records as rr  # noqa: E402
from dragoman.web import schemas  # noqa: E402
from dragoman.web.pages import record_date, record_page  # noqa: E402
from dragoman.web.params import Filters  # noqa: E402
from dragoman.web.record import in_period, narrow_record  # noqa: E402

REPORT = """Yerevan writes to Baku through Moscow

On 2 May 2023, the Armenian prime minister sent a letter to the Azerbaijani president through Russia, demanding the release of Armenian prisoners. The letter gave Azerbaijan two months to free them.

On 8 May, Azerbaijan's foreign minister said that Baku had received the letter. On 15 June, the Azerbaijani president replied to the Armenian prime minister, rejecting the demand.

The deadline passed on 2 July. The next day, Armenia recalled its ambassador from Azerbaijan.
"""
MINE = "yerevan-letter"
EXAMPLE = Path(__file__).resolve().parents[2] / "src" / "dragoman" / "examples" / "us-iran-2025.txt"
EXAMPLE_ID = "us-iran-2025"
PARTS = ("communications", "demands", "deadlines", "channels", "positions")


@pytest.fixture(scope="module")
def record_db(loaded, tmp_path_factory):
    """One store holding our report and the bundled example."""
    import dragoman

    folder = tmp_path_factory.mktemp("record")
    report = folder / f"{MINE}.txt"
    report.write_text(REPORT, encoding="utf-8")
    db = folder / "record.db"
    with dragoman.open_store(str(db)) as store:
        dragoman.code_into(store, [*loaded.read(report), *loaded.read(EXAMPLE)], loaded)
    return str(db)


@pytest.fixture(scope="module")
def rc(make_client, record_db):
    return make_client(record_db)


def codes(actor):
    return actor["code"] if actor else None


def by_id(items, key):
    return {x[key]: x for x in items}


def sentence_on_page(document_html, number):
    """The text of the span the document page anchors at #sentence-N."""
    match = re.search(rf'<span class="sentence" id="sentence-{number}">(.*?)</span>', document_html, re.S)
    assert match, f"no #sentence-{number} on the document page"
    return html.unescape(re.sub(r"<[^>]+>", "", match.group(1)))


# ---------------------------------------------------------------- the API


def test_our_report_letter_through_a_third_state_with_a_deadline_and_a_reply(rc):
    data = get(rc, f"/api/record?doc={MINE}")
    assert (data["available"], data["message"], data["doc_id"], data["documents"]) == (True, None, MINE, [MINE])
    letters = by_id(data["communications"], "comm_id")
    c1, c2 = letters["c1"], letters["c2"]
    assert (c1["kind"], codes(c1["sender"]), codes(c1["recipient"]), codes(c1["carrier"]), c1["date"]["date"]) == (
        "letter", "ARMGOV", "AZEGOV", "RUS", "2023-05-02")  # fmt: skip
    assert [(s["state"], s["date"]["date"]) for s in c1["states"]] == [("sent", "2023-05-02"), ("received", "2023-05-08"), ("answered", "2023-06-15")]
    assert (c2["kind"], codes(c2["sender"]), codes(c2["recipient"]), c2["answers"]) == ("reply", "AZEGOV", "ARMGOV", "c1")
    assert c1["answered_by"] == ["c2"] and all(x["doc_id"] == MINE for part in PARTS for x in data[part])
    (t1,) = data["deadlines"]
    assert (t1["amount"], t1["unit"], t1["communication"], t1["anchor"]["date"]) == (2, "month", "c1", "2023-05-02")
    assert (t1["due"]["date"], t1["due"]["precision"], t1["passed"]["date"]) == ("2023-07-02", "day", "2023-07-02")
    assert [(o["cameo"], codes(o["source"]), codes(o["target"]), o["date"]["date"]) for o in t1["outcome"]] == [("161", "ARM", "AZE", "2023-07-03")]
    demand = next(d for d in data["demands"] if d["topic"] == "prisoners")
    assert (demand["kind"], demand["communication"], demand["status"], demand["date"]["date"]) == ("demand", "c1", "rejected", "2023-05-02")


def test_the_bundled_example_letter_its_carrier_the_reply_through_oman_and_the_mediated_talks(rc):
    data = get(rc, f"/api/record?doc={EXAMPLE_ID}")
    letter = next(c for c in data["communications"] if c["kind"] == "letter")
    assert (codes(letter["sender"]), codes(letter["recipient"]), letter["date"]["date"]) == ("USAGOV", "IRNGOV", "2025-03-07")
    states = {(s["state"], s["date"]["date"]) for s in letter["states"]}
    assert {("not_received", "2025-03-08"), ("delivered", "2025-03-12")} <= states
    reply = next(c for c in data["communications"] if c["answers"] == letter["comm_id"])
    assert (reply["kind"], codes(reply["carrier"])) == ("reply", "OMN")
    (channel,) = data["channels"]
    assert channel["channel_id"] == "IRN-USA"
    held = [(s["date"]["date"], s["mode"], codes(s["mediator"]), s["venue"]) for s in channel["steps"] if s["status"] == "held"]
    assert ("2025-04-12", "indirect", "OMNGOV", "Muscat") in held
    assert {(p["stance"], p["on"]) for p in data["positions"]} >= {("rejects", "direct talks"), ("accepts", "indirect talks")}


def test_every_evidence_the_api_gives_is_its_sentence_in_the_document(rc):
    for doc_id in (MINE, EXAMPLE_ID):
        data = get(rc, f"/api/record?doc={doc_id}")
        text = get(rc, f"/api/documents/{doc_id}")["document"]["text"]
        evidences = [e for c in data["communications"] for e in (*c["evidence"], *(s["evidence"] for s in c["states"]))]
        evidences += [x["evidence"] for part in ("demands", "deadlines", "positions") for x in data[part] if x["evidence"]]
        evidences += [e for ch in data["channels"] for s in ch["steps"] for e in s["evidence"]]
        assert len(evidences) > 10
        for e in evidences:
            start, end = e["span"]
            assert text[start:end] == e["text"], (doc_id, e["sentence_index"])


def test_a_page_of_documents_with_a_cursor(rc):
    everything = get(rc, "/api/record")
    assert (everything["doc_id"], everything["documents"], everything["next_cursor"]) == (None, [EXAMPLE_ID, MINE], None)
    assert {x["doc_id"] for x in everything["communications"]} == {EXAMPLE_ID, MINE}
    first = get(rc, "/api/record?limit=1")
    assert first["documents"] == [EXAMPLE_ID] and first["next_cursor"]
    assert {x["doc_id"] for part in PARTS for x in first[part]} == {EXAMPLE_ID}
    rest = get(rc, f"/api/record?limit=1&cursor={first['next_cursor']}")
    assert (rest["documents"], rest["next_cursor"]) == ([MINE], None)
    assert get(rc, "/api/record?limit=1&offset=1")["documents"] == [MINE]


def test_the_filters_narrow_the_record_by_actor_and_period(rc):
    armenia = get(rc, "/api/record?actor=ARM")
    assert armenia["filters"]["actor"] == "ARM"
    assert {x["doc_id"] for part in PARTS for x in armenia[part]} == {MINE}
    assert [c["comm_id"] for c in armenia["communications"]] == ["c1", "c2"]
    assert armenia["positions"] == []  # Azerbaijan's stance: its party is not Armenia
    oman = get(rc, "/api/record?actor=OMN")  # the mediator: the channel it mediated, the reply it carried
    assert [ch["channel_id"] for ch in oman["channels"]] == ["IRN-USA"] and [c["kind"] for c in oman["communications"]] == ["reply"]
    april = get(rc, f"/api/record?doc={EXAMPLE_ID}&since=2025-04")
    assert april["communications"] == [] and april["positions"] == []
    (channel,) = april["channels"]
    assert channel["steps"] and all(s["date"]["date"] >= "2025-04" for s in channel["steps"])
    june = get(rc, f"/api/record?doc={MINE}&since=2023-06&until=2023-06")
    assert [c["comm_id"] for c in june["communications"]] == ["c1", "c2"]  # c1 was answered in June: its whole lifecycle shows
    assert june["deadlines"] == [] and june["demands"] == []
    whole = get(rc, f"/api/record?doc={MINE}&root=19&modality=asserted")  # event filters leave the record whole
    assert whole["communications"] == get(rc, f"/api/record?doc={MINE}")["communications"]


@pytest.mark.parametrize(
    "url,status,says",
    [
        ("/api/record?doc=nope", 404, "doc='nope': no such document"),
        ("/api/record?actor=ZZZ", 404, "actor=ZZZ: no event in this store"),
        ("/api/record?since=yesterday", 400, "since='yesterday' is not an ISO date"),
        ("/api/record?limit=0", 400, "limit='0'"),
        ("/api/record?limit=5000", 400, "limit='5000'"),
        ("/api/record?cursor=abc", 400, "is not a cursor this store made"),
        ("/api/record?modality=rumoured", 400, "no modality 'rumoured'"),
    ],
)
def test_bad_record_parameters_are_a_clear_4xx(rc, url, status, says):
    body = get(rc, url, status)
    assert list(body) == ["detail"] and says in body["detail"]


def test_a_store_without_a_record_says_so(client):
    store = get(client, "/api/record")
    assert (store["available"], store["documents"]) == (False, [])
    assert store["message"].startswith("no record in this store yet")
    doc = get(client, "/api/record?doc=doc-a")
    assert doc["available"] is False and doc["message"].startswith("no record stored for this document")
    assert [doc[k] for k in PARTS] == [[], [], [], [], []]
    page = get(client, "/record")
    assert '<p class="notice" role="status">No record in this store yet: ' in page and "<table" not in page


# ---------------------------------------------------------------- the schema


@pytest.mark.parametrize(
    "model,record,added",
    [
        (schemas.CommunicationOut, rr.Communication, {"doc_id"}), (schemas.CommStateOut, rr.CommState, set()),
        (schemas.ItemOut, rr.Item, {"doc_id"}), (schemas.RecordDeadlineOut, rr.Deadline, {"doc_id"}),
        (schemas.EventRefOut, rr.EventRef, set()), (schemas.ChannelOut, rr.Channel, {"doc_id"}),
        (schemas.ChannelStepOut, rr.ChannelStep, set()), (schemas.PositionOut, rr.Position, {"doc_id"}),
        (schemas.RecordEvidenceOut, rr.Evidence, set()),
    ],  # fmt: skip
)
def test_the_record_schema_names_every_field_of_the_record(model, record, added):
    assert set(model.model_fields) == {f.name for f in dataclasses.fields(record)} | added


def test_openapi_says_what_each_part_of_the_record_holds(rc):
    schema = get(rc, "/openapi.json")
    operation = schema["paths"]["/api/record"]["get"]
    assert {p["name"] for p in operation["parameters"]} >= {"doc", "actor", "since", "until", "limit", "offset", "cursor"}
    assert "evidence" in operation["description"] and "not kept" not in operation["summary"]
    record = schema["components"]["schemas"]["RecordOut"]["properties"]
    for part in PARTS:
        assert record[part]["description"], part
    assert "lifecycle" in schema["components"]["schemas"]["CommunicationOut"]["properties"]["states"]["description"]


# ---------------------------------------------------------------- the page


def test_the_record_page_has_a_table_per_part_with_headers_and_labels(rc):
    page = get(rc, f"/record?doc={MINE}")
    assert re.findall(r'<section class="record-part" id="([a-z]+)"><h2>([^<]+)</h2>', page) == [
        ("communications", "Communications"), ("demands", "Demands and offers"), ("deadlines", "Deadlines"),
        ("channels", "Channels"), ("positions", "Positions"), ("agreements", "Agreements"),
        ("ruptures", "Relations: ruptures and restorations"),
    ]  # fmt: skip
    assert "No talks between parties in this record." in page  # the empty part says so
    row = re.search(rf'<tr id="r-{MINE}-c1">(.*?)</tr>', page, re.S).group(1)
    assert row.startswith('<th scope="row" data-label="#">c1</th><td data-label="Kind">letter</td>')
    assert 'data-label="Carried by"' in row and "RUS" in row
    assert re.findall(r'<span class="status [a-z]+">([a-z ]+)</span> <span class="rdate"[^>]*>([^<]+)</span>', row) == [
        ("sent", "2023-05-02"), ("received", "2023-05-08"), ("answered", "2023-06-15")]  # fmt: skip
    assert f'answered by <a href="#r-{MINE}-c2" class="ref">c2</a>' in row
    deadline = re.search(rf'<tr id="r-{MINE}-t1">(.*?)</tr>', page, re.S).group(1)
    assert "2023-07-02</span> <small>(to the day)</small>" in deadline and ">161 Reduce or break diplomatic relations</a>" in deadline
    assert all(th.startswith('<th scope="col">') for th in re.findall(r"<th scope=\"col\">[^<]*</th>", page))
    assert '<a href="/api/record?doc=yerevan-letter" class="twin">' in page


def test_every_row_of_the_page_is_one_click_from_its_sentence(rc):
    for doc_id in (MINE, EXAMPLE_ID):
        page = get(rc, f"/record?doc={doc_id}")
        document = get(rc, f"/documents/{doc_id}")
        sentences = {s["index"]: s for s in get(rc, f"/api/documents/{doc_id}")["sentences"]}
        text = get(rc, f"/api/documents/{doc_id}")["document"]["text"]
        rows = re.findall(r"<tr(?: id=\"[^\"]+\")?><th scope=\"row\".*?</tr>", page, re.S)
        assert len(rows) >= 5
        for row in rows:
            numbers = re.findall(rf'href="/documents/{doc_id}#sentence-(\d+)"', row)
            assert numbers, row[:200]
            for n in map(int, numbers):
                s = sentences[n - 1]
                assert sentence_on_page(document, n) == text[s["start"] : s["end"]]
        for event_id in set(re.findall(r'href="/events/([0-9a-f]+)"', page)):
            event_page = get(rc, f"/events/{event_id}")
            sentence = get(rc, f"/api/events/{event_id}")["event"]["sentence"]
            plain = html.unescape(re.sub(r"<[^>]+>", "", event_page))
            assert sentence in plain, event_id


def test_a_page_of_documents_names_each_row_s_document_and_pages_on(rc):
    # without doc, the Record tab lists the documents with a record (tests/web/test_web_record_list.py)
    page = get(rc, "/record?limit=1")
    assert f'<a href="/record?doc={EXAMPLE_ID}">{EXAMPLE_ID}</a>' in page and MINE not in page.split("<main")[1].split("<footer")[0]
    assert 'rel="next"' in page
    both = get(rc, "/record")
    assert f'<td data-label="Document"><a href="/record?doc={MINE}">{MINE}</a></td>' in both
    note = get(rc, f"/record?doc={MINE}&root=19")
    assert "The CAMEO root filter chooses events, not parts of the record: the record is shown whole." in note


def test_the_record_page_escapes_what_the_report_says():
    evil = "<script>alert(1)</script>"
    actor = {"text": evil, "name": evil, "code": "IRN", "country": "IRN"}
    evidence = {"sentence_index": 0, "span": [0, 5], "text": evil, "trigger": None, "trigger_span": None, "attribution": None,
                "reliability": evil, "citations": [{"key": "1", "outlet": evil}], "events": ['"><b>x']}  # fmt: skip
    date = {"date": "2025-03-07", "precision": "day", "expression": evil}
    data = {
        "available": True, "message": None, "doc_id": 'd"<x>', "documents": ['d"<x>'], "next_cursor": None, "offset": 0,
        "communications": [{"doc_id": 'd"<x>', "comm_id": "c1", "kind": evil, "sender": actor, "recipient": actor, "carrier": None,
                            "date": date, "states": [{"state": evil, "date": date, "by": actor, "said_by": None, "evidence": evidence}],
                            "answers": None, "answered_by": [], "content": [evil], "items": [], "deadlines": [], "evidence": [evidence]}],
        "demands": [{"doc_id": 'd"<x>', "item_id": "d1", "kind": "demand", "text": evil, "topic": evil, "cameo": None, "by": actor,
                     "of": None, "communication": "c1", "date": date, "condition": evil, "status": "open", "positions": [],
                     "deadline": None, "evidence": evidence}],
        "deadlines": [], "channels": [], "positions": [],
        "agreements": [{"doc_id": 'd"<x>', "agreement_id": "a1", "what": evil, "parties": [actor], "mediator": None, "date": date,
                        "states": [{"state": "agreed", "date": date, "by": [actor], "evidence": evidence}], "text": evil}],
        "ruptures": [{"doc_id": 'd"<x>', "rupture_id": "r1", "act": "expelled", "by": actor, "toward": None, "date": date,
                      "what": evil, "within": evil, "evidence": evidence}],
    }  # fmt: skip
    out = record_page(data, Filters(doc='d"<x>'), _catalogue(), limit=20, default_limit=20, cursor=None, twin="/api/record", store_name="t")
    assert "<script>alert" not in out and "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert 'href="/documents/d%22%3Cx%3E#sentence-1"' in out and 'href="/events/%22%3E%3Cb%3Ex"' in out


def _catalogue():
    from dragoman.web.views import load_catalogue

    return load_catalogue()


# ---------------------------------------------------------------- the rules, on their own


@pytest.mark.parametrize(
    "date,since,until,kept",
    [
        ({"date": "2025-03-07"}, "2025-03", None, True),
        ({"date": "2025-03-07"}, "2025-04", None, False),
        ({"date": "2025-03"}, "2025-03-15", "2025-03-20", True),  # a month overlaps its days
        ({"date": "2025-03-21", "date_end": "2025-03-31"}, "2025-03-25", None, True),  # a range counts by its end
        ({"date": "2025-03-21", "date_end": "2025-03-31"}, None, "2025-03-20", False),
        ({"date": None}, "2025", None, False),
        (None, None, "2025", False),
    ],
)
def test_a_record_date_is_in_a_period_as_events_are(date, since, until, kept):
    assert in_period(date, since, until) is kept


def test_narrowing_keeps_a_channel_s_steps_in_the_period_and_drops_an_empty_channel():
    step = lambda d: {"date": {"date": d}, "by": None, "mediator": None, "participants": []}  # noqa: E731
    usa, irn = {"code": "USAGOV", "country": "USA"}, {"code": "IRN", "country": "IRN"}
    record = {"communications": [], "demands": [], "deadlines": [], "positions": [], "documents": ["x"],
              "channels": [{"channel_id": "IRN-USA", "parties": [irn, usa], "steps": [step("2025-03-01"), step("2025-04-12")]}]}  # fmt: skip
    assert [s["date"]["date"] for s in narrow_record(record, since="2025-04")["channels"][0]["steps"]] == ["2025-04-12"]
    assert narrow_record(record, since="2026")["channels"] == []
    assert narrow_record(record, actor="USA")["channels"] == record["channels"]
    assert narrow_record(record, actor="GBR")["channels"] == []
    assert narrow_record(record) == record


@pytest.mark.parametrize(
    "date,shown",
    [
        ({"date": "2025-03-07", "precision": "day"}, "2025-03-07"),
        ({"date": "2025-03-07", "precision": "day", "flag": "on_or_before"}, "on or before 2025-03-07"),
        ({"date": "2025-04-12", "precision": "day", "flag": "on_or_after"}, "on or after 2025-04-12"),
        ({"date": "2025-03-21", "precision": "range", "date_end": "2025-03-31"}, "2025-03-21 to 2025-03-31"),
        ({"date": "2025-03", "precision": "month"}, "2025-03 (month)"),
        ({"date": "201", "precision": "decade"}, "the 2010s"),
        ({"date": None}, "undated"),
    ],
)
def test_how_a_record_date_reads(date, shown):
    assert record_date(date) == shown
