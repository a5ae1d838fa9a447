"""Rebuild runnable Keras 3 code from a parsed summary: same layers, order, shapes and counts."""

from __future__ import annotations

import keyword
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Optional, Union

from . import checks
from .cell_grammar import read_shapes as parse_shapes
from .rebuild_layers import (
    MODEL_CLASSES,
    MULTI_INPUT,
    LayerCode,
    Row,
    Unsolved,
    classes_starting,
    guess_type,
    is_solvable,
    keras3_class,
    placeholder,
    solve,
)
from .records import Layer, Shape, Summary

_INDEX = re.compile(r"\[(\d+)")
_MAX_SUBSETS = 200_000
_INDENT = "    "


class RebuildError(ValueError):
    """The summary holds no table that a model could be rebuilt from."""


@dataclass(frozen=True)
class Ref:
    """One Connected to entry: a layer, which of its calls, which of that call's outputs."""

    layer: str
    node: int = 0
    tensor: int = 0
    cut: bool = False  # the print cut the name: it is only a prefix


def parse_ref(text: str) -> Ref:
    """Read `dense[1][0]`, `'dense[0][0]'` or a cut `global_avg…[0][…` into a Ref."""
    text = text.strip().strip("'")
    name = text.split("[", 1)[0]
    indices = [int(i) for i in _INDEX.findall(text[len(name) :])] + [0, 0]
    return Ref(name.rstrip("…"), indices[0], indices[1], cut=name.endswith("…"))


def refs_of(layer: Layer) -> list[Ref]:
    """Every Connected to entry of a row (entries a narrow column ran together split apart)."""
    parts = (p for text in layer.connected_to for p in re.split(r"[\s,]+", text))
    return [parse_ref(p) for p in parts if p.strip("'[] ")]


@dataclass
class Node:
    """One printed row, solved into a Keras 3 call, with its place in the rebuilt graph."""

    index: int
    layer: Layer
    code: LayerCode
    inputs: Optional[tuple[Shape, ...]]
    outputs: Optional[tuple[Shape, ...]]
    children: list[Node] = field(default_factory=list)
    frozen: bool = False
    hidden_non_trainable: int = 0  # an unexpanded nested model's non-trainable weights
    var: str = ""

    @property
    def is_input(self) -> bool:
        """Tell whether this row is an InputLayer (printed or guessed)."""
        return self.code.cls == "InputLayer"

    @property
    def is_model(self) -> bool:
        """Tell whether this row is a nested model."""
        return self.layer.type in MODEL_CLASSES

    @property
    def params(self) -> int:
        """The row's printed count (0 when not printed)."""
        return self.layer.params or 0


# --------------------------------------------------------------------------- solving rows


def _row(node_layer: Layer, inputs: Optional[tuple[Shape, ...]], outputs, cf, era) -> Row:
    return Row(
        name=node_layer.name,
        type=node_layer.type,
        params=node_layer.params or 0,
        inputs=inputs,
        outputs=outputs,
        channels_first=cf,
        era=era,
    )


def _solve_row(row: Row) -> LayerCode:
    if not row.type:
        guess = guess_type(row, single_input=True)
        if guess is None:
            return placeholder(
                row, 0, "PLACEHOLDER: the print cut this layer's class off and no common layer fits"
            )
        code = _solve_row(replace(row, type=guess))
        return code.with_note(f"the print cut the class off; {guess} fits the count and shapes")
    if row.type in MODEL_CLASSES:
        return LayerCode(keras3_class(row.type))
    if not is_solvable(row.type):
        return placeholder(
            row,
            0,
            f"PLACEHOLDER: {row.type} is not a Keras layer; its code is not in the summary. "
            "This stand-in has the printed weight count and output shape",
        )
    try:
        return solve(row)
    except Unsolved as exc:
        return replace(
            placeholder(
                row,
                0,
                f"PLACEHOLDER: no {row.type} arguments give this row ({exc}); the count and "
                "shape are kept by a stand-in",
            ),
            cls=f"Unsolved{row.type}",
        )


def _name_cut(layer: Layer) -> bool:
    return layer.name.endswith("…") or "name" in layer.truncated


def _inputs_from_refs(layers: Sequence[Layer], index: int) -> Optional[tuple[Shape, ...]]:
    """Input shapes from Connected to entries cut too short for one exact name."""
    shapes: list[Shape] = []
    for ref in refs_of(layers[index]):
        fits = [
            layer
            for layer in layers[:index]
            if layer.depth == layers[index].depth
            and ((layer.name == ref.layer and not ref.cut)
                 or layer.name.rstrip("…").startswith(ref.layer)
                 or (_name_cut(layer) and ref.layer.startswith(layer.name.rstrip("…"))))
        ]  # fmt: skip
        exact = [f for f in fits if f.name == ref.layer and not ref.cut]
        fits = exact[:1] or fits
        out = parse_shapes(fits[-1].output_shape) if fits and ref.layer else None
        if out is None:
            return None
        shapes.append(out[ref.tensor] if ref.tensor < len(out) else out[0])
    return tuple(shapes) or None


def _other_completion(row: Row, printed: str, fallback: LayerCode) -> LayerCode:
    """A cut class name completed wrongly: try every class the printed prefix allows."""
    for other in classes_starting(printed):
        if other == row.type:
            continue
        try:
            code = solve(replace(row, type=other))
        except Unsolved:
            continue
        return code.with_note(f"the print cut the class to {printed}…; {other} fits")
    return fallback


def _nodes(summary: Summary) -> list[Node]:
    """Solve every row and hang expanded nested rows under their model row."""
    analysis = checks.analyse(summary)
    cf, era = analysis.channels_first, summary.generation
    flat: list[Node] = []
    for i, printed in enumerate(summary.layers):
        # A class the print cut off entirely is the one the audit's evidence infers, if any.
        layer = printed if printed.type else analysis.layers[i]
        outputs = (
            parse_shapes(layer.output_shape) if "output_shape" not in layer.truncated else None
        )
        inputs = analysis.inputs[i]
        if inputs is None and layer.connected_to:
            inputs = _inputs_from_refs(summary.layers, i)
        row = _row(layer, inputs, outputs, cf, era)
        code = _solve_row(row)
        if layer is not printed and layer.type:
            code = code.with_note(f"the print cut the class off; its evidence says {layer.type}")
        if code.placeholder and "type" in layer.truncated:
            code = _other_completion(row, layer.printed_type.rstrip("…"), code)
        flat.append(Node(i, layer, code, inputs, outputs))
    top: list[Node] = []
    stack: list[Node] = []
    for node in flat:
        depth = node.layer.depth
        while stack and stack[-1].layer.depth >= depth:
            stack.pop()
        if stack and depth == stack[-1].layer.depth + 1:
            stack[-1].children.append(node)
        elif depth == 0:
            top.append(node)
        else:
            raise RebuildError(f"row {node.layer.name} is nested under no model row")
        stack.append(node)
    return top


# --------------------------------------------------------------------------- frozen layers


def _walk(nodes: Sequence[Node]) -> Iterator[Node]:
    for node in nodes:
        yield node
        yield from _walk(node.children)


def _leaves(nodes: Sequence[Node]) -> Iterator[Node]:
    for node in nodes:
        if node.children:
            yield from _leaves(node.children)
        else:
            yield node


def _base_nt(node: Node) -> int:
    if node.children:
        return sum(_base_nt(c) for c in node.children)
    return node.code.non_trainable


def _implied_nt(nodes: Sequence[Node], frozen_above: bool = False) -> int:
    """Non-trainable weights the rows imply: moving statistics, and all of a frozen layer."""
    total = 0
    for node in nodes:
        frozen = frozen_above or node.frozen
        if node.children:
            total += _implied_nt(node.children, frozen)
        else:
            total += node.params if frozen else node.code.non_trainable
    return total


def _give_to_hidden(hidden: list[Node], gap: int) -> None:
    """Non-trainable weights no printed row explains go to unprinted inner models/stand-ins."""
    for node in hidden:
        take = min(gap, node.params)
        if take == node.params and node.is_model:
            node.frozen = True
        elif node.is_model:
            node.hidden_non_trainable = take
        else:
            node.code = replace(node.code, trainable_size=node.params - take, non_trainable=take)
        gap -= take


def _mark_frozen(summary: Summary, top: list[Node]) -> list[str]:
    """Freeze what the Trainable column or the Non-trainable total says; return notes."""
    column = any(n.layer.trainable is not None for n in _walk(top))
    if column:
        for node in _walk(top):
            if node.layer.trainable is False and (node.params or node.is_model):
                node.frozen = True
    stated = summary.totals.non_trainable
    if stated is None or stated.value is None:
        return []
    gap = stated.value - _implied_nt(top)
    if gap == 0:
        return []
    hidden = [
        n
        for n in _walk(top)
        if (n.is_model or n.code.placeholder) and not n.children and not n.frozen
    ]
    if gap < 0:
        return [
            f"the Non-trainable total {stated.value:,} is below what the rows imply "
            f"({gap + stated.value:,}); nothing more is frozen"
        ]
    if hidden and gap <= sum(n.params for n in hidden):
        _give_to_hidden(hidden, gap)
        return []
    if column:
        return [f"the rows do not explain Non-trainable params {stated.value:,}"]
    chosen = _subset(
        [(n, n.params - _base_nt(n)) for n in _walk(top) if n.params - _base_nt(n) > 0], gap
    )
    if chosen is None:
        return [f"no set of frozen layers explains Non-trainable params {stated.value:,}"]
    for node in chosen:
        node.frozen = True
    names = ", ".join(n.layer.name for n in chosen)
    return [
        f"frozen ({names}): the earliest rows whose weights make up Non-trainable params "
        f"{stated.value:,} beyond the moving statistics (the Trainable column was not printed)"
    ]


def _subset(items: list[tuple[Node, int]], target: int) -> Optional[list[Node]]:
    """The earliest rows whose gains sum to target (a frozen model counts as one)."""
    reach: dict[int, tuple[int, ...]] = {0: ()}
    for index, (_, gain) in enumerate(items):
        for total, picked in list(reach.items()):
            new = total + gain
            if new <= target and new not in reach:
                reach[new] = (*picked, index)
                if new == target:
                    return _without_overlap([items[i][0] for i in reach[new]])
        if len(reach) > _MAX_SUBSETS:
            return None
    return None


def _without_overlap(nodes: list[Node]) -> list[Node]:
    return nodes


# --------------------------------------------------------------------------- code emission


def _identifier(name: str, used: set[str]) -> str:
    base = re.sub(r"\W+", "_", name).strip("_") or "layer"
    if base[0].isdigit() or keyword.iskeyword(base) or base in ("keras", "model"):
        base = f"x_{base}"
    var, n = base, 1
    while var in used:
        n += 1
        var = f"{base}_{n}"
    used.add(var)
    return var


def _complete_name(layer: Layer) -> bool:
    return bool(layer.name) and "name" not in layer.truncated and "…" not in layer.name


def _args_src(args: Sequence[tuple[str, str]]) -> str:
    return ", ".join(value if not key else f"{key}={value}" for key, value in args)


def _comment(notes: Sequence[str]) -> str:
    return "  # " + "; ".join(notes) if notes else ""


def _layer_expr(node: Node, emitter: _Emitter) -> str:
    """The constructor expression of one row's layer (a nested model: its builder call)."""
    return _constructor(node, emitter)


def _constructor(node: Node, emitter: _Emitter) -> str:
    code = node.code
    if node.is_model:
        return f"{emitter.nested_builder(node)}()"
    name = emitter.name_of(node)
    extra: list[tuple[str, str]] = [("name", repr(name))] if name else []
    if code.placeholder:
        emitter.placeholder_classes.add(code.cls)
        shapes = [list(s[1:]) for s in code.outputs or ()]
        args = [
            ("output_shapes", repr(shapes)),
            ("trainable_size", str(code.trainable_size)),
        ]
        if code.non_trainable:
            args.append(("non_trainable_size", str(code.non_trainable)))
        return f"{code.cls}({_args_src(args + extra)})"
    inner = ""
    if code.inner is not None:
        inner = f"keras.layers.{code.inner.cls}({_args_src(code.inner.args)})"
        return f"keras.layers.{code.cls}({_args_src([('', inner), *code.args, *extra])})"
    return f"keras.layers.{code.cls}({_args_src([*code.args, *extra])})"


def _notes(node: Node) -> list[str]:
    notes = list(node.code.notes)
    if node.code.inner is not None:
        notes += list(node.code.inner.notes)
    if node.frozen and not node.is_model:
        notes.append("frozen below")
    return notes


def _input_shape_src(shape: Shape) -> str:
    dims = list(shape[1:])
    return "(" + ", ".join(str(d) for d in dims) + ("," if len(dims) == 1 else "") + ")"


def _input_src(shape: Shape, name: Optional[str], dtype: Optional[str]) -> str:
    args = [f"shape={_input_shape_src(shape)}"]
    if shape and shape[0] is not None:
        args.append(f"batch_size={shape[0]}")
    if dtype:
        args.append(f'dtype="{dtype}"')
    if name:
        args.append(f"name={name!r}")
    return f"keras.Input({', '.join(args)})"


class _Emitter:
    """Writes the module: placeholder classes, one builder per nested model, build_model()."""

    def __init__(self, summary: Summary) -> None:
        self.summary = summary
        self.functions: list[str] = []
        self.placeholder_classes: set[str] = set()
        self.printed_names = {layer.name for layer in summary.layers if _complete_name(layer)}
        self.scopes: list[set[str]] = [set()]  # names taken in each model being written
        self.names: dict[int, str] = {}
        self.used: set[str] = {"keras", "model", "build_model"}

    def name_of(self, node: Node) -> Optional[str]:
        """The layer's name: as printed, else (cut or repeated) a unique one from its stem.

        Keras 3 refuses a name twice in a model and numbers automatic names from a global
        counter, so every printed row gets an explicit name.
        """
        if id(node) in self.names:
            return self.names[id(node)]
        if node.index < 0:
            return None  # a layer of a stand-in inner model: Keras names it
        taken = self.scopes[-1]  # Keras 3 wants names unique within one model
        name = node.layer.name
        if not _complete_name(node.layer) or name in taken:
            stem = re.sub(r"\W+", "_", name.rstrip("…")).strip("_") or "layer"
            name, n = stem, 1
            while name in taken or (name in self.printed_names and name != node.layer.name):
                n += 1
                name = f"{stem}_{n}"
        taken.add(name)
        self.names[id(node)] = name
        return name

    # nested models ---------------------------------------------------------------------

    def nested_builder(self, node: Node) -> str:
        fn = _identifier(f"build_{node.layer.name}", self.used)
        body = self._model_body(node.children, node, node.layer.name)
        lines = [
            f"def {fn}() -> keras.Model:",
            f'{_INDENT}"""The nested model `{node.layer.name}`."""',
        ]
        lines += [_INDENT + line for line in body]
        self.functions.append("\n".join(lines))
        return fn

    def _model_body(
        self, rows: list[Node], owner: Optional[Node], name: Optional[str]
    ) -> list[str]:
        """Statements that end with `return <model>`."""
        self.scopes.append(set())
        try:
            return self._scoped_body(rows, owner, name)
        finally:
            self.scopes.pop()

    def _scoped_body(
        self, rows: list[Node], owner: Optional[Node], name: Optional[str]
    ) -> list[str]:
        frozen_model = owner is not None and owner.frozen
        if owner is not None and not rows:
            rows = self._synthesised(owner)
        if _is_sequential(rows, owner, self.summary):
            lines = self._sequential(rows, owner, name)
        else:
            lines = self._functional(rows, owner, name)
        for row in rows:
            if row.frozen and not row.is_model:
                lines.insert(
                    -1,
                    f"model.get_layer({self.name_of(row)!r}).trainable = False"
                    "  # frozen: its weights count as non-trainable",
                )
        if frozen_model:
            lines.insert(
                -1, "model.trainable = False  # frozen: every weight inside is non-trainable"
            )
        return lines

    def _synthesised(self, owner: Node) -> list[Node]:
        """Inner layers for a nested model whose rows were not printed (same count and shapes)."""
        layers = synthesise_inner(owner)
        return layers

    # Sequential ------------------------------------------------------------------------

    def _sequential(
        self, rows: list[Node], owner: Optional[Node], name: Optional[str]
    ) -> list[str]:
        first = next((r for r in rows if not r.is_input), None)
        shape = _model_input_shape(rows, owner)
        dtype = first.code.input_dtype if first is not None else None
        items: list[str] = []
        if shape is not None:
            note = ""
            if (
                first is not None
                and first.code.input_shape is not None
                and not (owner and owner.inputs)
            ):
                note = "  # input shape solved from the first row (not printed in a Sequential)"
            items.append(f"{_input_src(shape, None, dtype)},{note}")
        for row in rows:
            if row.is_input:
                continue
            items.append(f"{_layer_expr(row, self)},{_comment(_notes(row))}")
        lines = ["model = keras.Sequential(", f"{_INDENT}["]
        lines += [_INDENT * 2 + item for item in items]
        lines += [f"{_INDENT}],"]
        if name:
            lines.append(f"{_INDENT}name={name!r},")
        lines += [")", "return model"]
        return lines

    # functional ------------------------------------------------------------------------

    def _functional(
        self, rows: list[Node], owner: Optional[Node], name: Optional[str]
    ) -> list[str]:
        graph = _Graph(rows, owner)
        lines: list[str] = []
        inputs: list[str] = []
        for hidden in graph.hidden_inputs:
            var = _identifier(hidden.name, self.used)
            graph.hidden_vars[hidden.name] = var
            lines.append(
                f"{var} = {_input_src(hidden.shape, None, hidden.dtype)}"
                "  # an input the table does not print: shape solved from the layer it feeds"
            )
            inputs.append(var)
        previous: Optional[int] = None
        for pos, row in enumerate(rows):
            if row.is_input:
                var = _identifier(row.layer.name, self.used)
                shape = (row.outputs or (row.code.input_shape,))[0]
                named = self.name_of(row)
                lines.append(f"{var} = {_input_src(shape, named, graph.input_dtype(pos))}")
                graph.vars[(pos, 0)] = var
                inputs.append(var)
                previous = pos
                continue
            calls = graph.calls(pos, previous)
            expr = _layer_expr(row, self)
            note = _comment(_notes(row))
            previous = pos
            if len(calls) == 1:
                var = _identifier(row.layer.name, self.used)
                lines.append(f"{var} = {expr}({calls[0]}){note}")
                graph.vars[(pos, 0)] = var
                continue
            layer_var = _identifier(f"{row.layer.name}_layer", self.used)
            lines.append(f"{layer_var} = {expr}{note}")
            for k, call in enumerate(calls):
                var = _identifier(f"{row.layer.name}_call{k}", self.used)
                lines.append(f"{var} = {layer_var}({call})  # shared: call {k + 1} of {len(calls)}")
                graph.vars[(pos, k)] = var
        if not inputs:
            raise RebuildError("no input layer could be worked out")
        outputs = graph.outputs()
        out_src = outputs[0] if len(outputs) == 1 else "[" + ", ".join(outputs) + "]"
        in_src = inputs[0] if len(inputs) == 1 else "[" + ", ".join(inputs) + "]"
        named = f", name={name!r}" if name else ""
        lines += [f"model = keras.Model({in_src}, {out_src}{named})", "return model"]
        return lines

    # the module ------------------------------------------------------------------------

    def module(self, top: list[Node], notes: list[str]) -> str:
        body = self._model_body(top, None, self.summary.model_name)
        build = ["def build_model() -> keras.Model:", f'{_INDENT}"""The rebuilt model."""']
        build += [_INDENT + line for line in body]
        head = [
            f'"""Keras 3 code rebuilt by summaryaudit from a printed model.summary()'
            f"{_source_text(self.summary)}.",
            "",
            "Same layers in the same order, same output shapes, same Param # on every row and the",
            "same totals. A summary does not show every argument: where several choices give the",
            "same row, the comment on that line names the one taken.",
            '"""',
            "",
            "import keras",
            "",
        ]
        for note in notes:
            head.insert(-2, f"# {note}")
        parts = ["\n".join(head)]
        if self.placeholder_classes:
            parts.append(_PLACEHOLDER_BASE)
            for cls in sorted(self.placeholder_classes):
                parts.append(
                    f"class {cls}(SummaryPlaceholder):\n"
                    f'{_INDENT}"""PLACEHOLDER for `{cls}`: write the real layer here."""\n'
                )
        parts += [*self.functions, "\n".join(build)]
        parts.append('if __name__ == "__main__":\n    build_model().summary()\n')
        return "\n\n".join(p.rstrip("\n") + "\n" for p in parts)


_PLACEHOLDER_BASE = '''class SummaryPlaceholder(keras.layers.Layer):
    """PLACEHOLDER: a layer the summary cannot rebuild; weights of the printed size, zero outputs.

    Replace it with the real layer. It only keeps the row's Param # and Output Shape.
    """

    def __init__(self, output_shapes, trainable_size, non_trainable_size=0, **kwargs):
        super().__init__(**kwargs)
        self.output_shapes = [tuple(shape) for shape in output_shapes]
        self.trainable_size = trainable_size
        self.non_trainable_size = non_trainable_size

    def build(self, input_shape):
        if self.trainable_size:
            self.add_weight(shape=(self.trainable_size,), initializer="zeros", name="stand_in")
        if self.non_trainable_size:
            self.add_weight(
                shape=(self.non_trainable_size,),
                initializer="zeros",
                trainable=False,
                name="stand_in_state",
            )

    def compute_output_shape(self, input_shape):
        shapes = [(None, *shape) for shape in self.output_shapes]
        return shapes[0] if len(shapes) == 1 else shapes

    def call(self, inputs):
        first = inputs
        while isinstance(first, (list, tuple)):
            first = first[0]
        batch = keras.ops.shape(first)[0]
        outputs = [
            keras.ops.zeros((batch, *[d or 1 for d in shape])) for shape in self.output_shapes
        ]
        return outputs[0] if len(outputs) == 1 else outputs
'''


def _source_text(summary: Summary) -> str:
    where = f" ({summary.source}, lines {summary.start_line}-{summary.end_line})"
    name = f' of model "{summary.model_name}"' if summary.model_name else ""
    return name + (where if summary.source and summary.source != "<string>" else "")


# --------------------------------------------------------------------------- graph


@dataclass(frozen=True)
class _HiddenInput:
    name: str
    shape: Shape
    dtype: Optional[str]


_RECURRENT = ("SimpleRNN", "LSTM", "GRU", "Bidirectional", "ConvLSTM1D", "ConvLSTM2D", "ConvLSTM3D")


class _Graph:
    """The calls of a functional table: who feeds whom, and which calls end the model."""

    def __init__(self, rows: list[Node], owner: Optional[Node]) -> None:
        self.rows = rows
        self.owner = owner
        self.vars: dict[tuple[int, int], str] = {}  # (row position, call) → variable
        self.hidden_vars: dict[str, str] = {}
        self.refs = [refs_of(r.layer) for r in rows]
        self.referenced: set[int] = set()
        self.targets: list[list[Optional[int]]] = []
        for pos, refs in enumerate(self.refs):
            targets = [self._resolve(ref, pos) for ref in refs]
            self.referenced.update(t for t in targets if t is not None)
            self.targets.append(targets)
        self.nodes_used: dict[int, list[int]] = {}
        for refs, targets in zip(self.refs, self.targets):
            for ref, target in zip(refs, targets):
                if target is not None:
                    used = self.nodes_used.setdefault(target, [])
                    if ref.node not in used:
                        used.append(ref.node)
        for used in self.nodes_used.values():
            used.sort()
        self.consumed: set[tuple[int, int]] = set()
        self.hidden_inputs = self._hidden_inputs()

    def _resolve(self, ref: Ref, before: int) -> Optional[int]:
        """The row a reference names: exact, else the latest earlier row its cut name fits
        (preferring a row nothing has used yet, as two inputs cut to one prefix are)."""
        name = ref.layer
        if not name:
            return None
        exact = [j for j, r in enumerate(self.rows) if r.layer.name == name]
        if exact and not ref.cut:
            return exact[0]
        fits = [
            j
            for j, r in enumerate(self.rows[:before])
            if r.layer.name.rstrip("…").startswith(name)
            or (_name_cut(r.layer) and name.startswith(r.layer.name.rstrip("…")))
        ]
        unused = [j for j in fits if j not in self.referenced]
        return (unused or fits)[-1] if fits else None

    def _hidden_inputs(self) -> list[_HiddenInput]:
        hidden: list[_HiddenInput] = []
        seen: set[str] = set()
        first_layer = next((r for r in self.rows if not r.is_input), None)
        for pos, row in enumerate(self.rows):
            for ref, target in zip(self.refs[pos], self.targets[pos]):
                if target is None and ref.layer not in seen:
                    seen.add(ref.layer)
                    shape = _feed_shape(row)
                    if shape is not None:
                        hidden.append(_HiddenInput(ref.layer, shape, row.code.input_dtype))
        has_inputs = any(r.is_input for r in self.rows)
        if not hidden and not has_inputs and first_layer is not None:
            shape = _model_input_shape(self.rows, self.owner)
            if shape is not None:
                hidden.append(_HiddenInput("input", shape, first_layer.code.input_dtype))
        return hidden

    def input_dtype(self, pos: int) -> Optional[str]:
        """The dtype an InputLayer needs for the layers it feeds (int32 for an Embedding)."""
        for other, targets in zip(self.rows, self.targets):
            if pos in targets and other.code.input_dtype:
                return other.code.input_dtype
        return None

    def _tensor(self, ref: Ref, target: Optional[int]) -> str:
        if target is None:
            if ref.layer in self.hidden_vars:
                return self.hidden_vars[ref.layer]
            if len(self.hidden_vars) == 1:
                return next(iter(self.hidden_vars.values()))
            raise RebuildError(f"Connected to names {ref.layer}, which the table does not print")
        used = self.nodes_used.get(target, [0])
        call = used.index(ref.node) if ref.node in used else 0
        var = self.vars.get((target, call)) or self.vars.get((target, 0))
        if var is None:
            raise RebuildError(f"{ref.layer} is used before the row that makes it")
        self.consumed.add((target, call) if (target, call) in self.vars else (target, 0))
        node = self.rows[target]
        if node.outputs is not None and len(node.outputs) > 1:
            return f"{var}[{ref.tensor}]"
        return var

    def calls(self, pos: int, previous: Optional[int]) -> list[str]:
        """The argument source of each call of this row's layer."""
        row = self.rows[pos]
        refs = self.refs[pos]
        if not refs:
            if previous is None:
                if not self.hidden_vars:
                    raise RebuildError(f"{row.layer.name} has no input")
                return [next(iter(self.hidden_vars.values()))]
            key = (
                (previous, 0)
                if (previous, 0) in self.vars
                else max(k for k in self.vars if k[0] == previous)
            )
            self.consumed.add(key)
            if row.layer.type in MULTI_INPUT or row.code.call_style != "single":
                partner = self._partner(pos, previous)
                if partner is not None:
                    self.consumed.add((partner, 0))
                    tensors = [self.vars[(partner, 0)], self.vars[key]]
                    return [_call_src(tensors, row.code.call_style)]
            return [self.vars[key]]
        tensors = [self._tensor(ref, target) for ref, target in zip(refs, self.targets[pos])]
        style = row.code.call_style
        if row.layer.type in MULTI_INPUT or style != "single":
            calls = len(self.nodes_used.get(pos, [0]))
            per = len(tensors) // calls if len(tensors) % calls == 0 else len(tensors)
            groups = [tensors[i : i + per] for i in range(0, len(tensors), per)]
            return [_call_src(group, style) for group in groups]
        if row.code.placeholder and len(tensors) > 1:
            return ["[" + ", ".join(tensors) + "]"]
        if row.code.cls in _RECURRENT and len(tensors) > 1:
            return [self._recurrent_call(pos, tensors)]
        return tensors

    def _partner(self, pos: int, previous: int) -> Optional[int]:
        """The other input of a merge whose rows print no Connected to (expanded nested rows):
        the latest earlier row whose shape fits, one nothing has used yet first."""
        out = self.rows[pos].outputs[0] if self.rows[pos].outputs else None
        prev = self.rows[previous].outputs[0] if self.rows[previous].outputs else None
        if out is None or prev is None:
            return None
        fits = []
        for j in range(pos - 1, -1, -1):
            shape = self.rows[j].outputs[0] if self.rows[j].outputs else None
            if j == previous or shape is None or (j, 0) not in self.vars:
                continue
            if self.rows[pos].code.cls == "Concatenate":
                fit = (
                    len(shape) == len(out)
                    and shape[:-1] == out[:-1]
                    and (shape[-1] or 0) + (prev[-1] or 0) == out[-1]
                )
            else:
                fit = tuple(shape) == tuple(out)
            if fit:
                fits.append(j)
        unused = [j for j in fits if (j, 0) not in self.consumed]
        return (unused or fits or [None])[0]

    def _recurrent_call(self, pos: int, tensors: list[str]) -> str:
        """An RNN called with a mask or initial states besides its input (one call)."""
        row = self.rows[pos]
        units = row.outputs[0][-1] if row.outputs else None
        states, mask = [], None
        for tensor, target in zip(tensors[1:], self.targets[pos][1:]):
            shape = (
                self.rows[target].outputs[0]
                if target is not None and self.rows[target].outputs
                else None
            )
            if shape is not None and len(shape) == 2 and shape[-1] == units:
                states.append(tensor)
            else:
                mask = tensor
        args = [tensors[0]]
        if states:
            args.append(f"initial_state=[{', '.join(states)}]")
        if mask is not None:
            args.append(f"mask={mask}")
        return ", ".join(args)

    def outputs(self) -> list[str]:
        """Every call output no later row consumes: the model's outputs."""
        found = [
            var
            for (pos, call), var in self.vars.items()
            if (pos, call) not in self.consumed and not self.rows[pos].is_input
        ]
        return found or [list(self.vars.values())[-1]]


def _call_src(tensors: list[str], style: str) -> str:
    if style == "attention":
        query, value, *rest = [*tensors, tensors[0]] if len(tensors) == 1 else tensors
        key = f", key={rest[0]}" if rest else ""
        return f"{query}, {value}{key}"
    return "[" + ", ".join(tensors) + "]"


def _feed_shape(row: Node) -> Optional[Shape]:
    if row.code.input_shape is not None:
        return row.code.input_shape
    if row.inputs:
        return row.inputs[0]
    return None


def _model_input_shape(rows: list[Node], owner: Optional[Node]) -> Optional[Shape]:
    if owner is not None and owner.inputs:
        return owner.inputs[0]
    for row in rows:
        if row.is_input:
            return (row.outputs or (None,))[0]
        shape = _feed_shape(row)
        if shape is not None:
            return shape
        if row.code.placeholder and row.outputs:
            return row.outputs[0]
        break
    return None


def _is_sequential(rows: list[Node], owner: Optional[Node], summary: Summary) -> bool:
    """A chain without an InputLayer row: Sequential; anything else is built functionally."""
    if owner is not None:
        return owner.layer.type == "Sequential" and not any(r.is_input for r in rows)
    if any(r.is_input for r in rows):
        return False
    names = [r.layer.name for r in rows]
    for i, row in enumerate(rows):
        refs = refs_of(row.layer)
        if not refs:
            continue
        if len(refs) != 1 or row.layer.type in MULTI_INPUT:
            return False
        previous = names[i - 1] if i > 0 else ""
        if (
            i > 0
            and refs[0].layer not in (previous, previous.rstrip("…"))
            and not (previous.startswith(refs[0].layer))
        ):
            return False
        if i == 0 and refs[0].layer in names:
            return False
    return True


# --------------------------------------------------------------------------- hidden inner models


def synthesise_inner(owner: Node) -> list[Node]:
    """Layers for a nested model whose rows were not printed: built-in layers when a common
    stack gives the count, shapes and non-trainable weights; else one marked stand-in."""
    p, hidden_nt = owner.params, owner.hidden_non_trainable
    inp = owner.inputs[0] if owner.inputs else None
    out = owner.outputs[0] if owner.outputs else None
    note = (
        f"the summary does not print the layers of `{owner.layer.name}`; this stack is one "
        "choice with the same count and shapes"
    )
    if inp is not None and out is not None and all(inp[1:]) and all(out[1:]):
        stack = _dense_stack(inp, out, p, hidden_nt)
        if stack is not None:
            return [
                Node(-1, Layer(name="", type=cls, output_shape="", params=None, line=0),
                     LayerCode(cls, args, (note,) if i == 0 else ()), None, None)
                for i, (cls, args) in enumerate(stack)
            ]  # fmt: skip
    stand_in = LayerCode(
        "HiddenLayers",
        notes=(
            f"PLACEHOLDER: the layers of `{owner.layer.name}` are not printed; a stand-in keeps "
            "its count and output shape",
        ),
        placeholder=True,
        outputs=owner.outputs,
        trainable_size=p - hidden_nt,
        non_trainable=hidden_nt,
    )
    layer = Layer(name="", type="HiddenLayers", output_shape="", params=p, line=0)
    return [Node(-1, layer, stand_in, owner.inputs, owner.outputs)]


def _dense_stack(
    inp: Shape, out: Shape, p: int, nt: int
) -> Optional[list[tuple[str, tuple[tuple[str, str], ...]]]]:
    """Dense / BatchNormalization stacks (after a Flatten when needed) with this count."""
    flatten = len(out) == 2 and len(inp) > 2
    if not flatten and tuple(inp[:-1]) != tuple(out[:-1]):
        return None
    d = 1
    for dim in inp[1:] if flatten else inp[-1:]:
        d *= dim  # type: ignore[operator]
    o = out[-1]
    pre = [("Flatten", ())] if flatten else []
    dense = lambda units: ("Dense", (("", str(units)),))  # noqa: E731
    bn = ("BatchNormalization", ())
    if p == d * o + o and nt == 0:
        return [*pre, dense(o)]
    if p == d * o + 5 * o and nt == 2 * o:
        return [*pre, dense(o), bn]
    if nt == 0 and (p - o) % (d + 1 + o) == 0 and p > o:
        return [*pre, dense((p - o) // (d + 1 + o)), dense(o)]
    if nt % 2 == 0 and nt and p - o == (nt // 2) * (d + 5 + o):
        return [*pre, dense(nt // 2), bn, dense(o)]
    if nt == 2 * o and (p - 5 * o) % (d + 1 + o) == 0 and p > 5 * o:
        return [*pre, dense((p - 5 * o) // (d + 1 + o)), dense(o), bn]
    return None


# --------------------------------------------------------------------------- public


def incomplete_reason(summary: Summary) -> Optional[str]:
    """Why a summary's table cannot be rebuilt exactly (None when it is complete)."""
    if summary.cropped:
        return "the table is cropped"
    if summary.unreadable:
        return "some rows could not be read"
    if not summary.layers:
        return "no rows"
    for layer in summary.layers:
        if layer.params is None or layer.params_note in ("unbuilt", "unused"):
            return f"{layer.name} has no count (unbuilt or unused layer)"
        if "output_shape" in layer.truncated or parse_shapes(layer.output_shape) is None:
            return f"the output shape of {layer.name} is not printed in full ({layer.output_shape})"
    total = summary.totals.total
    if total is None or total.value is None:
        return "no Total params line"
    optimizer = summary.totals.optimizer.value if summary.totals.optimizer is not None else 0
    rows = sum(layer.params or 0 for layer in summary.layers if layer.depth == 0)
    if rows != total.value - (optimizer or 0):
        return (
            f"the rows add up to {rows:,}, not Total params {total.value:,} (a layer_range "
            "slice, weights shared between rows, or a freeze after compile)"
        )
    return None


def rebuild(summary: Union[Summary, str]) -> str:
    """Return a runnable Keras 3 module whose build_model() rebuilds the summary's model.

    `summary` is a parsed Summary or text holding one (the first summary found is used).
    Raises RebuildError when there is no table to rebuild.
    """
    if isinstance(summary, str):
        from .api import parse_text

        found = parse_text(summary)
        if not found:
            raise RebuildError("no Keras model.summary() table was found")
        summary = found[0]
    if not summary.layers:
        raise RebuildError("the summary has no readable rows")
    top = _nodes(summary)
    notes = _mark_frozen(summary, top)
    for node in _walk(top):
        if node.frozen and node.is_model and not node.children:
            node.hidden_non_trainable = 0
    return _Emitter(summary).module(top, notes)


__all__ = [
    "RebuildError",
    "Ref",
    "incomplete_reason",
    "parse_ref",
    "rebuild",
    "refs_of",
    "synthesise_inner",
]
