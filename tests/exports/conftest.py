"""Events coded from sentences written for these tests: a day, a month, a year, a non-event, an IGO."""

from __future__ import annotations

import pytest

SENTENCES = (
    "On 4 June 2023, Russia threatened Poland with missile strikes.",  # a day; RUS -> POL, 138
    "In March 2025, the Egyptian government signed a trade deal with Israel.",  # a month; 057 both ways
    "In 2021 the French government criticised Britain over fishing.",  # a year; FRAGOV -> GBR, 111
    "Iran did not attack Iraq.",  # negated: a non-event, dated by the document
    "The UN Security Council condemned North Korea.",  # IGOUNO -> PRK
)
DOCUMENT_DATE = "2025-06-01"


@pytest.fixture(scope="session")
def coded(loaded):
    """[(document, events)] for SENTENCES, each its own document with a URL and an outlet."""
    results = [
        loaded(text, doc_id=f"own-{i}", date=DOCUMENT_DATE, url=f"https://news.example/{i}", outlet="Example News",
               title=f"Report {i}")
        for i, text in enumerate(SENTENCES)
    ]  # fmt: skip
    return [(r.document, list(r.events)) for r in results]


@pytest.fixture(scope="session")
def events(coded):
    return [e for _, doc_events in coded for e in doc_events]


@pytest.fixture
def corpus(tmp_path):
    """SENTENCES as a JSONL corpus, with the same ids, dates, URLs and outlet as `coded`."""
    import json

    path = tmp_path / "own.jsonl"
    path.write_text(
        "".join(
            json.dumps({"id": f"own-{i}", "text": t, "date": DOCUMENT_DATE, "url": f"https://news.example/{i}",
                        "outlet": "Example News", "title": f"Report {i}"}) + "\n"
            for i, t in enumerate(SENTENCES)
        ),
        encoding="utf-8",
    )  # fmt: skip
    return path
