"""The record's word lists (data/record.yaml) as typed, validated records: `load_record_words`.

Every key of the file is required (`dragoman.schema`); on top of the types, the
states, statuses and stances the file names must be ones the record knows
(`records.STATES`, `CHANNEL_STATUSES`, `STANCES`), CAMEO roots must be two
digits, and every topic a sector list names must be a topic.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..errors import KnowledgeError
from ..schema import build
from ..yamlfile import parse_yaml, read_bytes
from .records import AGREEMENT_STATES, CHANNEL_STATUSES, RUPTURE_ACTS, STANCES, STATES

__all__ = [
    "AgreementWords",
    "CommunicationWords",
    "DeadlineWords",
    "ItemWords",
    "PositionWords",
    "RecordWords",
    "RuptureWords",
    "TalkWords",
    "load_record_words",
    "record_words_path",
]


def key_of(table: dict[str, tuple[str, ...]], word: str) -> str | None:
    """The first key (in the file's order) whose words hold `word`: a status, stance or state."""
    return next((key for key, words in table.items() if word in words), None)


@dataclass(frozen=True, slots=True)
class CommunicationWords:
    nouns: dict[str, str]
    reply_kinds: frozenset[str]
    implied_by_verb: dict[str, str]
    message_parts: frozenset[str]
    part_states: dict[str, str]
    in_message: frozenset[str]
    lifecycle: dict[str, str]
    subject_lifecycle: dict[str, str]
    described: dict[str, str]
    negated: dict[str, str]
    announcing: frozenset[str]
    reporting: frozenset[str]
    reply_verbs: frozenset[str]
    reply_particles: frozenset[str]
    bare_reply_verbs: frozenset[str]
    carrier_prepositions: frozenset[str]


@dataclass(frozen=True, slots=True)
class ItemWords:
    demand_roots: frozenset[str]
    threat_roots: frozenset[str]
    offer_roots: frozenset[str]
    offer_verbs: frozenset[str]
    demand_nouns: frozenset[str]
    offer_nouns: frozenset[str]
    topics: dict[str, tuple[str, ...]]  # in the file's order: the first that matches wins
    topic_sectors: dict[str, frozenset[str]]
    topic_codes: dict[str, frozenset[str]]  # topic -> CAMEO codes whose act is the matter itself


@dataclass(frozen=True, slots=True)
class DeadlineWords:
    nouns: frozenset[str]
    prepositions: frozenset[str]
    verbs: frozenset[str]
    lapse_verbs: frozenset[str]
    lapse_prepositions: frozenset[str]
    lapse_nouns: frozenset[str]
    extension_verbs: frozenset[str]
    more_words: frozenset[str]
    met_verbs: frozenset[str]
    met_nouns: frozenset[str]
    implied_kind: str
    outcome_reach: int


@dataclass(frozen=True, slots=True)
class TalkWords:
    nouns: frozenset[str]
    verbs: frozenset[str]
    agreements: frozenset[str]
    direct: tuple[str, ...]
    indirect: tuple[str, ...]
    mediator_nouns: frozenset[str]
    mediator_prepositions: frozenset[str]
    mediator_verbs: frozenset[str]
    mediation_nouns: frozenset[str]
    held_at: frozenset[str]
    between_verbs: frozenset[str]
    relay_verbs: frozenset[str]
    venue_nouns: frozenset[str]
    host_verbs: frozenset[str]
    first_words: frozenset[str]
    since_words: frozenset[str]
    first_periods: frozenset[str]
    statuses: dict[str, tuple[str, ...]]
    verb_statuses: dict[str, str]

    def status_of(self, lemma: str, verb: bool = False) -> str | None:
        """The status a word gives a step ("refused" for "reject"), or None; a verb may give
        another than its adjective ("opened talks" are held, "open to talks" is ready)."""
        if verb and lemma in self.verb_statuses:
            return self.verb_statuses[lemma]
        return key_of(self.statuses, lemma)


@dataclass(frozen=True, slots=True)
class PositionWords:
    stances: dict[str, tuple[str, ...]]
    answers: frozenset[str]
    condition_marks: tuple[str, ...]
    condition_prepositions: frozenset[str]
    condition_objects: frozenset[str]

    def stance_of(self, lemma: str) -> str | None:
        return key_of(self.stances, lemma)


@dataclass(frozen=True, slots=True)
class AgreementWords:
    nouns: dict[str, str]
    not_of: frozenset[str]
    states: dict[str, tuple[str, ...]]  # in the file's order
    mediator_verbs: frozenset[str]
    unreal: frozenset[str]
    repeat_verbs: frozenset[str]

    def state_of(self, words: str) -> str | None:
        """The state a lemma, or a lemma and the words after it ("take effect"), gives an agreement."""
        return key_of(self.states, words)


@dataclass(frozen=True, slots=True)
class RuptureWords:
    """Diplomats expelled or recalled, ties cut or restored, embassies closed or reopened."""

    diplomats: frozenset[str]
    staff: frozenset[str]
    staff_modifiers: frozenset[str]
    declare_verbs: frozenset[str]
    unwelcome: tuple[str, ...]
    diplomat_verbs: dict[str, str]
    diplomat_nouns: dict[str, str]
    noun_verbs: frozenset[str]
    order_verbs: frozenset[str]
    leave_verbs: frozenset[str]
    out_particles: frozenset[str]
    home_verbs: frozenset[str]
    home_words: frozenset[str]
    return_verbs: frozenset[str]
    back_verbs: frozenset[str]
    back_words: frozenset[str]
    post_prepositions: frozenset[str]
    ties: frozenset[str]
    other_ties: frozenset[str]
    tie_acts: dict[str, str]
    embassies: frozenset[str]
    missions: frozenset[str]
    embassy_acts: dict[str, str]
    diplomat_sector: str
    done_heads: frozenset[str]


@dataclass(frozen=True, slots=True)
class RecordWords:
    communications: CommunicationWords
    items: ItemWords
    deadlines: DeadlineWords
    talks: TalkWords
    positions: PositionWords
    agreements: AgreementWords
    ruptures: RuptureWords


def record_words_path() -> Path:
    return Path(str(resources.files("dragoman") / "data" / "record.yaml"))


def load_record_words(path: str | Path | None = None) -> tuple[RecordWords, bytes]:
    """The record's words and the bytes they were read from (for the knowledge fingerprint)."""
    path = path or record_words_path()
    raw = read_bytes(path)
    words = build(RecordWords, parse_yaml(raw, str(path)), str(path))
    _check(words, str(path))
    return words, raw


def _check(words: RecordWords, where: str) -> None:
    c = words.communications
    named = [("communications.lifecycle", s) for s in c.lifecycle.values()]
    named += [("communications.subject_lifecycle", s) for s in c.subject_lifecycle.values()]
    named += [("communications.described", s) for s in c.described.values()]
    named += [("communications.negated", s) for s in [*c.negated, *c.negated.values()]]
    named += [("communications.part_states", s) for s in c.part_states.values()]
    for part in c.part_states:
        if part not in c.message_parts:
            raise KnowledgeError(f"{where}: communications.part_states: {part!r} is no word of communications.message_parts")
    for key, state in named:
        if state not in STATES:
            raise KnowledgeError(f"{where}: {key}: {state!r} is no state of a communication; use one of {', '.join(STATES)}")
    if not c.reply_kinds:
        raise KnowledgeError(f"{where}: communications.reply_kinds: name at least one kind (e.g. reply)")
    for kind in c.reply_kinds:
        if kind not in c.nouns.values():
            raise KnowledgeError(f"{where}: communications.reply_kinds: {kind!r} is no kind in communications.nouns")
    for status in [*words.talks.statuses, *words.talks.verb_statuses.values()]:
        if status not in CHANNEL_STATUSES:
            raise KnowledgeError(f"{where}: talks.statuses: {status!r} is no status; use one of {', '.join(CHANNEL_STATUSES)}")
    for stance in words.positions.stances:
        if stance not in STANCES:
            raise KnowledgeError(f"{where}: positions.stances: {stance!r} is no stance; use one of {', '.join(STANCES)}")
    items = words.items
    for key, roots in (("demand_roots", items.demand_roots), ("threat_roots", items.threat_roots), ("offer_roots", items.offer_roots)):
        for root in roots:
            if len(root) != 2 or not root.isdigit():
                raise KnowledgeError(f"{where}: items.{key}: {root!r} is not a CAMEO root (two digits, e.g. \"10\")")
    for key, table in (("topic_sectors", items.topic_sectors), ("topic_codes", items.topic_codes)):
        for topic in table:
            if topic not in items.topics:
                raise KnowledgeError(f"{where}: items.{key}: {topic!r} is no topic in items.topics")
    if words.deadlines.implied_kind not in c.nouns.values():
        raise KnowledgeError(f"{where}: deadlines.implied_kind: {words.deadlines.implied_kind!r} is no kind in communications.nouns")
    for state in words.agreements.states:
        if state not in AGREEMENT_STATES:
            raise KnowledgeError(f"{where}: agreements.states: {state!r} is no state of an agreement; use one of {', '.join(AGREEMENT_STATES)}")
    r = words.ruptures
    for key, acts in (("diplomat_verbs", r.diplomat_verbs), ("diplomat_nouns", r.diplomat_nouns), ("tie_acts", r.tie_acts), ("embassy_acts", r.embassy_acts)):
        for act in acts.values():
            if act not in RUPTURE_ACTS:
                raise KnowledgeError(f"{where}: ruptures.{key}: {act!r} is no act; use one of {', '.join(RUPTURE_ACTS)}")
    if words.deadlines.outcome_reach < 0:
        raise KnowledgeError(f"{where}: deadlines.outcome_reach: must be 0 or more")
