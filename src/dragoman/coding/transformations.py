"""PETRARCH2's transformations: what one act said or wanted of another becomes.

A verb dictionary may say what a verb acting on another verb codes (PETRARCH2's
`dictionaries.rst`, "Transformations"), in postfix notation:

    ~ a (b . ATTACK) SAY = a b 112      "A said B attacked": A accuses B
    ~ a (a b Q) SAY = a b Q             "A said A did Q to B": the act itself

The first letter is the upper verb's source; the parenthesis is the lower act (its source,
its target, its verb); then the upper verb; after "=", the result's source, target and
code. A letter binds an actor, "." is an actor left unspecified (any), "_" one not present
(an infinitive's understood subject, or no target), "Q" any verb (in the result: the lower
act's code). Verbs are matched by their codes, so synonyms match too; a verb without a
code of its own (PETRARCH2's ATTEMPT, [---]) is matched by the words of its block.

`read_transformation` parses one line (after the reader has its verbs' codes);
`apply` (the combine stage) rewrites a governing draft and the draft it governs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..records import Actor
    from .draft import Draft

_LINE = re.compile(r"^~\s*(\S)\s*\(\s*(\S)\s+(\S)\s+(\S+)\s*\)\s*(\S+)\s*=\s*(\S)\s+(\S)\s+(\S+)\s*$")
ANY_VERB = "Q"
UNSPECIFIED = "."
ABSENT = "_"


@dataclass(frozen=True, slots=True)
class VerbClass:
    """A verb of a transformation: its code, or (with none) the lemmas of its block."""

    code: str | None
    lemmas: frozenset[str] = frozenset()

    def matches(self, code: str | None, lemma: str) -> bool:
        if self.code is not None:
            return code == self.code
        return lemma in self.lemmas


@dataclass(frozen=True, slots=True)
class Transformation:
    upper_source: str  # a letter
    upper: VerbClass
    lower_source: str  # a letter, "." or "_"
    lower_target: str
    lower: VerbClass | None  # None: any verb ("Q")
    source: str  # letters of the result
    target: str
    code: str  # a CAMEO code, or "Q": the lower act's
    origin: str = ""


def verb_names(line: str) -> tuple[str, ...]:
    """The dictionary verbs a `~` line names (upper first), upper-cased; () if it cannot be read."""
    match = _LINE.match(line.strip())
    if match is None:
        return ()
    return tuple(v.upper() for v in (match.group(5), match.group(4)) if v != ANY_VERB)


def read_transformation(line: str, verbs: dict[str, VerbClass]) -> Transformation | str:
    """One `~` line as a Transformation, or the reason it cannot be read. `verbs` maps a
    dictionary verb (its upper-case name) to its class."""
    match = _LINE.match(line.strip())
    if match is None:
        return "a transformation must read ~ a (b c VERB) VERB = a b CODE"
    up_src, low_src, low_tgt, low_verb, up_verb, src, tgt, code = match.groups()
    upper = verbs.get(up_verb.upper())
    if upper is None:
        return f"the verb {up_verb} is in no verb block"
    lower: VerbClass | None = None
    if low_verb != ANY_VERB:
        lower = verbs.get(low_verb.upper())
        if lower is None:
            return f"the verb {low_verb} is in no verb block"
    letters = {up_src, low_src, low_tgt} - {UNSPECIFIED, ABSENT}
    if src not in letters or (tgt not in letters and tgt not in (UNSPECIFIED, ABSENT)):
        return "the result names an actor the pattern does not bind"
    if code != ANY_VERB and not re.fullmatch(r"[0-9]{2,4}", code):
        return f"{code!r} is not a CAMEO code"
    return Transformation(up_src, upper, low_src, low_tgt, lower, src, tgt, code, line.strip())


def apply(drafts: list[Draft], transformations: tuple[Transformation, ...]) -> None:
    """Rewrite each act that a transformation's upper verb governs (a that-clause or an
    infinitive), with the draft of that verb, into the transformation's result."""
    if not transformations:
        return
    by_trigger = {d.trigger.i: d for d in drafts}
    for lower in list(drafts):
        trigger = lower.trigger
        if lower.kind == "statement" or trigger.dep_ not in ("ccomp", "xcomp") or lower not in drafts:
            continue
        head = trigger.head
        upper = by_trigger.get(head.i)
        for t in transformations:
            result = _result(t, upper, lower, head.lemma_.lower())
            if result is not None:
                drafts[drafts.index(lower)] = result
                if upper is not None and upper in drafts:
                    drafts.remove(upper)
                break


def _result(t: Transformation, upper: Draft | None, lower: Draft, head_lemma: str) -> Draft | None:
    if not t.upper.matches(upper.code if upper is not None else None, head_lemma):
        return None
    if t.lower is not None and not t.lower.matches(lower.code, lower.trigger.lemma_.lower()):
        return None
    bound: dict[str, Actor | None] = {t.upper_source: upper.source if upper is not None else None}
    if t.lower_source == ABSENT:
        if lower.trigger.dep_ != "xcomp":
            return None  # an infinitive's understood subject: "wanted to attack"
        bound[t.upper_source] = bound[t.upper_source] or lower.source
    elif t.lower_source != UNSPECIFIED and not _bind(bound, t.lower_source, lower.source, t.upper_source):
        return None
    if t.lower_target == ABSENT:
        if lower.target is not None:
            return None
    elif t.lower_target != UNSPECIFIED and not _bind(bound, t.lower_target, lower.target, t.upper_source):
        return None
    source = bound.get(t.source)
    if source is None:
        return None
    target = bound.get(t.target)
    code = lower.code if t.code == ANY_VERB else t.code
    modality = lower.modality if t.code == ANY_VERB else (upper.modality if upper is not None else "asserted")
    evidence = f"{lower.evidence}; {t.origin}" if lower.evidence else t.origin
    return replace(lower, source=source, target=target, code=code, kind=None, modality=modality, evidence=evidence, specific=True)


def _bind(bound: dict[str, Actor | None], letter: str, actor: Actor | None, upper_letter: str) -> bool:
    """Bind a letter to an actor, or check it against the actor it is bound to; a letter other
    than the upper source's is someone else than the upper source."""
    if actor is None:
        return False
    if letter in bound:
        held = bound[letter]
        return held is None or held.code == actor.code
    upper = bound.get(upper_letter)
    if upper is not None and upper.code == actor.code:
        return False
    bound[letter] = actor
    return True
