"""The dashboard in a real browser (Chromium driven by Playwright) over the seed article's events and record.

The server is uvicorn in a thread on a free port, serving a store coded from
../shared/corpus/seed-article.txt; the tests skip, saying why, when Chromium
or ../shared is absent. Screenshots go to build/screenshots/ at 1280x800 and
at a phone's 390x844, for people to look at.
"""

from __future__ import annotations

import os
import re
import socket
import threading
from pathlib import Path

import httpx
import pytest

pytest.importorskip("fastapi", reason="the web extras are not installed: pip install 'dragoman[web]'")

pytestmark = pytest.mark.slow

SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"
CHROMIUM = os.environ.get("DRAGOMAN_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip
WIDE = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
TABS = ["timeline", "trajectory", "record", "actors", "documents"]


@pytest.fixture(scope="module")
def server(seed_db):
    import uvicorn

    from dragoman.web.app import ServerSettings, create_app

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    config = uvicorn.Config(create_app(ServerSettings(db=seed_db, rate_limit=0)), log_level="warning")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    started = threading.Event()
    while thread.is_alive() and not uv.started:  # until it accepts connections
        started.wait(0.05)
    assert uv.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    uv.should_exit = True
    thread.join()
    listener.close()


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"no Chromium at {CHROMIUM} (set DRAGOMAN_CHROMIUM, or apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed (the test extras)")

    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def open_page(browser, server):
    """open_page(path, viewport=WIDE) -> a page; afterwards, nothing was loaded from elsewhere and no script failed."""
    opened = []

    def open_(path: str, viewport=WIDE):
        page = browser.new_page(viewport=viewport)
        page.requests, page.errors = [], []
        page.on("request", lambda r: page.requests.append(r.url))
        page.on("pageerror", lambda e: page.errors.append(str(e)))
        page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
        opened.append(page)
        page.goto(server + path)
        return page

    yield open_
    for page in opened:
        elsewhere = [u for u in page.requests if not u.startswith(server + "/") and not u.startswith("data:")]
        assert elsewhere == [], elsewhere
        assert page.errors == [], page.errors
        page.close()


def api(server, path):
    response = httpx.get(server + path)
    assert response.status_code == 200, response.text
    return response.json()


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    page.screenshot(path=str(SHOTS / f"{name}-{size['width']}x{size['height']}.png"))


def chart_ready(page, element):
    page.wait_for_function(f"document.getElementById('{element}') && document.getElementById('{element}').data !== undefined")


def test_the_timeline_shows_the_events_by_day(open_page, server):
    from playwright.sync_api import expect

    page = open_page("/timeline")
    expected = [e["event_id"] for g in api(server, "/api/timeline")["groups"] for e in g["events"]]
    assert len(expected) > 20
    assert page.locator("li.event").evaluate_all("els => els.map(e => e.id)") == ["ev-" + i for i in expected]
    days = api(server, "/api/timeline")["days"]
    chart_ready(page, "timeline-chart")
    assert page.evaluate("document.getElementById('timeline-chart').data[0].x") == [d["day"] for d in days]
    expect(page.locator("#timeline-chart svg.main-svg").first).to_be_visible()
    shot(page, "timeline")


def test_an_event_opens_on_its_sentence_and_citations(open_page, server):
    from playwright.sync_api import expect

    events = api(server, "/api/events?limit=1000")["events"]
    event = next(e for e in events if len(e["citations"]) >= 2 and e["quote"] is None)
    page = open_page("/timeline")
    card = page.locator(f"#ev-{event['event_id']}")
    evidence = card.locator(".evidence")
    expect(evidence).to_be_hidden()
    card.locator("summary").click()
    expect(evidence).to_be_visible()
    assert evidence.locator("blockquote.sentence").text_content() == event["sentence"]
    expect(evidence.locator("mark.trigger")).to_have_text(event["trigger"])
    cites = evidence.locator("ol.cites > li")
    expect(cites).to_have_count(len(event["citations"]))
    first = event["citations"][0]
    expect(cites.first).to_contain_text(first["outlet"])
    expect(cites.first).to_contain_text(first["published"])
    expect(cites.first.locator(".lang")).to_have_text(first["language"])
    card.scroll_into_view_if_needed()
    shot(page, "timeline-event")
    page.set_viewport_size(PHONE)
    card.scroll_into_view_if_needed()
    shot(page, "timeline-event")


def test_changing_the_pair_changes_the_trajectory(open_page, server):
    page = open_page("/trajectory")
    chart_ready(page, "trajectory-chart")
    default = api(server, "/api/dyads")["default"]
    series = api(server, f"/api/dyads/{default['a']}/{default['b']}/series")
    drawn = page.evaluate("document.getElementById('trajectory-chart').data[0]")
    assert (drawn["x"], drawn["y"]) == ([p["period"] for p in series["periods"]], [p["a_to_b"]["goldstein"] for p in series["periods"]])
    shot(page, "trajectory")
    options = page.locator("#pair option").evaluate_all("els => els.map(e => e.value)")
    assert options[0] == f"{default['a']}-{default['b']}" and len(options) >= 2
    other = options[1]
    with page.expect_navigation():
        page.select_option("#pair", other)  # app.js sends the form on change
    assert page.url == f"{server}/trajectory?pair={other}&bin=week"
    chart_ready(page, "trajectory-chart")
    a, b = other.split("-")
    series = api(server, f"/api/dyads/{a}/{b}/series")
    drawn_now = page.evaluate("document.getElementById('trajectory-chart').data[0]")
    assert drawn_now["name"] == f"{a} → {b} Goldstein"
    assert (drawn_now["x"], drawn_now["y"]) == ([p["period"] for p in series["periods"]], [p["a_to_b"]["goldstein"] for p in series["periods"]])
    assert drawn_now["name"] != drawn["name"]
    assert page.locator("#pair").input_value() == other


def test_a_turning_point_marker_leads_to_its_events(open_page, server):
    from playwright.sync_api import expect

    page = open_page("/trajectory")
    chart_ready(page, "trajectory-chart")
    default = api(server, "/api/dyads")["default"]
    series = api(server, f"/api/dyads/{default['a']}/{default['b']}/series")
    turn = series["deescalations"][0]
    expect(page.locator(f"#tp-{turn['period']} li.event")).to_have_count(len(turn["event_ids"]))
    page.evaluate(f"location.hash = 'tp-{turn['period']}'")
    expect(page.locator(f"#tp-{turn['period']}")).to_be_in_viewport()


def test_the_filters_are_in_the_url(open_page, server):
    from playwright.sync_api import expect

    page = open_page("/timeline")
    page.fill("input[name=actor]", "IRN")
    page.fill("input[name=since]", "2025-03")
    with page.expect_navigation():
        page.click("form.filters button[type=submit]")
    assert page.url == f"{server}/timeline?since=2025-03&actor=IRN"  # the empty fields are left out
    total = api(server, "/api/events?since=2025-03&actor=IRN")["total"]
    expect(page.locator("li.event")).to_have_count(total)
    with page.expect_navigation():
        page.click("header nav a:has-text('Actors')")
    assert page.url == f"{server}/actors?since=2025-03&actor=IRN"
    assert page.locator("input[name=actor]").input_value() == "IRN"
    page.goto(f"{server}/timeline?root=13&modality=asserted")
    assert page.locator("select[name=root]").input_value() == "13"
    assert page.locator("select[name=modality]").input_value() == "asserted"


def test_zooming_the_chart_offers_that_period_as_a_filter(open_page, server):
    from playwright.sync_api import expect

    page = open_page("/timeline")
    chart_ready(page, "timeline-chart")
    box = page.locator("#timeline-chart .nsewdrag").first.bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.2, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.5, y, steps=8)
    page.mouse.up()
    link = page.locator("#period-link")
    expect(link).to_be_visible()
    href = link.get_attribute("href")
    assert re.fullmatch(r"/timeline\?since=\d{4}-\d\d-\d\d&until=\d{4}-\d\d-\d\d", href), href
    with page.expect_navigation():
        link.click()
    since, until = re.search(r"since=([\d-]+)&until=([\d-]+)", page.url).groups()
    dates = page.locator("li.event").evaluate_all("els => els.length")
    assert dates == api(server, f"/api/events?since={since}&until={until}")["total"]


def test_the_record_shows_the_letter_and_leads_to_its_sentence(open_page, server):
    from playwright.sync_api import expect

    doc_id = api(server, "/api/record")["documents"][0]
    letter = next(c for c in api(server, f"/api/record?doc={doc_id}")["communications"] if c["kind"] == "letter")
    page = open_page(f"/record?doc={doc_id}")
    row = page.locator(f"tr#r-{doc_id}-{letter['comm_id']}")
    expect(row).to_be_visible()
    expect(row.locator("td[data-label='Kind']")).to_have_text("letter")
    expect(row.locator("td[data-label='From → to']")).to_contain_text(letter["sender"]["code"])
    expect(row.locator("ol.states > li")).to_have_count(len(letter["states"]))
    shot(page, "record-letter")
    evidence = letter["states"][0]["evidence"]
    number = evidence["sentence_index"] + 1
    with page.expect_navigation():
        row.locator("ol.states > li").first.locator("a.evidence-link").click()
    assert page.url == f"{server}/documents/{doc_id}#sentence-{number}"
    sentence = page.locator(f"#sentence-{number}")
    expect(sentence).to_be_in_viewport()
    assert sentence.text_content() == evidence["text"]
    assert page.evaluate("document.querySelector(':target').id") == f"sentence-{number}"
    shot(page, "record-sentence")


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["1280x800", "390x844"])
def test_every_page_fits_the_screen_and_loads_only_local_files(open_page, server, viewport):
    doc_id = api(server, "/api/documents")["documents"][0]["doc_id"]
    for name, path in [*[(t, f"/{t}") for t in TABS], ("document", f"/documents/{doc_id}")]:
        page = open_page(path, viewport)
        if name in ("timeline", "trajectory"):
            chart_ready(page, f"{name}-chart")
        # the page never scrolls sideways (wide tables scroll inside their own box)
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], name
        shot(page, name)
