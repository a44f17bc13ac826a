"""The rules of grouping, one at a time, on events built by hand (the pipeline's own are in test_happening_reports)."""

from __future__ import annotations

import random
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from dragoman.errors import KnowledgeError
from dragoman.happenings.grouping import (
    date_span,
    group_events,
    group_stream,
    happening_id,
)
from dragoman.happenings.rules import HappeningRules, load_happening_rules
from dragoman.happenings.wording import event_words, similarity
from dragoman.policy import data_file, load_policy
from dragoman.records import Actor, DateValue, Event

RULES = load_happening_rules()
NON_EVENTS = load_policy()[0].non_events
SENTENCE = (
    "Ruritania and Freedonia signed an accord on fishing rights in the northern sea."
)


NAMES = {
    "RUR": "Ruritania",
    "FRE": "Freedonia",
    "GRA": "Graustark",
    "SYL": "Sylvania",
    "BOR": "Borduria",
    "KLO": "Klopstokia",
}


def actor(
    code: str | None, start: int = 0, end: int = 0, sentence: str = ""
) -> Actor | None:
    """An actor with this code; its offsets those of its country's name in `sentence`, if there."""
    if code is None:
        return None
    name = NAMES.get(code[:3], code)
    found = sentence.find(name)
    if found >= 0:
        start, end = found, found + len(name)
    return Actor(text=name, name=name, code=code, start=start, end=end)


def event(
    event_id: str,
    doc_id: str,
    *,
    source: str | None = "RUR",
    target: str | None = "FRE",
    cameo: str = "057",
    date: str | None = "2021-06-01",
    precision: str | None = "day",
    sentence: str = SENTENCE,
    index: int = 0,
    **changes: Any,
) -> Event:
    return Event(
        event_id=event_id, doc_id=doc_id, sentence_index=index, sentence=sentence, span=(0, len(sentence)),
        trigger="signed", trigger_span=(0, 0), source=actor(source, sentence=sentence),
        target=actor(target, sentence=sentence), cameo=cameo,
        root=cameo[:2], cameo_name=f"code {cameo}", goldstein=0.0, quad_class=1, plover=None,
        date=DateValue(date, precision, "explicit" if date else None), **changes,
    )  # fmt: skip


def group(*events: Event, rules: HappeningRules = RULES) -> list[list[str]]:
    """The event ids of each happening."""
    return [
        [m.event_id for m in h.members]
        for h in group_events(events, rules, non_events=NON_EVENTS)
    ]


# ---------------------------------------------------------------- documents


def test_two_documents_group_and_one_document_never_groups_with_itself() -> None:
    assert group(event("a", "d1"), event("b", "d2")) == [["a", "b"]]
    assert group(event("a", "d1"), event("b", "d1", index=3)) == []


def test_the_mirror_events_of_one_sentence_are_one_report() -> None:
    a = event("a", "d1", reciprocal=True)
    mirror = event("a2", "d1", source="FRE", target="RUR", reciprocal=True)
    b = event("b", "d2", source="FRE", target="RUR", reciprocal=True)
    (found,) = group_events([a, mirror, b], RULES, non_events=NON_EVENTS)
    assert [m.event_id for m in found.members] == ["a", "a2", "b"]
    assert found.reports == 2 and found.documents == ("d1", "d2")


def test_a_second_report_of_one_document_does_not_join_and_starts_none_of_its_own() -> (
    None
):
    # d1 tells of the accord in two sentences; d2 once: one happening of d1's first sentence and d2
    found = group(event("a", "d1"), event("a-again", "d1", index=4), event("b", "d2"))
    assert found == [["a", "b"]]


# ---------------------------------------------------------------- actors


def test_a_code_and_a_more_specific_one_are_one_actor() -> None:
    assert group(event("a", "d1", source="RUR"), event("b", "d2", source="RURGOV")) == [
        ["a", "b"]
    ]


def test_two_specific_codes_of_one_country_are_not_one_actor() -> None:
    # RURGOV fits RUR, RURMIL fits RUR, but once RURGOV is in, RURMIL no longer fits
    found = group(
        event("a", "d1", source="RUR"),
        event("b", "d2", source="RURGOV"),
        event("c", "d3", source="RURMIL"),
    )
    assert found == [["a", "b"]]


def test_prefix_compatibility_can_be_switched_off() -> None:
    strict = replace(RULES, actors=replace(RULES.actors, prefix_compatible=False))
    assert (
        group(
            event("a", "d1", source="RUR"),
            event("b", "d2", source="RURGOV"),
            rules=strict,
        )
        == []
    )


def test_another_target_or_no_target_is_another_happening() -> None:
    assert group(event("a", "d1"), event("b", "d2", target="GRA")) == []
    assert group(event("a", "d1"), event("b", "d2", target=None)) == []
    assert group(event("a", "d1", target=None), event("b", "d2", target=None)) == [
        ["a", "b"]
    ]


def test_the_other_direction_fits_only_a_mutual_act() -> None:
    assert group(event("a", "d1"), event("b", "d2", source="FRE", target="RUR")) == []
    mutual = group(
        event("a", "d1", reciprocal=True), event("b", "d2", source="FRE", target="RUR")
    )
    assert mutual == [["a", "b"]]


def test_an_event_without_a_source_code_is_never_grouped() -> None:
    assert group(event("a", "d1", source=None), event("b", "d2", source=None)) == []


# ---------------------------------------------------------------- action families


def test_the_family_of_a_code() -> None:
    assert [RULES.family(c) for c in ("036", "040", "0431", "057", "051", "190", "183", "131", "130")] == [
        "talks", "talks", "talks", "agreement", "05", "force", "force", "13", "13",
    ]  # fmt: skip


def test_codes_of_one_family_group_and_of_two_do_not() -> None:
    assert group(event("a", "d1", cameo="036"), event("b", "d2", cameo="040")) == [
        ["a", "b"]
    ]
    assert group(event("a", "d1", cameo="057"), event("b", "d2", cameo="051")) == []


# ---------------------------------------------------------------- dates


def test_date_spans() -> None:
    day = date_span("2021-06-01")
    assert day is not None and day[0] == day[1]
    june = date_span("2021-06")
    assert june is not None and june[1] - june[0] == 29
    assert date_span("2021") is not None and date_span("202") is not None
    assert date_span("2021-06-01", "2021-06-10") == (day[0], day[0] + 9)
    assert (
        date_span(None) is None
        and date_span("2021-02-30") is None
        and date_span("soon") is None
    )


def test_day_dates_a_day_apart_group_and_two_days_apart_do_not() -> None:
    assert group(
        event("a", "d1", date="2021-06-01"), event("b", "d2", date="2021-06-02")
    ) == [["a", "b"]]
    assert (
        group(event("a", "d1", date="2021-06-01"), event("b", "d2", date="2021-06-03"))
        == []
    )


def test_every_two_members_must_fit_not_just_neighbours() -> None:
    # 1 and 2 June fit, 2 and 3 June fit, but 1 and 3 June do not: the third starts its own
    found = group(
        event("a", "d1", date="2021-06-01"),
        event("b", "d2", date="2021-06-02"),
        event("c", "d3", date="2021-06-03"),
    )
    assert found == [["a", "b"]]


def test_a_month_fits_a_day_of_that_month() -> None:
    assert group(
        event("a", "d1", date="2021-06", precision="month"),
        event("b", "d2", date="2021-06-20"),
    ) == [["a", "b"]]
    assert (
        group(
            event("a", "d1", date="2021-05", precision="month"),
            event("b", "d2", date="2021-06-20"),
        )
        == []
    )


def test_vague_dates_group_only_with_vague_ones_and_undated_with_undated() -> None:
    assert (
        group(
            event("a", "d1", date="2021", precision="year"),
            event("b", "d2", date="2021-06-01"),
        )
        == []
    )
    assert group(
        event("a", "d1", date="2021", precision="year"),
        event("b", "d2", date="2021", precision="year"),
    ) == [["a", "b"]]
    assert (
        group(
            event("a", "d1", date=None, precision=None),
            event("b", "d2", date="2021-06-01"),
        )
        == []
    )
    assert group(
        event("a", "d1", date=None, precision=None),
        event("b", "d2", date=None, precision=None),
    ) == [["a", "b"]]


def test_a_happening_takes_the_most_precise_date() -> None:
    (found,) = group_events(
        [
            event("a", "d1", date="2021-06", precision="month"),
            event("b", "d2", date="2021-06-20"),
        ],
        RULES,
        non_events=NON_EVENTS,
    )
    assert (found.date, found.date_precision) == ("2021-06-20", "day")


# ---------------------------------------------------------------- modality


def test_only_acts_are_grouped() -> None:
    for modality in sorted(NON_EVENTS):
        assert group(event("a", "d1"), event("b", "d2", modality=modality)) == [], (
            modality
        )
    assert group(event("a", "d1"), event("b", "d2", modality="reported")) == [
        ["a", "b"]
    ]


# ---------------------------------------------------------------- wording


def test_content_words_leave_out_the_actors_the_trigger_the_date_and_the_frame() -> (
    None
):
    text = "On Tuesday Ruritania signed the treaties with Freedonia, officials said, ending disputed claims."
    e = replace(
        event("a", "d1", sentence=text),
        source=actor("RUR", 11, 20), target=actor("FRE", 45, 54), trigger_span=(21, 27),
        date=DateValue("2021-06-01", "day", "relative", expression="On Tuesday"),
    )  # fmt: skip
    assert event_words(e, RULES.wording) == {"end", "disput", "claim"}


def test_close_wording_groups_and_other_words_part() -> None:
    near = "Ruritania and Freedonia signed an accord about the northern sea and its fishing rights."
    other = "Ruritania and Freedonia signed an accord on the railway tunnel under the mountains."
    assert group(event("a", "d1"), event("b", "d2", sentence=near)) == [["a", "b"]]
    assert group(event("a", "d1"), event("b", "d2", sentence=other)) == []


def test_too_few_words_neither_join_nor_part_precise_dates_but_vague_ones_need_words() -> (
    None
):
    short = "Ruritania and Freedonia signed."
    assert group(event("a", "d1"), event("b", "d2", sentence=short)) == [["a", "b"]]
    undated = {"date": None, "precision": None}
    assert (
        group(event("a", "d1", **undated), event("b", "d2", sentence=short, **undated))
        == []
    )


def test_similarity_is_the_overlap_of_the_shorter() -> None:
    assert similarity(frozenset("ab"), frozenset("abcd"), RULES.wording) == 1.0
    assert similarity(frozenset("ab"), frozenset("bcde"), RULES.wording) == 0.5
    assert similarity(frozenset("a"), frozenset("abcd"), RULES.wording) is None


# ---------------------------------------------------------------- ids, order, scale


def test_ids_come_from_the_first_event_and_do_not_depend_on_input_order() -> None:
    events = [
        event("a", "d1"),
        event("b", "d2"),
        event("c", "d3", date="2021-07-01"),
        event("d", "d4", date="2021-07-02"),
    ]
    first = group_events(events, RULES, non_events=NON_EVENTS)
    shuffled = list(events)
    random.Random(7).shuffle(shuffled)
    assert group_events(shuffled, RULES, non_events=NON_EVENTS) == first
    assert [h.happening_id for h in first] == [happening_id("a"), happening_id("c")]


def test_a_stream_must_come_in_date_order() -> None:
    with pytest.raises(ValueError, match="date order"):
        list(
            group_stream(
                [
                    event("a", "d1", date="2021-06-02"),
                    event("b", "d2", date="2021-06-01"),
                ],
                RULES,
                non_events=NON_EVENTS,
            )
        )


def test_grouping_scales_with_the_events_not_their_pairs() -> None:
    """20,000 events of 30 pairs over two years, each happening reported twice: all found, in about linear time."""
    countries = ["RUR", "FRE", "GRA", "SYL", "BOR", "KLO"]
    pairs = [(a, b) for a in countries for b in countries if a != b]
    day0 = date_span("2020-01-01")
    assert day0 is not None
    rng = random.Random(3)
    events: list[Event] = []
    for n in range(10_000):
        source, target = rng.choice(pairs)
        day = date_span_iso(day0[0] + rng.randrange(730))
        tag = "".join(
            "bcfhjklmpq"[int(digit)] for digit in str(n)
        )  # letters (numbers are no words), no suffix
        words = f"{NAMES[source]} and {NAMES[target]} signed an accord about topic{tag} and matter{tag}."
        events.append(
            event(
                f"e{n}a",
                f"doc{n}a",
                source=source,
                target=target,
                date=day,
                sentence=words,
            )
        )
        events.append(
            event(
                f"e{n}b",
                f"doc{n}b",
                source=source,
                target=target,
                date=day,
                sentence="Today " + words,
            )
        )
    started = time.perf_counter()
    found = group_events(events, RULES, non_events=NON_EVENTS)
    seconds = time.perf_counter() - started
    assert len(found) == 10_000 and all(h.reports == 2 for h in found)
    assert seconds < 30  # about 2 s here; all pairs would be 200 million comparisons


def date_span_iso(ordinal: int) -> str:
    import datetime

    return datetime.date.fromordinal(ordinal).isoformat()


# ---------------------------------------------------------------- the rules file


def _rules_with(tmp_path: Path, old: str, new: str) -> Path:
    text = data_file("happenings.yaml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "happenings.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            'agreement: ["057"]',
            'agreement: ["999"]',
            "'999' is not a CAMEO code or root",
        ),
        (
            'agreement: ["057"]',
            'agreement: ["04"]',
            "'04' is in both 'talks' and 'agreement'",
        ),
        ("day_window: 1", "day_window: -1", "dates.day_window: -1 is out of range"),
        ("min_similarity: 0.34", "min_similarity: 0", "is not a share above 0"),
        (
            "min_similarity: 0.34",
            "min_similarity: 0.34\n  fingerprint: abc",
            "unknown key",
        ),
        ("prefix_compatible: true\n", "", "prefix_compatible: missing"),
        (
            "    nuclear: [atomic]",
            "    nuclear: [atomic, frontier]",
            "'frontier' is listed under both",
        ),
        (
            "stem_suffixes: [ing,",
            "stem_suffixes: [ING,",
            "'ING' is not a lower-case word",
        ),
    ],
)
def test_a_broken_rules_file_is_one_error_naming_it(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    path = _rules_with(tmp_path, old, new)
    with pytest.raises(KnowledgeError, match="happenings.yaml") as caught:
        load_happening_rules(path)
    assert message in str(caught.value)


def test_the_rules_fingerprint_follows_the_file(tmp_path: Path) -> None:
    same = _rules_with(tmp_path, "day_window: 1", "day_window: 1")
    assert load_happening_rules(same).fingerprint == RULES.fingerprint
    other = _rules_with(tmp_path, "day_window: 1", "day_window: 2")
    assert load_happening_rules(other).fingerprint != RULES.fingerprint


def test_a_document_stored_twice_is_one_report() -> None:
    copies = {"d1": "d1", "d1-again": "d1", "d2": "d2"}
    twice = [event("a", "d1"), event("a-again", "d1-again")]
    assert group_events(twice, RULES, non_events=NON_EVENTS, copies=copies) == []
    (found,) = group_events(
        [*twice, event("b", "d2")], RULES, non_events=NON_EVENTS, copies=copies
    )
    assert found.documents == ("d1", "d1-again", "d2") and found.reports == 2
