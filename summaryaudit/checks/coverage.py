"""Say what the audit of a summary verified, and what it could not and why: its Coverage."""

from __future__ import annotations

from collections.abc import Iterator

from ..formulas import application_default
from ..formulas.common import MISMATCH, UNVERIFIED_STATUS, WEIGHTLESS_NONZERO
from ..layer_classes import names_a_range
from ..records import CheckState, Coverage, Totals, TotalsCheck
from .analysis import Analysis
from .bn_statistics import non_trainable_floor
from .branch_heads import refuted_reason
from .input_chain import UNBUILT, UNUSED, has_children, is_model_row
from .layer_range_slices import slice_evidence, unnumbered_tail
from .lone_split import lone_split_coverage
from .non_trainable import frozen_by_column, frozen_gap_search
from .non_trainable_bounds import (
    filled_by_moving_statistics,
    frozen_alone,
    frozen_model_fit,
    held_by_verified,
    more_than_unverified,
    moving_statistics_floor,
    none_left,
    smallest_over,
    the_rest,
    why_unknown,
)
from .optimizer_state import left_out_optimizer_state
from .readability import missing_totals
from .row_non_trainable import layer_non_trainable
from .rows import (
    TOP_CUT,
    among_totals,
    counted_from_totals,
    cropped_columns_said,
    cut_above,
    cut_below,
    elided_gaps,
    gaps,
    is_elision,
    nested_top_rows,
    optimizer,
    plural,
    rows_sum,
    sliced,
    split_as_total,
    unread_lines,
)
from .shared_weights import (
    cut_rows_beyond_total,
    cut_tying_note,
    names_joined,
    shared_weights_row,
    tying_row,
    weight_sharing_rows,
)
from .sizes import keras_core_count
from .total_readings import pasted_twice, rounded_split, rounded_total, shared_nested
from .verified_rows import ends_the_paste, inner_rows_cut, verified_rows

# Enum members read once: a member read through its class is a slow look-up (EnumType.__getattr__)
CHECKED, BOUNDED, SKIPPED = CheckState.CHECKED, CheckState.BOUNDED, CheckState.SKIPPED
_TOTAL_ROWS = "Total = sum of the rows"
_SPLIT = "Trainable + Non-trainable = Total"
_SPLIT_ROWS = "Trainable + Non-trainable = sum of the rows"  # (no Total line printed)
_SPLIT_WITH_OPTIMIZER = "Trainable + Non-trainable + Optimizer = Total"
_NON_TRAINABLE = "Non-trainable = moving statistics + frozen layers"
_REFUTED = (MISMATCH, WEIGHTLESS_NONZERO)  # SA101 and SA103
_INNER = ("do not add up to it", "may be left out of the paste")  # (by inner_rows_cut)
_SIZES = "printed sizes"
_SEVERAL_SETS = (
    "several different sets of layers could be the frozen ones; which, or an edit, is not decided"
)


def _several_frozen_sets(analysis: Analysis) -> bool:
    search = frozen_gap_search(analysis)
    return search is not None and search.several


def _why_unverified(analysis: Analysis, unverified: list[int]) -> list[str]:
    reasons: dict[str, list[str]] = {}
    unreadable = analysis.summary.unreadable
    unread_lines = {line for line, _ in unreadable} if unreadable else set()
    for i in unverified:
        layer, derivation = analysis.layers[i], analysis.derivations[i]
        if is_elision(layer):
            key = "elided: rows left out of the paste"
        elif ("params" in layer.truncated or layer.params is None) and ends_the_paste(analysis, i):
            key = "count cut off by the end of the paste"
        elif layer.params is None and layer.line in unread_lines:
            key = "count not readable"  # `17-129`, a tuner's range (27c's 010): SA001 says so
        elif "params" in layer.truncated:
            key = "count cut short by its column, as Keras 3 prints a count too wide for it"
        elif layer.params is None:
            key = "count not shown"
        elif not layer.type and names_a_range(layer.name):
            key = "one row for several layers, named as a range"
        elif not layer.type:
            key = "class not shown (cut off or not printed)"
        elif is_model_row(layer) and not has_children(analysis.layers, i):
            # a `…Block` class (a custom layer holding layers, Merlin's SequentialBlock) may be
            # no model: its row says there is no formula for it (16b's 009)
            key = (
                "no formula for the class, and its inner rows are not printed"
                if derivation is not None and derivation.status == UNVERIFIED_STATUS
                else "nested model whose inner rows are not printed"
            )
        elif is_model_row(layer):
            key = f"nested model whose inner rows {_INNER[inner_rows_cut(analysis, i)]}"
        elif derivation is not None and derivation.status == UNVERIFIED_STATUS:
            key = "no formula for the class"
        elif derivation is not None and derivation.status in _REFUTED:
            key = refuted_reason(analysis, i)
        else:
            key = "count not decided by the shapes shown"
        reasons.setdefault(key, []).append(layer.name)
    return [
        f"{plural(len(names), 'row', 'rows')} ({key}: {', '.join(names[:4])}"
        f"{f' and {len(names) - 4} more' if len(names) > 4 else ''})"
        for key, names in reasons.items()
    ]


def coverage(analysis: Analysis) -> Coverage:
    """Say what the audit of this summary verified, and what it could not and why."""
    summary = analysis.summary
    verified = verified_rows(analysis)
    unverified = [i for i, row_verified in enumerate(verified) if not row_verified]
    not_verified = _why_unverified(analysis, unverified)
    unread = unread_lines(summary)
    if unread:
        not_verified.append(plural(len(unread), "unreadable line", "unreadable lines"))
    top = cut_above(summary)
    if top:
        not_verified.append(f"the rows above the first one shown ({TOP_CUT})")
    elided = elided_gaps(summary)
    if elided:
        not_verified.append(plural(elided, "elided gap", "elided gaps"))
    if cut_below(summary):  # (88j's 007: a paste that stops inside the table, said a gap)
        not_verified.append("the rows below the last one shown (left out of the paste)")
    if summary.cropped:
        not_verified.append(cropped_columns_said(summary))
    if not summary.layers and not summary.columns and not summary.totals.present():
        not_verified.append("the layer rows and the totals (the paste ends after the title)")
    elif not summary.layers and not summary.columns:
        totals = summary.totals
        read = any(
            count is not None and count.value is not None
            for count in (totals.total, totals.trainable, totals.non_trainable)
        )
        # (36a's 004: a paper's totals row per model variant, none of them read)
        said = "only the totals were read" if read else "no totals line was read either"
        not_verified.append(f"the layer rows ({said})")
    elif not summary.layers:
        not_verified.append("the layer rows (none was read under the header)")
    if summary.layers and not summary.totals.present():
        not_verified.append("the totals (not in the paste)")
    return Coverage(
        rows_read=len(analysis.layers)
        + sum(1 for line in unread if not among_totals(summary, line)),
        rows_verified=len(analysis.layers) - len(unverified),
        not_verified=tuple(not_verified),
        totals=tuple(_totals_checks(analysis)),
        consistent_only=tuple(
            (layer.name, derivation.solved.value)
            for layer, derivation, row_verified in zip(
                analysis.layers, analysis.derivations, verified
            )
            if row_verified and derivation is not None and derivation.solved is not None
        ),
        without_weights=tuple(
            layer.name for layer in analysis.layers if layer.params_note in (UNBUILT, UNUSED)
        ),
    )


def _totals_checks(analysis: Analysis) -> Iterator[TotalsCheck]:
    summary, totals = analysis.summary, analysis.summary.totals
    value = Totals.value_of
    hidden = gaps(analysis)
    gap_text = " and ".join(hidden)
    stand_in = split_as_total(summary) if totals.total is None else None
    if (value(totals.total) is not None or stand_in is not None) and analysis.layers:
        rows = rows_sum(analysis)
        if stand_in is not None:  # Trainable + Non-trainable stand in for a Total left out
            name, word, state, expected = _SPLIT_ROWS, "Trainable + Non-trainable", 0, stand_in[0]
        else:
            name, word = _TOTAL_ROWS, "Total"
            state = left_out_optimizer_state(analysis)  # inside Total, but held by no row
            expected = (value(totals.total) or 0) - optimizer(summary) - state
        rows_left_out = sliced(analysis) or unnumbered_tail(analysis, rows, expected)
        nested = nested_top_rows(analysis)
        layer = counted_from_totals(analysis)
        if rows > expected and pasted_twice(analysis, rows - expected) is not None:
            yield TotalsCheck(name, CHECKED)  # a row printed once too often: SA201
        elif layer is not None and not hidden:
            reason = (
                f"used to work out {layer.name}'s count, which Keras 3 cut to "
                f"{layer.params_cut}…: {layer.params or 0:,} fits those digits"
            )
            yield TotalsCheck(name, BOUNDED, reason)
        elif hidden:
            reason = f"{gap_text}; {word} ≥ the rows read"
            if (beyond := cut_rows_beyond_total(analysis, expected)) is not None:
                reason += f", but {beyond}"
            elif rows > expected and (tying := tying_row(analysis, rows - expected)):
                reason += (
                    f", but the rows read hold {rows - expected:,} more: {tying}'s count, "
                    "weights it may share, counted once"
                )
            elif expected > rows:
                reason += f", and what is not shown must hold the other {expected - rows:,}"
                if state:
                    reason += f" (Total less the {state:,} of optimizer state it holds)"
                reason += cut_tying_note(analysis)
            elif expected == rows:
                reason += (
                    ", and the rows read add up to it: if it is right, what is not shown holds"
                    " no weights"
                )
            yield TotalsCheck(name, BOUNDED, reason)
        elif rows_left_out and rows < expected:
            yield TotalsCheck(name, BOUNDED, "layer_range print: rows left out")
        elif rows > expected and len(nested) >= 2:
            yield TotalsCheck(name, BOUNDED, shared_nested(nested, rows, expected))
        elif (sharer := shared_weights_row(analysis)) is not None:
            reason = (
                f"the rows hold {sharer}'s count beyond {word}: weights it may share, counted once"
            )
            yield TotalsCheck(name, BOUNDED, reason)
        elif (partners := weight_sharing_rows(analysis)) is not None:
            reason = (
                f"the rows hold {rows - expected:,} beyond {word}: weights "
                f"{names_joined(partners)} may share, counted once"
            )
            yield TotalsCheck(name, BOUNDED, reason)
        else:
            yield TotalsCheck(name, CHECKED)
    elif totals.total is not None and totals.total.rounded is not None and analysis.layers:
        yield TotalsCheck(_TOTAL_ROWS, BOUNDED, rounded_total(analysis))
    elif totals.total is not None and analysis.layers:
        # a Total line whose count is unreadable or left out (`Total params: ...`, 30c's 015)
        yield TotalsCheck(_TOTAL_ROWS, SKIPPED, "its count is unreadable or left out")
    split = (totals.total, totals.trainable, totals.non_trainable)
    if all(value(c) is not None for c in split):
        # Keras 3 counts the optimizer's variables in Total: SA202 adds them (15b's nit)
        yield TotalsCheck(_SPLIT_WITH_OPTIMIZER if optimizer(summary) else _SPLIT, CHECKED)
    elif (rounded := rounded_split(analysis)) is not None:
        yield TotalsCheck(_SPLIT, BOUNDED, rounded)
    elif any(c is not None for c in split[1:]) or missing_totals(summary):
        yield TotalsCheck(_SPLIT, SKIPPED, "a totals line is unreadable or missing")
    if (lone := lone_split_coverage(analysis)) is not None:
        yield lone
    if value(totals.non_trainable) is not None and analysis.layers:
        per_layer = layer_non_trainable(analysis)
        unknown = [
            layer.name
            for layer, v in zip(analysis.layers, per_layer)
            if layer.depth == 0 and v is None
        ]
        floor, _ = non_trainable_floor(analysis)
        stated = value(totals.non_trainable) or 0
        rest = ""
        if stated > floor:
            left = stated - floor
            # what freezing each row shown would add: none fits in the rest (30a's 008: 53,120
            # left, the one weighted row shown holding 2,049,000), which is then out of sight
            adds = [
                (layer.params or 0) - v
                for layer, v in zip(analysis.layers, per_layer)
                if layer.depth == 0 and v is not None
            ]
            unseen = len(adds) == len(per_layer) and all(a > left for a in adds if a > 0)
            can_freeze = sum(a for a in adds if a > 0)
            if unseen:
                rest = f"; the other {left:,} " + ("sits" if left == 1 else "sit")
            elif len(adds) == len(per_layer) and can_freeze < left:
                # 41a's 009: two rows training 2,910 in all cannot hold 2,257,984 frozen
                rest = (
                    f"; of the other {left:,}, at most {can_freeze:,} can be frozen weights of "
                    f"the rows (all they train), so at least {left - can_freeze:,} sit"
                )
            elif left == 1:
                rest = f"; the other {left:,} is a frozen weight of the rows or sits"
            else:
                rest = f"; the other {left:,} are frozen weights of the rows or sit"
            rest += " in what is not shown"
        if hidden:
            reason = f"{gap_text}; Non-trainable ≥ the moving statistics of the rows read{rest}"
            yield TotalsCheck(_NON_TRAINABLE, BOUNDED, reason)
        elif slice_evidence(analysis):
            yield TotalsCheck(_NON_TRAINABLE, BOUNDED, "layer_range print: rows left out")
        elif unknown and frozen_by_column(analysis) == stated:
            yield TotalsCheck(_NON_TRAINABLE, CHECKED)  # by the Trainable column
        elif unknown:
            known_part = sum(
                v or 0 for layer, v in zip(analysis.layers, per_layer) if layer.depth == 0
            )
            left = stated - known_part
            names = ", ".join(unknown[:4]) + (
                f" and {len(unknown) - 4} more" if len(unknown) > 4 else ""
            )
            frozen = frozen_alone(analysis, per_layer, left) if left > 0 else None
            counts = [
                layer.params
                for layer, v in zip(analysis.layers, per_layer)
                if layer.depth == 0 and v is None
            ]
            room = sum(c or 0 for c in counts) if None not in counts else None
            defaults = [
                application_default(
                    layer.name, layer.params, shapes[0] if shapes and len(shapes) == 1 else None
                )
                for layer, v, shapes in zip(analysis.layers, per_layer, analysis.outputs)
                if layer.depth == 0 and v is None
            ]
            # the keras.applications bases hold exactly their default (their BatchNorm
            # statistics): no layer is frozen, in them or elsewhere. A row of a class with no
            # formula (a TF Hub KerasLayer, 40d's 008) that has an application's count is not
            # verified as it: its default then only fits.
            fits_defaults = None not in defaults and sum(defaults) == left  # type: ignore[arg-type]
            verified = all(
                analysis.derivations[at] is not None
                and analysis.derivations[at].status is not UNVERIFIED_STATUS  # type: ignore[union-attr]
                for at, (layer, v) in enumerate(zip(analysis.layers, per_layer))
                if layer.depth == 0 and v is None
            )
            exact = fits_defaults and verified
            whole = value(totals.total) == rows_sum(analysis) + optimizer(summary)
            # (rows missing from the paste would hold the rest: 22b's 010, a tail-only paste)
            past_room = left - room if whole and room is not None and 0 < room < left else 0
            held = held_by_verified(analysis, known_part, stated)
            statistics = moving_statistics_floor(analysis, per_layer) if left > 0 else 0
            reason = (
                filled_by_moving_statistics(
                    f"{held}; {the_rest(left, known_part)}",
                    left,
                    names,
                    why_unknown(analysis, len(unknown)),
                    statistics,
                )
                if statistics and statistics >= left and not past_room
                else more_than_unverified(
                    held,
                    left,
                    names,
                    left - past_room,
                    len(counts),
                    frozen_alone(analysis, per_layer, past_room),
                    smallest_over(analysis, per_layer, past_room),
                    why_unknown(analysis, len(unknown)),
                )
                if past_room
                else f"{held}; {the_rest(left, known_part)} "
                f"{'sits' if left == 1 else 'sit'} in {names} "
                f"({why_unknown(analysis, len(unknown))}) or "
                + ("is a frozen layer's weight" if left == 1 else "are frozen layers' weights")
                + (
                    f" ({frozen}'s trainable weights, frozen, are exactly {left:,})"
                    if frozen
                    else frozen_model_fit(analysis, per_layer, left) or ""
                )
                + (
                    f"; {names} {'has' if len(unknown) == 1 else 'have'} the count of a "
                    f"keras.applications model, which holds exactly {left:,} non-trainable "
                    "weights by default (its BatchNormalization statistics)"
                    if fits_defaults
                    else ""
                )
                if left > 0
                else none_left(stated, names, len(unknown))
            )
            if exact:
                yield TotalsCheck(_NON_TRAINABLE, CHECKED)
            else:
                yield TotalsCheck(_NON_TRAINABLE, BOUNDED, reason)
        elif _several_frozen_sets(analysis):
            yield TotalsCheck(_NON_TRAINABLE, BOUNDED, _SEVERAL_SETS)
        else:
            yield TotalsCheck(_NON_TRAINABLE, CHECKED)
    if keras_core_count(analysis) is not None:
        # (44a's 011: 'not checked' beside a note giving the 8× it measured)
        reason = "8× what the counts take: keras-core 0.1.x's bits as bytes, its build not shown"
        yield TotalsCheck(_SIZES, BOUNDED, reason)
    elif any(c is not None and c.size for c in (*split, totals.optimizer)):
        yield TotalsCheck(_SIZES, CHECKED)
