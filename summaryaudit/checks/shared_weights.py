"""Rows that may hold weights another row also counts (tied embeddings), which Total counts once."""

from __future__ import annotations

from typing import Optional

from .. import formulas
from ..patterns import lazy
from .analysis import Analysis, once_per_analysis
from .cut_counts import fits_digits, least_fitting
from .rows import gaps, optimizer, rows_sum, split_adds_up, split_counts, top_rows

# KerasHub's ReversibleEmbedding (GemmaCausalLM's token_embedding, also inside the backbone),
# ReverseEmbedding, a TiedDense: classes made to reuse a matrix another row already counts
_TIES_WEIGHTS = lazy(r"Revers|Tied")


@once_per_analysis
def surplus_over_total(analysis: Analysis) -> Optional[int]:
    """What the rows hold beyond Total (less the optimizer's state), when every row is shown
    and the totals lines agree among themselves; None when they hold no more."""
    counts = split_counts(analysis)
    if counts is None or gaps(analysis) or not split_adds_up(analysis):
        return None
    surplus = rows_sum(analysis) - (counts[0] - optimizer(analysis.summary))
    return surplus if surplus > 0 else None


@once_per_analysis
def shared_weights_row(analysis: Analysis) -> Optional[str]:
    """The one row, of a class without a formula or one made to tie weights, whose count is
    exactly what the rows hold beyond Total when the totals lines agree among themselves: a
    layer reusing another's weights (tied embeddings), which Total counts once. None
    otherwise."""
    surplus = surplus_over_total(analysis)
    if surplus is None:
        # Total alone (95g's 009: a Gemma print cut to its Total line): a row of a class made to
        # tie weights is evidence enough, where no other totals line disagrees
        total = analysis.summary.totals.total
        if split_counts(analysis) is not None or total is None or total.value is None:
            return None
        if gaps(analysis):
            return None
        surplus = rows_sum(analysis) - (total.value - optimizer(analysis.summary))
        return tying_row(analysis, surplus) if surplus > 0 else None
    sharers = [
        layer.name
        for layer in top_rows(analysis)
        if layer.params == surplus
        and (not formulas.has_formula(layer.type) or _TIES_WEIGHTS.search(layer.type))
    ]
    return sharers[0] if len(sharers) == 1 else None


def tying_row(analysis: Analysis, surplus: int) -> Optional[str]:
    """The one row of a class made to tie weights (`ReversibleEmbedding`) whose count is the
    surplus the rows read hold over Total, when rows are hidden (31a's 010: a slide's retyped
    Gemma print, its header left out); None otherwise."""
    found = [
        layer.name
        for layer in top_rows(analysis)
        if layer.params == surplus and _TIES_WEIGHTS.search(layer.type)
    ]
    return found[0] if len(found) == 1 else None


@once_per_analysis
def weight_sharing_rows(analysis: Analysis) -> Optional[list[str]]:
    """Rows of classes without a formula that may share the weights the rows hold beyond Total
    (each holds at least that many), when the totals lines agree among themselves and there
    are two or more of them; None otherwise (shared_weights_row's one exact row comes first)."""
    surplus = surplus_over_total(analysis)
    if surplus is None:
        return None
    partners = [
        layer.name
        for layer in top_rows(analysis)
        if layer.params is not None
        and layer.params >= surplus
        and not formulas.has_formula(layer.type)
    ]
    return partners if len(partners) >= 2 else None


def cut_rows_beyond_total(analysis: Analysis, expected: int) -> Optional[str]:
    """What the digits Keras 3 kept of cut counts say when, with the rows read, they already
    pass Total (less the optimizer's state): weights counted in two rows and once in Total,
    and the one tied reading the digits allow, if any. None when they do not pass it."""
    rows = top_rows(analysis)
    cut = [layer for layer in rows if layer.params is None and layer.params_cut]
    if not cut:
        return None
    read = rows_sum(analysis)
    least = sum(least_fitting(layer.params_cut) for layer in cut)
    if read + least <= expected:
        return None
    shown = ", ".join(f"{layer.name}'s {layer.params_cut}…" for layer in cut[:3])
    text = (
        f"the rows read and the digits Keras 3 kept of {shown} (at least {least:,}) add up to "
        f"at least {read + least:,}, more than Total's {expected:,}: weights counted in two rows "
        "and once in Total (a tied embedding, a reused layer)"
    )
    if len(cut) != 1:
        return text
    fitting = [
        (layer, expected - read + layer.params)
        for layer in rows
        if layer.params and fits_digits(expected - read + layer.params, cut[0].params_cut)
    ]
    if len(fitting) == 1:
        [(sharer, count)] = fitting
        text += (
            f"; {cut[0].name} holding {count:,} fits its digits, and then the rows count "
            f"{sharer.name}'s {sharer.params:,} twice"
        )
    return text


def names_joined(names: list[str]) -> str:
    """`bert and mlm___cls`, `a, b and c` (the first six)."""
    shown = names[:6]
    more = f" and {len(names) - 6} more" if len(names) > 6 else ""
    return (", ".join(shown[:-1]) + " and " + shown[-1] + more) if len(shown) > 1 else shown[0]


def same_count_as(analysis: Analysis, sharer: str) -> str:
    """`, as is token_embedding's`: the one other row whose weights the sharer may reuse."""
    count = next(layer.params for layer in top_rows(analysis) if layer.name == sharer)
    others = [
        layer.name for layer in top_rows(analysis) if layer.params == count and layer.name != sharer
    ]
    return f", as is {others[0]}'s" if len(others) == 1 else ""


def cut_tying_note(analysis: Analysis) -> str:
    """What rows whose count the print does not show, of a class made to tie weights
    (`ReversibleEmbedding`), change in "what is not shown must hold the rest": Total counts
    each weight once, their rows may not (63a's 002: an OPT model's `token_embedding … 102,95…`).
    Empty when there are none."""
    tying = [
        layer.name
        for layer in top_rows(analysis)
        if layer.params is None and _TIES_WEIGHTS.search(layer.type)
    ]
    if not tying:
        return ""
    return (
        f", each weight counted once in Total; {names_joined(tying)}, of a class made to tie "
        "weights, may reuse a matrix another row holds, so the counts not shown may add up to "
        "more"
    )


def cut_rows_past_total(analysis: Analysis, expected: int, stated: str) -> Optional[str]:
    """SA201's words where the rows read and the digits kept of cut counts pass Total (75b's
    005: a masked-LM head tied to its backbone's embedding, both counts cut), or None."""
    beyond = cut_rows_beyond_total(analysis, expected)
    if beyond is None:
        return None
    return (
        f"{stated}, but {beyond}. Keras counts a weight once in Total even when two layers use "
        "it: if these rows share weights, Keras printed this itself; if not, a row's count or "
        "the total was edited. Which of the two happened is not verified"
    )
