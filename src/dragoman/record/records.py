"""The diplomatic record as frozen, typed records: what a report says passed between the parties.

    Record          one document's record: the five parts below
    Communication   a letter, message, reply, ultimatum or call: sender, recipient, carrier,
                    and a lifecycle of dated, sourced states (written, announced, sent,
                    delivered, received, not received, acknowledged or not, answered, ...)
    Item            a demand, offer or threat a party made, with its topic, CAMEO code, the
                    communication that carries it and that communication's date
    Deadline        a deadline anchored on its communication ("within 2 months", "a 72-hour
                    ultimatum") and, where the text says, what happened when it passed
    Channel         the history of talks between one pair of parties: direct or indirect,
                    mediator, proposed and actual venue, step by step
    Position        a party's stance on a demand or on talks at one time (rejects,
                    conditional, accepts)
    Agreement       a ceasefire, truce, deal, declaration or accord between two or more
                    parties: its states (proposed, rejected, agreed, signed, took effect,
                    extended, violated, collapsed), each dated and sourced
    Rupture         one step of a pair's diplomatic relations: diplomats expelled, an
                    ambassador recalled, ties cut or suspended, an embassy closed, and their
                    undoing (ties restored, an embassy reopened, an ambassador returned)

Every fact keeps its `Evidence`: the sentence it was read from (offsets into
the document), the words it rests on, the attribution, reliability and
citations of that sentence, and the ids of the sentence's events that say the
same thing. The records serialise with `to_dict` (the JSON documented in
docs/record.md) and read back with `record_from_dict`.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, TypeVar

from ..records import Actor, Attribution, Citation, DateValue

__all__ = [
    "AGREEMENT_STATES",
    "CHANNEL_STATUSES",
    "RUPTURE_ACTS",
    "EMPTY_RECORD",
    "ITEM_KINDS",
    "PARTS",
    "STANCES",
    "STATES",
    "Agreement",
    "AgreementState",
    "Channel",
    "ChannelStep",
    "CommState",
    "Communication",
    "Deadline",
    "EventRef",
    "Evidence",
    "Item",
    "Position",
    "Record",
    "RecordLink",
    "Rupture",
    "record_from_dict",
]

# The lifecycle of a communication, in the order a brief lists states of the same day.
STATES = (
    "written", "announced", "sent", "delivered", "received", "not_received", "acknowledged",
    "not_acknowledged", "answered", "not_answered", "rejected", "accepted",
)  # fmt: skip
ITEM_KINDS = ("demand", "offer", "threat")
# A step of a channel: proposed (by one side), refused, ready (to talk), agreed, held,
# mediated (a third party carried it), continued, ended.
CHANNEL_STATUSES = ("proposed", "refused", "ready", "agreed", "held", "mediated", "continued", "ended")
STANCES = ("rejects", "conditional", "accepts")
# An agreement's life, in the order a brief lists states of the same day.
AGREEMENT_STATES = ("proposed", "rejected", "agreed", "signed", "took_effect", "extended", "violated", "collapsed", "withdrew")
# A step of a pair's diplomatic relations: the ruptures, then their undoing.
RUPTURE_ACTS = (
    "expelled", "recalled", "cut_ties", "suspended_ties", "downgraded_ties", "closed_embassy",
    "restored_ties", "reopened_embassy", "returned",
)  # fmt: skip
PARTS = ("communications", "demands", "deadlines", "channels", "positions", "agreements", "ruptures")


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact was read: the sentence, the words it rests on, and on whose word."""

    sentence_index: int
    span: tuple[int, int]  # the sentence's offsets in the document
    text: str  # the sentence
    trigger: str | None = None  # the words the fact rests on ("had not received")
    trigger_span: tuple[int, int] | None = None  # their offsets in the document
    attribution: Attribution | None = None
    reliability: str | None = None  # "unofficial", "unconfirmed", ...
    citations: tuple[Citation, ...] = ()
    events: tuple[str, ...] = ()  # ids of the sentence's events that say the same


@dataclass(frozen=True, slots=True)
class EventRef:
    """An event named by the record (what happened when a deadline passed), as the brief shows it."""

    event_id: str
    cameo: str
    cameo_name: str
    source: Actor | None
    target: Actor | None
    date: DateValue
    modality: str
    sentence_index: int


# ---------------------------------------------------------------- communications


@dataclass(frozen=True, slots=True)
class CommState:
    """One dated step of a communication's lifecycle."""

    state: str  # one of STATES
    date: DateValue  # flag "on_or_before": the text only says it had happened by then
    by: Actor | None  # who did it (received: the one who received it)
    said_by: Actor | None  # who says so, when a speaker reports it ("the minister stated that ...")
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Communication:
    comm_id: str  # "c1", "c2", ... in the order the report first mentions them
    kind: str  # letter | message | note | reply | ultimatum | call | ...
    sender: Actor | None
    recipient: Actor | None
    carrier: Actor | None  # who carried or passed it on ("through Qatar", "handed it to")
    date: DateValue  # its own date: when it was written, sent or first made known
    states: tuple[CommState, ...] = ()  # in date order
    answers: str | None = None  # the comm_id this one answers
    answered_by: tuple[str, ...] = ()  # the comm_ids that answer it
    content: tuple[str, ...] = ()  # what the report says it says, in the report's words
    items: tuple[str, ...] = ()  # the demands, offers and threats it carries (Item.item_id)
    deadlines: tuple[str, ...] = ()  # Deadline.deadline_id
    evidence: tuple[Evidence, ...] = ()  # every sentence that mentions it

    def events(self) -> tuple[str, ...]:
        return _events(self.evidence, [s.evidence for s in self.states])


# ---------------------------------------------------------------- demands and offers


@dataclass(frozen=True, slots=True)
class Item:
    """A demand, offer or threat, from prose or from an enumerated list."""

    item_id: str  # "d1", ...
    kind: str  # one of ITEM_KINDS
    text: str  # in the report's words
    topic: str | None  # nuclear programme, enrichment, armed groups, sanctions, military action, venue, ...
    cameo: str | None  # the code of the item's event, when one was coded
    by: Actor | None
    of: Actor | None  # the party it is addressed to
    communication: str | None  # the comm_id that carries it
    date: DateValue  # the communication's date; without one, the statement's
    condition: str | None = None
    status: str = "open"  # open | rejected | accepted | conditional: the addressee's latest stance
    positions: tuple[str, ...] = ()  # the Position.position_ids its status rests on
    deadline: str | None = None  # Deadline.deadline_id
    evidence: Evidence | None = None

    def events(self) -> tuple[str, ...]:
        return _events((self.evidence,) if self.evidence else ())


# ---------------------------------------------------------------- deadlines


@dataclass(frozen=True, slots=True)
class Deadline:
    deadline_id: str  # "t1", ...
    expression: str  # "within 2 months", "a 72-hour ultimatum", "30 days", "by 30 June"
    amount: int | None  # None: the text sets a day, not a duration ("by the end of the month")
    unit: str | None  # hour | day | week | month | year; None with amount None
    anchor: DateValue  # what it counts from: its communication's date (else the sentence's)
    due: DateValue  # anchor + the duration, or the day the text sets (no date when neither is known)
    communication: str | None
    item: str | None  # the demand it sets a time for
    by: Actor | None
    of: Actor | None
    passed: DateValue | None = None  # when the text says it passed
    outcome: tuple[EventRef, ...] = ()  # what happened when it passed, where the text says
    evidence: Evidence | None = None
    passed_evidence: Evidence | None = None
    extended: tuple[DateValue, ...] = ()  # each later due date the text gives it, in order
    extended_evidence: tuple[Evidence, ...] = ()
    met: DateValue | None = None  # when the text says what it asked was done in time ("complied with the ultimatum")
    met_by: Actor | None = None
    met_evidence: Evidence | None = None

    def events(self) -> tuple[str, ...]:
        found = [e for e in (self.evidence, self.passed_evidence, *self.extended_evidence, self.met_evidence) if e is not None]
        return tuple(dict.fromkeys([*_events(found), *(o.event_id for o in self.outcome)]))


# ---------------------------------------------------------------- channels


@dataclass(frozen=True, slots=True)
class ChannelStep:
    step_id: str  # "s1", ...
    date: DateValue  # flag "on_or_after": since then ("have since continued")
    status: str  # one of CHANNEL_STATUSES
    what: str  # talks | ceasefire | agreement | ...
    mode: str | None  # direct | indirect | None (not said)
    by: Actor | None  # whose step it is (who refused, proposed, mediated); None for talks held
    participants: tuple[Actor, ...] = ()
    mediator: Actor | None = None
    mediator_text: str | None = None  # the words, also when no actor is named ("a mediator")
    venue: str | None = None  # proposed (status proposed) or actual (held)
    first_since: str | None = None  # "the first direct contact since 2013" -> "since 2013"; "in two decades"
    condition: str | None = None
    communication: str | None = None  # the comm_id it was said in
    evidence: tuple[Evidence, ...] = ()

    def events(self) -> tuple[str, ...]:
        return _events(self.evidence)


@dataclass(frozen=True, slots=True)
class Channel:
    """The talks between two or more parties over time; parties are keyed by country (or,
    for international bodies, by their code)."""

    channel_id: str  # "IRN-USA", "EGY-ETH-SDN": the parties' keys, sorted
    parties: tuple[Actor, ...]
    steps: tuple[ChannelStep, ...] = ()  # in date order

    def events(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(e for s in self.steps for e in s.events()))


# ---------------------------------------------------------------- positions


@dataclass(frozen=True, slots=True)
class Position:
    position_id: str  # "p1", ...
    party: Actor
    on: str  # "direct talks", "the demands of c1", "the ultimatum", "arbitration", ...
    stance: str  # one of STANCES
    date: DateValue
    condition: str | None = None
    items: tuple[str, ...] = ()  # the demands it answers
    communication: str | None = None  # the communication it answers or was stated in
    evidence: Evidence | None = None

    def events(self) -> tuple[str, ...]:
        return _events((self.evidence,) if self.evidence else ())


# ---------------------------------------------------------------- agreements


@dataclass(frozen=True, slots=True)
class AgreementState:
    state: str  # one of AGREEMENT_STATES
    date: DateValue
    by: tuple[Actor, ...] = ()  # who did it (proposed, agreed, violated, withdrew); () when the text names no one
    evidence: Evidence | None = None


@dataclass(frozen=True, slots=True)
class Agreement:
    agreement_id: str  # "a1", ...
    what: str  # ceasefire | truce | deal | agreement | accord | declaration | ...
    parties: tuple[Actor, ...]  # the sides it binds (not its mediator)
    mediator: Actor | None = None  # who brokered or proposed it from outside
    date: DateValue = DateValue()  # its first dated state
    states: tuple[AgreementState, ...] = ()  # in date order
    text: str = ""  # in the report's words ("a ceasefire along the border")

    def events(self) -> tuple[str, ...]:
        return _events([s.evidence for s in self.states if s.evidence is not None])


# ---------------------------------------------------------------- ruptures


@dataclass(frozen=True, slots=True)
class Rupture:
    rupture_id: str  # "r1", ...
    act: str  # one of RUPTURE_ACTS
    by: Actor | None  # the state that acts (expels, recalls, cuts)
    toward: Actor | None  # the state it acts toward
    date: DateValue
    what: str = ""  # in the report's words ("three of its diplomats", "its ambassador")
    within: str | None = None  # the time given to leave ("within 48 hours")
    evidence: Evidence | None = None

    def events(self) -> tuple[str, ...]:
        return _events((self.evidence,) if self.evidence else ())


# ---------------------------------------------------------------- the record


@dataclass(frozen=True, slots=True)
class RecordLink:
    """One event named by one part of a record: an event knows its communication this way."""

    doc_id: str
    part: str  # one of PARTS
    item_id: str  # comm_id, item_id, deadline_id, step_id (channels), position_id, agreement_id or rupture_id
    event_id: str


@dataclass(frozen=True, slots=True)
class Record:
    doc_id: str = ""
    communications: tuple[Communication, ...] = ()
    demands: tuple[Item, ...] = ()
    deadlines: tuple[Deadline, ...] = ()
    channels: tuple[Channel, ...] = ()
    positions: tuple[Position, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    ruptures: tuple[Rupture, ...] = ()

    def is_empty(self) -> bool:
        return not any(getattr(self, part) for part in PARTS)

    def links(self) -> tuple[RecordLink, ...]:
        """Every (part, item, event) pair: which events each part of the record rests on."""
        pairs: list[tuple[str, str, tuple[str, ...]]] = []
        pairs += [("communications", c.comm_id, c.events()) for c in self.communications]
        pairs += [("demands", d.item_id, d.events()) for d in self.demands]
        pairs += [("deadlines", t.deadline_id, t.events()) for t in self.deadlines]
        pairs += [("channels", s.step_id, s.events()) for c in self.channels for s in c.steps]
        pairs += [("positions", p.position_id, p.events()) for p in self.positions]
        pairs += [("agreements", a.agreement_id, a.events()) for a in self.agreements]
        pairs += [("ruptures", r.rupture_id, r.events()) for r in self.ruptures]
        return tuple(RecordLink(self.doc_id, part, item, event) for part, item, events in pairs for event in events)

    def communication(self, comm_id: str | None) -> Communication | None:
        return next((c for c in self.communications if c.comm_id == comm_id), None)

    def communication_of(self, event_id: str) -> Communication | None:
        """The communication an event belongs to (directly, or through a demand or deadline of it)."""
        for c in self.communications:
            if event_id in c.events():
                return c
        for part in (self.demands, self.deadlines):
            for x in part:
                if event_id in x.events() and x.communication is not None:
                    return self.communication(x.communication)
        return None

    def to_dict(self) -> dict[str, Any]:
        """The JSON documented in docs/record.md: every field, tuples as lists."""
        return _plain(self)  # type: ignore[no-any-return]


EMPTY_RECORD = Record()


def _events(*groups: typing.Iterable[Evidence]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(e for group in groups for ev in group for e in ev.events))


# ---------------------------------------------------------------- JSON


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    return value


T = TypeVar("T")


def record_from_dict(data: dict[str, Any]) -> Record:
    """The inverse of `Record.to_dict` (the stores read records back with it); a missing
    optional field takes its default, so records written by an older dragoman still read."""
    return _build(Record, data)


def _build(cls: type[T], data: Any) -> T:
    if not isinstance(data, dict):
        raise ValueError(f"expected an object for {cls.__name__}, got {type(data).__name__}")
    hints = _hints(cls)
    values: dict[str, Any] = {}
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        if f.name in data:
            values[f.name] = _typed(hints[f.name], data[f.name])
    return cls(**values)


def _hints(cls: type) -> typing.Mapping[str, Any]:
    return _HINTS[cls]


def _typed(kind: Any, raw: Any) -> Any:
    origin = typing.get_origin(kind)
    args = typing.get_args(kind)
    if origin in (types.UnionType, typing.Union):
        if raw is None:
            return None
        (inner,) = [a for a in args if a is not type(None)]
        return _typed(inner, raw)
    if dataclasses.is_dataclass(kind):
        return _build(kind, raw)  # type: ignore[arg-type]
    if origin is tuple:
        if not isinstance(raw, list):
            raise ValueError(f"expected a list, got {type(raw).__name__}")
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_typed(args[0], v) for v in raw)
        return tuple(_typed(a, v) for a, v in zip(args, raw, strict=True))
    return raw


# The field types of every record class, read once (typing.get_type_hints is slow), read-only.
_HINTS: typing.Mapping[type, typing.Mapping[str, Any]] = MappingProxyType(
    {
        cls: typing.get_type_hints(cls)
        for cls in (
            Actor, Attribution, Citation, DateValue, Evidence, EventRef, CommState, Communication, Item,
            Deadline, ChannelStep, Channel, Position, AgreementState, Agreement, Rupture, Record,
        )
    }
)  # fmt: skip
