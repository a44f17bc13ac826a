"""dragoman: reads reports of diplomatic crises and reconstructs who did what to whom.

The public API, in pipeline order:

    nlp = load()                                         # knowledge and model, once
    result = nlp("On 4 June 2023, Russia threatened Poland.")
    for result in nlp.pipe(read_path("corpus.jsonl")):   # parse, actors, events, dates, voice
        for event in result.acts():                      # no negated or hypothetical events
            print(event.to_dict())

    with open_store("dragoman.db") as store:             # SQLite by default
        code_into(store, nlp.read("report.txt"), nlp)

    frame = events_frame(result.events)                  # a pandas DataFrame (pip install pandas)
"""

from .analyse import SourceSummary, summarize_sources
from .config import Settings
from .errors import (
    DragomanError,
    EmptyInputError,
    EncodingError,
    InputError,
    KnowledgeError,
    ModelError,
    PipelineError,
    StoreError,
    UsageError,
)
from .frames import events_frame
from .ingest import parse_html, parse_text, read_path
from .knowledge import Knowledge, load_knowledge
from .pipeline import Pipeline
from .records import (
    Actor,
    Attribution,
    Block,
    Citation,
    DateValue,
    Document,
    Event,
    Marker,
    Reference,
    Sentence,
)
from .service import CodingSummary, Dragoman, code_into, load, run
from .state import DocumentResult
from .store import EventQuery, EventStore, open_store
from .version import __version__

__all__ = [
    "Actor",
    "Attribution",
    "Block",
    "Citation",
    "CodingSummary",
    "DateValue",
    "Document",
    "DocumentResult",
    "Dragoman",
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
    "Pipeline",
    "PipelineError",
    "Reference",
    "Sentence",
    "Settings",
    "SourceSummary",
    "StoreError",
    "UsageError",
    "__version__",
    "code_into",
    "events_frame",
    "load",
    "load_knowledge",
    "open_store",
    "parse_html",
    "parse_text",
    "read_path",
    "run",
    "summarize_sources",
]
