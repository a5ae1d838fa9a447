"""Trial 81's class readings: a cut class a ranked default name owns, a wrapper in the name cell."""

from __future__ import annotations

import pytest

from summaryaudit import api

from .conftest import FIXTURES
from .real_prints import audited_row, load_print

REAL = FIXTURES / "real"

# --------------- 81b's 008: `normalization2d_1 (Normaliza`, kapre's Normalization2D cut by the
# column, was completed to Keras's Normalization and its 0 called verified


def _renamed_to_a_ranked_class_of_its_own(printed: str) -> str:
    """The print with its custom 2D class given the name of one a known class's name starts
    (kapre's Normalization2D; no real fixture holds one yet): each `name (Class` cut at the
    28 characters of the Keras 2 column, as the print cut the class it replaces."""
    for old, new in (
        ("scaled_l2norm_pooling2d (Sca", "normalization2d (Normalizati"),
        ("scaled_l2norm_pooling2d_1 (S", "normalization2d_1 (Normaliza"),
    ):
        assert old in printed
        printed = printed.replace(old, new)
    return printed


@pytest.mark.parametrize("generation", ["tf1.14", "tf2.0"])
def test_a_cut_class_a_ranked_default_name_owns_is_not_completed(generation: str) -> None:
    """Before: both rows read as Normalization* ('built with mean= and variance= holds
    constants') and verified. The name is the default name of Normalization2D, a class of its
    own: the rows stay unverified, and the SA901 says why."""
    _, printed = load_print(REAL / generation / "custom_pooling_class_cut_shorter.truth.json")
    report = api.check_text(_renamed_to_a_ranked_class_of_its_own(printed))
    [summary] = report.summaries
    assert summary.audit is not None
    for name, cut in (("normalization2d", "Normalizati"), ("normalization2d_1", "Normaliza")):
        assert audited_row(summary, name).type == cut
    assert summary.coverage is not None and summary.coverage.rows_verified == 4
    assert [(f.code, f.layer) for f in report.findings] == [
        ("SA901", "normalization2d"),
        ("SA901", "normalization2d_1"),
    ]
    [said] = [f.message for f in report.findings if f.layer == "normalization2d_1"]
    assert "the default name of Normalization2D, a class of its own, not Normalization" in said
