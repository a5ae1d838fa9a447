"""Trial 77 and the leftovers of earlier trials: the damage applied as code to real prints."""

from __future__ import annotations

import pytest

from .conftest import FIXTURES
from .real_prints import checked_as_the_print, load_print, shape_text

REAL = FIXTURES / "real"

# --------------- 75a's 015: a paper's table of the model, written by a script from the model's
# layers: `Layer Name & Layer Type & Input Shape & Output Shape & Parameters`, zeros as `0.0`


def as_a_paper_s_table(truth: dict, latex: bool) -> str:  # type: ignore[type-arg]
    """The print's rows as such a table: each layer's name, class, input shape (the row
    above's output shape), output shape and count, then the totals under the table."""
    titles = ["Layer Name", "Layer Type", "Input Shape", "Output Shape", "Parameters"]
    rows = [titles]
    before = "(None, 28, 28, 1)"
    for layer in truth["layers"]:
        shape = shape_text(layer["output_shape"])
        count = f"{layer['params']}.0" if layer["params"] == 0 else str(layer["params"])
        rows.append([layer["name"], layer["type"], before, shape, count])
        before = shape
    if latex:
        body = [" & ".join(row) + r" \\" + "\n\\hline" for row in rows]
        lines = [r"\begin{tabular}{|l|l|l|l|r|}", r"\hline", *body, r"\end{tabular}"]
    else:
        lines = ["| " + " | ".join(row) + " |" for row in rows]
        lines.insert(1, "|---|---|---|---|---|")
    totals = truth["totals"]
    lines += [
        "",
        f"Total params: {totals['total']:,}",
        f"Trainable params: {totals['trainable']:,}",
        f"Non-trainable params: {totals['non_trainable']:,}",
    ]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("latex", [True, False], ids=["latex", "markdown"])
def test_a_table_with_an_input_shape_column_is_read(latex: bool) -> None:
    """Before: 'SA002 no Keras model.summary() table was found in this input' (the title
    `Layer Name` was not known, and the Input Shape column stood before the output shape)."""
    truth, printed = load_print(REAL / "tf2.12" / "cnn_bn.truth.json")
    checked_as_the_print(as_a_paper_s_table(truth, latex), truth, printed)
