"""The command line: each command is a docstring with an example, then a library call.

Every error a user can cause (a missing file, bad input, a broken database, a
value no run can use) ends as one line on stderr and a non-zero exit, never
a traceback. Long runs show progress on stderr when it is a terminal (`-q`
silences it); results go to stdout or `--output`.
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from .config import Settings
from .errors import DragomanError, EngineError, OutputError, UsageError, clip, clip_line
from .formats import FORMATS, PROFILE_FORMATS, EventWriter, show_actor
from .happenings.commands import add_commands as add_happening_commands
from .argtypes import whole_number
from .version import __version__
from .web.commands import add_commands as add_web_commands

if TYPE_CHECKING:
    from .ingest import Fields, Source
    from .parquet import ParquetEventWriter
    from .records import Document
    from .service import Dragoman
    from .state import DocumentResult

Handler = Callable[[argparse.Namespace], int]


def _say(message: str) -> None:
    """One line on stderr, however long the values in it (errors.clip_line)."""
    print(f"dragoman: {clip_line(message)}", file=sys.stderr)


def _warn(message: str) -> None:
    _say(f"warning: {message}")


def _note(args: argparse.Namespace, message: str) -> None:
    if not getattr(args, "quiet", False):
        _say(message)


def _output(stack: ExitStack, path: str | None, args: argparse.Namespace) -> TextIO:
    """stdout, or the file `path`: never one of the command's inputs, an existing file only
    with --force, and replaced whole when the command ends (see dragoman.outputs)."""
    if not path:
        from .process import CLOSED_STDOUT, stdout_closed

        if stdout_closed():  # refused before anything is coded or stored
            raise OutputError(CLOSED_STDOUT)
        return sys.stdout
    from .outputs import open_output

    return stack.enter_context(open_output(path, inputs=_inputs(args), force=args.force, stores=_stores(args)))


def _writer(
    stack: ExitStack, args: argparse.Namespace, documents: Callable[[str], Document | None] | None = None
) -> EventWriter | ParquetEventWriter:
    """The events' writer for --format, --columns and --output (Parquet to a file only)."""
    from .profiles import load_profile

    profile = load_profile(args.columns) if args.columns else None
    if args.format == "parquet":
        from .outputs import output_path
        from .parquet import ParquetEventWriter

        path = stack.enter_context(output_path(args.output, inputs=_inputs(args), force=args.force, stores=_stores(args)))
        return stack.enter_context(ParquetEventWriter(path, profile, documents))
    return EventWriter(args.format or "table", _output(stack, args.output, args), profile, documents, formulas=args.keep_formulas)


def _check_export(args: argparse.Namespace) -> str | None:
    """A usage mistake in --format, --columns and --output, or None."""
    if args.format == "parquet" and not args.output:
        return "--format parquet writes a file: give --output FILE (Parquet cannot go to stdout)"
    if args.columns and args.format not in PROFILE_FORMATS:
        return f"--columns {args.columns} is for --format {', '.join(PROFILE_FORMATS)}"
    return None


def _check_store(args: argparse.Namespace) -> str | None:
    """An in-memory store would be thrown away, with all it was given, when the command ends."""
    from .store import sqlite_path
    from .store.sqlite import MEMORY

    if args.db and sqlite_path(args.db) == MEMORY:
        return (f"--db {args.db}: an in-memory store is thrown away when the command ends; "
                "give a file (--db events.db), or leave out --db to print the events")  # fmt: skip
    return None


def _check_recode(args: argparse.Namespace) -> str | None:
    if args.recode and not args.db:
        return "--recode is for --db (without a store every document is coded anyway)"
    return None


def _check_output(args: argparse.Namespace) -> None:
    """Refuse a bad --output before anything is read or written."""
    if args.output:
        from .outputs import check_output

        check_output(args.output, _inputs(args), force=args.force, stores=_stores(args))


def _inputs(args: argparse.Namespace) -> list[str]:
    """Every file the command reads (reports, dictionaries, the database): no output may be one.

    Reports as named and as expanded (every file of a folder or a pattern: `_sources`)."""
    names = [*(getattr(args, "paths", None) or ()), *(getattr(args, "files", None) or ())]
    names += [source.path for source in getattr(args, "sources", None) or () if source.path is not None]
    for option in ("actors", "verbs", "discards"):
        names += getattr(args, option, None) or ()
    return names


def _stores(args: argparse.Namespace) -> list[str]:
    """The SQLite file of --db, if any: neither it nor the files SQLite keeps beside it may be an output."""
    from .store import sqlite_path
    from .store.sqlite import MEMORY

    db = getattr(args, "db", None)
    path = sqlite_path(db) if db else None
    return [path] if path and path != MEMORY else []


def _quiet_stdout() -> None:
    """After a failed write to stdout, send what is still buffered nowhere (not a second error at exit)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


# ---------------------------------------------------------------- argument types


def _count(what: str, most: int = 2**62) -> Callable[[str], int]:
    """An argparse type: a whole number of `what` from 1 to `most`."""
    return whole_number(1, most, not_a=f"a whole number of {what}", out_of_range=f"give 1 to {most:,} {what}")


_limit = whole_number(0, 1_000_000_000)


# ---------------------------------------------------------------- reading inputs


def _sources(args: argparse.Namespace, paths: Sequence[str]) -> list[Source]:
    """The inputs the paths name (folders and patterns expanded, "-" standard input), kept on
    `args` so that no output can be one of them."""
    from .ingest import expand_inputs

    args.sources = expand_inputs(paths, input_format=getattr(args, "input_format", None), on_warning=_warn)
    return list(args.sources)


def _fields(args: argparse.Namespace) -> Fields:
    from .ingest import Fields

    return Fields.mapping(**{role: getattr(args, f"{role}_field", None) for role in _FIELD_ROLES})


def _read_all(nlp: Dragoman, sources: Sequence[Source], failures: list[str], fields: Fields | None = None) -> Iterator[Document]:
    """Documents of every input in turn; an input that cannot be read is reported and skipped."""
    from .ingest import DEFAULT_FIELDS

    for source in sources:
        try:
            yield from nlp.read_source(source, on_warning=_warn, fields=fields or DEFAULT_FIELDS)
        except DragomanError as exc:
            _say(f"error: {exc}")
            failures.append(source.name)


class _Progress:
    """Documents, events, rate and ETA on stderr while a run goes on (tqdm), only on a terminal."""

    def __init__(self, enabled: bool, total: int | None) -> None:
        self.bar: Any = None
        self.events = 0
        if enabled and sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="doc", file=sys.stderr, dynamic_ncols=True, leave=False)

    def __call__(self, result: DocumentResult) -> None:
        if self.bar is not None:
            self.events += len(result.events)
            self.bar.set_postfix_str(f"{self.events:,} events", refresh=False)
            self.bar.update(1)

    def skipped(self) -> None:
        if self.bar is not None:
            self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


# ---------------------------------------------------------------- commands


def _settings(args: argparse.Namespace) -> Settings:
    return Settings(
        n_process=args.n_process or (2 if args.engine == "dask" else 1),
        runner=args.engine,
        scheduler=args.scheduler,
        batch_size=args.batch_size,
        actor_files=tuple(args.actors or ()),
        agent_files=tuple(args.agents or ()),
        verb_files=tuple(args.verbs or ()),
        discard_files=tuple(args.discards or ()),
        builtin=not args.no_builtin,
        prefilter=not args.no_prefilter,
        max_doc_chars=getattr(args, "max_chars", Settings().max_doc_chars),
    )


def _load(args: argparse.Namespace) -> Dragoman:
    """The pipeline for a coding command; the lines its dictionaries could not use are warnings.
    The model loads when the first document needs it (a finished rerun never loads it)."""
    from .service import load

    nlp = load(_settings(args), model=False)
    for problem in nlp.knowledge.problems:
        if not args.quiet:
            _warn(problem)
    return nlp


def cmd_code(args: argparse.Namespace) -> int:
    """Code reports into events.

    REPORT is a file (.txt, .html, .jsonl, .csv, .parquet; maybe .gz, .bz2 or .zst), a
    folder (every such file in it), a pattern ('corpus/**/*.jsonl') or - (standard input).
    With --db, a document stored from the same input and coded the same way is skipped.

    example: dragoman code report.txt --format jsonl --output events.jsonl
             dragoman code corpus/ --db dragoman.db
             dragoman code news.csv.gz --text-field body --id-field url --date-field published --db dragoman.db
    """
    from .ingest import expected_documents
    from .service import code_into
    from .store import open_store

    sources = _sources(args, args.paths)
    _check_output(args)
    nlp = _load(args)
    failures: list[str] = []
    progress = _Progress(not args.quiet, expected_documents(sources))
    with ExitStack() as stack:
        stack.callback(progress.close)
        store = stack.enter_context(open_store(args.db)) if args.db else None
        writer = _writer(stack, args) if (args.output or not store or args.format) else None

        done = [0, 0]  # documents coded (and stored) so far, and skipped as already stored

        def on_result(result: DocumentResult) -> None:
            done[0] += 1
            if writer is not None:
                writer.write(_in_order(result.events if args.all else result.acts()), result.document)
            progress(result)

        def on_skipped(document: Document) -> None:
            done[1] += 1
            if writer is not None and store is not None:
                writer.write(_stored_events(store, nlp, document.doc_id, args.all), document)
            progress.skipped()

        try:
            summary = code_into(
                store, _read_all(nlp, sources, failures, _fields(args)), nlp,
                on_result=on_result, on_warning=_warn, on_skipped=on_skipped, recode=args.recode,
            )  # fmt: skip
        except EngineError as exc:  # a worker lost: say what is safe, and how to finish
            raise EngineError(f"{exc}. {_saved(args, done[0], done[1])}") from None
        if writer is not None:
            writer.finish()
    shown = summary.events if args.all else summary.acts
    skipped = f"; {summary.skipped} already coded, skipped (--recode codes them again)" if summary.skipped else ""
    if store is not None:
        _note(args, f"coded {summary.documents} documents, {shown} events into {_without_password(args.db)}{skipped}")
    elif shown == 0 and summary.documents:
        _note(args, f"coded {summary.documents} documents: 0 events")
    return 1 if failures else 0


def _saved(args: argparse.Namespace, coded: int, skipped: int) -> str:
    """What a run that stopped half-way leaves behind, and how to finish it."""
    if not args.db:
        return f"{coded} documents were coded before it stopped, and none stored (no --db); run it again"
    before = f" ({skipped} were stored before this run)" if skipped else ""
    again = "the same command without --recode" if args.recode else "the same command again"
    return f"{coded} documents were coded and stored in {_without_password(args.db)} before it stopped{before}; {again} codes the rest"


def _stored_events(store: Any, nlp: Dragoman, doc_id: str, everything: bool) -> list[Any]:
    """A skipped document's stored events, in the order a run writes them."""
    from .service import acts_query
    from .store import EventQuery

    query = EventQuery(doc_id=doc_id)
    if not everything:
        query = acts_query(query, nlp.knowledge.policy)
    return _in_order(store.events(query))


def _in_order(events: Iterable[Any]) -> list[Any]:
    """A document's events as `code` writes them, coded now or read back from a store: by
    sentence, then where the trigger stands, then event id (a total order, so a rerun that
    skips a stored document writes what the first run wrote)."""
    return sorted(events, key=lambda event: (event.sentence_index, tuple(event.trigger_span), event.event_id))


def _without_password(url: str) -> str:
    """A store URL fit to print: a password in it becomes ***."""
    from urllib.parse import urlsplit, urlunsplit

    if "://" not in url:
        return url
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username or ''}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def cmd_events(args: argparse.Namespace) -> int:
    """List stored events, filtered (all filters combine).

    example: dragoman events --db dragoman.db --actor IRN --since 2025-03-01 --modality reported
    """
    from .queries import event_query, open_existing

    _check_output(args)
    with ExitStack() as stack:
        store = stack.enter_context(open_existing(args.db))
        query = event_query(
            actor=args.actor, since=args.since, until=args.until, modality=args.modality, basis=args.basis,
            root=args.root, doc_id=args.doc, limit=args.limit, offset=args.offset, all_modalities=args.all,
        )  # fmt: skip
        documents = None
        if args.columns:
            from .profiles import store_documents

            documents = store_documents(store)
        writer = _writer(stack, args, documents)
        writer.write(store.events(query))
        writer.finish()
    if writer.count == 0:
        _note(args, "0 events match")
    return 0


def cmd_sources(args: argparse.Namespace) -> int:
    """Say on whose word each document's events rest: one source, non-English sources only, or none.

    example: dragoman sources --db dragoman.db --list
    """
    import json

    from .analyse import summarize_sources
    from .queries import event_query, open_existing

    with open_existing(args.db) as store:
        summaries = summarize_sources(store.events(event_query(doc_id=args.doc)))
    if not summaries:
        _note(args, "0 events match")
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


def cmd_actors_import(args: argparse.Namespace) -> int:
    """Convert PETRARCH/Phoenix actor or agent dictionaries into dragoman's YAML.

    example: dragoman actors import Phoenix.Countries.actors.txt --output countries.yaml
    """
    from pathlib import Path

    from .actors import export_yaml, import_phoenix
    from .outputs import check_output, output_path

    if args.output and len(args.files) > 1:
        raise UsageError("actors import: --output takes one dictionary; import several without --output (each gets its own .yaml)")
    targets = {path: args.output or str(Path(path).with_suffix(".yaml")) for path in args.files}
    written: dict[str, str] = {}
    for path, target in targets.items():  # every output checked before any input is read
        if target in written:
            raise UsageError(f"actors import: {written[target]} and {path} would both be written to {target}; import one of them with --output")
        written[target] = path
        check_output(target, args.files, force=args.force)
    for path, target in targets.items():
        result = import_phoenix(path)
        for line, text, reason in result.problems:
            _warn(f"{path}:{line}: {reason}: {text[:60]}")
        with output_path(target, inputs=args.files, force=args.force) as temporary:
            export_yaml(result, temporary)
        counts = ", ".join(f"{n} {section}" for section, n in result.counts().items())
        print(f"{path}: {counts} written to {target}; {len(result.problems)} lines not read (listed above)")
    return 0


def cmd_actors_unresolved(args: argparse.Namespace) -> int:
    """List the most frequent names in reports that no actor dictionary resolves.

    example: dragoman actors unresolved corpus.jsonl --actors mine.yaml --limit 30
    """
    from .service import unresolved_names

    sources = _sources(args, args.reports)
    nlp = _load(args)
    failures: list[str] = []
    for name, count in unresolved_names(_read_all(nlp, sources, failures, _fields(args)), nlp, limit=args.limit):
        print(f"{count:6d}  {name}")
    return 1 if failures else 0


def cmd_record(args: argparse.Namespace) -> int:
    """Print the diplomatic record, or list the documents of a store that have one.

    REPORT_OR_DB is a report to code (.txt, .html, .jsonl) or a store (an SQLite file or a
    URL, also given as --db). Of a store, --doc prints one document's record; without it, the
    documents with a record are listed with how many items each part holds, most items
    first (--sort doc: by id), only those involving --party if given (a code or country in
    any case, or an actor's name), --limit and --offset at a time; --format text, json or
    markdown prints those documents' records instead of the list. json is one object per
    document (docs/record.md).

    example: dragoman record ../shared/corpus/seed-article.txt --format markdown
             dragoman record --db dragoman.db --party iran --limit 20
             dragoman record --db dragoman.db --doc seed-article --format json
    """
    from .record.service import is_store

    source = args.db or args.source or "dragoman.db"
    if is_store(source):
        return _stored_record(args, source) if args.doc is not None else _record_list(args, source)
    if _listing_options(args) or args.format in LIST_FORMATS:
        raise UsageError(f"record: {source} is a report to code; --format table/jsonl/csv/tsv, --party, --sort, "
                         "--limit and --offset list the documents of a store (dragoman record --db DB)")  # fmt: skip
    nlp = _load(args)
    failures: list[str] = []
    found = False
    for result in nlp.pipe(_read_all(nlp, _sources(args, [source]), failures)):
        if args.doc is None or result.document.doc_id == args.doc:
            found = True
            _show_record(result.record, args.format, result.document.title)
    if args.doc is not None and not found and not failures:
        raise UsageError(f"record: {source} has no document {clip(args.doc)}")
    return 1 if failures else 0


def _show_record(record: Any, fmt: str | None, title: str | None) -> None:
    import json

    from .record.brief import brief

    if fmt == "json":
        print(json.dumps(record.to_dict(), ensure_ascii=False))
    else:
        print(brief(record, fmt or "text", title=title))


def _stored_record(args: argparse.Namespace, db: str) -> int:
    from .queries import open_existing
    from .record.service import stored_records

    with open_existing(db) as store:
        for record in stored_records(store, args.doc):
            _show_record(record, args.format, None)
    return 0


def _record_list(args: argparse.Namespace, db: str) -> int:
    """The documents with a record as a list (table, jsonl, csv, tsv), or their records (text, json, markdown)."""
    from .queries import open_existing
    from .record.listing import write_listing
    from .record.service import list_records
    from .store import RecordQuery

    query = RecordQuery(party=args.party, sort=args.sort or "items", offset=args.offset, limit=args.limit)
    with open_existing(db) as store:
        listing = list_records(store, query)
        if args.format in LIST_FORMATS or args.format is None:
            write_listing(listing, args.format or "table", sys.stdout)
        else:
            for summary in listing.documents:
                found = store.record(summary.doc_id)
                if found is not None:
                    _show_record(found, args.format, summary.title)
    if listing.message:
        _note(args, listing.message)
    elif len(listing.documents) < listing.total:
        first, last = args.offset + 1, args.offset + len(listing.documents)
        shown = "none" if not listing.documents else str(first) if first == last else f"{first} to {last}"
        _note(args, f"{listing.total} documents have a record{_involving(args)}; shown: {shown} (--limit, --offset for others)")
    return 0


def _involving(args: argparse.Namespace) -> str:
    return f" involving {clip(args.party)}" if args.party else ""


def _listing_options(args: argparse.Namespace) -> list[str]:
    """The options that choose which documents a store lists, as given."""
    given = [("--party", args.party is not None), ("--sort", args.sort is not None),
             ("--limit", args.limit is not None), ("--offset", bool(args.offset))]  # fmt: skip
    return [name for name, on in given if on]


def _check_record(args: argparse.Namespace) -> str | None:
    if args.source and args.db:
        return f"give a report or a store ({args.source}) or --db {args.db}, not both"
    if args.doc is not None and args.format in LIST_FORMATS:
        return f"--format {args.format} lists documents; one document's record (--doc) prints as text, json or markdown"
    if args.doc is not None and _listing_options(args):
        given = _listing_options(args)
        return f"{' and '.join(given)} {'choose' if len(given) > 1 else 'chooses'} the documents to list; --doc names one"
    return None


# ---------------------------------------------------------------- the parser


class _Parser(argparse.ArgumentParser):
    """argparse, with a usage mistake reported as one line (and exit status 2) like every other error."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"dragoman: error: {self.prog}: {message} (see: {self.prog} --help)\n")


def _command(sub: Any, name: str, handler: Handler) -> argparse.ArgumentParser:
    """A subcommand whose help is its handler's docstring (first line in the list, all of it in --help)."""
    doc = handler.__doc__ or ""
    parser: argparse.ArgumentParser = sub.add_parser(
        name, help=doc.splitlines()[0], description=doc, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.set_defaults(func=handler)
    return parser


def _coding_options(parser: argparse.ArgumentParser) -> None:
    """The options of every command that codes reports."""
    parser.add_argument("--n-process", type=_count("processes", 256), metavar="N", help="worker processes (default 1; with --engine dask, 2 local workers)")
    parser.add_argument("--engine", choices=ENGINES, help="how documents are run: serial, processes (the default with --n-process > 1) or dask")
    parser.add_argument("--scheduler", metavar="ADDRESS", help="with --engine dask: the scheduler, e.g. tcp://host:8786 (default: a local cluster of --n-process workers)")
    _usage_check(parser, _check_engine)
    parser.add_argument("--batch-size", type=_count("texts", 100_000), default=64, metavar="N", help="texts per parser batch (default 64)")
    parser.add_argument("--actors", action="append", metavar="FILE", help="an actor dictionary (dragoman YAML or PETRARCH/Phoenix), layered over the built-in ones (repeatable)")
    parser.add_argument("--agents", action="append", metavar="FILE", help="an agent dictionary (sector words: PETRARCH/Phoenix or dragoman YAML; repeatable)")
    parser.add_argument("--verbs", action="append", metavar="FILE", help="a verb dictionary (PETRARCH/TABARI or dragoman YAML), tried before the built-in ones (repeatable)")
    parser.add_argument("--discards", action="append", metavar="FILE", help="a discard list (PETRARCH format or dragoman YAML; repeatable)")
    parser.add_argument("--no-builtin", action="store_true", help="use only the dictionaries given (the CAMEO table, grammar and policy stay)")
    parser.add_argument("--no-prefilter", action="store_true", help="parse every sentence (by default a sentence with no possible actor, or only a pronoun and no event cue, is not parsed)")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary line on stderr")


def _input_options(parser: argparse.ArgumentParser) -> None:
    """How reports are read: the format of standard input, and the fields of a JSONL, CSV or Parquet corpus."""
    parser.add_argument("--input-format", choices=INPUT_FORMATS, metavar="FORMAT",
                        help=f"read every input as this format: {', '.join(INPUT_FORMATS)} (default: by suffix; standard input is jsonl)")  # fmt: skip
    for role, default, what in (
        ("text", "text", "the text (required)"),
        ("id", "id", "the document id (without one: file-line)"),
        ("date", "date", "the document's date (RSS, ISO, YYYYMMDD, 8 March 2025, ...)"),
        ("title", "title", "the title"),
        ("url", "url", "the URL"),
        ("outlet", "outlet", "the outlet"),
    ):
        parser.add_argument(f"--{role}-field", metavar="NAME", help=f"the JSONL field or CSV/Parquet column of {what} (default {default})")


# runners.RUNNERS' and profiles.profile_names() (tests check), named here so the parser imports and reads nothing
ENGINES = ("serial", "processes", "dask")
INPUT_FORMATS = ("txt", "html", "jsonl", "csv", "parquet")  # ingest.sources.FORMATS (a test checks)
_FIELD_ROLES = ("text", "id", "title", "date", "url", "outlet")  # ingest.rows.ROLES
PROFILES = ("flat", "phoenix", "gdelt")
RECORD_FORMATS = ("text", "json", "markdown")  # record.brief's formats and json
LIST_FORMATS = ("table", "jsonl", "csv", "tsv")  # record.listing.LIST_FORMATS (a test checks)
RECORD_SORTS = ("items", "doc")  # store.base.RECORD_SORTS (a test checks)


def _check_engine(args: argparse.Namespace) -> str | None:
    if args.scheduler and args.engine != "dask":
        return "--scheduler is for --engine dask: give --engine dask too"
    return None


def _usage_check(parser: argparse.ArgumentParser, check: Callable[[argparse.Namespace], str | None]) -> None:
    """A check of options together (argparse checks each alone); a problem is a usage error, exit 2."""
    checks = [*(parser.get_default("usage_checks") or ()), check]
    parser.set_defaults(usage_checks=checks, usage_parser=parser)


def _db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default="dragoman.db", help="the event store: an SQLite file, sqlite:/// or postgresql:// URL (default dragoman.db)")
    parser.add_argument("-q", "--quiet", action="store_true", help="no notes on stderr (such as '0 events match')")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="dragoman", description="Code reports of diplomatic crises into dated, sourced events.")
    parser.add_argument("--version", action="version", version=f"dragoman {__version__}")
    sub = parser.add_subparsers(required=True)

    code = _command(sub, "code", cmd_code)
    code.add_argument("paths", nargs="+", metavar="REPORT",
                      help="a file (.txt, .html, .jsonl, .csv, .parquet; maybe .gz/.bz2/.zst), a folder, a pattern, or - for standard input")  # fmt: skip
    code.add_argument("--db", help="store documents and events here: an SQLite file, or a sqlite:/// or postgresql://user@host/db URL")
    code.add_argument("--format", choices=FORMATS, help="output format (default: table; parquet needs --output)")
    code.add_argument("--columns", choices=PROFILES, help="column profile for csv, tsv, parquet (default: dragoman's own)")
    code.add_argument("--output", "-o", metavar="FILE", help="write events here instead of stdout")
    code.add_argument("--force", action="store_true", help="replace the --output file if it exists")
    code.add_argument("--keep-formulas", action="store_true",
                      help="csv, tsv: write text as it is, even where a spreadsheet would run it as a formula (by default =, +, -, @ first get a ' before them)")  # fmt: skip
    code.add_argument("--all", action="store_true", help="also list negated, hypothetical, denied and threatened acts")
    code.add_argument("--recode", "--force-recode", action="store_true",
                      help="with --db: code every document again, even those stored from the same input and coded the same way")  # fmt: skip
    code.add_argument("--max-chars", type=_count("characters", 2**40), default=Settings().max_doc_chars, metavar="N",
                      help="refuse a document longer than this (default 10,000,000)")  # fmt: skip
    _input_options(code)
    _coding_options(code)
    _usage_check(code, _check_export)
    _usage_check(code, _check_recode)
    _usage_check(code, _check_store)

    ev = _command(sub, "events", cmd_events)
    _db_option(ev)
    ev.add_argument("--actor", help="source or target code prefix or country, e.g. IRN or USAGOV")
    ev.add_argument("--since", metavar="DATE", help="ISO date, maybe partial: 2025, 2025-03, 2025-03-01")
    ev.add_argument("--until", metavar="DATE", help="ISO date, maybe partial")
    ev.add_argument("--modality", help="asserted, reported, claimed, conditional, planned, negated, hypothetical, denied, threatened")
    ev.add_argument("--basis", help="date basis: explicit, inherited, relative, citation, document")
    ev.add_argument("--root", help="CAMEO root, e.g. 13")
    ev.add_argument("--doc", metavar="ID", help="one document id")
    ev.add_argument("--limit", type=_limit, metavar="N", help="at most N events")
    ev.add_argument("--offset", type=_limit, default=0, metavar="N", help="skip the first N events (paging)")
    ev.add_argument("--all", action="store_true", help="also list negated, hypothetical, denied and threatened acts")
    ev.add_argument("--format", choices=FORMATS, help="output format (default: table; parquet needs --output)")
    ev.add_argument("--columns", choices=PROFILES, help="column profile for csv, tsv, parquet (default: dragoman's own)")
    ev.add_argument("--output", "-o", metavar="FILE", help="write events here instead of stdout")
    ev.add_argument("--force", action="store_true", help="replace the --output file if it exists")
    ev.add_argument("--keep-formulas", action="store_true",
                    help="csv, tsv: write text as it is, even where a spreadsheet would run it as a formula (by default =, +, -, @ first get a ' before them)")  # fmt: skip
    _usage_check(ev, _check_export)

    so = _command(sub, "sources", cmd_sources)
    _db_option(so)
    so.add_argument("--doc", metavar="ID", help="one document id")
    so.add_argument("--list", action="store_true", help="list the events in each group")
    so.add_argument("--format", choices=["table", "json"], default="table", help="table (default) or one JSON object per document")

    actors = sub.add_parser("actors", help="actor dictionaries: import PETRARCH/Phoenix files, list unresolved names",
                            description="Actor dictionaries: import PETRARCH/Phoenix files, list unresolved names.")  # fmt: skip
    actor_sub = actors.add_subparsers(required=True)  # no dest: a missing action is named by its choices
    imp = _command(actor_sub, "import", cmd_actors_import)
    imp.add_argument("files", nargs="+", metavar="FILE", help="PETRARCH/Phoenix dictionary files (actors or agents)")
    imp.add_argument("--output", "-o", metavar="YAML", help="the YAML file to write (one input only; default: beside each input)")
    imp.add_argument("--force", action="store_true", help="replace the YAML file if it exists")
    unresolved = _command(actor_sub, "unresolved", cmd_actors_unresolved)
    unresolved.add_argument("reports", nargs="+", metavar="REPORT", help="reports to read: files, folders, patterns or - (as for code)")
    unresolved.add_argument("--limit", type=_count("names"), default=50, metavar="N", help="how many names (default 50)")
    _input_options(unresolved)
    _coding_options(unresolved)
    rec = _command(sub, "record", cmd_record)
    rec.add_argument("source", nargs="?", metavar="REPORT_OR_DB",
                     help="a report to code (.txt, .html, .jsonl), or a store: an SQLite file or a URL (default: --db)")  # fmt: skip
    rec.add_argument("--db", help="the store to read: an SQLite file, sqlite:/// or postgresql:// URL (default dragoman.db)")
    rec.add_argument("--doc", metavar="ID", help="one document id")
    rec.add_argument("--format", choices=[*RECORD_FORMATS, *LIST_FORMATS],
                     help="a record: text (default), json (one object per document) or markdown; "
                          "a store's documents without --doc: table (default), jsonl, csv or tsv")  # fmt: skip
    rec.add_argument("--party", metavar="CODE_OR_NAME",
                     help="only documents whose record involves this actor: a code or country in any case (irn, USAGOV), or a name (Iran)")  # fmt: skip
    rec.add_argument("--sort", choices=RECORD_SORTS, help="items: most items first (default); doc: by document id")
    rec.add_argument("--limit", type=_limit, metavar="N", help="at most N documents")
    rec.add_argument("--offset", type=_limit, default=0, metavar="N", help="skip the first N documents (paging)")
    _coding_options(rec)
    _usage_check(rec, _check_record)
    add_web_commands(sub, _command)
    add_happening_commands(sub, _command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from .process import Terminated, guard_standard_streams, sigterm_raises

    guard_standard_streams()  # before any file is opened (dragoman.process)
    with sigterm_raises():
        try:
            return _run(argv)
        except Terminated:
            _say("terminated")
            return 128 + 15


def _run(argv: Sequence[str] | None) -> int:
    try:
        args = build_parser().parse_args(argv)
        for check in getattr(args, "usage_checks", ()):
            if problem := check(args):
                args.usage_parser.error(problem)
        return int(args.func(args))
    except DragomanError as exc:
        _say(f"error: {exc}")
        return 1
    except KeyboardInterrupt:
        _say("interrupted")
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:  # stdout on a full disk (an --output file says so as an OutputError)
        if exc.errno not in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO):
            raise
        _quiet_stdout()
        print(f"dragoman: error: cannot write the output ({exc.strerror})", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
