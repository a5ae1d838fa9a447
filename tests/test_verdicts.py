"""Issue 9: never a false all-clear, never a false alarm on a genuine print (real Keras prints)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from summaryaudit import api
from summaryaudit.formats import NO_PROBLEMS, PARTLY_CHECKED, render_github, render_sarif, verdict
from summaryaudit.layer_classes import is_known_class
from summaryaudit.records import CheckState, Report
from summaryaudit.report import render_text

from .conftest import FIXTURES, SHARED, need

REAL = FIXTURES / "real"


def _text(case: str) -> str:
    return need(REAL / f"{case}.txt").read_text(encoding="utf-8")


def _truth(case: str) -> dict:
    return json.loads(need(REAL / f"{case}.truth.json").read_text(encoding="utf-8"))


def _loud(report: Report) -> list[tuple[str, str | None]]:
    return [(f.code, f.layer) for f in report.findings if f.severity.value != "info"]


def _edit_line(text: str, line: int, old: str, new: str) -> str:
    """Replace the last `old` on a 1-based line (the damage a hand edit does)."""
    lines = text.split("\n")
    head, sep, tail = lines[line - 1].rpartition(old)
    assert sep, (lines[line - 1], old)
    lines[line - 1] = head + new + tail
    return "\n".join(lines)


def _verdict(text: str) -> str:
    items = list(api.iter_check(api.iter_summaries(text), "<string>"))
    return "".join(render_text(items))


# --------------------------------------------------------------------------- false all-clear


APPLICATIONS = ["keras3/resnet50", "keras3/densenet121", "keras3/nasnet_mobile"]


@pytest.mark.parametrize("case", [*APPLICATIONS, "keras3/lstm_long_shape"])
def test_edited_non_trainable_is_flagged_on_big_real_models(case: str) -> None:
    text = _text(case)
    genuine = api.check_text(text)
    assert _loud(genuine) == []
    stated = genuine.summaries[0].totals.non_trainable
    assert stated is not None and stated.value
    edited = _edit_line(text, stated.line, f"{stated.value:,}", f"{stated.value + 2:,}")
    report = api.check_text(edited)
    codes = {code for code, _ in _loud(report)}
    assert "SA203" in codes, report.findings
    assert NO_PROBLEMS not in _verdict(edited)


@pytest.mark.parametrize("case", ["keras3/resnet50", "keras3/densenet121", "keras3/cnn_bn"])
def test_all_clear_only_when_every_row_and_total_was_verified(case: str) -> None:
    report = api.check_text(_text(case))
    summary = report.summaries[0]
    assert summary.coverage is not None and summary.coverage.complete
    assert summary.coverage.rows_verified == summary.coverage.rows_read == len(summary.layers)
    assert _verdict(_text(case)).count(NO_PROBLEMS) == 1


def test_a_model_with_undecided_rows_gets_no_all_clear() -> None:
    """Rows of a subclassed model print `multiple`: their counts are not decided. (NASNet's
    separable rows, once undecided, are now solved as consistent.)"""
    text = _text("keras3.0.5/subclassed_model")
    summary = api.check_text(text).summaries[0]
    assert summary.coverage is not None and not summary.coverage.complete
    assert summary.coverage.rows_verified < summary.coverage.rows_read
    out = _verdict(text)
    assert NO_PROBLEMS not in out and PARTLY_CHECKED in out
    assert f"verified {summary.coverage.rows_verified} of {summary.coverage.rows_read} rows" in out


def test_unreadable_row_keeps_the_batchnormalization_floor() -> None:
    """One unreadable row no longer switches SA203 off: a visible BN still needs its 64."""
    text = _text("keras3/cnn_bn")
    text = text.replace("          54,090 │", "          XXXXXX │")  # the Dense row's count
    assert "XXXXXX" in text
    assert "SA203" not in {c for c, _ in _loud(api.check_text(text))}
    edited = text.replace("Non-trainable params: 64 (256.00 B)", "Non-trainable params: 0 (0.00 B)")
    report = api.check_text(edited)
    found = [f for f in report.findings if f.code == "SA203"]
    assert found and "64" in found[0].message and found[0].severity.value == "warning"
    coverage = report.summaries[0].coverage
    assert coverage is not None and not coverage.complete
    states = {t.name: t.state for t in coverage.totals}
    assert CheckState.BOUNDED in states.values()


def test_elided_rows_keep_the_split_and_the_bounds() -> None:
    """Rows replaced by an elision row: the split and the lower bounds are still checked."""
    text = _text("keras3/cnn_bn")
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if "max_pooling2d" in line)
    end = next(i for i, line in enumerate(lines) if "dense (Dense)" in line)
    elision = (
        "│ ...                                  │ ...                         │             ... │"
    )
    damaged = "\n".join([*lines[:start], elision, *lines[end + 1 :]])
    report = api.check_text(damaged)
    assert not [c for c, _ in _loud(report) if c.startswith("SA2")]
    too_low = damaged.replace("Total params: 54,538 (213.04 KB)", "Total params: 400 (1.56 KB)")
    too_low = too_low.replace(
        "Trainable params: 54,474 (212.79 KB)", "Trainable params: 336 (1.31 KB)"
    )
    codes = {c for c, _ in _loud(api.check_text(too_low))}
    assert "SA201" in codes  # the rows that can be read already hold 448 > 400
    no_stats = damaged.replace(
        "Non-trainable params: 64 (256.00 B)", "Non-trainable params: 0 (0.00 B)"
    )
    codes = {c for c, _ in _loud(api.check_text(no_stats))}
    assert {"SA202", "SA203"} <= codes


@pytest.mark.parametrize(
    ("case", "old", "new", "layer"),
    [
        (
            "keras3/shared_dense_two_inputs",
            "             544 │",
            "             545 │",
            "shared_dense",
        ),
        ("keras3/subclassed_bn_called", "           1,344 │", "           1,345 │", "dense"),
    ],
)
def test_edited_shared_and_subclassed_rows_are_flagged(
    case: str, old: str, new: str, layer: str
) -> None:
    text = _text(case)
    assert _loud(api.check_text(text)) == []
    assert old in text
    report = api.check_text(text.replace(old, new, 1))
    assert ("SA101", layer) in _loud(report)


def test_cut_class_rows_get_their_class_from_the_evidence() -> None:
    checked = 0
    for truth_path in sorted(REAL.glob("*/*.truth.json")):
        case = f"{truth_path.parent.name}/{truth_path.name[: -len('.truth.json')]}"
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        summary = api.check_text(_text(case)).summaries[0]
        for printed, got, want in zip(summary.layers, summary.audited_rows(), truth["layers"]):
            if printed.printed_type or "type" not in printed.truncated or printed.params is None:
                continue
            checked += 1
            if want["type"] == "Merge" and summary.dialect == "keras2":
                # Keras 1.2 prints what Keras 2.0 prints (test_fixtures.AMBIGUOUS_DIALECT); read
                # as Keras 2, the same weightless merge is a Concatenate.
                assert got.type == "Concatenate", (case, printed.name)
                continue
            if not got.type:
                # The evidence leaves several classes open (`…_relu`: ReLU or Activation); the
                # count is still verified when every one of them allows it.
                assert "each class it could be" in (got.derivation or ""), (case, printed.name)
                assert want["type"] in got.derivation, (case, printed.name)
                continue
            if got.type != want["type"] and not is_known_class(got.type):
                # a class of its own the column cut on the row this name is numbered from
                # (`relational_graph_conv_layer_1 (` under `… (Re`, 50c's 014): that cut
                assert want["type"].startswith(got.type), (case, printed.name)
                assert any(row.printed_type == got.type for row in summary.layers), case
                continue
            assert got.type == want["type"], (case, printed.name)
            assert printed.to_dict(got)["type_source"] in ("inferred", "completed"), case
            assert (
                got.type_source is not None
                and got.type_source.value == printed.to_dict(got)["type_source"]
            )
    assert checked >= 40


# --------------------------------------------------------------------------- false alarms


LAYER_RANGE = sorted(p for p in REAL.glob("*/*layer_range*.txt"))


@pytest.mark.parametrize(
    "path", LAYER_RANGE, ids=[f"{p.parent.name}/{p.stem}" for p in LAYER_RANGE]
)
def test_layer_range_prints_are_recognised_as_info(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    report = api.check_text(text)
    assert _loud(report) == []
    info = [f for f in report.findings if f.code == "SA201"]
    assert info and info[0].severity.value == "info" and "layer_range" in info[0].message
    coverage = report.summaries[0].coverage
    assert coverage is not None and not coverage.complete
    assert NO_PROBLEMS not in _verdict(text)


FROZEN = sorted(
    f"{p.parent.name}/{p.stem}"
    for p in [*REAL.glob("*/frozen*_no_show_trainable.txt"), REAL / "keras3" / "frozen_layers.txt"]
)


@pytest.mark.parametrize("case", FROZEN)
def test_frozen_layers_without_show_trainable_are_named(case: str) -> None:
    report = api.check_text(_text(case))
    assert _loud(report) == []
    frozen = [
        row["name"]
        for row in _truth(case)["layers"]
        if row.get("trainable") is False and row["params"]  # a frozen InputLayer holds nothing
    ]
    assert frozen
    info = [f for f in report.findings if f.code == "SA203"]
    assert len(info) == 1 and info[0].severity.value == "info"
    shown = frozen if len(frozen) <= 6 else frozen[:6]
    for name in shown:
        assert re.search(rf"\b{re.escape(name)}\b", info[0].message), (name, info[0].message)


def test_a_gap_no_set_explains_says_what_was_tried() -> None:
    text = _text("keras3/frozen_dense_no_show_trainable")
    stated = api.check_text(text).summaries[0].totals.non_trainable
    assert stated is not None and stated.value == 714
    edited = _edit_line(text, stated.line, "714", "715")
    found = [f for f in api.check_text(edited).findings if f.code == "SA203"]
    assert found and found[0].severity.value == "warning"
    assert "tried:" in found[0].message and "every run of consecutive layers" in found[0].message


def test_kapre_melspectrogram_is_its_own_class() -> None:
    path = need(SHARED / "corpus" / "wild2" / "042.ipynb")
    report = api.check_text(path.read_text(encoding="utf-8"), source="042.ipynb")
    melgram = [f for f in report.findings if f.layer == "melgram"]
    assert melgram and {f.code for f in melgram} == {"SA901"}
    assert "Melspectrogram" in melgram[0].message


def test_duplicate_names_resolve_to_the_nearest_row_above() -> None:
    text = _text("keras3/shared_dense_two_inputs")
    old = "│ dense (Dense)                 │"
    assert old in text
    damaged = text.replace(old, "│ concatenate (Dense)           │")
    # references resolve to the nearest row above: no false SA401 or SA301; the two rows named
    # concatenate are themselves SA402 (Keras names every layer uniquely)
    assert [code for code, _ in _loud(api.check_text(damaged))] == ["SA402"]


def test_global_pooling_cut_before_its_dimension_takes_the_input_rank() -> None:
    text = _text("keras3/conv3d_conv1d_repeat")
    summary = api.check_text(text).summaries[0]
    row = next(layer for layer in summary.layers if layer.type == "GlobalAveragePooling3D")
    line = text.split("\n")[row.line - 1]
    cut = line.replace("global_average_pooling3d", "global_average_poo…     ").replace(
        "(GlobalAveragePooling3D)", "(GlobalAveragePool…)    "
    )
    assert cut != line
    damaged = text.replace(line, cut)
    after = api.check_text(damaged)
    layer = next(layer for layer in after.summaries[0].layers if layer.line == row.line)
    assert layer.type == "GlobalAveragePooling3D"
    assert _loud(after) == []


# --------------------------------------------------------------------------- messages


def test_total_message_has_no_redundant_equation_without_optimizer() -> None:
    text = _text("keras3/cnn_bn")
    edited = text.replace("Total params: 54,538", "Total params: 54,539")
    found = [f for f in api.check_text(edited).findings if f.code == "SA201"]
    assert found and "54,539 =" not in found[0].message
    assert found[0].message.startswith("Total params says 54,539, but the rows add up to 54,538")


def test_non_trainable_message_counts_batchnormalization_inside_nested_models() -> None:
    case = "keras3/siamese_shared_nested_expanded"
    report = api.check_text(_text(case))
    stated = report.summaries[0].totals.non_trainable
    assert stated is not None and stated.value is not None
    nested_bn = [
        layer
        for layer in report.summaries[0].layers
        if layer.depth and layer.type == "BatchNormalization"
    ]
    if not nested_bn:
        pytest.skip("this print expands no BatchNormalization inside a nested model")
    edited = _edit_line(_text(case), stated.line, f"{stated.value:,}", f"{stated.value + 1:,}")
    found = [f for f in api.check_text(edited).findings if f.code == "SA203"]
    assert found and "nested models included" in found[0].message


# --------------------------------------------------------------------------- every format


def test_coverage_is_in_every_format() -> None:
    text = _text("keras3.0.5/subclassed_model")
    items = list(api.iter_check(api.iter_summaries(text, "subclassed.txt"), "subclassed.txt"))
    summary = items[0][0]
    assert summary is not None and summary.coverage is not None
    data = json.loads(json.dumps(api.check_text(text).to_dict()))
    coverage = data["summaries"][0]["coverage"]
    assert coverage["rows_read"] == summary.coverage.rows_read and coverage["complete"] is False
    assert {t["check"] for t in coverage["totals"]} >= {"Total = sum of the rows"}
    assert verdict(summary, items[0][1]) in "".join(render_text(items))
    github = "".join(render_github(items))
    assert "title=coverage::" in github and "verified" in github
    sarif = json.loads("".join(render_sarif(items)))
    assert sarif["runs"][0]["properties"]["coverage"][0]["rows_read"] == coverage["rows_read"]


def test_an_inbound_layer_in_elided_rows_is_no_warning() -> None:
    """A real paste that replaced rows with `... (additional layers)` (wild corpus 015)."""
    text = need(SHARED / "corpus" / "wild" / "015_doc.md").read_text(encoding="utf-8")
    report = api.check_text(text)
    inbound = [f for f in report.findings if f.code == "SA401"]
    assert inbound and all(f.severity.value == "info" for f in inbound)
    summary = report.summaries[1]
    assert summary.coverage is not None and not summary.coverage.complete
    assert any("elided" in reason for reason in summary.coverage.not_verified)
    bounded = [t for t in summary.coverage.totals if t.state is CheckState.BOUNDED]
    assert any("must hold the other 264,832" in t.reason for t in bounded)


KERAS1_BN = sorted(
    f"{gen}/{p.stem}"
    for gen in ("keras1.0.8", "keras1.1.2")
    for p in (REAL / gen).glob("bn_axis*.txt")
)


@pytest.mark.parametrize("case", KERAS1_BN)
def test_keras1_batchnormalization_axis_from_two_per_feature(case: str) -> None:
    """Keras 1.0/1.1 print 2 × N: 128 on (None, 64, 64, 32) is the height, not 4 × 32.

    The prints with BatchNormalization on the channel axis (axis=3 channels-last, axis=1
    channels-first) are the controls: nothing is raised on them.
    """
    report = api.check_text(_text(case))
    want = sorted((f["code"], f["layer"]) for f in _truth(case)["faults"])
    assert sorted(_loud(report)) == want
    channel_axis = "axis3_channels_last" in case or "axis1_channels_first" in case
    assert bool(want) != channel_axis


@pytest.mark.parametrize("gen", ["keras1.0.8", "keras1.1.2"])
def test_keras1_nested_sequential_names_are_no_unknown_inbound(gen: str) -> None:
    report = api.check_text(_text(f"{gen}/nested_sequential"))
    assert not [f for f in report.findings if f.code == "SA401"]
    assert _loud(report) == []
