"""Find the whole layers whose freezing makes up a Non-trainable gap, by exact search."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Optional

from ..records import FrozenRecord, record_fields

# Exact subset search with the reachable sums of every prefix kept: items × (gap + 1) bits.
_MAX_DP_BITS = 40_000_000
# Reachability alone (one bit set per sum, no naming): gaps up to this many parameters.
_MAX_REACH_GAP = 1 << 24
_MAX_HALF = 16  # meet-in-the-middle over at most 2 × 16 items


@record_fields
class FrozenSearch(FrozenRecord):
    """The outcome of explaining a gap: the items found (or None) and what was tried."""

    found: Optional[tuple[int, ...]]
    how: str  # "marked", "single", "nested", "run", "subset" or "" when nothing was found
    tried: tuple[str, ...]
    reachable: bool  # a subset adds up to the gap, but it was too large to name
    several: bool  # the subset search found more than one set that adds up to the gap
    singles: tuple[int, ...]  # "single": every item that alone adds up to the gap

    def __init__(
        self,
        found: Optional[tuple[int, ...]],
        how: str,
        tried: tuple[str, ...],
        reachable: bool = False,
        several: bool = False,
        singles: tuple[int, ...] = (),
    ) -> None:
        d = self.__dict__
        d["found"] = found
        d["how"] = how
        d["tried"] = tried
        d["reachable"] = reachable
        d["several"] = several
        d["singles"] = singles


def explain_gap(
    parts: Sequence[int],
    gap: int,
    groups: Sequence[tuple[int, ...]] = (),
    marked: Sequence[int] = (),
) -> FrozenSearch:
    """Find items whose parts add up to exactly gap, preferring how people freeze layers.

    parts[i] is the trainable part of item i (in print order); groups are whole nested
    models (tuples of item indexes); marked are items the Trainable column shows as frozen.
    Tried in order: the marked items, one item, one nested model, a contiguous run, then any
    subset (bounded dynamic programming over the counts, or meet-in-the-middle).
    """
    tried: list[str] = []
    if gap <= 0:
        return FrozenSearch(None, "", ())
    if marked:
        tried.append("the rows the Trainable column marks N")
        if sum(parts[i] for i in marked) == gap:
            return FrozenSearch(tuple(marked), "marked", tuple(tried))
    tried.append("each single layer")
    singles = tuple(i for i, part in enumerate(parts) if part == gap)
    if singles:
        return FrozenSearch(singles[:1], "single", tuple(tried), singles=singles)
    if groups:
        tried.append("each whole nested model")
        for group in groups:
            if sum(parts[i] for i in group) == gap:
                return FrozenSearch(tuple(group), "nested", tuple(tried))
    tried.append("every run of consecutive layers")
    run = _contiguous_run(parts, gap)
    if run is not None:
        return FrozenSearch(run, "run", tuple(tried))
    return _any_subset(parts, gap, tried)


def _contiguous_run(parts: Sequence[int], gap: int) -> Optional[tuple[int, ...]]:
    """A run of consecutive items with a positive part whose parts sum to gap (two pointers)."""
    weighted = [i for i, part in enumerate(parts) if part > 0]
    start, running = 0, 0
    for end, index in enumerate(weighted):
        running += parts[index]
        while running > gap and start <= end:
            running -= parts[weighted[start]]
            start += 1
        if running == gap and start <= end:
            return tuple(weighted[start : end + 1])
    return None


def _any_subset(parts: Sequence[int], gap: int, tried: list[str]) -> FrozenSearch:
    items = [(i, part) for i, part in enumerate(parts) if 0 < part <= gap]
    if not items:
        tried.append("any set of layers (none is small enough)")
        return FrozenSearch(None, "", tuple(tried))
    if len(items) * (gap + 1) <= _MAX_DP_BITS:
        tried.append(f"every set of the {len(items)} layers small enough (exact search)")
        found = _subset_dp(items, gap)
        several = found is not None and _ways(items, gap) > 1
        return FrozenSearch(found, "subset" if found else "", tuple(tried), several=several)
    if len(items) <= 2 * _MAX_HALF:
        tried.append(f"every set of the {len(items)} layers small enough (exact search)")
        found, ways = _meet_in_the_middle(items, gap)
        return FrozenSearch(found, "subset" if found else "", tuple(tried), several=ways > 1)
    if gap <= _MAX_REACH_GAP:
        tried.append(f"every set of the {len(items)} layers small enough (exact search)")
        ways = _ways(items, gap)
        return FrozenSearch(None, "", tuple(tried), reachable=ways > 0, several=ways > 1)
    tried.append("(no search over arbitrary sets: the gap and the table are too large)")
    return FrozenSearch(None, "", tuple(tried))


def _ways(items: Sequence[tuple[int, int]], gap: int) -> int:
    """How many sets of the items add up to gap: 0, 1, or 2 for two or more (bitsets)."""
    mask = (1 << (gap + 1)) - 1
    one, two = 1, 0  # sums reached by at least one set, by at least two sets
    for _, part in items:
        two = (two | (two << part) | (one & (one << part))) & mask
        one = (one | (one << part)) & mask
    return 2 if two >> gap & 1 else int(one >> gap & 1)


def _subset_dp(items: Sequence[tuple[int, int]], gap: int) -> Optional[tuple[int, ...]]:
    """Exact subset sum with the reachable sums after each item kept for the way back."""
    mask = (1 << (gap + 1)) - 1
    history = [1]
    for _, part in items:
        history.append((history[-1] | (history[-1] << part)) & mask)
    if not history[-1] >> gap & 1:
        return None
    chosen: list[int] = []
    rest = gap
    for k in range(len(items), 0, -1):
        if history[k - 1] >> rest & 1:
            continue  # reachable without item k-1
        index, part = items[k - 1]
        chosen.append(index)
        rest -= part
    return tuple(sorted(chosen))


def _meet_in_the_middle(
    items: Sequence[tuple[int, int]], gap: int
) -> tuple[Optional[tuple[int, ...]], int]:
    """The first set found that adds up to gap, and how many do (0, 1, or 2 for more)."""
    half = len(items) // 2
    left, right = items[:half], items[half:]
    sums: dict[int, tuple[int, ...]] = {}
    counts: dict[int, int] = {}
    for size in range(len(right) + 1):
        for combo in itertools.combinations(right, size):
            total = sum(p for _, p in combo)
            sums.setdefault(total, tuple(i for i, _ in combo))
            counts[total] = counts.get(total, 0) + 1
    found: Optional[tuple[int, ...]] = None
    ways = 0
    for size in range(len(left) + 1):
        for combo in itertools.combinations(left, size):
            total = sum(p for _, p in combo)
            other = sums.get(gap - total)
            if other is None:
                continue  # gap > 0, so the empty set on both sides never adds up to it
            ways += counts[gap - total]
            if found is None:
                found = tuple(sorted((*(i for i, _ in combo), *other)))
            if ways > 1:
                return found, 2
    return found, ways
