"""The date rules: word lists and expression patterns read from data/date_rules.yaml.

`load_date_rules` reads and validates the file once and compiles every pattern;
the resulting `DateRules` is frozen (its tables are plain dicts that nothing
writes to after loading), holds no file handle and pickles, so one object
serves any number of documents and worker processes.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Mapping

from dragoman.errors import KnowledgeError
from dragoman.yamlfile import parse_yaml

KINDS = frozenset({"calendar", "period", "offset", "weekday"})
ANCHORS = frozenset({"narrative", "document", "noun", "act"})
ROLES = frozenset({"event", "window", "deadline"})  # the clock adds "comparison"
PERIOD_UNITS = frozenset({"day", "week", "month", "year", "keep"})
DIGIT_TOKEN = "<digit>"  # stands in a sentence's word set for "it holds a digit"
YEAR_TOKEN = "<year>"  # ... and for "it holds a number that could be a year"
_YEARLIKE = re.compile(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)")
_WORDS = re.compile(r"[a-z]+")
_DIGIT = re.compile(r"\d")
_MEANS_KEYS = frozenset(
    {"kind", "anchor", "role", "basis", "unit", "number", "shift", "sign", "precision", "end_of_period"}
)
_REQUIRED_KEYS = (
    "months", "weekdays", "numbers", "units", "shift_words", "direction_words", "parts_of_month",
    "parts_of_year", "seasons", "window_words", "future_cues", "background", "rules",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Unit:
    days: int
    months: int
    hours: int  # hours and minutes count into whole days (see hours_per_day)
    precision: str  # the coarsest precision a count of this unit gives


@dataclass(frozen=True, slots=True)
class DateRule:
    """One expression pattern and what a match of it means (see the YAML header)."""

    name: str
    pattern: re.Pattern[str]
    kind: str
    anchor: str | None
    role: str
    basis: str | None
    unit: str | None
    number: int | None
    shift: int | None
    sign: int | None
    keep_anchor_precision: bool
    end_of_period: bool
    needs: tuple[frozenset[str], ...]  # each: words of which one must be in the sentence
    examples: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ClauseWords:
    """What makes a clause of a parsed sentence background (the `background` section)."""

    clause_deps: frozenset[str]  # relative clauses, reduced relatives, appositions
    finite_tags: frozenset[str]  # ... not when headed by a finite verb with no subject (a misparse)
    setting_prepositions: frozenset[str]  # ... nor on the noun of "in a letter dated ..." (the act's setting)
    participle_deps: frozenset[str]  # ... these only when headed by a bare participle
    set_off_participle_deps: frozenset[str]  # ... these only when fronted or after a comma
    participle_tags: frozenset[str]
    asyndetic_deps: frozenset[str]  # ... and these when no conjunction joins them
    subordinate_deps: frozenset[str]  # ... these only when a subordinator introduces them
    subordinators: frozenset[str]
    future_auxiliaries: frozenset[str]  # a verb with one of these: a clause about what is foreseen
    modifier_deps: frozenset[str]  # a date before a noun, modifying it
    own_deps: frozenset[str]  # the dependents that give a participle a clause of its own
    relative_words: frozenset[str]  # without a parse: ", which ..." up to the next comma
    deadline_prepositions: frozenset[str]  # "by 31 May" on an act demanded or due: a deadline, not the event's date
    obligation_auxiliaries: frozenset[str]  # "must withdraw by 30 June"
    deadline_nouns: frozenset[str]  # "a deadline of 15 May", "the 15 May deadline"
    extension_prepositions: frozenset[str]  # "extended the deadline to 15 July", "gave X until 15 July to comply"
    lapse_words: frozenset[str]  # "the deadline lapsed": undated, it passed on the day last set


@dataclass(frozen=True, slots=True)
class DateRules:
    """Everything the date stage knows, compiled. Build with `load_date_rules`."""

    rules: tuple[DateRule, ...]
    months: Mapping[str, int]  # lower-cased name or abbreviation -> 1..12
    numbers: Mapping[str, int]  # lower-cased number word -> value
    units: Mapping[str, Unit]
    shift_words: Mapping[str, int]
    direction_words: Mapping[str, int]
    parts_of_month: Mapping[str, tuple[int, int]]
    parts_of_year: Mapping[str, tuple[int, int]]
    seasons: Mapping[str, tuple[int, int]]
    hours_per_day: int
    citation_grace_days: int
    future_cue_window: int
    window_before: re.Pattern[str]  # a window word ending the text before an expression
    window_start: re.Pattern[str]  # a window word starting an expression
    comparison_before: re.Pattern[str]  # "on"/"from $4bn" ending the text before an expression
    future_cue: re.Pattern[str]
    weekday_index: Mapping[str, int]  # lower-cased weekday -> 0 (Monday) .. 6
    noun_phrase_stops: frozenset[str]  # words that end the noun phrase of "after the ..."
    background: ClauseWords  # clauses about something else (dragoman.time.clauses)
    relative_aside: re.Pattern[str]  # without a parse, ", which ... ," is such a clause
    lapse: re.Pattern[str]  # "the deadline passed", "the extended ultimatum has expired"
    need_sets: tuple[frozenset[str], ...]  # the distinct `needs` items of all rules
    need_masks: tuple[int, ...]  # per rule: bit i set when it needs need_sets[i]
    need_words: frozenset[str]  # every word any rule needs: none of them, no scanning
    fingerprint: str  # sha256 of the rules file
    source: str  # where the rules were read from

    def candidates(self, text: str) -> tuple[DateRule, ...]:
        """The rules whose `needs` the text meets; () lets the caller skip all scanning.

        One lower-casing and one word split per sentence, then set look-ups: far
        cheaper than running every pattern, and most sentences need none.
        """
        words = set(_WORDS.findall(text.lower()))
        if _DIGIT.search(text):
            words.add(DIGIT_TOKEN)
            if _YEARLIKE.search(text):
                words.add(YEAR_TOKEN)
        if self.need_words.isdisjoint(words):
            return ()
        met = 0
        for bit, need in enumerate(self.need_sets):
            if not need.isdisjoint(words):
                met |= 1 << bit
        return tuple(rule for rule, mask in zip(self.rules, self.need_masks) if mask & met == mask)


def load_date_rules(path: str | None = None) -> DateRules:
    """Read, validate and compile the date rules (the packaged file by default)."""
    if path is None:
        resource = resources.files("dragoman") / "data" / "date_rules.yaml"
        raw = resource.read_bytes()
        source = str(resource)
    else:
        try:
            raw = Path(path).read_bytes()
        except OSError as exc:
            raise KnowledgeError(f"{path}: cannot read date rules ({exc.strerror})") from exc
        source = path
    data = parse_yaml(raw, source)
    return compile_date_rules(data, source=source, fingerprint=hashlib.sha256(raw).hexdigest())


def compile_date_rules(data: Any, source: str = "<memory>", fingerprint: str = "") -> DateRules:
    """Build `DateRules` from the parsed YAML mapping; raises KnowledgeError naming the fault."""
    if not isinstance(data, dict):
        raise KnowledgeError(f"{source}: expected a mapping at the top level")
    missing = [key for key in _REQUIRED_KEYS if key not in data]
    if missing:
        raise KnowledgeError(f"{source}: missing section(s): {', '.join(missing)}")
    _check_words(data, source)

    months: dict[str, int] = {}
    month_names: list[str] = []
    full_names: list[str] = []
    for number, (name, abbreviations) in enumerate(data["months"].items(), start=1):
        full_names.append(name)
        for word in [name, *(abbreviations or [])]:
            months[word.lower()] = number
            month_names.append(word)
    if len(full_names) != 12:
        raise KnowledgeError(f"{source}: months must list 12 months, found {len(full_names)}")
    weekdays = list(data["weekdays"])
    if len(weekdays) != 7:
        raise KnowledgeError(f"{source}: weekdays must list 7 days, Monday first")

    numbers = {str(word).lower(): int(value) for word, value in data["numbers"].items()}
    units = {}
    for name, spec in data["units"].items():
        units[name] = Unit(
            int(spec.get("days", 0)), int(spec.get("months", 0)), int(spec.get("hours", 0)), spec.get("precision", "day")
        )

    macros = {
        "MONTH": _case_sensitive(month_names),
        "MONTH_FULL": _case_sensitive(full_names),
        "WEEKDAY": _case_sensitive(weekdays),
        "NUM": r"(?:\d{1,3}|" + _alternation(numbers) + ")",
        "UNIT": "(?:" + "|".join(f"{re.escape(u)}s?" for u in sorted(units, key=len, reverse=True)) + ")",
    }
    macros["WDPREFIX"] = rf"(?:(?P<weekday>{macros['WEEKDAY']}),?\s+(?:the\s+)?)?"
    macros.update({str(k): str(v) for k, v in (data.get("macros") or {}).items()})

    word_sets = {
        "digit": frozenset({DIGIT_TOKEN}),
        "year": frozenset({YEAR_TOKEN}),
        "month": frozenset(months),
        "weekday": frozenset(w.lower() for w in weekdays),
        "unit": frozenset(form for u in units for form in (u, u + "s")),
    }
    rules = tuple(_compile_rule(entry, macros, word_sets, source) for entry in data["rules"])
    names = [rule.name for rule in rules]
    if len(set(names)) != len(names):
        raise KnowledgeError(f"{source}: rule names must be unique")

    window = _alternation(data["window_words"])

    background = _clause_words(data["background"], source)

    need_sets = tuple(sorted({need for rule in rules for need in rule.needs}, key=sorted))
    need_masks = tuple(sum(1 << need_sets.index(need) for need in set(rule.needs)) for rule in rules)
    return DateRules(
        rules=rules,
        months=months,
        numbers=numbers,
        units=units,
        shift_words={str(k).lower(): int(v) for k, v in data["shift_words"].items()},
        direction_words={str(k).lower(): int(v) for k, v in data["direction_words"].items()},
        parts_of_month=_pairs(data["parts_of_month"], source, "parts_of_month"),
        parts_of_year=_pairs(data["parts_of_year"], source, "parts_of_year"),
        seasons=_pairs(data["seasons"], source, "seasons"),
        hours_per_day=int(data.get("hours_per_day", 24)),
        citation_grace_days=int(data.get("citation_grace_days", 0)),
        future_cue_window=int(data.get("future_cue_window", 40)),
        window_before=re.compile(r"\b(?:" + window + r")\s+$", re.IGNORECASE),
        window_start=re.compile(r"(?:" + window + r")\b", re.IGNORECASE),
        comparison_before=re.compile(
            r"[\d%]\S*\s+(?:" + _alternation(data.get("comparison_cues") or ["from"]) + r")\s+(?:[$£€]?[\d.,]+\s*(?:%|[a-z]{1,3})?\s+)?$"
            r"|\b(?:" + _alternation(data.get("comparison_cues") or ["from"]) + r")\s+[$£€]?[\d.,]+\s*(?:%|[a-z]{1,3})?\s+$"
            r"|\b(?:compared\s+(?:with|to)|than|versus)\s+$",
            re.IGNORECASE,
        ),
        future_cue=re.compile(r"(?:\b|(?='))(?:" + _alternation(data["future_cues"]) + r")\b", re.IGNORECASE),
        weekday_index={w.lower(): i for i, w in enumerate(weekdays)},
        noun_phrase_stops=frozenset(str(w).lower() for w in data.get("noun_phrase_stops") or ()),
        background=background,
        relative_aside=re.compile(
            r",\s*(?:" + _alternation(background.relative_words) + r")\b[^,;:()]*", re.IGNORECASE
        ),
        lapse=re.compile(
            r"\b(?:" + _alternation(background.deadline_nouns) + r")\s+(?:(?:has|had|have)\s+)?(?:"
            + _alternation(background.lapse_words) + r")\b",
            re.IGNORECASE,
        ),
        need_sets=need_sets,
        need_masks=need_masks,
        need_words=frozenset().union(*need_sets),
        fingerprint=fingerprint,
        source=source,
    )


def _compile_rule(
    entry: Any, macros: Mapping[str, str], word_sets: Mapping[str, frozenset[str]], source: str
) -> DateRule:
    if not isinstance(entry, dict) or "name" not in entry or "pattern" not in entry or "means" not in entry:
        raise KnowledgeError(f"{source}: each rule needs name, pattern and means: {entry!r}")
    name = str(entry["name"])
    means = entry["means"]
    where = f"{source}: rule {name}"
    unknown = set(means) - _MEANS_KEYS
    if unknown:
        raise KnowledgeError(f"{where}: unknown key(s) in means: {', '.join(sorted(unknown))}")
    kind = means.get("kind")
    if kind not in KINDS:
        raise KnowledgeError(f"{where}: kind must be one of {sorted(KINDS)}, not {kind!r}")
    anchor = means.get("anchor")
    if kind != "calendar" and anchor not in ANCHORS:
        raise KnowledgeError(f"{where}: anchor must be one of {sorted(ANCHORS)}, not {anchor!r}")
    role = means.get("role", "event")
    if role not in ROLES:
        raise KnowledgeError(f"{where}: role must be one of {sorted(ROLES)}, not {role!r}")
    unit = means.get("unit")
    if kind == "period" and unit is not None and unit not in PERIOD_UNITS:
        raise KnowledgeError(f"{where}: a period unit must be one of {sorted(PERIOD_UNITS)}")
    needs = []
    for item in entry.get("needs") or ():
        if isinstance(item, str) and item in word_sets:
            needs.append(word_sets[item])
        elif isinstance(item, list) and item:
            needs.append(frozenset(str(w).lower() for w in item))
        else:
            raise KnowledgeError(f"{where}: each need is one of {sorted(word_sets)} or a list of words, not {item!r}")
    if not needs:
        raise KnowledgeError(f"{where}: needs is required (the words without which the rule cannot match)")
    pattern_text = str(entry["pattern"])
    for macro, expansion in macros.items():
        pattern_text = pattern_text.replace("{" + macro + "}", expansion)
    try:
        pattern = re.compile(pattern_text, re.IGNORECASE)
    except re.error as exc:
        raise KnowledgeError(f"{where}: bad pattern: {exc}") from exc
    return DateRule(
        name=name,
        pattern=pattern,
        kind=kind,
        anchor=anchor,
        role=role,
        basis=means.get("basis"),
        unit=unit,
        number=means.get("number"),
        shift=means.get("shift"),
        sign=means.get("sign"),
        keep_anchor_precision=means.get("precision") == "anchor",
        end_of_period=bool(means.get("end_of_period", False)),
        needs=tuple(needs),
        examples=tuple(entry.get("examples") or ()),
    )


def _check_words(data: dict[str, Any], source: str) -> None:
    """Every word in the lists and tables must be a string: YAML reads a bare on/no as a boolean."""
    for section in ("window_words", "future_cues", "comparison_cues", "noun_phrase_stops", "weekdays"):
        for word in data.get(section) or ():
            if not isinstance(word, str):
                raise KnowledgeError(f"{source}: {section} holds {word!r}, not a word (quote it)")
    for section in ("numbers", "shift_words", "direction_words", "units", "months"):
        for word in data.get(section) or {}:
            if not isinstance(word, str):
                raise KnowledgeError(f"{source}: {section} has the key {word!r}, not a word (quote it)")
    for rule in data.get("rules") or ():
        for need in (rule.get("needs") or ()) if isinstance(rule, dict) else ():
            if isinstance(need, list) and not all(isinstance(w, str) for w in need):
                raise KnowledgeError(f"{source}: rule {rule.get('name')}: needs holds a non-word (quote it)")


_CLAUSE_KEYS = (
    "clause_deps", "finite_tags", "setting_prepositions", "participle_deps", "set_off_participle_deps",
    "participle_tags", "asyndetic_deps", "subordinate_deps", "subordinators", "future_auxiliaries", "modifier_deps",
    "own_deps", "relative_words", "deadline_prepositions", "obligation_auxiliaries", "deadline_nouns",
    "extension_prepositions", "lapse_words",
)  # fmt: skip


def _clause_words(section: Any, source: str) -> ClauseWords:
    if not isinstance(section, dict):
        raise KnowledgeError(f"{source}: background must be a mapping of word lists")
    missing = [key for key in _CLAUSE_KEYS if key not in section]
    if missing:
        raise KnowledgeError(f"{source}: background lacks {', '.join(missing)}")
    lists = {}
    for key in _CLAUSE_KEYS:
        words = section[key] or []
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise KnowledgeError(f"{source}: background.{key} must be a list of words (quote them)")
        lists[key] = frozenset(w if key.endswith(("deps", "tags")) else w.lower() for w in words)
    return ClauseWords(**lists)


def _case_sensitive(words: list[str]) -> str:
    """An alternation that ignores the file-wide IGNORECASE: "May" but not "may"."""
    return "(?-i:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


def _alternation(words: Any) -> str:
    """Longest first, so "a couple of" is tried before "a"; spaces match any whitespace."""
    ordered = sorted((str(w) for w in words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


def _pairs(table: Any, source: str, section: str) -> Mapping[str, tuple[int, int]]:
    out = {}
    for key, value in table.items():
        if not (isinstance(value, list) and len(value) == 2):
            raise KnowledgeError(f"{source}: {section}.{key} must be [first, last]")
        out[str(key).lower()] = (int(value[0]), int(value[1]))
    return out
