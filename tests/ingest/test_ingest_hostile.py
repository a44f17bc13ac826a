"""Hostile input at the readers (issue 9): each finding, reproduced, and what now happens.

Timing and memory are not tested here (bench/pathological.py shows they grow
linearly); these tests say what each shape gives.
"""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from dragoman.errors import EncodingError, InputError
from dragoman.ingest import parse_html, parse_text, read_path
from dragoman.ingest.untrusted import MAX_ID_CHARS, JsonLineError, clean_text, decode, json_record


def read_all(path: Path, warnings: list[str] | None = None) -> list:
    return list(read_path(path, on_warning=(warnings.append if warnings is not None else lambda _m: None)))


def one_line(exc: pytest.ExceptionInfo[BaseException], path: Path) -> str:
    message = str(exc.value)
    assert "\n" not in message and str(path) in message
    return message


# ------------------------------------------------------------ decoding and control characters


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
def test_a_text_file_with_a_utf16_or_utf32_bom_is_decoded(tmp_path: Path, codec: str) -> None:
    text = "Dock strike ends in Tromsø.\n\nWorkers are back."
    bom = {"utf-16": b"", "utf-16-be": codecs.BOM_UTF16_BE, "utf-32": b""}[codec]
    path = tmp_path / "report.txt"
    path.write_bytes(bom + text.encode(codec))
    (doc,) = read_all(path)
    assert doc.text == text


def test_broken_utf16_says_re_encode_not_binary(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + "Talks resumed.".encode("utf-16-le") + b"\x00\xdc")  # a lone low surrogate
    with pytest.raises(EncodingError) as exc:
        read_all(path)
    message = one_line(exc, path)
    assert "not valid UTF-16" in message and "re-encode" in message and "binary" not in message


def test_a_utf16_jsonl_corpus_is_read_line_by_line(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [json.dumps({"id": "a", "text": "Valdoria recalled its envoy."}), "{broken", json.dumps({"id": "b", "text": "Ostmark protested."})]
    path.write_bytes("\n".join(lines).encode("utf-16"))
    warnings: list[str] = []
    docs = read_all(path, warnings)
    assert [(d.doc_id, d.text) for d in docs] == [("a", "Valdoria recalled its envoy."), ("b", "Ostmark protested.")]
    assert [w.split(": ")[0] for w in warnings] == [f"{path}:2"]


def test_a_nul_byte_past_the_first_8_kb_is_refused_as_binary(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(b"Iran warned Israel. " * 1000 + b"\x00Russia threatened Poland.\n")
    with pytest.raises(EncodingError) as exc:
        read_all(path)
    message = one_line(exc, path)
    assert "binary" in message and "byte 20000" in message


def test_a_nul_byte_on_a_later_jsonl_line_is_an_error_naming_the_line(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    first = json.dumps({"text": "Fine."}).encode() + b"\n"
    path.write_bytes(first * 600 + b'{"text": "a\x00b"}\n')  # past the first 8 KB
    with pytest.raises(EncodingError) as exc:
        read_all(path)
    message = one_line(exc, path)
    assert f"{path}:601" in message and "binary" in message


def test_control_characters_in_json_text_become_spaces_and_never_reach_a_document(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"id": "a\u0000b", "title": "T\u001b[2J", "text": "Iran\u0000warned\u0007Israel.\tTabs\u000bstay."}) + "\n")
    (doc,) = read_all(path)
    assert (doc.doc_id, doc.title, doc.text) == ("a b", "T [2J", "Iran warned Israel.\tTabs\u000bstay.")


def test_lone_surrogates_in_json_text_and_id_become_replacement_characters(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text('{"id": "\\ud800", "text": "Iran warned \\udc00Israel."}\n{"id": "\\ud83d\\ude00", "text": "Fine."}\n')
    docs = read_all(path)
    assert [(d.doc_id, d.text) for d in docs] == [("\ufffd", "Iran warned \ufffdIsrael."), ("\U0001f600", "Fine.")]
    assert docs[0].text.encode("utf-8")  # encodable: spaCy and the store can take it


def test_clean_text_keeps_length_and_leaves_ordinary_text_alone() -> None:
    ordinary = "Tromsø, 4 June — “talks” resume.\r\n\tNext line\f"
    assert clean_text(ordinary) is ordinary
    hostile = "\x00a\x1fb\x7fc\ud800d"
    assert clean_text(hostile) == " a b c\ufffdd" and len(clean_text(hostile)) == len(hostile)


def test_decode_names_the_byte_of_invalid_utf8() -> None:
    with pytest.raises(EncodingError, match=r"^f\.txt: not valid UTF-8 at byte 5; re-encode"):
        decode(b"caf\xc3\xa9\xe9", "f.txt")


# ------------------------------------------------------------ JSON


def test_a_line_nested_100000_deep_is_skipped_and_the_rest_is_coded(tmp_path: Path) -> None:
    path = tmp_path / "deep.jsonl"
    path.write_text(
        json.dumps({"id": "a", "text": "Iran warned Israel."}) + "\n"
        + '{"text": ' + "[" * 100_000 + "]" * 100_000 + "}\n"  # an object, or it is skipped unparsed
        + json.dumps({"id": "b", "text": "Russia threatened Poland."}) + "\n"
    )  # fmt: skip
    warnings: list[str] = []
    assert [d.doc_id for d in read_all(path, warnings)] == ["a", "b"]
    assert len(warnings) == 1 and warnings[0].startswith(f"{path}:2: ") and "nested too deeply" in warnings[0]


def test_an_id_of_5000_digits_gets_a_made_id_and_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "ids.jsonl"
    path.write_text('{"id": ' + "9" * 5000 + ', "text": "Iran warned Israel."}\n{"id": 12345678901234567890123, "text": "Fine."}\n')
    warnings: list[str] = []
    docs = read_all(path, warnings)
    assert [d.doc_id for d in docs] == ["ids-1", "12345678901234567890123"]
    assert warnings == [f"{path}:1: \"id\" is 5,000 characters long, over {MAX_ID_CHARS}; coded as 'ids-1'"]


def test_a_5000_digit_number_elsewhere_in_a_record_is_no_string() -> None:
    record = json_record('{"text": "x", "title": ' + "1" * 5000 + "}")
    assert record["text"] == "x" and record["title"] == "1" * 5000 and type(record["title"]) is not str


def test_json_errors_are_one_kind() -> None:
    for line in ("{oops", "[" * 50_000 + "]" * 50_000):
        with pytest.raises(JsonLineError):
            json_record(line)


def test_an_over_long_jsonl_line_is_refused_without_reading_it_whole(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    path.write_text(json.dumps({"text": "word " * 1000}) + "\n")
    with pytest.raises(InputError) as exc:
        list(read_path(path, max_doc_chars=10))
    message = one_line(exc, path)
    assert f"{path}:1:" in message and "split" in message


# ------------------------------------------------------------ HTML


def test_an_html_marked_section_is_read_as_a_bogus_comment() -> None:
    assert parse_html("<p>Iran warned Israel.</p><![ x", "m").text == "Iran warned Israel."  # to the end: a comment
    doc = parse_html("<p>Iran warned Israel.</p><![ x > <p>Russia threatened Poland.</p>", "m")
    assert doc.text == "Iran warned Israel.\n\nRussia threatened Poland."  # up to the next ">"
    doc = parse_html("<p>Iran warned Israel.</p><![ x<p>Russia threatened Poland.</p>", "m")
    assert doc.text == "Iran warned Israel.\n\nRussia threatened Poland."  # "<![ x<p>" is the comment
    doc = parse_html("<p>a</p><![CDATA[x]]><p>b</p><![if !IE]><p>c</p><![endif]>", "m")
    assert doc.text.split() == ["a", "b", "c"]


def test_an_ordered_list_of_1200_items_keeps_every_item() -> None:
    html = "<ol>" + "".join(f"<li>Iran warned Israel {i}.</li>" for i in range(1200)) + "</ol>"
    doc = parse_html(html, "list")
    items = [doc.text[b.start : b.end] for b in doc.blocks]
    assert [b.kind for b in doc.blocks] == ["list_item"] * 1200
    assert items[0] == "Iran warned Israel 0." and items[999] == "Iran warned Israel 999." and items[1199] == "Iran warned Israel 1199."


def test_unclosed_list_items_are_each_an_item() -> None:
    doc = parse_html("<ul>" + "<li>Iran warned Israel. " * 3000, "u")
    assert len(doc.blocks) == 3000 and {b.kind for b in doc.blocks} == {"list_item"}


def test_stray_end_tags_are_ignored() -> None:
    doc = parse_html("<div><p>Iran warned Israel.</p>" + "</b></li></ol>" * 20_000 + "<p>Russia threatened Poland.</p></div>", "s")
    assert doc.text == "Iran warned Israel.\n\nRussia threatened Poland."


def test_references_lists_under_deep_nesting_keep_their_kind() -> None:
    html = "<div>" * 5000 + "<p>They met.<sup class=reference>[1]</sup></p><ol class=references><li>Wire, 2 May 2031</li></ol>"
    doc = parse_html(html, "r")
    assert doc.text == "They met.[1]\n\nReferences\n\n1. Wire, 2 May 2031"
    assert [r.key for r in doc.references] == ["1"]


def test_300_kb_of_ampersands_is_a_document_of_ampersands() -> None:
    doc = parse_html("&" * 300_000, "amp")
    assert doc.text == "&" * 300_000


def test_a_one_mb_line_of_prose_is_cut_into_blocks() -> None:
    text = "Iran warned Israel and Russia threatened Poland again " * 20_000
    doc = parse_text(text, "line")
    assert len(doc.blocks) > 50 and max(b.end - b.start for b in doc.blocks) <= 20_000
