"""Rows that may hold weights another row also counts (tied embeddings), which Total counts once."""

from __future__ import annotations

from typing import Optional

from .. import formulas
from ..patterns import lazy
from .analysis import Analysis, once_per_analysis
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
        return None
    sharers = [
        layer.name
        for layer in top_rows(analysis)
        if layer.params == surplus
        and (not formulas.has_formula(layer.type) or _TIES_WEIGHTS.search(layer.type))
    ]
    return sharers[0] if len(sharers) == 1 else None


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
