"""The Record tab's first page: the documents that have a record, drawn from `views.records_view`.

    /record                  documents with a record, most items first, with each part's items
    /record?party=iran       only those whose record involves that actor (a code, a country or a name)
    /record?doc=ID           one document's record (pages.record_page)

Each row links to its document's record, carrying the filters, which then narrow
that record. Like every page, it is drawn from its JSON twin (/api/records) alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .html import Child, Html, filter_form, join, page, tag
from .pages import RECORD_TITLES
from .params import Filters
from .views import Catalogue

__all__ = ["LIST_LIMIT", "record_list_page"]

LIST_LIMIT = 50  # documents per page unless the URL says
_SORTS = {"items": "most items first", "doc": "by document id"}


def _title(part: str) -> str:
    return RECORD_TITLES.get(part, part.replace("_", " ").capitalize())


def _controls(data: Mapping[str, Any]) -> Html:
    """The list's own fields: the party, and the order."""
    sort = tag("select", {"name": "sort", "id": "sort", "data-autosubmit": True},
               [tag("option", {"value": k, "selected": k == data["sort"]}, label) for k, label in _SORTS.items()])  # fmt: skip
    party = tag("input", {"name": "party", "id": "party", "value": data["party"] or "", "placeholder": "e.g. IRN, iran, Abbas Araghchi",
                          "autocomplete": "off", "spellcheck": "false"})  # fmt: skip
    return join(tag("label", {"class": "field"}, tag("span", None, "Party"), party),
                tag("label", {"class": "field"}, tag("span", None, "Order"), sort))  # fmt: skip


def _link(filters: Filters, data: Mapping[str, Any], limit: int, **changes: Any) -> str:
    """This list with the same party, order and page size, and `changes`."""
    values: dict[str, Any] = {"party": data["party"] if data["party"] != filters.actor else None,
                              "sort": None if data["sort"] == "items" else data["sort"],
                              "limit": None if limit == LIST_LIMIT else limit} | changes  # fmt: skip
    return "/record" + filters.query_string(**values)


def _pager(filters: Filters, data: Mapping[str, Any], limit: int) -> Html | None:
    offset, total = data["offset"], data["total"]
    links: list[Child] = []
    if offset:
        links.append(tag("a", {"href": _link(filters, data, limit, offset=max(offset - limit, 0) or None), "rel": "prev"}, f"\u2190 previous {limit}"))
    if offset + limit < total:
        links.append(tag("a", {"href": _link(filters, data, limit, offset=offset + limit), "rel": "next"}, f"next {min(limit, total - offset - limit)} \u2192"))
    return tag("nav", {"class": "pager"}, join(*links)) if links else None


def _row(d: Mapping[str, Any], parts: list[str], keep: Filters) -> Html:
    # labelled by the part's own name, short enough for the label column of a phone's layout
    counts = [tag("td", {"class": "num" + (" zero" if not d["parts"].get(p) else ""), "data-label": p.replace("_", " ").capitalize()},
                  d["parts"].get(p, 0)) for p in parts]  # fmt: skip
    return tag("tr", {"id": f"doc-{d['doc_id']}"},
               tag("td", {"data-label": "Document"}, tag("a", {"href": "/record" + keep.query_string(doc=d["doc_id"])}, d["doc_id"])),
               tag("td", {"data-label": "Title"}, d["title"] or ""),
               tag("td", {"data-label": "Date"}, d["date"] or ""),
               counts,
               tag("td", {"class": "num", "data-label": "Items"}, tag("b", None, d["items"])))  # fmt: skip


def record_list_page(data: Mapping[str, Any], filters: Filters, cat: Catalogue, *, limit: int, twin: str, store_name: str) -> Html:
    form = filter_form("/record", filters, cat.roots, cat.modalities, cat.non_events, _controls(data))
    body: list[Child] = [tag("h1", None, "The diplomatic record")]
    if not data["available"]:
        message = data["message"]
        body += [tag("p", {"class": "notice", "role": "status"}, message[0].upper() + message[1:] + "."),
                 tag("p", None, "Every communication is still on the ", tag("a", {"href": "/timeline" + filters.query_string()}, "timeline"),
                     " as events with their sentences.")]  # fmt: skip
        return page(title="Record", tab="/record", filters=filters, body=body, twin=twin, form=form, store_name=store_name)
    total, party, parts = data["total"], data["party"], list(data["parts"])
    documents = data["documents"]
    other = "doc" if data["sort"] == "items" else "items"
    body.append(tag("p", {"class": "summary"},
                    f"{total} document{'s' if total != 1 else ''} {'has' if total == 1 else 'have'} a record",
                    [" involving ", tag("b", None, party)] if party else None,
                    f"; {len(documents)} on this page" if len(documents) != total else "",
                    f", {_SORTS[data['sort']]} (", tag("a", {"href": _link(filters, data, limit, sort=None if other == "items" else other)}, _SORTS[other]),
                    "). Choose a document for its record; each part counts its items (a channel, its steps of talks)."))  # fmt: skip
    narrowing = [name for name, on in (("period", filters.since or filters.until), ("CAMEO root", filters.root), ("modality", filters.modality)) if on]
    if narrowing:
        verb = "filters narrow" if len(narrowing) > 1 else "filter narrows"
        body.append(tag("p", {"class": "muted"}, f"The {' and '.join(narrowing)} {verb} each record once it is opened, not this list."))
    heads = ["Document", "Title", "Date", *(_title(p) for p in parts), "Items"]
    table = tag("table", {"class": "documents record-list"},
                tag("thead", None, tag("tr", None, [tag("th", {"scope": "col"}, h) for h in heads])),
                tag("tbody", None, [_row(d, parts, filters.without("doc")) for d in documents]))  # fmt: skip
    body.append(tag("div", {"class": "scroll"}, table) if documents else tag("p", {"class": "empty"}, "No document on this page: go back to the first."))
    body.append(_pager(filters, data, limit))
    return page(title="Record", tab="/record", filters=filters, body=body, twin=twin, form=form, store_name=store_name)
