"""Voice: on whose word a sentence reports ("according to Iranian media") and how firmly.

Reads the sentence's attribution phrase and its reliability words; the coder
decides modality per event, this decides what holds for the whole sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..records import Actor, Attribution
from . import syntax as sx

Token = Any

# word in the sentence -> reliability note on its events
RELIABILITY_WORDS = {
    "unofficial": "unofficial",
    "unofficially": "unofficial",
    "unconfirmed": "unconfirmed",
    "reportedly": "unconfirmed",
    "alleged": "alleged",
    "allegedly": "alleged",
    "purported": "unconfirmed",
    "purportedly": "unconfirmed",
    "leaked": "leaked",
    "rumoured": "unconfirmed",
    "rumored": "unconfirmed",
}
REPORT_VERBS = {"report", "reveal", "leak", "disclose", "publish"}


@dataclass(frozen=True, slots=True)
class Voice:
    attribution: Attribution | None = None
    reliability: str | None = None


# A sentence without one of these stems has no voice to read: skip its tokens.
VOICE_CUES = re.compile(r"accord|report|reveal|leak|disclos|publish|official|confirm|alleg|purport|rumou?r", re.I)


def read_voice(sent: Any, actor_of: Callable[[Token], Actor | None]) -> Voice:
    if not VOICE_CUES.search(sent.text):
        return Voice()
    chain: list[tuple[str, Actor | None]] = []
    reliability = None
    for tok in sent:
        low = tok.lower_
        if reliability is None and low in RELIABILITY_WORDS:
            reliability = RELIABILITY_WORDS[low]
        if low == "according":
            for to in tok.children:
                if to.lower_ == "to":
                    for pobj in sx.children(to, "pobj"):
                        chain.append((sx.phrase_span(pobj).text, actor_of(pobj)))
        elif tok.lemma_.lower() in REPORT_VERBS and sx.is_passive(tok):
            agents, _ = sx.passive_parts(tok)
            for a in agents:
                chain.append((sx.phrase_span(a).text, actor_of(a)))
    if not chain:
        return Voice(None, reliability)
    speaker = next((a for _, a in reversed(chain) if a is not None and a.code), None)
    text = chain[0][0]
    return Voice(Attribution(text=text, speaker=speaker, chain=tuple(t for t, _ in chain)), reliability)
