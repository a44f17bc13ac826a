"""The seed article from ../shared: the text ingest must reconstruct best."""

from __future__ import annotations

from pathlib import Path

import pytest

from dragoman.ingest import read_path

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "seed-article.txt"

pytestmark = pytest.mark.skipif(not SEED.exists(), reason=f"shared corpus not found at {SEED} (../shared is absent)")


def test_seed_article() -> None:
    (doc,) = list(read_path(SEED))
    assert doc.title == "Donald Trump's letter to Ali Khamenei"
    assert len(doc.references) == 26
    assert [r.key for r in doc.references] == [str(n) for n in range(1, 27)]

    first = doc.reference("1")
    assert first is not None
    assert (first.uses, first.outlet, first.published, first.retrieved) == (6, "The Guardian", "2025-03-08", "2025-04-02")
    assert first.author == "Agence France-Presse"
    tenth = doc.reference("10")
    assert tenth is not None and tenth.language == "fa" and tenth.outlet == "www.ettelaat.com"
    eighth = doc.reference("8")
    assert eighth is not None and eighth.author == "Doucet, Lyse; Tesch, Barbara" and eighth.outlet == "BBC"

    bodies = [doc.text[b.start : b.end] for b in doc.blocks]
    assert not any("Jump to content" in t or "[edit]" in t or "From Wikipedia" in t for t in bodies)
    assert not any(t in ("See also", "References") for t in bodies)
    assert sum(b.kind == "list_item" for b in doc.blocks) == 9
    assert {m.key for m in doc.markers} == {str(n) for n in range(1, 27)}
    assert all(doc.text[m.start : m.end] == f"[{m.key}]" for m in doc.markers)
