"""The `Coder` protocol and the coders by name (`Settings.coder`).

A coder reads one sentence's work (its parse and resolved mentions) and
proposes drafts: trigger offsets, a CAMEO code, source, target, evidence and
a score. Everything after that (modality, intent folding, reporting verbs,
duplicates, dates, voice, events) is shared by every coder. A new coder (a
learned one, say) is a class with these four members and one entry here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Protocol

from ..errors import UsageError
from ..knowledge import Knowledge
from ..state import SentenceWork
from .draft import Draft
from .rules import RuleCoder


class Coder(Protocol):
    @property
    def name(self) -> str: ...  # its registry name ("rules")

    @property
    def version(self) -> str: ...  # recorded on every event as coder_version

    @property
    def fingerprint(self) -> str: ...  # of what it was built from (its lexicon, its model)

    def code(self, work: SentenceWork) -> list[Draft]:
        """Drafts for one sentence; `work.span` is the parse, `work.mentions` its resolved actors."""
        ...


CODERS: Mapping[str, Callable[[Knowledge], Coder]] = {
    "rules": RuleCoder.from_knowledge,
}


def make_coder(name: str, knowledge: Knowledge) -> Coder:
    try:
        factory = CODERS[name]
    except KeyError:
        raise UsageError(f"no coder named {name!r}; known coders: {', '.join(sorted(CODERS))}") from None
    return factory(knowledge)
