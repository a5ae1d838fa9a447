"""What several checks need to know about a summary's rows, each worked out once per analysis."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Optional

from ..dialects import Dialect
from ..layer_classes import class_of_default_name
from ..patterns import lazy
from ..records import Layer, Summary, Totals
from .analysis import Analysis, once_per_analysis
from .cut_counts import CountFrom
from .input_chain import (
    base_name,
    has_children,
    model_rows_of,
)

FROM_TOTALS = CountFrom.TOTALS  # (an enum member read once)
_SIZE_UNITS = {"Byte": 0, "B": 0, "KB": 1, "MB": 2, "GB": 3, "TB": 4, "PB": 5}
_PRINTED_SIZE = lazy(r"(\d+(?:\.\d+)?)\s*(\w+)")
BATCH_NORMALIZATION = "BatchNormalization"


def shows_no_count_column(summary: Summary) -> bool:
    """Tell whether a table cut on the right shows no Param # column at all, which a narrow
    terminal or the paste's author may have left out (83c's 004: `name |shape` written by hand);
    a Keras 3 box is cropped by its terminal alone."""
    return (
        summary.cropped
        and "params" not in summary.columns
        and summary.dialect is not Dialect.KERAS3
    )


def cropped_columns_said(summary: Summary) -> str:
    """What a table cut on the right leaves unverified, in the coverage's words."""
    if shows_no_count_column(summary):
        return "the Param # column (the table shows none)"
    return "the columns cut off by a narrow terminal"


def plural(count: int, one: str, many: str) -> str:
    """Say a count with the singular or plural noun it takes."""
    return f"{count} {one if count == 1 else many}"


def clipped(text: str, limit: int) -> str:
    """Quote a pasted line whole up to `limit` characters, else its start and `…`."""
    return text if len(text) <= limit else text[: limit - 3] + "…"


def printed_bytes(size: str) -> Optional[tuple[float, int]]:
    """Read a printed size (`8.17 MB`) as (bytes, bytes per display unit); None if unreadable."""
    match = _PRINTED_SIZE.match(size)
    if not match or match.group(2) not in _SIZE_UNITS:
        return None
    unit = 1024 ** _SIZE_UNITS[match.group(2)]
    return float(match.group(1)) * unit, unit


def optimizer(summary: Summary) -> int:
    """The Optimizer params line's count (0 when it is not printed)."""
    return summary.totals.optimizer_count()


@once_per_analysis
def split_counts(analysis: Analysis) -> Optional[tuple[int, int, int]]:
    """Total, Trainable and Non-trainable params as printed, when all three were read; where
    the paste left the Total line out, Trainable + Non-trainable stand in for it."""
    totals = analysis.summary.totals
    total, trainable = Totals.value_of(totals.total), Totals.value_of(totals.trainable)
    non_trainable = Totals.value_of(totals.non_trainable)
    if total is None and (stand_in := split_as_total(analysis.summary)) is not None:
        total = stand_in[0]
    if total is None or trainable is None or non_trainable is None:
        return None
    return total, trainable, non_trainable


def split_adds_up(analysis: Analysis) -> bool:
    """Tell whether all three totals lines were read and Trainable + Non-trainable (+ the
    Optimizer line) = Total: the totals lines agree among themselves."""
    counts = split_counts(analysis)
    if counts is None:
        return False
    total, trainable, non_trainable = counts
    return trainable + non_trainable + optimizer(analysis.summary) == total


def counted_from_totals(analysis: Analysis) -> Optional[Layer]:
    """The row whose cut count was worked out as Total less the other rows, or None."""
    found = [i for i, source in analysis.count_from.items() if source is FROM_TOTALS]
    return analysis.layers[found[0]] if found else None


@once_per_analysis
def model_rows(analysis: Analysis) -> list[int]:
    """Indexes of the nested-model rows (as the audit reads their classes)."""
    return model_rows_of(analysis.layers)


@once_per_analysis
def expanded_models(analysis: Analysis) -> frozenset[int]:
    """The nested-model rows whose inner rows are printed right under them."""
    layers = analysis.layers
    return frozenset(i for i in model_rows(analysis) if has_children(layers, i))


@once_per_analysis
def nested_top_rows(analysis: Analysis) -> list[Layer]:
    """The model's own rows that are nested models."""
    layers = analysis.layers
    return [layers[i] for i in model_rows(analysis) if layers[i].depth == 0]


@once_per_analysis
def top_rows(analysis: Analysis) -> list[Layer]:
    """The rows of the model itself (not printed inside a nested model)."""
    return [layer for layer in analysis.layers if layer.depth == 0]


@once_per_analysis
def top_indexes(analysis: Analysis) -> list[int]:
    """Indexes of the rows of the model itself."""
    return [i for i, layer in enumerate(analysis.layers) if layer.depth == 0]


@once_per_analysis
def rows_sum(analysis: Analysis) -> int:
    """The sum of the counts of the model's own rows (a Keras 0.3 Graph's outputs left out)."""
    outputs = analysis.graph_outputs
    if outputs:
        layers = analysis.layers
        return sum([layers[i].params or 0 for i in top_indexes(analysis) if i not in outputs])
    return sum([layer.params or 0 for layer in top_rows(analysis)])


_ELISION = lazy(r"^(?:\.{3,}|…)")


def is_elision(layer: Layer) -> bool:
    """A row that stands for left-out rows (`...`, `... (additional layers)`)."""
    return layer.params is None and bool(_ELISION.match(layer.name))


def unread_lines(summary: Summary) -> list[int]:
    """Unreadable lines that are not already rows (a row whose count could not be read)."""
    if not summary.unreadable:
        return []
    # a row's line, unless its count was read: a print on one line holds every row, and the
    # piece of a row the paste ends in (58d's 003) is a line of its own
    rows = {layer.line for layer in summary.layers if layer.params is None}
    return [line for line, _ in summary.unreadable if line not in rows]


TOP_CUT = "the top of the table is cut off"


def cut_above(summary: Summary) -> int:
    """How many elision marks stand above the first row: rows the paste cut off the top."""
    if not summary.elided or not summary.layers:
        return 0
    first = summary.layers[0].line
    if (
        summary.layers[-1].line == first == summary.end_line
        and summary.start_line < first
        and not summary.totals.present()
    ):
        # every row on the paste's last line with the mark, under a header, no totals after
        # them (70b's 004: rows joined onto one line, the rule the excerpt cut short after the
        # last): a mark where the paste ends, below them
        return sum(1 for line in summary.elided if line < first)
    return sum(1 for line in summary.elided if line <= first)


def elided_gaps(summary: Summary) -> int:
    """The gaps elision marks stand for below the first row, but for rows left out below the
    last one (cut_below's): a run of `...` lines one after another is one gap (18c's 011: two
    gaps, each written as two `...` lines)."""
    if not summary.elided:
        return 0
    first = summary.layers[0].line if summary.layers else 0
    marks = [line for line in summary.elided if line > first] if first else list(summary.elided)
    runs = sum(1 for i, line in enumerate(marks) if i == 0 or line - marks[i - 1] > 1)
    return runs - cut_below(summary)


def cut_below(summary: Summary) -> int:
    """1 when the last elision mark stands below the last row, before any totals: rows the
    paste left out below the last one shown (a table it stops inside); 0 otherwise."""
    if not summary.elided or not summary.layers:
        return 0
    last = summary.elided[-1]
    totals = summary.totals
    lines = [c.line for c in (totals.total, totals.trainable, totals.non_trainable) if c]
    return int(last > summary.layers[-1].line and all(last < line for line in lines))


@once_per_analysis
def gaps(analysis: Analysis) -> list[str]:
    """What the print hides from the totals: rows without a count, unreadable lines, elisions."""
    summary = analysis.summary
    found = []
    no_count = [
        layer for layer in top_rows(analysis) if layer.params is None and not is_elision(layer)
    ]
    top = cut_above(summary)
    elided = (
        elided_gaps(summary)
        # (is_elision's first test, without a call for each row that has a count)
        + sum(1 for layer in analysis.layers if layer.params is None and is_elision(layer))
    )
    if top:
        found.append(TOP_CUT)
    if summary.cropped:
        found.append(
            "the table shows no Param # column"
            if shows_no_count_column(summary)
            else "the table is cropped on the right"
        )
    elif no_count:
        found.append(
            plural(len(no_count), "row whose count is not shown", "rows whose count is not shown")
        )
    unread = [line for line in unread_lines(summary) if not among_totals(summary, line)]
    if unread:
        found.append(plural(len(unread), "unreadable line", "unreadable lines"))
    if elided:
        found.append(plural(elided, "elided gap (`...`)", "elided gaps (`...`)"))
    if cut_below(summary):  # (not an elided gap: review 88's item 3)
        found.append("rows left out below the last one shown")
    return found


def among_totals(summary: Summary, line: int) -> bool:
    """Tell whether an unreadable line sits among the totals below the rows (an empty
    `Non-trainable params:`): it hides no row from the sum."""
    totals = summary.totals
    read = [c.line for c in (totals.total, totals.trainable, totals.non_trainable) if c]
    last_row = max((layer.line for layer in summary.layers), default=0)
    return bool(read) and line > last_row and line >= min(read)


def rows_complete(analysis: Analysis) -> bool:
    """Tell whether every row is shown with its count (no gap of any kind)."""
    return bool(analysis.layers) and not gaps(analysis)


# layer_range came with tf.keras 2.8 (the wrapped-header dialect) and Keras 3.
LAYER_RANGE_DIALECTS = (Dialect.KERAS2_WRAPPED, Dialect.KERAS3)
_FUNCTIONAL_NAME = lazy(r"^(?:model|functional)(?:_\d+)?$")
_HIDDEN_INPUT = lazy(r"(?:^|_)input(?:_\d+)?$")


def is_hidden_input(name: str) -> bool:
    """A name Keras gives an input that has no row of its own (`dense_input_1`, `input_2`)."""
    return bool(_HIDDEN_INPUT.search(name))


@once_per_analysis
def sliced(analysis: Analysis) -> Optional[str]:
    """Say what shows that rows were left out by layer_range, or None.

    A functional model printed as a chain always starts with its InputLayer row, and its first
    layer is connected to nothing printed above it.
    """
    summary = analysis.summary
    top = top_rows(analysis)
    if not top or top[0].type == "InputLayer" or summary.dialect not in LAYER_RANGE_DIALECTS:
        return None
    hidden = [
        name
        for name in map(base_name, top[0].connected_to)
        if not is_hidden_input(name) and not analysis.names.may_name(name)
    ]
    if summary.has_connected_to and hidden:
        refs = ", ".join(hidden)
        return f"its first row, {top[0].name}, is connected to {refs}, which is not printed"
    if _FUNCTIONAL_NAME.match(summary.model_name or "") and not summary.has_connected_to:
        return f"a functional model ({summary.model_name}) printed without its InputLayer row"
    return None


_NUMBERED = lazy(r"^(?P<stem>.*?)(?:_(?P<n>\d+))?$")


def numbering_gap(summary: Summary) -> Optional[str]:
    """Say where Keras' default layer numbering skips a number inside the table, or None.

    Keras numbers the layers of a class in creation order (dense, dense_1, dense_2 …); a table
    that shows dropout_4 and dropout_9 but none in between lost rows from its middle.
    """
    seen: dict[str, list[int]] = {}
    for layer in summary.layers:
        match = _NUMBERED.match(layer.name)
        if match is None or "…" in layer.name or not class_of_default_name(layer.name):
            continue
        seen.setdefault(match.group("stem"), []).append(int(match.group("n") or 0))
    for stem, numbers in seen.items():
        ordered = sorted(set(numbers))
        for low, high in zip(ordered, ordered[1:]):
            if high - low > 1:
                return (
                    f"{stem}_{low} is followed by {stem}_{high}"
                    if low
                    else f"{stem} is followed by {stem}_{high}"
                )
    return None


@once_per_analysis
def leaves(analysis: Analysis) -> list[int]:
    """Rows that are layers rather than expanded nested models (each weight counted once)."""
    expanded = expanded_models(analysis)
    rows = range(len(analysis.layers))
    return [i for i in rows if i not in expanded] if expanded else list(rows)


# a count that fits a formula (on the channel axis or, SA102, another): a count no reading gives
# (SA101, SA103) was checked and found wrong, not verified
def names_listed(names: Sequence[str], most: int = 6) -> str:
    """`a, b, c and 3 more`: the first `most` names, and how many are left out."""
    left = len(names) - most
    return ", ".join(names[:most]) + (f" and {left} more" if left > 0 else "")


def split_as_total(summary: Summary) -> Optional[tuple[int, int]]:
    """Trainable + Non-trainable standing in for a Total line the paste left out, with the
    Trainable line's number; None when Total is printed, or either of the two is not."""
    totals = summary.totals
    trainable, non_trainable = totals.trainable, totals.non_trainable
    if totals.total is not None or trainable is None or non_trainable is None:
        return None
    if trainable.value is None or non_trainable.value is None:
        return None
    if trainable.rounded is not None or non_trainable.rounded is not None:
        return None  # (`~1.3M`: a count given rounded)
    return trainable.value + non_trainable.value, trainable.line
