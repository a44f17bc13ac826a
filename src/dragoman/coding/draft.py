"""A draft event: what a coder proposes for one sentence, before the shared stages settle it.

Any coder (the rule coder today, a learned one later) hands the pipeline
drafts: the trigger word with its document offsets, a CAMEO code, source and
target actors, what the code rests on (`evidence`) and how sure the coder is
(`score`). The shared stages after every coder then decide modality, fold
intents into what is intended, hand reporting verbs' speakers to what they
report, and drop duplicates; the events stage turns what is left into Events.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..records import Actor

if TYPE_CHECKING:
    from spacy.tokens import Token

# What a draft is, for the shared stages (the lexicon's pattern kinds):
#   statement  a reporting verb: it hands its speaker to what it reports, or is a comment
#   intent     codes the intent to do its complement; no event when the complement codes nothing
#   agreement  the same, but standing on its own ("agreed to pay more")
#   refusal    a refusal of its complement ("refused to hold talks")
#   threat     its condition belongs to the threatened act
#   symmetric  talks and meetings: both ways, marked reciprocal
KINDS = frozenset({"statement", "intent", "agreement", "refusal", "threat", "symmetric"})


@dataclass(slots=True)
class Draft:
    trigger: Token  # the word that carries the action, in the parsed block
    start: int  # its offsets in the document
    end: int
    code: str  # CAMEO code
    source: Actor | None  # None only for a statement whose speaker is unknown
    target: Actor | None
    kind: str | None = None  # one of KINDS, or None for a plain act
    when_negated: str | None = None  # the code when the trigger is negated ("cannot support" is 120)
    modality: str = "asserted"
    condition: str | None = None
    reciprocal: bool = False
    location: str | None = None
    speaker: Actor | None = None  # who reports it, when a reporting verb carries it
    quote: str | None = None
    evidence: str = ""  # what the code rests on, e.g. "verbs.yaml: threaten[0]"
    negation_covered: bool = False  # the code already reads the negation ("did not clash": its own code)
    specific: bool = False  # its pattern asked for words beyond the verb: its code may already read the complement
    score: float = 1.0  # the coder's confidence in the code

    @property
    def root(self) -> str:
        return self.code[:2]


def source_code(draft: Draft) -> str | None:
    return draft.source.code if draft.source is not None else None


def target_code(draft: Draft) -> str | None:
    return draft.target.code if draft.target is not None else None
