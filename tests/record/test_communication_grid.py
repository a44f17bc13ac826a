"""A letter sent, received and answered, in the project's own templates crossed (sending x
receipt x reply x states): the letter's states and days, whatever words each is told in. "Chile
replied on 9 March" and "Chile's reply came on 9 March" answer it as a reply sent to it does."""

from __future__ import annotations

import itertools

import pytest
from record_digest import digest

_STATES = [("Egypt", "Egyptian"), ("Ethiopia", "Ethiopian"), ("Chile", "Chilean"), ("Peru", "Peruvian")]
_SENDS = [
    ("On 2 March 2026 {a} sent a letter to {b}.", "sent 2026-03-02"),
    ("{a}'s president wrote to his {badj} counterpart on 2 March 2026.", "written 2026-03-02"),
    ("On 2 March 2026 the {aadj} foreign minister sent a letter to {b}'s government.", "sent 2026-03-02"),
    ("A letter from {a} was delivered to {b} on 2 March 2026.", "delivered 2026-03-02"),
    ("{a} sent {b} a letter on 2 March 2026, demanding the release of two detained engineers.", "sent 2026-03-02"),
]
_RECEIPTS = [
    ("{b} confirmed receipt of the letter on 4 March.", "received 2026-03-04"),
    ("{b} said on 4 March that it had received the letter.", "received 2026-03-04"),
    ("The {badj} government acknowledged the letter on 4 March.", "acknowledged 2026-03-04"),
]
_REPLIES = [
    "{b} replied on 9 March.",
    "On 9 March {b} sent a reply to {a}.",
    "{b}'s reply came on 9 March.",
    "In a reply on 9 March, {b} rejected the demand.",
]


def _stories():
    for n, ((send, sent), (receipt, received), reply) in enumerate(itertools.product(_SENDS, _RECEIPTS, _REPLIES)):
        a, b = _STATES[n % 4], _STATES[(n + 1 + n // 4) % 4]
        if a == b:
            b = _STATES[(n + 2) % 4]
        fill = {"a": a[0], "aadj": a[1], "b": b[0], "badj": b[1]}
        yield " ".join(s.format(**fill) for s in (send, receipt, reply)), (sent, received)


@pytest.mark.parametrize(("text", "states"), list(_stories()))
def test_a_letter_sent_received_and_answered(code_text, text, states):
    first, *rest = digest(code_text(text, date="2026-03-20").record)["communications"]
    told = [s.rsplit(" ", 1)[0] for s in first.split(" | ")[1].split("; ")]  # each state and its day, without who
    assert told == [*states, "answered 2026-03-09"]
    assert len(rest) == 1 and rest[0].split(" ")[1] == "reply" and "| answers c1 |" in rest[0]
