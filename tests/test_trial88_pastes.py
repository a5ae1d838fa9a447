"""Trial 88 and the leftovers of earlier trials: the damage applied as code to real prints."""

from __future__ import annotations

import re

import pytest

from summaryaudit import api
from summaryaudit.checks.lone_split import NON_TRAINABLE_ROWS, TRAINABLE_ROWS
from summaryaudit.records import CheckState

from .conftest import FIXTURES
from .real_prints import checked_as_the_print, clean_derivations, load_print

REAL = FIXTURES / "real"

# --------------- 86a's 003: a box whose paste kept `Trainable params: 96,456` alone. Without
# Total and Non-trainable, Trainable was never compared with the rows: an edited one passed


def kept_only(printed: str, label: str) -> str:
    """The print with every totals line but `label params:` left out (Keras 3's and Keras 2's
    Total, Trainable and Non-trainable lines alike)."""
    kept = []
    for line in printed.splitlines():
        named = re.match(r"\s*(Total|Trainable|Non-trainable) params:", line)
        if named is None or named.group(1) == label:
            kept.append(line)
    return "\n".join(kept) + "\n"


def with_count(text: str, label: str, count: int) -> str:
    """The text with `label params:`'s count replaced by another, written as Keras writes it."""
    pattern = re.compile(rf"^(\s*{label} params: )[\d,]+", re.M)
    assert pattern.search(text), label
    return pattern.sub(lambda m: f"{m.group(1)}{count:,}", text, count=1)


def lone_check(text: str, name: str) -> tuple[list[str], CheckState]:
    """The codes of the one summary a text holds and the state of its totals check `name`."""
    report = api.check_text(text)
    [summary] = report.summaries
    assert summary.coverage is not None
    states = [check.state for check in summary.coverage.totals if check.name == name]
    assert len(states) == 1, summary.coverage.totals
    return [f.code for f in report.findings], states[0]


LONE_CASES = ["keras3/cnn_bn", "tf2.12/cnn_bn", "keras2.2.4/cnn_bn", "tf_keras/cnn_bn"]


@pytest.mark.parametrize("case", LONE_CASES)
def test_a_trainable_line_printed_alone_is_checked_against_the_rows(case: str) -> None:
    """Trainable = the rows less BatchNormalization's moving statistics: checked, and clean."""
    _, printed = load_print(REAL / f"{case}.truth.json")
    pasted = kept_only(printed, "Trainable")
    codes, state = lone_check(pasted, TRAINABLE_ROWS)
    assert state is CheckState.CHECKED
    assert "SA206" not in codes and "SA201" not in codes


@pytest.mark.parametrize("case", LONE_CASES)
@pytest.mark.parametrize("raised", ["to the rows", "past the rows"])
def test_a_trainable_line_above_what_the_rows_train_is_an_error(case: str, raised: str) -> None:
    """Raised to all the rows hold (the moving statistics counted as trained), or past them."""
    truth, printed = load_print(REAL / f"{case}.truth.json")
    rows = truth["totals"]["total"]
    statistics = truth["totals"]["non_trainable"]
    assert statistics > 0  # (the print holds a BatchNormalization)
    stated = rows if raised == "to the rows" else rows + 1_000
    pasted = with_count(kept_only(printed, "Trainable"), "Trainable", stated)
    [lone] = [f for f in api.check_text(pasted).findings if f.code == "SA206"]
    assert lone.severity.value == "error"
    assert f"Trainable params says {stated:,}" in lone.message
    if raised == "to the rows":
        assert f"{statistics:,} of that are weights training does not update" in lone.message
        assert f"at most {rows - statistics:,} can be trainable" in lone.message
    else:
        assert f"all the rows add up to {rows:,} (less by 1,000)" in lone.message


def test_a_trainable_line_alone_under_frozen_layers_is_only_bounded() -> None:
    """Frozen layers hold the rest: Trainable below the rows is no finding, only a bound."""
    truth, printed = load_print(REAL / "keras3/frozen_after_compile.truth.json")
    totals = truth["totals"]
    assert totals["non_trainable"] > 0
    codes, state = lone_check(kept_only(printed, "Trainable"), TRAINABLE_ROWS)
    assert state is CheckState.BOUNDED
    assert "SA206" not in codes


@pytest.mark.parametrize("case", LONE_CASES)
def test_a_non_trainable_line_printed_alone_is_checked_against_the_rows(case: str) -> None:
    truth, printed = load_print(REAL / f"{case}.truth.json")
    pasted = kept_only(printed, "Non-trainable")
    codes, state = lone_check(pasted, NON_TRAINABLE_ROWS)
    assert state is CheckState.BOUNDED and "SA206" not in codes
    rows = truth["totals"]["total"]
    codes, state = lone_check(with_count(pasted, "Non-trainable", rows + 5), NON_TRAINABLE_ROWS)
    assert state is CheckState.CHECKED and "SA206" in codes


def test_the_missing_lines_warning_says_what_the_lone_line_still_checks() -> None:
    _, printed = load_print(REAL / "keras3/cnn_bn.truth.json")
    report = api.check_text(kept_only(printed, "Trainable"))
    [missing] = [f for f in report.findings if f.code == "SA003"]
    assert "cannot be checked, only that the rows hold at least Trainable params" in missing.message


# --------------- 88d's 009: `prune_low_magnitude_lstm_3 (  (None, 128)  262659`: tfmot prunes a
# recurrent layer's kernel and recurrent kernel (a mask and a threshold each); the formula knew
# one mask per layer, and said no reading fits


def test_pruned_recurrent_layers_hold_masks_of_both_kernels() -> None:
    summary, derivations = clean_derivations(REAL / "tf_keras/pruned_recurrent.truth.json")
    by_name = dict(zip((layer.name for layer in summary.layers), derivations))
    assert by_name["prune_low_magnitude_lstm"].startswith(
        "2,739 = 1,392 of the wrapped LSTM + 1,344 (the masks of its kernel and recurrent "
        "kernel) + 2 thresholds + 1 pruning step"
    )
    for name in ("gru", "gru_1", "simple_rnn"):
        assert (
            "the masks of its kernel and recurrent kernel" in by_name[f"prune_low_magnitude_{name}"]
        )
    # GRU without reset_after: one bias of 3 × 6 (the TF 2 default keeps two)
    assert "597 = 306 of the wrapped GRU + 288 (the masks" in by_name["prune_low_magnitude_gru_1"]


# --------------- 88e's 008: notes run through a converter that reflowed the text: the word after
# each `=` rule was pulled up onto it (`=====… conv2d` over `(Conv2D) (None, 28, 28, 2) 56`,
# `=====… Total` over `params: 67,523 Trainable params: …`). Before: each Total said missing,
# an unreadable `conv2d` and a layer named `(Conv2D)`


def reflowed(printed: str, collapse: bool) -> str:
    """The print with the first word under each `=` rule joined onto the rule, and (collapse)
    the three totals lines joined into one and every run of blanks made one, as a reflow does."""
    lines = printed.rstrip("\n").split("\n")
    out: list[str] = []
    at = 0
    while at < len(lines):
        line = lines[at]
        below = lines[at + 1] if at + 1 < len(lines) else ""
        if set(line.strip()) == {"="} and below.strip():
            word, _, rest = below.strip().partition(" ")
            out.append(f"{line.rstrip()} {word}")
            if word == "Total" and collapse:
                rest = " ".join([rest, *(t.strip() for t in lines[at + 2 : at + 4])])
                at += 2
            out.append(rest)
            at += 2
            continue
        out.append(line)
        at += 1
    text = "\n".join(out) + "\n"
    return re.sub(r"[ \t]+", " ", text) if collapse else text


@pytest.mark.parametrize("collapse", [False, True], ids=["spaced", "collapsed"])
@pytest.mark.parametrize("case", ["keras2.2.4/cnn_bn", "tf2.12/cnn_bn", "tf_keras/cnn_bn"])
def test_words_a_reflow_pulled_onto_the_rules_are_given_back(case: str, collapse: bool) -> None:
    truth, printed = load_print(REAL / f"{case}.truth.json")
    pasted = reflowed(printed, collapse)
    assert re.search(r"=\s(?:conv2d\w*|Total)\n", pasted), pasted
    assert re.search(r"\nparams: 54,?538", pasted), pasted
    report = checked_as_the_print(pasted, truth, printed)
    assert [f.code for f in report.findings] == []


# --------------- 88c's 003: keras-io's PointNet. A Keras 2 column cut the Connected to entries
# without a mark (`input_transformation_block_1_1_de`), to names of rows above that the print
# also cut (`input_transformation_block_1_1_`, three rows, each (None, 512)): the input was
# unknown, so the cut classes kept every candidate ("Dense would give 2,048" on a 512-wide input)


@pytest.mark.parametrize("generation", ["keras2.2.4", "tf2.0"])
def test_an_input_named_by_a_silently_cut_reference_is_the_rows_it_may_name(
    generation: str,
) -> None:
    truth, printed = load_print(REAL / f"{generation}/tnet_names_cut_with_their_inbound.truth.json")
    report = api.check_text(printed)
    [summary] = report.summaries
    assert report.findings == () and summary.audit is not None
    assert [layer.params for layer in summary.layers] == [w["params"] for w in truth["layers"]]
    derivations = [row.derivation or "" for row in summary.audit.rows]
    counts = [layer.params for layer in summary.layers]
    assert derivations[counts.index(2048)].startswith("2,048 = 4 × 512 (gamma, beta")
    assert derivations[counts.index(131328)].startswith("131,328 = 512 × 256 + 256")
    assert summary.coverage is not None and summary.coverage.not_verified == ()


# --------------- 88f's 014: a table retyped with an edited shape above a Dense (`(None, 32)` for
# the (None, 128) Keras printed). The Dense's count was only a warning, "as a second head on
# input_layer (None, None), its count adds up": an input size solved from the count, on an axis
# Keras would refuse a Dense


def test_a_branch_reading_needs_an_input_the_table_shows() -> None:
    _, printed = load_print(REAL / "keras3/bidirectional_text_chain_with_input_row.truth.json")
    shown = "│ bidirectional_1 (Bidirectional)      │ (None, 128)    "
    assert shown in printed
    pasted = printed.replace(shown, shown.replace("(None, 128)", "(None, 32) "))
    report = api.check_text(pasted)
    [wrong] = [f for f in report.findings if f.code == "SA101" and f.layer == "dense"]
    assert wrong.severity.value == "error"
    assert "second head" not in wrong.message
    assert "Dense(64) on 32 inputs has 32 × 64 + 64 = 2,112" in wrong.message
    assert api.check_text(printed).findings == ()
