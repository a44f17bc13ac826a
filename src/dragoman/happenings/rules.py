"""The rules of happenings, data/happenings.yaml, as typed records: `load_happening_rules()`.

Every key is required (`dragoman.schema`); the families' codes must be CAMEO codes
or roots of cameo_events.tsv, two families may not claim one prefix, and every
number must make sense (a window of no days is fine, a negative one is not). The
rules' fingerprint (sha256 of the file) is stamped on a store's grouping, so that
changing a rule regroups.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from ..coding.lexicon import load_cameo
from ..errors import KnowledgeError
from ..policy import data_file
from ..schema import build
from ..yamlfile import parse_yaml, read_bytes

__all__ = [
    "ActorRules",
    "DateRules",
    "HappeningRules",
    "WordingRules",
    "load_happening_rules",
]


@dataclass(frozen=True, slots=True)
class ActorRules:
    prefix_compatible: bool
    reciprocal_either_way: bool


@dataclass(frozen=True, slots=True)
class DateRules:
    day_window: int
    precise_days: int


@dataclass(frozen=True, slots=True)
class WordingRules:
    min_similarity: float
    vague_min_similarity: float
    min_words: int
    compare_reports: int
    max_postings: int
    stem_suffixes: tuple[str, ...]
    min_stem: int
    synonyms: dict[str, tuple[str, ...]]
    action_words: frozenset[str]
    stopwords: frozenset[str]
    # word -> its head, built from `synonyms` (each head maps to itself)
    heads: dict[str, str] = field(default_factory=dict)
    head_words: frozenset[str] = frozenset()  # the heads themselves


@dataclass(frozen=True, slots=True)
class HappeningRules:
    actors: ActorRules
    families: dict[str, tuple[str, ...]]
    dates: DateRules
    wording: WordingRules
    fingerprint: str = ""  # sha256 (16 hex digits) of the file
    # code prefix -> family, longest prefixes first (built from `families`)
    prefixes: tuple[tuple[str, str], ...] = ()

    def family(self, cameo: str) -> str:
        """The action family of a CAMEO code: the family of its longest listed prefix, else its root."""
        for prefix, name in self.prefixes:
            if cameo.startswith(prefix):
                return name
        return cameo[:2]


def load_happening_rules(path: str | Path | None = None) -> HappeningRules:
    """Read and check the rules (the packaged data/happenings.yaml by default)."""
    path = path or data_file("happenings.yaml")
    where = str(path)
    raw = read_bytes(path)
    data = parse_yaml(raw, where)
    # fields built here, not read: a file that sets them is refused as an unknown key would be
    for built, inside in (
        ("fingerprint", data),
        ("prefixes", data),
        ("heads", _get(data, "wording")),
        ("head_words", _get(data, "wording")),
    ):
        if isinstance(inside, dict) and built in inside:
            raise KnowledgeError(f"{where}: unknown key(s) ['{built}']")
    rules = build(HappeningRules, data, where)
    _check(rules, where)
    heads: dict[str, str] = {}
    for head, words in rules.wording.synonyms.items():
        for word in (head, *words):
            if heads.get(word, head) != head:
                raise KnowledgeError(
                    f"{where}: wording.synonyms: {word!r} is listed under both {heads[word]!r} and {head!r}"
                )
            heads[word] = head
    prefixes: dict[str, str] = {}
    for name, codes in rules.families.items():
        for code in codes:
            if code in prefixes:
                raise KnowledgeError(
                    f"{where}: families: {code!r} is in both {prefixes[code]!r} and {name!r}"
                )
            prefixes[code] = name
    wording = WordingRules(
        **{
            **{f: getattr(rules.wording, f) for f in WordingRules.__dataclass_fields__},
            "heads": heads,
            "head_words": frozenset(heads.values()),
        }
    )
    ordered = tuple(sorted(prefixes.items(), key=lambda item: (-len(item[0]), item[0])))
    return HappeningRules(
        actors=rules.actors,
        families=rules.families,
        dates=rules.dates,
        wording=wording,
        fingerprint=hashlib.sha256(raw).hexdigest()[:16],
        prefixes=ordered,
    )


def _get(data: object, key: str) -> object:
    return data.get(key) if isinstance(data, dict) else None


def _check(rules: HappeningRules, where: str) -> None:
    cameo = load_cameo()
    for name, codes in rules.families.items():
        if not name or not name.isidentifier() or name.isdigit():
            raise KnowledgeError(
                f"{where}: families: {name!r} is not a family name (a word such as talks)"
            )
        if not codes:
            raise KnowledgeError(f"{where}: families: {name}: lists no codes")
        for code in codes:
            if (
                len(code) < 2
                or not code.isdigit()
                or not any(known.startswith(code) for known in cameo)
            ):
                raise KnowledgeError(
                    f'{where}: families: {name}: {code!r} is not a CAMEO code or root (e.g. "04", "057")'
                )
    dates, wording = rules.dates, rules.wording
    numbers = {
        "dates.day_window": (dates.day_window, 0, 366),
        "dates.precise_days": (dates.precise_days, 1, 366),
        "wording.min_words": (wording.min_words, 1, 100),
        "wording.compare_reports": (wording.compare_reports, 1, 1000),
        "wording.max_postings": (wording.max_postings, 1, 10**9),
        "wording.min_stem": (wording.min_stem, 1, 100),
    }
    for key, (value, low, high) in numbers.items():
        if not low <= value <= high:
            raise KnowledgeError(
                f"{where}: {key}: {value} is out of range ({low} to {high})"
            )
    for key, share in (
        ("wording.min_similarity", wording.min_similarity),
        ("wording.vague_min_similarity", wording.vague_min_similarity),
    ):
        if not 0.0 < share <= 1.0:
            # above 0: candidates are found through shared words, so a happening sharing none is never one
            raise KnowledgeError(
                f"{where}: {key}: {share} is not a share above 0 and at most 1"
            )
    for key, words in (
        ("stem_suffixes", wording.stem_suffixes),
        ("action_words", wording.action_words),
        ("stopwords", wording.stopwords),
    ):
        for word in words:
            if not word or word != word.lower() or not word.isalpha():
                raise KnowledgeError(
                    f"{where}: wording.{key}: {word!r} is not a lower-case word"
                )
