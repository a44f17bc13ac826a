"""Events of many reports -> happenings: block, sort by date, sweep.

    happenings = group_events(events, rules, non_events=policy.non_events, outlets={"d1": "Reuters"})
    for happening in group_stream(store_events, rules, non_events=...): ...   # events in store order

Which events can be one happening (data/happenings.yaml says why and how much):

- acts only (no modality of `non_events`), with a source that has a code;
- from different documents: a document's events never join each other, except the
  mirror events of one sentence ("Chile and Peru signed" is coded both ways);
- the same action family (`HappeningRules.family`: a listed family, else the root);
- the same source and target, or compatible ones (USA and USAGOV): each new event
  must fit the most specific codes the happening holds, so a happening never holds
  both USAGOV and USAMIL; a mutual event fits either direction;
- compatible dates: the day stretches of every two members are at most `day_window`
  days apart; precise dates (a day, a month) group with precise ones, vague ones
  (a year, a decade) with vague ones, undated with undated;
- close wording (`wording.py`), the stricter threshold for vague and undated events.

How it scales: events are blocked by (lane, the unordered pair of the actors'
first three letters, family), and inside a block candidates are found through an
index of the happenings' words, not by comparing with every open happening. The
events come sorted by date (the store's order, or sorted here: O(n log n)), so a
happening whose dates no later event can fit is closed and handed on as the
sweep passes it: memory holds the happenings of the last few days of each block,
plus the vague and undated ones, which stay open to the end. An event is compared
with the few happenings that share its block, a window of dates and a word.

Deterministic: the same events in the same order give the same happenings, and a
happening's id is derived from its first event's id ("h" + sha256).
"""

from __future__ import annotations

import calendar
import datetime
import hashlib
import heapq
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from ..records import Actor, Event
from .records import Happening, Member, most_common
from .rules import HappeningRules
from .wording import event_words, similarity

__all__ = ["date_span", "group_events", "group_stream", "happening_id"]

PRECISE, VAGUE, UNDATED = "precise", "vague", "undated"


def happening_id(first_event_id: str) -> str:
    """The id of the happening whose first member is this event (stable across runs)."""
    return "h" + hashlib.sha256(first_event_id.encode("utf-8")).hexdigest()[:16]


def date_span(date: str | None, date_end: str | None = None) -> tuple[int, int] | None:
    """The first and last day (proleptic ordinals) an ISO date covers, to the end of `date_end`
    for a range; None for no date or one that is not a calendar date."""
    if not date:
        return None
    first, last = _first_day(date), _last_day(date_end or date)
    if first is None or last is None or last < first:
        return None
    return first, last


def _first_day(iso: str) -> int | None:
    return _day(iso, last=False)


def _last_day(iso: str) -> int | None:
    return _day(iso, last=True)


def _day(iso: str, *, last: bool) -> int | None:
    parts = iso.split("-")
    try:
        if (
            len(parts) == 1 and len(iso) == 3 and iso.isdigit()
        ):  # a decade: "201" is 2010-2019
            year = int(iso) * 10 + (9 if last else 0)
            return datetime.date(
                max(year, 1), 12 if last else 1, 31 if last else 1
            ).toordinal()
        if not all(p.isdigit() for p in parts) or len(parts[0]) != 4 or len(parts) > 3:
            return None
        year = int(parts[0])
        if len(parts) == 1:
            return datetime.date(year, 12 if last else 1, 31 if last else 1).toordinal()
        month = int(parts[1])
        if len(parts) == 2:
            day = calendar.monthrange(year, month)[1] if last else 1
            return datetime.date(year, month, day).toordinal()
        return datetime.date(year, month, int(parts[2])).toordinal()
    except (ValueError, calendar.IllegalMonthError):
        return None


# ---------------------------------------------------------------- what grouping keeps of an event


@dataclass(frozen=True, slots=True)
class _Item:
    member: Member
    lane: str
    block: tuple[str, str, str, str]  # (lane, actor a, actor b, family)
    family: str
    source: str  # "" for none
    target: str
    source_name: str | None
    target_name: str | None
    reciprocal: bool
    span: tuple[int, int] | None
    date: str | None
    date_precision: str | None
    date_end: str | None
    words: frozenset[str]


def _item(
    event: Event,
    rules: HappeningRules,
    outlets: Mapping[str, str | None],
    copies: Mapping[str, str],
) -> _Item | None:
    source = _code(event.source)
    if not source:
        return None
    target = _code(event.target)
    date = event.date
    span = date_span(date.date, date.date_end)
    lane = (
        UNDATED
        if span is None
        else PRECISE
        if span[1] - span[0] < rules.dates.precise_days
        else VAGUE
    )
    family = rules.family(event.cameo)
    first, second = sorted((source[:3], target[:3]))
    member = Member(
        event_id=event.event_id,
        doc_id=event.doc_id,
        report=copies.get(event.doc_id, event.doc_id),
        outlet=outlets.get(event.doc_id),
        sentence_index=event.sentence_index,
        cameo=event.cameo,
        cameo_name=event.cameo_name,
        source_code=source,
        source_name=_name(event.source),
        target_code=target or None,
        target_name=_name(event.target),
        date=date.date if span is not None else None,
        date_precision=date.precision if span is not None else None,
        modality=event.modality,
        trigger=event.trigger,
        sentence=event.sentence,
        similarity=None,
    )
    return _Item(
        member=member, lane=lane, block=(lane, first, second, family), family=family, source=source, target=target,
        source_name=_name(event.source), target_name=_name(event.target), reciprocal=event.reciprocal, span=span,
        date=member.date, date_precision=member.date_precision, date_end=date.date_end if span is not None else None,
        words=event_words(event, rules.wording),
    )  # fmt: skip


def _code(actor: Actor | None) -> str:
    return (actor.code or "") if actor is not None else ""


def _name(actor: Actor | None) -> str | None:
    if actor is None:
        return None
    return actor.name or actor.text or None


# ---------------------------------------------------------------- an open happening


class _Open:
    """A happening while the sweep can still add to it."""

    __slots__ = (
        "block",
        "closed",
        "dates",
        "docs",
        "family",
        "lane",
        "max_start",
        "members",
        "min_end",
        "number",
        "reciprocal",
        "samples",
        "short",
        "source",
        "source_name",
        "target",
        "target_name",
    )  # fmt: skip

    def __init__(self, number: int, item: _Item) -> None:
        self.number = number
        self.lane = item.lane
        self.block = item.block
        self.family = item.family
        self.members = [item.member]
        self.docs = {item.member.report: item.member.sentence_index}
        self.source, self.target = item.source, item.target
        self.source_name, self.target_name = item.source_name, item.target_name
        self.reciprocal = item.reciprocal
        self.max_start, self.min_end = item.span if item.span is not None else (0, 0)
        self.samples = [item.words]
        self.short = False
        self.closed = False
        self.dates = [_date_choice(item)]

    def expiry(self, window: int) -> int:
        return self.min_end + window


def _date_choice(item: _Item) -> tuple[int, str, str | None, str | None]:
    width = item.span[1] - item.span[0] if item.span is not None else 0
    return (width, item.date or "", item.date_precision, item.date_end)


class _Lane:
    """The open happenings of one block, and the index of their words."""

    __slots__ = ("dead", "opens", "postings", "short")

    def __init__(self) -> None:
        self.opens: list[_Open] = []
        self.postings: dict[str, list[_Open]] = {}
        self.short: list[
            _Open
        ] = []  # those with a report too short for its wording to count
        self.dead = 0

    def index(self, happening: _Open, words: frozenset[str], min_words: int) -> None:
        for word in words:
            self.postings.setdefault(word, []).append(happening)
        if len(words) < min_words and not happening.short:
            happening.short = True
            self.short.append(happening)

    def compact(self) -> None:
        """Drop closed happenings, once they are as many as the open ones."""
        if self.dead < 16 or self.dead * 2 < len(self.opens):
            return
        self.opens = [h for h in self.opens if not h.closed]
        self.short = [h for h in self.short if not h.closed]
        postings: dict[str, list[_Open]] = {}
        for word, found in self.postings.items():
            alive = [h for h in found if not h.closed]
            if alive:
                postings[word] = alive
        self.postings = postings
        self.dead = 0


# ---------------------------------------------------------------- the sweep


class _Grouper:
    def __init__(
        self,
        rules: HappeningRules,
        non_events: frozenset[str],
        outlets: Mapping[str, str | None],
        copies: Mapping[str, str],
    ) -> None:
        self.rules = rules
        self.non_events = non_events
        self.outlets = outlets
        self.copies = copies
        self.lanes: dict[tuple[str, str, str, str], _Lane] = {}
        self.expiring: list[
            tuple[int, int, _Open]
        ] = []  # (last day a report can fit, number, happening)
        self.numbers = 0
        self.last_start: int | None = None

    def add(self, event: Event) -> Iterator[Happening]:
        """Add one event (events dated in order of their first day); yields the happenings it closes."""
        if event.modality in self.non_events:
            return
        item = _item(event, self.rules, self.outlets, self.copies)
        if item is None:
            return
        if item.span is not None:
            start = item.span[0]
            if self.last_start is not None and start < self.last_start:
                raise ValueError(
                    f"event {event.event_id!r} comes before an earlier-dated one: pass events in date order"
                )
            self.last_start = start
            yield from self._close_before(start)
        lane = self.lanes.setdefault(item.block, _Lane())
        chosen = self._best(lane, item)
        if chosen is None:
            self._open(lane, item)
        else:
            happening, flipped, score = chosen
            self._join(lane, happening, item, flipped, score)

    def finish(self) -> Iterator[Happening]:
        """Close every happening still open (in the order they were opened)."""
        remaining = sorted(
            (h for lane in self.lanes.values() for h in lane.opens if not h.closed),
            key=lambda h: h.number,
        )
        for happening in remaining:
            yield from self._close(happening)
        self.lanes.clear()
        self.expiring.clear()

    # ------------------------------------------------------------ finding the happening an event belongs to

    def _best(
        self, lane: _Lane, item: _Item
    ) -> tuple[_Open, bool, float | None] | None:
        best: tuple[tuple[int, float, int], _Open, bool, float | None] | None = None
        for happening in self._candidates(lane, item):
            fit = self._fit(happening, item)
            if fit is None:
                continue
            flipped, score = fit
            rank = (0 if score is not None else 1, -(score or 0.0), happening.number)
            if best is None or rank < best[0]:
                best = (rank, happening, flipped, score)
        return None if best is None else best[1:]

    def _candidates(self, lane: _Lane, item: _Item) -> list[_Open]:
        wording = self.rules.wording
        if item.lane == PRECISE and len(item.words) < wording.min_words:
            return [
                h for h in lane.opens if not h.closed
            ]  # its wording says nothing: any open one may fit
        found: dict[int, _Open] = {}
        for word in item.words:
            posting = lane.postings.get(word)
            if posting is not None and len(posting) <= wording.max_postings:
                for happening in posting:
                    found[happening.number] = happening
        if item.lane == PRECISE:
            for happening in lane.short:
                found[happening.number] = happening
        return [h for _, h in sorted(found.items()) if not h.closed]

    def _fit(self, happening: _Open, item: _Item) -> tuple[bool, float | None] | None:
        """(flipped, wording score or None for neutral) when the event fits the happening, else None."""
        member = item.member
        sentence = happening.docs.get(member.report)
        if sentence is not None and sentence != member.sentence_index:
            return (
                None  # a second event of a report already in it, from another sentence
            )
        if item.span is not None:
            window = self.rules.dates.day_window
            if (
                happening.max_start - item.span[1] > window
                or item.span[0] - happening.min_end > window
            ):
                return None
        flipped = self._orientation(happening, item)
        if flipped is None:
            return None
        wording = self.rules.wording
        threshold = (
            wording.min_similarity
            if item.lane == PRECISE
            else wording.vague_min_similarity
        )
        scores = [
            similarity(item.words, sample, wording) for sample in happening.samples
        ]
        known = [s for s in scores if s is not None]
        if known and max(known) >= threshold:
            return flipped, max(known)
        if item.lane == PRECISE and len(known) < len(scores):
            return (
                flipped,
                None,
            )  # a report too short to compare with: its wording neither joins nor parts
        return None

    def _orientation(self, happening: _Open, item: _Item) -> bool | None:
        """False: the event fits as it is; True: with source and target swapped (a mutual act); None: no fit."""
        fits = self._compatible
        if fits(item.source, happening.source) and fits(item.target, happening.target):
            return False
        either_way = self.rules.actors.reciprocal_either_way and (
            item.reciprocal or happening.reciprocal
        )
        if (
            either_way
            and fits(item.source, happening.target)
            and fits(item.target, happening.source)
        ):
            return True
        return None

    def _compatible(self, a: str, b: str) -> bool:
        if a == b:
            return True
        if not a or not b or not self.rules.actors.prefix_compatible:
            return False
        return a.startswith(b) or b.startswith(a)

    # ------------------------------------------------------------ changing happenings

    def _open(self, lane: _Lane, item: _Item) -> None:
        self.numbers += 1
        happening = _Open(self.numbers, item)
        lane.opens.append(happening)
        lane.index(happening, item.words, self.rules.wording.min_words)
        if item.span is not None:
            heapq.heappush(
                self.expiring,
                (
                    happening.expiry(self.rules.dates.day_window),
                    happening.number,
                    happening,
                ),
            )

    def _join(
        self,
        lane: _Lane,
        happening: _Open,
        item: _Item,
        flipped: bool,
        score: float | None,
    ) -> None:
        source, target = (
            (item.target, item.source) if flipped else (item.source, item.target)
        )
        names = (
            (item.target_name, item.source_name)
            if flipped
            else (item.source_name, item.target_name)
        )
        if len(source) > len(happening.source):
            happening.source, happening.source_name = source, names[0]
        if len(target) > len(happening.target):
            happening.target, happening.target_name = target, names[1]
        happening.reciprocal = happening.reciprocal or item.reciprocal
        happening.members.append(_with_similarity(item.member, score))
        happening.docs.setdefault(item.member.report, item.member.sentence_index)
        happening.dates.append(_date_choice(item))
        if item.span is not None:
            happening.max_start = max(happening.max_start, item.span[0])
            happening.min_end = min(happening.min_end, item.span[1])
        if (
            len(happening.samples) < self.rules.wording.compare_reports
            and item.words not in happening.samples
        ):
            happening.samples.append(item.words)
            lane.index(happening, item.words, self.rules.wording.min_words)

    def _close_before(self, start: int) -> Iterator[Happening]:
        while self.expiring and self.expiring[0][0] < start:
            _, _, happening = heapq.heappop(self.expiring)
            yield from self._close(happening)

    def _close(self, happening: _Open) -> Iterator[Happening]:
        if happening.closed:
            return
        happening.closed = True
        lane = self.lanes.get(happening.block)
        if lane is not None:
            lane.dead += 1
            lane.compact()
        if len(happening.docs) >= 2:
            yield _finished(happening)


def _with_similarity(member: Member, score: float | None) -> Member:
    if score is None:
        return member
    return Member(
        **{
            **{f: getattr(member, f) for f in Member.__dataclass_fields__},
            "similarity": round(score, 3),
        }
    )


def _finished(happening: _Open) -> Happening:
    members = tuple(happening.members)
    cameo = most_common([m.cameo for m in members])
    cameo_name = next(m.cameo_name for m in members if m.cameo == cameo)
    width = min(d[0] for d in happening.dates)
    precise = [d for d in happening.dates if d[0] == width]
    date = most_common([d[1] for d in precise])
    _, _, precision, date_end = next(d for d in precise if d[1] == date)
    return Happening(
        happening_id=happening_id(members[0].event_id),
        family=happening.family,
        cameo=cameo,
        cameo_name=cameo_name,
        source_code=happening.source or None,
        source_name=happening.source_name,
        target_code=happening.target or None,
        target_name=happening.target_name,
        date=date or None,
        date_precision=precision,
        date_end=date_end,
        members=members,
    )


# ---------------------------------------------------------------- entry points


def group_stream(
    events: Iterable[Event],
    rules: HappeningRules,
    *,
    non_events: frozenset[str],
    outlets: Mapping[str, str | None] | None = None,
    copies: Mapping[str, str] | None = None,
) -> Iterator[Happening]:
    """The happenings (two reports or more) of events given in date order (a store's order:
    dated by their first day, undated anywhere); each is yielded once no later event can join it."""
    grouper = _Grouper(rules, non_events, outlets or {}, copies or {})
    for event in events:
        yield from grouper.add(event)
    yield from grouper.finish()


def group_events(
    events: Iterable[Event],
    rules: HappeningRules,
    *,
    non_events: frozenset[str],
    outlets: Mapping[str, str | None] | None = None,
    copies: Mapping[str, str] | None = None,
) -> list[Happening]:
    """The happenings of events in any order, sorted as a store lists them (undated last, by date, id)."""
    ordered = sorted(events, key=_store_order)
    found = group_stream(
        ordered, rules, non_events=non_events, outlets=outlets, copies=copies
    )
    return sorted(found, key=happening_order)


def _store_order(event: Event) -> tuple[int, int, str, str, int, str]:
    span = date_span(event.date.date, event.date.date_end)
    return (
        span is None,
        span[0] if span else 0,
        event.date.date or "",
        event.doc_id,
        event.sentence_index,
        event.event_id,
    )


def happening_order(happening: Happening) -> tuple[bool, str, str]:
    """How happenings are listed: undated last, by date (as text, as the store sorts), by id."""
    return (happening.date is None, happening.date or "", happening.happening_id)
