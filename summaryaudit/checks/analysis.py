"""Work out each row's input shapes, class and derivation once per summary: the Analysis."""

from __future__ import annotations

import functools
from typing import Any, Callable, Optional, TypeVar

from .. import formulas
from ..formulas import inference
from ..formulas.common import BN_AXIS, OK, UNDECIDABLE
from ..records import Layer, Summary, replace
from .classes import infer_types, needs_inference
from .cut_counts import CountFrom, recover_cut_counts
from .cut_shapes import (
    cut_after_a_comma,
    outputs_read_to_the_cut,
    outputs_with_cut_axis_of_a_count,
    outputs_with_cut_axis_unknown,
    outputs_with_cut_filters_worked_out,
)
from .derivations import derive_rows
from .graph_outputs import graph_output_rows
from .gru_setting import with_one_gru_setting
from .input_chain import (
    UNBUILT,
    UNUSED,
    Shapes,
    input_chain,
    output_shapes,
)
from .names import NameIndex

_MOST_PARTS_HELD = 100_000  # layers of printed models kept for a later summary's search


class PrintedModels:
    """The summaries the same input printed before, by model name and by Total (Keras before
    2.2 prints no model name): a nested row of a later summary may be one of those models."""

    __slots__ = ("held", "named", "parts", "unnamed")

    def __init__(self) -> None:
        # name → (Total, first line, default non-trainable); Total → (first line, default
        # non-trainable) of each
        self.named: dict[str, tuple[int, int, Optional[int]]] = {}
        self.unnamed: dict[int, list[tuple[int, Optional[int]]]] = {}
        # first line → each layer's name and trainable weights (a partly frozen base: its
        # layers are what a later summary's Non-trainable may hold some of)
        self.parts: dict[int, tuple[tuple[str, int], ...]] = {}
        self.held = 0  # layers held in parts, at most _MOST_PARTS_HELD (memory stays flat)

    def add(
        self,
        summary: Summary,
        non_trainable: Optional[int] = None,
        parts: Optional[tuple[tuple[str, int], ...]] = None,
    ) -> None:
        """Remember a summary audited (the latest of one name counts), with the non-trainable
        weights its rows hold by default (moving statistics: not what a frozen model adds),
        when the audit knows them, and each layer's trainable weights."""
        total = summary.totals.total
        if total is None or total.value is None:
            return
        if summary.model_name:
            replaced = self.named.get(summary.model_name)
            if replaced is not None:
                self.held -= len(self.parts.pop(replaced[1], ()))
            self.named[summary.model_name] = (total.value, summary.start_line, non_trainable)
        else:
            self.unnamed.setdefault(total.value, []).append((summary.start_line, non_trainable))
        if parts and self.held + len(parts) <= _MOST_PARTS_HELD:
            self.parts[summary.start_line] = parts
            self.held += len(parts)

    def parts_of(self, line: int) -> Optional[tuple[tuple[str, int], ...]]:
        """Each layer of the summary that starts at line, with its trainable weights."""
        return self.parts.get(line)

    def find(self, name: str, count: int) -> Optional[tuple[int, bool, Optional[int]]]:
        """The summary a nested row `name` with `count` weights stands for: its first line,
        whether its name says so (else it is the only unnamed summary with that Total), and the
        non-trainable weights its rows hold by default (None when not known); None when there
        is no such summary."""
        found = self.named.get(name)
        if found is not None:
            return (found[1], True, found[2]) if found[0] == count else None
        printed = self.unnamed.get(count, ())
        if count <= 0 or len(printed) != 1:
            return None
        line, non_trainable = printed[0]
        return line, False, non_trainable


class Analysis:
    """A summary with each row's input shapes and formula derivation worked out once.

    `layers` are the summary's rows as the audit reads them: a class the print cut off is the
    one the evidence infers (`inferred[i]` says so), a count Keras 3 cut short is the one the
    formula or the totals give (`count_from[i]` says which); the parse record is left as read.
    A BatchNormalization count that reads two ways is read as the totals allow (`settled`,
    by checks.bn_readings). `memo` holds the facts `once_per_analysis` computed. Read-only by
    convention once analysed. `printed` holds the models the same input printed before
    (a GAN's generator and discriminator above the combined model).
    """

    __slots__ = (
        "channels_first",
        "count_from",
        "derivations",
        "facts",
        "graph_outputs",
        "inferred",
        "inputs",
        "layers",
        "memo",
        "names",
        "outputs",
        "printed",
        "read_in_context",
        "settled",
        "summary",
    )

    def __init__(
        self,
        summary: Summary,
        layers: tuple[Layer, ...],
        outputs: tuple[Shapes, ...],
        inputs: tuple[Shapes, ...],
        facts: tuple[formulas.LayerFacts, ...],
        derivations: tuple[Optional[formulas.Derivation], ...],
        channels_first: Optional[bool],
        names: NameIndex,
        inferred: frozenset[int] = frozenset(),
    ) -> None:
        self.summary = summary
        self.layers = layers
        self.outputs = outputs
        self.inputs = inputs
        self.facts = facts
        self.derivations = derivations
        self.channels_first = channels_first
        self.names = names
        self.inferred = inferred
        self.count_from: dict[int, CountFrom] = {}
        self.settled: frozenset[int] = frozenset()  # rows whose reading the totals decided
        # rows derived with what other rows show, not their facts alone: a GRU's setting, the
        # shapes a column cut read as printed (see with_one_gru_setting, outputs_read_to_the_cut)
        self.read_in_context: frozenset[int] = frozenset()
        # a Keras 0.3 Graph's output rows (graph_output_rows), left out of Total
        self.graph_outputs: frozenset[int] = frozenset()
        self.memo: dict[Callable[..., Any], Any] = {}
        self.printed: Optional[PrintedModels] = None


Result = TypeVar("Result")
_MISSING = object()  # a fact not yet computed (a fact may be None)


def once_per_analysis(function: Callable[[Analysis], Result]) -> Callable[[Analysis], Result]:
    """Compute a fact of the summary once per analysis (it depends on nothing else)."""

    @functools.wraps(function)
    def once(analysis: Analysis) -> Result:
        memo = analysis.memo
        found = memo.get(function, _MISSING)
        if found is _MISSING:
            found = memo[function] = function(analysis)
        return found  # type: ignore[no-any-return]

    return once


# --------------------------------------------------------------------------- classes


def _facts(
    summary: Summary,
    layers: tuple[Layer, ...],
    outputs: tuple[Shapes, ...],
    inputs: list[Shapes],
    channels_first: Optional[bool],
) -> tuple[formulas.LayerFacts, ...]:
    era = summary.generation
    make = tuple.__new__  # a NamedTuple's own __new__ is a Python call per row
    facts = formulas.LayerFacts
    made = tuple(
        [
            make(
                facts,
                (
                    layer.name,
                    layer.type,
                    layer.params if layer.params is not None else 0,
                    output,
                    input_,
                    era,
                    channels_first,
                    False,
                ),
            )
            for layer, output, input_ in zip(layers, outputs, inputs)
        ]
    )
    return formulas.on_frames(made) if channels_first else made


def _with_cut_shapes_read(
    summary: Summary,
    layers: tuple[Layer, ...],
    names: NameIndex,
    read_to_the_cut: tuple[Shapes, ...],
    facts: tuple[formulas.LayerFacts, ...],
    derivations: tuple[Optional[formulas.Derivation], ...],
    guesses: dict[int, inference.Inference],
    channels_first: Optional[bool],
    note: str,
    wait: frozenset[int] = frozenset(),
) -> tuple[tuple[Optional[formulas.Derivation], ...], frozenset[int], Optional[bool]]:
    """The derivations, a row the shapes shown do not decide derived again with the shapes the
    column cut read another way (as printed, 37c's 004, 38b's 004: `(None, 64, 64, 64` as 64;
    or with the cut axis unknown, 40c's 013), where its count then adds up; its derivation
    says the shapes were read so (the note). A reading that does not add up is no finding
    (the digits may go on): the row stays as it was. Also the rows so derived, and the data
    format (channels_first) the whole shapes or this reading decide."""
    inputs = input_chain(summary, read_to_the_cut, names, layers)
    trial = _facts(summary, layers, read_to_the_cut, inputs, channels_first)
    if channels_first is None and trial:
        # the axes the column left may decide the data format the whole shapes did not
        channels_first = formulas.infer_channels_first(trial)
        if channels_first and formulas.channels_first_refuted(trial):
            # with the cut axis unknown (or cut numbers read as printed), channels_last seldom
            # fits and channels_first wins by default: not when a convolution with axis 1
            # shown fits no channels_first reading (37c's 004: a channels_last U-Net, 64 × 64
            # maps, 6 false SA102)
            channels_first = None
        if channels_first is not None:
            trial = _facts(summary, layers, read_to_the_cut, inputs, channels_first)
    again = derive_rows(layers, trial, guesses, (UNBUILT, UNUSED))
    out = list(derivations)
    changed = []
    for at, (before, after) in enumerate(zip(derivations, again)):
        if (
            before is not None
            and after is not None
            # a BatchNormalization on another axis than the channels' (their axis shown in full)
            and (
                after.status is OK
                or (
                    after.status is BN_AXIS
                    and (
                        note is _CUT_AXIS_OF_THE_COUNT
                        # (or channels_first, its channel axis 1 shown in full, where no digit of
                        # the cut axis shows for the count to read: 77b's 003)
                        or (
                            note is _CUT_AXIS_UNKNOWN
                            and channels_first
                            and cut_after_a_comma(layers[at])
                        )
                    )
                )
            )
            # undecided, or only consistent (solved) before and verified now
            and (before.status is UNDECIDABLE or (before.solved and after.solved is None))
            # a cut number read as printed (`(None, 1024, 1024, 3` of 32) fits almost any count
            # once the input is solved for: it is taken only where the input is shown
            and (after.solved is None or note is not _CUT_SHAPES_READ)
            and trial[at] != facts[at]
            # (with the cut axis unknown, a row fits only as channels_first: evidence only in
            # a model the shapes make channels_first)
            and (note is not _CUT_AXIS_UNKNOWN or channels_first is not None)
            # nor a row that fits only as channels_first in a model of no data format decided
            # (37c's 004: `(None, 16, 16, 25` as printed made a 256-filter 3×3 convolution 16
            # filters of 5×461)
            and (channels_first is not None or not formulas.fits_only_channels_first(trial[at]))
            and at not in wait
        ):
            message = f"{after.message} {note}" if after.message else after.message
            out[at] = replace(after, text=f"{after.text} {note}", message=message)
            changed.append(at)
    return tuple(out), frozenset(changed), channels_first


def _read_otherwise(
    summary: Summary,
    layers: tuple[Layer, ...],
    names: NameIndex,
    as_printed: tuple[Shapes, ...],
    filters: tuple[Shapes, ...],
    channels_first: Optional[bool],
) -> frozenset[int]:
    """The rows whose facts (own shapes or inputs) the filters worked out read otherwise than
    the cut numbers read as printed."""
    printed = _facts(
        summary, layers, as_printed, input_chain(summary, as_printed, names, layers), channels_first
    )
    found = _facts(
        summary, layers, filters, input_chain(summary, filters, names, layers), channels_first
    )
    return frozenset(at for at, (a, b) in enumerate(zip(printed, found)) if a != b)


_CUT_SHAPES_READ = "(with the shapes the column cut read as printed)"
_CUT_AXIS_UNKNOWN = "(with the axes the column shows in full)"
_CUT_AXIS_OF_THE_COUNT = (
    "(with the axis the column cut read as the size the count gives, which the digits shown begin)"
)

_CUT_FILTERS_FOUND = (
    "(with the filters the column cut read as the one size beginning with the digits shown "
    "that divides the count and fits the rows below, the other cut shapes as printed)"
)


def _as_their_nodes(
    layers: tuple[Layer, ...],
    derivations: tuple[Optional[formulas.Derivation], ...],
    outputs: dict[int, int],
) -> tuple[Optional[formulas.Derivation], ...]:
    """The derivations, each Keras 0.3 Graph output row's that of the node it prints again (its
    input is the node's: the review of trial 77's item 1)."""
    out = list(derivations)
    for at, node in outputs.items():
        found = derivations[node]
        if found is not None:
            said = (
                f" (the row of {layers[node].name} printed again for the Graph's output "
                f"{layers[at].name})"
            )
            message = f"{found.message}{said}" if found.message else found.message
            out[at] = replace(found, text=f"{found.text}{said}", message=message)
    return tuple(out)


def analyse(summary: Summary, printed: Optional[PrintedModels] = None) -> Analysis:
    """Derive every row's count once, with its inputs and the model's data format."""
    layers = summary.layers
    names = NameIndex(layers)
    outputs = output_shapes(layers)
    inputs = input_chain(summary, outputs, names)
    facts = _facts(summary, layers, outputs, inputs, None)
    guesses: dict[int, inference.Inference] = {}
    inferred: frozenset[int] = frozenset()
    if any(needs_inference(layer) for layer in layers):
        layers, guesses = infer_types(summary, facts)
        inferred = frozenset(
            i for i, g in guesses.items() if g.type and g.type != summary.layers[i].type
        )
        if any(read is not printed for read, printed in zip(layers, summary.layers)):
            # Only a class the evidence changed can change the inputs and facts.
            inputs = input_chain(summary, outputs, names, layers)
            facts = _facts(summary, layers, outputs, inputs, None)
    channels_first = formulas.infer_channels_first(facts) if facts else None
    if channels_first is not None:
        facts = _facts(summary, layers, outputs, inputs, channels_first)
    derivations, in_context = with_one_gru_setting(
        layers, facts, derive_rows(layers, facts, guesses, (UNBUILT, UNUSED))
    )
    read_first = channels_first  # the data format, as the readings of cut shapes decide it
    # the axes shown in full first: a cut last number read as printed may fit with a kernel
    # no one builds (`(None, 12, 16, 32, 3`: 3 filters, a 1×5×173 kernel, where the channels
    # on axis 1 give 3×3×3)
    counted = outputs_with_cut_axis_of_a_count(layers, outputs)
    as_printed = outputs_read_to_the_cut(layers, outputs)
    filters = outputs_with_cut_filters_worked_out(layers, outputs, counted, as_printed, read_first)
    for reading, note in (
        (outputs_with_cut_axis_unknown(layers, outputs), _CUT_AXIS_UNKNOWN),
        (counted, _CUT_AXIS_OF_THE_COUNT),
        (as_printed, _CUT_SHAPES_READ),
        (filters, _CUT_FILTERS_FOUND),
    ):
        if reading is not None:
            # a row whose shapes the filters worked out read otherwise waits for that reading:
            # a number read as printed (`12` of 128) fits a kernel no one builds once the rows
            # below take it as their channels (37c's 004: 73,792 = 64 × (96 × 12 + 1))
            wait = (
                _read_otherwise(summary, layers, names, as_printed, filters, read_first)
                if note is _CUT_SHAPES_READ and filters is not None and as_printed is not None
                else frozenset()
            )
            derivations, derived_as_read, read_first = _with_cut_shapes_read(
                summary, layers, names, reading, facts, derivations, guesses, read_first, note,
                wait,
            )  # fmt: skip
            in_context |= derived_as_read
    graph_outputs = graph_output_rows(summary, layers)
    if graph_outputs:
        derivations = _as_their_nodes(layers, derivations, graph_outputs)
        in_context |= frozenset(graph_outputs)  # (read with the node each repeats)
    cut = recover_cut_counts(summary, layers, facts, derivations)  # None: no count worked out
    if cut is not None:
        summary, layers, facts, derivations = cut.summary, cut.layers, cut.facts, cut.derivations
    analysis = Analysis(
        summary, layers, outputs, tuple(inputs), facts, derivations, channels_first, names, inferred
    )
    analysis.count_from = cut.found if cut is not None else {}
    analysis.read_in_context = in_context
    analysis.graph_outputs = frozenset(graph_outputs)
    analysis.printed = printed
    return analysis
