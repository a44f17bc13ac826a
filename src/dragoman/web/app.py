"""The web app: the dashboard's pages and their JSON twins, over one store, read-only.

    app = create_app(ServerSettings(db="dragoman.db"))    # then: uvicorn.run(app)

FastAPI (on Starlette) for routing, parameter checking and the OpenAPI schema
at /openapi.json; uvicorn serves it (`dragoman serve`). Each request opens the
store read-only with `dragoman.queries.open_existing` and closes it after, so
requests on different threads never share an SQLite connection, and a store
re-coded meanwhile is seen at once.

A shared server's safety:
- nothing writes: every route is a GET, and the store is opened read-only
  (SQLite itself refuses writes), so there is no token to guard writes with;
- no CORS unless origins are configured (`cors_origins`), and then GET only;
- pages are at most MAX_PAGE rows; each client gets `rate_limit` requests a
  minute (ratelimit.py);
- a bad parameter is a 400 and an unknown id, actor or document a 404, each
  with one line in `detail`; no error shows a stack trace;
- every script and style comes from the app (plotly.js from the plotly
  package's own files), and the Content-Security-Policy forbids any other
  origin, so the dashboard works offline and loads nothing from elsewhere.
"""

from __future__ import annotations

import os
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, FastAPI, Path, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import GZipMiddleware

from ..errors import DragomanError
from ..queries import open_existing
from ..store import EventStore
from ..store.base import MAX_ROWS
from ..version import __version__
from . import pages, schemas, views
from .record_list import LIST_LIMIT, record_list_page
from .html import path_quote
from .params import FILTER_NAMES, MAX_PAGE, BadParameter, Filters, NotFound, actor_key
from .ratelimit import RateLimit

__all__ = ["ServerSettings", "create_app", "store_label"]

DEFAULT_RATE_LIMIT = 600  # requests a minute from one client

_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)  # plotly.js sets inline styles on the elements it draws, hence 'unsafe-inline' for styles only


@dataclass(frozen=True, slots=True)
class ServerSettings:
    db: str  # a path or sqlite:/// URL of an existing store
    cors_origins: tuple[str, ...] = ()  # origins allowed to read the API from a browser; none by default
    rate_limit: int = DEFAULT_RATE_LIMIT  # requests a minute per client; 0 for no limit


# ---------------------------------------------------------------- parameters

Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"rows per page, 1 to {MAX_PAGE}")]
Offset = Annotated[int, Query(ge=0, le=MAX_ROWS, description="skip this many rows first (or use cursor)")]
RecordLimit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"documents per page (without doc), 1 to {MAX_PAGE}")]
Cursor = Annotated[str | None, Query(max_length=2000, description="a page's next_cursor, unchanged")]
ListLimit = Annotated[int | None, Query(ge=1, le=MAX_PAGE, description=f"documents per page, 1 to {MAX_PAGE} (default {LIST_LIMIT})")]
Party = Annotated[str | None, Query(max_length=200, description="only documents whose record involves this actor: a code or country in any case (IRN, usagov), "
                                    "or an actor's name as the record gives it, or its first words (Iran, united states); default: actor")]
Sort = Annotated[str, Query(pattern="^(items|doc)$", description="items: most items first, then by id; doc: by document id")]
Bin = Annotated[str, Query(pattern="^(day|week)$", description="day or week (weeks start on Monday)")]
Turns = Annotated[int, Query(ge=0, le=50, description="how many escalations and de-escalations to name")]


def _filters(
    since: Annotated[str | None, Query(max_length=200, description="ISO date, maybe partial: 2025, 2025-03, 2025-03-08")] = None,
    until: Annotated[str | None, Query(max_length=200, description="ISO date, maybe partial")] = None,
    actor: Annotated[str | None, Query(max_length=200, description="code prefix or country of source or target: IRN, USAGOV")] = None,
    root: Annotated[str | None, Query(max_length=200, description="CAMEO root, two digits: 13")] = None,
    modality: Annotated[str | None, Query(max_length=200, description="asserted, reported, ..., threatened (exact)")] = None,
    doc: Annotated[str | None, Query(max_length=200, description="one document id")] = None,
    all: Annotated[bool, Query(description="also the events that did not happen (negated, hypothetical, denied, threatened)")] = False,
) -> Filters:
    return Filters.parse(since=since, until=until, actor=actor, root=root, modality=modality, doc=doc, all=all)


FiltersDep = Annotated[Filters, Depends(_filters)]


def _pair(pair: str) -> tuple[str, str]:
    a, sep, b = pair.partition("-")
    if not sep:
        raise BadParameter(f"pair={pair!r}: write a pair as two actor codes with a hyphen, such as USA-IRN")
    return actor_key("pair", a), actor_key("pair", b)


def _with_query(path: str, request: Request, *, drop: tuple[str, ...] = ()) -> str:
    kept = [(k, v) for k, v in request.query_params.multi_items() if k not in drop and v != ""]
    return path + ("?" + urlencode(kept) if kept else "")


# ---------------------------------------------------------------- the app


def create_app(settings: ServerSettings, *, clock: Callable[[], float] = time.monotonic) -> FastAPI:
    """The app over `settings.db`; the store is checked now, so a bad path fails before serving."""
    open_existing(settings.db).close()
    cat = views.load_catalogue()
    store_name = store_label(settings.db)

    @contextmanager
    def store() -> Iterator[EventStore]:
        with open_existing(settings.db) as opened:
            yield opened

    app = FastAPI(
        title="dragoman",
        version=__version__,
        description="Coded events of diplomatic crises, read-only: events with their evidence, documents, "
        "pairs of actors and their trajectories, actors, and the diplomatic record (letters, demands, deadlines, channels, positions).",
        docs_url=None,  # the interactive docs pages load their scripts from a CDN: the schema is at /openapi.json
        redoc_url=None,
    )
    api = APIRouter(prefix="/api", tags=["api"], responses={"4XX": {"model": schemas.Problem, "description": "a bad parameter (400), an unknown id, actor or document (404), too many requests (429)"}})

    # ------------------------------------------------------------ JSON

    @api.get("/events", response_model=schemas.EventsOut, summary="Events, filtered and paged")
    def api_events(filters: FiltersDep, limit: Limit = 100, offset: Offset = 0, cursor: Cursor = None) -> Any:
        with store() as s:
            return views.events_view(s, cat, filters, limit=limit, offset=offset, cursor=cursor)

    @api.get("/events/{event_id}", response_model=schemas.EventDetailOut, summary="One event, its evidence and its document")
    def api_event(event_id: Annotated[str, Path(max_length=200)]) -> Any:
        with store() as s:
            return views.event_view(s, event_id)

    @api.get("/timeline", response_model=schemas.TimelineOut, summary="The timeline page: events grouped by date, and counts per day")
    def api_timeline(filters: FiltersDep, limit: Limit = 200, offset: Offset = 0, cursor: Cursor = None) -> Any:
        with store() as s:
            return views.timeline_view(s, cat, filters, limit=limit, offset=offset, cursor=cursor)

    @api.get("/documents", response_model=schemas.DocumentsOut, summary="Stored documents, by id, paged")
    def api_documents(limit: Limit = 100, offset: Offset = 0, cursor: Cursor = None) -> Any:
        with store() as s:
            return views.documents_view(s, limit=limit, offset=offset, cursor=cursor)

    @api.get("/documents/{doc_id:path}", response_model=schemas.DocumentOut, summary="A document's text with its events overlaid")
    def api_document(doc_id: Annotated[str, Path(max_length=200)], filters: FiltersDep) -> Any:
        with store() as s:
            return views.document_view(s, cat, doc_id, filters)

    @api.get("/dyads", response_model=schemas.DyadsOut, summary="Pairs of parties, most active first")
    def api_dyads(filters: FiltersDep, limit: Limit = 50, offset: Offset = 0) -> Any:
        with store() as s:
            return views.dyads_view(s, cat, filters, limit=limit, offset=offset)

    @api.get("/dyads/{a}/{b}/series", response_model=schemas.SeriesOut, summary="A pair's trajectory: Goldstein totals and counts per day or week")
    def api_series(a: Annotated[str, Path(max_length=200)], b: Annotated[str, Path(max_length=200)], filters: FiltersDep,
                   bin: Bin = "week", turning_points: Turns = 3) -> Any:  # fmt: skip
        with store() as s:
            return views.series_view(s, cat, filters, a, b, bin=bin, turning_points=turning_points)

    @api.get("/actors", response_model=schemas.ActorsOut, summary="Actors: how often, with whom; and unresolved names")
    def api_actors(filters: FiltersDep, limit: Limit = 200, offset: Offset = 0) -> Any:
        with store() as s:
            return views.actors_view(s, cat, filters, limit=limit, offset=offset)

    @api.get("/record", response_model=schemas.RecordOut, summary="The diplomatic record: communications, demands and offers, deadlines, channels, positions",
             description=schemas.RECORD_DESCRIPTION)  # fmt: skip
    def api_record(filters: FiltersDep, limit: RecordLimit = 20, offset: Offset = 0, cursor: Cursor = None) -> Any:
        with store() as s:
            return views.record_view(s, cat, filters, limit=limit, offset=offset, cursor=cursor)

    @api.get("/records", response_model=schemas.RecordsOut, summary="The documents that have a record, with how many items each part holds")
    def api_records(filters: FiltersDep, party: Party = None, sort: Sort = "items", limit: ListLimit = None, offset: Offset = 0) -> Any:
        with store() as s:
            return views.records_view(s, cat, filters, party=party, sort=sort, limit=limit or LIST_LIMIT, offset=offset)

    app.include_router(api)

    # ------------------------------------------------------------ pages

    def html(content: str) -> HTMLResponse:
        return HTMLResponse(content)

    @app.get("/", include_in_schema=False)
    def home(request: Request) -> Response:
        return RedirectResponse(_with_query("/timeline", request), status_code=307)

    @app.get("/timeline", include_in_schema=False)
    def timeline(request: Request, filters: FiltersDep, limit: Limit = 200, offset: Offset = 0, cursor: Cursor = None) -> Response:
        with store() as s:
            data = views.timeline_view(s, cat, filters, limit=limit, offset=offset, cursor=cursor)
        return html(pages.timeline_page(data, filters, cat, limit=limit, default_limit=200, cursor=cursor,
                                        twin=_with_query("/api/timeline", request), store_name=store_name))  # fmt: skip

    @app.get("/trajectory", include_in_schema=False)
    def trajectory(request: Request, filters: FiltersDep, pair: Annotated[str | None, Query(max_length=200)] = None,
                   bin: Bin = "week") -> Response:  # fmt: skip
        with store() as s:
            pairs = views.dyads_view(s, cat, filters, limit=50)
            chosen: tuple[str, str] | None = None
            if pair:
                chosen = _pair(pair)
            elif pairs["default"]:
                chosen = (pairs["default"]["a"], pairs["default"]["b"])
            data = views.series_view(s, cat, filters, *chosen, bin=bin) if chosen else None
        twin = _with_query(f"/api/dyads/{chosen[0]}/{chosen[1]}/series", request, drop=("pair",)) if chosen else _with_query("/api/dyads", request, drop=("pair", "bin"))
        return html(pages.trajectory_page(data, pairs["dyads"], filters, cat, bin=bin, twin=twin, store_name=store_name))

    @app.get("/record", include_in_schema=False)
    def record(request: Request, filters: FiltersDep, limit: ListLimit = None, offset: Offset = 0, cursor: Cursor = None,
               party: Party = None, sort: Sort = "items") -> Response:  # fmt: skip
        if filters.doc is None:  # the documents that have a record, to choose from
            with store() as s:
                found = views.records_view(s, cat, filters, party=party, sort=sort, limit=limit or LIST_LIMIT, offset=offset)
            return html(record_list_page(found, filters, cat, limit=limit or LIST_LIMIT, twin=_with_query("/api/records", request),
                                         store_name=store_name))  # fmt: skip
        limit = limit or 20
        with store() as s:
            data = views.record_view(s, cat, filters, limit=limit, offset=offset, cursor=cursor)
        return html(pages.record_page(data, filters, cat, limit=limit, default_limit=20, cursor=cursor,
                                      twin=_with_query("/api/record", request), store_name=store_name))  # fmt: skip

    @app.get("/actors", include_in_schema=False)
    def actors(request: Request, filters: FiltersDep, limit: Limit = 200, offset: Offset = 0) -> Response:
        with store() as s:
            data = views.actors_view(s, cat, filters, limit=limit, offset=offset)
        return html(pages.actors_page(data, filters, cat, twin=_with_query("/api/actors", request), store_name=store_name))

    @app.get("/documents", include_in_schema=False)
    def documents(request: Request, filters: FiltersDep, limit: Limit = 100, offset: Offset = 0, cursor: Cursor = None) -> Response:
        if filters.doc is not None:
            target = f"/documents/{path_quote(filters.doc)}" + filters.without("doc").query_string()
            return RedirectResponse(target, status_code=307)
        with store() as s:
            data = views.documents_view(s, limit=limit, offset=offset, cursor=cursor)
        return html(pages.documents_page(data, filters, cat, limit=limit, default_limit=100, cursor=cursor,
                                         twin=_with_query("/api/documents", request, drop=FILTER_NAMES), store_name=store_name))  # fmt: skip

    @app.get("/documents/{doc_id:path}", include_in_schema=False)
    def document(request: Request, doc_id: Annotated[str, Path(max_length=200)], filters: FiltersDep) -> Response:
        with store() as s:
            data = views.document_view(s, cat, doc_id, filters)
        twin = _with_query(f"/api/documents/{path_quote(doc_id)}", request)
        return html(pages.document_page(data, filters.without("doc"), cat, twin=twin, store_name=store_name))

    @app.get("/events/{event_id}", include_in_schema=False)
    def event(request: Request, event_id: Annotated[str, Path(max_length=200)], filters: FiltersDep) -> Response:
        with store() as s:
            data = views.event_view(s, event_id)
        return html(pages.event_page(data, filters, cat, twin=f"/api/events/{path_quote(event_id)}", store_name=store_name))

    # ------------------------------------------------------------ scripts and styles, all served here

    plotly_js = _plotly_js()

    @app.get("/static/plotly.min.js", include_in_schema=False)
    def plotly() -> Response:
        if plotly_js is None:
            raise NotFound("plotly.js is not installed: pip install 'dragoman[web]' (the charts need it)")
        return FileResponse(plotly_js, media_type="text/javascript")

    app.mount("/static", StaticFiles(directory=str(resources.files(__package__).joinpath("static"))), name="static")

    _add_error_handlers(app, cat, store_name)
    _add_middleware(app, settings, clock)
    return app


def store_label(db: str) -> str:
    """How pages and logs name the store: a file's name, or only a URL's scheme (the rest may hold a password)."""
    if "://" in db:
        scheme = db.partition("://")[0]
        return f"{scheme}://..." if scheme.lower() != "sqlite" else os.path.basename(db.rstrip("/")) or db
    return os.path.basename(db.rstrip("/")) or db


def _plotly_js() -> str | None:
    """The plotly.js the plotly package ships (MIT), or None when plotly is not installed."""
    try:
        path = resources.files("plotly").joinpath("package_data", "plotly.min.js")
    except ModuleNotFoundError:
        return None
    return str(path) if path.is_file() else None


# ---------------------------------------------------------------- errors


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def _add_error_handlers(app: FastAPI, cat: views.Catalogue, store_name: str) -> None:
    def respond(request: Request, status: int, message: str) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": message}, status_code=status)
        try:
            q = request.query_params
            filters = Filters.parse(since=q.get("since"), until=q.get("until"), actor=q.get("actor"), root=q.get("root"),
                                    modality=q.get("modality"), doc=q.get("doc"))  # fmt: skip
        except DragomanError:
            filters = Filters()
        return HTMLResponse(pages.error_page(status, message, filters, cat, store_name=store_name), status_code=status)

    async def bad_parameter(request: Request, exc: Exception) -> Response:
        return respond(request, 400, str(exc))

    async def not_found(request: Request, exc: Exception) -> Response:
        return respond(request, 404, str(exc))

    async def store_failure(request: Request, exc: Exception) -> Response:
        return respond(request, 503, f"the store cannot be read: {exc}")

    async def invalid(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return respond(request, 400, "; ".join(_validation_message(e) for e in exc.errors()))

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        messages = {404: f"no page or API route {request.url.path}", 405: f"{request.method} is not allowed here: this server only reads (use GET)"}
        return respond(request, exc.status_code, messages.get(exc.status_code, str(exc.detail)))

    async def crash(request: Request, exc: Exception) -> Response:
        return respond(request, 500, "internal error: the server could not answer this request (it has been logged)")

    app.add_exception_handler(BadParameter, bad_parameter)
    app.add_exception_handler(NotFound, not_found)
    app.add_exception_handler(DragomanError, store_failure)  # what remains: the store failed
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(Exception, crash)


def _validation_message(error: Any) -> str:
    location = [str(part) for part in error.get("loc", ()) if part not in ("query", "path")]
    name = ".".join(location) or "request"
    value = error.get("input")
    shown = repr(value) if isinstance(value, (str, int, float)) else None
    if shown is not None and len(shown) > 40:
        shown = shown[:37] + "..."
    message = str(error.get("msg", "invalid")).replace("Input should", "should")
    return f"{name}={shown}: {message}" if shown is not None else f"{name}: {message}"


# ---------------------------------------------------------------- middleware


def _add_middleware(app: FastAPI, settings: ServerSettings, clock: Callable[[], float]) -> None:
    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", _CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("X-Frame-Options", "DENY")
        if request.url.path.startswith("/static/"):
            response.headers.setdefault("Cache-Control", "public, max-age=3600")
        return response

    app.add_middleware(GZipMiddleware, minimum_size=1024)
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=list(settings.cors_origins), allow_methods=["GET"], allow_credentials=False)
    if settings.rate_limit:
        app.add_middleware(RateLimit, per_minute=settings.rate_limit, clock=clock)  # outermost: refused requests cost least
