"""Lists under a lead-in: "the letter ... included demands such as:" then one demand per item.

A list item is usually a noun phrase ("Full stopping of enrichment") with no
verb to code; its meaning comes from the paragraph that introduces it. These
functions remember who wrote to whom, read a lead-in that announces demands,
and turn the items of such a list into demand drafts (CAMEO 10, or a threat
for an item that announces force: policy.yaml codes) between the message's
writer and its addressee, carrying the lead-in's attribution.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..records import Actor
from . import syntax as sx
from .draft import Draft
from .voice import Voice

if TYPE_CHECKING:
    from spacy.tokens import Span


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
        if obj is not None and d.source is not None and obj.lemma_.lower() in nouns:
            memory.setdefault(obj.lemma_.lower(), (d.source, d.target))


def read_lead_in(
    sent: Span,
    voice: Voice,
    demand_words: frozenset[str],
    memory: dict[str, tuple[Actor, Actor | None]],
    block_index: int,
    citation_keys: tuple[str, ...],
) -> ListContext | None:
    """A lead-in sentence that announces a list of demands, or None."""
    lemmas = [t.lemma_.lower() for t in sent]
    if not set(lemmas) & demand_words:
        return None
    source, target = next((memory[lemma] for lemma in lemmas if lemma in memory), (None, None))
    return ListContext(voice, source, target, block_index, citation_keys)


def demand_drafts(
    sent: Span, ctx: ListContext, force_words: frozenset[str], demand_code: str, threat_code: str, offset: int
) -> list[Draft]:
    """The item as a demand; an item that announces force is a threat."""
    if ctx.source is None:
        return []
    threat = any(t.lemma_.lower() in force_words for t in sent)
    root = sent.root
    start = offset + root.idx
    return [
        Draft(
            root, start, start + len(root.text), threat_code if threat else demand_code, ctx.source, ctx.target,
            kind="threat" if threat else None, evidence="a list item under a demand lead-in",
        )
    ]  # fmt: skip
