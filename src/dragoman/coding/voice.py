"""Voice: on whose word a sentence reports ("according to Iranian media") and how firmly.

Reads the sentence's attribution phrase and its reliability words (the word
lists are the grammar's, data/grammar.yaml); the modality stage decides per
event, this decides what holds for the whole sentence.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..nlp import tokens_text
from ..records import Actor, Attribution
from . import syntax as sx
from .grammar import Grammar

if TYPE_CHECKING:
    from spacy.tokens import Token


@dataclass(frozen=True, slots=True)
class Voice:
    attribution: Attribution | None = None
    reliability: str | None = None


def read_voice(sent: Sequence[Token], actor_of: Callable[[Token], Actor | None], g: Grammar) -> Voice:
    """The attribution ("according to ...", "reported by ...") and reliability words of a sentence
    (its tokens)."""
    if not g.may_have_voice(tokens_text(sent)):
        return Voice()
    chain: list[tuple[str, Actor | None]] = []
    reliability = None
    for tok in sent:
        low = tok.lower_
        if reliability is None and low in g.reliability:
            reliability = g.reliability[low]
        if low == g.according:
            for to in tok.children:
                if to.lower_ == "to":
                    for pobj in sx.children(to, "pobj"):
                        chain.append((sx.phrase_span(pobj).text, actor_of(pobj)))
        elif tok.lemma_.lower() in g.report_verbs and sx.is_passive(tok):
            agents, _ = sx.passive_parts(tok)
            for a in agents:
                chain.append((sx.phrase_span(a).text, actor_of(a)))
    if not chain:
        return Voice(None, reliability)
    speaker = next((a for _, a in reversed(chain) if a is not None and a.code), None)
    text = chain[0][0]
    return Voice(Attribution(text=text, speaker=speaker, chain=tuple(t for t, _ in chain)), reliability)
