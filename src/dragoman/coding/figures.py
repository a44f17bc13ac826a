"""Force in a figure of speech: "a trade war", "a war of words", "a campaign of maximal pressure".

A force word (war, battle, offensive, campaign, ...: policy.yaml force.words) is force only in
its military sense. Its classifier says which sense it has: a word before it (a compound, an
adjective, an adverb of a verb) or the object of its "of", naming another domain (policy.yaml
force.figures: trade, words, courts, pressure, diplomacy, prices, ...), makes it a figure for
conflict in that domain. A draft that codes force (force.from_root and up, or a threat of
force) and whose proposition holds such a figure is recoded with the domain's code (a threat,
its threat code: "threatened a trade war" is a threat of sanctions, 1312), or dropped where the
domain has none. Without a figure, nothing changes: "waged war", "a military offensive", "a
bloody campaign" keep their force.

The words looked at are the draft's trigger, its objects and the objects of its prepositions
("threatened Georgia with a trade war"), and the same of the acts it governs ("threatened to
wage a trade war"); not the phrases inside them: "attacked Georgia's trade ministry" names a
ministry, not a trade war.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..policy import ForceFigure, ForcePolicy
from . import syntax as sx
from .draft import Draft

if TYPE_CHECKING:
    from spacy.tokens import Token

_CLASSIFIERS = frozenset({"compound", "amod", "nmod", "advmod", "npadvmod"})  # before the word
_ARGUMENTS = frozenset({"dobj", "attr", "oprd", "nsubjpass"})


def figurative(drafts: list[Draft], force: ForcePolicy, threat_verbs: frozenset[str]) -> list[Draft]:
    """The drafts with force in a figure of speech recoded, or left out (see the module docstring).
    `threat_verbs`: the verbs that threaten what they govern ("threatened a trade war": 1312);
    the figure is the act of any other ("stepped up their war of words": 111)."""
    out = []
    for d in drafts:
        figure = figure_of(d.trigger, force) if force.is_force(d.code) else None
        if figure is None:
            out.append(d)
            continue
        threat = d.trigger.lemma_.lower() in threat_verbs
        code = figure.threat if threat else figure.code
        if code is not None:  # an act is no longer a threat ("stepped up their war of words": 111)
            out.append(replace(d, code=code, kind=d.kind if threat else None, evidence=f"{d.evidence}; a figure of force".lstrip("; ")))
    return out


def figure_of(trigger: Token, force: ForcePolicy) -> ForceFigure | None:
    """The domain that makes a force word of the trigger's proposition a figure, if one does."""
    for word in _words_of(trigger):
        if not _is(word, force.words):
            continue
        for classifier in _classifiers(word):
            figure = force.figure(classifier.lemma_.lower()) or force.figure(classifier.lower_)
            if figure is not None:
                return figure
    return None


def _words_of(trigger: Token) -> list[Token]:
    """The trigger, its objects and its prepositions' objects; the same of the acts it governs."""
    doc = trigger.doc
    heads = [trigger, *(doc[i] for i in sorted(sx.complements(trigger, clauses=True)))]
    out: list[Token] = []
    for head in heads:
        out.append(head)
        out += sx.children(head, *_ARGUMENTS)
        out += [o for p in sx.children(head, "prep", "agent", "dative") for o in sx.children(p, "pobj")]
    return out


def _classifiers(word: Token) -> list[Token]:
    """What says which sense the word has: the words before it that modify it ("trade war",
    "diplomatic offensive", "verbally attacked"), and the object of its "of" ("war of words")
    with that object's own modifiers ("a campaign of economic pressure")."""
    found = [c for c in word.children if c.dep_ in _CLASSIFIERS and c.i < word.i]
    for prep in sx.children(word, "prep"):
        if prep.lower_ == "of":
            for obj in sx.children(prep, "pobj"):
                found += [obj, *(c for c in obj.children if c.dep_ in _CLASSIFIERS)]
    return found


def _is(token: Token, words: frozenset[str]) -> bool:
    return token.lemma_.lower() in words or token.lower_ in words
