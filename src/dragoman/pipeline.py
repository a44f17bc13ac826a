"""One document through the declared stages: `Pipeline.code(parsed) -> DocumentResult`.

The flow, as `stages.default_stages` declares it (each stage names the fields
of `state.SentenceWork` and `state.DocumentState` it reads and writes):

    ingest (Document) -> parse (spaCy, streamed per block; nlp/) -> for each document:
      document stages   domain, discards.story         is it about sport? discarded?
      per sentence      segment -> lists.context -> citations -> dates -> mentions
                        -> code:<coder> -> modality -> intent -> statements -> aim
                        -> dedupe -> quotes -> memory -> voice -> lists -> discards
                        -> domain.filter -> events -> record.sentence
      document stages   record                          the diplomatic record (record/)
    -> DocumentResult -> runners/ (in-process or worker processes) -> store/

`Pipeline(knowledge, stages)` checks the order once, when it is built: a
stage that reads a field no earlier stage writes (nor the pipeline gives) is
a `PipelineError` naming both. A sentence stage that needs no parse says so
(`runs_unparsed = True`): only those see a sentence the pre-filter did not
parse (prefilter.py), and they may read only what the pipeline gives and
they write. A stage is any object with `name`, `scope`
("sentence" or "document"), `reads`, `writes` and a `run` method; document
stages come before or after all sentence stages. Knowledge lives in the
stages (given when they are built); memory lives in the DocumentState.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Protocol, runtime_checkable

from .errors import PipelineError
from .knowledge import Knowledge
from .nlp import ParsedBlock, ParsedDocument
from .state import (
    GIVEN_DOCUMENT,
    GIVEN_SENTENCE,
    DocumentResult,
    DocumentState,
    SentenceWork,
)
from .time import DocumentClock

DOC = "doc."  # declared names with this prefix are DocumentState fields, the others SentenceWork fields


class _Declared(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def scope(self) -> str: ...  # "sentence" | "document"

    @property
    def reads(self) -> frozenset[str]: ...

    @property
    def writes(self) -> frozenset[str]: ...


@runtime_checkable
class SentenceStage(_Declared, Protocol):
    def run(self, work: SentenceWork, state: DocumentState) -> None: ...


@runtime_checkable
class DocumentStage(_Declared, Protocol):
    def run_document(self, state: DocumentState) -> None: ...


Stage = SentenceStage | DocumentStage


def check_order(stages: Sequence[Stage]) -> None:
    """Refuse stages that cannot run in this order (see the module docstring)."""
    doc_fields = set(DocumentState.__dataclass_fields__)
    work_fields = set(SentenceWork.__dataclass_fields__)
    written: dict[str, str] = {DOC + f: "the pipeline" for f in GIVEN_DOCUMENT} | {f: "the pipeline" for f in GIVEN_SENTENCE}
    names: set[str] = set()
    seen_sentence = after_sentence = False
    for stage in stages:
        if stage.name in names:
            raise PipelineError(f"two stages are named {stage.name!r}")
        names.add(stage.name)
        if stage.scope == "sentence":
            if after_sentence:
                raise PipelineError(f"stage {stage.name!r} runs per sentence after a document stage that follows the sentences")
            seen_sentence = True
        elif stage.scope == "document":
            after_sentence = seen_sentence
        else:
            raise PipelineError(f"stage {stage.name!r}: scope must be 'sentence' or 'document', not {stage.scope!r}")
        for name in sorted(stage.reads | stage.writes):
            known = name[len(DOC) :] in doc_fields if name.startswith(DOC) else name in work_fields
            if not known:
                raise PipelineError(f"stage {stage.name!r} declares {name!r}, which is no field of the document state or sentence work")
            if stage.scope == "document" and not name.startswith(DOC):
                raise PipelineError(f"document stage {stage.name!r} declares the sentence field {name!r}")
        for name in sorted(stage.reads):
            if name not in written:
                later = next((s.name for s in stages if name in s.writes and s is not stage), None)
                hint = f" (stage {later!r} writes it later: move it earlier)" if later else ""
                raise PipelineError(f"stage {stage.name!r} reads {name!r}, which no earlier stage writes{hint}")
        for name in stage.writes:
            written.setdefault(name, stage.name)
    if not seen_sentence:
        raise PipelineError("a pipeline needs at least one sentence stage")


def _check_unparsed(stages: Sequence[SentenceStage]) -> None:
    """The stages that run on unparsed sentences must read only what the pipeline gives or they write."""
    written = {DOC + f for f in DocumentState.__dataclass_fields__} | set(GIVEN_SENTENCE)
    for stage in stages:
        for name in sorted(stage.reads - written):
            raise PipelineError(f"stage {stage.name!r} runs on unparsed sentences but reads {name!r}, which only a stage that needs the parse writes")
        written |= stage.writes


class Pipeline:
    """The declared stages over one parsed document at a time. Building it does no I/O."""

    def __init__(self, knowledge: Knowledge, stages: Sequence[Stage]) -> None:
        check_order(stages)
        self.knowledge = knowledge
        self.stages = tuple(stages)
        first = next(i for i, s in enumerate(stages) if s.scope == "sentence")
        last = max(i for i, s in enumerate(stages) if s.scope == "sentence")
        self._before = [s for s in stages[:first] if isinstance(s, DocumentStage)]
        self._per_sentence = [s for s in stages[first : last + 1] if isinstance(s, SentenceStage)]
        # what a sentence the pre-filter left unparsed goes through (stages that need no parse say so)
        self._unparsed = [s for s in self._per_sentence if getattr(s, "runs_unparsed", False)]
        _check_unparsed(self._unparsed)
        self._after = [s for s in stages[last + 1 :] if isinstance(s, DocumentStage)]

    def describe(self) -> list[tuple[str, str, list[str], list[str]]]:
        """(name, scope, reads, writes) of each stage, in order."""
        return [(s.name, s.scope, sorted(s.reads), sorted(s.writes)) for s in self.stages]

    def code(self, parsed: ParsedDocument) -> DocumentResult:
        """Run every stage over one parsed document."""
        document = parsed.document
        published = [r.published for r in document.references if r.published]
        state = DocumentState(document, DocumentClock(self.knowledge.dates, document.date, published))
        for doc_stage in self._before:
            doc_stage.run_document(state)
        position = 0  # the sentence's place in its block, across the block's pieces
        for block, following in _with_next(parsed.blocks):
            spans = list(block.doc.sents)
            tokens = list(block.doc)  # one Token object per word, shared by every stage (spaCy makes a new one per access)
            last_piece = following is None or following.block_index != block.block_index
            stages = self._per_sentence if block.parsed else self._unparsed
            for k, sent in enumerate(spans):
                next_start = block.block.start + spans[k + 1].start_char if k + 1 < len(spans) else block.block.end + 1
                last = last_piece and k == len(spans) - 1
                work = SentenceWork(sent, tokens[sent.start : sent.end], block.block_index, block.block, block.block.start, position, last, next_start, block.parsed)
                for stage in stages:
                    stage.run(work, state)
                position = 0 if last else position + 1
            if last_piece:
                position = 0
        for doc_stage in self._after:
            doc_stage.run_document(state)
        return DocumentResult(
            document,
            tuple(state.sentences),
            tuple(state.events),
            tuple(state.mentions.unresolved.items()),
            self.knowledge.policy.non_events,
            state.record,
        )

    def code_all(self, parsed: Iterable[ParsedDocument]) -> Iterator[DocumentResult]:
        for one in parsed:
            yield self.code(one)


def _with_next(blocks: Iterable[ParsedBlock]) -> Iterator[tuple[ParsedBlock, ParsedBlock | None]]:
    """Each parsed piece with the one after it (None after the last)."""
    it = iter(blocks)
    current = next(it, None)
    while current is not None:
        following = next(it, None)
        yield current, following
        current = following
