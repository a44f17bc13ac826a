"""A generated grid of actor forms, in our own words (CheckList-style: templates x lexicons).

Two families, each read against a control sentence that names the same parties plainly:

- leaders no dictionary knows: any nationality adjective the knowledge has x any title word
  it maps to a sector x an unknown capitalised name (one to three words, hyphens, particles
  such as "al-", "bin", "de", "van") x where the phrase stands (subject, object, passive
  agent, the title after the name). The actor must be the nationality's state with the
  title's sector ("Kazakh President Nur-Ali Abenov" -> KAZGOV, "Peruvian army chief ..." ->
  PERMIL).
- armed groups nothing places ("militants", "gunmen", "armed men", ...) x verbs, as source
  and as target: the sector alone, coded with "---" for the country (---REB).

The expected event is the control's ("Kazakhstan condemned Chile"), with the actor's code in
place of the plain state's: the grid tests how an actor is named, not which verbs the coder
knows (a control the coder does not code is reported, not failed).

    python tests/actors/actor_grid.py [N]    # N sampled cases per family (default 600), pass rates

The names are made up (a test checks that no dictionary knows them).
"""

from __future__ import annotations

import random
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

# unknown names: one to three words, hyphenated, with lower-case particles
NAMES = (
    "Nur-Ali Abenov", "Ana Quispe-Torres", "Tomas Varga", "Karim al-Masri", "Yusuf bin Talal",
    "Pieter van Dalen", "Luis de Aranda", "Abenov", "Ngozi Okonkwo-Bello", "Abdel Karim al-Masri",
    "Marta Ruiz-Delgado", "Teodor Ilic", "Sione Vake", "Ilse van der Berg", "Omar bin Rashid",
    "Quispe-Torres",
    # first names that some dictionary knows alone (Phoenix's "Hassan", "Foreign Minister Abdullah")
    "Hassan Abdi-Nur", "Abdullah Khalil", "Ali Hamdan", "Mahmoud Rahimi",
)
# title words, as news writes them before a name; the knowledge says which sector each is
TITLES = (
    "President", "Prime Minister", "Foreign Minister", "Defence Minister", "Interior Minister",
    "Finance Minister", "Vice President", "army chief", "General", "opposition leader",
    "ambassador", "envoy", "police chief", "rebel leader", "intelligence chief",
)
# titles written before a name only: "General Ana Quispe-Torres", never "Ana Quispe-Torres, Peru's
# general" (the tagger reads that "general" as an adjective, rightly)
BEFORE_ONLY = frozenset({"General"})
TARGETS = (("Chile", "CHL"), ("Norway", "NOR"), ("Japan", "JPN"), ("Ghana", "GHA"), ("Brazil", "BRA"), ("Kenya", "KEN"))
VERBS = ("condemned", "criticized", "praised", "thanked")
LEADER_FRAMES: dict[str, tuple[str, str]] = {
    # frame -> (sentence with the actor, the control with the plain state); {a} is the actor
    "subject": ("{a} {verb} {t}.", "{c} {verb} {t}."),
    "object": ("{t} {verb} {a}.", "{t} {verb} {c}."),
    "passive agent": ("{t} was {verb} by {a}.", "{t} was {verb} by {c}."),
    "title after the name": ("{name}, {cname}'s {title}, {verb} {t}.", "{c} {verb} {t}."),
    "title after, object": ("{t} {verb} {name}, {cname}'s {title}.", "{t} {verb} {c}."),
}

ARMED = ("militants", "gunmen", "insurgents", "fighters", "jihadists", "separatists", "armed men", "rebels")
ARMED_VERBS = ("attacked", "ambushed", "shelled", "kidnapped", "threatened", "killed", "fired on")
# the other party: (as written, its code, the control's phrase for it, the control's code). A
# party nothing places either ("the army") is named with a country in the control, since
# "Chadian troops attacked the army" places the army (TCDMIL), one state's forces, not coded
OTHERS = (
    ("Kenyan troops", "KENMIL", "Kenyan troops", "KENMIL"),
    ("a Nigerian patrol", "NGA", "a Nigerian patrol", "NGA"),
    ("two Malian soldiers", "MLIMIL", "two Malian soldiers", "MLIMIL"),
    ("police officers", "---COP", "Kenyan police officers", "KENCOP"),
    ("the army", "---MIL", "the Kenyan army", "KENMIL"),
)
CONTROL = ("Chadian troops", "TCDMIL")  # the group's stand-in in the controls
ARMED_FRAMES: dict[str, tuple[str, str]] = {
    "subject": ("{A} {verb} {o}.", "{C} {verb} {co}."),
    "target": ("{O} {verb} {a}.", "{CO} {verb} {c}."),
}


@dataclass(frozen=True)
class Case:
    family: str  # leader | armed
    frame: str
    form: str  # the title or the group word
    text: str
    control: str
    src: str  # the expected source code, the actor's in place of the control's
    tgt: str | None
    swap: tuple[tuple[str, str], ...]  # the control's codes -> the codes the sentence must give


def nationalities(knowledge: Any) -> list[tuple[str, str, str]]:
    """(adjective as written, country code, the state's name) for each nationality adjective the
    knowledge gives one state, regions left out."""
    by_state: dict[str, list[str]] = {}
    for key, cues in knowledge.lexicon.items():
        if len(cues) != 1 or cues[0].kind != "demonym" or len(key) > 2:
            continue
        entity = knowledge.entities[cues[0].entity]
        if entity.code in knowledge.vocab.codes.regions or entity.code in knowledge.vocab.codes.non_state:
            continue
        if not key[-1].endswith(("n", "i", "h", "e", "k", "c", "z", "x", "t", "l", "o", "d")) or key[-1].endswith("s"):
            continue  # adjectives, not plurals ("Kazakhs") or nouns of people
        if any(c.kind == "state" for w in key for c in knowledge.lexicon.get((w,), ())):
            continue  # "Congo Brazzaville" names a state, it is no adjective
        by_state.setdefault(cues[0].entity, []).append(" ".join(w.capitalize() for w in key))
    out = []
    for ref, adjectives in sorted(by_state.items()):
        entity = knowledge.entities[ref]
        if len(knowledge.lookup(entity.key)) == 1 and " and " not in entity.key and not entity.key.endswith("s"):
            # "Georgia" is also a US state's name, "Trinidad and Tobago" two names to a parser: left out
            out.append((sorted(adjectives)[0], entity.code, entity.key))
    return out


def title_sector(knowledge: Any, title: str) -> str | None:
    cues = knowledge.lookup(title)
    return next((c.sector for c in cues if c.kind == "sector"), None)


def leader_cases(knowledge: Any, n: int | None = None, seed: int = 17) -> list[Case]:
    """The grid's leader cases: all of them (some 800,000), or `n` drawn at random (fixed by `seed`)."""
    nations = nationalities(knowledge)
    frames = list(LEADER_FRAMES)
    axes = (nations, TITLES, NAMES, frames, VERBS)
    total = 1
    for axis in axes:
        total *= len(axis)
    picks = range(total) if n is None or n >= total else sorted(random.Random(seed).sample(range(total), n))
    cases = []
    for index in picks:
        chosen = []
        for axis in reversed(axes):
            index, at = divmod(index, len(axis))
            chosen.append(axis[at])
        verb, frame, name, title, (adjective, country, cname) = chosen
        if "after" in frame and title in BEFORE_ONLY:
            frame = "subject" if frame == "title after the name" else "object"
        t, tcode = next((t, code) for t, code in TARGETS if code != country)
        form, control = LEADER_FRAMES[frame]
        sector = title_sector(knowledge, title)
        fill = {"a": f"{adjective} {title} {name}", "c": cname, "t": t, "verb": verb, "name": name, "cname": cname,
                "title": title.lower()}
        text, ctl = form.format(**fill), control.format(**fill)
        text, ctl = text[0].upper() + text[1:], ctl[0].upper() + ctl[1:]
        code = country + (sector or "")
        src, tgt = (tcode, code) if "object" in frame else (code, tcode)
        cases.append(Case("leader", frame, title, text, ctl, src, tgt, ((country, code),)))
    return cases


def armed_cases(knowledge: Any) -> list[Case]:
    cases = []
    for word in ARMED:
        sector = title_sector(knowledge, word)
        code = "---" + (sector or "")
        for verb in ARMED_VERBS:
            for other, ocode, cother, cocode in OTHERS:
                for frame, (form, control) in ARMED_FRAMES.items():
                    if frame == "target" and not ocode.startswith("---"):
                        continue  # a state's party in the sentence places the group (as it should)
                    fill = {"A": word.capitalize(), "a": word, "o": other, "O": other[0].upper() + other[1:], "verb": verb,
                            "C": CONTROL[0], "c": CONTROL[0], "co": cother, "CO": cother[0].upper() + cother[1:]}
                    text, ctl = form.format(**fill), control.format(**fill)
                    swap = ((CONTROL[1], code), (cocode, ocode))
                    src, tgt = (code, ocode) if frame == "subject" else (ocode, code)
                    cases.append(Case("armed", frame, word, text, ctl, src, tgt, swap))
    return cases


def sample(cases: list[Case], n: int, seed: int = 17) -> list[Case]:
    if n >= len(cases):
        return cases
    return random.Random(seed).sample(cases, n)


Coded = list[tuple[str | None, str | None, str]]  # (source code, target code, root) of each act


def judge(case: Case, code: Callable[[str], Coded]) -> str:
    """"ok", "no control" (the coder codes not even the plain sentence), or what went wrong."""
    control = code(case.control)
    swap = dict(case.swap)
    want = [(swap.get(s or "", s), swap.get(t or "", t), r) for s, t, r in control]
    want = [w for w in want if (w[0], w[1]) == (case.src, case.tgt)]
    if not want:
        return "no control"
    got = code(case.text)
    if sorted(got) == sorted(want):
        return "ok"
    return f"got {got}, want {want}"


def main(argv: list[str]) -> None:
    import dragoman

    n = int(argv[0]) if argv else 600
    nlp = dragoman.load()

    def code(text: str) -> Coded:
        return [(e.source.code if e.source else None, e.target.code if e.target else None, e.root) for e in nlp(text, date="2024-05-01").acts()]

    knowledge = nlp.knowledge.actors
    for family, chosen in (("leader", leader_cases(knowledge, n)), ("armed", sample(armed_cases(knowledge), n))):
        verdicts = {c: judge(c, code) for c in chosen}
        print(f"{family}: {len(chosen)} cases")
        for key in ("frame", "form"):
            tally: dict[str, Counter[str]] = {}
            for c, v in verdicts.items():
                tally.setdefault(getattr(c, key), Counter())["ok" if v == "ok" else "no control" if v == "no control" else "wrong"] += 1
            for value, t in sorted(tally.items()):
                judged = t["ok"] + t["wrong"]
                print(f"  {key:5} {value:22} {t['ok']:4}/{judged:<4} right   ({t['no control']} without a control event)")
        for c, v in list(verdicts.items()):
            if v not in ("ok", "no control"):
                print("   MISS", c.text, "|", v)


if __name__ == "__main__":
    main(sys.argv[1:])
