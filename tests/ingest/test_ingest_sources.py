"""Ingest at scale (issue 12): folders, patterns, standard input, compressed files, CSV and Parquet
corpora through a field mapping; each bound of the plain readers holds for them too."""

from __future__ import annotations

import bz2
import builtins
import csv
import datetime
import gzip
import io
import json
import os
import threading
from pathlib import Path
from typing import Any

import pytest

from dragoman.errors import EmptyInputError, EncodingError, InputError, UsageError
from dragoman.ingest import Fields, expand_inputs, expected_documents, read_path, read_source

NEWS = "On 4 June 2023, Russia threatened Poland."


def docs_of(sources: list, **kwargs: Any) -> list:
    return [d for s in sources for d in read_source(s, **kwargs)]


def jsonl(*records: dict[str, Any]) -> bytes:
    return "".join(json.dumps(r) + "\n" for r in records).encode()


# ------------------------------------------------------------ folders and patterns


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    for name, data in {
        "b.txt": b"Iran warned Israel.",
        "a.html": b"<p>Chile and Peru signed an accord.</p>",
        "news/2005/001.txt": b"Oman hosted talks.",
        "news/2004/001.txt": b"Qatar praised Oman.",
        "news/feed.jsonl.gz": gzip.compress(jsonl({"text": NEWS}, {"id": "f2", "text": NEWS})),
        "news/notes.md": b"not a report",  # no format suffix: not picked from a folder
        ".hidden/x.txt": b"hidden folder",
        "news/.draft.txt": b"hidden file",
        "a-b.txt": b"Japan met China.",
    }.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return root


def test_a_folder_is_every_file_by_suffix_in_path_order_hidden_ones_left_out(tree: Path) -> None:
    sources = expand_inputs([tree])
    assert [os.path.relpath(s.path, tree) for s in sources] == [
        "a-b.txt", "a.html", "b.txt", "news/2004/001.txt", "news/2005/001.txt", "news/feed.jsonl.gz",
    ]  # fmt: skip
    assert [(s.format, s.compression) for s in sources][-1] == ("jsonl", "gzip")


def test_ids_of_files_in_a_folder_are_their_paths_below_it(tree: Path) -> None:
    ids = [d.doc_id for d in docs_of(expand_inputs([tree]))]
    assert ids == ["a-b", "a", "b", "news/2004/001", "news/2005/001", "news/feed-1", "f2"]


def test_a_file_named_as_it_is_keeps_its_stem_and_any_suffix_is_read(tree: Path) -> None:
    (doc,) = docs_of(expand_inputs([tree / "news" / "2005" / "001.txt"]))
    assert doc.doc_id == "001"
    (note,) = docs_of(expand_inputs([tree / "news" / "notes.md"]))
    assert note.text == "not a report"


def test_a_pattern_is_expanded_here_across_folders(tree: Path) -> None:
    sources = expand_inputs([str(tree / "**" / "*.txt")])
    assert [os.path.relpath(s.path, tree) for s in sources] == ["a-b.txt", "b.txt", "news/2004/001.txt", "news/2005/001.txt"]
    assert [s.stem for s in sources] == ["a-b", "b", "news/2004/001", "news/2005/001"]


def test_what_cannot_be_expanded_is_an_error_when_its_turn_comes(tree: Path, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    sources = expand_inputs([tree / "b.txt", str(tree / "*.nothing"), tmp_path / "empty", tmp_path / "none.txt"])
    assert [s.problem for s in sources] == [None, "no file matches this pattern", sources[2].problem, "no such file"]
    assert "no file to read in this folder" in (sources[2].problem or "")
    for source in sources[1:]:
        with pytest.raises(InputError) as exc:
            list(read_source(source))
        assert str(exc.value).startswith(source.name + ": ")


def test_a_file_reached_twice_is_read_once(tree: Path) -> None:
    warnings: list[str] = []
    sources = expand_inputs([tree / "b.txt", tree, str(tree / "*.txt")], on_warning=warnings.append)
    assert len(sources) == len(expand_inputs([tree]))
    assert warnings and all("named twice" in w for w in warnings)


def test_read_path_is_one_file_and_a_folder_is_still_refused_there(tree: Path) -> None:
    with pytest.raises(InputError, match="is a directory"):
        list(read_path(tree))


def test_the_progress_count_is_cheap_or_none(tree: Path, tmp_path: Path) -> None:
    plain = tmp_path / "plain.jsonl"
    plain.write_bytes(jsonl({"text": NEWS}, {"text": NEWS}, {"text": NEWS}))
    assert expected_documents(expand_inputs([tree / "a.html", tree / "b.txt", plain])) == 5
    assert expected_documents(expand_inputs([tree])) is None  # a compressed corpus: unknown
    assert expected_documents(expand_inputs(["-"])) is None


# ------------------------------------------------------------ standard input


def _stdin_sources(input_format: str | None = None) -> list:
    return expand_inputs(["-"], input_format=input_format)


def test_standard_input_is_jsonl_by_default() -> None:
    (source,) = _stdin_sources()
    docs = docs_of([source], stdin=io.BufferedReader(io.BytesIO(jsonl({"id": "s1", "text": NEWS}, {"text": NEWS}))))
    assert [(d.doc_id, d.path) for d in docs] == [("s1", "<stdin>"), ("stdin-2", "<stdin>")]


@pytest.mark.parametrize("form,data,expected", [
    ("txt", b"Iran warned Israel.", ["stdin"]),
    ("html", b"<p>Iran warned Israel.</p>", ["stdin"]),
    ("csv", b"id,text\nc1,Iran warned Israel.\n", ["c1"]),
])  # fmt: skip
def test_standard_input_in_another_format(form: str, data: bytes, expected: list[str]) -> None:
    (source,) = _stdin_sources(form)
    assert [d.doc_id for d in docs_of([source], stdin=io.BufferedReader(io.BytesIO(data)))] == expected


def test_standard_input_compressed_is_found_by_its_first_bytes() -> None:
    (source,) = _stdin_sources()
    stream = io.BufferedReader(io.BytesIO(gzip.compress(jsonl({"id": "z", "text": NEWS}))))
    assert [d.doc_id for d in docs_of([source], stdin=stream)] == ["z"]


def test_standard_input_is_read_as_a_stream() -> None:
    read_end, write_end = os.pipe()
    writer = os.fdopen(write_end, "wb", buffering=0)
    writer.write(jsonl({"id": "first", "text": NEWS}))
    (source,) = _stdin_sources()
    with os.fdopen(read_end, "rb") as stream:
        documents = read_source(source, stdin=stream)
        got: list[str] = []
        reader = threading.Thread(target=lambda: got.append(next(documents).doc_id))
        reader.start()
        reader.join(timeout=20)
        assert got == ["first"]  # the first document came while the writer still holds the pipe open
        writer.write(jsonl({"id": "second", "text": NEWS}))
        writer.close()
        assert [d.doc_id for d in documents] == ["second"]


def test_parquet_cannot_come_from_standard_input() -> None:
    (source,) = _stdin_sources("parquet")
    with pytest.raises(InputError, match="Parquet cannot be read from standard input"):
        list(read_source(source))


# ------------------------------------------------------------ compressed files


def _zstd(data: bytes) -> bytes:
    zstandard = pytest.importorskip("zstandard")
    return bytes(zstandard.ZstdCompressor().compress(data))


@pytest.mark.parametrize("suffix,compress", [(".gz", gzip.compress), (".bz2", bz2.compress), (".zst", _zstd)])
def test_compressed_text_and_jsonl(tmp_path: Path, suffix: str, compress: Any) -> None:
    text = tmp_path / f"report.txt{suffix}"
    text.write_bytes(compress(NEWS.encode()))
    corpus = tmp_path / f"feed.jsonl{suffix}"
    corpus.write_bytes(compress(jsonl({"id": "a", "text": NEWS}, {"text": NEWS})))
    docs = docs_of(expand_inputs([text, corpus]))
    assert [(d.doc_id, d.text) for d in docs] == [("report", NEWS), ("a", NEWS), ("feed-2", NEWS)]


def test_a_compressed_file_without_its_suffix_is_found_by_its_first_bytes(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_bytes(gzip.compress(jsonl({"id": "a", "text": NEWS})))
    assert [d.doc_id for d in read_path(path)] == ["a"]


@pytest.mark.parametrize("data", [b"not gzip at all", gzip.compress(NEWS.encode() * 50)[:40]])
def test_corrupt_or_truncated_compressed_data_is_one_line(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "report.txt.gz"
    path.write_bytes(data)
    with pytest.raises(InputError) as exc:
        list(read_path(path))
    message = str(exc.value)
    assert "\n" not in message and message.startswith(f"{path}: not valid gzip data")


def test_a_decompression_bomb_meets_the_size_limit_not_memory(tmp_path: Path) -> None:
    text = tmp_path / "bomb.txt.gz"
    text.write_bytes(gzip.compress(b"a" * 50_000_000))  # 50 MB of text in 50 KB
    with pytest.raises(InputError, match="over the limit of 1,000 characters"):
        list(read_path(text, max_doc_chars=1000))
    line = tmp_path / "bomb.jsonl.gz"
    line.write_bytes(gzip.compress(b'{"text": "' + b"a" * 50_000_000 + b'"}\n'))
    with pytest.raises(InputError, match=r"bomb.jsonl.gz:1: .*a line of over"):
        list(read_path(line, max_doc_chars=1000))


def test_binary_inside_a_compressed_file_is_still_binary(tmp_path: Path) -> None:
    path = tmp_path / "blob.txt.gz"
    path.write_bytes(gzip.compress(b"Iran\x00\x01\x02"))
    with pytest.raises(EncodingError, match="binary file, not text"):
        list(read_path(path))


def test_without_the_zstandard_package_a_zst_file_is_one_line_naming_the_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "report.txt.zst"
    path.write_bytes(b"\x28\xb5\x2f\xfd" + b"\x00" * 20)
    real_import = builtins.__import__

    def no_zstd(name: str, *args: Any, **kwargs: Any) -> Any:
        if name in ("zstandard", "compression"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_zstd)
    with pytest.raises(UsageError, match=r"pip install 'dragoman\[zstd\]'"):
        list(read_path(path))


# ------------------------------------------------------------ field mappings: JSONL


def test_jsonl_through_a_field_mapping(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_bytes(jsonl(
        {"url": "https://example.org/1", "body": NEWS, "published": "Tue, 08 Mar 2025 10:00:00 GMT", "headline": "Threat"},
        {"url": "https://example.org/2", "body": NEWS, "published": 20250309},
        {"url": "https://example.org/3", "body": NEWS, "published": "last week"},
    ))  # fmt: skip
    warnings: list[str] = []
    fields = Fields.mapping(text="body", id="url", date="published", title="headline", url="url")
    docs = list(read_path(path, fields=fields, on_warning=warnings.append))
    assert [(d.doc_id, d.date, d.title, d.url) for d in docs] == [
        ("https://example.org/1", "2025-03-08", "Threat", "https://example.org/1"),
        ("https://example.org/2", "2025-03-09", None, "https://example.org/2"),
        ("https://example.org/3", None, None, "https://example.org/3"),
    ]
    assert warnings == [f"{path}:3: \"published\" 'last week' is not a date I can read; ignored"]


def test_a_row_without_the_mapped_text_or_id_is_a_warning_and_skipped(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_bytes(jsonl({"url": "u1", "body": NEWS}, {"url": "u2"}, {"body": NEWS}, {"url": "u4", "body": NEWS}))
    warnings: list[str] = []
    docs = list(read_path(path, fields=Fields.mapping(text="body", id="url"), on_warning=warnings.append))
    assert [d.doc_id for d in docs] == ["u1", "u4"]
    assert warnings == [
        f'{path}:2: no non-empty "body" string; line skipped',
        f'{path}:3: no "url" (the id field); line skipped',
    ]


def test_a_mapping_naming_a_field_no_record_has_is_one_error_not_a_warning_per_line(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_bytes(jsonl(*({"content": NEWS, "n": n} for n in range(500))))
    warnings: list[str] = []
    with pytest.raises(InputError) as exc:
        list(read_path(path, fields=Fields.mapping(text="body"), on_warning=warnings.append))
    assert str(exc.value) == (
        f'{path}: none of the first 100 records has a "body" field (this one has "content", "n"); '
        "name the field that holds the text with --text-field"
    )
    assert len(warnings) == 99


# ------------------------------------------------------------ CSV


def _csv(path: Path, rows: list[dict[str, str]], encoding: str = "utf-8") -> Path:
    with path.open("w", newline="", encoding=encoding) as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_csv_with_a_bom_a_mapping_and_a_text_over_lines(tmp_path: Path) -> None:
    long_text = NEWS + " " + "Talks went on. " * 20_000  # 300,000 characters: over csv's own default field limit
    path = _csv(tmp_path / "news.csv", [
        {"link": "https://example.org/a", "body": NEWS + '\nPoland said "no".', "published": "2025/03/08"},
        {"link": "", "body": "", "published": ""},
        {"link": "https://example.org/c", "body": long_text, "published": "20250310"},
        {"link": "", "body": NEWS, "published": "soon"},
    ], encoding="utf-8-sig")  # fmt: skip
    warnings: list[str] = []
    docs = list(read_path(path, fields=Fields.mapping(text="body", url="link", date="published"), on_warning=warnings.append))
    assert [(d.doc_id, d.url, d.date) for d in docs] == [
        ("news-2", "https://example.org/a", "2025-03-08"),
        ("news-5", "https://example.org/c", "2025-03-10"),
        ("news-6", None, None),
    ]
    assert docs[0].text == NEWS + '\nPoland said "no".' and docs[1].text == long_text
    assert warnings == [f"{path}:6: \"published\" 'soon' is not a date I can read; ignored"]


def test_a_utf16_csv_is_read_by_its_bom(tmp_path: Path) -> None:
    path = _csv(tmp_path / "news.csv", [{"text": NEWS, "id": "u16"}], encoding="utf-16")
    assert [d.doc_id for d in read_path(path)] == ["u16"]


def test_a_csv_without_the_mapped_column_is_one_line_naming_its_columns(tmp_path: Path) -> None:
    path = _csv(tmp_path / "news.csv", [{"content": NEWS, "when": "2025"}])
    with pytest.raises(InputError) as exc:
        list(read_path(path, fields=Fields.mapping(text="body")))
    assert str(exc.value) == f'{path}: no column "body" (--text-field); its columns are "content", "when"'
    with pytest.raises(InputError, match='no "text" column for the text; name it with --text-field'):
        list(read_path(path))
    with pytest.raises(InputError, match='no column "published" [(]--date-field[)]'):
        list(read_path(path, fields=Fields.mapping(text="content", date="published")))


def test_a_csv_record_is_bounded_like_a_line(tmp_path: Path) -> None:
    path = tmp_path / "endless.csv"
    path.write_bytes(b'text\n"' + (b"word " * 100 + b"\n") * 3_000)  # a quoted field that never ends, over many lines
    with pytest.raises(InputError, match=r"endless.csv:2: .*a row of over"):
        list(read_path(path, max_doc_chars=1000))


def test_an_empty_or_header_only_csv(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(EmptyInputError, match="starts with a header"):
        list(read_path(empty))
    header = tmp_path / "header.csv"
    header.write_bytes(b"id,text\n")
    with pytest.raises(EmptyInputError, match="no document in this CSV file"):
        list(read_path(header))


def test_a_gzipped_csv(tmp_path: Path) -> None:
    plain = _csv(tmp_path / "news.csv", [{"text": NEWS, "id": "g1"}])
    packed = tmp_path / "news.csv.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    assert [d.doc_id for d in read_path(packed)] == ["g1"]


# ------------------------------------------------------------ Parquet


def _parquet(path: Path, columns: dict[str, list[Any]], row_group_size: int | None = None) -> Path:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    pq.write_table(pa.table(columns), path, row_group_size=row_group_size)
    return path


def test_parquet_through_a_mapping_in_batches(tmp_path: Path) -> None:
    n = 300
    path = _parquet(tmp_path / "news.parquet", {
        "article_id": list(range(n)),
        "body": [f"{NEWS} ({i})" if i != 7 else "" for i in range(n)],
        "published": [datetime.datetime(2025, 3, 8, 10, 0) + datetime.timedelta(days=i % 3) for i in range(n)],
    }, row_group_size=100)  # fmt: skip
    warnings: list[str] = []
    docs = list(read_path(path, fields=Fields.mapping(text="body", id="article_id", date="published"), on_warning=warnings.append))
    assert len(docs) == n - 1 and docs[0].doc_id == "0" and docs[-1].doc_id == str(n - 1)
    assert {d.date for d in docs} == {"2025-03-08", "2025-03-09", "2025-03-10"}
    assert warnings == [f'{path}:8: no non-empty "body" string; row skipped']
    assert expected_documents(expand_inputs([path])) == n


def test_a_parquet_file_without_the_mapped_column(tmp_path: Path) -> None:
    path = _parquet(tmp_path / "news.parquet", {"content": [NEWS]})
    with pytest.raises(InputError, match=r'no column "body" \(--text-field\); its columns are "content"'):
        list(read_path(path, fields=Fields.mapping(text="body")))


def test_a_file_that_is_not_parquet(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    path = tmp_path / "news.parquet"
    path.write_bytes(b"PAR1 but not really")
    with pytest.raises(InputError, match="not a Parquet file this can read"):
        list(read_path(path))


def test_without_pyarrow_parquet_is_one_line_naming_the_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "news.parquet"
    path.write_bytes(b"PAR1")
    real_import = builtins.__import__

    def no_pyarrow(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.startswith("pyarrow"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pyarrow)
    with pytest.raises(UsageError, match=r"reading Parquet needs pyarrow: pip install 'dragoman\[frames\]'"):
        list(read_path(path))


def test_the_same_records_give_the_same_documents_in_every_format(tmp_path: Path) -> None:
    records = [{"id": f"r{i}", "text": f"{NEWS} {i}", "date": "2025-03-08", "title": f"T{i}"} for i in range(3)]
    (tmp_path / "a.jsonl").write_bytes(jsonl(*records))
    _csv(tmp_path / "a.csv", records)
    _parquet(tmp_path / "a.parquet", {k: [r[k] for r in records] for k in records[0]})
    by_format = [[(d.doc_id, d.text, d.date, d.title) for d in read_path(tmp_path / f"a.{f}")] for f in ("jsonl", "csv", "parquet")]
    assert by_format[0] == by_format[1] == by_format[2]
