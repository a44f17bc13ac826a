"""What a request asks for: the filters every page takes, and paging, checked before any query runs.

Everything here is plain Python (no web framework), so the HTML pages, the
JSON API and the tests share one reading of a query string. A value no query
can use is a `BadParameter` whose message names the parameter and says what
to give instead; the app answers it with a 400.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from urllib.parse import urlencode

from ..errors import DragomanError
from ..policy import Policy
from ..queries import event_query
from ..store import EventQuery

__all__ = [
    "ACTOR_KEY",
    "FILTER_NAMES",
    "MAX_PAGE",
    "BadParameter",
    "Filters",
    "NotFound",
    "actor_key",
    "cameo_root",
]

MAX_PAGE = 1000  # the most rows one API page returns
FILTER_NAMES = ("since", "until", "actor", "root", "modality", "doc", "all")  # the query parameters of Filters
ACTOR_KEY = re.compile(r"[A-Z0-9]{2,32}")  # actor codes and countries: USA, IRNGOV, IGOUNOIAE
_ROOT = re.compile(r"[0-9]{2}")
_MAX_TEXT = 200  # longer values are no doc id or date anyone typed


class BadParameter(DragomanError):
    """A request parameter no query can use (answered with 400)."""


class NotFound(DragomanError):
    """A document, event or actor the store does not have (answered with 404)."""


def actor_key(name: str, value: str) -> str:
    """An actor code or country as given, or a BadParameter saying what one looks like."""
    if not ACTOR_KEY.fullmatch(value):
        raise BadParameter(
            f"{name}={_show(value)} is not an actor code: use capital letters and digits, such as IRN, USAGOV or IGOUNO"
        )
    return value


def cameo_root(value: str) -> str:
    if not _ROOT.fullmatch(value):
        raise BadParameter(f"root={_show(value)} is not a CAMEO root: use two digits, 01 to 20 (13 is THREATEN)")
    if not 1 <= int(value) <= 20:
        raise BadParameter(f"root={value} is not a CAMEO root: roots run from 01 to 20")
    return value


def _show(value: str) -> str:
    shown = repr(value)
    return shown if len(shown) <= 40 else shown[:37] + "..."


def _blank_is_none(value: str | None) -> str | None:
    # A form submits its empty fields as "since=": they mean "no filter".
    if value is None or not value.strip():
        return None
    return value.strip()


@dataclass(frozen=True, slots=True)
class Filters:
    """The filters of every page: dates, actor, CAMEO root, modality, document, and non-events or not."""

    since: str | None = None
    until: str | None = None
    actor: str | None = None
    root: str | None = None
    modality: str | None = None
    doc: str | None = None
    all: bool = False

    @classmethod
    def parse(
        cls,
        *,
        since: str | None = None,
        until: str | None = None,
        actor: str | None = None,
        root: str | None = None,
        modality: str | None = None,
        doc: str | None = None,
        all: bool = False,
    ) -> Filters:
        """Filters from query-string values (blank ones are no filter); a BadParameter for a bad one."""
        values = {"since": since, "until": until, "actor": actor, "root": root, "modality": modality, "doc": doc}
        cleaned = {name: _blank_is_none(value) for name, value in values.items()}
        for name, value in cleaned.items():
            if value is not None and len(value) > _MAX_TEXT:
                raise BadParameter(f"{name} is {len(value)} characters long; at most {_MAX_TEXT} make sense")
        if cleaned["actor"] is not None:
            actor_key("actor", cleaned["actor"])
        if cleaned["root"] is not None:
            cameo_root(cleaned["root"])
        return cls(all=all, **cleaned)

    def query(
        self, policy: Policy, *, limit: int | None = None, offset: int = 0, cursor: str | None = None, doc: str | None = None
    ) -> EventQuery:
        """The store query (non-events left out unless asked for); dates and cursors are checked here."""
        try:
            return event_query(
                actor=self.actor, since=self.since, until=self.until, modality=self.modality, root=self.root,
                doc_id=doc if doc is not None else self.doc, limit=limit, offset=offset, cursor=cursor,
                all_modalities=self.all, policy=policy,
            )  # fmt: skip
        except DragomanError as exc:  # a malformed date or cursor, an unknown modality
            raise BadParameter(str(exc)) from exc

    def params(self, **extra: str | int | None) -> dict[str, str]:
        """The filters (and `extra` page parameters) as query-string values, the empty ones left out."""
        out: dict[str, str] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "all":
                if value:
                    out["all"] = "1"
            elif value is not None:
                out[f.name] = value
        out.update({k: str(v) for k, v in extra.items() if v is not None and v != ""})
        return out

    def query_string(self, **extra: str | int | None) -> str:
        """"?since=...&actor=..." (or "" with no filters): what links carry from page to page."""
        encoded = urlencode(self.params(**extra))
        return "?" + encoded if encoded else ""

    def without(self, *names: str) -> Filters:
        return replace(self, **{n: (False if n == "all" else None) for n in names})  # type: ignore[arg-type]

    def active(self) -> bool:
        return bool(self.params())

