"""What the record's readers see of one sentence, and the small parse helpers they share.

`SentenceView` gathers what earlier stages wrote for the sentence: the parse,
the resolved mentions, the dates, the voice and citations, each draft with the
event it became, and the propositions (coding.propositions: each predicate's
roles after voice, control, coordination and light verbs, the reading the coder
uses). Readers ask `agents`, `patients` and `recipients` of a predicate rather
than walking subjects and objects themselves. The helpers read actors, dates, evidence and phrases off
it; none of them knows a word of English (the words are `RecordWords`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ..coding import syntax as sx
from ..coding.draft import Draft
from ..coding.grammar import Grammar
from ..coding.lists import ListContext
from ..coding.propositions import SentencePropositions
from ..coding.voice import Voice
from ..mentions import SentenceMentions
from ..records import Actor, Citation, DateValue, Event, Sentence
from ..time import SentenceDates, clause_date
from .records import EventRef, Evidence

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["ON_OR_AFTER", "ON_OR_BEFORE", "SentenceView", "event_ref", "phrase_in", "text_of", "words_of"]

ON_OR_BEFORE = "on_or_before"  # DateValue.flag: it had happened by this date ("had sent")
ON_OR_AFTER = "on_or_after"  # DateValue.flag: from this date on ("have since continued")


@dataclass(slots=True)
class SentenceView:
    span: Span
    tokens: Sequence[Token]  # the span's tokens, made once (SentenceWork.tokens): iterate these
    sentence: Sentence
    mentions: SentenceMentions
    dates: SentenceDates
    voice: Voice
    citations: tuple[Citation, ...]
    pairs: Sequence[tuple[Draft, Event]]  # each draft of the sentence and the event it became
    list_context: ListContext | None
    offset: int  # span offsets + offset = document offsets
    grammar: Grammar
    item_block: bool = False  # the first sentence of a list item under a demand lead-in
    propositions: SentencePropositions | None = None  # None only for views built without the pipeline
    _subtrees: dict[int, frozenset[int]] = field(default_factory=dict)

    # ------------------------------------------------------------ actors

    def actor(self, token: Token) -> Actor | None:
        """The coded actor a token names, or None."""
        found = self.mentions.actor_of(token)
        return found if found is not None and found.code else None

    def actors(self, heads: Iterable[Token]) -> list[Actor]:
        """The coded actors the heads and their conjuncts name ("Kenya and Uganda", "the two sides")."""
        out: list[Actor] = []
        for head in heads:
            for token in sx.conjuncts(head):
                group = self.mentions.group_of(token)
                if group:
                    out.extend(group)
                    continue
                found = self.actor(token)
                if found is not None:
                    out.append(found)
        return out

    def first_actor(self, heads: Iterable[Token]) -> Actor | None:
        found = self.actors(heads)
        return found[0] if found else None

    def place(self, token: Token) -> Actor | None:
        found = self.mentions.place_of(token)
        return found if found is not None else self.actor(token)

    def subjects(self, verb: Token) -> list[Token]:
        """Who does what the verb says: its proposition's agents (subjects, a passive's "by", a
        controller, a relative's noun, a shared subject); the parse's own subjects where the
        proposition names none."""
        found = self.agents(verb)
        if found:
            return found
        if sx.is_passive(verb):
            agents, _ = sx.passive_parts(verb)
            return agents
        return sx.subjects(verb, self.grammar)

    def _props(self) -> SentencePropositions:
        if self.propositions is None:
            self.propositions = SentencePropositions(self.grammar)
        return self.propositions

    def agents(self, predicate: Token) -> list[Token]:
        """Who does what the predicate says, after voice, control and light verbs (its proposition)."""
        return list(self._props().of(predicate).agents)

    def patients(self, predicate: Token) -> list[Token]:
        """Whom it is done to: its objects, or a passive's subject (its proposition)."""
        return list(self._props().of(predicate).patients)

    def between(self, token: Token, preps: tuple[str, ...] = ("between", "among")) -> list[Token]:
        """The sides a "between" phrase on the token names, also those the parser hung inside a
        name's "of" ("between the Republic of Congo and Rwanda": Rwanda as a conjunct of Congo)."""
        out: list[Token] = []
        for prep in preps:
            for head in sx.prep_objects(token, prep, self.grammar):
                out.append(head)
                out += [t for t in head.subtree if t.dep_ == "conj" and t.head.dep_ == "pobj" and t.head.head.lower_ == "of"]
        return list(dict.fromkeys(out))

    def recipients(self, predicate: Token) -> list[Token]:
        """Whom its own phrases name as the one it is aimed at ("to X", "with X", "on X")."""
        return self._props().recipients(predicate)

    # ------------------------------------------------------------ dates

    def date_at(self, token: Token) -> DateValue:
        """The date of the token's clause (dragoman.time.clauses.clause_date)."""
        return clause_date(token, self.dates, self.span.start_char)

    def before(self, verb: Token, date: DateValue) -> DateValue:
        """`date` flagged "on or before" when the verb is a past perfect ("had written"): the act
        happened by the time of the telling, not on it; unless its own clause names the day ("which the
        minister had drafted on Sunday": on Sunday)."""
        if date.date and verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in verb.children):
            own = " ".join(t.text for t in verb.subtree)
            if date.expression and date.expression in own:
                return date
            return replace(date, flag=ON_OR_BEFORE)
        return date

    # ------------------------------------------------------------ evidence

    def events_at(self, tokens: Iterable[Token]) -> tuple[str, ...]:
        """The ids of the events whose trigger is one of the tokens."""
        wanted = {t.i for t in tokens}
        return tuple(dict.fromkeys(e.event_id for d, e in self.pairs if d.trigger.i in wanted))

    def evidence(self, trigger: Sequence[Token], events: Iterable[str] = ()) -> Evidence:
        """The sentence as evidence, the trigger tokens marked, with the sentence's voice and citations."""
        s = self.sentence
        span = None
        text = None
        if trigger:
            first, last = min(trigger, key=lambda t: t.i), max(trigger, key=lambda t: t.i)
            span = (self.offset + first.idx, self.offset + last.idx + len(last))
            text = " ".join(t.text for t in sorted(trigger, key=lambda t: t.i))
        ids = tuple(dict.fromkeys(events))
        attribution = self.voice.attribution
        if attribution is None:  # "an envoy claimed Kenya had agreed": on the word of the event's speaker
            attribution = next((e.attribution for _, e in self.pairs if e.event_id in ids and e.attribution), None)
        return Evidence(
            sentence_index=s.index, span=(s.start, s.end), text=s.text, trigger=text, trigger_span=span,
            attribution=attribution, reliability=self.voice.reliability, citations=self.citations, events=ids,
        )  # fmt: skip

    def sentence_events(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(e.event_id for _, e in self.pairs))

    # ------------------------------------------------------------ phrases

    def in_subtree(self, token: Token, of: Token) -> bool:
        """Is `token` in the subtree of `of`?"""
        found = self._subtrees.get(of.i)
        if found is None:
            found = self._subtrees[of.i] = frozenset(t.i for t in of.subtree)
        return token.i in found


def words_of(tokens: Iterable[Token]) -> set[str]:
    """Lemmas and lower-cased forms of the tokens."""
    return {w for t in tokens for w in (t.lemma_.lower(), t.lower_)}


def phrase_in(text: str, phrases: Iterable[str]) -> bool:
    """Does the text hold one of the phrases as whole words?"""
    low = text.lower()
    return any(re.search(r"(?<![\w-])" + re.escape(p.lower()) + r"(?![\w-])", low) for p in phrases)


def event_ref(event: Event) -> EventRef:
    return EventRef(
        event.event_id, event.cameo, event.cameo_name, event.source, event.target, event.date, event.modality,
        event.sentence_index,
    )  # fmt: skip


def text_of(tokens: Iterable[Token]) -> str:
    """The words of the tokens, in order, as the sentence spells them (a contiguous stretch)."""
    ordered = sorted(tokens, key=lambda t: t.i)
    if not ordered:
        return ""
    doc = ordered[0].doc
    stretch = doc[ordered[0].i : ordered[-1].i + 1]
    return stretch.text.strip(" ,;:.")
