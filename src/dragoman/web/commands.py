"""Commands the web layer adds to the command line (`dragoman serve`, `dragoman plot`).

`add_commands(sub, command)` is called by cli.build_parser with the
subparsers object and cli's helper that makes a subcommand from a handler.
Nothing heavy is imported here: handlers import the web framework when run.
"""

from __future__ import annotations

import argparse
import ipaddress
import socket
import sys
from collections.abc import Callable
from typing import Any

from ..argtypes import whole_number
from ..errors import DragomanError, UsageError, clip

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def _missing_web(exc: ImportError) -> UsageError:
    return UsageError(f"the web commands need the web extras ({exc.name} is missing): pip install 'dragoman[web]'")


def _filters(args: argparse.Namespace) -> Any:
    from .params import Filters

    return Filters.parse(since=args.since, until=args.until, root=args.root, modality=args.modality, doc=args.doc, all=args.all)


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the dashboard and its JSON API over a store, read-only (Ctrl-C stops).

    example: dragoman serve --db dragoman.db            # then open http://127.0.0.1:8000/
             dragoman serve --db dragoman.db --port 8080 --cors-origin https://notebook.example.org

    Binds to 127.0.0.1 (this machine only) unless --host says otherwise. Each
    client may make --rate-limit requests a minute (0: no limit); a client is
    the address that connects, or, behind a reverse proxy named with
    --trust-proxy, the one its X-Forwarded-For gives (from no one else). The
    API is described at /openapi.json.
    """
    try:
        import uvicorn

        from .app import ServerSettings, create_app, store_label
    except ImportError as exc:
        raise _missing_web(exc) from None
    settings = ServerSettings(db=args.db, cors_origins=tuple(args.cors_origin or ()), rate_limit=args.rate_limit)
    app = create_app(settings)  # a store that cannot be read fails here, as one line
    listener = _listen(args.host, args.port)
    shown = f"[{args.host}]" if ":" in args.host else args.host
    if not _is_loopback(args.host):
        print(f"dragoman: warning: listening on {args.host}: anyone who can reach this machine can read the store",
              file=sys.stderr)  # fmt: skip
    if not args.quiet:
        shown_db = args.db if "://" not in args.db else store_label(args.db)
        print(f"dragoman: serving {shown_db} (read-only) at http://{shown}:{listener.getsockname()[1]}/ ; Ctrl-C stops",
              file=sys.stderr, flush=True)  # fmt: skip
    # A client's address is the connection's: X-Forwarded-For only from a --trust-proxy (uvicorn
    # otherwise trusts it from 127.0.0.1, so anyone on this machine could reset their rate limit)
    trusted = ",".join(args.trust_proxy or ())
    config = uvicorn.Config(app, log_level="warning" if args.quiet else "info", server_header=False, access_log=not args.quiet,
                            proxy_headers=bool(trusted), forwarded_allow_ips=trusted or None)  # fmt: skip
    uvicorn.Server(config).run(sockets=[listener])
    return 0


def _listen(host: str, port: int) -> socket.socket:
    """A listening socket, made here so that a port in use is one clear line, not a server log."""
    try:
        info = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise UsageError(f"--host {host}: not an address of this machine ({exc.strerror})") from None
    family, kind, proto, _, address = info[0]
    listener = socket.socket(family, kind, proto)
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(address)
        listener.listen(128)
    except OSError as exc:
        listener.close()
        raise DragomanError(f"{host}:{port}: cannot listen ({exc.strerror}); choose another --port") from None
    listener.set_inheritable(True)
    return listener


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def cmd_plot(args: argparse.Namespace) -> int:
    """Draw a pair's trajectory (Goldstein totals and counts, both directions) as an image.

    example: dragoman plot --dyad USA-IRN --db dragoman.db -o trajectory.png
             dragoman plot --dyad USAGOV-IRNGOV --db dragoman.db --bin day --since 2025-03 -o talks.svg --force

    The extension of -o chooses PNG, SVG or PDF. An existing file is kept
    unless --force; the image is written to a temporary file and moved into
    place, so a reader never sees half an image (a device such as /dev/null
    is written into; the store and its -wal, -shm and -journal are refused).
    """
    try:
        import matplotlib  # noqa: F401  (only to say clearly when it is missing)
    except ImportError as exc:
        raise _missing_web(exc) from None
    from ..outputs import check_output
    from ..queries import open_existing
    from ..store import sqlite_path
    from .params import actor_key
    from .plot import write_trajectory
    from .views import load_catalogue, series_view

    a, sep, b = args.dyad.partition("-")
    if not sep:
        raise UsageError(f"--dyad {args.dyad}: give two actor codes with a hyphen, such as USA-IRN")
    actor_key("--dyad", a)
    actor_key("--dyad", b)
    stores = [path for path in [sqlite_path(args.db)] if path]
    check_output(args.output, force=args.force, stores=stores)  # before reading anything
    with open_existing(args.db) as store:
        series = series_view(store, load_catalogue(), _filters(args), a, b, bin=args.bin)
    write_trajectory(series, args.output, force=args.force, stores=stores)
    if not args.quiet:
        print(f"dragoman: {a}-{b}: {len(series['periods'])} {args.bin}s, "
              f"{series['a_to_b']['count'] + series['b_to_a']['count']} events, drawn in {args.output}", file=sys.stderr)  # fmt: skip
    return 0


def _proxy(value: str) -> str:
    """An argparse type: an IP address or network, as uvicorn's forwarded_allow_ips takes them."""
    try:
        ipaddress.ip_network(value, strict=False)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{clip(value)} is not an IP address or network (10.0.0.5, 10.0.0.0/8)") from None
    return value


_port = whole_number(1, 65535, not_a="a port number", out_of_range="give 1 to 65535")
_per_minute = whole_number(0, 1_000_000, not_a="a whole number of requests", out_of_range="give 0 (no limit) to 1,000,000")


def add_commands(sub: Any, command: Callable[..., Any]) -> None:
    """Add `serve` and `plot` to the command line."""
    serve = command(sub, "serve", cmd_serve)
    serve.add_argument("--db", default="dragoman.db", help="the event store: an SQLite file or sqlite:/// URL (default dragoman.db)")
    serve.add_argument("--host", default=DEFAULT_HOST, help=f"address to listen on (default {DEFAULT_HOST}: this machine only)")
    serve.add_argument("--port", type=_port, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})")
    serve.add_argument("--cors-origin", action="append", metavar="ORIGIN",
                       help="let pages from this origin read the API (repeatable; default: none)")  # fmt: skip
    serve.add_argument("--rate-limit", type=_per_minute, default=600, metavar="N",
                       help="requests a minute from one client (default 600; 0: no limit)")  # fmt: skip
    serve.add_argument("--trust-proxy", action="append", type=_proxy, metavar="ADDRESS",
                       help="a reverse proxy (an address or network: 10.0.0.5, 10.0.0.0/8) whose X-Forwarded-For names the client "
                            "(repeatable; default: none, every client is the address that connects)")  # fmt: skip
    serve.add_argument("-q", "--quiet", action="store_true", help="no request log and no start-up line")

    plot = command(sub, "plot", cmd_plot)
    plot.add_argument("--dyad", required=True, metavar="A-B", help="the pair: two actor codes or countries, e.g. USA-IRN")
    plot.add_argument("--db", default="dragoman.db", help="the event store (default dragoman.db)")
    plot.add_argument("-o", "--output", required=True, metavar="FILE", help="the image: .png, .svg or .pdf")
    plot.add_argument("--bin", choices=["day", "week"], default="week", help="one bar per day or per week (default week)")
    plot.add_argument("--since", metavar="DATE", help="ISO date, maybe partial: 2025, 2025-03, 2025-03-01")
    plot.add_argument("--until", metavar="DATE", help="ISO date, maybe partial")
    plot.add_argument("--root", help="CAMEO root, e.g. 13")
    plot.add_argument("--modality", help="only events of this modality")
    plot.add_argument("--doc", metavar="ID", help="one document id")
    plot.add_argument("--all", action="store_true", help="also the events that did not happen")
    plot.add_argument("--force", action="store_true", help="replace an existing output file")
    plot.add_argument("-q", "--quiet", action="store_true", help="no summary line on stderr")
