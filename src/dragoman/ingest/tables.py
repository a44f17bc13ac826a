"""The ingest stage's tables (page furniture, language names), read from data files.

`load_ingest_tables()` reads both files into one frozen `IngestTables`, part
of the loaded knowledge (and of its fingerprint); the pipeline hands it to
the readers. Called without tables, the pure readers use `default_tables()`,
the same files read once on first use (nothing is read at import time).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
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


@dataclass(frozen=True, slots=True)
class IngestTables:
    page_chrome: PageChrome
    languages: Mapping[str, str]  # language name (lower case) -> ISO 639-1 code
    fingerprint: str  # sha256 of both files


def _data_bytes(name: str) -> bytes:
    return resources.files("dragoman").joinpath("data", name).read_bytes()


def load_ingest_tables() -> IngestTables:
    """Read data/page_chrome.txt and data/languages.tsv; a malformed line is a KnowledgeError."""
    chrome, languages = _data_bytes("page_chrome.txt"), _data_bytes("languages.tsv")
    digest = hashlib.sha256(chrome + b"\0" + languages).hexdigest()
    return IngestTables(parse_page_chrome(chrome.decode("utf-8")), parse_languages(languages.decode("utf-8")), digest)


@lru_cache(maxsize=1)
def default_tables() -> IngestTables:
    """The packaged tables, read once: what the pure readers use when no tables are passed."""
    return load_ingest_tables()


def parse_page_chrome(text: str) -> PageChrome:
    """Compile page_chrome.txt; raises KnowledgeError if malformed."""
    groups: dict[str, list[re.Pattern[str]]] = {name: [] for name in _SECTIONS}
    current: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
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


def parse_languages(text: str) -> dict[str, str]:
    """Language name (lower case) -> ISO 639-1 code, from languages.tsv."""
    table: dict[str, str] = {}
    rows = [line for line in text.splitlines() if line and not line.startswith("#")]
    for number, row in enumerate(rows[1:], start=2):
        cells = row.split("\t")
        if len(cells) != 2 or not re.fullmatch(r"[a-z]{2}", cells[1]):
            raise KnowledgeError(f"languages.tsv: row {number} is not 'name<TAB>two-letter code': {row!r}")
        table[cells[0].strip().lower()] = cells[1]
    return table


def matches_any(patterns: tuple[re.Pattern[str], ...], line: str) -> bool:
    return any(p.fullmatch(line) for p in patterns)
