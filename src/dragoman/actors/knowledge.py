"""The actor knowledge base: data files in, one picklable `ActorKnowledge` out.

`load_knowledge()` reads the built-in YAML files under `dragoman/data/actors/`
(in name order) and then any user files, validates every entry (a bad entry is
a `KnowledgeError` naming the file, line and entry), and compiles them into
plain dicts keyed by normalised token tuples, so that resolution is a handful
of dict lookups per noun phrase.

File format (the same for built-in and user files; every section optional)::

    states:          # a country (or region): its code, names, demonyms
      - code: IRN
        names: [Iran, Islamic Republic of Iran, Persia]
        demonyms: [Iranian, Iranians]
    places:          # capitals and seats of power used as metonyms
      - names: [Tehran]
        code: IRNGOV              # or country: IRN + sector: GOV
    sectors:         # words for kinds of actor: sector code -> words
      GOV:
        person: [president, foreign minister]   # words naming one individual
        group: [government, administration]     # words naming a body
    agents:          # PETRARCH agents: code -> words, the code composed into the actor's
      "~GOVFRM": [foreign minister]             # "Arnor's foreign minister" -> ARNGOVFRM
      "NGO~": [msf]                             # before the actor's code: NGOARNGOV
      "~CVL": {words: [village], alone: false}  # names an actor only with an owner
    organisations:   # IGOs, armed groups, parties, media, firms, NGOs
      - name: United Nations
        aliases: [UN, U.N.]
        code: IGOUNO
        country: IGO
        roles: [...]              # optional, same shape as people's roles
    people:
      - name: Abbas Araghchi
        aliases: [Araghchi, Araqchi]
        country: IRN              # home country, used outside every role
        sector: ELI               # sector outside every role (default ELI)
        roles:
          - {sector: GOV, start: 2024-08-21, end: null, title: foreign minister}
          - {code: IGOUNO, country: IGO, start: 2005, end: 2006}

The same documents may come one per line as JSON (the built-in Phoenix files, which
load far faster than YAML), and PETRARCH/Phoenix text is read as it is (`phoenix`);
`dictionary_format` tells the three apart by their content, and the lines of a
PETRARCH file that cannot be read are `ActorKnowledge.problems`.

Dates are ISO strings, possibly partial (2024, 2024-08, 2024-08-21); `end` is
exclusive and null means "still in office". An alias written in capitals
("UN", "IRGC") only matches capitalised text, so "us" is never the USA; other
names match when their first word is capitalised; sector words match in any
case. Later files win: a user entry with the same name (or, for states, the
same code) replaces the built-in one, and a name claimed by a later file is
taken away from earlier entries.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date as _date
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import KnowledgeError
from ..yamlfile import check_depth, parse_yaml, read_bytes
from .names import MAX_PHRASE as MAX_PHRASE  # re-exported: resolution and coreference read them here
from .names import name_key as name_key
from .names import name_words as name_words
from .names import norm_word as norm_word
from .phoenix import decode_dictionary, parse_phoenix
from .vocabulary import ActorCodes, ActorVocabulary, load_vocabulary

# Cue kinds, in the order a head word prefers them when a phrase is ambiguous.
KIND_PRIORITY = {"person": 0, "org": 1, "place": 2, "state": 3, "demonym": 4, "sector": 5}
ANY_CASE, CAPITALISED, ALL_CAPS = 0, 1, 2

_CODE = re.compile(r"^[A-Z][A-Z0-9]{2,}$")  # CAMEO codes are 3-letter parts; PETRARCH users' own codes may be any (G77)
_COUNTRY = re.compile(r"^[A-Z]{3}$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


# ---------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class Role:
    """A period in which an entity is coded `code` (end exclusive, None = open)."""

    code: str
    country: str
    sector: str | None
    start: str | None = None
    end: str | None = None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    """Something with a name that resolves to a code: a state, place, body or person."""

    key: str  # canonical name ("Abbas Araghchi", "Iran", "Tehran")
    kind: str  # state | place | org | person
    code: str | None
    country: str | None
    sector: str | None
    roles: tuple[Role, ...] = ()
    source: str = ""  # file:line it was read from


@dataclass(frozen=True, slots=True)
class Cue:
    """What a matched phrase tells: an entity, a demonym, or a sector word."""

    kind: str  # person | org | place | state | demonym | sector
    entity: str | None  # key into Knowledge.entities
    sector: str | None = None  # for sector words
    person: bool = False  # sector word naming one individual ("minister")
    case: int = ANY_CASE
    whole: bool = False  # "The Guardian", "The National": only a phrase of its own, never "Guardian Council"
    agent: str | None = None  # a PETRARCH agent's code ("GOVFRM"), composed into the actor's code
    prefix: bool = False  # the agent's code goes before the actor's ("NGO~": NGOARNGOV)
    alone: bool = True  # False: the word names an actor only with an owner in the phrase ("Iranian ...")


@dataclass(frozen=True)
class ActorKnowledge:
    """Everything resolution needs; plain data, so it pickles to workers."""

    lexicon: dict[tuple[str, ...], tuple[Cue, ...]]
    entities: dict[str, Entity]
    fuzzy: dict[str, tuple[str, ...]]  # consonant skeleton -> entity keys
    fingerprint: str
    files: tuple[str, ...]
    vocab: ActorVocabulary
    max_phrase: int = MAX_PHRASE
    person_titles: frozenset[str] = field(default_factory=frozenset)
    fuzzy_index: dict[tuple[str, int], tuple[str, ...]] = field(default_factory=dict)  # (initial, length) -> skeletons
    words: frozenset[str] = field(default_factory=frozenset)  # every word of every name: a phrase with none names no one
    problems: tuple[str, ...] = ()  # "path:line: reason: text" for each dictionary line that could not be read

    def entity(self, key: str) -> Entity | None:
        return self.entities.get(key)

    def lookup(self, phrase: str) -> tuple[Cue, ...]:
        """Cues for a phrase as written ("the U.S."), ignoring case rules."""
        return self.lexicon.get(name_key(phrase, self.vocab.articles), ())


# ---------------------------------------------------------------- normalising


def case_rule(alias: str) -> int:
    letters = [c for c in alias if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) > 1:
        return ALL_CAPS
    return CAPITALISED


def skeleton(text: str) -> str:
    """A transliteration-tolerant key: first letter, then consonants with similar sounds merged."""
    s = norm_word(text).replace(" ", "")
    if not s:
        return ""
    first, s = s[0], s[1:]
    s = s.replace("ph", "f").replace("kh", "k").replace("gh", "k").replace("dj", "j")
    s = s.translate(str.maketrans("qgcwz", "kkkvs", "aeiouyh-'"))
    out = [first]
    for ch in s:
        if out[-1] != ch:
            out.append(ch)
    return "".join(out)


# ---------------------------------------------------------------- dates


def date_bounds(value: str) -> tuple[str, str]:
    """The first and last day a partial ISO date can mean ("2025" -> Jan 1, Dec 31)."""
    if len(value) >= 10:
        return value[:10], value[:10]
    if len(value) == 7:
        return value + "-01", value + "-31"
    if len(value) == 4:
        return value + "-01-01", value + "-12-31"
    if len(value) == 3 and value.isdigit():  # a decade, "201" = the 2010s
        return value + "0-01-01", value + "9-12-31"
    raise ValueError(f"not an ISO date: {value!r}")


def _day(value: str) -> _date:
    y, m, d = int(value[:4]), int(value[5:7]), int(value[8:10])
    while d > 28:
        try:
            return _date(y, m, d)
        except ValueError:
            d -= 1
    return _date(y, m, d)


def role_at(roles: Sequence[Role], when: str | None, prefer: str | None = None) -> Role | None:
    """The role held at `when` (a partial ISO date), or the longest-held role if None.

    A partial date is a period: a role counts if it covers at least half of it
    ("2021" is not Trump's first term, which ended on 20 January 2021), or any
    part of it when the phrase's title agrees (`prefer`: "leader" -> GOV, so
    "the Palestinian leader Mahmoud Abbas" in "2004" is in office).
    """
    if not roles:
        return None
    if when is None:
        # No date to go by: the role the person held longest (Blair is a British
        # prime minister before he is a Quartet envoy). An open role counts four years.
        return max(roles, key=_role_length)
    lo, hi = date_bounds(when)
    best: tuple[int, Role] | None = None
    span = (_day(hi) - _day(lo)).days + 1
    for role in roles:
        start = max(lo, _pad(role.start, "01-01") if role.start else lo)
        end = min(hi, _prev(role.end)) if role.end else hi
        if start > end:
            continue
        covered = (_day(end) - _day(start)).days + 1
        if best is None or covered > best[0] or (covered == best[0] and (role.start or "") > (best[1].start or "")):
            best = (covered, role)
    if best is None:
        return None
    if best[0] * 2 < span and best[1].sector != prefer:
        return None
    return best[1]


def _role_length(role: Role) -> int:
    if not role.start:
        return 0
    start = _day(_pad(role.start, "01-01"))
    if not role.end:
        return 4 * 365
    return (_day(_pad(role.end, "01-01")) - start).days


def _pad(value: str, tail: str) -> str:
    if len(value) == 4:
        return f"{value}-{tail}"
    if len(value) == 7:
        return f"{value}-{tail[-2:]}"
    return value


def _prev(end: str) -> str:
    day = _day(_pad(end, "01-01"))
    return (day.fromordinal(day.toordinal() - 1)).isoformat()


# ---------------------------------------------------------------- loading


BUILTIN_ORDER = ("states.yaml", "capitals.yaml", "places.yaml", "sectors.yaml", "organisations.yaml", "people.yaml")
PHOENIX_ORDER = ("countries.jsonl", "international.jsonl", "milnonstate.jsonl", "agents.jsonl")
SECTIONS = ("states", "places", "sectors", "agents", "organisations", "people")
_YAML_KEY = re.compile(r"^(---|\.\.\.|[A-Za-z_]+\s*:(\s|$))")


def builtin_files() -> list[str]:
    """The package's actor files, in the order they are layered (later files win): the
    converted Phoenix dictionaries, then the generated states, then the hand-written files."""
    folder = resources.files("dragoman") / "data" / "actors"
    phoenix = {Path(str(p)).name: str(p) for p in (folder / "phoenix").iterdir() if str(p).endswith(".jsonl")}
    found = {Path(str(p)).name: str(p) for p in folder.iterdir() if str(p).endswith((".yaml", ".yml"))}
    first = [phoenix.pop(name) for name in PHOENIX_ORDER if name in phoenix] + [phoenix[n] for n in sorted(phoenix)]
    first += [found.pop(name) for name in BUILTIN_ORDER if name in found]
    return first + [found[name] for name in sorted(found)]


def dictionary_format(text: str) -> str:
    """What kind of actor dictionary `text` is, from its first line that holds something:
    "jsonl" (one JSON actor document per line), "yaml" (dragoman's sections), or
    "petrarch" (PETRARCH/Phoenix actors or agents: `NAME [CODE]`, `+NAME`, `WORD [~GOV]`)."""
    for line in text.splitlines():
        stripped = line.strip().lstrip("\ufeff")
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("{"):
            return "jsonl"
        if _YAML_KEY.match(stripped):
            return "yaml"
        return "petrarch"
    return "yaml"


def load_knowledge(
    extra_files: Sequence[str] = (),
    *,
    builtin: bool = True,
    vocab: ActorVocabulary | None = None,
    agent_files: Sequence[str] = (),
) -> ActorKnowledge:
    """Read the built-in actor files (unless `builtin` is False), then `extra_files` and
    `agent_files`; later entries win. Each file is dragoman YAML, dragoman JSON lines, or
    PETRARCH/Phoenix text (actors or agents), told apart by its content. A PETRARCH line that
    cannot be read is one of the result's `problems`; a YAML entry that breaks the schema is a
    KnowledgeError.

    The words for kinds of actor ("minister", "leaders", "population") are one vocabulary: a
    user who names an agents file gets its words alone, the built-in sector and agent words
    are not read (as a user's verb file is the only reading of the verbs it lists). Built-in
    states, places, bodies and people stay.

    `vocab` is the actor vocabulary (data/actor_words.yaml by default); it is read with
    `builtin=False` too."""
    digest = hashlib.sha256()
    if vocab is None:
        vocab, raw_vocab = load_vocabulary()
        digest.update(b"actor_words.yaml\0" + raw_vocab + b"\0")
    builtins = builtin_files() if builtin else []
    paths = builtins + [str(p) for p in (*extra_files, *agent_files)]
    builder = _Builder(vocab)
    for path in paths:
        builder.kinds_of_actor = not (agent_files and path in builtins)
        raw = read_bytes(path, "actor dictionary")
        digest.update(Path(path).name.encode() + b"\0" + raw + b"\0")
        # the imported Phoenix knowledge is matched as written: near misses ("Arakchee") are looked
        # for only among the project's and the user's names (27,000 obscure names would make
        # every unknown name someone, and the search slow)
        builder.add_file(path, raw, fuzzy=not (builtin and Path(path).parent.name == "phoenix"))
    return builder.build(digest.hexdigest(), tuple(paths))


def parse_actor_yaml(path: str, text: str) -> dict[str, Any]:
    data = parse_yaml(text, path, lines=True)
    if data is None:
        return {}
    return _sections(path, data)


def _sections(path: str, data: Any, line: int | None = None) -> dict[str, Any]:
    at = f"{path}:{line}" if line else path
    if not isinstance(data, dict):
        raise KnowledgeError(f"{at}: expected a mapping of sections ({', '.join(SECTIONS)})")
    unknown = set(data) - {*SECTIONS, "__line__"}
    if unknown:
        raise KnowledgeError(f"{at}: unknown section(s) {sorted(unknown)}; expected {', '.join(SECTIONS)}")
    return data


def _json_lines(path: str, text: str) -> Iterable[dict[str, Any]]:
    """The actor documents of a JSON-lines file, each entry marked with its line."""
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        try:
            data = json.loads(stripped)
        except ValueError as exc:
            raise KnowledgeError(f"{path}:{number}: not a JSON actor document ({exc})") from None
        except RecursionError:
            raise KnowledgeError(f"{path}:{number}: nested too deeply to be an actor document") from None
        check_depth(data, f"{path}:{number}")
        data = _sections(path, data, number)
        for section, value in data.items():
            for item in value if isinstance(value, list) else value.values() if section == "sectors" else [value]:
                if isinstance(item, dict):
                    item["__line__"] = number
        data["__line__"] = number
        yield data


class _Builder:
    """Collects validated entries from files in order; later files win."""

    def __init__(self, vocab: ActorVocabulary) -> None:
        self.vocab = vocab
        self.entities: dict[str, Entity] = {}
        # key -> slot -> (cue, entity, file number); one slot per kind of cue and file
        self.names: dict[tuple[str, ...], dict[str, tuple[Cue, str, int]]] = {}
        self.owned: dict[str, list[tuple[tuple[str, ...], str]]] = {}  # entity -> its name slots
        self.problems: list[str] = []
        self.file = 0  # the number of the file being read: a name a later file claims is taken from earlier ones
        self.fuzzy = True  # whether the file's people and bodies are looked for by near misses
        self.exact_only: set[str] = set()  # entities matched only as written
        self.imported = False  # whether the file being read is Phoenix's knowledge (built in or the user's)
        self.state_rank: dict[str, int] = {}  # state key -> how its shown name was set (see _state)
        self.kinds_of_actor = True  # whether the file's sector and agent words are read (see load_knowledge)

    # -- helpers
    def _where(self, path: str, entry: Any, what: str) -> str:
        line = entry.get("__line__") if isinstance(entry, dict) else None
        return f"{path}:{line}: {what}" if line else f"{path}: {what}"

    def _claim(self, alias: str, cue: Cue, where: str) -> None:
        key = name_key(alias, self.vocab.articles)
        if not key:
            raise KnowledgeError(f"{where}: name {alias!r} has no words")
        if len(key) > MAX_PHRASE:
            raise KnowledgeError(f"{where}: name {alias!r} is longer than {MAX_PHRASE} words")
        slots = self.names.setdefault(key, {})
        if slots and any(f < self.file for _, _, f in slots.values()):
            # a later file claims the name: whatever earlier files made of it goes
            for old in [s for s, (_, _, f) in slots.items() if f < self.file]:
                del slots[old]
        # A name belongs to one entity per kind within a file.
        slot = cue.kind if cue.kind != "sector" else f"sector:{cue.agent or cue.sector}"
        held = slots.get(slot)
        if held is not None and held[1] == (cue.entity or "") and held[0].case < cue.case:
            return  # "Hamas" and "HAMAS" for one body: the looser case rule stands
        slots[slot] = (cue, cue.entity or "", self.file)
        if cue.entity:
            self.owned.setdefault(cue.entity, []).append((key, slot))

    def _drop_entity(self, entity: str) -> None:
        """Forget the names an entity had, when a later entry redefines it."""
        for key, slot in self.owned.pop(entity, []):
            held = self.names.get(key, {}).get(slot)
            if held is not None and held[1] == entity:
                del self.names[key][slot]

    # -- files and sections
    def add_file(self, path: str, raw: bytes, fuzzy: bool = True) -> None:
        self.file += 1
        self.fuzzy = fuzzy
        text, note = _decode(path, raw)
        if note:
            self.problems.append(note)
        kind = dictionary_format(text)
        self.imported = not fuzzy or kind == "petrarch"  # Phoenix's knowledge, built in or the user's
        if kind == "yaml":
            self.add_data(path, parse_actor_yaml(path, text))
        elif kind == "jsonl":
            for data in _json_lines(path, text):
                self.add_data(path, data)
        else:
            result = parse_phoenix(text, self.vocab)
            found = [(line, f"{path}:{line}: {reason}: {written.strip()}") for line, written, reason in result.problems]
            lines = text.splitlines()
            for section, value in result.entries.items():
                if section == "agents":
                    self.add_data(path, {"agents": value})
                    continue
                for item in value:
                    line = result.line_of(item)
                    item["__line__"] = line
                    try:
                        self.add_data(path, {section: [item]})
                    except KnowledgeError as exc:  # an entry the reader made but dragoman cannot take
                        shown = lines[line - 1].strip() if line else ""
                        found.append((line or 0, f"{path}:{line}: {str(exc).split(': ', 2)[-1]}: {shown}"))
            self.problems.extend(text for _, text in sorted(found, key=lambda p: p[0]))

    def add_data(self, path: str, data: dict[str, Any]) -> None:
        for entry in _as_list(path, data, "states"):
            self._state(path, entry)
        for entry in _as_list(path, data, "places"):
            self._place(path, entry)
        sectors = data.get("sectors")
        if sectors is not None and self.kinds_of_actor:
            self._sectors(path, sectors)
        agents = data.get("agents")
        if agents is not None and self.kinds_of_actor:
            self._agents(path, agents, data.get("__line__"))
        for entry in _as_list(path, data, "organisations"):
            self._named(path, entry, "org")
        for entry in _as_list(path, data, "people"):
            self._named(path, entry, "person")

    def _state(self, path: str, entry: Any) -> None:
        _check_keys(path, entry, {"code", "name", "names", "demonyms", "roles"}, "state")
        code = _text(path, entry, "code", required=True)
        if not _COUNTRY.match(code):
            raise KnowledgeError(self._where(path, entry, f"state code {code!r} must be three capital letters"))
        names = _strings(path, entry, "names")
        canonical = _text(path, entry, "name") or (names[0] if names else code)
        key = f"state:{code}"
        where = self._where(path, entry, f"state {code}")
        roles = tuple(_state_role(where, i, r) for i, r in enumerate(_as_list(path, entry, "roles")))
        held = self.entities.get(key)
        # the name a state is shown by: an explicit `name` (a later one wins), else the first
        # name of the first file that is not an import (dragoman's states.yaml, not Phoenix's
        # "Leipzig" for DEU), else the import's; dated roles read before stay unless given anew
        rank = 2 if entry.get("name") else (0 if self.imported else 1)
        if held is None or rank == 2 or rank > self.state_rank.get(key, 0):
            self.entities[key] = Entity(key=canonical, kind="state", code=code, country=code, sector=None,
                                        roles=roles or (held.roles if held else ()), source=where)  # fmt: skip
            self.state_rank[key] = rank
        elif roles and not held.roles:
            self.entities[key] = replace(held, roles=roles)
        for alias in [canonical, *names]:
            self._claim(alias, Cue("state", key, case=case_rule(alias) if len(alias) <= 4 else CAPITALISED), where)
        for alias in _strings(path, entry, "demonyms"):
            self._claim(alias, Cue("demonym", key, case=CAPITALISED), where)

    def _place(self, path: str, entry: Any) -> None:
        _check_keys(path, entry, {"name", "names", "code", "country", "sector"}, "place")
        names = _strings(path, entry, "names")
        canonical = _text(path, entry, "name") or (names[0] if names else "")
        if not canonical:
            raise KnowledgeError(self._where(path, entry, "place has no name"))
        where = self._where(path, entry, f"place {canonical!r}")
        code, country, sector = _code_fields(where, entry, self.vocab.codes)
        key = f"place:{canonical}"
        self._drop_entity(key)
        self.entities[key] = Entity(key=canonical, kind="place", code=code, country=country, sector=sector, source=where)
        for alias in [canonical, *names]:
            self._claim(alias, Cue("place", key, case=case_rule(alias)), where)

    def _sectors(self, path: str, sectors: Any) -> None:
        if not isinstance(sectors, dict):
            raise KnowledgeError(f"{path}: 'sectors' must map a sector code to its words")
        for code, body in sectors.items():
            if code == "__line__":
                continue
            where = self._where(path, body, f"sector {code!r}")
            if not isinstance(code, str) or not re.match(r"^[A-Z]{3}$", code):
                raise KnowledgeError(f"{where}: sector code must be three capital letters")
            _check_keys(path, body, {"person", "group"}, f"sector {code}")
            for alias in _strings(path, body, "person"):
                self._claim(alias, Cue("sector", None, sector=code, person=True), where)
            for alias in _strings(path, body, "group"):
                self._claim(alias, Cue("sector", None, sector=code, person=False), where)

    def _agents(self, path: str, agents: Any, line: Any) -> None:
        """PETRARCH agents: code ("~GOVFRM" after the actor's code, "NGO~" before it) -> words."""
        where = f"{path}:{line}: agents" if line else f"{path}: agents"
        if not isinstance(agents, dict):
            raise KnowledgeError(f"{where}: 'agents' must map an agent code (~GOV, NGO~) to its words")
        for code, words in agents.items():
            if code == "__line__":
                continue
            body = code.strip("~") if isinstance(code, str) else ""
            if not isinstance(code, str) or code.count("~") != 1 or not code.strip().startswith("~") and not code.endswith("~") or not _CODE.match(body):
                raise KnowledgeError(f"{where}: {code!r} is not an agent code (~GOV, ~GOVFRM, NGO~)")
            if not re.match(r"^([A-Z]{3})+$", body):
                raise KnowledgeError(f"{where}: agent code {code!r} must be made of 3-letter parts")
            alone = True
            if isinstance(words, dict):
                body_keys = {k: v for k, v in words.items() if k != "__line__"}
                if set(body_keys) - {"words", "alone"} or not isinstance(body_keys.get("alone", True), bool):
                    raise KnowledgeError(f"{where}: {code}: expected a list of words, or {{words: [...], alone: true/false}}")
                alone = body_keys.get("alone", True)
                words = body_keys.get("words")
            if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
                raise KnowledgeError(f"{where}: {code}: expected a list of words (quote yes/no/on/off)")
            prefix = code.endswith("~")
            for word in words:
                cue = Cue("sector", None, sector=body[:3], agent=body, prefix=prefix, alone=alone)
                self._claim(word, cue, f"{where} {code}")

    def _named(self, path: str, entry: Any, kind: str) -> None:
        what = "person" if kind == "person" else "organisation"
        _check_keys(path, entry, {"name", "aliases", "code", "country", "sector", "roles", "note"}, what)
        name = _text(path, entry, "name", required=True)
        where = self._where(path, entry, f"{what} {name!r}")
        raw_roles = _as_list(path, entry, "roles")
        code: str | None
        country: str | None
        sector: str | None
        if kind == "person" and raw_roles and entry.get("code") is None and entry.get("country") is None:
            # known only by the offices held (a UN secretary-general): outside them, nobody's elite
            code, country, sector = None, None, (_text(path, entry, "sector") or "ELI")
        else:
            code, country, sector = _code_fields(where, entry, self.vocab.codes, default_sector="ELI" if kind == "person" else None)
        roles = tuple(_role(where, i, r, country or "", self.vocab.codes) for i, r in enumerate(raw_roles))
        key = f"{kind}:{name}"
        self._drop_entity(key)
        self.entities[key] = Entity(key=name, kind=kind, code=code, country=country, sector=sector, roles=roles, source=where)
        if self.fuzzy:
            self.exact_only.discard(key)
        else:
            self.exact_only.add(key)
        for alias in [name, *_strings(path, entry, "aliases")]:
            # a one-word name of a "The ..." body (The Guardian, The National) is too common a word
            # to stand inside a longer phrase: "Guardian Council" is not the newspaper
            whole = kind == "org" and name.lower().startswith("the ") and len(name_key(alias, self.vocab.articles)) == 1
            self._claim(alias, Cue(kind, key, case=case_rule(alias), whole=whole), where)

    def build(self, fingerprint: str, files: tuple[str, ...]) -> ActorKnowledge:
        lexicon: dict[tuple[str, ...], tuple[Cue, ...]] = {}
        titles: set[str] = set()
        for phrase, slots in self.names.items():
            if not slots:
                continue
            cues = sorted((cue for cue, _, _ in slots.values()), key=lambda c: KIND_PRIORITY[c.kind])
            lexicon[phrase] = tuple(cues)
            if any(c.kind == "sector" and c.person for c in cues):
                titles.add(phrase[-1])
        fuzzy: dict[str, list[str]] = {}
        for key, entity in self.entities.items():
            if entity.kind not in ("person", "org") or key in self.exact_only:
                continue
            words = name_words(entity.key)
            probes = {entity.key}
            if entity.kind == "person" and any(len(k) == 1 for k, _ in self.owned.get(key, ())):
                # a surname alone is a near miss only of people the dictionaries name by it alone
                # ("Trump"): Phoenix's thousands of full names would make "Jones" anyone
                probes.add(words[-1])
            for probe in probes:
                sk = skeleton(probe)
                if len(sk) >= 3:
                    fuzzy.setdefault(sk, []).append(key)
        index: dict[tuple[str, int], list[str]] = {}
        for sk in fuzzy:
            for size in (len(sk) - 1, len(sk), len(sk) + 1):
                index.setdefault((sk[0], size), []).append(sk)
        return ActorKnowledge(
            lexicon=lexicon,
            entities=dict(self.entities),
            fuzzy={k: tuple(v) for k, v in fuzzy.items()},
            fuzzy_index={k: tuple(v) for k, v in index.items()},
            fingerprint=fingerprint,
            files=files,
            vocab=self.vocab,
            person_titles=frozenset(titles),
            words=frozenset(w for key in lexicon for w in key),
            problems=tuple(self.problems),
        )


# ---------------------------------------------------------------- validation helpers


def _as_list(path: str, data: Any, key: str) -> list[Any]:
    value = data.get(key) if isinstance(data, dict) else None
    if value is None:
        return []
    if not isinstance(value, list):
        line = data.get("__line__", "?")
        raise KnowledgeError(f"{path}:{line}: {key!r} must be a list")
    return value


def _check_keys(path: str, entry: Any, allowed: set[str], what: str) -> None:
    if not isinstance(entry, dict):
        raise KnowledgeError(f"{path}: each {what} entry must be a mapping, got {entry!r}")
    unknown = set(entry) - allowed - {"__line__"}
    if unknown:
        line = entry.get("__line__", "?")
        raise KnowledgeError(f"{path}:{line}: {what} entry has unknown key(s) {sorted(unknown)}; allowed: {sorted(allowed)}")


def _text(path: str, entry: dict[str, Any], key: str, required: bool = False) -> str:
    value = entry.get(key)
    if value is None:
        if required:
            raise KnowledgeError(f"{path}:{entry.get('__line__', '?')}: entry lacks {key!r}")
        return ""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise KnowledgeError(f"{path}:{entry.get('__line__', '?')}: {key!r} must be text, got {value!r} (quote it)")
    return str(value)


def _strings(path: str, entry: dict[str, Any], key: str) -> list[str]:
    value = entry.get(key)
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise KnowledgeError(f"{path}:{entry.get('__line__', '?')}: {key!r} must be a list of names (quote yes/no/on/off)")
    return value


def _code_fields(
    where: str, entry: dict[str, Any], codes: ActorCodes, default_sector: str | None = None
) -> tuple[str, str, str | None]:
    non_state = codes.non_state
    code = entry.get("code")
    country = entry.get("country")
    sector = entry.get("sector", default_sector)
    for label, value in (("code", code), ("country", country), ("sector", sector)):
        if value is not None and not isinstance(value, str):
            raise KnowledgeError(f"{where}: {label} must be text, got {value!r}")
    if code is not None and not _CODE.match(code):
        raise KnowledgeError(f"{where}: code {code!r} is not a CAMEO code (capital letters: IRN, IRNGOV, IGOUNO)")
    if country is None:
        if code is None:
            raise KnowledgeError(f"{where}: needs a code or a country")
        country = code[:3]
    if not _COUNTRY.match(country):
        raise KnowledgeError(f"{where}: country {country!r} must be three capital letters (or IGO/NGO/IMG)")
    if sector is not None and not re.match(r"^[A-Z]{3}$", sector):
        raise KnowledgeError(f"{where}: sector {sector!r} must be three capital letters")
    if code is None:
        code = country + (sector or "") if country not in non_state else country
    elif "sector" not in entry and len(code) >= 6 and country not in non_state and code[3:6] in codes.actor_types:
        sector = code[3:6]  # USAGUM (Guam) is a territory, not a sector
    return code, country, sector


def _iso(where: str, value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, _date):
        return value.isoformat()
    text = str(value)
    if isinstance(value, bool) or not _DATE.match(text):
        raise KnowledgeError(f"{where}: date {value!r} must be ISO (2024, 2024-08 or 2024-08-21)")
    return text


def _state_role(where: str, index: int, raw: Any) -> Role:
    """A period in which a state had another code (Zimbabwe: RHO until 1979-06-07)."""
    if not isinstance(raw, dict):
        raise KnowledgeError(f"{where}: role {index + 1} must be a mapping")
    here = f"{where}, role {index + 1}"
    unknown = set(raw) - {"code", "start", "end", "__line__"}
    if unknown:
        raise KnowledgeError(f"{here}: unknown key(s) {sorted(unknown)}; a state's role has code, start, end")
    code = raw.get("code")
    if not isinstance(code, str) or not _CODE.match(code) or not _COUNTRY.match(code[:3]):
        raise KnowledgeError(f"{here}: code {code!r} must be a country code (RHO, or USRARM: a part of one)")
    start, end = _iso(here, raw.get("start")), _iso(here, raw.get("end"))
    if start and end and date_bounds(start)[0] >= date_bounds(end)[0]:
        raise KnowledgeError(f"{here}: starts ({start}) on or after it ends ({end})")
    return Role(code=code, country=code[:3], sector=None, start=start, end=end)


def _decode(path: str, raw: bytes) -> tuple[str, str | None]:
    """The file's text; a PETRARCH dictionary that is not UTF-8 is read as Latin-1 (with a note)."""
    try:
        return decode_dictionary(raw, path, latin1=False)
    except KnowledgeError:
        text = raw.decode("latin-1")
        if dictionary_format(text) != "petrarch":
            raise
        return decode_dictionary(raw, path, latin1=True)


def _role(where: str, index: int, raw: Any, home: str, codes: ActorCodes) -> Role:
    if not isinstance(raw, dict):
        raise KnowledgeError(f"{where}: role {index + 1} must be a mapping")
    here = f"{where}, role {index + 1}"
    unknown = set(raw) - {"code", "country", "sector", "start", "end", "title", "__line__"}
    if unknown:
        raise KnowledgeError(f"{here}: unknown key(s) {sorted(unknown)}")
    fields = dict(raw)
    fields.setdefault("country", home if not raw.get("code") else None)
    fields.pop("title", None)
    code, country, sector = _code_fields(here, {k: v for k, v in fields.items() if k in ("code", "country", "sector")}, codes)
    start, end = _iso(here, raw.get("start")), _iso(here, raw.get("end"))
    if start and end and date_bounds(start)[0] >= date_bounds(end)[0]:
        raise KnowledgeError(f"{here}: starts ({start}) on or after it ends ({end})")
    title = raw.get("title")
    return Role(code=code, country=country, sector=sector, start=start, end=end, title=str(title) if title else None)


def iter_entities(knowledge: ActorKnowledge, kind: str | None = None) -> Iterable[Entity]:
    return (e for e in knowledge.entities.values() if kind is None or e.kind == kind)
