"""Write the rebuilt module: placeholder classes, one builder per nested model, build_model()."""

from __future__ import annotations

from typing import Optional

from .rebuild_graph import Graph, is_sequential, model_input_shape
from .rebuild_hidden import synthesise_inner
from .rebuild_names import BUILD_MODEL, LayerNames, Variables, class_identifier
from .rebuild_node import Node, RebuildError, walk
from .rebuild_row import has_other_count
from .rebuild_source import (
    INDENT,
    comment,
    input_src,
    layer_src,
    module_head,
    placeholder_classes_src,
    row_notes,
)
from .records import Summary


def _function_src(name: str, doc: str, body: list[str]) -> str:
    """A model-building function: its def line, its docstring, its indented body."""
    lines = [f"def {name}() -> keras.Model:", f'{INDENT}"""{doc}"""']
    lines += [INDENT + line for line in body]
    return "\n".join(lines)


class ModuleWriter:
    """Writes the module: placeholder classes, one builder per nested model, build_model()."""

    def __init__(self, summary: Summary) -> None:
        self.summary = summary
        self.functions: list[str] = []
        self.placeholder_classes: set[str] = set()
        self.names = LayerNames(summary)
        self.variables = Variables()

    def _constructor(self, node: Node) -> str:
        """The constructor expression of one row's layer (a nested model: its builder call)."""
        if node.is_model:
            return f"{self._nested_builder(node)}()"
        name = self.names.name_of(node)
        if node.code.placeholder:
            self.placeholder_classes.add(node.code.cls)
        return layer_src(node.code, name)

    # nested models ---------------------------------------------------------------------

    def _nested_builder(self, node: Node) -> str:
        fn = self.variables.new(f"build_{node.layer.name}")
        # unique in the model that holds it, without a cut mark (`sequentia…` twice)
        body = self._model_body(node.children, node, self.names.name_of(node))
        self.functions.append(_function_src(fn, f"The nested model `{node.layer.name}`.", body))
        return fn

    def _model_body(
        self, rows: list[Node], owner: Optional[Node], name: Optional[str]
    ) -> list[str]:
        """Statements that end with `return <model>`."""
        with self.names.model():
            return self._scoped_body(rows, owner, name)

    def _scoped_body(
        self, rows: list[Node], owner: Optional[Node], name: Optional[str]
    ) -> list[str]:
        frozen_model = owner is not None and owner.frozen
        if owner is not None and not rows:
            rows = synthesise_inner(owner)
        if is_sequential(rows, owner):
            lines = self._sequential(rows, owner, name)
        else:
            lines = self._functional(rows, owner, name)
        for row in rows:
            if row.frozen and not row.is_model:
                lines.insert(
                    -1,
                    f"model.get_layer({self.names.name_of(row)!r}).trainable = False"
                    "  # frozen: its weights count as non-trainable",
                )
        if frozen_model:
            lines.insert(
                -1, "model.trainable = False  # frozen: every weight inside is non-trainable"
            )
        return lines

    # Sequential ------------------------------------------------------------------------

    def _sequential(
        self, rows: list[Node], owner: Optional[Node], name: Optional[str]
    ) -> list[str]:
        first = next((r for r in rows if not r.is_input), None)
        shape = model_input_shape(rows, owner)
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
            items.append(f"{input_src(shape, None, dtype)},{note}")
        for row in rows:
            if row.is_input:
                continue
            items.append(f"{self._constructor(row)},{comment(row_notes(row))}")
        lines = ["model = keras.Sequential(", f"{INDENT}["]
        lines += [INDENT * 2 + item for item in items]
        lines += [f"{INDENT}],"]
        if name:
            lines.append(f"{INDENT}name={name!r},")
        lines += [")", "return model"]
        return lines

    # functional ------------------------------------------------------------------------

    def _functional(
        self, rows: list[Node], owner: Optional[Node], name: Optional[str]
    ) -> list[str]:
        graph = Graph(rows, owner)
        lines: list[str] = []
        inputs: list[str] = []
        for hidden in graph.hidden_inputs:
            var = self.variables.new(hidden.name)
            graph.hidden_vars[hidden.name] = var
            lines.append(
                f"{var} = {input_src(hidden.shape, None, hidden.dtype)}"
                "  # an input the table does not print: shape solved from the layer it feeds"
            )
            inputs.append(var)
        previous: Optional[int] = None
        chained = not any(row.layer.connected_to for row in rows)  # no Connected to column
        for pos in graph.emission_order() if not chained else range(len(rows)):
            row = rows[pos]
            if row.is_input:
                var = self.variables.new(row.layer.name)
                shape = (row.outputs or (row.code.input_shape,))[0]
                if shape is None:
                    raise RebuildError(f"the input {row.layer.name!r} prints no shape")
                named = self.names.name_of(row)
                lines.append(f"{var} = {input_src(shape, named, graph.input_dtype(pos))}")
                graph.vars[(pos, 0)] = var
                inputs.append(var)
                previous = pos
                continue
            calls = graph.calls(pos, previous)
            expr = self._constructor(row)
            note = comment(row_notes(row))
            previous = pos
            if len(calls) == 1:
                var = self.variables.new(row.layer.name)
                target = var
                if len(row.outputs or ()) > 1 and chained:
                    # a layer that returns a list (an LSTM's sequences and states, 71c's 010):
                    # the next row of a chain takes its first tensor
                    target = f"{var}, *{var}_rest"
                lines.append(f"{target} = {expr}({calls[0]}){note}")
                graph.vars[(pos, 0)] = var
                continue
            layer_var = self.variables.new(f"{row.layer.name}_layer")
            lines.append(f"{layer_var} = {expr}{note}")
            for k, call in enumerate(calls):
                var = self.variables.new(f"{row.layer.name}_call{k}")
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
        """The whole module's source for these top-level nodes and header notes."""
        for node in walk(top):
            if node.code.placeholder:
                # a stand-in class the module defines: no variable may shadow it (a class
                # named `attention` on the row `attention`)
                self.variables.reserve(class_identifier(node.code.cls))
        body = self._model_body(top, None, self.summary.model_name)
        build = _function_src(BUILD_MODEL, "The rebuilt model.", body)
        other_counts = [node.layer.name for node in walk(top) if has_other_count(node.code)]
        parts = [module_head(self.summary, notes, other_counts)]
        parts += placeholder_classes_src(self.placeholder_classes)
        parts += [*self.functions, build]
        parts.append(f'if __name__ == "__main__":\n    {BUILD_MODEL}().summary()\n')
        return "\n\n".join(p.rstrip("\n") + "\n" for p in parts)


__all__ = ["ModuleWriter"]
