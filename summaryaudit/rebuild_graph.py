"""Wire a rebuilt functional model: who feeds whom, shared calls, inputs the table hides."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from .rebuild_classes import MULTI_INPUT
from .rebuild_node import Node, RebuildError
from .rebuild_refs import CUT_MARK, Ref, cut_name_fits, refs_of
from .rebuild_row import CallStyle
from .records import Shape

# Layers whose extra inputs are initial states or a mask (one call, not one call per input).
_RECURRENT = ("SimpleRNN", "LSTM", "GRU", "Bidirectional", "ConvLSTM1D", "ConvLSTM2D", "ConvLSTM3D")


@dataclass(frozen=True)
class HiddenInput:
    """A model input the table does not print: its name, shape and dtype."""

    name: str
    shape: Shape
    dtype: Optional[str]


class Graph:
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
            targets = self._resolve_all(refs, pos)
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

    def emission_order(self) -> list[int]:
        """The rows in the order their calls can be written: as printed, but a row whose
        Connected to names a row printed below it (a shared layer's later call on a tensor
        made further down: 72b's 004's toRGB on two resolutions) after that row. As printed
        when no row names a later one, or when the references go round in a circle."""
        count = len(self.rows)
        if not any(
            t is not None and t > pos for pos, targets in enumerate(self.targets) for t in targets
        ):
            return list(range(count))
        needs = [
            {t for t in targets if t is not None and t != pos}
            for pos, targets in enumerate(self.targets)
        ]
        done: set[int] = set()
        order: list[int] = []
        while len(order) < count:
            ready = next(
                (pos for pos in range(count) if pos not in done and needs[pos] <= done), None
            )
            if ready is None:
                return list(range(count))  # a circle: left as printed
            done.add(ready)
            order.append(ready)
        return order

    def _resolve_all(self, refs: list[Ref], pos: int) -> list[Optional[int]]:
        """The rows one row's references name. Cut references of one row name different rows
        where they can (a merge of `encoder_…` and `encoder_…`), in the order printed."""
        taken: set[int] = set()
        targets: list[Optional[int]] = []
        for ref in refs:
            target = self._resolve(ref, pos, taken)
            if target is not None:
                taken.add(target)
            targets.append(target)
        cut = [i for i, ref in enumerate(refs) if ref.cut and targets[i] is not None]
        for i, target in zip(cut, sorted(targets[i] for i in cut)):  # type: ignore[type-var]
            targets[i] = target
        return targets

    def _resolve(self, ref: Ref, before: int, taken: set[int]) -> Optional[int]:
        """The row a reference names: exact, else the latest earlier row its cut name fits (the
        first, among model inputs), preferring a row nothing has used yet, as two inputs cut to
        one prefix are."""
        name = ref.layer
        if not name:
            return None
        exact = [j for j, r in enumerate(self.rows) if r.layer.name == name]
        if exact and not ref.cut:
            return exact[0]
        fits = [j for j, r in enumerate(self.rows[:before]) if cut_name_fits(r.layer, name)]
        unused = [j for j in fits if j not in self.referenced and j not in taken]
        free = [j for j in fits if j not in taken]
        pool = unused or free or fits
        if not pool:
            return None
        # model inputs are printed in the order the model takes them, and used in that order
        # by the layers below them: the first unused one (two `input_lay…` rows)
        return pool[0] if all(self.rows[j].is_input for j in pool) else pool[-1]

    def _hidden_inputs(self) -> list[HiddenInput]:
        hidden: list[HiddenInput] = []
        seen: set[str] = set()
        first_layer = next((r for r in self.rows if not r.is_input), None)
        for pos, row in enumerate(self.rows):
            for ref, target in zip(self.refs[pos], self.targets[pos]):
                if target is None and ref.layer not in seen:
                    seen.add(ref.layer)
                    shape = feed_shape(row)
                    if shape is not None:
                        hidden.append(HiddenInput(ref.layer, shape, row.code.input_dtype))
        has_inputs = any(r.is_input for r in self.rows)
        if not hidden and not has_inputs and first_layer is not None:
            shape = model_input_shape(self.rows, self.owner)
            if shape is not None:
                hidden.append(HiddenInput("input", shape, first_layer.code.input_dtype))
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
        style = row.code.call_style
        takes_many = row.layer.type in MULTI_INPUT or style != CallStyle.SINGLE
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
            if takes_many:
                partner = self._partner(pos, previous)
                if partner is not None:
                    self.consumed.add((partner, 0))
                    tensors = [self.vars[(partner, 0)], self.vars[key]]
                    return [call_src(tensors, style)]
            return [self.vars[key]]
        tensors = [self._tensor(ref, target) for ref, target in zip(refs, self.targets[pos])]
        if takes_many:
            calls = len(self.nodes_used.get(pos, [0]))
            per = len(tensors) // calls if len(tensors) % calls == 0 else len(tensors)
            groups = [tensors[i : i + per] for i in range(0, len(tensors), per)]
            return [call_src(group, style) for group in groups]
        if row.code.placeholder and len(tensors) > 1:
            return ["[" + ", ".join(tensors) + "]"]
        if row.code.cls in _RECURRENT and len(tensors) > 1:
            return [self._recurrent_call(pos, tensors)]
        return tensors

    def _first_output(self, pos: int) -> Optional[tuple[Optional[int], ...]]:
        """The first output shape printed on row pos, or None."""
        outputs = self.rows[pos].outputs
        return outputs[0] if outputs else None

    def _partner(self, pos: int, previous: int) -> Optional[int]:
        """The other input of a merge whose rows print no Connected to (expanded nested rows):
        the latest earlier row whose shape fits, one nothing has used yet first."""
        out, prev = self._first_output(pos), self._first_output(previous)
        if out is None or prev is None:
            return None
        fits: list[Optional[int]] = []
        for j in range(pos - 1, -1, -1):
            shape = self._first_output(j)
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
        first = self._first_output(pos)
        units = first[-1] if first else None
        states, mask = [], None
        for tensor, target in zip(tensors[1:], self.targets[pos][1:]):
            shape = self._first_output(target) if target is not None else None
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


def call_src(tensors: list[str], style: CallStyle) -> str:
    """The arguments of one call of a layer that takes several inputs."""
    if style in (CallStyle.ATTENTION, CallStyle.ATTENTION_SCORES):
        query, value, *rest = [*tensors, tensors[0]] if len(tensors) == 1 else tensors
        key = f", key={rest[0]}" if rest else ""
        scores = ", return_attention_scores=True" if style == CallStyle.ATTENTION_SCORES else ""
        return f"{query}, {value}{key}{scores}"
    return "[" + ", ".join(tensors) + "]"


def feed_shape(row: Node) -> Optional[Shape]:
    """The input shape a row was solved with (a first row's solved input first)."""
    if row.code.input_shape is not None:
        return row.code.input_shape
    if row.inputs:
        return row.inputs[0]
    return None


def model_input_shape(rows: list[Node], owner: Optional[Node]) -> Optional[Shape]:
    """The input shape of a model of these rows (a nested model: its row's input)."""
    if owner is not None and owner.inputs:
        return owner.inputs[0]
    for row in rows:
        if row.is_input:
            return (row.outputs or (None,))[0]
        shape = feed_shape(row)
        if shape is not None:
            return shape
        if row.code.placeholder and row.outputs:
            return row.outputs[0]
        break
    return None


def is_sequential(rows: list[Node], owner: Optional[Node]) -> bool:
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
            and refs[0].layer not in (previous, previous.rstrip(CUT_MARK))
            and not (previous.startswith(refs[0].layer))
        ):
            return False
        if i == 0 and refs[0].layer in names:
            return False
    return True


__all__ = ["Graph", "HiddenInput", "call_src", "feed_shape", "is_sequential", "model_input_shape"]
