"""The whole BBC corpus goes through the date stage (slow: ~40k sentences)."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from dragoman.time import DateRules, DocumentClock, load_date_rules

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "bbc-news-2004-2005.jsonl"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"])")

@pytest.fixture(scope="module")
def date_rules() -> DateRules:
    return load_date_rules()



@pytest.mark.slow
def test_bbc_corpus_dates_cleanly(date_rules: DateRules) -> None:
    if not CORPUS.exists():
        pytest.skip(f"BBC corpus not found at {CORPUS} (../shared is absent outside the project's workspace)")
    bases: Counter[str | None] = Counter()
    roles: Counter[str] = Counter()
    with CORPUS.open(encoding="utf-8") as lines:
        for line in lines:
            article = json.loads(line)
            clock = DocumentClock(date_rules, doc_date="2005-01-15")  # the corpus carries no dates
            for index, sentence in enumerate(_SENTENCE_END.split(article["text"])):
                result = clock.date_sentence(sentence, index // 4)
                bases[result.main.basis] += 1
                roles.update(e.role for e in result.expressions)
                for expression in result.expressions:
                    assert sentence[expression.start : expression.end] == expression.text
    assert bases["explicit"] > 2000 and bases["relative"] > 1000
    assert roles["window"] > 0 and roles["comparison"] > 0
