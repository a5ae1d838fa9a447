"""The README's Dask recipe, run locally on real fixtures, equals a plain loop over check_text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summaryaudit import check_text

from .conftest import FIXTURES

db = pytest.importorskip("dask.bag", reason="dask not installed: pip install 'dask[bag]'")
dask = pytest.importorskip("dask")
fsspec = pytest.importorskip("fsspec")  # installed with dask[bag]; opens local, s3://, hdfs://


def audit(path: str) -> str:
    """The recipe's map function: one file in, one JSON line out (as in benchmarks/README.md)."""
    with fsspec.open(path, "rt", encoding="utf-8", errors="replace") as handle:
        report = check_text(handle.read(), source=path, require_summary=False)
    return json.dumps(report.to_dict(), ensure_ascii=False, sort_keys=True)


def loop(paths: list[str]) -> list[dict]:
    """The reference: check_text on each file in turn, no engine."""
    out = []
    for path in paths:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
        out.append(check_text(text, source=path, require_summary=False).to_dict())
    return out


@pytest.fixture
def corpus(tmp_path: Path) -> list[str]:
    """A handful of real fixtures (one per Keras version), one notebook and one file without any."""
    picks = []
    for folder in sorted(p for p in (FIXTURES / "real").iterdir() if p.is_dir()):
        texts = sorted(folder.glob("*.txt"))
        if texts:
            picks.append(str(texts[0]))
    assert len(picks) >= 5, "expected real fixtures under fixtures/real/*/"
    cell_output = Path(picks[0]).read_text(encoding="utf-8").splitlines(keepends=True)
    half = len(cell_output) // 2
    notebook = {
        "cells": [
            {
                "cell_type": "code",
                "execution_count": 1,
                "id": "c0",
                "metadata": {},
                "outputs": [
                    {"name": "stdout", "output_type": "stream", "text": cell_output[:half]},
                    {"name": "stdout", "output_type": "stream", "text": cell_output[half:]},
                ],
                "source": ["model.summary()"],
            }
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    (tmp_path / "split.ipynb").write_text(json.dumps(notebook, indent=1), encoding="utf-8")
    (tmp_path / "notes.md").write_text("# Notes\n\nNo summary here.\n", encoding="utf-8")
    return [*picks, str(tmp_path / "split.ipynb"), str(tmp_path / "notes.md")]


def test_dask_bag_to_textfiles_equals_loop(corpus: list[str], tmp_path: Path) -> None:
    out = tmp_path / "out"
    with dask.config.set(scheduler="synchronous"):
        db.from_sequence(corpus, npartitions=3).map(audit).to_textfiles(str(out / "*.jsonl"))
    parts = sorted(out.glob("*.jsonl"), key=lambda p: int(p.stem))
    assert len(parts) == 3
    lines = [line for part in parts for line in part.read_text(encoding="utf-8").splitlines()]
    got = [json.loads(line) for line in lines if line]
    expected = loop(corpus)
    assert got == expected
    assert sum(len(r["summaries"]) for r in got) >= len(corpus) - 1
    assert got[-1] == {"summaries": [], "findings": []}  # the Markdown file without a summary
    assert len(got[-2]["summaries"]) == 1  # the summary split across two stream outputs


def test_dask_bag_processes_equals_loop(corpus: list[str]) -> None:
    bag = db.from_sequence(corpus, npartitions=2).map(audit)
    got = bag.compute(scheduler="processes", num_workers=2)
    assert [json.loads(line) for line in got] == loop(corpus)


def test_dask_read_text_of_path_list_equals_loop(corpus: list[str], tmp_path: Path) -> None:
    listing = tmp_path / "paths.txt"
    listing.write_text("".join(path + "\n" for path in corpus), encoding="utf-8")
    with dask.config.set(scheduler="synchronous"):
        bag = db.read_text(str(listing)).map(str.strip).filter(bool).map(audit)
        got = bag.compute()
    assert [json.loads(line) for line in got] == loop(corpus)
