"""The public API: an explicit, sorted, complete __all__."""

from __future__ import annotations

import inspect

import dragoman


def test_all_is_sorted_and_complete():
    names = dragoman.__all__
    assert names == sorted(names)
    public = {n for n, v in vars(dragoman).items() if not n.startswith("_") and not inspect.ismodule(v)}
    assert public == set(names) - {"__version__"}


def test_every_name_resolves():
    for name in dragoman.__all__:
        assert getattr(dragoman, name) is not None
