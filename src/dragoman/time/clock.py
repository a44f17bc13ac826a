"""Dating the sentences of one document, in order.

`DocumentClock` is the per-document state of the date stage. Feed it the
sentences of a document in reading order; for each it returns `SentenceDates`:
every date expression found (with offsets, words and value), the date of the
sentence's event(s) (`main`) and any deadline.

How `main` is chosen, in order:

1. an expression of the sentence with role "event" ("since 2015" is a window,
   "up 3% on a year earlier" a comparison, "the rebate, won in 1984, ..."
   background: all are kept in `expressions` but are never the main date): a
   fronted one ("On March 7, ...", "However, in 2018, ...") wins, otherwise the
   most precise, then the first;
2. "inherited": the running date of the same block (paragraph); a new block
   starts without one;
3. "citation": the earliest publication date among the sources the sentence
   cites. It is an upper bound, not a measurement: the event happened on or
   before that day (`date` is that day, at the precision the source was dated);
4. "document": the document's own date;
5. nothing (all fields None).

Relative expressions are counted from the narrative date: the main date of the
latest sentence dated from the text (explicit, relative or inherited), in this
block or an earlier one, or an expression earlier in the same sentence; without
one, from the document date. "last year", "on Friday" count from the document
date (news convention), falling back to the narrative date.

Background: an expression inside a clause about something else (a relative
clause, an apposition, a participle, "after ... in 2015", a clause in the
future tense, a bracketed aside; dragoman.time.clauses reads them off the
parse) dates that clause's own words (`SentenceDates.clause_date`) and nothing
more: it is never `main`, never moves the running or the narrative date, never
anchors a later yearless date, so a document without a date of its own never
takes one from its background.

A yearless date ("On March 7") takes its year from, in order: a date with a
written year in the same sentence (a background clause's only for itself); the
sentence's cited sources (the latest year that puts the date on or before the
earliest cited publication, with a little slack); a date earlier in the
sentence, then the running date of the block (so "In 2018 ... on May 8" stays
in 2018); the most recent explicit date that had a month or day (a bare
background "in 2018" in an earlier paragraph does not pull a later "March 7"
back to 2018); the document date; the latest reference date. Never today.

Value conventions: decades are `date="201"`, precision "decade", date_end
"2019-12-31"; weeks, "mid-March", "early 2005" and seasons are precision
"range" with `date` the first day and `date_end` the last; "by the end of
March" is precision "month" with `date_end` the month's last day.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from dragoman.records import DateValue
from dragoman.time.calendar import (
    Span,
    coarser,
    day_span,
    decade_span,
    is_finer,
    last_day_of_month,
    month_span,
    narrative_year,
    nearest_year,
    parse_iso,
    shift_months,
    span_of,
    year_on_or_before,
    year_span,
)
from dragoman.time.clauses import Aside, edges, innermost, text_asides
from dragoman.time.rules import DateRule, DateRules

if TYPE_CHECKING:
    from spacy.tokens import Token

TEXT_BASES = frozenset({"explicit", "relative", "inherited"})  # dates the text itself gives
_UNIT_PRECISION = {"day": "day", "week": "range", "month": "month", "year": "year"}
_UNIT_STEP = {"day": (1, 0), "week": (7, 0), "month": (0, 1), "year": (0, 12)}
_WORD = re.compile(r"[A-Za-z][\w.'’-]*")


@dataclass(frozen=True, slots=True)
class DatedExpression:
    """A date expression found in a sentence and what it resolved to."""

    start: int  # character offsets into the sentence text given to date_sentence
    end: int
    text: str
    value: DateValue
    # "event" | "window" (since/until: a period, not the event's date) | "deadline" |
    # "comparison" ("up 3% on a year earlier": the other side of a comparison) |
    # "background" (inside a clause about something else: it dates that clause only)
    role: str
    rule: str  # name of the rule in date_rules.yaml that matched
    owner: tuple[int, int] | None = None  # background: the offsets of the words it dates


@dataclass(frozen=True, slots=True)
class SentenceDates:
    """The dates of one sentence."""

    main: DateValue  # when the sentence's event(s) happened; all None when unknown
    expressions: tuple[DatedExpression, ...] = ()  # in text order
    deadline: DateValue | None = None  # "within 2 months": anchor + 2 months

    def clause_date(self, start: int, end: int, head: int, nested: Sequence[tuple[int, int]] = ()) -> DateValue | None:
        """The date of the clause at `start`..`end` whose head word starts at `head` (sentence
        offsets): the first event date inside it, or a background date whose clause holds it.
        `nested`: the spans of its own subordinate clauses ("When the deadline passed on 1 June,
        troops shelled positions the next morning"): a date there dates the clause only when
        none outside them does."""
        found = [
            e for e in self.expressions
            if start <= e.start < end and e.value.date
            and (e.role == "event" or (e.owner is not None and e.owner[0] <= head < e.owner[1]))
        ]  # fmt: skip
        own = [e for e in found if not any(a <= e.start < b for a, b in nested)]
        return (own or found)[0].value if found else None


@dataclass(frozen=True, slots=True)
class _Dated:
    value: DateValue
    span: Span


@dataclass(slots=True)
class _SentenceContext:
    citations: list[Span]
    anchor: _Dated | None  # narrative date, advanced by expressions as they resolve
    written_year: int | None  # a year written next to a month in this sentence
    earlier: _Dated | None = None  # the last date resolved so far in this sentence
    ahead: bool = False  # the expression being resolved is a deadline: its year puts it on or after the story's date


class DocumentClock:
    """Per-document state, created per document and passed along; no globals."""

    def __init__(self, rules: DateRules, doc_date: str | None = None, reference_dates: Sequence[str] = ()) -> None:
        self._rules = rules
        self._doc = parse_iso(doc_date)
        self._doc_value = _value(self._doc, "document") if self._doc else None
        references = [s for s in (parse_iso(d) for d in reference_dates) if s is not None]
        self._latest_reference = max(references, key=lambda s: s.last) if references else None
        self._block: int | None = None
        self._running: _Dated | None = None  # running date of the current block
        self._narrative: _Dated | None = None  # last text-given date, any block
        self._month_anchor: Span | None = None  # last explicit date with a month or day
        self._mentions: list[tuple[str, _Dated]] = []  # (lower-cased sentence, its date)
        self._due: DateValue | None = None  # the last day set as a deadline (a lapse with no date passes then)

    # ------------------------------------------------------------ public

    @property
    def rules(self) -> DateRules:
        return self._rules

    def date_sentence(
        self,
        text: str,
        block_index: int,
        citation_dates: Sequence[str] = (),
        asides: Callable[[], Sequence[Aside]] | None = None,
    ) -> SentenceDates:
        """Date one sentence; call in reading order. `citation_dates`: ISO dates of its cited sources;
        `asides`: reads its clauses about something else off its parse (dragoman.time.clauses), called
        only when it holds a date; None when it has no parse (then the few the words show are used)."""
        if block_index != self._block:
            self._block, self._running = block_index, None
        citations = [s for s in (parse_iso(d) for d in citation_dates) if s is not None]
        candidates = self._rules.candidates(text)
        if not candidates:  # the fast path: no rule could match
            main = self._lapsed(text) or self._fallback(citations)
            self._remember(text, main, ())
            return SentenceDates(main=main)

        ctx = _SentenceContext(citations, self._narrative, None)
        found = _find(candidates, text)
        every_aside = [*text_asides(text, self._rules, parsed=asides is not None), *(asides() if asides else ())]
        aside_of = [innermost(every_aside, match.start(), match.end()) for _, match in found]
        own_year = self._written_year([f for f, aside in zip(found, aside_of) if aside is None])
        expressions: list[DatedExpression] = []
        for (rule, match), aside in zip(found, aside_of):
            if rule.role == "deadline":
                continue
            # a yearless date takes a year written in its own clause; an aside may also take the sentence's
            ctx.written_year = own_year
            ctx.ahead = aside is not None and aside.role == "deadline"
            if aside is not None:
                ctx.written_year = self._written_year([f for f, a in zip(found, aside_of) if a is aside]) or own_year
            expression = self._resolve(rule, match, text, ctx)
            if expression is None:
                continue
            if _horizon(expression, text):
                expression = replace(expression, role="window")
            if aside is not None and (expression.role == "event" or (aside.role == "deadline" and expression.role == "window")):
                expression = replace(expression, role=aside.role, owner=aside.owner)  # "gave X until 15 July to comply": a deadline
                if aside.anchors and expression.value.basis in ("explicit", "relative"):
                    ctx.anchor = _Dated(expression.value, _span_of_value(expression.value))
            expressions.append(expression)
            if expression.role == "event" and expression.value.basis in ("explicit", "relative"):
                ctx.anchor = ctx.earlier = _Dated(expression.value, _span_of_value(expression.value))

        events = [e for e in expressions if e.role == "event"]
        main = _choose_main(text, events).value if events else self._lapsed(text) or self._fallback(citations)

        deadline = next((e.value for e in expressions if e.role == "deadline"), None)  # "by 31 May" (a day set)
        act = _Dated(main, _span_of_value(main)) if main.basis in ("explicit", "relative") else None
        for rule, match in found:
            if rule.role != "deadline":
                continue
            ctx.anchor = act or self._narrative
            expression = self._resolve(rule, match, text, ctx)
            if expression is not None:
                expressions.append(expression)
                deadline = deadline or expression.value
        expressions.sort(key=lambda e: e.start)
        self._remember(text, main, expressions)
        if deadline is not None and deadline.date:
            self._due = deadline
        return SentenceDates(main=main, expressions=tuple(expressions), deadline=deadline)

    def _lapsed(self, text: str) -> DateValue | None:
        """ "The deadline lapsed without his release.": no date of its own, it passed on the last day
        set as a deadline ("by 30 June"; the end of a month set, "by the end of the month")."""
        due = self._due
        if due is None or not self._rules.lapse.search(text):
            return None
        if due.date_end and due.precision in ("month", "range"):
            return DateValue(due.date_end, "day", "relative", anchor=due.anchor)
        return DateValue(due.date, due.precision, "relative", anchor=due.anchor)

    # ------------------------------------------------------------ state

    def _fallback(self, citations: list[Span]) -> DateValue:
        if self._running is not None:
            running = self._running.value
            return DateValue(running.date, running.precision, "inherited", running.date_end)
        if citations:
            earliest = min(citations, key=lambda s: s.first)
            return _value(earliest, "citation")
        if self._doc_value is not None:
            return self._doc_value
        return DateValue()

    def _remember(self, text: str, main: DateValue, expressions: Sequence[DatedExpression]) -> None:
        for expression in expressions:
            if expression.role == "background":
                continue
            if expression.value.basis == "explicit" and expression.value.precision in ("day", "range", "month"):
                self._month_anchor = _span_of_value(expression.value)
        if main.basis in TEXT_BASES:
            running = self._running
            if main.basis == "inherited" and running is not None and running.value.date == main.date:
                dated = _Dated(main, running.span)  # spares re-reading the same date
            else:
                dated = _Dated(main, _span_of_value(main))
            self._running = self._narrative = dated
            self._mentions.append((text.lower(), dated))

    # ------------------------------------------------------------ resolving

    def _resolve(self, rule: DateRule, match: re.Match[str], text: str, ctx: _SentenceContext) -> DatedExpression | None:
        start, end = match.span()
        try:
            if rule.kind == "calendar":
                value = self._calendar(rule, match, ctx)
            elif rule.kind == "period":
                value = self._period(rule, match, ctx)
            elif rule.kind == "weekday":
                value = self._weekday(match, text, ctx)
            else:
                value, end = self._offset(rule, match, ctx)
        except (ValueError, OverflowError):  # counted past the calendar's ends ("last year" in year 1): no date
            return None
        if value is None:
            return None
        role = rule.role
        if role == "event" and self._is_window(text, start):
            role = "window"
        elif role == "event" and self._rules.comparison_before.search(text[max(0, start - 30) : start]):
            role = "comparison"
        words = text[start:end]
        value = replace(value, expression=words)
        if value.basis == "explicit" and ctx.citations:
            latest = max(c.last for c in ctx.citations)
            if _span_of_value(value).first > latest:
                value = replace(value, flag="after_citations")
        return DatedExpression(start, end, words, value, role, rule.name)

    def _is_window(self, text: str, start: int) -> bool:
        rules = self._rules
        return bool(rules.window_start.match(text, start) or rules.window_before.search(text[max(0, start - 16) : start]))

    def _calendar(self, rule: DateRule, match: re.Match[str], ctx: _SentenceContext) -> DateValue | None:
        g = _groups(match)
        rules = self._rules
        if g.get("decade"):
            return _value(decade_span(int(g["decade"]) * 10), "explicit", window_end=True)
        month = rules.months[g["month"].lower().rstrip(".")] if g.get("month") else None
        if g.get("month_num"):
            month = int(g["month_num"])
        day = int(g["day"]) if g.get("day") else None
        year = int(g["year"]) if g.get("year") else None
        if year is None:
            if month is None:
                return None
            year = self._infer_year(month, day, ctx)
            if year is None:
                return None
        span = _calendar_span(rules, year, month, day, g)
        if span is None:
            return None
        return _value(span, "explicit", window_end=rule.end_of_period)

    def _infer_year(self, month: int, day: int | None, ctx: _SentenceContext) -> int | None:
        if ctx.written_year is not None:
            return ctx.written_year
        told = ctx.earlier or self._running
        start = told.span.first if told is not None else self._doc.first if self._doc is not None else None
        if ctx.ahead and start is not None:
            # a deadline is set for later than it is set: "by 31 January", said in December, is next January
            due = date(start.year, month, day or last_day_of_month(start.year, month))
            return start.year if due >= start else start.year + 1
        if ctx.citations:
            earliest = min(ctx.citations, key=lambda s: s.first)
            return year_on_or_before(month, day, earliest, self._rules.citation_grace_days)
        running_dated = ctx.earlier or self._running
        if running_dated is not None:
            running = running_dated.span
            if running.precision in ("year", "decade"):
                return running.first.year if running.precision == "year" else None
            return narrative_year(month, day, running.first)
        if self._month_anchor is not None:
            return narrative_year(month, day, self._month_anchor.first)
        for anchor in (self._doc, self._latest_reference):
            if anchor is not None:  # news speaks of the recent past and near future alike
                return nearest_year(month, day, anchor.first)
        return None

    def _written_year(self, found: list[tuple[DateRule, re.Match[str]]]) -> int | None:
        for rule, match in found:
            groups = match.groupdict()
            if rule.kind == "calendar" and groups.get("year") and groups.get("month"):
                return int(match.group("year"))
        return None

    def _anchor(self, kind: str | None, ctx: _SentenceContext) -> _Dated | None:
        if kind == "document":
            if self._doc_value is not None and self._doc is not None:
                return _Dated(self._doc_value, self._doc)
            return ctx.anchor
        if ctx.anchor is not None:  # narrative, act
            return ctx.anchor
        if self._doc_value is not None and self._doc is not None:
            return _Dated(self._doc_value, self._doc)
        return None

    def _period(self, rule: DateRule, match: re.Match[str], ctx: _SentenceContext) -> DateValue | None:
        anchor = self._anchor(rule.anchor, ctx)
        if anchor is None:
            return None
        g = _groups(match)
        unit = rule.unit or (g.get("unit") or "").lower()
        shift = rule.shift
        if shift is None:
            shift = self._rules.shift_words.get((g.get("shift") or "").lower(), 0)
        base = anchor.span
        if unit != "keep":
            precision = _UNIT_PRECISION[unit]
            # A unit finer than the anchor ("the next day" after "in April") cannot
            # be counted: the anchor's own span is all that is known.
            if not is_finer(precision, base.precision):
                days, months = _UNIT_STEP[unit]
                base = span_of(base.first, precision).shifted(days * shift, months * shift)
        basis = rule.basis or "relative"
        if unit == "keep" and basis == "inherited":
            value = replace(anchor.value, basis="inherited", expression=None, flag=None)
            return replace(value, anchor=anchor.value.date)
        value = _value(base, basis, window_end=rule.end_of_period)
        return replace(value, anchor=anchor.value.date)

    def _offset(self, rule: DateRule, match: re.Match[str], ctx: _SentenceContext) -> tuple[DateValue | None, int]:
        g = _groups(match)
        end = match.end()
        rules = self._rules
        if rule.anchor == "noun":
            anchor, end = self._noun_anchor(match)
        else:
            anchor = self._anchor(rule.anchor, ctx)
        if anchor is None:
            return None, end
        unit_name = (rule.unit or g.get("unit") or "").lower()
        unit_name = unit_name if unit_name in rules.units else unit_name.rstrip("s")
        unit = rules.units.get(unit_name)
        count = rule.number if rule.number is not None else _count(rules, g.get("number"))
        if unit is None or count is None:
            return None, end
        sign = rule.sign if rule.sign is not None else rules.direction_words.get((g.get("dir") or "").lower(), 1)
        days = unit.days * count + unit.hours * count // rules.hours_per_day
        shifted = anchor.span.shifted(days * sign, unit.months * count * sign)
        precision = anchor.span.precision
        if not rule.keep_anchor_precision:
            precision = coarser(precision, unit.precision)
        if precision != shifted.precision:
            shifted = span_of(shifted.first, precision)
        value = _value(shifted, rule.basis or "relative")
        return replace(value, anchor=anchor.value.date), end

    def _noun_anchor(self, match: re.Match[str]) -> tuple[_Dated | None, int]:
        """The first text-dated sentence that mentioned the noun after "after the"."""
        words: list[re.Match[str]] = []
        np_start = match.start("np")
        for word in _WORD.finditer(match.group("np")):
            if word.group().lower() in self._rules.noun_phrase_stops:
                break
            words.append(word)
        if not words:
            return None, match.end()
        head = words[-1]
        end = np_start + head.end()
        noun = head.group().lower().rstrip(".")
        forms = {noun, noun[:-1]} if noun.endswith("s") and len(noun) > 3 else {noun}
        pattern = re.compile(r"\b(?:" + "|".join(re.escape(f) for f in forms) + r")s?\b")
        for sentence, dated in self._mentions:
            if pattern.search(sentence):
                return dated, end
        return None, end

    def _weekday(self, match: re.Match[str], text: str, ctx: _SentenceContext) -> DateValue | None:
        anchor = self._anchor("document", ctx)
        if anchor is None or anchor.span.precision != "day":
            return None
        target = self._rules.weekday_index[match.group("weekday").lower()]
        today = anchor.span.first
        shift = (match.group("shift") or "").lower()
        back = (today.weekday() - target) % 7
        ahead = (target - today.weekday()) % 7
        if shift == "last":
            day = today - timedelta(days=back or 7)
        elif shift == "next":
            day = today + timedelta(days=ahead or 7)
        elif self._speaks_of_future(text, match.start()):
            day = today + timedelta(days=ahead)
        else:
            day = today - timedelta(days=back)
        return replace(_value(day_span(day), "relative"), anchor=anchor.value.date)

    def _speaks_of_future(self, text: str, start: int) -> bool:
        window = text[max(0, start - self._rules.future_cue_window) : start]
        return bool(self._rules.future_cue.search(window))


# ---------------------------------------------------------------- helpers


# "cuts by 2011" in a sentence about plans: a horizon, not when anything happened
_HORIZON_CUES = re.compile(r"\b(?:will|would|shall|'ll|plans?|planned|aims?|target|goal|expect(?:s|ed)?|pledge[sd]?|promise[sd]?)\b", re.I)


def _horizon(expression: DatedExpression, text: str) -> bool:
    """A bare year after "by" in a sentence that speaks of plans or the future."""
    return (
        expression.role == "event"
        and expression.value.precision == "year"
        and expression.text.lower().startswith("by ")
        and bool(_HORIZON_CUES.search(text))
    )


def _find(rules: Sequence[DateRule], text: str) -> list[tuple[DateRule, re.Match[str]]]:
    """All rule matches that do not overlap: longest first, then leftmost, then rule order."""
    candidates = []
    for order, rule in enumerate(rules):
        for match in rule.pattern.finditer(text):
            if match.end() > match.start():
                candidates.append((match.start() - match.end(), match.start(), order, rule, match))
    candidates.sort(key=lambda c: c[:3])
    taken: list[tuple[int, int]] = []
    chosen = []
    for _, start, _, rule, match in candidates:
        end = match.end()
        if any(start < t_end and t_start < end for t_start, t_end in taken):
            continue
        taken.append((start, end))
        chosen.append((rule, match))
    chosen.sort(key=lambda pair: pair[1].start())
    return chosen


def _calendar_span(rules: DateRules, year: int, month: int | None, day: int | None, g: dict[str, str]) -> Span | None:
    try:
        if month is not None and day is not None:
            return day_span(date(year, month, day))
        if month is not None and g.get("part"):
            lo, hi = rules.parts_of_month[g["part"].lower()]
            last_day = last_day_of_month(year, month)
            return Span(date(year, month, min(lo, last_day)), date(year, month, min(hi, last_day)), "range")
        if month is not None:
            return month_span(year, month)
        months = None
        if g.get("ypart"):
            months = rules.parts_of_year[g["ypart"].lower()]
        elif g.get("season"):
            months = rules.seasons[g["season"].lower()]
        if months is not None:
            first = date(year, months[0], 1)
            last_month = shift_months(date(year, 1, 1), months[1] - 1)
            last = date(last_month.year, last_month.month, last_day_of_month(last_month.year, last_month.month))
            return Span(first, last, "range")
        return year_span(year)
    except (ValueError, KeyError):  # 30 February, a part word missing from the tables
        return None


def _groups(match: re.Match[str]) -> dict[str, str]:
    """The match's named groups that took part, "dir2" read as "dir" (see the rules file)."""
    groups = {name: value for name, value in match.groupdict().items() if value is not None}
    for name, value in list(groups.items()):
        if name.endswith("2"):
            groups[name[:-1]] = value
    return groups


def _count(rules: DateRules, word: str | None) -> int | None:
    if not word:
        return None
    word = " ".join(word.lower().split())
    if word.isdigit():
        return int(word)
    return rules.numbers.get(word)


def _value(span: Span, basis: str, window_end: bool = False) -> DateValue:
    date_end = None
    if window_end or span.precision in ("range", "decade"):
        date_end = span.last.isoformat()
    return DateValue(date=span.iso(), precision=span.precision, basis=basis, date_end=date_end)


def _span_of_value(value: DateValue) -> Span:
    span = parse_iso(value.date)
    if span is None:  # values are built here, so this means a bug, not bad input
        raise ValueError(f"not an ISO date: {value.date!r}")
    if value.precision == "range" and value.date_end:
        last = parse_iso(value.date_end)
        return Span(span.first, last.last if last else span.last, "range")
    return span


def _choose_main(text: str, events: list[DatedExpression]) -> DatedExpression:
    for expression in events:
        if len(_WORD.findall(text[: expression.start])) <= 1:  # "On March 7, ..." / "However, in 2018, ..."
            return expression
    order = {"day": 0, "range": 1, "month": 2, "year": 3, "decade": 4}
    return min(events, key=lambda e: (order.get(e.value.precision or "", 9), e.start))


# the links along which a clause without a date of its own takes the date of the clause it
# hangs on: a participle adjunct ("answered the note on Friday, accepting the offer"), a
# controlled verb, a verb joined by "and"
_CARRIED = frozenset({"advcl", "xcomp", "conj"})


def clause_date(token: Token, dates: SentenceDates, sentence_start: int) -> DateValue:
    """The date of the clause the token heads: a date expression inside its own words (not
    the clauses joined to it by "and": "rejected the proposal, but on 5 May agreed to a truce"
    dates the agreeing only), else that of the clause it hangs on, else the sentence's."""
    if not dates.expressions:
        return dates.main
    at = sentence_start
    for head in [token, *token.ancestors]:
        joined = {t.i for c in head.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") for t in c.subtree}
        joined |= {c.i for c in head.children if c.dep_ == "cc" and joined}
        own = [t for t in head.subtree if t.i not in joined] or [head]
        lo, hi = min(t.idx for t in own) - at, max(t.idx + len(t) for t in own) - at
        nested = [edges(c, at) for c in head.children if c.dep_ == "advcl"]
        found = dates.clause_date(lo, hi, head.idx - at, nested)  # not "when ..." before "the next morning"
        if found is not None:
            return found
        if head.dep_ not in _CARRIED:
            break
    # "did not reply until 3 March, when the minister wrote back": the date the clause hangs on
    relative = next((t for t in [token, *token.ancestors] if t.dep_ == "relcl"), None)
    if relative is not None:
        on = [e for e in dates.expressions if e.start <= relative.head.idx - at < e.end and e.value.date]
        if on:
            return on[0].value
    return dates.main
