"""PETRARCH2's verb-code ontology: how a governing verb's code combines with the code of
the act it governs ("threatened to impose sanctions" is 130 with 163: 132).

Each CAMEO code has a four-hex-digit value (data/petrarch/ontology.tsv): the top digit
is the kind of statement (say, appeal, intend, demand, threaten, ...), the lower ones
the act. PETRARCH2 combines an upper value U with a lower value L so:

    L < 0                 U + L     (a negating code)
    U, L both >= 0x1000   L         (two statements: the nested one)
    L >= U                L
    otherwise             U + L     (the kind of the upper with the act of the lower)

and reads the result back into CAMEO. A sum that names no code is read with its lower
digits dropped, one at a time ("threaten" + "expel an envoy" has no code of its own: it
is a threat of non-force, 131); a sum that still names none is no combination.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import KnowledgeError

STATEMENT = 0x1000  # a value at or above this is a kind of statement (say, appeal, intend, ...)


@dataclass(frozen=True, slots=True)
class Ontology:
    values: dict[str, int]  # CAMEO code -> value
    codes: dict[int, str]  # value -> CAMEO code (the most general code of a value)

    def with_values(self, mends: dict[str, int]) -> Ontology:
        """This ontology with some codes read at other values (the built-in layer's
        `combination_values`); a value read back into CAMEO is still its own code's."""
        if not mends:
            return self
        return Ontology({**self.values, **mends}, self.codes)

    def value(self, code: str) -> int | None:
        return self.values.get(code)

    def is_statement(self, code: str) -> bool:
        """A code whose value is a kind of statement (consult, investigate, demand, ...)."""
        value = self.values.get(code)
        return value is not None and value >= STATEMENT

    def combine(self, upper: str, lower: str) -> str | None:
        """The CAMEO code of `upper` governing `lower`, or None when the ontology has no code for it."""
        u, low = self.values.get(upper), self.values.get(lower)
        if u is None or low is None or low == 0 or u < 0:
            return None  # a negating upper ("denied attacking") does not make the act its own
        if low < 0:
            value = u + low
        elif (u >= STATEMENT and low >= STATEMENT) or low >= u:
            value = low
        else:
            value = u + low
        if value <= 0:
            return None
        for mask in (0xFFFF, 0xFFF0, 0xFF00):
            found = self.codes.get(value & mask)
            if found is not None:
                return found
        return None


def load_ontology(path: Path) -> Ontology:
    """The table of data/petrarch/ontology.tsv (a row `CODE INT HEX [reverse]`)."""
    values: dict[str, int] = {}
    codes: dict[int, str] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise KnowledgeError(f"{path}: cannot read the verb-code ontology: {exc.strerror}") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#") or line.startswith("cameo\t"):
            continue
        cells = line.split("\t")
        try:
            code, value = cells[0], int(cells[2], 16)
        except (IndexError, ValueError):
            raise KnowledgeError(f"{path}:{number}: a row must be CODE, INT, HEX: {line!r}") from None
        if code == "---":
            continue
        reverse_only = len(cells) > 3 and cells[3] == "reverse"
        if not reverse_only:
            values[code] = value
        held = codes.get(value)
        if reverse_only or held is None or len(code) < len(held):
            codes[value] = code  # the most general code of a shared value (082 before 0841)
    return Ontology(values, codes)
