"""Close wording: an event's content words, and how much two events' words overlap.

    words = event_words(event, rules.wording)      # frozenset of stems
    similarity(words_a, words_b, rules.wording)    # 0.0 .. 1.0, or None: too few words to say

The words are what a sentence says beyond who, what and when: the spans of the
source, the target and the trigger are blanked, the date's own expression and the
stop words are dropped, each word is lower-cased, mapped to its synonym's head,
stemmed (a suffix list, longest first) and mapped again, and the action words,
which restate the family, go. Two events' similarity is the overlap coefficient
|A & B| / min(|A|, |B|): a short report whose words all appear in a long one is
close to it. Pure functions of the event and the rules.
"""

from __future__ import annotations

import re

from ..records import Event
from .rules import WordingRules

__all__ = ["event_words", "similarity", "word_forms"]

_WORD = re.compile(
    r"[^\W\d_]+"
)  # letters only: numbers are dates, counts and scores that reports differ on


def event_words(event: Event, rules: WordingRules) -> frozenset[str]:
    """The content words of the event's sentence (see the module docstring)."""
    text = event.sentence
    base = event.span[0]
    spans = [event.trigger_span]
    for actor in (event.source, event.target):
        if actor is not None and actor.start is not None and actor.end is not None:
            spans.append((actor.start, actor.end))
    for start, end in spans:
        start, end = max(start - base, 0), min(end - base, len(text))
        if start < end:
            text = text[:start] + " " * (end - start) + text[end:]
    dropped = rules.stopwords
    if event.date.expression:
        dropped = dropped | {w.lower() for w in _WORD.findall(event.date.expression)}
    return frozenset(word_forms(_WORD.findall(text.lower()), rules, dropped))


def word_forms(
    tokens: list[str], rules: WordingRules, dropped: set[str] | frozenset[str]
) -> list[str]:
    """Tokens (lower-cased) as the heads and stems they count as, less the dropped and action words."""
    out: list[str] = []
    for token in tokens:
        if len(token) < 3 or token in dropped:
            continue
        word = rules.heads.get(token, token)
        word = rules.heads.get(_stem(word, rules), _stem(word, rules))
        if word in rules.action_words or word in dropped:
            continue
        out.append(word)
    return out


def _stem(word: str, rules: WordingRules) -> str:
    if word in rules.head_words:
        return word  # a head is already the form words are counted as
    for suffix in rules.stem_suffixes:
        if word.endswith(suffix) and len(word) - len(suffix) >= rules.min_stem:
            return word[: -len(suffix)]
    return word


def similarity(
    a: frozenset[str], b: frozenset[str], rules: WordingRules
) -> float | None:
    """The overlap coefficient of two word sets; None when either has fewer than min_words words."""
    smaller = min(len(a), len(b))
    if smaller < rules.min_words:
        return None
    return len(a & b) / smaller
