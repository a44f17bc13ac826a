"""Resumable runs (issue 12) on both stores: a document stored from the same input and coded the
same way is skipped before it is parsed; a changed text, date or dictionary is coded again and
replaces what was stored; a store made before migration 0006 codes everything once more."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

import dragoman
from dragoman.records import Document
from dragoman.resume import Resume, coding_stamp
from dragoman.service import Dragoman, code_into
from dragoman.store.base import Coding, input_digest

TEXTS = {
    "d1": "On 4 June 2023, Russia threatened Poland.",
    "d2": "On 5 June 2023, Poland and Germany held talks in Berlin.",
    "d3": "On 6 June 2023, Chile and Peru signed an accord.",
    "d4": "On 7 June 2023, Iran accused Israel of spying.",
}


def documents(texts: dict[str, str] = TEXTS, date: str | None = "2023-06-08") -> list[Document]:
    return [dragoman.parse_text(text, doc_id, date=date) for doc_id, text in texts.items()]


class Counting:
    """A loaded pipeline that records which documents reach its parser."""

    def __init__(self, nlp: Dragoman) -> None:
        self.nlp = nlp
        self.parsed: list[str] = []

    @property
    def stamp(self) -> str:
        return self.nlp.stamp

    def pipe(self, docs: Iterable[Document]) -> Iterator[Any]:
        for document in docs:
            self.parsed.append(document.doc_id)
            yield from self.nlp.pipe([document])


def run(store: Any, nlp: Dragoman, docs: list[Document], **kwargs: Any) -> tuple[Any, list[str], list[str]]:
    counting = Counting(nlp)
    order: list[str] = []
    summary = code_into(
        store, docs, counting,  # type: ignore[arg-type]
        on_result=lambda r: order.append(r.document.doc_id), on_skipped=lambda d: order.append("~" + d.doc_id), **kwargs,
    )  # fmt: skip
    return summary, counting.parsed, order


def contents(store: Any) -> tuple[list[str], list[str]]:
    docs = [d.doc_id for d in store.documents(dragoman.store.PageRequest(limit=1000)).items]
    events = sorted(e.event_id for e in store.events(dragoman.EventQuery()))
    return docs, events


def test_a_finished_rerun_parses_nothing_and_adds_nothing(backend: Any, loaded: Dragoman) -> None:
    with backend.store() as store:
        first, parsed, _ = run(store, loaded, documents())
        assert (first.documents, first.skipped, parsed) == (4, 0, list(TEXTS))
        before, version = contents(store), store.events_version()
        again, parsed, order = run(store, loaded, documents())
        assert (again.documents, again.events, again.skipped, parsed) == (0, 0, 4, [])
        assert order == ["~d1", "~d2", "~d3", "~d4"]
        assert contents(store) == before and store.events_version() == version  # not one event written


def test_an_interrupted_run_continues_where_it_stopped(backend: Any, loaded: Dragoman) -> None:
    with backend.store() as clean:
        run(clean, loaded, documents())
        expected = contents(clean)
    with backend.store() as store:
        run(store, loaded, documents()[:2])  # the run that was stopped after two documents
        summary, parsed, order = run(store, loaded, documents())
        assert (summary.documents, summary.skipped, parsed) == (2, 2, ["d3", "d4"])
        assert order == ["~d1", "~d2", "d3", "d4"]
        assert contents(store) == expected


def test_skipped_documents_are_reported_in_input_order(backend: Any, loaded: Dragoman) -> None:
    docs = documents()
    with backend.store() as store:
        run(store, loaded, [docs[0], docs[2]])
        _, parsed, order = run(store, loaded, docs)
        assert parsed == ["d2", "d4"] and order == ["~d1", "d2", "~d3", "d4"]


def test_a_changed_text_or_date_is_coded_again_and_replaces_the_old(backend: Any, loaded: Dragoman) -> None:
    with backend.store() as store:
        run(store, loaded, documents())
        changed = dict(TEXTS, d2="On 5 June 2023, Poland criticised Germany.")
        summary, parsed, _ = run(store, loaded, documents(changed))
        assert (parsed, summary.skipped) == (["d2"], 3)
        (event,) = [e for e in store.events(dragoman.EventQuery(doc_id="d2"))]
        assert event.trigger == "criticised"
        assert store.document("d2").document.text == changed["d2"]
        _, parsed, _ = run(store, loaded, documents(changed, date="2023-06-09"))
        assert parsed == list(TEXTS)  # the document date is part of the input


def test_other_knowledge_or_settings_code_everything_again(backend: Any, loaded: Dragoman, tmp_path: Path) -> None:
    actors = tmp_path / "mine.yaml"
    actors.write_text("states:\n  - name: Ruritania\n    code: RUR\n", encoding="utf-8")
    mine = Dragoman(dragoman.Settings(actor_files=(str(actors),)), dragoman.load_knowledge(dragoman.Settings(actor_files=(str(actors),))), loaded.model())
    unfiltered = Dragoman(dragoman.Settings(prefilter=False), loaded.knowledge, loaded.model())
    assert len({loaded.stamp, mine.stamp, unfiltered.stamp}) == 3
    with backend.store() as store:
        run(store, loaded, documents())
        for other in (mine, unfiltered):
            summary, parsed, _ = run(store, other, documents())
            assert (parsed, summary.skipped) == (list(TEXTS), 0)
            assert {c.coded_with for c in store.codings(list(TEXTS)).values()} == {other.stamp}


def test_recode_codes_every_document_again(backend: Any, loaded: Dragoman) -> None:
    with backend.store() as store:
        run(store, loaded, documents())
        before = contents(store)
        summary, parsed, _ = run(store, loaded, documents(), recode=True)
        assert (summary.documents, summary.skipped, parsed) == (4, 0, list(TEXTS))
        assert contents(store) == before


def test_codings_read_back_what_was_saved(backend: Any, make_document: Any, make_sentence: Any, make_event: Any) -> None:
    with backend.store() as store:
        document = make_document("d1")
        store.save(document, [make_sentence("d1")], [make_event("e1")], coded_with="stamp-1")
        store.save(make_document("d2"), [], [])
        found = store.codings(["d1", "d2", "absent", "d1"])
        assert found == {"d1": Coding(input_digest(document), "stamp-1"), "d2": Coding(input_digest(make_document("d2")), None)}
        many = [f"x{i}" for i in range(1300)]  # more than one query's worth of ids
        assert store.codings(many) == {}


def test_a_store_from_before_0006_is_coded_again_once(backend: Any, loaded: Dragoman) -> None:
    migrations = backend.migrations()
    assert migrations[5].name.startswith("0006_resume")
    with backend.location() as where:
        with backend.open(where, migrations[:5]):
            pass
        backend.sql(where, "INSERT INTO documents (doc_id, text_sha256, text) VALUES (?, ?, ?)", ("old", "0" * 64, "Old text."))
        with backend.open(where, migrations) as store:  # migrated: the old row has no stamp
            assert store.codings(["old"]) == {"old": Coding(None, None)}
        backend.sql(where, "DELETE FROM documents")
        with backend.open(where, migrations) as store:
            run(store, loaded, documents())
        backend.sql(where, "UPDATE documents SET input_sha256 = NULL, coded_with = NULL")  # as 0006 leaves them
        with backend.open(where, migrations) as store:
            first, parsed, _ = run(store, loaded, documents())
            assert (parsed, first.skipped) == (list(TEXTS), 0)
            again, parsed, _ = run(store, loaded, documents())
            assert (parsed, again.skipped) == ([], 4)


# ------------------------------------------------------------ the filter alone (no store engine)


class FakeStore:
    def __init__(self, stored: dict[str, Coding]) -> None:
        self.stored = stored
        self.asked: list[int] = []

    def codings(self, doc_ids: list[str]) -> dict[str, Coding]:
        self.asked.append(len(doc_ids))
        return {i: self.stored[i] for i in doc_ids if i in self.stored}


def test_the_store_is_asked_in_batches_and_only_a_current_document_is_skipped() -> None:
    docs = [dragoman.parse_text(f"Text {i}.", f"d{i}") for i in range(600)]
    current = {d.doc_id: Coding(input_digest(d), "S") for d in docs[::2]}
    current["d1"] = Coding(input_digest(docs[1]), "OTHER")  # coded with other knowledge
    current["d3"] = Coding("0" * 64, "S")  # from another text
    store = FakeStore(current)
    skipped: list[str] = []
    resume = Resume(store, "S", on_skipped=lambda d: skipped.append(d.doc_id))  # type: ignore[arg-type]
    passed = [d.doc_id for d in resume.pending(docs)]
    assert passed == [d.doc_id for d in docs[1::2]]
    resume.finish()
    assert resume.skipped == len(skipped) == 300 and store.asked == [256, 256, 88]


def test_a_skipped_document_waits_without_its_text() -> None:
    docs = [dragoman.parse_text("Long text. " * 1000, f"d{i}") for i in range(3)]
    store = FakeStore({"d1": Coding(input_digest(docs[1]), "S")})
    seen: list[Document] = []
    resume = Resume(store, "S", on_skipped=seen.append)  # type: ignore[arg-type]
    assert [d.doc_id for d in resume.pending(docs)] == ["d0", "d2"]
    assert seen == []  # d0 is still being coded
    resume.before_result()  # before d0's result
    assert seen == []
    resume.before_result()  # before d2's: d1 came between them
    assert [d.doc_id for d in seen] == ["d1"] and seen[0].text == "" and seen[0] == replace(docs[1], text="", blocks=(), markers=(), references=())


def test_the_stamp_is_what_decides_events() -> None:
    settings = dragoman.Settings()
    knowledge = dragoman.load_knowledge(settings)
    stamp = coding_stamp(settings, knowledge)
    assert stamp == coding_stamp(dragoman.Settings(batch_size=7, n_process=3), knowledge)  # no event changes with these
    assert stamp != coding_stamp(dragoman.Settings(prefilter=False), knowledge)
    assert stamp != coding_stamp(dragoman.Settings(model="en_core_web_sm"), knowledge)
