"""The pre-filter: what it leaves unparsed, and that leaving it codes the same events."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import pytest

import dragoman
from dragoman.config import Settings
from dragoman.errors import PipelineError
from dragoman.ingest import parse_text
from dragoman.nlp import parse_documents
from dragoman.pipeline import Pipeline
from dragoman.prefilter import build_prefilter, lemma_candidates, model_irregulars, model_stop_words, selector, split_sentences
from dragoman.stages import default_stages


@pytest.fixture(scope="module")
def prefilter(loaded):
    return build_prefilter(loaded.knowledge, model_irregulars(loaded.model()), model_stop_words(loaded.model()))


def _pieces(text: str, titles: frozenset[str] = frozenset()) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text, 0, len(text), titles)]


def test_sentences_are_cut_at_their_ends_and_nowhere_else():
    text = 'Mr. Okafor met Gen. Bello in the U.S. on Monday. They talked. "Fine," he said. J. Adeyemi left! Then what? Nothing.'
    assert _pieces(text, frozenset({"mr", "gen"})) == [
        "Mr. Okafor met Gen. Bello in the U.S. on Monday. ",
        "They talked. ",
        '"Fine," he said. ',
        "J. Adeyemi left! ",
        "Then what? ",
        "Nothing.",
    ]
    assert "".join(_pieces(text)) == text  # the sentences cover the text, however it is cut


def test_inflected_forms_lead_to_their_lemma():
    assert "stop" in set(lemma_candidates("stopped"))
    assert "accuse" in set(lemma_candidates("accusing"))
    assert "deny" in set(lemma_candidates("denies"))


def test_a_sentence_that_names_someone_is_parsed_even_without_a_cue(prefilter):
    assert prefilter.wanted("Chidi Okafor, a lawyer from Enugu, was there too.")
    assert prefilter.wanted("the government was quiet.")  # a dictionary name in any case


def test_a_name_that_opens_the_sentence_is_a_name(prefilter):
    # no other capital and no dictionary name: only the first word can be someone
    assert prefilter.wanted("Adebayor refused to give any details of the sale.")
    assert prefilter.wanted("Zentrix backed the cuts but said more was needed.")
    assert not prefilter.wanted("However the price cuts were small.")  # a stop word names no one
    assert not prefilter.wanted("The cuts were small.")


def test_without_the_models_stop_words_any_capitalised_first_word_may_be_a_name(loaded):
    bare = build_prefilter(loaded.knowledge, model_irregulars(loaded.model()))
    assert bare.wanted("The cuts were small.")  # parses more, never less


def test_a_pronoun_is_parsed_only_with_an_event_cue(prefilter):
    assert prefilter.wanted("They rejected the offer.")
    assert not prefilter.wanted("It was a cold and windy morning.")  # "was" needs what PETRARCH's BE needs


def test_a_sentence_without_any_actor_is_not_parsed(prefilter):
    assert not prefilter.wanted("prices rose sharply over the spring.")
    assert not prefilter.wanted("1-0.")


def test_a_lead_in_is_parsed(prefilter):
    assert prefilter.wanted("the demands were these:")


def _parsed_runs(loaded, text: str, settings_prefilter: bool = True, **kwargs):
    document = parse_text(text, "d", **kwargs)
    select = selector(loaded.knowledge, loaded.model()) if settings_prefilter else None
    (parsed,) = parse_documents(loaded.model(), [document], select=select)
    return [(parsed.document.text[b.block.start : b.block.end].strip(), b.parsed) for b in parsed.blocks]


STORY = (
    "There was snow across the capital on 2025-03-03. It was a cold and windy morning.\n\n"
    "The next day the Kenyan government rejected the letter from Uganda. It said the talks would go on.\n\n"
    "Then prices rose sharply over the spring."
)


def test_only_what_can_code_or_name_is_parsed(loaded):
    runs = _parsed_runs(loaded, STORY)
    assert ("There was snow across the capital on 2025-03-03. It was a cold and windy morning.", False) in runs
    assert ("The next day the Kenyan government rejected the letter from Uganda. It said the talks would go on.", True) in runs
    assert ("Then prices rose sharply over the spring.", False) in runs
    assert all(parsed for _, parsed in _parsed_runs(loaded, STORY, settings_prefilter=False))


def test_a_list_item_is_always_parsed(loaded):
    text = "Kenya set out its demands:\n\n- an end to the shelling\n- the return of the prisoners"
    document = parse_text(text, "d")
    assert any(b.kind == "list_item" for b in document.blocks)
    select = selector(loaded.knowledge, loaded.model())
    (parsed,) = parse_documents(loaded.model(), [document], select=select)
    assert all(b.parsed for b in parsed.blocks)


def _events(result):
    return [(e.cameo, e.source and e.source.code, e.target and e.target.code, e.modality, e.date.date, e.date.basis, e.sentence) for e in result.events]


def test_the_same_events_and_sentences_with_and_without_it(loaded):
    with_it = dragoman.load(Settings(prefilter=True))(STORY, doc_id="s", date="2025-03-10")
    without = dragoman.load(Settings(prefilter=False))(STORY, doc_id="s", date="2025-03-10")
    assert _events(with_it) and _events(with_it) == _events(without)
    # the unparsed sentences are still sentences; the date of the first dates the second paragraph
    assert [s.text for s in with_it.sentences] == [s.text for s in without.sentences]
    rejected = next(e for e in with_it.events if e.target and e.target.code == "UGA")
    assert rejected.date.date == "2025-03-04"


def test_a_discarded_story_is_not_parsed(loaded, tmp_path):
    discards = tmp_path / "discards.txt"
    discards.write_text("+CRICKET TEST MATCH\n", encoding="utf-8")
    nlp = dragoman.load(Settings(discard_files=(str(discards),)))
    text = "India beat Pakistan in the cricket test match at Lahore on Sunday. India attacked early."
    select = selector(nlp.knowledge, nlp.model())
    (parsed,) = parse_documents(nlp.model(), [parse_text(text, "d")], select=select)
    assert [b.parsed for b in parsed.blocks] == [False]
    assert nlp(text).events == ()


@dataclass(frozen=True)
class _NeedsDrafts:
    name: str = "probe"
    scope: ClassVar[str] = "sentence"
    reads: ClassVar[frozenset[str]] = frozenset({"drafts"})
    writes: ClassVar[frozenset[str]] = frozenset()
    runs_unparsed: ClassVar[bool] = True

    def run(self, work, state):  # pragma: no cover - never run, only checked
        raise AssertionError


def test_a_stage_for_unparsed_sentences_cannot_read_what_a_parse_gives(knowledge, loaded):
    stages = list(loaded.pipeline.stages)
    stages.insert(len(stages) - 1, _NeedsDrafts())
    stages = [s for s in stages if s.scope == "sentence" or s.name in ("domain", "discards.story")]
    with pytest.raises(PipelineError, match="runs on unparsed sentences but reads 'drafts'"):
        Pipeline(knowledge, stages)
    assert default_stages  # the default stages pass the same check (the session's pipeline was built)


def test_a_sentence_about_a_thing_the_record_follows_is_parsed_with_a_cue(prefilter):
    # "The truce took effect": no name, no pronoun, but the truce told before is what the record follows
    assert prefilter.wanted("The truce took effect at noon the next day.")
    assert prefilter.wanted("The deadline passed without a reply.")
    assert not prefilter.wanted("The weather was fine at noon the next day.")
