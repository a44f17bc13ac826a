"""Ingest: files and strings -> Document records.

    read_path(path)            the one entry point that touches the disk
    parse_text(text, doc_id)   plain text (a copied web page, a news report)
    parse_html(html, doc_id)   an HTML page, through the same plain layout
    parse_reference(key, raw)  one reference-list entry

Everything but read_path is pure.
"""

from dragoman.ingest.files import read_path
from dragoman.ingest.markup import parse_html
from dragoman.ingest.references import parse_reference
from dragoman.ingest.text import MAX_BLOCK_CHARS, parse_text

__all__ = ["MAX_BLOCK_CHARS", "parse_html", "parse_reference", "parse_text", "read_path"]
