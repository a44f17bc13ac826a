"""What issue 11 asks of the bundled example (what `make demo` codes): the crisis, and every event's sentence."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("fastapi", reason="the web extras are not installed: pip install 'dragoman[web]'")


@pytest.fixture(scope="module")
def example(make_client, example_db):
    return make_client(example_db)


def test_the_dashboard_opens_on_the_us_iran_pair(example):
    assert example.get("/api/dyads").json()["default"] == {"a": "IRN", "b": "USA"}


def test_the_trajectory_turns_from_threats_to_talks_between_late_march_and_mid_april(example):
    series = example.get("/api/dyads/USA/IRN/series?bin=week").json()
    totals = {p["period"]: p["goldstein"] for p in series["periods"]}
    before = {week: total for week, total in totals.items() if week <= "2025-03-31"}
    assert len(before) >= 3 and all(total < 0 for total in before.values()), totals  # threats, week after week
    assert totals["2025-04-07"] > 0, totals  # the talks in Oman on April 12
    turn = series["deescalations"][0]
    assert (turn["period"], turn["previous"]) == ("2025-04-07", "2025-03-31")
    named = [series["events"][i] for i in turn["event_ids"]]
    assert {e["root"] for e in named} == {"04"}  # consultations and meetings
    assert any(e["cameo"] == "044" and e["date"] == "2025-04-12" for e in named)
    # before the turn, each escalation is led (its lowest score first) by a threat
    leading = {t["period"]: series["events"][t["event_ids"][0]]["root"] for t in series["escalations"] if t["period"] < "2025-04"}
    assert "2025-03-31" in leading and set(leading.values()) == {"13"}, leading


def test_every_event_is_traceable_to_its_sentence(example):
    events = example.get("/api/events?all=1&limit=1000").json()["events"]
    assert len(events) >= 20
    text = example.get("/api/documents/us-iran-2025").json()["document"]["text"]
    for e in events:
        start, end = e["span"]
        assert text[start:end] == e["sentence"], e["event_id"]
        lo, hi = e["trigger_span"]
        assert text[lo:hi] == e["trigger"], e["event_id"]
        page = example.get(f"/events/{e['event_id']}").text
        assert re.search(rf'<mark class="trigger" title="trigger">{re.escape(e["trigger"])}</mark>', page), e["event_id"]
