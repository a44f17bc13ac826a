"""The document's agreements from its agreement notes, in reading order (pure: no parse here).

A note joins the agreement it speaks of, as a reader would take it:

- one of the same kind (a truce is a ceasefire; a deal, an accord and a treaty are
  agreements of one family) whose sides fit the note's (the same, or one side set
  within the other);
- "the truce", or a state that only an existing agreement can take (took effect,
  extended, violated, collapsed, withdrew), with no sides named: the latest of its
  family;
- "a truce" with sides that fit one already told and a state it does not have yet
  (proposed on Monday, agreed on Friday): that one; otherwise a new agreement.

A new agreement needs a party or a broker; the same state told twice on one day is
one state with both sentences as evidence.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from ..records import Actor, DateValue
from .builders import PRONOUN_REACH, date_key, may_be_same_day
from .notes import AgreementNote
from .records import AGREEMENT_STATES, Agreement, AgreementState, Evidence

__all__ = ["AgreementLog"]

_EXISTING = frozenset({"took_effect", "extended", "violated", "collapsed", "withdrew"})  # states of one already made


@dataclass(slots=True)
class _State:
    order: int
    state: str
    date: DateValue
    by: dict[str, Actor]
    evidence: list[Evidence]


@dataclass(slots=True)
class _Draft:
    order: int
    what: str
    parties: dict[str, Actor]  # side key -> the actor as the report names it
    mediator: Actor | None
    text: str
    states: list[_State] = field(default_factory=list)
    last: int = 0  # the order of the latest note that told it


def _family(what: str) -> str:
    return what if what == "ceasefire" else "accord"


class AgreementLog:
    def __init__(self, side: Callable[[Actor | None], str | None], sides: Callable[[], dict[str, Actor]] = dict) -> None:
        """`side`: the party an actor belongs to; `sides`: the two sides of the latest channel of
        talks, if any (what "the two sides" most likely means where the mentions guessed)."""
        self.side = side
        self.sides = sides
        self.drafts: list[_Draft] = []
        self.order = 0
        self.last_told: int | None = None  # the sentence of the latest note

    def add(self, note: AgreementNote) -> None:
        self.order += 1
        index = note.evidence.sentence_index
        if note.group:
            note = self._regroup(note)
        if not note.what:  # "it": the agreement told in the sentences just before, or none
            recent = self.last_told is not None and index - self.last_told <= PRONOUN_REACH and self.drafts
            draft: _Draft | None = max(self.drafts, key=lambda d: d.last) if recent else None
            if draft is None:
                return
        else:
            parties = self._keyed(note.parties)
            parties.pop(self.side(note.mediator) or "", None)
            draft = self._find(note, parties)
            if draft is None:
                if not parties and note.mediator is None and not note.by:
                    return  # an agreement of no one named
                draft = _Draft(self.order, note.what, {}, None, note.text)
                self.drafts.append(draft)
            self._join(draft, note, parties)
        self.last_told = index
        draft.last = self.order
        if note.state:
            self._state(draft, note)

    def _regroup(self, note: AgreementNote) -> AgreementNote:
        """ "the two sides agreed to it", "a truce between the two countries": the sides of the
        agreement it speaks of (the latest one with two), else of the latest channel of two."""
        known = next((d.parties for d in sorted(self.drafts, key=lambda d: -d.last) if len(d.parties) == 2), None) if (
            note.definite or not note.what) else None  # fmt: skip
        known = known or self.sides()
        if len(known) != 2:
            return note
        pair = tuple(known[k] for k in sorted(known))
        keyed = self._keyed(note.by)
        if set(keyed) == set(known) or set(self._keyed(note.parties)) == set(known):
            return note  # the mentions named them right ("the two governments": their governments)
        by = pair if len(keyed) == 2 else note.by
        parties = pair if len(self._keyed(note.parties)) >= 2 or len(keyed) == 2 else note.parties
        return replace(note, by=by, parties=parties)

    def _join(self, draft: _Draft, note: AgreementNote, parties: dict[str, Actor]) -> None:
        for key, actor in parties.items():
            current = draft.parties.get(key)
            if current is None or (current.code != key and actor.code == key):
                draft.parties[key] = actor  # the party itself names it best ("Armenia", not its minister)
        draft.mediator = draft.mediator or note.mediator
        if draft.what != note.what and note.what != "agreement":
            draft.what = draft.what if draft.what != "agreement" else note.what  # "the agreement" keeps "the truce"
        draft.text = draft.text or note.text

    def _state(self, draft: _Draft, note: AgreementNote) -> None:
        by = self._keyed(note.by)
        for old in draft.states:
            if old.state == note.state and may_be_same_day(old.date, note.date):
                old.by.update({k: v for k, v in by.items() if k not in old.by})
                old.evidence.append(note.evidence)
                if len(note.date.date or "") > len(old.date.date or ""):
                    old.date = note.date
                return
        draft.states.append(_State(self.order, note.state, note.date, by, [note.evidence]))

    def latest_proposal(self, party: Actor, before: int) -> tuple[int, _Draft] | None:
        """The latest agreement proposed to the party by another, told by sentence `before`, as
        (the sentence that proposed it, the agreement): what a bare "Asmara agrees to it" may answer."""
        key = self.side(party)
        found: tuple[int, _Draft] | None = None
        for d in self.drafts:
            for st in d.states:
                told = st.evidence[0].sentence_index if st.evidence else -1
                if st.state == "proposed" and told <= before and key not in st.by and (not d.parties or key in d.parties):
                    if found is None or told > found[0]:
                        found = (told, d)
        return found

    def answer(self, draft: _Draft, party: Actor, accepts: bool, date: DateValue, evidence: Evidence) -> None:
        """A side's answer to the agreement proposed to it: agreed or rejected, by that side."""
        self.order += 1
        key = self.side(party)
        if key is not None:
            draft.parties.setdefault(key, party)
        note = AgreementNote(draft.what, "agreed" if accepts else "rejected", (party,), (), None, True, "", date, evidence)
        self._state(draft, note)
        draft.last = self.order

    def _keyed(self, actors: tuple[Actor, ...]) -> dict[str, Actor]:
        out: dict[str, Actor] = {}
        for actor in actors:
            key = self.side(actor)
            if key is not None:
                out.setdefault(key, actor)
        return out

    def _find(self, note: AgreementNote, parties: dict[str, Actor]) -> _Draft | None:
        # its own family first ("the truce"), then any ("the deal" for a truce told before)
        family = [d for d in reversed(self.drafts) if _family(d.what) == _family(note.what)]
        family += [d for d in reversed(self.drafts) if _family(d.what) != _family(note.what)]
        if parties:
            fitting = [d for d in family if not d.parties or set(parties) <= set(d.parties) or set(d.parties) <= set(parties)]
            if note.definite or note.state in _EXISTING:
                return fitting[0] if fitting else None
            for d in fitting:  # "a truce" again: the one of its family told, if it lacks this state
                if _family(d.what) == _family(note.what) and all(s.state != note.state or may_be_same_day(s.date, note.date) for s in d.states):
                    return d
            return None
        if note.definite or note.state in _EXISTING or note.state == "proposed":
            return family[0] if family else None  # "Malaysia floated a ceasefire": the one told, if any
        return None

    def freeze(self) -> tuple[Agreement, ...]:
        out: list[Agreement] = []
        for d in sorted(self.drafts, key=lambda d: d.order):
            states = sorted(d.states, key=lambda s: (date_key(s.date) or "~", AGREEMENT_STATES.index(s.state), s.order))
            frozen = tuple(
                AgreementState(s.state, s.date, tuple(s.by.values()), _joined(s.evidence)) for s in states
            )  # fmt: skip
            first = next((s.date for s in states if s.date.date), DateValue())
            mediator = d.mediator
            for s in states:  # a proposer that is none of its sides stands outside it
                outside = [a for k, a in s.by.items() if k not in d.parties]
                if mediator is None and s.state == "proposed" and outside and len(d.parties) >= 2:
                    mediator = outside[0]
            if not d.parties and mediator is None and all(not s.by for s in states):
                continue
            if not states and len(d.parties) < 2:
                continue  # named, with nothing told of it and no two sides: no agreement to follow
            parties = tuple(d.parties[k] for k in sorted(d.parties))
            out.append(Agreement(f"a{len(out) + 1}", d.what, parties, mediator, first, frozen, d.text))
        return tuple(out)


def _joined(evidence: list[Evidence]) -> Evidence | None:
    """One state's evidence: its first sentence, with the events of every sentence that told it."""
    if not evidence:
        return None
    first = evidence[0]
    events = tuple(dict.fromkeys(e for ev in evidence for e in ev.events))
    return replace(first, events=events)
