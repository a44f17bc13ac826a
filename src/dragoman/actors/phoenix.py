"""Read PETRARCH/Phoenix (TABARI-format) actor and agent dictionaries.

    result = import_phoenix("Phoenix.Countries.actors.txt")
    export_yaml(result, "countries.yaml")      # then load_knowledge(["countries.yaml"])

The format, as this reader understands it:

- `# ...` is a comment, anywhere on a line; blank lines are ignored.
- An entry starts with a line that is not indented and not `+`: its first name,
  optionally followed by codes: `MAHMOUD_AHMADINEJAD_  [IRNGOV]`.
- `+NAME` lines add synonyms to the current entry.
- Indented `[CODE ...]` lines add codes to the current entry. A code may be
  date-limited: `[IRNGOV 050803-130803]` (a period), `[IRNGOV >130803]` (from a
  day on), `[IRNGOV <130803]` (until a day). An undated code next to dated ones
  is what the entity is outside those periods.
- Dates are yymmdd or yyyymmdd. Two-digit years follow PETRARCH/TABARI: 00-29
  are 2000-2029, 30-99 are 1930-1999 (so 740101 is 1974, 130803 is 2013).
- Underscores are spaces. A trailing underscore (`KABUL_`) marks a whole word
  in TABARI; without it a name is a stem (`BAGRAM` would match "Bagrami").
  dragoman matches whole words only, so both read as the plain words; the
  difference is lost for stems.
- Agents files: `WORD [~GOV]` lines are sector words (the `~` marks an agent;
  `~GOVBUS` keeps its first sector). `!PERSON! = MAN, MEN, ...` declares a
  substitution set, and `FOREIGN_!MINIST!` expands to one word per member.
  `{...}` (plural forms) is read as extra forms when not empty.

Codes become dragoman's fields: a leading 3-letter country (IRN) gives
country and the next three letters the sector (IRNGOVLEG -> IRN, GOV; the
full code is kept); IGO/IMG/NGO/... codes keep their prefix as the country,
except MNC<country> (a firm), which takes the firm's home country and BUS.
An entry with only a bare country code ([AFG]) is a name for that state.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import KnowledgeError
from .knowledge import MAX_PHRASE, name_key
from .vocabulary import ActorVocabulary, load_vocabulary

_CODE_BLOCK = re.compile(r"\[([^\]]*)\]")
_DATE_SPEC = re.compile(r"^(?:(>|<)\s*(\d{6}|\d{8})|(\d{6}|\d{8})\s*-\s*(\d{6}|\d{8}))$")
_SUBST = re.compile(r"^!(\w+)!\s*=\s*(.+)$")
_CODE_TEXT = re.compile(r"^~?[A-Z]{3}([A-Z]{3})*$")

ACRONYM_MAX = 4  # a single-word name this short is kept in capitals (an acronym: "UN", "NATO")


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What a Phoenix file gave: entries in dragoman's YAML shape, and what was skipped."""

    entries: dict[str, Any]  # section -> entries, as in a dragoman actor file (sectors: code -> words)
    problems: list[tuple[int, str, str]] = field(default_factory=list)  # (line number, text, reason)

    def counts(self) -> dict[str, int]:
        return {section: len(items) for section, items in self.entries.items()}


@dataclass
class _Entry:
    line: int
    names: list[str]
    codes: list[tuple[str, str | None, str | None]]  # (code, start, end)


def two_digit_year(yy: int) -> int:
    """PETRARCH's window: 00-29 -> 2000s, 30-99 -> 1900s."""
    return 2000 + yy if yy < 30 else 1900 + yy


def parse_phoenix_date(text: str) -> str:
    """"130803" -> "2013-08-03"; "19890604" -> "1989-06-04"."""
    if len(text) == 6:
        year = two_digit_year(int(text[:2]))
        month, day = text[2:4], text[4:6]
    elif len(text) == 8:
        year, month, day = int(text[:4]), text[4:6], text[6:8]
    else:
        raise ValueError(f"date {text!r} is not yymmdd or yyyymmdd")
    if not (1 <= int(month) <= 12 and 1 <= int(day) <= 31):
        raise ValueError(f"date {text!r} has no such month or day")
    return f"{year:04d}-{month}-{day}"


def _add_codes(entry: _Entry, blocks: list[str], number: int, raw: str, problems: list[tuple[int, str, str]]) -> None:
    """Read the [CODE ...] blocks of a line into the entry; a block it cannot read is a problem."""
    for block in blocks:
        parsed = _parse_block(block)
        if isinstance(parsed, str):
            problems.append((number, raw, parsed))
        else:
            entry.codes.append(parsed)


def _pretty(raw: str) -> str:
    """PHOENIX_STYLE_NAME_ -> "Phoenix Style Name"; short acronyms stay in capitals."""
    words = raw.replace("_", " ").split()
    if len(words) == 1 and len(words[0].replace(".", "")) <= ACRONYM_MAX:
        return words[0]
    return " ".join(w if any(c.isdigit() for c in w) or _bracketed(w) else w.capitalize() for w in words)


def _bracketed(word: str) -> bool:
    """ "(AAIA)", "(CIRA)": an acronym in brackets keeps its capitals."""
    return word.startswith("(") and word.endswith(")") and len(word) <= ACRONYM_MAX + 4


def _split_code(code: str, vocab: ActorVocabulary) -> dict[str, Any]:
    """IRNGOVLEG -> {code, country: IRN, sector: GOV}; MNCUSA -> USA + BUS."""
    prefix = code[:3]
    if prefix == "MNC":
        country = code[3:6] or "MNC"
        return {"code": code, "country": country, "sector": "BUS"}
    if prefix in vocab.codes.non_state:
        return {"code": code, "country": prefix, "sector": None}
    return {"code": code, "country": prefix, "sector": code[3:6] or None}


def import_phoenix(path: str, vocab: ActorVocabulary | None = None) -> ImportResult:
    """Read one Phoenix/PETRARCH dictionary file (actors or agents)."""
    if vocab is None:
        vocab, _ = load_vocabulary()
    try:
        lines = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as exc:
        raise KnowledgeError(f"{path}: cannot read Phoenix dictionary ({exc.strerror})") from exc
    problems: list[tuple[int, str, str]] = []
    entries: list[_Entry] = []
    agents: list[tuple[int, list[str], str]] = []  # (line, words, sector)
    subst: dict[str, list[str]] = {}  # read first: a set may be used above its declaration
    for raw in lines:
        sub = _SUBST.match(raw.split("#", 1)[0].strip())
        if sub:
            subst[sub.group(1)] = [w.strip() for w in sub.group(2).split(",") if w.strip()]
    current: _Entry | None = None

    for number, raw in enumerate(lines, start=1):
        text = raw.split("#", 1)[0].rstrip()
        if not text.strip():
            continue
        stripped = text.strip()
        if _SUBST.match(stripped):
            continue
        if stripped.startswith("+"):
            if current is None:
                problems.append((number, raw, "synonym with no entry above it"))
                continue
            name = _CODE_BLOCK.sub("", stripped[1:]).strip()
            if name:
                current.names.append(name)
            continue
        blocks = _CODE_BLOCK.findall(stripped)
        name_part = _CODE_BLOCK.sub("", stripped).replace("{}", "").strip()
        if raw[:1] in (" ", "\t") and not name_part:
            if current is None:
                problems.append((number, raw, "code with no entry above it"))
                continue
            _add_codes(current, blocks, number, raw, problems)
            continue
        if blocks and blocks[0].strip().startswith("~"):  # an agent word
            sector = blocks[0].strip()[1:4]
            plural = re.findall(r"\{([^}]*)\}", name_part)
            word = re.sub(r"\{[^}]*\}", "", name_part).strip()
            expanded = _expand(word, subst)
            if isinstance(expanded, str):
                problems.append((number, raw, expanded))
                continue
            forms = expanded + [p.strip() for group in plural for p in group.split(",") if p.strip()]
            if not re.match(r"^[A-Z]{3}$", sector) or not forms:
                problems.append((number, raw, "agent line without a word, or no sector"))
                continue
            agents.append((number, forms, sector))
            continue
        if not name_part:
            problems.append((number, raw, "line has codes but no name"))
            continue
        current = _Entry(number, [name_part], [])
        entries.append(current)
        _add_codes(current, blocks, number, raw, problems)

    out: dict[str, list[dict[str, Any]]] = {"states": [], "sectors": [], "organisations": [], "people": []}
    for entry in entries:
        _convert(entry, out, problems, lines, vocab)
    by_sector: dict[str, list[str]] = {}
    for number, forms, sector in agents:
        for form in forms:
            name = form.replace("_", " ").strip().lower()
            if _fits(name, vocab):
                by_sector.setdefault(sector, []).append(name)
            else:
                problems.append((number, lines[number - 1], f"agent {name!r} is longer than {MAX_PHRASE} words"))
    problems.sort()
    result: dict[str, Any] = {k: v for k, v in out.items() if v}
    if by_sector:
        result["sectors"] = {code: {"group": sorted(set(words))} for code, words in sorted(by_sector.items())}
    return ImportResult(result, problems)


MAX_FORMS = 10_000  # forms one agent line may expand to: more is a mistake (or an attack), not a dictionary
_SET = re.compile(r"!(\w+)!")


def _expand(word: str, subst: dict[str, list[str]]) -> list[str] | str:
    """Every form of `word` with its !SET!s replaced by their members (members may name sets
    in turn), or a problem: an unknown set, a set that contains itself, too many forms."""
    done: list[str] = []
    pending: list[tuple[str, frozenset[str]]] = [(word, frozenset())]  # (text, sets it came through)
    while pending:
        text, through = pending.pop()
        match = _SET.search(text)
        if match is None:
            if text:
                done.append(text)
            continue
        name = match.group(1)
        if name in through:
            return f"substitution set !{name}! contains itself"
        members = subst.get(name)
        if members is None:
            return f"unknown substitution set !{name}!"
        if len(done) + len(pending) + len(members) > MAX_FORMS:
            return f"expands to more than {MAX_FORMS:,} forms"
        for member in reversed(members):
            pending.append((text[: match.start()] + member + text[match.end() :], through | {name}))
    return done


def _parse_block(block: str) -> tuple[str, str | None, str | None] | str:
    parts = block.strip().split(None, 1)
    if not parts:
        return "empty code []"
    code = parts[0].lstrip("~")
    if not _CODE_TEXT.match(code):
        return f"not a CAMEO code: {parts[0]!r}"
    if len(parts) == 1:
        return (code, None, None)
    spec = parts[1].replace(" ", "")
    m = _DATE_SPEC.match(spec)
    if not m:
        return f"cannot read date restriction {parts[1]!r}"
    try:
        if m.group(1) == ">":
            return (code, parse_phoenix_date(m.group(2)), None)
        if m.group(1) == "<":
            return (code, None, parse_phoenix_date(m.group(2)))
        start, end = parse_phoenix_date(m.group(3)), parse_phoenix_date(m.group(4))
    except ValueError as exc:
        return str(exc)
    if start >= end:
        return f"period starts ({start}) on or after it ends ({end})"
    return (code, start, end)


def _fits(name: str, vocab: ActorVocabulary) -> bool:
    return 0 < len(name_key(name, vocab.articles)) <= MAX_PHRASE


def _convert(
    entry: _Entry, out: dict[str, list[dict[str, Any]]], problems: list[tuple[int, str, str]], lines: list[str], vocab: ActorVocabulary
) -> None:
    names = []
    for raw in entry.names:
        name = _pretty(raw)
        if _fits(name, vocab):
            names.append(name)
        else:
            problems.append((entry.line, lines[entry.line - 1], f"name {name!r} is empty or longer than {MAX_PHRASE} words"))
    if not names:
        return
    if not entry.codes:
        problems.append((entry.line, lines[entry.line - 1], "entry has no code"))
        return
    undated = [c for c in entry.codes if c[1] is None and c[2] is None]
    dated = [c for c in entry.codes if c[1] is not None or c[2] is not None]
    default = undated[-1][0] if undated else None
    if default is not None and len(default) == 3 and not dated and default not in vocab.codes.non_state | vocab.codes.regions:
        # more names for a state; a group coded with a bare region (CIRA [WEU]) stays a group
        out["states"].append({"code": default, "names": names})
        return
    record: dict[str, Any] = {"name": names[0]}
    if len(names) > 1:
        record["aliases"] = sorted(set(names[1:]) - {names[0]})
    base = _split_code(default or dated[-1][0], vocab)
    if default is not None:
        record.update(base)
    else:  # only dated codes: outside them, the home country alone
        record["country"] = base["country"]
    if dated:
        record["roles"] = [
            {k: v for k, v in {**_split_code(code, vocab), "start": start, "end": end}.items() if v is not None}
            for code, start, end in dated
        ]
        out["people"].append(record)
    else:
        out["organisations"].append(record)


def export_yaml(result: ImportResult, path: str, source: str = "a Phoenix/PETRARCH dictionary") -> None:
    """Write an import as a dragoman actor file, ready for `load_knowledge([path])`."""
    header = (
        f"# Converted by dragoman.actors.phoenix from {source}.\n"
        "# Phoenix dictionaries: MIT licence, (c) 2014 Open Event Data Alliance.\n"
        "# Two-digit years read as 00-29 -> 20xx, 30-99 -> 19xx (PETRARCH's convention).\n"
    )
    body = yaml.safe_dump(result.entries, allow_unicode=True, sort_keys=False, width=120)
    Path(path).write_text(header + body, encoding="utf-8")
