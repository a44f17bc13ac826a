"""The documents with a record, listed by every store: counted per part in the database, in
order, paged, and found by the parties their record involves (migration 0007)."""

from __future__ import annotations

import pytest

from dragoman.errors import StoreError
from dragoman.record import PARTS, Agreement, AgreementState, Channel, ChannelStep, Communication, Item, Record
from dragoman.record.parties import party_rows, record_parties
from dragoman.records import Actor, DateValue
from dragoman.store import RecordQuery, open_store

ARNOR = Actor(text="Arnor", name="Arnor", code="ARN", country="ARN")
GONDOR = Actor(text="the Gondorian government", name="Gondor government", code="GONGOV", country="GON", sector="GOV")
ROHAN = Actor(text="Rohan", name="Rohan", code="ROH", country="ROH")
HARAD = Actor(text="Harad", name="Harad", code="HAR", country="HAR")
DAY = DateValue("3019-03-07", "day", "explicit")


def letters(n: int, carrier: Actor | None = None) -> tuple[Communication, ...]:
    return tuple(Communication(f"c{i + 1}", "letter", ARNOR, GONDOR, carrier, DAY) for i in range(n))


def talks(*steps: str, mediator: Actor | None = None) -> Channel:
    """Talks between Arnor and Gondor, one step per status given."""
    return Channel("ARN-GON", (ARNOR, GONDOR), tuple(ChannelStep(f"s{i + 1}", DAY, status, "talks", None, None, mediator=mediator)
                                                   for i, status in enumerate(steps)))  # fmt: skip


def demand(item_id: str = "d1") -> Item:
    return Item(item_id, "demand", "stop the raids", None, None, ARNOR, GONDOR, None, DAY)


RECORDS = {
    # doc_id: its record (5, 3, 3 and 2 items)
    "letters": Record("letters", communications=letters(3, carrier=ROHAN), demands=(demand("d1"), demand("d2"))),
    "talks": Record("talks", channels=(talks("proposed", "held", mediator=ROHAN),), demands=(demand(),)),
    "accord": Record("accord", agreements=(Agreement("a1", "truce", (ARNOR, GONDOR, HARAD), states=(AgreementState("agreed", DAY),)),),
                     communications=letters(2)),  # fmt: skip
    "brief": Record("brief", communications=letters(1), demands=(demand(),)),
}


def save_all(store, make_document, make_sentence, records=RECORDS) -> None:
    for doc_id, record in records.items():
        store.save(make_document(doc_id), [make_sentence(doc_id, 0)], [], record)
    store.save(make_document("empty"), [make_sentence("empty", 0)], [], Record("empty"))  # a record with nothing in it
    store.save(make_document("none"), [make_sentence("none", 0)], [])  # no record at all


def listed(store, **query) -> list[str]:
    return [s.doc_id for s in store.record_summaries(RecordQuery(**query)).items]


def test_the_documents_with_a_record_and_how_many_items_each_part_holds(backend, make_document, make_sentence):
    with backend.store() as store:
        save_all(store, make_document, make_sentence)
        found = store.record_summaries(RecordQuery())
        assert found.total == 4  # neither the empty record nor the document without one
        counts = {s.doc_id: (s.items, dict(s.parts)) for s in found.items}
        assert [p for p, _ in found.items[0].parts] == list(PARTS)  # every part, in order, zeros too
        assert counts["letters"] == (5, dict.fromkeys(PARTS, 0) | {"communications": 3, "demands": 2})
        assert counts["talks"] == (3, dict.fromkeys(PARTS, 0) | {"channels": 2, "demands": 1})  # a channel counts its steps
        assert counts["accord"] == (3, dict.fromkeys(PARTS, 0) | {"communications": 2, "agreements": 1})
        assert found.items[0].title == "Report letters" and found.items[0].to_dict()["parts"]["communications"] == 3


def test_most_items_first_then_by_id_or_by_id_alone_and_paged(backend, make_document, make_sentence):
    with backend.store() as store:
        save_all(store, make_document, make_sentence)
        assert listed(store) == ["letters", "accord", "talks", "brief"]
        assert listed(store, sort="doc") == ["accord", "brief", "letters", "talks"]
        assert listed(store, limit=2, offset=1) == ["accord", "talks"]
        page = store.record_summaries(RecordQuery(limit=0))
        assert (page.total, page.items) == (4, ())
        assert store.record_summaries(RecordQuery(offset=9)).total == 4


@pytest.mark.parametrize(
    "party,documents",
    [
        ("ARN", ["letters", "accord", "talks", "brief"]),
        ("gon", ["letters", "accord", "talks", "brief"]),  # a code prefix, in any case
        ("GONGOV", ["letters", "accord", "talks", "brief"]),
        ("rohan", ["letters", "talks"]),  # only a carrier and a mediator
        ("ROH", ["letters", "talks"]),
        ("Harad", ["accord"]),  # the third side of an agreement
        ("gondor government", ["letters", "accord", "talks", "brief"]),  # a name in any case
        ("  Gondor ", ["letters", "accord", "talks", "brief"]),  # its first words
        ("Gond", []),  # but not half a word
        ("Mordor", []),
    ],
)
def test_a_party_by_code_country_or_name_anywhere_in_the_record(backend, make_document, make_sentence, party, documents):
    with backend.store() as store:
        save_all(store, make_document, make_sentence)
        assert listed(store, party=party) == documents
        assert store.record_summaries(RecordQuery(party=party)).total == len(documents)


def test_saving_again_replaces_who_the_record_involves(backend, make_document, make_sentence):
    with backend.store() as store:
        save_all(store, make_document, make_sentence)
        store.save(make_document("accord"), [make_sentence("accord", 0)], [], Record("accord", communications=letters(1)))
        assert listed(store, party="harad") == []
        store.save(make_document("letters"), [make_sentence("letters", 0)], [])  # saved without a record: no longer listed
        assert listed(store, party="rohan") == ["talks"] and "letters" not in listed(store)


def test_the_parties_of_a_record_are_every_coded_actor_it_names_once():
    record = RECORDS["talks"]
    assert [a.code for a in record_parties(record)] == ["ARN", "GONGOV", "ROH"]
    unresolved = Actor(text="the militants", name=None, code=None)
    assert record_parties(Record("x", communications=(Communication("c1", "letter", unresolved, ARNOR, None, DAY),))) == (ARNOR,)
    assert party_rows(RECORDS["accord"])[-1] == ("accord", "HAR", "HAR", "Harad", "harad")


@pytest.mark.parametrize(
    "query,says",
    [
        ({"party": " "}, "party must not be empty"),
        ({"party": "x" * 201}, "at most 200"),
        ({"sort": "date"}, "sort='date': use items or doc"),
        ({"offset": -1}, "offset=-1"),
        ({"limit": True}, "limit=True"),
    ],
)
def test_a_query_no_store_can_answer_is_refused(query, says):
    with pytest.raises(StoreError, match=says):
        RecordQuery(**query)


def test_a_store_from_before_0007_finds_the_parties_of_the_records_it_kept(backend, location, make_document, make_sentence):
    with open_store(location) as store:
        save_all(store, make_document, make_sentence)
    # as a store of schema 0006 left them: no record_parties (the store itself never writes one that old)
    backend.sql(location, "DROP TABLE record_parties")
    backend.sql(location, "DELETE FROM schema_migrations WHERE version = 7")
    with open_store(location) as store:
        assert listed(store, party="harad") == ["accord"]
        assert listed(store, party="Gondor Government") == ["letters", "accord", "talks", "brief"]
        assert listed(store, party="rohan") == ["letters", "talks"]
    rows = backend.sql(location, "SELECT doc_id, code, country, name, name_key FROM record_parties ORDER BY doc_id, code")
    assert rows == sorted(row for record in RECORDS.values() for row in party_rows(record))
