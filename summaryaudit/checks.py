"""One registered check per finding code, run over a parsed summary and its derivations."""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Callable, Optional

from . import cells, formulas
from .records import Finding, Layer, Severity, Shape, Summary
from .rules import RULES
from .shapes import parse_shapes
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
_derive = functools.lru_cache(maxsize=4096)(formulas.derive)
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
    return parse_shapes(layer.output_shape)


_base_name = cells.layer_of_reference


def find_inputs(summary: Summary) -> list[Optional[tuple[Shape, ...]]]:
    """Work out each row's input shapes: from Connected to, else from the row above."""
    layers = summary.layers
    by_name = {layer.name: layer for layer in layers}
    inputs: list[Optional[tuple[Shape, ...]]] = []
    for i, layer in enumerate(layers):
        if layer.type == "InputLayer":
            inputs.append(_output(layer))
            continue
        refs = [r for r in layer.connected_to if r.strip()]
        if refs:
            shapes: list[Shape] = []
            for ref in refs:
                source = by_name.get(_base_name(ref)) or _by_prefix(layers, _base_name(ref))
                out = _output(source) if source is not None else None
                if out is None:
                    shapes = []
                    break
                shapes.append(out[int(_tensor_index(ref))] if len(out) > 1 else out[0])
            inputs.append(tuple(shapes) if shapes else None)
            continue
        if summary.has_connected_to and layer.depth == 0:
            inputs.append(None)
            continue
        inputs.append(_sequential_input(layers, i, inputs))
    return inputs


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


def _tensor_index(ref: str) -> int:
    match = re.search(r"\[(\d+)\]$", ref.strip().strip("'"))
    return int(match.group(1)) if match else 0


def _sequential_input(
    layers: tuple[Layer, ...], i: int, inputs: list[Optional[tuple[Shape, ...]]]
) -> Optional[tuple[Shape, ...]]:
    """Input of a Sequential row: the previous sibling's output, or the parent's input."""
    depth = layers[i].depth
    for j in range(i - 1, -1, -1):
        if layers[j].depth == depth:
            out = _output(layers[j])
            return None if out is None or len(out) != 1 else out
        if layers[j].depth < depth:
            return inputs[j]
    return None


def analyse(summary: Summary) -> Analysis:
    """Derive every row's count once, with its inputs and the model's data format."""
    inputs = find_inputs(summary)
    facts = [
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
    channels_first = formulas.infer_channels_first(facts) if facts else None
    derivations: list[Optional[formulas.Derivation]] = []
    for layer, fact in zip(summary.layers, facts):
        if layer.params is None or layer.params_note in ("unbuilt", "unused"):
            derivations.append(None)
            continue
        derivations.append(_derive(dataclasses.replace(fact, channels_first=channels_first)))
    return Analysis(summary, tuple(inputs), tuple(derivations), channels_first)


def with_derivations(analysis: Analysis) -> Summary:
    """Return the summary with each layer's derivation text filled in."""
    layers = []
    for layer, derivation in zip(analysis.layers, analysis.derivations):
        text = derivation.text if derivation is not None else _no_derivation(layer)
        layers.append(dataclasses.replace(layer, derivation=text))
    return dataclasses.replace(
        analysis.summary, layers=tuple(layers), notes=explain_totals(analysis)
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
    if summary.cropped:
        yield finding(
            analysis,
            "SA003",
            "the table is cropped on the right (a terminal narrower than the table): some "
            "columns are missing; print it again with a wider terminal or a smaller line_length",
            summary.start_line,
        )


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


def _rows_complete(summary: Summary) -> bool:
    return (
        bool(summary.layers)
        and not summary.cropped
        and all(layer.params is not None for layer in _top_rows(summary))
        and not summary.unreadable
    )


_FUNCTIONAL_NAME = re.compile(r"^(?:model|functional)(?:_\d+)?$")


def _looks_sliced(summary: Summary) -> bool:
    """Tell whether rows were left out by layer_range.

    A functional model printed as a chain always starts with its InputLayer row, and every
    inbound layer named in Connected to has a row; a table that breaks either was sliced.
    """
    top = _top_rows(summary)
    if (
        top
        and top[0].type != "InputLayer"
        and _FUNCTIONAL_NAME.match(summary.model_name or "")
        and not summary.has_connected_to
    ):
        return True
    names = {layer.name for layer in summary.layers}
    for layer in summary.layers:
        for ref in layer.connected_to:
            base = _base_name(ref)
            if (
                base
                and base not in names
                and not _is_hidden_input(base)
                and not _is_cut(base, names)
            ):
                return True
    return False


def _is_hidden_input(name: str) -> bool:
    return bool(re.search(r"(?:^|_)input(?:_\d+)?$", name))


def _is_cut(ref: str, names: set[str]) -> bool:
    ref = ref.rstrip("…")
    return any(n.startswith(ref) or ref.startswith(n.rstrip("…")) for n in names)


@check("SA201")
def total_vs_rows(analysis: Analysis) -> Iterator[Finding]:
    """Total params against the sum of the rows."""
    summary = analysis.summary
    total = summary.totals.total
    if total is None or total.value is None or not _rows_complete(summary):
        return
    optimizer = summary.totals.optimizer.value if summary.totals.optimizer else 0
    rows = sum(layer.params or 0 for layer in _top_rows(summary))
    expected = total.value - (optimizer or 0)
    if rows == expected:
        return
    nested = [layer for layer in _top_rows(summary) if _is_model_row(layer)]
    if rows > expected and len(nested) >= 2:
        return  # weights shared by two nested models are counted once in Total
    if rows < expected and (_looks_sliced(summary) or _looks_subclassed(summary)):
        return  # layer_range hides rows; subclassed models may own weights outside any row
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
    opt = f" − {optimizer:,} optimizer" if optimizer else ""
    gap = expected - rows
    hint = (
        "a row's count was lowered or a row is missing from the paste"
        if gap > 0
        else "a row's count was raised, or a row was pasted twice"
    )
    yield finding(
        analysis,
        "SA201",
        f"Total params says {total.value:,}{opt} = {expected:,}, but the rows add up to "
        f"{rows:,} (a difference of {abs(gap):,}): {hint}, or the total was edited",
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
    top = [i for i, layer in enumerate(summary.layers) if layer.depth == 0]
    per_layer = _layer_non_trainable(analysis)
    if any(per_layer[i] is None for i in top):
        return None
    return _frozen_explanation(analysis, top, per_layer, gap)


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
    hint = "a totals line was edited"
    if (
        not totals.optimizer
        and gap > 0
        and gap in (2 * trainable + 2, 2 * trainable + 1, trainable + 1, trainable + 2, 2)
    ):
        hint = (
            f"the gap {gap:,} matches Keras 3 optimizer state for {trainable:,} trainable "
            "weights (Adam: 2 × trainable + 2): the `Optimizer params` line was probably left "
            "out of the paste"
        )
    yield finding(
        analysis,
        "SA202",
        f"Trainable {trainable:,} + Non-trainable {non_trainable:,}{opt} = {parts:,}, "
        f"but Total params says {total:,} (a difference of {abs(gap):,}): {hint}",
        totals.total.line,
    )


def _layer_non_trainable(analysis: Analysis) -> list[Optional[int]]:
    """Default non-trainable weights of each row (nested models: from their expanded rows)."""
    layers = analysis.layers
    values: list[Optional[int]] = []
    for i, (layer, derivation) in enumerate(zip(layers, analysis.derivations)):
        if layer.params == 0 or layer.params_note:
            values.append(0)
        elif _is_model_row(layer) and i + 1 < len(layers) and layers[i + 1].depth > layer.depth:
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
            elif _is_model_row(layer) and i + 1 < len(layers) and layers[i + 1].depth > depth:
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


@check("SA203")
def non_trainable_vs_bn(analysis: Analysis) -> Iterator[Finding]:
    """Non-trainable params against BatchNormalization's moving statistics and frozen layers."""
    summary = analysis.summary
    stated = summary.totals.non_trainable
    if stated is None or stated.value is None or not _rows_complete(summary):
        return
    if summary.generation == "keras1.0":
        return
    top = [i for i, layer in enumerate(summary.layers) if layer.depth == 0]
    per_layer = _layer_non_trainable(analysis)
    known = [per_layer[i] for i in top]
    if any(v is None for v in known):
        floor = sum(v for v in known if v is not None)
        if stated.value < floor and not _looks_sliced(summary):
            yield finding(
                analysis,
                "SA203",
                f"Non-trainable params says {stated.value:,}, but the BatchNormalization "
                f"moving statistics alone hold {floor:,}: a count or the Non-trainable line "
                "was edited",
                stated.line,
            )
        return
    expected = sum(v for v in known if v is not None)
    if stated.value == expected:
        return
    if _looks_sliced(summary):
        return
    gap = stated.value - expected
    frozen = _frozen_explanation(analysis, top, per_layer, gap)
    bn_note = _bn_note(analysis, top)
    if frozen is not None:
        names = (
            ", ".join(frozen)
            if len(frozen) <= 6
            else ", ".join(frozen[:6]) + f" and {len(frozen) - 6} more"
        )
        yield finding(
            analysis,
            "SA203",
            f"Non-trainable params is {stated.value:,}, not the {expected:,} {bn_note}; the "
            f"difference {gap:,} is exactly the trainable weights of {names}, so "
            f"{'that layer was' if len(frozen) == 1 else 'those layers were'} frozen "
            "(trainable=False)",
            stated.line,
            severity=Severity.INFO,
        )
        return
    yield finding(
        analysis,
        "SA203",
        f"Non-trainable params says {stated.value:,}, but the rows imply {expected:,} "
        f"{bn_note}, a difference of {gap:,} that no set of frozen layers explains: a count "
        "or the Non-trainable line was edited",
        stated.line,
    )


def _bn_note(analysis: Analysis, top: list[int]) -> str:
    bn = [analysis.layers[i] for i in top if "BatchNormalization" in analysis.layers[i].type]
    if not bn:
        return "(no BatchNormalization or other layer with non-trainable weights)"
    total = sum(layer.params or 0 for layer in bn)
    return f"(half of the {total:,} BatchNormalization parameters: their moving mean and variance)"


def _frozen_explanation(
    analysis: Analysis, top: list[int], per_layer: list[Optional[int]], gap: int
) -> Optional[list[str]]:
    """Find frozen layers whose trainable weights make up the gap (show_trainable N first)."""
    if gap <= 0:
        return None
    layers = analysis.layers
    # Any row can be frozen, including rows inside an expanded nested model.
    every = {
        i: (layers[i].params or 0) - (per_layer[i] or 0)
        for i in range(len(layers))
        if per_layer[i] is not None and (layers[i].params or 0) - (per_layer[i] or 0) > 0
    }
    trainable_part = {i: v for i, v in every.items() if i in set(top)}
    marked = [i for i in every if layers[i].trainable is False and layers[i].depth == 0]
    if marked and sum(every[i] for i in marked) == gap:
        return [layers[i].name for i in marked]
    for i, value in every.items():
        if value == gap:
            return [layers[i].name]
    order = list(trainable_part)
    running = 0
    for k, i in enumerate(order):
        running += trainable_part[i]
        if running == gap:
            return [layers[j].name for j in order[: k + 1]]
        if running > gap:
            break
    small = list(every)[:40]
    for a, b in itertools.combinations(small, 2):
        if every[a] + every[b] == gap and layers[a].depth == layers[b].depth:
            return [layers[a].name, layers[b].name]
    return None


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
    sliced_start = (
        first_top is not None and first_top.type != "InputLayer" and first_top.connected_to
    )
    for layer in summary.layers:
        for ref in layer.connected_to:
            base = _base_name(ref)
            if not base or base in names or "…" in base or _is_hidden_input(base):
                continue
            if _is_cut(base, names):
                continue
            if sliced_start:
                continue  # printed with layer_range: inbound rows outside the range are not shown
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


def run_checks(analysis: Analysis) -> list[Finding]:
    """Run every registered check over an analysed summary."""
    found: list[Finding] = []
    for fn in CHECKS.values():
        found.extend(fn(analysis))
    return found
