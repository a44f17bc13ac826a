"""Time and peak memory of coding the pathological shapes of issues 9 and 19, at several sizes.

    python bench/pathological.py                          # every shape at its default sizes
    python bench/pathological.py --only one_line amp --sizes 250000 500000 1000000
    python bench/pathological.py --only normal --sizes 20000000 --parse-only   # 20 MB in one document
    python bench/pathological.py --only corpus --sizes 20000000                # 20 MB as 5,000 documents

Each (shape, size) runs in a fresh child process: it loads the pipeline, writes the
input to a temporary file, then reads and codes it as `dragoman code` does. The child
reports the CPU seconds of the reading and coding alone (with --parse-only, of the
reading and parsing: the pieces are streamed through the parser and dropped) (user + system, so a busy
machine does not inflate them), the peak resident memory of the whole process, and how
far coding raised that peak above what the loaded pipeline already held. The ratios
between consecutive sizes show the growth: about the size ratio means linear, its
square means quadratic.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Callable

PROSE = "Iran warned Israel and Russia threatened Poland again "
NEWS = (
    "On {day} March 2025, Iran warned Israel against strikes on its nuclear sites. "
    "Russia threatened Poland a week later, and Chile praised Peru for the talks in Lima. "
    "The envoys met again the next day, officials said.\n\n"
)


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _corpus(size: int) -> str:
    """The same news, as a JSONL corpus of documents of about 4,000 characters."""
    text, lines = _news(size), []
    for n, start in enumerate(range(0, len(text), 4000)):
        lines.append(json.dumps({"id": f"d{n}", "text": text[start : start + 4000], "date": "2025-03-31"}))
    return "\n".join(lines) + "\n"


def _news(size: int) -> str:
    parts, total, day = [], 0, 0
    while total < size:
        paragraph = NEWS.format(day=1 + day % 28)
        parts.append(paragraph)
        total += len(paragraph)
        day += 1
    return "".join(parts)


def _nbsp(size: int) -> str:
    """News whose words are joined by non-breaking spaces: no ASCII space before a period (issue 19)."""
    return _news(size).replace(" ", "\u00a0")


def _one_word_lines(size: int) -> str:
    return _repeat("Iran.\nIsrael.\nRussia.\nPoland.\n", size)


def _marked(size: int) -> str:
    return _repeat("Iran warned Israel on Monday.[1] ", size)


def _json_array(size: int) -> str:
    """One JSONL document, then a line of one huge array of small numbers (issue 19)."""
    return json.dumps({"text": "Iran warned Israel."}) + "\n" + "[" + _repeat("1.5,", size) + "1]\n"


def _newlines_gz(size: int) -> bytes:
    """`size` newlines, gzip-compressed (a thousandth of the size on disk), then one document."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # gzip's container; made a MB at a time, never whole
    block = b"\n" * 2**20
    parts = [packer.compress(block) for _ in range(size // len(block))]
    parts.append(packer.compress(b"\n" * (size % len(block)) + json.dumps({"text": "Iran warned Israel."}).encode() + b"\n"))
    return b"".join(parts) + packer.flush()


def _csv_stray_quote(size: int) -> str:
    """A CSV corpus whose sixth row opens a quote that a later row's quote closes (issue 19)."""
    rows = ["id,text"] + [f"{i},Iran warned Israel on day {i}." for i in range(size // 32)]
    rows[6] = '5,"Iran warned Israel, a stray quote.'
    rows[12] = 'x,He said "yes".'
    return "\n".join(rows) + "\n"


# shape -> (file suffix, input of about `size` characters (or bytes), default sizes)
SHAPES: dict[str, tuple[str, Callable[[int], str | bytes], list[int]]] = {
    "amp": (".html", lambda n: "&" * n, [300_000, 600_000, 1_200_000]),
    "entities": (".html", lambda n: "<p>" + _repeat("&amp;&lt;&gt;&quot;&#39;&#x2014;&nbsp;", n) + "</p>", [750_000, 1_500_000, 3_000_000]),
    "entity_prose": (".html", lambda n: "<p>" + _repeat("Iran&nbsp;warned Israel &amp; Russia&#x2014;then &quot;Poland&quot;. ", n) + "</p>", [250_000, 500_000, 1_000_000]),
    "one_line": (".txt", lambda n: _repeat(PROSE, n), [250_000, 500_000, 1_000_000]),
    "stray_end_tags": (".html", lambda n: "<p>Iran warned Israel.</p>" + _repeat("</b>", n), [250_000, 500_000, 1_000_000]),
    "unclosed_li": (".html", lambda n: "<ul>" + _repeat("<li>Iran warned Israel. ", n), [125_000, 250_000, 500_000]),
    "ol_items": (".html", lambda n: "<ol>" + "".join(f"<li>Iran warned Israel {i}.</li>" for i in range(n // 32)) + "</ol>", [125_000, 250_000, 500_000]),
    "nested_divs": (".html", lambda n: _repeat("<div>", n // 2) + "<p>Iran warned Israel.</p>" + _repeat("</div>", n // 2), [250_000, 500_000, 1_000_000]),
    "marked_sections": (".html", lambda n: _repeat("<p>Iran warned Israel.</p><![ x>", n), [125_000, 250_000, 500_000]),
    "open_tags": (".html", lambda n: "<p>Iran warned Israel.</p>" + _repeat("<a b ", n), [250_000, 500_000, 1_000_000]),
    "deep_json": (".jsonl", lambda n: json.dumps({"text": "Iran warned Israel."}) + "\n" + "[" * (n // 2) + "]" * (n // 2) + "\n", [250_000, 500_000, 1_000_000]),
    "normal": (".txt", _news, [250_000, 500_000, 1_000_000]),
    "corpus": (".jsonl", _corpus, [1_000_000, 2_000_000, 4_000_000]),
    # issue 19
    "nbsp_text": (".txt", _nbsp, [100_000, 200_000, 400_000]),
    "one_word_lines": (".txt", _one_word_lines, [250_000, 500_000, 1_000_000]),
    "marked": (".txt", _marked, [250_000, 500_000, 1_000_000]),
    "json_array": (".jsonl", _json_array, [10_000_000, 20_000_000, 40_000_000]),
    "newlines_gz": (".jsonl.gz", _newlines_gz, [250_000_000, 500_000_000, 1_000_000_000]),
    "csv_stray_quote": (".csv", _csv_stray_quote, [250_000, 500_000, 1_000_000]),
}


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def child(shape: str, size: int, parse_only: bool = False) -> dict[str, object]:
    import dragoman
    from dragoman.nlp import parse_documents

    suffix, make, _ = SHAPES[shape]
    nlp = dragoman.load(dragoman.Settings(max_doc_chars=max(10_000_000, 2 * size)))
    nlp("Iran warned Israel.")  # warm: the first call builds what every later one reuses
    loaded = _peak_mb()
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "input" + suffix)
        data = make(size)
        with open(path, "wb") as handle:
            handle.write(data if isinstance(data, bytes) else data.encode("utf-8"))
        del data
        before, started = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
        documents = events = 0
        if parse_only:
            for parsed in parse_documents(nlp.model(), nlp.read(path)):
                documents += 1
                events += sum(1 for _ in parsed.blocks)  # pieces, here
        else:
            for result in nlp.pipe(nlp.read(path)):
                documents += 1
                events += len(result.events)
        after, wall = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter() - started
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    peak = _peak_mb()
    return {"shape": shape, "size": size, "cpu_s": round(cpu, 2), "wall_s": round(wall, 2), "peak_mb": round(peak),
            "coding_mb": round(max(0.0, peak - loaded)), "documents": documents, "events": events}  # fmt: skip


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", nargs="+", choices=sorted(SHAPES), help="these shapes only")
    ap.add_argument("--sizes", nargs="+", type=int, help="input sizes in characters (default: each shape's own)")
    ap.add_argument("--parse-only", action="store_true", help="read and parse only (no coding): the parser's own memory")
    ap.add_argument("--child", nargs=2, metavar=("SHAPE", "SIZE"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], int(args.child[1]), args.parse_only)))
        return 0
    print(f"{'shape':<16}{'size':>11}{'cpu s':>9}{'x':>6}{'peak MB':>9}{'+MB':>7}{'x':>6}{'pieces' if args.parse_only else 'events':>8}   (x: ratio to the size before)")
    for shape in args.only or SHAPES:
        previous: dict[str, object] | None = None
        for size in args.sizes or SHAPES[shape][2]:
            flags = ["--parse-only"] if args.parse_only else []
            done = subprocess.run([sys.executable, __file__, "--child", shape, str(size), *flags], capture_output=True, text=True)
            if done.returncode != 0:
                print(f"{shape:<16}{size:>11,}  failed: {(done.stderr.strip().splitlines() or ['?'])[-1]}")
                previous = None
                continue
            row = json.loads(done.stdout.strip().splitlines()[-1])
            time_ratio = mem_ratio = ""
            if previous is not None and float(previous["cpu_s"]) >= 0.1:  # type: ignore[arg-type]
                time_ratio = f"{row['cpu_s'] / max(float(previous['cpu_s']), 0.01):.1f}"  # type: ignore[arg-type]
            if previous is not None and float(previous["coding_mb"]) >= 5:  # type: ignore[arg-type]
                mem_ratio = f"{row['coding_mb'] / float(previous['coding_mb']):.1f}"  # type: ignore[arg-type]
            print(f"{shape:<16}{size:>11,}{row['cpu_s']:>9.2f}{time_ratio:>6}{row['peak_mb']:>9,}{row['coding_mb']:>7,}{mem_ratio:>6}{row['events']:>8,}")
            previous = row
    return 0


if __name__ == "__main__":
    sys.exit(main())
