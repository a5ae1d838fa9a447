"""SA402: two rows of one model printed under the same name, which Keras never does."""

from __future__ import annotations

from collections.abc import Iterator

from ..dialects import Era
from ..layer_classes import is_known_class
from ..records import Finding, Layer, Severity, Totals
from .analysis import Analysis
from .registry import check, finding
from .rows import is_elision, rows_sum


def _whole_name(layer: Layer) -> bool:
    """Tell whether a row's name is printed whole: a class cut by the column (or none shown) may
    have cut the name before it too (Keras 2 cuts the layer cell silently)."""
    truncated = layer.truncated
    return (
        bool(layer.name)
        and "…" not in layer.name
        and not (truncated and ("name" in truncated or "type" in truncated))
        and bool(layer.printed_type)
        and (layer.params is not None or not is_elision(layer))  # (is_elision's first test)
        # a class written where the name goes, the note after it read as the class (90h's
        # 005: `Activation (ReLU)` twice, a retyped table's label, no layer's name)
        and not is_known_class(layer.name)
    )


# The models that refuse two layers of one name (a subclassed model keeps both, as its own
# attributes, and prints both: 34a's 014, real fixture subclassed_sublayers_sharing_a_name)
KERAS0 = Era.KERAS0  # (an enum member read once)
_NAMING_MODELS = frozenset(("Sequential", "Functional", "Model"))


@check("SA402")
def duplicate_layer_name(analysis: Analysis) -> Iterator[Finding]:
    """Rows of one model (the same parent, at the same depth) that share a name, where the
    model is the print's own or a Sequential or Functional one."""
    layers = analysis.layers
    if len({layer.name for layer in layers}) == len(layers):
        return  # every name once (almost every print: one set, no loop in Python)
    if analysis.summary.generation is KERAS0:
        # Keras 0.3 names a layer after its class (two Activation rows are both `activation`),
        # and prints a Graph's output again (real keras0.3.3 fixtures): its names repeat
        return
    seen: dict[tuple[int, str], list[Layer]] = {}
    parents: list[int] = []  # the row each depth's rows sit under (-1: the model itself)
    for index, layer in enumerate(layers):
        depth = layer.depth
        del parents[depth:]
        parent = parents[-1] if parents else -1
        parents.extend([index] * (depth + 1 - len(parents)))
        if not _whole_name(layer):
            continue
        if parent >= 0 and layers[parent].type not in _NAMING_MODELS:
            continue  # inside a subclassed model or layer, whose sublayers may share a name
        seen.setdefault((parent, layer.name), []).append(layer)
    for rows in seen.values():
        if len(rows) < 2:
            continue
        # one finding a name, however often it is printed (44e's 008: a name typed 16 times
        # gave 15 findings that each said 'printed twice')
        second = rows[1]
        alike = len({(row.type, row.output_shape, row.params) for row in rows}) == 1
        if alike and _a_cloned_network(analysis, rows):
            yield finding(
                analysis,
                "SA402",
                f"{second.name} is printed {_times(len(rows))} ({_lines(rows)}), alike: a "
                "Functional or Sequential model refuses two layers of one name, but a subclassed "
                "model (this table has no Connected to column) keeps both, and "
                "keras.models.clone_model's copy of a network keeps the network's name (an EMA "
                "or target network); if this model is not subclassed, a row was pasted twice",
                second.line,
                second.name,
                severity=Severity.INFO,
            )
            continue
        if alike and _sublayers_of_a_subclassed_model(analysis, rows):
            yield finding(
                analysis,
                "SA402",
                f"{second.name} is printed {_times(len(rows))} ({_lines(rows)}), alike, with "
                f"the output shape {rows[0].output_shape}, as a subclassed model prints its "
                "layers: a Functional or Sequential model refuses two layers of one name, but a "
                "subclassed model keeps layers given the same name (a list of blocks, each "
                f"built with name={second.name!r}) and prints each; if this model is not "
                "subclassed, a row was pasted more than once",
                second.line,
                second.name,
                severity=Severity.INFO,
            )
            continue
        if alike:
            cause = (
                f", so a row was pasted {'twice' if len(rows) == 2 else 'more than once'}, or "
                "the table was edited or typed by hand"
            )
        else:  # (48b's 008: two Dense rows of different shapes and counts, one renamed)
            cause = (
                "; these rows differ in shape or count, so a layer was renamed by hand (the "
                "table was edited or typed by hand)"
            )
        yield finding(
            analysis,
            "SA402",
            f"{second.name} is printed {_times(len(rows))} ({_lines(rows)}): Keras gives every "
            f"layer of a model a name of its own and prints each layer once{cause}",
            second.line,
            second.name,
        )


def _a_cloned_network(analysis: Analysis, rows: list[Layer]) -> bool:
    """Whether rows of one name may be a network and its clone in a subclassed model: nested
    models at the top of a print with no Connected to column and no InputLayer row at its top
    (a Functional model prints one or both), under a title that is no Sequential's (53d's 012:
    keras.io's DDIM and its EMA network)."""
    return (
        rows[0].depth == 0
        and rows[0].type in _NAMING_MODELS
        and not (analysis.summary.model_name or "").startswith("sequential")
        and _may_be_subclassed(analysis)
    )


def _sublayers_of_a_subclassed_model(analysis: Analysis, rows: list[Layer]) -> bool:
    """Whether rows of one name may be a subclassed model's own layers given one name (61a's
    004: keras.io's ViT, `transformer_encoder (TransformerEncoder)  ?` four times): top-level
    rows whose shape prints as a subclassed model's do (`?`, `multiple`), in a table without
    Connected to or an InputLayer row, that Total counts each."""
    return (
        not rows[0].depth
        and rows[0].output_shape in ("?", "multiple")
        and _may_be_subclassed(analysis)
    )


def _may_be_subclassed(analysis: Analysis) -> bool:
    """Whether a print may be a subclassed model's, whose rows may share a name: no Connected
    to column, no InputLayer row at its top (a Functional model prints one or both), and a
    Total that counts every row (else a row was pasted twice: SA201 says so)."""
    summary = analysis.summary
    total = Totals.value_of(summary.totals.total)
    if total is not None and rows_sum(analysis) > total:
        return False
    return not summary.has_connected_to and not any(
        layer.depth == 0 and layer.type == "InputLayer" for layer in analysis.layers
    )


def _times(count: int) -> str:
    return "twice" if count == 2 else f"{count} times"


_LINES_LISTED = 6


def _lines(rows: list[Layer]) -> str:
    """`lines 13 and 19`; `lines 13, 14, 15, 16, 17, 18 and 10 more`."""
    numbers = [str(row.line) for row in rows]
    if len(numbers) <= _LINES_LISTED:
        return f"lines {', '.join(numbers[:-1])} and {numbers[-1]}"
    shown = ", ".join(numbers[:_LINES_LISTED])
    return f"lines {shown} and {len(numbers) - _LINES_LISTED} more"
