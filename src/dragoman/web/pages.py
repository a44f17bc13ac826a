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


def record_page(data: Mapping[str, Any], filters: Filters, cat: Catalogue, *, twin: str, store_name: str) -> Html:
    holds = {
        "communications": "letters, messages, replies, calls and visits, with sender, recipient, carrier and their dated states",
        "demands": "demands and offers, each with its sourcing, topic, status and the communication it belongs to",
        "deadlines": "deadlines anchored on their communication, and what happened when they passed",
        "channels": "for each pair of parties: direct or indirect, the mediator, proposed and actual venues, over time",
        "positions": "each party's stance on a demand or on talks, over time",
    }
    sections = [tag("section", {"class": "record-part"}, tag("h2", None, part.capitalize()),
                    tag("p", {"class": "muted"}, f"Will hold {holds[part]}. None stored.") if not data[part] else None)
                for part in RECORD_PARTS]  # fmt: skip
    body = [tag("h1", None, "The diplomatic record"),
            tag("p", {"class": "notice", "role": "status"}, data["message"][0].upper() + data["message"][1:] + "."),
            tag("p", None, "Until then, every communication is on the ", tag("a", {"href": "/timeline" + filters.query_string()}, "timeline"),
                " as events with their sentences."), sections]  # fmt: skip
    return page(title="Record", tab="/record", filters=filters, body=body, twin=twin, form=_form("/record", filters, cat), store_name=store_name)


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
    text: str = data["document"]["text"]
    marks = data["overlay"]
    blocks = data["blocks"] or [{"start": 0, "end": len(text), "kind": "paragraph", "section": None}]
    out: list[Child] = []
    i = 0
    for block in blocks:
        lo, hi = block["start"], block["end"]
        pieces: list[Child] = []
        at = lo
        while i < len(marks) and marks[i]["end"] <= hi:
            m = marks[i]
            i += 1
            if m["start"] < at:
                continue  # straddles a block edge
            first = events[m["event_ids"][0]]
            title = "; ".join(f"{events[x]['cameo']} {events[x]['cameo_name']} ({events[x]['modality']})" for x in m["event_ids"])
            pieces.append(text[at : m["start"]])
            pieces.append(tag("a", {"href": f"#ev-{first['event_id']}", "class": f"mark q{first['quad_class']} m-{first['modality']}",
                                    "title": title, "data-events": " ".join(m["event_ids"])}, text[m["start"] : m["end"]]))  # fmt: skip
            at = m["end"]
        pieces.append(text[at:hi])
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
