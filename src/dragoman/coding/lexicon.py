"""The verb lexicon and the CAMEO table: knowledge as data, validated on load.

The lexicon is layered. For each verb lemma, patterns are tried in this order and
the first whose conditions hold wins:

    1. the user's verb files (`--verbs`, last file first)
    2. dragoman's own lexicon, data/verbs.yaml (it wins over what it imports)
    3. PETRARCH2's CAMEO verb dictionary, converted into data/petrarch/cameo_verbs.yaml
       by tools/convert_petrarch.py

but for a light verb (grammar.yaml light_verbs: "offer", "give", "stage"), whose act is what
its object names: PETRARCH's patterns that name the object come before the own pattern that
codes the verb by its word alone ("offered condolences" is 018, a sympathy, not 030).

A word a user's file lists is the user's alone: the built-in layers' patterns for it are
not tried, nor do their kinds (a threat, a report) say how the shared stages read it. A
PETRARCH block "--- TRY [---] ---" with patterns says that "try" codes only by them; the
built-in layer fills in the words the user's files do not list.

With `builtin=False`, only layer 1 (the word lists and the intent/refusal tables
of data/verbs.yaml still serve the shared stages). A verb file is dragoman YAML
(a mapping with a `verbs` section, the format of data/verbs.yaml) or a
PETRARCH/TABARI verb dictionary (`coding.petrarch`), told apart by its content.

A typo in dragoman's YAML is an error with the file and the entry named, never a
pattern that silently matches nothing (PETRARCH's failure mode); in a PETRARCH
file, a line that cannot be read is a problem (file, line, reason) that the
command line prints, and the rest is read.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import KnowledgeError
from ..yamlfile import decode_utf8, parse_yaml, read_bytes
from .grammar import Grammar
from .ontology import Ontology, load_ontology
from .transformations import Transformation, VerbClass, read_transformation
from .petrarch import DISCARD, isolated_kind, read_petrarch_verbs

PATTERN_KEYS = {
    "code", "obj", "subj", "prep", "words", "target", "kind", "passive_source", "when_negated", "needs_target",
    "reverse_code", "reverse_only", "obj_mods", "pre", "all_words", "particle", "preps", "source", "pre_seq", "post_seq",
    "compound", "valence",
}  # fmt: skip
KINDS = {None, "statement", "intent", "agreement", "refusal", "threat", "symmetric"}
TARGET_PATHS = {
    "dobj", "dative", "ccomp.nsubj", "ccomp.dobj", "xcomp.dobj", "loc", "between", "obj.poss", "subj", "after_obj", "args",
    "any", "purpose", "evaluated",
}  # fmt: skip
TARGET_PREFIXES = ("prep:", "obj.prep:", "after:")
SILENT = "---"  # a pattern that codes nothing: a match stops the search ("face a run-off" is no event)
# word lists the statement stage reads: military words, threat cues
REQUIRED_WORD_LISTS = ("military", "threat_cues")
VALENCES = ("negative", "positive", "any")  # a pattern's `valence`: what its trigger's evaluation must be (coding.evaluation)
_CODE = re.compile(r"^[0-9A-Za-z]{2,5}$")
_PETRARCH_BLOCK = re.compile(r"^---\s*\S", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    root: str
    name: str
    goldstein: float
    quad_class: int
    plover: str | None


@dataclass(frozen=True, slots=True)
class PrepCond:
    """A preposition on the verb or its object, with an object among `words` (None: any), whose
    phrase holds one word of each of `mods`."""

    prep: frozenset[str]  # "by/with" in a PETRARCH file: either
    words: frozenset[str] | None = None
    mods: tuple[frozenset[str], ...] = ()


@dataclass(frozen=True, slots=True)
class SeqItem:
    """A word of a word sequence (TABARI's older patterns): one of `words` (a phrase may have
    spaces), right after the item before when `adjacent`, else anywhere after it."""

    words: frozenset[str]
    adjacent: bool = False


@dataclass(frozen=True, slots=True)
class Pattern:
    code: str  # a CAMEO code, SILENT, or DISCARD
    obj: frozenset[str] | None = None
    subj: frozenset[str] | None = None
    prep: str | None = None
    words: frozenset[str] | None = None
    target: tuple[str, ...] = ("dobj", "dative")
    kind: str | None = None
    passive_patient_source: bool = False
    when_negated: str | None = None  # code of the refusal when the verb is negated ("cannot support")
    needs_target: bool = False  # no event unless a target is found
    intransitive: bool = False  # exempt from needs_target as a protest: with no target, only an intransitive use codes
    reverse_code: str | None = None  # also an event back, target to source ("visit" 042, "host" 043)
    reverse_only: bool = False  # only the event back ("appeared before the court": the court -> them)
    obj_mods: tuple[frozenset[str], ...] = ()  # a word of each in the object's phrase ({FINANCIAL AID})
    pre: tuple[frozenset[str], ...] = ()  # a word of each in the subject or before the verb
    all_words: tuple[frozenset[str], ...] = ()  # a word of each in the verb's clause
    particle: tuple[str, ...] = ()  # words hanging off the verb ("shut down", "meet with")
    preps: tuple[PrepCond, ...] = ()
    source_paths: tuple[str, ...] = ()  # where the source is, when not the subject ("protests from $")
    pre_seq: tuple[SeqItem, ...] = ()  # words in this order before the verb, the last nearest it
    post_seq: tuple[SeqItem, ...] = ()  # words in this order after it
    covers_negation: bool = False  # its words before the verb hold a negation ("did n't"): not negated
    compound: bool = False  # only for a compound subject, whose parties it codes with each other ("% * [030]")
    valence: str | None = None  # "called X reckless": what the trigger calls its object must be negative or positive
    origin: str = ""
    obj_phrases: tuple[tuple[str, ...], ...] = ()  # the phrases among `obj` ("swiss francs"), matched at the object's end  # where it was read: "verbs.yaml: verbs.warn[0]" (a draft's evidence)
    # Words the sentence must hold for the conditions to hold at all: one of each set (see
    # `required_words`); worked out once, so a coder can skip a pattern with one set test per condition.
    required: tuple[frozenset[str], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "required", required_words(self))

    @property
    def silent(self) -> bool:
        return self.code in (SILENT, DISCARD)

    @property
    def conditioned(self) -> bool:
        """Whether it asks anything of the clause (an object, a preposition, words) beyond the verb."""
        return bool(
            self.obj is not None or self.subj is not None or self.prep or self.words is not None or self.obj_mods
            or self.pre or self.all_words or self.preps or self.pre_seq or self.post_seq or self.valence
        )  # fmt: skip


def required_words(p: Pattern) -> tuple[frozenset[str], ...]:
    """A necessary condition of the pattern's conditions, as words: for each condition, the words one
    of which the sentence must hold (a lemma or a lower-case form) for it to hold. A member with
    spaces ("swiss francs") stands for its first word. It says nothing of where the words stand:
    a pattern that passes it may still fail; one that fails it cannot match."""
    sets: list[frozenset[str] | None] = []
    if p.prep:
        sets.append(frozenset({p.prep}))
    for words in (p.subj, p.words):
        if words is not None:
            sets.append(_first_words(words))
    if p.obj is not None:
        sets.append(_first_words(p.obj | {" ".join(parts) for parts in p.obj_phrases}))
    sets.extend(frozenset({w}) for w in p.particle)
    for group in (p.pre, p.obj_mods, p.all_words):
        sets.extend(_first_words(words) for words in group)
    sets.extend(_first_words(item.words) for item in p.pre_seq + p.post_seq)
    for cond in p.preps:
        sets.append(cond.prep)
        if cond.words is not None:
            sets.append(_first_words(cond.words))
        sets.extend(_first_words(mod) for mod in cond.mods)
    return tuple(s for s in sets if s is not None)


def _first_words(words: frozenset[str]) -> frozenset[str] | None:
    """The first word of each member; None (no requirement) if a member has no word at all."""
    firsts = [member.split()[0] if member.split() else None for member in words]
    return None if not firsts or None in firsts else frozenset(w for w in firsts if w is not None)


@dataclass(frozen=True, slots=True)
class Lexicon:
    verbs: dict[str, tuple[Pattern, ...]]
    adjectives: dict[str, tuple[Pattern, ...]]
    intent_codes: dict[str, str]
    refusal_codes: dict[str, str]
    word_lists: dict[str, frozenset[str]]
    cameo: dict[str, CameoCode]
    fingerprint: str
    files: tuple[str, ...] = ()
    problems: tuple[str, ...] = field(default=())  # "path:line: reason: text", for the user to see
    own_verbs: dict[str, tuple[Pattern, ...]] = field(default_factory=dict)  # dragoman's own layer alone
    nouns: dict[str, tuple[Pattern, ...]] = field(default_factory=dict)  # event nouns: "Kenya's criticism of Uganda"
    indexes: dict[str, PatternIndex] = field(default_factory=dict)  # "verbs:meet" -> the index of its patterns
    ontology: Ontology = field(default_factory=lambda: Ontology({}, {}))  # how a governing code combines with the governed
    transformations: tuple[Transformation, ...] = ()  # a user's verb files' "~" lines (coding.transformations)

    def entry(self, table: str, word: str) -> tuple[tuple[Pattern, ...], PatternIndex] | None:
        """A word's patterns in one table (verbs, adjectives, nouns) and their index, or None."""
        patterns = getattr(self, table).get(word)
        if not patterns:
            return None
        found = self.indexes.get(f"{table}:{word}")
        return patterns, (found if found is not None else index_patterns(patterns))

    def code(self, code: str) -> CameoCode:
        """The CAMEO entry of a code; a code a user's dictionary invented gets a neutral one."""
        found = self.cameo.get(code)
        if found is not None:
            return found
        for cut in range(len(code) - 1, 1, -1):  # "1721X" -> "1721", "075A" -> "075"
            parent = self.cameo.get(code[:cut])
            if parent is not None:
                return CameoCode(code, parent.root, f"{parent.name} ({code}: not a CAMEO code)", parent.goldstein, parent.quad_class, parent.plover)
        return CameoCode(code, code[:2], f"{code}: not a CAMEO code", 0.0, 0, None)


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


# ---------------------------------------------------------------- one pattern


@dataclass(frozen=True, slots=True)
class _Reading:
    """How strictly a file's patterns are read."""

    where: str
    lists: dict[str, frozenset[str]]
    cameo: dict[str, CameoCode]
    strict_codes: bool  # dragoman YAML: every code must be CAMEO's; user PETRARCH files: reported, kept
    default_target: tuple[str, ...]
    needs_target: bool = False  # the file's default for patterns that do not say
    negators: frozenset[str] = frozenset()  # words of negation (grammar.yaml)
    targetless_roots: frozenset[str] = frozenset()  # roots exempt from the needs_target default (protests)


def _check_code(code: str, where: str, reading: _Reading, problems: list[str]) -> None:
    if code in reading.cameo or code in (SILENT, DISCARD):
        return
    if reading.strict_codes or not _CODE.match(code):
        raise KnowledgeError(f"{where}: CAMEO code {code!r} does not exist")
    problems.append(f"{where}: {code!r} is not a CAMEO code: kept, with the Goldstein score and QuadClass of its nearest parent")


def _pattern(raw: Any, where: str, reading: _Reading, origin: str, problems: list[str]) -> Pattern:
    if not isinstance(raw, dict):
        raise KnowledgeError(f"{where}: a pattern must be a mapping, got {raw!r}")
    unknown = set(raw) - PATTERN_KEYS
    if unknown:
        raise KnowledgeError(f"{where}: unknown key(s) {sorted(unknown)}; allowed: {sorted(PATTERN_KEYS)}")
    code = str(raw.get("code", ""))
    _check_code(code, where, reading, problems)
    kind = raw.get("kind")
    if kind not in KINDS:
        raise KnowledgeError(f"{where}: unknown kind {kind!r}")
    targets = tuple(raw.get("target") or reading.default_target)
    sources = tuple(raw.get("source") or ())
    for t in (*targets, *sources):
        if t not in TARGET_PATHS and not t.startswith(TARGET_PREFIXES):
            raise KnowledgeError(f"{where}: unknown target path {t!r}")
    prep = raw.get("prep")
    if prep is not None and not isinstance(prep, str):
        # YAML reads a bare on/off/yes/no as a boolean: say so instead of matching nothing
        raise KnowledgeError(f"{where}: prep must be a word, got {prep!r}; quote it (prep: \"on\")")
    when_negated = raw.get("when_negated")
    if when_negated is not None:
        _check_code(str(when_negated), f"{where}: when_negated", reading, problems)
    reverse = raw.get("reverse_code")
    if reverse is not None:
        _check_code(str(reverse), f"{where}: reverse_code", reading, problems)
    passive = raw.get("passive_source")
    if passive not in (None, "patient"):
        raise KnowledgeError(f"{where}: passive_source must be 'patient'")
    valence = raw.get("valence")
    if valence not in (None, *VALENCES):
        raise KnowledgeError(f"{where}: valence must be one of {list(VALENCES)}, got {valence!r}")
    lists = reading.lists
    pre = _each(raw.get("pre"), f"{where}: pre", lists)
    pre_seq = _sequence(raw.get("pre_seq"), f"{where}: pre_seq", lists)
    exempt = reading.needs_target and code[:2] in reading.targetless_roots  # a protest: the default spares it
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
        needs_target=bool(raw.get("needs_target", reading.needs_target and _targeted_kind(kind, code) and not exempt)),
        intransitive="needs_target" not in raw and exempt,
        reverse_code=str(reverse) if reverse is not None else None,
        reverse_only=bool(raw.get("reverse_only", False)),
        obj_mods=_each(raw.get("obj_mods"), f"{where}: obj_mods", lists),
        pre=pre,
        all_words=_each(raw.get("all_words"), f"{where}: all_words", lists),
        particle=tuple(_plain_words(raw.get("particle"), f"{where}: particle")),
        preps=tuple(_prep_cond(c, f"{where}: preps[{i}]", lists) for i, c in enumerate(raw.get("preps") or ())),
        source_paths=sources,
        pre_seq=pre_seq,
        post_seq=_sequence(raw.get("post_seq"), f"{where}: post_seq", lists),
        covers_negation=any(
            reading.negators & {part for w in words for part in w.split()} for words in (*pre, *(i.words for i in pre_seq))
        ),
        compound=bool(raw.get("compound", False)),
        valence=valence,
        origin=origin,
        obj_phrases=tuple(tuple(w.split()) for w in sorted(_words(raw.get("obj"), where, lists) or ()) if " " in w),
    )


@dataclass(frozen=True, slots=True)
class PatternIndex:
    """Which of a word's patterns can match, by the words of the trigger's object: a verb with
    sixty patterns checks the few that name its object, not all sixty."""

    always: tuple[int, ...]  # patterns without an object word (or with a phrase): always checked
    by_word: dict[str, tuple[int, ...]]  # object word -> patterns naming it

    def candidates(self, words: set[str]) -> list[int]:
        found = set(self.always)
        for w in words:
            found.update(self.by_word.get(w, ()))
        return sorted(found)


def index_patterns(patterns: tuple[Pattern, ...]) -> PatternIndex:
    always: list[int] = []
    by_word: dict[str, list[int]] = {}
    for i, p in enumerate(patterns):
        if p.obj is None or p.obj_phrases:
            always.append(i)
            continue
        for w in p.obj:
            by_word.setdefault(w, []).append(i)
    return PatternIndex(tuple(always), {w: tuple(ids) for w, ids in by_word.items()})


def _targeted_kind(kind: str | None, code: str) -> bool:
    """Which patterns a `needs_target` default applies to: acts, not statements, intents, refusals
    or threats (those are settled by the shared stages)."""
    return kind is None


def _words(raw: Any, where: str, lists: dict[str, frozenset[str]]) -> frozenset[str] | None:
    """Words, or @list names: one of them must be there."""
    if raw is None:
        return None
    if isinstance(raw, str):
        raw = [raw]
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


def _each(raw: Any, where: str, lists: dict[str, frozenset[str]]) -> tuple[frozenset[str], ...]:
    """A list whose every entry must be there; an entry is a word, an @list or a list of alternatives."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise KnowledgeError(f"{where}: expected a list, got {raw!r}")
    return tuple(_words(entry, where, lists) or frozenset() for entry in raw)


def _sequence(raw: Any, where: str, lists: dict[str, frozenset[str]]) -> tuple[SeqItem, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise KnowledgeError(f"{where}: expected a list of {{words: [...], next: true}}")
    out = []
    for item in raw:
        if not isinstance(item, dict) or "words" not in item or set(item) - {"words", "next"}:
            raise KnowledgeError(f"{where}: each item is {{words: [...], next: true|false}}")
        out.append(SeqItem(_words(item["words"], where, lists) or frozenset(), bool(item.get("next", False))))
    return tuple(out)


def _plain_words(raw: Any, where: str) -> list[str]:
    if raw is None:
        return []
    if not isinstance(raw, list) or not all(isinstance(w, str) for w in raw):
        raise KnowledgeError(f"{where}: expected a list of words (quote on/off/no)")
    return [w.lower() for w in raw]


def _prep_cond(raw: Any, where: str, lists: dict[str, frozenset[str]]) -> PrepCond:
    if not isinstance(raw, dict) or not isinstance(raw.get("prep"), str) or set(raw) - {"prep", "words", "mods"}:
        raise KnowledgeError(f"{where}: a preposition is {{prep: word, words: [...], mods: [...]}} (quote on/off)")
    return PrepCond(frozenset(raw["prep"].lower().split("/")), _words(raw.get("words"), where, lists), _each(raw.get("mods"), where, lists))


def _entries(
    section: Any, name: str, label: str, reading: _Reading, problems: list[str]
) -> dict[str, tuple[Pattern, ...]]:
    if not isinstance(section, dict):
        raise KnowledgeError(f"{reading.where}: section {name!r} must be a mapping")
    out = {}
    for word, patterns in section.items():
        if not isinstance(patterns, list) or not patterns:
            raise KnowledgeError(f"{reading.where}: {name}.{word}: expected a list of patterns")
        out[str(word).lower()] = tuple(
            _pattern(p, f"{reading.where}: {name}.{word}[{i}]", reading, f"{label}: {name}.{word}[{i}]", problems)
            for i, p in enumerate(patterns)
        )
    return out


def _block_entries(blocks: Any, label: str, reading: _Reading, problems: list[str]) -> dict[str, tuple[Pattern, ...]]:
    """A `blocks` section (PETRARCH's verb blocks): every verb of a block gets the block's
    patterns, then its own code (or the block's) as a last, condition-free pattern."""
    if not isinstance(blocks, list):
        raise KnowledgeError(f"{reading.where}: blocks must be a list")
    out: dict[str, list[Pattern]] = {}
    for bi, block in enumerate(blocks):
        if not isinstance(block, dict) or set(block) - {"name", "line", "code", "verbs", "patterns"} or "verbs" not in block:
            raise KnowledgeError(f"{reading.where}: blocks[{bi}]: a block is {{name, line, code, verbs, patterns}}")
        name = str(block.get("name", bi))
        at = f"{label}: {name}" + (f" (line {block['line']})" if block.get("line") else "")
        where = f"{reading.where}: blocks[{bi}] {name}"
        patterns = [
            _pattern(p, f"{where}.patterns[{i}]", reading, at, problems) for i, p in enumerate(block.get("patterns") or [])
        ]
        block_code = str(block.get("code") or SILENT)
        for vi, verb in enumerate(block["verbs"]):
            if not isinstance(verb, dict) or not isinstance(verb.get("verb"), str) or set(verb) - {"verb", "pre", "particle", "code"}:
                raise KnowledgeError(f"{where}.verbs[{vi}]: a verb is {{verb, pre, particle, code}}")
            pre = _each(verb.get("pre"), f"{where}.verbs[{vi}].pre", reading.lists)
            particle = tuple(_plain_words(verb.get("particle"), f"{where}.verbs[{vi}].particle"))
            own = [replace(p, pre=pre + p.pre, particle=particle) for p in patterns] if pre or particle else list(patterns)
            code = str(verb.get("code") or block_code)
            if code != SILENT:
                main, _, back = code.partition(":")  # "042:043": the visit, and the hosting back
                isolated: dict[str, Any] = {"code": main or SILENT, "kind": isolated_kind(main) if main else None}
                if back:
                    isolated.update(reverse_code=back, reverse_only=not main)
                own.append(replace(_pattern(isolated, f"{where}.verbs[{vi}]", reading, at, problems), pre=pre, particle=particle))
            out.setdefault(verb["verb"].lower(), []).extend(own)
    return {lemma: tuple(patterns) for lemma, patterns in out.items()}


# ---------------------------------------------------------------- files


@dataclass(slots=True)
class _Layer:
    verbs: dict[str, tuple[Pattern, ...]]
    adjectives: dict[str, tuple[Pattern, ...]]
    nouns: dict[str, tuple[Pattern, ...]] = field(default_factory=dict)
    transformations: tuple[Transformation, ...] = ()


def _word_lists(raw: Any, where: str) -> dict[str, frozenset[str]]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise KnowledgeError(f"{where}: word_lists must map names to lists of words")
    out = {}
    for name, words in raw.items():
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise KnowledgeError(f"{where}: word_lists.{name}: a list of words (quote on/off/no/yes)")
        out[str(name)] = frozenset(w.lower() for w in words)
    return out


def read_lexicon_file(path: str | Path, cameo: dict[str, CameoCode], grammar: Grammar, problems: list[str], *, strict: bool) -> tuple[_Layer, dict[str, Any]]:
    """One verb file, dragoman YAML or PETRARCH text: its patterns and, for YAML, its raw mapping."""
    where = str(path)
    data = read_bytes(path)
    text = decode_utf8(data, where)
    if _PETRARCH_BLOCK.search(text) and not _looks_like_yaml(text):
        raw, found = read_petrarch_verbs(text, where, grammar, loose_nouns=True)
        problems.extend(f"{where}:{line}: {reason}: {line_text.strip()[:70]}" if line else f"{where}: {reason}: {line_text}" for line, line_text, reason in found)
        default = ("dobj", "dative", "any", "loc")
        strict = False
    else:
        raw = parse_yaml(text, where)
        if not isinstance(raw, dict) or not ("verbs" in raw or "blocks" in raw):
            raise KnowledgeError(f"{where}: expected a mapping with a 'verbs' (or 'blocks') section, or a PETRARCH verb dictionary")
        default = tuple(raw.get("default_target") or ("dobj", "dative"))
    needs = raw.get("needs_target", False)
    if not isinstance(needs, bool):
        raise KnowledgeError(f"{where}: needs_target must be true or false")
    targetless = raw.get("targetless_roots") or []
    if not isinstance(targetless, list) or not all(isinstance(r, str) and len(r) == 2 and r.isdigit() for r in targetless):
        raise KnowledgeError(f"{where}: targetless_roots must be a list of CAMEO roots, quoted (\"14\")")
    negators = frozenset(grammar.negators)
    reading = _Reading(where, _word_lists(raw.get("word_lists"), where), cameo, strict, default, needs, negators, frozenset(targetless))
    label = Path(where).name
    verbs = _merge([_entries(raw.get("verbs") or {}, "verbs", label, reading, problems), _block_entries(raw.get("blocks") or [], label, reading, problems)])
    adjectives = _entries(raw.get("adjectives") or {}, "adjectives", label, reading, problems)
    nouns = _entries(raw.get("nouns") or {}, "nouns", label, reading, problems)
    return _Layer(verbs, adjectives, nouns, _transformations(raw.get("transformations") or [], label, problems)), raw


def _transformations(raw: Any, label: str, problems: list[str]) -> tuple[Transformation, ...]:
    """A verb file's transformations (coding.transformations), as its reader left them: the rule
    and the classes of the verbs it names."""
    out: list[Transformation] = []
    for item in raw if isinstance(raw, list) else []:
        rule, verbs = item.get("rule", ""), item.get("verbs") or {}
        classes = {name: VerbClass(v.get("code"), frozenset(v.get("lemmas") or ())) for name, v in verbs.items()}
        found = read_transformation(rule, classes)
        if isinstance(found, str):
            problems.append(f"{label}:{item.get('line', '?')}: {found}: {rule}")
        else:
            out.append(replace(found, origin=f"{label}:{item.get('line', '?')}"))
    return tuple(out)


def _looks_like_yaml(text: str) -> bool:
    """dragoman YAML: its first line that is not a comment opens one of the lexicon's sections."""
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            return bool(re.match(r"^(verbs|blocks|word_lists|adjectives|nouns|intent_codes|refusal_codes|combination_values|default_target|needs_target|targetless_roots|transformations)\s*:", line))
    return False


def load_lexicon(path: str | Path | None = None, *, verb_files: Sequence[str] = (), builtin: bool = True, grammar: Grammar | None = None) -> Lexicon:
    """Read and validate the layers of the lexicon (see the module docstring) and the CAMEO table.

    `path` replaces dragoman's own verbs.yaml (for tests of a lexicon file alone)."""
    from .grammar import load_grammar

    grammar = grammar or load_grammar()[0]
    own_path = Path(path) if path else data_path("verbs.yaml")
    cameo_path = data_path("cameo_events.tsv")
    cameo = load_cameo(cameo_path)
    ontology_path = data_path("petrarch/ontology.tsv")
    ontology = load_ontology(ontology_path)
    problems: list[str] = []
    own, own_raw = read_lexicon_file(own_path, cameo, grammar, problems, strict=True)
    lists = _word_lists(own_raw.get("word_lists"), str(own_path))
    missing = [name for name in REQUIRED_WORD_LISTS if name not in lists]
    if missing:
        raise KnowledgeError(f"{own_path}: word_lists: missing {missing} (the shared stages read them)")
    layers: list[_Layer] = []
    files: list[Path] = []
    for user in reversed(verb_files):  # the last file named wins
        layer, _ = read_lexicon_file(user, cameo, grammar, problems, strict=True)
        layers.append(layer)
        files.append(Path(user))
    own_verbs: dict[str, tuple[Pattern, ...]] = {}
    users = _Layer(
        verbs=_merge([layer.verbs for layer in layers]),
        adjectives=_merge([layer.adjectives for layer in layers]),
        nouns=_merge([layer.nouns for layer in layers]),
        transformations=tuple(x for layer in layers for x in layer.transformations),  # the built-in layers have none
    )
    if builtin:
        own = _without(own, users)
        own_verbs = own.verbs
        layers.append(own)
        files.append(own_path)
        petrarch = data_path("petrarch/cameo_verbs.yaml")
        if petrarch.exists():
            imported, _ = read_lexicon_file(petrarch, cameo, grammar, problems, strict=True)
            layers[-1], imported = _named_objects_first(own, _without(imported, users), grammar.light_verbs)
            layers.append(imported)
            files.append(petrarch)
    verbs = _merge([layer.verbs for layer in layers])
    adjectives = _merge([layer.adjectives for layer in layers])
    nouns = _merge([layer.nouns for layer in layers])
    if builtin:
        ontology = ontology.with_values(_combination_values(own_raw, own_path, cameo))
    intent = _root_table(own_raw, "intent_codes", own_path, cameo)
    refusal = _root_table(own_raw, "refusal_codes", own_path, cameo)
    digest = hashlib.sha256()
    for p in (own_path, cameo_path, ontology_path, *files):
        digest.update(p.name.encode() + b"\0" + p.read_bytes() + b"\0")
    digest.update(b"builtin" if builtin else b"user-only")
    tables = {"verbs": verbs, "adjectives": adjectives, "nouns": nouns}
    indexes = {f"{name}:{word}": index_patterns(p) for name, table in tables.items() for word, p in table.items()}
    return Lexicon(
        verbs, adjectives, intent, refusal, lists, cameo, digest.hexdigest()[:16], tuple(map(str, files)), tuple(problems),
        own_verbs, nouns, indexes, ontology, users.transformations,
    )  # fmt: skip


def _named_objects_first(own: _Layer, imported: _Layer, light_verbs: frozenset[str]) -> tuple[_Layer, _Layer]:
    """A light verb's act is what its object names (grammar.yaml light_verbs): the imported patterns
    that name its object move before the own pattern that codes it by its word alone ("offered
    condolences" is PETRARCH's 018, not the bare offer, 030). Other verbs keep the layers' order."""
    own_verbs, imported_verbs = dict(own.verbs), dict(imported.verbs)
    for word in sorted(light_verbs & own.verbs.keys()):
        patterns = own.verbs[word]
        bare = next((i for i, p in enumerate(patterns) if not p.conditioned and not p.silent and p.kind != "statement"), None)
        named = tuple(p for p in imported.verbs.get(word, ()) if p.obj is not None)
        if bare is not None and named:
            own_verbs[word] = patterns[:bare] + named + patterns[bare:]
            imported_verbs[word] = tuple(p for p in imported.verbs[word] if p.obj is None)
    return replace(own, verbs=own_verbs), replace(imported, verbs=imported_verbs)


def _without(layer: _Layer, users: _Layer) -> _Layer:
    """A built-in layer less the words the user's files list (in the same table)."""
    return _Layer(
        verbs={w: p for w, p in layer.verbs.items() if w not in users.verbs},
        adjectives={w: p for w, p in layer.adjectives.items() if w not in users.adjectives},
        nouns={w: p for w, p in layer.nouns.items() if w not in users.nouns},
    )


def _merge(layers: list[dict[str, tuple[Pattern, ...]]]) -> dict[str, tuple[Pattern, ...]]:
    """Each lemma's patterns, the first layer's first."""
    merged: dict[str, list[Pattern]] = {}
    for layer in layers:
        for lemma, patterns in layer.items():
            merged.setdefault(lemma, []).extend(patterns)
    return {lemma: tuple(patterns) for lemma, patterns in merged.items()}


def _combination_values(raw: dict[str, Any], path: Path, cameo: dict[str, CameoCode]) -> dict[str, int]:
    """The built-in layer's CAMEO code -> ontology value mends (combination_values)."""
    table: dict[str, int] = {}
    for code, value in (raw.get("combination_values") or {}).items():
        code = str(code)
        if code not in cameo:
            raise KnowledgeError(f"{path}: combination_values: CAMEO code {code!r} does not exist")
        try:
            table[code] = int(str(value), 16)
        except ValueError:
            raise KnowledgeError(f"{path}: combination_values.{code}: {value!r} is not a hex value") from None
    return table


def _root_table(raw: dict[str, Any], name: str, path: Path, cameo: dict[str, CameoCode]) -> dict[str, str]:
    """A CAMEO root -> code table (intent_codes, refusal_codes), every code checked."""
    table = {str(k).zfill(2): str(v) for k, v in (raw.get(name) or {}).items()}
    for root, code in table.items():
        if code not in cameo:
            raise KnowledgeError(f"{path}: {name}.{root}: CAMEO code {code!r} does not exist")
    return table
