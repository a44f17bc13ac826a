"""Mentions: every noun phrase that can take part in an event, resolved to an actor in reading order.

Resolving in token order lets a pronoun find the actor named just before it,
even in the same sentence ("Trump announced that he had written ..."). The
coder then only reads this table; it never resolves anything itself.

`MentionReader` (the knowledge, no state) reads one sentence at a time into a
`SentenceMentions` table, updating the document's `MentionMemory` (what was
mentioned so far, the last pair that acted together, the names no dictionary
knew): plain data that pickles.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from .actors import ActorKnowledge, Coreference, Salience, resolve_span
from .actors.knowledge import norm_word
from .coding import syntax as sx
from .records import Actor

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# dependency labels of the tokens that can be an event's argument (parser facts, not words)
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "dative", "poss", "conj", "attr", "appos", "npadvmod", "oprd"})
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})
UNPLACED = "---"  # the country part of a code whose country nothing gives (PETRARCH's, "---COP")
HYPHENS = frozenset({"-", "\u2010", "\u2011"})  # a hyphen that joins two words of one name ("Nur-Ali")
# dependency labels that leave the noun phrase of their head: clauses, conjuncts, prepositions (an
# apposition inside a name is the parser's misreading of a particle: "Karim al-Masri")
OUTSIDE_PHRASE = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "conj", "cc", "prep"})


@dataclass(slots=True)
class SentenceMentions:
    actors: dict[int, Actor | None]  # token index (in the spaCy doc) -> actor
    places: dict[int, Actor | None]
    groups: dict[int, tuple[Actor, ...]]  # "the two sides" -> both of them
    knowledge: ActorKnowledge
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

    def unplaced(self, token: Token, sectors: frozenset[str]) -> Actor | None:
        """ "Police", "the rebels" with nothing that gives their country: the sector alone, coded
        UNPLACED + sector (PETRARCH's "---COP"), when it is one of `sectors` and the phrase is no
        individual's ("the minister" is someone named elsewhere, "lawyer Ann Ode" someone named),
        has no owner or apposition (those name whose it is) and is not some of a kind ("some
        police"). None for anything else."""
        found = self.actors.get(token.i)
        if found is None or found.code or found.sector not in sectors or found.name:
            return None  # a name ("lawyer David Oblon") is someone, whatever no dictionary knows of them
        if token.pos_ != "NOUN" and not (token.pos_ == "PROPN" and sx.phrase_span(token)[0].is_sent_start):
            # a sector word the tagger took for a name because it is capitalised at the head of a
            # sentence ("Separatists ambushed ...") is still that word; elsewhere a capitalised one
            # is part of a name ("the Court of Appeal"), of a body nothing here places
            return None
        one = token.tag_ not in ("NNS", "NNPS")  # "the rebel" is someone; "rebels" are a body
        if (one and _person_title(token, self.knowledge)) or any(self._names_whose(c) for c in token.children):
            return None
        generic = self.knowledge.vocab.mentions.generic_determiners
        if any(c.lower_ in generic for c in token.children if c.dep_ in ("det", "amod", "nummod")):
            return None  # "some police", "many rebels": some of a kind, not one body
        return replace(found, code=UNPLACED + (found.sector or ""), country=None, basis="sector", confidence=0.4)

    def _names_whose(self, child: Token) -> bool:
        """An owner ("Kenya's police") or an apposition that names someone ("the police, Kenya's
        force", "rebels, the Tigers") says whose a body is; a description naming no one ("rebels,
        a close ally of Kenya") does not: the body is still unplaced."""
        if child.dep_ == "poss":
            return True
        if child.dep_ != "appos":
            return False
        found = self.actors.get(child.i)
        return child.pos_ == "PROPN" or (found is not None and bool(found.code or found.name))

    def place_of(self, token: Token) -> Actor | None:
        return self.places.get(token.i)

    def group_of(self, token: Token) -> tuple[Actor, ...]:
        return self.groups.get(token.i, ())


@dataclass(slots=True)
class MentionMemory:
    """One document's memory of its mentions: plain data, so it pickles."""

    salience: Salience = field(default_factory=Salience)
    pair: tuple[Actor, Actor, int] | None = None  # the last pair that acted together, and the sentence
    unresolved: Counter[str] = field(default_factory=Counter)  # names no dictionary knows, with counts
    people: dict[str, Actor] = field(default_factory=dict)  # a surname -> the person last named in full by it

    def note_pair(self, a: Actor, b: Actor, index: int) -> None:
        """Two parties that just acted together: "the two sides" next most likely means them."""
        self.pair = (a, b, index)


@dataclass(frozen=True, slots=True)
class MentionReader:
    """Resolves each sentence's mentions against one knowledge base, into a document's memory."""

    knowledge: ActorKnowledge
    coref: Coreference = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "coref", Coreference(self.knowledge))

    def read_sentence(
        self, memory: MentionMemory, sent: Span | Sequence[Token], index: int, date: str | None, offset: int = 0
    ) -> SentenceMentions:
        """Resolve the sentence's mentions (a sentence span, or its tokens); `offset` turns the parser's
        block offsets into document offsets."""
        words = self.knowledge.vocab.mentions
        actors: dict[int, Actor | None] = {}
        places: dict[int, Actor | None] = {}
        groups: dict[int, tuple[Actor, ...]] = {}
        dateline = sx.dateline_end(list(sent))
        for tok in sent:
            if tok.i < dateline:  # "GENEVA, 18 September (wire) -": where the report was filed, no party
                place = self._resolve(memory, tok, index, date) if tok.pos_ == "PROPN" else None
                if place is not None and place.code:
                    places[tok.i] = _at(place, offset)
                actors[tok.i] = None
                continue
            if tok.dep_ not in ARGUMENT_DEPS or not (sx.nominal(tok) or tok.pos_ == "DET"):
                continue
            if tok.pos_ != "PROPN" and (tok.lower_ in words.group_cues or any(c.lower_ in words.group_cues for c in tok.children)) and not self._names_own(tok, date):
                group = self._group(memory, sx.phrase_span(tok), index)
                if group:
                    groups[tok.i] = tuple(_at(a, offset) for a in group)
                    continue
            if tok.lower_ == "they" and memory.pair is not None and index - memory.pair[2] <= words.pair_reach:
                # "They met again a week later": for a meeting, the pair that last met
                groups[tok.i] = tuple(_at(a, offset) for a in self._group(memory, tok.doc[tok.i : tok.i + 1], index) or ())
            if tok.pos_ == "DET":
                continue
            actor = self._resolve(memory, tok, index, date)
            if actor is not None:
                actor = _at(actor, offset)
            if tok.dep_ == "appos" and actor is not None:
                actor = self._apposed(memory, tok, actor, actors)
            actors[tok.i] = actor
            if actor is not None and actor.code:
                self._remember(memory, tok, actor)
            if actor is not None and actor.code:
                if tok.pos_ == "PROPN" and (actor.sector is None or (actor.name == tok.text and actor.sector == "GOV")):
                    places[tok.i] = actor  # a state, or a capital named by itself ("in Muscat")
                role = "subj" if tok.dep_ in ("nsubj", "nsubjpass") else "obj"
                if tok.pos_ != "PRON":
                    self.coref.observe(memory.salience, actor, tok, index, role)
            elif actor is not None and actor.basis == "unresolved":
                memory.unresolved[actor.name or actor.text] += 1  # a name no dictionary knows
        return SentenceMentions(actors, places, groups, self.knowledge, date, offset)

    def _apposed(self, memory: MentionMemory, tok: Token, actor: Actor, actors: dict[int, Actor | None]) -> Actor:
        """ "Nigeria's foreign minister, Chidi Okafor": a name no dictionary knows, in apposition to a
        titled description, is that person (and the other way round: "Chidi Okafor, Nigeria's
        foreign minister"); both mentions get the coded actor with the name."""
        head = actors.get(tok.head.i)
        if head is None:
            return actor
        if actor.basis == "unresolved" and head.code and head.name is None and _person_title(tok.head, self.knowledge):
            named = replace(head, name=actor.name, text=actor.text, start=actor.start, end=actor.end, basis="title", confidence=0.8)
            actors[tok.head.i] = replace(head, name=actor.name)
            return named
        if head.basis == "unresolved" and actor.code and actor.name is None and _person_title(tok, self.knowledge):
            named = replace(actor, name=head.name, text=head.text, start=head.start, end=head.end, basis="title", confidence=0.8)
            actors[tok.head.i] = named
            self._remember(memory, tok.head, named)
            return replace(actor, name=head.name)
        return actor

    def _remember(self, memory: MentionMemory, tok: Token, actor: Actor) -> None:
        """A person named in full ("Chidi Okafor", "Mahmoud Abbas"): a later "Mr Okafor" is them."""
        if not actor.name or actor.basis not in ("dictionary", "title"):
            return
        words = actor.name.replace("-", " ").split()
        person = actor.basis == "title" or f"person:{actor.name}" in self.knowledge.entities
        if len(words) >= 2 and person:
            memory.people[norm_word(words[-1])] = actor

    def _named_again(self, memory: MentionMemory, tok: Token, span: Span, actor: Actor | None) -> Actor | None:
        """ "Mr Okafor", "President Okafor", "Okafor": the person this document named in full by that
        surname, whatever a dictionary would make of the surname alone (another Abbas, another Brown)."""
        if tok.pos_ != "PROPN" or not memory.people:
            return None
        earlier = memory.people.get(norm_word(tok.text))
        if earlier is None:
            return None
        honorifics = self.knowledge.vocab.mentions.honorifics
        names = [
            t for t in span
            if t.pos_ == "PROPN" and t.lower_.rstrip(".") not in honorifics and not _person_title(t, self.knowledge)
            and not (t.i >= 2 and _joins(t.doc[t.i - 1]))  # "Quispe-Torres" is one surname
        ]
        if len(names) != 1:
            return None  # a full name ("Gordon Brown") is its own
        if actor is not None and actor.code and actor.name == earlier.name:
            return None
        return replace(earlier, text=span.text, start=span.start_char, end=span.end_char, basis="earlier", confidence=0.85)

    def _names_own(self, tok: Token, date: str | None) -> bool:
        """ "two Belarusian diplomats", "both Kenyan ministers": a phrase with "two" or "both" that
        names whose they are itself, no pair named before."""
        span = noun_phrase(tok, self.knowledge.vocab.resolution.name_particles)
        if not any(t.pos_ in ("PROPN", "ADJ") for t in span if t.i != tok.i) or not self._may_name(span):
            return False
        actor = resolve_span(span, self.knowledge, date)
        return actor is not None and bool(actor.code)

    def _group(self, memory: MentionMemory, span: Span, index: int) -> tuple[Actor, ...] | None:
        """ "the two sides", "both governments": the last pair that acted together, if recent,
        else the last two parties named. "governments" makes them governments."""
        group: tuple[Actor, ...] | None = None
        words = self.knowledge.vocab.mentions
        if memory.pair is not None and index - memory.pair[2] <= words.pair_reach:
            group = tuple(
                replace(a, text=span.text, start=span.start_char, end=span.end_char, basis="description", confidence=0.7)
                for a in memory.pair[:2]
            )
        else:
            group = self.coref.resolve_group(memory.salience, span, index)
        if group and any(t.lower_ in words.government_words for t in span):
            group = tuple(
                replace(a, name=None, code=f"{a.country}GOV", sector="GOV") if a.country and a.country not in self.knowledge.vocab.codes.international else a
                for a in group
            )
        return group

    def _owned(self, memory: MentionMemory, tok: Token, described: Actor, index: int) -> Actor | None:
        """ "his government", "its military": the sector named, of the owner's country."""
        owner = next((c for c in tok.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
        if owner is None:
            return None
        found = self.coref.resolve_pronoun(memory.salience, owner, index)
        if found is None or not found.country or found.country in self.knowledge.vocab.codes.international:
            return None
        return replace(described, code=found.country + (described.sector or ""), country=found.country, basis="pronoun", confidence=0.7)

    def _placed(self, tok: Token, span: Span, described: Actor, date: str | None) -> Actor | None:
        """ "activists in Nigeria", "troops from Chad": the description of the place's country
        ("in" does not place the sectors often abroad: "soldiers in Mali" may be anyone's)."""
        words = self.knowledge.vocab.resolution
        for prep in tok.children:
            if prep.dep_ != "prep" or prep.lower_ not in words.place_preps:
                continue
            if prep.lower_ == "in" and described.sector in words.abroad_sectors:
                continue
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if pobj is None:
                continue
            placed = resolve_span(span, self.knowledge, date, place=sx.phrase_span(pobj))
            if placed is not None and placed.code:
                return replace(placed, confidence=0.8)
        return None

    def _may_name(self, span: Span) -> bool:
        """A phrase of common words none of which is in any name ("the company", "profits")
        cannot name an actor: skip resolving it (a cheap test on a hot path)."""
        for t in span:
            if t.pos_ == "PROPN" or t.is_title or "-" in t.text or norm_word(t.text) in self.knowledge.words:
                return True
        return False

    def _resolve(self, memory: MentionMemory, tok: Token, index: int, date: str | None) -> Actor | None:
        words = self.knowledge.vocab.mentions
        if tok.pos_ == "PRON":
            if tok.lower_ not in words.pronouns or _expletive(tok):
                return None
            return self.coref.resolve_pronoun(memory.salience, tok, index)
        if tok.lower_ in words.quantity_nouns:
            # "thousands of workers", "dozens of soldiers": the people counted
            counted = [o for p in sx.children(tok, "prep") if p.lower_ == "of" for o in sx.children(p, "pobj")]
            if counted:
                return self._resolve(memory, counted[0], index, date)
        span = noun_phrase(tok, self.knowledge.vocab.resolution.name_particles)
        actor = resolve_span(span, self.knowledge, date) if self._may_name(span) else None
        again = self._named_again(memory, tok, span, actor)
        if again is not None:
            return again
        if actor is not None and actor.code is None and actor.sector:
            if self._definite(tok) and norm_word(tok.lemma_ or tok.text) in self.knowledge.vocab.coreference.org_nouns:
                # "the agency": the body named with that word before, if any; else the press
                earlier = self.coref.resolve_same_noun(memory.salience, span, index)
                if earlier is not None:
                    return earlier
            owned = self._owned(memory, tok, actor, index) or self._placed(tok, span, actor, date)
            if owned is not None:
                return owned
        if actor is not None:
            return actor
        if tok.pos_ == "NOUN" and tok.lemma_.lower() not in words.definite_skip and self._definite(tok):
            return self.coref.resolve_definite(memory.salience, span, index)
        return None

    def _definite(self, tok: Token) -> bool:
        words = self.knowledge.vocab.mentions
        return any(c.lower_ in words.definite_determiners for c in tok.children if c.dep_ == "det")


def noun_phrase(head: Token, particles: frozenset[str] = frozenset()) -> Span:
    """The noun phrase `head` heads (sx.phrase_span), with the words of a name a hyphen joins to it.

    The parser splits "Nur-Ali Abenov", "Ana Quispe-Torres", "Karim al-Masri" at the hyphen and
    hangs the hyphen off the head as punctuation; the phrase, which leaves punctuation out and
    keeps only the run of words around the head, is then cut at it ("Ali Abenov"), and the title
    and nationality before the name are lost with it. A hyphen between two words of a name (no
    space either side; capitalised words, or one of `particles` before one: "al-Masri") whose
    left word belongs to the phrase joins them back. Other hyphenated words are left as they are
    ("runner-up Susan X", "Frankfurt-based Deutsche Boerse": what they add is no name)."""
    span = sx.phrase_span(head)
    doc = head.doc
    start, end = span.start, span.end
    while start >= 2 and _joins(doc[start - 1], particles) and _in_phrase(doc[start - 2], head):
        start -= 2
        while start > 0 and not doc[start - 1].is_punct and _in_phrase(doc[start - 1], head):
            start -= 1
    while end + 1 < len(doc) and _joins(doc[end], particles) and _in_phrase(doc[end + 1], head):
        end += 2
        while end < len(doc) and not doc[end].is_punct and _in_phrase(doc[end], head):
            end += 1
    return span if (start, end) == (span.start, span.end) else doc[start:end]


def _joins(tok: Token, particles: frozenset[str] = frozenset()) -> bool:
    """A hyphen inside a name: no space either side ("Quispe-Torres", not "Lima - the capital"), a
    capitalised word after it, and a capitalised word or a particle before it ("al-Masri")."""
    doc = tok.doc
    if tok.text not in HYPHENS or tok.whitespace_ or tok.i == 0 or tok.i + 1 >= len(doc):
        return False
    left, right = doc[tok.i - 1], doc[tok.i + 1]
    if left.whitespace_ or not right.text[:1].isupper():
        return False
    return left.text[:1].isupper() or left.lower_ in particles


def _in_phrase(tok: Token, head: Token) -> bool:
    """`tok` hangs from `head` through modifiers only (the words of head's noun phrase)."""
    while tok.i != head.i:
        if tok.dep_ in OUTSIDE_PHRASE or tok.head.i == tok.i:
            return False
        tok = tok.head
    return True


def _person_title(tok: Token, knowledge: ActorKnowledge) -> bool:
    """A word naming one individual ("minister", "president"), as the sector words mark them."""
    return norm_word(tok.text) in knowledge.person_titles or norm_word(tok.lemma_) in knowledge.person_titles


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

