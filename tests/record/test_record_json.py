"""A Record reads back from its JSON exactly (`record_from_dict(record.to_dict())`), any record."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from dragoman.record import (
    Agreement,
    AgreementState,
    Channel,
    ChannelStep,
    CommState,
    Communication,
    Deadline,
    EventRef,
    Evidence,
    Item,
    Position,
    Record,
    Rupture,
    record_from_dict,
)
from dragoman.records import Actor, Attribution, Citation, DateValue

text = st.text(max_size=12)
maybe = st.none() | text
actors = st.builds(Actor, text=text, name=maybe, code=maybe, country=maybe, sector=maybe)
maybe_actor = st.none() | actors
dates = st.builds(DateValue, date=maybe, precision=maybe, basis=maybe, date_end=maybe, expression=maybe, anchor=maybe, flag=maybe)
ints = st.integers(-(2**31), 2**31)
spans = st.tuples(ints, ints)
ids = st.lists(text, max_size=3).map(tuple)
evidence = st.builds(
    Evidence, sentence_index=ints, span=spans, text=text, trigger=maybe, trigger_span=st.none() | spans,
    attribution=st.none() | st.builds(Attribution, text=text, speaker=maybe_actor, chain=ids), reliability=maybe,
    citations=st.lists(st.builds(Citation, key=text, outlet=maybe, language=text), max_size=2).map(tuple), events=ids,
)  # fmt: skip
maybe_evidence = st.none() | evidence
states = st.builds(CommState, state=text, date=dates, by=maybe_actor, said_by=maybe_actor, evidence=evidence)
comms = st.builds(
    Communication, comm_id=text, kind=text, sender=maybe_actor, recipient=maybe_actor, carrier=maybe_actor, date=dates,
    states=st.lists(states, max_size=3).map(tuple), answers=maybe, answered_by=ids, content=ids, items=ids, deadlines=ids,
    evidence=st.lists(evidence, max_size=2).map(tuple),
)  # fmt: skip
items = st.builds(
    Item, item_id=text, kind=text, text=text, topic=maybe, cameo=maybe, by=maybe_actor, of=maybe_actor, communication=maybe,
    date=dates, condition=maybe, status=text, positions=ids, deadline=maybe, evidence=maybe_evidence,
)  # fmt: skip
refs = st.builds(EventRef, event_id=text, cameo=text, cameo_name=text, source=maybe_actor, target=maybe_actor, date=dates,
                 modality=text, sentence_index=ints)  # fmt: skip
deadlines = st.builds(
    Deadline, deadline_id=text, expression=text, amount=st.none() | ints, unit=maybe, anchor=dates, due=dates, communication=maybe,
    item=maybe, by=maybe_actor, of=maybe_actor, passed=st.none() | dates, outcome=st.lists(refs, max_size=2).map(tuple),
    evidence=maybe_evidence, passed_evidence=maybe_evidence, extended=st.lists(dates, max_size=2).map(tuple),
    extended_evidence=st.lists(evidence, max_size=2).map(tuple), met=st.none() | dates, met_by=maybe_actor,
    met_evidence=maybe_evidence,
)  # fmt: skip
steps = st.builds(
    ChannelStep, step_id=text, date=dates, status=text, what=text, mode=maybe, by=maybe_actor,
    participants=st.lists(actors, max_size=2).map(tuple), mediator=maybe_actor, mediator_text=maybe, venue=maybe,
    first_since=maybe, condition=maybe, communication=maybe, evidence=st.lists(evidence, max_size=2).map(tuple),
)  # fmt: skip
channels = st.builds(Channel, channel_id=text, parties=st.lists(actors, min_size=2, max_size=3).map(tuple), steps=st.lists(steps, max_size=2).map(tuple))
positions = st.builds(Position, position_id=text, party=actors, on=text, stance=text, date=dates, condition=maybe, items=ids,
                      communication=maybe, evidence=maybe_evidence)  # fmt: skip
agreement_states = st.builds(AgreementState, state=text, date=dates, by=st.lists(actors, max_size=2).map(tuple), evidence=maybe_evidence)
agreements = st.builds(
    Agreement, agreement_id=text, what=text, parties=st.lists(actors, max_size=3).map(tuple), mediator=maybe_actor, date=dates,
    states=st.lists(agreement_states, max_size=3).map(tuple), text=text,
)  # fmt: skip
ruptures = st.builds(Rupture, rupture_id=text, act=text, by=maybe_actor, toward=maybe_actor, date=dates, what=text, within=maybe,
                     evidence=maybe_evidence)  # fmt: skip
records = st.builds(
    Record, doc_id=text, communications=st.lists(comms, max_size=2).map(tuple), demands=st.lists(items, max_size=2).map(tuple),
    deadlines=st.lists(deadlines, max_size=2).map(tuple), channels=st.lists(channels, max_size=2).map(tuple),
    positions=st.lists(positions, max_size=2).map(tuple), agreements=st.lists(agreements, max_size=2).map(tuple),
    ruptures=st.lists(ruptures, max_size=2).map(tuple),
)  # fmt: skip


@settings(max_examples=80, deadline=None)
@given(records)
def test_a_record_reads_back_from_its_json_exactly(record):
    data = json.loads(json.dumps(record.to_dict()))
    assert record_from_dict(data) == record


def test_the_json_has_the_seven_parts_and_an_empty_record_is_empty():
    assert Record("d").to_dict() == {
        "doc_id": "d", "communications": [], "demands": [], "deadlines": [], "channels": [], "positions": [], "agreements": [],
        "ruptures": [],
    }  # fmt: skip
    assert Record("d").is_empty() and record_from_dict({"doc_id": "d"}) == Record("d")
