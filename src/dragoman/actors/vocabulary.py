"""The actor layer's own words and codes, read from data/actor_words.yaml (see its header).

One frozen `ActorVocabulary` is part of the actor knowledge; resolution,
mentions and coreference read their word lists from it, never from module
constants, so a second vocabulary can run beside the first.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..schema import build
from ..yamlfile import parse_yaml, read_bytes


@dataclass(frozen=True, slots=True)
class ActorCodes:
    non_state: frozenset[str]
    international: frozenset[str]
    regions: frozenset[str]
    actor_types: frozenset[str]


@dataclass(frozen=True, slots=True)
class ResolutionWords:
    former: frozenset[str]
    group_nouns: frozenset[str]
    facility_nouns: frozenset[str]
    calendar_words: frozenset[str]
    title_stops: frozenset[str]
    name_particles: frozenset[str]
    place_preps: frozenset[str]
    abroad_sectors: frozenset[str]


@dataclass(frozen=True, slots=True)
class MentionWords:
    pronouns: frozenset[str]
    group_cues: frozenset[str]
    government_words: frozenset[str]
    definite_skip: frozenset[str]
    definite_determiners: frozenset[str]
    generic_determiners: frozenset[str]
    quantity_nouns: frozenset[str]
    pair_reach: int
    honorifics: frozenset[str]


@dataclass(frozen=True, slots=True)
class CorefWords:
    personal: frozenset[str]
    neuter: frozenset[str]
    plural: frozenset[str]
    state_nouns: frozenset[str]
    government_nouns: frozenset[str]
    org_nouns: frozenset[str]
    group_words: frozenset[str]
    people_words: frozenset[str]
    lookback: int


@dataclass(frozen=True, slots=True)
class DisplayWords:
    acronyms: frozenset[str]
    lower_case: frozenset[str]


@dataclass(frozen=True, slots=True)
class ActorVocabulary:
    codes: ActorCodes
    articles: frozenset[str]
    display: DisplayWords
    resolution: ResolutionWords
    mentions: MentionWords
    coreference: CorefWords


def vocabulary_path() -> Path:
    return Path(str(resources.files("dragoman") / "data" / "actor_words.yaml"))


def load_vocabulary(path: str | Path | None = None) -> tuple[ActorVocabulary, bytes]:
    """The vocabulary and the raw bytes it was read from (for the knowledge fingerprint)."""
    path = path or vocabulary_path()
    raw = read_bytes(path)
    return build(ActorVocabulary, parse_yaml(raw, str(path)), str(path)), raw
