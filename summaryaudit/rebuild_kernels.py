"""Kernel, strides, padding and dilation that map a printed input size to the output size."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Optional

from .dialects import TextEnum
from .rebuild_args import int_or_tuple
from .rebuild_row import Args

MAX_SEARCH = 4000  # the most kernel tuples (or channel splits) one search tries
_MAX_STRIDE = 8


class Padding(TextEnum):
    """Keras' padding argument (the order is the search order: the default first)."""

    VALID = "valid"
    SAME = "same"


@dataclass(frozen=True)
class SpatialFit:
    """Kernel, strides, padding and dilation that give a row's output size from its input."""

    kernel: tuple[int, ...]
    strides: tuple[int, ...]
    padding: Padding
    dilation: tuple[int, ...]


def factorisations(k: int, rank: int) -> list[tuple[int, ...]]:
    """Every ordered kernel tuple with product k, most common (square, then near-square) first."""
    if rank == 1:
        return [(k,)]
    found = []
    for first in range(1, k + 1):
        if k % first == 0:
            for rest in factorisations(k // first, rank - 1):
                found.append((first, *rest))
                if len(found) > MAX_SEARCH:
                    break
    return sorted(found, key=lambda t: (max(t) - min(t), -t[0]))


def conv_out(n: int, k: int, s: int, padding: Padding, d: int = 1) -> int:
    """The output size of a convolution (or pooling) over n with kernel k, stride s, dilation d."""
    if padding is Padding.SAME:
        return -(-n // s)
    return (n - d * (k - 1) - 1) // s + 1


def _transpose_out(n: int, k: int, s: int, padding: Padding) -> int:
    if padding is Padding.SAME:
        return n * s
    return n * s + max(k - s, 0)


def fit_spatial(
    k: int, rank: int, ins: Sequence[Optional[int]], outs: Sequence[Optional[int]], transpose: bool
) -> Optional[tuple[SpatialFit, list[tuple[int, ...]]]]:
    """Find kernel/strides/padding giving outs from ins with a kernel of volume k.

    Returns the most common fit and every kernel tuple that fits some stride and padding.
    """
    fits: list[SpatialFit] = []
    for kernel in factorisations(k, rank)[:200]:
        for padding in Padding:
            strides, dilation = [], []
            for n, o, kk in zip(ins, outs, kernel):
                found = _fit_dim(n, o, kk, padding, transpose)
                if found is None:
                    break
                strides.append(found[0])
                dilation.append(found[1])
            else:
                fits.append(SpatialFit(kernel, tuple(strides), padding, tuple(dilation)))
    if not fits:
        return None
    best = min(
        fits,
        key=lambda f: (
            max(f.dilation) > 1,
            max(f.kernel) - min(f.kernel),
            max(f.strides) > 1 and f.padding is Padding.VALID,
            f.padding is Padding.SAME and max(f.strides) == 1 and max(f.kernel) == 1,
            max(f.strides),
            f.padding is not Padding.VALID,
        ),
    )
    return best, sorted({f.kernel for f in fits}, key=lambda t: (max(t) - min(t), t))


def _fit_dim(
    n: Optional[int], o: Optional[int], k: int, padding: Padding, transpose: bool
) -> Optional[tuple[int, int]]:
    """(stride, dilation) mapping n to o with kernel k, or None; unknown sizes fit stride 1."""
    if n is None or o is None:
        return (1, 1) if n == o else ((1, 1) if padding is Padding.SAME else None)
    for s in range(1, _MAX_STRIDE + 1):
        got = _transpose_out(n, k, s, padding) if transpose else conv_out(n, k, s, padding)
        if got == o:
            return s, 1
    if not transpose and padding is Padding.VALID and k > 1:
        for d in range(2, 17):
            if conv_out(n, k, 1, padding, d) == o:
                return 1, d
    return None


def spatial_args(fit: SpatialFit, kernels: list[tuple[int, ...]]) -> tuple[Args, tuple[str, ...]]:
    """The kernel_size/strides/padding/dilation_rate arguments of a fit, and the choices made."""
    args: list[tuple[str, str]] = []
    notes: list[str] = []
    kernel = fit.kernel
    args.append(("kernel_size", int_or_tuple(kernel)))
    if len(kernels) > 1:
        rest = [t for t in kernels if t != kernel]
        others = ", ".join("×".join(map(str, t)) for t in rest[:3]) + (
            ", …" if len(rest) > 3 else ""
        )
        notes.append(
            f"kernel {'×'.join(map(str, kernel))} is the most common of the kernels that give "
            f"this count and shape (also {others})"
        )
    if max(fit.strides) > 1:
        args.append(("strides", int_or_tuple(fit.strides)))
    if fit.padding is Padding.SAME:
        args.append(("padding", f'"{Padding.SAME}"'))
    if max(fit.dilation) > 1:
        args.append(("dilation_rate", int_or_tuple(fit.dilation)))
    if max(fit.strides) > 1 and fit.padding is Padding.SAME:
        notes.append("strides with padding='same' chosen; 'valid' with another kernel may also fit")
    return tuple(args), tuple(notes)


__all__ = [
    "MAX_SEARCH",
    "Padding",
    "SpatialFit",
    "conv_out",
    "factorisations",
    "fit_spatial",
    "spatial_args",
]
