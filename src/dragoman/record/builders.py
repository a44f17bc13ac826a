"""What the assembly builds before it freezes a Record: a mutable draft of each part, and the
small rules of sides and dates the drafts and the assembly share.

    AssemblyRules          what the assembly knows besides the notes (from the knowledge)
    side_of, same_party    who a party is: its country, or an international body's own code
    date_key, may_be_same_day, finer, text_dated
                           dates as the record sorts and compares them
    CommDraft, ItemDraft, DeadlineDraft, StepDraft, ChannelDraft, PositionDraft
                           the parts while the notes are read (assemble.py)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..records import Actor, DateValue
from ..time.rules import Unit
from .notes import DeadlineNote, ExtensionNote, ItemNote, LapseNote, MetNote
from .records import CommState, EventRef, Evidence

__all__ = [
    "ISSUING", "PRONOUN_REACH", "SHARED_STEPS", "STANCES_OF_ONE_SIDE", "STANCE_OF_STATUS", "STATUS_OF_STANCE",
    "TEXT_BASES", "AssemblyRules", "ChannelDraft", "CommDraft", "DeadlineDraft", "ItemDraft", "PositionDraft",
    "StepDraft", "date_key", "finer", "fits", "may_be_same_day", "same_party", "side_of", "text_dated",
]  # fmt: skip


ISSUING = ("written", "sent", "announced", "delivered")  # states that date a communication, by preference
TEXT_BASES = frozenset({"explicit", "relative", "inherited"})
STANCE_OF_STATUS = {"refused": "rejects", "ready": "accepts", "agreed": "accepts"}
STATUS_OF_STANCE = {"rejects": "rejected", "accepts": "accepted", "conditional": "conditional"}
STANCES_OF_ONE_SIDE = frozenset({"refused", "ready", "agreed", "proposed"})  # one side's steps
SHARED_STEPS = frozenset({"held", "continued", "ended", "mediated", "agreed"})  # steps of both sides, or a mediator's
PRONOUN_REACH = 2  # sentences: "it" is a message named this recently


@dataclass(frozen=True, slots=True)
class AssemblyRules:
    """What the assembly needs to know besides the notes (from the knowledge)."""

    units: dict[str, Unit]  # the date rules' units (a deadline's duration)
    hours_per_day: int
    international: frozenset[str]  # country codes of international bodies (keyed by their own code)
    non_events: frozenset[str]  # modalities of acts that did not happen (no outcome of a deadline)
    outcome_reach: int
    reply_kind: str  # the kind of a reply made by "answered the letter"
    side_names: dict[str, str] = field(default_factory=dict)  # a country code -> its name (a channel's party)


# ---------------------------------------------------------------- sides and dates


def side_of(actor: Actor | None, international: frozenset[str]) -> str | None:
    """The party an actor belongs to: its country, or an international body's own code."""
    if actor is None:
        return None
    if actor.country and actor.country not in international:
        return actor.country
    return actor.code or actor.country


def same_party(a: Actor | None, b: Actor | None) -> bool:
    """The same party, as precisely as both are known: USA and USAGOV are, USAGOV and USAMIL are not."""
    if a is None or b is None or not a.code or not b.code:
        return False
    return a.code.startswith(b.code) or b.code.startswith(a.code)


def fits(a: Actor | None, b: Actor | None) -> bool:
    return a is None or b is None or same_party(a, b)


def date_key(value: DateValue) -> str | None:
    """What a date sorts by: its first day, or for a window that ends ("by the end of March") its end."""
    if not value.date:
        return None
    if value.date_end and value.precision in ("month", "range") and value.expression and "end" in value.expression.lower():
        return value.date_end
    return value.date


def may_be_same_day(a: DateValue, b: DateValue) -> bool:
    """Could both dates be the same day: equal, or one a coarser date the other falls in."""
    if not a.date or not b.date:
        return not a.date and not b.date
    return a.date.startswith(b.date) or b.date.startswith(a.date)


def finer(a: DateValue, b: DateValue) -> DateValue:
    if not a.date:
        return b
    if not b.date:
        return a
    return a if len(a.date) >= len(b.date) else b


def text_dated(value: DateValue) -> bool:
    return bool(value.date) and value.basis in TEXT_BASES


# ---------------------------------------------------------------- builders


@dataclass(slots=True)
class CommDraft:
    index: int
    kind: str
    sender: Actor | None = None
    recipient: Actor | None = None
    carrier: Actor | None = None
    states: list[CommState] = field(default_factory=list)
    answers: CommDraft | None = None
    answered_by: list[CommDraft] = field(default_factory=list)
    content: list[str] = field(default_factory=list)
    mentions: list[tuple[DateValue, Evidence]] = field(default_factory=list)
    last_sentence: int = -1
    reply: bool = False

    def date(self) -> DateValue:
        """The earliest date it was written, sent, made known or delivered (a date that is exact
        before one that is only "by then"); else its first dated state; else when it was told."""
        dated = [s.date for s in self.states if s.state in ISSUING and s.date.date]
        if dated:
            return min(dated, key=lambda d: (date_key(d) or "", d.flag is not None))
        dated = [s.date for s in self.states if s.date.date]
        if dated:
            return min(dated, key=lambda d: date_key(d) or "")
        told = [d for d, _ in self.mentions if text_dated(d)]
        return min(told, key=lambda d: date_key(d) or "") if told else DateValue()

    def add_state(self, state: CommState) -> None:
        """A state, unless it is one already told (the same step by the same party on the same day;
        an undated telling of a dated one adds nothing, a dated one replaces an undated one)."""
        for n, s in enumerate(self.states):
            if s.state != state.state or not fits(s.by, state.by):
                continue
            if s.date.date == state.date.date or not state.date.date:
                if s.by is None and state.by is not None and s.date.date == state.date.date:
                    self.states[n] = state  # told again, with who did it
                return
            if not s.date.date:
                self.states[n] = state
                return
        self.states.append(state)


@dataclass(slots=True)
class ItemDraft:
    index: int
    note: ItemNote
    comm: CommDraft | None
    deadline: int | None = None
    positions: list[int] = field(default_factory=list)
    status: str = "open"


@dataclass(slots=True)
class DeadlineDraft:
    index: int
    note: DeadlineNote
    comm: CommDraft | None
    item: ItemDraft | None
    passed: LapseNote | None = None
    outcome: tuple[EventRef, ...] = ()
    later: bool = False  # the outcome is read from the sentences after the lapse (dated by their own words)
    extensions: list[ExtensionNote] = field(default_factory=list)  # in reading order
    met: MetNote | None = None


@dataclass(slots=True)
class StepDraft:
    order: int
    status: str
    what: str
    mode: str | None
    by: Actor | None
    participants: list[Actor]
    mediator: Actor | None
    mediator_text: str | None
    venue: str | None
    first_since: str | None
    condition: str | None
    comm: CommDraft | None
    date: DateValue
    evidence: list[Evidence]


@dataclass(slots=True)
class ChannelDraft:
    order: int
    keys: tuple[str, ...]  # the parties' keys, sorted (two or more)
    actors: dict[str, Actor]
    steps: list[StepDraft] = field(default_factory=list)


@dataclass(slots=True)
class PositionDraft:
    order: int
    party: Actor
    on: str
    stance: str
    date: DateValue
    condition: str | None
    comm: CommDraft | None
    evidence: Evidence
    about: str | None = None  # "demand" | "offer": on the demands (offers) of `comm`
    keywords: tuple[str, ...] = ()  # else on the demands to the party that share these words
    items: list[ItemDraft] = field(default_factory=list)
