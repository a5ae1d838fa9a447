"""Kernel shapes: the ways a kernel volume splits into sides, and which sides the shapes allow."""

from __future__ import annotations

import functools
import math

from ..memo import input_memo
from ..records import Shape

_DIVISOR_LIMIT = 10**12

# The input and output size of each spatial axis of a convolution, as the rows show them (None
# for an axis one of them does not show: any kernel side fits it).
Reach = tuple[tuple[int, int] | None, ...]


def divisors(n: int) -> list[int] | None:
    """All divisors of n in increasing order (None when n is too large to factor quickly)."""
    if n < 1 or n > _DIVISOR_LIMIT:
        return None
    small, large = [], []
    for d in range(1, math.isqrt(n) + 1):
        if n % d == 0:
            small.append(d)
            if d != n // d:
                large.append(n // d)
    return small + large[::-1]


def factorisations(k: int, rank: int) -> list[tuple[int, ...]]:
    """Kernel shapes with volume k, most square first."""
    if rank == 1 or divisors(k) is None:
        return [(k,) + (1,) * (rank - 1)] if rank > 1 else [(k,)]
    found: list[tuple[int, ...]] = []

    def rec(prefix: tuple[int, ...], remaining: int, left: int) -> None:
        if left == 1:
            found.append((*prefix, remaining))
            return
        for f in divisors(remaining) or [remaining]:
            rec((*prefix, f), remaining // f, left - 1)
            if len(found) > 200:
                return

    rec((), k, rank)
    found.sort(key=lambda t: (max(t) / min(t), t))
    return found


@input_memo(maxsize=4096)
def kernel_text(
    k: int,
    rank: int,
    implied: tuple[int, ...] | None,
    reach: Reach | None = None,
    full: bool = False,
) -> str:
    """The kernel shapes of volume k, most square first (only the few shown are spelled).

    With the reach of each spatial axis, shapes no stride, dilation or padding could give are
    left out (`13 → 11` rules out a side of 1 or 9); if that leaves none, all are listed.
    `full`: Keras 1's border_mode='full' is one of the paddings."""
    if rank == 1:
        return f"kernel {k}"
    shapes = factorisations(k, rank)
    if reach is not None and len(reach) == rank:
        possible = [shape for shape in shapes if reaches(shape, reach, full)]
        shapes = possible or shapes
    if implied is not None and implied in shapes:
        first = spelled(implied)
        rest = [text for text in map(spelled, shapes[:5]) if text != first][:4]
        more = ", …" if len(shapes) > len(rest) + 1 else ""  # (54a's 010: 4 of 2×4×8's 6)
        return f"kernel {first}" + (f" (or {', '.join(rest)}{more})" if rest else "")
    shown = [spelled(t) for t in shapes[:5]]
    more = ", …" if len(shapes) > 5 else ""
    if len(shown) == 1:
        return f"kernel {shown[0]}"
    return f"kernel {shown[0]} (or {', '.join(shown[1:])}{more})"


def spelled(kernel: tuple[int, ...]) -> str:
    return "×".join(str(side) for side in kernel)


def reach_of(in_sp: Shape | None, out_sp: Shape | None) -> Reach | None:
    """The (input, output) size of each spatial axis (None for an axis either does not show:
    a variable size, or an axis a column cut, 40c's 013), or None when no axis shows both."""
    if in_sp is None or out_sp is None or len(in_sp) != len(out_sp):
        return None
    pairs = tuple(None if i is None or o is None else (i, o) for i, o in zip(in_sp, out_sp))
    if any(pair is not None and min(pair) < 1 for pair in pairs):
        return None
    return pairs if any(pair is not None for pair in pairs) else None


def reaches(kernel: tuple[int, ...], reach: Reach, full: bool = False) -> bool:
    """Whether a kernel shape can take every spatial axis from its input to its output size,
    with one padding for all of them (Keras has no padding per axis: 22×7 → 19×4 rules out
    2×8, which needs 'valid' for the first axis and 'same' for the second); `full`, Keras 1's
    border_mode='full' too, and no dilation (Keras 1's Convolution2D has none)."""
    pairs = tuple((side, axis) for side, axis in zip(kernel, reach) if axis is not None)
    return (
        all(_same_fits(i, o) for _, (i, o) in pairs)
        or all(_valid_fits(i, o, side, not full) for side, (i, o) in pairs)
        or (full and all(_full_fits(i, o, side) for side, (i, o) in pairs))
    )


def _full_fits(size_in: int, size_out: int, side: int) -> bool:
    """Keras 1's border_mode='full' gives ceil((in + side − 1) / s) for some stride s."""
    grown = size_in + side - 1
    return any(-(-grown // stride) == size_out for stride in _strides_near(grown, size_out))


def side_fits(size_in: int, size_out: int, side: int) -> bool:
    """Whether a kernel side can take an axis from size_in to size_out in a convolution, with
    either padding."""
    return _same_fits(size_in, size_out) or _valid_fits(size_in, size_out, side)


@functools.lru_cache(maxsize=4096)
def _same_fits(size_in: int, size_out: int) -> bool:
    """'same' (and Conv1D's 'causal') gives ceil(in / s) for some stride s, whatever the side."""
    if size_out > size_in:
        return False
    return any(-(-size_in // stride) == size_out for stride in _strides_near(size_in, size_out))


@functools.lru_cache(maxsize=8192)
def _valid_fits(size_in: int, size_out: int, side: int, dilated: bool = True) -> bool:
    """'valid' gives floor((in − d·(side − 1) − 1) / s) + 1 for some stride s and dilation d;
    Keras takes a dilation above 1 only with stride 1 (a Conv layer refuses both), so 40 → 19
    is no 2×8 kernel dilated 3 at stride 2 (39b's 002)."""
    if size_out > size_in:
        return False
    span = size_in - side  # dilation 1, any stride
    if span < 0:
        return False
    if size_out == 1:
        return True
    stride = span // size_out + 1  # the smallest stride with floor(span / stride) < out
    if span // stride == size_out - 1:
        return True
    if not dilated or side == 1:
        return False
    grown, rest = divmod(size_in - size_out, side - 1)
    return not rest and grown >= 2  # stride 1, dilated: in − d·(side − 1) = out


def _strides_near(size_in: int, size_out: int) -> range:
    """The only strides s for which ceil(in / s) can equal out."""
    low = max(1, (size_in - 1) // size_out)
    return range(low, low + 3)
