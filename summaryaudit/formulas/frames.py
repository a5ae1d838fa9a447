"""ConvLSTM and TimeDistributed: layers over sequences of frames, (batch, time, …)."""

from __future__ import annotations

from ..records import Shape
from .common import Derivation, LayerFacts, Solved, mismatch, ok, undecidable
from .common import input_of as _in
from .common import last_dim as _last
from .common import num as _n
from .common import output_of as _out
from .common import row_name as _name
from .conv import conv_fits, conv_rank, likely_readings, usual_kernel
from .kernel_shapes import kernel_text


def _channel_readings(rest: int, filters: int, rank: int) -> str:
    """The input channels each odd square kernel (or 1×1) gives a ConvLSTM whose K × (C + F)
    is rest (25a's 007: 63 = 9 × (3 + 4), a 3×3 kernel on 3 channels, or 1×1 on 59), said to be
    the square kernels' readings only."""
    readings = []
    for side in (3, 5, 7, 1):
        k = side**rank
        if rest % k == 0 and rest // k > filters:
            c = rest // k - filters
            kernel = "×".join([str(side)] * rank)
            readings.append(f"{_n(c)} channel{'s' if c > 1 else ''} with a {kernel} kernel")
    if not readings:
        return ""
    # other kernels give more readings (297 = 3 × 99: a 1×3 kernel on 69 channels, 40a's 003)
    return f"; with a square kernel: {', or '.join(readings)}"


def _conv_lstm_reading(facts: LayerFacts, cf: bool) -> tuple[Derivation | None, bool]:
    """A ConvLSTM count read with its channels on one side (channels_first: after the time
    axis), None when it does not fit; and whether the input's channels are shown."""
    p, rank = facts.params, conv_rank(facts.type)
    inp, out = _in(facts), _out(facts)
    c = None
    if inp is not None and len(inp) == rank + 3:
        c = inp[2] if cf else inp[-1]
    f = None
    if out is not None and len(out) in (rank + 2, rank + 3):
        f = (out[1] if len(out) == rank + 2 else out[2]) if cf else out[-1]
    if not f:
        return None, False
    for b in (1, 0):
        if p % (4 * f):
            continue
        rest = p // (4 * f) - b
        if c is None:
            if rest > f:
                return ok(
                    f"{_n(p)} = 4 × {_n(f)} × (K × (C + {_n(f)}){' + 1' if b else ''}) → "
                    f"K × (C + {_n(f)}) = {_n(rest)}{_channel_readings(rest, f, rank)} "
                    "(input channels not shown)",
                    p,
                    solved=Solved.INPUT_CHANNELS,
                ), False
            continue
        if rest > 0 and rest % (c + f) == 0:
            k = rest // (c + f)
            return ok(
                f"{_n(p)} = 4 × {_n(f)} × (K × ({_n(c)} + {_n(f)}){' + 1' if b else ''}) → "
                f"K = {_n(k)} → {kernel_text(k, rank, None)} (4 gates × filters × (kernel × "
                f"(input + recurrent channels){' + bias' if b else ''}))",
                p,
            ), True
    return None, c is not None


def conv_lstm_orientation_fits(facts: LayerFacts) -> tuple[bool, bool]:
    """(fits channels_last, fits channels_first) for a ConvLSTM row's count."""
    last, _ = _conv_lstm_reading(facts, False)
    first, _ = _conv_lstm_reading(facts, True)
    return last is not None, first is not None


def conv_lstm(facts: LayerFacts) -> Derivation:
    """ConvLSTM: 4 × F × (K × (C + F) + 1)."""
    p = facts.params
    found_known = False
    for cf in (bool(facts.channels_first), not facts.channels_first):
        found, shown = _conv_lstm_reading(facts, cf)
        if found is not None:
            return found
        found_known = found_known or shown
    if not found_known:
        return undecidable(
            f"{_n(p)}: {facts.type} has 4 × F × (K × (C + F) + 1); the shapes shown do not give "
            "the channels"
        )
    return mismatch(
        f"{_n(p)} ≠ 4 × F × (K × (C + F) + 1) for any whole kernel volume K",
        f"{_name(facts)} shows {_n(p)} but {facts.type} has 4 × filters × (K × (channels + "
        "filters) + 1), and no whole kernel size K gives it — is the input shape right, or was "
        "the count edited?",
    )


def _inner_shapes(facts: LayerFacts) -> tuple[Shape | None, Shape | None]:
    """The shapes a TimeDistributed layer's wrapped layer sees at each step (no time axis)."""
    inp, out = _in(facts), _out(facts)
    inner_in = (inp[0], *inp[2:]) if inp is not None and len(inp) >= 3 else None
    inner_out = (out[0], *out[2:]) if out is not None and len(out) >= 3 else None
    return inner_in, inner_out


def _wrapped_conv(
    facts: LayerFacts, inner_in: Shape | None, inner_out: Shape, cf: bool
) -> Derivation | None:
    """The reading of a TimeDistributed count as a convolution at each step with its channels
    on one side (channels_first: after the time axis), None when none a model builds fits."""
    p, rank = facts.params, len(inner_out) - 2
    conv = LayerFacts(
        facts.name,
        f"Conv{rank}D",
        p,
        (inner_out,),
        (inner_in,) if inner_in else None,
        facts.era,
        facts.channels_first,
    )
    # (no groups: a grouped reading is no evidence of a wrapped convolution, 78c's 006: 32 on 8
    # channels, a BatchNormalization's 4 × 8, read as 8 filters in 2 groups)
    fits, _known_cf = conv_fits(conv, cf, False)
    # (a kernel no one builds is no evidence of a wrapped convolution either: 83c's 014, 21,636
    # on shapes the column cut, `(None, 15, 18, 40, 3` of 36, read as 3 filters of a 6×601
    # kernel)
    if not fits or not usual_kernel(fits[0], rank):
        return None
    fit = fits[0]
    return ok(
        f"{_n(p)} = {_n(fit.f)} filters × (K × {_n(fit.c or 0)} channels"
        f"{' + 1' if fit.bias else ''}) → K = {fit.k} → "
        f"{kernel_text(fit.k, rank, fit.implied, fit.reach, fit.full)} (fits "
        f"TimeDistributed(Conv{rank}D): the same convolution at every time step)",
        p,
    )


def time_distributed_orientation_fits(facts: LayerFacts) -> tuple[bool, bool]:
    """(fits channels_last, fits channels_first) for a TimeDistributed row over images or
    volumes whose count only a wrapped convolution gives (no Dense reading fits it)."""
    inner_in, inner_out = _inner_shapes(facts)
    if inner_in is None or inner_out is None or len(inner_in) != len(inner_out):
        return False, False
    d, u, p = _last(inner_in), _last(inner_out), facts.params
    if not 4 <= len(inner_out) <= 5 or d is None or u is None or p in (0, d * u + u, d * u):
        return False, False
    last = _wrapped_conv(facts, inner_in, inner_out, False)
    first = _wrapped_conv(facts, inner_in, inner_out, True)
    return last is not None, first is not None


def time_distributed(facts: LayerFacts) -> Derivation:
    """TimeDistributed: the inner layer is not printed; try weightless, Dense and Conv."""
    p = facts.params
    if p == 0:
        return ok("0: the wrapped layer has no weights (e.g. Flatten, pooling, Dropout)", 0)
    inner_in, inner_out = _inner_shapes(facts)
    d, u = _last(inner_in), _last(inner_out)
    if d is None and u and inner_out is not None and p % u == 0 and p // u > 1:
        # the input not shown (the first row, rows left out): the Dense reading, solved
        d = p // u - 1
        rank = len(inner_out) - 2
        if 1 <= rank <= 3 and (kernels := likely_readings(d, rank, u)):
            # each step an image or a volume (55d's 005: an LRCN's first row, 448 on
            # (None, 20, 64, 64, 16)): a convolution is as likely as a Dense
            return ok(
                f"{_n(p)} = {_n(u)} × ({_n(d)} + 1) (the wrapped layer is not printed: "
                f"TimeDistributed(Conv{rank}D({u})) with K × C = {_n(d)}, e.g. "
                f"{'; '.join(kernels)}; or TimeDistributed(Dense({u})) on {_n(d)} features; "
                "the input is not shown, so the count was solved for it)",
                p,
                solved=Solved.INPUT_SIZE,
            )
        return ok(
            f"{_n(p)} = {_n(d)} × {_n(u)} + {_n(u)} (TimeDistributed(Dense({u})): the same Dense "
            f"at every time step; input size {_n(d)} solved from the count, or {_n(d + 1)} with "
            "use_bias=False)",
            p,
            solved=Solved.INPUT_SIZE,
        )
    if d is not None and u is not None:
        if p in (d * u + u, d * u):
            bias = f" + {_n(u)}" if p == d * u + u else ""
            if inner_in is not None and 3 <= len(inner_in) <= 5:
                # each step an image (or a volume): a 1×1 convolution holds what a Dense does
                rank = len(inner_in) - 2
                ones = "×".join(["1"] * rank)
                return ok(
                    f"{_n(p)} = {_n(d)} × {_n(u)}{bias} (TimeDistributed of a Dense({u}) or a "
                    f"{ones} Conv{rank}D({u}): the same count, the same layer at every time step)",
                    p,
                )
            return ok(
                f"{_n(p)} = {_n(d)} × {_n(u)}{bias} (fits TimeDistributed(Dense({u})), the same "
                "Dense applied at every time step; the wrapped layer is not printed)",
                p,
            )
        if inner_in is not None and inner_out is not None and len(inner_out) == len(inner_in) + 1:
            # one axis more out than in: token ids looked up as vectors at every time step
            if p % u == 0:
                return ok(
                    f"{_n(p)} = {_n(p // u)} × {_n(u)} (TimeDistributed(Embedding({p // u}, "
                    f"{u})): the same lookup at every time step; the vocabulary {_n(p // u)} "
                    "solved from the count)",
                    p,
                    solved=Solved.VOCABULARY,
                )
        elif (
            inner_out is not None
            and 3 <= len(inner_out) <= 5
            and len(inner_out) == len(inner_in or ())
        ):
            found = _wrapped_conv(facts, inner_in, inner_out, bool(facts.channels_first))
            if found is not None:
                return found
    return undecidable(
        f"{_n(p)}: TimeDistributed applies a wrapped layer that the summary does not name; "
        "the count is the wrapped layer's own"
    )
