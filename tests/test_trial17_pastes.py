"""Trial 17's paste damage (new-user trials on 30 fresh public pastes), on real prints."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from summaryaudit import api

from .conftest import FIXTURES
from .real_prints import (
    assert_reads_as_truth,
    findings_by_layer,
    load_print,
    one_summary,
    print_id,
    truth_paths,
)

REAL = FIXTURES / "real"
FIXED = truth_paths(
    REAL, ("keras2.2.4", "tf1.14", "tf2.12"), ("cnn_bn", "frozen_layers", "tutorial_cnn")
)

# ------------------------- 17b's 003 and 004: a Spanish header and totals, title case


def spanish(text: str, total_label: str) -> str:
    """A Spanish README's retyping (17b's 004): `Capa (Tipo)` for `Layer (type)` (its column
    kept), the totals labelled in Spanish."""
    text = text.replace("Layer (type)", "Capa (Tipo) ")
    text = re.sub(r"(?m)^( ?)Total params:", rf"\1{total_label}:", text)
    text = re.sub(r"(?m)^( ?)Non-trainable params:", r"\1Parámetros no entrenables:", text)
    return re.sub(r"(?m)^( ?)Trainable params:", r"\1Parámetros entrenables:", text)


@pytest.mark.parametrize("label", ["Total parámetros", "Total de Parámetros"])
@pytest.mark.parametrize("truth_path", FIXED, ids=print_id)
def test_a_spanish_header_in_title_case_and_its_totals_are_read(
    truth_path: Path, label: str
) -> None:
    """Before: `Capa (Tipo)` was an unreadable row (the top taken as cut off), and `Total
    parámetros` / `Total de Parámetros` no totals line (SA003, totals unchecked)."""
    truth, text = load_print(truth_path)
    damaged = spanish(text, label)
    assert "Layer" not in damaged and label in damaged
    assert_reads_as_truth(one_summary(damaged), truth)
    assert findings_by_layer(damaged) == findings_by_layer(text)


def bullets_under_rows(text: str) -> str:
    """A thesis that wrote the layer's settings as bullets under each row (17b's 003)."""
    out = []
    for line in text.rstrip("\n").split("\n"):
        out.append(line)
        if re.match(r"^ ?\w+ \(\w+\) +\(", line):
            out.append("    • Activación: ReLU")
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("truth_path", FIXED, ids=print_id)
def test_bullets_under_rows_are_asides(truth_path: Path) -> None:
    """Before: each bullet ended the table, which came out in pieces, a row lost, and the
    totals read as a summary of their own (two false SA003)."""
    truth, text = load_print(truth_path)
    damaged = bullets_under_rows(text)
    assert damaged.count("•") >= 3
    summary = one_summary(damaged)
    assert_reads_as_truth(summary, truth)
    assert {text for _, text in summary.asides} == {"• Activación: ReLU"}
    assert findings_by_layer(damaged) == findings_by_layer(text)


# ------------------- 17b's 005: a Keras 3 Total holding the optimizer state, its lines cut


def keep_totals(text: str, labels: tuple[str, ...]) -> str:
    """The print with only the totals lines of these labels kept (the others cut away)."""
    kept = [
        line
        for line in text.rstrip("\n").split("\n")
        if "params:" not in line or line.strip().startswith(labels)
    ]
    return "\n".join(kept) + "\n"


@pytest.mark.parametrize(
    ("case", "labels", "sum_text"),
    [
        ("compiled_fitted", ("Total", "Trainable"), "2 × 193 trainable + 2"),
        ("fitted_mixed_precision", ("Total",), "2 × 161 trainable + 6"),
    ],
)
def test_a_total_holding_left_out_optimizer_state_says_so(
    case: str, labels: tuple[str, ...], sum_text: str
) -> None:
    """The Total of a fitted Keras 3 model counts the optimizer's state; with its Optimizer
    params line cut, SA201 names the optimizer whose state is exactly the gap (before: only
    'a row was lowered or is missing, or the total was edited')."""
    _, text = load_print(REAL / "keras3" / f"{case}.truth.json")
    damaged = keep_totals(text, labels)
    assert "Optimizer params" not in damaged
    [finding] = [f for f in api.check_text(damaged).findings if f.code == "SA201"]
    assert sum_text in finding.message and "`Optimizer params` line" in finding.message
    assert finding.severity.value == "error"  # not verified: the paste may be edited


def test_a_gap_no_optimizer_gives_gets_no_optimizer_hint() -> None:
    _, text = load_print(REAL / "keras3" / "fitted_mixed_precision.truth.json")
    damaged = keep_totals(text, ("Total",)).replace("Total params: 489", "Total params: 490")
    [finding] = [f for f in api.check_text(damaged).findings if f.code == "SA201"]
    assert "optimizer" not in finding.message
