"""The HTML pages: drawn from their JSON twins, escaped, filters carried in every link."""

from __future__ import annotations

import json
import re

import pytest

pytest.importorskip("fastapi", reason="the web extras are not installed: pip install 'dragoman[web]'")

from dragoman.web.views import highlights  # noqa: E402



def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    return response.text


def data_block(html, name):
    match = re.search(rf'<script type="application/json" id="{name}">(.*?)</script>', html, re.S)
    assert match, name
    return json.loads(match.group(1))


def test_the_home_page_is_the_timeline_with_the_same_filters(client):
    response = client.get("/?actor=IRN", follow_redirects=False)
    assert response.status_code == 307 and response.headers["location"] == "/timeline?actor=IRN"


def test_the_timeline_shows_every_event_grouped_by_date(client):
    html = page(client, "/timeline")
    assert re.findall(r'<li class="event [^"]*" id="ev-([a-z0-9]+)"', html) == [
        "b1praise", "a4month", "a1threat", "a3reject", "a6meet", "a7meet", "a8host", "a5attack",
    ]  # fmt: skip
    assert re.findall(r"<h2>([^<]+)<small>", html) == [
        "Wed 1 Jan 2025", "March 2025 (month only)", "Mon 3 Mar 2025", "Wed 5 Mar 2025", "Sat 12 Apr 2025", "Undated",
    ]  # fmt: skip
    assert '<p class="summary">8 events match. Click an event for its sentence and sources.</p>' in html
    assert data_block(html, "timeline-data")["days"][0] == {
        "day": "2025-01-01", "quad": {"verbal_cooperation": 1, "material_cooperation": 0, "verbal_conflict": 0, "material_conflict": 0},
    }  # fmt: skip


def test_an_event_shows_its_voice_precision_and_evidence(client):
    html = page(client, "/timeline?all=1")
    strike = html[html.index('id="ev-a2strike"') :]
    strike = strike[: strike.index("</li>")]
    assert 'class="event q4 m-threatened"' in html and "threatened, not done" in strike
    reported = html[html.index('id="ev-a3reject"') :]
    reported = reported[: reported.index("</li>")]
    assert '<span class="modality m-reported">reported</span>' in reported and "on another&#x27;s word" not in reported
    assert "on another's word" in reported
    assert "state media" in reported and "unofficial" in reported
    month = html[html.index('id="ev-a4month"') :]
    assert '<span class="badge precision">month only</span>' in month[: month.index("</li>")]
    threat = html[html.index('id="ev-a1threat"') :]
    threat = threat[: threat.index("</li>")]
    assert '<mark class="trigger" title="trigger">threatened</mark>' in threat
    assert '<span class="hl-source" title="source">the United States</span>' in threat
    assert '<a href="https://example.org/reuters" rel="noopener noreferrer nofollow" target="_blank">link</a>' in threat


def test_text_from_reports_is_escaped_and_only_web_links_are_drawn(client):
    html = page(client, "/timeline")
    assert "</mark> &lt;script&gt;alert(1)&lt;/script&gt; talks.</blockquote>" in html
    assert "<script>alert(1)</script>" not in html
    assert 'href="javascript:' not in html  # Tasnim's link is not a web URL: its text stays, unlinked
    assert '<span class="lang foreign" title="language">fa</span>' in html


def test_filters_live_in_the_url_and_every_tab_keeps_them(client):
    html = page(client, "/timeline?actor=IRN&since=2025-03")
    for tab in ("timeline", "trajectory", "record", "actors", "documents"):
        assert f'href="/{tab}?since=2025-03&amp;actor=IRN"' in html
    assert 'name="actor" value="IRN"' in html and 'name="since" value="2025-03"' in html
    assert '<a href="/api/timeline?actor=IRN&amp;since=2025-03" class="twin">' in html
    assert "Filters: <span class=\"active-filters\">since 2025-03, actor IRN</span>" in html
    root = page(client, "/timeline?root=04&modality=asserted")
    assert '<option value="04" selected>04 Consult</option>' in root
    assert '<option value="asserted" selected title="the report states it happened">asserted</option>' in root


def test_the_trajectory_opens_on_the_most_active_pair_and_takes_another(client):
    html = page(client, "/trajectory")
    data = data_block(html, "trajectory-data")
    assert (data["a"], data["b"], data["bin"]) == ("IRN", "USA", "week")
    assert '<option value="IRN-USA" selected>IRN ↔ USA (4)</option>' in html
    assert '<a href="/api/dyads/IRN/USA/series" class="twin">' in html
    other = page(client, "/trajectory?pair=FRA-GBR&bin=day")
    data = data_block(other, "trajectory-data")
    assert (data["a"], data["b"], data["bin"]) == ("FRA", "GBR", "day")
    assert [p["period"] for p in data["periods"]] == ["2025-01-01"]
    assert '<option value="FRA-GBR" selected>FRA ↔ GBR (1)</option>' in other
    assert '<a href="/api/dyads/FRA/GBR/series?bin=day" class="twin">' in other


def test_turning_points_link_to_their_events(client):
    html = page(client, "/trajectory?pair=USA-IRN")
    escalations = html[html.index("Largest escalations") : html.index("Largest de-escalations")]
    assert 'id="tp-2025-03-03"' in escalations and 'id="ev-a1threat"' in escalations
    rise = html[html.index("Largest de-escalations") :]
    assert 'id="tp-2025-04-07"' in rise and 'id="ev-a6meet"' in rise and 'id="ev-a7meet"' in rise
    assert "1 of the pair&#x27;s events have no day" in html or "1 of the pair's events have no day" in html


def test_actors_page_lists_codes_partners_and_unresolved_names(client):
    html = page(client, "/actors")
    assert re.findall(r'<td data-label="Code"><a href="/timeline\?actor=([A-Z]+)"><code>', html) == ["USAGOV", "IRN", "IRNGOV", "FRA", "GBR", "OMNGOV"]
    assert '<a href="/trajectory?pair=USAGOV-IRN">IRN<small> 2</small></a>' in html
    assert "<td data-label=\"Words\">The militants</td>" in html and '<a href="/events/a5attack">#1</a>' in html


def test_documents_list_and_a_document_with_its_events_marked(client):
    html = page(client, "/documents")
    assert re.findall(r'<a href="/documents/([a-z-]+)">', html) == ["doc-a", "doc-b"]
    response = client.get("/documents?doc=doc-b&actor=GBR", follow_redirects=False)
    assert response.status_code == 307 and response.headers["location"] == "/documents/doc-b?actor=GBR"
    doc = page(client, "/documents/doc-a")
    marks = re.findall(r'<a href="#ev-([a-z0-9]+)" class="mark ([^"]+)"[^>]*data-events="([^"]+)">([^<]+)</a>', doc)
    assert [(first, text, carried) for first, _, carried, text in marks] == [
        ("a1threat", "threatened", "a1threat"), ("a3reject", "rejected", "a3reject"), ("a4month", "criticised", "a4month"),
        ("a5attack", "attacked", "a5attack"), ("a6meet", "met", "a6meet a7meet"), ("a8host", "hosted", "a8host"),
    ]  # fmt: skip
    assert "<h3 class=\"block heading\">Crisis</h3>" in doc
    assert "Crisis &amp; talks" in doc


def test_the_record_page_says_there_is_no_record_yet(client):
    html = page(client, "/record")
    assert '<p class="notice" role="status">No record in this store yet: ' in html
    assert "<h2>" not in html.split("<main")[1]  # no empty tables under the notice
    doc = page(client, "/record?doc=doc-a")
    assert '<p class="notice" role="status">No record stored for this document: ' in doc


def test_a_document_anchors_each_sentence(client):
    doc = page(client, "/documents/doc-a")
    assert re.findall(r'<span class="sentence" id="sentence-(\d+)">', doc) == ["1", "2", "3", "4", "5", "6"]
    assert '<span class="sentence" id="sentence-2">Iran <a href="#ev-a3reject"' in doc


def test_an_event_page_has_the_evidence_open(client):
    html = page(client, "/events/a1threat")
    assert "<details open>" in html and '<mark class="trigger" title="trigger">threatened</mark>' in html
    assert "Crisis &amp; talks · Test Wire · 2025-04-13" in html


@pytest.mark.parametrize(
    "event,expected",
    [
        # the trigger wins over an actor span it overlaps; spans outside the sentence are dropped
        ({"span": [10, 30], "sentence": "Iran warned the US now", "trigger_span": [15, 21],
          "source": {"start": 10, "end": 17}, "target": {"start": 26, "end": 40}}, [("trigger", 5, 11, "warned")]),
        ({"span": [0, 22], "sentence": "Iran warned the US now", "trigger_span": [5, 11],
          "source": {"start": 0, "end": 4}, "target": None}, [("source", 0, 4, "Iran"), ("trigger", 5, 11, "warned")]),
    ],
)
def test_highlights_never_overlap(event, expected):
    assert [(h["kind"], h["start"], h["end"], h["text"]) for h in highlights(event)] == expected


def test_a_pronoun_without_a_name_is_shown_as_the_texts_words_with_its_code():
    from dragoman.web.pages import _actor

    shown = _actor({"text": "they", "name": None, "code": "KENGOV", "basis": "pronoun"})
    assert "\u201cthey\u201d" in shown and "KENGOV" in shown
    named = _actor({"text": "he", "name": "Chidi Okafor", "code": "NGAGOV", "basis": "pronoun"})
    assert "Chidi Okafor" in named and "\u201che\u201d" not in named
    unplaced = _actor({"text": "Riot police", "name": None, "code": "---COP", "country": None, "basis": "sector"})
    assert "\u201cRiot police\u201d" in unplaced and "---COP" in unplaced
