"""Commands the web layer adds to the command line (`dragoman serve`, `dragoman plot`).

`add_commands(sub, command)` is called by cli.build_parser with the
subparsers object and cli's helper that makes a subcommand from a handler.
Nothing heavy is imported here: handlers import the web framework when run.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def add_commands(sub: Any, command: Callable[..., Any]) -> None:
    """No web commands yet."""
