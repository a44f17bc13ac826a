"""The seed article, sentence by sentence, dated as a careful reader would.

The article is read from ../shared (beside the checkout). Blocks are its
paragraphs and list items; sentences are split naively; each sentence's
citation dates come from its "[n]" markers and the reference list's
publication dates, transcribed by hand below.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dragoman.records import DateValue
from dragoman.time import DateRules, DocumentClock, SentenceDates, load_date_rules

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "seed-article.txt"

# Publication dates of the seed's references (None: the entry gives none).
REFERENCE_DATES: dict[str, str | None] = {
    "1": "2025-03-08", "2": "2025-03-08", "3": "2025-03-07", "4": "2025-03-08", "5": "2025-03-08",
    "6": "2025-03-09", "7": "2025-04-11", "8": "2025-04-12", "9": "2025-03-07", "10": "2025-03-21",
    "11": "2025-04-03", "12": "2025-03-22", "13": "2025-03-27", "14": "2025-03-30", "15": None,
    "16": "2025-03-31", "17": None, "18": "2025-03-31", "19": "2025-04-13", "20": None,
    "21": "2025-03-23", "22": None, "23": "2025-03-19", "24": None, "25": None, "26": "2025-03-15",
}  # fmt: skip

# Sentence start -> (date, precision, basis) of its main date.
EXPECTED = {
    "Trump announced the existence of the letter": ("2025-03-07", "day", "explicit"),
    "By the month's end, the Iranian leadership": ("2025-03", "month", "relative"),
    "Iran and the U.S. began talks in April": ("2025-04", "month", "explicit"),
    "In 2015, during President Obama": ("2015", "year", "explicit"),
    "The JCPOA imposed limitations": ("2015", "year", "inherited"),
    "However, in 2018, during the first term": ("2018", "year", "explicit"),
    "On March 7, Trump announced": ("2025-03-07", "day", "explicit"),
    "He warned that if Iran": ("2025-03-07", "day", "inherited"),
    "On March 8, 2025, Iranian Foreign Minister": ("2025-03-08", "day", "explicit"),
    "Later, Khamenei described": ("2025-03-08", "day", "inherited"),
    "However, on March 22, Steve Witkoff": ("2025-03-22", "day", "explicit"),
    "On March 27, Iran wrote another letter": ("2025-03-27", "day", "explicit"),
    "On March 30, Trump threatened Iran": ("2025-03-30", "day", "explicit"),
    "The next day, Khamenei threatened": ("2025-03-31", "day", "relative"),
    "IRGCAF General Hajizadeh also threatened": ("2025-03-31", "day", "inherited"),
    "By the end of March, the Iranian leadership": ("2025-03", "month", "explicit"),
    "Iran and the U.S. began talks on April 12": ("2025-04-12", "day", "explicit"),
    "Iranian foreign minister Abbas Araghchi and U.S. special envoy": ("2025-04-12", "day", "inherited"),
    "The negotiations between the US and Iran have since": ("2025-04-12", "day", "inherited"),
    "Le Monde argued": ("2025-03-23", "day", "citation"),
    "US deployed two aircraft carriers": (None, None, None),
    "Two weeks after sending the letter": ("2025-03-21", "day", "relative"),
    "On March 16, 2025, the United States": ("2025-03-16", "day", "explicit"),
}

_SENTENCE_END = re.compile(r"(?<!\bGen\.)(?<!\bMr\.)(?<!\bDr\.)(?<=[.!?])[\"”]?(?:\[\d+\])*(?=\s+[A-Z\"“])")
_MARKER = re.compile(r"\[(\d+)\]")

@pytest.fixture(scope="module")
def date_rules() -> DateRules:
    return load_date_rules()



def seed_blocks(text: str) -> list[list[str]]:
    """Body blocks (paragraphs, list items) of the article, each a list of sentences."""
    body = text.split("\nReferences\n")[0]
    blocks = []
    for paragraph in re.split(r"\n\s*\n", body):
        for line in paragraph.splitlines():
            line = re.sub(r"^\s*\d+\.\s+", "", line).strip()
            if line and line != "[edit]":
                sentences, last = [], 0
                for cut in _SENTENCE_END.finditer(line):
                    sentences.append(line[last : cut.end()].strip())
                    last = cut.end()
                sentences.append(line[last:].strip())
                blocks.append([s for s in sentences if s])
    return blocks


def date_seed(rules: DateRules) -> list[tuple[str, SentenceDates]]:
    clock = DocumentClock(rules, reference_dates=[d for d in REFERENCE_DATES.values() if d])
    dated = []
    for block_index, sentences in enumerate(seed_blocks(SEED.read_text(encoding="utf-8"))):
        for sentence in sentences:
            cites = [REFERENCE_DATES[k] for k in _MARKER.findall(sentence)]
            dated.append((sentence, clock.date_sentence(sentence, block_index, [c for c in cites if c])))
    return dated


@pytest.fixture(scope="module")
def seed_dates(date_rules: DateRules) -> list[tuple[str, SentenceDates]]:
    if not SEED.exists():
        pytest.skip(f"seed article not found at {SEED} (../shared is absent outside the project's workspace)")
    return date_seed(date_rules)


@pytest.mark.parametrize("start", list(EXPECTED))
def test_seed_sentence_date(start: str, seed_dates: list[tuple[str, SentenceDates]]) -> None:
    matches = [dates for sentence, dates in seed_dates if sentence.startswith(start)]
    assert len(matches) == 1, f"{start!r} should open exactly one sentence"
    main = matches[0].main
    assert (main.date, main.precision, main.basis) == EXPECTED[start], main


def test_seed_noun_anchor_and_flags(seed_dates: list[tuple[str, SentenceDates]]) -> None:
    def main_of(start: str) -> DateValue:
        return next(dates.main for sentence, dates in seed_dates if sentence.startswith(start))

    assert main_of("Two weeks after sending the letter").anchor == "2025-03-07"
    assert main_of("The next day, Khamenei").anchor == "2025-03-30"
    assert main_of("On March 16, 2025").flag == "after_citations"  # its only source is dated 15 March
    assert main_of("On March 8, 2025").flag is None


def test_seed_since_is_a_window(seed_dates: list[tuple[str, SentenceDates]]) -> None:
    oman = next(d for s, d in seed_dates if "met and conversed in Oman" in s)
    windows = [e for e in oman.expressions if e.text == "the 2010s"]
    assert windows and windows[0].role == "window"
    assert oman.main.date == "2025-04-12"


def test_seed_compliance_deadline(seed_dates: list[tuple[str, SentenceDates]]) -> None:
    compliance = next(d for s, d in seed_dates if s.startswith("Compliance within 2 months"))
    assert compliance.deadline is not None
    assert (compliance.deadline.date, compliance.deadline.basis, compliance.deadline.anchor) == (
        "2025-05-07",
        "relative",
        "2025-03-07",
    )
