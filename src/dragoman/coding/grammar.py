"""The English function words the coder and the shared stages read off a parse (data/grammar.yaml).

`Grammar` is passed to the syntax helpers that need words (`subjects` needs
the relative pronouns, `condition_clause` the subordinators of a condition);
helpers that only follow dependency labels take none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from ..schema import build
from ..yamlfile import parse_yaml, read_bytes


@dataclass(frozen=True, slots=True)
class Grammar:
    claim_verbs: frozenset[str]
    deny_verbs: frozenset[str]
    time_anchors: frozenset[str]
    time_nouns: frozenset[str]
    condition_marks: frozenset[str]
    condition_nouns: frozenset[str]
    hedge_aux: frozenset[str]
    future_aux: frozenset[str]
    plan_verbs: frozenset[str]
    irrealis_heads: frozenset[str]
    light_verbs: frozenset[str]
    undergo_preps: frozenset[str]
    recipient_preps: frozenset[str]
    controller_preps: frozenset[str]
    object_control_preps: frozenset[str]
    order_verbs: frozenset[str]
    venue_preps: frozenset[str]
    place_preps: tuple[str, ...]  # where an act landed: a pattern's "loc" target
    place_nouns: frozenset[str]
    undergo_verbs: frozenset[str]
    relative_pronouns: frozenset[str]
    reciprocal_objects: frozenset[str]
    shared_possessives: frozenset[str]
    rivalry_nouns: frozenset[str]
    reciprocal_verbs: frozenset[str]
    reciprocal_nouns: frozenset[str]
    copulas: frozenset[str]
    particles: frozenset[str]
    channel_prepositions: frozenset[str]
    negating_determiners: frozenset[str]
    negating_preconjunctions: frozenset[str]
    negators: frozenset[str]
    report_verbs: frozenset[str]
    according: str
    reliability: dict[str, str]
    prepositions: frozenset[str]
    # A sentence with none of these stems has no voice to read: its tokens are not scanned.
    voice_cues: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        stems = {self.according.lower(), *self.reliability}
        stems |= {verb[:-1] if verb.endswith("e") else verb for verb in self.report_verbs}  # disclose -> disclos(ed)
        # a stem that contains another is redundant: "unofficially" is found by "unofficial"
        kept = sorted(s for s in stems if not any(o != s and o in s for o in stems))
        object.__setattr__(self, "voice_cues", tuple(kept))

    def may_have_voice(self, text: str) -> bool:
        """Cheap test before the token scan: does the text hold an attribution or reliability cue?"""
        low = text.lower()
        return any(cue in low for cue in self.voice_cues)


def grammar_path() -> Path:
    return Path(str(resources.files("dragoman") / "data" / "grammar.yaml"))


def load_grammar(path: str | Path | None = None) -> tuple[Grammar, bytes]:
    """The grammar words and the bytes they were read from (for the knowledge fingerprint)."""
    path = path or grammar_path()
    raw = read_bytes(path)
    return build(Grammar, parse_yaml(raw, str(path)), str(path)), raw
