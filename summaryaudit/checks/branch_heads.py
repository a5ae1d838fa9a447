"""A row the chain of a table without Connected to refutes, whose count fits a branch."""

from __future__ import annotations

from typing import Optional

from .. import formulas
from ..formulas.common import MISMATCH, OK
from .analysis import Analysis, once_per_analysis


@once_per_analysis
def branch_readings(analysis: Analysis) -> dict[int, str]:
    """The rows whose count the row above refutes but the output of a row further up fits,
    in a table that prints no Connected to column (82b's 012: `bounding_box (Dense) (None, 4)
    516`, a second head on `dense (None, 128)`, under `classification (Dense) (None, 10)`):
    each with what the branch reading says. A table without Connected to is read as a chain,
    which such a model's table is not (a column an author left out)."""
    return {
        i: "the table prints no Connected to column, so its input was taken to be the row "
        f"above's; {head}, its count adds up: {derived}"
        for i, (head, derived) in branch_fits(analysis).items()
    }


def branch_derivation(analysis: Analysis, i: int) -> Optional[str]:
    """The branch reading of row i for its derivation (`as a second head on dense (None, 128):
    516 = 128 × 4 + 4 …`: 91e's 007, whose table showed only the chain's `516 ≠ 44`), or None."""
    fit = branch_fits(analysis).get(i)
    return None if fit is None else f"{fit[0]}: {fit[1]}"


@once_per_analysis
def branch_fits(analysis: Analysis) -> dict[int, tuple[str, str]]:
    """branch_readings' rows, each with the branch it fits (`as a second head on …`) and that
    reading's derivation."""
    summary = analysis.summary
    if summary.has_connected_to:
        return {}
    found: dict[int, tuple[str, str]] = {}
    layers, outputs, derivations = analysis.layers, analysis.outputs, analysis.derivations
    for i, derivation in enumerate(derivations):
        if derivation is None or derivation.status is not MISMATCH or i < 2:
            continue
        if layers[i].depth or analysis.inputs[i] != outputs[i - 1]:
            continue  # (its input is not the row above's output: no chain to doubt)
        said = _an_earlier_row_fits(analysis, i)
        if said is not None:
            found[i] = said
    return found


def refuted_reason(analysis: Analysis, i: int) -> str:
    """Why the coverage leaves out row i, whose count its chain refutes: an error, or a
    warning whose count fits a branch (90c's 010: the coverage called the warning an error)."""
    if i in branch_readings(analysis):
        return (
            "a count the row above's output refutes, flagged as a warning: it fits only as a "
            "branch from a row further up"
        )
    return "a count no reading of its class gives, flagged as an error"


def _an_earlier_row_fits(analysis: Analysis, i: int) -> Optional[tuple[str, str]]:
    """What the nearest row above the one above says as the row's input, when its count then
    adds up; None when no such row's output gives it."""
    layers, outputs, facts = analysis.layers, analysis.outputs, analysis.facts[i]
    for j in range(i - 2, -1, -1):
        output = outputs[j]
        if layers[j].depth or not output or output == outputs[i - 1]:
            continue
        derived = formulas.derive(facts._replace(inputs=output))
        # (a size solved from the count is no fit: 88f's 014, a Dense on text_vectorization's
        # (None, None), whose last axis Keras would refuse)
        if derived.status is OK and derived.solved is None:
            shape = ", ".join("None" if axis is None else str(axis) for axis in output[0])
            return f"as a second head on {layers[j].name} ({shape})", derived.text
    return None
