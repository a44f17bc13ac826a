"""Diplomatic ruptures and their undoing: one sentence -> `RuptureNote`s; a document's notes -> `Rupture`s.

    read_ruptures      diplomats expelled ("expelled three Russian diplomats", "declared two envoys
                       persona non grata", "told three of its envoys to leave within a day",
                       "ordered the ambassador out"), recalled ("recalled its ambassador", "called
                       its ambassador home") and back ("the ambassador returned to Tallinn", "sent
                       its ambassador back"); ties cut, suspended, downgraded or restored
                       ("severed diplomatic relations with X", "broke off ties", "re-established
                       relations"); embassies closed or reopened ("reopened its embassy in Cairo")
    assemble_ruptures  the document's notes -> Record.ruptures: a side the clause leaves unnamed
                       is the other side of the party's latest rupture told before (else of its
                       latest event with another state); the same act by the same party told twice
                       on one day is one; in date order

Who acts and on whom comes from the propositions (`SentenceView.agents`, `patients`,
`recipients`), who is who from the mentions, what a word means from record.yaml's
`ruptures`. Only acts the report says happened count: the coder's reading of the clause
(`coding.shared.clause_modality`) must call the act asserted ("threatened to expel", "may
recall", "refused to cut ties" are none).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ..coding import syntax as sx
from ..coding.shared import clause_modality
from ..records import Actor, DateValue, Event
from .builders import date_key, finer, may_be_same_day, side_of
from .notes import RuptureNote
from .records import Evidence, Rupture
from .view import SentenceView, phrase_in, text_of
from .words import RecordWords, RuptureWords

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..time.rules import Unit

__all__ = ["Ruptures", "assemble_ruptures", "read_ruptures"]

_LEAVING_DEPS = ("xcomp", "advcl", "ccomp")
# an act and the acts it undoes: "the embassy was reopened" (by no one named) reopens the one closed before
UNDONE = {"returned": ("recalled",), "reopened_embassy": ("closed_embassy",), "restored_ties": ("cut_ties", "suspended_ties", "downgraded_ties")}
Side = Callable[[Actor | None], str | None]
_PARTICLE_DEPS = ("prt", "advmod", "npadvmod", "prep")  # "ordered the ambassador out (of the country)"


@dataclass(frozen=True, slots=True)
class Ruptures:
    """One sentence's rupture notes, and the tokens of their acts: an expulsion ("told three envoys
    to leave within a day") is neither a demand nor a deadline of its own (reading.py skips them)."""

    notes: list[RuptureNote] = field(default_factory=list)
    tokens: frozenset[int] = frozenset()


@dataclass(slots=True)
class _Act:
    act: str
    trigger: Token  # the word that names the act ("expelled", "expulsion")
    clause: Token  # the verb whose clause tells it (the trigger, or the verb of an act noun)
    objects: list[Token]  # the diplomats, ties or embassies
    by: Actor | None
    toward: Actor | None
    within: list[Token] = field(default_factory=list)
    taken: list[Token] = field(default_factory=list)  # further tokens of the act (the leaving clause)
    also: list[Actor] = field(default_factory=list)  # more states doing the same ("Lithuania and Latvia recalled ...")


# ---------------------------------------------------------------- reading


def read_ruptures(
    view: SentenceView, words: RecordWords, governing: Mapping[str, str], units: Mapping[str, Unit]
) -> Ruptures:
    """The sentence's ruptures (see the module docstring); `governing` is the coder's table of
    verbs that make their complement a threat or a request, `units` the date rules' units."""
    w = words.ruptures
    notes: list[RuptureNote] = []
    taken: set[int] = set()
    for tok in view.tokens:
        if tok.pos_ not in ("VERB", "NOUN"):
            continue
        lemma = _lemma(tok, w)
        if tok.pos_ == "VERB" or sx.children(tok, "dobj"):  # (a noun with an object: "Peru severs relations" misread)
            act = _on_diplomats(view, tok, lemma, w, words.deadlines.prepositions, units) or _on_relations(view, tok, lemma, w)
        elif lemma in w.diplomat_nouns or lemma in w.tie_acts or lemma in w.embassy_acts:
            act = _noun_act(view, tok, lemma, w)
        else:
            continue
        if act is None or not _happened(view, act.clause, governing, w):
            continue
        if act.by is not None and act.toward is not None and _side(act.by) == _side(act.toward):
            if act.act == "returned":
                continue  # "the Estonian ambassador returned to Tallinn": home, not back at the post
            act.toward = None  # "told three of its envoys to leave" with "its" read as the expeller's own
        date = view.before(act.clause, view.date_at(act.clause))
        trigger = [act.trigger, *act.objects]
        undoes = "recalled" if act.act == "returned" and not act.objects else None
        if act.by is None and act.toward is None and act.act in UNDONE:
            undoes = UNDONE[act.act][0]  # "The embassy was reopened in March 2027": the one closed before
        for by in [act.by, *act.also]:
            notes.append(RuptureNote(
                act.act, by, act.toward, _what(act.objects), text_of(act.within) or None, date,
                view.evidence(trigger, view.events_at([act.trigger, act.clause])), undoes=undoes,
            ))  # fmt: skip
        taken |= {act.trigger.i, act.clause.i, *(t.i for t in act.within), *(t.i for t in act.taken)}
    return Ruptures(notes, frozenset(taken))


def _lemma(tok: Token, w: RuptureWords) -> str:
    """The word's lemma; "re-established", which the parser splits at the hyphen, as one word
    (the act's word in `tie_acts`, whatever the parser made of the part after the hyphen)."""
    doc = tok.doc
    if tok.lower_ == "re" and tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-":
        after = doc[tok.i + 2]
    elif tok.i >= 2 and doc[tok.i - 1].text == "-" and doc[tok.i - 2].lower_ == "re":
        after = tok
    else:
        return tok.lemma_.lower()
    forms = ["re-" + b for b in (after.lemma_.lower(), *sx.regular_bases(after.lower_))]
    return next((f for f in forms if f in w.tie_acts or f in w.embassy_acts), forms[0])


def _agents(view: SentenceView, verb: Token) -> list[Token]:
    """Who does it (the proposition's agents); in a timeline's present tense the parser may take
    the subject for a modifier of the verb ("Algeria severs relations"): that word then."""
    return view.agents(verb) or [c for c in verb.children if c.dep_ == "compound" and c.i < verb.i and view.actor(c) is not None]


def _happened(view: SentenceView, clause: Token, governing: Mapping[str, str], w: RuptureWords) -> bool:
    """The report says the act was done: asserted, and not only the complement of another verb
    ("pledged to restore relations", "agreed to reopen embassies"), unless that verb tells it
    done ("moved to expel")."""
    modality, _ = clause_modality(clause, None, governing, view.grammar)
    if modality != "asserted":
        return False
    return all(h.lemma_.lower() in w.done_heads for h in sx.governing(clause, ("xcomp",)))


def _on_diplomats(
    view: SentenceView, verb: Token, lemma: str, w: RuptureWords, within_preps: frozenset[str], units: Mapping[str, Unit]
) -> _Act | None:  # fmt: skip
    """An act on diplomats named by a verb: expelled, recalled, returned."""
    patients = view.patients(verb)
    particles = {c.lower_ for c in verb.children if c.dep_ in _PARTICLE_DEPS}
    leaving: list[Token] = []
    if lemma in w.diplomat_verbs:
        act, diplomats = w.diplomat_verbs[lemma], _diplomats(patients, w)
    elif lemma in w.declare_verbs and phrase_in(text_of(verb.subtree), w.unwelcome):
        # "declared two envoys persona non grata", however the parser reads the Latin
        agents = {t.i for a in _agents(view, verb) for t in a.subtree}
        act, diplomats = "expelled", [t for t in verb.subtree if t.i not in agents and _is_diplomat(t, w)]
    elif lemma in w.order_verbs:
        leaving = [c for c in verb.children if c.dep_ in _LEAVING_DEPS and c.lemma_.lower() in w.leave_verbs]
        out = particles | {c.lower_ for p in patients for c in p.children if c.dep_ == "prep"}  # "the ambassador out of"
        if not leaving and not out & w.out_particles:
            return None
        heads = patients + view.recipients(verb) + [a for c in leaving for a in view.agents(c)]
        act, diplomats = "expelled", _diplomats(heads, w)
    elif lemma in w.home_verbs and particles & w.home_words:
        act, diplomats = "recalled", _diplomats(patients, w)
    elif lemma in w.return_verbs or (lemma in w.back_verbs and particles & w.back_words):
        act, diplomats = "returned", _diplomats(patients, w)
        if not diplomats and not patients and lemma in w.return_verbs:
            return _returned(view, verb, w)  # "the ambassador returned to his post"
    else:
        return None
    if not diplomats:
        return None
    states = _states(view, _agents(view, verb))
    by = states[0] if states else None
    state = next((s for s in (_state_of(view, d, w) for d in diplomats) if s is not None), None)
    if act == "expelled":
        by = by or _posted(view, [verb], w, ("from",))  # "were expelled from Estonia"
        toward = state
    else:  # recalled, returned: its own diplomats, from or to their post
        by = by or state
        toward = _posted(view, [verb, *diplomats], w, tuple(w.post_prepositions))
    within = _within([verb, *leaving], within_preps, units)
    also = [s for s in states[1:] if _side(s) != _side(toward)]  # "Lithuania and Latvia recalled their ambassadors"
    return _Act(act, verb, verb, diplomats, by, toward, within, [t for c in leaving for t in c.subtree], also)


def _returned(view: SentenceView, verb: Token, w: RuptureWords) -> _Act | None:
    """ "The ambassador returned to Tallinn", "He returned to his post": a diplomat who returns
    (a pronoun only after a recall of its side: the assembly checks, by `undoes`)."""
    agents = _agents(view, verb)
    diplomats = _diplomats(agents, w)
    if not diplomats and not any(a.pos_ == "PRON" and a.dep_ == "nsubj" for a in agents):
        return None
    by = next((s for s in (_state_of(view, d, w) for d in diplomats) if s is not None), None)
    if not diplomats:
        by = view.first_actor(agents)
    toward = _posted(view, [verb], w, ("to",))
    return _Act("returned", verb, verb, diplomats, by, toward)


def _on_relations(view: SentenceView, verb: Token, lemma: str, w: RuptureWords) -> _Act | None:
    """An act on ties or an embassy named by a verb: "severed relations with X", "reopened its embassy"."""
    if lemma not in w.tie_acts and lemma not in w.embassy_acts:
        return None
    objects = [c for p in view.patients(verb) or sx.children(verb, "dobj") for c in sx.conjuncts(p)]
    if verb.lower_ == "re":  # "re-established relations": the parser hangs the object on "re"
        objects += [c for c in verb.subtree if c.dep_ == "dobj"]
    ties = [o for o in objects if _is_ties(o, w)] if lemma in w.tie_acts else []
    if ties:
        by, toward = _pair(view, _agents(view, verb), [*view.recipients(verb), *_with(ties)], ties)
        return _Act(w.tie_acts[lemma], verb, verb, ties[:1], by, toward)
    embassies = [o for o in objects if _is_embassy(o, w)] if lemma in w.embassy_acts else []
    if embassies:
        by = view.first_actor(_agents(view, verb)) or _state_of(view, embassies[0], w)  # "the Dutch embassy was closed"
        toward = _posted(view, embassies, w, ("in", "at", "to"))
        return _Act(w.embassy_acts[lemma], verb, verb, embassies[:1], by, toward)
    return None


def _noun_act(view: SentenceView, noun: Token, lemma: str, w: RuptureWords) -> _Act | None:
    """An act named by a noun that a verb reports done: "ordered the expulsion of two diplomats",
    "announced the closure of its embassy", "the restoration of ties with X was announced"."""
    clause = noun.head
    if noun.dep_ not in ("dobj", "nsubjpass") or clause.pos_ != "VERB" or clause.lemma_.lower() not in w.noun_verbs:
        return None
    objects = [c for p in sx.children(noun, "prep") if p.lower_ == "of" for o in sx.children(p, "pobj") for c in sx.conjuncts(o)]
    agents = view.agents(noun) or view.agents(clause)
    if lemma in w.diplomat_nouns:
        diplomats = _diplomats(objects, w)
        if not diplomats:
            return None
        act = w.diplomat_nouns[lemma]
        state = next((s for s in (_state_of(view, d, w) for d in diplomats) if s is not None), None)
        by = view.first_actor(agents)
        if act == "expelled":
            return _Act(act, noun, clause, diplomats, by, state)
        return _Act(act, noun, clause, diplomats, by or state, _posted(view, [noun, *diplomats], w, tuple(w.post_prepositions)))
    ties = [o for o in objects if _is_ties(o, w)] if lemma in w.tie_acts else []
    if ties:
        by, toward = _pair(view, agents, [*view.recipients(noun), *_with(ties)], ties)
        return _Act(w.tie_acts[lemma], noun, clause, ties[:1], by, toward)
    embassies = [o for o in objects if _is_embassy(o, w)] if lemma in w.embassy_acts else []
    if embassies:
        by = view.first_actor(agents) or _state_of(view, embassies[0], w)
        return _Act(w.embassy_acts[lemma], noun, clause, embassies[:1], by, _posted(view, embassies, w, ("in", "at", "to")))
    return None


# ---------------------------------------------------------------- the words of an act


def _diplomats(heads: Sequence[Token], w: RuptureWords) -> list[Token]:
    """The diplomats among the heads and their conjuncts, or counted by them ("three of its envoys")."""
    out: list[Token] = []
    for head in heads:
        for h in sx.conjuncts(head):
            if _is_diplomat(h, w):
                out.append(h)
                continue
            counted = [c for p in sx.children(h, "prep") if p.lower_ == "of" for o in sx.children(p, "pobj") for c in sx.conjuncts(o)]
            out += [c for c in counted if _is_diplomat(c, w)]
    return list(dict.fromkeys(out))


def _is_diplomat(tok: Token, w: RuptureWords) -> bool:
    lemma = tok.lemma_.lower()
    if lemma in w.diplomats or tok.lower_ in w.diplomats:
        return True
    if lemma in w.staff:
        return any(c.lemma_.lower() in w.staff_modifiers for c in tok.children if c.dep_ in ("compound", "amod", "nmod"))
    return False


def _is_ties(tok: Token, w: RuptureWords) -> bool:
    if tok.lemma_.lower() not in w.ties:
        return False
    return not any(c.lemma_.lower() in w.other_ties for c in tok.children if c.dep_ in ("compound", "amod", "nmod"))


def _is_embassy(tok: Token, w: RuptureWords) -> bool:
    lemma = tok.lemma_.lower()
    if lemma in w.embassies:
        return True
    return lemma in w.missions and any(c.lemma_.lower() in w.staff_modifiers for c in tok.children if c.dep_ in ("compound", "amod"))


def _state_of(view: SentenceView, noun: Token, w: RuptureWords) -> Actor | None:
    """Whose the diplomats are: the actor their phrase names ("Russian diplomats"), else its owner
    ("its envoys"), else the state a modifier names, as the diplomats' sector of it."""
    found = view.actor(noun)
    if found is not None and found.country:
        return found
    found = _owner(view, noun)
    if found is not None:
        return found
    for c in noun.children:
        if c.dep_ in ("amod", "compound", "nmod"):
            state = view.actor(c)
            if state is not None and state.country and state.code == state.country:
                return replace(state, code=state.country + w.diplomat_sector, sector=w.diplomat_sector, name=None)
    return None


def _owner(view: SentenceView, noun: Token) -> Actor | None:
    for c in noun.children:
        if c.dep_ == "poss":
            found = view.actor(c)
            if found is not None and found.country:
                return found
    return None


def _posted(view: SentenceView, holders: Sequence[Token], w: RuptureWords, preps: tuple[str, ...]) -> Actor | None:
    """The state a phrase on the holders places the act at: "from Rabat", "to Israel", "in Cairo"
    (also through a particle: "sent its ambassador back to Estonia")."""
    for holder in holders:
        particles = [c for c in holder.children if c.dep_ in _PARTICLE_DEPS]
        for prep in [p for h in (holder, *particles) for p in sx.children(h, "prep")]:
            if prep.lower_ not in preps or prep.lower_ not in w.post_prepositions:
                continue
            for obj in sx.children(prep, "pobj"):
                found = view.place(obj) or view.actor(obj)
                if found is not None and found.country:
                    return found
    return None


def _with(ties: Sequence[Token]) -> list[Token]:
    """The other party of the ties: "relations with Morocco", "ties between Rabat and Algiers"."""
    return [c for t in ties for p in sx.children(t, "prep") if p.lower_ in ("with", "between") for o in sx.children(p, "pobj") for c in sx.conjuncts(o)]


def _pair(view: SentenceView, agents: Sequence[Token], others: Sequence[Token], ties: Sequence[Token]) -> tuple[Actor | None, Actor | None]:
    """Who acts on the ties and toward whom: the agent and the first other state named ("with X");
    "Algeria and Morocco restored ties", "ties between Rabat and Algiers were restored": the first
    toward the second. With no agent and one other, the one that acts is left to the assembly."""
    sides = [a for a in view.actors(agents) if a.country]
    by = sides[0] if sides else _owner(view, ties[0])
    named = [a for a in [*sides[1:], *view.actors(others)] if a.country]
    if by is None and len({_side(a) for a in named}) >= 2:
        by = named.pop(0)
    toward = next((a for a in named if by is None or _side(a) != _side(by)), None)
    return by, toward


def _within(holders: Sequence[Token], preps: frozenset[str], units: Mapping[str, Unit]) -> list[Token]:
    """The time given to leave: "within a day" on the act or its leaving clause, "gave them 48 hours"."""
    for holder in holders:
        for c in holder.children:
            if c.dep_ == "prep" and c.lower_ in preps and any(o.lemma_.lower() in units for o in sx.children(c, "pobj")):
                return list(c.subtree)
            if c.dep_ in ("dobj", "npadvmod") and c.lemma_.lower() in units and any(n.dep_ == "nummod" or n.lower_ in ("a", "an") for n in c.children):
                clauses = {t.i for a in c.children if a.dep_ in ("acl", "relcl") for t in a.subtree}
                return [t for t in c.subtree if t.i not in clauses]  # "48 hours", not "48 hours to leave"
    return []


def _what(objects: Sequence[Token]) -> str:
    if not objects:
        return ""
    head = objects[0]
    top = head.head if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.pos_ in ("NUM", "NOUN") else None
    phrase = sx.phrase_tokens(top.head if top is not None else head)
    doc = head.doc  # not the act's own word the parser hung on the noun ("re-established relations")
    return text_of([t for t in phrase if not (t.i >= 2 and doc[t.i - 1].text == "-" and doc[t.i - 2].lower_ == "re")])


def _states(view: SentenceView, heads: Sequence[Token]) -> list[Actor]:
    """The distinct states among the heads and their conjuncts ("Lithuania and Latvia")."""
    out: list[Actor] = []
    for actor in view.actors(heads):
        if actor.country and all(_side(a) != _side(actor) for a in out):
            out.append(actor)
    return out


def _side(actor: Actor | None) -> str | None:
    return side_of(actor, frozenset())


# ---------------------------------------------------------------- assembly


@dataclass(slots=True)
class _Draft:
    order: int
    act: str
    by: Actor | None
    toward: Actor | None
    date: DateValue
    what: str
    within: str | None
    evidence: Evidence


def assemble_ruptures(notes: Sequence[RuptureNote], events: Sequence[Event], international: frozenset[str]) -> tuple[Rupture, ...]:
    """The document's ruptures from its rupture notes (in reading order) and its events."""

    def side(actor: Actor | None) -> str | None:
        return side_of(actor, international)

    drafts: list[_Draft] = []
    for order, note in enumerate(notes):
        by, toward = note.by, note.toward
        if note.undoes is not None and by is None and toward is None:
            # "The embassy was reopened in March 2027": the parties of the latest act it undoes
            undone = next((d for d in reversed(drafts) if d.act in UNDONE.get(note.act, ())), None)
            if undone is None:
                continue
            by, toward = undone.by, undone.toward
        elif note.undoes is not None:  # "he returned": only after a recall of his side, back where it was from
            latest = next((d for d in reversed(drafts) if by is not None and side(d.by) == side(by)), None)
            if latest is None or latest.act != note.undoes:
                continue
            toward = toward or latest.toward
        if by is None or toward is None:
            by, toward = _other_side(drafts, events, note, side)
        if by is None and toward is None:
            continue
        told = next((d for d in drafts if _same(d, note.act, by, toward, note.date, side)), None)
        if told is not None:
            told.toward = told.toward or toward
            told.date = finer(told.date, note.date)
            told.what = told.what or note.what
            told.within = told.within or note.within
            continue
        drafts.append(_Draft(order, note.act, by, toward, note.date, note.what, note.within, note.evidence))
    keyed: list[tuple[str, int, _Draft]] = []
    running = "~"
    for d in drafts:  # an undated one stays after the dated one told before it
        running = date_key(d.date) or running
        keyed.append((running, d.order, d))
    ordered = [d for _, _, d in sorted(keyed, key=lambda k: (k[0], k[1]))]
    return tuple(
        Rupture(f"r{n}", d.act, d.by, d.toward, d.date, d.what, d.within, d.evidence) for n, d in enumerate(ordered, start=1)
    )


def _other_side(drafts: Sequence[_Draft], events: Sequence[Event], note: RuptureNote, side: Side) -> tuple[Actor | None, Actor | None]:
    """The side the note leaves unnamed: the other side of its known side's latest rupture, else
    of that side's latest event with another state (up to the note's sentence)."""
    by, toward = note.by, note.toward
    known = side(by) if by is not None else side(toward)
    if known is None:
        return by, toward
    other: Actor | None = None
    for d in reversed(drafts):
        if side(d.by) == known and d.toward is not None:
            other = d.toward
        elif side(d.toward) == known and d.by is not None:
            other = d.by
        if other is not None:
            break
    if other is None:
        index = note.evidence.sentence_index
        for e in reversed([e for e in events if e.sentence_index <= index]):
            pair = [(e.source, e.target), (e.target, e.source)]
            other = next((b for a, b in pair if side(a) == known and b is not None and side(b) not in (None, known)), None)
            if other is not None:
                break
    if other is None:
        return by, toward
    return (by, other) if by is not None else (other, toward)


def _same(d: _Draft, act: str, by: Actor | None, toward: Actor | None, date: DateValue, side: Side) -> bool:
    """The same act by the same party toward the same one, on the same day, told again."""
    if d.act != act or side(d.by) != side(by):
        return False
    if d.toward is not None and toward is not None and side(d.toward) != side(toward):
        return False
    return bool(d.date.date and date.date) and may_be_same_day(d.date, date)

