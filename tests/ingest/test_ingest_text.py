from __future__ import annotations

from ingest_samples import NEWS_ONE_LINE, WIKI_COPY

from dragoman.ingest import MAX_BLOCK_CHARS, parse_text
from dragoman.records import Document


def block_texts(doc: Document, kind: str | None = None) -> list[str]:
    return [doc.text[b.start : b.end] for b in doc.blocks if kind is None or b.kind == kind]


def test_text_is_kept_exactly() -> None:
    assert parse_text(WIKI_COPY, "w").text == WIKI_COPY


def test_title_line_becomes_title_and_heading() -> None:
    doc = parse_text(WIKI_COPY, "w")
    assert doc.title == "Rivermouth water accord"
    first = doc.blocks[0]
    assert first.kind == "heading" and doc.text[first.start : first.end] == "Rivermouth water accord"


def test_given_title_wins() -> None:
    assert parse_text(WIKI_COPY, "w", title="Mine").title == "Mine"


def test_headings_and_sections() -> None:
    doc = parse_text(WIKI_COPY, "w")
    assert block_texts(doc, "heading") == ["Rivermouth water accord", "Negotiations", "Reception"]
    sections = {doc.text[b.start : b.end][:20]: b.section for b in doc.blocks if b.kind != "heading"}
    assert sections["The Rivermouth water"] is None  # the lead sits under no section
    assert sections["Valdoria's envoy tab"] == "Negotiations"
    assert sections["Farmers' unions in O"] == "Reception"


def test_list_items_cover_words_only() -> None:
    doc = parse_text(WIKI_COPY, "w")
    assert block_texts(doc, "list_item") == [
        "A joint gauge station on the upper river",
        "Release quotas for the dry season.[4]",
        "A commission meeting every quarter[1]",
    ]


def test_chrome_is_not_body() -> None:
    body = " ".join(block_texts(parse_text(WIKI_COPY, "w")))
    for chrome in ("Jump to content", "Main menu", "Toggle", "[edit]", "From Wikipedia", "See also",
                   "References", "Retrieved from", "Categories:", "Marten, Ilse"):
        assert chrome not in body


def test_blocks_carry_no_outer_whitespace() -> None:
    doc = parse_text(WIKI_COPY, "w")
    for block in doc.blocks:
        piece = doc.text[block.start : block.end]
        assert piece and piece == piece.strip()


def test_markers() -> None:
    doc = parse_text(WIKI_COPY, "w")
    assert [m.key for m in doc.markers] == ["1", "2", "3", "a", "2", "4", "1", "5"]
    assert all(doc.text[m.start : m.end] == f"[{m.key}]" for m in doc.markers)
    assert [m.start for m in doc.markers] == sorted(m.start for m in doc.markers)


def test_references_are_parsed_not_blocks() -> None:
    doc = parse_text(WIKI_COPY, "w")
    assert [r.key for r in doc.references] == ["1", "2", "3", "4", "5"]
    first = doc.reference("1")
    assert first is not None
    assert (first.uses, first.author, first.outlet, first.published, first.retrieved) == (
        4, "Marten, Ilse", "The Kessel Courier", "2031-05-04", "2031-05-06")
    assert first.raw.startswith("^ a b c d Marten")


def test_plain_news_line_is_one_paragraph() -> None:
    doc = parse_text(NEWS_ONE_LINE, "n")
    assert [b.kind for b in doc.blocks] == ["paragraph"]
    assert (doc.blocks[0].start, doc.blocks[0].end) == (0, len(NEWS_ONE_LINE))
    assert doc.markers == () and doc.references == () and doc.title is None


def test_plain_news_paragraphs_and_headline() -> None:
    text = "Port strike ends\n\nDock workers returned.\nThe union was pleased.\n\nMore talks follow [next week].\n"
    doc = parse_text(text, "n")
    assert doc.title == "Port strike ends"
    assert block_texts(doc) == ["Port strike ends", "Dock workers returned.\nThe union was pleased.",
                                "More talks follow [next week]."]
    assert doc.markers == ()


def test_crlf_line_endings() -> None:
    doc = parse_text(WIKI_COPY.replace("\n", "\r\n"), "w")
    assert doc.title == "Rivermouth water accord"
    assert len(doc.references) == 5
    assert all("\r" not in doc.text[b.start : b.end] for b in doc.blocks)


def test_long_block_is_cut_at_sentence_ends() -> None:
    sentence = "The river rose again near the old mill. "
    text = (sentence * 1500).strip()  # about 60,000 characters on one line
    doc = parse_text(text, "long")
    assert len(doc.blocks) >= 3
    assert all(b.end - b.start <= MAX_BLOCK_CHARS for b in doc.blocks)
    assert all(doc.text[b.start : b.end].endswith("mill.") for b in doc.blocks)
    assert all(doc.text[b.start] == "T" for b in doc.blocks)


def test_long_block_without_sentences_is_still_cut() -> None:
    doc = parse_text("x" * 45_000, "blob")
    assert [b.end - b.start for b in doc.blocks] == [20_000, 20_000, 5_000]


def test_date_is_normalised() -> None:
    assert parse_text("Hello there.", "d", date="8 March 2025").date == "2025-03-08"
