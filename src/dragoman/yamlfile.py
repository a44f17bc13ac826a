"""The one YAML reader for every data file dragoman loads.

`read_yaml(path)` (or `parse_yaml(text, where)`) is PyYAML's safe loader (the C
one where libyaml is present) with two additions that every knowledge file
needs: a duplicate key is an error naming its line (PyYAML silently keeps the
last one), and, with `lines=True`, every mapping carries the line it starts on
under the key `__line__`, so later validation can name the line of a bad entry.

`read_bytes(path)` reads any data or dictionary file, a regular file of at most
MAX_FILE_BYTES that is not binary, so /dev/zero or an executable named as a
dictionary is one error, not a hang or a dictionary of its bytes.

Every way a file can fail (unreadable, not UTF-8, not YAML, nested too deep for
the parser or deeper than MAX_DEPTH levels, a value YAML itself rejects such as
the date 2024-13-01) is a `KnowledgeError` whose message names the file.
"""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path
from typing import Any

import yaml

from .errors import KnowledgeError

LINE_KEY = "__line__"
MAX_FILE_BYTES = 256 * 2**20  # the largest data file read: the built-in ones are under 4 MB
MAX_DEPTH = 100  # levels of nesting; dragoman's own files use fewer than ten
_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[valid-type,misc]
    """Safe loading, duplicate keys refused, optionally each mapping's line kept."""

    keep_lines = False
    where = "<yaml>"


class _LineLoader(_Loader):
    keep_lines = True


def _construct_mapping(loader: _Loader, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        try:
            duplicate = key in seen
        except TypeError:  # an unhashable key: PyYAML's own constructor reports it
            break
        if duplicate:
            raise KnowledgeError(f"{loader.where}:{key_node.start_mark.line + 1}: duplicate key {key!r}")
        seen.add(key)
    mapping: dict[Any, Any] = yaml.constructor.SafeConstructor.construct_mapping(loader, node, deep=deep)
    if loader.keep_lines:
        mapping[LINE_KEY] = node.start_mark.line + 1
    return mapping


for _cls in (_Loader, _LineLoader):
    _cls.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def parse_yaml(text: str | bytes, where: str, *, lines: bool = False) -> Any:
    """Parse YAML text; `where` names it in errors (a path, or "<memory>")."""
    if isinstance(text, bytes):
        text = decode_utf8(text, where)
    loader = (_LineLoader if lines else _Loader)(text)
    loader.where = where
    try:
        data = loader.get_single_data()
        _check_depth(data, where)
        return data
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f"{where}:{mark.line + 1}" if mark is not None else where
        problem = getattr(exc, "problem", None) or " ".join(str(exc).split())
        raise KnowledgeError(f"{at}: not valid YAML ({problem})") from None
    except RecursionError:
        raise KnowledgeError(f"{where}: nested too deeply to be a dictionary file") from None
    except (ValueError, OverflowError) as exc:  # a value YAML itself rejects, e.g. the date 2024-13-01
        raise KnowledgeError(f"{where}: not valid YAML ({exc}); quote dates and check them") from None
    finally:
        loader.dispose()


def _check_depth(data: Any, where: str) -> None:
    """Refuse nesting no data file needs: the C parser reads 10,000 levels, but whatever
    walks or prints them afterwards (validation, an error message's repr) recurses."""
    stack = [(data, 1)]
    seen: set[int] = set()  # an alias repeats a node: walk each once
    while stack:
        node, depth = stack.pop()
        if not isinstance(node, (dict, list)) or id(node) in seen:
            continue
        if depth > MAX_DEPTH:
            raise KnowledgeError(f"{where}: nested too deeply to be a dictionary file (more than {MAX_DEPTH} levels)")
        seen.add(id(node))
        stack.extend((child, depth + 1) for child in (node.values() if isinstance(node, dict) else node))


def read_yaml(path: str | Path, *, lines: bool = False) -> Any:
    """Read and parse a YAML file (see `parse_yaml`)."""
    return parse_yaml(read_bytes(path), str(path), lines=lines)


def read_bytes(path: str | Path, what: str = "") -> bytes:
    """The bytes of a data or dictionary file: a regular file of at most MAX_FILE_BYTES, and not
    binary (a NUL byte, where no UTF-16 or UTF-32 BOM says the file is wide text). A device
    (/dev/zero), a pipe, a larger file or an executable is a KnowledgeError naming it; `what`
    ("actor dictionary") says what the file was to be."""
    as_ = f" {what}" if what else ""
    try:
        with open(path, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise KnowledgeError(f"{path}: not a regular file (a device, a pipe or a socket); give the{as_} file itself")
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise KnowledgeError(f"{path}: cannot read{as_} ({exc.strerror or exc})") from None
    if len(data) > MAX_FILE_BYTES:
        raise KnowledgeError(f"{path}: over {MAX_FILE_BYTES // 2**20:,} MB, more than any{as_} file holds; check the name")
    nul = data.find(b"\x00")
    if nul >= 0 and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # the UTF-32 BOMs start so too
        raise KnowledgeError(f"{path}: a binary file, not text (a NUL byte at byte {nul:,}); give the{as_} file itself")
    return data


def check_depth(data: Any, where: str) -> None:
    """Refuse data nested deeper than MAX_DEPTH levels (see `_check_depth`), JSON as well as YAML."""
    _check_depth(data, where)


def decode_utf8(data: bytes, where: str) -> str:
    """UTF-8 text (a BOM allowed); anything else is a KnowledgeError saying what to do."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise KnowledgeError(f"{where}: this file is UTF-16; re-encode it as UTF-8 (e.g. iconv -f UTF-16 -t UTF-8)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise KnowledgeError(
            f"{where}: not valid UTF-8 at byte {exc.start}; re-encode it as UTF-8 (e.g. iconv -f LATIN1 -t UTF-8)"
        ) from None
