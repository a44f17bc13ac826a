"""The seed article: development-subset score and the dates a careful reader gives its events.

Reads ../shared (skipped with a reason when absent). These check the whole
pipeline on the text the product must reconstruct best; the golden cases in
tests/golden cover the same behaviours in the project's own sentences.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest


@pytest.fixture(scope="module")
def seed(loaded, shared_file):
    (result,) = loaded.pipe(loaded.read(shared_file("corpus", "seed-article.txt")))
    return result


def _find(result, pattern: str, root: str | None = None):
    found = [e for e in result.acts() if re.search(pattern, e.sentence) and (root is None or e.root == root)]
    assert found, f"no event for /{pattern}/ root {root}"
    return found


def test_development_subset_recall(seed, tmp_path, shared_file):
    scorer = shared_file("eval", "score_events.py")
    gold = shared_file("eval", "seed_dev.jsonl")
    out = tmp_path / "events.jsonl"
    out.write_text("".join(json.dumps(e.to_dict()) + "\n" for e in seed.acts()), encoding="utf-8")
    run = subprocess.run([sys.executable, str(scorer), str(gold), str(out), "--subset"], capture_output=True, text=True, check=True)
    recall = float(re.search(r"recall_required=([\d.]+)", run.stdout).group(1))
    assert recall >= 0.9, run.stdout


def test_relative_and_inherited_dates(seed):
    assert {e.date.date for e in _find(seed, r"^The next day", "13")} == {"2025-03-31"}
    oman = _find(seed, r"met and conversed in Oman")
    assert {e.date.date for e in oman} == {"2025-04-12"}
    assert {(e.cameo, e.location, e.reciprocal) for e in oman} == {("044", "Oman", True)}  # a third country
    assert all(e.date.basis == "inherited" for e in oman)
    reply = _find(seed, r"^By the end of March")
    assert {(e.date.date, e.date.precision) for e in reply} == {("2025-03", "month")}


def test_background_years_and_the_warning_after_the_letter(seed):
    assert {e.date.date for e in _find(seed, r"^In 2015")} == {"2015"}
    assert {e.date.date for e in _find(seed, r"in 2018, during the first term")} == {"2018"}
    warning = _find(seed, r"^Two weeks after sending the letter", "13")
    assert {e.date.date for e in warning} == {"2025-03-21"}
    assert all(e.date.basis == "relative" for e in warning)


def test_citations_carry_outlet_and_date(seed):
    threat = _find(seed, r"^On March 30, Trump threatened", "13")[0]
    assert [(c.key, c.outlet, c.published) for c in threat.citations] == [("14", "Axios", "2025-03-30")]
    persian_only = [e for e in seed.acts() if e.citations and all(c.language == "fa" for c in e.citations)]
    assert persian_only, "the events resting only on Persian sources must be identifiable"


def test_pronouns_resolve_to_the_right_leader(seed):
    warned = _find(seed, r"^He warned that if Iran", "13")
    assert {(e.source.country, e.target.country) for e in warned} == {("USA", "IRN")}
    assert all((e.source.name or "").endswith("Trump") for e in warned)


def test_unofficial_demands_carry_their_chain_of_sources(seed):
    items = [e for e in seed.acts() if e.root == "10"]
    assert len(items) >= 5, "the listed demands are coded as demands"
    for e in items:
        assert (e.source.country, e.target.country) == ("USA", "IRN")
        assert e.reliability == "unofficial"
        assert e.attribution is not None and e.attribution.chain[0] == "Iranian media"
        assert e.attribution.speaker is not None and e.attribution.speaker.code == "AREEDU"
        assert e.modality == "reported"
    deadline = [e for e in items if e.deadline is not None]
    assert [(e.deadline.date, e.deadline.anchor) for e in deadline] == [("2025-05-07", "2025-03-07")]


def test_quotes_keep_their_speaker(seed):
    threat = _find(seed, r"^On March 30, Trump threatened", "13")[0]
    assert threat.quote == "bombing like never seen before"
    assert threat.quote_speaker.endswith("Trump")
    assert threat.condition == "if no deal is reached"


def test_evidence_spans_point_at_the_sentence(seed):
    text = seed.document.text
    for e in seed.events:
        assert text[e.span[0] : e.span[1]] == e.sentence
        assert text[e.trigger_span[0] : e.trigger_span[1]] == e.trigger
        assert e.span[0] <= e.trigger_span[0] < e.trigger_span[1] <= e.span[1]


def test_the_seed_actors_resolve(seed):
    said = _find(seed, r"^He said that he did not consider Trump")
    assert {(e.source.name, e.target.country) for e in said} == {("Ali Khamenei", "USA")}
    sanctions = _find(seed, r"imposed additional sanctions on the country", "16")
    assert {(e.source.country, e.target.country) for e in sanctions} == {("USA", "IRN")}
    assert {e.source.code for e in _find(seed, r"^Le Monde argued")} == {"FRAMED"}
    assert {e.source.code for e in _find(seed, r"^UN spokesman")} == {"IGOUNO"}
    reply = _find(seed, r"^On March 27, Iran wrote another letter", "04")[0]
    assert reply.attribution.speaker.country == "IRN" and reply.modality == "reported"


def test_actor_offsets_are_document_offsets(seed):
    text = seed.document.text
    for e in seed.events:
        for actor in (e.source, e.target):
            if actor is not None and actor.start is not None:
                assert text[actor.start : actor.end] == actor.text, (actor, e.sentence)
