"""Hostile input, round 2 (issue 19, items 6 and 7): cutting sentences and finding footnote markers
do work in proportion to the text, whatever its shape. Counted here, not timed
(bench/pathological.py times them: nbsp_text, one_word_lines, marked)."""

from __future__ import annotations

import pytest

from dragoman import prefilter
from dragoman.ingest import parse_text
from dragoman.nlp import block_text
from dragoman.records import Block, Document, Marker


@pytest.mark.parametrize(
    "text",
    [
        "Iran\u00a0warned\u00a0Israel.\u00a0Russia\u00a0threatened\u00a0Poland. " * 2000,  # no ASCII space before a period
        "Iran.\nIsrael.\nRussia.\n" * 2000,  # one-word lines
    ],
)
def test_a_sentence_end_looks_back_a_few_characters_only(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    looked_at: list[int] = []
    real = prefilter.norm_word
    monkeypatch.setattr(prefilter, "norm_word", lambda word: looked_at.append(len(word)) or real(word))
    sentences = prefilter.split_sentences(text, 0, len(text), frozenset({"mr"}))
    assert len(sentences) > 1000
    assert max(looked_at) <= 40  # before: the whole text before each period, from the start of the piece


def test_titles_and_initials_still_end_no_sentence() -> None:
    text = "Talks ended.\nMr. Smith and J. Doe of the U.S. left.\u00a0Gen. Ali stayed."
    cuts = [text[a:b] for a, b in prefilter.split_sentences(text, 0, len(text), frozenset({"mr", "gen"}))]
    assert cuts == ["Talks ended.\n", "Mr. Smith and J. Doe of the U.S. left.\u00a0", "Gen. Ali stayed."]


class _Counted(tuple):  # type: ignore[type-arg]
    """A tuple of markers that counts how many of them are looked at."""

    seen = 0

    def __getitem__(self, index):  # type: ignore[no-untyped-def]
        _Counted.seen += 1
        return super().__getitem__(index)

    def __iter__(self):  # type: ignore[no-untyped-def]
        for item in super().__iter__():
            _Counted.seen += 1
            yield item


def test_markers_are_found_by_bisection_not_scanned_per_sentence() -> None:
    doc = parse_text("Iran warned Israel on Monday.[1] " * 4000, "d")
    assert len(doc.markers) == 4000
    counted = Document(doc.doc_id, doc.text, blocks=doc.blocks, markers=_Counted(doc.markers))
    _Counted.seen = 0
    keys = [counted.markers_in(start, start + 33) for start in range(0, len(doc.text), 33)]
    texts = [block_text(counted, Block(start, start + 33, "paragraph")) for start in range(0, len(doc.text), 33)]
    assert [len(k) for k in keys] == [1] * 4000 and all(t.endswith("   ") for t in texts)
    assert _Counted.seen < 8000 * 20  # before: every marker for every sentence and piece, 32 million


def test_markers_in_and_block_text_agree_with_a_scan() -> None:
    text = "ab[1]cd[2][3]ef[note 4]gh"
    markers = (Marker(2, 5, "1"), Marker(7, 10, "2"), Marker(10, 13, "3"), Marker(15, 23, "note 4"))
    doc = Document("d", text, markers=markers)
    for start in range(len(text) + 1):
        for end in range(start, len(text) + 1):
            assert doc.markers_in(start, end) == tuple(m for m in markers if start <= m.start < end)
            scanned = "".join(" " if any(m.start <= i < m.end for m in markers) else text[i] for i in range(start, end))
            assert block_text(doc, Block(start, end, "paragraph")) == scanned
