from __future__ import annotations

import json
from pathlib import Path

import pytest
from ingest_samples import WIKI_COPY

from dragoman.errors import EmptyInputError, EncodingError, InputError
from dragoman.ingest import read_path


def read_all(path: Path, **kwargs: object) -> list:
    return list(read_path(path, **kwargs))  # type: ignore[arg-type]


def one_line(exc: pytest.ExceptionInfo[BaseException], path: Path) -> str:
    message = str(exc.value)
    assert "\n" not in message and str(path) in message
    return message


# ------------------------------------------------------------ plain files


def test_text_file(tmp_path: Path) -> None:
    path = tmp_path / "accord.txt"
    path.write_text(WIKI_COPY, encoding="utf-8")
    (doc,) = read_all(path)
    assert (doc.doc_id, doc.path, doc.title) == ("accord", str(path), "Rivermouth water accord")
    assert doc.text == WIKI_COPY


def test_unknown_extension_is_text_and_bom_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_bytes(b"\xef\xbb\xbfDock strike ends. Workers are back.")
    (doc,) = read_all(path)
    assert doc.text == "Dock strike ends. Workers are back."


def test_html_file(tmp_path: Path) -> None:
    path = tmp_path / "page.HTML"
    path.write_text("<h1>Strike ends</h1><p>Workers returned.<sup class=reference>[1]</sup></p>", encoding="utf-8")
    (doc,) = read_all(path)
    assert (doc.doc_id, doc.title, doc.text) == ("page", "Strike ends", "Strike ends\n\nWorkers returned.[1]")


def test_missing_path(tmp_path: Path) -> None:
    path = tmp_path / "nothing.txt"
    with pytest.raises(InputError) as exc:
        read_all(path)
    assert "no such file" in one_line(exc, path)


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError) as exc:
        read_all(tmp_path)
    assert "directory" in one_line(exc, tmp_path)


@pytest.mark.parametrize("content", [b"", b"  \n\t\r\n  "])
def test_empty_or_whitespace(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    with pytest.raises(EmptyInputError) as exc:
        read_all(path)
    one_line(exc, path)


def test_binary(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(EncodingError) as exc:
        read_all(path)
    assert "binary file, not text" in one_line(exc, path)


def test_invalid_utf8_names_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Caf".encode() + b"\xe9 au lait")  # Latin-1 e-acute
    with pytest.raises(EncodingError) as exc:
        read_all(path)
    message = one_line(exc, path)
    assert "byte 3" in message and "UTF-8" in message and "re-encode" in message


def test_invalid_utf8_offset_counts_the_bom(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfab\xff")
    with pytest.raises(EncodingError, match="byte 5"):
        read_all(path)


def _big_file(tmp_path: Path) -> Path:
    path = tmp_path / "big.txt"
    line = b"The river rose again near the old mill and the town waited.\n"
    with path.open("wb") as handle:
        handle.write(line * (20_000_000 // len(line) + 1))  # just over 20 MB
    return path


def test_too_long_with_lowered_limit(tmp_path: Path) -> None:
    path = _big_file(tmp_path)
    with pytest.raises(InputError) as exc:
        read_all(path, max_doc_chars=1_000_000)
    message = one_line(exc, path)
    assert "1,000,000" in message and "split" in message


def test_too_long_with_default_limit(tmp_path: Path) -> None:
    path = _big_file(tmp_path)
    with pytest.raises(InputError) as exc:
        read_all(path)
    message = one_line(exc, path)
    assert "20,000,0" in message and "10,000,000" in message and "split" in message


# ------------------------------------------------------------ JSONL


def test_jsonl_good_and_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "a1", "text": "Valdoria recalled its envoy.", "title": "Envoy recalled",
                    "date": "March 8, 2031", "url": "https://example.org/a1", "outlet": "Wire"}),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"id": "x", "title": "no text"}),
        "",
        json.dumps({"id": "y", "text": "   "}),
        json.dumps({"text": "Ostmark protested.", "category": "politics"}),
        json.dumps({"id": 7, "text": "A number for an id."}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    warnings: list[str] = []
    docs = read_all(path, on_warning=warnings.append)
    assert [d.doc_id for d in docs] == ["a1", "feed-7", "7"]
    first = docs[0]
    assert (first.title, first.date, first.url, first.outlet, first.path) == (
        "Envoy recalled", "2031-03-08", "https://example.org/a1", "Wire", str(path))
    assert [w.split(": ")[0] for w in warnings] == [f"{path}:2", f"{path}:3", f"{path}:4", f"{path}:6"]


def test_jsonl_streams_lazily(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "Fine."}) + "\n" + "x" * 50, encoding="utf-8")
    docs = read_path(path, on_warning=lambda _m: None)
    assert next(docs).doc_id == "a"  # the bad line after it is not read yet


def test_jsonl_without_any_document(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text("{oops\n[1]\n", encoding="utf-8")
    warnings: list[str] = []
    with pytest.raises(EmptyInputError) as exc:
        read_all(path, on_warning=warnings.append)
    one_line(exc, path)
    assert len(warnings) == 2


def test_empty_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "none.jsonl"
    path.write_text("", encoding="utf-8")
    with pytest.raises(EmptyInputError):
        read_all(path)


def test_jsonl_invalid_utf8_names_line_and_byte(tmp_path: Path) -> None:
    path = tmp_path / "enc.jsonl"
    first = json.dumps({"text": "ok"}).encode() + b"\n"
    path.write_bytes(first + b'{"text": "caf\xe9"}\n')
    with pytest.raises(EncodingError) as exc:
        read_all(path)
    message = one_line(exc, path)
    assert f"{path}:2" in message and f"byte {len(first) + 13}" in message


def test_jsonl_binary(tmp_path: Path) -> None:
    path = tmp_path / "blob.jsonl"
    path.write_bytes(b'{"text": "a"}\n\x00\x01\x02')
    with pytest.raises(EncodingError, match="binary file, not text"):
        read_all(path)


def test_jsonl_document_too_long(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    path.write_text(json.dumps({"text": "word " * 100}) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"long.jsonl:1: .*split"):
        read_all(path, max_doc_chars=50)
