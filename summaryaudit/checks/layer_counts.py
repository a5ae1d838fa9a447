"""SA101, SA102, SA103, SA901 and SA301: each row's count and shape against its layer class."""

from __future__ import annotations

from collections.abc import Container, Iterator, Mapping

from .. import formulas
from ..cell_grammar import read_shapes
from ..formulas import has_shape_rule
from ..formulas.common import (
    BN_AXIS,
    MISMATCH,
    OK,
    UNVERIFIED_STATUS,
    WEIGHTLESS_NONZERO,
)
from ..layer_classes import class_of_default_name
from ..records import Finding, Severity
from .analysis import Analysis, once_per_analysis
from .branch_heads import branch_readings
from .held_rows import held_rows
from .input_chain import NESTED_MODEL_TYPES, Shapes, children
from .registry import check, finding
from .row_non_trainable import refuted_quantized_rows
from .verified_rows import counted_by_inner_rows, inner_rows, inner_rows_cut, inner_rows_sum

_STATUS_CODES = {
    MISMATCH: "SA101",
    BN_AXIS: "SA102",
    WEIGHTLESS_NONZERO: "SA103",
    UNVERIFIED_STATUS: "SA901",
}


@once_per_analysis
def _rows_by_code(analysis: Analysis) -> dict[str, list[int]]:
    """The rows whose derivation status raises a finding, by its code, in one pass for the
    four codes (each check then reads only its own rows)."""
    found: dict[str, list[int]] = {}
    codes = _STATUS_CODES
    for i, derivation in enumerate(analysis.derivations):
        # Most rows are OK: one identity test spares them the look-up.
        if derivation is not None and derivation.status is not OK and derivation.status in codes:
            found.setdefault(codes[derivation.status], []).append(i)
    return found


def _layer_findings(analysis: Analysis, code: str, skip: Container[int] = ()) -> Iterator[Finding]:
    layers, derivations = analysis.layers, analysis.derivations
    for i in _rows_by_code(analysis).get(code, ()):
        if i in skip:
            continue
        layer, derivation = layers[i], derivations[i]
        assert derivation is not None
        yield finding(analysis, code, derivation.message or derivation.text, layer.line, layer.name)


@check("SA101")
def layer_params(analysis: Analysis) -> Iterator[Finding]:
    """A count no configuration of the layer type can give (a warning where a branch the
    table does not show may give it)."""
    branched = {i: f"But {said}" for i, said in branch_readings(analysis).items()}
    yield from _layer_findings(analysis, "SA101", skip=branched)
    yield from _lowered_findings(analysis, "SA101", branched)
    yield from _refuted_quantization(analysis)
    yield from _model_above_its_rows(analysis)


def _lowered_findings(analysis: Analysis, code: str, said: Mapping[int, str]) -> Iterator[Finding]:
    """The code's findings on these rows as warnings, each row's derivation then what the row
    says of it (what the print leaves open: a branch, a class read from a name alone)."""
    for i, more in said.items():
        layer, derivation = analysis.layers[i], analysis.derivations[i]
        assert derivation is not None
        yield finding(
            analysis,
            code,
            f"{_sentence(derivation.message or derivation.text)} {more}",
            layer.line,
            layer.name,
            severity=Severity.WARNING,
        )


def _sentence(text: str) -> str:
    """The text as a sentence: ended by its own `?` or `.`, or by a `.` added."""
    return text if text.endswith(("?", ".")) else f"{text}."


def _model_above_its_rows(analysis: Analysis) -> Iterator[Finding]:
    """A nested Sequential or Functional row counting more than the rows printed inside it.

    Such a model holds no weights but its layers' (each counted once, so shared weights make
    the row smaller, never larger); a row larger than its inner rows was edited.
    """
    summary, layers = analysis.summary, analysis.layers
    if summary.unreadable or summary.cropped:
        return  # rows may be missing inside a model (a `...`: inner_rows_cut, below, says)
    for i, layer in enumerate(layers):
        if layer.type not in NESTED_MODEL_TYPES or "type" in layer.truncated:
            continue
        inner = inner_rows_sum(layers, i)
        if inner is None or layer.params is None or layer.params <= inner:
            continue
        if any(layers[j].params_cut for j in children(layers, i)):
            continue
        if inner_rows_cut(analysis, i):
            continue  # (the paste ends inside the model's frame: review 90's item 5)
        rows = inner_rows(layers, i)
        yield finding(
            analysis,
            "SA101",
            f"{layer.name} shows {layer.params:,}, but the {len(rows)} rows printed inside it "
            f"add up to {inner:,}: a {layer.type} model holds only its layers' weights, so it "
            f"cannot hold {layer.params - inner:,} more — its count or a count inside it was "
            "edited",
            layer.line,
            layer.name,
        )


def _refuted_quantization(analysis: Analysis) -> Iterator[Finding]:
    """A count that only Keras 3 LoRA or int8 could explain, when the totals rule that out."""
    refuted = refuted_quantized_rows(analysis)
    for i, by_size in refuted.items():
        layer, derivation = analysis.layers[i], analysis.derivations[i]
        assert derivation is not None and derivation.non_trainable is not None
        stated = analysis.summary.totals.non_trainable
        assert stated is not None and stated.value is not None
        yield finding(
            analysis,
            "SA101",
            f"{layer.name} shows {layer.params:,}, which only a Keras 3 LoRA or int8 "
            f"quantization could give ({derivation.text}); but "
            + (
                "the total size is exactly 4 bytes per parameter, so no weight is int8"
                if by_size
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
    """A weightless layer that shows a count (a warning where the class is only the name's)."""
    named = {
        i: f"The print shows no class: {analysis.layers[i].type} is read from the name alone, "
        "and a layer with weights may carry that name (such as a Dense named after its "
        "activation)"
        for i in _rows_by_code(analysis).get("SA103", ())
        if _class_from_name(analysis, i)
    }
    yield from _layer_findings(analysis, "SA103", skip=named)
    yield from _lowered_findings(analysis, "SA103", named)


def _class_from_name(analysis: Analysis, i: int) -> bool:
    """Tell whether row i prints no class and the audit read its class from an author's name
    (81e's 008: `decoder_softmax`, a Dense; not Keras's default name of that class, as
    `softmax_1` is a Softmax's)."""
    layer = analysis.layers[i]
    return (
        i in analysis.inferred
        and not analysis.summary.layers[i].type
        and class_of_default_name(layer.name) != layer.type
    )


@check("SA901")
def unverified_layer(analysis: Analysis) -> Iterator[Finding]:
    """A layer type without a formula (not a row SA201 names as holding the rows above it)."""
    skip = held_rows(analysis).keys() | counted_by_inner_rows(analysis)
    return _layer_findings(analysis, "SA901", skip=skip)


@check("SA301")
def shape_chain(analysis: Analysis) -> Iterator[Finding]:
    """An output shape that cannot follow from its input."""
    # The classes the shape chain has a rule for, asked once per class (others raise nothing).
    ruled = {type_ for type_ in {facts.type for facts in analysis.facts} if has_shape_rule(type_)}
    for layer, inputs, facts in zip(analysis.layers, analysis.inputs, analysis.facts):
        if layer.params is None or inputs is None or facts.type not in ruled:
            continue
        problem = formulas.expected_output_problem(facts)
        if problem:
            if _batch_axis_put_back(layer.output_shape, facts.output):
                # (69a's 002: `(32, 224, 224)` quoted as `(None, 32, 224, 224)`, unexplained)
                problem += _BATCH_AXIS_NOTE
            yield finding(analysis, "SA301", problem, layer.line, layer.name)


_BATCH_AXIS_NOTE = (
    " (the shapes are quoted with the batch axis, None, that the paste leaves out of every "
    "row put back in front)"
)


def _batch_axis_put_back(printed: str, read: Shapes) -> bool:
    """Tell whether a row's shapes were read with the batch axis its printed text leaves out."""
    shown = read_shapes(printed)
    return bool(shown and read and len(read[0]) == len(shown[0]) + 1 and read[0][0] is None)
