"""Settle BatchNormalization rows whose count reads two ways by the Non-trainable total."""

from __future__ import annotations

from itertools import combinations, product
from typing import Optional

from ..formulas.common import BN_AXIS, OK, Derivation, undecidable
from ..formulas.normalization import bn_on_another_axis, bn_readings_off_the_channel_axis
from ..records import Summary, replace
from .analysis import Analysis, PrintedModels
from .analysis import analyse as analyse_rows
from .rows import leaves, names_listed

_HOLDING = (OK, BN_AXIS)  # derivations whose non-trainable weights the row holds
_MOST_ROWS_TRIED = 10  # rows with other readings the fewest-rows search tries
_MOST_SETS_TRIED = 4096  # sets of readings it tries before it leaves the rows as read


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
    floor = 0
    for i in leaves(analysis):
        derived = derivations[i]
        # (rows read over a wrong axis hold their moving statistics too: 29c's 010, where 15
        # rows are flagged SA102 and two read two ways)
        if derived is not None and derived.status in _HOLDING and derived.non_trainable:
            floor += derived.non_trainable
    if floor <= stated.value:
        return  # no contradiction
    others: dict[int, Derivation] = {}
    saved = 0  # the non-trainable weights the other readings hold fewer
    for i, (fact, derived) in enumerate(zip(analysis.facts, derivations)):
        if derived is None or derived.status != OK or not derived.non_trainable:
            continue
        other = bn_on_another_axis(fact)
        if other is not None and (other.non_trainable or 0) < derived.non_trainable:
            others[i] = other
            saved += derived.non_trainable - (other.non_trainable or 0)
    if floor - saved > stated.value:
        _settle_by_the_fewest_rows(analysis, derivations, floor - stated.value, stated.value)
        return  # (no reading 4 × N on another axis removes it)
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


def _settle_by_the_fewest_rows(
    analysis: Analysis, derivations: list[Optional[Derivation]], excess: int, stated: int
) -> None:
    """Read the fewest BatchNormalization rows another way (3 × N or 2 × N on another axis too)
    so that their moving statistics fit Non-trainable params, `excess` below what the first
    readings hold: 6 on (None, 2, 3) is 2 × 3 with center and scale off, or 3 × 2 over axis 1.
    One way to do it settles those rows; several leave each of their rows undecided, so that
    no check claims more than the print shows. `derivations` is the analysis's, as a list."""
    options: dict[int, list[tuple[int, Derivation, str]]] = {}
    firsts: dict[int, Derivation] = {}  # the rows' readings on the channel axis
    for i in leaves(analysis):
        derived = derivations[i]
        if derived is None or derived.status != OK or not derived.non_trainable:
            continue
        held = derived.non_trainable
        found = [
            (held - (other.non_trainable or 0), other, words)
            for other, words in bn_readings_off_the_channel_axis(analysis.facts[i])
            if (other.non_trainable or 0) < held
        ]
        if found:
            options[i], firsts[i] = found, derived
    if not options or len(options) > _MOST_ROWS_TRIED:
        return
    ways: list[dict[int, tuple[Derivation, str]]] = []
    tried = 0
    for size in range(1, len(options) + 1):
        for rows in combinations(options, size):
            for picked in product(*(options[i] for i in rows)):
                tried += 1
                if tried > _MOST_SETS_TRIED:
                    return
                if sum(saved for saved, _, _ in picked) >= excess:
                    ways.append({i: (other, words) for i, (_, other, words) in zip(rows, picked)})
        if ways:
            break
    if not ways:
        return
    if len(ways) == 1:
        (settled,) = ways
        for i, (other, _) in settled.items():
            said = (
                f" (not {firsts[i].text.split(' (')[0]} on the channel axis, whose moving "
                f"statistics would hold more than the {stated:,} that Non-trainable params says)"
            )
            message = other.message + said if other.message else None
            derivations[i] = replace(other, text=other.text + said, message=message)
        analysis.settled = frozenset(settled)
    else:
        undecided = sorted({i for way in ways for i in way})
        names = names_listed([analysis.layers[i].name for i in undecided])
        for i in undecided:
            first = firsts[i]
            others = [(other, words) for way in ways for j, (other, words) in way.items() if j == i]
            said = (
                f"; or {' or '.join(dict.fromkeys(words for _, words in others))}: Non-trainable "
                f"params ({stated:,}) says {len(ways[0])} of these {len(undecided)} rows ({names}) "
                f"{'counts' if len(ways[0]) == 1 else 'count'} another way, and the print cannot "
                "tell which"
            )
            derivations[i] = undecidable(first.text + said)
    analysis.derivations = tuple(derivations)
    analysis.memo.clear()  # (facts computed from the first readings)
