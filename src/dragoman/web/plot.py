"""A pair's trajectory as an image for reports (`dragoman plot`): matplotlib, Agg, written atomically.

The figure is drawn from the same series the dashboard charts (views.series_view):
Goldstein totals per day or week for each direction with their sum, the
largest escalations (▼) and de-escalations (▲) marked, and the event counts
below. A figure object and an Agg canvas are made for the one image, so
nothing touches pyplot's global state or the user's matplotlib backend.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterable, Mapping
from typing import Any

from ..errors import UsageError
from ..outputs import check_output, output_path

__all__ = ["FORMATS", "write_trajectory"]

FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}
A_TO_B, B_TO_A, ESCALATION, DEESCALATION = "#2160a8", "#8a4fb5", "#b2182b", "#1b7f5f"


def write_trajectory(series: Mapping[str, Any], path: str, *, force: bool = False, stores: Iterable[str] = ()) -> None:
    """Draw `series` (a series_view dict) into `path` (.png, .svg or .pdf), through dragoman.outputs:
    an existing file only with `force`, a device (/dev/null) written into, never a store's
    file (`stores`), and no partial file left behind."""
    suffix = os.path.splitext(path)[1].lower()
    if suffix not in FORMATS:
        raise UsageError(f"{path}: write the image as one of {', '.join(FORMATS)} (the extension says which)")
    check_output(path, force=force, stores=stores)
    figure = _figure(series)
    with output_path(path, force=force, stores=stores) as temporary:
        figure.savefig(temporary, format=FORMATS[suffix], dpi=150)


def _figure(series: Mapping[str, Any]) -> Any:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
    from matplotlib.figure import Figure

    a, b, bin = series["a"], series["b"], series["bin"]
    periods = series["periods"]
    days = [datetime.date.fromisoformat(p["period"]) for p in periods]
    span = 7.0 if bin == "week" else 1.0
    width = span * 0.4
    left = [datetime.datetime.combine(d, datetime.time()) + datetime.timedelta(days=span * 0.1) for d in days]
    right = [x + datetime.timedelta(days=width) for x in left]
    middle = [datetime.datetime.combine(d, datetime.time()) + datetime.timedelta(days=span / 2) for d in days]

    figure = Figure(figsize=(10, 6), layout="constrained")
    FigureCanvasAgg(figure)
    top, bottom = figure.subplots(2, 1, sharex=True, height_ratios=[3, 1])
    handles = [
        top.bar(left, [p["a_to_b"]["goldstein"] for p in periods], width=width, align="edge", color=A_TO_B, label=f"{a} → {b}"),
        top.bar(right, [p["b_to_a"]["goldstein"] for p in periods], width=width, align="edge", color=B_TO_A, label=f"{b} → {a}"),
        *top.plot(middle, [p["goldstein"] for p in periods], color="#1d232a", linestyle=":", linewidth=1.2, label="total"),
    ]
    total = {p["period"]: p["goldstein"] for p in periods}
    at = dict(zip((p["period"] for p in periods), middle, strict=True))
    for points, marker, colour, label in ((series["escalations"], "v", ESCALATION, "largest escalations"),
                                          (series["deescalations"], "^", DEESCALATION, "largest de-escalations")):  # fmt: skip
        if points:
            handles.append(top.scatter([at[t["period"]] for t in points], [total[t["period"]] for t in points], marker=marker, s=90,
                        color=colour, edgecolors="white", zorder=3, label=label))  # fmt: skip
    top.axhline(0, color="#444", linewidth=0.8)
    top.set_ylabel("Goldstein total")
    top.set_title(f"{a} ↔ {b}: Goldstein total per {bin}, both directions", loc="left")
    top.legend(handles=handles, loc="best", fontsize=8, frameon=False)
    top.grid(axis="y", color="#ddd", linewidth=0.6)
    bottom.bar(left, [p["a_to_b"]["count"] for p in periods], width=width, align="edge", color=A_TO_B, alpha=0.6)
    bottom.bar(right, [p["b_to_a"]["count"] for p in periods], width=width, align="edge", color=B_TO_A, alpha=0.6)
    bottom.set_ylabel("events")
    bottom.grid(axis="y", color="#ddd", linewidth=0.6)
    locator = AutoDateLocator()  # type: ignore[no-untyped-call]
    bottom.xaxis.set_major_locator(locator)
    bottom.xaxis.set_major_formatter(ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
    if series["unplaced"]:
        bottom.set_xlabel(f"{len(series['unplaced'])} of the pair's events have no day (month or year only, or undated) "
                          "and are not shown", fontsize=8, color="#555")  # fmt: skip
    if not periods:
        top.text(0.5, 0.5, "no dated events between these two", transform=top.transAxes, ha="center", color="#555")
    return figure
