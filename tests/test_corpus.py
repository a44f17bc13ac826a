"""Corpus-scale checks on the BBC articles (marked slow: they still run in CI)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


@pytest.mark.slow
def test_sport_is_not_war(shared_file, tmp_path):
    """Fewer than 2 threat/force/violence events between different countries per 100 sport articles."""
    corpus = shared_file("corpus", "bbc-news-2004-2005.jsonl")
    sport = tmp_path / "sport.jsonl"
    with open(corpus, encoding="utf-8") as src, open(sport, "w", encoding="utf-8") as out:
        n_docs = 0
        for line in src:
            if json.loads(line)["category"] == "sport":
                out.write(line)
                n_docs += 1
    events = tmp_path / "events.jsonl"
    cmd = [sys.executable, "-m", "dragoman.cli", "code", str(sport), "--format", "jsonl", "--output", str(events), "--n-process", "2"]
    subprocess.run(cmd, check=True, capture_output=True)
    conflict = 0
    for line in events.read_text(encoding="utf-8").splitlines():
        e = json.loads(line)
        if e["root"] >= "13" and e["source"] and e["target"] and e["source"]["country"] != e["target"]["country"]:
            conflict += 1
    assert n_docs > 400
    assert conflict * 100 / n_docs < 2, f"{conflict} conflict events in {n_docs} sport articles"


@pytest.mark.slow
def test_bbc_development_articles_score(shared_file, tmp_path):
    """The 10 BBC development articles: required recall and precision stay above a floor."""
    gold = shared_file("eval", "bbc_dev.jsonl")
    corpus = shared_file("corpus", "bbc-news-2004-2005.jsonl")
    ids = {json.loads(line)["doc"] for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()}
    docs = tmp_path / "dev.jsonl"
    with open(corpus, encoding="utf-8") as src, open(docs, "w", encoding="utf-8") as out:
        out.writelines(line for line in src if json.loads(line)["id"] in ids)
    events = tmp_path / "events.jsonl"
    subprocess.run([sys.executable, "-m", "dragoman.cli", "code", str(docs), "--format", "jsonl", "--output", str(events)], check=True, capture_output=True)
    run = subprocess.run([sys.executable, str(shared_file("eval", "score_events.py")), str(gold), str(events)], capture_output=True, text=True, check=True)
    figures = dict(kv.split("=") for kv in run.stdout.split())
    assert float(figures["recall_required"]) >= 0.6, run.stdout
    assert float(figures["precision"]) >= 0.55, run.stdout
