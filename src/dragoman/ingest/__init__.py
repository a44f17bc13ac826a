"""Ingest: files and strings -> Document records.

    expand_inputs(paths)       files, folders, patterns and "-" -> the Sources to read
    read_source(source)        one Source -> Documents (text, HTML, JSONL, CSV, Parquet; compressed or not)
    read_path(path)            one file -> Documents
    parse_text(text, doc_id)   plain text (a copied web page, a news report)
    parse_html(html, doc_id)   an HTML page, through the same plain layout
    parse_reference(key, raw)  one reference-list entry

Everything but expand_inputs and the readers is pure.
"""

from dragoman.ingest.markup import parse_html
from dragoman.ingest.references import parse_reference
from dragoman.ingest.rows import DEFAULT_FIELDS, Fields
from dragoman.ingest.sources import Source, expand_inputs, expected_documents, read_path, read_source
from dragoman.ingest.text import MAX_BLOCK_CHARS, parse_text

__all__ = [
    "DEFAULT_FIELDS",
    "MAX_BLOCK_CHARS",
    "Fields",
    "Source",
    "expand_inputs",
    "expected_documents",
    "parse_html",
    "parse_reference",
    "parse_text",
    "read_path",
    "read_source",
]
