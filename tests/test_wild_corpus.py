"""Every summary pasted in public places (../shared/corpus/wild) is read with its stated numbers."""

from __future__ import annotations

import pytest

from summaryaudit import api

from .conftest import WILD, need, wild_manifest

ROWS = wild_manifest() or [{"file": "<absent>"}]


def _summaries(row: dict) -> list:
    path = need(WILD / row["file"])
    return api.parse_text(path.read_text(encoding="utf-8"), source=row["file"])


@pytest.mark.parametrize("row", ROWS, ids=[r["file"] for r in ROWS])
def test_every_summary_is_found(row: dict) -> None:
    summaries = _summaries(row)
    expected = 0 if "not_keras" in row["damage"] else row["n_summaries"]
    assert len(summaries) == expected


@pytest.mark.parametrize("row", ROWS, ids=[r["file"] for r in ROWS])
def test_rows_and_stated_totals(row: dict) -> None:
    summaries = _summaries(row)
    if "not_keras" in row["damage"]:
        assert summaries == []
        return
    first = summaries[0]
    top = [layer for layer in first.layers if layer.depth == 0]
    assert len(top) == row["n_layers"]
    if row["sum_of_param_column"] is not None:
        assert sum(layer.params for layer in top) == row["sum_of_param_column"]
    totals = first.totals.to_dict()
    assert totals["total"] == row["stated_total"]
    assert totals["optimizer"] == row["stated_optimizer"]
    if row["file"] == "034.txt":
        # Trainable and Non-trainable were merged into one PDF table cell; Total still reads.
        return
    if row["file"] == "033_doc.md":
        return  # the only trainable count is stated in prose, not in a totals line
    assert totals["trainable"] == row["stated_trainable"]
    assert totals["non_trainable"] == row["stated_non_trainable"]


@pytest.mark.parametrize("row", ROWS, ids=[r["file"] for r in ROWS])
def test_batchnormalization_rows(row: dict) -> None:
    summaries = _summaries(row)
    if not summaries:
        return
    found = [
        (layer.name, layer.params)
        for layer in summaries[0].layers
        if "batchnorm" in (layer.name + layer.type).lower().replace("_", "")
    ]
    expected = [(bn["name"], bn["params"]) for bn in row.get("bn_layers", [])]
    assert found == expected


def test_no_table_is_mistaken_for_keras() -> None:
    paddle = need(WILD / "039.txt").read_text(encoding="utf-8")
    report = api.check_text(paddle, source="039.txt")
    assert report.summaries == ()
    assert [f.code for f in report.findings] == ["SA002"]
