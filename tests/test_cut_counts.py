"""Counts Keras 3 cut short by their column (`10,040,1…`): worked out from the row's formula or
from the totals, checked against the printed digits, and the coverage says which."""

from __future__ import annotations

from summaryaudit import api
from summaryaudit.checks.cut_counts import fits_digits, least_fitting
from summaryaudit.records import CheckState, Summary

from .conftest import FIXTURES

PRINT = FIXTURES / "real" / "keras3" / "wide_counts_cut_line_length60.txt"
TOTAL_CHECK = "Total = sum of the rows"


def _summary(text: str, codes: tuple[str, ...] = ()) -> Summary:
    report = api.check_text(text)
    assert tuple(f.code for f in report.findings) == codes
    assert all(f.severity.value == "info" for f in report.findings)
    [summary] = report.summaries
    return summary


def _derivations(summary: Summary) -> dict[str, str]:
    assert summary.audit is not None
    return {
        layer.name: row.derivation or "" for layer, row in zip(summary.layers, summary.audit.rows)
    }


def _total_check(summary: Summary) -> tuple[CheckState, str]:
    assert summary.coverage is not None
    [check] = [c for c in summary.coverage.totals if c.name == TOTAL_CHECK]
    return check.state, check.reason


def test_the_digits_a_column_kept_are_a_prefix_of_the_count() -> None:
    assert fits_digits(10_040_100, "10,040,1")
    assert not fits_digits(10_050_100, "10,040,1")
    assert not fits_digits(10_040, "10,040")  # the cut count is longer than its digits
    assert not fits_digits(1_004_010, "10,040,1")  # commas are where Keras writes them


def test_both_cut_counts_of_the_real_print_are_worked_out_and_said() -> None:
    text = PRINT.read_text(encoding="utf-8")
    summary = _summary(text)
    assert [layer.params for layer in summary.layers] == [0, None, None, 14_703]  # as printed
    derived = _derivations(summary)
    assert derived["projection"].startswith("10,040,100 = 2,048 × 4,900 + 4,900")
    assert "the formula's count fits those digits" in derived["projection"]
    assert derived["token_embedding"].startswith("10,240,000 = 5,000 (vocabulary) × 2,048")
    assert "Total params less the other rows" in derived["token_embedding"]
    coverage = summary.coverage
    assert coverage is not None and coverage.rows_verified == 4 and not coverage.complete
    state, reason = _total_check(summary)
    assert state is CheckState.BOUNDED and "token_embedding" in reason and "10,240,0…" in reason


_NOT_WORKED_OUT = (
    "{}…: Keras 3 cut the count short in its column, and the totals do not give it back"
)


def test_a_total_that_does_not_fit_the_digits_works_nothing_out() -> None:
    text = PRINT.read_text(encoding="utf-8").replace("20,294,803", "20,394,803")
    report = api.check_text(text)
    [summary] = report.summaries
    derived = _derivations(summary)
    assert derived["projection"].startswith("10,040,100 = ")  # its formula still decides it
    # (nothing worked out: the row says so, 82h's 008, where it was blank)
    assert derived["token_embedding"].startswith(_NOT_WORKED_OUT.format("10,240,0"))
    assert summary.coverage is not None and summary.coverage.rows_verified == 3
    state, reason = _total_check(summary)
    assert state is CheckState.BOUNDED and "must hold the other 10,340,000" in reason


def test_digits_no_formula_fits_leave_both_counts_unverified() -> None:
    text = PRINT.read_text(encoding="utf-8").replace("10,040,1…", "10,050,1…")
    # (since 75b's 005 the digits kept, past Total with the rows read, are an SA201 info: a tie
    # or an edit, which is not verified)
    summary = _summary(text, ("SA201",))
    derived = _derivations(summary)
    assert derived["projection"].startswith(_NOT_WORKED_OUT.format("10,050,1"))
    assert derived["token_embedding"].startswith(_NOT_WORKED_OUT.format("10,240,0"))
    assert summary.coverage is not None and summary.coverage.rows_verified == 2


def test_the_least_count_a_cut_column_allows() -> None:
    assert least_fitting("1,001,190,") == 1_001_190_000  # at least one more group
    assert least_fitting("10,240,0") == 10_240_000  # the cut group, filled with zeros
    assert least_fitting("10,340,3") == 10_340_300
    assert least_fitting("123") == 123_000 and least_fitting("12") == 120
    for printed in ("1,001,190,", "10,240,0", "12", "123", "1,00"):
        least = least_fitting(printed)
        assert fits_digits(least, printed) and not fits_digits(least - 1, printed)


TIED = FIXTURES / "real" / "keras3" / "tied_embedding_backbone_cut_line_length60.txt"


def test_a_cut_backbone_whose_digits_pass_total_reads_as_a_tied_embedding() -> None:
    """KerasHub's causal LMs (trial 17a's 002): the backbone holds the token embedding, which a
    ReversibleEmbedding row counts again; the backbone's count is cut to `10,340,3…`. Those
    digits alone pass Total less the rows read: what the print hides cannot hold Total less the
    rows (4,196,352, the old claim), the rows count a matrix twice. Since 75b's 005 that is an
    SA201 info too, as the rule says of a tied embedding whose counts are printed whole."""
    summary = _summary(TIED.read_text(encoding="utf-8"), ("SA201",))
    state, reason = _total_check(summary)
    assert state is CheckState.BOUNDED
    assert "must hold the other" not in reason
    assert "at least 10,340,300" in reason and "more than Total's 10,340,352" in reason
    assert "backbone holding 10,340,352 fits its digits" in reason
    assert "reverse_embedding's 6,144,000 twice" in reason


def test_cut_digits_under_total_less_the_rows_still_bound_what_is_hidden() -> None:
    # the same print with Total edited up: digits and rows stay under it, and Total less the
    # rows (14,196,352) does not fit the digits, so nothing is worked out
    text = TIED.read_text(encoding="utf-8").replace("10,340,352 (", "20,340,352 (")
    report = api.check_text(text)
    [summary] = report.summaries
    state, reason = _total_check(summary)
    assert state is CheckState.BOUNDED and "must hold the other 14,196,352" in reason


FITTED = FIXTURES / "real" / "keras3" / "fitted_count_cut_line_length60.txt"


def test_a_count_worked_out_from_total_says_it_took_off_the_optimizer_variables() -> None:
    """Trial 17a's nit on 001 (a fitted Xception): the cut count is Total less the other rows
    *and* the Optimizer params line; the derivation and the note said only the rows."""
    summary = _summary(FITTED.read_text(encoding="utf-8"))
    derived = _derivations(summary)["token_embedding"]
    assert derived.startswith("10,240,000 = 5,000 (vocabulary) × 2,048")
    less = "less the other rows and the 20,492,296 optimizer variables"
    assert f"worked out as Total params {less}, it fits those digits" in derived
    assert summary.audit is not None
    assert any(
        note.startswith(f"Total params 30,738,443 {less} gives token_embedding's count")
        for note in summary.audit.notes
    )
