"""One registered check per finding code, run over a parsed summary and its derivations."""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Callable, Optional

from . import cell_grammar, formulas
from .cell_grammar import read_shapes
from .formulas import frozen, inference
from .layer_classes import class_of_default_name, misspelled_class
from .memo import input_memo
from .records import (
    CheckState,
    Count,
    Coverage,
    Era,
    Finding,
    Layer,
    Severity,
    Shape,
    Summary,
    Totals,
    TotalsCheck,
)
from .rules import RULES
from .sources import cell_place

_NESTED_MODEL_TYPES = ("Sequential", "Functional", "Model")
_SIZE_UNITS = {"Byte": 0, "B": 0, "KB": 1, "MB": 2, "GB": 3, "TB": 4, "PB": 5}


@dataclass(frozen=True)
class Analysis:
    """A summary with each row's input shapes and formula derivation worked out once."""

    summary: Summary
    inputs: tuple[Optional[tuple[Shape, ...]], ...]
    derivations: tuple[Optional[formulas.Derivation], ...]
    channels_first: Optional[bool]

    @property
    def layers(self) -> tuple[Layer, ...]:
        """Return the summary's rows."""
        return self.summary.layers


Check = Callable[[Analysis], Iterator[Finding]]
_derive = input_memo(maxsize=4096)(formulas.derive)
CHECKS: dict[str, Check] = {}


def check(code: str) -> Callable[[Check], Check]:
    """Register a check under a code that the rules registry documents."""

    def register(fn: Check) -> Check:
        assert code in RULES, code
        CHECKS[code] = fn
        return fn

    return register


def finding(
    analysis: Analysis,
    code: str,
    message: str,
    line: Optional[int],
    layer: Optional[str] = None,
    severity: Optional[Severity] = None,
) -> Finding:
    """Build a finding of a registered code."""
    rule = RULES[code]
    origin = analysis.summary.origin_of(line)
    place = cell_place(origin)
    return Finding(
        code=code,
        name=rule.name,
        severity=severity or rule.severity,
        message=f"{message} ({origin})" if origin else message,
        source=analysis.summary.source,
        line=line,
        layer=layer,
        cell=place.cell if place else None,
        cell_line=place.line if place else None,
    )


# --------------------------------------------------------------------------- analysis


def _output(layer: Layer) -> Optional[tuple[Shape, ...]]:
    if "output_shape" in layer.truncated:
        return None
    return read_shapes(layer.output_shape)


_base_name = cell_grammar.layer_of_reference


def find_inputs(summary: Summary) -> list[Optional[tuple[Shape, ...]]]:
    """Work out each row's input shapes: from Connected to, else from the row above."""
    layers = summary.layers
    rows_named: dict[str, list[int]] = {}
    for j, row in enumerate(layers):
        rows_named.setdefault(row.name, []).append(j)
    nested = _keras1_nested_rows(summary)
    attribute_order = _in_attribute_order(summary)
    inputs: list[Optional[tuple[Shape, ...]]] = []
    for i, layer in enumerate(layers):
        if layer.type == "InputLayer":
            inputs.append(_output(layer))
            continue
        refs = [r for r in layer.connected_to if r.strip()]
        if refs:
            shapes: list[Shape] = []
            for ref in refs:
                source = _inbound_row(summary, rows_named, nested, i, _base_name(ref))
                out = _output(source) if source is not None else None
                if out is None:
                    shapes = []
                    break
                shapes.append(
                    out[cell_grammar.read_reference(ref).tensor_index] if len(out) > 1 else out[0]
                )
            inputs.append(tuple(shapes) if shapes else None)
            continue
        if layer.depth == 0 and (summary.has_connected_to or attribute_order):
            inputs.append(None)
            continue
        inputs.append(_sequential_input(layers, i, inputs, summary.elided))
    return inputs


_SEQUENTIAL_NAME = re.compile(r"sequential(?:_\d+)?")


def _in_attribute_order(summary: Summary) -> bool:
    """A subclassed model's table: its rows follow attribute order, not the data flow.

    Its signs are rows Keras could give no single shape (`multiple`, `?`) or no weights
    (`0 (unused)`, `0 (unbuilt)`) in a table without Connected to; a model named like a
    Sequential (`sequential_1`) is still read as a chain.
    """
    if summary.has_connected_to or _SEQUENTIAL_NAME.fullmatch(summary.model_name or ""):
        return False
    return any(
        layer.output_shape in ("multiple", "?") or layer.params_note in ("unused", "unbuilt")
        for layer in summary.layers
        if layer.depth == 0
    )


def _inbound_row(
    summary: Summary, rows_named: dict[str, list[int]], nested: list[int], i: int, ref: str
) -> Optional[Layer]:
    """The row a Connected to reference of row i names.

    Two rows may share a name (an expanded nested model reusing an outer name): the one in
    the same model (same depth) nearest above wins. Keras 1 names the last layer of a nested
    Sequential (`dense_2`) where later Keras names the model: such a reference goes to the
    nested model row above.
    """
    layers = summary.layers
    named = rows_named.get(ref, [])
    if named:
        # A row's inbound layers live in the same model as the row: same depth first.
        level = [j for j in named if layers[j].depth == layers[i].depth] or named
        above = [j for j in level if j < i]
        return layers[above[-1] if above else level[0]]
    found = _by_prefix(layers, ref)
    if found is not None:
        return found
    above = _nearest_above(nested, i)
    return layers[above] if above is not None else None


def _keras1_nested_rows(summary: Summary) -> list[int]:
    """Unexpanded nested-model rows that later rows reach by an inner layer's name, in order.

    Keras 1 names the nested Sequential's last layer in Connected to, so the nested model's
    own row is never referenced; later Keras names the model row itself. (Keras 1.2 prints
    what Keras 2.0 prints, so the keras2 dialect is included.)
    """
    if summary.dialect not in ("keras1", "keras2"):
        return []
    layers = summary.layers
    referenced = {_base_name(ref) for layer in layers for ref in layer.connected_to}
    return [
        j
        for j in range(len(layers))
        if _is_model_row(layers[j])
        and not _has_children(layers, j)
        and layers[j].name not in referenced
    ]


def _nearest_above(rows: list[int], i: int) -> Optional[int]:
    at = bisect.bisect_left(rows, i)
    return rows[at - 1] if at else None


def _by_prefix(layers: tuple[Layer, ...], ref: str) -> Optional[Layer]:
    """Find the one row a reference cut with `…` can name (`input_la…` → `input_lay…`)."""
    stem = ref.rstrip("…")
    if not ref.endswith("…") or len(stem) < 2:
        return None
    found = [
        layer
        for layer in layers
        if layer.name.rstrip("…").startswith(stem) or stem.startswith(layer.name.rstrip("…"))
    ]
    return found[0] if len(found) == 1 else None


def _sequential_input(
    layers: tuple[Layer, ...],
    i: int,
    inputs: list[Optional[tuple[Shape, ...]]],
    elided: tuple[int, ...] = (),
) -> Optional[tuple[Shape, ...]]:
    """Input of a Sequential row: the previous sibling's output, or the parent's input.

    Unknown (None) when an elision line (`...`) stands between the two rows: the rows it
    stands for may have changed the shape.
    """
    depth = layers[i].depth
    for j in range(i - 1, -1, -1):
        if layers[j].depth == depth:
            if _elided_between(elided, layers[j].line, layers[i].line):
                return None
            out = _output(layers[j])
            return None if out is None or len(out) != 1 else out
        if layers[j].depth < depth:
            return inputs[j]
    return None


def _elided_between(elided: tuple[int, ...], above: int, below: int) -> bool:
    """Tell whether an elision line lies strictly between two lines (elided is sorted)."""
    at = bisect.bisect_right(elided, above)
    return at < len(elided) and elided[at] < below


def _facts(
    summary: Summary, inputs: list[Optional[tuple[Shape, ...]]]
) -> list[formulas.LayerFacts]:
    return [
        formulas.LayerFacts(
            name=layer.name,
            type=layer.type,
            params=layer.params if layer.params is not None else 0,
            output=_output(layer),
            inputs=inputs[i],
            era=summary.generation,
            channels_first=None,
        )
        for i, layer in enumerate(summary.layers)
    ]


_LIST_OF_ONE = re.compile(r"^\[\([^()]*\)\]$")


def _input_list_shape(layer: Layer) -> bool:
    """tf.keras 2.x prints an InputLayer's shape as a list of one: `[(None, 16, 16, 3)]`."""
    return layer.depth == 0 and bool(_LIST_OF_ONE.match(layer.output_shape))


def _needs_inference(layer: Layer) -> bool:
    return (
        layer.params is not None
        and not layer.params_note
        and (not layer.type or "type" in layer.truncated or _misspelled(layer) is not None)
    )


def _misspelled(layer: Layer) -> Optional[str]:
    """The known class a printed class with no formula misspells, read from the row's name."""
    if not layer.type or formulas.has_formula(layer.type) or formulas.is_weightless(layer.type):
        return None
    return misspelled_class(layer.type, layer.name)


def _infer_types(
    summary: Summary, facts: list[formulas.LayerFacts]
) -> tuple[Summary, dict[int, inference.Inference]]:
    """Fill in the classes the print cut off, where the evidence decides them."""
    guesses: dict[int, inference.Inference] = {}
    layers = list(summary.layers)
    for i, layer in enumerate(layers):
        if not _needs_inference(layer):
            continue
        no_inbound = (
            summary.has_connected_to
            and not summary.cropped
            and layer.depth == 0
            and not layer.connected_to
        ) or _input_list_shape(layer)
        misspelt = _misspelled(layer) if "type" not in layer.truncated else None
        guess = (
            inference.Inference(
                misspelt, f"its default name {layer.name}; no Keras class is spelled {layer.type}"
            )
            if misspelt
            else inference.infer_class(facts[i], layer.printed_type, no_inbound)
        )
        if guess is None:
            continue
        guesses[i] = guess
        if guess.type != layer.type:
            layers[i] = dataclasses.replace(layer, type=guess.type, inferred_type=bool(guess.type))
    return dataclasses.replace(summary, layers=tuple(layers)), guesses


def analyse(summary: Summary) -> Analysis:
    """Derive every row's count once, with its inputs and the model's data format."""
    facts = _facts(summary, find_inputs(summary))
    guesses: dict[int, inference.Inference] = {}
    if any(_needs_inference(layer) for layer in summary.layers):
        summary, guesses = _infer_types(summary, facts)
        facts = _facts(summary, find_inputs(summary))
    inputs = [fact.inputs for fact in facts]
    channels_first = formulas.infer_channels_first(facts) if facts else None
    derivations: list[Optional[formulas.Derivation]] = []
    for i, (layer, fact) in enumerate(zip(summary.layers, facts)):
        if layer.params is None or layer.params_note in ("unbuilt", "unused"):
            derivations.append(None)
            continue
        fact = dataclasses.replace(fact, channels_first=channels_first)
        derivations.append(_cut_class_said(layer, _derive_inferred(fact, guesses.get(i))))
    return Analysis(summary, tuple(inputs), tuple(derivations), channels_first)


def _derive_inferred(
    fact: formulas.LayerFacts, guess: Optional[inference.Inference]
) -> formulas.Derivation:
    """Derive a row; a class the audit inferred or left open says so in its derivation."""
    if guess is None:
        return _derive(fact)
    if not guess.type:
        shared = inference.shared_derivation(fact, guess.candidates)
        return shared if shared is not None else _derive(fact)
    derived = _derive(fact)
    note = f" (class {guess.type} inferred from {guess.evidence})"
    return dataclasses.replace(
        derived,
        text=derived.text + note,
        message=derived.message + note if derived.message else None,
    )


def _cut_class_said(layer: Layer, derived: formulas.Derivation) -> formulas.Derivation:
    """Say that a class without a formula is only the start of a class the column cut
    (`CausalAtrou` of CausalAtrousConvolution1D), not a class of that name."""
    if derived.status != "unverified" or "type" not in layer.truncated or not layer.type:
        return derived
    cut, count = layer.type, f"{layer.params or 0:,}"
    said = f"the class was cut by the column to {len(cut)} characters ({cut}…)"
    return dataclasses.replace(
        derived,
        text=f"{count}: {said}; no formula for a class starting with {cut}, so this count is "
        "not checked",
        message=f"in {layer.name}, {said}: summaryaudit has no formula for a class starting "
        f"with {cut}, so its count of {count} is not checked",
    )


def with_derivations(analysis: Analysis) -> Summary:
    """Return the summary with each layer's derivation text filled in."""
    layers = []
    for layer, derivation in zip(analysis.layers, analysis.derivations):
        text = derivation.text if derivation is not None else _no_derivation(layer)
        layers.append(dataclasses.replace(layer, derivation=text))
    return dataclasses.replace(
        analysis.summary,
        layers=tuple(layers),
        notes=explain_totals(analysis),
        coverage=coverage(analysis),
    )


def _no_derivation(layer: Layer) -> Optional[str]:
    if layer.params_note == "unbuilt":
        return (
            "0 (unbuilt): Keras has not created this layer's weights yet, "
            "so there is nothing to count"
        )
    if layer.params_note == "unused":
        return "0 (unused): the layer was never called, so Keras created no weights for it"
    return None


# --------------------------------------------------------------------------- SA0xx


@check("SA001")
def unreadable_rows(analysis: Analysis) -> Iterator[Finding]:
    """Rows and totals lines that could not be read."""
    for line, text in analysis.summary.unreadable:
        shown = text if len(text) <= 80 else text[:77] + "…"
        yield finding(
            analysis,
            "SA001",
            f"could not read this line of the summary: {shown!r}; its numbers are not checked",
            line,
        )


@check("SA003")
def incomplete_summary(analysis: Analysis) -> Iterator[Finding]:
    """A table without totals, totals without a table, or a cropped table."""
    summary = analysis.summary
    if not summary.layers and summary.totals.present() and not summary.columns:
        yield finding(
            analysis,
            "SA003",
            "totals without a table: the layer rows were not pasted, so only the totals "
            "can be checked against each other",
            summary.start_line,
        )
    elif not summary.layers and not summary.totals.present() and not summary.unreadable:
        yield finding(
            analysis,
            "SA003",
            "a header without rows or totals: the summary was cut right after its header",
            summary.start_line,
        )
    elif summary.layers and not summary.totals.present():
        yield finding(
            analysis,
            "SA003",
            "table without totals: the Total / Trainable / Non-trainable params lines are "
            "missing, so the rows cannot be checked against them",
            summary.end_line,
        )
    elif summary.layers and (missing := missing_totals(summary)):
        lines = "lines are" if len(missing) > 1 else "line is"
        printed = (summary.totals.total, summary.totals.trainable, summary.totals.non_trainable)
        yield finding(
            analysis,
            "SA003",
            f"the totals look cut short: the {' and '.join(missing)} params {lines} missing, "
            "and every Keras since 1.2 prints Total, Trainable and Non-trainable params "
            "(Keras 1.0–1.1 printed Total alone, without thousands separators), so the "
            "missing lines cannot be checked",
            max(count.line for count in printed if count is not None),
        )
    if summary.cropped:
        yield finding(
            analysis,
            "SA003",
            "the table is cropped on the right (a terminal narrower than the table): some "
            "columns are missing; print it again with a wider terminal or a smaller line_length",
            summary.start_line,
        )


def missing_totals(summary: Summary) -> list[str]:
    """Return the totals lines a cropped paste lost, when some are printed: not the Trainable
    and Non-trainable lines after Keras 1.0–1.1's lone Total (no thousands separators)."""
    totals = summary.totals
    printed = {
        "Total": totals.total,
        "Trainable": totals.trainable,
        "Non-trainable": totals.non_trainable,
    }
    missing = [label for label, count in printed.items() if count is None]
    lone = totals.total
    if len(missing) == 3 or (
        missing == ["Trainable", "Non-trainable"]
        and lone is not None
        and summary.generation is Era.KERAS1_0
        and "," not in lone.text
        and lone.size is None
    ):
        return []
    return missing


# --------------------------------------------------------------------------- SA1xx, SA3xx, SA9xx


_STATUS_CODES = {
    "mismatch": "SA101",
    "bn-axis": "SA102",
    "weightless-nonzero": "SA103",
    "unverified": "SA901",
}


def _layer_findings(analysis: Analysis, code: str) -> Iterator[Finding]:
    for layer, derivation in zip(analysis.layers, analysis.derivations):
        if derivation is None or _STATUS_CODES.get(derivation.status) != code:
            continue
        yield finding(analysis, code, derivation.message or derivation.text, layer.line, layer.name)


@check("SA101")
def layer_params(analysis: Analysis) -> Iterator[Finding]:
    """A count no configuration of the layer type can give."""
    yield from _layer_findings(analysis, "SA101")
    yield from _refuted_quantization(analysis)


def _printed_bytes(size: str) -> Optional[tuple[float, int]]:
    """Read a printed size (`8.17 MB`) as (bytes, bytes per display unit); None if unreadable."""
    match = re.match(r"(\d+(?:\.\d+)?)\s*(\w+)", size)
    if not match or match.group(2) not in _SIZE_UNITS:
        return None
    unit = 1024 ** _SIZE_UNITS[match.group(2)]
    return float(match.group(1)) * unit, unit


def _all_float32(summary: Summary) -> bool:
    """Tell whether the total size is 4 bytes per parameter, within display rounding (no int8)."""
    total = summary.totals.total
    if total is None or total.value is None or total.size is None:
        return False
    read = _printed_bytes(total.size)
    if read is None:
        return False
    printed, unit = read
    return abs(printed - 4 * total.value) <= 0.005 * unit + 16


def _refuted_quantization(analysis: Analysis) -> Iterator[Finding]:
    """A count that only Keras 3 LoRA or int8 could explain, when Non-trainable has no room.

    Both move the Dense kernel into the non-trainable weights; a Non-trainable total smaller
    than the weights that would then be frozen rules the explanation out.
    """
    summary = analysis.summary
    stated = summary.totals.non_trainable
    if stated is None or stated.value is None or not _rows_complete(summary):
        return
    floor = sum(
        d.non_trainable or 0
        for layer, d in zip(analysis.layers, analysis.derivations)
        if layer.depth == 0 and d is not None and d.status == "ok"
    )
    for layer, derivation in zip(analysis.layers, analysis.derivations):
        if (
            derivation is None
            or derivation.status != "undecidable"
            or not derivation.non_trainable
            or layer.depth
            or not ("LoRA" in derivation.text or "int8" in derivation.text)
        ):
            continue
        all_float32 = _all_float32(summary)
        if floor + derivation.non_trainable > stated.value or (
            "int8" in derivation.text and all_float32
        ):
            yield finding(
                analysis,
                "SA101",
                f"{layer.name} shows {layer.params:,}, which only a Keras 3 LoRA or int8 "
                f"quantization could give ({derivation.text}); but "
                + (
                    "the total size is exactly 4 bytes per parameter, so no weight is int8"
                    if "int8" in derivation.text and all_float32
                    else f"that would make {derivation.non_trainable:,} weights non-trainable "
                    f"and Non-trainable params is only {stated.value:,}"
                )
                + " — the count was edited",
                layer.line,
                layer.name,
            )


@check("SA102")
def bn_axis(analysis: Analysis) -> Iterator[Finding]:
    """BatchNormalization built on an axis other than the channels."""
    return _layer_findings(analysis, "SA102")


@check("SA103")
def weightless_layer_params(analysis: Analysis) -> Iterator[Finding]:
    """A weightless layer that shows a count."""
    return _layer_findings(analysis, "SA103")


@check("SA901")
def unverified_layer(analysis: Analysis) -> Iterator[Finding]:
    """A layer type without a formula."""
    return _layer_findings(analysis, "SA901")


@check("SA301")
def shape_chain(analysis: Analysis) -> Iterator[Finding]:
    """An output shape that cannot follow from its input."""
    for layer, inputs in zip(analysis.layers, analysis.inputs):
        if layer.params is None or inputs is None:
            continue
        facts = formulas.LayerFacts(
            name=layer.name,
            type=layer.type,
            params=layer.params,
            output=_output(layer),
            inputs=inputs,
            era=analysis.summary.generation,
            channels_first=analysis.channels_first,
        )
        problem = formulas.expected_output_problem(facts)
        if problem:
            yield finding(analysis, "SA301", problem, layer.line, layer.name)


# --------------------------------------------------------------------------- SA2xx


def _top_rows(summary: Summary) -> list[Layer]:
    return [layer for layer in summary.layers if layer.depth == 0]


def _gaps(summary: Summary) -> list[str]:
    """What the print hides from the totals: rows without a count, unreadable lines, elisions."""
    gaps = []
    no_count = [
        layer for layer in _top_rows(summary) if layer.params is None and not _is_elision(layer)
    ]
    elided = len(summary.elided) + sum(1 for layer in summary.layers if _is_elision(layer))
    if summary.cropped:
        gaps.append("the table is cropped on the right")
    elif no_count:
        gaps.append(
            _plural(len(no_count), "row whose count is not shown", "rows whose count is not shown")
        )
    unread = _unread_lines(summary)
    if unread:
        gaps.append(_plural(len(unread), "unreadable line", "unreadable lines"))
    if elided:
        gaps.append(_plural(elided, "elided gap (`...`)", "elided gaps (`...`)"))
    return gaps


_ELISION = re.compile(r"^(?:\.{3,}|…)")


def _is_elision(layer: Layer) -> bool:
    """A row that stands for left-out rows (`...`, `... (additional layers)`)."""
    return layer.params is None and bool(_ELISION.match(layer.name))


def _unread_lines(summary: Summary) -> list[int]:
    """Unreadable lines that are not already rows (a row whose count could not be read)."""
    rows = {layer.line for layer in summary.layers}
    return [line for line, _ in summary.unreadable if line not in rows]


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _rows_complete(summary: Summary) -> bool:
    return bool(summary.layers) and not _gaps(summary)


# layer_range came with tf.keras 2.8 (the wrapped-header dialect) and Keras 3.
_LAYER_RANGE_DIALECTS = ("keras2-wrapped", "keras3")
_FUNCTIONAL_NAME = re.compile(r"^(?:model|functional)(?:_\d+)?$")


def _sliced(summary: Summary) -> Optional[str]:
    """Say what shows that rows were left out by layer_range, or None.

    A functional model printed as a chain always starts with its InputLayer row, and its first
    layer is connected to nothing printed above it.
    """
    top = _top_rows(summary)
    if not top or top[0].type == "InputLayer" or summary.dialect not in _LAYER_RANGE_DIALECTS:
        return None
    names = {layer.name for layer in summary.layers}
    hidden = [
        _base_name(r)
        for r in top[0].connected_to
        if not _is_hidden_input(_base_name(r)) and not _is_cut(_base_name(r), names)
    ]
    if summary.has_connected_to and hidden:
        refs = ", ".join(hidden)
        return f"its first row, {top[0].name}, is connected to {refs}, which is not printed"
    if _FUNCTIONAL_NAME.match(summary.model_name or "") and not summary.has_connected_to:
        return f"a functional model ({summary.model_name}) printed without its InputLayer row"
    return None


_NUMBERED = re.compile(r"^(?P<stem>.*?)(?:_(?P<n>\d+))?$")


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


def _unnumbered_tail(analysis: Analysis, rows: int, expected: int) -> Optional[str]:
    """Evidence that rows after the last one printed were left out by layer_range, or None.

    When every row's count is verified and the totals lines add up among themselves, a Total
    larger than the rows cannot come from an edited row; with no gap in the layer numbering
    either, the rows printed are one unbroken run of the model: a layer_range slice.
    """
    summary, totals = analysis.summary, analysis.summary.totals
    if rows >= expected or summary.dialect not in _LAYER_RANGE_DIALECTS or numbering_gap(summary):
        return None
    split = (totals.total, totals.trainable, totals.non_trainable)
    values = [Totals.value_of(c) for c in split]
    if any(v is None for v in values):
        return None
    total, trainable, non_trainable = values
    if trainable + non_trainable + _optimizer(summary) != total:  # type: ignore[operator]
        return None
    if not all(_row_verified(analysis, i) for i in range(len(summary.layers))):
        return None
    return (
        "every row's count is verified, the totals lines agree among themselves and the "
        "layer numbering has no gap, so the rows shown are one unbroken run of the model"
    )


def _is_hidden_input(name: str) -> bool:
    return bool(re.search(r"(?:^|_)input(?:_\d+)?$", name))


def _is_cut(ref: str, names: set[str]) -> bool:
    ref = ref.rstrip("…")
    return any(n.startswith(ref) or ref.startswith(n.rstrip("…")) for n in names)


def _optimizer(summary: Summary) -> int:
    count = summary.totals.optimizer
    return count.value if count is not None and count.value else 0


@check("SA201")
def total_vs_rows(analysis: Analysis) -> Iterator[Finding]:
    """Total params against the sum of the rows."""
    summary = analysis.summary
    total = summary.totals.total
    if total is None or total.value is None or not summary.layers:
        return
    optimizer = _optimizer(summary)
    rows = sum(layer.params or 0 for layer in _top_rows(summary))
    expected = total.value - optimizer
    stated = f"Total params says {total.value:,}" + (
        f" − {optimizer:,} optimizer = {expected:,}" if optimizer else ""
    )
    gaps = _gaps(summary)
    nested = [layer for layer in _top_rows(summary) if _is_model_row(layer)]
    if rows > expected and len(nested) >= 2:
        return  # weights shared by two nested models are counted once in Total
    if gaps:
        if rows > expected:
            yield finding(
                analysis,
                "SA201",
                f"{stated}, but the rows that can be read already add up to {rows:,} "
                f"(more by {rows - expected:,}) without the {' and '.join(gaps)}: a row's "
                "count was raised, or the total was edited",
                total.line,
            )
        return
    if rows == expected:
        return
    sliced = _sliced(summary) or _unnumbered_tail(analysis, rows, expected)
    if rows < expected and sliced:
        yield finding(
            analysis,
            "SA201",
            f"{stated}, and the {len(_top_rows(summary))} rows shown hold {rows:,}: this looks "
            f"like a model.summary(layer_range=...) print ({sliced}); the other "
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
    gap = expected - rows
    hint = (
        "a row's count was lowered or a row is missing from the paste"
        if gap > 0
        else "a row's count was raised, or a row was pasted twice"
    )
    if gap > 0 and _looks_subclassed(summary):
        hint += " (or the subclassed model creates weights of its own with add_weight)"
    yield finding(
        analysis,
        "SA201",
        f"{stated}, but the rows add up to {rows:,} (a difference of {abs(gap):,}): {hint}, "
        "or the total was edited",
        total.line,
    )


def _counted_twice(analysis: Analysis, gap: int) -> Optional[list[str]]:
    """Name the layers a Keras 2 freeze-after-compile double count would add to Total."""
    summary = analysis.summary
    if summary.dialect != "keras2":
        return None  # tf.keras 2.7+ and Keras 3 read the current flags; no double count
    stated = summary.totals.non_trainable
    if stated is None or stated.value is None:
        return None
    frozen = _frozen_search(analysis, gap)
    if frozen is None or frozen.found is None:
        return None
    return [analysis.layers[i].name for i in frozen.found]


def _is_model_row(layer: Layer) -> bool:
    return layer.type in _NESTED_MODEL_TYPES or layer.type.endswith(("Model", "Block"))


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
    values = (totals.total.value, totals.trainable.value, totals.non_trainable.value)
    if any(v is None for v in values):
        return
    total, trainable, non_trainable = values  # type: ignore[misc]
    optimizer = totals.optimizer.value if totals.optimizer and totals.optimizer.value else 0
    parts = trainable + non_trainable + optimizer
    if parts == total:
        return
    opt = f" + {optimizer:,} optimizer" if optimizer else ""
    gap = total - parts
    hint = (
        (_optimizer_state_hint(gap, trainable) if not totals.optimizer else None)
        or _edited_line(analysis, total - optimizer, trainable, non_trainable)
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


# Keras 3 optimizer variables: slots per trainable weight, then the fixed counters (iterations,
# and the learning rate where it is a variable).
_OPTIMIZER_STATE = (
    ("Adam, AdamW, Nadam", 2, 2),
    ("Adam, AdamW, Nadam", 2, 1),
    ("SGD with momentum, RMSprop, Adagrad", 1, 2),
    ("SGD with momentum, RMSprop, Adagrad", 1, 1),
)


_STATELESS_OPTIMIZER = (
    "Total is 2 more than Trainable + Non-trainable, so Total or one of those lines was edited "
    "(only a Keras 3 optimizer with no per-weight state, plain SGD, adds exactly 2: if this is "
    "a Keras 3 print, check for a left-out `Optimizer params: 2` line)"
)


def _optimizer_state_hint(gap: int, trainable: int) -> Optional[str]:
    """Explain a gap by a left-out Keras 3 `Optimizer params` line, only where its sum holds."""
    if trainable <= 0:
        return None
    for names, per_weight, counters in _OPTIMIZER_STATE:
        if gap == per_weight * trainable + counters:
            return (
                f"the gap {gap:,} = {per_weight} × {trainable:,} trainable + {counters}, the "
                f"Keras 3 optimizer state of {names}: the `Optimizer params` line was probably "
                "left out of the paste"
            )
    return None


def _edited_line(
    analysis: Analysis, weights: int, trainable: int, non_trainable: int
) -> Optional[str]:
    """Say which totals line the rows point at (Total, or one of the split lines), or None."""
    summary = analysis.summary
    rows = sum(layer.params or 0 for layer in _top_rows(summary))
    if not _rows_complete(summary):
        return None
    if rows != weights and rows == trainable + non_trainable:
        return (
            f"Trainable + Non-trainable agree with the rows ({rows:,}), so the Total params "
            "line is the one that was edited"
        )
    if rows != weights:
        return None
    per_layer = _layer_non_trainable(analysis)
    top = [i for i, layer in enumerate(summary.layers) if layer.depth == 0]
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


def _has_children(layers: tuple[Layer, ...], i: int) -> bool:
    return i + 1 < len(layers) and layers[i + 1].depth > layers[i].depth


def _children(layers: tuple[Layer, ...], i: int) -> list[int]:
    """Indexes of every row printed inside row i (an expanded nested model)."""
    inside = []
    for j in range(i + 1, len(layers)):
        if layers[j].depth <= layers[i].depth:
            break
        inside.append(j)
    return inside


def _layer_non_trainable(analysis: Analysis) -> list[Optional[int]]:
    """Default non-trainable weights of each row (nested models: from their expanded rows)."""
    layers = analysis.layers
    values: list[Optional[int]] = []
    for i, (layer, derivation) in enumerate(zip(layers, analysis.derivations)):
        if layer.params == 0 or layer.params_note:
            values.append(0)
        elif _is_model_row(layer) and _has_children(layers, i):
            values.append(_layer_non_trainable_single(analysis, i + 1, layer.depth + 1))
        else:
            values.append(derivation.non_trainable if derivation is not None else None)
    return values


def _layer_non_trainable_single(analysis: Analysis, start: int, depth: int) -> Optional[int]:
    layers = analysis.layers
    total = 0
    i = start
    while i < len(layers) and layers[i].depth >= depth:
        layer, derivation = layers[i], analysis.derivations[i]
        if layer.depth == depth:
            if layer.params == 0:
                pass
            elif _is_model_row(layer) and _has_children(layers, i):
                inner = _layer_non_trainable_single(analysis, i + 1, depth + 1)
                if inner is None:
                    return None
                total += inner
            elif derivation is None or derivation.non_trainable is None:
                return None
            else:
                total += derivation.non_trainable
        i += 1
    return total


def _leaves(analysis: Analysis) -> list[int]:
    """Rows that are layers rather than expanded nested models (each weight counted once)."""
    layers = analysis.layers
    return [
        i for i in range(len(layers)) if not (_is_model_row(layers[i]) and _has_children(layers, i))
    ]


def _non_trainable_floor(analysis: Analysis) -> tuple[int, list[Layer]]:
    """The non-trainable weights every visible row certainly holds, and the BN rows among them."""
    floor, bn = 0, []
    for i in _leaves(analysis):
        layer, derivation = analysis.layers[i], analysis.derivations[i]
        if derivation is None or derivation.status != "ok" or not derivation.non_trainable:
            continue
        floor += derivation.non_trainable
        if "BatchNormalization" in layer.type:
            bn.append(layer)
    return floor, bn


def _frozen_by_column(analysis: Analysis, per_layer: list[Optional[int]]) -> Optional[int]:
    """Non-trainable as the printed Trainable column says it must be (None without the column)."""
    layers = analysis.layers
    if all(layer.trainable is None for layer in layers):
        return None
    frozen_rows: set[int] = set()
    for i, layer in enumerate(layers):
        if layer.trainable is False:
            frozen_rows.add(i)
            frozen_rows.update(_children(layers, i))
    total = 0
    for i in _leaves(analysis):
        if i in frozen_rows:
            total += layers[i].params or 0
        elif per_layer[i] is None:
            return None
        else:
            total += per_layer[i] or 0
    return total


@check("SA203")
def non_trainable_vs_bn(analysis: Analysis) -> Iterator[Finding]:
    """Non-trainable params against BatchNormalization's moving statistics and frozen layers."""
    summary = analysis.summary
    stated = summary.totals.non_trainable
    if stated is None or stated.value is None or not summary.layers:
        return
    if summary.generation == "keras1.0":
        return
    floor, bn = _non_trainable_floor(analysis)
    if stated.value < floor:
        yield finding(
            analysis,
            "SA203",
            f"Non-trainable params says {stated.value:,}, but the moving mean and variance of "
            f"the {_plural(len(bn), 'BatchNormalization row', 'BatchNormalization rows')} "
            f"shown already hold {floor:,} (half of their "
            f"{sum(layer.params or 0 for layer in bn):,} parameters): a count or the "
            "Non-trainable line was edited",
            stated.line,
        )
        return
    per_layer = _layer_non_trainable(analysis)
    top = [i for i, layer in enumerate(summary.layers) if layer.depth == 0]
    if _gaps(summary) or _sliced(summary):
        return  # only the lower bound is decided (said in the coverage)
    unknown = [i for i in top if per_layer[i] is None]
    if unknown:
        yield from _frozen_nested_models(analysis, stated, per_layer, top, unknown)
        return  # only the lower bound is decided (said in the coverage)
    expected = sum(per_layer[i] or 0 for i in top)
    by_column = _frozen_by_column(analysis, per_layer)
    if by_column is not None:
        marked = [layer.name for layer in summary.layers if layer.trainable is False]
        if stated.value == by_column and stated.value != expected and marked:
            yield finding(
                analysis,
                "SA203",
                f"Non-trainable params is {stated.value:,}, not the {expected:,} "
                f"{_bn_note(analysis)}: the Trainable column marks {', '.join(marked[:6])}"
                f"{f' and {len(marked) - 6} more' if len(marked) > 6 else ''} as frozen "
                "(trainable=False), and their weights make up the difference exactly",
                stated.line,
                severity=Severity.INFO,
            )
        elif stated.value != by_column:
            yield finding(
                analysis,
                "SA203",
                f"Non-trainable params says {stated.value:,}, but the Trainable column makes it "
                f"{by_column:,} (every weight of the rows marked N, plus the moving statistics "
                "of the BatchNormalization rows marked Y): a count, a Y/N mark or the "
                "Non-trainable line was edited",
                stated.line,
            )
        return
    if stated.value == expected:
        return
    gap = stated.value - expected
    bn_note = _bn_note(analysis)
    if _rows_short_of_total(analysis):
        yield finding(
            analysis,
            "SA203",
            f"Non-trainable params says {stated.value:,}, but the rows imply {expected:,} "
            f"{bn_note}, a difference of {gap:,}; the rows also fall short of Total params, "
            "so rows are missing from the paste (or edited) and frozen layers cannot be told "
            "apart from the missing rows",
            stated.line,
        )
        return
    search = _frozen_search(analysis, gap)
    if search is not None and search.found is not None:
        names = [analysis.layers[i].name for i in search.found]
        shown = (
            ", ".join(names)
            if len(names) <= 6
            else ", ".join(names[:6]) + f" and {len(names) - 6} more"
        )
        yield finding(
            analysis,
            "SA203",
            f"Non-trainable params is {stated.value:,}, not the {expected:,} {bn_note}; the "
            f"difference {gap:,} is exactly the trainable weights of {shown}, so "
            f"{'that layer was' if len(names) == 1 else 'those layers were'} frozen "
            "(trainable=False)"
            + (" — one set among others that add up the same" if search.how == "subset" else ""),
            stated.line,
            severity=Severity.INFO,
        )
        return
    if search is not None and search.reachable:
        yield finding(
            analysis,
            "SA203",
            f"Non-trainable params is {stated.value:,}, not the {expected:,} {bn_note}; the "
            f"difference {gap:,} is the trainable weights of some set of frozen layers (an "
            "exact search found one, too large to name here)",
            stated.line,
            severity=Severity.INFO,
        )
        return
    tried = "; ".join(search.tried) if search is not None else "none: the difference is negative"
    yield finding(
        analysis,
        "SA203",
        f"Non-trainable params says {stated.value:,}, but the rows imply {expected:,} "
        f"{bn_note}, a difference of {gap:,} that no set of frozen layers explains (tried: "
        f"{tried}): a count or the Non-trainable line was edited",
        stated.line,
    )


def _frozen_nested_models(
    analysis: Analysis,
    stated: Count,
    per_layer: list[Optional[int]],
    top: list[int],
    unknown: list[int],
) -> Iterator[Finding]:
    """Name the nested models whose every weight makes up the rest of Non-trainable."""
    layers = analysis.layers
    if not all(_is_model_row(layers[i]) for i in unknown) or stated.value is None:
        return
    rest = stated.value - sum(per_layer[i] or 0 for i in top if i not in unknown)
    whole = sum(layers[i].params or 0 for i in unknown)
    if rest != whole or not whole:
        return
    names = ", ".join(layers[i].name for i in unknown)
    yield finding(
        analysis,
        "SA203",
        f"Non-trainable params is {stated.value:,}: the other rows hold {stated.value - rest:,} "
        f"{_bn_note(analysis)}, and the remaining {rest:,} are every weight of {names}, so "
        f"{'that nested model was' if len(unknown) == 1 else 'those nested models were'} "
        "frozen (trainable=False); its inner rows are not printed, so this is not verified "
        "row by row",
        stated.line,
        severity=Severity.INFO,
    )


def _rows_short_of_total(analysis: Analysis) -> bool:
    """Tell whether rows are missing: the rows fall short of a Total that agrees with its split.

    When Trainable + Non-trainable (+ Optimizer) = Total but the rows add up to less (an SA201
    error), the rows, not the Total line, lost weights; when the split disagrees too, the Total
    line itself was edited (SA202) and the rows may well be whole.
    """
    totals = analysis.summary.totals
    values = [Totals.value_of(c) for c in (totals.total, totals.trainable, totals.non_trainable)]
    if any(v is None for v in values):
        return False
    total, trainable, non_trainable = values
    optimizer = _optimizer(analysis.summary)
    rows = sum(layer.params or 0 for layer in _top_rows(analysis.summary))
    return (
        trainable + non_trainable + optimizer == total  # type: ignore[operator]
        and rows < total - optimizer  # type: ignore[operator]
        and any(f.severity is Severity.ERROR for f in total_vs_rows(analysis))
    )


def _bn_note(analysis: Analysis) -> str:
    bn = [
        analysis.layers[i]
        for i in _leaves(analysis)
        if "BatchNormalization" in analysis.layers[i].type
    ]
    if not bn:
        return "(no BatchNormalization or other layer with non-trainable weights)"
    total = sum(layer.params or 0 for layer in bn)
    rows = _plural(len(bn), "BatchNormalization row", "BatchNormalization rows")
    where = " (nested models included)" if any(layer.depth for layer in bn) else ""
    return (
        f"(half of the {total:,} parameters of the {rows}{where}: their moving mean and variance)"
    )


def _frozen_search(analysis: Analysis, gap: int) -> Optional[frozen.FrozenSearch]:
    """Search the whole layers whose trainable weights make up the gap (None when gap ≤ 0)."""
    if gap <= 0:
        return None
    layers = analysis.layers
    per_layer = _layer_non_trainable(analysis)
    leaves = [i for i in _leaves(analysis) if per_layer[i] is not None]
    position = {row: k for k, row in enumerate(leaves)}
    parts = [max((layers[i].params or 0) - (per_layer[i] or 0), 0) for i in leaves]
    groups = [
        tuple(position[j] for j in _children(layers, i) if j in position)
        for i in range(len(layers))
        if _is_model_row(layers[i]) and _has_children(layers, i)
    ]
    marked = [position[i] for i in leaves if layers[i].trainable is False]
    search = frozen.explain_gap(parts, gap, [g for g in groups if g], marked)
    if search.found is None:
        return search
    if search.how == "nested":
        model = next(
            i
            for i in range(len(layers))
            if _is_model_row(layers[i])
            and tuple(position[j] for j in _children(layers, i) if j in position) == search.found
        )
        return dataclasses.replace(search, found=(model,))
    return dataclasses.replace(search, found=tuple(leaves[k] for k in search.found))


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


@check("SA204")
def size_vs_params(analysis: Analysis) -> Iterator[Finding]:
    """Printed byte sizes against the counts."""
    totals = analysis.summary.totals
    for count in (totals.total, totals.trainable, totals.non_trainable, totals.optimizer):
        if count is None or count.value is None or count.size is None:
            continue
        read = _printed_bytes(count.size)
        if read is None:
            continue
        printed = read[0]
        style = "Byte" if count.size.endswith("Byte") else "B"
        if any(_format_size(count.value, w, style) == count.size for w in (1, 2, 4, 8)):
            continue
        low, high = count.value * 1 * 0.995, count.value * 8 * 1.005 + 16
        if low <= printed <= high:
            continue  # mixed dtypes (float16 variables beside an int64 counter, …)
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


# --------------------------------------------------------------------------- SA4xx


@check("SA401")
def unknown_inbound(analysis: Analysis) -> Iterator[Finding]:
    """Connected to entries that name no row of the table."""
    summary = analysis.summary
    if summary.cropped:
        return  # a cropped Connected to column shows the start of names only
    names = {layer.name for layer in summary.layers}
    first_top = next((layer for layer in summary.layers if layer.depth == 0), None)
    # printed with layer_range: the first row's inbound layer is a real row outside the range
    # (a Keras 1 Sequential's first row names its hidden `dense_input_1`: not a slice)
    sliced_start = (
        first_top is not None
        and first_top.type != "InputLayer"
        and any(
            _base_name(ref) not in names and not _is_hidden_input(_base_name(ref))
            for ref in first_top.connected_to
        )
    )
    elided = bool(summary.elided) or any(_is_elision(layer) for layer in summary.layers)
    nested = _keras1_nested_rows(summary)
    inner_names: dict[int, str] = {}  # nested model row → the one inner layer name it stands for
    for index, layer in enumerate(summary.layers):
        for ref in layer.connected_to:
            base = _base_name(ref)
            if not base or base in names or "…" in base or _is_hidden_input(base):
                continue
            if _is_cut(base, names):
                continue
            if sliced_start:
                continue  # printed with layer_range: inbound rows outside the range are not shown
            above = _nearest_above(nested, index)
            if above is not None and inner_names.setdefault(above, base) == base:
                continue  # Keras 1 names the last layer of the nested model printed above
            if elided:
                yield finding(
                    analysis,
                    "SA401",
                    f"{layer.name} is connected to {base!r}, which has no row: it is among the "
                    "rows the paste left out where it says `...`",
                    layer.line,
                    layer.name,
                    severity=Severity.INFO,
                )
                continue
            yield finding(
                analysis,
                "SA401",
                f"{layer.name} is connected to {base!r}, but the table has no row of that name: "
                "rows may be missing from the paste, or the name was mistyped",
                layer.line,
                layer.name,
            )


def explain_totals(analysis: Analysis) -> tuple[str, ...]:
    """Say where the totals come from, in words a learner can follow (only when they add up)."""
    summary = analysis.summary
    totals = summary.totals
    notes: list[str] = []
    if not _rows_complete(summary) or totals.total is None or totals.total.value is None:
        return ()
    top = [i for i, layer in enumerate(summary.layers) if layer.depth == 0]
    rows = sum(summary.layers[i].params or 0 for i in top)
    optimizer = totals.optimizer.value if totals.optimizer and totals.optimizer.value else 0
    if rows + optimizer == totals.total.value:
        opt = f" plus {optimizer:,} optimizer variables" if optimizer else ""
        notes.append(f"Total params {totals.total.value:,} = the sum of the {len(top)} rows{opt}.")
    stated = totals.non_trainable
    per_layer = _layer_non_trainable(analysis)
    known = [per_layer[i] for i in top]
    if stated is None or stated.value is None or any(v is None for v in known):
        return tuple(notes)
    if stated.value != sum(v or 0 for v in known):
        return tuple(notes)
    sources = [(summary.layers[i], per_layer[i] or 0) for i in top if per_layer[i]]
    if not sources:
        notes.append(
            "Non-trainable params 0: no layer keeps weights that training leaves alone, and none "
            "is frozen."
        )
        return tuple(notes)
    bn = [(layer, n) for layer, n in sources if "BatchNormalization" in layer.type]
    other = [(layer, n) for layer, n in sources if "BatchNormalization" not in layer.type]
    parts = []
    if len(bn) == 1:
        layer, n = bn[0]
        parts.append(
            f"{n:,} in {layer.name} (its moving mean and variance: half of its "
            f"{layer.params or 0:,} parameters)"
        )
    elif bn:
        count = sum(n for _, n in bn)
        params = sum(layer.params or 0 for layer, _ in bn)
        parts.append(
            f"{count:,} in the {len(bn)} BatchNormalization layers (their moving means and "
            f"variances: half of their {params:,} parameters)"
        )
    for layer, n in other:
        parts.append(f"{n:,} in {layer.name} ({layer.type})")
    notes.append(f"Non-trainable params {stated.value:,} = " + " + ".join(parts) + ".")
    return tuple(notes)


# --------------------------------------------------------------------------- coverage

_CHECKED_STATUSES = ("ok", "mismatch", "bn-axis", "weightless-nonzero")
_TOTAL_ROWS = "Total = sum of the rows"
_SPLIT = "Trainable + Non-trainable = Total"
_NON_TRAINABLE = "Non-trainable = moving statistics + frozen layers"
_SIZES = "printed sizes"


def _row_verified(analysis: Analysis, i: int) -> bool:
    layer, derivation = analysis.layers[i], analysis.derivations[i]
    if layer.params_note in ("unbuilt", "unused"):
        return True
    if derivation is None or derivation.status not in _CHECKED_STATUSES:
        return False
    if _is_model_row(layer):
        inner = [
            j for j in _children(analysis.layers, i) if analysis.layers[j].depth == layer.depth + 1
        ]
        return bool(inner) and sum(analysis.layers[j].params or 0 for j in inner) == layer.params
    return True


def _why_unverified(analysis: Analysis, unverified: list[int]) -> list[str]:
    reasons: dict[str, list[str]] = {}
    for i in unverified:
        layer, derivation = analysis.layers[i], analysis.derivations[i]
        if _is_elision(layer):
            key = "elided: rows left out of the paste"
        elif layer.params is None:
            key = "count not shown"
        elif not layer.type:
            key = "type unknown (the class name was cut off)"
        elif _is_model_row(layer):
            key = "nested model whose inner rows do not add up to it or are not printed"
        elif derivation is not None and derivation.status == "unverified":
            key = "no formula for the class"
        else:
            key = "count not decided by the shapes shown"
        reasons.setdefault(key, []).append(layer.name)
    return [
        f"{_plural(len(names), 'row', 'rows')} ({key}: {', '.join(names[:4])}"
        f"{f' and {len(names) - 4} more' if len(names) > 4 else ''})"
        for key, names in reasons.items()
    ]


def coverage(analysis: Analysis) -> Coverage:
    """Say what the audit of this summary verified, and what it could not and why."""
    summary = analysis.summary
    unverified = [i for i in range(len(summary.layers)) if not _row_verified(analysis, i)]
    not_verified = _why_unverified(analysis, unverified)
    unread = _unread_lines(summary)
    if unread:
        not_verified.append(_plural(len(unread), "unreadable line", "unreadable lines"))
    if summary.elided:
        not_verified.append(_plural(len(summary.elided), "elided gap", "elided gaps"))
    if summary.cropped:
        not_verified.append("the columns cut off by a narrow terminal")
    if not summary.layers and not summary.columns:
        not_verified.append("the layer rows (only the totals were pasted)")
    return Coverage(
        rows_read=len(summary.layers) + len(unread),
        rows_verified=len(summary.layers) - len(unverified),
        not_verified=tuple(not_verified),
        totals=tuple(_totals_checks(analysis)),
    )


def _totals_checks(analysis: Analysis) -> Iterator[TotalsCheck]:
    summary, totals = analysis.summary, analysis.summary.totals
    value = Totals.value_of
    gaps = _gaps(summary)
    gap_text = " and ".join(gaps)
    if value(totals.total) is not None and summary.layers:
        rows = sum(layer.params or 0 for layer in _top_rows(summary))
        expected = (value(totals.total) or 0) - _optimizer(summary)
        sliced = _sliced(summary) or _unnumbered_tail(analysis, rows, expected)
        nested = [layer for layer in _top_rows(summary) if _is_model_row(layer)]
        if gaps:
            reason = f"{gap_text}; Total ≥ the rows read"
            if expected > rows:
                reason += f", and what is not shown must hold the other {expected - rows:,}"
            yield TotalsCheck(_TOTAL_ROWS, CheckState.BOUNDED, reason)
        elif sliced and rows < expected:
            yield TotalsCheck(_TOTAL_ROWS, CheckState.BOUNDED, "layer_range print: rows left out")
        elif rows > expected and len(nested) >= 2:
            yield TotalsCheck(
                _TOTAL_ROWS, CheckState.BOUNDED, "weights shared by nested models counted once"
            )
        else:
            yield TotalsCheck(_TOTAL_ROWS, CheckState.CHECKED)
    split = (totals.total, totals.trainable, totals.non_trainable)
    if all(value(c) is not None for c in split):
        yield TotalsCheck(_SPLIT, CheckState.CHECKED)
    elif any(c is not None for c in split[1:]) or missing_totals(summary):
        yield TotalsCheck(_SPLIT, CheckState.SKIPPED, "a totals line is unreadable or missing")
    if value(totals.non_trainable) is not None and summary.layers:
        per_layer = _layer_non_trainable(analysis)
        unknown = [
            layer.name
            for layer, v in zip(summary.layers, per_layer)
            if layer.depth == 0 and v is None
        ]
        floor, _ = _non_trainable_floor(analysis)
        stated = value(totals.non_trainable) or 0
        rest = (
            f", and what is not shown must hold the other {stated - floor:,}"
            if stated > floor
            else ""
        )
        if gaps:
            reason = f"{gap_text}; Non-trainable ≥ the moving statistics of the rows read{rest}"
            yield TotalsCheck(_NON_TRAINABLE, CheckState.BOUNDED, reason)
        elif _sliced(summary):
            yield TotalsCheck(
                _NON_TRAINABLE, CheckState.BOUNDED, "layer_range print: rows left out"
            )
        elif unknown:
            known_part = sum(
                v or 0 for layer, v in zip(summary.layers, per_layer) if layer.depth == 0
            )
            rest = stated - known_part
            reason = (
                "Non-trainable ≥ the moving statistics of the rows verified; "
                + (f"the other {rest:,} must sit in " if rest > 0 else "nothing is left for ")
                + ", ".join(unknown[:4])
                + (f" and {len(unknown) - 4} more" if len(unknown) > 4 else "")
            )
            yield TotalsCheck(_NON_TRAINABLE, CheckState.BOUNDED, reason)
        else:
            yield TotalsCheck(_NON_TRAINABLE, CheckState.CHECKED)
    if any(c is not None and c.size for c in (*split, totals.optimizer)):
        yield TotalsCheck(_SIZES, CheckState.CHECKED)


def run_checks(analysis: Analysis) -> list[Finding]:
    """Run every registered check over an analysed summary."""
    found: list[Finding] = []
    for fn in CHECKS.values():
        found.extend(fn(analysis))
    return found
