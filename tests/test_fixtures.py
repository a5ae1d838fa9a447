"""Every real Keras fixture (fixtures/real, from scripts/generate_fixtures.py) reads exactly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summaryaudit import api
from summaryaudit.layer_classes import is_known_class

from .conftest import FIXTURES

CASES = sorted((FIXTURES / "real").glob("*/*.truth.json"))
IDS = [f"{p.parent.name}/{p.name[: -len('.truth.json')]}" for p in CASES]
# A 100-wide four-column table without Keras-1-only names or classes is what Keras 1.2 and
# Keras 2.0.0–2.0.8 both print; the dialect cannot be told apart there (the counts can).
AMBIGUOUS_DIALECT = {"keras1.2.2/two_input_long_names": {"keras1", "keras2"}}


def _load(truth_path: Path) -> tuple[dict, str]:
    text_path = truth_path.with_name(truth_path.name.replace(".truth.json", ".txt"))
    return json.loads(truth_path.read_text(encoding="utf-8")), text_path.read_text(encoding="utf-8")


def test_there_are_fixtures_from_every_generation() -> None:
    generations = {p.parent.name for p in CASES}
    assert {"keras3", "tf_keras", "tf2.12", "keras2.2.4", "keras1.2.2", "keras1.0.8"} <= generations
    assert len(CASES) >= 200


def _as_read(truth: dict, type_: str) -> str:  # type: ignore[type-arg]
    """The class a row of this print reads as: a Keras 0.3 Graph's input is a plain `Layer`
    object, printed `Layer (user_input)`, which Keras since 1.0 makes an InputLayer."""
    return "InputLayer" if truth["generation"] == "keras0.3.3" and type_ == "Layer" else type_


@pytest.mark.parametrize("truth_path", CASES, ids=IDS)
def test_records_equal_the_model_objects(truth_path: Path) -> None:
    truth, text = _load(truth_path)
    case = f"{truth_path.parent.name}/{truth['case']}"
    summaries = api.parse_text(text, source=case)
    assert len(summaries) == 1
    summary = summaries[0]
    assert summary.dialect in AMBIGUOUS_DIALECT.get(case, {truth["expected_dialect"]})
    assert summary.model_name == truth["model_name"]
    assert summary.unreadable == ()
    assert len(summary.layers) == len(truth["layers"])
    for got, want in zip(summary.layers, truth["layers"]):
        if "name" in got.truncated:
            assert want["name"].startswith(got.name.rstrip("…")), (got.name, want["name"])
        else:
            assert got.name == want["name"]
        cut_class = got.printed_type.rstrip("…")
        if "type" in got.truncated and (
            not got.type or (got.type == cut_class and not is_known_class(cut_class))
        ):
            # cut, and completed to no known class (`MultiPerspectiveMa…`: a class of its own);
            # a cut that spells a known class is that class or a misread (`(Average`)
            assert want["type"].startswith(cut_class), got.name
        elif "type" in got.truncated and got.type != want["type"] and got.type != cut_class:
            # no class shown, or a shorter cut: the class of its own the column cut on the row
            # its name is numbered from (`relational_graph_conv_layer_1 (` under `… (Re`,
            # `scaled_l2norm_pooling2d_1 (S` under `… (Sca`)
            assert not is_known_class(got.type) and want["type"].startswith(got.type), got.name
            assert got.type.startswith(cut_class), got.name
            assert any(row.printed_type == got.type for row in summary.layers), got.name
        else:
            assert got.type == _as_read(truth, want["type"]), got.name
        if summary.cropped and got.params is None:
            continue  # the Param # column was cropped away by a narrow terminal
        if got.params_cut:  # Keras 3 cut a count too wide for its column: `10,240,0…`
            assert got.params is None and "params" in got.truncated, got.name
            printed = f"{want['params']:,}"
            assert printed.startswith(got.params_cut) and printed != got.params_cut, got.name
            continue
        assert got.params == want["params"], got.name
        assert got.depth == want["depth"], got.name
    assert summary.totals.to_dict() == truth["totals"]


@pytest.mark.parametrize("truth_path", CASES, ids=IDS)
def test_audit_flags_exactly_the_real_faults(truth_path: Path) -> None:
    truth, text = _load(truth_path)
    report = api.check_text(text, source=truth_path.name)
    loud = [f for f in report.findings if f.severity.value in ("error", "warning")]
    expected = sorted((fault["code"], fault["layer"]) for fault in truth["faults"])
    cropped = report.summaries and report.summaries[0].cropped
    got = sorted((f.code, f.layer) for f in loud if not (cropped and f.code == "SA003"))
    assert got == expected, [f.message for f in loud]
    if cropped:
        assert any(f.code == "SA003" for f in loud)


@pytest.mark.parametrize("truth_path", CASES, ids=IDS)
def test_every_row_is_explained(truth_path: Path) -> None:
    _, text = _load(truth_path)
    report = api.check_text(text, source=truth_path.name)
    summary = report.summaries[0]
    for layer, row in zip(summary.layers, summary.audited_rows()):
        if layer.params is not None:
            assert row.derivation, layer.name
