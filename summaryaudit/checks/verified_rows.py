"""Which rows' counts the audit verified: by a formula, or a nested row by the rows inside it."""

from __future__ import annotations

from typing import Optional

from ..formulas.common import BN_AXIS, OK, UNVERIFIED_STATUS
from ..records import Layer
from .analysis import Analysis, once_per_analysis
from .input_chain import UNBUILT, UNUSED, children, has_children
from .nested_prints import printed_before
from .rows import model_rows

_CHECKED_STATUSES = (OK, BN_AXIS)


@once_per_analysis
def verified_rows(analysis: Analysis) -> tuple[bool, ...]:
    """Whether each row's count was verified (a nested model: by its inner rows' sum)."""
    layers, models = analysis.layers, frozenset(model_rows(analysis))
    verified: list[bool] = []
    append, checked = verified.append, _CHECKED_STATUSES
    by_inner_rows = verified_by_inner_rows(analysis)  # (subclassed models, no nested model's)
    for i, (layer, derivation) in enumerate(zip(layers, analysis.derivations)):
        if layer.params_note in (UNBUILT, UNUSED):
            append(True)
        elif models and i in models:
            # a nested model (or a library's …Block) holds its inner rows' weights: printed and
            # adding up to its count, they verify it, with or without a formula for its class;
            # so does the Total of its own summary, printed before in the same input, and the
            # count of the keras.applications model it is (its formula's expected count)
            append(
                layer.params is not None
                and (
                    inner_rows_sum(layers, i) == layer.params
                    or printed_before(analysis, i) is not None
                    or (derivation is not None and derivation.expected == layer.params)
                )
            )
        else:
            append(derivation is not None and (derivation.status in checked or i in by_inner_rows))
    return tuple(verified)


@once_per_analysis
def verified_by_inner_rows(analysis: Analysis) -> frozenset[int]:
    """The rows of a class without a formula, no nested model's, whose count the rows printed
    inside them add up to, each of those checked (a subclassed model expand_nested opened,
    65b's 001: `multiresolution_cnn (MultiresolutionCNN)` over its two Sequentials)."""
    layers, derivations = analysis.layers, analysis.derivations
    if not any(layer.depth for layer in layers):
        return frozenset()
    models = frozenset(model_rows(analysis))
    return frozenset(
        i
        for i, (layer, derivation) in enumerate(zip(layers, derivations))
        if i not in models
        and derivation is not None
        and derivation.status is UNVERIFIED_STATUS
        and layer.params is not None
        and has_children(layers, i)
        and inner_rows_sum(layers, i) == layer.params
        and all(_checked_inside(analysis, j, models) for j in children(layers, i))
    )


@once_per_analysis
def counted_by_inner_rows(analysis: Analysis) -> frozenset[int]:
    """The rows of a class without a formula that the rows printed inside them verify: the
    subclassed models of verified_by_inner_rows, and the nested-model rows (a library's
    `…Block`, 67c's 007: `sequential_block_1 (SequentialBlock)`) whose inner rows add up to
    them; their count is checked, so no SA901 says it is not."""
    by_inner_rows = verified_by_inner_rows(analysis)
    models = model_rows(analysis)
    if not models:
        return by_inner_rows
    layers, derivations = analysis.layers, analysis.derivations
    return by_inner_rows | frozenset(
        i
        for i in models
        if (derivation := derivations[i]) is not None
        and derivation.status is UNVERIFIED_STATUS
        and layers[i].params is not None
        and inner_rows_sum(layers, i) == layers[i].params
    )


def _checked_inside(analysis: Analysis, j: int, models: frozenset[int]) -> bool:
    """Whether a row printed inside another is weightless, checked by its formula, or a
    nested model (whose own rows below it answer for it)."""
    derivation = analysis.derivations[j]
    return (
        analysis.layers[j].params == 0
        or j in models
        or (derivation is not None and derivation.status in _CHECKED_STATUSES)
    )


def inner_rows(layers: tuple[Layer, ...], i: int) -> list[int]:
    """Indexes of the rows printed one level inside row i (an expanded nested model)."""
    return [j for j in children(layers, i) if layers[j].depth == layers[i].depth + 1]


def inner_rows_sum(layers: tuple[Layer, ...], i: int) -> Optional[int]:
    """The sum of the counts of the rows printed one level inside row i (None when none is
    printed or one has no count)."""
    inner = [layers[j].params for j in inner_rows(layers, i)]
    if not inner or any(count is None for count in inner):
        return None
    return sum(count for count in inner if count is not None)


def inner_rows_cut(analysis: Analysis, i: int) -> bool:
    """Tell whether rows inside nested model i may be left out of the paste: a `...` among
    them, or its rows the last of a table the paste ends inside (review 90's items 4 and 5: in
    the model's expand_nested frame; not one whose frame or box is closed: review 91's item 1)."""
    summary, layers = analysis.summary, analysis.layers
    inside = children(layers, i)
    if not inside:
        return False
    if inside[-1] == len(layers) - 1:
        if summary.left_open:
            return True
        return any(layers[i].line < mark for mark in summary.elided)
    after = layers[inside[-1] + 1].line  # the first row below the model's
    return any(layers[i].line < mark < after for mark in summary.elided)


def ends_the_paste(analysis: Analysis, i: int) -> bool:
    """Tell whether row i ends a paste without totals, under a Param # title (81c's 011)."""
    summary = analysis.summary
    # the row is the summary's last line: a row whose count is unreadable above a rule is not
    # cut (27c's 010: `17-129`, a tuner's range, then the `=` rule)
    return (
        "params" in summary.columns
        and i == len(analysis.layers) - 1
        and not summary.totals.present()
        and analysis.layers[i].line == summary.end_line
    )
