"""Read a PETRARCH/TABARI verb dictionary into the lexicon's pattern entries.

    entries, problems = read_petrarch_verbs(text, "CAMEO.2.0.txt", grammar)

The format (PETRARCH2's `dictionaries.rst`), as this reader understands it:

- `#` (or TABARI's `;`) starts a comment anywhere on a line; `<!-- ... -->` lines are
  comments too.
- `&NAME` starts a synonym set; its `+WORD` lines are members (`_` joins the words of
  a phrase; a member may be another set, `+&OTHER`). A set is a word list of the
  lexicon (`@NAME` in dragoman's YAML).
- `--- NAME [CODE] ---` starts a verb block; CODE (or `---`, none) is what the block's
  verbs code when no pattern of the block matches.
- Verb lines name the block's verbs: `SAY {SAYS SAID}`, `+MEET_WITH {...}`,
  `WIRE_+TAP`, each with an optional code of its own, `DISBAND [160]`. The word marked
  `+` (or the first) is the verb; words after it must hang off the verb in the parse
  (particles: "shut down", "meet with"), words before it must come before it ("wire tap").
- Pattern lines `- PRE * POST [CODE]` apply to every verb of the block. PRE words must
  be in the subject or before the verb; in POST, the first noun (or `{MODIFIER HEAD}`)
  is the object's head, `(PREP NOUN)` a preposition on the verb or its object with that
  object, `(PREP)` the preposition alone; `$` and `+` say where the source and the
  target are (`(WITH +)`: the object of "with"); `^` is any phrase.
- Codes: `[042]`; `[042:043]` codes 042 from source to target and 043 back; `[:173]`
  only the event back; `[---]` a match that codes nothing (and stops the search).
- `~ ...` transformation lines (what a verb acting on another codes: "~ a (b . ATTACK) SAY =
  a b 112") are read into `transformations` (coding.transformations), with the classes of
  the verbs they name.

Words are matched against the parse's lemmas and lower-cased forms, so each dictionary
word is kept with its regular singular and plural. A line the reader cannot use is a
problem `(line, text, reason)`: reported, never dropped silently.

The result is the lexicon's `blocks` section (see coding.lexicon): each block's verbs
and its patterns, most specific first (PETRARCH takes the longest match); the lexicon
gives each verb the block's patterns and, last, its isolated code as a condition-free
pattern. Kinds follow from the codes: a plain 010 verb reports what it says (kind
statement), a 03 verb states an intent to do its complement (intent), a 12 verb
refuses it (refusal), 13 codes threaten (threat).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .grammar import Grammar

Problem = tuple[int, str, str]  # (line number, line, reason)

_BLOCK = re.compile(r"^---\s*(.*?)\s*(?:\[([^\]]*)\])?\s*(?:---)?\s*$")
_CODE = re.compile(r"\[([^\]]*)\]\s*$")
_CODE_TEXT = re.compile(r"^[0-9A-Za-z]{2,5}$")
_WORD = re.compile(r"^[A-Za-z0-9&'.\-/]+$")


@dataclass
class _Verb:
    line: int
    lemma: str
    pre: list[str]  # words joined before the verb ("wire tap")
    after: list[str]  # words joined after it ("shut down", "meet with")
    code: str | None  # its own isolated code; None: the block's


@dataclass
class _Block:
    line: int
    name: str
    code: str | None
    verbs: list[_Verb] = field(default_factory=list)
    patterns: list[tuple[int, dict[str, Any]]] = field(default_factory=list)  # (line, raw pattern)


def forms(word: str) -> list[str]:
    """A dictionary word, lower-cased, with its regular singular or plural (PETRARCH makes plurals;
    a word written with a final "_" has none)."""
    w = word.lower().replace("_", " ").strip()
    out = [w]
    if word.endswith("_") or " " in w or not w.isalpha():
        return out
    if w.endswith("ies") and len(w) > 4:
        out.append(w[:-3] + "y")
    elif w.endswith(("sses", "shes", "ches", "xes")):
        out.append(w[:-2])
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        out.append(w[:-1])
    elif w.endswith("y") and len(w) > 2 and w[-2] not in "aeiou":
        out.append(w[:-1] + "ies")
    elif w.endswith(("s", "sh", "ch", "x")):
        out.append(w + "es")
    else:
        out.append(w + "s")
    return out


def _strip(line: str) -> str:
    if line.lstrip().startswith("<!--"):
        return ""
    line = line.replace("[###]", "[DISCARD]")  # the one code that holds a comment sign
    return re.split(r"[#;]", line, maxsplit=1)[0].rstrip().replace("[DISCARD]", "[###]")  # TABARI also comments with ";"


def read_petrarch_verbs(
    text: str, where: str, grammar: Grammar, *, loose_nouns: bool = False
) -> tuple[dict[str, Any], list[Problem]]:
    """The dictionary as a lexicon mapping ({"word_lists": ..., "blocks": ...}) and its problems.

    `loose_nouns`: a lone object word may be any word of the object's phrase, as TABARI matched
    ("* DIPLOMATIC" matches "diplomatic ties"); otherwise it is the phrase's head, as PETRARCH2's
    own dictionary is written ("* AID" is aid, not "aid workers")."""
    lines = text.splitlines()
    problems: list[Problem] = []
    sets: dict[str, list[str]] = {}
    blocks: list[_Block] = []
    current_set: str | None = None
    plural_free = False
    block: _Block | None = None
    transformations: list[tuple[int, str]] = []  # (line, text): read once every verb's code is known
    for number, raw in enumerate(lines, start=1):
        line = _strip(raw)
        stripped = line.strip()
        if not stripped:
            if not raw.strip():
                current_set = None  # a blank line ends a synonym set; a comment line does not
            continue
        if stripped.startswith("&") and " " not in stripped:
            current_set = stripped[1:].rstrip("_").upper()
            sets.setdefault(current_set, [])
            plural_free = stripped.endswith("_")  # "&AUXVERB1_": no plurals for any member
            continue
        if current_set is not None and stripped.startswith("+"):
            member = stripped[1:].strip()
            sets[current_set].append(member + "_" if plural_free and not member.startswith("&") else member)
            continue
        current_set = None
        if stripped.startswith("---"):
            match = _BLOCK.match(stripped.rstrip("-").rstrip() + " ---")
            if match is None:
                problems.append((number, raw, "a block header must be --- NAME [CODE] ---"))
                block = None
                continue
            code = _code(match.group(2) or "---")
            if isinstance(code, str) and code.startswith("!"):
                problems.append((number, raw, code[1:]))
                block = None
                continue
            block = _Block(number, match.group(1), _code_text(code) if isinstance(code, tuple) else None)
            blocks.append(block)
            continue
        if stripped.startswith("~"):
            transformations.append((number, stripped))
            continue
        if block is None:
            problems.append((number, raw, "a verb or pattern line outside any --- block ---"))
            continue
        if stripped.startswith("-"):
            pattern = _pattern(stripped[1:].strip(), number, raw, problems, grammar.prepositions, loose_nouns)
            if pattern is not None and pattern.get("code") != SKIP:
                block.patterns.append((number, pattern))
            continue
        verb = _verb(stripped, number, raw, problems)
        if verb is not None:
            block.verbs.append(verb)
    out_blocks: list[dict[str, Any]] = []
    for b in blocks:
        if not b.verbs:
            if b.patterns:
                problems.append((b.line, lines[b.line - 1], "a block without verbs: its patterns apply to nothing"))
            continue
        usable = []
        for number, pattern in b.patterns:
            unknown = sorted(_sets_in(pattern) - set(sets))
            if unknown:  # PETRARCH ignores such a pattern; so do we, and say so
                problems.append((number, lines[number - 1], f"uses the synonym set &{unknown[0]}, which the file never defines"))
                continue
            usable.append((number, pattern))
        ordered = sorted(usable, key=lambda item: -_specificity(item[1]))
        block_out: dict[str, Any] = {"name": b.name, "line": b.line, "code": b.code or "---"}
        block_out["verbs"] = [_verb_out(v) for v in b.verbs]
        block_out["patterns"] = [_with_kind(p) for _, p in ordered]
        out_blocks.append(block_out)
    word_lists = {name: sorted({f for member in _members(name, sets, set()) for f in forms(member)}) for name in sorted(sets)}
    out: dict[str, Any] = {"word_lists": word_lists, "blocks": out_blocks}
    if transformations:
        out["transformations"] = _transformations(transformations, blocks, problems)
        problems.sort(key=lambda p: p[0])
    return out, problems


def _transformations(lines: list[tuple[int, str]], blocks: list[_Block], problems: list[Problem]) -> list[dict[str, Any]]:
    """The `~` lines that can be read, each with the classes of the verbs it names (a verb's code,
    its own or its block's; with none, its block's verbs): {"rule": line, "line": n, "verbs": ...}."""
    from .transformations import VerbClass, read_transformation, verb_names

    classes: dict[str, VerbClass] = {}
    for b in blocks:
        lemmas = frozenset(v.lemma for v in b.verbs)
        for v in b.verbs:
            code = (v.code or b.code or "").split(":")[0] or None
            classes.setdefault(v.lemma.upper().replace(" ", "_"), VerbClass(code, frozenset() if code else lemmas))
    out: list[dict[str, Any]] = []
    for number, text in lines:
        found = read_transformation(text, classes)
        if isinstance(found, str):
            problems.append((number, text, found))
            continue
        verbs = {name: {"code": classes[name].code, "lemmas": sorted(classes[name].lemmas)} for name in verb_names(text)}
        out.append({"rule": text, "line": number, "verbs": verbs})
    return out


def _verb_out(verb: _Verb) -> dict[str, Any]:
    out: dict[str, Any] = {"verb": verb.lemma}
    if verb.pre:
        out["pre"] = [forms(w) for w in verb.pre]
    if verb.after:
        out["particle"] = list(verb.after)
    if verb.code is not None:
        out["code"] = verb.code or "---"
    return out


def _members(name: str, sets: dict[str, list[str]], seen: set[str]) -> list[str]:
    """A set's words, members that name other sets expanded (a set that contains itself stops there)."""
    out: list[str] = []
    for member in sets.get(name, []):
        if member.startswith("&"):
            inner = member[1:].rstrip("_").upper()
            if inner not in seen:
                out.extend(_members(inner, sets, seen | {name}))
        else:
            out.append(member)  # a final "_" is kept: forms() reads it as "no plural"
    return out


DISCARD = "###"  # TABARI's code for "do not code this sentence"
SKIP = "+++"  # a pattern that neither codes nor stops the search: the next pattern may apply


def _code(text: str) -> tuple[str | None, str | None] | str:
    """(code, reverse code) of a "[...]" text, either None; a string starting "!" is a problem."""
    if text.strip() == DISCARD:
        return (DISCARD, None)
    if text.strip() == SKIP:
        return (SKIP, None)
    parts = [p.strip().rstrip("?") for p in text.split(":")]  # "025?": a code its author was unsure of
    if len(parts) > 2:
        return f"!cannot read the code [{text}]"
    out: list[str | None] = []
    for part in parts:
        if part in ("", "---"):
            out.append(None)
        elif _CODE_TEXT.match(part):
            out.append(part)
        else:
            return f"!{part!r} is not a code"
    return (out[0], out[1] if len(out) > 1 else None)


def _code_text(code: tuple[str | None, str | None]) -> str | None:
    """A verb's or block's code as the lexicon's blocks keep it: "042", "042:043", ":173", None."""
    main, reverse = code
    if main == SKIP:
        return None  # a verb or block coded "+++" codes nothing on its own
    if reverse is None:
        return main
    return f"{main or ''}:{reverse}"


def _verb(text: str, number: int, raw: str, problems: list[Problem]) -> _Verb | None:
    code_match = _CODE.search(text)
    own: str | None = None
    if code_match:
        parsed = _code(code_match.group(1))
        if isinstance(parsed, str):
            problems.append((number, raw, parsed[1:]))
            return None
        own = _code_text(parsed) or ""  # "[---]": this verb codes nothing on its own
        text = text[: code_match.start()]
    text = re.sub(r"\{[^}]*\}", " ", text).strip()  # irregular forms: the parser's lemmas cover them
    text = "_".join(text.split())  # TABARI also writes a phrase with spaces ("LASH OUT")
    if not text:
        problems.append((number, raw, "a verb line without a verb"))
        return None
    words = [w for w in text.split("_") if w]
    marked = [i for i, w in enumerate(words) if w.startswith("+")]
    at = marked[0] if marked else 0
    words = [w.lstrip("+") for w in words]
    if not all(_WORD.match(w) for w in words):
        problems.append((number, raw, "a verb with characters that are not letters"))
        return None
    lemma = words[at].lower()
    return _Verb(number, lemma, [w.lower() for w in words[:at]], [w.lower() for w in words[at + 1 :]], own)


# ---------------------------------------------------------------- patterns


def _tokens(text: str) -> list[str]:
    text = text.replace("*", " * ")  # "*SCEPTICAL", "IN_*": the verb marker stands alone
    text = re.sub(r"([(){}])", r" \1 ", text)
    return text.split()


def _pattern(
    text: str, number: int, raw: str, problems: list[Problem], prepositions: frozenset[str], loose_nouns: bool = False
) -> dict[str, Any] | None:
    match = _CODE.search(text)
    if not match:
        problems.append((number, raw, "a pattern line must end with its [code]"))
        return None
    parsed = _code(match.group(1))
    if isinstance(parsed, str):
        problems.append((number, raw, parsed[1:]))
        return None
    code, reverse = parsed
    tokens = _tokens(text[: match.start()])
    if tokens.count("*") != 1:
        problems.append((number, raw, "a pattern needs exactly one * for the verb"))
        return None
    star = tokens.index("*")
    try:
        pre = _phrase_items(tokens[:star])
        post = _bare_prepositions(_phrase_items(tokens[star + 1 :]), prepositions)
    except ValueError as exc:
        problems.append((number, raw, str(exc)))
        return None
    out: dict[str, Any] = {"code": code or "---"}
    if reverse:
        out["reverse_code"] = reverse
    if code is None and reverse is not None:
        out["code"] = "---"
        out["reverse_only"] = True
    target: list[str] = []
    source: list[str] = []
    pre_words: list[str] = []
    pre_nouns = [item for item in pre if item[0] in ("noun", "joined")]
    if len(pre_nouns) > 1 or any(k == "joined" for k, _ in pre_nouns):
        out["pre_seq"] = _sequence(pre_nouns)  # TABARI's word order before the verb
        pre_nouns = []
    for kind, value in pre:
        if kind == "marker":
            if value == "+":
                target.append("subj")
            elif value == "%":
                out["compound"] = True  # "% * [030]": the parties of a compound subject, with each other
            continue
        if kind == "group":
            problems.append((number, raw, "a (preposition) before the verb is not read"))
            return None
    for _, value in pre_nouns:
        pre_words.extend(value)
    bare = [item for item in post if item[0] in ("noun", "joined")]
    if len(bare) > 1 or any(k == "joined" for k, _ in bare):
        # TABARI's older patterns are word sequences after the verb ("* &TIETYPES_MEMOS FROM"):
        # words in this order, "_" for the next word, a space for any words between
        out["post_seq"] = _sequence(bare)
        post = [(k, v) for k, v in post if k not in ("noun", "joined")]
    obj: list[str] | None = None
    obj_mods: list[Any] = []
    words: list[Any] = []
    preps: list[dict[str, Any]] = []
    last_prep: str | None = None
    skipped: str | None = None  # the preposition whose object a "^" just skipped ("IN ^ +")
    for kind, value in post:
        if kind == "marker":
            if value in ("+", "$"):
                paths = target if value == "+" else source
                if skipped is not None:
                    # "* IFTAR IN ^ +": the name after the place, else (none named) the place's
                    paths.extend([f"after:{skipped}", f"prep:{skipped}", f"obj.prep:{skipped}"])
                elif last_prep is not None:
                    paths.extend([f"prep:{last_prep}", f"obj.prep:{last_prep}"])
                elif obj is None:
                    paths.extend(["dobj", "dative"])
                else:
                    paths.append("after_obj")  # "* MONEY $": the actor named after the object
            elif value != "^":
                skipped = None
            continue
        skipped = None
        if kind == "group":
            prep, inner = value
            cond: dict[str, Any] = {"prep": prep}
            nouns = [v for k, v in inner if k in ("noun", "joined")]
            marks = [v for k, v in inner if k == "marker"]
            if marks == ["^"] and not nouns:
                skipped = prep.split("/")[0]
            if nouns:
                cond["words"] = _alternatives(nouns[0][-1])
                if len(nouns[0]) > 1:
                    cond["mods"] = [_alternatives(w) for w in nouns[0][:-1]]
            preps.append(cond)
            last_prep = prep.split("/")[0]
            for mark in marks:
                if mark in ("+", "$"):
                    (target if mark == "+" else source).extend([f"prep:{last_prep}", f"obj.prep:{last_prep}"])
            continue
        if obj is None and last_prep is None and "post_seq" not in out:
            obj, obj_mods = _alternatives(value[-1]), [_alternatives(w) for w in value[:-1]]
        else:
            words.extend(_alternatives(w) for w in value)
        last_prep = None
    if obj is not None and loose_nouns and not obj_mods:
        out["obj_mods"] = [obj]  # any word of the object's phrase
    elif obj is not None:
        out["obj"] = obj
        if obj_mods:
            out["obj_mods"] = obj_mods
    if pre_words:
        out["pre"] = [_alternatives(w) for w in pre_words]
    if words:
        out["all_words"] = words
    if preps:
        out["preps"] = preps
    if target:
        out["target"] = list(dict.fromkeys(target))
    if source:
        out["source"] = list(dict.fromkeys(source))
    return out


def _sequence(items: list[tuple[str, Any]]) -> list[dict[str, Any]]:
    """Noun items as a word sequence: each word's forms, and whether it must follow the one before."""
    out = []
    for kind, words in items:
        for n, word in enumerate(words):
            entry: dict[str, Any] = {"words": _alternatives(word)}
            if kind == "joined" and n > 0:
                entry["next"] = True
            out.append(entry)
    return out


def _alternatives(word: str) -> Any:
    """A word as the forms it may take in the text (a set reference stays as it is)."""
    return word if word.startswith("@") else forms(word)


def _bare_prepositions(items: list[tuple[str, Any]], prepositions: frozenset[str]) -> list[tuple[str, Any]]:
    """Older patterns write a preposition without brackets ("* TROOP TOWARD +"): read it as one."""
    out: list[tuple[str, Any]] = []
    i = 0
    while i < len(items):
        kind, value = items[i]
        if kind == "noun" and len(value) == 1 and value[0] in prepositions and i + 1 < len(items) and items[i + 1][0] == "marker":
            out.append(("group", (value[0], [items[i + 1]])))
            i += 2
            continue
        out.append(items[i])
        i += 1
    return out


def _phrase_items(tokens: list[str]) -> list[tuple[str, Any]]:
    """Tokens -> ("noun", [mods..., head]) | ("group", (prep, items)) | ("marker", "$"|"+"|"^"|"%")."""
    items: list[tuple[str, Any]] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok in ("$", "+", "^", "%"):
            items.append(("marker", tok))
            i += 1
        elif tok == "(":
            end = _close(tokens, i, "(", ")")
            inner = tokens[i + 1 : end]
            if not inner:
                raise ValueError("an empty ( )")
            prep = inner[0].lower()
            items.append(("group", (prep, _phrase_items(inner[1:]))))
            i = end + 1
        elif tok == "{":
            end = _close(tokens, i, "{", "}")
            words = [w for t in tokens[i + 1 : end] for w in _word(t)]
            if not words:
                raise ValueError("an empty { }")
            items.append(("noun", words))
            i = end + 1
        elif tok in (")", "}"):
            raise ValueError(f"a {tok} with no opening bracket")
        elif "_" in tok and any(part in ("$", "+", "^", "%") for part in tok.split("_")):
            # "SUGGESTED_+": a marker joined to a word
            for part in tok.split("_"):
                if part in ("$", "+", "^", "%"):
                    items.append(("marker", part))
                elif part:
                    items.append(("noun", _word(part)))
            i += 1
        else:
            words = _word(tok)
            items.append(("joined" if len(words) > 1 else "noun", words))  # WORD_WORD: one after the other
            i += 1
    return items


def _close(tokens: list[str], start: int, opening: str, closing: str) -> int:
    depth = 0
    for j in range(start, len(tokens)):
        depth += tokens[j] == opening
        depth -= tokens[j] == closing
        if depth == 0:
            return j
    raise ValueError(f"a {opening} that is never closed")


def _word(token: str) -> list[str]:
    """One pattern token as words: WORD_WORD is a phrase; &SET is the word list @SET."""
    out = []
    for part in token.split("_"):
        if not part:
            continue
        if part.startswith("&"):
            out.append("@" + part[1:].rstrip("_").upper())
        elif _WORD.match(part):
            out.append(part.lower())
        else:
            raise ValueError(f"{part!r} is not a word")
    return out


def _specificity(p: dict[str, Any]) -> int:
    return (
        2 * len(p.get("preps", [])) + 2 * ("obj" in p or "obj_mods" in p) + len(p.get("obj_mods", [])) * ("obj" in p)
        + len(p.get("pre", []))
        + len(p.get("all_words", [])) + sum(len(c.get("mods", [])) + ("words" in c) for c in p.get("preps", []))
        + 2 * len(p.get("post_seq", [])) + 2 * len(p.get("pre_seq", []))
    )  # fmt: skip


def _sets_in(p: dict[str, Any]) -> set[str]:
    entries: list[Any] = [p.get("obj", []), *p.get("obj_mods", []), *p.get("pre", []), *p.get("all_words", [])]
    entries += [item["words"] for item in [*p.get("pre_seq", []), *p.get("post_seq", [])]]
    for c in p.get("preps", []):
        entries += [c.get("words", []), *c.get("mods", [])]
    return {e[1:] for e in entries if isinstance(e, str) and e.startswith("@")}


def _with_kind(p: dict[str, Any]) -> dict[str, Any]:
    """A block pattern's kind, from its code: 13 codes threaten (their condition belongs to the
    threatened act)."""
    if p.get("code", "---")[:2] == "13":
        return {**p, "kind": "threat"}
    return p


def isolated_kind(code: str) -> str | None:
    """The kind of a verb coded without a pattern: a plain 010 verb reports what it says, a 03
    verb states an intent to do its complement, a 12 verb refuses it, a 13 verb threatens."""
    if code == "010":
        return "statement"
    return {"03": "intent", "12": "refusal", "13": "threat"}.get(code[:2])
