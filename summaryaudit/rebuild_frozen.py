"""Freeze the rebuilt layers the Trainable column or the Non-trainable total says are frozen."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Optional

from .rebuild_node import Node, walk
from .records import Summary

_MAX_SUBSETS = 200_000


def _base_nt(node: Node) -> int:
    """Non-trainable weights of a node that nothing freezes (moving statistics)."""
    if node.children:
        return sum(_base_nt(c) for c in node.children)
    return node.code.non_trainable


def _implied_nt(nodes: Sequence[Node], frozen_above: bool = False) -> int:
    """Non-trainable weights the rows imply: moving statistics, and all of a frozen layer."""
    total = 0
    for node in nodes:
        frozen = frozen_above or node.frozen
        if node.children:
            total += _implied_nt(node.children, frozen)
        else:
            total += node.params if frozen else node.code.non_trainable
    return total


def _give_to_hidden(hidden: list[Node], gap: int) -> None:
    """Non-trainable weights no printed row explains go to unprinted inner models/stand-ins."""
    for node in hidden:
        take = min(gap, node.params)
        if take == node.params and node.is_model:
            node.frozen = True
        elif node.is_model:
            node.hidden_non_trainable = take
        else:
            node.code = replace(node.code, trainable_size=node.params - take, non_trainable=take)
        gap -= take


def _subset(items: list[tuple[Node, int]], target: int) -> Optional[list[Node]]:
    """The earliest rows whose gains sum to target (a frozen model counts as one)."""
    reach: dict[int, tuple[int, ...]] = {0: ()}
    for index, (_, gain) in enumerate(items):
        for total, picked in list(reach.items()):
            new = total + gain
            if new <= target and new not in reach:
                reach[new] = (*picked, index)
                if new == target:
                    return [items[i][0] for i in reach[new]]
        if len(reach) > _MAX_SUBSETS:
            return None
    return None


def _mark_frozen(summary: Summary, top: list[Node]) -> list[str]:
    """Freeze what the Trainable column or the Non-trainable total says; return notes."""
    column = any(n.layer.trainable is not None for n in walk(top))
    if column:
        for node in walk(top):
            if node.layer.trainable is False and (node.params or node.is_model):
                node.frozen = True
    stated = summary.totals.non_trainable
    if stated is None or stated.value is None:
        return []
    gap = stated.value - _implied_nt(top)
    if gap == 0:
        return []
    hidden = [
        n
        for n in walk(top)
        if (n.is_model or n.code.placeholder) and not n.children and not n.frozen
    ]
    if gap < 0:
        return [
            f"the Non-trainable total {stated.value:,} is below what the rows imply "
            f"({gap + stated.value:,}); nothing more is frozen"
        ]
    room = sum(n.params for n in hidden)
    if hidden and gap <= room:
        _give_to_hidden(hidden, gap)
        return []
    if hidden and not column:
        said = _freeze_past_room(top, hidden, gap, room)
        if said is not None:
            return [
                f"{said}: Non-trainable params {stated.value:,} is more than the unprinted "
                "inner rows can hold, and the summary does not show which layers are frozen"
            ]
    if column:
        return [f"the rows do not explain Non-trainable params {stated.value:,}"]
    chosen = _subset(
        [(n, n.params - _base_nt(n)) for n in walk(top) if n.params - _base_nt(n) > 0], gap
    )
    if chosen is None:
        return [f"no set of frozen layers explains Non-trainable params {stated.value:,}"]
    for node in chosen:
        node.frozen = True
    names = ", ".join(n.layer.name for n in chosen)
    return [
        f"frozen ({names}): the earliest rows whose weights make up Non-trainable params "
        f"{stated.value:,} beyond the moving statistics (the Trainable column was not printed)"
    ]


def _freeze_past_room(top: list[Node], hidden: list[Node], gap: int, room: int) -> Optional[str]:
    """Freeze the printed row that trains the fewest weights still covering what the unprinted
    inner rows cannot hold, and give them the rest (25d's 002: a base frozen in part beside a
    frozen BatchNormalization); None when no row covers it."""
    need = gap - room
    gains = [
        (n.params - _base_nt(n), n)
        for n in walk(top)
        if n not in hidden and not n.children and n.params - _base_nt(n) >= need
    ]
    if not gains:
        return None
    gain, node = min(gains, key=lambda pair: pair[0])
    node.frozen = True
    _give_to_hidden(hidden, gap - gain)
    return f"frozen ({node.layer.name}) and {gap - gain:,} of the unprinted rows' weights"


def freeze(summary: Summary, top: list[Node]) -> list[str]:
    """Mark the frozen nodes; return the notes the rebuilt module opens with."""
    notes = _mark_frozen(summary, top)
    for node in walk(top):
        if node.frozen and node.is_model and not node.children:
            node.hidden_non_trainable = 0
    return notes


__all__ = ["freeze"]
