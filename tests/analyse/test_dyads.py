"""Dyads and their series: parties, pairs, per-day and per-week totals, turning points."""

from __future__ import annotations

import pytest

from dragoman.analyse import dyad_series, dyads, involves, party
from dragoman.analyse.dyads import quad_counts
from dragoman.records import Actor

from analyse_events import ACTORS, event


def test_a_party_is_the_country_or_for_bodies_the_code():
    assert party(ACTORS["USAGOV"]) == "USA"
    assert party(ACTORS["IRN"]) == "IRN"
    assert party(ACTORS["IGOUNOIAE"]) == "IGOUNOIAE"  # not "IGO": every UN agency would be one party
    assert party(Actor(text="the militants", name=None, code=None)) is None
    assert party(None) is None


def test_keys_match_as_the_store_filter_does():
    assert involves(ACTORS["USAGOV"], "USA")  # country
    assert involves(ACTORS["USAGOV"], "USAG")  # code prefix
    assert not involves(ACTORS["USAGOV"], "USAMIL")
    assert involves(ACTORS["IGOUNOIAE"], "IGOUNO")
    assert not involves(ACTORS["IRN"], "")
    assert not involves(None, "IRN")


def test_pairs_count_both_directions_most_active_first():
    events = [
        event("e1", "USAGOV", "IRN", goldstein=-7.0),
        event("e2", "USAMIL", "IRNGOV", goldstein=-9.0),
        event("e3", "IRNGOV", "USAGOV", goldstein=1.0),
        event("e4", "OMNGOV", "IRNGOV", goldstein=3.0),
        event("e5", "OMNGOV", "USAGOV", goldstein=3.0),
        event("e6", "IRNGOV", "IRN"),  # one party on both sides: no pair
        event("e7", "IRNGOV", None),  # no target
        event("e8", "IRNGOV", Actor(text="the militants", name=None, code=None)),  # unresolved
    ]
    found = [d.to_dict() for d in dyads(events)]
    assert found == [
        {"a": "IRN", "b": "USA", "events": 3, "a_to_b": 1, "b_to_a": 2, "goldstein_a_to_b": 1.0, "goldstein_b_to_a": -16.0},
        {"a": "IRN", "b": "OMN", "events": 1, "a_to_b": 0, "b_to_a": 1, "goldstein_a_to_b": 0.0, "goldstein_b_to_a": 3.0},
        {"a": "OMN", "b": "USA", "events": 1, "a_to_b": 1, "b_to_a": 0, "goldstein_a_to_b": 3.0, "goldstein_b_to_a": 0.0},
    ]


def test_no_events_no_pairs():
    assert dyads([]) == []


def test_quad_counts_name_all_four_classes():
    events = [event("e1", "USAGOV", "IRN", quad=3), event("e2", "USAGOV", "IRN", quad=3), event("e3", "IRN", "USAGOV", quad=1)]
    assert quad_counts(events) == {"verbal_cooperation": 1, "material_cooperation": 0, "verbal_conflict": 2, "material_conflict": 0}


# A crisis in miniature: threats in March, talks in April.
CRISIS = [
    event("t1", "USAGOV", "IRN", "2025-03-03", goldstein=-7.0, quad=3),  # Monday
    event("s1", "USAGOV", "IRN", "2025-03-07", goldstein=0.0, quad=1),  # Friday of the same week
    event("t2", "USAGOV", "IRNGOV", "2025-03-15", goldstein=-7.0, quad=3),
    event("t3", "USAGOV", "IRN", "2025-03-30", goldstein=-7.0, quad=3),  # Sunday: week of 03-24
    event("t4", "IRNGOV", "USAGOV", "2025-03-31", goldstein=-7.0, quad=3),  # Monday: week of 03-31
    event("m1", "USAMIL", "IRN", "2025-03-31", goldstein=-7.2, quad=4, precision="range"),
    event("k1", "USAGOV", "IRNGOV", "2025-04-12", goldstein=2.5, quad=1),
    event("k2", "IRNGOV", "USAGOV", "2025-04-12", goldstein=2.5, quad=1),
    event("x1", "IRNGOV", "USAGOV", "2025-03", goldstein=-2.0, quad=3),  # a month: no day to stand on
    event("x2", "USAGOV", "IRN", None, goldstein=4.0, quad=1),  # undated
    event("o1", "OMNGOV", "IRNGOV", "2025-04-12", goldstein=3.0, quad=1),  # another pair
]


def test_a_daily_series_has_one_point_per_day_with_events_both_directions():
    series = dyad_series(CRISIS, "USA", "IRN")
    assert [(p.period, p.a_to_b.count, p.b_to_a.count, p.goldstein) for p in series.periods] == [
        ("2025-03-03", 1, 0, -7.0),
        ("2025-03-07", 1, 0, 0.0),
        ("2025-03-15", 1, 0, -7.0),
        ("2025-03-30", 1, 0, -7.0),
        ("2025-03-31", 1, 1, -14.2),
        ("2025-04-12", 1, 1, 5.0),
    ]
    day = series.periods[4]
    assert day.a_to_b.event_ids == ("m1",) and day.b_to_a.event_ids == ("t4",)
    assert day.a_to_b.quad == {"verbal_cooperation": 0, "material_cooperation": 0, "verbal_conflict": 0, "material_conflict": 1}
    assert series.unplaced == ("x1", "x2")
    assert (series.a_to_b.count, series.b_to_a.count) == (7, 3)  # the unplaced ones count in the totals
    assert series.b_to_a.quad == {"verbal_cooperation": 1, "material_cooperation": 0, "verbal_conflict": 2, "material_conflict": 0}


def test_weeks_start_on_monday():
    series = dyad_series(CRISIS, "USA", "IRN", bin="week")
    assert [(p.period, p.a_to_b.count + p.b_to_a.count, round(p.goldstein, 2)) for p in series.periods] == [
        ("2025-03-03", 2, -7.0),
        ("2025-03-10", 1, -7.0),
        ("2025-03-24", 1, -7.0),
        ("2025-03-31", 2, -14.2),
        ("2025-04-07", 2, 5.0),
    ]


def test_turning_points_are_the_largest_moves_with_their_events():
    series = dyad_series(CRISIS, "USA", "IRN", bin="week", turning_points=2)
    # changes: 03-03 -7 (from nothing), 03-10 0, 03-24 0, 03-31 -7.2, 04-07 +19.2
    assert [(t.period, t.previous, round(t.change, 2)) for t in series.escalations] == [
        ("2025-03-31", "2025-03-24", -7.2),
        ("2025-03-03", None, -7.0),
    ]
    assert series.escalations[0].event_ids == ("m1", "t4")  # the lowest score first
    assert [(t.period, t.previous, round(t.change, 2)) for t in series.deescalations] == [("2025-04-07", "2025-03-31", 19.2)]
    assert series.deescalations[0].event_ids == ("k1", "k2")


def test_the_keys_can_be_codes_and_the_order_of_the_pair_sets_the_directions():
    series = dyad_series(CRISIS, "IRNGOV", "USAGOV")
    assert [(p.period, p.a_to_b.event_ids, p.b_to_a.event_ids) for p in series.periods] == [
        ("2025-03-15", (), ("t2",)),
        ("2025-03-31", ("t4",), ()),
        ("2025-04-12", ("k2",), ("k1",)),
    ]
    assert series.unplaced == ("x1",)


def test_a_pair_that_never_met_has_an_empty_series():
    series = dyad_series(CRISIS, "OMN", "USA")
    assert series.periods == () and series.escalations == () and series.deescalations == () and series.unplaced == ()
    assert series.to_dict()["a_to_b"] == {
        "count": 0, "goldstein": 0.0, "event_ids": [],
        "quad": {"verbal_cooperation": 0, "material_cooperation": 0, "verbal_conflict": 0, "material_conflict": 0},
    }  # fmt: skip


def test_series_json_round_numbers():
    data = dyad_series(CRISIS, "USA", "IRN", bin="week").to_dict()
    assert data["periods"][3] == {
        "period": "2025-03-31",
        "goldstein": -14.2,
        "count": 2,
        "a_to_b": {"count": 1, "goldstein": -7.2, "event_ids": ["m1"],
                   "quad": {"verbal_cooperation": 0, "material_cooperation": 0, "verbal_conflict": 0, "material_conflict": 1}},
        "b_to_a": {"count": 1, "goldstein": -7.0, "event_ids": ["t4"],
                   "quad": {"verbal_cooperation": 0, "material_cooperation": 0, "verbal_conflict": 1, "material_conflict": 0}},
    }  # fmt: skip
    assert set(data) == {"a", "b", "bin", "periods", "a_to_b", "b_to_a", "escalations", "deescalations", "unplaced"}


@pytest.mark.parametrize("kwargs", [{"bin": "month"}, {"turning_points": -1}])
def test_bad_arguments_are_refused(kwargs):
    with pytest.raises(ValueError):
        dyad_series(CRISIS, "USA", "IRN", **kwargs)
