"""Made-up texts shared by the ingest tests (invented countries, people and outlets)."""

from __future__ import annotations

# A reader's copy of an invented encyclopedia page, with its page furniture.
WIKI_COPY = """Jump to content
Main menu
Toggle the table of contents

Rivermouth water accord

From Wikipedia, the free encyclopedia

The Rivermouth water accord was a deal between Valdoria and Ostmark on sharing the Sava basin.[1][2] Ministers signed it in Kessel on 4 May 2031.[3]

Talks had stalled twice before the accord.[a]

Negotiations

[edit]

Valdoria's envoy tabled five points:[2]

  1. A joint gauge station on the upper river
  2. Release quotas for the dry season.[4]
  3. A commission meeting every quarter[1]

Reception

[edit]

Farmers' unions in Ostmark welcomed the deal.[5] An opposition leader called it "a surrender of the river".

See also

[edit]

References

[edit]
  1. ^ a b c d Marten, Ilse (May 4, 2031). "Valdoria and Ostmark sign water accord". The Kessel Courier. Retrieved May 6, 2031.
  2. ^ a b "آب و دیپلماسی در حوضه ساوا". Sava Daily (in Persian). 2031-05-05.
  3. ^ "Ministers put pen to paper in Kessel". Northern Wire. 5 May 2031. Archived from the original on 2031-05-07. Retrieved 2031-05-08.
  4. ^ Okafor, Ben; Lund, Sara. "Quotas, explained". Basin Review. ISSN 1234-5678.
  5. ^ "Unions back the deal". https://example.org/unions

Retrieved from "https://en.wikipedia.org/w/index.php?title=Rivermouth_water_accord"
Categories: Water treaties
"""

# An invented news report shaped like the BBC corpus: one long line.
NEWS_ONE_LINE = (
    "Port strike ends after pay deal Dock workers in Kessel have returned to work after a "
    "three-week strike [over pay] ended with a 6% rise. The union said the offer was fair. "
    "\"We have what we asked for,\" its leader told reporters on Tuesday."
)

