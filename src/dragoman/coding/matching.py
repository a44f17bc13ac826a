"""Whether a dictionary pattern's conditions hold of a trigger word: read off the parse once
per trigger (`Seen`), then tested pattern by pattern (`pattern_holds`).

The conditions are a pattern's words (object, subject, clause, before or after the verb, in
order), prepositions, particles and valence (coding.lexicon.Pattern). Nothing here knows who
the parties are: that is coding.parties.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from . import syntax as sx
from .evaluation import ANY, Valence, evaluation
from .grammar import Grammar
from .lexicon import Pattern, PrepCond, SeqItem

if TYPE_CHECKING:
    from spacy.tokens import Token


def pattern_holds(p: Pattern, seen: Seen, words: set[str], valence: Valence) -> bool:
    """Whether the pattern's conditions hold of the trigger `seen` reads (`words`: its object words)."""
    if p.prep and not sx.has_prep(seen.trigger, p.prep, seen.grammar.time_nouns):
        return False
    if p.subj is not None and not any(t.lemma_.lower() in p.subj for t in sx.subjects(seen.verb, seen.grammar)):
        return False
    if p.obj is not None and not (p.obj & words) and not (p.obj_phrases and seen.object_ends_with(p.obj_phrases)):
        return False
    if p.words is not None and not (seen.lemmas() & p.words):
        return False
    if p.valence is not None:
        judged = evaluation(seen.trigger, seen.grammar, valence)
        if judged is None or (p.valence != ANY and judged.name != p.valence):
            return False
    if p.particle or p.pre or p.obj_mods or p.preps or p.all_words or p.pre_seq or p.post_seq:
        return seen.holds(p)
    return True



def sentence_forms(sent: Iterable[Token]) -> frozenset[str]:
    """Every form a pattern's condition may compare a word of the sentence with: its lemma (as
    the model gives it, and in lower case) and its lower-case text."""
    return frozenset(w for t in sent for w in (t.lemma_, t.lemma_.lower(), t.lower_))


class Seen:
    """What a dictionary pattern asks of a trigger, read off the parse once per trigger."""

    def __init__(self, trigger: Token, verb: Token, obj: Token | None, grammar: Grammar) -> None:
        self.trigger = trigger
        self.obj = obj
        self.grammar = grammar
        self._child_words: set[str] | None = None
        self._pre: set[str] | None = None
        self._clause: set[str] | None = None
        self._obj_phrase: set[str] | None = None
        self._tail: list[tuple[str, str]] | None = None
        self._pre_seq: list[tuple[str, str]] | None = None
        self._pre_forms: set[str] | None = None
        self._post_seq: list[tuple[str, str]] | None = None
        self._lemmas: set[str] | None = None
        self.verb = verb

    @staticmethod
    def _forms(tokens: Iterable[Token]) -> set[str]:
        return {w for t in tokens for w in (t.lemma_.lower(), t.lower_)}

    def object_words(self) -> set[str]:
        """What a pattern's object word may be: the object's head, or, past it, a particle, adverb,
        adjective or the patient of a passive ("clamp down", "appear uncertain", "sanctions were imposed")."""
        deps = ("prt", "acomp", "advmod", "oprd", "npadvmod", "xcomp")
        heads = [c for c in self.trigger.children if c.dep_ in deps]
        if sx.is_passive(self.trigger):
            heads += sx.children(self.trigger, "nsubjpass")
        if self.obj is not None:
            heads.append(self.obj)
        return self._forms(heads)

    def lemmas(self) -> set[str]:
        """The lemmas of the trigger's clause (its subjects left out), and of its clause's verb."""
        if self._lemmas is None:
            verb = self.verb
            self._lemmas = set(sx.clause_lemmas(self.trigger)) | ({verb.lemma_} if verb is not self.trigger else set())
        return self._lemmas

    def child_words(self) -> set[str]:
        if self._child_words is None:
            self._child_words = self._forms(self.trigger.children)
        return self._child_words

    def pre_words(self) -> set[str]:
        if self._pre is None:
            subjects = sx.subjects(self.verb, self.grammar) + sx.children(self.verb, "nsubjpass")
            left = [c for c in self.trigger.children if c.i < self.trigger.i and c.dep_ not in ("punct", "cc")]
            self._pre = self._forms(t for s in subjects for t in s.subtree) | self._forms(left)
        return self._pre

    def clause(self) -> set[str]:
        if self._clause is None:
            self._clause = self._forms(t for c in self.trigger.children for t in c.subtree)
        return self._clause

    def obj_phrase(self) -> set[str]:
        """The words of the object's noun phrase up to its head ("full diplomatic ties"; not the
        "of resolutions" after "a set")."""
        if self._obj_phrase is None:
            obj = self.obj
            self._obj_phrase = self._forms(t for t in obj.subtree if t.i <= obj.i) if obj is not None else set()
        return self._obj_phrase

    def _obj_phrase_has(self, words: frozenset[str]) -> bool:
        """A member with spaces ("swiss francs") word by word in the object's phrase up to its head."""
        obj = self.obj
        if obj is None or not _phrases(words):
            return False
        tokens = [(t.lemma_.lower(), t.lower_) for t in obj.subtree if t.i <= obj.i]
        return _in_order(tokens, (SeqItem(words),))

    def object_ends_with(self, phrases: tuple[tuple[str, ...], ...]) -> bool:
        """A phrase ("swiss francs") ends at the object's head."""
        if self._tail is None:
            obj = self.obj
            start = max(obj.sent.start, obj.i - 5) if obj is not None else 0
            self._tail = [(t.lemma_.lower(), t.lower_) for t in obj.doc[start : obj.i + 1]] if obj is not None else []
        tail = self._tail
        if not tail or _last_words(phrases).isdisjoint(tail[-1]):
            return False  # no phrase ends in the head's word: most patterns, at the cost of one set test
        for parts in phrases:
            if len(parts) <= len(tail) and all(p in forms for p, forms in zip(parts, tail[len(tail) - len(parts) :])):
                return True
        return False

    def prep_holds(self, cond: PrepCond) -> bool:
        holders = [self.trigger] + ([self.obj] if self.obj is not None else [])
        for holder in holders:
            for prep in holder.children:
                if prep.dep_ not in ("prep", "agent", "dative", "prt") or prep.lower_ not in cond.prep:
                    continue
                if sx.fronted_time(prep, self.grammar.time_nouns):
                    continue  # "On Monday, X ..." is when, not what the pattern's "on" asks for
                if cond.words is None:
                    return True
                for pobj in (o for o in prep.children if o.dep_ in ("pobj", "pcomp")):
                    for head in sx.conjuncts(pobj):
                        if not self._forms([head]) & cond.words:
                            continue
                        phrase = self._forms(head.subtree)
                        if all(phrase & mod for mod in cond.mods):
                            return True
        return False

    def holds(self, p: Pattern) -> bool:
        if p.particle and not all(w in self.child_words() for w in p.particle):
            return False
        if p.pre and not all(self._pre_has(words) for words in p.pre):
            return False
        if p.obj_mods and not all(self.obj_phrase() & words or self._obj_phrase_has(words) for words in p.obj_mods):
            return False
        if p.all_words and not all(self.clause() & words for words in p.all_words):
            return False
        if p.pre_seq and not _in_order(self._pre_tokens(), p.pre_seq):
            return False
        if p.post_seq and not _in_order(self._post_tokens(), p.post_seq):
            return False
        return all(self.prep_holds(cond) for cond in p.preps)

    def _pre_has(self, words: frozenset[str]) -> bool:
        """One of the words in the subject or before the verb; a member with spaces as a phrase."""
        if self.pre_words() & words:
            return True
        if not _phrases(words):  # single words: any of them among the tokens before the verb
            if self._pre_forms is None:
                self._pre_forms = {w for pair in self._pre_tokens() for w in pair}
            return not self._pre_forms.isdisjoint(words)
        return _in_order(self._pre_tokens(), (SeqItem(words),))

    def _pre_tokens(self) -> list[tuple[str, str]]:
        if self._pre_seq is None:
            t = self.trigger
            self._pre_seq = [(w.lemma_.lower(), w.lower_) for w in t.doc[t.sent.start : t.i]]
        return self._pre_seq

    def _post_tokens(self) -> list[tuple[str, str]]:
        if self._post_seq is None:
            t = self.trigger
            self._post_seq = [(w.lemma_.lower(), w.lower_) for w in t.doc[t.i + 1 : t.right_edge.i + 1]]
        return self._post_seq


_LAST_WORDS: dict[int, tuple[tuple[tuple[str, ...], ...], frozenset[str]]] = {}


def _last_words(phrases: tuple[tuple[str, ...], ...]) -> frozenset[str]:
    """The last words of a pattern's object phrases, by the identity of its (long-lived) tuple."""
    found = _LAST_WORDS.get(id(phrases))
    if found is None or found[0] is not phrases:
        found = (phrases, frozenset(parts[-1] for parts in phrases if parts))
        _LAST_WORDS[id(phrases)] = found
    return found[1]


@lru_cache(maxsize=65536)
def _phrases(words: frozenset[str]) -> tuple[tuple[str, ...], ...]:
    """The members of a word set that are phrases, split ("swiss francs" -> ("swiss", "francs"));
    a frozenset keeps its hash, so looking one up costs nothing after the first time."""
    return tuple(tuple(member.split()) for member in words if " " in member)


def _in_order(tokens: list[tuple[str, str]], items: tuple[SeqItem, ...]) -> bool:
    """The items' words in this order among the tokens ((lemma, form) pairs): an adjacent item right
    after the one before, another anywhere after it; a member with spaces is a phrase."""
    where: dict[str, list[int]] = {}  # a lemma or form -> the positions that hold it
    for i, (lemma, form) in enumerate(tokens):
        where.setdefault(lemma, []).append(i)
        if form != lemma:
            where.setdefault(form, []).append(i)

    def found(words: frozenset[str]) -> list[tuple[int, int]]:
        """(start, end) of every match of one of `words`, in order."""
        spans: set[tuple[int, int]] = set()
        for w in words if len(words) < len(where) else [w for w in where if w in words]:
            for i in where.get(w, ()):
                spans.add((i, i + 1))
        for parts in _phrases(words):
            for i in where.get(parts[0], ()):
                if i + len(parts) <= len(tokens) and all(p in tokens[i + k] for k, p in enumerate(parts)):
                    spans.add((i, i + len(parts)))
        return sorted(spans)

    matches = [found(item.words) for item in items]

    def match(k: int, start: int, must_be_here: bool) -> bool:
        if k == len(items):
            return True
        for i, end in matches[k]:
            if i < start or (must_be_here and i != start):
                continue
            nxt = k + 1
            if match(nxt, end, nxt < len(items) and items[nxt].adjacent):
                return True
        return False

    return match(0, 0, False)
