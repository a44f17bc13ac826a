"""The dashboard's pages, each drawn from the dict its JSON twin returns (see views.py).

Nothing here reads the store: a page function takes the view's data, the
filters and the catalogue, and returns HTML. Pages work without JavaScript
(an event's evidence opens in a <details>, the pair and the filters are GET
forms); app.js adds the charts and small conveniences.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

from .html import Child, Html, data_block, external_link, filter_form, join, page, path_quote, tag
from .params import Filters
from .record import RECORD_PARTS
from .views import Catalogue, highlights

__all__ = [
    "actors_page",
    "document_page",
    "documents_page",
    "error_page",
    "event_page",
    "record_page",
    "timeline_page",
    "trajectory_page",
]

QUAD_LABELS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
# How each modality reads at a glance (the CSS draws them apart too).
MODALITY_LABELS = {
    "asserted": "fact",
    "reported": "reported",
    "claimed": "claimed",
    "conditional": "conditional",
    "planned": "planned",
    "threatened": "threatened, not done",
    "hypothetical": "hypothetical",
    "negated": "did not happen",
    "denied": "denied",
}
PRECISION_LABELS = {"month": "month only", "year": "year only", "decade": "decade only", "range": "from this day"}


# ---------------------------------------------------------------- pieces


def _actor(actor: Mapping[str, Any] | None) -> Html:
    if not actor:
        return tag("span", {"class": "who none"}, "—")
    label = actor.get("name") or actor.get("text") or "?"
    if not actor.get("name") and actor.get("basis") in ("pronoun", "description", "sector") and actor.get("text"):
        label = f"\u201c{actor['text']}\u201d"  # "they", "the two sides", "police": the text's words, who is in the code
    code = actor.get("code")
    return tag("span", {"class": "who" + ("" if code else " unresolved"), "title": actor.get("text")},
               label, " ", tag("small", None, code or "?"))  # fmt: skip


def date_label(date: str | None, precision: str | None) -> str:
    """How a group heading reads: "Fri 7 Mar 2025", "March 2025 (month only)", "Undated"."""
    if not date:
        return "Undated"
    try:
        if precision in ("day", "range") and len(date) >= 10:
            day = datetime.date.fromisoformat(date[:10])
            text = f"{day:%a} {day.day} {day:%b %Y}"
            return text + (" (a range from this day)" if precision == "range" else "")
        if precision == "month" and len(date) == 7:
            return f"{datetime.date.fromisoformat(date + '-01'):%B %Y} (month only)"
    except ValueError:
        pass
    if precision == "decade":
        return f"the {date}0s (decade only)"
    return f"{date} ({precision} only)" if precision and precision != "day" else date


def _date_text(e: Mapping[str, Any]) -> str:
    if not e.get("date"):
        return "no date found"
    parts = [e["date"] + (f" to {e['date_end']}" if e.get("date_end") else "")]
    parts.append(", ".join(p for p in (e.get("date_precision"), e.get("date_basis")) if p))
    if e.get("date_expression"):
        parts.append(f"from \u201c{e['date_expression']}\u201d")
    if e.get("date_anchor"):
        parts.append(f"counted from {e['date_anchor']}")
    if e.get("date_basis") == "citation":
        parts.append("on or before: the earliest cited report")
    if e.get("date_flag"):
        parts.append(f"flag: {e['date_flag']}")
    return " · ".join(parts)


def _sentence(e: Mapping[str, Any]) -> Html:
    """The sentence with its trigger marked and its source and target underlined."""
    text: str = e["sentence"]
    pieces: list[Child] = []
    at = 0
    for h in highlights(dict(e)):
        pieces.append(text[at : h["start"]])
        if h["kind"] == "trigger":
            pieces.append(tag("mark", {"class": "trigger", "title": "trigger"}, text[h["start"] : h["end"]]))
        else:
            pieces.append(tag("span", {"class": f"hl-{h['kind']}", "title": h["kind"]}, text[h["start"] : h["end"]]))
        at = h["end"]
    pieces.append(text[at:])
    return tag("blockquote", {"class": "sentence"}, pieces)


def _citation(c: Mapping[str, Any]) -> Html:
    lang = c.get("language") or "en"
    return tag("li", None,
               tag("span", {"class": "key"}, "article" if c["key"] == "article" else f"[{c['key']}]"), " ",
               tag("b", None, c.get("outlet") or "outlet unknown"),
               [", \u201c", c["title"], "\u201d"] if c.get("title") else None,
               [", ", c["published"]] if c.get("published") else ", date unknown",
               " ", tag("span", {"class": "lang" + ("" if lang == "en" else " foreign"), "title": "language"}, lang),
               [" ", external_link(c["url"], "link")] if c.get("url") else None)  # fmt: skip


def _attribution(e: Mapping[str, Any]) -> Html | None:
    att = e.get("attribution")
    if not att:
        return None
    chain = att.get("chain") or [att["text"]]
    speaker = att.get("speaker")
    return join(" \u2192 ".join(chain),
                [" (speaker: ", _actor(speaker), ")"] if speaker else None,
                [" · reliability: ", tag("b", None, e["reliability"])] if e.get("reliability") else None)  # fmt: skip


def evidence(e: Mapping[str, Any], *, document: Mapping[str, Any] | None = None) -> Html:
    """Everything that supports an event: its sentence, date, voice, quote, attribution and citations."""
    facts: list[tuple[str, Child]] = [("Date", _date_text(e))]
    meaning = MODALITY_LABELS.get(e["modality"], e["modality"])
    facts.append(("Modality", f"{e['modality']} ({meaning})"))
    if e.get("condition"):
        facts.append(("Condition", e["condition"]))
    if e.get("quote"):
        facts.append(("Quote", join("\u201c", e["quote"], "\u201d", [" \u2014 ", e["quote_speaker"]] if e.get("quote_speaker") else None)))
    attribution = _attribution(e)
    if attribution is None and e.get("reliability"):
        attribution = join("reliability: ", e["reliability"])
    if attribution is not None:
        facts.append(("On whose word", attribution))
    if e.get("deadline"):
        d = e["deadline"]
        facts.append(("Deadline", join(d.get("date") or "?", [" (\u201c", d["expression"], "\u201d)"] if d.get("expression") else None)))
    if e.get("location"):
        facts.append(("Where", e["location"]))
    facts.append(("Code", f"{e['cameo']} {e['cameo_name']} · Goldstein {e['goldstein']:+g} · {e.get('plover') or 'no PLOVER type'}"))
    cites = e.get("citations") or []
    facts.append(("Citations", tag("ol", {"class": "cites"}, [_citation(c) for c in cites]) if cites else tag("span", {"class": "muted"}, "none: the report cites no source for this sentence")))
    if document is not None:
        facts.append(("Report", join(document.get("title") or document["doc_id"],
                                     [" · ", document["outlet"]] if document.get("outlet") else None,
                                     [" · ", document["date"]] if document.get("date") else None,
                                     [" · ", external_link(document["url"], "original")] if document.get("url") else None)))  # fmt: skip
    doc_link = f"/documents/{path_quote(e['doc_id'])}#ev-{e['event_id']}"
    return tag("div", {"class": "evidence"}, _sentence(e),
               tag("dl", {"class": "facts"}, [[tag("dt", None, k), tag("dd", None, v)] for k, v in facts]),
               tag("p", {"class": "links"}, tag("a", {"href": f"/events/{e['event_id']}"}, "permalink"), " · ",
                   tag("a", {"href": doc_link}, f"in {e['doc_id']}, sentence {e['sentence_index'] + 1}"), " · ",
                   tag("a", {"href": f"/api/events/{e['event_id']}"}, "JSON")))  # fmt: skip


def event_card(e: Mapping[str, Any], *, opened: bool = False, show_date: bool = False) -> Html:
    """One event: a line to scan (QuadClass colour, who, what, whom, voice) that opens on its evidence."""
    quad = int(e["quad_class"])
    modality = e["modality"]
    precision = e.get("date_precision")
    badges: list[Child] = [tag("span", {"class": f"modality m-{modality}"}, MODALITY_LABELS.get(modality, modality))]
    if e.get("attribution"):
        badges.append(tag("span", {"class": "badge"}, "on another's word"))
    if precision in PRECISION_LABELS:
        badges.append(tag("span", {"class": "badge precision"}, PRECISION_LABELS[precision]))
    if e.get("date_basis") == "citation":
        badges.append(tag("span", {"class": "badge precision", "title": "dated by the earliest report it cites"}, "on or before"))
    summary = tag("summary", None,
                  tag("span", {"class": f"quad q{quad}", "title": f"QuadClass {quad}"}, QUAD_LABELS.get(quad, str(quad))),
                  tag("span", {"class": "date"}, e.get("date") or "?") if show_date else None,
                  tag("span", {"class": "line"}, _actor(e.get("source")), tag("span", {"class": "arrow"}, " \u2192 "),
                      tag("span", {"class": "act"}, tag("b", None, e["cameo"]), " ", e["cameo_name"]),
                      tag("span", {"class": "arrow"}, " \u2192 "), _actor(e.get("target"))),
                  tag("span", {"class": "badges"}, badges))  # fmt: skip
    return tag("li", {"class": f"event q{quad} m-{modality}", "id": f"ev-{e['event_id']}"},
               tag("details", {"open": opened}, summary, evidence(e)))  # fmt: skip


def _legend() -> Html:
    return tag("div", {"class": "legend", "aria-label": "legend"},
               [tag("span", {"class": f"quad q{q}"}, label) for q, label in QUAD_LABELS.items()],
               [tag("span", {"class": f"modality m-{m}"}, MODALITY_LABELS[m]) for m in ("asserted", "reported", "claimed", "planned", "threatened", "negated")])  # fmt: skip


def _form(action: str, filters: Filters, cat: Catalogue, extra: Child = None) -> Html:
    return filter_form(action, filters, cat.roots, cat.modalities, cat.non_events, extra)


def _pager(path: str, filters: Filters, data: Mapping[str, Any], *, limit: int, default_limit: int, **extra: str | None) -> Html | None:
    shown_limit = None if limit == default_limit else limit
    links: list[Child] = []
    if data.get("offset") or extra.get("cursor"):
        links.append(tag("a", {"href": path + filters.query_string(limit=shown_limit, **{k: v for k, v in extra.items() if k != "cursor"})}, "\u2190 first page"))
    if data.get("next_cursor"):
        rest = {k: v for k, v in extra.items() if k != "cursor"}
        links.append(tag("a", {"href": path + filters.query_string(limit=shown_limit, cursor=data["next_cursor"], **rest), "rel": "next"}, f"next {limit} \u2192"))
    return tag("nav", {"class": "pager"}, join(*links)) if links else None


# ---------------------------------------------------------------- pages


def timeline_page(data: Mapping[str, Any], filters: Filters, cat: Catalogue, *, limit: int, default_limit: int, cursor: str | None, twin: str, store_name: str) -> Html:
    groups = data["groups"]
    shown = sum(len(g["events"]) for g in groups)
    body: list[Child] = [
        tag("h1", None, "Timeline"),
        tag("p", {"class": "summary"}, f"{data['total']} events match", f"; {shown} on this page" if shown != data["total"] else "",
            ". Click an event for its sentence and sources."),  # fmt: skip
        _legend(),
        tag("div", {"class": "chart", "id": "timeline-chart", "role": "img", "aria-label": "events per day by QuadClass"}),
        tag("p", {"class": "zoom-note"}, "Drag across the chart to zoom to a period; double-click to zoom out. ",
            tag("a", {"id": "period-link", "href": "#", "hidden": True}, "show only that period")),
        data_block("timeline-data", {"days": data["days"], "filters": filters.params()}),
    ]
    for g in groups:
        body.append(tag("section", {"class": "day"},
                        tag("h2", None, date_label(g["date"], g["precision"]), tag("small", None, f" {len(g['events'])}")),
                        tag("ol", {"class": "events"}, [event_card(e) for e in g["events"]])))  # fmt: skip
    if not groups:
        body.append(tag("p", {"class": "empty"}, "No event matches these filters."))
    body.append(_pager("/timeline", filters, data, limit=limit, default_limit=default_limit, cursor=cursor))
    return page(title="Timeline", tab="/timeline", filters=filters, body=body, twin=twin,
                form=_form("/timeline", filters, cat), charts=True, store_name=store_name)  # fmt: skip


def _turning_list(title: str, points: Sequence[Mapping[str, Any]], events: Mapping[str, Any], kind: str, bin: str) -> Html:
    items = []
    for t in points:
        since = f"from {t['previous']}" if t["previous"] else "from no contact"
        label = ("week of " if bin == "week" else "") + t["period"]
        cards = [event_card(events[i], show_date=True) for i in t["event_ids"] if i in events]
        items.append(tag("li", {"id": f"tp-{t['period']}", "class": f"turn {kind}"},
                         tag("p", None, tag("b", None, label), f": Goldstein total {t['goldstein']:+g} ({t['change']:+g} {since})"),
                         tag("ol", {"class": "events"}, cards)))  # fmt: skip
    return tag("section", {"class": f"turns {kind}"}, tag("h2", None, title),
               tag("ol", {"class": "turn-list"}, items) if items else tag("p", {"class": "muted"}, "none"))  # fmt: skip


def _quad_table(data: Mapping[str, Any]) -> Html:
    a, b = data["a"], data["b"]
    rows = [tag("tr", None, tag("th", {"scope": "row"}, tag("span", {"class": f"quad q{q}"}, label)),
                tag("td", None, data["a_to_b"]["quad"][name]), tag("td", None, data["b_to_a"]["quad"][name]))
            for q, label in QUAD_LABELS.items() for name in [label.replace(" ", "_")]]  # fmt: skip
    rows.append(tag("tr", {"class": "total"}, tag("th", {"scope": "row"}, "all events"),
                    tag("td", None, data["a_to_b"]["count"]), tag("td", None, data["b_to_a"]["count"])))  # fmt: skip
    rows.append(tag("tr", {"class": "total"}, tag("th", {"scope": "row"}, "Goldstein total"),
                    tag("td", None, f"{data['a_to_b']['goldstein']:+g}"), tag("td", None, f"{data['b_to_a']['goldstein']:+g}")))  # fmt: skip
    return tag("table", {"class": "quads"}, tag("caption", None, "Events per QuadClass"),
               tag("thead", None, tag("tr", None, tag("th", None, ""), tag("th", {"scope": "col"}, f"{a}\u00a0\u2192\u00a0{b}"),
                                      tag("th", {"scope": "col"}, f"{b}\u00a0\u2192\u00a0{a}"))), tag("tbody", None, rows))  # fmt: skip


def trajectory_page(data: Mapping[str, Any] | None, pairs: Sequence[Mapping[str, Any]], filters: Filters, cat: Catalogue, *, bin: str, twin: str, store_name: str) -> Html:
    chosen = f"{data['a']}-{data['b']}" if data else ""
    options = [tag("option", {"value": f"{p['a']}-{p['b']}", "selected": f"{p['a']}-{p['b']}" == chosen},
                   f"{p['a']} \u2194 {p['b']} ({p['events']})") for p in pairs]  # fmt: skip
    if data and chosen not in {f"{p['a']}-{p['b']}" for p in pairs}:
        options.insert(0, tag("option", {"value": chosen, "selected": True}, f"{data['a']} \u2194 {data['b']}"))
    extra = join(
        tag("label", {"class": "field"}, tag("span", None, "Pair"), tag("select", {"name": "pair", "data-autosubmit": True, "id": "pair"}, options)),
        tag("label", {"class": "field"}, tag("span", None, "Per"), tag("select", {"name": "bin", "data-autosubmit": True, "id": "bin"},
            [tag("option", {"value": v, "selected": v == bin}, v) for v in ("day", "week")])),
    )  # fmt: skip
    form = _form("/trajectory", filters, cat, extra)
    if data is None:
        body: list[Child] = [tag("h1", None, "Trajectory"), tag("p", {"class": "empty"}, "No pair of actors acted on each other in these events.")]
        return page(title="Trajectory", tab="/trajectory", filters=filters, body=body, twin=twin, form=form, store_name=store_name)
    a, b = data["a"], data["b"]
    unplaced = len(data["unplaced"])
    body = [
        tag("h1", None, f"{a} \u2194 {b}", tag("small", None, f" Goldstein total and events per {bin}, both directions")),
        tag("div", {"class": "trajectory"},
            tag("div", {"class": "chart-wrap"},
                tag("div", {"class": "chart tall", "id": "trajectory-chart", "role": "img",
                            "aria-label": f"Goldstein totals per {bin} between {a} and {b}"}),
                tag("p", {"class": "zoom-note"}, "Hover for totals; drag to zoom to a period; click a \u25bc or \u25b2 marker for the events behind it.")),
            tag("aside", None, _quad_table(data),
                tag("p", {"class": "muted"}, f"{unplaced} of the pair's events have no day (dated only to a month or year, or undated) and are not on the chart; ",
                    tag("a", {"href": "/timeline" + filters.without("actor").query_string(actor=a)}, "see the timeline")) if unplaced else None)),
        data_block("trajectory-data", data),
        _turning_list("Largest escalations", data["escalations"], data["events"], "escalation", bin),
        _turning_list("Largest de-escalations", data["deescalations"], data["events"], "deescalation", bin),
    ]  # fmt: skip
    return page(title=f"Trajectory {a}-{b}", tab="/trajectory", filters=filters, body=body, twin=twin, form=form,
                charts=True, store_name=store_name)  # fmt: skip


# ---------------------------------------------------------------- the record

RECORD_TITLES = {
    "communications": "Communications",
    "demands": "Demands and offers",
    "deadlines": "Deadlines",
    "channels": "Channels",
    "positions": "Positions",
    "agreements": "Agreements",
    "ruptures": "Relations: ruptures and restorations",
}
_RECORD_NONE = {
    "communications": "No letter, message, reply or call in this record.",
    "demands": "No demand, offer or threat in this record.",
    "deadlines": "No deadline in this record.",
    "channels": "No talks between parties in this record.",
    "positions": "No stance of a party in this record.",
    "agreements": "No ceasefire, deal or declaration in this record.",
    "ruptures": "No expulsion, recall or break of ties in this record.",
}
_PRECISION_WORDS = {"day": "to the day", "month": "to the month", "year": "to the year", "decade": "to the decade", "range": "a range"}
_STANCE_CLASS = {"rejects": "no", "rejected": "no", "refused": "no", "accepts": "yes", "accepted": "yes", "agreed": "yes", "held": "yes"}


def record_date(d: Mapping[str, Any] | None) -> str:
    """How a record date reads in a table: "2025-03-07", "on or before 2025-03-07", "2025-03-21 to 2025-03-31", "2025-03 (month)"."""
    if not d or not d.get("date"):
        return "undated"
    date, precision = d["date"], d.get("precision")
    if precision == "range" and d.get("date_end"):
        text = f"{date} to {d['date_end']}"
    elif precision == "decade":
        text = f"the {date}0s"
    elif precision in ("month", "year"):
        text = f"{date} ({precision})"
    else:
        text = date
    flag = d.get("flag")
    return {"on_or_before": f"on or before {text}", "on_or_after": f"on or after {text}"}.get(flag or "", text)


def _rdate(d: Mapping[str, Any] | None) -> Html:
    expression = (d or {}).get("expression")
    return tag("span", {"class": "rdate", "title": f"\u201c{expression}\u201d" if expression else None}, record_date(d))


def _words(value: str) -> str:
    return value.replace("_", " ")


def _anchor(doc_id: str, item_id: str) -> str:
    return f"r-{path_quote(doc_id)}-{item_id}"


class _RecordLinks:
    """Links inside the record page: to a row shown on it, to a sentence of a document, to an event."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        shown: set[str] = set()
        for part, key in (("communications", "comm_id"), ("demands", "item_id"), ("deadlines", "deadline_id"), ("positions", "position_id"),
                          ("agreements", "agreement_id"), ("ruptures", "rupture_id")):
            shown.update(_anchor(x["doc_id"], x[key]) for x in data[part])
        self.shown = shown

    def row(self, doc_id: str, item_id: str | None) -> Child:
        """A reference (c1, d2, t1, p3): a link to its row when the page shows it, else the id alone."""
        if not item_id:
            return None
        anchor = _anchor(doc_id, item_id)
        return tag("a", {"href": f"#{anchor}", "class": "ref"}, item_id) if anchor in self.shown else tag("span", {"class": "ref"}, item_id)

    def rows(self, doc_id: str, item_ids: Sequence[str]) -> Child:
        return join(*[join(", " if n else None, self.row(doc_id, i)) for n, i in enumerate(item_ids)])

    @staticmethod
    def evidence(doc_id: str, ev: Mapping[str, Any] | None) -> Child:
        """The sentence in its document (and its first event, when it has one): one click from the fact."""
        if not ev:
            return None
        number = ev["sentence_index"] + 1
        link = tag("a", {"href": f"/documents/{path_quote(doc_id)}#sentence-{number}", "class": "evidence-link", "title": ev["text"]},
                   f"sentence {number}")  # fmt: skip
        events = ev.get("events") or []
        event = [" (", tag("a", {"href": f"/events/{path_quote(events[0])}", "title": "an event coded from this sentence"}, "event"), ")"] if events else None
        return tag("span", {"class": "cite"}, link, event)

    def evidences(self, doc_id: str, evs: Sequence[Mapping[str, Any]]) -> Child:
        seen: dict[int, Mapping[str, Any]] = {}
        for ev in evs:  # one link per sentence; the first with events speaks for it
            index = ev["sentence_index"]
            if index not in seen or (ev.get("events") and not seen[index].get("events")):
                seen[index] = ev
        ordered = [seen[i] for i in sorted(seen)]
        return join(*[join(", " if n else None, self.evidence(doc_id, ev)) for n, ev in enumerate(ordered)])


def _sourcing(doc_id: str, ev: Mapping[str, Any] | None, links: _RecordLinks) -> Html:
    """On whose word, how firmly, which sources, and the link to the sentence."""
    if not ev:
        return tag("span", {"class": "muted"}, "no sentence kept")
    said: list[Child] = []
    att = ev.get("attribution")
    if att:
        said.append(join("according to ", " \u2192 ".join(att.get("chain") or [att["text"]])))
    if ev.get("reliability"):
        said.append(tag("span", {"class": "badge"}, ev["reliability"]))
    cites = [c.get("outlet") or f"[{c['key']}]" for c in ev.get("citations") or ()]
    if cites:
        said.append("cites " + ", ".join(cites))
    said.append(links.evidence(doc_id, ev))
    return join(*[join(" · " if n else None, x) for n, x in enumerate(said)])


_BLANK = "\u2014"


def _cell(label: str, *children: Child, cls: str | None = None) -> Html:
    """A cell with its column's name (shown beside it on a phone, where an empty cell is left out)."""
    blank = all(c is None or c == "" or c == _BLANK for c in children)
    return tag("td", {"data-label": label, "class": " ".join(x for x in (cls, "blank" if blank else None) if x) or None},
               *(children if not blank else (_BLANK,)))  # fmt: skip


def _id_cell(doc_id: str, item_id: str, many: bool) -> Html:
    return tag("th", {"scope": "row", "data-label": "#"}, item_id,
               [tag("br"), tag("a", {"href": f"/record?doc={path_quote(doc_id)}", "class": "doc"}, doc_id)] if many else None)  # fmt: skip


def _pair(a: Mapping[str, Any] | None, b: Mapping[str, Any] | None) -> Html:
    return join(_actor(a), tag("span", {"class": "arrow"}, " \u2192 "), _actor(b))


def _status(value: str) -> Html:
    return tag("span", {"class": f"status {_STANCE_CLASS.get(value, 'open')}"}, _words(value))


def _table(cls: str, caption: Child, headings: Sequence[str], rows: Sequence[Html]) -> Html:
    return tag("div", {"class": "scroll"}, tag("table", {"class": f"record {cls}"},
               tag("caption", None, caption) if caption else None,
               tag("thead", None, tag("tr", None, [tag("th", {"scope": "col"}, h) for h in headings])),
               tag("tbody", None, rows)))  # fmt: skip


def _communications(items: Sequence[Mapping[str, Any]], links: _RecordLinks, many: bool) -> Html:
    rows = []
    for c in items:
        doc = c["doc_id"]
        states = [tag("li", None, _status(st["state"]), " ", _rdate(st["date"]),
                      [" \u00b7 by ", _actor(st["by"])] if st.get("by") else None,
                      [" \u00b7 says ", _actor(st["said_by"])] if st.get("said_by") else None,
                      " \u00b7 ", links.evidence(doc, st["evidence"]))
                  for st in c["states"]]  # fmt: skip
        about: list[Child] = [tag("q", None, text) for text in c["content"]]
        if c.get("answers"):
            about.append(join("answers ", links.row(doc, c["answers"])))
        if c["answered_by"]:
            about.append(join("answered by ", links.rows(doc, c["answered_by"])))
        if c["items"]:
            about.append(join("carries ", links.rows(doc, c["items"])))
        if c["deadlines"]:
            about.append(join("sets ", links.rows(doc, c["deadlines"])))
        rows.append(tag("tr", {"id": _anchor(doc, c["comm_id"])},
                        _id_cell(doc, c["comm_id"], many),
                        _cell("Kind", c["kind"]),
                        _cell("From \u2192 to", _pair(c.get("sender"), c.get("recipient"))),
                        _cell("Carried by", _actor(c["carrier"]) if c.get("carrier") else _BLANK),
                        _cell("Date", _rdate(c["date"])),
                        _cell("What became of it", tag("ol", {"class": "states"}, states) if states else tag("span", {"class": "muted"}, "nothing told")),
                        _cell("Contents and links", join(*[join(tag("br") if n else None, x) for n, x in enumerate(about)])),
                        _cell("Sentences", links.evidences(doc, c["evidence"]))))  # fmt: skip
    return _table("communications", None, ["#", "Kind", "From \u2192 to", "Carried by", "Date", "What became of it", "Contents and links", "Sentences"], rows)


def _demands(items: Sequence[Mapping[str, Any]], links: _RecordLinks, many: bool) -> Html:
    rows = []
    for d in items:
        doc = d["doc_id"]
        status = join(_status(d["status"]), [" (", links.rows(doc, d["positions"]), ")"] if d["positions"] else None)
        carried = join(links.row(doc, d.get("communication")) or "no communication", " \u00b7 ", _rdate(d["date"]),
                       [" \u00b7 deadline ", links.row(doc, d["deadline"])] if d.get("deadline") else None)  # fmt: skip
        rows.append(tag("tr", {"id": _anchor(doc, d["item_id"])},
                        _id_cell(doc, d["item_id"], many),
                        _cell("Kind", d["kind"], [tag("br"), tag("small", {"class": "code"}, "CAMEO ", d["cameo"])] if d.get("cameo") else None),
                        _cell("Who \u2192 of whom", _pair(d.get("by"), d.get("of"))),
                        _cell("What", d["text"], [tag("br"), tag("small", None, "condition: ", d["condition"])] if d.get("condition") else None),
                        _cell("Topic", d.get("topic") or "\u2014"),
                        _cell("Status", status),
                        _cell("Carried in", carried),
                        _cell("Sourcing", _sourcing(doc, d.get("evidence"), links))))  # fmt: skip
    return _table("demands", None, ["#", "Kind", "Who \u2192 of whom", "What", "Topic", "Status", "Carried in", "Sourcing"], rows)


def _outcome(o: Mapping[str, Any]) -> Html:
    return join(tag("a", {"href": f"/events/{path_quote(o['event_id'])}"}, o["cameo"], " ", o["cameo_name"]), " ",
                _pair(o.get("source"), o.get("target")), " ", _rdate(o["date"]))  # fmt: skip


def _deadlines(items: Sequence[Mapping[str, Any]], links: _RecordLinks, many: bool) -> Html:
    rows = []
    for t in items:
        doc = t["doc_id"]
        amount = f" ({t['amount']} {t['unit']}{'' if t['amount'] == 1 else 's'})" if t.get("amount") is not None and t.get("unit") else ""
        due = t.get("due") or {}
        passed: list[Child] = []
        if t.get("met"):
            passed.append(join("met ", _rdate(t["met"]), [" by ", _actor(t["met_by"])] if t.get("met_by") else None))
        if t.get("passed"):
            passed.append(join("passed ", _rdate(t["passed"])))
        passed += [_outcome(o) for o in t["outcome"]]
        sentences = [join("set: ", links.evidence(doc, t["evidence"])) if t.get("evidence") else None,
                     join("passed: ", links.evidence(doc, t["passed_evidence"])) if t.get("passed_evidence") else None]  # fmt: skip
        rows.append(tag("tr", {"id": _anchor(doc, t["deadline_id"])},
                        _id_cell(doc, t["deadline_id"], many),
                        _cell("Deadline", tag("q", None, t["expression"]), amount,
                              [tag("br"), tag("small", None, "extended to ", join(*[join(", " if n else None, _rdate(x)) for n, x in enumerate(t["extended"])]))]
                              if t.get("extended") else None),
                        _cell("Set by \u2192 for", _pair(t.get("by"), t.get("of"))),
                        _cell("Counted from", join(links.row(doc, t.get("communication")) or "the sentence's date", " \u00b7 ", _rdate(t["anchor"]))),
                        _cell("Due", _rdate(due), [" ", tag("small", None, "(", _PRECISION_WORDS.get(due.get("precision") or "", due.get("precision")), ")")] if due.get("date") else None),
                        _cell("For", links.row(doc, t.get("item")) or "\u2014"),
                        _cell("When it passed", join(*[join(tag("br") if n else None, x) for n, x in enumerate(passed)]) if passed
                              else tag("span", {"class": "muted"}, "the report does not say")),
                        _cell("Sentences", join(*[join(tag("br") if n else None, x) for n, x in enumerate(x for x in sentences if x)]))))  # fmt: skip
    return _table("deadlines", None, ["#", "Deadline", "Set by \u2192 for", "Counted from", "Due", "For", "When it passed", "Sentences"], rows)


def _channel(ch: Mapping[str, Any], links: _RecordLinks, many: bool) -> Html:
    doc = ch["doc_id"]
    rows = []
    for st in ch["steps"]:
        notes: list[Child] = []
        by = st.get("by") or {}
        others = [a for a in st["participants"] if (a.get("text"), a.get("code")) != (by.get("text"), by.get("code"))]  # not the side named in By
        if others:
            names = [join(" and " if n == len(others) - 1 else ", " if n else None, _actor(a)) for n, a in enumerate(others)]
            notes.append(join("between " if len(others) > 1 else "with ", *names))
        if st.get("first_since"):
            notes.append(f"the first {st.get('mode') or ''} contact {st['first_since']}".replace("  ", " "))
        if st.get("condition"):
            notes.append(join("condition: ", st["condition"]))
        if st.get("communication"):
            notes.append(join("in ", links.row(doc, st["communication"])))
        mediator = _actor(st["mediator"]) if st.get("mediator") else (st.get("mediator_text") or "\u2014")
        venue = st.get("venue")
        venue_cell = ("proposed: " + venue if st["status"] == "proposed" else venue) if venue else "\u2014"
        rows.append(tag("tr", None,
                        tag("th", {"scope": "row", "data-label": "#"}, st["step_id"]),
                        _cell("Date", _rdate(st["date"])),
                        _cell("Step", _status(st["status"]), " ", st["what"]),
                        _cell("Direct?", st.get("mode") or tag("span", {"class": "muted"}, "not said"), cls="nowrap"),
                        _cell("By", _actor(st["by"]) if st.get("by") else tag("span", {"class": "muted"}, "both")),
                        _cell("Mediator", mediator),
                        _cell("Venue", venue_cell),
                        _cell("Notes", join(*[join(tag("br") if n else None, x) for n, x in enumerate(notes)])),
                        _cell("Sentences", links.evidences(doc, st["evidence"]))))  # fmt: skip
    parties = list(ch["parties"]) or [None, None]
    caption = join(*[join(" \u2194 " if n else None, _actor(a)) for n, a in enumerate(parties)], tag("small", None, f" {len(ch['steps'])} steps" + (f" \u00b7 in {doc}" if many else "")))
    return _table("channel", caption, ["#", "Date", "Step", "Direct?", "By", "Mediator", "Venue", "Notes", "Sentences"], rows)


def _positions(items: Sequence[Mapping[str, Any]], links: _RecordLinks, many: bool) -> Html:
    rows = []
    for p in items:
        doc = p["doc_id"]
        answers = [links.rows(doc, p["items"]) if p["items"] else None, join("in ", links.row(doc, p["communication"])) if p.get("communication") else None]
        rows.append(tag("tr", {"id": _anchor(doc, p["position_id"])},
                        _id_cell(doc, p["position_id"], many),
                        _cell("Party", _actor(p.get("party"))),
                        _cell("Stance", _status(p["stance"])),
                        _cell("On", p["on"], [tag("br"), tag("small", None, "condition: ", p["condition"])] if p.get("condition") else None),
                        _cell("Date", _rdate(p["date"])),
                        _cell("Answers", join(*[join(" \u00b7 " if n else None, x) for n, x in enumerate(x for x in answers if x)]) or "\u2014"),
                        _cell("Sourcing", _sourcing(doc, p.get("evidence"), links))))  # fmt: skip
    return _table("positions", None, ["#", "Party", "Stance", "On", "Date", "Answers", "Sourcing"], rows)


def _agreements(items: Sequence[Mapping[str, Any]], links: _RecordLinks, many: bool) -> Html:
    rows = []
    for g in items:
        doc = g["doc_id"]
        states = [join(_rdate(st["date"]), " ", _status(st["state"]),
                       [" by ", join(*[join(", " if n else None, _actor(a)) for n, a in enumerate(st["by"])])] if st.get("by") else None,
                       " ", links.evidence(doc, st["evidence"]) if st.get("evidence") else None)
                  for st in g["states"]]  # fmt: skip
        parties = join(*[join(", " if n else None, _actor(a)) for n, a in enumerate(g["parties"])]) if g["parties"] else "\u2014"
        rows.append(tag("tr", {"id": _anchor(doc, g["agreement_id"])},
                        _id_cell(doc, g["agreement_id"], many),
                        _cell("What", g["what"], [tag("br"), tag("small", None, tag("q", None, g["text"]))] if g.get("text") else None),
                        _cell("Parties", parties),
                        _cell("Mediator", _actor(g["mediator"]) if g.get("mediator") else "\u2014"),
                        _cell("Its life", join(*[join(tag("br") if n else None, x) for n, x in enumerate(states)]))))  # fmt: skip
    return _table("agreements", None, ["#", "What", "Parties", "Mediator", "Its life"], rows)


def _ruptures(items: Sequence[Mapping[str, Any]], links: _RecordLinks, many: bool) -> Html:
    rows = []
    for r in items:
        doc = r["doc_id"]
        rows.append(tag("tr", {"id": _anchor(doc, r["rupture_id"])},
                        _id_cell(doc, r["rupture_id"], many),
                        _cell("Date", _rdate(r["date"])),
                        _cell("Act", _status(r["act"]), [" ", tag("small", None, r["what"])] if r.get("what") else None,
                              [" ", tag("small", None, r["within"])] if r.get("within") else None),
                        _cell("By \u2192 toward", _pair(r.get("by"), r.get("toward"))),
                        _cell("Sourcing", _sourcing(doc, r.get("evidence"), links))))  # fmt: skip
    return _table("ruptures", None, ["#", "Date", "Act", "By \u2192 toward", "Sourcing"], rows)


def _record_counts(data: Mapping[str, Any]) -> str:
    steps = sum(len(ch["steps"]) for ch in data["channels"])
    counts = [(len(data["communications"]), "communication"), (len(data["demands"]), "demand or offer"),
              (len(data["deadlines"]), "deadline"), (len(data["channels"]), "channel"), (len(data["positions"]), "position"),
              (len(data.get("agreements") or ()), "agreement"), (len(data.get("ruptures") or ()), "rupture")]  # fmt: skip
    words = [f"{n} {word if n == 1 else {'demand or offer': 'demands and offers'}.get(word, word + 's')}" for n, word in counts]
    if steps:
        words[3] += f" ({steps} step{'s' if steps != 1 else ''} of talks)"
    return ", ".join(words)


def record_page(data: Mapping[str, Any], filters: Filters, cat: Catalogue, *, limit: int, default_limit: int, cursor: str | None, twin: str, store_name: str) -> Html:
    form = _form("/record", filters, cat)
    body: list[Child] = [tag("h1", None, "The diplomatic record", tag("small", None, f" {data['doc_id']}") if data.get("doc_id") else None)]
    if not data["available"]:
        body += [tag("p", {"class": "notice", "role": "status"}, data["message"][0].upper() + data["message"][1:] + "."),
                 tag("p", None, "Every communication is still on the ", tag("a", {"href": "/timeline" + filters.query_string()}, "timeline"),
                     " as events with their sentences.")]  # fmt: skip
        return page(title="Record", tab="/record", filters=filters, body=body, twin=twin, form=form, store_name=store_name)
    documents = data["documents"]
    many = len(documents) > 1  # ids (c1, d2) are per document: name it beside each once there are several
    keep = filters.without("doc")
    if data.get("doc_id"):
        lead: list[Child] = [_record_counts(data), ". Each row links to the sentence it was read from (",
                             tag("a", {"href": f"/documents/{path_quote(data['doc_id'])}" + keep.query_string()}, "the document"), "). ",
                             tag("a", {"href": "/record" + keep.query_string(), "class": "back"}, "Back to the documents with a record"), "."]  # fmt: skip
    else:
        named = [tag("a", {"href": "/record" + keep.query_string(doc=d)}, d) for d in documents]
        lead = [f"The records of {len(documents)} document{'s' if len(documents) != 1 else ''} on this page (",
                join(*[join(", " if n else None, x) for n, x in enumerate(named)]), "): ", _record_counts(data),
                ". Choose a document for its record alone; each row links to the sentence it was read from."]  # fmt: skip
    body.append(tag("p", {"class": "summary"}, lead))
    ignored = [name for name, on in (("CAMEO root", filters.root), ("modality", filters.modality), ("non-events", filters.all)) if on]
    if ignored:
        verb = "filters choose" if len(ignored) > 1 else "filter chooses"
        body.append(tag("p", {"class": "muted"}, f"The {' and '.join(ignored)} {verb} events, not parts of the record: the record is shown whole."))
    links = _RecordLinks(data)
    tables = {
        "communications": lambda: _communications(data["communications"], links, many),
        "demands": lambda: _demands(data["demands"], links, many),
        "deadlines": lambda: _deadlines(data["deadlines"], links, many),
        "channels": lambda: join(*[_channel(ch, links, many) for ch in data["channels"]]),
        "positions": lambda: _positions(data["positions"], links, many),
        "agreements": lambda: _agreements(data["agreements"], links, many),
        "ruptures": lambda: _ruptures(data["ruptures"], links, many),
    }
    for part in RECORD_PARTS:
        filtered = " that the filters keep" if filters.actor or filters.since or filters.until else ""
        content = tables[part]() if data[part] else tag("p", {"class": "muted"}, _RECORD_NONE[part].replace(" in this record.", f" in this record{filtered}."))
        body.append(tag("section", {"class": "record-part", "id": part}, tag("h2", None, RECORD_TITLES[part]), content))
    body.append(_pager("/record", filters, data, limit=limit, default_limit=default_limit, cursor=cursor))
    return page(title="Record", tab="/record", filters=filters, body=body, twin=twin, form=form, store_name=store_name)


def actors_page(data: Mapping[str, Any], filters: Filters, cat: Catalogue, *, twin: str, store_name: str) -> Html:
    def partner(row_code: str, p: Mapping[str, Any]) -> Html:
        return tag("a", {"href": "/trajectory" + filters.query_string(pair=f"{row_code}-{p['code']}")}, p["code"], tag("small", None, f" {p['events']}"))

    rows = [tag("tr", None,
                tag("td", {"data-label": "Code"}, tag("a", {"href": "/timeline" + filters.without("actor").query_string(actor=r["code"])}, tag("code", None, r["code"]))),
                tag("td", {"class": "names", "data-label": "Appears as"}, join(*[join(" · " if i else None, tag("span", {"class": "name"}, n["name"], tag("small", None, f" {n['count']}")))
                                                                           for i, n in enumerate(r["names"])])),
                tag("td", {"class": "num", "data-label": "Events"}, r["events"]),
                tag("td", {"class": "num", "data-label": "As source"}, r["as_source"]),
                tag("td", {"class": "num", "data-label": "As target"}, r["as_target"]),
                tag("td", {"class": "partners", "data-label": "Most often with"}, join(*[join(partner(r["code"], p), " ") for p in r["partners"]])))
            for r in data["actors"]]  # fmt: skip
    actors = tag("table", {"class": "actors"},
                 tag("thead", None, tag("tr", None, [tag("th", {"scope": "col"}, h) for h in ("Code", "Appears as", "Events", "As source", "As target", "Most often with")])),
                 tag("tbody", None, rows))  # fmt: skip
    names = [tag("tr", None, tag("td", {"data-label": "Words"}, u["text"]), tag("td", {"class": "num", "data-label": "Times"}, u["count"]),
                 tag("td", {"data-label": "Events"}, join(*[join(tag("a", {"href": f"/events/{i}"}, f"#{n + 1}"), " ") for n, i in enumerate(u["event_ids"])])))
             for u in data["unresolved"]]  # fmt: skip
    unresolved = tag("table", {"class": "unresolved"},
                     tag("thead", None, tag("tr", None, [tag("th", {"scope": "col"}, h) for h in ("Words in the report", "Times", "Events")])),
                     tag("tbody", None, names))  # fmt: skip
    body = [tag("h1", None, "Actors"),
            tag("p", {"class": "summary"}, f"{data['total']} actors with a code; {data['unresolved_total']} names left without one."),
            tag("div", {"class": "scroll"}, actors),
            tag("h2", None, "Unresolved names"),
            tag("p", {"class": "muted"}, "Sources and targets no dictionary resolved, as the reports word them: candidates for your actor file."),
            tag("div", {"class": "scroll"}, unresolved) if names else tag("p", {"class": "empty"}, "None.")]  # fmt: skip
    return page(title="Actors", tab="/actors", filters=filters, body=body, twin=twin, form=_form("/actors", filters, cat), store_name=store_name)


def documents_page(data: Mapping[str, Any], filters: Filters, cat: Catalogue, *, limit: int, default_limit: int, cursor: str | None, twin: str, store_name: str) -> Html:
    keep = filters.without("doc").query_string()
    rows = [tag("tr", None, tag("td", {"data-label": "Document"}, tag("a", {"href": f"/documents/{path_quote(d['doc_id'])}{keep}"}, d["doc_id"])),
                tag("td", {"data-label": "Title"}, d["title"] or ""), tag("td", {"data-label": "Date"}, d["date"] or ""),
                tag("td", {"data-label": "Outlet"}, d["outlet"] or ""), tag("td", {"class": "num", "data-label": "Events"}, d["events"]))
            for d in data["documents"]]  # fmt: skip
    body = [tag("h1", None, "Documents"),
            tag("div", {"class": "scroll"}, tag("table", {"class": "documents"},
                tag("thead", None, tag("tr", None, [tag("th", {"scope": "col"}, h) for h in ("Document", "Title", "Date", "Outlet", "Events")])),
                tag("tbody", None, rows))) if rows else tag("p", {"class": "empty"}, "No documents in this store."),
            _pager("/documents", filters, data, limit=limit, default_limit=default_limit, cursor=cursor)]  # fmt: skip
    return page(title="Documents", tab="/documents", filters=filters, body=body, twin=twin, form=_form("/documents", filters, cat), store_name=store_name)


def _document_text(data: Mapping[str, Any], events: Mapping[str, Mapping[str, Any]]) -> Html:
    """The text by blocks, each stored sentence a span (#sentence-N, N from 1), event triggers marked in it."""
    text: str = data["document"]["text"]
    marks = data["overlay"]
    blocks = data["blocks"] or [{"start": 0, "end": len(text), "kind": "paragraph", "section": None}]
    sentences = sorted((s["start"], s["end"], s["index"]) for s in data.get("sentences") or ())
    k = 0  # the next mark to draw

    def marked(lo: int, hi: int) -> list[Child]:
        nonlocal k
        pieces: list[Child] = []
        at = lo
        while k < len(marks) and marks[k]["start"] < hi:
            m = marks[k]
            k += 1
            if m["start"] < at or m["end"] > hi:
                continue  # straddles a block or sentence edge
            first = events[m["event_ids"][0]]
            title = "; ".join(f"{events[x]['cameo']} {events[x]['cameo_name']} ({events[x]['modality']})" for x in m["event_ids"])
            pieces.append(text[at : m["start"]])
            pieces.append(tag("a", {"href": f"#ev-{first['event_id']}", "class": f"mark q{first['quad_class']} m-{first['modality']}",
                                    "title": title, "data-events": " ".join(m["event_ids"])}, text[m["start"] : m["end"]]))  # fmt: skip
            at = m["end"]
        pieces.append(text[at:hi])
        return pieces

    out: list[Child] = []
    anchored: set[int] = set()
    j = 0  # the first sentence that may still meet a block
    for block in blocks:
        lo, hi = block["start"], block["end"]
        while j < len(sentences) and sentences[j][1] <= lo:
            j += 1
        pieces: list[Child] = []
        at = lo
        for s_lo, s_hi, index in sentences[j:]:
            if s_lo >= hi:
                break
            a, b = max(s_lo, at), min(s_hi, hi)
            if a >= b:
                continue
            pieces.append(marked(at, a))
            anchor = None if index in anchored else f"sentence-{index + 1}"  # a sentence over two blocks: one anchor
            anchored.add(index)
            pieces.append(tag("span", {"class": "sentence", "id": anchor}, marked(a, b)))
            at = b
        pieces.append(marked(at, hi))
        name = {"heading": "h3", "list_item": "li"}.get(block["kind"], "p")
        out.append(tag(name, {"class": f"block {block['kind']}"}, pieces))
    return tag("div", {"class": "doc-text"}, out)


def document_page(data: Mapping[str, Any], filters: Filters, cat: Catalogue, *, twin: str, store_name: str) -> Html:
    d = data["document"]
    events = {e["event_id"]: e for e in data["events"]}
    meta: list[Child] = [x for x in (d.get("outlet"), d.get("date")) if x]
    if d.get("url"):
        meta.append(external_link(d["url"], "original"))
    meta.append(f"{len(events)} events, marked in the text (click one)")
    refs = [tag("li", None, tag("span", {"class": "key"}, f"[{r['key']}]"), " ", tag("b", None, r["outlet"] or ""),
                [" \u201c", r["title"], "\u201d"] if r.get("title") else None, [" ", r["published"]] if r.get("published") else None,
                " ", tag("span", {"class": "lang"}, r["language"]), [" ", external_link(r["url"], "link")] if r.get("url") else None)
            for r in data["references"]]  # fmt: skip
    body = [tag("h1", None, d.get("title") or d["doc_id"], tag("small", None, f" {d['doc_id']}")),
            tag("p", {"class": "summary"}, join(*[join(" · " if i else None, m) for i, m in enumerate(meta)])),
            tag("div", {"class": "document"},
                tag("article", None, _document_text(data, events),
                    [tag("h2", None, "References"), tag("ol", {"class": "refs"}, refs)] if refs else None),
                tag("aside", {"class": "doc-events"}, tag("h2", None, "Events"),
                    tag("ol", {"class": "events"}, [event_card(e, show_date=True) for e in data["events"]])))]  # fmt: skip
    return page(title=d.get("title") or d["doc_id"], tab="/documents", filters=filters, body=body, twin=twin,
                form=_form(f"/documents/{path_quote(d['doc_id'])}", filters, cat), store_name=store_name)  # fmt: skip


def event_page(data: Mapping[str, Any], filters: Filters, cat: Catalogue, *, twin: str, store_name: str) -> Html:
    e = data["event"]
    body = [tag("h1", None, f"{e['cameo']} {e['cameo_name']}"),
            tag("ol", {"class": "events single"}, event_card(e, opened=True, show_date=True)),
            tag("div", {"class": "report"}, evidence(e, document=data["document"]) if data["document"] else None)]  # fmt: skip
    return page(title=f"Event {e['event_id']}", tab="/timeline", filters=filters, body=body, twin=twin, form=_form("/timeline", filters, cat), store_name=store_name)


def error_page(status: int, message: str, filters: Filters | None = None, cat: Catalogue | None = None, *, store_name: str = "") -> Html:
    filters = filters or Filters()
    form = _form("/timeline", filters, cat) if cat is not None else None
    body = [tag("h1", None, "Not found" if status == 404 else "That cannot be shown"), tag("p", {"class": "notice error", "role": "alert"}, message),
            tag("p", None, tag("a", {"href": "/timeline"}, "Back to the timeline"))]  # fmt: skip
    return page(title="Error", tab="", filters=Filters(), body=body, twin="/openapi.json", form=form, store_name=store_name)
