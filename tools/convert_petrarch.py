"""Convert PETRARCH2's CAMEO verb dictionary (and Phoenix's discard list) into dragoman's built-in layers.

    python tools/convert_petrarch.py [../shared/reference/petrarch2/CAMEO.2.0.txt] [-o src/dragoman/data/petrarch/cameo_verbs.yaml]
                                     [--discards ../shared/reference/phoenix/Phoenix.discards.txt]

The discard list goes to src/dragoman/data/petrarch/discards.yaml (sentence and story
phrases, as dragoman.discards reads them).

Reads the dictionary with dragoman.coding.petrarch (the reader users' own PETRARCH
files go through too) and writes it as dragoman YAML: its synonym sets as
`word_lists`, its verb blocks as `blocks` (each block's verbs and its patterns, most
specific first). Lines the reader cannot use are listed in the output's header with
their line numbers. The output keeps the dictionary's MIT notice. Run it again when
the dictionary or the reader changes; `tests/coding/test_petrarch.py` checks that the
shipped file is what this script makes of the dictionary.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = ROOT.parent / "shared" / "reference" / "petrarch2" / "CAMEO.2.0.txt"
DEFAULT_OUTPUT = ROOT / "src" / "dragoman" / "data" / "petrarch" / "cameo_verbs.yaml"
DEFAULT_DISCARDS = ROOT.parent / "shared" / "reference" / "phoenix" / "Phoenix.discards.txt"
DISCARDS_OUTPUT = ROOT / "src" / "dragoman" / "data" / "petrarch" / "discards.yaml"

DISCARD_NOTICE = """\
# Phoenix's discard list (Phoenix.discards.txt), converted for dragoman by
# tools/convert_petrarch.py: do not edit by hand; dragoman's own data/discards.yaml is
# read after it and keeps (does not discard) some of these phrases, saying why.
# sentence: a sentence holding one of these phrases is not coded; story: the whole
# document is not coded. A final "_" means the phrase must end there; otherwise it is a
# stem. Source sha256 {digest}; {problems} lines not read.
#
# The MIT License (MIT)
#
# Copyright (c) 2014 Open Event Data Alliance
#
# Permission is hereby granted, free of charge, to any person obtaining a copy
# of this software and associated documentation files (the "Software"), to deal
# in the Software without restriction, including without limitation the rights
# to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
# copies of the Software, and to permit persons to whom the Software is
# furnished to do so, subject to the following conditions:
#
# The above copyright notice and this permission notice shall be included in
# all copies or substantial portions of the Software.
#
# THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
# IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
# FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
# AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
# LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
# OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN
# THE SOFTWARE.
"""

NOTICE = """\
# PETRARCH2's CAMEO verb dictionary (CAMEO.2.0.txt, last updated 30 April 2015),
# converted for dragoman by tools/convert_petrarch.py: do not edit by hand; dragoman's
# own lexicon (data/verbs.yaml) is layered on top and wins where they disagree.
#
# Source: openeventdata/petrarch2, petrarch2/data/dictionaries/CAMEO.2.0.txt
# (commit 676801cd9cb2924bbbad09f86d15c9323e7097bf), sha256 {digest}.
#
# The MIT License (MIT)
#
# Copyright (c) 2015 Open Event Data Alliance
#
# Permission is hereby granted, free of charge, to any person obtaining a copy
# of this software and associated documentation files (the "Software"), to deal
# in the Software without restriction, including without limitation the rights
# to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
# copies of the Software, and to permit persons to whom the Software is
# furnished to do so, subject to the following conditions:
#
# The above copyright notice and this permission notice shall be included in
# all copies or substantial portions of the Software.
#
# THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
# IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
# FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
# AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
# LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
# OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN
# THE SOFTWARE.
#
# What the conversion keeps: {blocks} verb blocks, {verbs} verbs, {patterns} patterns, {sets}
# synonym sets. Patterns match the dependency parse: PRE words in the subject or before
# the verb (`pre`), the object's head (`obj`) and modifiers (`obj_mods`), prepositions
# with their objects (`preps`), where `$` and `+` put the source and target (`source`,
# `target`); `reverse_code` is the second code of "[042:043]"; code "---" matches and
# codes nothing. See src/dragoman/coding/petrarch.py for the reading rules.
#
# dragoman's choices for the built-in layer (not PETRARCH's): an act coded by this
# dictionary needs a target (`needs_target: true` below: "X flew", "X served" alone are
# no events; statements, intents, refusals, threats and comments are exempt, and so are
# protests, `targetless_roots`: "thousands marched through the city" is one), and the
# target is looked for in the object, then the objects of the prepositions on the verb
# or the object (and theirs), then a place (`default_target`); not, as PETRARCH does, in
# any name after the verb (a user's own PETRARCH file is read that way: path "any").
#
# Lines not converted ({problems}):
{problem_lines}
"""


def convert(source: Path) -> tuple[str, int]:
    from dragoman.coding.grammar import load_grammar
    from dragoman.coding.petrarch import read_petrarch_verbs

    data = source.read_bytes()
    lexicon, problems = read_petrarch_verbs(data.decode("utf-8", errors="replace"), source.name, load_grammar()[0])
    # the built-in layer codes a reported act as reported (the grid's reported and embedded
    # constructions): PETRARCH's transformations apply when a user names the dictionary itself
    for item in lexicon.pop("transformations", []):
        problems.append((item["line"], item["rule"], "a transformation, read from a user's PETRARCH file, not the built-in layer"))
    problems.sort(key=lambda p: p[0])
    blocks = lexicon["blocks"]
    header = NOTICE.format(
        digest=hashlib.sha256(data).hexdigest(),
        blocks=len(blocks),
        verbs=sum(len(b["verbs"]) for b in blocks),
        patterns=sum(len(b["patterns"]) for b in blocks),
        sets=len(lexicon["word_lists"]),
        problems=len(problems),
        problem_lines="\n".join(f"#   line {line}: {reason}: {text.strip()[:60]}" for line, text, reason in problems) or "#   none",
    )
    lexicon = {"needs_target": True, "targetless_roots": ["14"], "default_target": ["dobj", "dative", "args", "loc"], **lexicon}
    body = yaml.safe_dump(lexicon, allow_unicode=True, sort_keys=False, width=160, default_flow_style=None)
    return header + "\n" + body, len(problems)


def convert_discards(source: Path) -> tuple[str, int]:
    from dragoman.discards import read_discard_text

    data = source.read_bytes()
    sentence, story, problems = read_discard_text(data.decode("utf-8", errors="replace"), source.name)
    header = DISCARD_NOTICE.format(digest=hashlib.sha256(data).hexdigest(), problems=len(problems))
    body = yaml.safe_dump({"sentence": sentence, "story": story}, allow_unicode=True, sort_keys=False, width=160)
    return header + "\n" + body, len(problems)


def _write(out: Path, text: str) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source", nargs="?", default=str(DEFAULT_SOURCE), help="PETRARCH2's CAMEO.2.0.txt")
    ap.add_argument("-o", "--output", default=str(DEFAULT_OUTPUT), help="the YAML file to write")
    ap.add_argument("--discards", default=str(DEFAULT_DISCARDS), help="Phoenix's discard list")
    args = ap.parse_args()
    source, discards = Path(args.source), Path(args.discards)
    for path in (source, discards):
        if not path.is_file():
            print(f"{path}: no such file (the dictionaries live in ../shared/reference/)", file=sys.stderr)
            return 2
    text, problems = convert(source)
    _write(Path(args.output), text)
    print(f"{args.output}: written ({problems} lines of {source.name} not converted, listed in its header)")
    text, problems = convert_discards(discards)
    _write(DISCARDS_OUTPUT, text)
    print(f"{DISCARDS_OUTPUT}: written ({problems} lines of {discards.name} not read)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
