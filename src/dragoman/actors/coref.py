"""Who "he", "it", "the minister" and "the two sides" are: a per-document salience list.

The mentions stage walks a document's sentences in order and tells
`Coreference.observe` about every actor it resolved (with the mention's head
token and whether it was a subject or an object); what was seen goes into the
document's `Salience`, plain memory that pickles. Pronouns and definite descriptions are then
resolved against what was seen, nearest sentence first:

- he/she/him/her/his/hers -> a person-like actor (a known person, or a titled
  individual such as "an Iranian general"); within the nearest sentence that
  has one, the first subject, else the last object;
- it/its -> the nearest state or organisation;
- they/them/their -> the nearest plural or organisation or state; a "they" in
  the same sentence as a lone official speaker is his government
  ("Araqchi stated that they had not received it" -> IRNGOV);
- "the country" -> the last state; "the aide"/"the minister" -> the last actor
  whose words had that noun, else the last person of the title's sector;
- "the two sides"/"both countries" -> the last two actors of distinct countries
  (`resolve_group`).

`Salience` is per document and holds only ints, strings and Actor records;
`Coreference` holds the knowledge and no state. The word lists (pronouns,
"country", "the two sides", ...) are the actor vocabulary's
(data/actor_words.yaml).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..records import Actor
from .knowledge import ActorKnowledge, norm_word

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from spacy.tokens import Span, Token

RECALLED = 1_000  # mentions a description ("the minister", "the two sides") looks back over at most (a news report holds a few hundred)


@dataclass(frozen=True, slots=True)
class Seen:
    actor: Actor
    token_index: int  # the head token's index in the document
    sentence: int
    role: str  # "subj" | "obj"
    person: bool
    plural: bool
    state: bool
    words: frozenset[str]


@dataclass(slots=True)
class Salience:
    """What a document has mentioned so far: plain data, one per document (it pickles)."""

    seen: list[Seen] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Coreference:
    """Resolves pronouns and descriptions against a document's `Salience`, with one knowledge base."""

    knowledge: ActorKnowledge

    def observe(self, memory: Salience, actor: Actor | None, token: Token, sentence_index: int, role: str = "subj") -> None:
        """Record a resolved mention; `token` is its head.

        `role` is "subj" or "obj" for an event's arguments, "other" for any other
        mention (a place after "in", a possessor): pronouns may still find those,
        but subjects come first and groups ("the two sides") ignore them.
        """
        if actor is None or (actor.code is None and actor.country is None):
            return
        words = frozenset(norm_word(w) for w in actor.text.replace("-", " ").split())
        entity = self.knowledge.entities.get(f"person:{actor.name}") if actor.name else None
        person = (
            entity is not None
            or token.ent_type_ == "PERSON"
            or (token.tag_ == "NN" and token.lower_ in self.knowledge.person_titles)
        )
        plural = token.tag_ in ("NNS", "NNPS") or (actor.text.lower().endswith("s") and not person and actor.sector not in (None,))
        non_state = self.knowledge.vocab.codes.non_state
        state = actor.sector is None and actor.country is not None and actor.country not in non_state and actor.code == actor.country
        memory.seen.append(Seen(actor, token.i, sentence_index, role, person, plural and not state, state, words))

    # ------------------------------------------------------------ pronouns

    def resolve_pronoun(self, memory: Salience, token: Token, sentence_index: int) -> Actor | None:
        word = token.lower_
        words = self.knowledge.vocab.coreference
        found: Seen | Actor | None
        if word in words.personal:
            found = self._nearest(memory, token, sentence_index, lambda s: s.person, prefer_subject=True)
        elif word in words.neuter:
            found = self._nearest(memory, token, sentence_index, lambda s: not s.person and not s.plural, prefer_subject=True)
        elif word in words.plural:
            found = self._they(memory, token, sentence_index)
            if isinstance(found, Actor):
                return found
        else:
            return None
        return self._as_pronoun(found, token, sentence_index) if found else None

    def _they(self, memory: Salience, token: Token, sentence_index: int) -> Seen | Actor | None:
        same = [s for s in _window(memory, sentence_index) if s.sentence == sentence_index and s.token_index < token.i]
        groups = [s for s in same if not s.person]
        if groups:
            return groups[-1]
        speakers = [s for s in same if s.person and s.role == "subj" and s.actor.country and s.actor.sector]
        if speakers:  # "Araqchi said they had not received it": his government
            a = speakers[0].actor
            return Actor(text=token.text, name=None, code=a.code, country=a.country, sector=a.sector,
                         start=token.idx, end=token.idx + len(token.text), basis="pronoun", confidence=0.6)
        return self._nearest(memory, token, sentence_index, lambda s: not s.person, prefer_subject=True)

    def _nearest(
        self, memory: Salience, token: Token, sentence_index: int, ok: Callable[[Seen], bool], prefer_subject: bool
    ) -> Seen | None:
        lookback = self.knowledge.vocab.coreference.lookback
        window = _window(memory, sentence_index - lookback)
        for back in range(0, lookback + 1):
            sent = sentence_index - back
            pool = [s for s in window if s.sentence == sent and ok(s) and (back > 0 or s.token_index < token.i)]
            if not pool:
                continue
            if prefer_subject:
                subjects = [s for s in pool if s.role == "subj"]
                if subjects:
                    return subjects[0]
            return pool[-1]
        return None

    def _as_pronoun(self, seen: Seen, token: Token, sentence_index: int) -> Actor:
        distance = sentence_index - seen.sentence
        return Actor(
            text=token.text,
            name=seen.actor.name,
            code=seen.actor.code,
            country=seen.actor.country,
            sector=seen.actor.sector,
            start=token.idx,
            end=token.idx + len(token.text),
            basis="pronoun",
            confidence=round(max(0.4, 0.9 - 0.15 * distance), 2),
        )

    # ------------------------------------------------------------ descriptions

    def resolve_definite(self, memory: Salience, span: Span, sentence_index: int) -> Actor | None:
        """"the country", "the aide", "the minister", "the group" -> an earlier actor."""
        head = norm_word(span.root.lemma_ or span.root.text)
        words = self.knowledge.vocab.coreference
        found: Seen | None = None

        def before() -> Iterator[Seen]:
            return _recent(memory, sentence_index, span.root.i)

        if head in words.state_nouns:
            found = next((s for s in before() if s.state), None)
            if found is None and head in words.government_nouns:
                found = next((s for s in before() if s.actor.sector == "GOV"), None)
        elif head in words.org_nouns:
            found = next((s for s in before() if not s.person and not s.state), None)
        else:
            found = next((s for s in before() if head in s.words), None)
            if found is None and head in self.knowledge.person_titles:
                sector = next((c.sector for c in self.knowledge.lexicon.get((head,), ()) if c.kind == "sector"), None)
                found = next((s for s in before() if s.person and s.actor.sector == sector), None)
        if found is None:
            return None
        actor = self._as_pronoun(found, span.root, sentence_index)
        return Actor(text=span.text, name=actor.name, code=actor.code, country=actor.country, sector=actor.sector,
                     start=span.start_char, end=span.end_char, basis="description", confidence=actor.confidence)

    def resolve_same_noun(self, memory: Salience, span: Span, sentence_index: int) -> Actor | None:
        """ "the agency" after "the International Atomic Energy Agency": the last actor whose
        words had the phrase's head noun, or None."""
        head = norm_word(span.root.text)
        lemma = norm_word(span.root.lemma_ or span.root.text)
        found = next((s for s in _recent(memory, sentence_index, span.root.i) if head in s.words or lemma in s.words), None)
        if found is None:
            return None
        actor = self._as_pronoun(found, span.root, sentence_index)
        return Actor(text=span.text, name=actor.name, code=actor.code, country=actor.country, sector=actor.sector,
                     start=span.start_char, end=span.end_char, basis="description", confidence=actor.confidence)

    def resolve_group(self, memory: Salience, span: Span, sentence_index: int) -> tuple[Actor, ...] | None:
        """"the two sides", "both countries" -> the last two actors of different countries."""
        vocab = self.knowledge.vocab
        words = {norm_word(t.text) for t in span}
        if not words & vocab.coreference.group_words:
            return None
        want_people = bool(words & vocab.coreference.people_words)
        picked: list[Seen] = []
        countries: set[str] = set()
        for s in _recent(memory, sentence_index, span.start):
            if s.role == "other" or (want_people and not s.person):
                continue
            key = s.actor.code if s.actor.country in vocab.codes.non_state else s.actor.country
            if key is None or key in countries or key in vocab.codes.regions:
                continue
            countries.add(key)
            picked.append(s)
            if len(picked) == 2:
                break
        if len(picked) < 2:
            return None
        return tuple(
            Actor(text=span.text, name=s.actor.name, code=s.actor.code, country=s.actor.country, sector=s.actor.sector,
                  start=span.start_char, end=span.end_char, basis="description", confidence=0.7)
            for s in reversed(picked)
        )


def _recent(memory: Salience, sentence_index: int, token_index: int) -> Iterator[Seen]:
    """What was seen before (sentence_index, token_index), nearest first, the last RECALLED
    mentions at most: a description looks back that far, so a long document stays linear."""
    seen = memory.seen
    for k in range(len(seen) - 1, max(-1, len(seen) - 1 - RECALLED), -1):
        if _before(seen[k], sentence_index, token_index):
            yield seen[k]


def _window(memory: Salience, first_sentence: int) -> list[Seen]:
    """The mentions seen from `first_sentence` on, in reading order. The mentions stage
    observes sentence by sentence, so `seen` is in sentence order: the scan stops at the
    first mention before it."""
    seen = memory.seen
    k = len(seen)
    while k > 0 and seen[k - 1].sentence >= first_sentence:
        k -= 1
    return seen[k:]


def _before(seen: Seen, sentence_index: int, token_index: int) -> bool:
    """Seen earlier in the text. Token indices restart with each parsed block, so
    they only order mentions within one sentence."""
    return seen.sentence < sentence_index or (seen.sentence == sentence_index and seen.token_index < token_index)
