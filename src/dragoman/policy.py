"""CAMEO policy and domain cue words: data/policy.yaml and data/domains.yaml as typed records.

Which code a comment, a list item or a meeting abroad gets, from which root an
assault needs a victim, what counts as a sport document, and which modalities
are acts: the shared stages read these here, never from literals in code.
Every key is required (`dragoman.schema`), and every code is checked against
the CAMEO table when the knowledge is put together (`dragoman.knowledge`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .errors import KnowledgeError
from .schema import build
from .yamlfile import parse_yaml, read_bytes


@dataclass(frozen=True, slots=True)
class Modality:
    act: bool  # False: it did not happen (negated, hypothetical, ...): stored, not shown by default
    meaning: str


@dataclass(frozen=True, slots=True)
class PolicyCodes:
    comment_negative: str
    comment_positive: str
    comment_defence: str
    comment_military_threat: str
    comment_threat: str
    meeting: str
    meeting_elsewhere: str
    list_demand: str
    list_threat: str
    signed: str  # an agreement signed: every signatory with every other, a third party named or not
    demand: str  # what a that-clause in the subjunctive makes of its reporting verb ("insisted that X do")


@dataclass(frozen=True, slots=True)
class PolicyRoots:
    needs_target_or_place: str
    planned_act: str
    threatened_act: str
    threat: str
    request: frozenset[str]
    mutual: frozenset[str]  # roots or codes: a code of the act starts with one of them


@dataclass(frozen=True, slots=True)
class SportPolicy:
    min_cue_words: int
    drop_from_root: str
    score_pattern: str


@dataclass(frozen=True, slots=True)
class ForceFigure:
    """A domain whose words make a force word a figure of speech, and what it codes instead."""

    words: frozenset[str]
    code: str | None  # the act; None: no event
    threat: str | None  # a threat of it


@dataclass(frozen=True, slots=True)
class ForcePolicy:
    from_root: str
    not_by_sectors: frozenset[str]
    threat: str  # a threat of force: this code and those under it
    words: frozenset[str]  # the words whose sense is force or a figure
    figures: dict[str, ForceFigure]

    def is_force(self, code: str) -> bool:
        """Force used or threatened: a code of from_root and up, or a threat of force."""
        return code[:2] >= self.from_root or code.startswith(self.threat)

    def figure(self, word: str) -> ForceFigure | None:
        return next((f for f in self.figures.values() if word in f.words), None)


@dataclass(frozen=True, slots=True)
class EvaluationPolicy:
    threshold: float  # a predicate's summed valence at or past it (either way) is praise or criticism
    negation: float  # what a negation multiplies it by


@dataclass(frozen=True, slots=True)
class AttributionPolicy:
    sectors: frozenset[str]  # speakers of these sectors, with one of these verbs, only attribute
    verbs: frozenset[str]  # verbs of reporting (lemmas)

    def only_attributes(self, sector: str | None, verb: str) -> bool:
        return sector in self.sectors and verb in self.verbs


@dataclass(frozen=True, slots=True)
class PrefilterPolicy:
    pronouns: frozenset[str]  # words that stand for an actor named before


@dataclass(frozen=True, slots=True)
class Policy:
    modalities: dict[str, Modality]
    codes: PolicyCodes
    roots: PolicyRoots
    force: ForcePolicy
    evaluation: EvaluationPolicy
    attribution_only: AttributionPolicy
    domestic_sectors: frozenset[str]
    stateless_sectors: frozenset[str]
    unplaced_sectors: frozenset[str]
    sport: SportPolicy
    prefilter: PrefilterPolicy

    @property
    def non_events(self) -> frozenset[str]:
        """Modalities of acts that did not happen."""
        return frozenset(name for name, m in self.modalities.items() if not m.act)

    def all_codes(self) -> dict[str, str]:
        """Every CAMEO code the policy names, by where it is named (for validation)."""
        codes = {f"codes.{name}": getattr(self.codes, name) for name in PolicyCodes.__dataclass_fields__}
        codes["force.threat"] = self.force.threat
        for name, figure in self.force.figures.items():
            codes.update({f"force.figures.{name}.{key}": c for key, c in (("code", figure.code), ("threat", figure.threat)) if c})
        return codes

    def all_roots(self) -> dict[str, str]:
        roots = {f"roots.{name}": getattr(self.roots, name) for name in ("needs_target_or_place", "planned_act", "threatened_act", "threat")}
        roots.update({f"roots.request[{r}]": r for r in sorted(self.roots.request)})
        roots["sport.drop_from_root"] = self.sport.drop_from_root
        roots["force.from_root"] = self.force.from_root
        return roots


@dataclass(frozen=True, slots=True)
class Domains:
    """Cue words of domains (data/domains.yaml, see its header)."""

    sport: frozenset[str]
    military: frozenset[str]
    communication: frozenset[str]
    demand: frozenset[str]
    force: frozenset[str]


def data_file(name: str) -> Path:
    return Path(str(resources.files("dragoman") / "data" / name))


def load_policy(path: str | Path | None = None) -> tuple[Policy, bytes]:
    """The policy and the bytes it was read from (for the knowledge fingerprint)."""
    path = path or data_file("policy.yaml")
    raw = read_bytes(path)
    policy = build(Policy, parse_yaml(raw, str(path)), str(path))
    for where, root in policy.all_roots().items():
        if len(root) != 2 or not root.isdigit():
            raise KnowledgeError(f"{path}: {where}: {root!r} is not a CAMEO root (two digits, e.g. \"13\")")
    for code in sorted(policy.roots.mutual):
        if len(code) not in (2, 3) or not code.isdigit():
            raise KnowledgeError(f"{path}: roots.mutual[{code}]: {code!r} is not a CAMEO root or code (\"06\", \"057\")")
    for key in ("domestic_sectors", "stateless_sectors", "unplaced_sectors"):
        for sector in getattr(policy, key):
            if len(sector) != 3 or not sector.isalpha() or not sector.isupper():
                raise KnowledgeError(f"{path}: {key}: {sector!r} is not a sector code (three capital letters)")
    if policy.evaluation.threshold <= 0:
        raise KnowledgeError(f"{path}: evaluation.threshold: must be above 0, got {policy.evaluation.threshold}")
    try:
        re.compile(policy.sport.score_pattern)
    except re.error as exc:
        raise KnowledgeError(f"{path}: sport.score_pattern: not a regular expression ({exc})") from None
    if not policy.non_events or all(not m.act for m in policy.modalities.values()):
        raise KnowledgeError(f"{path}: modalities: needs both acts and non-acts")
    return policy, raw


def load_domains(path: str | Path | None = None) -> tuple[Domains, bytes]:
    path = path or data_file("domains.yaml")
    raw = read_bytes(path)
    return build(Domains, parse_yaml(raw, str(path)), str(path)), raw
