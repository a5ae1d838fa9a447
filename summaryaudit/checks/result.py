"""The audit's result for a summary: each row's class and derivation, totals notes, coverage."""

from __future__ import annotations

from typing import Optional

from ..dialects import Dialect
from ..formulas.common import UNDECIDABLE, UNVERIFIED_STATUS
from ..records import Audit, RowAudit, Summary, TypeSource, replace
from .analysis import Analysis
from .branch_heads import branch_derivation, branch_fits
from .coverage import coverage
from .held_rows import held_rows, held_text
from .input_chain import UNBUILT, UNUSED
from .nested_prints import printed_before
from .notes import explain_totals
from .verified_rows import counted_by_inner_rows, ends_the_paste, inner_rows, inner_rows_sum

# Read once: an enum member read through its class takes EnumType's __getattr__ slow path.
PRINTED, INFERRED = TypeSource.PRINTED, TypeSource.INFERRED


def audit_result(analysis: Analysis) -> Audit:
    """Build the audit's frozen result once, at the end (the parse records are left as read)."""
    rows: list[RowAudit] = []
    append = rows.append
    inferred = analysis.inferred
    held = held_rows(analysis)
    by_inner_rows = counted_by_inner_rows(analysis)
    branched = branch_fits(analysis)
    source: Optional[TypeSource]  # the print, a cut name completed, or the evidence
    for i, (printed, layer, derivation) in enumerate(
        zip(analysis.summary.layers, analysis.layers, analysis.derivations)
    ):
        type_ = layer.type
        if not type_:
            source = None
        elif inferred and i in inferred:
            source = INFERRED
        elif printed.type and "type" not in printed.truncated:
            source = PRINTED  # (what printed.type_source says of a whole printed class)
        else:
            source = printed.type_source
        text = derivation.text if derivation is not None else _no_derivation(analysis, i)
        if text is not None and text.endswith(_NOT_RE_DERIVED):
            text = _inner_rows_text(analysis, i) or _printed_before_text(analysis, i) or text
        elif by_inner_rows and i in by_inner_rows:
            text = _inner_rows_text(analysis, i) or text
        elif held and i in held and derivation is not None and derivation.status in _UNCHECKED:
            text = _held_rows_text(analysis, i)
        if branched and i in branched:
            text = f"{text}; {branch_derivation(analysis, i)}"
        append(RowAudit(type_, source, text))
    return Audit(tuple(rows), explain_totals(analysis), coverage(analysis))


_NOT_RE_DERIVED = "sum of the inner model's weights (not re-derived here)"
_UNCHECKED = (UNVERIFIED_STATUS, UNDECIDABLE)


def _held_rows_text(analysis: Analysis, i: int) -> str:
    """`112 = 40 + 72: pair holds the 2 rows above it (first, second) …` (22a's 011)."""
    layers = analysis.layers
    counts = [layers[j].params or 0 for j in held_rows(analysis)[i]]
    sum_text = " = " + " + ".join(f"{c:,}" for c in counts) if len(counts) > 1 else ""
    return (
        f"{layers[i].params or 0:,}{sum_text}: {held_text(analysis, i)}, which the summary "
        "lists too (as a subclassed model's does); not checked by a formula of its own"
    )


def _inner_rows_text(analysis: Analysis, i: int) -> Optional[str]:
    """`36 = the 2 rows printed inside it (20 + 16)`: a nested model verified by its rows."""
    layers = analysis.layers
    inner = inner_rows(layers, i)
    total = inner_rows_sum(layers, i)
    if total is None or total != layers[i].params:
        return None
    counts = [layers[j].params or 0 for j in inner]
    shown = " + ".join(f"{c:,}" for c in counts) if 1 < len(counts) <= 6 else ""
    rows = "the row" if len(inner) == 1 else f"the {len(inner)} rows"
    return f"{total:,} = {rows} printed inside it" + (f" ({shown})" if shown else "")


def _printed_before_text(analysis: Analysis, i: int) -> Optional[str]:
    """`1,209,473 = Total of the summary of "generator" printed above (line 11)`."""
    found = printed_before(analysis, i)
    if found is None:
        return None
    line, named = found
    count = analysis.layers[i].params or 0
    if named:
        return f"{count:,} = Total of its own summary printed above (line {line})"
    return (
        f"{count:,} = Total of the summary printed above at line {line}, which names no model: "
        "the same count, so most likely this model"
    )


def with_audit(analysis: Analysis) -> Summary:
    """Return the parsed summary with the audit's result attached (its rows unchanged)."""
    return replace(analysis.summary, audit=audit_result(analysis))


def _no_derivation(analysis: Analysis, i: int) -> Optional[str]:
    """What row i says when no formula was tried on its count: unbuilt, unused or cut short."""
    layer = analysis.layers[i]
    if layer.params_note == UNBUILT:
        return (
            "0 (unbuilt): Keras has not created this layer's weights yet, "
            "so there is nothing to count"
        )
    if layer.params_note == UNUSED:
        return "0 (unused): the layer was never called, so Keras created no weights for it"
    if (
        layer.params is None
        and layer.params_cut
        and analysis.summary.dialect is not Dialect.KERAS3
        and ends_the_paste(analysis, i)
    ):
        # (83e's 002: a Keras 2 print, which cuts no count, ends inside its last row's count)
        return (
            f"{layer.params_cut}…: the paste ends inside the count, whose digits may go on, so "
            "it is not checked"
        )
    if layer.params is None and layer.params_cut:
        # (82h's 008: a count Keras 3 cut that no total gives back, said, not left blank)
        return (
            f"{layer.params_cut}…: Keras 3 cut the count short in its column, and the totals "
            "do not give it back, so it is not checked"
        )
    return None
