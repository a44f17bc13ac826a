"""The timeline's groups and its chart's counts per day."""

from __future__ import annotations

from analyse_events import event

from dragoman.analyse import date_groups, day_counts


def test_groups_are_runs_of_one_date_at_one_precision():
    events = [
        event("m", "USAGOV", "IRN", "2025-03"),
        event("a", "USAGOV", "IRN", "2025-03-07"),
        event("b", "IRN", "USAGOV", "2025-03-07"),
        event("r", "USAMIL", "IRN", "2025-03-07", precision="range"),  # same day, but a range: its own group
        event("c", "IRN", "USAGOV", "2025-03-08"),
        event("u", "IRN", "USAGOV", None),
    ]
    groups = [(g.date, g.precision, [e.event_id for e in g.events]) for g in date_groups(events)]
    assert groups == [
        ("2025-03", "month", ["m"]),
        ("2025-03-07", "day", ["a", "b"]),
        ("2025-03-07", "range", ["r"]),
        ("2025-03-08", "day", ["c"]),
        (None, None, ["u"]),
    ]
    assert date_groups([]) == []


def test_day_counts_split_by_quad_class_and_skip_what_is_not_a_day():
    events = [
        event("a", "USAGOV", "IRN", "2025-03-07", quad=3),
        event("b", "IRN", "USAGOV", "2025-03-07", quad=1),
        event("c", "IRN", "USAGOV", "2025-03-07", quad=3),
        event("r", "USAMIL", "IRN", "2025-03-31", precision="range", quad=4),
        event("m", "USAGOV", "IRN", "2025-03"),
        event("u", "IRN", "USAGOV", None),
    ]
    assert [d.to_dict() for d in day_counts(events)] == [
        {"day": "2025-03-07", "quad": {"verbal_cooperation": 1, "material_cooperation": 0, "verbal_conflict": 2, "material_conflict": 0}},
        {"day": "2025-03-31", "quad": {"verbal_cooperation": 0, "material_cooperation": 0, "verbal_conflict": 0, "material_conflict": 1}},
    ]
