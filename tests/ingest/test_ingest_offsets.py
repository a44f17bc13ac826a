"""Property: every offset the ingest stage reports points at what it claims."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from ingest_samples import NEWS_ONE_LINE, WIKI_COPY

from dragoman.ingest import parse_html, parse_text
from dragoman.ingest.untrusted import clean_text
from dragoman.records import Document

# Lines built from the pieces that steer the layout rules, mixed with noise.
_PIECES = st.sampled_from([
    "", "", " ", "[edit]", "Jump to content", "References", "Notes", "See also", "Background",
    "  1. First point[3]", "  2. ^ a b \"Title\". Outlet. 8 March 2025.", "- a bullet", "* star item",
    "^ \"Loose entry\". Wire.", "Short heading", "A sentence ends here.[1]", "Quote:[10] \"yes\".",
    "Mid [a] marker and [note 2] too.", "\t indented text", "Ünïcödé – دیپلماسی – 中文.", "x" * 300,
])
_LINE = st.one_of(_PIECES, st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
_TEXT = st.lists(_LINE, max_size=30).flatmap(
    lambda lines: st.sampled_from(["\n", "\r\n", "\n\n"]).map(lambda sep: sep.join(lines))
)


def check_offsets(doc: Document, text: str) -> None:
    assert doc.text == text
    previous_end = 0
    for block in doc.blocks:
        piece = text[block.start : block.end]
        assert 0 <= block.start < block.end <= len(text)
        assert block.start >= previous_end, "blocks overlap or go backwards"
        assert piece == piece.strip()
        assert block.kind in ("paragraph", "list_item", "heading")
        previous_end = block.end
    starts = [m.start for m in doc.markers]
    assert starts == sorted(starts)
    for marker in doc.markers:
        assert text[marker.start : marker.end] == f"[{marker.key}]"
        assert any(b.start <= marker.start and marker.end <= b.end for b in doc.blocks)
    for ref in doc.references:
        assert ref.raw in text
        assert ref.uses >= 1


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_parse_text_offsets(text: str) -> None:
    check_offsets(parse_text(text, "p"), clean_text(text))  # control characters are spaces: same length, same offsets


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_parse_html_offsets(html: str) -> None:
    doc = parse_html(html, "h")
    check_offsets(doc, doc.text)


def test_samples_offsets() -> None:
    for text in (WIKI_COPY, NEWS_ONE_LINE, WIKI_COPY.replace("\n", "\r\n"), "a" * 50_000):
        check_offsets(parse_text(text, "s"), text)
