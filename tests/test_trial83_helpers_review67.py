"""The review of trial 83's items 6 and 7: a count a paste ends with, read whole or as an edit."""

from __future__ import annotations

from typing import Optional

import pytest

from summaryaudit import api
from summaryaudit.records import Layer, Report, Summary
from summaryaudit.report import layer_table

from .conftest import FIXTURES
from .real_prints import load_print
from .test_trial83_helpers_ends import UNCONNECTED

REAL = FIXTURES / "real"

# (UNCONNECTED: Keras 2 and tf.keras prints without a Connected to column, whose last row's
# count its formula fixes: a Dense on a Flatten's 5,408 inputs; a PReLU on (122, 114, 4))


def ending_with(case: str, digits: Optional[str] = None, row: Optional[str] = None,
                drop: str = "") -> tuple[str, str, int]:  # fmt: skip
    """The print in a code block never closed, ended at the count of its last row with a count
    of 3 digits or more (or of row `row`), no line end after it; the count replaced by
    `digits` (a function of the whole count's text) where given, the rows whose class is `drop`
    left out. Also the row's name and its whole count."""
    truth, printed = load_print(REAL / f"{case}.truth.json")
    counts = {layer["name"]: layer["params"] for layer in truth["layers"]}
    lines = [line for line in printed.split("\n") if not (drop and f"({drop})" in line)]
    for at in reversed(range(len(lines))):
        words = lines[at].split()
        if (
            words
            and (row is None or words[0] == row)
            and words[-1] == str(counts.get(words[0], -1))
            and (row is not None or counts[words[0]] >= 100)
        ):
            name, whole = words[0], counts[words[0]]
            break
    else:
        raise AssertionError(f"{case}: no such row")
    text = lines[at].rstrip()
    if digits is not None:
        text = text[: len(text) - len(str(whole))] + digits
    return "```\n" + "\n".join([*lines[:at], text]), name, whole


def _last(report: Report) -> tuple[Summary, Layer]:
    """The one summary of a report and its last row."""
    [summary] = report.summaries
    return summary, summary.layers[-1]


def _edited(whole: int) -> str:
    """The whole count with its last digit changed (54090 → 54095)."""
    text = str(whole)
    return text[:-1] + str((int(text[-1]) + 5) % 10)


def _cut_and_edited(whole: int) -> str:
    """The first half of the count's digits kept, the last of them changed (54090 → 545)."""
    text = str(whole)
    return _edited(int(text[: len(text) - len(text) // 2]))


# --------------- item 6: the paste ends right after the whole count


@pytest.mark.parametrize("case", UNCONNECTED)
def test_a_whole_count_the_paste_ends_with_is_the_rows_count(case: str) -> None:
    """Before: the row was verified, but its count was null and marked truncated in JSON, and
    the table printed `54090…`. Now the count is the digits, as with a line end after them."""
    pasted, name, whole = ending_with(case)
    assert pasted.endswith(str(whole))
    summary, layer = _last(api.check_text(pasted))
    _, ended = _last(api.check_text(pasted + "\n"))
    assert (layer.name, layer.params, layer.truncated, layer.params_cut) == (
        name,
        whole,
        ended.truncated,
        "",
    )
    assert "params" not in layer.truncated
    as_json = layer.to_dict()
    assert (as_json["params"], as_json["truncated"]) == (whole, [])
    [table_row] = [row for row in layer_table(summary).splitlines() if f" {name} " in row]
    assert f" {whole:,} " in table_row and "…" not in table_row.split(name)[1][:60]
    assert summary.audit is not None and summary.audit.coverage is not None
    assert summary.audit.rows[-1].derivation.startswith(f"{whole:,} = ")  # type: ignore[union-attr]
    assert summary.audit.coverage.not_verified == ("the totals (not in the paste)",)


def test_a_whole_count_a_missing_flatten_explains_is_read_whole() -> None:
    """A Dense on the pooled map, its Flatten left out: its count is the flattened input's
    (5,408 × 10 + 10), a reading of the row, so the digits the paste ends with are whole."""
    pasted, name, whole = ending_with("keras2.2.4/cnn_bn", drop="Flatten")
    report = api.check_text(pasted)
    assert not [f for f in report.findings if f.code == "SA101"]
    _, layer = _last(report)
    assert (layer.name, layer.params, "params" in layer.truncated) == (name, whole, False)


# --------------- item 7: an edited count the paste ends with


@pytest.mark.parametrize("case", UNCONNECTED)
@pytest.mark.parametrize("damage", [_edited, _cut_and_edited])
def test_an_edited_count_the_paste_ends_with_keeps_its_error(case: str, damage: object) -> None:
    """Before: `54095` (or `545`) at the paste's end was 'cut off by the end of the paste' and
    not checked. No count the row allows begins with those digits, so whatever was cut, the
    count is wrong: SA101, as with a line end after it, saying the paste ends there."""
    assert callable(damage)
    _, _, whole = ending_with(case)
    digits = damage(whole)
    pasted, name, _ = ending_with(case, digits)
    report = api.check_text(pasted)
    [error] = [f for f in report.findings if f.code == "SA101"]
    assert error.layer == name and "the paste ends right after this count" in error.message
    summary, layer = _last(report)
    assert (layer.params, "params" in layer.truncated) == (int(digits), False)
    assert summary.audit is not None and summary.audit.coverage is not None
    assert not any("cut off" in reason for reason in summary.audit.coverage.not_verified)
    ended = api.check_text(pasted + "\n")
    assert [(f.code, f.layer) for f in ended.findings] == [
        (f.code, f.layer) for f in report.findings
    ]


@pytest.mark.parametrize("case", UNCONNECTED)
def test_digits_some_allowed_count_begins_with_stay_cut(case: str) -> None:
    """The first half of the count's digits (`540` of 54,090): the count may go on, so the row
    is left unverified, cut off by the end of the paste, as before."""
    _, _, whole = ending_with(case)
    digits = str(whole)[: len(str(whole)) - len(str(whole)) // 2]
    pasted, name, _ = ending_with(case, digits)
    report = api.check_text(pasted)
    assert not [f for f in report.findings if f.severity.value == "error"]
    summary, layer = _last(report)
    assert (layer.params, layer.params_cut, "params" in layer.truncated) == (None, digits, True)
    assert summary.audit is not None and summary.audit.coverage is not None
    assert f"1 row (count cut off by the end of the paste: {name})" in (
        summary.audit.coverage.not_verified
    )


def test_digits_of_a_dense_whose_flatten_is_missing_stay_cut() -> None:
    """`5409` on a Dense whose input is the pooled map (13, 13, 32), its Flatten left out: the
    flattened input's 54,090 begins with them, so the count may go on; no SA101."""
    pasted, name, _ = ending_with("keras2.2.4/cnn_bn", "5409", drop="Flatten")
    report = api.check_text(pasted)
    assert not [f for f in report.findings if f.code == "SA101"]
    _, layer = _last(report)
    assert (layer.name, layer.params, layer.params_cut) == (name, None, "5409")


@pytest.mark.parametrize("digits", ["35", "37", "3"])
def test_digits_of_a_convolution_the_shapes_do_not_decide_stay_cut(digits: str) -> None:
    """A Conv2D whose kernel the shapes do not decide (83e's 002: `22156` of 221,568) has no
    one count: whatever digits the paste ends with may go on, so they stay cut, unchecked."""
    pasted, name, _ = ending_with("keras2.2.4/conv_zoo", digits, row="conv2d_1")
    report = api.check_text(pasted)
    assert not [f for f in report.findings if f.severity.value == "error"]
    summary, layer = _last(report)
    assert (layer.name, layer.params, layer.params_cut) == (name, None, digits)
    assert summary.audit is not None
    assert (summary.audit.rows[-1].derivation or "").startswith(f"{digits}…: the paste ends")
