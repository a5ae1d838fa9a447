"""The row names of one summary, indexed once for exact and cut (`…`) look-ups."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Optional

from ..cell_grammar import read_reference
from ..records import Layer, Summary

CUT = "…"


class NameIndex:
    """Rows by name, and the prefixes a cut name (`input_la…`) can stand for.

    A reference cut by the print (`dense_3…`) may name any row whose name starts with
    `dense_3`; a reference printed whole (`dense_3`) names only `dense_3`, or a row whose own
    name the print cut (`dense…`, or cut silently by a Keras 1/2 column). A reference whose
    tensor index the column cut (`dense_3[0][`) names `dense_3` exactly. Built once per
    summary: look-ups never scan every row.
    """

    __slots__ = (
        "_candidates",
        "_cut_lengths",
        "_cut_rows",
        "_layers",
        "_rows",
        "_stems",
        "rows_named",
    )

    def __init__(self, layers: Sequence[Layer]) -> None:
        rows_named: dict[str, list[int]] = {}
        for j, layer in enumerate(layers):
            name = layer.name
            named = rows_named.get(name)
            if named is None:
                rows_named[name] = [j]
            else:
                named.append(j)
        self.rows_named = rows_named
        # The prefix look-ups are for cut names and references, which most tables lack: their
        # index is built at the first one.
        self._layers = layers
        self._stems: Optional[list[str]] = None
        self._rows: list[int] = []
        self._cut_rows: dict[str, list[int]] = {}
        self._cut_lengths: list[int] = []  # the lengths of the cut names' stems, ascending
        self._candidates: dict[str, tuple[int, ...]] = {}  # each reference's, worked out once

    def _index_prefixes(self) -> list[str]:
        """Sort the names (without a trailing `…`) and collect the cut ones, once."""
        if self._stems is None:
            layers = self._layers
            ordered = sorted((layer.name.rstrip(CUT), j) for j, layer in enumerate(layers))
            self._rows = [j for _, j in ordered]
            for j, layer in enumerate(layers):
                if layer.name.endswith(CUT) or "name" in layer.truncated:
                    self._cut_rows.setdefault(layer.name.rstrip(CUT), []).append(j)
            self._cut_lengths = sorted({len(stem) for stem in self._cut_rows if stem})
            self._stems = [stem for stem, _ in ordered]
        return self._stems

    def __contains__(self, name: str) -> bool:
        return name in self.rows_named

    def starting_with(self, stem: str) -> list[int]:
        """Rows whose name (without a trailing `…`) starts with stem, in print order."""
        stems = self._index_prefixes()
        at = bisect.bisect_left(stems, stem)
        # The stems starting with stem follow one another from `at`: find where they stop by
        # bisection too (a short stem such as `conv2d_1` may start a hundred names).
        end = bisect.bisect_left(stems, True, at, key=lambda name: not name.startswith(stem))
        return sorted(self._rows[at:end])

    def cut_rows_before(self, stem: str) -> list[int]:
        """Rows whose name the print cut (`dense…`, `dense_la`) to a prefix of stem."""
        self._index_prefixes()
        if not self._cut_rows:
            return []
        cut_rows, longest = self._cut_rows, len(stem)
        # Only the lengths some cut name has (a column cuts names to one or two widths).
        return [
            j for end in self._cut_lengths if end <= longest for j in cut_rows.get(stem[:end], ())
        ]

    def candidates(self, ref: str) -> tuple[int, ...]:
        """Rows a reference other than an exact name can stand for (see the class)."""
        known = self._candidates.get(ref)
        if known is None:
            stem = ref.rstrip(CUT)
            found = set(self.cut_rows_before(stem))
            if ref.endswith(CUT):
                found.update(self.starting_with(stem))
            known = self._candidates[ref] = tuple(sorted(found))
        return known

    def by_prefix(self, ref: str, row: int) -> int | None:
        """The one row a reference cut with `…` on row `row` names, or None.

        `input_la…` names `input_lay…` when no other row starts so. When several do, only the
        rows printed above count: a summary lists a layer after the layers that feed it.
        """
        found = self.feeding_candidates(ref, row)
        return found[0] if len(found) == 1 else None

    def feeding_candidates(self, ref: str, row: int) -> Sequence[int]:
        """The rows a reference cut with `…` on row `row` may name (those above when several
        start so: a summary lists a layer after the layers that feed it)."""
        if not ref.endswith(CUT) or len(ref.rstrip(CUT)) < 2:
            return ()
        found = self.candidates(ref)
        if len(found) > 1:
            return [j for j in found if j < row]
        return found

    def silently_cut_feeders(self, ref: str, row: int, short: bool = False) -> list[int]:
        """The rows above `row` a reference a Keras 2 column cut without a mark may name: rows
        whose names the print cut to a prefix of it (88c's 003: `…_block_1_1_de`, three rows
        printed `…_block_1_1_`). No rows when the table's references under that prefix name
        more layers than it has such rows: one of them is not printed (the review of 88c's 003,
        `…_1_1_pr` among `…_1_1_de` and `…_1_1_ba`); nor when `short` (Total says rows are
        missing)."""
        found = self.cut_rows_before(ref)
        above = [j for j in found if j < row]
        if not above or short:
            # (`short`: Total says rows are missing, so the row named may be one of them:
            # review 88's item 6, `…_1_1_projection` deleted)
            return []
        layers = self._layers
        stem = min((layers[j].name for j in found), key=len)
        named = {
            read_reference(entry).layer
            for layer in layers
            for entry in layer.connected_to
            if entry.startswith(stem)
        }
        named.difference_update(self.rows_named)
        return above if len(named) <= len(found) else []

    def may_name(self, ref: str) -> bool:
        """Tell whether a reference names a row exactly or through a cut name or index."""
        if ref in self.rows_named or self.candidates(ref):
            return True
        index = ref.find("[")
        return index > 0 and ref[:index] in self.rows_named


def rows_short_of_total(summary: Summary) -> bool:
    """Tell whether Total params (less any optimizer state) is more than the top rows hold: a
    row may be missing from the print, so a cut reference may name it."""
    total = summary.totals.total
    if total is None or total.value is None:
        return False
    held = sum(layer.params or 0 for layer in summary.layers if not layer.depth)
    return held < total.value - summary.totals.optimizer_count()
