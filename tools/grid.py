"""The construction grid: one-sentence reports (CAMEO roots x constructions x actor forms)
with the events each must give, generated from tools/grid.yaml, and their score.

    python tools/grid.py                      # the grid as JSON lines on standard output
    python tools/grid.py -o grid.jsonl        # ... to a file
    python tools/grid.py --score [--show]     # code every sentence, print the tables (--show: the failures)
    python tools/grid.py --score --petrarch   # ... with PETRARCH2's and Phoenix's dictionaries alone
    python tools/grid.py --score --construction intent,threat --show
    python tools/grid.py --refresh-known-failures tests/coding/grid_known_failures.txt

A row is {"id", "sentence", "construction", "root", "verb", "source_form", "target_form",
"expect"}: `expect` lists the acts the sentence must give as {"source", "target", "root"}
(full CAMEO actor codes, target null where none; [] for sentences with no event). A
sentence is *exact* when the multiset of (source code, target code, root) of its acts
equals `expect`, no extra event allowed; *loose* when it does at the level of countries
(the codes' first three letters) and roots. Everything here is deterministic: the same
yaml gives the same rows, ids and sentences.

The tests (tests/coding/test_grid.py) run a fixed sample of the grid (`sample()`) exactly;
rows of the sample the coder gets wrong are listed with a reason in
tests/coding/grid_known_failures.txt, which `--refresh-known-failures` rewrites from the
current coder, keeping the reasons of the lines that remain.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
KNOWLEDGE = ROOT / "tools" / "grid.yaml"
SHARED = ROOT.parent / "shared"
KNOWN_FAILURES = ROOT / "tests" / "coding" / "grid_known_failures.txt"
FORMS = ("state", "capital", "government", "ministry", "title", "military", "party", "parliament", "company", "igo", "group")
SAMPLE_PER_CONSTRUCTION = 10

Act = tuple[str | None, str | None, str]  # source code, target code, root


# ---------------------------------------------------------------- actors


@dataclass(frozen=True, slots=True)
class Actor:
    text: str
    code: str
    form: str
    plural: bool = False
    pronoun: str = "it"  # what refers back to it: it, they, she, he
    owner: str | None = None  # its possessive, where adding 's is not English ("the police's")
    domestic_from: str | None = None  # an unplaced group: the root from which it is the acting state's

    @property
    def country(self) -> str | None:
        """The state it is of (None for an IGO or an unplaced group)."""
        return None if self.form in ("igo", "group") else self.code[:3]

    @property
    def possessive(self) -> str:
        return self.owner or self.text + ("'" if self.text.endswith("s") else "'s")


def _person(rng: random.Random, names: dict[str, Any]) -> tuple[str, str, str]:
    """(first name, last name, pronoun) of an invented person."""
    pronoun = rng.choice(("she", "he"))
    first = rng.choice(names["women" if pronoun == "she" else "men"])
    last = rng.choice(names["last"])
    if rng.randrange(names["hyphenated_every"]) == 0:
        last = f"{last}-{rng.choice([n for n in names['last'] if n != last])}"
    return first, last, pronoun


def _actor(form: str, state: Sequence[str], rng: random.Random, grid: dict[str, Any]) -> Actor:
    variant = rng.choice(grid["forms"][form])
    code, name, adj, capital = state
    first, last, person = _person(rng, grid["names"])
    fill = {"code": code, "name": name, "adj": adj, "capital": capital, "first": first, "last": last, "title": rng.choice(grid["titles"])}
    plural = variant.get("plural", False)
    pronoun = person if "{first}" in variant["text"] else "they" if plural else "it"
    return Actor(variant["text"].format(**fill), variant["code"].format(**fill), form, plural, pronoun, variant.get("possessive"),
                 variant.get("domestic_from"))  # fmt: skip


def _actors(forms: Sequence[str], states: Sequence[Sequence[str]], rng: random.Random, grid: dict[str, Any]) -> list[Actor]:
    """One actor per form, each of its own state; drawn again until no two share a code (two IGOs, two rebel groups)."""
    while True:
        actors = [_actor(form, state, rng, grid) for form, state in zip(forms, states)]
        if len({a.code for a in actors}) == len(actors):
            return actors


# ---------------------------------------------------------------- sentences


def _fill(template: str, values: dict[str, str]) -> str:
    """Fill {slots}, again while a filled value brings slots of its own ({time} -> on {day})."""
    for _ in range(3):
        if "{" not in template:
            break
        template = template.format_map(values)
    template = re.sub(r"\b([Aa]) ([AEIO])", r"\1n \2", template)  # a/an before a capitalised word (an Egyptian; a Ugandan)
    return template[0].upper() + template[1:]


def _phrase(phrase: str, target: Actor | str) -> str:
    text = target.text if isinstance(target, Actor) else target
    owner = target.possessive if isinstance(target, Actor) else f"{target}'s"
    return phrase.replace("{t's}", owner).replace("{t}", text)


def _usable(predicate: dict[str, Any], need: str | None) -> bool:
    if need is None:
        return True
    if need == "noun_or_light":
        return "noun" in predicate or "light" in predicate
    if need == "plain_target":
        return "{t's}" not in predicate["vp"][1]
    return need in predicate


def _templates(construction: dict[str, Any], predicate: dict[str, Any]) -> list[str]:
    """The construction's templates that this predicate can fill (an event noun needs its noun or light verb)."""
    out = []
    for template in construction["templates"]:
        if ("{noun}" in template and "noun" not in predicate) or ("{light}" in template and "light" not in predicate):
            continue
        out.append(template)
    return out


def _expected_root(rule: str, root: str, grid: dict[str, Any]) -> str:
    """An expect entry's root: the predicate's own ('verb', 'eval'), an intent's (03 or 13), or a literal one."""
    if rule in ("verb", "eval"):
        return root
    if rule == "intent":
        return "03" if root in grid["kinds"]["coop"] else "13"
    return rule


def _cells(construction: dict[str, Any], grid: dict[str, Any]) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """(root, predicates) the construction is crossed with."""
    which = construction.get("roots", "all")
    if which == "evaluations":
        for root, words in grid["evaluations"].items():
            yield root, [{"verb": w, "eval": w} for w in words]
        return
    roots = sorted(grid["predicates"])
    if which == "coop+conflict":
        roots = [r for r in roots if r in grid["kinds"]["coop"] or r in grid["kinds"]["conflict"]]
    elif which == "conflict":
        roots = [r for r in roots if r in grid["kinds"]["conflict"]]
    for root in roots:
        preds = [p for p in grid["predicates"][root] if _usable(p, construction.get("needs"))]
        if preds:
            yield root, preds


def _code(actor: Actor | None) -> str | None:
    return actor.code if actor else None


def _target_code(slots: dict[str | None, Actor | None], entry: dict[str, Any], entries: Sequence[dict[str, Any]], root: str) -> str | None:
    """An expect entry's target code: an unplaced group that the actors of one state act on (police
    in any act, rebels under force: grid.yaml's `domestic_from`) is that state's; one that an IGO, an
    unplaced group or the actors of several states act on stays unplaced."""
    target = slots[entry["target"]]
    if target is None or target.domestic_from is None or root < target.domestic_from:
        return _code(target)
    sources = [slots[e["source"]] for e in entries if e["target"] == entry["target"]]
    countries = {a.country if a else None for a in sources}
    if len(countries) != 1 or None in countries:
        return target.code
    return f"{countries.pop()}{target.code[3:]}"


def _row(name: str, construction: dict[str, Any], root: str, predicate: dict[str, Any], i: int, forms: tuple[str, str, str],
         rng: random.Random, grid: dict[str, Any]) -> dict[str, Any]:  # fmt: skip
    states = rng.sample(grid["states"], 4)
    s, t, c = _actors(forms, states, rng, grid)
    d = states[3]
    vp = predicate.get("vp", ["", "", ""])
    agent = f" by {s.text}"
    values = {
        "S": s.text, "T": t.text, "C": c.text, "S's": s.possessive, "T's": t.possessive,
        "base": _phrase(vp[0], t), "past": _phrase(vp[1], t), "part": _phrase(vp[2], t),
        "both": _phrase(vp[1], f"{t.text} and {c.text}"),
        "passive": _phrase(predicate.get("passive", ""), t).replace("{by}", ""),
        "passive_by": _phrase(predicate.get("passive", ""), t).replace("{by}", agent),
        "noun": _phrase(predicate.get("noun", ""), t), "light": _phrase(predicate.get("light", ""), t),
        "was": "were" if t.plural else "was", "has": "have" if s.plural else "has", "is": "are" if s.plural else "is",
        "it": s.pronoun, "which": "which" if s.pronoun == "it" else "who",
        "d": d[1], "d_adj": d[2], "d_capital": d[3],
        "day": rng.choice(grid["days"]), "date": rng.choice(grid["dates"]), "time": rng.choice(grid["times"]),
        "eval": predicate.get("eval", ""), "thing": rng.choice(grid["things"]),
        "appos": rng.choice(grid["appositions"]), "relative": rng.choice(grid["relatives"]),
        "speaker": rng.choice(grid["speakers"]), "reporter": rng.choice(grid["reporters"]),
    }  # fmt: skip
    templates = _templates(construction, predicate)
    sentence = _fill(templates[(i + i // 3) % len(templates)], values)
    slots = {"S": s, "T": t, "C": c, None: None}
    expect = [
        {"source": _code(slots[e["source"]]), "target": _target_code(slots, e, construction["expect"], r), "root": r}
        for e in construction["expect"] for r in [_expected_root(e["root"], root, grid)]
    ]  # fmt: skip
    return {
        "id": f"{name}-{root}-{i:02d}", "sentence": sentence, "construction": name, "root": root,
        "verb": predicate["verb"], "source_form": s.form, "target_form": t.form, "expect": expect,
    }  # fmt: skip


def load_grid(path: Path = KNOWLEDGE) -> dict[str, Any]:
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def generate(grid: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Every row of the grid, in id order within each construction (deterministic: the yaml's seed).

    For each construction and root, as many rows as there are actor forms (or the
    construction's `rows`): the source form runs through every form and the target form
    through every form at a fixed shift, so every (root, construction) meets every form on
    both sides; predicates are taken in turn, from a point drawn for each cell (so that no
    form always meets the same predicate)."""
    grid = grid or load_grid()
    rng = random.Random(grid["seed"])
    rows = []
    for name, construction in grid["constructions"].items():
        for root, predicates in _cells(construction, grid):
            n = construction.get("rows", len(FORMS))
            shift, other, turn = rng.randrange(1, len(FORMS)), rng.randrange(1, len(FORMS)), rng.randrange(len(predicates))
            for i in range(n):
                source, target = FORMS[i % len(FORMS)], FORMS[(i + shift) % len(FORMS)]
                if source == "company" and root in grid["no_company_source"]:
                    source, target = target, source
                forms = (source, target, FORMS[(i + shift + other) % len(FORMS)])
                rows.append(_row(name, construction, root, predicates[(i + turn) % len(predicates)], i, forms, rng, grid))
    return rows


def sample(rows: Sequence[dict[str, Any]], per_construction: int = SAMPLE_PER_CONSTRUCTION) -> list[dict[str, Any]]:
    """A fixed sample for the tests: per construction, rows of roots spread evenly over its roots
    (each construction starting from another root, so that the sample meets every root)."""
    cells: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        cells[row["construction"]][row["root"]].append(row)
    out = []
    for j, by_root in enumerate(cells.values()):
        roots = sorted(by_root)
        for k in range(min(per_construction, sum(len(v) for v in by_root.values()))):
            cell = by_root[roots[(k * len(roots) // per_construction + j) % len(roots)]]
            out.append(cell[(k + j) % len(cell)])
    return list({row["id"]: row for row in out}.values())


def halves(rows: Sequence[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The tune and check halves: rows sorted by id, taken alternately."""
    ordered = sorted(rows, key=lambda r: r["id"])
    return ordered[0::2], ordered[1::2]


# ---------------------------------------------------------------- scoring


def expected(row: dict[str, Any]) -> Counter[Act]:
    return Counter((e["source"], e["target"], e["root"]) for e in row["expect"])


def acts_of(result: Any) -> Counter[Act]:
    return Counter(
        ((e.source.code if e.source else None), (e.target.code if e.target else None), e.root) for e in result.acts()
    )


def _loose(acts: Counter[Act]) -> Counter[Act]:
    return Counter({(s and s[:3], t and t[:3], r): n for (s, t, r), n in acts.items()})


def code_rows(nlp: Any, rows: Sequence[dict[str, Any]], date: str | None = None) -> list[Counter[Act]]:
    """Each row's sentence coded as a document of its own (id = the row's id): its acts."""
    from dragoman import parse_text

    date = date or load_grid()["date"]
    documents = (parse_text(r["sentence"], r["id"], date=date, tables=nlp.knowledge.ingest) for r in rows)
    return [acts_of(result) for result in nlp.pipe(documents)]


@dataclass(frozen=True, slots=True)
class Scored:
    row: dict[str, Any]
    got: Counter[Act]

    @property
    def exact(self) -> bool:
        return self.got == expected(self.row)

    @property
    def loose(self) -> bool:
        return _loose(self.got) == _loose(expected(self.row))

    def reason(self) -> str:
        """What differs, shortly: 'missing EGY>TUR 11; extra EGY>- 11'."""
        want = expected(self.row)
        missing, extra = want - self.got, self.got - want
        parts = [f"missing {_act(a)}" for a in sorted(missing.elements(), key=str)]
        parts += [f"extra {_act(a)}" for a in sorted(extra.elements(), key=str)]
        return "; ".join(parts)


def _act(act: Act) -> str:
    return f"{act[0] or '-'}>{act[1] or '-'} {act[2]}"


def score(rows: Sequence[dict[str, Any]], got: Sequence[Counter[Act]]) -> list[Scored]:
    return [Scored(row, acts) for row, acts in zip(rows, got, strict=True)]


def table(scored: Iterable[Scored], key: str) -> list[tuple[str, float, float, int]]:
    """(value of `key`, exact share, loose share, n) per value, in sorted order."""
    groups: dict[str, list[Scored]] = defaultdict(list)
    for s in scored:
        groups[s.row[key]].append(s)
    order = {name: i for i, name in enumerate(FORMS)}
    return [
        (name, sum(s.exact for s in group) / len(group), sum(s.loose for s in group) / len(group), len(group))
        for name, group in sorted(groups.items(), key=lambda kv: (order.get(kv[0], -1), kv[0]))
    ]


def report(scored: Sequence[Scored], show: bool = False, out: Any = sys.stdout) -> None:
    n = len(scored)
    exact, loose = sum(s.exact for s in scored), sum(s.loose for s in scored)
    print(f"grid: {n} sentences, exact {exact / max(1, n):.3f} ({exact}), countries and root {loose / max(1, n):.3f} ({loose})", file=out)
    for key in ("construction", "root", "source_form", "target_form"):
        print(f"\n{'by ' + key:<22}{'exact':>8}{'loose':>8}{'n':>6}", file=out)
        for name, e, lo, k in table(scored, key):
            print(f"{name:<22}{e:>8.2f}{lo:>8.2f}{k:>6}", file=out)
    if show:
        show_failures(scored, out)


def show_failures(scored: Iterable[Scored], out: Any = sys.stdout) -> None:
    """Each sentence not exactly right: its id and sentence, then what it must give and what it gave."""
    print("\ngrid failures:", file=out)
    for s in scored:
        if not s.exact:
            got = ", ".join(_act(a) for a in sorted(s.got.elements(), key=str)) or "nothing"
            want = ", ".join(_act(a) for a in sorted(expected(s.row).elements(), key=str)) or "nothing"
            print(f"{s.row['id']:<28}{s.row['sentence']}\n{'':<28}want {want}; got {got}", file=out)


# ---------------------------------------------------------------- configurations and known failures


def petrarch_settings(**kw: Any) -> Any:
    """Settings with PETRARCH2's verb dictionary and Phoenix's actors, agents and discards alone (no built-in layer)."""
    from dragoman import Settings

    phoenix = SHARED / "reference" / "phoenix"
    return Settings(
        builtin=False,
        verb_files=(str(SHARED / "reference" / "petrarch2" / "CAMEO.2.0.txt"),),
        actor_files=tuple(str(phoenix / f"Phoenix.{k}.actors.txt") for k in ("Countries", "International", "MilNonState")),
        agent_files=(str(phoenix / "Phoenix.agents.txt"),),
        discard_files=(str(phoenix / "Phoenix.discards.txt"),),
        **kw,
    )


def read_known_failures(path: Path = KNOWN_FAILURES) -> dict[str, str]:
    """id -> reason, from lines 'id  reason' ('#' starts a comment line)."""
    out = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                ident, _, reason = line.strip().partition(" ")
                out[ident] = reason.strip()
    return out


KNOWN_HEADER = """\
# Rows of the grid's test sample (tools/grid.py sample()) that the coder gets wrong today:
# one id per line, then what differs. tests/coding/test_grid.py marks them xfail(strict):
# a fix shows as XPASS and its line must go. Rewrite this file from the current coder with
#     python tools/grid.py --refresh-known-failures tests/coding/grid_known_failures.txt
# (the reasons of lines that remain are kept).
"""


_DIFF = re.compile(r"^((missing|extra) \S+>\S+ \d\d(; )?)+$")  # a reason as Scored.reason() writes it


def refresh_known_failures(path: Path, scored: Iterable[Scored]) -> tuple[int, int]:
    """Rewrite the known-failures file from scored sample rows; (failures, reasons kept).

    A failing row keeps the reason its line had, where a person wrote one; a reason this
    function wrote (what differs) is written again, as the coder gives it now."""
    old = read_known_failures(path)
    lines, kept = [], 0
    for s in scored:
        if not s.exact:
            ident, reason = s.row["id"], old.get(s.row["id"], "")
            if not reason or _DIFF.match(reason):
                reason = s.reason()
            else:
                kept += 1
            lines.append(f"{ident}  {reason}")
    path.write_text(KNOWN_HEADER + "".join(line + "\n" for line in lines), encoding="utf-8")
    return len(lines), kept


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-o", "--output", help="write the grid (JSON lines) here; default: standard output")
    ap.add_argument("--score", action="store_true", help="code every sentence and print the tables")
    ap.add_argument("--show", action="store_true", help="with --score: list the sentences not exactly right")
    ap.add_argument("--petrarch", action="store_true", help="code with PETRARCH2's and Phoenix's dictionaries alone")
    ap.add_argument("--construction", help="comma-separated constructions to keep")
    ap.add_argument("--sample", action="store_true", help="only the tests' fixed sample")
    ap.add_argument("--refresh-known-failures", metavar="FILE", help="code the test sample and rewrite FILE")
    args = ap.parse_args(argv)
    rows = generate()
    if args.construction:
        keep = set(args.construction.split(","))
        rows = [r for r in rows if r["construction"] in keep]
    if args.sample or args.refresh_known_failures:
        rows = sample(rows)
    if not (args.score or args.show or args.refresh_known_failures):
        out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
        if args.output:
            out.close()
        return 0
    import dragoman

    nlp = dragoman.load(petrarch_settings() if args.petrarch else dragoman.Settings())
    scored = score(rows, code_rows(nlp, rows))
    if args.refresh_known_failures:
        failures, kept = refresh_known_failures(Path(args.refresh_known_failures), scored)
        print(f"{args.refresh_known_failures}: {failures} known failures of {len(rows)} sample rows ({kept} reasons kept)")
        return 0
    report(scored, show=args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
