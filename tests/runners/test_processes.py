"""The process runner's tasks: chunks of documents about one parser batch each, read as needed."""

from __future__ import annotations

import sys

import pytest

from dragoman.ingest import parse_text
from dragoman.runners import _start_method, chunks


def _docs(*lengths: int):
    return [parse_text("x" * n, f"d{i}") for i, n in enumerate(lengths)]


def test_a_chunk_ends_before_the_document_that_would_pass_the_characters():
    docs = _docs(40, 30, 20, 90, 200, 10)
    got = [[d.doc_id for d in chunk] for chunk in chunks(docs, 64, max_chars=100)]
    # 40+30+20 fit; 90 would pass 100; 200 is a chunk by itself; 10 after it
    assert got == [["d0", "d1", "d2"], ["d3"], ["d4"], ["d5"]]


def test_a_chunk_ends_at_its_number_of_documents_without_reading_ahead():
    read: list[str] = []

    def stream():
        for d in _docs(1, 1, 1, 1, 1):
            read.append(d.doc_id)
            yield d

    it = chunks(stream(), 2, max_chars=1_000)
    assert [d.doc_id for d in next(it)] == ["d0", "d1"] and read == ["d0", "d1"]
    assert [[d.doc_id for d in c] for c in it] == [["d2", "d3"], ["d4"]]
    assert [[d for d in c] for c in chunks(iter(range(5)), 2)] == [[0, 1], [2, 3], [4]]  # no characters asked: any items


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork is used on Linux only")
def test_workers_are_forked_on_linux():
    assert _start_method() == "fork"
