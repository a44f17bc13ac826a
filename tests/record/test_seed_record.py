"""The seed article's record: what issue 10 says it must show (reads ../shared; skipped with a reason when absent).

The record comes from general patterns and the actor knowledge: the last test
checks that no file of the record's code or data names the seed's people,
places or dates.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import dragoman
from dragoman.record import Record

NINE = [
    "Full dismantling of the Iranian nuclear program",
    "Full stopping of nuclear enrichment",
    "Stopping arming and supplying Houthis",
    "Stopping funding Hezbollah",
    "Disbanding Hashd-al-Shabi PMF (Popular Mobilization Forces) groups",
    "Compliance within 2 months of these requests",
    "United States would then lift the sanctions and end Iranian isolation",
    "In case of no negotiations there will be military strikes",
    "Recommendation that the negotiations take place in the Emirates",
]


@pytest.fixture(scope="module")
def record(loaded, shared_file) -> Record:
    (result,) = loaded.pipe(loaded.read(shared_file("corpus", "seed-article.txt")))
    return result.record


def _name(actor) -> str | None:
    return actor.name if actor is not None else None


@pytest.fixture(scope="module")
def letter(record):
    (found,) = [c for c in record.communications if c.kind == "letter" and _name(c.sender) == "Donald Trump"]
    return found


def test_a_letter_from_trump_to_khamenei_announced_on_7_march(letter):
    assert (_name(letter.sender), _name(letter.recipient), letter.date.date) == ("Donald Trump", "Ali Khamenei", "2025-03-07")
    announced = [(s.date.date, _name(s.by)) for s in letter.states if s.state == "announced"]
    assert announced == [("2025-03-07", "Donald Trump")]


def test_its_nine_reported_demands_as_a_list_unofficial_attributed_and_dated_by_the_letter(record, letter):
    items = [d for d in record.demands if d.communication == letter.comm_id]
    assert [d.text for d in items] == NINE
    assert list(letter.items) == [d.item_id for d in items]
    assert [d.kind for d in items] == ["demand"] * 6 + ["offer", "threat", "demand"]
    assert {(d.date.date, d.date.basis) for d in items} == {("2025-03-07", "communication")}
    assert {d.evidence.reliability for d in items} == {"unofficial"}
    assert {d.evidence.attribution.chain for d in items} == {("Iranian media", "Emirati political science academic Abdulkhaleq Abdulla")}
    assert [d.topic for d in items] == [
        "nuclear programme", "enrichment", "armed groups", "armed groups", "armed groups", "deadline", "sanctions",
        "military action", "venue",
    ]  # fmt: skip


def test_a_two_month_deadline_counted_from_the_letter(record, letter):
    (deadline,) = record.deadlines
    assert (deadline.amount, deadline.unit, deadline.communication) == (2, "month", letter.comm_id)
    assert (deadline.anchor.date, deadline.due.date) == ("2025-03-07", "2025-05-07")
    assert deadline.item == record.demands[5].item_id


def test_not_received_said_by_the_foreign_minister_and_not_acknowledged_by_khamenei(letter):
    (not_received,) = [s for s in letter.states if s.state == "not_received"]
    assert (not_received.date.date, not_received.by.country, _name(not_received.said_by)) == ("2025-03-08", "IRN", "Abbas Araghchi")
    (silence,) = [s for s in letter.states if s.state == "not_acknowledged"]
    assert _name(silence.by) == "Ali Khamenei"


def test_the_reply_of_27_march_and_the_reply_of_the_end_of_march(record, letter):
    replies = [c for c in record.communications if c.answers == letter.comm_id]
    assert [(c.sender.country, c.date.date) for c in replies] == [("IRN", "2025-03-27"), ("IRN", "2025-03")]
    aide, end_of_march = replies
    assert aide.states[0].evidence.attribution.text == "a Khamenei aide"
    assert end_of_march.content == ("expressing readiness for nuclear negotiations",)
    assert len(end_of_march.evidence) == 2  # told in the lead and again in the body: one reply
    assert set(letter.answered_by) == {aide.comm_id, end_of_march.comm_id}


def test_direct_talks_refused_indirect_talks_through_oman_and_the_emirates_proposed(record):
    (channel,) = record.channels
    assert channel.channel_id == "IRN-USA"
    steps = [(s.date.date, s.status, s.mode, s.mediator.code if s.mediator else None) for s in channel.steps]
    assert ("2025-03-27", "refused", "direct", None) in steps
    assert ("2025-03-27", "ready", "indirect", "OMN") in steps
    (venue,) = [s for s in channel.steps if s.status == "proposed" and s.venue]
    assert (venue.venue, venue.date.date, _name(venue.by)) == ("the Emirates", "2025-03-07", "Donald Trump")
    stances = {(p.stance, p.on, p.date.date) for p in record.positions if p.party.country == "IRN"}
    assert {("rejects", "direct talks", "2025-03-27"), ("accepts", "indirect talks", "2025-03-27")} <= stances


def test_the_talks_of_12_april_in_oman_the_first_direct_interaction_since_the_2010s(record):
    (channel,) = record.channels
    (held,) = [s for s in channel.steps if s.status == "held" and s.date.date == "2025-04-12"]
    assert (held.venue, held.mode, held.first_since) == ("Oman", "direct", "since the 2010s")
    assert {"Abbas Araghchi", "Steve Witkoff"} <= {p.name for p in held.participants}
    (since,) = [s for s in channel.steps if s.status == "continued"]
    assert (since.date.date, since.date.flag) == ("2025-04-12", "on_or_after")  # "have since continued"


def test_the_demands_are_rejected_by_iran(record, letter):
    demands = [d for d in record.demands if d.communication == letter.comm_id and d.kind == "demand"]
    assert {d.status for d in demands} == {"rejected"}


def test_events_know_their_communication(record, letter):
    assert all(record.communication_of(link.event_id) is not None for link in record.links() if link.part == "communications")
    (event_id,) = record.demands[0].events()
    assert record.communication_of(event_id) == letter


SEED_WORDS = r"\b(Trump|Khamenei|Araghchi|Araqchi|Witkoff|Abdulla|Iran|Iranian|Oman|Omani|Emirates|Emirati|Tehran|Muscat|Houthis?|Hezbollah|2025)\b"


def test_nothing_in_the_record_code_or_data_names_the_seed():
    package = Path(dragoman.__file__).parent
    files = [*sorted((package / "record").glob("*.py")), package / "data" / "record.yaml"]
    named = {f.name: sorted(set(re.findall(SEED_WORDS, f.read_text(encoding="utf-8")))) for f in files}
    assert {name: words for name, words in named.items() if words} == {}
    assert len(files) >= 10
