"""The declared pipeline: its order is checked when it is built, any coder plugs in, its state pickles."""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from typing import ClassVar

import pytest

from dragoman.coding.draft import Draft
from dragoman.errors import PipelineError, UsageError
from dragoman.ingest import parse_text
from dragoman.nlp import parse_documents
from dragoman.pipeline import Pipeline, check_order
from dragoman.stages import DatesStage, SegmentStage, default_stages
from dragoman.state import DocumentState


@dataclass(frozen=True)
class Probe:
    """A sentence stage that declares what it is told to."""

    name: str
    reads: frozenset[str]
    writes: frozenset[str] = frozenset()
    scope: str = "sentence"

    def run(self, work, state):  # pragma: no cover - never run, only checked
        raise AssertionError


def test_the_default_pipeline_is_in_a_valid_order(loaded):
    names = [name for name, *_ in loaded.pipeline.describe()]
    assert names[:8] == ["domain", "discards.story", "segment", "lists.context", "citations", "dates", "mentions", "propositions"]
    assert names[8] == "code:rules" and names[-4:] == ["events", "record.sentence", "record.unparsed", "record"]
    assert names.index("modality") < names.index("combine") < names.index("statements") < names.index("dedupe")


def test_a_stage_that_reads_what_no_earlier_stage_writes_is_refused(knowledge, loaded):
    stages = list(loaded.pipeline.stages)
    dates = next(i for i, s in enumerate(stages) if s.name == "dates")
    segment = next(i for i, s in enumerate(stages) if s.name == "segment")
    stages[segment], stages[dates] = stages[dates], stages[segment]  # dates before the sentence exists
    with pytest.raises(PipelineError) as err:
        Pipeline(knowledge, stages)
    message = str(err.value)
    assert message == "stage 'dates' reads 'citations', which no earlier stage writes (stage 'citations' writes it later: move it earlier)"


def test_a_read_nobody_writes_at_all_is_refused_with_its_name():
    with pytest.raises(PipelineError, match=r"stage 'probe' reads 'voice', which no earlier stage writes$"):
        check_order([SegmentStage(), Probe("probe", frozenset({"voice"}))])


@pytest.mark.parametrize(
    "stages,needle",
    [
        ([Probe("p", frozenset({"sentense"}))], "declares 'sentense', which is no field"),
        ([Probe("p", frozenset({"doc.spot"}))], "declares 'doc.spot', which is no field"),
        ([SegmentStage(), SegmentStage()], "two stages are named 'segment'"),
        ([Probe("p", frozenset({"span"}), scope="paragraph")], "scope must be 'sentence' or 'document'"),
        ([], "needs at least one sentence stage"),
    ],
)
def test_malformed_declarations_are_refused(stages, needle):
    with pytest.raises(PipelineError, match=needle):
        check_order(stages)


def test_what_the_pipeline_gives_needs_no_writer():
    check_order([Probe("p", frozenset({"span", "block", "offset", "doc.document", "doc.clock", "doc.mentions"}))])
    with pytest.raises(PipelineError, match="reads 'citations'"):
        check_order([SegmentStage(), DatesStage()])  # a field with a default is still no one's output


@dataclass(frozen=True)
class EveryVerbIsAThreat:
    """A toy second coder: each verb with a resolved subject and object threatens the object."""

    name: str = "toy"
    version: str = "toy-1"
    fingerprint: str = "0"

    def code(self, work):
        drafts = []
        for tok in work.span:
            if tok.pos_ != "VERB":
                continue
            subj = [c for c in tok.children if c.dep_ == "nsubj"]
            obj = [c for c in tok.children if c.dep_ == "dobj"]
            source = work.mentions.actor_of(subj[0]) if subj else None
            target = work.mentions.actor_of(obj[0]) if obj else None
            if source is not None and target is not None:
                start = work.offset + tok.idx
                drafts.append(Draft(tok, start, start + len(tok.text), "130", source, target, evidence="toy", score=0.5))
        return drafts


def test_a_second_coder_gets_the_shared_stages(knowledge, nlp):
    pipeline = Pipeline(knowledge, default_stages(knowledge, EveryVerbIsAThreat()))
    document = parse_text("Chile praised Peru. Chile did not praise Bolivia.", "toy", date="2024-05-02")
    (parsed,) = parse_documents(nlp, [document])
    result = pipeline.code(parsed)
    got = [(e.source.country, e.cameo, e.target.country, e.modality, e.coder_version) for e in result.events]
    # the modality stage reads the negation whichever coder proposed the draft
    assert got == [("CHL", "130", "PER", "asserted", "toy-1"), ("CHL", "130", "BOL", "negated", "toy-1")]
    assert [n for n, *_ in pipeline.describe()][8] == "code:toy"


def test_an_unknown_coder_is_named(knowledge):
    from dragoman.coding.coders import make_coder

    with pytest.raises(UsageError, match="no coder named 'neural'; known coders: rules"):
        make_coder("neural", knowledge)


def test_the_document_state_pickles_after_a_document(knowledge, nlp):
    document = parse_text("On 4 June 2023, Russia and Poland held talks. They met again on 9 June.", "p")
    (parsed,) = parse_documents(nlp, [document])
    captured: list[DocumentState] = []

    @dataclass(frozen=True)
    class Capture:
        name: str = "capture"
        scope: ClassVar[str] = "document"
        reads: ClassVar[frozenset[str]] = frozenset({"doc.events"})
        writes: ClassVar[frozenset[str]] = frozenset()

        def run_document(self, state):
            captured.append(state)

    from dragoman.coding.coders import make_coder

    pipeline = Pipeline(knowledge, [*default_stages(knowledge, make_coder("rules", knowledge)), Capture()])
    result = pipeline.code(parsed)
    (state,) = captured
    copy = pickle.loads(pickle.dumps(state))
    assert copy.events == list(result.events) and len(copy.events) >= 2
    assert copy.mentions.pair is not None and {copy.mentions.pair[0].country, copy.mentions.pair[1].country} == {"RUS", "POL"}
    assert copy.sentences == state.sentences
