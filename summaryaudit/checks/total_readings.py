"""Readings of a Total that is not the sum of the rows: which row, and how Keras got there."""

from __future__ import annotations

from typing import Optional

from ..dialects import Dialect
from ..formulas.common import MISMATCH
from ..lines import noted_totals
from ..records import Layer, Summary
from .analysis import Analysis
from .frozen_layers import frozen_names, frozen_search, whole_model
from .held_rows import held_text, held_weights, holdings
from .input_chain import is_model_row
from .optimizer_state import PLAIN_SGD_STATE, optimizer_state_fit
from .rows import (
    gaps,
    names_listed,
    optimizer,
    rows_complete,
    rows_sum,
    split_adds_up,
    split_counts,
    top_rows,
)
from .verified_rows import verified_rows


def pasted_twice(analysis: Analysis, surplus: int) -> Optional[tuple[str, int, int]]:
    """A row printed twice or more (the same name, the same count) whose copies beyond one
    hold exactly what the rows hold beyond Total: its name, how often it is printed, and how
    many of those rows are too many (44e's 008: a name typed 16 times, one row too many); or
    None."""
    copies: dict[tuple[str, int], int] = {}
    for layer in top_rows(analysis):
        if layer.name and layer.params:
            key = (layer.name, layer.params)
            copies[key] = copies.get(key, 0) + 1
    for (name, count), times in copies.items():
        extra, rest = divmod(surplus, count)
        if times >= 2 and not rest and 1 <= extra < times:
            return name, times, extra
    return None


def row_outside_total(analysis: Analysis, surplus: int) -> Optional[str]:
    """The one row whose count is exactly what the rows hold beyond Total, said with how Keras 2
    leaves a whole layer out of its totals (18a's 008: a base model frozen at compile() and made
    trainable afterwards, under Keras's `Discrepancy between trainable weights` warning)."""
    same = [layer.name for layer in top_rows(analysis) if layer.params == surplus]
    if len(same) != 1:
        return None
    said = f"the difference is exactly the count of {same[0]}, a row Total does not hold"
    if analysis.summary.dialect is Dialect.KERAS2:
        said += (
            ": Keras 2 counts Trainable from the weights collected at compile(), so a layer "
            "frozen then and made trainable afterwards is in neither totals line (Keras warns "
            "'Discrepancy between trainable weights and collected trainable weights'; recompile "
            "to get totals that match the rows); otherwise the row was pasted twice or added"
        )
    else:
        said += ": the row was pasted twice or added"
    return said


def plain_sgd_left_out(analysis: Analysis, gap: int) -> bool:
    """Tell whether a gap of 2 may be plain SGD's state whose `Optimizer params` line was left
    out: a Keras 3 print whose rows add up to Trainable + Non-trainable, Total `gap` above
    them (a row or a split line edited by 2 is not: the review of 57a's 007)."""
    counts = split_counts(analysis)
    if counts is None or analysis.summary.dialect is not Dialect.KERAS3:
        return False
    total, trainable, non_trainable = counts
    split = trainable + non_trainable
    return total - split == gap and rows_complete(analysis) and rows_sum(analysis) == split


def left_out_state(analysis: Analysis, gap: int) -> Optional[str]:
    """A Keras 3 Total above the rows by exactly an optimizer's state: the Trainable line's
    count, or the rows' when it is not shown (every weight trainable), gives the state."""
    summary = analysis.summary
    if summary.dialect is not Dialect.KERAS3 or not rows_complete(analysis):
        return None
    trainable = summary.totals.trainable
    shown = trainable.value if trainable is not None else None
    hint = optimizer_state_hint(
        gap, shown if shown is not None else rows_sum(analysis), plain_sgd_left_out(analysis, gap)
    )
    if hint is None or shown is not None:
        return hint
    return hint + " (if every weight is trainable: the Trainable line is not shown either)"


def counted_twice(analysis: Analysis, gap: int) -> Optional[str]:
    """Name the layers a Keras 2 freeze-after-compile double count would add to Total."""
    summary = analysis.summary
    if summary.dialect != Dialect.KERAS2:
        return None  # tf.keras 2.7+ and Keras 3 read the current flags; no double count
    stated = summary.totals.non_trainable
    if stated is None or stated.value is None:
        return None
    frozen = frozen_search(analysis, gap)
    if frozen is None or frozen.found is None:
        return None
    names = frozen_names(analysis, frozen.found)
    return whole_model(analysis, frozen.found) or ", ".join(names)


def counted_nowhere(analysis: Analysis, gap: int) -> Optional[list[str]]:
    """Name the one set of layers a Keras 2 unfreeze-after-compile leaves out of Total, or None.

    Keras 2 prints Trainable from the weights collected at compile() and Non-trainable from
    the current flags: a layer frozen at compile() and trainable now is in neither, so Total
    (their sum) falls short of the rows by exactly that layer's trainable weights.
    """
    if analysis.summary.dialect != Dialect.KERAS2:
        return None  # tf.keras 2.7+ and Keras 3 read the current flags
    if not split_adds_up(analysis):
        return None  # the totals lines disagree among themselves: SA202 says which was edited
    search = frozen_search(analysis, gap)
    if search is None or search.found is None or search.several:
        # a nested model whose weights the search cannot split (no inner rows printed), its
        # whole count missing from Total: all of it trainable, left out (18a's 008)
        whole = [
            layer.name
            for layer in top_rows(analysis)
            if layer.params == gap and is_model_row(layer)
        ]
        return whole if len(whole) == 1 else None
    return frozen_names(analysis, search.singles or search.found)


def one_of(names: list[str]) -> str:
    """The layers found, or, when several layers each hold the gap, which ones could be."""
    if len(names) == 1:
        return names[0]
    return f"any one of {names_listed(names)} (each holds that many; the print does not show which)"


def overlapping_rows(analysis: Analysis, surplus: int) -> Optional[list[str]]:
    """How the rows of a subclassed model hold each other's weights, when that is exactly what
    they hold beyond Total (see held_rows); None otherwise."""
    found = holdings(analysis)
    if not found or held_weights(analysis) != surplus:
        return None
    return [held_text(analysis, holder) for holder in found]


def looks_subclassed(summary: Summary) -> bool:
    return bool(summary.layers) and all(
        layer.output_shape in ("multiple", "?") for layer in summary.layers
    )


def optimizer_state_hint(gap: int, trainable: int, keras3: bool = False) -> Optional[str]:
    """Explain a gap by a left-out Keras 3 `Optimizer params` line, only where its sum holds;
    also plain SGD's 2 where `keras3` (a Keras 3 print whose rows and split lines agree, Total
    2 above them), which any edit by 2 would give elsewhere (57a's 007, a tutorial's table of a
    model fitted with SGD, its `Optimizer params: 2` left out)."""
    fit = optimizer_state_fit(gap, trainable)
    if fit is None and keras3 and gap == PLAIN_SGD_STATE and trainable > 0:
        return (
            f"the gap {gap} is the Keras 3 optimizer state of plain SGD (its step count and "
            "learning rate, no value per weight; an optimizer loaded from .h5 holds the same): "
            "the `Optimizer params` line was probably left out of the paste"
        )
    if fit is None:
        return None
    names, per_weight, counters = fit
    return (
        f"the gap {gap:,} = {per_weight} × {trainable:,} trainable + {counters}, the "
        f"Keras 3 optimizer state of {names}: the `Optimizer params` line was probably "
        "left out of the paste"
    )


def every_count_derived(analysis: Analysis) -> bool:
    """Tell whether every row's count was verified from its shapes alone: none only consistent
    with a size solved from the count itself."""
    return all(verified_rows(analysis)) and not any(
        derivation is not None and derivation.solved for derivation in analysis.derivations
    )


def with_rows_derived(analysis: Analysis, rows: int, expected: int) -> str:
    """What the rows add up to with the counts their formulas give where a row's count does not
    fit (SA101): Total, or how far from it (24c's 012, a retyped table with two edits)."""
    wrong = [
        (layer.name, derivation.expected, layer.params)
        for layer, derivation in zip(analysis.layers, analysis.derivations)
        if layer.depth == 0
        and derivation is not None
        and derivation.status is MISMATCH
        and derivation.expected is not None
        and layer.params is not None
    ]
    if not wrong or len(wrong) > 3:
        return ""
    fixed = rows + sum(want - shown for _, want, shown in wrong)
    counts = ", ".join(f"{name}'s {want:,}" for name, want, _ in wrong)
    given = "counts their formulas give" if len(wrong) > 1 else "count its formula gives"
    if fixed == expected:
        differ = "rows, not the total, differ" if len(wrong) > 1 else "row, not the total, differs"
        return f". With the {given} ({counts}), the rows add up to Total exactly: the {differ}"
    side = "more" if fixed > expected else "less"
    return (
        f". With the {given} ({counts}), the rows would add up to {fixed:,}, still "
        f"{abs(fixed - expected):,} {side} than Total"
    )


def _rounded_reading(analysis: Analysis) -> tuple[int, int, int, str, bool]:
    """A Total given rounded (`~1.3M`, 30b's 012): its range, the rows' sum, the Total as the
    paste gives it, and whether the rows are the whole model."""
    total = analysis.summary.totals.total
    assert total is not None and total.rounded is not None
    low, high = total.rounded
    rows = rows_sum(analysis) + optimizer(analysis.summary)
    given = total.text.rpartition(":")[2].strip(" *_`")
    return low, high, rows, given, not gaps(analysis) and rows_complete(analysis)


def rounded_total(analysis: Analysis) -> str:
    """What a Total given rounded says of the rows, to its precision."""
    low, high, rows, given, whole = _rounded_reading(analysis)
    if not whole:
        return f"Total is given rounded ({given}), and not every row is read"
    if low <= rows <= high:
        return f"Total is given rounded ({given}): the rows' {rows:,} round to it"
    return f"Total is given rounded ({given}); the rows' {rows:,} do not round to it"


def rounded_total_off(analysis: Analysis) -> Optional[str]:
    """SA201's words for a Total given rounded (`~1.3M`) that the rows, when they are the whole
    model, cannot round to; None when they round to it or are not the whole model."""
    low, high, rows, given, whole = _rounded_reading(analysis)
    if not whole or low <= rows <= high:
        return None
    return (
        f"Total params says {given}, a count from {low:,} to {high:,}, but the rows add up "
        f"to {rows:,}, which does not round to it: a row's count or the total was edited, or "
        "the total was taken from another model"
    )


__all__ = [
    "counted_nowhere",
    "counted_twice",
    "every_count_derived",
    "left_out_state",
    "looks_subclassed",
    "one_of",
    "optimizer_state_hint",
    "pasted_twice",
    "plain_sgd_left_out",
    "rounded_total",
    "rounded_total_off",
    "row_outside_total",
    "with_rows_derived",
]


def shared_nested(nested: list[Layer], rows: int, expected: int) -> str:
    """Why the rows add up to more than Total: a nested model used twice holds its weights
    once; name it when its count is the surplus (its weights are in other rows too: another
    use of the model, a model cut from it, or its own layers listed again as rows)."""
    surplus = rows - expected
    text = (
        f"weights shared by nested models counted once: the rows add up to {rows:,}, "
        f"{surplus:,} more than Total"
    )
    twice = [layer.name for layer in nested if layer.params == surplus]
    if twice:
        text += f", the count of {' or '.join(twice[:2])}, whose weights other rows count too"
    return text


def _rounded_part(analysis: Analysis) -> Optional[tuple[str, str, int, int, int, bool]]:
    """A totals line given rounded (`Trainable params: ~1K`) beside the two others given exactly:
    its label, its count as given, its range, what the other lines leave for it (Total less
    the other part, or the parts' sum for Total), and whether an author's note is on its label
    (`Trainable (after unfreezing): 1K`, another phase of training than the one printed)."""
    totals = analysis.summary.totals
    total, trainable, non_trainable = totals.total, totals.trainable, totals.non_trainable
    if total is None or trainable is None or non_trainable is None:
        return None
    state = optimizer(analysis.summary)
    exact = total.value, trainable.value, non_trainable.value
    if total.rounded is not None and exact[1] is not None and exact[2] is not None:
        label, part, left = "Total", total, exact[1] + exact[2] + state
    elif exact[0] is not None and trainable.rounded is not None and exact[2] is not None:
        label, part, left = "Trainable", trainable, exact[0] - exact[2] - state
    elif exact[0] is not None and non_trainable.rounded is not None and exact[1] is not None:
        label, part, left = "Non-trainable", non_trainable, exact[0] - exact[1] - state
    else:
        return None
    assert part.rounded is not None
    given = part.text.rpartition(":")[2].strip(" *_`")
    return label, given, *part.rounded, left, noted_totals(part.text)


def _left_for(label: str, left: int, analysis: Analysis) -> str:
    """What the other totals lines leave for a line given rounded, as the sum that gives it."""
    state = " − optimizer" if optimizer(analysis.summary) else ""
    if label == "Total":
        return f"Trainable + Non-trainable{state.replace('−', '+')} = {left:,}"
    other = "Non-trainable" if label == "Trainable" else "Trainable"
    return f"Total − {other}{state} = {left:,}"


def rounded_split(analysis: Analysis) -> Optional[str]:
    """What the other totals lines say of one given rounded, to its precision (the coverage's
    words); None when none is given rounded beside two exact ones."""
    part = _rounded_part(analysis)
    if part is None:
        return None
    label, given, low, high, left, noted = part
    said = f"{label} is given rounded ({given})"
    left_for = _left_for(label, left, analysis)
    if low <= left <= high:
        return f"{said}: {left_for} rounds to it"
    if noted:
        return (
            f"{said} with the author's note, and {left_for} does not round to it (the note may "
            "mark another phase of training)"
        )
    return f"{said}; {left_for} does not round to it"


def rounded_split_off(analysis: Analysis) -> Optional[str]:
    """SA202's words for a totals line given rounded (`~1K`), without an author's note, that
    what the other lines leave cannot round to; or None."""
    part = _rounded_part(analysis)
    if part is None:
        return None
    label, given, low, high, left, noted = part
    if noted or low <= left <= high:
        return None
    return (
        f"{label} params says {given}, a count from {low:,} to {high:,}, but "
        f"{_left_for(label, left, analysis)} does not round to it: a totals line was edited or "
        "rounded wrongly"
    )
