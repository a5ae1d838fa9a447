"""A base model printed on its own, then frozen in part inside the model it feeds (the
TensorFlow transfer learning tutorial's fine-tuning): the frozen layers are found in the
base's own summary, not called an edit."""

from __future__ import annotations

import pytest

from summaryaudit import api, checks
from summaryaudit.records import CheckState, Severity, replace

from .conftest import FIXTURES
from .real_prints import assert_reads_as_truth, load_print

REAL = FIXTURES / "real"
GENERATIONS = ["keras3", "tf_keras"]


def _printed_in_turn(generation: str) -> tuple[str, list[dict]]:  # type: ignore[type-arg]
    """`base_model.summary()` (frozen whole), then `model.summary()` after fine-tuning."""
    texts, truths = [], []
    for case in ("partly_frozen_base_alone", "partly_frozen_base_fine_tuned"):
        truth, text = load_print(REAL / generation / f"{case}.truth.json")
        texts.append(text)
        truths.append(truth)
    return "".join(texts), truths


@pytest.mark.parametrize("generation", GENERATIONS)
def test_the_layers_frozen_inside_a_printed_base_are_named(generation: str) -> None:
    """Before: SA203 warned 'a difference of 120 that no set of frozen layers explains … a
    count or the Non-trainable line was edited' on this true print."""
    text, truths = _printed_in_turn(generation)
    report = api.check_text(text)
    base, fine_tuned = report.summaries
    assert_reads_as_truth(base, truths[0])
    assert_reads_as_truth(fine_tuned, truths[1])
    assert not [f for f in report.findings if f.severity is not Severity.INFO]
    [info] = [f for f in report.findings if f.code == "SA203" and f.line > base.end_line]
    assert info.message.startswith(
        "The counts fit base_conv1, base_bn1 in base (its summary at line 1) frozen "
        "(trainable=False): Non-trainable params is 144, where the rows by default hold 24"
    )
    # base.layers[:3] were frozen: the input, base_conv1 (112) and base_bn1's gamma and beta (8)
    assert (
        "the difference 120 is exactly the weights they would train if they were not frozen"
        in info.message
    )
    assert fine_tuned.coverage is not None
    assert fine_tuned.coverage.rows_verified == fine_tuned.coverage.rows_read == 3


@pytest.mark.parametrize("generation", GENERATIONS)
def test_without_the_base_printed_the_split_stays_a_bound(generation: str) -> None:
    truth, text = load_print(REAL / generation / "partly_frozen_base_fine_tuned.truth.json")
    report = api.check_text(text)
    [summary] = report.summaries
    assert_reads_as_truth(summary, truth)
    assert report.findings == ()
    assert summary.coverage is not None
    [split] = [c for c in summary.coverage.totals if c.name.startswith("Non-trainable")]
    assert split.state is CheckState.BOUNDED


def test_a_printed_base_frozen_whole_is_still_one_row() -> None:
    """The same base frozen whole in the model is the nested model, not its layers."""
    text, _ = _printed_in_turn("keras3")
    whole = text.replace("Trainable params: 330 (1.29 KB)", "Trainable params: 18 (72.00 B)")
    whole = whole.replace(
        "Non-trainable params: 144 (576.00 B)", "Non-trainable params: 456 (1.78 KB)"
    )
    report = api.check_text(whole)
    infos = [f.message for f in report.findings if f.code == "SA203"]
    assert any(m.startswith("The counts fit base frozen (trainable=False)") for m in infos), infos


def test_the_layers_kept_of_printed_models_stay_bounded() -> None:
    """Each printed model's layers are kept for a later summary's search: one per model name
    (the latest), and no more than a fixed number in all, so memory stays flat on any log."""
    text, _ = _printed_in_turn("keras3")
    base_print = text.split('Model: "fine_tuned"')[0]
    printed = checks.PrintedModels()
    for summary in api.parse_text(base_print * 3):  # the same model printed three times
        printed.add(summary, 24, (("base_conv1", 112), ("base_bn1", 8)))
    assert len(printed.parts) == 1 and printed.held == 2
    crowded = checks.PrintedModels()
    many = tuple((f"layer_{i}", 1) for i in range(60_000))
    first, second = api.parse_text(base_print * 2)
    crowded.add(first, 0, many)
    crowded.add(replace(second, model_name="other"), 0, many)
    assert crowded.parts_of(first.start_line) == many
    assert crowded.parts_of(second.start_line) is None  # past the bound: searched as one row


# --------------- 26b's 014, 015: a frozen discriminator beside a generator's BatchNormalization


@pytest.mark.parametrize("generation", ["keras2.2.4", "tf2.12", "keras3"])
def test_a_frozen_discriminator_beside_a_generators_moving_statistics_is_named(
    generation: str,
) -> None:
    """Before: only 'the other 117 sit in generator, discriminator … or are frozen layers'
    weights', though one model frozen and the other's moving statistics fit exactly."""
    truth, text = load_print(REAL / f"{generation}/gan_combined.truth.json")
    generator, _ = load_print(REAL / f"{generation}/gan_generator.truth.json")
    [summary] = api.check_text(text).summaries
    frozen = [row for row in truth["layers"] if row["trainable"] is False and row["params"]]
    assert [row["name"] for row in frozen] == ["discriminator"]
    statistics = generator["totals"]["non_trainable"]  # its BatchNormalization's, unfrozen
    assert truth["totals"]["non_trainable"] == frozen[0]["params"] + statistics
    [bound] = [c for c in summary.coverage.totals if c.name.startswith("Non-trainable")]
    assert bound.reason.endswith(
        f"; the counts fit discriminator frozen ({frozen[0]['params']:,}) and {statistics:,} "
        "more in generator, as its BatchNormalization layers' moving statistics would be"
    )
