"""A small HTML builder that escapes by default, and the page frame every dashboard page shares.

    tag("a", {"href": url}, "Iran & Oman")     '<a href="...">Iran &amp; Oman</a>'

Text is escaped unless it is already `Html` (what `tag` returns), so a
sentence from a report can never become markup. Links to the outside world
(a cited report's URL) are only drawn for http and https URLs.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from html import escape
from typing import Any, Union
from urllib.parse import quote, urlsplit

from .params import Filters

__all__ = ["TABS", "Html", "data_block", "external_link", "join", "page", "path_quote", "tag"]


class Html(str):
    """Markup that is already safe to send: built by `tag`, never from raw input."""


Child = Union[Html, str, int, float, None, Iterable["Child"]]

_VOID = frozenset({"br", "hr", "img", "input", "link", "meta"})


def _render(child: Child) -> str:
    if child is None:
        return ""
    if isinstance(child, Html):
        return child
    if isinstance(child, (str, int, float)):
        return escape(str(child), quote=False)
    return "".join(_render(c) for c in child)


def join(*children: Child) -> Html:
    return Html(_render(children))


def tag(name: str, attrs: Mapping[str, Any] | None = None, *children: Child) -> Html:
    """An element; attributes that are None or False are left out, True ones are written bare."""
    parts = [name]
    for key, value in (attrs or {}).items():
        if value is None or value is False:
            continue
        key = key.rstrip("_").replace("_", "-")  # class_ -> class, data_x -> data-x
        parts.append(key if value is True else f'{key}="{escape(str(value), quote=True)}"')
    opening = "<" + " ".join(parts) + ">"
    if name in _VOID:
        return Html(opening)
    return Html(opening + _render(children) + f"</{name}>")


def external_link(url: str | None, text: Child) -> Html:
    """A link out of the app (opener and referrer withheld), or the text alone for a URL that is not web."""
    if not url or urlsplit(url).scheme.lower() not in ("http", "https"):
        return join(text)
    return tag("a", {"href": url, "rel": "noopener noreferrer nofollow", "target": "_blank"}, text)


def path_quote(value: str) -> str:
    """A value as one path segment of a URL."""
    return quote(value, safe="")


def data_block(element_id: str, data: Any) -> Html:
    """JSON for the page's script, in a block the browser never runs ("<" escaped, so "</script>" cannot end it)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return Html(f'<script type="application/json" id="{escape(element_id)}">{text}</script>')


# ---------------------------------------------------------------- the frame

# (path, label) of the tabs, in order
TABS = (
    ("/timeline", "Timeline"),
    ("/trajectory", "Trajectory"),
    ("/record", "Record"),
    ("/actors", "Actors"),
    ("/documents", "Documents"),
)


def filter_form(
    action: str,
    filters: Filters,
    roots: Mapping[str, str],
    modalities: Mapping[str, str],
    non_events: frozenset[str],
    extra: Child = None,
) -> Html:
    """The filter bar: a GET form, so the URL always holds what is shown."""

    def field(label: str, name: str, value: str | None, hint: str, width: str = "") -> Html:
        return tag("label", {"class": f"field {width}".strip()}, tag("span", None, label),
                   tag("input", {"name": name, "value": value or "", "placeholder": hint, "autocomplete": "off",
                                 "spellcheck": "false"}))  # fmt: skip

    root_options = [tag("option", {"value": ""}, "any")] + [
        tag("option", {"value": code, "selected": code == filters.root}, f"{code} {name}") for code, name in roots.items()
    ]
    modality_options = [tag("option", {"value": ""}, "any act")] + [
        tag("option", {"value": name, "selected": name == filters.modality, "title": meaning},
            name + (" (not done)" if name in non_events else ""))
        for name, meaning in modalities.items()
    ]  # fmt: skip
    active = filters.params()
    shown = ", ".join(f"{k} {v}" if k != "all" else "non-events too" for k, v in active.items()) or "none"
    fields = join(
        field("From", "since", filters.since, "e.g. 2025-03", "narrow"),
        field("To", "until", filters.until, "e.g. 2025-04-15", "narrow"),
        field("Actor", "actor", filters.actor, "e.g. IRN, USAGOV", "narrow"),
        tag("label", {"class": "field"}, tag("span", None, "CAMEO root"), tag("select", {"name": "root"}, root_options)),
        tag("label", {"class": "field"}, tag("span", None, "Modality"), tag("select", {"name": "modality"}, modality_options)),
        field("Document", "doc", filters.doc, "a document id"),
        tag("label", {"class": "check", "title": "also the acts that did not happen: " + ", ".join(sorted(non_events))},
            tag("input", {"type": "checkbox", "name": "all", "value": "1", "checked": filters.all}), "non-events too"),
        tag("span", {"class": "buttons"},
            tag("button", {"type": "submit"}, "Apply"), " ", tag("a", {"href": action, "class": "clear"}, "Clear")),
    )  # fmt: skip
    # The fields fold away on a phone (app.js closes the box there); the page's own controls stay in view.
    return tag("form", {"class": "filters", "method": "get", "action": action, "id": "filters"},
               tag("div", {"class": "controls"}, extra) if extra else None,
               tag("details", {"class": "filter-box", "open": True},
                   tag("summary", None, "Filters: ", tag("span", {"class": "active-filters"}, shown)),
                   tag("div", {"class": "fields"}, fields)))  # fmt: skip


def page(
    *,
    title: str,
    tab: str,
    filters: Filters,
    body: Child,
    twin: str,
    form: Html | None = None,
    charts: bool = False,
    store_name: str = "",
) -> Html:
    """A whole page: tabs that keep the filters, the filter bar, the body, and a link to its JSON twin."""
    keep = filters.query_string()
    nav = tag("nav", {"aria-label": "pages"}, [
        tag("a", {"href": path + keep, "class": "tab" + (" active" if path == tab else ""),
                  "aria-current": "page" if path == tab else None}, label)
        for path, label in TABS
    ])  # fmt: skip
    scripts = [tag("script", {"src": "/static/plotly.min.js"})] if charts else []
    scripts.append(tag("script", {"src": "/static/app.js"}))
    head = join(
        Html('<meta charset="utf-8">'),
        Html('<meta name="viewport" content="width=device-width, initial-scale=1">'),
        tag("title", None, f"{title} · dragoman"),
        Html('<link rel="stylesheet" href="/static/app.css">'),
        Html('<link rel="icon" href="data:,">'),  # no favicon request
    )
    footer = tag("footer", None, "JSON of this page: ", tag("a", {"href": twin, "class": "twin"}, twin),
                 " · ", tag("a", {"href": "/openapi.json"}, "API schema"), " · store ", store_name, " (read-only)")  # fmt: skip
    return Html(
        "<!doctype html>\n"
        + tag("html", {"lang": "en"}, tag("head", None, head), tag("body", None,
              tag("header", None, tag("a", {"href": "/" + keep, "class": "brand"}, "dragoman"), nav),
              form, tag("main", {"id": "main"}, body), footer, scripts))
    )  # fmt: skip
