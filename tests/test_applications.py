"""A nested model whose count is a keras.applications model's (24a's 003: `resnet50 (Model)
23,587,712` was 'not re-derived'), on real prints of transfer-learning models."""

from __future__ import annotations

import pytest

from summaryaudit import api
from summaryaudit.formulas.application_counts import APPLICATION_COUNTS
from summaryaudit.formulas.applications import application_default
from summaryaudit.records import CheckState, Severity, Summary

from .conftest import FIXTURES
from .real_prints import assert_reads_as_truth, load_print

REAL = FIXTURES / "real"
GENERATIONS = ["keras3", "tf_keras"]


def _derivation(summary: Summary, name: str) -> str:
    assert summary.audit is not None
    [text] = [
        audited.derivation or ""
        for layer, audited in zip(summary.layers, summary.audit.rows)
        if layer.name == name
    ]
    return text


def _states(summary: Summary) -> dict[str, CheckState]:
    assert summary.coverage is not None
    return {check.name: check.state for check in summary.coverage.totals}


@pytest.mark.parametrize("generation", GENERATIONS)
def test_a_fine_tuned_base_is_named_and_the_split_checked(generation: str) -> None:
    """ResNet50(include_top=False) trained whole: its count is verified, and Non-trainable is
    exactly its BatchNormalization statistics, so the split is checked."""
    truth, text = load_print(REAL / generation / "application_base_trainable.truth.json")
    report = api.check_text(text)
    [summary] = report.summaries
    assert_reads_as_truth(summary, truth)
    assert report.findings == ()
    assert _derivation(summary, "resnet50") == (
        "23,587,712 = keras.applications.ResNet50(include_top=False): the count Keras builds it "
        "with (3 input channels; 53,120 of its weights non-trainable by default)"
    )
    assert truth["totals"]["non_trainable"] == 53_120
    assert summary.coverage is not None and summary.coverage.complete
    assert set(_states(summary).values()) == {CheckState.CHECKED}


@pytest.mark.parametrize("generation", GENERATIONS)
def test_a_frozen_base_named_by_its_sized_name_is_verified_and_said_frozen(
    generation: str,
) -> None:
    """MobileNetV2 built for 96×96 is named mobilenetv2_1.00_96; frozen, it is all of
    Non-trainable, which the SA203 info says; what of it is frozen stays a bound."""
    truth, text = load_print(REAL / generation / "application_base_frozen.truth.json")
    report = api.check_text(text)
    [summary] = report.summaries
    assert_reads_as_truth(summary, truth)
    base = "mobilenetv2_1.00_96"
    assert _derivation(summary, base).startswith(
        "2,257,984 = keras.applications.MobileNetV2(include_top=False): "
    )
    [info] = report.findings
    assert info.code == "SA203" and info.severity is Severity.INFO
    assert f"every weight of {base}, which fits that nested model frozen" in info.message
    assert summary.coverage is not None
    assert summary.coverage.rows_verified == summary.coverage.rows_read
    [bound] = [check for check in summary.coverage.totals if check.state is CheckState.BOUNDED]
    assert f"sit in {base} (a nested model: what of it is frozen is not shown)" in bound.reason


@pytest.mark.parametrize("generation", GENERATIONS)
def test_a_base_frozen_in_part_is_no_warning(generation: str) -> None:
    """A base whose BatchNormalization layers were frozen too (wild2's 007: Non-trainable
    twice the statistics): the default is a floor, never the row's exact share."""
    truth, text = load_print(REAL / generation / "application_base_trainable.truth.json")
    totals = truth["totals"]
    moved = 53_120  # gamma and beta of every BatchNormalization layer, frozen
    edited = text
    for label, old, new in (
        ("Trainable params: ", totals["trainable"], totals["trainable"] - moved),
        ("Non-trainable params: ", totals["non_trainable"], totals["non_trainable"] + moved),
    ):
        for spelled in (f"{old:,}", str(old)):
            edited = edited.replace(f"{label}{spelled}", f"{label}{new:,}", 1)
    assert edited != text
    report = api.check_text(edited)
    loud = [f for f in report.findings if f.severity is not Severity.INFO]
    # (only the printed sizes, which the edit left as they were, may disagree)
    assert {f.code for f in loud} <= {"SA204"}
    [summary] = report.summaries
    assert _states(summary)["Non-trainable = moving statistics + frozen layers"] is (
        CheckState.BOUNDED
    )


@pytest.mark.parametrize("generation", GENERATIONS)
def test_a_base_renamed_is_read_by_its_count_and_said_so(generation: str) -> None:
    _, text = load_print(REAL / generation / "application_base_trainable.truth.json")
    renamed = text.replace("resnet50 (", "backbone (", 1)
    [summary] = api.check_text(renamed).summaries
    assert _derivation(summary, "backbone") == (
        "23,587,712: exactly the count of keras.applications.ResNet50(include_top=False) (3 "
        "input channels; 53,120 of its weights non-trainable by default), so most likely that "
        "model, though backbone is not its default name"
    )


def test_a_count_no_application_has_stays_not_re_derived() -> None:
    _, text = load_print(REAL / "keras3" / "application_base_trainable.truth.json")
    edited = text.replace("23,587,712", "23,587,713").replace("23,593,859", "23,593,860")
    [summary] = api.check_text(edited).summaries
    assert _derivation(summary, "resnet50").endswith("(not re-derived here)")


def test_the_table_holds_what_the_fixtures_model_objects_say() -> None:
    """The table is generated from real Keras; the fixtures' truth, read from other model
    objects, agrees with it."""
    for generation in GENERATIONS:
        truth, _ = load_print(REAL / generation / "application_base_trainable.truth.json")
        [row] = [row for row in truth["layers"] if row["name"] == "resnet50"]
        assert ("ResNet50", False, "resnet50") in {r[:3] for r in APPLICATION_COUNTS[row["params"]]}
    for total, readings in APPLICATION_COUNTS.items():
        assert all(0 <= reading[3] < total for reading in readings)


@pytest.mark.parametrize(
    "name, params, default",
    [
        ("resnet50", 23_587_712, 53_120),
        ("mobilenetv2_1.00_2…", 2_257_984, 34_112),  # cut by a narrow column
        ("mobilenetv2_1.00_160", 2_257_984, 34_112),  # built for 160×160
        ("vgg16", 14_714_688, 0),
        ("resnet50", 23_587_713, None),
        ("resnet50", None, None),
    ],
)
def test_the_default_non_trainable_of_an_application(
    name: str, params: int | None, default: int | None
) -> None:
    assert application_default(name, params) == default
