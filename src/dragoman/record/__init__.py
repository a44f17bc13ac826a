"""The diplomatic record: letters, demands, deadlines, channels and positions (see records.py).

    records.py   the frozen records (Record, Communication, Item, Deadline, Channel, Position)
    words.py     data/record.yaml as typed word lists (a part of the knowledge)
    notes.py     what one sentence says about the record (the sentence stage's output)
    reading.py   a sentence's parse -> notes (communications, demands, deadlines)
    talks.py     a sentence's parse -> notes (channels of talks, positions)
    assemble.py  a document's notes -> its Record (pure; the document stage)
    builders.py  the drafts the assembly fills, and its rules of sides and dates
    rows.py      a Record as flat rows (the stores' record_items)
    stages.py    the two pipeline stages
    brief.py     a Record as text or markdown
    service.py   the record of a store, as the command line and the web app ask for it
    listing.py   the documents of a store that have a record, as a table, JSONL, CSV or TSV
    parties.py   who a record involves: the stores' record_parties rows

This package's __init__ imports only the records and the words, so that the
knowledge (which loads the words) and the state (which holds a Record) can
import it without importing the stages.
"""

from .records import (
    EMPTY_RECORD,
    PARTS,
    Agreement,
    AgreementState,
    Channel,
    ChannelStep,
    CommState,
    Communication,
    Deadline,
    EventRef,
    Evidence,
    Item,
    Position,
    Record,
    RecordLink,
    Rupture,
    record_from_dict,
)
from .words import RecordWords, load_record_words

__all__ = [
    "EMPTY_RECORD",
    "PARTS",
    "Agreement",
    "AgreementState",
    "Channel",
    "ChannelStep",
    "CommState",
    "Communication",
    "Deadline",
    "EventRef",
    "Evidence",
    "Item",
    "Position",
    "Record",
    "RecordLink",
    "RecordWords",
    "Rupture",
    "load_record_words",
    "record_from_dict",
]
