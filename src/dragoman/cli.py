"""The command line: each command is a docstring with an example, then a library call.

Every error a user can cause (a missing file, bad input, a broken database)
ends as one line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from contextlib import ExitStack
from typing import TextIO

from .config import Settings
from .errors import DragomanError
from .coding.coder import NON_EVENTS
from .formats import FORMATS, show_actor, write_events
from .records import Document, Event


def _warn(message: str) -> None:
    print(f"dragoman: warning: {message}", file=sys.stderr)


def _output(stack: ExitStack, path: str | None) -> TextIO:
    if not path:
        return sys.stdout
    try:
        return stack.enter_context(open(path, "w", encoding="utf-8", newline=""))
    except OSError as exc:
        raise DragomanError(f"{path}: cannot write ({exc.strerror})") from None


def _read_all(paths: Sequence[str], settings: Settings, failures: list[str]) -> Iterator[Document]:
    """Documents of every path in turn; a path that cannot be read is reported and skipped."""
    from .ingest import read_path

    for path in paths:
        try:
            yield from read_path(path, max_doc_chars=settings.max_doc_chars, on_warning=_warn)
        except DragomanError as exc:
            print(f"dragoman: error: {exc}", file=sys.stderr)
            failures.append(path)


def cmd_code(args: argparse.Namespace) -> int:
    """Code reports into events.

    example: dragoman code report.txt --format jsonl --output events.jsonl
             dragoman code corpus.jsonl --db dragoman.db
    """
    from .pipeline import run
    from .store import open_store

    settings = Settings(
        n_process=args.n_process, batch_size=args.batch_size, actor_files=tuple(args.actors or ()), max_doc_chars=args.max_chars
    )
    failures: list[str] = []
    documents = _read_all(args.paths, settings, failures)
    n_docs = n_events = 0
    with ExitStack() as stack:
        store = stack.enter_context(open_store(args.db)) if args.db else None
        out = _output(stack, args.output) if (args.output or not store or args.format) else None
        collected: list[Event] = []
        for result in run(documents, settings):
            n_docs += 1
            events = result.events if args.all else result.acts()
            n_events += len(events)
            if store is not None:
                store.save(result.document, result.sentences, result.events)
            if out is not None:
                if (args.format or "table") == "table":
                    collected.extend(events)  # the table aligns its columns over all rows
                else:
                    write_events(events, args.format, out)
        if out is not None and (args.format or "table") == "table":
            write_events(collected, "table", out)
    if store is not None:
        print(f"dragoman: coded {n_docs} documents, {n_events} events into {args.db}", file=sys.stderr)
    if n_docs == 0 and failures:
        return 1
    return 1 if failures else 0


def cmd_events(args: argparse.Namespace) -> int:
    """List stored events, filtered.

    example: dragoman events --db dragoman.db --actor IRN --since 2025-03-01 --modality reported
    """
    from .store import EventQuery, open_store

    query = EventQuery(
        actor=args.actor, since=args.since, until=args.until, modality=args.modality,
        basis=args.basis, root=args.root, doc_id=args.doc, limit=args.limit,
    )  # fmt: skip
    with ExitStack() as stack:
        store = stack.enter_context(open_store(_existing_db(args.db)))
        shown = args.all or args.modality is not None  # asking for a modality shows it, non-events included
        events = (e for e in store.events(query) if shown or e.modality not in NON_EVENTS)
        write_events(events, args.format or "table", _output(stack, args.output))
    return 0


def cmd_sources(args: argparse.Namespace) -> int:
    """Say on whose word each document's events rest: one source, non-English sources only, or none.

    example: dragoman sources --db dragoman.db --list
    """
    import json

    from .analyse import summarize_sources
    from .store import EventQuery, open_store

    with open_store(_existing_db(args.db)) as store:
        summaries = summarize_sources(e for e in store.events(EventQuery(doc_id=args.doc)) if e.modality not in NON_EVENTS)
    for s in summaries:
        if args.format == "json":
            print(json.dumps(s.to_dict(), ensure_ascii=False))
            continue
        langs = ", ".join(f"{k} {v}" for k, v in s.languages.items()) or "none"
        print(f"{s.doc_id}: {s.events} events; {len(s.single_source)} on a single source, "
              f"{len(s.non_english_only)} on non-English sources only, {len(s.unsourced)} on none (cited languages: {langs})")
        if args.list:
            for label, group in (("single source", s.single_source), ("non-English only", s.non_english_only), ("no source", s.unsourced)):
                for e in group:
                    cites = ",".join(f"{c.key}:{c.language}" for c in e.citations) or "-"
                    print(f"  [{label}] {e.cameo} {show_actor(e.source)} -> {show_actor(e.target)} ({cites}) {e.sentence[:70]}")
    return 0


def _existing_db(path: str) -> str:
    import os

    if "://" not in path and not os.path.exists(path):
        raise DragomanError(f"{path}: no such database; create it with: dragoman code REPORT --db {path}")
    return path


def cmd_actors(args: argparse.Namespace) -> int:
    """Actor dictionaries: list unresolved names, or import a PETRARCH/Phoenix dictionary.

    example: dragoman actors --unresolved corpus.jsonl
             dragoman actors import Phoenix.Countries.actors.txt --output countries.yaml
    """
    from . import actors as actor_tools

    words = list(args.words)
    if words and words[0] == "import":
        if len(words) < 2:
            raise DragomanError("actors import: name a PETRARCH/Phoenix dictionary file")
        if args.output and len(words) > 2:
            raise DragomanError("actors import: --output takes one dictionary; import several without --output (each gets its own .yaml)")
        for path in words[1:]:
            result = actor_tools.import_phoenix(path)
            for line, text, reason in result.problems:
                _warn(f"{path}:{line}: {reason}: {text[:60]}")
            target = args.output or (path.rsplit(".", 1)[0] + ".yaml")
            actor_tools.export_yaml(result, target)
            counts = ", ".join(f"{n} {section}" for section, n in result.counts().items())
            print(f"{path}: {counts} written to {target}; {len(result.problems)} lines not read (listed above)")
        return 0
    if not args.unresolved:
        raise DragomanError("actors: say what to do: --unresolved REPORTS..., or: actors import FILE")
    from .pipeline import unresolved_names

    settings = Settings(n_process=args.n_process, actor_files=tuple(args.actors or ()))
    failures: list[str] = []
    for name, count in unresolved_names(_read_all(words, settings, failures), settings, limit=args.limit or 50):
        print(f"{count:6d}  {name}")
    return 1 if failures else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dragoman", description="Code reports of diplomatic crises into dated, sourced events.")
    sub = parser.add_subparsers(dest="command", required=True)

    code = sub.add_parser("code", help=cmd_code.__doc__.splitlines()[0], description=cmd_code.__doc__)  # type: ignore[union-attr]
    code.add_argument("paths", nargs="+", metavar="REPORT", help=".txt, .html or .jsonl (one document per line)")
    code.add_argument("--db", help="store documents and events in this SQLite file")
    code.add_argument("--format", choices=FORMATS, help="output format (default: table)")
    code.add_argument("--output", "-o", help="write events here instead of stdout")
    code.add_argument("--all", action="store_true", help="also list negated, hypothetical, denied and threatened acts")
    code.add_argument("--n-process", type=int, default=1, help="worker processes (default 1)")
    code.add_argument("--batch-size", type=int, default=64, help="texts per parser batch")
    code.add_argument("--actors", action="append", metavar="YAML", help="extra actor dictionary (repeatable)")
    code.add_argument("--max-chars", type=int, default=Settings().max_doc_chars, help="refuse a document longer than this (default 10,000,000)")
    code.set_defaults(func=cmd_code)

    ev = sub.add_parser("events", help=cmd_events.__doc__.splitlines()[0], description=cmd_events.__doc__)  # type: ignore[union-attr]
    ev.add_argument("--db", default="dragoman.db", help="SQLite file (default dragoman.db)")
    ev.add_argument("--actor", help="source or target code prefix or country, e.g. IRN or USAGOV")
    ev.add_argument("--since", help="ISO date, e.g. 2025-03-01")
    ev.add_argument("--until", help="ISO date")
    ev.add_argument("--modality", help="asserted, reported, claimed, conditional, planned, negated, ...")
    ev.add_argument("--basis", help="date basis: explicit, inherited, relative, citation, document")
    ev.add_argument("--root", help="CAMEO root, e.g. 13")
    ev.add_argument("--doc", help="one document id")
    ev.add_argument("--limit", type=int)
    ev.add_argument("--all", action="store_true", help="also list negated, hypothetical, denied and threatened acts")
    ev.add_argument("--format", choices=FORMATS)
    ev.add_argument("--output", "-o")
    ev.set_defaults(func=cmd_events)

    so = sub.add_parser("sources", help=cmd_sources.__doc__.splitlines()[0], description=cmd_sources.__doc__)  # type: ignore[union-attr]
    so.add_argument("--db", default="dragoman.db", help="SQLite file (default dragoman.db)")
    so.add_argument("--doc", help="one document id")
    so.add_argument("--list", action="store_true", help="list the events in each group")
    so.add_argument("--format", choices=["table", "json"], default="table")
    so.set_defaults(func=cmd_sources)

    ac = sub.add_parser("actors", help=cmd_actors.__doc__.splitlines()[0], description=cmd_actors.__doc__)  # type: ignore[union-attr]
    ac.add_argument("words", nargs="*", metavar="import FILE | REPORT", help="'import FILE...' converts PETRARCH/Phoenix dictionaries; with --unresolved, the reports to read")
    ac.add_argument("--unresolved", action="store_true", help="list the most frequent names no dictionary resolves")
    ac.add_argument("--output", "-o", help="YAML file to write (import)")
    ac.add_argument("--limit", type=int)
    ac.add_argument("--n-process", type=int, default=1)
    ac.add_argument("--actors", action="append", metavar="YAML")
    ac.set_defaults(func=cmd_actors)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except DragomanError as exc:
        print(f"dragoman: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("dragoman: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
