"""Mentions: every noun phrase that can take part in an event, resolved to an actor in reading order.

Resolving in token order lets a pronoun find the actor named just before it,
even in the same sentence ("Trump announced that he had written ..."). The
coder then only reads this table; it never resolves anything itself.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any

from .actors import Knowledge, Salience, resolve_span
from .actors.knowledge import norm_word
from .coding import syntax as sx
from .records import Actor

Token = Any

ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "dative", "poss", "conj", "attr", "appos", "npadvmod", "oprd"}
PRONOUNS = {"he", "she", "him", "her", "his", "they", "them", "their", "it", "its", "we", "us", "our"}
MODIFIER_DEPS = {"compound", "amod", "nmod"}
GROUP_CUES = {"two", "both"}
GOVERNMENT_WORDS = {"governments", "capitals", "administrations"}
PAIR_REACH = 5  # sentences: how far back "the two sides" looks for the last pair that met  # "the two sides", "both countries": the last two parties named
DEFINITE_HEADS_SKIP = {"time", "day", "year", "month", "week"}


@dataclass(slots=True)
class SentenceMentions:
    actors: dict[int, Actor | None]  # token index (in the spaCy doc) -> actor
    places: dict[int, Actor | None]
    groups: dict[int, tuple[Actor, ...]]  # "the two sides" -> both of them
    knowledge: Knowledge
    date: str | None
    offset: int  # where the parsed block starts in the document

    def actor_of(self, token: Token) -> Actor | None:
        if token.i in self.actors:
            found = self.actors[token.i]
            if found is None or not found.code:
                # "regional rival Japan's Prime Minister Shinzo Abe": the apposition names the actor
                named = next((self.actors.get(c.i) for c in token.children if c.dep_ == "appos" and self.actors.get(c.i)), None)
                if named is not None and named.code:
                    return named
            return found
        if token.dep_ in MODIFIER_DEPS and token.pos_ in ("PROPN", "ADJ"):
            # an owner named inside another phrase ("the US complaint"), resolved on demand
            # and never made salient: "Abbas" in "Abbas Araghchi" is not a person of its own
            actor = resolve_span(token.doc[token.i : token.i + 1], self.knowledge, self.date)
            self.actors[token.i] = _at(actor, self.offset) if actor is not None and actor.code else None
            return self.actors[token.i]
        return None

    def place_of(self, token: Token) -> Actor | None:
        return self.places.get(token.i)

    def group_of(self, token: Token) -> tuple[Actor, ...]:
        return self.groups.get(token.i, ())


@dataclass(slots=True)
class Mentions:
    """Per-document reader: the salience list and the unresolved names seen."""

    knowledge: Knowledge
    salience: Salience = field(init=False)
    unresolved: Counter[str] = field(default_factory=Counter)

    pair: tuple[Actor, Actor, int] | None = field(default=None, init=False)  # last pair that acted together

    def __post_init__(self) -> None:
        self.salience = Salience(self.knowledge)

    def read_sentence(self, sent: Any, index: int, date: str | None, offset: int = 0) -> SentenceMentions:
        """Resolve the sentence's mentions; `offset` turns the parser's block offsets into document offsets."""
        actors: dict[int, Actor | None] = {}
        places: dict[int, Actor | None] = {}
        groups: dict[int, tuple[Actor, ...]] = {}
        for tok in sent:
            if tok.dep_ not in ARGUMENT_DEPS or not (sx.nominal(tok) or tok.pos_ == "DET"):
                continue
            if tok.pos_ != "PROPN" and (tok.lower_ in GROUP_CUES or any(c.lower_ in GROUP_CUES for c in tok.children)):
                group = self._group(sx.phrase_span(tok), index)
                if group:
                    groups[tok.i] = tuple(_at(a, offset) for a in group)
                    continue
            if tok.lower_ == "they" and self.pair is not None and index - self.pair[2] <= PAIR_REACH:
                # "They met again a week later": for a meeting, the pair that last met
                groups[tok.i] = tuple(_at(a, offset) for a in self._group(tok.doc[tok.i : tok.i + 1], index) or ())
            if tok.pos_ == "DET":
                continue
            actor = self._resolve(tok, index, date)
            if actor is not None:
                actor = _at(actor, offset)
            actors[tok.i] = actor
            if actor is not None and actor.code:
                if tok.pos_ == "PROPN" and (actor.sector is None or (actor.name == tok.text and actor.sector == "GOV")):
                    places[tok.i] = actor  # a state, or a capital named by itself ("in Muscat")
                role = "subj" if tok.dep_ in ("nsubj", "nsubjpass") else "obj"
                if tok.pos_ != "PRON":
                    self.salience.observe(actor, tok, index, role)
            elif actor is not None and actor.basis == "unresolved":
                self.unresolved[actor.name or actor.text] += 1  # a name no dictionary knows
        return SentenceMentions(actors, places, groups, self.knowledge, date, offset)

    def note_pair(self, a: Actor, b: Actor, index: int) -> None:
        """Two parties that just acted together: "the two sides" next most likely means them."""
        self.pair = (a, b, index)

    def _group(self, span: Any, index: int) -> tuple[Actor, ...] | None:
        """ "the two sides", "both governments": the last pair that acted together, if recent,
        else the last two parties named. "governments" makes them governments."""
        group: tuple[Actor, ...] | None = None
        if self.pair is not None and index - self.pair[2] <= PAIR_REACH:
            group = tuple(
                replace(a, text=span.text, start=span.start_char, end=span.end_char, basis="description", confidence=0.7)
                for a in self.pair[:2]
            )
        else:
            group = self.salience.resolve_group(span, index)
        if group and any(t.lower_ in GOVERNMENT_WORDS for t in span):
            group = tuple(
                replace(a, name=None, code=f"{a.country}GOV", sector="GOV") if a.country and a.country not in ("IGO", "NGO") else a
                for a in group
            )
        return group

    def _owned(self, tok: Token, described: Actor, index: int) -> Actor | None:
        """ "his government", "its military": the sector named, of the owner's country."""
        owner = next((c for c in tok.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
        if owner is None:
            return None
        found = self.salience.resolve_pronoun(owner, index)
        if found is None or not found.country or found.country in ("IGO", "NGO"):
            return None
        return replace(described, code=found.country + (described.sector or ""), country=found.country, basis="pronoun", confidence=0.7)

    def _may_name(self, span: Any) -> bool:
        """A phrase of common words none of which is in any name ("the company", "profits")
        cannot name an actor: skip resolving it (a cheap test on a hot path)."""
        for t in span:
            if t.pos_ == "PROPN" or t.is_title or "-" in t.text or norm_word(t.text) in self.knowledge.words:
                return True
        return False

    def _resolve(self, tok: Token, index: int, date: str | None) -> Actor | None:
        if tok.pos_ == "PRON":
            if tok.lower_ not in PRONOUNS or _expletive(tok):
                return None
            return self.salience.resolve_pronoun(tok, index)
        span = sx.phrase_span(tok)
        actor = resolve_span(span, self.knowledge, date) if self._may_name(span) else None
        if actor is not None and actor.code is None and actor.sector:
            owned = self._owned(tok, actor, index)
            if owned is not None:
                return owned
        if actor is not None:
            return actor
        if tok.pos_ == "NOUN" and tok.lemma_.lower() not in DEFINITE_HEADS_SKIP and any(
            c.lower_ in ("the", "this", "that") for c in tok.children if c.dep_ == "det"
        ):
            return self.salience.resolve_definite(span, index)
        return None


def _expletive(tok: Token) -> bool:
    """ "It is important to ...", "it was agreed that ...": an "it" that stands for no one."""
    if tok.lower_ != "it" or tok.dep_ not in ("nsubj", "nsubjpass"):
        return False
    head = tok.head
    deps = {c.dep_ for c in head.children}
    return bool(deps & {"xcomp", "ccomp", "csubj"}) and (head.lemma_ == "be" or "auxpass" in deps)


def _at(actor: Actor, offset: int) -> Actor:
    """The actor with its offsets moved from the parsed block into the document."""
    if not offset or actor.start is None:
        return actor
    end = actor.end + offset if actor.end is not None else None
    return replace(actor, start=actor.start + offset, end=end)
