"""Counts Keras 3 cut short by their column (`10,040,1…`), worked out by formula or totals."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Optional

from .. import formulas
from ..dialects import Dialect, TextEnum
from ..formulas.common import MISMATCH, OK, WEIGHTLESS_NONZERO, flattened_size
from ..records import Layer, Summary, Totals, replace
from .derivations import derive_row


class CountFrom(TextEnum):
    """Where the audit took a count that the print cut short."""

    FORMULA = "formula"  # the row's formula gives one count, and it fits the printed digits
    TOTALS = "totals"  # Total params less the other rows, and it fits the printed digits
    PRINTED = "printed"  # the digits a paste ends with, read whole: the formula gives them, or
    # no count it allows begins with them (an edit's, SA101)


class CutCounts:
    """The rows, facts and derivations with the counts worked out, and where each came from."""

    __slots__ = ("derivations", "facts", "found", "layers", "summary")

    def __init__(
        self,
        summary: Summary,
        layers: tuple[Layer, ...],
        facts: tuple[formulas.LayerFacts, ...],
        derivations: tuple[Optional[formulas.Derivation], ...],
        found: dict[int, CountFrom],
    ) -> None:
        self.summary = summary  # with the count a paste ends with read whole, where it is
        self.layers = layers
        self.facts = facts
        self.derivations = derivations
        self.found = found


def fits_digits(count: int, printed: str) -> bool:
    """Tell whether a count, written as Keras 3 writes it (`10,040,100`), starts with the
    digits its column kept (`10,040,1`) and is longer than them."""
    written = f"{count:,}"
    return len(written) > len(printed) and written.startswith(printed)


def least_fitting(printed: str) -> int:
    """The smallest count that fits the digits Keras 3 kept (`1,001,190,` → 1,001,190,000):
    what a cut row holds at least."""
    digits = printed.rstrip(",")
    last = digits.rsplit(",", 1)[-1]
    if printed.endswith(",") or len(last) == 3:
        written = digits + ",000"  # at least one more group of three
    elif "," in digits:
        written = digits + "0" * (3 - len(last))  # the cut group, filled with zeros
    else:
        written = digits + "0"  # a first group is one digit longer
    return int(written.replace(",", ""))


def _cut(layer: Layer) -> bool:
    return layer.params is None and bool(layer.params_cut) and "params" in layer.truncated


def recover_cut_counts(
    summary: Summary,
    layers: tuple[Layer, ...],
    facts: tuple[formulas.LayerFacts, ...],
    derivations: tuple[Optional[formulas.Derivation], ...],
) -> Optional[CutCounts]:
    """Work out each count the column cut: from the row's formula when it gives one count that
    fits the printed digits; else, for one model row left, from Total params less every other
    row when nothing else is hidden. None when no count is cut."""
    if not any([layer.params_cut for layer in layers]):  # (a list: no generator to resume)
        return None
    cut = [i for i, layer in enumerate(layers) if _cut(layer)]
    rows, fact_list, derived = list(layers), list(facts), list(derivations)
    found: dict[int, CountFrom] = {}
    if cut[-1:] == [len(layers) - 1] and _may_end_whole(summary, layers[-1]):
        i = cut.pop()
        printed = layers[i].params_cut
        derivation = _derive_with(rows, fact_list, i, int(printed))
        if derivation.status is OK and derivation.solved is None:
            derived[i] = _said_whole(derivation, _AS_PRINTED)
        elif derivation.status in _REFUTED and not _may_go_on(facts[i], printed):
            # (the review of 83e's 002: `54097` of a Dense(10) on 5,408 inputs, 54,090 or
            # 54,080: no digits after it give a count the row allows, so it was edited, SA101)
            derived[i] = _said_whole(derivation, _NONE_BEGINS)
        else:
            _forget(rows, fact_list, layers, facts, i)
            cut.append(i)
        if i not in cut:
            rows[i] = _read_whole(rows[i])
            found[i] = CountFrom.PRINTED
    # with a stand-in count of 1 (0 means "frozen or unbuilt" to the formulas), a row's
    # derivation is a mismatch that carries the count its formula expects
    expected_of = {
        i: formulas.derive(
            tuple.__new__(formulas.LayerFacts, (*facts[i][:2], 1, *facts[i][3:]))
        ).expected
        for i in cut
    }
    # rows no formula count decides: their digits are tried only where Total cannot settle
    # them, two or more being open (51d's 003); a LoRA Embedding's count is no plain one's,
    # and Total gives a lone row's exactly
    open_rows = [i for i in cut if expected_of[i] is None]
    tried = open_rows[:_MOST_ROWS_TRIED] if len(open_rows) > 1 else []
    for i in cut:
        expected = expected_of[i]
        only = expected is None
        if only and i in tried and facts[i].type not in _ADAPTED:
            expected = _only_count_fitting(facts[i], layers[i].params_cut, summary.totals)
        if expected is not None and fits_digits(expected, layers[i].params_cut):
            derivation = _derive_with(rows, fact_list, i, expected)
            if derivation.status is OK:
                derived[i] = _said(
                    derivation, layers[i].params_cut, CountFrom.FORMULA, only_fitting=only
                )
                found[i] = CountFrom.FORMULA
            else:
                _forget(rows, fact_list, layers, facts, i)
    left = [i for i in cut if i not in found]
    total = _rest_of_total(summary, rows, left)
    if total is not None:
        [i] = left
        derivation = _derive_with(rows, fact_list, i, total)
        if derivation.status is not MISMATCH:
            derived[i] = _said(
                derivation, layers[i].params_cut, CountFrom.TOTALS, summary.totals.optimizer_count()
            )
            found[i] = CountFrom.TOTALS
        else:
            _forget(rows, fact_list, layers, facts, i)
    if not found:
        return None
    if CountFrom.PRINTED in found.values():
        # the parse record too: JSON, the table and the derivation say the same count
        summary = replace(summary, layers=(*summary.layers[:-1], _read_whole(summary.layers[-1])))
    return CutCounts(summary, tuple(rows), tuple(fact_list), tuple(derived), found)


_MOST_TRIED = 1000  # counts tried for one cut row: the digits a cut group leaves open
_MOST_ROWS_TRIED = 4  # cut rows whose counts are tried so in one summary (4,000 derivations)
# classes a Keras 3 adapter (LoRA) or int8 quantisation changes the count of: the digits
# cannot tell those from the plain layer's
_ADAPTED = frozenset({"Dense", "EinsumDense", "Embedding"})


def _only_count_fitting(facts: formulas.LayerFacts, printed: str, totals: Totals) -> Optional[int]:
    """The one count the row's formula allows among those that fit the digits its column kept
    (51d's 003: `1,995,1…` of a SeparableConv2D from 1408 to 1408 channels is 1,995,136, a 3×3
    kernel without a bias or 8 taps with one), or None. Only where Total params leaves the
    count no more digits than the fewest the cut allows (a group more is 1,000 times more)."""
    least = least_fitting(printed)
    span = 10 ** (len(str(least)) - len(printed.replace(",", "")))
    total = Totals.value_of(totals.total)
    if (
        span > _MOST_TRIED
        or not facts.inputs
        or "," not in printed  # (a first group cut: its width is not known)
        or total is None
        or least * 1000 <= total
    ):
        return None
    head = facts[:2]
    tail = facts[3:]
    found = None
    for count in range(least, least + span):
        derived = formulas.derive(tuple.__new__(formulas.LayerFacts, (*head, count, *tail)))
        if derived.status is OK:
            if found is not None:
                return None  # several counts fit: the digits do not decide
            found = count
    return found


def _may_end_whole(summary: Summary, last: Layer) -> bool:
    """Tell whether the last row's count was cut by the end of the paste, not by a column (a
    Keras 2 print: 83e's 002, 79a's 010), so the digits may be the whole count: the paste may
    have ended right after it."""
    return (
        summary.dialect is not Dialect.KERAS3
        and last.line == summary.end_line
        and not summary.totals.present()
        and last.params_cut.isdigit()
    )


_REFUTED = (MISMATCH, WEIGHTLESS_NONZERO)  # a count no reading of the row gives
_AS_PRINTED = "as printed, it is what the formula gives"
_NONE_BEGINS = "its digits may go on, but no count this row allows begins with them"
# a row's readings lie within a digit of its formula's count (BatchNormalization's 2 × C of
# 4 × C, a Dense without its bias): the continuations of the digits tried stop there
_READINGS_SPREAD = 10
_MOST_CONTINUATIONS = 10_000  # continuations tried; past that the digits are left cut


def _may_go_on(facts: formulas.LayerFacts, printed: str) -> bool:
    """Tell whether some count the row's formula allows begins with the digits a paste ends
    with (`5409` of 54,090), or the formula does not fix the count (a Conv2D whose kernel the
    shapes do not decide: 83e's 002, `22156` of 221,568): then the digits may be cut."""
    counts = [_formula_count(facts), _formula_count(_on_flattened_input(facts))]
    fixed = [count for count in counts if count is not None]
    if not fixed:
        return True
    most = max(fixed)
    head, tail = facts[:2], facts[3:]
    tried, start, width = 0, int(printed) * 10, 10
    while start <= most * _READINGS_SPREAD:
        stop = min(start + width, most * _READINGS_SPREAD + 1)
        tried += stop - start
        if tried > _MOST_CONTINUATIONS:
            return True
        for count in range(start, stop):
            derived = formulas.derive(tuple.__new__(formulas.LayerFacts, (*head, count, *tail)))
            if derived.status not in _REFUTED:
                return True
        start, width = start * 10, width * 10
    return False


def _formula_count(facts: Optional[formulas.LayerFacts]) -> Optional[int]:
    """The count the row's formula gives (its first reading), or None where it fixes none."""
    if facts is None:
        return None
    # a stand-in count of 1 (0 means "frozen or unbuilt"): a mismatch carrying the count; a
    # count the formula solves for what the print does not show fits 1 too, or is undecided
    derived = formulas.derive(tuple.__new__(formulas.LayerFacts, (*facts[:2], 1, *facts[3:])))
    return derived.expected if derived.status in _REFUTED else None


def _on_flattened_input(facts: formulas.LayerFacts) -> Optional[formulas.LayerFacts]:
    """The row on its input flattened, where every axis of it is shown: a Dense after a
    Flatten the paste left out holds that count (as formulas.dense reads it)."""
    flat = flattened_size(facts.inputs[0]) if facts.inputs else None
    return None if flat is None else facts._replace(inputs=((None, flat),))


def _read_whole(layer: Layer) -> Layer:
    """The row with the digits the paste ends with read as its whole count."""
    truncated = tuple(cell for cell in layer.truncated if cell != "params")
    return replace(layer, params=int(layer.params_cut), params_cut="", truncated=truncated)


def _said_whole(derivation: formulas.Derivation, why: str) -> formulas.Derivation:
    """Say in the derivation that the count the paste ends with was read whole, and why."""
    note = f" (the paste ends right after this count; {why})"
    return replace(
        derivation,
        text=derivation.text + note,
        message=derivation.message + note if derivation.message else None,
    )


def _derive_with(
    rows: list[Layer], facts: list[formulas.LayerFacts], i: int, count: int
) -> formulas.Derivation:
    """Set row i's count and derive it as the audit does."""
    rows[i] = replace(rows[i], params=count)
    facts[i] = tuple.__new__(formulas.LayerFacts, (*facts[i][:2], count, *facts[i][3:]))
    return derive_row(rows[i], facts[i], None)


def _forget(
    rows: list[Layer],
    facts: list[formulas.LayerFacts],
    layers: Sequence[Layer],
    original: Sequence[formulas.LayerFacts],
    i: int,
) -> None:
    rows[i], facts[i] = layers[i], original[i]


def _rest_of_total(summary: Summary, rows: list[Layer], left: list[int]) -> Optional[int]:
    """Total params less every other model row, for the one cut model row left, when nothing
    else is hidden and it fits the printed digits; else None."""
    if len(left) != 1 or rows[left[0]].depth != 0:
        return None
    total = Totals.value_of(summary.totals.total)
    if total is None or summary.cropped or summary.elided or summary.unreadable:
        return None
    others = [layer for j, layer in enumerate(rows) if layer.depth == 0 and j != left[0]]
    if any(layer.params is None for layer in others):
        return None
    rest = total - summary.totals.optimizer_count() - sum(layer.params or 0 for layer in others)
    return rest if rest > 0 and fits_digits(rest, rows[left[0]].params_cut) else None


def _said(
    derivation: formulas.Derivation,
    printed: str,
    source: CountFrom,
    optimizer: int = 0,
    only_fitting: bool = False,
) -> formulas.Derivation:
    """Say in the derivation that the count was worked out, and from what."""
    less = f" and the {optimizer:,} optimizer variables" if optimizer else ""
    how = (
        (
            "of the counts with those digits, this is the only one the formula gives"
            if only_fitting
            else "the formula's count fits those digits"
        )
        if source is CountFrom.FORMULA
        else f"worked out as Total params less the other rows{less}, it fits those digits"
    )
    note = f" (Keras 3 cut the count to {printed}… in its column; {how})"
    return replace(
        derivation,
        text=derivation.text + note,
        message=derivation.message + note if derivation.message else None,
    )


__all__ = ["CountFrom", "CutCounts", "fits_digits", "least_fitting", "recover_cut_counts"]
