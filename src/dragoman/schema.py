"""Data files as typed records: a small, strict reader from parsed YAML to a frozen dataclass.

`build(cls, data, where)` fills the dataclass `cls` from the mapping `data`:
every field without a default must be in the file (a renamed key is an error,
never a feature silently switched off), a key the class does not have is an
error, and each value is checked against the field's type:

    frozenset[str]        a list of words, as written (a bare on/no/yes that
                          YAML read as a boolean is refused: quote it)
    tuple[str, ...]       a list of words, order kept
    str / int / float / bool
    dict[str, str]        a mapping of words to words
    dict[str, bool] ...   likewise for other value types
    a nested dataclass    a nested mapping, read by the same rules

Errors are `KnowledgeError`s naming the file and the key path ("grammar.yaml:
hedge_aux: missing").
"""

from __future__ import annotations

import dataclasses
import types
import typing
from typing import Any, TypeVar

from .errors import KnowledgeError
from .yamlfile import LINE_KEY

T = TypeVar("T")


def build(cls: type[T], data: Any, where: str) -> T:
    """The dataclass `cls` read from the mapping `data` (see the module docstring)."""
    if not dataclasses.is_dataclass(cls):
        raise TypeError(f"{cls!r} is not a dataclass")
    if not isinstance(data, dict):
        raise KnowledgeError(f"{where}: expected a mapping, got {_shown(data)}")
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls) if f.init}
    unknown = sorted(str(k) for k in data if k != LINE_KEY and k not in fields)
    if unknown:
        raise KnowledgeError(f"{where}: unknown key(s) {unknown}; expected {sorted(fields)}")
    values: dict[str, Any] = {}
    for name, f in fields.items():
        if name not in data:
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                raise KnowledgeError(f"{where}: {name}: missing (a required key)")
            continue
        values[name] = _value(hints[name], data[name], f"{where}: {name}")
    return cls(**values)


def _value(kind: Any, raw: Any, where: str) -> Any:
    origin = typing.get_origin(kind)
    args = typing.get_args(kind)
    if origin in (types.UnionType, typing.Union):
        if raw is None and type(None) in args:
            return None
        (inner,) = [a for a in args if a is not type(None)]
        return _value(inner, raw, where)
    if dataclasses.is_dataclass(kind):
        return build(kind, raw, where)  # type: ignore[arg-type]
    if origin is frozenset:
        return frozenset(_words(raw, where, args[0]))
    if origin is tuple:
        return tuple(_words(raw, where, args[0]))
    if origin is dict:
        if not isinstance(raw, dict):
            raise KnowledgeError(f"{where}: expected a mapping, got {_shown(raw)}")
        out = {}
        for key, value in raw.items():
            if key == LINE_KEY:
                continue
            if not isinstance(key, str):
                raise KnowledgeError(f"{where}: the key {key!r} is not a word (quote it)")
            out[key] = _value(args[1], value, f"{where}.{key}")
        return out
    return _scalar(kind, raw, where)


def _words(raw: Any, where: str, item: Any) -> list[Any]:
    if not isinstance(raw, list):
        raise KnowledgeError(f"{where}: expected a list, got {_shown(raw)}")
    return [_scalar(item, word, where) for word in raw]


def _scalar(kind: Any, raw: Any, where: str) -> Any:
    if kind is str:
        if not isinstance(raw, str):
            hint = " (quote it: YAML reads a bare on/off/yes/no as a boolean)" if isinstance(raw, bool) else ""
            raise KnowledgeError(f"{where}: {_shown(raw)} is not a word{hint}")
        return raw
    if kind is bool:
        if not isinstance(raw, bool):
            raise KnowledgeError(f"{where}: expected true or false, got {_shown(raw)}")
        return raw
    if kind in (int, float):
        if isinstance(raw, bool) or not isinstance(raw, (int, float)) or (kind is int and not isinstance(raw, int)):
            raise KnowledgeError(f"{where}: expected a number, got {_shown(raw)}")
        return kind(raw)
    raise TypeError(f"{where}: no reader for fields of type {kind!r}")


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
