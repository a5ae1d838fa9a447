"""Every summary pasted in public places (../shared/corpus/wild2) reads as its manifest says."""

from __future__ import annotations

import functools
from collections import Counter

import pytest

from summaryaudit import api
from summaryaudit.records import Report, Summary

from .conftest import WILD2, need, wild2_manifest

ROWS = wild2_manifest() or [{"file": "<absent>", "summary_index": 0}]
FILES = sorted({row["file"] for row in ROWS})
LOUD = ("error", "warning")

# Summaries the manifest describes in its notes instead of one row each.
UNLISTED = {
    "030.py": 1,  # "the same table is pasted twice in the file (summary_index 1 identical)"
    "031.py": 1,  # "the same 3-row model is printed again in full (Total params: 652) later"
    "035.md": 80,  # "first of 81 Keras 3 box prints in a generated report"
}

# (file, summary_index, aspect) -> why the reading is still wrong there.
KNOWN: dict[tuple[str, int, str], str] = {}


@functools.cache
def _report(name: str) -> Report:
    path = need(WILD2 / name)
    text = path.read_text(encoding="utf-8", errors="surrogateescape")
    return api.check_text(text, source=name)


def _summary(row: dict) -> Summary:
    summaries = _report(row["file"]).summaries
    assert row["summary_index"] < len(summaries), "summary not found"
    return summaries[row["summary_index"]]


def _cases(aspect: str) -> list:
    cases = []
    for row in ROWS:
        key = (row["file"], row["summary_index"], aspect)
        marks = [pytest.mark.xfail(strict=True, reason=KNOWN[key])] if key in KNOWN else []
        cases.append(pytest.param(row, id=f"{row['file']}#{row['summary_index']}", marks=marks))
    return cases


def _top(summary: Summary) -> list:
    return [layer for layer in summary.layers if layer.depth == 0]


@pytest.mark.parametrize("name", FILES)
def test_every_summary_of_a_file_is_found(name: str) -> None:
    listed = sum(1 for row in ROWS if row["file"] == name)
    assert len(_report(name).summaries) == listed + UNLISTED.get(name, 0)


@pytest.mark.parametrize("row", _cases("rows"))
def test_top_level_rows(row: dict) -> None:
    assert len(_top(_summary(row))) == row["n_layers"]


@pytest.mark.parametrize("row", _cases("totals"))
def test_stated_totals(row: dict) -> None:
    totals = _summary(row).totals.to_dict()
    stated = {key: row[f"stated_{key}"] for key in ("total", "trainable", "non_trainable")}
    assert {key: totals[key] for key in stated} == stated


@pytest.mark.parametrize("row", _cases("param_sum"))
def test_sum_of_the_param_column(row: dict) -> None:
    top = _top(_summary(row))
    assert sum(layer.params or 0 for layer in top) == row["sum_of_param_column"]


@pytest.mark.parametrize("row", _cases("batchnorm"))
def test_batchnormalization_rows(row: dict) -> None:
    summary = _summary(row)  # the class as audited: a class the print cut off is inferred
    found = [
        (layer.name, layer.params)
        for layer, audited in zip(summary.layers, summary.audited_rows())
        if "batchnorm" in (layer.name + audited.type).lower().replace("_", "")
    ]
    assert found == [(bn["name"], bn["params"]) for bn in row["bn_layers"]]


@pytest.mark.parametrize("row", _cases("codes"))
def test_exactly_the_expected_codes(row: dict) -> None:
    summary = _summary(row)
    codes = {
        finding.code
        for finding in _report(row["file"]).findings
        if finding.severity.value in LOUD
        and finding.line is not None
        and summary.start_line <= finding.line <= summary.end_line
    }
    assert sorted(codes) == sorted(set(row["expect_codes"]))


@pytest.mark.parametrize("name", FILES)
def test_no_error_or_warning_outside_a_summary(name: str) -> None:
    report = _report(name)
    spans = [(s.start_line, s.end_line) for s in report.summaries]
    stray = Counter(
        finding.code
        for finding in report.findings
        if finding.severity.value in LOUD
        and not any(a <= (finding.line or 0) <= b for a, b in spans)
    )
    assert stray == Counter()
