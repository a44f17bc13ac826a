"""Documents are parsed in bounded pieces (issue 9): by characters, not only by blocks,
and streamed, so the parser holds one batch whatever the document's size or shape."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from hypothesis import given, settings
from hypothesis import strategies as st

from dragoman.ingest import parse_text
from dragoman.nlp import ParsedBlocks, parse_documents, parse_pieces
from dragoman.nlp.pieces import BATCH_CHARS, MAX_PIECE_CHARS, MAX_RUN_CHARS, cut_pieces
from dragoman.records import Block


def _check_pieces(text: str) -> list[tuple[int, int]]:
    pieces = list(cut_pieces(text, 0, len(text)))
    covered = "".join(text[s:e] for s, e in pieces)
    assert re.sub(r"\s", "", covered) == re.sub(r"\s", "", text)  # every non-space character, in order, once
    for (s, e), following in zip(pieces, pieces[1:] + [(len(text), len(text))]):
        assert 0 <= s < e <= following[0]
        assert e - s <= MAX_PIECE_CHARS
        assert not text[s].isspace() and not text[e - 1].isspace()
        assert all(len(run) <= MAX_RUN_CHARS for run in text[s:e].split())
    return pieces


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(["Iran warned Israel. ", "&", " ", "\n", "x" * 37, ". A"]), st.text(max_size=30)), max_size=120))
def test_pieces_cover_the_text_within_the_limits(parts: list[str]) -> None:
    _check_pieces("".join(parts) * 7)


def test_an_ordinary_block_is_one_piece() -> None:
    text = "Iran warned Israel. " * 900  # 18,000 characters: under the block limit
    assert list(cut_pieces(text, 0, len(text))) == [(0, len(text.rstrip()))]


def test_a_one_mb_line_and_a_long_run_are_cut() -> None:
    line = "Iran warned Israel and Russia threatened Poland again " * 20_000
    assert len(_check_pieces(line)) >= len(line) // MAX_PIECE_CHARS
    run = "Iran warned Israel. " + "&" * 300_000 + " Russia threatened Poland."
    pieces = _check_pieces(run)
    assert run[slice(*pieces[0])] == "Iran warned Israel." and run[slice(*pieces[-1])] == "Russia threatened Poland."
    assert len(pieces) == 2 + 300_000 // MAX_RUN_CHARS


def test_pieces_without_a_letter_or_digit_are_not_parsed() -> None:
    document = parse_text("Iran warned Israel.\n\n& & & & —\n\n" + "&" * 5000 + "\n\nIn 2025.", "d")
    assert [document.text[p.start : p.end] for _, p in parse_pieces(document)] == ["Iran warned Israel.", "In 2025."]


@dataclass
class _Doc:
    text: str


class _CountingParser:
    """A stand-in for the spaCy model that records what each batch held."""

    def __init__(self) -> None:
        self.batches: list[list[str]] = []

    def pipe(self, texts, batch_size):  # type: ignore[no-untyped-def]
        batch = list(texts)
        self.batches.append(batch)
        return iter(_Doc(t) for t in batch)


def _long_document(blocks: int, size: int):  # type: ignore[no-untyped-def]
    text = "\n\n".join(f"Block {i} " + "Iran warned Israel. " * (size // 20) for i in range(blocks))
    return parse_text(text, f"long-{blocks}")


def test_batches_are_bounded_by_characters_and_count() -> None:
    parser = _CountingParser()
    documents = [_long_document(30, 6000), _long_document(200, 100)]
    results = [(p.document.doc_id, [b.doc.text for b in p.blocks]) for p in parse_documents(parser, documents, batch_size=64)]  # type: ignore[arg-type]
    assert [len(texts) for _, texts in results] == [30, 200]
    assert all(len(b) <= 64 and (len(b) == 1 or sum(map(len, b)) <= BATCH_CHARS) for b in parser.batches)
    assert max(sum(map(len, b)) for b in parser.batches) > BATCH_CHARS // 2  # the bound is what limits them


def test_a_long_document_streams_one_batch_at_a_time() -> None:
    parser = _CountingParser()
    parsed = next(parse_documents(parser, [_long_document(200, 2000)]))  # type: ignore[arg-type]
    assert isinstance(parsed.blocks, ParsedBlocks)
    first = next(iter(parsed.blocks))
    assert first.block_index == 0 and len(parser.batches) == 1 and len(parser.batches[0]) < 200


def test_list_of_parsed_documents_keeps_every_documents_blocks() -> None:
    parser = _CountingParser()
    documents = [_long_document(40, 2000), parse_text("Nothing here: — —", "empty") , _long_document(3, 100)]
    parsed = list(parse_documents(parser, documents))  # type: ignore[arg-type]
    assert [len(list(p.blocks)) for p in parsed] == [40, 1, 3]


def test_offsets_stay_the_documents_when_a_block_is_parsed_in_pieces(loaded) -> None:  # type: ignore[no-untyped-def]
    from dragoman.nlp import parse_documents as parse

    body = "Iran warned Israel. " + "&" * 1200 + " Russia threatened Poland on 4 June 2023. " + "Talks went on. " * 1500 + "Chile praised Peru."
    document = parse_text(body, "pieces", date="2023-06-05")
    one_block = replace(document, blocks=(Block(0, len(body), "paragraph", None),))  # longer than any block ingest makes
    (parsed,) = parse(loaded.model(), [one_block])
    result = loaded.pipeline.code(parsed)
    got = [(e.source.code if e.source else None, e.cameo, e.target.code if e.target else None, e.date.date) for e in result.events]
    # "Chile praised Peru" is in a later piece of the same block: it inherits the block's running date
    assert got == [("IRN", "130", "ISR", "2023-06-05"), ("RUS", "130", "POL", "2023-06-04"), ("CHL", "051", "PER", "2023-06-04")]
    for event in result.events:
        assert body[event.span[0] : event.span[1]] == event.sentence
        assert body[event.trigger_span[0] : event.trigger_span[1]] == event.trigger
