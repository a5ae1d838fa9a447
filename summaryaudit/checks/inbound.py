"""SA401: Connected to entries that name no row of the table."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Optional

from ..cell_grammar import read_reference
from ..records import Finding, Severity
from .analysis import Analysis
from .input_chain import base_name, connected_only_to_itself, keras1_nested_rows, nearest_above
from .registry import check, finding
from .rows import is_elision, is_hidden_input


@check("SA401")
def unknown_inbound(analysis: Analysis) -> Iterator[Finding]:
    """Connected to entries that name no row of the table."""
    summary = analysis.summary
    if summary.cropped:
        return  # a cropped Connected to column shows the start of names only
    layers, names = analysis.layers, analysis.names
    first_top = next((layer for layer in layers if layer.depth == 0), None)
    # printed with layer_range: the first row's inbound layer is a real row outside the range
    # (a Keras 1 Sequential's first row names its hidden `dense_input_1`: not a slice)
    sliced_start = (
        first_top is not None
        and first_top.type != "InputLayer"
        and any(
            base_name(ref) not in names and not is_hidden_input(base_name(ref))
            for ref in first_top.connected_to
        )
    )
    elided: Optional[bool] = None  # worked out at the first finding (most tables have none)
    unread: Optional[frozenset[str]] = None  # ditto: the first word of each unreadable line
    nested = keras1_nested_rows(summary.dialect, layers)
    inner_names: dict[int, str] = {}  # nested model row → the one inner layer name it stands for
    # A table that prints its inputs' rows prints every input of the model: a top-level row's
    # `input_16` is then no hidden input but a row missing (15a's 001)
    inputs_printed = any(layer.type == "InputLayer" and not layer.depth for layer in layers)
    for index, layer in enumerate(layers):
        if layer.connected_to and connected_only_to_itself(layer, layer.connected_to):
            yield finding(
                analysis,
                "SA401",
                f"{layer.name} is connected only to itself, which no layer's first call can "
                "be (a layer reused on its own output names its first input too): the "
                "Connected to entry was likely retyped, so the row's input is not known",
                layer.line,
                layer.name,
            )
            continue
        for ref in layer.connected_to:
            base = read_reference(ref).layer  # (base_name, without a call for each entry)
            if not base or base in names.rows_named or "…" in base:
                continue
            if " " in base.strip() and "[" not in ref:
                # `layer_norm_1 + MHA`: the inputs said in words, no layer's name (31c's 012)
                yield finding(
                    analysis,
                    "SA401",
                    f"{layer.name}'s Connected to says {ref.strip()!r} in words, not a layer's "
                    "name, so its inputs are not checked against the rows",
                    layer.line,
                    layer.name,
                    severity=Severity.INFO,
                )
                continue
            if is_hidden_input(base) and not (
                inputs_printed and not layer.depth and base.startswith("input_")
            ):
                continue
            if names.may_name(base):
                continue  # a row whose own name the print cut (`dense…`)
            if (
                index == len(layers) - 1
                and "[" not in ref
                and not summary.totals.present()
                and any(name.startswith(base) for name in names.rows_named)
            ):
                continue  # the paste ends inside this entry (25e's 003: `batchnormalizatio`)
            if sliced_start:
                continue  # printed with layer_range: inbound rows outside the range are not shown
            above = nearest_above(nested, index)
            if above is not None and inner_names.setdefault(above, base) == base:
                continue  # Keras 1 names the last layer of the nested model printed above
            if unread is None:
                unread = _names_of_unread_lines(summary.unreadable)
            if base in unread:
                continue  # its row is there, but SA001 says it could not be read
            if elided is None:
                elided = bool(summary.elided) or any(is_elision(layer) for layer in layers)
            if elided:
                yield finding(
                    analysis,
                    "SA401",
                    f"{layer.name} is connected to {base!r}, which has no row: it is among the "
                    "rows the paste left out" + _where_left_out(summary.elided, layer.line),
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


def _names_of_unread_lines(unreadable: tuple[tuple[int, str], ...]) -> frozenset[str]:
    """The first word of each line that could not be read: the name of a row that is there."""
    words = (text.strip(" \t│|").split(maxsplit=1) for _, text in unreadable)
    return frozenset(word[0] for word in words if word)


def _where_left_out(elided: tuple[int, ...], line: int) -> str:
    """Where the paste marks the rows it left out above a row (` where line 7 marks them`):
    the marks above it, as a row's inputs come before it."""
    above = [at for at in elided if at < line] or list(elided)
    if not above:
        return ""
    if len(above) == 1:
        return f" where line {above[0]} marks them"
    listed = ", ".join(str(at) for at in above[:-1])
    return f" where line {listed} or {above[-1]} marks them"
