"""The date stage: date expressions -> dates with precision and basis.

Pure and data-driven: plain sentence strings in, `SentenceDates` records out,
no spaCy and no dateparser; for a parsed sentence, `parsed_asides` reads off
its tokens the clauses about something else, whose dates stay background. The
word lists and patterns live in data/date_rules.yaml, compiled once by
`load_date_rules`; `DocumentClock` carries one document's running date from
sentence to sentence.

    rules = load_date_rules()
    clock = DocumentClock(rules, doc_date="2025-04-20")
    clock.date_sentence("On March 30, Trump threatened Iran.", block_index=0).main.date
    # '2025-03-30'

See dragoman.time.clock for how dates, years and bases are chosen.
"""

from dragoman.time.clauses import Aside, parsed_asides
from dragoman.time.clock import DatedExpression, DocumentClock, SentenceDates, clause_date
from dragoman.time.rules import DateRule, DateRules, load_date_rules

__all__ = [
    "Aside", "DateRule", "clause_date", "DateRules", "DatedExpression", "DocumentClock", "SentenceDates", "load_date_rules",
    "parsed_asides",
]  # fmt: skip
