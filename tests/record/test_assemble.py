"""The record stage on its own: `assemble` is a pure function of notes and events (no model needed)."""

from __future__ import annotations

from dataclasses import replace

from dragoman.record.assemble import AssemblyRules, assemble
from dragoman.record.notes import CommNote, CommRef, DeadlineNote, ItemNote, LapseNote, NoteState, StanceNote, TalkNote
from dragoman.record.records import Evidence
from dragoman.records import Actor, DateValue, Event
from dragoman.time.rules import Unit

A = Actor(text="Arnor", name="Arnor", code="ARN", country="ARN")
A_GOV = Actor(text="the Arnorian king", name=None, code="ARNGOV", country="ARN", sector="GOV")
B = Actor(text="Gondor", name="Gondor", code="GON", country="GON")
B_GOV = Actor(text="the Gondorian steward", name=None, code="GONGOV", country="GON", sector="GOV")
C = Actor(text="Rohan", name="Rohan", code="ROH", country="ROH")

RULES = AssemblyRules(
    units={
        "hour": Unit(days=0, months=0, hours=1, precision="day"),
        "day": Unit(days=1, months=0, hours=0, precision="day"),
        "week": Unit(days=7, months=0, hours=0, precision="day"),
        "month": Unit(days=0, months=1, hours=0, precision="month"),
    },
    hours_per_day=24, international=frozenset({"IGO"}), non_events=frozenset({"negated"}), outcome_reach=1,
    reply_kind="reply", side_names={"ARN": "Arnor", "GON": "Gondor", "ROH": "Rohan"},
)  # fmt: skip


def day(iso: str | None, basis: str = "explicit") -> DateValue:
    if iso is None:
        return DateValue()
    precision = {10: "day", 7: "month", 4: "year"}[len(iso)]
    return DateValue(iso, precision, basis)


def ev(sentence: int, *events: str) -> Evidence:
    return Evidence(sentence_index=sentence, span=(0, 10), text=f"sentence {sentence}", events=events)


def comm(key, sentence, ref="new", kind="letter", states=(), sender=None, recipient=None, reply=False, answers=None,
         content=None, date=None, owner=None, carrier=None):  # fmt: skip
    return CommNote(
        key, CommRef(ref, kind if ref not in ("pronoun", "key") else None, owner, key if ref == "key" else None), kind,
        tuple(NoteState(s, day(d), by) for s, d, by in states), sender, recipient, carrier, None, reply, answers, content,
        day(date), ev(sentence),
    )  # fmt: skip


def item(key, sentence, comm_key=None, text="stop the raids", kind="demand", by=None, of=None, date=None, words=("raid",)):
    ref = CommRef("key", key=comm_key) if comm_key is not None else None
    return ItemNote(key, kind, text, None, "100", by, of, ref, None, words, date or day("3019-03-21", "citation"), ev(sentence))


def talk(sentence, status, *, by=None, parties=(), mode=None, date="3019-03-10", mediator=None, venue=None, condition=None):
    return TalkNote(status, "talks", mode, by, tuple(parties), mediator, mediator.text if mediator else None, venue, None,
                    condition, None, day(date), ev(sentence))  # fmt: skip


def event(event_id: str, sentence: int, modality: str = "asserted") -> Event:
    return Event(
        event_id=event_id, doc_id="d", sentence_index=sentence, sentence="s", span=(0, 1), trigger="t", trigger_span=(0, 1),
        source=A, target=B, cameo="190", root="19", cameo_name="Use conventional military force", goldstein=-10.0,
        quad_class=4, plover=None, date=day("3019-03-20"), modality=modality,
    )  # fmt: skip


def states(c) -> list[tuple[str, str | None, str | None]]:
    return [(s.state, s.date.date, s.by.code if s.by else None) for s in c.states]


# ---------------------------------------------------------------- communications


def test_a_letter_told_twice_is_one_letter_with_both_tellings():
    notes = [
        comm(0, 0, sender=A_GOV, recipient=B_GOV, date="3019-03-07"),
        comm(1, 4, states=[("written", "3019-03-07", A_GOV), ("announced", "3019-03-07", A_GOV)], sender=A_GOV, recipient=B_GOV),
    ]
    (letter,) = assemble("d", notes, [], RULES).communications
    assert (letter.comm_id, letter.sender, letter.recipient, letter.date.date) == ("c1", A_GOV, B_GOV, "3019-03-07")
    assert states(letter) == [("written", "3019-03-07", "ARNGOV"), ("announced", "3019-03-07", "ARNGOV")]
    assert [e.sentence_index for e in letter.evidence] == [0, 4]


def test_two_letters_sent_on_different_days_stay_two():
    notes = [
        comm(0, 0, states=[("sent", "3019-03-07", A)], sender=A, recipient=B),
        comm(1, 1, states=[("sent", "3019-04-02", A)], sender=A, recipient=B),
    ]
    assert [c.date.date for c in assemble("d", notes, [], RULES).communications] == ["3019-03-07", "3019-04-02"]


def test_another_letter_back_is_a_reply_to_the_latest_message_from_its_addressee():
    notes = [
        comm(0, 0, states=[("sent", "3019-03-07", A)], sender=A, recipient=B),
        comm(1, 3, ref="another", states=[("written", "3019-03-27", B)], sender=B, recipient=A, reply=True),
    ]
    first, second = assemble("d", notes, [], RULES).communications
    assert (second.answers, first.answered_by) == ("c1", ("c2",))
    assert states(first) == [("sent", "3019-03-07", "ARN"), ("answered", "3019-03-27", "GON")]


def test_the_letter_is_the_latest_one_that_fits_what_the_sentence_says_of_it():
    notes = [
        comm(0, 0, states=[("sent", "3019-03-07", A)], sender=A, recipient=B),
        comm(1, 1, states=[("sent", "3019-03-09", B)], sender=B, recipient=C),
        comm(2, 2, ref="definite", states=[("received", "3019-03-10", B)], recipient=B),
    ]
    first, second = assemble("d", notes, [], RULES).communications
    assert states(first) == [("sent", "3019-03-07", "ARN"), ("received", "3019-03-10", "GON")]
    assert states(second) == [("sent", "3019-03-09", "GON")]


def test_it_names_a_message_only_when_one_was_mentioned_lately():
    notes = [comm(0, 0, states=[("sent", "3019-03-07", A)], sender=A, recipient=B), comm(1, 2, ref="pronoun", states=[("received", "3019-03-08", B)])]
    (letter,) = assemble("d", notes, [], RULES).communications
    assert states(letter) == [("sent", "3019-03-07", "ARN"), ("received", "3019-03-08", "GON")]
    late = [notes[0], replace(notes[1], evidence=ev(3))]
    assert states(assemble("d", late, [], RULES).communications[0]) == [("sent", "3019-03-07", "ARN")]


def test_answering_a_letter_makes_the_reply_that_its_reply_then_names():
    notes = [
        comm(0, 0, states=[("sent", "3019-03-07", A)], sender=A, recipient=B),
        comm(1, 1, ref="pronoun", states=[("answered", "3019-03-20", B)]),
        comm(2, 2, ref="definite", kind="reply", owner=B, content="offering a truce"),
    ]
    letter, reply = assemble("d", notes, [], RULES).communications
    assert (reply.kind, reply.sender, reply.recipient, reply.answers) == ("reply", B, A, "c1")
    assert states(reply) == [("sent", "3019-03-20", "GON")] and reply.content == ("offering a truce",)
    assert states(letter) == [("sent", "3019-03-07", "ARN"), ("answered", "3019-03-20", "GON")]


def test_a_reply_to_a_party_that_wrote_nothing_is_no_message():
    notes = [comm(0, 0, ref="answer", kind="reply", states=[("sent", "3019-03-07", A)], sender=A, recipient=B, reply=True)]
    assert assemble("d", notes, [], RULES).communications == ()


def test_a_message_only_spoken_of_is_none():
    assert assemble("d", [comm(0, 0, kind="reply")], [], RULES).communications == ()


# ---------------------------------------------------------------- demands and deadlines


def test_demands_take_the_date_of_their_communication_not_of_their_source():
    notes = [comm(0, 0, states=[("sent", "3019-03-07", A)], sender=A, recipient=B), item(1, 1, comm_key=0)]
    record = assemble("d", notes, [], RULES)
    (demand,) = record.demands
    assert (demand.communication, demand.by, demand.of, demand.status) == ("c1", A, B, "open")
    assert (demand.date.date, demand.date.basis) == ("3019-03-07", "communication")
    assert record.communications[0].items == ("d1",)


def deadline(key, sentence, amount, unit, comm_key=None, item_key=None):
    ref = CommRef("key", key=comm_key) if comm_key is not None else None
    return DeadlineNote(key, f"{amount} {unit}s", amount, unit, ref, item_key, None, None, day("3019-03-09"), ev(sentence))


def test_a_deadline_counts_from_its_communication():
    sent = comm(0, 0, states=[("sent", "3019-03-07", A)], sender=A, recipient=B)
    dues = []
    for amount, unit in ((72, "hour"), (30, "day"), (2, "week"), (2, "month")):
        (t,) = assemble("d", [sent, deadline(1, 1, amount, unit, comm_key=0)], [], RULES).deadlines
        dues.append((t.anchor.date, t.due.date, t.due.precision, t.communication, t.by, t.of))
    assert dues == [
        ("3019-03-07", "3019-03-10", "day", "c1", A, B), ("3019-03-07", "3019-04-06", "day", "c1", A, B),
        ("3019-03-07", "3019-03-21", "day", "c1", A, B), ("3019-03-07", "3019-05-07", "day", "c1", A, B),
    ]  # fmt: skip
    (alone,) = assemble("d", [deadline(0, 0, 1, "month")], [], RULES).deadlines
    assert (alone.anchor.date, alone.due.date, alone.communication) == ("3019-03-09", "3019-04-09", None)


def test_a_deadline_that_passed_links_what_happened_in_the_next_sentence():
    notes = [
        comm(0, 0, kind="ultimatum", states=[("sent", "3019-03-07", A)], sender=A, recipient=B),
        item(1, 0, comm_key=0),
        deadline(2, 0, 3, "day", comm_key=0, item_key=1),
        LapseNote("ultimatum", day("3019-03-10"), (), ev(4)),
    ]
    events = [event("e1", 4), event("e2", 5), event("e3", 5, modality="negated"), event("e4", 6)]
    (t,) = assemble("d", notes, events, RULES).deadlines
    assert (t.item, t.passed.date, [o.event_id for o in t.outcome]) == ("d1", "3019-03-10", ["e2"])
    assert t.events() == ("e2",)


# ---------------------------------------------------------------- channels and positions


def test_a_side_named_alone_talks_with_its_latest_counterpart():
    notes = [talk(0, "held", parties=[A, B], date="3019-03-01"), talk(1, "refused", by=A, mode="direct", condition="under threat")]
    record = assemble("d", notes, [], RULES)
    (channel,) = record.channels
    assert (channel.channel_id, channel.parties) == ("ARN-GON", (A, B))
    assert [(s.status, s.mode, s.by) for s in channel.steps] == [("held", None, None), ("refused", "direct", A)]
    assert [(p.party, p.stance, p.on, p.condition) for p in record.positions] == [(A, "rejects", "direct talks", "under threat")]


def test_a_channel_is_named_by_its_parties_even_when_only_their_officials_act():
    (channel,) = assemble("d", [talk(0, "held", parties=[A_GOV, B_GOV])], [], RULES).channels
    assert [(p.name, p.code) for p in channel.parties] == [("Arnor", "ARN"), ("Gondor", "GON")]


def test_talks_told_twice_merge_but_stances_of_different_days_do_not():
    notes = [
        talk(0, "held", parties=[A, B], date="3019-04"), talk(1, "held", parties=[A, B], date="3019-04-12", mode="direct", venue="Minas Tirith"),
        talk(2, "ready", by=B, date="3019-03"), talk(3, "ready", by=B, date="3019-03-08", condition="if the raids stop"),
    ]  # fmt: skip
    steps = assemble("d", notes, [], RULES).channels[0].steps
    assert [(s.date.date, s.status, s.mode, s.venue, s.condition) for s in steps] == [
        ("3019-03", "ready", None, None, None), ("3019-03-08", "ready", None, None, "if the raids stop"),
        ("3019-04-12", "held", "direct", "Minas Tirith", None),
    ]  # fmt: skip
    assert [len(s.evidence) for s in steps] == [1, 1, 2]


def test_a_mediator_joins_the_talks_held_that_day():
    notes = [talk(0, "held", parties=[A, B], date="3019-04-12"), talk(1, "mediated", by=C, mediator=C, date="3019-04-12")]
    (step,) = assemble("d", notes, [], RULES).channels[0].steps
    assert (step.status, step.mediator, step.mediator_text) == ("held", C, "Rohan")


def stance(sentence, party, on, *, about=None, stance_="rejects", words=(), comm_key=None):
    ref = CommRef("key", key=comm_key) if comm_key is not None else None
    return StanceNote(party, stance_, on, about, ref, words, None, day("3019-03-08"), ev(sentence))


def test_a_demand_is_rejected_when_its_addressee_rejects_the_demands_even_before_they_are_listed():
    notes = [
        comm(0, 0, states=[("sent", "3019-03-07", A)], sender=A, recipient=B),
        stance(1, B, "the conditions", about="demand"),
        item(2, 2, comm_key=0), item(3, 3, comm_key=0, kind="offer", text="lift the blockade", words=("blockade",)),
    ]  # fmt: skip
    record = assemble("d", notes, [], RULES)
    assert [(d.kind, d.status, d.positions) for d in record.demands] == [("demand", "rejected", ("p1",)), ("offer", "open", ())]
    assert [(p.stance, p.items, p.communication) for p in record.positions] == [("rejects", ("d1",), "c1")]


def test_a_stance_on_a_matter_counts_where_a_demand_shares_its_words_and_is_dropped_elsewhere():
    notes = [
        comm(0, 0, states=[("sent", "3019-03-07", A)], sender=A, recipient=B),
        item(1, 0, comm_key=0, text="accept binding arbitration", words=("arbitration",)),
        stance(2, B, "arbitration", words=("arbitration",)),
        stance(3, B, "the weather", words=("weather",)),
    ]
    record = assemble("d", notes, [], RULES)
    assert [(p.on, p.items) for p in record.positions] == [("arbitration", ("d1",))]
    assert record.demands[0].status == "rejected"


def test_a_rejected_ultimatum_is_a_position_on_its_demands():
    notes = [
        comm(0, 0, kind="ultimatum", states=[("sent", "3019-03-07", A)], sender=A, recipient=B),
        item(1, 0, comm_key=0),
        comm(2, 1, ref="definite", kind="ultimatum", states=[("rejected", "3019-03-08", B)]),
    ]
    record = assemble("d", notes, [], RULES)
    assert [(p.party, p.stance, p.on, p.items) for p in record.positions] == [(B, "rejects", "the ultimatum", ("d1",))]
    assert record.demands[0].status == "rejected"


def test_links_name_every_event_of_every_part():
    notes = [comm(0, 0, states=[("sent", "3019-03-07", A)], sender=A, recipient=B), replace(item(1, 1, comm_key=0), evidence=ev(1, "e9"))]
    notes[0] = replace(notes[0], evidence=ev(0, "e1"))
    record = assemble("d", notes, [], RULES)
    assert [(k.part, k.item_id, k.event_id) for k in record.links()] == [("communications", "c1", "e1"), ("demands", "d1", "e9")]
    assert record.communication_of("e9") == record.communications[0]


def test_a_deadline_past_the_calendars_edge_has_no_due_date():
    sent = comm(0, 0, states=[("sent", "9999-12-30", A)], sender=A, recipient=B)
    (t,) = assemble("d", [sent, deadline(1, 1, 30, "day", comm_key=0)], [], RULES).deadlines
    assert (t.anchor.date, t.due) == ("9999-12-30", DateValue())
