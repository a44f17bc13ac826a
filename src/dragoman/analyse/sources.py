"""On whose word: which events rest on one source, on non-English sources only, or on none."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..records import Event


@dataclass(frozen=True, slots=True)
class SourceSummary:
    doc_id: str
    events: int
    single_source: tuple[Event, ...]  # cites exactly one reference
    non_english_only: tuple[Event, ...]  # every cited reference is in another language
    unsourced: tuple[Event, ...]  # cites nothing
    languages: dict[str, int] = field(default_factory=dict)  # language -> events citing it

    def to_dict(self) -> dict[str, object]:
        return {
            "doc_id": self.doc_id,
            "events": self.events,
            "single_source": _ids(self.single_source),
            "non_english_only": _ids(self.non_english_only),
            "unsourced": _ids(self.unsourced),
            "languages": self.languages,
        }


def _ids(events: tuple[Event, ...]) -> list[str]:
    return [e.event_id for e in events]


def summarize_sources(events: Iterable[Event]) -> list[SourceSummary]:
    """One summary per document, in the order documents first appear."""
    by_doc: dict[str, list[Event]] = {}
    for e in events:
        by_doc.setdefault(e.doc_id, []).append(e)
    out = []
    for doc_id, evs in by_doc.items():
        languages: Counter[str] = Counter()
        for e in evs:
            languages.update({c.language for c in e.citations})
        out.append(
            SourceSummary(
                doc_id=doc_id,
                events=len(evs),
                single_source=tuple(e for e in evs if len({c.key for c in e.citations}) == 1),
                non_english_only=tuple(e for e in evs if e.citations and all(c.language != "en" for c in e.citations)),
                unsourced=tuple(e for e in evs if not e.citations),
                languages=dict(sorted(languages.items())),
            )
        )
    return out
