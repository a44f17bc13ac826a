"""dragoman: reads reports of diplomatic crises and reconstructs who did what to whom.

The public API, in pipeline order:

    documents = read_path("report.txt")                  # ingest
    for result in run(documents, Settings()):            # parse, actors, events, dates, voice
        for event in result.acts():                      # no negated or hypothetical events
            print(event.to_dict())

    with open_store("dragoman.db") as store:             # SQLite by default
        store.save(result.document, result.sentences, result.events)
"""

__version__ = "0.1.0"

from .analyse import SourceSummary, summarize_sources
from .config import Settings
from .errors import DragomanError, EmptyInputError, EncodingError, InputError, KnowledgeError, ModelError, StoreError
from .ingest import parse_html, parse_text, read_path
from .pipeline import DocumentResult, Knowledge, load, run
from .records import Actor, Attribution, Block, Citation, DateValue, Document, Event, Marker, Reference, Sentence
from .store import EventQuery, EventStore, open_store

__all__ = [
    "Actor",
    "Attribution",
    "Block",
    "Citation",
    "DateValue",
    "Document",
    "DocumentResult",
    "DragomanError",
    "EmptyInputError",
    "EncodingError",
    "Event",
    "EventQuery",
    "EventStore",
    "InputError",
    "Knowledge",
    "KnowledgeError",
    "Marker",
    "ModelError",
    "Reference",
    "Sentence",
    "Settings",
    "SourceSummary",
    "StoreError",
    "__version__",
    "load",
    "open_store",
    "parse_html",
    "parse_text",
    "read_path",
    "run",
    "summarize_sources",
]
