"""SA201, SA202 and SA204: the totals lines against the rows, each other and their sizes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Optional

from ..dialects import Dialect
from ..records import Count, Finding, Severity, Summary
from .analysis import Analysis, once_per_analysis
from .frozen_layers import frozen_search
from .input_chain import is_model_row
from .optimizer_state import optimizer_state_fit
from .registry import check, finding
from .row_non_trainable import layer_non_trainable
from .rows import (
    gaps,
    nested_top_rows,
    optimizer,
    printed_bytes,
    rows_complete,
    rows_sum,
    sliced,
    split_adds_up,
    top_indexes,
    top_rows,
    unnumbered_tail,
)
from .shared_weights import names_joined, same_count_as, shared_weights_row, weight_sharing_rows


@check("SA201")
def total_vs_rows(analysis: Analysis) -> Iterator[Finding]:
    """Total params against the sum of the rows."""
    summary = analysis.summary
    total = summary.totals.total
    if total is None or total.value is None or not summary.layers:
        return
    extra = optimizer(summary)
    rows = rows_sum(analysis)
    expected = total.value - extra
    stated = f"Total params says {total.value:,}" + (
        f" − {extra:,} optimizer = {expected:,}" if extra else ""
    )
    hidden = gaps(analysis)
    nested = nested_top_rows(analysis)
    if rows > expected and len(nested) >= 2:
        return  # weights shared by two nested models are counted once in Total
    if hidden:
        if rows > expected:
            yield finding(
                analysis,
                "SA201",
                f"{stated}, but the rows that can be read already add up to {rows:,} "
                f"(more by {rows - expected:,}) without the {' and '.join(hidden)}: a row's "
                "count was raised, or the total was edited",
                total.line,
            )
        return
    if rows == expected:
        return
    slice_evidence = sliced(analysis) or unnumbered_tail(analysis, rows, expected)
    if rows < expected and slice_evidence:
        yield finding(
            analysis,
            "SA201",
            f"{stated}, and the {len(top_rows(analysis))} rows shown hold {rows:,}: this looks "
            f"like a model.summary(layer_range=...) print ({slice_evidence}); the other "
            f"{expected - rows:,} parameters are in rows outside the range, which are not "
            "checked",
            total.line,
            severity=Severity.INFO,
        )
        return
    if rows < expected:
        twice = _counted_twice(analysis, expected - rows)
        if twice is not None:
            names = ", ".join(twice)
            yield finding(
                analysis,
                "SA201",
                f"Total params says {expected:,} but the rows add up to {rows:,}: the "
                f"difference {expected - rows:,} is the weights of {names}, counted twice. "
                "Keras 2 (and tf.keras on TensorFlow 1.x/2.0) keeps the trainable weights "
                "collected at compile(); a layer frozen after compile() then appears in both "
                "Trainable and Non-trainable. Recompile after changing `trainable`.",
                total.line,
                severity=Severity.INFO,
            )
            return
    sharer = shared_weights_row(analysis)
    if sharer is not None:
        yield finding(
            analysis,
            "SA201",
            f"{stated}, but the rows add up to {rows:,} (more by {rows - expected:,}), which is "
            f"exactly the count of {sharer}{same_count_as(analysis, sharer)}. Keras counts a "
            "weight once even when two layers use "
            "it, so a layer that reuses another layer's weights (tied embeddings, such as "
            "KerasHub's ReversibleEmbedding) shows them in its row but adds nothing to Total. If "
            f"{sharer} shares its weights, Keras printed this itself; if not, a row's count or "
            "the total was edited. Which of the two happened is not verified",
            total.line,
            severity=Severity.INFO,
        )
        return
    partners = weight_sharing_rows(analysis)
    if partners is not None:
        yield finding(
            analysis,
            "SA201",
            f"{stated}, but the rows add up to {rows:,} (more by {rows - expected:,}). Keras "
            "counts a weight once in Total even when two layers use it, and "
            f"{names_joined(partners)} are layers summaryaudit has no formula for, each holding at "
            f"least {rows - expected:,}: they may share that many weights (a masked-LM or "
            "seq2seq head that reuses the encoder's word embeddings, as Hugging Face's models "
            "do). If they do, Keras printed this itself; if not, a row's count or the total was "
            "edited. Which of the two happened is not verified",
            total.line,
            severity=Severity.INFO,
        )
        return
    pasted = _pasted_twice(analysis, rows - expected) if rows > expected else None
    if pasted is not None:
        yield finding(
            analysis,
            "SA201",
            f"{stated}, but the rows add up to {rows:,} (more by {rows - expected:,}): {pasted} "
            "is printed twice, and the difference is exactly its count. Keras prints each layer "
            "once, so the row was pasted twice (or the total was edited)",
            total.line,
        )
        return
    unfrozen = _counted_nowhere(analysis, rows - expected) if rows > expected else None
    if unfrozen is not None:
        yield finding(
            analysis,
            "SA201",
            f"{stated}, but the rows add up to {rows:,} (more by {rows - expected:,}). The "
            f"difference is exactly the trainable weights of {_one_of(unfrozen)}, and Trainable "
            "+ Non-trainable = Total, as Keras 2 computes them: Keras 2 (and tf.keras on "
            "TensorFlow 1.x/2.0) counts Trainable from the weights collected at compile(), so a "
            "layer frozen when the model was compiled and made trainable afterwards is counted "
            "in neither line. If `trainable` was changed after compile(), Keras printed this "
            "itself (recompile to get totals that match the rows); if not, a row's count or the "
            "totals lines were edited. Which of the two happened is not verified",
            total.line,
            severity=Severity.INFO,
        )
        return
    gap = expected - rows
    hint = (
        "a row's count was lowered or a row is missing from the paste"
        if gap > 0
        else "a row's count was raised, or a row was pasted twice"
    )
    if gap > 0 and _looks_subclassed(summary):
        hint += " (or the subclassed model creates weights of its own with add_weight)"
    state = _left_out_state(analysis, gap) if gap > 0 and not extra else None
    if state is not None:
        hint = f"{state}; otherwise {hint}"  # 17b's 005: the Optimizer params line cut off
    outside = _row_outside_total(analysis, -gap) if gap < 0 else None
    if outside is not None:
        hint = outside
    yield finding(
        analysis,
        "SA201",
        f"{stated}, but the rows add up to {rows:,} (a difference of {abs(gap):,}): {hint}, "
        "or the total was edited",
        total.line,
    )


def _pasted_twice(analysis: Analysis, surplus: int) -> Optional[str]:
    """The name of the one row printed twice (the same name, the same count) whose count is
    exactly what the rows hold beyond Total, or None."""
    same = [layer for layer in top_rows(analysis) if layer.params == surplus]
    if len(same) != 2 or same[0].name != same[1].name or not same[0].name:
        return None
    return same[0].name


def _row_outside_total(analysis: Analysis, surplus: int) -> Optional[str]:
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


def _left_out_state(analysis: Analysis, gap: int) -> Optional[str]:
    """A Keras 3 Total above the rows by exactly an optimizer's state: the Trainable line's
    count, or the rows' when it is not shown (every weight trainable), gives the state."""
    summary = analysis.summary
    if summary.dialect is not Dialect.KERAS3 or not rows_complete(analysis):
        return None
    trainable = summary.totals.trainable
    shown = trainable.value if trainable is not None else None
    hint = _optimizer_state_hint(gap, shown if shown is not None else rows_sum(analysis))
    if hint is None or shown is not None:
        return hint
    return hint + " (if every weight is trainable: the Trainable line is not shown either)"


def _counted_twice(analysis: Analysis, gap: int) -> Optional[list[str]]:
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
    return [analysis.layers[i].name for i in frozen.found]


def _counted_nowhere(analysis: Analysis, gap: int) -> Optional[list[str]]:
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
    return [analysis.layers[i].name for i in search.singles or search.found]


def _one_of(names: list[str]) -> str:
    """The layers found, or, when several layers each hold the gap, which ones could be."""
    if len(names) == 1:
        return names[0]
    shown = ", ".join(names[:6]) + (f" and {len(names) - 6} more" if len(names) > 6 else "")
    return f"any one of {shown} (each holds that many; the print does not show which)"


def _looks_subclassed(summary: Summary) -> bool:
    return bool(summary.layers) and all(
        layer.output_shape in ("multiple", "?") for layer in summary.layers
    )


@check("SA202")
def total_vs_split(analysis: Analysis) -> Iterator[Finding]:
    """Total against Trainable + Non-trainable (+ Optimizer)."""
    totals = analysis.summary.totals
    if not (totals.total and totals.trainable and totals.non_trainable):
        return
    total, trainable = totals.total.value, totals.trainable.value
    non_trainable = totals.non_trainable.value
    if total is None or trainable is None or non_trainable is None:
        return
    extra = optimizer(analysis.summary)
    parts = trainable + non_trainable + extra
    if parts == total:
        return
    opt = f" + {extra:,} optimizer" if extra else ""
    gap = total - parts
    hint = (
        (_optimizer_state_hint(gap, trainable) if not totals.optimizer else None)
        or _edited_line(analysis, total - extra, trainable, non_trainable)
        or (_STATELESS_OPTIMIZER if gap == 2 and not totals.optimizer else None)
        or "a totals line was edited"
    )
    yield finding(
        analysis,
        "SA202",
        f"Trainable {trainable:,} + Non-trainable {non_trainable:,}{opt} = {parts:,}, "
        f"but Total params says {total:,} (a difference of {abs(gap):,}): {hint}",
        totals.total.line,
    )


_STATELESS_OPTIMIZER = (
    "Total is 2 more than Trainable + Non-trainable, so Total or one of those lines was edited "
    "(only a Keras 3 optimizer with no per-weight state, plain SGD, adds exactly 2: if this is "
    "a Keras 3 print, check for a left-out `Optimizer params: 2` line)"
)


def _optimizer_state_hint(gap: int, trainable: int) -> Optional[str]:
    """Explain a gap by a left-out Keras 3 `Optimizer params` line, only where its sum holds."""
    fit = optimizer_state_fit(gap, trainable)
    if fit is None:
        return None
    names, per_weight, counters = fit
    return (
        f"the gap {gap:,} = {per_weight} × {trainable:,} trainable + {counters}, the "
        f"Keras 3 optimizer state of {names}: the `Optimizer params` line was probably "
        "left out of the paste"
    )


def _edited_line(
    analysis: Analysis, weights: int, trainable: int, non_trainable: int
) -> Optional[str]:
    """Say which totals line the rows point at (Total, or one of the split lines), or None."""
    rows = rows_sum(analysis)
    if not rows_complete(analysis):
        return None
    if rows != weights and rows == trainable + non_trainable:
        return (
            f"Trainable + Non-trainable agree with the rows ({rows:,}), so the Total params "
            "line is the one that was edited"
        )
    if rows != weights:
        return None
    per_layer = layer_non_trainable(analysis)
    top = top_indexes(analysis)
    expected = (
        None if any(per_layer[i] is None for i in top) else sum(per_layer[i] or 0 for i in top)
    )
    if expected is not None and non_trainable == expected:
        return (
            "Total agrees with the rows and Non-trainable with their moving statistics, so "
            f"Trainable was edited (the rows make it {weights - expected:,})"
        )
    if expected is not None and trainable == weights - expected:
        return (
            "Total and Trainable agree with the rows, so Non-trainable was edited (the rows "
            f"make it {expected:,})"
        )
    return "Total agrees with the rows, so Trainable or Non-trainable was edited"


def _format_size(count: int, width: int, unit_style: str) -> str:
    size = float(count * width)
    units = ["B", "KB", "MB", "GB", "TB", "PB"]
    if unit_style == "Byte":
        units[0] = "Byte"
    index = 0
    while size >= 1024 and index < len(units) - 1:
        size /= 1024
        index += 1
    return f"{size:.2f} {units[index]}"


_WIDTHS = (1, 2, 4, 8)  # bytes per weight: int8, float16, float32, float64


def _fits_a_width(value: int, size: str, style: str) -> bool:
    """Tell whether a count of weights of one dtype width prints as this size."""
    return any(_format_size(value, width, style) == size for width in _WIDTHS)


def keras_core_bits(dialect: Dialect, value: int, size: str) -> bool:
    """Tell whether a Keras 3 box print's size is exactly 8× what a dtype width gives: the
    pre-release keras-core (0.1.x, builds before 18 Aug 2023) printed bits as bytes."""
    if dialect is not Dialect.KERAS3 or _fits_a_width(value, size, "B"):
        return False
    return any(_format_size(value, 8 * width, "B") == size for width in _WIDTHS)


@once_per_analysis
def keras_core_count(analysis: Analysis) -> Optional[Count]:
    """The first totals line whose size is keras-core's 8× (bits shown as bytes), or None."""
    totals = analysis.summary.totals
    for count in (totals.total, totals.trainable, totals.non_trainable, totals.optimizer):
        if count is None or count.value is None or count.size is None:
            continue
        if keras_core_bits(analysis.summary.dialect, count.value, count.size):
            return count
    return None


@check("SA204")
def size_vs_params(analysis: Analysis) -> Iterator[Finding]:
    """Printed byte sizes against the counts."""
    totals = analysis.summary.totals
    for count in (totals.total, totals.trainable, totals.non_trainable, totals.optimizer):
        if count is None or count.value is None or count.size is None:
            continue
        read = printed_bytes(count.size)
        if read is None:
            continue
        printed = read[0]
        low, high = count.value * 1 * 0.995, count.value * 8 * 1.005 + 16
        if low <= printed <= high:
            continue  # one dtype width, or mixed dtypes (float16 variables beside an int64 …)
        style = "Byte" if count.size.endswith("Byte") else "B"
        if _fits_a_width(count.value, count.size, style):
            continue  # exactly as Keras prints one dtype width, whatever its rounding
        if keras_core_bits(analysis.summary.dialect, count.value, count.size):
            continue  # keras-core 0.1.x printed bits as bytes: a size 8× too large, no edit
        expected = _format_size(count.value, 4, style)
        yield finding(
            analysis,
            "SA204",
            f"{count.text.split(':')[0]} says {count.value:,} but its size ({count.size}) does "
            f"not fit that count: {count.value:,} × 4 bytes (float32) = {expected}; no dtype "
            "width (1, 2, 4 or 8 bytes) gives the printed size, so the count or the size "
            "was edited",
            count.line,
        )
