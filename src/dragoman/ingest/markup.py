"""HTML -> the plain layout parse_text reads, then -> Document.

The page is flattened to text, one block per paragraph: headings and
paragraphs stand between blank lines, list items start "- " or "1. ",
and a Wikipedia reference list (<ol class="references">) is written under a
"References" heading as numbered "^ a b ..." entries, exactly as a reader's
copy of the page would show it. Footnote markers (<sup class="reference">)
keep their "[n]" text. Scripts, styles, navigation and page furniture are
left out; furniture that is never closed (a `<header>` or `<svg>` without its
end tag, which would take the rest of the page with it) is read as text. A
`<form>` is no furniture (ASP.NET pages wrap their whole body in one). `Document.text` is this flattened text, and all offsets index it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser

from dragoman.ingest.tables import IngestTables, PageChrome, default_tables, matches_any
from dragoman.ingest.text import build_document
from dragoman.records import Document

# Not "form": ASP.NET pages wrap their whole body in one.
_SKIP_TAGS = frozenset(
    {"script", "style", "noscript", "template", "nav", "header", "footer", "button", "select", "svg", "iframe", "head"}
)
# Left out even when never closed: what they hold is code, not text.
_RAW_TAGS = frozenset({"script", "style", "noscript", "template"})
# Classes and ids of page furniture (Wikipedia's Vector skin and common news templates).
_SKIP_CLASS = re.compile(
    r"(?:^|\s)(?:mw-editsection|mw-jump-link|navbox\S*|vector-\S+|catlinks|printfooter|noprint|"
    r"mw-indicators|infobox\S*|sidebar\S*|metadata|ambox\S*|toc|mw-empty-elt|sr-only|visually-hidden)(?:\s|$)"
)
_SKIP_ID = re.compile(r"^(?:toc|mw-navigation|mw-panel|mw-head|footer|siteSub|contentSub|jump-to-nav|p-\S+)$")
_VOID = frozenset({"br", "img", "meta", "link", "hr", "input", "wbr", "area", "base", "col", "embed", "source", "track", "param"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_BLOCKS = frozenset(
    {"p", "li", "dd", "dt", "div", "blockquote", "pre", "tr", "table", "ul", "ol", "dl", "section", "article",
     "main", "figure", "figcaption", "caption", "body", "center", "details", "summary"} | _HEADINGS
)


_SECTION_NAME = re.compile(r"<!\[\s*([a-zA-Z][-_.a-zA-Z0-9]*)")
_SHORT_SECTIONS = frozenset({"if", "else", "endif"})  # closed by "]>"; the others by "]]>"


@dataclass(frozen=True, slots=True)
class _Ends:
    """Where the last tag, comment and marked section of a page can end (-1: nowhere)."""

    tag: int  # the last ">"
    comment: int  # the start of the last "-->"
    section: int  # ... of the last "]>"
    double_section: int  # ... of the last "]]>"

    @classmethod
    def of(cls, text: str) -> _Ends:
        def last(pattern: str) -> int:
            found = -1
            for match in re.finditer(pattern, text):
                found = match.start()
            return found

        return cls(text.rfind(">"), last(r"--\s*>"), last(r"\]\s*>"), last(r"\]\s*\]\s*>"))


@dataclass(eq=False)  # identity: an open list refers to itself
class _Open:
    tag: str
    skip: bool
    references: bool = False  # an <ol class="references">
    counter: int = 0  # items seen, for <ol>
    # What the element sits in, worked out once when it opens (the page may nest
    # thousands deep: nothing walks the stack per tag or per block):
    kind: str = "text"  # the kind of a block inside it: heading | list | entry | text
    in_list: _Open | None = None  # the innermost <ol>/<ul> around it (itself, for one)
    at: tuple[int, int] = (0, 0)  # where its start tag is (line, column)


class _Flattener(HTMLParser):
    """Collects (kind, words) blocks, kind being heading | text | list | entry."""

    def __init__(self, chrome: PageChrome, keep: frozenset[tuple[int, int]] = frozenset()) -> None:
        self.chrome = chrome
        self.keep = keep  # where furniture starts that is kept: it was never closed (see parse_html)
        self.unclosed: set[tuple[int, int]] = set()  # where furniture starts that an outer end tag closed
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []
        self.meta: dict[str, str] = {}
        self.stack: list[_Open] = []
        self.open_count: Counter[str] = Counter()  # tag -> how many are open: a stray end tag costs nothing
        self.buffer: list[str] = []
        self.skipping = 0
        self.in_title = False
        self.title_parts: list[str] = []
        self.item_prefix = ""
        self.last_heading: str | None = None
        self._ends_of: str | None = None
        self._ends_found = _Ends(-1, -1, -1, -1)

    # ---- malformed markup
    #
    # The standard library's parser, meeting a tag or comment that never ends, reads
    # one character of it as text and tries again at the next "<", scanning to the end
    # of the page each time: quadratic ("<a b " * 20,000 took minutes). HTML itself
    # drops a tag cut off by the end of the page and runs a comment to the end, so
    # these do that, knowing from one scan where the last ">" (and the last comment
    # or section end) is.

    def _ends(self) -> _Ends:
        if self._ends_of is not self.rawdata:
            self._ends_of, self._ends_found = self.rawdata, _Ends.of(self.rawdata)
        return self._ends_found

    def _never_ends(self, i: int) -> bool:
        return i > self._ends().tag

    def parse_starttag(self, i: int) -> int:
        return len(self.rawdata) if self._never_ends(i) else int(super().parse_starttag(i))

    def parse_endtag(self, i: int) -> int:
        return len(self.rawdata) if self._never_ends(i) else int(super().parse_endtag(i))

    def parse_pi(self, i: int) -> int:
        return len(self.rawdata) if self._never_ends(i) else int(super().parse_pi(i))

    def parse_html_declaration(self, i: int) -> int:
        return len(self.rawdata) if self._never_ends(i) else int(super().parse_html_declaration(i))

    def parse_comment(self, i: int, report: bool = True) -> int:
        if i > self._ends().comment:  # no "-->" after it: a comment to the end of the page
            return len(self.rawdata)
        return int(super().parse_comment(i, report))

    def parse_marked_section(self, i: int, report: bool = True) -> int:
        """`<![CDATA[...]]>` and `<![if ...]>` as the standard library reads them; a `<![`
        that is neither (`<![ x`), or whose end never comes, is what HTML makes of it:
        a bogus comment up to the next `>`."""
        ends = self._ends()
        if i > ends.tag:
            return len(self.rawdata)
        name = _SECTION_NAME.match(self.rawdata, i)
        closes = ends.section if name and name.group(1).lower() in _SHORT_SECTIONS else ends.double_section
        if name is not None and i <= closes:
            try:
                return int(super().parse_marked_section(i, report))
            except AssertionError:  # a keyword the standard library does not know
                pass
        return self.rawdata.find(">", i + 3) + 1

    # ---- structure

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {k: v or "" for k, v in attrs}
        if tag == "meta":
            self._meta(attr)
        elif tag == "link" and attr.get("rel", "").lower() == "canonical" and attr.get("href"):
            self.meta.setdefault("url", attr["href"])
        if tag == "title":
            self.in_title = True
        if tag == "br":
            self.buffer.append(" ")
        if tag in _VOID:
            return
        skip = (
            tag in _SKIP_TAGS
            or bool(_SKIP_CLASS.search(attr.get("class", "")))
            or bool(_SKIP_ID.match(attr.get("id", "")))
            or "display:none" in attr.get("style", "").replace(" ", "")
            or attr.get("role") == "navigation"
        ) and self.getpos() not in self.keep
        if tag in _BLOCKS or tag in ("td", "th"):
            if tag in ("td", "th"):
                self.buffer.append(" ")
            else:
                self._flush()
        opened = _Open(tag, skip, references=tag == "ol" and "references" in attr.get("class", "").split(), at=self.getpos())
        outer = self.stack[-1] if self.stack else None
        opened.in_list = opened if tag in ("ol", "ul") else (outer.in_list if outer else None)
        if tag in _HEADINGS:
            opened.kind = "heading"
        elif tag == "li":
            parent = outer.in_list if outer else None
            opened.kind = "entry" if parent is not None and parent.references else "list"
        elif outer is not None:
            opened.kind = outer.kind
        if opened.references and not self.skipping:
            self._references_heading()
        if tag == "li" and not self.skipping:
            parent = outer.in_list if outer else None
            if parent is not None and parent.tag == "ol":
                parent.counter += 1
                self.item_prefix = f"{parent.counter}. "
            else:
                self.item_prefix = "- "
        self.stack.append(opened)
        self.open_count[tag] += 1
        self.skipping += skip

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if not self.open_count[tag]:
            return  # a stray end tag
        if tag in _BLOCKS:
            self._flush()
        while self.stack:
            opened = self.stack.pop()
            self.open_count[opened.tag] -= 1
            self.skipping -= opened.skip
            if opened.tag == tag:
                break
            if opened.skip and opened.tag not in _RAW_TAGS:
                self.unclosed.add(opened.at)  # closed only by an element around it: "<header>...</html>"

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)
        elif not self.skipping:
            self.buffer.append(data)

    def close(self) -> None:
        super().close()
        self._flush()

    def unclosed_furniture(self) -> frozenset[tuple[int, int]]:
        """Where the furniture left out starts that the page never closes itself (after close())."""
        return frozenset(self.unclosed | {o.at for o in self.stack if o.skip and o.tag not in _RAW_TAGS})

    # ---- helpers

    def _meta(self, attr: dict[str, str]) -> None:
        name = (attr.get("property") or attr.get("name") or "").lower()
        content = attr.get("content", "").strip()
        wanted = {
            "og:site_name": "outlet",
            "article:published_time": "date",
            "og:url": "url",
            "og:title": "title",
        }
        if name in wanted and content:
            self.meta.setdefault(wanted[name], content)

    def _kind(self) -> str:
        return self.stack[-1].kind if self.stack else "text"

    def _flush(self) -> None:
        words = " ".join("".join(self.buffer).split())
        self.buffer = []
        if not words or self.skipping:
            return
        kind = self._kind()
        if kind in ("list", "entry"):
            if self.item_prefix:
                words, self.item_prefix = self.item_prefix + words, ""
            else:
                kind = "text"  # a second block inside the same <li>
        self._add(kind, words)

    def _add(self, kind: str, words: str) -> None:
        self.blocks.append((kind, words))
        if kind == "heading":
            self.last_heading = words

    def _references_heading(self) -> None:
        self._flush()
        last_heading = self.last_heading
        if last_heading is None or not matches_any(self.chrome.reference_headings, last_heading):
            self._add("heading", "References")


def _layout(blocks: list[tuple[str, str]]) -> tuple[str, dict[int, str]]:
    parts: list[str] = []
    kinds: dict[int, str] = {}
    offset = 0
    for kind, words in blocks:
        if parts:
            parts.append("\n\n")
            offset += 2
        kinds[offset] = "list" if kind == "entry" else kind
        parts.append(words)
        offset += len(words)
    return "".join(parts), kinds


def _flatten(html: str, chrome: PageChrome, keep: frozenset[tuple[int, int]] = frozenset()) -> _Flattener:
    flattener = _Flattener(chrome, keep)
    flattener.feed(html)
    flattener.close()
    return flattener


def parse_html(
    html: str,
    doc_id: str,
    *,
    title: str | None = None,
    date: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    path: str | None = None,
    tables: IngestTables | None = None,
) -> Document:
    """Read an HTML report (pure; `tables` as for parse_text). Arguments given here win over the page's own
    <title>, <meta property="og:..."> and canonical link.

    >>> doc = parse_html("<h1>Talks</h1><p>They met.<sup class=reference>[1]</sup></p>", "d")
    >>> doc.text, doc.title, doc.markers[0].key
    ('Talks\\n\\nThey met.[1]', 'Talks', '1')
    """
    tables = tables or default_tables()
    flattener = _flatten(html, tables.page_chrome)
    unclosed = flattener.unclosed_furniture()
    if unclosed:
        # Furniture never closed (a <header> or <svg> without its end tag) would take the rest of
        # the page with it: where it ends is unknown, so it is read as text, in a second pass.
        flattener = _flatten(html, tables.page_chrome, unclosed)
    text, line_kinds = _layout(flattener.blocks)
    meta = flattener.meta
    page_title = " ".join("".join(flattener.title_parts).split()) or meta.get("title")
    has_h1_first = bool(flattener.blocks) and flattener.blocks[0][0] == "heading"
    return build_document(
        text,
        doc_id,
        title=title if title is not None else (None if has_h1_first else page_title),
        date=date if date is not None else meta.get("date"),
        url=url if url is not None else meta.get("url"),
        outlet=outlet if outlet is not None else meta.get("outlet"),
        path=path,
        line_kinds=line_kinds,
        tables=tables,
    )
