"""The model's attribute ruler and lemmatizer, applied through a cache: same output, a fraction of the time.

In en_core_web_sm the `attribute_ruler` (tag -> part of speech and morphology,
with exceptions for pronouns, auxiliaries, "n't", ...) and the rule
`lemmatizer` cost about a fifth of parsing: the ruler runs a Matcher of 179
patterns and sets each match through a Span, the lemmatizer walks every token
in Python. Yet what they give a token is, with a few exceptions, a function of
three things the tagger and parser already set: its text (orth), its tag and
its dependency label. So `CachedAttributes` works that out once per
(orth, tag, label) -- the ruler's single-token patterns read as the Matcher
reads them, then the model's own lemmatizer -- and afterwards sets the
remembered attributes directly.

The exceptions are the ruler's patterns of more than one token ("gon na",
"let 's", "is" after an expletive "there"): the model's Matcher, with those
patterns alone, runs on every Doc that holds, for one of those patterns, a token
for each of its word, label and tag conditions ("is" after an expletive needs
the label `expl`; 248 of 400 BBC articles hold one), and a token they touch is done the slow
way (every matching pattern in the ruler's order, then the lemmatizer),
exactly as the two components would do it. Nothing here knows the model's
rules; it reads them from the components it replaces, and a model whose
patterns use anything else keeps its own components. A test checks, token
for token, that Docs get the same tags, parts of speech, morphology, labels
and lemmas as from the model's own pipeline.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

NAME = "dragoman_attributes"
REPLACED = ("attribute_ruler", "lemmatizer")
OTHER = -1  # the key's label for a dependency label no pattern names (they all behave alike)
MAX_CACHED = 200_000  # keys (some 50 MB); past this the cache starts again (it is a word list, not a leak)
_READ = ("TAG", "LOWER", "DEP", "IS_SPACE")  # the token attributes single-token patterns may test
_GATED = ("LOWER", "DEP", "TAG")  # the conditions of multi-token patterns a Doc is checked for first

Test = Callable[[dict[str, Any]], bool]


@dataclass(frozen=True, slots=True)
class _Known:
    attrs: dict[Any, Any]  # the matching single-token patterns' attributes, merged in the ruler's order
    lemma: int  # the lemma's hash after the ruler and the lemmatizer


class Unsupported(Exception):
    """A pattern this reader does not read as the Matcher would: keep the model's components."""


def _predicate(key: str, condition: Any) -> Callable[[Any], bool]:
    if isinstance(condition, (str, bool)):
        return lambda value: value == condition
    if isinstance(condition, dict) and len(condition) == 1:
        (op, arg), = condition.items()
        if op == "IN" and isinstance(arg, list):
            options = frozenset(arg)
            return lambda value: value in options
        if op == "NOT_IN" and isinstance(arg, list):
            options = frozenset(arg)
            return lambda value: value not in options
        if op == "REGEX" and isinstance(arg, str):
            pattern = re.compile(arg)
            return lambda value: pattern.search(value) is not None
    raise Unsupported(f"{key}: {condition!r}")


def _test(token_pattern: dict[str, Any]) -> Test:
    """A token pattern as a test of the token's values (all conditions hold)."""
    if not token_pattern or set(token_pattern) - set(_READ):
        raise Unsupported(repr(token_pattern))
    checks = [(key, _predicate(key, condition)) for key, condition in token_pattern.items()]
    return lambda values: all(check(values[key]) for key, check in checks)


def _listed(condition: Any) -> list[str] | None:
    """The values a condition accepts when it names them: a string, or IN a list of strings."""
    values = [condition] if isinstance(condition, str) else condition.get("IN") if isinstance(condition, dict) else None
    return values if isinstance(values, list) and all(isinstance(v, str) for v in values) else None


def _labels(condition: Any) -> list[str]:
    """The dependency labels a DEP condition names ("nsubj", or the list of an IN or NOT_IN)."""
    if isinstance(condition, str):
        return [condition]
    if isinstance(condition, dict):
        return [label for arg in condition.values() if isinstance(arg, list) for label in arg if isinstance(label, str)]
    return []


class CachedAttributes:
    """A pipeline component: the model's attribute ruler then its lemmatizer, through a cache."""

    def __init__(self, nlp: Language, ruler: Any, lemmatizer: Any) -> None:
        from spacy.matcher import Matcher

        self.vocab = nlp.vocab
        self.ruler = ruler
        self.lemmatizer = lemmatizer
        _index_as_sets(lemmatizer)
        self.multi = Matcher(nlp.vocab)
        # the single-token patterns, each under the words (or else the tags) it can match, so a token
        # is tested against a few of them; in the ruler's order: a later pattern's attributes win
        self.by_lower: dict[str, list[tuple[int, Test]]] = {}
        self.by_tag: dict[str, list[tuple[int, Test]]] = {}
        self.any_token: list[tuple[int, Test]] = []
        labels: set[str] = set()
        self.gates: list[list[tuple[int, frozenset[int]]]] | None = []  # None: run the Matcher on every Doc
        for attr_id, entry in enumerate(ruler.patterns):
            longer = [p for p in entry["patterns"] if len(p) > 1]
            if longer:
                self.multi.add(str(attr_id), longer)
                self._gate(longer)
            for pattern in entry["patterns"]:
                labels.update(label for token in pattern for label in _labels(token.get("DEP")))
                if len(pattern) == 1:
                    self._index(attr_id, pattern[0])
        self.labels = frozenset(nlp.vocab.strings.add(label) for label in labels if label)
        self.known: dict[tuple[int, int, int], _Known] = {}
        self.shared: dict[frozenset[tuple[Any, Any]], dict[Any, Any]] = {}  # one dict per distinct set of attributes

    def __call__(self, doc: Doc) -> Doc:
        from spacy.tokens._retokenize import set_token_attrs

        slow = self._multi_matches(doc) if len(self.multi) and self._may_match(doc) else {}
        known, labels = self.known, self.labels
        for token in doc:
            dep = token.dep
            key = (token.orth, token.tag, dep if dep in labels or not dep else OTHER)
            if slow and token.i in slow:
                self._slowly(token, slow[token.i])
                continue
            entry = known.get(key)
            if entry is None:
                self._learn(token, key)
                continue
            if entry.attrs:
                set_token_attrs(token, entry.attrs)
            token.lemma = entry.lemma
        return doc

    def _gate(self, patterns: list[list[dict[str, Any]]]) -> None:
        """What a Doc must hold for a multi-token pattern to match it: for each of its tokens' word,
        label or tag conditions (a value, or IN a list), a token with one of those values."""
        for pattern in patterns:
            needs: list[tuple[int, frozenset[int]]] = []
            for token in pattern:
                for key, condition in token.items():
                    values = _listed(condition)
                    if key in _GATED and values is not None:
                        needs.append((_GATED.index(key), frozenset(self.vocab.strings.add(v) for v in values)))
            if not needs:
                self.gates = None  # a pattern nothing here can rule out: every Doc goes to the Matcher
            if self.gates is not None:
                self.gates.append(needs)

    def _may_match(self, doc: Doc) -> bool:
        """Whether some multi-token pattern's conditions all find a token in the Doc (if not, none
        can match and the Matcher need not run)."""
        if self.gates is None:
            return True
        present = [set(column.tolist()) for column in doc.to_array(list(_GATED)).T] if len(doc) else [set() for _ in _GATED]
        return any(all(not present[column].isdisjoint(values) for column, values in needs) for needs in self.gates)

    def _index(self, attr_id: int, token_pattern: dict[str, Any]) -> None:
        test = (attr_id, _test(token_pattern))
        for key, table in (("LOWER", self.by_lower), ("TAG", self.by_tag)):
            values = _listed(token_pattern.get(key))
            if values is not None:
                for value in values:
                    table.setdefault(value, []).append(test)
                return
        self.any_token.append(test)

    def _single_ids(self, token: Token) -> list[int]:
        """The single-token patterns that match the token, in the ruler's order."""
        lower, tag = token.lower_, token.tag_
        values = {"TAG": tag, "LOWER": lower, "DEP": token.dep_, "IS_SPACE": token.is_space}
        candidates = [*self.by_lower.get(lower, []), *self.by_tag.get(tag, []), *self.any_token]
        return sorted({attr_id for attr_id, test in candidates if test(values)})

    def _multi_matches(self, doc: Doc) -> dict[int, list[int]]:
        """Token index -> the multi-token patterns that set its attributes."""
        found: dict[int, list[int]] = {}
        for match_id, start, end in self.multi(doc, allow_missing=True, as_spans=False):
            attr_id = int(self.vocab.strings[match_id])
            token = doc[start:end][self.ruler.indices[attr_id]]  # a negative index counts from the span's end, as in the ruler
            found.setdefault(token.i, []).append(attr_id)
        return found

    def _slowly(self, token: Token, extra: list[int]) -> None:
        """A token a longer pattern touches: every pattern in the ruler's order, then the lemmatizer."""
        from spacy.tokens._retokenize import set_token_attrs

        for attr_id in sorted([*self._single_ids(token), *extra]):
            set_token_attrs(token, self.ruler.attrs[attr_id])
        if token.lemma == 0:
            token.lemma_ = self.lemmatizer.lemmatize(token)[0]

    def _learn(self, token: Token, key: tuple[int, int, int]) -> None:
        """Do to the token what the single-token patterns and the lemmatizer do, and remember it."""
        from spacy.tokens._retokenize import set_token_attrs

        merged: dict[Any, Any] = {}
        for attr_id in self._single_ids(token):
            merged.update(self.ruler.attrs[attr_id])
        if merged:
            set_token_attrs(token, merged)
        if token.lemma == 0:
            token.lemma_ = self.lemmatizer.lemmatize(token)[0]
        if len(self.known) >= MAX_CACHED:
            self.known.clear()
        try:
            merged = self.shared.setdefault(frozenset(merged.items()), merged)
        except TypeError:  # an unhashable value (extension attributes): kept as it is
            pass
        self.known[key] = _Known(merged, token.lemma)


def _index_as_sets(lemmatizer: Any) -> None:
    """The rule lemmatizer asks whether a candidate form is in its word index (`form in index`),
    and the model's index holds lists of thousands of words: a scan per candidate, some 100 us
    per word lemmatized. The same words as frozensets give the same answers at once; the index is
    read nowhere else (the lemmatizer is this component's alone once `install` has replaced it)."""
    table = lemmatizer.lookups.get_table("lemma_index", None)
    if table is None:
        return
    for key, words in list(table.items()):
        if isinstance(words, list):
            table[key] = frozenset(words)


def install(nlp: Language) -> Language:
    """Put a CachedAttributes in place of the model's attribute ruler and lemmatizer when the model
    ends with both (a rule lemmatizer that keeps lemmas already set) and every pattern is one this
    module reads; any other pipeline is left as it is."""
    from spacy.language import Language

    if nlp.pipe_names[-2:] != list(REPLACED):
        return nlp
    ruler, lemmatizer = nlp.get_pipe(REPLACED[0]), nlp.get_pipe(REPLACED[1])
    if getattr(lemmatizer, "mode", None) != "rule" or getattr(lemmatizer, "overwrite", True):
        return nlp
    try:
        component = CachedAttributes(nlp, ruler, lemmatizer)
    except Unsupported:
        return nlp
    if not Language.has_factory(NAME):
        Language.factory(NAME, func=_make)
    for name in REPLACED:
        nlp.remove_pipe(name)
    _pending.append(component)
    try:
        nlp.add_pipe(NAME, last=True)
    finally:
        _pending.clear()
    return nlp


_pending: list[CachedAttributes] = []  # the component install() built, for spaCy's factory to return


def _make(nlp: Language, name: str) -> CachedAttributes:
    return _pending[-1]
