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
THREAT = Pattern(code="138", kind="threat")  # "In case of no talks there will be strikes"


@dataclass(frozen=True, slots=True)
class ListContext:
    """What a lead-in paragraph hands to the list items after it."""

    voice: Voice
    source: Actor | None  # who makes the demands
    target: Actor | None  # of whom
    block_index: int  # the lead-in paragraph: its items are dated within it
    citation_keys: tuple[str, ...]  # the sources the lead-in cites for the list


def remember_messages(drafts: list[Draft], nouns: frozenset[str], memory: dict[str, tuple[Actor, Actor | None]]) -> None:
    """Note the writer and addressee of each kind of message, the first time it is coded."""
    for d in drafts:
        obj = sx.first_object(d.trigger)
        if obj is not None and obj.lemma_.lower() in nouns:
            memory.setdefault(obj.lemma_.lower(), (d.source, d.target))


def read_lead_in(
    sent: Any,
    voice: Voice,
    domains: dict[str, frozenset[str]],
    memory: dict[str, tuple[Actor, Actor | None]],
    block_index: int,
    citation_keys: tuple[str, ...],
) -> ListContext | None:
    """A lead-in sentence that announces a list of demands, or None."""
    lemmas = [t.lemma_.lower() for t in sent]
    if not set(lemmas) & domains.get("demand", frozenset()):
        return None
    source, target = next((memory[lemma] for lemma in lemmas if lemma in memory), (None, None))
    return ListContext(voice, source, target, block_index, citation_keys)


def demand_drafts(sent: Any, ctx: ListContext, force_words: frozenset[str]) -> list[Draft]:
    """The item as a demand; an item that announces force is a threat."""
    if ctx.source is None:
        return []
    pattern = THREAT if any(t.lemma_.lower() in force_words for t in sent) else DEMAND
    return [Draft(sent.root, pattern, pattern.code, ctx.source, ctx.target)]
