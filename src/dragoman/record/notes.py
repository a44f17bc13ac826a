"""What one sentence says about the record: the notes the sentence stage writes, in reading order.

A note holds records only (actors, dates, evidence), never a spaCy object, so
the document's notes pickle and the assembly (`assemble.py`) is a pure
function of them. A note points at a communication with a `CommRef`, which the
assembly resolves in reading order, as a reader would: "a letter" is a new one
(unless it is one already told), "another letter" surely new, "the letter" and
"its reply" the latest one of that kind (of that owner), "it" the one last
mentioned, and `key` the communication another note of the same document names.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..records import Actor, DateValue
from .records import EventRef, Evidence

__all__ = [
    "ANSWER",
    "AgreementNote",
    "CommNote",
    "CommRef",
    "DeadlineNote",
    "ExtensionNote",
    "ItemNote",
    "LapseNote",
    "MetNote",
    "Note",
    "NoteState",
    "RecordMemory",
    "RuptureNote",
    "StanceNote",
    "TalkNote",
]


@dataclass(frozen=True, slots=True)
class CommRef:
    """How a sentence points at a communication."""

    ref: str  # new | another | definite | pronoun | key
    kind: str | None = None  # None for a pronoun (and for "key")
    owner: Actor | None = None  # "its reply", "the president's letter"
    key: int | None = None  # ref "key": the CommNote.key of this document it names


@dataclass(frozen=True, slots=True)
class NoteState:
    state: str
    date: DateValue
    by: Actor | None


@dataclass(frozen=True, slots=True)
class CommNote:
    """A communication mentioned, maybe with what happened to it."""

    key: int  # unique in the document, in reading order
    ref: CommRef
    kind: str | None
    states: tuple[NoteState, ...]  # () when it is only mentioned
    sender: Actor | None
    recipient: Actor | None
    carrier: Actor | None
    said_by: Actor | None  # the speaker who reports it
    reply: bool  # it answers another communication
    answers: CommRef | None  # which one, when the sentence says
    content: str | None  # what it says ("offering to reopen the border")
    date: DateValue  # the date of the clause that mentions it
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class ItemNote:
    """A demand, offer or threat."""

    key: int
    kind: str  # demand | offer | threat
    text: str
    topic: str | None
    cameo: str | None
    by: Actor | None
    of: Actor | None
    comm: CommRef | None  # the communication that carries it
    condition: str | None
    keywords: tuple[str, ...]  # content lemmas, to match a later stance on it
    date: DateValue  # the sentence's date (the assembly prefers the communication's)
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class DeadlineNote:
    key: int
    expression: str
    amount: int | None  # None: a day is set, not a duration ("by 31 May"): `due`
    unit: str | None  # a unit of the date rules: hour, day, week, month, year; None with amount None
    comm: CommRef | None  # what it counts from
    item: int | None  # the ItemNote.key of the demand it sets a time for
    by: Actor | None
    of: Actor | None
    date: DateValue  # the sentence's date, the anchor when no communication is named
    evidence: Evidence
    due: DateValue | None = None  # the day set ("by 31 May", "a deadline of 15 May", "by the end of the month")


@dataclass(frozen=True, slots=True)
class ExtensionNote:
    """More time for a deadline: "extended the deadline to 15 July", "pushed the deadline back by a
    week", "gave Ethiopia two more weeks" (the assembly gives it to the latest deadline set)."""

    due: DateValue | None  # the new day, where the text sets one
    amount: int | None  # else the time added
    unit: str | None
    by: Actor | None
    of: Actor | None
    date: DateValue  # when it was extended
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class LapseNote:
    """A deadline that passed ("when the ultimatum expired on 5 September, ...")."""

    what: str  # the noun: deadline, ultimatum, ...
    date: DateValue
    outcome: tuple[EventRef, ...]  # the sentence's events outside the lapse itself
    evidence: Evidence
    dated: bool = True  # the lapse clause has a date of its own ("passed on 6 March"); else it passed when due
    alone: bool = True  # the sentence tells only the lapse: what follows it may be what happened then


@dataclass(frozen=True, slots=True)
class MetNote:
    """A deadline met: "Belarus met the deadline", "Armenia complied with the ultimatum on 3 May"."""

    what: str  # the noun: deadline, ultimatum, demand, ...
    by: Actor | None
    date: DateValue
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class TalkNote:
    """A step of a channel of talks: proposed, refused, ready, agreed, held, mediated, ..."""

    status: str | None  # None: talks named without a status (merged into the sentence's others)
    what: str  # talks | ceasefire | ...
    mode: str | None  # direct | indirect
    by: Actor | None  # whose stance or act it is
    parties: tuple[Actor, ...]  # the sides, as far as the sentence names them
    mediator: Actor | None
    mediator_text: str | None
    venue: str | None
    first_since: str | None
    condition: str | None
    comm: CommRef | None  # the communication it was said in ("a reply accepting a summit")
    date: DateValue
    evidence: Evidence
    group: bool = False  # its sides were named as a group ("the two sides"): the assembly may know them better


ANSWER = "answer"  # StanceNote.about of a stance on nothing named ("Rwanda refused"): the latest proposal


@dataclass(frozen=True, slots=True)
class StanceNote:
    """A stance on something other than talks: demands, a communication, or a matter."""

    party: Actor
    stance: str  # rejects | accepts (conditional: accepts with a condition)
    on: str  # the words of what it is a stance on
    about: str | None  # "demand" ("the demands", "the conditions") | "offer" ("the offer") | ANSWER | None
    comm: CommRef | None  # the communication it rejects or accepts, or that it answers
    keywords: tuple[str, ...]
    condition: str | None
    date: DateValue
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class AgreementNote:
    """A state of a ceasefire, deal, treaty or declaration: proposed, agreed, signed, took effect, violated, ..."""

    what: str  # the kind its noun names (record.yaml agreements.nouns): ceasefire | deal | agreement | ...; "" for "it"
    state: str  # one of records.AGREEMENT_STATES; "" when the sentence only names it ("X was a truce between A and B")
    by: tuple[Actor, ...]  # who did it, as far as the clause says
    parties: tuple[Actor, ...]  # the sides the sentence names ("between A and B", "with X", the agreeing subjects)
    mediator: Actor | None
    definite: bool  # "the truce", "this agreement": one told before, where there is one
    text: str  # the noun's phrase
    date: DateValue
    evidence: Evidence
    group: bool = False  # its sides or doers were named as a group ("the two sides"): the assembly may know them better


@dataclass(frozen=True, slots=True)
class RuptureNote:
    """A step of a pair's relations: diplomats expelled, an ambassador recalled or back, ties cut or
    restored, an embassy closed or reopened (ruptures.py)."""

    act: str  # one of records.RUPTURE_ACTS
    by: Actor | None  # the state that acts; None when the clause does not say (the assembly reads it from before)
    toward: Actor | None  # the state it acts toward; likewise
    what: str  # the words ("three of its envoys", "diplomatic relations", "its embassy in Cairo")
    within: str | None  # the time given to leave ("within a day")
    date: DateValue
    evidence: Evidence
    undoes: str | None = None  # the act this one undoes, when only that act tells its parties ("he returned":
    # after a recall of his side; "the embassy was reopened": the one closed before)


Note = CommNote | ItemNote | DeadlineNote | ExtensionNote | LapseNote | TalkNote | StanceNote | AgreementNote | RuptureNote | MetNote


@dataclass(slots=True)
class RecordMemory:
    """What the sentence stage remembers from one sentence to the next (plain data: it pickles)."""

    next_key: int = 0  # the next note key
    last_comm_sentence: int | None = None  # the last sentence that named a communication ("it" may be it)
    comm_by_block: dict[int, int] = field(default_factory=dict)  # block -> key of the last message it named
