"""Convolutions of every kind: kernel sizes solved from the count."""

from __future__ import annotations

import math
from typing import Any, Callable, Optional

from ..memo import input_memo
from ..patterns import lazy
from ..records import FrozenRecord, Shape, replace
from .common import (
    KERAS1_ERAS,
    LARGEST_ORDINARY_KERNEL,
    Derivation,
    LayerFacts,
    Solved,
    mismatch,
    ok,
    prod,
    undecidable,
)
from .common import input_of as _in
from .common import num as _n
from .common import output_of as _out
from .common import row_name as _name
from .conv_axes import input_of_another_rank, too_few_axes
from .kernel_shapes import (
    Reach,
    divisors,
    factorisations,
    kernel_text,
    reach_of,
    reaches,
    spelled,
)

_RANK = lazy(r"([123])D")


def spatial_rank(type_: str) -> int | None:
    """The spatial axes a class name says it works on (`Conv1D`: 1), or None when it says none."""
    match = _RANK.search(type_)
    return int(match.group(1)) if match else None


def conv_rank(type_: str) -> int:
    return spatial_rank(type_) or 2


_MAX_DEPTH_MULTIPLIER = 4096
MAX_PARAMS = 10**15  # far beyond any real layer; larger counts are not worked on


def _orient(
    shape: Shape | None, rank: int, channels_first: bool
) -> tuple[int | None, Shape | None]:
    """Channel size and spatial dims of (batch, spatial…, C), or (batch, C, spatial…) if first.

    A channels-last shape with more axes before its spatial ones reads them as batch axes.
    A channels-first shape whose column cut its last axes (read with the cut one unknown:
    `(None, 192, 160, 160` as (None, 192, 160, None), 46c's 009) still shows its channels."""
    if shape is None:
        return None, None
    if len(shape) > rank + 2 and not channels_first:
        # axes before the last rank + 1 are more batch (tf.keras 2.4+ takes a Conv2D on a
        # `(None, 3, 40, 40, 3)` stack of frames, a real tf2.12 print; 77a's 006)
        shape = (shape[0], *shape[-rank - 1 :])
    if len(shape) != rank + 2:
        if not (channels_first and 2 < len(shape) < rank + 2 and shape[-1] is None):
            return None, None
        shape = (*shape, *(None,) * (rank + 2 - len(shape)))
    channels, spatial = (shape[1], shape[2:]) if channels_first else (shape[-1], shape[1:-1])
    return channels or None, spatial


def _implied_kernel(
    in_sp: Shape | None, out_sp: Shape | None, transpose: bool
) -> tuple[int, ...] | None:
    """Kernel sides implied by padding='valid', stride 1: in − out + 1 (transposed out − in + 1)."""
    if in_sp is None or out_sp is None or len(in_sp) != len(out_sp):
        return None
    if any(d is None for d in (*in_sp, *out_sp)):
        return None
    sides = tuple((o - i + 1) if transpose else (i - o + 1) for i, o in zip(in_sp, out_sp))  # type: ignore[operator]
    return sides if all(s >= 1 for s in sides) else None


def _impossible_size_change(in_sp: Shape | None, out_sp: Shape | None, transpose: bool) -> bool:
    """A convolution never grows a spatial axis (a transposed one never shrinks one)."""
    if in_sp is None or out_sp is None or len(in_sp) != len(out_sp):
        return False
    for i, o in zip(in_sp, out_sp):
        if i is not None and o is not None and ((o < i) if transpose else (o > i)):
            return True
    return False


class _ConvFit(FrozenRecord):
    channels_first: bool
    bias: bool
    groups: int
    k: int
    c: int | None
    f: int
    implied: tuple[int, ...] | None
    reach: Reach | None  # the spatial sizes the kernel shapes offered must fit
    full: bool  # Keras 1: border_mode='full' may have given them too

    def __init__(
        self,
        channels_first: bool,
        bias: bool,
        groups: int,
        k: int,
        c: int | None,
        f: int,
        implied: tuple[int, ...] | None,
        reach: Reach | None,
        full: bool = False,
    ) -> None:
        d = self.__dict__
        d["channels_first"] = channels_first
        d["bias"] = bias
        d["groups"] = groups
        d["k"] = k
        d["c"] = c
        d["f"] = f
        d["implied"] = implied
        d["reach"] = reach
        d["full"] = full


def conv_fits(
    facts: LayerFacts, channels_first: bool, groups_ok: bool
) -> tuple[tuple[_ConvFit, ...], str]:
    """Kernel volumes that fit the count in one data format, and whether C and F were known.

    Memoised by what they read (the class, count and shapes): the data-format vote and the
    row's derivation ask the same of a row, its name and the model's data format aside."""
    fits, state = _kernel_volumes(facts, channels_first, groups_ok)
    return ((), state) if state == "unreachable" else (fits, state)


def _kernel_volumes(
    facts: LayerFacts, channels_first: bool, groups_ok: bool
) -> tuple[tuple[_ConvFit, ...], str]:
    """conv_fits, with the volumes no kernel shape reaches when those are the only ones."""
    key = ("", facts.type, facts.params, facts.output, facts.inputs, facts.era, None, False)
    return _conv_fits(tuple.__new__(LayerFacts, key), channels_first, groups_ok)


@input_memo(maxsize=4096)
def _conv_fits(
    facts: LayerFacts, channels_first: bool, groups_ok: bool
) -> tuple[tuple[_ConvFit, ...], str]:
    rank = conv_rank(facts.type)
    transpose = "Transpose" in facts.type or "Deconvolution" in facts.type
    c, in_sp = _orient(_in(facts), rank, channels_first)
    f, out_sp = _orient(_out(facts), rank, channels_first)
    p = facts.params
    fits: list[_ConvFit] = []
    if f is None:
        return (), "no-filters"
    if _impossible_size_change(in_sp, out_sp, transpose):
        return (), "size"
    implied = _implied_kernel(in_sp, out_sp, transpose)
    # in Keras 1, whose border_mode='full' pads beyond 'same', the reach only narrows the kernel
    # shapes offered (39b's 001: 16×78 → 14×76 is 3×3, not 1×9, in every border mode), never
    # rules a count out; so for a transposed convolution, whose sizes are a convolution's read
    # backwards (each stride, padding, output_padding and dilation takes its output to its
    # input in a convolution of the same kernel: 44a's 005, 4×4 → 6×6 is 3×3, not 1×9)
    keras1 = facts.era in KERAS1_ERAS
    shown = reach_of(out_sp, in_sp) if transpose else reach_of(in_sp, out_sp)
    reach = None if keras1 or transpose else shown
    if c is None:
        for b in (True, False):
            rest = p - (f if b else 0)
            if rest > 0 and rest % f == 0:
                fits.append(
                    _ConvFit(channels_first, b, 1, rest // f, None, f, implied, shown, keras1)
                )
        return tuple(fits), "no-channels"
    group_options = [1]
    if groups_ok and not transpose:
        group_options += (divisors(math.gcd(c, f)) or [])[1:]
    unreachable: list[_ConvFit] = []  # volumes the count gives but no kernel of the shapes
    for g in group_options:
        for b in (True, False):
            rest = p - (f if b else 0)
            denom = (c // g) * f
            if rest > 0 and rest % denom == 0:
                fit = _ConvFit(channels_first, b, g, rest // denom, c, f, implied, shown, keras1)
                (fits if _reachable(fit.k, rank, reach) else unreachable).append(fit)
        if any(fit.groups == g for fit in fits):
            break
    if not fits and unreachable:
        return tuple(unreachable), "unreachable"
    fits.sort(key=lambda fit: _fit_rank(fit, rank))
    return tuple(fits), "known"


def _reachable(k: int, rank: int, reach: Reach | None, full: bool = False) -> bool:
    """Whether some kernel of volume k takes each spatial axis from its input size to its
    output size (with some stride, dilation and padding; `full`, Keras 1's border_mode='full'
    too); True when the sizes are not shown. (47d's 009: 84 → 20 rules out 5×13, the volume
    65 of the reading without a bias.)"""
    if reach is None or len(reach) != rank:
        return True
    return _some_kernel_reaches(k, rank, reach, full)


@input_memo(maxsize=4096)
def _some_kernel_reaches(k: int, rank: int, reach: Reach, full: bool) -> bool:
    """_reachable's search over the kernel shapes of volume k (the same volume and sizes recur
    in every block of a network, and for each bias setting and data format tried)."""
    return any(reaches(shape, reach, full) for shape in factorisations(k, rank))


def _is_cube(k: int, rank: int) -> bool:
    """A square (2D) or cubic (3D) kernel volume such as 9 or 27; any volume in 1D."""
    return bool(round(k ** (1 / rank)) ** rank == k)


def usual_kernel(fit: _ConvFit, rank: int) -> bool:
    """Whether a fit's kernel is one people build: the one the spatial shrink implies, a square
    (cubic) one, or a small one (1×3, 3×5 with padding='same': the review of trial 83's item
    5); not `6×601` or `15×20`, which only a count read with the wrong sizes gives."""
    return _fit_rank(fit, rank)[:2] != (1, 1) or fit.k <= LARGEST_ORDINARY_KERNEL


def _fit_rank(fit: _ConvFit, rank: int) -> tuple[int, int, int]:
    """Prefer the kernel the spatial shrink implies, then square kernels, then a bias."""
    matches = fit.implied is not None and prod(fit.implied) == fit.k
    return (0 if matches else 1, 0 if _is_cube(fit.k, rank) else 1, 0 if fit.bias else 1)


def convolution(facts: LayerFacts) -> Derivation:
    p, rank = facts.params, conv_rank(facts.type)
    axes_missing = too_few_axes(facts, rank)
    if axes_missing is not None:
        return axes_missing
    if facts.inputs and (other_rank := input_of_another_rank(facts, rank)) is not None:
        alone, said = other_rank
        found = convolution(alone)
        return replace(
            found,
            text=f"{found.text} ({said})",
            message=f"{found.message} ({said})" if found.message else None,
        )
    groups_ok = facts.era not in KERAS1_ERAS
    order = [bool(facts.channels_first), not facts.channels_first]
    states: dict[bool, str] = {}
    for cf in order:
        if (
            cf is not order[0]
            and facts.channels_first is False
            and states[order[0]] == "no-filters"
        ):
            # the filters a channels_last model shows last were cut by the column: no reading
            # of the other data format (56a's 008: `(None, 128, 128, 128` on 64 channels is no
            # channels_first 3×3 with groups=4 on 256)
            states[cf] = "no-filters"
            break
        fits, states[cf] = conv_fits(facts, cf, groups_ok)
        if fits and fits[0].groups > 1 and fits[0].k > _LARGEST_GROUPED_KERNEL:
            loose = _input_not_the_row_above(facts, fits[0], rank, order[0])
            if loose is not None:
                return loose
        if fits:
            other = _other_bias_reading(fits, rank)
            return _conv_ok(facts, fits[0], rank, preferred_cf=order[0], other=other)
    unreachable = [cf for cf in order if states[cf] == "unreachable"]
    if unreachable:
        volumes, _ = _kernel_volumes(facts, unreachable[0], groups_ok)
        return _unreachable_kernel(facts, volumes)
    known = [cf for cf in order if states[cf] == "known"]
    if known:
        cf = known[0]
        c, _ = _orient(_in(facts), rank, cf)
        f, _ = _orient(_out(facts), rank, cf)
        assert c is not None and f is not None
        per = c * f
        # an example kernel of the layer's own rank: K = 3 for Conv1D (48a's 011), 3×3, 3×3×3
        example = "×".join(["3"] * rank) if rank > 1 else "K = 3"
        return mismatch(
            f"{_n(p)} ≠ {_filters(f)} × (K × {_channels(c)} + 1): ({_n(p)} − {_n(f)}) / "
            f"({_n(c)} × {_n(f)}) = {_quotient(p - f, per)}, not a whole kernel size",
            f"{_name(facts)} shows {_n(p)} but {facts.type} with {_n(f)} filters on {_n(c)} "
            f"channels has {_n(f)} × (K × {_n(c)} + 1) for a whole kernel volume K ({example}: "
            f"{_n(3**rank * per + f)}), and no K, groups, bias setting or data format gives "
            f"{_n(p)} — is the input shape right, or was the count edited?",
        )
    unknown_c = [cf for cf in order if states[cf] == "no-channels"]
    if unknown_c and all(states[cf] in ("no-channels", "size") for cf in order):
        out = _out(facts)
        filters = " or ".join(
            dict.fromkeys(_n(f) for f in (_orient(out, rank, cf)[0] for cf in unknown_c) if f)
        )
        return mismatch(
            f"{_n(p)} ≠ filters × (K × C + 1): not a multiple of the filters ({filters})",
            f"{_name(facts)} shows {_n(p)} but a {facts.type} with {filters} filters always has a "
            "multiple of its filter count (filters × (K × channels + bias)), whatever its input — "
            "a pasted or edited count?",
        )
    if any(state == "size" for state in states.values()):
        return undecidable(
            f"{_n(p)}: {facts.type} has filters × (K × channels + 1), but the shown input and "
            "output do not look like a convolution's (a spatial axis changes the wrong way)"
        )
    c, _ = _orient(_in(facts), rank, order[0])
    if c is not None and facts.output is None:
        solved = _only_filters_and_kernel(p, c, rank)
        if solved is not None:
            return solved
    channels = _channels(c) if c is not None else "channels"
    return undecidable(
        f"{_n(p)}: {facts.type} has filters × (K × {channels} + 1), or filters × K × {channels} "
        f"without a bias; {OUTPUT_NOT_SHOWN}, so filters and K cannot be solved"
    )


_MOST_DIVISORS_TRIED = 1 << 24  # a count beyond it is not searched for its filters


def _only_filters_and_kernel(p: int, c: int, rank: int) -> Optional[Derivation]:
    """The one filter count and kernel volume that give a convolution's count on c channels,
    with a bias (filters × (K × c + 1)) or without one (filters × K × c), when only one such
    pair of whole numbers does, and no grouped convolution gives the count either (72b's 004:
    195 on 64 channels is 3 filters, 1×1); else None."""
    if p <= 0 or p > _MOST_DIVISORS_TRIED:
        return None
    found: list[tuple[int, int, bool, int]] = []
    group_counts = [g for g in range(1, c + 1) if c % g == 0]
    for f in range(1, int(p**0.5) + 1):
        if p % f:
            continue
        for filters in {f, p // f}:
            per_filter = p // filters  # K × c / groups (+ 1 with a bias)
            for groups in group_counts:
                if filters % groups:
                    continue
                per_group = c // groups
                if (per_filter - 1) % per_group == 0 and per_filter > per_group:
                    found.append((filters, (per_filter - 1) // per_group, True, groups))
                if per_filter % per_group == 0:
                    found.append((filters, per_filter // per_group, False, groups))
                if len(found) > 1:
                    return None
    if len(found) != 1 or found[0][3] > 1:
        return None  # (a reading only with groups verifies nothing: 38 on 4 channels)
    filters, k, bias, _ = found[0]
    plus = " + 1" if bias else ""
    shape = "×".join(str(side) for side in factorisations(k, rank)[0])
    return ok(
        f"{_n(p)} = {_filters(filters)} × (K × {_channels(c)}{plus}) → K = {_n(k)}, {shape}"
        f"{'' if bias else ', use_bias=False'} (the output is not shown: the only whole "
        "filters and K, with or without groups or a bias, that give the count)",
        p,
        solved=Solved.FILTERS,
    )


# What a convolution's row without a readable output says; a row printed `multiple` says why
# instead (checks.derivations: facts hold no printed text)
OUTPUT_NOT_SHOWN = "the output shape is not shown in full (cut by its column, or unreadable)"
OUTPUT_MULTIPLE = (
    "Keras printed `multiple` for its output (a layer called on several inputs, or one of a "
    "subclassed model), so the print shows no shape"
)


# A grouped reading's kernel volume beyond this is no reading of the row above (32a's 006: a
# Conv1D branch off a 300-wide embedding, printed under a 512-channel row, fits that row only
# as 'K = 225 with groups=128'); the same bound as a class inferred from a count
_LARGEST_GROUPED_KERNEL = 64


def _input_not_the_row_above(
    facts: LayerFacts, grouped: _ConvFit, rank: int, preferred_cf: bool
) -> Optional[Derivation]:
    """The count read as filters × (K × C + 1) with C not known, when the channels of the row
    above fit it only with groups and a kernel no one uses: the row's input is likely another
    layer (a branch), so the count is consistent, not verified. None when no such reading
    with a bias or without one exists."""
    p, f = facts.params, grouped.f
    for bias in (True, False):
        rest = p - (f if bias else 0)
        if rest > 0 and rest % f == 0:
            fit = _ConvFit(
                grouped.channels_first, bias, 1, rest // f, None, f, grouped.implied, None
            )
            aside = (
                f"the row above's {_n(grouped.c or 0)} channels fit only with "
                f"groups={grouped.groups} and K = {_n(grouped.k)}, so the input is likely "
                "another layer"
            )
            return _conv_ok(facts, fit, rank, preferred_cf, aside)
    return None


def _unreachable_kernel(facts: LayerFacts, volumes: tuple[_ConvFit, ...]) -> Derivation:
    """A count whose kernel volumes have no shape that takes the input's spatial size to the
    output's (14a's 009: 896 read as a grouped 1×7 kernel on 6×6 → 4×4)."""
    p, fit, rank = facts.params, volumes[0], conv_rank(facts.type)
    axes = fit.reach or ()  # an axis not shown is `?` (a column cut it)
    sizes = " × ".join("?" if axis is None else str(axis[0]) for axis in axes)
    out = " × ".join("?" if axis is None else str(axis[1]) for axis in axes)
    readings = "; ".join(
        f"K = {_n(v.k)} ({', '.join(_settings(v))}: "
        f"{', '.join(spelled(shape) for shape in factorisations(v.k, rank)[:3])})"
        for v in volumes[:3]
    )
    usual = ""
    if fit.implied is not None and fit.c is not None:
        k = prod(fit.implied)
        usual = (
            f"; a {spelled(fit.implied)} kernel with padding='valid' (the size shrinks by "
            f"k − 1) on {_channels(fit.c)} would have {_n(k * fit.c * fit.f + fit.f)}"
        )
    return mismatch(
        f"{_n(p)} ≠ {_filters(fit.f)} × (K × {_channels(fit.c or 0)} + 1) for any kernel "
        f"that takes {sizes} to {out}: the volumes the count gives, {readings}, do not",
        f"{_name(facts)} shows {_n(p)}, which only these kernel volumes give: {readings}; "
        f"but no kernel of those shapes takes the {sizes} input to the {out} output, with "
        f"any stride, dilation or padding{usual} — was the count edited, or copied from "
        "another layer?",
    )


def _filters(count: int) -> str:
    """`32 filters`, `1 filter`."""
    return f"{_n(count)} filter{'' if count == 1 else 's'}"


def _channels(count: int) -> str:
    """`3 channels`, `1 channel` (44c's 011: `K × 1 channels`)."""
    return f"{_n(count)} channel{'' if count == 1 else 's'}"


def _halved(facts: LayerFacts, rank: int, channels_first: bool, transpose: bool) -> bool:
    """Tell whether every spatial side halves (rounded up), or doubles when transposed."""
    _, in_sp = _orient(_in(facts), rank, channels_first)
    _, out_sp = _orient(_out(facts), rank, channels_first)
    if in_sp is None or out_sp is None or len(in_sp) != len(out_sp):
        return False
    pairs = list(zip(in_sp, out_sp))
    if any(i is None or o is None for i, o in pairs):
        return False
    if transpose:
        return all(o == 2 * i for i, o in pairs)  # type: ignore[operator]
    return all(o == -(-i // 2) for i, o in pairs)  # type: ignore[operator]


def _settings(fit: _ConvFit) -> list[str]:
    """The non-default settings a kernel volume reading needs (groups, no bias)."""
    return [f"groups={fit.groups}"] * (fit.groups > 1) + ["no bias"] * (not fit.bias) or [
        "with a bias"
    ]


def _odd_sided(k: int, rank: int, cube: bool) -> bool:
    """Whether a kernel volume makes a kernel of odd sides (3×3; 3×1 unless `cube`)."""
    if cube:
        side: int = round(k ** (1 / rank))
        return bool(side**rank == k and side % 2 == 1)
    return any(all(side % 2 for side in shape) for shape in factorisations(k, rank))


def _other_bias_reading(fits: tuple[_ConvFit, ...], rank: int) -> str:
    """Where the reading taken has no kernel of odd sides and another, with the other bias
    setting, has one and fits the count as well: that one. Without a bias taken (37c's 008:
    8 = 2 × (K × 1) → 2×2, or 2 × (3 × 1 + 1) → 3×1), or with one (48b's 002: 14,432 =
    32 × (450 × 1 + 1) → 18×25, or 32 × 451 → 11×41, keras-io's speech model with
    `kernel_size=[11, 41]`, `use_bias=False`)."""
    first = fits[0]
    # (3×3 without a bias, before a BatchNormalization: as usual as with one)
    if first.c is None or _odd_sided(first.k, rank, cube=not first.bias):
        if first.c is None or _odd_sided(first.k, rank, cube=True) or rank == 1:
            return ""
        # a long 1×31 with a bias beside 1×32 without (60a's 012: EEGNet's temporal
        # convolution, `kernLength` 32, use_bias=False): neither kernel is square, both said
        odd_only = False
    else:
        odd_only = True
    for fit in fits[1:]:
        if (
            fit.bias != first.bias
            and fit.groups == first.groups
            and fit.channels_first == first.channels_first
            and (_odd_sided(fit.k, rank, cube=False) or not odd_only)
            and _reachable(fit.k, rank, fit.reach, fit.full)
        ):
            kernel = kernel_text(fit.k, rank, fit.implied, fit.reach, fit.full)
            said = "with use_bias=False" if first.bias else "with a bias (the default)"
            return f"or, {said}, K = {_n(fit.k)} → {kernel}"
    return ""


def _conv_ok(
    facts: LayerFacts,
    fit: _ConvFit,
    rank: int,
    preferred_cf: bool,
    aside: str = "",
    other: str = "",
) -> Derivation:
    p, f = facts.params, fit.f
    bias = " + 1" if fit.bias else ""
    notes: list[str] = [aside] if aside else []
    if not fit.bias:
        notes.append("use_bias=False" + (f", {other}" if other else ""))
    elif other:
        notes.append(other)
    if fit.channels_first != preferred_cf or fit.channels_first:
        notes.append(
            "channels_first: channels on axis 1" if fit.channels_first else "channels_last"
        )
    if fit.c is None:
        kc = fit.k
        examples = likely_readings(kc, rank, f)
        without = []
        if fit.bias and not examples and p % f == 0:
            # no usual kernel and channel count with a bias, but one without: a 1×1 conv on 512
            without = likely_readings(p // f, rank, f)
        if without:
            # the usual reading first (46c's 010, 46d's 015: `K × C = 26` led where 27, 3×3 on
            # 3 channels without a bias, is what a convolution before a BatchNormalization has)
            notes.insert(0, f"use_bias=False; with a bias, K × C = {_n(kc)}")
            kc, bias, examples = p // f, "", without[:1]
        elif fit.bias and p % f == 0 and (unbiased := likely_readings(p // f, rank, f)):
            # both usual (54d's 013: 288 is 8 × 1×1 with a bias, or 3×3 on 1 channel without
            # one, as the model's other convolutions are): neither is verified, both are said
            notes.insert(0, f"or without a bias, K × C = {_n(p // f)}: {unbiased[0]}")
        examples = examples or _plain_readings(kc, rank)
        eg = f"; e.g. {'; '.join(examples)}" if examples else ""
        note = f"; {', '.join(notes)}" if notes else ""
        return ok(
            f"{_n(p)} = {_filters(f)} × (K × C{bias}) → K × C = {_n(kc)} (input channels not "
            f"shown{eg}{note})",
            p,
            solved=Solved.INPUT_CHANNELS,
        )
    channels = f"{_n(fit.c)}/{fit.groups} channels" if fit.groups > 1 else _channels(fit.c)
    groups = f" with groups={fit.groups}" if fit.groups > 1 else ""
    kernel = kernel_text(fit.k, rank, fit.implied, fit.reach, fit.full)
    if fit.implied is not None and prod(fit.implied) == fit.k > 1 and rank > 1:
        transpose = "Transpose" in facts.type or "Deconv" in facts.type
        shrink = "grows" if transpose else "shrinks"
        said = f"the spatial size {shrink} by k − 1 as with padding='valid', stride 1"
        if _halved(facts, rank, fit.channels_first, transpose):
            # 27b's 014: 8 → 4 under a 5×5 kernel is also stride 2 with padding='same'
            said += f", or {'doubles' if transpose else 'halves'} as with padding='same', stride 2"
        notes.append(said)
    note = f"; {'; '.join(notes)}" if notes else ""
    return ok(
        f"{_n(p)} = {_filters(f)} × (K × {channels}{bias}) → K = {_n(fit.k)}"
        f"{groups} → {kernel}{note}",
        p,
    )


def _reading(c: int, k: int, rank: int) -> str:
    shape = "×".join(str(side) for side in factorisations(k, rank)[0])
    kernel = f"kernel {shape}" if rank == 1 else f"K = {_n(k)}, {shape}"
    return f"{_n(c)} channel{'s' if c > 1 else ''} → {kernel}"


def likely_readings(kc: int, rank: int, filters: Optional[int] = None) -> list[str]:
    """Up to two ways K × C = kc splits into a kernel of equal sides and a channel count a
    model usually has, fewest channels first: an odd kernel (1 to 7) on 1 or 3 channels (an
    image) or on a multiple of 8 (of 4 under a kernel wider than 1: `36 channels → K = 25,
    5×5` in NVIDIA's driving CNN), or a patch of 4 or 16 on an image (a ViT patch embedding):
    `3 channels → K = 49, 7×7`, `64 channels → K = 9, 3×3`, `3 channels → K = 256, 16×16`; or
    as many channels as the layer's filters (41a's 002: 19 → 19 with 16×16, not 4,864
    channels under a 1×1 kernel)."""
    found = []
    for side in (16, 7, 5, 4, 3, 1):
        k = side**rank
        if kc % k == 0:
            c = kc // k
            if c in (1, 3) or c == filters or (c % (8 if side == 1 else 4) == 0 and side % 2):
                found.append((c, _reading(c, k, rank)))
    if rank == 1 and 1 < kc <= _LONGEST_SERIES_KERNEL and all(c != 1 for c, _ in found):
        # a Conv1D over one series (26c's 007: `Conv1D(7, kernel_size=40)` on 1 channel)
        found.append((1, _reading(1, kc, rank)))
    return [text for _, text in sorted(found)[:2]]


_LONGEST_SERIES_KERNEL = 128  # a kernel this long over one channel is still a common Conv1D


def _plain_readings(kc: int, rank: int) -> list[str]:
    """Readings with 3 or 1 input channels, a square kernel first (`1 channel → K = 511`), then,
    where those kernels are all wider than 11 a side, a kernel of 1 on kc channels (94b's 004:
    773, a prime, is 1 channel under a kernel of 773, or 773 channels under 1)."""
    channels = [c for c in (3, 1) if kc % c == 0]
    scored = [(not _is_cube(kc // c, rank), _reading(c, kc // c, rank)) for c in channels]
    wide = all(kc // c > _WIDEST_PLAIN_SIDE**rank for c in channels)
    ones = [_reading(kc, 1, rank)] if wide else []
    return [text for _, text in sorted(scored, key=lambda item: item[0])] + ones


_WIDEST_PLAIN_SIDE = 11  # (a kernel wider a side than this is no usual reading)


def _both_orientations(
    facts: LayerFacts, fit: Callable[[LayerFacts, bool], Any]
) -> tuple[Optional[Derivation], list[Any]]:
    """Try the model's data format, then the other: a derivation that fits, or what was checked."""
    checked: list[Any] = []
    for cf in (bool(facts.channels_first), not facts.channels_first):
        found = fit(facts, cf)
        if isinstance(found, Derivation):
            return found, checked
        if found is not None:
            checked.append(found)
    return None, checked


def depthwise(facts: LayerFacts) -> Derivation:
    """DepthwiseConv: K × C × dm + C × dm; C × dm is the output channel count."""
    p = facts.params
    found, checked = _both_orientations(facts, depthwise_fit)
    if found is not None:
        return found
    if not checked:
        return undecidable(
            f"{_n(p)}: {facts.type} has C·dm × (K + 1), or C·dm × K without a bias; the channel "
            "counts are not shown or do not fit a depthwise convolution"
        )
    cout = checked[0]
    return mismatch(
        f"{_n(p)} ≠ {_n(cout)} output channels × (K + 1) for any whole K",
        f"{_name(facts)} shows {_n(p)} but {facts.type} with {_n(cout)} output channels has "
        f"{_n(cout)} × (K + 1) (3×3: {_n(10 * cout)}), and {_n(p)} fits no whole K — a pasted "
        "or edited count?",
    )


def depthwise_fit(facts: LayerFacts, cf: bool) -> Derivation | int | None:
    """The ok derivation in one data format; else the output channels checked, or None."""
    p, rank = facts.params, conv_rank(facts.type)
    cout, out_sp = _orient(_out(facts), rank, cf)
    cin, in_sp = _orient(_in(facts), rank, cf)
    if not cout or (cin and cout % cin) or _impossible_size_change(in_sp, out_sp, False):
        return None
    implied = _implied_kernel(in_sp, out_sp, False)
    options = [b for b in (1, 0) if p % cout == 0 and p // cout - b >= 1]
    options.sort(
        key=lambda b: (
            implied is None or prod(implied) != p // cout - b,
            not _is_cube(p // cout - b, rank),
            b == 0,
        )
    )
    if options:
        b = options[0]
        k = p // cout - b
        dm = (
            f" ({_n(cin)} channels × depth_multiplier {cout // cin})" if cin and cout != cin else ""
        )
        no_bias = "; use_bias=False"
        if not b and len(options) > 1 and (implied is None or prod(implied) != k):
            if _is_cube(k - 1, rank) or not _is_cube(k, rank):
                no_bias += f" — the count also fits K = {_n(k - 1)} with a bias"
            else:  # 9 beside 8 (28b's 006): the square kernel is the reading, the other said so
                # (47c's 012: a 2×4 kernel with a bias fits too; the square one is likelier)
                shapes = ", ".join(spelled(shape) for shape in factorisations(k - 1, rank)[:2])
                no_bias += f" (with a bias K would be {_n(k - 1)}: {shapes}, no square kernel)"
        extra = ("" if b else no_bias) + ("; channels_first" if cf else "")
        return ok(
            f"{_n(p)} = {_n(cout)} output channel{'s' if cout > 1 else ''}{dm} × "
            f"{'(K + 1)' if b else 'K'} → "
            f"K = {_n(k)} → {kernel_text(k, rank, implied, reach_of(in_sp, out_sp))} (one "
            f"kernel per channel"
            f"{' + bias' if b else ''}{extra})",
            p,
        )
    return cout


def separable(facts: LayerFacts) -> Derivation:
    """SeparableConv: K × C × dm + C × dm × F + b × F; K and dm are hidden."""
    p, rank = facts.params, conv_rank(facts.type)
    found, checked = _both_orientations(facts, separable_fit)
    if found is not None:
        return found
    if not checked and (solved := _separable_solved(facts, rank)) is not None:
        return solved
    if not checked:
        return undecidable(
            f"{_n(p)}: {facts.type} has K × C × dm + C × dm × F + F; input channels or filters "
            "are not shown"
        )
    c, f = checked[0]
    exp = (9 if rank == 2 else 3) * c + c * f + f
    return mismatch(
        f"{_n(p)} ≠ K × {_n(c)} × dm + {_n(c)} × dm × {_n(f)} + {_n(f)} for any whole kernel "
        "size K and depth_multiplier dm",
        f"{_name(facts)} shows {_n(p)} but {facts.type} with {_filters(f)} on {_channels(c)} "
        f"has K × {_n(c)} × dm + {_n(c)} × dm × {_n(f)} + {_n(f)} (e.g. {_n(exp)} for a "
        f"{'3×3' if rank == 2 else '3'} kernel, dm 1), and no whole K and dm give it — a pasted "
        "or edited count?",
    )


def _separable_solved(facts: LayerFacts, rank: int) -> Optional[Derivation]:
    """A separable count whose filters are shown but not its input channels (a Sequential
    print's first row, 24c's 010): C × dm × (K + F) = count − F gives C × dm for each odd
    square kernel (or 1×1) that divides it, with a bias, else without; every such reading is
    named (NASNet's 1,920 = 96 × (9 + 11) = 32 × (49 + 11)). Consistent only, not verified."""
    p = facts.params
    f, _ = _orient(_out(facts), rank, bool(facts.channels_first))
    if not f or _in(facts) is not None:
        return None
    for bias in (1, 0):
        rest = p - bias * f
        readings = [
            (rest // (side**rank + f), "×".join([str(side)] * rank))
            for side in (3, 5, 7, 1)
            if rest > 0 and rest % (side**rank + f) == 0
        ]
        if not readings:
            continue
        (c_dm, kernel), others = readings[0], readings[1:]
        alternatives = "".join(f", or {_n(c)} with a {k} one" for c, k in others)
        example = (
            ""
            if others
            else "; so 1 channel, depth_multiplier 1"  # (59d's 012: no example, the only one)
            if c_dm == 1
            else f"; e.g. {_n(c_dm)} channels, depth_multiplier 1"
        )
        plus = f" + {_n(f)}" if bias else " (no bias)"
        return ok(
            f"{_n(p)} = K × C × dm + C × dm × {_n(f)}{plus} → C × dm × (K + {_n(f)}) = "
            f"{_n(rest)} → C × dm = {_n(c_dm)} with a {kernel} kernel{alternatives} (input "
            f"channels not shown{example})",
            p,
            solved=Solved.INPUT_CHANNELS,
        )
    return None


def separable_fit(facts: LayerFacts, cf: bool) -> Derivation | tuple[int, int] | None:
    """The ok derivation in one data format; else (C, F) when both were known, or None."""
    p, rank = facts.params, conv_rank(facts.type)
    c, in_sp = _orient(_in(facts), rank, cf)
    f, out_sp = _orient(_out(facts), rank, cf)
    if not c or not f or _impossible_size_change(in_sp, out_sp, False):
        return None
    implied = _implied_kernel(in_sp, out_sp, False)
    readings: list[tuple[int, int, int]] = []  # (bias, depth multiplier, kernel volume)
    for b in (1, 0):
        rest = p - b * f
        if rest <= 0:
            continue
        if implied is not None and rest % (c * (prod(implied) + f)) == 0:
            readings.append((b, rest // (c * (prod(implied) + f)), prod(implied)))
        if rest // (c * (f + 1)) > _MAX_DEPTH_MULTIPLIER:
            return None  # too many depth multipliers to try; do not accuse
        for dm in range(1, rest // (c * (f + 1)) + 1):
            if rest % (c * dm) == 0 and rest // (c * dm) - f >= 1:
                readings.append((b, dm, rest // (c * dm) - f))
    if not readings:
        return c, f
    # the kernel a 'valid' shrink implies, then depth_multiplier 1 (the default), then a square
    # kernel, then 1×1 where the size stays, then a bias
    shrunk = implied is not None and prod(implied) > 1
    b, dm, k = min(
        readings,
        key=lambda r: (
            0 if shrunk and prod(implied or ()) == r[2] else 1,
            0 if r[1] == 1 else 1,
            0 if _is_cube(r[2], rank) else 1,
            0 if implied is not None and prod(implied) == r[2] else 1,
            0 if r[0] else 1,
        ),
    )
    bias = f" + {_n(f)}" if b else ""
    no_bias = "; use_bias=False"
    biased = [r[2] for r in readings if r[0] and r[1] == dm]
    if not b and biased and (implied is None or prod(implied) != k):
        # 59d's 011: 1,312 = 9 × 32 + 32 × 32, or 8 × 32 + 32 × 32 + 32 with a bias: the square
        # kernel is the likelier reading, the other is said
        if _is_cube(biased[0], rank):
            no_bias += f" — the count also fits K = {_n(biased[0])} with a bias"
        else:
            shapes = ", ".join(spelled(shape) for shape in factorisations(biased[0], rank)[:2])
            no_bias += f" (with a bias K would be {_n(biased[0])}: {shapes}, no square kernel)"
    tail = ("" if b else no_bias) + ("; channels_first" if cf else "")
    return ok(
        f"{_n(p)} = K × {_n(c)} × {dm} + {_n(c)} × {dm} × {_n(f)}{bias} "
        f"(depthwise + pointwise{' + bias' if b else ''}) → K = {_n(k)} → "
        f"{kernel_text(k, rank, implied, reach_of(in_sp, out_sp))} (depth_multiplier "
        f"{dm}{tail})",
        p,
    )


def locally_connected(facts: LayerFacts) -> Derivation:
    """LocallyConnected (implementation 1): positions × F × (K × C + 1)."""
    p, rank = facts.params, conv_rank(facts.type)
    for cf in (bool(facts.channels_first), not facts.channels_first):
        c, _ = _orient(_in(facts), rank, cf)
        f, out_sp = _orient(_out(facts), rank, cf)
        if not c or not f or out_sp is None or any(d is None for d in out_sp):
            continue
        pos = prod(out_sp)  # type: ignore[arg-type]
        for b in (1, 0):
            if p % (pos * f) == 0 and (p // (pos * f) - b) % c == 0 and p // (pos * f) - b >= c:
                k = (p // (pos * f) - b) // c
                bias = " + 1" if b else ""
                return ok(
                    f"{_n(p)} = {_n(pos)} positions × {_filters(f)} × (K × {_channels(c)}"
                    f"{bias}) → K = {_n(k)} → {kernel_text(k, rank, None)} (unshared weights "
                    "per output position)",
                    p,
                )
    solved = _locally_connected_input_unseen(facts, rank)
    if solved is not None:
        return solved
    return undecidable(
        f"{_n(p)}: {facts.type} has output positions × filters × (K × C + 1) with "
        "implementation=1; other implementations store a different kernel, so this is not checked"
    )


def _locally_connected_input_unseen(facts: LayerFacts, rank: int) -> Derivation | None:
    """A LocallyConnected row whose input is not shown (a Sequential's first row, 48c's 007:
    13,344 on (None, 139, 32) is 139 × 32 × (K × C + 1) → K × C = 2), solved for K × C when
    implementation=2 is ruled out: its kernel is (input positions × C) × (output positions × F),
    and the input has at least as many positions as the output, more than K × C here."""
    p = facts.params
    f, out_sp = _orient(_out(facts), rank, bool(facts.channels_first))
    if _in(facts) is not None or not f or out_sp is None or any(d is None for d in out_sp):
        return None
    pos = prod(out_sp)  # type: ignore[arg-type]
    if p % (pos * f) or p // (pos * f) < 2:
        return None
    kc = p // (pos * f) - 1
    if kc + 1 >= pos:
        return None  # (implementation=2 on an input of kc or kc + 1 values fits as well)
    examples = "; ".join(_plain_readings(kc, rank))
    return ok(
        f"{_n(p)} = {_n(pos)} positions × {_filters(f)} × (K × C + 1) → K × C = {_n(kc)} "
        f"(input channels not shown; e.g. {examples}; or K × C = {_n(kc + 1)} with "
        f"use_bias=False; implementation=2 would need the input's positions × C = {_n(kc)}, "
        f"fewer than the {_n(pos)} output positions)",
        p,
        solved=Solved.INPUT_CHANNELS,
    )


def _quotient(dividend: int, divisor: int) -> str:
    """A division that leaves a remainder, written so it cannot pass for a whole number
    (`9 remainder 80`, where 9.0003 would print as `9.000`)."""
    if dividend < 0:
        return f"{dividend / divisor:,.3f}"
    whole, left = divmod(dividend, divisor)
    return f"{whole:,} remainder {left:,}" if left else f"{whole:,}"
