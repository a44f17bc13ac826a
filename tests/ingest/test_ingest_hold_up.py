"""Hostile input, round 2 (issue 19, part B: reading input): each finding, reproduced, and what now happens.

Nothing here is timed: where a finding was about time (sentence cuts, footnote markers, runs of
blank lines), the test counts the work done (characters looked at, lines read one by one, markers
visited); bench/pathological.py shows the times, linear in the size.
"""

from __future__ import annotations

import gzip
import json
import os
import sqlite3
import threading
from pathlib import Path

import pytest

from dragoman.errors import InputError
from dragoman.ingest import expand_inputs, expected_documents, parse_html, read_path, read_source
from dragoman.ingest.sources import source_of

THREAT = "On 4 June 2023, Russia threatened Poland."


def read_all(path: Path | str, warnings: list[str] | None = None) -> list:
    return list(read_path(path, on_warning=(warnings.append if warnings is not None else lambda _m: None)))


def jsonl(*texts: str) -> str:
    return "".join(json.dumps({"id": f"d{i}", "text": text}) + "\n" for i, text in enumerate(texts))


# ------------------------------------------------------------ 1. a stray quote in a CSV corpus


def _csv_rows(n: int) -> list[str]:
    return ["id,text"] + [f"{i},Iran warned Israel on day {i}." for i in range(n)]


def test_a_stray_quote_that_never_closes_is_an_error_naming_its_line(tmp_path: Path) -> None:
    rows = _csv_rows(100)
    rows[6] = '5,"Iran warned Israel, a stray quote.'  # the rest of the file would be this row's text
    path = tmp_path / "stray.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"stray.csv:7: a quoted field that opens on this line never closes .*line 101"):
        read_all(path)


def test_a_stray_quote_over_100000_rows_is_refused_without_reading_them_all(tmp_path: Path) -> None:
    rows = _csv_rows(100_000)
    rows[6] = '5,"Iran warned Israel, a stray quote.'
    rows[-1] = '99999,"closed at last"'  # so the field does close, 100,000 lines on
    path = tmp_path / "stray.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"stray.csv:7: .*runs on for over 10,000 lines.*stray quote"):
        read_all(path)


def test_a_stray_quote_closed_by_a_later_quote_is_a_warning_counting_the_lines(tmp_path: Path) -> None:
    rows = _csv_rows(100)
    rows[6] = '5,"Iran warned Israel, a stray quote.'
    rows[20] = '19,Iran said "yes" to Israel.'  # the quote that closes it, text after it
    path = tmp_path / "stray.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    warnings: list[str] = []
    docs = read_all(path, warnings)
    assert len(docs) == 86  # 100 rows, 15 of them read as one
    assert warnings == [
        f"{path}:7: a quoted field opens on this line and is not closed as CSV closes one: a stray quote? "
        "lines 7-21 (15 lines) are read as one row of 2 cells (the header has 2)"
    ]


def test_fields_over_several_lines_quoted_as_csv_quotes_them_are_no_warning(tmp_path: Path) -> None:
    rows = ["id,text"] + [f'{i},"Iran warned Israel on day {i}.\n\nA second ""paragraph"", quoted."' for i in range(50)]
    path = tmp_path / "good.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    warnings: list[str] = []
    docs = read_all(path, warnings)
    assert len(docs) == 50 and warnings == [] and docs[3].text.endswith('A second "paragraph", quoted.')


# ------------------------------------------------------------ 2. a truncated .zst corpus


def test_a_truncated_zst_corpus_is_an_error_as_gzip_and_bzip2_are(tmp_path: Path) -> None:
    zstandard = pytest.importorskip("zstandard")
    data = jsonl(*[f"Iran warned Israel on day {i}." for i in range(3000)]).encode()
    whole = zstandard.ZstdCompressor().compress(data)
    path = tmp_path / "cut.jsonl.zst"
    path.write_bytes(whole[: len(whole) * 2 // 3])
    with pytest.raises(InputError, match=r"cut.jsonl.zst: not valid zstd data \(it ends before its end: truncated\?\)"):
        read_all(path)
    # several whole frames, one after another, are one corpus
    path.write_bytes(whole + zstandard.ZstdCompressor().compress(jsonl(THREAT).encode()))
    assert len(read_all(path)) == 3001


# ------------------------------------------------------------ 3. a named pipe is read once


def test_a_named_pipe_is_not_counted_for_the_progress_bar_and_is_read_whole(tmp_path: Path) -> None:
    fifo = tmp_path / "feed.jsonl"
    os.mkfifo(fifo)
    data = jsonl(THREAT, THREAT, THREAT).encode()
    writer = threading.Thread(target=fifo.write_bytes, args=(data,), daemon=True)  # blocks until a reader opens it
    writer.start()
    (source,) = expand_inputs([str(fifo)])
    assert expected_documents([source]) is None  # counting it would read what the reader must read
    assert [d.doc_id for d in read_source(source)] == ["d0", "d1", "d2"]
    writer.join()


# ------------------------------------------------------------ 4. HTML: forms, unclosed furniture


def test_the_text_inside_a_form_is_kept() -> None:
    page = "<html><body><form id='aspnetForm' method='post'><h1>Talks</h1><p>Iran warned Israel.</p></form></body></html>"
    assert parse_html(page, "d").text == "Talks\n\nIran warned Israel."


@pytest.mark.parametrize("opening", ["<header><p>Site name</p>", "<svg viewBox='0 0 1 1'><path d='M0'/>", "<head><title>T</title>"])
def test_text_after_unclosed_furniture_is_kept(opening: str) -> None:
    doc = parse_html(f"<html>{opening}<p>Iran warned Israel.</p><p>Russia threatened Poland.</p></html>", "d")
    assert doc.text.endswith("Iran warned Israel.\n\nRussia threatened Poland.")


def test_closed_furniture_and_unclosed_scripts_are_still_left_out() -> None:
    assert parse_html("<header>Site</header><p>Iran warned Israel.</p><nav>Home</nav>", "d").text == "Iran warned Israel."
    assert parse_html("<p>Iran warned Israel.</p><script>var x = '<p>not text</p>';", "d").text == "Iran warned Israel."


# ------------------------------------------------------------ 5. names that are not UTF-8; a NUL further on


def test_a_file_name_that_is_not_utf8_is_coded_and_so_are_the_files_after_it(cli, tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text(THREAT, encoding="utf-8")
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.txt"), "wb") as handle:
        handle.write(THREAT.encode())
    (folder / "z.txt").write_text(THREAT, encoding="utf-8")
    code, _, err = cli("code", folder, "--db", tmp_path / "x.db", "-q")
    assert code == 0 and err == ""
    with sqlite3.connect(tmp_path / "x.db") as db:
        stored = sorted(db.execute("SELECT doc_id, path FROM documents").fetchall())
    assert stored == [("a", f"{folder}/a.txt"), ("caf\\xe9", f"{folder}/caf\\xe9.txt"), ("z", f"{folder}/z.txt")]


def test_a_nul_byte_after_the_first_8_kb_ends_that_file_at_its_line(cli, tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = jsonl(*[f"Iran warned Israel on day {i}." for i in range(200)]).encode()
    assert len(lines) > 8192
    path.write_bytes(lines + b'{"text": "Russia threatened \x00Poland."}\n' + jsonl(THREAT).encode())
    other = tmp_path / "other.jsonl"
    other.write_text(json.dumps({"id": "other", "text": THREAT}) + "\n", encoding="utf-8")
    code, out, err = cli("code", path, other, "--format", "jsonl", "-q")
    ids = {json.loads(line)["doc_id"] for line in out.splitlines()}
    assert code == 1 and "other" in ids and "d199" in ids  # what came before it, and the next file, are coded
    nul = len(lines) + len(b"{\"text\": \"Russia threatened ")
    assert err.strip() == f"dragoman: error: {path}:201: binary file, not text (a NUL byte at byte {nul}); give a .txt, .html or .jsonl file"


# ------------------------------------------------------------ 8. a JSONL line holding a huge array


def test_a_huge_json_array_is_skipped_unparsed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import dragoman.ingest.files as files

    parsed: list[int] = []
    real = files.json_record
    monkeypatch.setattr(files, "json_record", lambda line: parsed.append(len(line)) or real(line))
    path = tmp_path / "feed.jsonl"
    array = "[" + "1.5," * 2_000_000 + "1]\n"
    dense = '{"text": "x", "values": [' + "1.5," * 2_000_000 + "1]}\n"
    path.write_text(jsonl(THREAT) + array + dense + jsonl(THREAT), encoding="utf-8")
    warnings: list[str] = []
    assert len(read_all(path, warnings)) == 2
    assert max(parsed) < 1000  # neither long line went to the JSON parser
    assert warnings[0] == f"{path}:2: not a JSON object; line skipped"
    assert warnings[1].startswith(f"{path}:3: a line of {len(dense):,} characters holding over one JSON value in 10 characters")


def test_a_long_line_of_prose_is_parsed(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"text": "Iran warned Israel, and Russia, on Monday, threatened Poland. " * 40_000}) + "\n", encoding="utf-8")
    assert len(read_all(path)) == 1


# ------------------------------------------------------------ 9. runs of blank lines


class _CountingReader:
    """A binary stream that counts its readline calls."""

    def __init__(self, data: bytes) -> None:
        import io

        self.stream = io.BufferedReader(io.BytesIO(data), 1 << 16)
        self.readlines = 0

    def __getattr__(self, name: str) -> object:
        return getattr(self.stream, name)

    def readline(self, size: int = -1) -> bytes:
        self.readlines += 1
        return self.stream.readline(size)


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_a_million_blank_lines_are_passed_over_a_buffer_at_a_time(fmt: str) -> None:
    from dragoman.ingest.corpora import csv_documents
    from dragoman.ingest.files import jsonl_documents
    from dragoman.ingest.rows import DEFAULT_FIELDS

    text = "Russia threatened Poland."
    first = jsonl(text) if fmt == "jsonl" else "text\n" + text + "\n"
    last = json.dumps({"text": text}) + "\n" if fmt == "jsonl" else text + "\n"
    stream = _CountingReader(first.encode() + b"\n \r\n\t\n" * 333_334 + last.encode())
    reader = jsonl_documents if fmt == "jsonl" else csv_documents
    docs = list(reader(stream, "f", "f", fields=DEFAULT_FIELDS, max_doc_chars=10_000, on_warning=lambda _m: None, tables=None))  # type: ignore[arg-type]
    last_line = 1 + 1_000_002 + 1 + (fmt == "csv")  # the line numbers count the lines passed over
    assert [d.text for d in docs] == [text, text] and docs[1].doc_id == f"f-{last_line}"
    assert stream.readlines < 100


def test_a_gz_of_newlines_gives_the_document_after_them(tmp_path: Path) -> None:
    path = tmp_path / "blank.jsonl.gz"
    path.write_bytes(gzip.compress(b"\n" * 5_000_000 + jsonl(THREAT).encode()))
    (doc,) = read_all(path)
    assert doc.text == THREAT


# ------------------------------------------------------------ 10. devices and pipes in a folder; 11. link loops


def test_a_folder_yields_regular_files_only_and_says_what_it_left_out(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.jsonl").write_text(jsonl(THREAT), encoding="utf-8")
    os.mkfifo(folder / "pipe.jsonl")
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "gone.txt").symlink_to(folder / "nowhere.txt")
    warnings: list[str] = []
    sources = expand_inputs([str(folder)], on_warning=warnings.append)
    assert [s.name for s in sources] == [str(folder / "a.jsonl")]
    assert sorted(warnings) == [
        f"{folder / 'gone.txt'}: a broken link; left out (name it alone to read it)",
        f"{folder / 'pipe.jsonl'}: not a regular file (a device, a pipe or a socket); left out (name it alone to read it)",
        f"{folder / 'zero.txt'}: not a regular file (a device, a pipe or a socket); left out (name it alone to read it)",
    ]
    warnings.clear()
    assert [s.name for s in expand_inputs([str(folder / "*")], on_warning=warnings.append)] == [str(folder / "a.jsonl")]
    assert len(warnings) == 3


def test_a_parquet_pipe_is_refused_before_reading(tmp_path: Path) -> None:
    fifo = tmp_path / "rows.parquet"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="rows.parquet: Parquet is read by seeking"):
        read_all(fifo)


def test_a_double_star_does_not_follow_links_to_folders(tmp_path: Path) -> None:
    (tmp_path / "a" / "deep").mkdir(parents=True)
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x.jsonl").write_text(jsonl(THREAT), encoding="utf-8")
    (tmp_path / "a" / "deep" / "y.jsonl").write_text(jsonl(THREAT), encoding="utf-8")
    for here, there in (("a", "b"), ("b", "a"), ("a/deep", "a")):  # loops: a -> b -> a, a/deep -> a
        (tmp_path / here / f"to_{there.replace('/', '_')}").symlink_to(tmp_path / there)
    warnings: list[str] = []
    sources = expand_inputs([str(tmp_path / "**" / "*.jsonl")], on_warning=warnings.append)
    assert [s.name for s in sources] == [str(tmp_path / "a" / "deep" / "y.jsonl"), str(tmp_path / "a" / "x.jsonl")]
    assert [s.stem for s in sources] == ["a/deep/y", "a/x"] and warnings == []
    assert {s.name for s in expand_inputs([str(tmp_path / "**")])} == {s.name for s in sources}


def test_the_double_star_matches_as_glob_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import glob

    for name in ("r.txt", "a/s.txt", "a/b/t.txt", "a/b/c/u.jsonl", ".hidden/v.txt", "a/.w.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(THREAT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    from dragoman.ingest.sources import _glob

    for pattern in ("**/*.txt", "a/**/*.txt", "**/b/*", "a/**", "**/c/*.jsonl", str(tmp_path / "**" / "*.txt")):
        assert _glob(pattern) == {p.rstrip("/") for p in glob.glob(pattern, recursive=True)}, pattern


# ------------------------------------------------------------ 13. a Parquet text column stored as BINARY


def test_a_parquet_binary_text_column_is_read_as_utf8(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    table = pa.table({
        "id": pa.array([b"a", b"b", b"c"], pa.binary()),
        "text": pa.array([THREAT.encode(), b"\xffnot UTF-8", "Iran warned Israel.".encode()], pa.binary()),
    })  # fmt: skip
    path = tmp_path / "rows.parquet"
    pq.write_table(table, path)
    warnings: list[str] = []
    assert [(d.doc_id, d.text) for d in read_all(path, warnings)] == [("a", THREAT), ("c", "Iran warned Israel.")]
    assert warnings == [f'{path}:2: "text" is not valid UTF-8 (at byte 0); row skipped']


def test_a_source_named_by_a_path_that_is_not_utf8_shows_its_bytes(tmp_path: Path) -> None:
    raw = os.path.join(os.fsencode(tmp_path), b"r\xe9sum\xe9.txt")
    with open(raw, "wb") as handle:
        handle.write(THREAT.encode())
    source = source_of(os.fsdecode(raw))
    assert source.name == f"{tmp_path}/r\\xe9sum\\xe9.txt" and source.stem == "r\\xe9sum\\xe9"
    (doc,) = read_source(source)
    assert doc.path == source.name and doc.doc_id == "r\\xe9sum\\xe9"
