"""The Record tab's list of documents with a record and its twin /api/records, over a store coded
from reports of our own: what each document's record holds, in order, paged, by party; and,
in a real browser, a party typed into the list's field and a document chosen from it.

The reports are written for this test: a letter with a demand, a deadline and its rejection; a
mediation offered, accepted and held with a mediator; and a report with no diplomacy (no item
in its record, so never listed).
"""

from __future__ import annotations

import os
import re
import socket
import threading

import pytest
from web_store import fetch as get

pytest.importorskip("fastapi", reason="the web extras are not installed: pip install 'dragoman[web]'")

from dragoman.record import PARTS  # noqa: E402

REPORTS = {
    "nile-letter": (
        "Cairo writes to Khartoum\n\nOn 4 March 2024, the Egyptian foreign minister sent a letter to his Sudanese counterpart, "
        "demanding that Sudan close the border crossing within a week. On 9 March, Sudan rejected the demand.\n"
    ),
    "gulf-mediation": (
        "Doha hosts Riyadh and Tehran\n\nOn 2 April 2024, Qatar offered to mediate between Saudi Arabia and Iran. Saudi Arabia "
        "accepted the offer. On 15 April 2024, Saudi and Iranian officials held indirect talks in Doha, with the Qatari foreign "
        "minister carrying messages between them.\n"
    ),
    "harbour-news": "Boats back in Valletta\n\nFishing boats returned to the harbour in Valletta on Tuesday after a week of storms.\n",
}
LISTED = ("gulf-mediation", "nile-letter")  # harbour-news has no record item


@pytest.fixture(scope="module")
def list_db(loaded, tmp_path_factory):
    import dragoman

    folder = tmp_path_factory.mktemp("record-list")
    documents = []
    for doc_id, text in REPORTS.items():
        (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        documents += loaded.read(folder / f"{doc_id}.txt")
    db = folder / "list.db"
    with dragoman.open_store(str(db)) as store:
        dragoman.code_into(store, documents, loaded)
    return str(db)


@pytest.fixture(scope="module")
def lc(make_client, list_db):
    return make_client(list_db)


def counts_of(client, doc_id: str) -> dict[str, int]:
    """What /api/record says the document's record holds, counted as the list counts (a channel, its steps)."""
    record = get(client, f"/api/record?doc={doc_id}")
    return {p: sum(len(c["steps"]) for c in record[p]) if p == "channels" else len(record[p]) for p in PARTS}


def ids(data) -> list[str]:
    return [d["doc_id"] for d in data["documents"]]


# ---------------------------------------------------------------- the API


def test_the_documents_with_a_record_and_what_each_part_holds(lc):
    data = get(lc, "/api/records")
    assert (data["available"], data["message"], data["total"], data["party"], data["sort"]) == (True, None, 2, None, "items")
    assert data["parts"] == list(PARTS) and sorted(ids(data)) == sorted(LISTED)
    for d in data["documents"]:
        assert d["parts"] == counts_of(lc, d["doc_id"]) and d["items"] == sum(d["parts"].values()) > 0
    assert [(-d["items"], d["doc_id"]) for d in data["documents"]] == sorted((-d["items"], d["doc_id"]) for d in data["documents"])
    assert next(d for d in data["documents"] if d["doc_id"] == "nile-letter")["title"] == "Cairo writes to Khartoum"
    assert ids(get(lc, "/api/records?sort=doc")) == list(LISTED)


def test_a_page_at_a_time_with_the_total(lc):
    everything = ids(get(lc, "/api/records"))
    first, second = get(lc, "/api/records?limit=1"), get(lc, "/api/records?limit=1&offset=1")
    assert (first["total"], second["total"], ids(first) + ids(second)) == (2, 2, everything)
    assert (get(lc, "/api/records?offset=5")["documents"], get(lc, "/api/records?offset=5")["available"]) == ([], True)


@pytest.mark.parametrize(
    "query,documents",
    [
        ("party=qatar", ["gulf-mediation"]),  # the mediator, by name, in any case
        ("party=QATGOV", ["gulf-mediation"]),
        ("party=sdn", ["nile-letter"]),  # a code prefix in any case
        ("party=Sudan", ["nile-letter"]),
        ("party=egy", ["nile-letter"]),
        ("party=saudi", ["gulf-mediation"]),  # the first word of a name
        ("actor=IRN", ["gulf-mediation"]),  # without party, the page's actor filter
        ("party=&sort=doc", list(LISTED)),  # a form's empty field is no filter
    ],
)
def test_only_the_documents_whose_record_involves_a_party(lc, query, documents):
    data = get(lc, f"/api/records?{query}")
    assert sorted(ids(data)) == sorted(documents) and data["total"] == len(documents)


@pytest.mark.parametrize(
    "url,status,says",
    [
        ("/api/records?party=Mordor", 404, "party 'Mordor': no record in this store involves an actor with that code, country or name"),
        ("/api/records?party=%20", 200, None),
        ("/api/records?sort=date", 400, "sort='date'"),
        ("/api/records?limit=0", 400, "limit='0'"),
        ("/api/records?offset=-1", 400, "offset='-1'"),
        ("/api/records?party=" + "x" * 201, 400, "party="),
        ("/api/records?since=yesterday", 400, "since='yesterday' is not an ISO date"),
    ],
)
def test_bad_list_parameters_are_a_clear_4xx(lc, url, status, says):
    body = get(lc, url, status)
    if says is not None:
        assert list(body) == ["detail"] and says in body["detail"]


def test_a_store_without_a_record_says_so_and_lists_nothing(client):
    data = get(client, "/api/records")  # the hand-made store keeps events, and no record
    assert (data["available"], data["total"], data["documents"]) == (False, 0, [])
    assert data["message"].startswith("no record in this store yet")
    assert get(client, "/api/records?party=IRN")["available"] is False  # nothing to find a party in: no 404
    page = get(client, "/record")
    assert '<p class="notice" role="status">No record in this store yet: ' in page and "<table" not in page


def test_the_schema_names_the_list_and_its_parameters(lc):
    schema = get(lc, "/openapi.json")
    operation = schema["paths"]["/api/records"]["get"]
    assert {p["name"] for p in operation["parameters"]} >= {"party", "sort", "limit", "offset", "actor"}
    assert set(schema["components"]["schemas"]["RecordSummaryOut"]["properties"]) == {"doc_id", "title", "date", "outlet", "items", "parts"}


# ---------------------------------------------------------------- the page


def rows(page: str) -> list[str]:
    return re.findall(r'<tr id="doc-([^"]+)">', page)


def test_the_record_tab_lists_the_documents_with_a_record_each_linked_to_its_record(lc):
    page = get(lc, "/record")
    assert sorted(rows(page)) == sorted(LISTED) and "harbour-news" not in page.split("<main")[1]
    assert rows(page) == ids(get(lc, "/api/records"))
    assert "2 documents have a record" in page and '<a href="/api/records" class="twin">' in page
    headers = re.findall(r'<th scope="col">([^<]+)</th>', page)
    assert headers[:3] == ["Document", "Title", "Date"] and headers[-1] == "Items" and len(headers) == len(PARTS) + 4
    nile = re.search(r'<tr id="doc-nile-letter">(.*?)</tr>', page, re.S).group(1)
    assert '<a href="/record?doc=nile-letter">nile-letter</a>' in nile and 'data-label="Deadlines">1</td>' in nile
    record = get(lc, "/record?doc=nile-letter")  # the document's record, which leads back to the list
    assert '<tr id="r-nile-letter-c1">' in record and '<a href="/record" class="back">Back to the documents with a record</a>' in record


def test_the_party_field_narrows_the_list_and_the_links_keep_the_filters(lc):
    page = get(lc, "/record?party=Sudan&since=2024")
    assert rows(page) == ["nile-letter"] and 'name="party" id="party" value="Sudan"' in page
    assert "1 document has a record involving <b>Sudan</b>" in page
    assert '<a href="/record?since=2024&amp;doc=nile-letter">nile-letter</a>' in page  # the period narrows the record it opens
    assert "The period filter narrows each record once it is opened, not this list." in page
    missing = get(lc, "/record?party=Mordor", 404)
    assert '<p class="notice error" role="alert">party \'Mordor\': no record in this store involves' in missing


def test_the_pager_moves_by_the_page_size(lc):
    first = get(lc, "/record?limit=1")
    (shown,) = rows(first)
    assert 'rel="next"' in first and 'rel="prev"' not in first and "1 on this page" in first
    second = get(lc, "/record?limit=1&offset=1")
    assert rows(second) != [shown] and 'rel="prev"' in second and 'rel="next"' not in second
    assert '<a href="/record?sort=doc&amp;limit=1">by document id</a>' in first


# ---------------------------------------------------------------- in a browser


CHROMIUM = os.environ.get("DRAGOMAN_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip


@pytest.fixture(scope="module")
def list_server(list_db):
    import uvicorn

    from dragoman.web.app import ServerSettings, create_app

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(ServerSettings(db=list_db, rate_limit=0)), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    waiting = threading.Event()
    while thread.is_alive() and not server.started:
        waiting.wait(0.05)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join()
    listener.close()


@pytest.mark.slow
def test_a_user_finds_the_documents_a_party_is_in_and_opens_one(list_server):
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"no Chromium at {CHROMIUM} (set DRAGOMAN_CHROMIUM, or apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed (the test extras)")
    expect = sync_api.expect

    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(list_server + "/record")
        listed = page.locator("table.record-list tbody tr")
        expect(listed).to_have_count(2)
        page.fill("#party", "qatar")
        with page.expect_navigation():
            page.press("#party", "Enter")
        assert "party=qatar" in page.url
        expect(listed).to_have_count(1)
        row = page.locator("tr#doc-gulf-mediation")
        expect(row.locator("td[data-label='Channels']")).not_to_have_text("0")
        with page.expect_navigation():
            row.locator("td[data-label='Document'] a").click()
        assert page.url.startswith(list_server + "/record?") and "doc=gulf-mediation" in page.url
        expect(page.locator("section#channels table.channel").first).to_be_visible()
        with page.expect_navigation():
            page.locator("a.back").click()
        expect(page.locator("table.record-list tbody tr")).to_have_count(2)
        page.set_viewport_size({"width": 390, "height": 844})  # a phone: the list never scrolls the page sideways
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert errors == []
        browser.close()
