"""The ingest stage's word lists, read from data files on first use.

Nothing is read at import time: each loader reads its file once and caches
the frozen result, so every caller shares one immutable copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from dragoman.errors import KnowledgeError

_SECTIONS = ("chrome", "wiki_chrome", "empty_appendix", "reference_headings")


@dataclass(frozen=True, slots=True)
class PageChrome:
    """Compiled patterns from data/page_chrome.txt (see its header)."""

    chrome: tuple[re.Pattern[str], ...]
    wiki_chrome: tuple[re.Pattern[str], ...]
    empty_appendix: tuple[re.Pattern[str], ...]
    reference_headings: tuple[re.Pattern[str], ...]


def _data_text(name: str) -> str:
    return resources.files("dragoman").joinpath("data", name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def load_page_chrome() -> PageChrome:
    """Read and compile data/page_chrome.txt; raises KnowledgeError if malformed."""
    groups: dict[str, list[re.Pattern[str]]] = {name: [] for name in _SECTIONS}
    current: str | None = None
    for number, line in enumerate(_data_text("page_chrome.txt").splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]") and line[1:-1] in groups:
            current = line[1:-1]
            continue
        if current is None:
            raise KnowledgeError(f"page_chrome.txt:{number}: pattern before any [section] line")
        try:
            groups[current].append(re.compile(line, re.IGNORECASE))
        except re.error as exc:
            raise KnowledgeError(f"page_chrome.txt:{number}: bad pattern {line!r}: {exc}") from None
    return PageChrome(**{name: tuple(pats) for name, pats in groups.items()})


@lru_cache(maxsize=1)
def load_languages() -> dict[str, str]:
    """Language name (lower case) -> ISO 639-1 code, from data/languages.tsv.

    The dict is shared by every caller; treat it as read-only.
    """
    table: dict[str, str] = {}
    rows = [line for line in _data_text("languages.tsv").splitlines() if line and not line.startswith("#")]
    for number, row in enumerate(rows[1:], start=2):
        cells = row.split("\t")
        if len(cells) != 2 or not re.fullmatch(r"[a-z]{2}", cells[1]):
            raise KnowledgeError(f"languages.tsv: row {number} is not 'name<TAB>two-letter code': {row!r}")
        table[cells[0].strip().lower()] = cells[1]
    return table


def matches_any(patterns: tuple[re.Pattern[str], ...], line: str) -> bool:
    return any(p.fullmatch(line) for p in patterns)
