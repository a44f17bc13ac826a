"""Who appears, how often, with whom; and the names left unresolved."""

from __future__ import annotations

from analyse_events import event

from dragoman.analyse import actor_table, unresolved_mentions
from dragoman.records import Actor

MILITANTS = Actor(text="the  militants", name=None, code=None)  # two spaces: the words are normalised
CROWD = Actor(text="a crowd", name=None, code=None)


def test_each_code_gets_a_row_with_roles_and_partners_most_active_first():
    events = [
        event("e1", "USAGOV", "IRN"),
        event("e2", "USAGOV", "IRNGOV"),
        event("e3", "IRNGOV", "USAGOV"),
        event("e4", "OMNGOV", "IRNGOV"),
        event("e5", "IRNGOV", "IRNGOV"),  # both sides: one event, no partner
        event("e6", "USAGOV", MILITANTS),  # an unresolved partner is not a partner
    ]
    rows = [r.to_dict() for r in actor_table(events, partners=2)]
    assert rows == [
        {"code": "IRNGOV", "name": "Iranian government", "names": [{"name": "Iranian government", "count": 5}], "country": "IRN", "sector": "GOV", "events": 4,
         "as_source": 2, "as_target": 3, "partners": [{"code": "USAGOV", "events": 2}, {"code": "OMNGOV", "events": 1}]},
        {"code": "USAGOV", "name": "United States government", "names": [{"name": "United States government", "count": 4}], "country": "USA", "sector": "GOV", "events": 4,
         "as_source": 3, "as_target": 1, "partners": [{"code": "IRNGOV", "events": 2}, {"code": "IRN", "events": 1}]},
        {"code": "IRN", "name": "Iran", "names": [{"name": "Iran", "count": 1}], "country": "IRN", "sector": None, "events": 1,
         "as_source": 0, "as_target": 1, "partners": [{"code": "USAGOV", "events": 1}]},
        {"code": "OMNGOV", "name": "Omani government", "names": [{"name": "Omani government", "count": 1}], "country": "OMN", "sector": "GOV", "events": 1,
         "as_source": 1, "as_target": 0, "partners": [{"code": "IRNGOV", "events": 1}]},
    ]  # fmt: skip


def test_names_are_the_most_frequent_first_then_in_alphabetical_order():
    tehran = Actor(text="Tehran", name=None, code="IRNGOV", country="IRN")
    regime = Actor(text="the regime", name="Iranian regime", code="IRNGOV", country="IRN")
    khamenei = Actor(text="Khamenei", name="Ali Khamenei", code="IRNGOV", country="IRN")
    events = [event("e1", tehran, None), event("e2", regime, None), event("e3", regime, None), event("e4", tehran, None),
              event("e5", khamenei, None)]  # fmt: skip
    rows = actor_table(events, names=2)
    assert [(r.code, r.name, r.names) for r in rows] == [
        ("IRNGOV", "Iranian regime", (("Iranian regime", 2), ("Tehran", 2)))  # 2 and 2: "Iranian regime" < "Tehran"
    ]


def test_unresolved_names_are_counted_from_sources_and_targets_without_a_code():
    events = [
        event("e1", MILITANTS, "IRN"),
        event("e2", "USAGOV", MILITANTS),
        event("e3", CROWD, CROWD),
        event("e4", "USAGOV", "IRN"),
    ]
    found = [u.to_dict() for u in unresolved_mentions(events)]
    assert found == [
        {"text": "a crowd", "count": 2, "event_ids": ["e3"]},
        {"text": "the militants", "count": 2, "event_ids": ["e1", "e2"]},
    ]


def test_examples_are_capped():
    events = [event(f"e{i}", MILITANTS, None) for i in range(8)]
    (name,) = unresolved_mentions(events, examples=3)
    assert (name.count, name.event_ids) == (8, ("e0", "e1", "e2"))
