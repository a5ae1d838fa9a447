"""BatchNormalization and the other normalisation layers."""

from __future__ import annotations

from ..dialects import TRAINABLE_COUNT_ERAS, Era
from ..records import FrozenRecord, Shape
from ..shapes import channel_axis
from .common import (
    BN_AXIS,
    KERAS1_ERAS,
    MISMATCH,
    Derivation,
    LayerFacts,
    axes_text,
    dims_text,
    known,
    mismatch,
    ok,
    shape_text,
    subset_products,
    undecidable,
)
from .common import input_of as _in
from .common import last_dim as _last
from .common import num as _n
from .common import output_of as _out
from .common import row_name as _name

# --------------------------------------------------------------------------- normalisation


class _BnVariant(FrozenRecord):
    """One way a BatchNormalization row counts: P = m × N + extra."""

    m: int
    extra: int
    words: str
    nt_m: int | None
    nt_extra: int

    def __init__(self, m: int, extra: int, words: str, nt_m: int | None, nt_extra: int = 0) -> None:
        d = self.__dict__
        d["m"] = m
        d["extra"] = extra
        d["words"] = words
        d["nt_m"] = nt_m
        d["nt_extra"] = nt_extra

    def size(self, p: int) -> int | None:
        """N for a count P, when P fits this variant."""
        rest = p - self.extra
        return rest // self.m if rest > 0 and rest % self.m == 0 else None

    def formula(self, n: int) -> str:
        return f"{self.m} × {_n(n)}" + (f" + {self.extra}" if self.extra else "")

    def count(self, n: int) -> int:
        return self.m * n + self.extra

    def non_trainable(self, n: int) -> int | None:
        return None if self.nt_m is None else self.nt_m * n + self.nt_extra


_MOVING = "moving_mean, moving_variance: non-trainable"
_RENORM = "moving_mean, moving_variance, moving_stddev, renorm_mean, renorm_stddev: non-trainable"
_TF1_RENORM = (
    "moving_mean, moving_variance, renorm_mean, renorm_stddev and 2 scalar renorm weights: "
    "non-trainable; renorm=True as TF 1.x counts it"
)
_BN_STD = (
    _BnVariant(4, 0, f"gamma, beta: trainable; {_MOVING}", 2),
    _BnVariant(3, 0, f"gamma or beta: trainable; {_MOVING}; center=False or scale=False", 2),
)
_BN_BOTH_OFF = _BnVariant(2, 0, f"{_MOVING}; center=False and scale=False", 2)
_BN_RENORM = (
    _BnVariant(7, 0, f"gamma, beta: trainable; {_RENORM}; renorm=True", 5),
    _BnVariant(6, 0, f"gamma or beta: trainable; {_RENORM}; renorm=True, center or scale off", 5),
    _BnVariant(5, 0, f"{_RENORM}; renorm=True, center=False and scale=False", 5),
    _BnVariant(6, 2, f"gamma, beta: trainable; {_TF1_RENORM}", 4, 2),
    _BnVariant(5, 2, f"gamma or beta: trainable; {_TF1_RENORM}, center or scale off", 4, 2),
    _BnVariant(4, 2, f"{_TF1_RENORM}, center=False and scale=False", 4, 2),
)
_BN_K1 = _BnVariant(4, 0, "gamma, beta: trainable; running_mean, running_std: non-trainable", 2)
_BN_K10 = _BnVariant(
    2,
    0,
    "gamma, beta: Keras 0.3 and 1.0/1.1 rows count trainable weights only, so the "
    "non-trainable running_mean and running_std are not shown",
    0,
)
_BN_TWO_UNKNOWN = _BnVariant(
    2,
    0,
    "gamma and beta only, as Keras 0.3 and 1.0/1.1 counted (trainable weights), or "
    "moving_mean + moving_variance with center=False and scale=False",
    None,
)
BN_TYPES = (
    "BatchNormalization",
    "BatchNormalizationV1",
    "BatchNormalizationV2",
    "SyncBatchNormalization",
)


# An enum member read through its class is a slow look-up (EnumType has a __getattr__).
_KERAS1, _UNKNOWN_ERA, _KERAS3 = Era.KERAS1, Era.UNKNOWN, Era.KERAS3
# Keras 3 counts renorm as Keras 2 does (7 × N), never as TF 1.x (review 92's item 9)
_BN_RENORM_KERAS3 = tuple(variant for variant in _BN_RENORM if variant.nt_extra == 0)


def _bn_variants(era: Era) -> tuple[tuple[_BnVariant, ...], ...]:
    """The ways a BN row can count in this era in tiers: the common ones, then renorm."""
    if era in TRAINABLE_COUNT_ERAS:
        # Keras 1.0/1.1 count trainable weights only: 2 × N on every axis is tried before 4 × N,
        # so 128 on (None, 64, 64, 32) is 2 × 64 (the height), not 4 × 32.
        return ((_BN_K10,), (_BN_K1,))
    if era == _KERAS1:
        return ((_BN_K1, _BN_K10),)
    if era == _UNKNOWN_ERA:
        return ((*_BN_STD, _BN_TWO_UNKNOWN), _BN_RENORM)
    return ((*_BN_STD, _BN_BOTH_OFF), _BN_RENORM_KERAS3 if era == _KERAS3 else _BN_RENORM)


def bn(facts: LayerFacts) -> Derivation:
    p, era = facts.params, facts.era
    shape = _out(facts) if _out(facts) is not None and len(_out(facts) or ()) >= 2 else _in(facts)
    tiers = _bn_variants(era)
    variants = tuple(v for tier in tiers for v in tier)
    if shape is None or len(shape) < 2:
        if p and all(v.size(p) is None for v in variants):
            return mismatch(
                f"{_n(p)} ≠ m × N for every BatchNormalization variant (m = "
                f"{', '.join(sorted({str(v.m) for v in variants}))})",
                f"{_name(facts)} shows {_n(p)}, but a BatchNormalization always has 4 × N "
                "parameters (3 × N or 2 × N with center or scale off, 7 × N with renorm) for the "
                f"N features it normalises, and {_n(p)} is none of these for any whole N — a "
                "pasted or edited count?",
            )
        solved = f": N = {_n(p // 4)} with center and scale on (the default)" if p % 4 == 0 else ""
        return undecidable(
            f"{_n(p)}: BatchNormalization has 4 × N (N = size of the normalised axis){solved}; "
            "the shape is not shown in full"
        )
    default = variants[0]
    rank = len(shape)
    ch = channel_axis(len(shape), facts.channels_first, facts.frames)
    c = shape[ch]
    # channels_first with a sequence (rank 3): either axis may be the features.
    accepted = {ch}
    if facts.channels_first and rank == 3:
        accepted.add(rank - 1)
    keras1_th = facts.channels_first is None and era in KERAS1_ERAS and rank >= 4
    if keras1_th:
        accepted.add(1)
    # Per tier: the channel axis first, then a wrong axis (a common variant on a wrong axis is
    # likelier than renorm on the right one).
    for tier in tiers:
        found = _bn_on_channel(facts, shape, tier, accepted, keras1_th, ch)
        if found is not None:
            return found
        if c is None:
            continue
        for v in tier:
            n = v.size(p)
            hits = [
                i for i in range(1, rank) if n is not None and shape[i] == n and i not in accepted
            ]
            if n is not None and hits:
                return _bn_wrong_axis(facts, shape, v, n, hits, ch, c)
    if c is None:
        for v in variants:
            n = v.size(p)
            hits = [i for i in range(1, rank) if n is not None and shape[i] == n]
            if n is not None and hits:
                return undecidable(
                    f"{_n(p)} = {v.formula(n)}: N matches {axes_text(hits)}; the channel size "
                    "is not shown, so the axis cannot be checked"
                )
        return undecidable(f"{_n(p)}: BatchNormalization has 4 × N; the channel size is not shown")
    # Several axes together (Keras 2 list axis).
    for v in variants:
        n = v.size(p)
        for axes, size in subset_products(shape):
            if n is not None and len(axes) >= 2 and size == n:
                return undecidable(
                    f"{_n(p)} = {v.formula(n)} = {v.m} × ({dims_text([shape[a] for a in axes])})"
                    f"{' + ' + str(v.extra) if v.extra else ''}: BatchNormalization over "
                    f"{axes_text(list(axes))} together (a Keras 2 list axis, e.g. "
                    f"axis={list(axes)}); a single channel axis would give {_n(default.count(c))}",
                    None,
                )
    if not known(shape):
        return undecidable(
            f"{_n(p)}: does not fit {default.formula(c)} (the channel axis); some dims are "
            "not shown"
        )
    exp = default.count(c)
    return mismatch(
        f"{_n(p)} ≠ {default.formula(c)} = {_n(exp)} ({default.words})",
        f"{_name(facts)} shows {_n(p)} but BatchNormalization over {_n(c)} channels has "
        f"{default.formula(c)} = {_n(exp)}, and {_n(p)} fits no BatchNormalization variant "
        f"(4×, 3× or 2× N, renorm 7× N) for any axis or product of axes of {shape_text(shape)} "
        "— a pasted or edited count, or a misread shape?",
        exp,
    )


def bn_on_another_axis(facts: LayerFacts) -> Derivation | None:
    """The reading of a BatchNormalization row as 4 × N on an axis other than the channel one
    (gamma and beta on), when its count allows it: the other reading of a count such as 32 on
    (8, 8, 16), 2 × 16 with center and scale off or 4 × 8 over the height. The totals decide."""
    if facts.type not in BN_TYPES or facts.era in KERAS1_ERAS or facts.era == _UNKNOWN_ERA:
        return None
    shape = _out(facts) if _out(facts) is not None and len(_out(facts) or ()) >= 2 else _in(facts)
    if shape is None or len(shape) < 2:
        return None
    ch = channel_axis(len(shape), facts.channels_first, facts.frames)
    c, standard = shape[ch], _BN_STD[0]
    n = standard.size(facts.params)
    if c is None or n is None or n == c:
        return None
    hits = [i for i in range(1, len(shape)) if shape[i] == n and i != ch]
    return _bn_wrong_axis(facts, shape, standard, n, hits, ch, c) if hits else None


_SWITCHED_OFF = {3: " with center or scale off", 2: " with center and scale off"}


def bn_readings_off_the_channel_axis(facts: LayerFacts) -> tuple[tuple[Derivation, str], ...]:
    """Each reading of a BatchNormalization count as a common variant (4×, 3× or 2× N) over an
    axis other than the channel one, with a short phrase for it: 6 on (None, 2, 3) is 2 × 3 with
    center and scale off, or `3 × 2 over axis 1`. The totals decide (checks.bn_readings)."""
    if facts.type not in BN_TYPES or facts.era in KERAS1_ERAS or facts.era == _UNKNOWN_ERA:
        return ()
    shape = _out(facts) if _out(facts) is not None and len(_out(facts) or ()) >= 2 else _in(facts)
    if shape is None or len(shape) < 2:
        return ()
    rank = len(shape)
    ch = channel_axis(len(shape), facts.channels_first, facts.frames)
    c = shape[ch]
    # (a channels_first sequence's last axis may be its features too: see bn)
    accepted = {ch, rank - 1} if facts.channels_first and rank == 3 else {ch}
    found = []
    for v in _bn_variants(facts.era)[0]:
        n = v.size(facts.params)
        hits = [i for i in range(1, rank) if n is not None and shape[i] == n and i not in accepted]
        if c is not None and n is not None and n != c and hits:
            derived = _bn_wrong_axis(facts, shape, v, n, hits, ch, c)
            off = _SWITCHED_OFF.get(v.m, "")
            found.append((derived, f"{v.formula(n)} over axis {' or '.join(map(str, hits))}{off}"))
    return tuple(found)


def _bn_on_channel(
    facts: LayerFacts,
    shape: Shape,
    tier: tuple[_BnVariant, ...],
    accepted: set[int],
    keras1_th: bool,
    ch: int,
) -> Derivation | None:
    """The ok derivation when some variant of the tier fits an accepted channel axis."""
    p, rank = facts.params, len(shape)
    for v in tier:
        n = v.size(p)
        hits = [i for i in range(1, rank) if n is not None and shape[i] == n]
        good = [i for i in hits if i in accepted]
        if n is None or not good:
            continue
        text = f"{_n(p)} = {v.formula(n)} ({v.words})"
        if [i for i in hits if i not in good]:
            text += (
                f"; {axes_text(sorted(hits))} all have size {_n(n)}, so the count cannot "
                "tell which axis was normalised"
            )
        elif keras1_th and good == [1] and ch != 1:
            text += (
                "; N matches axis 1, the channel axis of Keras 1 'th' (channels-first) "
                "data — right if this model uses 'th' ordering"
            )
        return ok(text, p, v.non_trainable(n))
    return None


def _bn_wrong_axis(
    facts: LayerFacts, shape: Shape, v: _BnVariant, n: int, hits: list[int], ch: int, c: int
) -> Derivation:
    p, rank = facts.params, len(shape)
    exp = v.count(c)
    neg = " or ".join(f"axis={i - rank}" for i in hits)
    pos = " or ".join(f"axis={i}" for i in hits)
    # (a last axis not shown, the column having cut it, may be the one too: 77b's 003, 128 on a
    # channels_first `(None, 192, 16, 32, `)
    unshown = rank - 1 if shape[rank - 1] is None and rank - 1 != ch else None
    text = f"{_n(p)} = {v.formula(n)} ({v.words}); N = {_n(n)} is the size of {axes_text(hits)}"
    if unshown is not None:
        text += f" (or of axis {unshown}, not shown)"
    text += f", not of the channel axis {ch} (size {_n(c)}), which gives {v.formula(c)} = {_n(exp)}"
    if facts.channels_first and ch < rank - 1 and (rank - 1 in hits or unshown is not None):
        # (frames: the channels after the time axis, 84e's 008)
        where = f"axis {ch}, after the time axis" if ch == 2 else "axis 1"
        cause = (
            f"this model is channels_first, so the channels are on {where} — was it built "
            f"with the default axis=-1? use axis={ch}"
        )
    else:
        layout = "channels-first" if ch < rank - 1 else "channels-last"  # (76a's 007)
        cause = f"was it built with {neg} (or {pos} on {layout} data)?"
        if facts.channels_first is None and 1 in hits and rank >= 4:
            cause += " (If this model is channels_first, axis=1 is right.)"
    spatial = range(ch + 1, rank) if ch < rank - 1 else range(1, rank - 1)
    words = {2: ["height", "width"], 3: ["depth", "height", "width"]}.get(len(spatial), [])
    if len(spatial) == 1 and ch != 2:
        words = ["time steps"]  # a sequence's one axis (a frame's one axis is no time axis)
    kind = dict(zip(spatial, words))
    if ch == 2:  # frames: axis 1 holds the time steps
        kind[1] = "time steps"
    names = [kind[i] for i in hits if i in kind]
    what = f": {' or '.join(names)}" if names else ""
    axes = "axis " + " or ".join(str(i) for i in hits)
    if unshown is not None:
        what += f"; or axis {unshown}, whose size the print does not show"
    message = (
        f"{_n(p)} = {v.formula(n)}: this BatchNormalization normalised {axes} "
        f"(size {_n(n)}{what}), not the channel axis (size {_n(c)}), which would give "
        f"{v.formula(c)} = {_n(exp)} — {cause}"
    )
    return Derivation(BN_AXIS, text, message, exp, v.non_trainable(n))


def layer_norm(facts: LayerFacts) -> Derivation:
    """LayerNormalization: (scale + center) × Π(normalised dims), default 2 × last dim."""
    return _norm_over_axes(
        facts,
        (
            (2, "gamma + beta"),
            (1, "gamma or beta only (center=False or scale=False, or Keras 3 rms_scaling=True)"),
        ),
    )


def rms_norm(facts: LayerFacts) -> Derivation:
    return _norm_over_axes(facts, ((1, "scale"),))


def _norm_over_axes(facts: LayerFacts, variants: tuple[tuple[int, str], ...]) -> Derivation:
    p = facts.params
    if p == 0 and len(variants) > 1:
        return ok(f"0: {facts.type} with center=False and scale=False has no weights", 0)
    shape = _out(facts) or _in(facts)
    if shape is None or len(shape) < 2:
        return undecidable(
            f"{_n(p)}: {facts.type} scales the last axis; the shape is not shown in full"
        )
    last = shape[-1]
    for m, words in variants:
        if last is not None and p == m * last:
            return ok(f"{_n(p)} = {m} × {_n(last)} ({words} over the last axis)", p)
    for m, words in variants:
        if p % m:
            continue
        for axes, size in subset_products(shape):
            if size == p // m:
                dims = dims_text([shape[a] for a in axes])
                return ok(f"{_n(p)} = {m} × {dims} ({words} over {axes_text(list(axes))})", p)
    if not known(shape):
        return undecidable(f"{_n(p)}: does not fit the shown dims of {shape_text(shape)}")
    m0 = variants[0][0]
    exp = m0 * (last or 0)
    return mismatch(
        f"{_n(p)} ≠ {m0} × {_n(last or 0)} = {_n(exp)} ({variants[0][1]})",
        f"{_name(facts)} shows {_n(p)} but {facts.type} on {shape_text(shape)} has {m0} × "
        f"{_n(last or 0)} = {_n(exp)}, and {_n(p)} fits no axis or set of axes — a pasted or "
        "edited count?",
        exp,
    )


def group_norm(facts: LayerFacts) -> Derivation:
    return _per_channel_pair(
        facts, "GroupNormalization", "; the number of groups does not change the count"
    )


def instance_norm(facts: LayerFacts) -> Derivation:
    """tensorflow-addons' InstanceNormalization (a GroupNormalization of one channel per group;
    keras-contrib's counts alike on its default axis): gamma and beta per channel. A count that
    fits no channel is not checked: keras-contrib's axis=None holds one scalar of each."""
    derived = _per_channel_pair(facts, "InstanceNormalization")
    if derived.status is MISMATCH:
        return undecidable(
            f"{_n(facts.params)}: InstanceNormalization has 2 × channels (gamma + beta), or the "
            "channels with center or scale off; this count fits neither, and keras-contrib's "
            "layer on another axis (axis=None: 2) is not checked here"
        )
    return derived


def _per_channel_pair(facts: LayerFacts, cls: str, aside: str = "") -> Derivation:
    """A gamma and a beta per channel, whatever the groups (GroupNormalization, instance
    normalization): 2 × C, C with center or scale off, 0 with both off."""
    p = facts.params
    if p == 0:
        return ok(f"0: {cls} with center=False and scale=False has no weights", 0)
    shape = _out(facts) or _in(facts)
    if shape is None or len(shape) < 2:
        return undecidable(f"{_n(p)}: {cls} has 2 × channels; shape not shown")
    ch = channel_axis(len(shape), facts.channels_first, facts.frames)
    for m, words in ((2, "gamma + beta"), (1, "gamma or beta only")):
        # another axis only beside channels shown (56a's 008: not the 128 of axis 1 where the
        # column cut the channels of `(None, 128, 128, 128`)
        others = (
            [i for i in range(1, len(shape)) if i != ch] if m == 2 and shape[ch] is not None else []
        )
        for axis in (ch, *others):
            if shape[axis] is not None and p == m * shape[axis]:  # type: ignore[operator]
                where = "channel" if axis == ch else f"position of axis {axis}"
                return ok(
                    f"{_n(p)} = {m} × {_n(shape[axis])} ({words} per {where}{aside})",  # type: ignore[arg-type]
                    p,
                )
    c = shape[ch]
    if c is None or not known(shape):
        return undecidable(f"{_n(p)}: does not fit 2 × the shown channel size")
    return mismatch(
        f"{_n(p)} ≠ 2 × {_n(c)} = {_n(2 * c)} (gamma + beta per channel)",
        f"{_name(facts)} shows {_n(p)} but {cls} over {_n(c)} channels has "
        f"2 × {_n(c)} = {_n(2 * c)} (or {_n(c)} with center or scale off), whatever the groups — "
        "a pasted or edited count?",
        2 * c,
    )


def _one_mean_and_variance(shape: Shape | None) -> str:
    """What one mean and one variance normalise: the whole input (axis=None), or an axis of
    size 1 kept, which gives the same count (40c's 008: the default axis=-1 on one channel)."""
    if shape is not None and shape[-1] == 1:
        scope = (
            "of the one feature on the last axis (the default axis=-1) or of the whole input "
            "(axis=None), which give the same count"
        )
    elif shape is None or not known(shape) or 1 in shape[1:]:
        scope = "of the whole input (axis=None) or of a kept axis of size 1"
    else:
        scope = "over axis=None"
    return f"mean, variance {scope}; + count; all non-trainable"


def normalization_layer(facts: LayerFacts) -> Derivation:
    """Preprocessing Normalization: mean + variance over kept axes + a count scalar, all NT."""
    p = facts.params
    if p == 0:
        return ok("0: Normalization built with mean= and variance= holds constants, not weights", 0)
    shape = _out(facts) or _in(facts)
    if p % 2 == 1:
        n = (p - 1) // 2
        if n == 1:
            return ok(f"{_n(p)} = 2 × 1 + 1 ({_one_mean_and_variance(shape)})", p, p)
        if shape is not None:
            if shape[-1] == n:
                return ok(
                    f"{_n(p)} = 2 × {_n(n)} + 1 (mean, variance per feature + count; all "
                    "non-trainable)",
                    p,
                    p,
                )
            for axes, size in subset_products(shape):
                if size == n:
                    return ok(
                        f"{_n(p)} = 2 × {dims_text([shape[a] for a in axes])} + 1 (mean, "
                        f"variance over kept {axes_text(list(axes))} + count; all non-trainable)",
                        p,
                        p,
                    )
    if shape is None or not known(shape):
        return undecidable(
            f"{_n(p)}: Normalization has 2 × (kept dims) + 1, or 0; the shape is not shown in full",
            p,
        )
    c = shape[-1] or 0
    if p % 2 == 0:
        for _axes, size in subset_products(shape):
            if 2 * size == p:
                return undecidable(
                    f"{_n(p)} = 2 × {_n(size)}: mean and variance without the count scalar that "
                    "Keras adds (2 × N + 1); an old or custom Normalization?",
                    p,
                )
    return mismatch(
        f"{_n(p)} ≠ 2 × {_n(c)} + 1 = {_n(2 * c + 1)} (mean, variance + count)",
        f"{_name(facts)} shows {_n(p)} but Normalization on {shape_text(shape)} has "
        f"2 × {_n(c)} + 1 = {_n(2 * c + 1)} (mean, variance per feature + count), 0 with "
        "mean/variance passed in, and no set of kept axes gives it — a pasted or edited count?",
        2 * c + 1,
    )


def spectral_norm(facts: LayerFacts) -> Derivation:
    """SpectralNormalization: the wrapped layer's count + F (vector_u, non-trainable)."""
    p, out, inp = facts.params, _out(facts), _in(facts)
    f = _last(out)
    if f is None:
        return undecidable(f"{_n(p)}: wrapped layer + output units (vector_u); shape not shown")
    rest = p - f
    d = _last(inp)
    if d is not None and rest in (d * f + f, d * f):
        bias = f" + {_n(f)}" if rest == d * f + f else ""
        return ok(
            f"{_n(p)} = ({_n(d)} × {_n(f)}{bias}) + {_n(f)} (wrapped Dense + vector_u, "
            "non-trainable)",
            p,
            f,
        )
    if d is not None and rest > 0:
        for b in (1, 0):
            r = rest - b * f
            if r > 0 and r % (d * f) == 0:
                k = r // (d * f)
                return ok(
                    f"{_n(p)} = {_n(f)} × (K × {_n(d)}{' + 1' if b else ''}) + {_n(f)} (wrapped "
                    f"convolution, K = {_n(k)}, + vector_u, non-trainable)",
                    p,
                    f,
                )
    return undecidable(
        f"{_n(p)} = wrapped layer + {_n(f)} (vector_u, non-trainable): the wrapped layer is not "
        f"printed, so its {_n(rest)} are not re-derived",
        f,
    )
