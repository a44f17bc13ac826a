"""The verb lexicon and the CAMEO table: knowledge as data, validated on load.

A typo in a data file is an error with the file and the entry named, never a
pattern that silently matches nothing (PETRARCH's failure mode).
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import KnowledgeError
from ..yamlfile import read_yaml

PATTERN_KEYS = {"code", "obj", "subj", "prep", "words", "target", "kind", "passive_source", "when_negated", "needs_target"}
KINDS = {None, "statement", "intent", "agreement", "refusal", "threat", "symmetric"}
TARGET_PATHS = {"dobj", "dative", "ccomp.nsubj", "ccomp.dobj", "xcomp.dobj", "loc", "between", "obj.poss"}
TARGET_PREFIXES = ("prep:", "obj.prep:")
# word lists the statement stage reads: a comment's negative words, military words, threat cues
REQUIRED_WORD_LISTS = ("negative", "military", "threat_cues")


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    root: str
    name: str
    goldstein: float
    quad_class: int
    plover: str | None


@dataclass(frozen=True, slots=True)
class Pattern:
    code: str
    obj: frozenset[str] | None = None
    subj: frozenset[str] | None = None
    prep: str | None = None
    words: frozenset[str] | None = None
    target: tuple[str, ...] = ("dobj", "dative")
    kind: str | None = None
    passive_patient_source: bool = False
    when_negated: str | None = None  # code of the refusal when the verb is negated ("cannot support")
    needs_target: bool = False  # no event unless a target is found
    source: str = ""  # where it was read: "verbs.yaml: verbs.warn[0]" (a draft's evidence)


@dataclass(frozen=True, slots=True)
class Lexicon:
    verbs: dict[str, tuple[Pattern, ...]]
    adjectives: dict[str, tuple[Pattern, ...]]
    intent_codes: dict[str, str]
    refusal_codes: dict[str, str]
    word_lists: dict[str, frozenset[str]]
    cameo: dict[str, CameoCode]
    fingerprint: str

    def code(self, code: str) -> CameoCode:
        return self.cameo[code]


def data_path(name: str) -> Path:
    return Path(str(resources.files("dragoman") / "data" / name))


def load_cameo(path: Path | None = None) -> dict[str, CameoCode]:
    path = path or data_path("cameo_events.tsv")
    table: dict[str, CameoCode] = {}
    with open(path, encoding="utf-8") as fh:
        rows = csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t")
        for row in rows:
            table[row["code"]] = CameoCode(
                code=row["code"],
                root=row["root"],
                name=row["name"],
                goldstein=float(row["goldstein"]),
                quad_class=int(row["quad_class"]),
                plover=row["plover"] or None,
            )
    return table


def _pattern(raw: Any, where: str, lists: dict[str, frozenset[str]], cameo: dict[str, CameoCode], source: str) -> Pattern:
    if not isinstance(raw, dict):
        raise KnowledgeError(f"{where}: a pattern must be a mapping, got {raw!r}")
    unknown = set(raw) - PATTERN_KEYS
    if unknown:
        raise KnowledgeError(f"{where}: unknown key(s) {sorted(unknown)}; allowed: {sorted(PATTERN_KEYS)}")
    code = str(raw.get("code", ""))
    if code not in cameo:
        raise KnowledgeError(f"{where}: CAMEO code {code!r} does not exist")
    kind = raw.get("kind")
    if kind not in KINDS:
        raise KnowledgeError(f"{where}: unknown kind {kind!r}")
    targets = tuple(raw.get("target") or ("dobj", "dative"))
    for t in targets:
        if t not in TARGET_PATHS and not t.startswith(TARGET_PREFIXES):
            raise KnowledgeError(f"{where}: unknown target path {t!r}")
    prep = raw.get("prep")
    if prep is not None and not isinstance(prep, str):
        # YAML reads a bare on/off/yes/no as a boolean: say so instead of matching nothing
        raise KnowledgeError(f"{where}: prep must be a word, got {prep!r}; quote it (prep: \"on\")")
    when_negated = raw.get("when_negated")
    if when_negated is not None and str(when_negated) not in cameo:
        raise KnowledgeError(f"{where}: when_negated code {when_negated!r} does not exist")
    passive = raw.get("passive_source")
    if passive not in (None, "patient"):
        raise KnowledgeError(f"{where}: passive_source must be 'patient'")
    return Pattern(
        code=code,
        obj=_words(raw.get("obj"), where, lists),
        subj=_words(raw.get("subj"), where, lists),
        prep=prep,
        words=_words(raw.get("words"), where, lists),
        target=targets,
        kind=kind,
        passive_patient_source=passive == "patient",
        when_negated=str(when_negated) if when_negated is not None else None,
        needs_target=bool(raw.get("needs_target", False)),
        source=source,
    )


def _words(raw: Any, where: str, lists: dict[str, frozenset[str]]) -> frozenset[str] | None:
    if raw is None:
        return None
    if not isinstance(raw, list):
        raise KnowledgeError(f"{where}: expected a list of words, got {raw!r}")
    out: set[str] = set()
    for word in raw:
        if not isinstance(word, str):
            raise KnowledgeError(f"{where}: {word!r} is not a word; quote it in the YAML (\"on\", \"no\")")
        if word.startswith("@"):
            if word[1:] not in lists:
                raise KnowledgeError(f"{where}: unknown word list {word!r}")
            out |= lists[word[1:]]
        else:
            out.add(word.lower())
    return frozenset(out)


def _entries(section: Any, name: str, path: Path, lists: dict[str, frozenset[str]], cameo: dict[str, CameoCode]) -> dict[str, tuple[Pattern, ...]]:
    if not isinstance(section, dict):
        raise KnowledgeError(f"{path}: section {name!r} must be a mapping")
    out = {}
    for word, patterns in section.items():
        if not isinstance(patterns, list) or not patterns:
            raise KnowledgeError(f"{path}: {name}.{word}: expected a list of patterns")
        out[str(word).lower()] = tuple(
            _pattern(p, f"{path}: {name}.{word}[{i}]", lists, cameo, f"{path.name}: {name}.{word}[{i}]")
            for i, p in enumerate(patterns)
        )
    return out


def load_lexicon(path: str | Path | None = None) -> Lexicon:
    """Read and validate the verb lexicon and the CAMEO table."""
    lex_path = Path(path) if path else data_path("verbs.yaml")
    cameo_path = data_path("cameo_events.tsv")
    cameo = load_cameo(cameo_path)
    raw = read_yaml(lex_path)
    if not isinstance(raw, dict) or "verbs" not in raw:
        raise KnowledgeError(f"{lex_path}: expected a mapping with a 'verbs' section")
    lists = {str(k): frozenset(str(w).lower() for w in v) for k, v in (raw.get("word_lists") or {}).items()}
    missing = [name for name in REQUIRED_WORD_LISTS if name not in lists]
    if missing:
        raise KnowledgeError(f"{lex_path}: word_lists: missing {missing} (the shared stages read them)")
    verbs = _entries(raw["verbs"], "verbs", lex_path, lists, cameo)
    adjectives = _entries(raw.get("adjectives") or {}, "adjectives", lex_path, lists, cameo)
    intent = _root_table(raw, "intent_codes", lex_path, cameo)
    refusal = _root_table(raw, "refusal_codes", lex_path, cameo)
    digest = hashlib.sha256()
    for p in (lex_path, cameo_path):
        digest.update(p.read_bytes())
    return Lexicon(verbs, adjectives, intent, refusal, lists, cameo, digest.hexdigest()[:16])


def _root_table(raw: dict[str, Any], name: str, path: Path, cameo: dict[str, CameoCode]) -> dict[str, str]:
    """A CAMEO root -> code table (intent_codes, refusal_codes), every code checked."""
    table = {str(k).zfill(2): str(v) for k, v in (raw.get(name) or {}).items()}
    for root, code in table.items():
        if code not in cameo:
            raise KnowledgeError(f"{path}: {name}.{root}: CAMEO code {code!r} does not exist")
    return table
