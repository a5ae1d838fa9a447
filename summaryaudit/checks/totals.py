"""SA201 and SA202: the totals lines against the rows and each other."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Optional

from ..records import Finding, Severity
from .analysis import Analysis
from .layer_range_slices import unnumbered_tail
from .registry import check, finding
from .row_non_trainable import layer_non_trainable
from .rows import (
    gaps,
    nested_top_rows,
    optimizer,
    rows_complete,
    rows_sum,
    sliced,
    split_adds_up,
    split_as_total,
    split_counts,
    top_indexes,
    top_rows,
)
from .shared_weights import (
    cut_rows_past_total,
    names_joined,
    same_count_as,
    shared_weights_row,
    tying_row,
    weight_sharing_rows,
)
from .total_readings import (
    counted_nowhere,
    counted_twice,
    every_count_derived,
    left_out_state,
    looks_subclassed,
    one_of,
    optimizer_state_hint,
    overlapping_rows,
    pasted_twice,
    plain_sgd_left_out,
    rounded_split_off,
    rounded_total_off,
    row_outside_total,
    with_rows_derived,
)


@check("SA201")
def total_vs_rows(analysis: Analysis) -> Iterator[Finding]:
    """Total params against the sum of the rows."""
    summary = analysis.summary
    total = summary.totals.total
    if total is not None and total.rounded is not None and summary.layers:
        off = rounded_total_off(analysis)
        if off is not None:
            yield finding(analysis, "SA201", off, total.line)
    if not summary.layers:
        return
    rows = rows_sum(analysis)
    if total is not None and total.value is not None:
        extra = optimizer(summary)
        expected, line, edited = total.value - extra, total.line, "the total was edited"
        stated = f"Total params says {total.value:,}" + (
            f" − {extra:,} optimizer = {expected:,}" if extra else ""
        )
    elif total is None and (split := split_as_total(summary)) is not None:
        # the Total line left out: Trainable + Non-trainable stand in for it
        (expected, line), extra = split, 0
        edited = "Trainable or Non-trainable was edited"
        stated = f"Total params is not shown, and Trainable + Non-trainable params say {expected:,}"
    else:
        return
    pasted = pasted_twice(analysis, rows - expected) if rows > expected else None
    if pasted is not None:  # before weights shared: no Keras print shows a name twice (44e's 008)
        name, times, extra = pasted
        if times == 2:
            said = "is printed twice, and the difference is exactly its count"
            cause = "the row was pasted twice"
        elif extra == 1:
            said = f"is printed {times} times, and the difference is exactly one such row's count"
            cause = "one row was pasted once too often"
        else:
            said = (
                f"is printed {times} times, and the difference is exactly {extra} such rows' counts"
            )
            cause = f"{extra} rows were pasted too often"
        yield finding(
            analysis,
            "SA201",
            f"{stated}, but the rows add up to {rows:,} (more by {rows - expected:,}): {name} "
            f"{said}. Keras prints each layer once, under a name of its own, so {cause} (or "
            f"{edited})",
            line,
        )
        return
    hidden = gaps(analysis)
    nested = nested_top_rows(analysis)
    if rows > expected and len(nested) >= 2:
        return  # weights shared by two nested models are counted once in Total
    if hidden:
        tying = tying_row(analysis, rows - expected) if rows > expected else None
        if tying is not None:
            yield finding(
                analysis,
                "SA201",
                f"{stated}, but the rows that can be read add up to {rows:,} (more by "
                f"{rows - expected:,}), exactly the count of {tying}. Keras counts a weight once "
                "even when two layers use it, so a layer that reuses another layer's weights (a "
                "tied embedding, such as KerasHub's ReversibleEmbedding) shows them in its row "
                "but adds nothing to Total; what is not shown "
                f"({' and '.join(hidden)}) then holds no weights. If {tying} does not share its "
                "weights, a row's count or the total was edited. Which of the two happened is "
                "not verified",
                line,
                severity=Severity.INFO,
            )
        elif rows <= expected and (tied := cut_rows_past_total(analysis, expected, stated)):
            yield finding(analysis, "SA201", tied, line, severity=Severity.INFO)
        elif rows > expected:
            yield finding(
                analysis,
                "SA201",
                f"{stated}, but the rows that can be read already add up to {rows:,} "
                f"(more by {rows - expected:,}), and what is not shown ({' and '.join(hidden)}) "
                f"can only add to them: a row's count was raised, or {edited}",
                line,
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
            f"like a model.summary(layer_range=...) print, or a table cut by hand to some of its "
            f"rows ({slice_evidence}); the other {expected - rows:,} parameters are in rows not "
            "shown, which are not checked"
            + (
                ""
                if total is not None
                else "; or Trainable or Non-trainable was edited: without the Total line, the "
                "totals cannot show which"
            ),
            line,
            severity=Severity.INFO,
        )
        return
    if rows < expected:
        twice = counted_twice(analysis, expected - rows)
        if twice is not None:
            yield finding(
                analysis,
                "SA201",
                f"{stated} but the rows add up to {rows:,}: the "
                f"difference {expected - rows:,} is the trainable weights of {twice}, counted "
                "twice. Keras 2 (and tf.keras on TensorFlow 1.x/2.0) keeps the trainable weights "
                "collected at compile(); a layer frozen after compile() then appears in both "
                "Trainable and Non-trainable. For the freeze to apply to this model, recompile "
                "after changing `trainable` (a GAN's discriminator is often frozen after its own "
                "compile() on purpose, so that it still trains alone).",
                line,
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
            line,
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
            line,
            severity=Severity.INFO,
        )
        return
    surplus = _surplus_reading(analysis, stated, rows, expected) if rows > expected else None
    if surplus is not None:
        message, severity = surplus
        yield finding(analysis, "SA201", message, line, severity=severity)
        return
    gap = expected - rows
    # (a row pasted twice only where a row holds the difference: 61d's 001, 1,000 more)
    repeatable = gap < 0 and any(layer.params == -gap for layer in analysis.summary.layers)
    hint = (
        "a row's count was lowered or a row is missing from the paste"
        if gap > 0
        else "a row's count was raised, or a row was pasted twice"
        if repeatable
        else "a row's count was raised"
    )
    if gap > 0 and looks_subclassed(summary):
        hint += " (or the subclassed model creates weights of its own with add_weight)"
    # (Trainable + Non-trainable never hold the optimizer's state: no line left out of them)
    state = left_out_state(analysis, gap) if gap > 0 and not extra and total else None
    if state is not None and _split_is_the_rows(analysis, rows):
        # the split lines add up to the rows: SA202 says the left-out Optimizer params line,
        # once, as a warning (60b's 010: an error and a warning for one line left out)
        return
    if state is not None:
        hint = f"{state}; otherwise {hint}"  # 17b's 005: the Optimizer params line cut off
    outside = row_outside_total(analysis, -gap) if gap < 0 else None
    if outside is not None:
        hint = outside
    elif gap < 0 and every_count_derived(analysis):
        # 46d's 007, 010: every row verified, none repeated: the totals, not a row, differ
        with_it = (
            ", with Trainable or Non-trainable, which still add up to it"
            if split_adds_up(analysis)
            else ""
        )
        yield finding(
            analysis,
            "SA201",
            f"{stated}, but the rows add up to {rows:,} (a difference of {-gap:,}): every row's "
            "count follows from its shapes and no row is printed twice, so the total was likely "
            f"edited{with_it}"
            if total is not None
            else f"{stated}, but the rows add up to {rows:,} (a difference of {-gap:,}): every "
            "row's count follows from its shapes and no row is printed twice, so Trainable or "
            "Non-trainable was likely edited",
            line,
        )
        return
    yield finding(
        analysis,
        "SA201",
        f"{stated}, but the rows add up to {rows:,} (a difference of {abs(gap):,}): {hint}, "
        f"or {edited}{with_rows_derived(analysis, rows, expected)}",
        line,
    )


def _surplus_reading(
    analysis: Analysis, stated: str, rows: int, expected: int
) -> Optional[tuple[str, Optional[Severity]]]:
    """The SA201 message (and severity, None for the rule's own) for rows that hold more than
    Total when a reading names where the surplus is: rows holding other rows in a subclassed
    model, a row pasted twice, or weights Keras 2 counts in neither totals line."""
    surplus = rows - expected
    head = f"{stated}, but the rows add up to {rows:,} (more by {surplus:,})"
    overlaps = overlapping_rows(analysis, surplus)
    if overlaps is not None:
        return (
            f"{head}: a subclassed model's summary lists every layer the model tracks, a layer "
            f"inside another one included, and here rows hold other rows' weights: "
            f"{'; '.join(overlaps)}. Without them the rows add up to Total, which counts each "
            "weight once. If the model is built so, Keras printed this itself; if not, a row's "
            "count or the total was edited. Which of the two happened is not verified",
            Severity.INFO,
        )
    unfrozen = counted_nowhere(analysis, surplus)
    if unfrozen is not None:
        return (
            f"{head}. The difference is exactly the trainable weights of {one_of(unfrozen)}, "
            "and Trainable + Non-trainable = Total, as Keras 2 computes them: Keras 2 (and "
            "tf.keras on TensorFlow 1.x/2.0) counts Trainable from the weights collected at "
            "compile(), so a layer frozen when the model was compiled and made trainable "
            "afterwards is counted in neither line. If `trainable` was changed after compile(), "
            "Keras printed this itself (recompile to get totals that match the rows); if not, a "
            "row's count or the totals lines were edited. Which of the two happened is not "
            "verified",
            Severity.INFO,
        )
    return None


def _split_is_the_rows(analysis: Analysis, rows: int) -> bool:
    """Tell whether Trainable + Non-trainable, both printed, is what the rows add up to."""
    counts = split_counts(analysis)
    return counts is not None and counts[1] + counts[2] == rows


@check("SA202")
def total_vs_split(analysis: Analysis) -> Iterator[Finding]:
    """Total against Trainable + Non-trainable (+ Optimizer)."""
    totals = analysis.summary.totals
    if not (totals.total and totals.trainable and totals.non_trainable):
        return
    total, trainable = totals.total.value, totals.trainable.value
    non_trainable = totals.non_trainable.value
    if total is None or trainable is None or non_trainable is None:
        total_off = totals.total.rounded is not None and rounded_total_off(analysis)
        if not total_off and (rounded_off := rounded_split_off(analysis)) is not None:
            yield finding(analysis, "SA202", rounded_off, totals.total.line)
        return
    extra = optimizer(analysis.summary)
    parts = trainable + non_trainable + extra
    if parts == total:
        return
    opt = f" + {extra:,} optimizer" if extra else ""
    gap = total - parts
    left_out = (
        optimizer_state_hint(gap, trainable, plain_sgd_left_out(analysis, gap))
        if not totals.optimizer
        else None
    )
    hint = (
        left_out
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
        # a line left out of the paste (24b's 005), as SA003 says of other totals lines: no
        # count was shown wrong
        severity=Severity.WARNING if left_out else None,
    )


_STATELESS_OPTIMIZER = (
    "Total is 2 more than Trainable + Non-trainable, so Total or one of those lines was edited "
    "(only a Keras 3 optimizer holding no per-weight values adds exactly 2: plain SGD, or one "
    "loaded from .h5 that has not trained since; if this is a Keras 3 print, check for a "
    "left-out `Optimizer params: 2` line)"
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
