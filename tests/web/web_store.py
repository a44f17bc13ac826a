"""A small hand-made store for the web tests: exact events, no model needed.

doc-a tells a crisis between the United States and Iran (with Oman), with a
threat, a reported rejection, a threatened attack (a non-event), an event
dated only to a month, an unresolved source, a meeting both ways, and a
sentence carrying markup; doc-b has one event between Britain and France.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dragoman.records import Actor, Attribution, Block, Citation, DateValue, Document, Event, Reference, Sentence
from dragoman.store import open_store

TEXT_A = (
    "Crisis\n\n"
    "On 3 March 2025 the United States threatened Iran with strikes. "
    "Iran rejected the demand, state media said. "
    "In March Iran criticised Washington. "
    "The militants attacked Iran. "
    "On 12 April 2025 Iran met the United States in Muscat. "
    "Oman hosted <script>alert(1)</script> talks."
)
TEXT_B = "On 1 January 2025 Britain praised France."

USAGOV = {"name": "United States government", "code": "USAGOV", "country": "USA", "sector": "GOV"}
IRN = {"name": "Iran", "code": "IRN", "country": "IRN", "sector": None}
IRNGOV = {"name": "Iranian government", "code": "IRNGOV", "country": "IRN", "sector": "GOV"}
OMNGOV = {"name": "Omani government", "code": "OMNGOV", "country": "OMN", "sector": "GOV"}
GBR = {"name": "United Kingdom", "code": "GBR", "country": "GBR", "sector": None}
FRA = {"name": "France", "code": "FRA", "country": "FRA", "sector": None}
MILITANTS = {"name": None, "code": None, "country": None, "sector": None}

REUTERS = Citation(key="1", outlet="Reuters", title="US warns Iran", published="2025-03-04", language="en", url="https://example.org/reuters")
TASNIM = Citation(key="2", outlet="Tasnim", title="پاسخ ایران", published="2025-03-05", language="fa", url="javascript:alert(1)")


def _sentences(doc_id: str, text: str, starts: list[str]) -> list[Sentence]:
    out = []
    for index, words in enumerate(starts):
        start = text.index(words)
        end = text.index(".", start) + 1
        out.append(Sentence(doc_id, index, start, end, text[start:end], block_index=1))
    return out


def _actor(text: str, sentence: Sentence, spec: dict[str, Any]) -> Actor:
    start = sentence.start + sentence.text.index(text)
    return Actor(text=text, start=start, end=start + len(text), **spec)


def _event(event_id: str, sentence: Sentence, trigger: str, source: tuple[str, dict[str, Any]] | None,
           target: tuple[str, dict[str, Any]] | None, *, cameo: str, goldstein: float, quad: int, date: str | None,
           precision: str | None = "day", **changes: Any) -> Event:  # fmt: skip
    at = sentence.start + sentence.text.index(trigger)
    fields: dict[str, Any] = {
        "event_id": event_id, "doc_id": sentence.doc_id, "sentence_index": sentence.index, "sentence": sentence.text,
        "span": (sentence.start, sentence.end), "trigger": trigger, "trigger_span": (at, at + len(trigger)),
        "source": _actor(source[0], sentence, source[1]) if source else None,
        "target": _actor(target[0], sentence, target[1]) if target else None,
        "cameo": cameo, "root": cameo[:2], "cameo_name": f"name of {cameo}", "goldstein": goldstein, "quad_class": quad,
        "plover": None, "date": DateValue(date, precision if date else None, "explicit" if date else None),
        "coder_version": "test", "lexicon_fingerprint": "0" * 16,
    }  # fmt: skip
    fields.update(changes)
    return Event(**fields)


def build_store(path: Path) -> Path:
    """Write the two documents into a new SQLite store at `path`."""
    threat, reject, criticise, attack, meet, host = _sentences(
        "doc-a", TEXT_A, ["On 3 March", "Iran rejected", "In March", "The militants", "On 12 April", "Oman hosted"]
    )
    events_a = [
        _event("a1threat", threat, "threatened", ("the United States", USAGOV), ("Iran", IRN), cameo="138", goldstein=-7.0,
               quad=3, date="2025-03-03", citations=(REUTERS,),
               deadline=DateValue("2025-05-03", "day", "relative", None, "within 2 months", "2025-03-03")),
        _event("a2strike", threat, "strikes", ("the United States", USAGOV), ("Iran", IRN), cameo="190", goldstein=-10.0,
               quad=4, date="2025-03-03", modality="threatened"),
        _event("a3reject", reject, "rejected", ("Iran", IRNGOV), None, cameo="125", goldstein=-5.0, quad=3,
               date="2025-03-05", modality="reported", citations=(TASNIM,),
               attribution=Attribution(text="state media", speaker=Actor(text="IRNA", name="IRNA", code="IRNMED", country="IRN", sector="MED"),
                                       chain=("state media", "IRNA")), reliability="unofficial"),
        _event("a4month", criticise, "criticised", ("Iran", IRN), ("Washington", USAGOV), cameo="111", goldstein=-2.0,
               quad=3, date="2025-03", precision="month"),
        _event("a5attack", attack, "attacked", ("The militants", MILITANTS), ("Iran", IRN), cameo="180", goldstein=-9.0,
               quad=4, date=None),
        _event("a6meet", meet, "met", ("Iran", IRNGOV), ("the United States", USAGOV), cameo="044", goldstein=2.5, quad=1,
               date="2025-04-12", reciprocal=True, quote="a good start", quote_speaker="Abbas Araghchi"),
        _event("a7meet", meet, "met", ("the United States", USAGOV), ("Iran", IRNGOV), cameo="044", goldstein=2.5, quad=1,
               date="2025-04-12", reciprocal=True),
        _event("a8host", host, "hosted", ("Oman", OMNGOV), None, cameo="045", goldstein=5.0, quad=1, date="2025-04-12"),
    ]  # fmt: skip
    (praise,) = _sentences("doc-b", TEXT_B, ["On 1 January"])
    events_b = [_event("b1praise", praise, "praised", ("Britain", GBR), ("France", FRA), cameo="051", goldstein=3.4,
                       quad=1, date="2025-01-01")]  # fmt: skip
    doc_a = Document(
        doc_id="doc-a", text=TEXT_A, title="Crisis & talks", date="2025-04-13", outlet="Test Wire", url="https://example.org/a",
        blocks=(Block(0, 6, "heading"), Block(8, len(TEXT_A), "paragraph", "Crisis")),
        references=(Reference(key="1", raw="Reuters. US warns Iran.", outlet="Reuters", title="US warns Iran", published="2025-03-04"),),
    )  # fmt: skip
    doc_b = Document(doc_id="doc-b", text=TEXT_B, title=None, blocks=(Block(0, len(TEXT_B), "paragraph"),))
    with open_store(str(path)) as store:
        store.save(doc_a, [threat, reject, criticise, attack, meet, host], events_a)
        store.save(doc_b, [praise], events_b)
    return path


def fetch(client: Any, url: str, status: int = 200) -> Any:
    """GET `url` from a TestClient, expecting `status`: the JSON of a JSON answer, else the text."""
    response = client.get(url)
    assert response.status_code == status, response.text[:500]
    return response.json() if response.headers["content-type"].startswith("application/json") else response.text
