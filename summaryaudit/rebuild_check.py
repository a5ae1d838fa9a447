"""Build rebuilt Keras code with the installed Keras 3 and compare its summary row by row."""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .api import parse_text
from .cell_grammar import read_shapes as parse_shapes
from .rebuild_classes import keras3_class
from .rebuild_refs import CUT_MARK, name_complete
from .records import Layer, Summary

_WIDE = 250


class KerasMissing(RuntimeError):
    """Keras 3 is not installed (or an older Keras is)."""


@dataclass(frozen=True)
class Comparison:
    """The rebuilt model's summary against the pasted one: every difference found."""

    differences: tuple[str, ...]
    rows: int
    totals: int
    keras: str
    printed: str

    @property
    def matches(self) -> bool:
        """Tell whether every row and total matched."""
        return not self.differences


def _pick_backend() -> None:
    """Without KERAS_BACKEND, keep keras.json's backend if it imports, else use one that does."""
    if "KERAS_BACKEND" in os.environ:
        return
    home = os.environ.get("KERAS_HOME") or os.path.join(os.path.expanduser("~"), ".keras")
    try:
        with open(os.path.join(home, "keras.json"), encoding="utf-8") as handle:
            configured = str(json.load(handle).get("backend", "tensorflow"))
    except (OSError, ValueError, AttributeError):
        configured = "tensorflow"  # Keras' own default
    if configured == "numpy" or importlib.util.find_spec(configured) is not None:
        return
    for backend in ("jax", "tensorflow", "torch"):
        if importlib.util.find_spec(backend) is not None:
            os.environ["KERAS_BACKEND"] = backend
            return
    os.environ["KERAS_BACKEND"] = "numpy"


def import_keras() -> Any:
    """Import Keras 3, or raise KerasMissing with the reason in one line."""
    if "keras" not in sys.modules:
        _pick_backend()
    try:
        import keras  # type: ignore[import-not-found,unused-ignore]
    except ImportError as exc:
        raise KerasMissing(
            f"Keras 3 is not installed ({exc}); install the extra: "
            "pip install 'summaryaudit[keras]'"
        ) from None
    if int(keras.__version__.split(".")[0]) < 3:
        raise KerasMissing(f"Keras {keras.__version__} is installed; --check needs Keras 3")
    return keras


def build(code: str) -> Any:
    """Run a rebuilt module's code and return the model its build_model() makes."""
    import_keras()
    namespace: dict[str, Any] = {"__name__": "summaryaudit_rebuilt"}
    exec(compile(code, "<rebuilt>", "exec"), namespace)
    return namespace["build_model"]()


@contextlib.contextmanager
def _plain_terminal() -> Iterator[None]:
    keys = ("COLUMNS", "FORCE_COLOR", "TERM", "NO_COLOR", "TTY_COMPATIBLE")
    saved = {k: os.environ.get(k) for k in keys}
    for k in keys:
        os.environ.pop(k, None)
    os.environ["COLUMNS"] = str(_WIDE)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def printed_summary(model: Any, expected: Summary) -> str:
    """The model's summary, printed with the options the pasted one shows (nested, trainable)."""
    lines: list[str] = []
    options: dict[str, Any] = {"line_length": _WIDE}
    if any(layer.depth > 0 for layer in expected.layers):
        options["expand_nested"] = True
    if "trainable" in expected.columns or any(
        layer.trainable is not None for layer in expected.layers
    ):
        options["show_trainable"] = True
    with _plain_terminal():
        model.summary(print_fn=lambda line, *a, **k: lines.append(line), **options)
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def _row_differences(index: int, want: Layer, got: Layer) -> list[str]:
    found = []
    label = f"row {index + 1} ({want.name})"
    if name_complete(want) and want.name != got.name:
        found.append(f"{label}: name {got.name!r}, expected {want.name!r}")
    want_type = keras3_class(want.type)
    printed = want.printed_type.rstrip(CUT_MARK)
    cut_fits = "type" in want.truncated and (not printed or got.type.startswith(printed))
    if want.type and want_type != got.type and not cut_fits:
        found.append(f"{label}: class {got.type}, expected {want_type}")
    want_shapes = parse_shapes(want.output_shape) if "output_shape" not in want.truncated else None
    got_shapes = parse_shapes(got.output_shape)
    if want_shapes is not None and not _shapes_agree(want_shapes, got_shapes):
        found.append(f"{label}: output shape {got.output_shape}, expected {want.output_shape}")
    if want.params is not None and want.params != got.params:
        found.append(f"{label}: Param # {got.params}, expected {want.params}")
    if want.trainable is not None and got.trainable is not None and want.trainable != got.trainable:
        found.append(f"{label}: trainable {got.trainable}, expected {want.trainable}")
    return found


def _shapes_agree(want: tuple[Any, ...], got: Any) -> bool:
    """Equal shapes; a dim printed as None (unknown to that Keras, e.g. Reshape -1) fits any."""
    if got is None or len(want) != len(got):
        return False
    for w, g in zip(want, got):
        if len(w) != len(g) or any(a is not None and a != b for a, b in zip(w, g)):
            return False
    return True


def _total_differences(want: Summary, got: Summary) -> tuple[list[str], int]:
    found, compared = [], 0
    optimizer = want.totals.optimizer.value if want.totals.optimizer is not None else 0
    pairs = (
        ("Total params", want.totals.total, got.totals.total, optimizer or 0),
        ("Trainable params", want.totals.trainable, got.totals.trainable, 0),
        ("Non-trainable params", want.totals.non_trainable, got.totals.non_trainable, 0),
    )
    for label, w, g, extra in pairs:
        if w is None or w.value is None:
            continue
        compared += 1
        got_value = g.value if g is not None else None
        if got_value != w.value - extra:
            found.append(f"{label}: {got_value}, expected {w.value - extra:,}")
    return found, compared


def compare(expected: Summary, rebuilt: Summary, keras_version: str, printed: str) -> Comparison:
    """Compare a rebuilt model's parsed summary with the pasted one, row by row and in totals."""
    found: list[str] = []
    want, got = list(expected.layers), list(rebuilt.layers)
    if len(want) != len(got):
        found.append(f"{len(got)} rows, expected {len(want)}")
    for index, (w, g) in enumerate(zip(want, got)):
        found += _row_differences(index, w, g)
    totals, compared = _total_differences(expected, rebuilt)
    found += totals
    return Comparison(tuple(found), len(want), compared, keras_version, printed)


def check(code: str, expected: Summary) -> Comparison:
    """Build the code with the installed Keras 3 and compare its summary with `expected`."""
    keras = import_keras()
    model = build(code)
    printed = printed_summary(model, expected)
    parsed = parse_text(printed, source="<rebuilt>")
    if not parsed:
        return Comparison(
            ("the rebuilt model's summary could not be read",), 0, 0, keras.__version__, printed
        )
    version = f"keras {keras.__version__}, {keras.backend.backend()} backend"
    return compare(expected, parsed[0], version, printed)


def describe(result: Comparison) -> str:
    """One line for a match, else the differing rows, one per line."""
    if result.matches:
        return (
            f"check passed: {result.rows} rows and {result.totals} totals match the rebuilt "
            f"model ({result.keras})\n"
        )
    lines = [f"check failed ({result.keras}): {len(result.differences)} differences"]
    lines += [f"  {d}" for d in result.differences]
    return "\n".join(lines) + "\n"


__all__ = ["Comparison", "KerasMissing", "build", "check", "compare", "describe", "import_keras"]
