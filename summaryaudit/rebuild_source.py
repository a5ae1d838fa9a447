"""Python source text of the rebuilt module's pieces: layer calls, inputs, comments, header."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Optional

from .rebuild_classes import PLACEHOLDER_BASE
from .rebuild_names import class_identifier
from .rebuild_node import Node
from .rebuild_row import LayerCode, iter_notes
from .records import Shape, Summary

INDENT = "    "

_PLACEHOLDER_BASE_SRC = f'''class {PLACEHOLDER_BASE}(keras.layers.Layer):
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


def args_src(args: Sequence[tuple[str, str]]) -> str:
    """Call arguments: positional ones bare, keyword ones as key=value."""
    return ", ".join(value if not key else f"{key}={value}" for key, value in args)


def comment(notes: Sequence[str]) -> str:
    """An end-of-line comment holding the notes (nothing without notes)."""
    return "  # " + "; ".join(notes) if notes else ""


def row_notes(node: Node) -> list[str]:
    """The notes on a row's line: the choices its call makes, and whether it is frozen."""
    notes = list(iter_notes(node.code))
    if node.frozen and not node.is_model:
        notes.append("frozen below")
    return notes


def layer_src(code: LayerCode, name: Optional[str]) -> str:
    """The constructor expression of a solved layer (a placeholder: its stand-in class)."""
    extra: list[tuple[str, str]] = [("name", repr(name))] if name else []
    if code.placeholder:
        shapes = [list(s[1:]) for s in code.outputs or ()]
        args = [
            ("output_shapes", repr(shapes)),
            ("trainable_size", str(code.trainable_size)),
        ]
        if code.non_trainable:
            args.append(("non_trainable_size", str(code.non_trainable)))
        return f"{class_identifier(code.cls)}({args_src(args + extra)})"
    if code.inner is not None:
        inner = f"keras.layers.{code.inner.cls}({args_src(code.inner.args)})"
        return f"keras.layers.{code.cls}({args_src([('', inner), *code.args, *extra])})"
    return f"keras.layers.{code.cls}({args_src([*code.args, *extra])})"


def _input_shape_src(shape: Shape) -> str:
    dims = list(shape[1:])
    return "(" + ", ".join(str(d) for d in dims) + ("," if len(dims) == 1 else "") + ")"


def input_src(shape: Shape, name: Optional[str], dtype: Optional[str]) -> str:
    """A keras.Input(...) call for a model input of this shape (with batch)."""
    args = [f"shape={_input_shape_src(shape)}"]
    if shape and shape[0] is not None:
        args.append(f"batch_size={shape[0]}")
    if dtype:
        args.append(f'dtype="{dtype}"')
    if name:
        args.append(f"name={name!r}")
    return f"keras.Input({', '.join(args)})"


def placeholder_classes_src(classes: set[str]) -> list[str]:
    """The stand-in base class, then one subclass per placeholder class the module uses."""
    if not classes:
        return []
    parts = [_PLACEHOLDER_BASE_SRC]
    for cls in sorted(classes):
        identifier = class_identifier(cls)
        parts.append(
            f"class {identifier}({PLACEHOLDER_BASE}):\n"
            f'{INDENT}"""PLACEHOLDER for `{cls}`: write the real layer here."""\n'
        )
        if identifier != cls:  # a name Python or the module binds: the class prints as `cls`
            parts.append(f"{identifier}.__name__ = {cls!r}  # the class as the summary prints it\n")
    return parts


def module_head(summary: Summary, notes: Sequence[str], other_counts: Sequence[str] = ()) -> str:
    """The module docstring (what was rebuilt, from where, what it keeps), the notes, and the
    import; `other_counts` names the rows whose Param # Keras 3 cannot give."""
    head = [
        f'"""Keras 3 code rebuilt by summaryaudit from a printed model.summary()'
        f"{_source_text(summary)}.",
        "",
        *_kept(other_counts),
        "A summary does not show every argument: where several choices give the same row, the",
        "comment on that line names the one taken.",
        '"""',
        "",
        "import keras",
        "",
    ]
    for note in notes:
        head.insert(-2, f"# {note}")
    return "\n".join(head)


def _kept(other_counts: Sequence[str]) -> list[str]:
    """What the rebuilt model keeps of the print, as docstring lines."""
    if not other_counts:
        return [
            "Same layers in the same order, same output shapes, same Param # on every row and the",
            "same totals.",
        ]
    names = ", ".join(other_counts)
    return [
        "Same layers in the same order and same output shapes. Same Param # on every row but",
        f"{names}: Keras 3 has no layer with that count (the comment on the line says why),",
        "so the totals differ too.",
    ]


def _source_text(summary: Summary) -> str:
    where = f" ({summary.source}, lines {summary.start_line}-{summary.end_line})"
    name = f' of model "{summary.model_name}"' if summary.model_name else ""
    return name + (where if summary.source and summary.source != "<string>" else "")


__all__ = [
    "INDENT",
    "args_src",
    "comment",
    "input_src",
    "layer_src",
    "module_head",
    "placeholder_classes_src",
    "row_notes",
]
