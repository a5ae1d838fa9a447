"""Rows that differ only by their name share one derivation, which reads as its own would."""

from __future__ import annotations

from pathlib import Path

import summaryaudit
from summaryaudit import api, checks, formulas
from summaryaudit.checks.derivations import derive_row
from summaryaudit.dialects import Era
from summaryaudit.formulas import conv
from summaryaudit.records import replace

REAL = Path(__file__).resolve().parent.parent / "fixtures" / "real"


def _rows() -> list[tuple[summaryaudit.Layer, formulas.LayerFacts]]:
    rows = []
    for path in sorted(REAL.glob("**/*.txt")):
        for summary in api.parse_text(path.read_text(encoding="utf-8"), source=path.name):
            analysis = checks.analyse(summary)
            rows += [
                (layer, fact)
                for i, (layer, fact) in enumerate(zip(analysis.layers, analysis.facts))
                if i not in analysis.inferred and layer.params is not None
            ]
    return rows


def test_every_real_row_derives_as_the_formulas_derive_it_alone() -> None:
    summaryaudit.clear_caches()
    rows = _rows()
    assert len(rows) > 3000
    shared = 0
    for layer, fact in rows:
        alone = formulas.derive(fact)
        if "type" in layer.truncated:
            continue  # a cut class is said to be cut: not the formula's own text
        if layer.output_shape == "multiple":  # ... and a shape printed `multiple` as such
            said = alone.text.replace(conv.OUTPUT_NOT_SHOWN, conv.OUTPUT_MULTIPLE)
            alone = replace(alone, text=said)
        assert derive_row(layer, fact, None) == alone, (layer.name, fact)
        shared += fact.name in alone.text or fact.name in (alone.message or "")
    assert shared > 0  # some derivations print the row's name, and got it written back


def test_two_rows_differing_only_by_name_each_get_their_own_name() -> None:
    summaryaudit.clear_caches()
    fact = formulas.LayerFacts(
        "dense_1", "Dense", 999, ((None, 10),), ((None, 32),), Era.KERAS2, None
    )
    layer = summaryaudit.Layer("dense_1", "Dense", "(None, 10)", 999, 1)
    first = derive_row(layer, fact, None)
    second = derive_row(layer, fact._replace(name="head"), None)
    assert "dense_1" in (first.message or "") and "head" not in (first.message or "")
    assert "head" in (second.message or "") and "dense_1" not in (second.message or "")
    assert first.text == second.text == formulas.derive(fact).text
    assert second == formulas.derive(fact._replace(name="head"))
