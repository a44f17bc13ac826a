"""argparse types shared by every command module (cli.py, happenings/commands.py,
web/commands.py): a whole number within bounds, refused in one line that says what it is."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from .errors import clip

__all__ = ["whole_number"]


def whole_number(low: int, high: int, *, not_a: str = "a whole number", out_of_range: str | None = None) -> Callable[[str], int]:
    """An argparse type: an int from `low` to `high`. `not_a` ends "'x' is not ..." and
    `out_of_range` ends "N is out of range: ..." (default "give LOW to HIGH")."""
    beyond = out_of_range or f"give {low:,} to {high:,}"

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{clip(text)} is not {not_a}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{text} is out of range: {beyond}")
        return value

    return parse
