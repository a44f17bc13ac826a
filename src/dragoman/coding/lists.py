"""Lists under a lead-in: "the letter ... included demands such as:" then one demand per item.

A list item is usually a noun phrase ("Full stopping of enrichment") with no
verb to code; its meaning comes from the paragraph that introduces it. This
stage remembers who wrote to whom, and turns the items of a demand list into
demand events (CAMEO 10) between them, carrying the lead-in's attribution.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..records import Actor
from . import syntax as sx
from .coder import Draft
from .lexicon import Pattern
from .voice import Voice

DEMAND = Pattern(code="100")


@dataclass(frozen=True, slots=True)
class ListContext:
    """What a lead-in paragraph hands to the list items after it."""

    voice: Voice
    source: Actor | None  # who makes the demands
    target: Actor | None  # of whom


def remember_messages(drafts: list[Draft], nouns: frozenset[str], memory: dict[str, tuple[Actor, Actor | None]]) -> None:
    """Note the writer and addressee of each kind of message, the first time it is coded."""
    for d in drafts:
        obj = sx.first_object(d.trigger)
        if obj is not None and obj.lemma_.lower() in nouns:
            memory.setdefault(obj.lemma_.lower(), (d.source, d.target))


def read_lead_in(sent: Any, voice: Voice, domains: dict[str, frozenset[str]], memory: dict[str, tuple[Actor, Actor | None]]) -> ListContext | None:
    """A lead-in sentence that announces a list of demands, or None."""
    lemmas = [t.lemma_.lower() for t in sent]
    if not set(lemmas) & domains.get("demand", frozenset()):
        return None
    for lemma in lemmas:
        if lemma in memory:
            source, target = memory[lemma]
            return ListContext(voice, source, target)
    return ListContext(voice, None, None)


def demand_draft(sent: Any, ctx: ListContext) -> Draft | None:
    if ctx.source is None:
        return None
    root = sent.root
    return Draft(root, DEMAND, DEMAND.code, ctx.source, ctx.target)
