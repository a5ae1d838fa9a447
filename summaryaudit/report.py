"""Pure renderers: turn audited summaries and findings into text or JSON (no I/O)."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, MutableSequence, Sequence
from typing import TYPE_CHECKING, Callable, Optional

from .checks.rows import is_elision
from .dialects import Dialect
from .records import Finding, Layer, RowAudit, Severity, Summary, TypeSource
from .rules import RULES
from .terminal import plural

if TYPE_CHECKING:
    import json

Item = tuple[Optional[Summary], list[Finding]]


def _count(value: Optional[int]) -> str:
    return "?" if value is None else f"{value:,}"


LAYER_HEADERS = ("line", "layer", "type", "output shape", "params", "derivation")
LEFT_OUT = "rows left out of the paste here: not shown, not checked"  # an elision's row
_COMPLETED = TypeSource.COMPLETED


def layer_table(summary: Summary) -> str:
    """Return the per-layer table of one summary: line, layer, type, shape, count, derivation."""
    rows = []
    for layer, audited in zip(summary.layers, summary.audited_rows()):
        if layer.params is None and is_elision(layer):
            rows.append([str(layer.line), layer.name, "", "", "", LEFT_OUT])
            continue
        depth = layer.depth
        name = layer.name
        if "name" in layer.truncated and not name.endswith("…"):
            name += "…"  # cut by its column: rows cut alike show alike (45d's 004)
        name = "  " * depth + "└ " + name if depth else name
        count = f"{layer.params_cut}…" if layer.params_cut else _count(layer.params)
        if layer.params_note:
            count += f" ({layer.params_note})"
        rows.append(
            [
                str(layer.line),
                name,
                type_cell(layer, audited),
                layer.output_shape,
                count,
                audited.derivation or "",
            ]
        )
    if summary.elided:
        rows = _with_elisions(rows, summary)
    plain = simple_table(LAYER_HEADERS, rows)
    if plain is not None:
        return plain
    from tabulate import tabulate  # imported only for cells a plain table cannot measure

    table: str = tabulate(
        rows, headers=list(LAYER_HEADERS), tablefmt="simple", disable_numparse=True
    )
    return table


def _with_elisions(rows: list[list[str]], summary: Summary) -> list[list[str]]:
    """The rows with a row for each elision mark (`...`) at its line: the table says where
    rows were left out of the paste (28b's 008: `explain` read alone looked complete)."""
    shown = {layer.line for layer in summary.layers}
    elided = set(summary.elided)
    marks = [
        [str(line), "…", "", "", "", LEFT_OUT]
        for line in sorted(elided)
        if line not in shown and line - 1 not in elided  # one row for a mark of several lines
    ]
    return sorted(rows + marks, key=lambda row: int(row[0]))


def simple_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> Optional[str]:
    """Draw tabulate's "simple" table of text cells (numbers not parsed) without tabulate.

    None when a cell needs tabulate's own measuring: no rows, a line break, a control or
    escape character, or a non-ASCII character while `wcwidth` (which tabulate uses for
    display widths when it is installed) is importable.
    """
    if not rows:
        return None
    # Both tests are per character: the cells pass them when their concatenation does.
    text = "".join(map("".join, rows))
    if not text.isprintable() or (not text.isascii() and _wide_chars_measured()):
        return None
    cells = [list(map(str.strip, row)) for row in rows]
    # Column by column (tabulate's minimum padding is 2); as many columns as the shortest row
    # and the headers have.
    widths = [
        max(len(header) + 2, max(map(len, column))) for header, column in zip(headers, zip(*cells))
    ]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(map(str.ljust, row, widths)).rstrip() for row in cells]
    return "\n".join(lines)


@functools.cache
def _wide_chars_measured() -> bool:
    """Tell whether tabulate would measure widths with `wcwidth` (it does when installed)."""
    import importlib.util

    return importlib.util.find_spec("wcwidth") is not None


def summary_heading(summary: Summary) -> str:
    """Return a one-line description of where a summary is and what printed it."""
    name = f' "{summary.model_name}"' if summary.model_name else ""
    origin = summary.origin_of(summary.start_line) if summary.origins else ""
    where = f", from {origin}" if origin else ""  # 27b's nit: which cell of a notebook
    return (
        f"{summary.source}:{summary.start_line}-{summary.end_line}: model{name} "
        f"({Dialect(summary.dialect).described()}, {plural(len(summary.layers), 'row')}){where}"
    )


def totals_line(summary: Summary) -> str:
    """Return the totals of a summary on one line."""
    parts = [f"{label} {_count(value)}" for label, value in summary.totals.labelled()]
    return "totals: " + ", ".join(parts)


def format_finding(f: Finding) -> str:
    """Return a finding as `source:line: CODE name [severity] layer: message`."""
    where = f"{f.source}:{f.line}" if f.line is not None else f.source
    layer = f" {f.layer}:" if f.layer else ""
    return f"{where}: {f.code} {f.name} [{f.severity.value}]{layer} {f.message}"


def render_text(
    items: Iterable[Item],
    explain_only: bool = False,
    line_of: Callable[[Finding], str] = format_finding,
) -> Iterator[str]:
    """Yield a readable report: a table per summary, then its findings, then a tally."""
    counts = {s: 0 for s in Severity}
    summaries = 0
    for summary, findings in items:
        if summary is not None:
            summaries += 1
            yield summary_heading(summary) + "\n"
            if summary.layers:
                yield layer_table(summary) + "\n"
                completed = completed_classes_note(summary)
                if completed:
                    yield completed + "\n"
            if not explain_only:
                yield totals_line(summary) + "\n"
            elif not summary.layers:
                # 25a's nit: `explain` said only "model (keras2, 0 rows)"
                yield totals_line(summary) + "\n"
                yield (
                    "  no layer row was read in this summary, so there is no count to explain "
                    "row by row (`summaryaudit check` says what was pasted and what was not)\n"
                )
            for note in summary.notes:
                yield f"  {note}\n"
        if not explain_only:
            for f in findings:
                counts[f.severity] += 1
                yield line_of(f) + "\n"
            said = verdict(summary, findings) if summary is not None else ""
            if said:
                yield said + "\n"
        yield "\n"
    if explain_only and not summaries:
        yield "no Keras model.summary() table was found, so there is nothing to explain\n"
    if not explain_only:
        yield (
            f"{plural(summaries, 'summary', 'summaries')} checked: "
            f"{plural(counts[Severity.ERROR], 'error')}, "
            f"{plural(counts[Severity.WARNING], 'warning')}, "
            f"{plural(counts[Severity.INFO], 'info')}\n"
        )


def render_json(
    items: Iterable[Item], held: Optional[MutableSequence[str]] = None
) -> Iterator[str]:
    """Yield the JSON report piece by piece: summaries stream out, findings follow them.

    The findings must wait until every summary is out; they are kept, already serialised, in
    `held` (a list by default; the CLI passes a sequence backed by a temporary file).
    """
    encode = _json_encoder().encode
    findings: MutableSequence[str] = [] if held is None else held
    yield '{"summaries": ['
    first = True
    for summary, found in items:
        findings.extend(encode(f.to_dict()) for f in found)
        if summary is None:
            continue
        yield ("" if first else ", ") + summary_json(summary, encode)
        first = False
    yield '], "findings": ['
    for index, text in enumerate(findings):
        yield (", " if index else "") + text
    yield "]}\n"


def summary_json(summary: Summary, encode: Callable[[object], str]) -> str:
    """Write `encode(summary.to_dict())`, the summary in the JSON contract, without building a
    dictionary per row: each row is written into one template (the rows are most of a report).
    A summary with a field not of its declared type goes through to_dict after all."""
    try:
        return _summary_json(summary, encode)
    except TypeError:
        return encode(summary.to_dict())


def _summary_json(summary: Summary, encode: Callable[[object], str]) -> str:
    string = _json_string()
    coverage = summary.coverage
    return _SUMMARY % (
        string(summary.source),
        _json_int(summary.start_line),
        _json_int(summary.end_line),
        string(summary.dialect),
        "null" if summary.model_name is None else string(summary.model_name),
        ", ".join(
            [
                _row_json(layer, row, string)
                for layer, row in zip(summary.layers, summary.audited_rows())
            ]
        ),
        encode(summary.totals.to_dict()),
        encode(summary.totals.sizes()),
        ", ".join(
            f'{{"line": {_json_int(line)}, "text": {string(text)}}}'
            for line, text in summary.asides
        ),
        encode(coverage.to_dict()) if coverage is not None else "null",
    )


_SUMMARY = (
    '{"source": %s, "start_line": %s, "end_line": %s, "dialect": %s, "model_name": %s, '
    '"layers": [%s], "totals": %s, "sizes": %s, "asides": [%s], "coverage": %s}'
)
_ROW = (
    '{"name": %s, "type": %s, "type_source": %s, "output_shape": %s, "params": %s, '
    '"trainable": %s, "connected_to": [%s], "depth": %s, "line": %s, "truncated": [%s], '
    '"derivation": %s}'
)
_FLAGS = {None: "null", True: "true", False: "false"}
# Each TypeSource as JSON (an enum's .value is two Python calls, once per row).
_TYPE_SOURCES = {source: f'"{source.value}"' for source in TypeSource}


def _row_json(layer: Layer, audited: RowAudit, string: Callable[[str], str]) -> str:
    """One row as Layer.to_dict(audited) writes it (TypeError for a field of another type)."""
    source, params, trainable = audited.type_source, layer.params, layer.trainable
    if (
        bool in (type(params), type(layer.depth), type(layer.line))
        or not (trainable is None or type(trainable) is bool)
        or not (source is None or type(source) is TypeSource)
    ):
        raise TypeError("a row field not of its declared type")
    return _ROW % (
        string(layer.name),
        string(audited.type),
        "null" if source is None else _TYPE_SOURCES[source],
        string(layer.output_shape),
        "null" if params is None else int.__repr__(params),
        _FLAGS[trainable],
        ", ".join(map(string, layer.connected_to)),
        int.__repr__(layer.depth),
        int.__repr__(layer.line),
        ", ".join(map(string, layer.truncated)),
        "null" if audited.derivation is None else string(audited.derivation),
    )


def _json_int(value: int) -> str:
    """An int as json writes it (TypeError for a bool, which json writes as true or false)."""
    if type(value) is bool:
        raise TypeError("a bool where an int is declared")
    return int.__repr__(value)


@functools.cache
def _json_string() -> Callable[[str], str]:
    """The function json's encoder writes a str with when ensure_ascii=False (in C)."""
    from json.encoder import encode_basestring

    return encode_basestring


@functools.cache
def _json_encoder() -> json.JSONEncoder:
    """The encoder `json.dumps(value, ensure_ascii=False)` makes on each call, made once, and
    without its check for circular references: a report's values are trees of fresh dicts and
    lists (the same bytes; the check costs a dictionary entry per container)."""
    import json  # only the JSON outputs load the json package

    return json.JSONEncoder(ensure_ascii=False, check_circular=False)


def render_rules() -> str:
    """Return the table of every code: code, name, severity, meaning."""
    from tabulate import tabulate

    rows = [[r.code, r.name, r.severities(), r.summary] for r in RULES.values()]
    table: str = tabulate(rows, headers=["code", "name", "severity", "meaning"], tablefmt="simple")
    return table + "\n"


def render_rule(code: str) -> str:
    """Return the full documentation of one code."""
    r = RULES[code]
    severity = r.severity.value
    if r.lowered is not None:
        severity += f"; {r.lowered.value} when {r.lowered_when}"
    return (
        f"{r.code} {r.name} ({severity})\n\n{r.summary}\n\nWhy: {r.why}\n\nExample:\n{r.example}\n"
    )


from .formats import FORMATS, completed_classes_note, type_cell, verdict  # noqa: E402 - the richer formats build on the helpers above

RENDERERS = {"text": render_text, "json": render_json, **FORMATS}
