"""Read PETRARCH/Phoenix (TABARI-format) actor and agent dictionaries.

    result = import_phoenix("Phoenix.Countries.actors.txt")
    export_yaml(result, "countries.yaml")      # then load_knowledge(["countries.yaml"])

`load_knowledge` reads such files directly too (`parse_phoenix`): the format is
told from the content, and every line it cannot read is one of
`ImportResult.problems`, never skipped silently.

The format, as this reader understands it:

- `# ...` is a comment, anywhere on a line; blank lines are ignored, and so are
  lines starting with `<!` (`<!-- ... -->` headers, which may span lines).
- An entry starts with a line that is not indented and not `+`: its first name,
  optionally followed by codes: `MAHMOUD_AHMADINEJAD_  [IRNGOV]`.
- `+NAME` lines add synonyms to the current entry.
- Indented `[CODE ...]` lines add codes to the current entry. A code may be
  date-limited: `[IRNGOV 050803-130803]` (a period), `[IRNGOV >130803]` (from a
  day on), `[IRNGOV <130803]` (until a day). PETRARCH reads the limits as "or
  equal to", so the last day is inside the period. An undated code next to
  dated ones is what the entity is outside those periods. `[---]` is PETRARCH's
  null code (the name is nobody); a name with only null codes is left out, and
  a dated null period is left out of the roles (both reported).
- Dates are yymmdd or yyyymmdd. Two-digit years follow PETRARCH/TABARI: 00-29
  are 2000-2029, 30-99 are 1930-1999 (so 740101 is 1974, 130803 is 2013).
- Underscores are spaces. A trailing underscore (`KABUL_`) marks a whole word
  in TABARI; without it a name is a stem (`BAGRAM` would match "Bagrami").
  dragoman matches whole words only, so both read as the plain words; the
  difference is lost for stems.
- Agents: `WORD [~GOV]` (the code is added after the actor's: "Arnor's foreign
  minister" with `FOREIGN_MINISTER [~GOVFRM]` is ARNGOVFRM) or `WORD [NGO~]`
  (added before it). Regular plurals are made as PETRARCH makes them (+S; Y ->
  IES; SS -> ES) unless `{...}` follows the word: its forms are the plurals,
  `{}` means none. `!PERSON! = MAN, MEN, ...` declares a substitution set, and
  `CONGRESS!PERSON!` expands to one word per member, with no plurals added.

Codes become dragoman's fields: a leading 3-letter country (IRN) gives
country and, when the next three letters are a CAMEO actor type, the sector
(IRNGOVLEG -> IRN, GOV; the full code is kept; USAGUM -> USA, no sector);
IGO/IMG/NGO/... codes keep their prefix as the country, except MNC<country>
(a firm), which takes the firm's home country and BUS. An entry with only a
bare country code ([AFG]), dated or not, is a state.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from datetime import date as _date
from datetime import timedelta
from pathlib import Path
from typing import Any

import yaml

from ..errors import KnowledgeError
from ..yamlfile import decode_utf8, read_bytes
from .names import MAX_PHRASE, name_key
from .vocabulary import ActorVocabulary, load_vocabulary

_CODE_BLOCK = re.compile(r"\[([^\]]*)\]")
_DATE_SPEC = re.compile(r"^(?:(>|<)\s*(\d{6}|\d{8})|(\d{6}|\d{8})\s*-\s*(\d{6}|\d{8}))$")
_SUBST = re.compile(r"^!(\w+)!\s*=\s*(.+)$")
_CODE_TEXT = re.compile(r"^[A-Z][A-Z0-9]{2,}$")  # PETRARCH codes are any word of capitals (G77, ITHTV) from 3 letters
_AGENT_TEXT = re.compile(r"^[A-Z]{3}([A-Z]{3})*$")  # an agent's code is composed by 3-letter parts
_PLURALS = re.compile(r"\{([^}]*)\}")
_SET = re.compile(r"!(\w+)!")
NULL_CODE = "---"

ACRONYM_MAX = 4  # a single-word name this short may be an acronym ("UN", "NATO"); see _pretty
MAX_FORMS = 10_000  # forms one agent line may expand to: more is a mistake (or an attack), not a dictionary

Problem = tuple[int, str, str]  # (line number, the line as written, reason)


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What a Phoenix file gave: entries in dragoman's YAML shape, and the lines it could not read."""

    entries: dict[str, Any]  # section -> entries, as in a dragoman actor file (agents: code -> words)
    problems: list[Problem] = field(default_factory=list)  # (line number, text, reason)
    lines: dict[int, int] = field(default_factory=dict)  # id() of an entry -> the line it was read from

    def counts(self) -> dict[str, int]:
        return {section: len(items) for section, items in self.entries.items()}

    def line_of(self, entry: Any) -> int | None:
        return self.lines.get(id(entry))


@dataclass
class _Entry:
    line: int
    names: list[str]
    codes: list[tuple[str, str | None, str | None]]  # (code, start, end exclusive)
    unread: int = 0  # code blocks that could not be read (each already a problem)


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
    try:
        _date(year, int(month), int(day))
    except ValueError:
        raise ValueError(f"date {text!r} has no such month or day") from None
    return f"{year:04d}-{month}-{day}"


def _day_after(iso: str) -> str:
    return (_date.fromisoformat(iso) + timedelta(days=1)).isoformat()


def _pretty(raw: str, acronyms: frozenset[str] = frozenset(), lower: frozenset[str] = frozenset()) -> str:
    """PHOENIX_STYLE_NAME_ -> "Phoenix Style Name"; acronyms stay in capitals.

    Phoenix writes every name in capitals, so an acronym ("IDF", "UNDP") must be
    guessed: a one-word name of three letters or fewer, or of four with fewer
    than two vowels, or with dots or digits, is one; "GAZA", "IRAQ", "KANO" are words.
    In a longer name, a word of `acronyms` stays in capitals and a word of `lower` after
    the first is written in lower case: THE_US_SECRETARY_OF_STATE_ -> "The US Secretary of State"."""
    words = raw.replace("_", " ").split()
    if len(words) == 1:
        # alone, the guess decides (a name in capitals matches text in capitals only: "NATO" would
        # lose "Nato", as British papers write it)
        return words[0] if _acronym(words[0]) else _capital(words[0])
    return " ".join(
        w if any(c.isdigit() for c in w) or _bracketed(w) or w in acronyms
        else w.lower() if i and len(w) > 1 and w.lower() in lower
        else _capital(w)
        for i, w in enumerate(words)
    )


def _acronym(word: str) -> bool:
    """A one-word name that is an acronym (see _pretty)."""
    letters = word.replace(".", "")
    vowels = sum(c in "AEIOUY" for c in letters.upper())
    return "." in word or any(c.isdigit() for c in word) or len(letters) <= 3 or (len(letters) <= ACRONYM_MAX and vowels < 2)


def _own_acronyms(entries: list[_Entry]) -> frozenset[str]:
    """A dictionary's own one-word names of three letters or fewer ("US_", "UN_", "PLA_"): in its
    longer names ("US_SECRETARY_OF_STATE_") the same word is that acronym."""
    found = set()
    for entry in entries:
        for name in entry.names:
            words = name.replace("_", " ").split()
            if len(words) == 1 and words[0].isalpha() and words[0].isupper() and len(words[0]) <= 3:
                found.add(words[0])
    return frozenset(found)


def _capital(word: str) -> str:
    """ "AL-QAEDA" -> "Al-Qaeda", "O'NEILL" -> "O'Neill": each part after a hyphen or apostrophe,
    but a possessive "'s" ("WOMEN'S" -> "Women's")."""
    capitals = re.sub(r"[A-Za-z\u00C0-\u024F]+", lambda m: m.group(0).capitalize(), word.lower())
    return re.sub(r"(?<=['\u2019])S(?![a-z])", "s", capitals)


def _bracketed(word: str) -> bool:
    """ "(AAIA)", "(CIRA)": an acronym in brackets keeps its capitals."""
    return word.startswith("(") and word.endswith(")") and len(word) <= ACRONYM_MAX + 4


def _split_code(code: str, vocab: ActorVocabulary) -> dict[str, Any]:
    """IRNGOVLEG -> {code, country: IRN, sector: GOV}; MNCUSA -> USA + BUS; USAGUM -> USA, no sector."""
    prefix = code[:3]
    if prefix == "MNC":
        country = code[3:6] or "MNC"
        return {"code": code, "country": country, "sector": "BUS"}
    if prefix in vocab.codes.non_state:
        return {"code": code, "country": prefix, "sector": None}
    sector = code[3:6]
    return {"code": code, "country": prefix, "sector": sector if sector in vocab.codes.actor_types else None}


def import_phoenix(path: str, vocab: ActorVocabulary | None = None) -> ImportResult:
    """Read one Phoenix/PETRARCH dictionary file (actors or agents)."""
    raw = read_bytes(path, "Phoenix dictionary")
    text, _ = decode_dictionary(raw, path, latin1=True)
    return parse_phoenix(text, vocab)


_BINARY_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f]")  # C0 but tab and line ends, and DEL (not C1: Windows-1252 quotes)
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode_dictionary(raw: bytes, path: str, latin1: bool) -> tuple[str, str | None]:
    """A dictionary file's text and a note on how it was read: UTF-8 (a BOM allowed), UTF-16 or
    UTF-32 by their BOM, else, where `latin1` allows it (PETRARCH dictionaries, which older
    tools wrote in Latin-1), Latin-1 with a note; anything else is a KnowledgeError saying what to do."""
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(codec), None
            except UnicodeDecodeError:
                return decode_utf8(raw, path), None  # raises, naming the encoding and what to do
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        if not latin1:
            return decode_utf8(raw, path), None  # raises
        text = raw.decode("latin-1")
        controls = len(_BINARY_CONTROLS.findall(text))
        if controls > len(text) // 100:  # Latin-1 text has next to none; any bytes decode as Latin-1
            raise KnowledgeError(f"{path}: a binary file, not text ({controls:,} control characters); give the dictionary file itself") from None
        return text, f"{path}: not UTF-8: read as Latin-1"


def _content_lines(lines: list[str]) -> list[tuple[int, str, str]]:
    """(number, line as written, text without comments) for every line that holds something."""
    out: list[tuple[int, str, str]] = []
    in_block = False
    for number, raw in enumerate(lines, start=1):
        stripped = raw.strip()
        if in_block:
            in_block = "-->" not in stripped
            continue
        if stripped.startswith("<!"):
            in_block = stripped.startswith("<!--") and "-->" not in stripped[4:]
            continue
        text = raw.split("#", 1)[0].rstrip()
        if text.strip():
            out.append((number, raw, text))
    return out


def parse_phoenix(text: str, vocab: ActorVocabulary | None = None) -> ImportResult:
    """Read the text of one Phoenix/PETRARCH dictionary (actors, agents, or both)."""
    if vocab is None:
        vocab, _ = load_vocabulary()
    lines = text.splitlines()
    content = _content_lines(lines)
    problems: list[Problem] = []
    entries: list[_Entry] = []
    agents: list[tuple[int, str, list[str], str]] = []  # (line, raw, forms, code as "~GOV" or "NGO~")
    subst: dict[str, list[str]] = {}  # read first: a set may be used above its declaration
    for _, _, body in content:
        sub = _SUBST.match(body.strip())
        if sub:
            subst[sub.group(1)] = [w.strip() for w in sub.group(2).split(",") if w.strip()]
    current: _Entry | None = None

    for number, raw, body in content:
        stripped = body.strip()
        if _SUBST.match(stripped):
            continue
        if stripped.startswith("+"):
            if current is None:
                problems.append((number, raw, "synonym with no entry above it"))
                continue
            name = _CODE_BLOCK.sub("", stripped[1:]).strip()
            if name:
                current.names.append(name)
            elif not _CODE_BLOCK.search(stripped):
                problems.append((number, raw, "synonym with no name"))
            if _CODE_BLOCK.search(stripped[1:]):
                _add_codes(current, _CODE_BLOCK.findall(stripped[1:]), number, raw, problems)
            continue
        blocks = _CODE_BLOCK.findall(stripped)
        name_part = _CODE_BLOCK.sub("", stripped).strip()
        if "~" in "".join(blocks):
            current = None  # an agent line ends any actor entry above it
            agent = _agent(number, raw, name_part, blocks, subst, problems)
            if agent is not None:
                agents.append(agent)
            continue
        if raw[:1] in (" ", "\t") and not name_part:
            if current is None:
                problems.append((number, raw, "code with no entry above it"))
                continue
            _add_codes(current, blocks, number, raw, problems)
            continue
        if not name_part:
            problems.append((number, raw, "line has codes but no name"))
            continue
        current = _Entry(number, [name_part.replace("{}", "").strip()], [])
        entries.append(current)
        _add_codes(current, blocks, number, raw, problems)

    out: dict[str, list[dict[str, Any]]] = {"states": [], "organisations": [], "people": []}
    where: dict[int, int] = {}
    acronyms = _own_acronyms(entries) | vocab.display.acronyms
    for entry in entries:
        _convert(entry, out, where, problems, lines, vocab, acronyms)
    by_code: dict[str, list[str]] = {}
    first_line: dict[str, int] = {}
    for number, raw, forms, code in agents:
        for form in forms:
            name = form.replace("_", " ").strip().lower()
            if _fits(name, vocab):
                by_code.setdefault(code, []).append(name)
                first_line.setdefault(code, number)
            else:
                problems.append((number, raw, f"agent {name!r} is longer than {MAX_PHRASE} words"))
    problems.sort()
    result: dict[str, Any] = {k: v for k, v in out.items() if v}
    if by_code:
        result["agents"] = {code: sorted(set(words)) for code, words in sorted(by_code.items())}
    return ImportResult(result, problems, where)


def _add_codes(entry: _Entry, blocks: list[str], number: int, raw: str, problems: list[Problem]) -> None:
    """Read the [CODE ...] blocks of a line into the entry; a block it cannot read is a problem."""
    for block in blocks:
        parsed = _parse_block(block)
        if isinstance(parsed, str):
            problems.append((number, raw, parsed))
            entry.unread += 1
            continue
        code, start, end, rest = parsed
        if rest:
            problems.append((number, raw, f"several codes in one block ({block.split()[0]}): only {code} is used"))
        entry.codes.append((code, start, end))


def _parse_block(block: str) -> tuple[str, str | None, str | None, bool] | str:
    parts = block.strip().split(None, 1)
    if not parts:
        return "empty code []"
    first = parts[0].upper()
    several = "/" in first
    code = first.split("/")[0]
    if code != NULL_CODE and not _CODE_TEXT.match(code):
        return f"not a CAMEO code: {parts[0]!r}"
    if len(parts) == 1:
        return (code, None, None, several)
    spec = parts[1].replace(" ", "")
    m = _DATE_SPEC.match(spec)
    if not m:
        return f"cannot read date restriction {parts[1]!r}"
    try:
        if m.group(1) == ">":
            return (code, parse_phoenix_date(m.group(2)), None, several)
        if m.group(1) == "<":
            return (code, None, _day_after(parse_phoenix_date(m.group(2))), several)
        start, last = parse_phoenix_date(m.group(3)), parse_phoenix_date(m.group(4))
    except ValueError as exc:
        return str(exc)
    if start > last:
        return f"period starts ({start}) after it ends ({last})"
    return (code, start, _day_after(last), several)


def _agent(
    number: int, raw: str, name_part: str, blocks: list[str], subst: dict[str, list[str]], problems: list[Problem]
) -> tuple[int, str, list[str], str] | None:
    """One agent line -> (line, raw, forms, code); None (and a problem) if it cannot be read."""
    block = next(b for b in blocks if "~" in b).strip().replace(" ", "").upper()
    body = block.strip("~")
    if not _AGENT_TEXT.match(body) or block.count("~") != 1:
        problems.append((number, raw, f"not an agent code: [{block}]"))
        return None
    code = "~" + body if block.startswith("~") else body + "~"
    plurals = _PLURALS.findall(name_part)
    word = _PLURALS.sub("", name_part).strip()
    if not word:
        problems.append((number, raw, "agent line without a word"))
        return None
    expanded = _expand(word, subst)
    if isinstance(expanded, str):
        problems.append((number, raw, expanded))
        return None
    forms = list(expanded)
    if plurals:
        forms += [p.strip() for group in plurals for p in group.split(",") if p.strip()]
    elif not _SET.search(word):
        forms += [_plural(f) for f in expanded]
    return (number, raw, forms, code)


def _plural(word: str) -> str:
    """PETRARCH's regular plural of an agent: +S, Y -> IES, SS -> ES (on the last word)."""
    upper = word.upper()
    if upper.endswith("Y") and not upper.endswith(("AY", "EY", "OY", "UY")):
        return word[:-1] + "IES"
    if upper.endswith(("SS", "SH", "CH", "X")):
        return word + "ES"
    return word + "S"


def _expand(word: str, subst: dict[str, list[str]]) -> list[str] | str:
    """Every form of `word` with its !SET!s replaced by their members (members may name sets
    in turn), or a problem: an unknown set, a set that contains itself, too many forms."""
    resolved: dict[str, list[str]] = {}
    forms = [word]
    for name in _SET.findall(word):
        members = _members(name, subst, resolved, ())
        if isinstance(members, str):
            return members
        out: list[str] = []
        for form in forms:
            at = form.find(f"!{name}!")
            if at < 0:
                out.append(form)
                continue
            if len(out) + len(members) > MAX_FORMS:
                return f"expands to more than {MAX_FORMS:,} forms"
            out.extend(form[:at] + member + form[at + len(name) + 2 :] for member in members)
        forms = out
    return [f for f in forms if f]


def _members(name: str, subst: dict[str, list[str]], resolved: dict[str, list[str]], path: tuple[str, ...]) -> list[str] | str:
    """The flat members of set `name` (its members' own sets expanded); a cycle is a problem."""
    if name in resolved:
        return resolved[name]
    if name in path:
        return f"substitution set !{path[0]}! contains itself"
    members = subst.get(name)
    if members is None:
        return f"unknown substitution set !{name}!"
    flat: list[str] = []
    for member in members:
        expanded = [member]
        for inner in _SET.findall(member):
            sub = _members(inner, subst, resolved, (*path, name))
            if isinstance(sub, str):
                return sub
            expanded = [e.replace(f"!{inner}!", s, 1) for e in expanded for s in sub]
            if len(flat) + len(expanded) > MAX_FORMS:
                return f"expands to more than {MAX_FORMS:,} forms"
        flat.extend(expanded)
    resolved[name] = flat
    return flat


def _fits(name: str, vocab: ActorVocabulary) -> bool:
    return 0 < len(name_key(name, vocab.articles)) <= MAX_PHRASE


def _convert(
    entry: _Entry,
    out: dict[str, list[dict[str, Any]]],
    where: dict[int, int],
    problems: list[Problem],
    lines: list[str],
    vocab: ActorVocabulary,
    acronyms: frozenset[str],
) -> None:
    raw = lines[entry.line - 1]
    names = []
    for written in entry.names:
        name = _pretty(written, acronyms, vocab.display.lower_case)
        if _fits(name, vocab):
            names.append(name)
        else:
            problems.append((entry.line, raw, f"name {name!r} is empty or longer than {MAX_PHRASE} words"))
    if not names:
        return
    if not entry.codes:
        if not entry.unread:  # else its unreadable code is the problem already named
            problems.append((entry.line, raw, "entry has no code"))
        return
    codes = [c for c in entry.codes if c[0] != NULL_CODE]
    if len(codes) < len(entry.codes):
        problems.append((entry.line, raw, "null code [---]: " + ("the name is left out" if not codes else "that period is left out")))
    if not codes:
        return
    undated = [c for c in codes if c[1] is None and c[2] is None]
    dated = [c for c in codes if c[1] is not None or c[2] is not None]
    default = undated[-1][0] if undated else None
    states = vocab.codes.non_state | vocab.codes.regions
    current = _current_state(default, dated)
    if re.match(r"^[A-Z]{3}$", current) and current not in states and (default is None or re.match(r"^[A-Z]{3}$", default)):
        # more names for a state. A state coded by date (Zimbabwe: RHO until 1979, then ZBW;
        # Armenia: USRARM, a Soviet republic, until 1990) is its current code, the open-ended
        # period's (else the undated one, else the latest), with the dated codes as roles for
        # events of those days
        record: dict[str, Any] = {"code": current, "names": names}
        if dated:
            record["roles"] = [{k: v for k, v in {"code": c, "start": s, "end": e}.items() if v is not None} for c, s, e in dated]
        out["states"].append(record)
        where[id(record)] = entry.line
        return
    record = {"name": names[0]}
    if len(names) > 1:
        aliases = sorted(set(names[1:]) - {names[0]})
        if aliases:
            record["aliases"] = aliases
    base = _split_code(default or dated[-1][0], vocab)
    if default is not None and not (default in vocab.codes.actor_types and dated):
        record.update({k: v for k, v in base.items() if v is not None})
    else:
        # only dated codes (or a bare "[ELI]" beside them): outside them, the home country
        # as an elite, if the roles name one
        home = next((_split_code(c, vocab)["country"] for c, _, _ in reversed(dated) if c[:3] not in vocab.codes.non_state), None)
        if home is not None:
            record["country"] = home
        if default in vocab.codes.actor_types:
            record["sector"] = default
    if dated:
        record["roles"] = [
            {k: v for k, v in {**_split_code(code, vocab), "start": start, "end": end}.items() if v is not None}
            for code, start, end in dated
        ]
        # a person's name has no acronyms: "YI_SONG_UN_" is "Yi Song Un"
        people = [_pretty(w, frozenset(), vocab.display.lower_case) for w in entry.names]
        people = [n for n in people if _fits(n, vocab)]
        record["name"] = people[0]
        aliases = sorted(set(people[1:]) - {people[0]})
        if aliases:
            record["aliases"] = aliases
        else:
            record.pop("aliases", None)
        out["people"].append(record)
    else:
        out["organisations"].append(record)
    where[id(record)] = entry.line


def _current_state(default: str | None, dated: list[tuple[str, str | None, str | None]]) -> str:
    open_ended = [c for c, start, end in dated if start is not None and end is None]
    if open_ended:
        return open_ended[-1]
    if default is not None:
        return default
    return max(dated, key=lambda c: c[1] or "")[0]


def export_yaml(result: ImportResult, path: str, source: str = "a Phoenix/PETRARCH dictionary") -> None:
    """Write an import as a dragoman actor file, ready for `load_knowledge([path])`."""
    header = (
        f"# Converted by dragoman.actors.phoenix from {source}.\n"
        "# Phoenix dictionaries: MIT licence, (c) 2014 Open Event Data Alliance.\n"
        "# Two-digit years read as 00-29 -> 20xx, 30-99 -> 19xx (PETRARCH's convention);\n"
        "# a period's end is the day after its last day (PETRARCH's limits are inclusive).\n"
    )
    body = yaml.safe_dump(result.entries, allow_unicode=True, sort_keys=False, width=120)
    Path(path).write_text(header + body, encoding="utf-8")
