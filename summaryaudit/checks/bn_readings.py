"""Settle BatchNormalization rows whose count reads two ways by the Non-trainable total."""

from __future__ import annotations

from typing import Optional

from ..formulas.common import BN_AXIS, OK, Derivation
from ..formulas.normalization import bn_on_another_axis
from ..records import Summary, replace
from .analysis import Analysis, PrintedModels
from .analysis import analyse as analyse_rows
from .rows import leaves

_HOLDING = (OK, BN_AXIS)  # derivations whose non-trainable weights the row holds


def analyse(summary: Summary, printed: Optional[PrintedModels] = None) -> Analysis:
    """Analyse a summary (analysis.analyse), then settle its two-way BatchNormalization rows;
    `printed` names the models the same input printed before, whose Totals verify nested rows."""
    analysis = analyse_rows(summary, printed)
    settle_bn_readings(analysis)
    return analysis


def settle_bn_readings(analysis: Analysis) -> None:
    """Read a BatchNormalization count such as 32 on (8, 8, 16) as 4 × 8 over a wrong axis, not
    2 × 16 with center and scale off, when the Non-trainable total rules the second out: its
    moving statistics (2 × 16 each) would hold more than Non-trainable says, and the first
    reading's (2 × 8) do not (a real Keras 2 print built with axis=1 on channels-last data)."""
    stated = analysis.summary.totals.non_trainable
    if stated is None or stated.value is None:
        return
    derivations = list(analysis.derivations)
    others: dict[int, Derivation] = {}
    saved = 0  # the non-trainable weights the other readings hold fewer
    for i, (fact, derived) in enumerate(zip(analysis.facts, derivations)):
        if derived is None or derived.status != OK or not derived.non_trainable:
            continue
        other = bn_on_another_axis(fact)
        if other is not None and (other.non_trainable or 0) < derived.non_trainable:
            others[i] = other
            saved += derived.non_trainable - (other.non_trainable or 0)
    if not others:
        return
    floor = 0
    for i in leaves(analysis):
        derived = derivations[i]
        # (rows read over a wrong axis hold their moving statistics too: 29c's 010, where 15
        # rows are flagged SA102 and two read two ways)
        if derived is not None and derived.status in _HOLDING and derived.non_trainable:
            floor += derived.non_trainable
    if floor <= stated.value or floor - saved > stated.value:
        return  # no contradiction, or the other readings do not remove it
    said = (
        " (not 2 × the channels with center=False and scale=False, whose moving statistics "
        f"would hold more than the {stated.value:,} that Non-trainable params says)"
    )
    for i, other in others.items():
        message = other.message + said if other.message else None
        derivations[i] = replace(other, text=other.text + said, message=message)
    analysis.derivations = tuple(derivations)
    analysis.settled = frozenset(others)
    analysis.memo.clear()  # (facts computed from the first readings)
