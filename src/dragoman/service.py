"""The service layer: what the command line calls, and what the web app will.

    nlp = dragoman.load()                      # settings, knowledge and model, loaded once
    result = nlp("On 4 June Russia threatened Poland.", date="2023-06-05")
    for result in nlp.pipe(documents): ...     # the runner the settings name
    summary = code_into(store, documents, nlp) # code and store, one transaction per document;
                                               # what is stored and current is skipped (resume.py)
    documents = nlp.read("corpus/")            # a file, a folder, a pattern or "-" (ingest/sources.py)

and queries over a store (`events_page`, `document`, ...) that take the same
`EventQuery` whatever the store; the diplomatic record of a store is
`dragoman.record.service.record_of(store, doc_id=None)`. Nothing here parses
arguments or prints.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import chain, count
from typing import TYPE_CHECKING

from .config import Settings
from .ingest import DEFAULT_FIELDS, Fields, Source, expand_inputs, parse_text, read_source
from .ingest.ids import unique_ids
from .knowledge import Knowledge, load_knowledge
from .nlp import load_model
from .prefilter import selector
from .policy import Policy, load_policy
from .records import Document
from .resume import Resume, coding_stamp
from .runners import Loaded, build_pipeline, runner
from .state import DocumentResult
from .store import EventQuery, EventStore

if TYPE_CHECKING:
    from spacy.language import Language


def _ignore(message: str) -> None:
    """Warnings go nowhere unless the caller says where."""


class Dragoman:
    """A loaded pipeline: settings, knowledge, the spaCy model and the stages.

    Build it with `dragoman.load()`; constructing one does no I/O. Coding
    many texts through one object loads nothing again.
    """

    def __init__(self, settings: Settings, knowledge: Knowledge, nlp: Language | None = None) -> None:
        self.settings = settings
        self.knowledge = knowledge
        self.nlp = nlp
        self.pipeline = build_pipeline(settings, knowledge)
        self._loaded: Loaded | None = None
        self._stamp: str | None = None

    def __repr__(self) -> str:
        return f"<Dragoman coder={self.settings.coder!r} runner={self.settings.runner_name!r} knowledge={self.knowledge.fingerprint}>"

    @property
    def stamp(self) -> str:
        """The coding stamp of this pipeline: what a stored document must have been coded with
        to be current (see dragoman.resume)."""
        if self._stamp is None:
            self._stamp = coding_stamp(self.settings, self.knowledge)
        return self._stamp

    def model(self) -> Language:
        """The spaCy model, loaded on first use (a multiprocess run never needs it here)."""
        if self.nlp is None:
            self.nlp = load_model(self.settings.model)
        return self.nlp

    def __call__(
        self,
        text: str,
        *,
        doc_id: str = "text",
        date: str | None = None,
        title: str | None = None,
        url: str | None = None,
        outlet: str | None = None,
    ) -> DocumentResult:
        """Code one text (in this process, whatever the runner)."""
        document = parse_text(text, doc_id, date=date, title=title, url=url, outlet=outlet, tables=self.knowledge.ingest)
        if self._loaded is None:
            self._loaded = Loaded(self.pipeline, self.model(), None, self.settings.batch_size)
            if self.settings.prefilter:
                self._loaded.select = selector(self.knowledge, self._loaded.nlp)
        (result,) = self._loaded.code([document])
        return result

    def pipe(self, documents: Iterable[Document | str]) -> Iterator[DocumentResult]:
        """Code documents (strings become documents "text-1", "text-2", ...), in input order.

        Nothing is loaded or started (the model, worker processes) before the first document comes."""
        numbers = count(1)
        docs = (
            d if isinstance(d, Document) else parse_text(d, f"text-{next(numbers)}", tables=self.knowledge.ingest)
            for d in documents
        )
        first = next(docs, None)
        if first is None:
            return
        spec = runner(self.settings.runner_name)
        nlp = self.model() if spec.needs_model else self.nlp
        yield from spec.run(self.settings, self.knowledge, nlp, chain([first], docs))

    def read(
        self,
        path: str | os.PathLike[str],
        on_warning: Callable[[str], None] = _ignore,
        *,
        fields: Fields = DEFAULT_FIELDS,
        input_format: str | None = None,
    ) -> Iterator[Document]:
        """The documents of one input, read with this pipeline's ingest tables and size limit: a
        file, a folder (every file in it, recursively), a pattern (`corpus/**/*.jsonl`) or "-"
        (standard input); JSONL, CSV and Parquet rows through `fields` (see ingest/sources.py)."""
        for source in expand_inputs([path], input_format=input_format, on_warning=on_warning):
            yield from self.read_source(source, on_warning, fields=fields)

    def read_source(
        self, source: Source, on_warning: Callable[[str], None] = _ignore, *, fields: Fields = DEFAULT_FIELDS
    ) -> Iterator[Document]:
        """The documents of one Source (of `ingest.expand_inputs`)."""
        return read_source(
            source, fields=fields, max_doc_chars=self.settings.max_doc_chars, on_warning=on_warning, tables=self.knowledge.ingest
        )


def load(settings: Settings | None = None, *, model: bool | None = None) -> Dragoman:
    """Load knowledge (and, for in-process runs, the spaCy model) once; see `Dragoman`.

    `model=False` defers loading the model to first use; the default loads it
    now unless the settings' runner loads its own in each worker.
    """
    settings = settings or Settings()
    knowledge = load_knowledge(settings)
    wanted = runner(settings.runner_name).needs_model if model is None else model
    return Dragoman(settings, knowledge, load_model(settings.model) if wanted else None)


def run(documents: Iterable[Document], settings: Settings | None = None) -> Iterator[DocumentResult]:
    """Code documents with a pipeline loaded for this call (`load()` once to code many batches)."""
    yield from load(settings).pipe(documents)


# ---------------------------------------------------------------- coding into a store


@dataclass(slots=True)
class CodingSummary:
    documents: int = 0  # coded (and stored) in this run
    events: int = 0  # stored, the non-events included
    acts: int = 0  # events that happened (what `code` shows by default)
    skipped: int = 0  # already stored and current (dragoman.resume): not coded again
    unresolved: Counter[str] = field(default_factory=Counter)


def code_into(
    store: EventStore | None,
    documents: Iterable[Document],
    nlp: Dragoman,
    *,
    on_result: Callable[[DocumentResult], None] | None = None,
    on_warning: Callable[[str], None] = _ignore,
    on_skipped: Callable[[Document], None] | None = None,
    recode: bool = False,
) -> CodingSummary:
    """Code documents and save each one into `store` (if given) as it comes; ids made unique.

    Each document is saved in one transaction, so an interrupted run leaves
    every stored document whole. `on_result` sees each result after it is saved.
    A document the store already holds from the same input, coded with the same
    stamp (`nlp.stamp`), is skipped before it is parsed, and `on_skipped` sees it
    (without its text) in its place among the results; `recode=True` codes and
    replaces every document (see dragoman.resume).
    """
    summary = CodingSummary()

    def skipped(document: Document) -> None:
        summary.skipped += 1
        if on_skipped is not None:
            on_skipped(document)

    stamp = nlp.stamp if store is not None else None
    docs: Iterable[Document] = unique_ids(documents, on_warning)
    resume = Resume(store, nlp.stamp, on_skipped=skipped) if store is not None and not recode else None
    if resume is not None:
        docs = resume.pending(docs)
    for result in nlp.pipe(docs):
        if resume is not None:
            resume.before_result()
        if store is not None:
            store.save(result.document, result.sentences, result.events, result.record, coded_with=stamp)
        summary.documents += 1
        summary.events += len(result.events)
        summary.acts += len(result.acts())
        summary.unresolved.update(dict(result.unresolved))
        if on_result is not None:
            on_result(result)
    if resume is not None:
        resume.finish()
    return summary


def unresolved_names(documents: Iterable[Document], nlp: Dragoman, limit: int = 50) -> list[tuple[str, int]]:
    """The names in a corpus that no dictionary resolves, most frequent first."""
    return code_into(None, documents, nlp).unresolved.most_common(limit)


# ---------------------------------------------------------------- queries


def acts_query(query: EventQuery, policy: Policy) -> EventQuery:
    """The query with the non-events (policy.yaml modalities that are not acts) left out."""
    return replace(query, exclude_modalities=policy.non_events)


def query_policy() -> Policy:
    """The policy alone (cheap): what queries need to tell acts from non-events."""
    policy, _ = load_policy()
    return policy
