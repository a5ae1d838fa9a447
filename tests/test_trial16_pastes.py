"""Trial 16's paste damage (new-user trials on 30 fresh public pastes), on real prints."""

from __future__ import annotations

from pathlib import Path

import pytest

from summaryaudit import api
from summaryaudit.cell_grammar import read_leading_shapes

from .conftest import FIXTURES
from .real_prints import assert_reads_as_truth, load_print, one_summary, print_id, truth_paths

REAL = FIXTURES / "real"

# ------------------------- 16a's 009: an InputLayer's `[(None, 224, 224, 1)` cut before its `]`

# tf.keras 2.0 cuts the shape at its column; 2.12 wraps it (`[(None, 224, 224, 1` then `)]`)
STEMS = truth_paths(REAL, ("tf2.0", "tf2.12"), ("inception_stem_input_cut",))


@pytest.mark.parametrize("truth_path", STEMS, ids=print_id)
def test_an_input_shape_cut_only_at_its_bracket_gives_its_channels(truth_path: Path) -> None:
    """The column cut `[(None, 224, 224, 1)]` to `[(None, 224, 224, 1)`: the tuple is whole, so
    the first conv's input has 1 channel and its 576 = 64 × 3 × 3 × 1, no bias. Before, the
    input was taken as unknown and the row "verified" as 64 × (8 + 1), a 1×1 kernel over 8
    channels the table does not show."""
    truth, text = load_print(truth_path)
    assert "[(None, 224, 224, 1) " in text or "[(None, 224, 224, 1  " in text
    assert_reads_as_truth(one_summary(text), truth)
    report = api.check_text(text)
    [summary] = report.summaries
    rows = dict(zip((layer.name for layer in summary.layers), summary.audited_rows()))
    derivation = str(rows["Block1_conv1_conv"].derivation)
    assert "K × 1 channels" in derivation and "use_bias=False" in derivation
    assert "not shown" not in derivation
    assert report.findings == ()


def test_only_whole_tuples_are_read_from_a_cut_list() -> None:
    assert read_leading_shapes("[(None, 224, 224, 1)") == ((None, 224, 224, 1),)
    assert read_leading_shapes("[(None, 30, 300), (N") == ((None, 30, 300),)
    assert read_leading_shapes("[(None, 224, 224, 1") is None  # the last dim may be cut
    assert read_leading_shapes("[(None, 224, 2") is None
