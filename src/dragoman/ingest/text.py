"""Plain text -> Document: blocks, sections, footnote markers and references.

The layout rules, in the order they are applied:

* A line matching data/page_chrome.txt is page furniture and is skipped
  (a "[edit]" line still tells us the line above it is a heading).
* A short line without sentence punctuation is a heading when an "[edit]"
  line follows it, or when it stands alone between blank lines with more
  text after it. The first block of a document, when it is such a heading,
  is the document's title.
* A line starting "1." / "2)" / "-" / "*" / "•" is a list item; the block
  covers the item's words, not its number or bullet.
* Other consecutive lines make one paragraph.
* Under a heading named in [reference_headings] every entry is parsed into
  a Reference instead of becoming a block.

No block includes surrounding whitespace, and none is longer than
MAX_BLOCK_CHARS: longer ones are cut after a sentence end.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from dragoman.ingest.dates import document_date
from dragoman.ingest.references import parse_reference
from dragoman.ingest.tables import IngestTables, PageChrome, default_tables, matches_any
from dragoman.ingest.untrusted import clean_field, clean_text
from dragoman.records import Block, Document, Marker, Reference

MAX_BLOCK_CHARS = 20_000  # the downstream parser's comfortable limit for one block
MAX_HEADING_CHARS = 120
MAX_HEADING_WORDS = 15

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_EDIT_LINK = re.compile(r"\[edit(?: source)?\]", re.IGNORECASE)
_LIST_ITEM = re.compile(r"(?:\d{1,3}[.)]|[-*•·–])\s+(?=\S)")
_KNOWN_ITEM = re.compile(r"(?:\d+[.)]|[-*•·–])\s+(?=\S)")  # a line the markup says is an item ("1000. ...")
_REFERENCE_ENTRY = re.compile(r"(?:(?P<key>\d{1,4}|[a-z])[.)]\s+)?(?=\^)|(?P<numbered>\d{1,4})[.)]\s+(?=\S)")
_MARKER = re.compile(r"\[(\d{1,4}|[a-z]|note \d{1,3})\]")
_NOT_HEADING_END = tuple(".,;:!?\"”’'»]")
# Where a too-long block may be cut: after a sentence end, before a capital.
# A wire dateline that opens a paragraph: a place in capitals, a comma or a bracketed agency, a few
# words (the day), a dash: "GENEVA, 18 September (wire) - ", "WASHINGTON (AP) -- ". It is a block of
# its own, so that the parser does not hang the story's first sentence on the place.
_DATELINE = re.compile(
    r"[A-Z][A-Z'\u2019.\-]{2,}(?: [A-Z][A-Z'\u2019.\-]+){0,3}(?:,[^\n\u2013\u2014-]{0,40}?|\s*\([^)\n]{1,30}\)[^\n\u2013\u2014-]{0,20}?)"
    r"\s*(?:--|[-\u2013\u2014])\s+(?=\S)"
)
_SENTENCE_CUT = re.compile(r"[.!?][\"”’)]?\s+(?=[\"“‘(]?[A-Z])")


@dataclass(frozen=True, slots=True)
class _Line:
    start: int  # offset of the first non-space character
    end: int  # offset after the last non-space character
    indented: bool
    kind: str  # blank | chrome | edit | list | text | heading


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each line without its line break."""
    for match in _LINE.finditer(text):
        if match.start() == len(text) and match.start() > 0:
            break
        yield match.start(), match.start() + len(match.group(0).rstrip("\r\n"))


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _looks_like_heading(line: str, *, strict: bool) -> bool:
    if not line or len(line) > MAX_HEADING_CHARS or len(line.split()) > MAX_HEADING_WORDS:
        return False
    if line[0].islower():
        return False
    return not (strict and line.endswith(_NOT_HEADING_END))


def _classify(text: str, chrome: PageChrome, line_kinds: Mapping[int, str]) -> list[_Line]:
    raw = [(s, e, *_strip(text, s, e)) for s, e in _lines(text)]
    contents = [text[cs:ce] for _, _, cs, ce in raw]
    wiki = any(_EDIT_LINK.fullmatch(c) or matches_any(chrome.chrome, c) for c in contents if c)

    kinds: list[str] = []
    for content in contents:
        if not content:
            kinds.append("blank")
        elif _EDIT_LINK.fullmatch(content):
            kinds.append("edit")
        elif matches_any(chrome.chrome, content) or (wiki and matches_any(chrome.wiki_chrome, content)):
            kinds.append("chrome")
        elif _LIST_ITEM.match(content):
            kinds.append("list")
        else:
            kinds.append("text")

    # Look-ahead facts for every line, from one backward pass (texts can be large).
    next_kind: list[str | None] = [None] * len(kinds)  # next line that is not blank/chrome
    more_text: list[bool] = [False] * len(kinds)  # any text or list line further down
    upcoming: str | None = None
    seen_text = False
    for i in range(len(kinds) - 1, -1, -1):
        next_kind[i], more_text[i] = upcoming, seen_text
        if kinds[i] not in ("blank", "chrome"):
            upcoming = kinds[i]
        seen_text = seen_text or kinds[i] in ("text", "list")

    quiet = ("blank", "chrome", "edit")
    for i, kind in enumerate(kinds):
        known = line_kinds.get(raw[i][2])
        if known is not None and kind not in quiet:
            kinds[i] = known
            continue
        if kind != "text":
            continue
        before = i == 0 or kinds[i - 1] in quiet
        after = i + 1 == len(kinds) or kinds[i + 1] in quiet
        content = contents[i]
        if next_kind[i] == "edit" and _looks_like_heading(content, strict=False):
            kinds[i] = "heading"
        elif before and after and more_text[i] and _looks_like_heading(content, strict=True):
            kinds[i] = "heading"

    return [_Line(cs, ce, indented=cs - s >= 2, kind=kind) for (s, _e, cs, ce), kind in zip(raw, kinds)]


def _cut(text: str, start: int, end: int, limit: int) -> Iterator[tuple[int, int]]:
    """Pieces of text[start:end], none longer than `limit`, cut at sentence ends."""
    while end - start > limit:
        window_end = start + limit
        cut = None
        for match in _SENTENCE_CUT.finditer(text, start, window_end + 1):
            if match.end() <= window_end and match.start() > start:
                cut = match.start() + 1
        if cut is None:
            space = text.rfind(" ", start + 1, window_end)
            cut = space if space > start else window_end
        piece = _strip(text, start, cut)
        if piece[1] > piece[0]:
            yield piece
        start = _strip(text, cut, end)[0]
    if end > start:
        yield start, end


class _Builder:
    """Walks the classified lines once, collecting blocks and references."""

    def __init__(self, text: str, chrome: PageChrome, languages: Mapping[str, str]) -> None:
        self.languages = languages
        self.text = text
        self.chrome = chrome
        self.blocks: list[Block] = []
        self.references: list[Reference] = []
        self.section: str | None = None
        self.in_references = False
        self.paragraph: tuple[int, int] | None = None
        self.entry: tuple[str, int, int] | None = None  # key, start, end
        self.title: str | None = None

    def flush(self) -> None:
        if self.paragraph:
            self.add_block(*self.paragraph, "paragraph")
            self.paragraph = None
        if self.entry:
            key, start, end = self.entry
            self.references.append(parse_reference(key, self.text[start:end], self.languages))
            self.entry = None

    def add_block(self, start: int, end: int, kind: str) -> None:
        dateline = _DATELINE.match(self.text, start, end) if kind == "paragraph" else None
        if dateline is not None and dateline.end() < end:
            self.blocks.append(Block(start, dateline.end(), kind, self.section))
            start = dateline.end()
        for piece_start, piece_end in _cut(self.text, start, end, MAX_BLOCK_CHARS):
            self.blocks.append(Block(piece_start, piece_end, kind, self.section))

    def heading(self, line: _Line) -> None:
        self.flush()
        words = self.text[line.start : line.end]
        if matches_any(self.chrome.reference_headings, words):
            self.in_references = True
            self.section = words
            return
        self.in_references = False
        if not self.blocks and self.title is None:
            self.title = words  # the first block: the document's own title
            self.blocks.append(Block(line.start, line.end, "heading", None))
            return
        self.section = words
        self.blocks.append(Block(line.start, line.end, "heading", words))

    def reference_line(self, line: _Line, previous: _Line | None) -> None:
        content = self.text[line.start : line.end]
        match = _REFERENCE_ENTRY.match(content)
        continues = self.entry is not None and previous is not None and previous.kind in ("text", "list")
        if match is None and continues:
            assert self.entry is not None
            self.entry = (self.entry[0], self.entry[1], line.end)
            return
        self.flush()
        if match is None:
            key, start = str(len(self.references) + 1), line.start  # an unnumbered entry
        else:
            key = match.group("key") or match.group("numbered") or str(len(self.references) + 1)
            start = line.start + match.end()
        self.entry = (key, start, line.end)

    def body_line(self, line: _Line, previous: _Line | None) -> None:
        if line.kind == "list":
            self.flush()
            item = _KNOWN_ITEM.match(self.text, line.start, line.end)
            self.add_block(item.end() if item else line.start, line.end, "list_item")
            return
        last = self.blocks[-1] if self.blocks else None
        if (
            self.paragraph is None
            and line.indented
            and previous is not None
            and previous.kind == "list"
            and last is not None
            and last.kind == "list_item"
        ):
            # An indented line right under a list item continues that item.
            self.blocks[-1] = Block(last.start, line.end, "list_item", last.section)
            return
        if self.paragraph is None:
            self.paragraph = (line.start, line.end)
        else:
            self.paragraph = (self.paragraph[0], line.end)


def _drop_empty_appendix(blocks: list[Block], chrome: PageChrome, text: str) -> list[Block]:
    kept: list[Block] = []
    for i, block in enumerate(blocks):
        nothing_under = i + 1 == len(blocks) or blocks[i + 1].kind == "heading"
        if block.kind == "heading" and nothing_under and matches_any(chrome.empty_appendix, text[block.start : block.end]):
            continue
        kept.append(block)
    return kept


def find_markers(text: str, blocks: tuple[Block, ...] | list[Block]) -> tuple[Marker, ...]:
    """Footnote markers ("[12]", "[a]", "[note 3]") inside the given blocks."""
    found = [
        Marker(m.start(), m.end(), m.group(1))
        for block in blocks
        for m in _MARKER.finditer(text, block.start, block.end)
    ]
    return tuple(sorted(found, key=lambda marker: marker.start))


def build_document(
    text: str,
    doc_id: str,
    *,
    title: str | None = None,
    date: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    path: str | None = None,
    line_kinds: Mapping[int, str] | None = None,
    tables: IngestTables | None = None,
) -> Document:
    """parse_text, plus `line_kinds`: the kind ("heading", "text" or "list") of
    lines whose kind is already known, by the offset of their first character
    (parse_html knows every line's kind from the markup)."""
    text, doc_id = clean_text(text), clean_text(doc_id)  # untrusted: see ingest.untrusted
    title, date, url, outlet = (clean_field(value) for value in (title, date, url, outlet))
    tables = tables or default_tables()
    chrome = tables.page_chrome
    builder = _Builder(text, chrome, tables.languages)
    previous: _Line | None = None
    for line in _classify(text, chrome, line_kinds or {}):
        if line.kind in ("blank", "chrome", "edit"):
            builder.flush()
        elif line.kind == "heading":
            builder.heading(line)
        elif builder.in_references:
            builder.reference_line(line, previous)
        else:
            builder.body_line(line, previous)
        previous = line
    builder.flush()

    blocks = _drop_empty_appendix(builder.blocks, chrome, text)
    return Document(
        doc_id=doc_id,
        text=text,
        title=title if title is not None else builder.title,
        date=(document_date(date) or date) if date else None,
        url=url,
        outlet=outlet,
        path=path,
        blocks=tuple(blocks),
        markers=find_markers(text, blocks),
        references=tuple(builder.references),
    )


def parse_text(
    text: str,
    doc_id: str,
    *,
    title: str | None = None,
    date: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    path: str | None = None,
    tables: IngestTables | None = None,
) -> Document:
    """Read the layout of a plain-text report (pure: `tables` are the page-chrome
    and language tables, the packaged ones by default). `Document.text` is
    `text` unchanged but for control characters, which become spaces, and lone
    surrogates, which become U+FFFD (see ingest.untrusted); every offset indexes it.

    >>> doc = parse_text("Talks resume\\n\\nBoth sides met in Muscat.[1]", "d1")
    >>> doc.title, [b.kind for b in doc.blocks], doc.markers[0].key
    ('Talks resume', ['heading', 'paragraph'], '1')
    """
    return build_document(text, doc_id, title=title, date=date, url=url, outlet=outlet, path=path, tables=tables)
