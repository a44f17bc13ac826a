"""How names are split and normalised for matching: the one place that says so.

Dictionary names and the words of a phrase go through the same functions, so
"U.S." in a dictionary matches "US" in text, and "Sabah Al-Ahmad" matches its
hyphenated parts. (Apart from `actors.knowledge` so that the PETRARCH reader can
use them without importing the loader that imports it.)
"""

from __future__ import annotations

import re
import unicodedata

MAX_PHRASE = 8  # words after hyphens are split: "Sabah Al-Ahmad Al-Jaber Al-Sabah" is 7

_SPLIT = re.compile(r"[\s\-\u2010-\u2014/_]+")
_DROP = str.maketrans("", "", ".'\u2019\u2018`\u02bc\"")


def norm_word(text: str) -> str:
    """Lower-case, accents off, dots and apostrophes dropped: "U.S." -> "us"."""
    if text.isascii():
        return text.lower().translate(_DROP)
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return folded.casefold().translate(_DROP)


def name_words(name: str) -> list[str]:
    """Split a dictionary name the way spaCy splits text (hyphens, 's)."""
    out: list[str] = []
    for piece in _SPLIT.split(name.strip()):
        if not piece:
            continue
        if piece.lower().endswith(("'s", "\u2019s")) and len(piece) > 2:
            out.extend((piece[:-2], piece[-2:]))
        else:
            out.append(piece)
    return out


def name_key(name: str, articles: frozenset[str]) -> tuple[str, ...]:
    """The normalised words a name is matched by, articles left out."""
    words = (norm_word(w) for w in name_words(name))
    return tuple(w for w in words if w and w not in articles)
