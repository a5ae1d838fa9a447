"""Notes beside the totals: where they come from, shared layers, asides, in a learner's words."""

from __future__ import annotations

from ..cell_grammar import read_rounded, read_totals
from ..dialects import Dialect
from ..lines import is_list_item, totals_kind
from ..patterns import lazy
from .analysis import Analysis
from .input_chain import UNBUILT, UNUSED, is_model_row
from .optimizer_state import optimizer_note
from .row_non_trainable import layer_non_trainable
from .rows import (
    BATCH_NORMALIZATION,
    clipped,
    counted_from_totals,
    rows_complete,
    rows_sum,
    top_indexes,
)
from .sizes import keras_core_count


def explain_totals(analysis: Analysis) -> tuple[str, ...]:
    """Say where the totals come from, in words a learner can follow (only when they add up),
    why sizes 8× too large are no edit, which layers hold their weights once for several calls,
    and which lines were read as notes."""
    return (
        _sizes_in_bits(analysis)
        + _where_totals_come_from(analysis)
        + _shared_calls(analysis)
        + _asides(analysis)
    )


# `name[node][tensor]`: the output `tensor` of the layer's call number `node` (from 0)
_NODE_REFERENCE = lazy(r"'?([^\[\]' ]+)\[(\d+)\]\[\d+\]'?")


def _shared_calls(analysis: Analysis) -> tuple[str, ...]:
    """Say that a layer whose second call's output a row takes holds its weights once: every
    call uses the same weights (26c's 013, a Siamese model's shared Bidirectional)."""
    layers = analysis.summary.layers
    if not analysis.summary.has_connected_to:
        return ()
    later: dict[str, int] = {}  # a layer name → the latest call whose output a row takes
    for layer in layers:
        for entry in layer.connected_to:
            if "[0][" in entry:
                continue  # a first call's output (most entries: no pattern for them)
            found = _NODE_REFERENCE.fullmatch(entry)
            if found is not None and found.group(2) != "0":
                name = found.group(1)
                later[name] = max(later.get(name, 1), int(found.group(2)) + 1)
    if not later:
        return ()
    weighted = {layer.name: layer for layer in layers if layer.params and not is_model_row(layer)}
    calls = {name: count for name, count in later.items() if name in weighted}
    notes = []
    for name, count in calls.items():
        params = weighted[name].params or 0
        notes.append(
            f"{name} is called at least {count} times (a row takes `{name}[{count - 1}][0]`, an "
            f"output of call {count}); its {params:,} weights are counted once, in its row: "
            "every call uses the same weights."
        )
    return tuple(notes)


def _asides(analysis: Analysis) -> tuple[str, ...]:
    """Name the lines written into the summary that were read as no part of it."""
    asides = analysis.summary.asides
    if not asides:
        return ()
    repeated = [(line, text) for line, text in asides if _restates_a_total(analysis, text)]
    if repeated:  # (a set: a flood of totals lines repeats thousands)
        restating = set(repeated)
        asides = tuple(aside for aside in asides if aside not in restating)
    said = _repeated_totals(analysis, repeated)
    if not asides:
        return said
    shown = "; ".join(f"line {line}: `{clipped(text, 60)}`" for line, text in asides[:3])
    more = f" and {len(asides) - 3} more" if len(asides) > 3 else ""
    if len(asides) == 1:
        return (
            f"Read as a note written into the summary, not as part of the table: {shown}.",
            *said,
        )
    return (
        f"Read as notes written into the summary, not as part of the table: {shown}{more}.",
        *said,
    )


def _restates_a_total(analysis: Analysis, text: str) -> bool:
    """Tell whether a line read beside the table is a totals line that gives the count read for
    its total (or no count that can be read); one with another count is a note of its own (the
    review of trial 83's item 4: a diff's removed `-Total params: 217`, `+Total params: 226`)."""
    if totals_kind(text) is None:
        return False
    said = read_totals(text)
    if said is None or said.value is None:
        # (a rounded count the other line does not give is a note of its own: 93a's 010,
        # `Trainable (Phase 2): ~956K` under Phase 1's `~166K`)
        return read_rounded(text) is None or _printed_as_read(analysis, text)
    count = getattr(analysis.summary.totals, said.label, None)
    return count is None or count.value is None or count.value == said.value


def _printed_as_read(analysis: Analysis, text: str) -> bool:
    """Tell whether a line is word for word one of the totals lines read."""
    return " ".join(text.split()) in _totals_lines_read(analysis)


def _totals_lines_read(analysis: Analysis) -> set[str]:
    """The totals lines read, each with its blanks made single."""
    totals = analysis.summary.totals
    shown = (totals.total, totals.trainable, totals.non_trainable, totals.optimizer)
    return {" ".join(count.text.split()) for count in shown if count is not None}


def _repeated_totals(analysis: Analysis, repeated: list[tuple[int, str]]) -> tuple[str, ...]:
    """Say that the totals were printed a second time, word for word or with the same counts,
    and read once."""
    if not repeated:
        return ()
    lines = [line for line, _ in repeated]
    where = f"line {lines[0]}" if len(lines) == 1 else f"lines {lines[0]}–{lines[-1]}"
    printed = _totals_lines_read(analysis)
    if all(" ".join(text.split()) in printed for _, text in repeated):
        return (
            f"The totals are printed again on {where}, word for word (a copy pasted twice); "
            "they were read once.",
        )
    what = "A totals line is" if len(lines) == 1 else "Totals lines are"
    if is_list_item(repeated[0][1]):
        return (
            f"{what} restated in a list on {where} with the same count (a report's figures "
            "under the summary); read once, and the list's lines the summary lacks read as its "
            "own.",
        )
    return (
        f"{what} printed again on {where} with the same count, not as Keras prints it (a "
        "line the script printed itself, such as model.count_params()); read once.",
    )


# What rows of no frozen layer say of Non-trainable params 0: about the layers' kinds, not the
# model's flags, which a print does not show (44a's 014: 'no layer keeps weights that training
# leaves alone', said of a model whose Embedding was made with trainable=False)
_NO_STATISTICS = (
    "Non-trainable params 0: no row is of a layer that keeps weights training does not update "
    "(such as BatchNormalization's moving mean and variance)"
)


def _sizes_in_bits(analysis: Analysis) -> tuple[str, ...]:
    count = keras_core_count(analysis)
    if count is None:
        return ()
    return (
        f"The printed sizes are 8× what the counts take ({count.value:,} weights shown "
        f"as {count.size}): the pre-release keras-core (0.1.x, before 18 Aug 2023) printed "
        "bits as bytes, and read so they fit the counts. Which build printed these is not "
        "shown, so that is the likely reason, not a verified one.",
    )


def _where_totals_come_from(analysis: Analysis) -> tuple[str, ...]:
    summary = analysis.summary
    totals = summary.totals
    notes: list[str] = []
    if not rows_complete(analysis) or totals.total is None or totals.total.value is None:
        return ()
    top = top_indexes(analysis)
    rows = rows_sum(analysis)
    optimizer = totals.optimizer_count()
    worked_out = counted_from_totals(analysis)
    if worked_out is not None:
        less = f" and the {optimizer:,} optimizer variables" if optimizer else ""
        notes.append(
            f"Total params {totals.total.value:,} less the other rows{less} gives "
            f"{worked_out.name}'s count, {worked_out.params or 0:,}, which Keras 3 cut short: it "
            "fits the printed digits, but Total is not checked against the rows on its own."
        )
    elif rows + optimizer == totals.total.value:
        opt = f" plus {optimizer:,} optimizer variables" if optimizer else ""
        outputs = analysis.graph_outputs
        counted = len(top) - len(outputs)
        rows_text = "the 1 row" if counted == 1 else f"the sum of the {counted} rows"
        if outputs:
            names = ", ".join(analysis.layers[i].name for i in sorted(outputs))
            rows_text += (
                f" above {names}: Keras 0.3 prints each output of a Graph model again, as the "
                "row of the node it reads, and leaves it out of Total"
            )
        notes.append(f"Total params {totals.total.value:,} = {rows_text}{opt}.")
        trainable = totals.trainable.value if totals.trainable is not None else None
        said = optimizer_note(optimizer, trainable) if optimizer and trainable else None
        if said is not None:
            notes.append(said)
    stated = totals.non_trainable
    if stated is None or stated.value is None:
        return tuple(notes)
    per_layer = layer_non_trainable(analysis)
    known = [per_layer[i] for i in top]
    if None in known or stated.value != sum(known):  # type: ignore[arg-type]  # (no None)
        return tuple(notes)
    sources = [(analysis.layers[i], per_layer[i] or 0) for i in top if per_layer[i]]
    if (
        not sources
        and top
        and all(analysis.layers[i].params_note in (UNBUILT, UNUSED) for i in top)
    ):
        return tuple(notes)  # (every row unbuilt or unused: nothing is or is not frozen yet)
    if not sources:
        if rows + optimizer != totals.total.value:
            # a Total apart from the rows (SA201): a layer frozen at compile() in Keras 2 is in
            # neither line, so whether one is frozen is not shown (25d's 005)
            notes.append(f"{_NO_STATISTICS}.")
            return tuple(notes)
        if analysis.summary.dialect is Dialect.KERAS3:
            # a real Keras 3.0.5 print counts an Embedding made with trainable=False as
            # trainable (fixture embedding_made_frozen; 31a's 001): the print cannot tell
            embedding = any("Embedding" in layer.type for layer in analysis.layers)
            notes.append(
                f"{_NO_STATISTICS}, and the print counts no layer as frozen"
                + (
                    " (Keras 3.0 and 3.1 counted the weights of a layer made with "
                    "trainable=False, such as a pretrained Embedding, as trainable: "
                    "keras-team/keras#19398)."
                    if embedding
                    else "."
                )
            )
            return tuple(notes)
        notes.append(f"{_NO_STATISTICS}, and the print counts no layer as frozen.")
        return tuple(notes)
    bn = [(layer, n) for layer, n in sources if BATCH_NORMALIZATION in layer.type]
    other = [(layer, n) for layer, n in sources if "BatchNormalization" not in layer.type]
    parts = []
    if len(bn) == 1:
        layer, n = bn[0]
        parts.append(
            f"{n:,} in {layer.name} (its moving mean and variance: "
            f"{_share(n, layer.params or 0)} its {layer.params or 0:,} parameters)"
        )
    elif bn:
        count = sum(n for _, n in bn)
        params = sum(layer.params or 0 for layer, _ in bn)
        parts.append(
            f"{count:,} in the {len(bn)} BatchNormalization layers (their moving means and "
            f"variances: {_share(count, params)} their {params:,} parameters)"
        )
    for layer, n in other:
        parts.append(f"{n:,} in {layer.name} ({layer.type})")
    notes.append(f"Non-trainable params {stated.value:,} = " + " + ".join(parts) + ".")
    return tuple(notes)


def _share(part: int, whole: int) -> str:
    """`half of`, `all of` or `4 of`: how much of a BatchNormalization count its moving
    statistics are (half with gamma and beta, more with center or scale off)."""
    if 2 * part == whole:
        return "half of"
    return "all of" if part == whole else f"{part:,} of"
