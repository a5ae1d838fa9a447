"""Random valid Keras models, their printed summaries and truth, for the differential suites."""

from __future__ import annotations

import contextlib
import json
import math
import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Optional

from hypothesis import strategies as st

from summaryaudit import api
from summaryaudit.records import Report, Summary

GENERATOR = "tests/keras_models.py"
ROOT = Path(__file__).resolve().parents[1]
HYPOTHESIS_FIXTURES = ROOT / "fixtures" / "hypothesis"

# Layer types with no weights at all: a non-zero Param # on their row must be SA103.
WEIGHTLESS = {
    "InputLayer",
    "Dropout",
    "Flatten",
    "Reshape",
    "Activation",
    "RepeatVector",
    "ZeroPadding2D",
    "UpSampling2D",
    "MaxPooling1D",
    "MaxPooling2D",
    "MaxPooling3D",
    "AveragePooling1D",
    "AveragePooling2D",
    "AveragePooling3D",
    "GlobalAveragePooling1D",
    "GlobalAveragePooling2D",
    "GlobalAveragePooling3D",
    "GlobalMaxPooling1D",
    "GlobalMaxPooling2D",
    "GlobalMaxPooling3D",
    "Add",
    "Subtract",
    "Multiply",
    "Average",
    "Maximum",
    "Minimum",
    "Concatenate",
}
# Row types whose count is decidable from the printed shapes alone (always built with a bias
# here, so P = (fan_in + 1) × filters has no other reading): the rows a mutation may edit.
# (Conv rows are left out: the kernel size is not printed and a channels_first reading can
# explain an edited count, e.g. 21 = 20 × 1 + 1 on a (None, 1, 5, 4) output.)
DECIDABLE = {"Dense"}
MERGES = ("Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum")


@dataclass
class Built:
    """A built model with the summary() options to print it with."""

    model: Any
    options: dict[str, Any]
    notes: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- model building


class _Builder:
    """Draws layers that fit the current tensor's shape, so every model is valid."""

    def __init__(self, keras: Any, data: st.DataObject, functional: bool) -> None:
        self.keras = keras
        self.L = keras.layers
        self.data = data
        self.functional = functional
        self.used_names: set[str] = set()

    def draw(self, strategy: st.SearchStrategy, label: str) -> Any:
        return self.data.draw(strategy, label=label)

    def name(self) -> Optional[str]:
        """None (Keras names it) or a drawn name, sometimes long enough to be cut."""
        if not self.draw(st.booleans(), "custom name"):
            return None
        base = self.draw(st.from_regex(r"[a-z][a-z0-9_]{0,34}", fullmatch=True), "name")
        while base in self.used_names:
            base += "_x"
        self.used_names.add(base)
        return base

    def kw(self) -> dict[str, Any]:
        name = self.name()
        return {"name": name} if name else {}

    def small(self, lo: int = 1, hi: int = 6) -> int:
        return self.draw(st.integers(lo, hi), "size")

    # one layer -------------------------------------------------------------------------------

    def layer_for(self, x: Any) -> Any:
        """Apply one random layer that accepts x and return its output."""
        shape = tuple(x.shape)
        rank = len(shape)
        L = self.L
        choices: list[Callable[[], Any]] = [
            lambda: L.Dense(self.small(), **self.kw())(x),
            lambda: L.Dropout(0.25, **self.kw())(x),
            lambda: self.batch_norm(x),
            lambda: L.LayerNormalization(
                center=self.draw(st.booleans(), "ln center"),
                scale=self.draw(st.booleans(), "ln scale"),
                **self.kw(),
            )(x),
            lambda: L.Activation("relu", **self.kw())(x),
        ]
        if rank == 2:
            f = shape[1]
            choices.append(lambda: L.RepeatVector(self.small(1, 4), **self.kw())(x))
            divisors = [d for d in range(1, f + 1) if f % d == 0]
            choices.append(
                lambda: L.Reshape((self.draw(st.sampled_from(divisors), "steps"), -1), **self.kw())(
                    x
                )
            )
        if rank >= 3:
            choices.append(lambda: L.Flatten(**self.kw())(x))
            choices.append(lambda: L.TimeDistributed(L.Dense(self.small()), **self.kw())(x))
            choices.append(lambda: L.Reshape((-1, shape[-1]), **self.kw())(x))
        if rank == 3:
            choices += self.sequence_layers(x)
        if rank == 4:
            choices += self.image_layers(x)
        if rank == 5:
            choices += self.volume_layers(x)
        pick = self.draw(st.integers(0, len(choices) - 1), "layer")
        return choices[pick]()

    def batch_norm(self, x: Any) -> Any:
        rank = len(x.shape)
        axis = self.draw(st.sampled_from([-1, *range(1, rank)]), "bn axis")
        return self.L.BatchNormalization(
            axis=axis,
            center=self.draw(st.booleans(), "bn center"),
            scale=self.draw(st.booleans(), "bn scale"),
            **self.kw(),
        )(x)

    def conv_args(self, spatial: tuple[int, ...]) -> dict[str, Any]:
        padding = self.draw(st.sampled_from(["same", "valid"]), "padding")
        kmax = min(spatial) if padding == "valid" else 3
        return {
            "kernel_size": self.draw(st.integers(1, max(1, min(kmax, 3))), "kernel"),
            "padding": padding,
        }

    def sequence_layers(self, x: Any) -> list[Callable[[], Any]]:
        L, steps = self.L, tuple(x.shape)[1]

        def rnn(kind: str) -> Any:
            units = self.small(1, 5)
            seq = self.draw(st.booleans(), "return_sequences")
            if kind == "GRU":
                return L.GRU(
                    units, return_sequences=seq, reset_after=self.draw(st.booleans(), "reset_after")
                )
            return getattr(L, kind)(units, return_sequences=seq)

        kinds = ["SimpleRNN", "LSTM", "GRU"]
        out = [
            lambda: L.Conv1D(self.small(), **self.conv_args((steps,)), **self.kw())(x),
            lambda: L.Conv1DTranspose(self.small(), 2, **self.kw())(x),
            lambda: L.SeparableConv1D(self.small(), **self.conv_args((steps,)), **self.kw())(x),
            lambda: rnn(self.draw(st.sampled_from(kinds), "rnn"))(x),
            lambda: L.Bidirectional(
                rnn(self.draw(st.sampled_from(kinds), "rnn")),
                merge_mode=self.draw(st.sampled_from(["concat", "sum", "mul"]), "merge_mode"),
                **self.kw(),
            )(x),
            lambda: L.GlobalAveragePooling1D(**self.kw())(x),
            lambda: L.GlobalMaxPooling1D(**self.kw())(x),
        ]
        if self.functional:  # self-attention takes two inputs: not in a Sequential
            out.append(
                lambda: L.MultiHeadAttention(
                    self.small(1, 3),
                    self.small(1, 4),
                    use_bias=self.draw(st.booleans(), "mha bias"),
                    **self.kw(),
                )(x, x)
            )
        if steps >= 2:
            out.append(lambda: L.MaxPooling1D(2, **self.kw())(x))
            out.append(lambda: L.AveragePooling1D(2, **self.kw())(x))
        return out

    def image_layers(self, x: Any) -> list[Callable[[], Any]]:
        L, spatial = self.L, tuple(x.shape)[1:3]
        out = [
            lambda: L.Conv2D(self.small(), **self.conv_args(spatial), **self.kw())(x),
            lambda: (
                L.Conv2DTranspose(self.small(), 2, strides=2, **self.kw())(x)
                if max(spatial) <= 4
                else L.Conv2DTranspose(self.small(), 1, **self.kw())(x)
            ),
            lambda: L.SeparableConv2D(
                self.small(), depth_multiplier=self.small(1, 2), **self.conv_args(spatial)
            )(x),
            lambda: L.DepthwiseConv2D(
                depth_multiplier=self.small(1, 2), **self.conv_args(spatial), **self.kw()
            )(x),
            lambda: L.GlobalAveragePooling2D(**self.kw())(x),
            lambda: L.GlobalMaxPooling2D(**self.kw())(x),
            lambda: L.ZeroPadding2D(1, **self.kw())(x),
        ]
        if min(spatial) >= 2:
            out.append(lambda: L.MaxPooling2D(2, **self.kw())(x))
            out.append(lambda: L.AveragePooling2D(2, **self.kw())(x))
        if max(spatial) <= 4:
            out.append(lambda: L.UpSampling2D(2, **self.kw())(x))
        return out

    def volume_layers(self, x: Any) -> list[Callable[[], Any]]:
        L, spatial = self.L, tuple(x.shape)[1:4]
        out = [
            lambda: L.Conv3D(self.small(1, 4), **self.conv_args(spatial), **self.kw())(x),
            lambda: L.Conv3DTranspose(self.small(1, 4), 1, **self.kw())(x),
            lambda: L.GlobalAveragePooling3D(**self.kw())(x),
            lambda: L.GlobalMaxPooling3D(**self.kw())(x),
        ]
        if min(spatial) >= 2:
            out.append(lambda: L.MaxPooling3D(2, **self.kw())(x))
            out.append(lambda: L.AveragePooling3D(2, **self.kw())(x))
        return out

    # chains, merges, nesting ----------------------------------------------------------------

    def chain(self, x: Any, n: int, nesting: int) -> Any:
        for _ in range(n):
            what = self.draw(st.integers(0, 9), "step kind")
            if what == 0 and nesting > 0:
                x = self.nested(x, nesting - 1)
            elif what == 1 and self.functional:
                x = self.merge(x)
            else:
                x = self.layer_for(x)
        return x

    def merge(self, x: Any) -> Any:
        """A residual branch joined back to x with a merge layer."""
        L = self.L
        shape = tuple(x.shape)
        if self.draw(st.booleans(), "concatenate"):
            branch = L.Dense(self.small(), **self.kw())(x)
            return L.Concatenate(**self.kw())([x, branch])
        branch = self.draw(
            st.sampled_from(["dense", "bn", "dropout", "ln"]), "shape-keeping branch"
        )
        if branch == "dense":
            y = L.Dense(shape[-1], **self.kw())(x)
        elif branch == "bn":
            y = self.batch_norm(x)
        elif branch == "ln":
            y = L.LayerNormalization(**self.kw())(x)
        else:
            y = L.Dropout(0.1, **self.kw())(x)
        kind = self.draw(st.sampled_from(MERGES), "merge")
        return getattr(L, kind)(**self.kw())([x, y])

    def nested(self, x: Any, nesting: int) -> Any:
        """A Sequential or functional sub-model applied to x."""
        shape = tuple(x.shape)[1:]
        inner = _Builder(self.keras, self.data, self.draw(st.booleans(), "inner functional"))
        inner.used_names = self.used_names
        sub_in = self.keras.Input(shape)
        sub_out = inner.chain(sub_in, self.draw(st.integers(1, 3), "inner length"), nesting)
        name = self.name()
        if inner.functional:
            sub = self.keras.Model(sub_in, sub_out, name=name)
        else:
            # Rebuild the same layers as a Sequential: take them from the functional graph.
            probe = self.keras.Model(sub_in, sub_out)
            layers = [la for la in probe.layers if la.__class__.__name__ != "InputLayer"]
            linear = all(len(la._inbound_nodes) == 1 for la in layers) and all(
                not isinstance(la.input, (list, tuple)) for la in layers
            )
            if not linear:
                sub = probe
            else:
                sub = self.keras.Sequential([self.keras.Input(shape), *layers], name=name)
        return sub(x)


def build_model(keras: Any, data: st.DataObject) -> Built:
    """Draw and build one random, valid Keras model and the options to print it with."""
    keras.backend.clear_session()
    functional = data.draw(st.booleans(), label="functional")
    b = _Builder(keras, data, functional)
    kind = data.draw(st.sampled_from(["vector", "sequence", "tokens", "image", "volume"]), "input")
    dims = {"vector": 1, "sequence": 2, "tokens": 1, "image": 3, "volume": 4}[kind]
    shape = tuple(data.draw(st.integers(1, 6), label="input dim") for _ in range(dims))
    if kind == "tokens":
        inp = keras.Input(shape, dtype="int32", **b.kw())
        x = keras.layers.Embedding(b.small(2, 20), b.small(1, 5), **b.kw())(inp)
    else:
        inp = keras.Input(shape, **b.kw())
        x = inp
    inputs = [inp]
    if functional and kind != "tokens" and data.draw(st.booleans(), label="two inputs"):
        second = keras.Input(shape, **b.kw())
        inputs.append(second)
        y = b.layer_for(second) if data.draw(st.booleans(), label="second branch") else second
        if tuple(y.shape) == tuple(x.shape):
            x = getattr(keras.layers, data.draw(st.sampled_from(MERGES), "join"))()([x, y])
        else:
            x = keras.layers.Concatenate(axis=-1)([x, y]) if _concat_ok(x, y) else x
    x = b.chain(x, data.draw(st.integers(1, 6), label="length"), nesting=2)
    name = b.name()
    if functional:
        model = keras.Model(inputs if len(inputs) > 1 else inputs[0], x, name=name)
    else:
        probe = keras.Model(inp, x)
        layers = [la for la in probe.layers if la.__class__.__name__ != "InputLayer"]
        model = keras.Sequential([keras.Input(shape, dtype=inp.dtype), *layers], name=name)
    for layer in _all_layers(model):
        if data.draw(st.integers(0, 9), label="freeze?") == 0:
            layer.trainable = False
    options = {
        "columns": data.draw(st.integers(50, 220), label="COLUMNS"),
        "line_length": data.draw(st.none() | st.integers(50, 220), label="line_length"),
        "expand_nested": data.draw(st.booleans(), label="expand_nested"),
        "show_trainable": data.draw(st.booleans(), label="show_trainable"),
    }
    return Built(model, options)


def _concat_ok(x: Any, y: Any) -> bool:
    return tuple(x.shape)[:-1] == tuple(y.shape)[:-1]


def _all_layers(model: Any) -> Iterator[Any]:
    for layer in model.layers:
        yield layer
        if hasattr(layer, "layers") and layer.layers:
            yield from _all_layers(layer)


# --------------------------------------------------------------------------- printing and truth


@contextlib.contextmanager
def terminal(columns: Optional[int]) -> Iterator[None]:
    """Pretend the terminal is `columns` wide (rich and shutil read COLUMNS), without colour."""
    keys = ("COLUMNS", "FORCE_COLOR", "TERM", "NO_COLOR", "TTY_COMPATIBLE")
    saved = {k: os.environ.get(k) for k in keys}
    for k in keys:
        os.environ.pop(k, None)
    if columns is not None:
        os.environ["COLUMNS"] = str(columns)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def summary_text(model: Any, options: dict[str, Any]) -> str:
    """What model.summary() prints with these options, captured through print_fn."""
    lines: list[str] = []
    kw = {k: options[k] for k in ("line_length", "expand_nested", "show_trainable") if options[k]}
    with terminal(options["columns"]):
        model.summary(print_fn=lambda line, *a, **k: lines.append(line), **kw)
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def keras3_rows(model: Any, options: dict[str, Any]) -> list[dict[str, Any]]:
    """The rows Keras 3 prints, in order (as keras/src/utils/summary_utils.py walks them)."""
    from keras.src.models import Functional, Sequential

    if isinstance(model, Sequential) or not isinstance(model, Functional):
        layers = model.layers
    else:
        layers = model._operations
    rows: list[dict[str, Any]] = []

    def visit(layer: Any, depth: int) -> None:
        built = getattr(layer, "built", False)
        rows.append(
            {
                "name": layer.name,
                "type": layer.__class__.__name__,
                "params": int(layer.count_params()) if built else 0,
                "trainable": bool(getattr(layer, "trainable", True)),
                "depth": depth,
                "output_shape": _output_shape(layer),
                "has_weights": bool(getattr(layer, "weights", None)),
            }
        )
        if options.get("expand_nested") and getattr(layer, "layers", None):
            for sub in layer.layers:
                visit(sub, depth + 1)

    for layer in layers:
        visit(layer, 0)
    return rows


def _output_shape(layer: Any) -> Any:
    try:
        outs = layer._inbound_nodes[-1].output_tensors
    except (IndexError, AttributeError):
        return None
    shapes = [list(t.shape) for t in outs]
    return shapes[0] if len(shapes) == 1 else shapes


def keras3_totals(model: Any) -> dict[str, Optional[int]]:
    """Total / trainable / non-trainable counts the way Keras 3 computes them."""
    weights = getattr(model, "_collected_trainable_weights", None)
    trainable = weights if weights is not None else model.trainable_weights
    t = sum(math.prod(v.shape) for v in trainable)
    nt = sum(math.prod(v.shape) for v in model.non_trainable_weights)
    return {"total": int(t + nt), "trainable": int(t), "non_trainable": int(nt), "optimizer": None}


def bn_faults(model: Any, rows: list[dict[str, Any]]) -> list[dict[str, str]]:
    """The SA102 the audit must report: printed BatchNormalization rows on a non-channel axis.

    The text shows neither the axis nor center/scale, so a count that some variant
    (4×, 3× or 2× N) also explains on the channel axis is not a finding: only counts no
    variant gives for the last (channel) axis are.
    """
    by_name = {layer.name: layer for layer in _all_layers(model)}
    faults = []
    for row in rows:
        layer = by_name.get(row["name"])
        if row["type"] != "BatchNormalization" or layer is None:
            continue
        shape = row["output_shape"]
        axis = layer.axis if isinstance(layer.axis, int) else layer.axis[0]
        channels = shape[-1]
        if shape[axis] != channels and row["params"] not in {m * channels for m in (2, 3, 4)}:
            why = f"BatchNormalization on axis {axis} (size {shape[axis]}), channels {channels}"
            faults.append({"code": "SA102", "layer": row["name"], "why": why})
    return faults


def truth_for(model: Any, options: dict[str, Any], case: str) -> dict[str, Any]:
    """Ground truth in the fixtures/real/*/*.truth.json schema (plus `has_weights` per row)."""
    import keras

    rows = keras3_rows(model, options)
    return {
        "generator": GENERATOR,
        "generation": "keras3",
        "flavor": "keras3",
        "keras_version": keras.__version__,
        "backend": keras.backend.backend(),
        "python": "{}.{}.{}".format(*sys.version_info[:3]),
        "case": case,
        "options": {
            "line_length": options["line_length"],
            "expand_nested": options["expand_nested"],
            "show_trainable": options["show_trainable"],
            "layer_range": None,
            "columns": options["columns"],
            "positions": None,
        },
        "expected_dialect": "keras3",
        "model_name": model.name,
        "layers": rows,
        "totals": keras3_totals(model),
        "faults": bn_faults(model, rows),
    }


# --------------------------------------------------------------------------- comparing


def compare(text: str, truth: dict[str, Any], source: str = "<keras>") -> Summary:
    """Assert the parse of `text` equals the truth row by row, and the totals; return it."""
    summaries = api.parse_text(text, source=source)
    assert len(summaries) == 1, f"{len(summaries)} summaries parsed"
    summary = summaries[0]
    assert summary.dialect == truth["expected_dialect"]
    assert summary.model_name == truth["model_name"]
    assert summary.unreadable == (), f"{summary.unreadable}\n{text}"
    got_names = [g.name for g in summary.layers]
    assert len(summary.layers) == len(truth["layers"]), (got_names, truth["layers"])
    show_trainable = truth["options"]["show_trainable"]
    cropped = summary.cropped or printed_wider_than_terminal(truth["options"])
    for got, want in zip(summary.layers, truth["layers"]):
        if "name" in got.truncated:
            assert want["name"].startswith(got.name.rstrip("…")), (got.name, want["name"])
        else:
            assert got.name == want["name"]
        if "type" in got.truncated and not got.type:
            assert want["type"].startswith(got.printed_type.rstrip("…")), got.name
        else:
            assert got.type == want["type"], got.name
        assert got.depth == want["depth"], got.name
        if summary.cropped and got.params is None:
            continue  # the Param # column was cropped away by a narrow terminal
        if got.params is None and got.params_cut:
            # Keras 3 cut the count in its column (`28,…`): the digits it kept begin the count
            shown = got.params_cut.rstrip("…")
            assert shown and f"{want['params']:,}".startswith(shown), (got.name, shown)
        else:
            assert got.params == want["params"], got.name
        if got.trainable is not None:
            assert show_trainable, got.name
            assert got.trainable == want["trainable"], got.name
        elif show_trainable and want.get("has_weights") and not cropped:
            raise AssertionError(f"{got.name}: Trainable printed but not read")
    assert summary.totals.to_dict() == truth["totals"]
    return summary


def printed_wider_than_terminal(options: dict[str, Any]) -> bool:
    """Whether rich cut the table at the terminal's edge (a line_length wider than COLUMNS)."""
    columns, line_length = options.get("columns"), options.get("line_length")
    return bool(columns and line_length and line_length > columns)


def loud(report: Report) -> list[tuple[str, Optional[str]]]:
    """(code, layer) of every error and warning, sorted."""
    found = [f for f in report.findings if f.severity.value in ("error", "warning")]
    return sorted((f.code, f.layer) for f in found)


def expected_loud(summary: Summary, truth: dict[str, Any]) -> list[tuple[str, Optional[str]]]:
    """The findings the audit must report: the truth's faults under their printed names."""
    printed = {}
    unread = set()  # rows whose count a cropped table hid: their faults cannot show
    for got, want in zip(summary.layers, truth["layers"]):
        printed.setdefault(want["name"], got.name)
        if got.params is None:
            unread.add(want["name"])
    expected = [
        (f["code"], printed.get(f["layer"], f["layer"]))
        for f in truth["faults"]
        if f["layer"] not in unread
    ]
    if summary.cropped:
        expected.append(("SA003", None))
    return sorted(expected)


def save_fixture(name: str, text: str, truth: dict[str, Any], bug: str) -> Path:
    """Write <name>.txt (exactly what Keras printed) and <name>.truth.json."""
    HYPOTHESIS_FIXTURES.mkdir(parents=True, exist_ok=True)
    truth = {**truth, "case": name, "open_bug": bug}
    (HYPOTHESIS_FIXTURES / f"{name}.txt").write_bytes(text.encode("utf-8"))
    path = HYPOTHESIS_FIXTURES / f"{name}.truth.json"
    path.write_text(dump_truth(truth), encoding="utf-8")
    return path


def dump_truth(truth: dict[str, Any]) -> str:
    """JSON with one line per layer row, like fixtures/real (small, diff-friendly)."""
    parts = []
    for key, val in truth.items():
        if key == "layers":
            rows = ["  " + json.dumps(r, ensure_ascii=False, separators=(", ", ": ")) for r in val]
            body = "[\n" + ",\n".join(rows) + "\n ]" if rows else "[]"
            parts.append(' "layers": ' + body)
        else:
            parts.append(f" {json.dumps(key)}: {json.dumps(val, ensure_ascii=False)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


# --------------------------------------------------------------------------- mutations

PARAM_CELL = 3  # "│ name │ shape │ params │ …": the split's fourth piece


def set_row_params(text: str, line: int, value: int) -> Optional[str]:
    """Text with the Param # cell of the row on `line` (1-based) set to value, width kept."""
    lines = text.split("\n")
    cells = lines[line - 1].split("│")
    if len(cells) <= PARAM_CELL + 1:
        return None
    cell = cells[PARAM_CELL]
    new = f"{value:,}"
    if not re.fullmatch(r" *[\d,]+ ", cell) or len(new) + 2 > len(cell):
        return None
    cells[PARAM_CELL] = " " + new.rjust(len(cell) - 2) + " "
    lines[line - 1] = "│".join(cells)
    return "\n".join(lines)


def set_total(text: str, value: int) -> str:
    """Text with the Total params number replaced (size and other lines left as printed)."""
    return re.sub(r"(Total params: )[\d,]+", lambda m: f"{m.group(1)}{value:,}", text, count=1)


# --------------------------------------------------------------------------- open-bug fixtures

OPEN_BUGS = {
    "header_wrapped": (
        "A narrow terminal wraps a header cell ('Output / Shape', 'Param / #'): the "
        "two-line header is not read, so the table is not read as Keras 3 (wrong dialect, "
        "or every row SA001 unreadable)"
    ),
    "cropped_in_param_column": (
        "line_length wider than the terminal crops the table inside the Param # column: "
        "the rows are reported unreadable (SA001) instead of a cropped table (SA003, "
        "params None)"
    ),
    "truncated_type_guessed": (
        "A class name cut with … ('GlobalAveragePo…') is resolved to one full class "
        "(GlobalAveragePooling1D) although the shapes say GlobalAveragePooling2D"
    ),
    "trainable_header_cut": (
        "show_trainable at a width that cuts the header to 'Tra…': the Y/N column is not read "
        "(trainable None on every row)"
    ),
}


def _bug_models(keras: Any) -> dict[str, tuple[Any, dict[str, Any]]]:
    """The smallest models and print options showing each open bug (as hypothesis found)."""
    L = keras.layers
    keras.backend.clear_session()
    inp = keras.Input((6,))
    a = L.Dense(1, name="a")(inp)
    wrapped = keras.Model(inp, L.Concatenate()([inp, a]))
    keras.backend.clear_session()
    inp = keras.Input((8, 8, 3))
    h = L.Conv2D(4, 3)(inp)
    h = L.BatchNormalization()(h)
    cropped = keras.Model(inp, L.Dense(2)(L.Flatten()(h)))
    keras.backend.clear_session()
    guessed = keras.Sequential(
        [keras.Input((3, 6, 5)), L.Dense(3), L.AveragePooling2D(2), L.GlobalAveragePooling2D()]
    )
    keras.backend.clear_session()
    tok = keras.Input((5,), dtype="int32")
    cut = keras.Model(tok, L.LayerNormalization()(L.Embedding(11, 4)(tok)))
    opts = {"expand_nested": False, "show_trainable": False}
    return {
        "header_wrapped": (wrapped, {**opts, "columns": 54, "line_length": None}),
        "cropped_in_param_column": (cropped, {**opts, "columns": 190, "line_length": 220}),
        "trainable_header_cut": (
            cut,
            {**opts, "columns": 72, "line_length": None, "show_trainable": True},
        ),
        "truncated_type_guessed": (guessed, {**opts, "columns": 50, "line_length": None}),
    }


def main() -> None:
    """Regenerate fixtures/hypothesis/ from real Keras 3 (numpy backend)."""
    os.environ["KERAS_BACKEND"] = "numpy"
    import keras

    for name, (model, options) in _bug_models(keras).items():
        text = summary_text(model, options)
        path = save_fixture(name, text, truth_for(model, options, name), OPEN_BUGS[name])
        print(path)
        print(text)


if __name__ == "__main__":
    main()
