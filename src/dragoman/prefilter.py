"""The pre-filter: which stretches of a document are worth the parser's time.

Parsing is most of the cost of coding, and most sentences of the news code
nothing. Before parsing, each piece of a document is cut into sentences by a
cheap rule (`split_sentences`), and a sentence is parsed when it

* names someone: a capitalised word after the first, a capitalised first word
  that is not one of the model's stop words ("Krasner refused ...", not "The
  talks ..."), or an actor or agent name of the dictionaries in any case ("the
  government", "Tehran") -- even with no event cue, since a later "he" or "Mr
  Okafor" may need the name; or
* refers to someone or something named before (a pronoun, "the two sides":
  policy.yaml `prefilter.pronouns`; or a thing the diplomatic record follows,
  "the truce took effect", "the deadline passed", "the letter arrived": the
  nouns of record.yaml's letters, deadlines, talks and agreements) and holds an
  event cue: a verb, noun or adjective of
  the verb dictionaries (every layer: the user's, dragoman's, PETRARCH's), in
  any inflected form, with a pattern that can match here -- every word the
  pattern requires (object words, preposition, particles, subject words,
  words of its clause) is in the sentence in some form, so "was" is no cue
  for PETRARCH's BE, whose one pattern needs "on" and an alert word -- or a
  word of the diplomatic record's lists (letters, demands, talks).

So a sentence is left unparsed when it has no possible actor, or only a
pronoun and no event cue: it can neither code an event (every event needs a
source) nor teach the document a name. Every sentence of a list item is
parsed (an item codes from its lead-in, with no cue of its own), and so is a
sentence ending in ":" (it may be a lead-in). A story the discard lists throw
out whole ("+WORLD CUP") is not parsed at all: nothing in it is coded.

What is not parsed still becomes sentences (tokenized, not tagged): they are
stored, dated and counted, and the stages that need no parse (segment, list
context, citations, dates) run on them, so a date in a skipped sentence still
anchors the next one. The rules read only the knowledge; `Settings.prefilter`
(`--no-prefilter`) switches them off. What they cost is measured on every
development set by `bench/accuracy.py` (both columns; see the README).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, fields, is_dataclass
from itertools import pairwise
from typing import Any

from .actors.names import norm_word
from .coding.lexicon import Pattern
from .knowledge import Knowledge
from .records import Block, Document

# A sentence ends at . ! or ? (maybe closing a quote or bracket), before a space and a capital
# or an opening quote; not after a title, an initial or a short capitalised abbreviation
# ("Mr. Smith", "J. Smith", "U.S. officials"): a missed cut only parses more, never less.
_END = re.compile(r"[.!?][\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")
_ACRONYM = re.compile(r"(?:[A-Za-z]\.)*[A-Za-z]")  # "J", "U.S", "e.g"
_WORD = re.compile(r"[^\W_](?:[\w’'.-]*[^\W_])?")
_WORD_BACK = 40  # a title or an acronym before a period is shorter than this
MAX_WORDS = 4  # names of more words also match by their first four: "United Nations Security Council"
_INFLECTIONS = (("ies", "y"), ("ied", "y"), ("es", ""), ("es", "e"), ("s", ""), ("ed", ""), ("ed", "e"), ("d", ""), ("ing", ""), ("ing", "e"), ("er", ""), ("est", ""))


def split_sentences(text: str, start: int, end: int, titles: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    """(start, end) of the sentences of text[start:end], by punctuation alone; they cover it all.
    A period after a title ("Mr.", "Gen."), an initial or an acronym ("U.S.") ends no sentence."""
    cuts = [start]
    for match in _END.finditer(text, start, end):
        if text[match.start()] == "." and _no_end_after(_word_before(text, start, match.start()), titles):
            continue
        cuts.append(match.end())
    cuts.append(end)
    return [(a, b) for a, b in pairwise(cuts) if b > a]


def _word_before(text: str, start: int, end: int) -> str | None:
    """The word of text[start:end] that ends at `end` (after its last space of any kind), looked
    for in its last _WORD_BACK characters only: None when it is longer, and so neither a title nor
    an initial. The bound keeps the cut linear where no space comes before a period (one-word
    lines, words joined by non-breaking spaces)."""
    floor = max(start, end - _WORD_BACK)
    for i in range(end - 1, floor - 1, -1):
        if text[i].isspace():
            return text[i + 1 : end]
    return text[floor:end] if floor == start else None


def _no_end_after(word: str | None, titles: frozenset[str]) -> bool:
    """Whether a period after `word` ends no sentence: a title, an initial or an acronym."""
    if word is None:
        return False
    word = word.lstrip("\"“‘'([")
    return _ACRONYM.fullmatch(word) is not None or norm_word(word) in titles


def lemma_candidates(word: str) -> Iterator[str]:
    """The word and what it could be an inflection of ("said" is not among them: irregular
    forms come from the model's exception tables, see `Prefilter.cues`)."""
    yield word
    for suffix, replacement in _INFLECTIONS:
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            stem = word[: -len(suffix)] + replacement
            yield stem
            if len(stem) > 2 and stem[-1] == stem[-2] and replacement == "":  # "stopped" -> "stopp" -> "stop"
                yield stem[:-1]


def _words_of(value: Any) -> Iterator[str]:
    """Every word in a data record's strings, keys and collections (the record's word lists)."""
    if isinstance(value, str):
        yield from (w.lower() for w in _WORD.findall(value))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _words_of(key)
            yield from _words_of(item)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            yield from _words_of(item)
    elif is_dataclass(value) and not isinstance(value, type):
        for f in fields(value):
            yield from _words_of(getattr(value, f.name))


@dataclass(frozen=True, slots=True)
class Prefilter:
    """Decides, before parsing, which sentences are parsed (see the module docstring)."""

    cues: frozenset[str]  # lemmas (and forms) an event or a record note can start from, whatever the sentence
    conditional: dict[str, tuple[tuple[frozenset[str], ...], ...]]  # word -> each pattern's required words
    irregular: dict[str, tuple[str, ...]]  # irregular form -> lemmas ("said" -> say), from the model's tables
    actor_phrases: frozenset[tuple[str, ...]]  # actor and agent names as normalised words (actors' lexicon keys)
    longest: int  # words in the longest of them
    pronouns: frozenset[str]
    titles: frozenset[str]  # person titles: "Mr." ends no sentence
    discards: Any  # knowledge.discards: a story it discards is not parsed
    stop_words: frozenset[str] = frozenset()  # the model's: a capitalised first word among them names no one
    referents: frozenset[str] = frozenset()  # nouns of things the record follows ("the truce"), as lemmas

    def vocabulary(self, words: list[str]) -> set[str]:
        """The sentence's words lower-cased, with every lemma each could be an inflection of."""
        found: set[str] = set()
        for word in words:
            lower = word.lower()
            found.update(lemma_candidates(lower))
            found.update(self.irregular.get(lower, ()))
        return found

    def has_cue(self, vocabulary: set[str]) -> bool:
        if not self.cues.isdisjoint(vocabulary):
            return True
        for word in vocabulary:
            for requirements in self.conditional.get(word, ()):
                if all(not alternatives.isdisjoint(vocabulary) for alternatives in requirements):
                    return True
        return False

    def wanted(self, sentence: str) -> bool:
        """Whether a sentence can code something, or name someone a later one refers to."""
        words = _WORD.findall(sentence)
        if not words:
            return False
        if sentence.rstrip().endswith(":"):
            return True
        norms = [norm_word(w) for w in words]
        if self.has_name(words, norms):
            return True  # parsed even without a cue: a later "he" or "Mr Okafor" may need the name
        refers = any(n in self.pronouns for n in norms)
        vocabulary = self.vocabulary(words)
        return (refers or not self.referents.isdisjoint(vocabulary)) and self.has_cue(vocabulary)

    def has_name(self, words: list[str], norms: list[str]) -> bool:
        """A capitalised word after the first, a capitalised first word that is no stop word
        (without the model's stop words, any capitalised first word), or a dictionary name (any case)."""
        if any(w[0].isupper() for w in words[1:]):
            return True
        if words[0][0].isupper() and words[0].lower() not in self.stop_words:
            return True
        phrases, longest = self.actor_phrases, self.longest
        return any(tuple(norms[i : i + n]) in phrases for i in range(len(norms)) for n in range(1, longest + 1))

    def plan(self, document: Document) -> DocumentPlan:
        return DocumentPlan(self, document, self.discards.story_discarded(document.text))


@dataclass(slots=True)
class DocumentPlan:
    """One document's decisions: `pieces(piece)` cuts a piece into (sub-piece, parse it?) runs."""

    prefilter: Prefilter
    document: Document
    discarded: bool

    def pieces(self, piece: Block) -> list[tuple[Block, bool, list[tuple[int, int]]]]:
        """Runs of sentences that are all parsed or all not: (the run as a Block, parsed?, its
        sentences' (start, end) in document offsets)."""
        text = self.document.text
        sentences = split_sentences(text, piece.start, piece.end, self.prefilter.titles)
        if self.discarded:
            return [(piece, False, sentences)]
        if piece.kind == "list_item":
            return [(piece, True, sentences)]
        runs: list[tuple[Block, bool, list[tuple[int, int]]]] = []
        for start, end in sentences:
            wanted = self.prefilter.wanted(text[start:end])
            if runs and runs[-1][1] == wanted:
                block, _, spans = runs[-1]
                spans.append((start, end))
                runs[-1] = (Block(block.start, end, piece.kind, piece.section), wanted, spans)
            else:
                runs.append((Block(start, end, piece.kind, piece.section), wanted, [(start, end)]))
        if len(runs) == 1:
            return [(piece, runs[0][1], runs[0][2])]
        return runs


def requirements(pattern: Pattern) -> tuple[frozenset[str], ...]:
    """The words a pattern needs in the sentence, as sets of alternatives (one of each), read
    conservatively: a condition not listed here needs nothing (so the sentence is parsed)."""
    needs: list[frozenset[str]] = []
    if pattern.obj is not None and not pattern.obj_phrases:
        needs.append(pattern.obj)
    for words in (pattern.subj, pattern.words):
        if words is not None:
            needs.append(words)
    if pattern.prep:
        needs.append(frozenset({pattern.prep}))
    needs.extend(frozenset({w}) for w in pattern.particle)
    needs.extend((*pattern.obj_mods, *pattern.pre, *pattern.all_words))
    needs.extend(cond.prep for cond in pattern.preps)
    # a phrase ("swiss francs") is present if its first word is
    return tuple(frozenset(w.split()[0].lower() for w in alternatives if w.strip()) for alternatives in needs)


def build_prefilter(
    knowledge: Knowledge, irregular: dict[str, tuple[str, ...]], stop_words: frozenset[str] = frozenset()
) -> Prefilter:
    """The pre-filter of this knowledge; `irregular` maps irregular forms to lemmas (`model_irregulars`),
    `stop_words` are the model's language's (`model_stop_words`)."""
    lexicon = knowledge.lexicon
    cues: set[str] = set()
    conditional: dict[str, set[tuple[frozenset[str], ...]]] = {}
    for table in (lexicon.verbs, lexicon.nouns, lexicon.adjectives):
        for key, patterns in table.items():
            word = key.lower()
            for pattern in patterns:
                if pattern.silent:  # codes nothing, parsed or not
                    continue
                needs = requirements(pattern)
                if not needs:
                    cues.add(word)
                    break
                conditional.setdefault(word, set()).add(needs)
    record = getattr(knowledge, "record", None)
    referents: set[str] = set()
    if record is not None:
        cues.update(w for w in _words_of(record) if len(w) > 2)
        referents.update(record.communications.nouns, record.deadlines.nouns, record.talks.nouns, record.agreements.nouns)
    for word in cues:
        conditional.pop(word, None)
    actors = knowledge.actors
    phrases = frozenset(key[:MAX_WORDS] for key in actors.lexicon if key)
    titles = frozenset(norm_word(t) for t in getattr(actors, "person_titles", ()))
    longest = max((len(k) for k in phrases), default=0)
    return Prefilter(
        frozenset(cues),
        {word: tuple(sorted(needs, key=len)) for word, needs in conditional.items()},
        irregular,
        phrases,
        longest,
        knowledge.policy.prefilter.pronouns,
        titles,
        knowledge.discards,
        stop_words,
        frozenset(referents),
    )


def model_irregulars(nlp: Any) -> dict[str, tuple[str, ...]]:
    """Irregular form -> lemmas from the spaCy model's lemmatizer exception tables ("said" -> say)."""
    lemmatizer = None
    for _name, component in getattr(nlp, "pipeline", ()):
        lemmatizer = getattr(component, "lemmatizer", None) or (component if hasattr(component, "lookups") else None)
        if lemmatizer is not None and hasattr(lemmatizer, "lookups"):
            break
    if lemmatizer is None or not hasattr(lemmatizer, "lookups"):
        return {}
    table = lemmatizer.lookups.get_table("lemma_exc", {})
    out: dict[str, set[str]] = {}
    for pos in ("verb", "noun", "adj"):
        for form, lemmas in dict(table.get(pos, {})).items():
            out.setdefault(form.lower(), set()).update(lemma.lower() for lemma in lemmas)
    return {form: tuple(sorted(lemmas)) for form, lemmas in out.items()}


def model_stop_words(nlp: Any) -> frozenset[str]:
    """The stop words of the model's language (spaCy's list: "the", "it", "however", ...), lower-cased."""
    words = getattr(getattr(nlp, "Defaults", None), "stop_words", None) or ()
    return frozenset(w.lower() for w in words)


def selector(knowledge: Knowledge, nlp: Any) -> Any:
    """The `select` argument of nlp.parse_documents for this knowledge and model."""
    return build_prefilter(knowledge, model_irregulars(nlp), model_stop_words(nlp)).plan
