"""One id per document in a run: `unique_ids(documents)`.

Two inputs with the same id (`a/report.txt` and `b/report.txt`, or a JSONL
corpus that repeats an id) would otherwise overwrite each other in a store,
which keeps one document per id. The first keeps its id; each later one gets
`~2`, `~3`, ... (ids are read in input order, so a rerun gives the same ids)
and a warning that names both.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace

from dragoman.records import Document


def unique_ids(documents: Iterable[Document], on_warning: Callable[[str], None]) -> Iterator[Document]:
    first_from: dict[str, str] = {}  # id -> where its first document came from
    for document in documents:
        doc_id = document.doc_id
        where = document.path or "input"
        if doc_id in first_from:
            n = 2
            while f"{doc_id}~{n}" in first_from:
                n += 1
            new_id = f"{doc_id}~{n}"
            on_warning(f"{where}: id {doc_id!r} is already used by {first_from[doc_id]}; this document is coded as {new_id!r}")
            document = replace(document, doc_id=new_id)
        first_from[document.doc_id] = where
        yield document
