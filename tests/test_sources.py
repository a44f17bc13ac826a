"""The per-document source summary: single source, non-English only, unsourced."""

from __future__ import annotations

from dragoman.analyse import summarize_sources

ARTICLE = """Gulf water dispute

Kuwait criticised Iraq over the new dam on 3 May 2024.[1] Iraq rejected the criticism.[1][2]
Qatar praised Oman on 6 May 2024.[3] Saudi Arabia criticised Kuwait.

References

  1. ^ "Dam row deepens". Gulf Wire. 4 May 2024.
  2. ^ "Barrage". Al-Khaleej (in Arabic). 5 May 2024.
  3. ^ "قطر و عمان". Peyk (in Persian). 7 May 2024.
"""


def test_summary_groups_events_by_their_sources(code_text):
    result = code_text(ARTICLE)
    (summary,) = summarize_sources(result.acts())
    by_sentence = lambda events: {e.sentence.split()[0] for e in events}  # noqa: E731
    assert by_sentence(summary.single_source) >= {"Kuwait", "Qatar"}
    assert by_sentence(summary.non_english_only) == {"Qatar"}
    assert by_sentence(summary.unsourced) == {"Saudi"}
    assert summary.languages.get("fa") == 1
