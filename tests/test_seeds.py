"""The five seed questions: every summary read, every BatchNormalization row explained, no alarm."""

from __future__ import annotations

import pytest

from summaryaudit import api

from .conftest import SEEDS, need

EXPECTED_SUMMARIES = {
    "000_004a8e37995c6069.txt": 1,  # Keras 1.2 functional, BN 2048 = 4 × 512
    "001_942a48624b5a6d3f.txt": 1,  # the same question in Chinese
    "002_9920733eab70229b.txt": 1,  # a book's tf.keras table, spaces collapsed by the PDF
    "003_c904808dc66b4422.txt": 0,  # the forum thread showed its summary as an image
    "004_848ececc20bb7a6a.txt": 2,  # two tf.keras tables in one answer
}


@pytest.mark.parametrize("name", sorted(EXPECTED_SUMMARIES))
def test_seed_documents(name: str) -> None:
    text = need(SEEDS / name).read_text(encoding="utf-8")
    report = api.check_text(text, source=name)
    assert len(report.summaries) == EXPECTED_SUMMARIES[name]
    loud = [f for f in report.findings if f.severity.value != "info" and f.code != "SA002"]
    assert loud == [], [f.message for f in loud]
    for summary in report.summaries:
        assert summary.totals.total is not None
        rows = sum(layer.params or 0 for layer in summary.layers)
        assert rows == summary.totals.total.value
        rows = zip(summary.layers, summary.audited_rows())
        bns = [(layer, row) for layer, row in rows if row.type.startswith("BatchNormalization")]
        assert bns
        for layer, row in bns:
            assert layer.params is not None and row.derivation is not None
            features = layer.params // 4
            assert row.derivation.startswith(f"{layer.params:,} = 4 × {features:,}"), row.derivation


def test_the_classic_question_gets_its_answer() -> None:
    text = need(SEEDS / "000_004a8e37995c6069.txt").read_text(encoding="utf-8")
    summary = api.check_text(text).summaries[0]
    at = next(i for i, layer in enumerate(summary.layers) if layer.name == "batchnormalization_1")
    derivation = summary.audited_rows()[at].derivation
    assert derivation is not None and derivation.startswith("2,048 = 4 × 512")
    assert "non-trainable" in derivation
    assert summary.totals.non_trainable is not None and summary.totals.non_trainable.value == 1024


def test_non_trainable_total_is_explained_as_half_the_batchnormalization() -> None:
    text = need(SEEDS / "000_004a8e37995c6069.txt").read_text(encoding="utf-8")
    summary = api.check_text(text).summaries[0]
    assert summary.notes == (
        "Total params 2,140,752 = the sum of the 5 rows.",
        "Non-trainable params 1,024 = 1,024 in batchnormalization_1 (its moving mean and "
        "variance: half of its 2,048 parameters).",
    )
    book = need(SEEDS / "002_9920733eab70229b.txt").read_text(encoding="utf-8")
    notes = api.check_text(book).summaries[0].notes
    assert notes[-1].startswith("Non-trainable params 2,368 = 2,368 in the 3 BatchNormalization")
