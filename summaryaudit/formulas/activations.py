"""Per-position and per-unit weights: PReLU, ParametricSoftplus, SReLU, STFTSpectrogram."""

from __future__ import annotations

from .common import (
    Derivation,
    LayerFacts,
    axes_text,
    dims_text,
    known,
    mismatch,
    ok,
    prod,
    shape_text,
    subset_products,
    undecidable,
)
from .common import input_of as _in
from .common import last_dim as _last
from .common import num as _n
from .common import output_of as _out
from .common import row_name as _name


def _per_value(facts: LayerFacts, m: int, weights: str) -> Derivation:
    """PReLU-style layers: m weights per input value, except along shared axes."""
    p, type_ = facts.params, facts.type
    shape = _in(facts) or _out(facts)
    if shape is None or len(shape) < 2:
        return undecidable(f"{_n(p)}: {type_} has {weights} per (unshared) input value")
    full = list(range(1, len(shape)))
    times = f"{m} × " if m > 1 else ""
    matches = [axes for axes, size in subset_products(shape) if m * size == p]
    if matches:
        axes = max(matches, key=len)
        dims = dims_text([shape[a] for a in axes])
        if list(axes) == full:
            return ok(f"{_n(p)} = {times}{dims} ({weights} per input value)", p)
        shared = [a for a in full if a not in axes]
        return ok(
            f"{_n(p)} = {times}{dims} ({weights} shared over {axes_text(shared)}: "
            f"shared_axes={shared})",
            p,
        )
    if not known(shape):
        return undecidable(f"{_n(p)}: does not fit the shown dims of {shape_text(shape)}")
    exp = m * prod([shape[i] for i in full])  # type: ignore[misc]
    return mismatch(
        f"{_n(p)} ≠ {times}the product of any of the input dims {shape_text(shape)}",
        f"{_name(facts)} shows {_n(p)} but {type_} on {shape_text(shape)} has {weights} per input "
        f"value ({_n(exp)}) or fewer along shared axes, and {_n(p)} fits no choice of shared axes "
        "— a pasted or edited count?",
        exp,
    )


def prelu(facts: LayerFacts) -> Derivation:
    return _per_value(facts, 1, "one alpha")


def parametric_softplus(facts: LayerFacts) -> Derivation:
    """Keras 1 ParametricSoftplus: alpha and beta per input value."""
    return _per_value(facts, 2, "alpha and beta")


def srelu(facts: LayerFacts) -> Derivation:
    """Keras 1 SReLU: t_left, a_left, t_right, a_right per input value."""
    return _per_value(facts, 4, "t_left, a_left, t_right and a_right")


def stft(facts: LayerFacts) -> Derivation:
    """2 × frame_length × bins, the bins on the last axis, or on the one before it when the
    layer expanded its output to (time, bins, channels) (53b's 009: keras.io's STFT example,
    `(None, None, 1025, 1)`). A frame no longer than the FFT (fft_length // 2 + 1 bins) says
    which axis holds the bins."""
    p, out = facts.params, _out(facts)
    axes = [(_last(out), "")]
    if out and len(out) == 4:
        # expanded: (time, bins, channels) channels_last, (channels, time, bins) channels_first
        expanded = (out[-2], "; expand_dims=True: the bins on axis 2")
        # (fewer channels than bins: the channels first, `(None, 1, 400, 257)`)
        channels_first = facts.channels_first or (
            out[1] is not None and out[-1] is not None and out[1] < out[-1]
        )
        axes = [*axes, expanded] if channels_first else [expanded, *axes]
    for bins, where in axes:
        if bins and p % (2 * bins) == 0 and p // (2 * bins) <= 2 * bins - 1:
            frame = p // (2 * bins)
            return ok(
                f"{_n(p)} = 2 × {_n(frame)} × {_n(bins)} (real + imaginary DFT kernels: "
                f"frame_length {_n(frame)} × {_n(bins)} frequency bins{where})",
                p,
            )
    return undecidable(
        f"{_n(p)}: STFTSpectrogram has 2 × frame_length × (fft_length // 2 + 1); not solved "
        "from the shown shape"
    )
