"""A list item the pre-filter left unparsed is an item of its list all the same (reading.unparsed_item)."""

from __future__ import annotations

from dragoman.coding.lists import ListContext
from dragoman.coding.voice import Voice
from dragoman.record.notes import CommRef, DeadlineNote, ItemNote
from dragoman.record.reading import KeyCounter, unparsed_item
from dragoman.records import Actor, Attribution, Citation, DateValue, Sentence

A = Actor(text="Arnor", name="Arnor", code="ARNGOV", country="ARN", sector="GOV")
B = Actor(text="Gondor", name="Gondor", code="GONGOV", country="GON", sector="GOV")
VOICE = Voice(Attribution(text="Rohirric media", chain=("Rohirric media",)), "unofficial")


def read(knowledge, text: str, deadline: DateValue | None = None):
    sentence = Sentence("d", 7, 100, 100 + len(text), text, 4)
    context = ListContext(VOICE, A, B, 3, ("2",))
    return unparsed_item(
        sentence, context, (Citation("2"),), DateValue("3019-03-21", "day", "citation"), deadline, knowledge.record,
        knowledge.domains.force, dict(knowledge.dates.units), dict(knowledge.dates.numbers), KeyCounter(10), 5,
    )  # fmt: skip


def test_an_unparsed_item_takes_its_lists_parties_voice_and_message(knowledge):
    (item,) = read(knowledge, "Full stopping of uranium enrichment.")
    assert isinstance(item, ItemNote)
    assert (item.key, item.kind, item.text, item.topic, item.by, item.of, item.comm) == (
        10, "demand", "Full stopping of uranium enrichment", "enrichment", A, B, CommRef("key", key=5),
    )  # fmt: skip
    assert (item.evidence.sentence_index, item.evidence.span, item.evidence.reliability) == (7, (100, 136), "unofficial")
    assert item.evidence.attribution.chain == ("Rohirric media",) and item.evidence.citations == (Citation("2"),)


def test_an_unparsed_item_that_announces_force_is_a_threat(knowledge):
    (item,) = read(knowledge, "Otherwise there will be air strikes")
    assert (item.kind, item.topic) == ("threat", "military action")


def test_the_deadline_the_date_stage_read_in_it(knowledge):
    item, deadline = read(knowledge, "Compliance within two months", DateValue("3019-05-21", "day", "relative", expression="within two months"))
    assert isinstance(deadline, DeadlineNote)
    assert (deadline.key, deadline.expression, deadline.amount, deadline.unit, deadline.item, deadline.comm) == (
        11, "within two months", 2, "month", item.key, CommRef("key", key=5),
    )  # fmt: skip
