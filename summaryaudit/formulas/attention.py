"""MultiHeadAttention, grouped-query attention, Luong and additive attention."""

from __future__ import annotations

import math

from ..shapes import attention_heads
from .common import UNVERIFIED_STATUS as UNVERIFIED
from .common import Derivation, LayerFacts, Solved, mismatch, ok, undecidable
from .common import last_dim as _last
from .common import num as _n
from .common import output_of as _out
from .common import row_name as _name

# --------------------------------------------------------------------------- attention


def _solve_two(p: int, a: int, b: int, limit: int = 1000) -> list[tuple[int, int]]:
    """Positive (x, y) with a·x + b·y = p (at most `limit` of them, smallest x first)."""
    out: list[tuple[int, int]] = []
    if a <= 0 or b <= 0 or p <= 0:
        return out
    step = b // math.gcd(a, b)
    # the smallest positive x of the solution class lies in 1..step
    for x0 in range(1, min(step, p // a, 10**6) + 1):
        if (p - a * x0) % b == 0:
            x = x0
            while len(out) < limit and p - a * x > 0:
                out.append((x, (p - a * x) // b))
                x += step
            break
    return out


def _heads_example(hk: int, facts: LayerFacts) -> str:
    heads = attention_heads(facts.output)
    if heads is not None and hk % heads == 0:
        return f"{heads} heads, from the scores' shape, × key_dim {hk // heads}"
    for h in (8, 12, 16, 4, 2):
        if hk % h == 0 and hk // h >= 16:
            return f"e.g. {h} heads × {hk // h}"
    for h in (4, 2, 1):
        if hk % h == 0:
            return f"e.g. {h} head{'s' if h > 1 else ''} × {hk // h}"
    return f"e.g. 1 head × {hk}"  # pragma: no cover


def _mha_dims(facts: LayerFacts) -> tuple[int, int, int, int] | None:
    """(Dq, Dk, Dv, Dout) from the inbound shapes: query, value, key."""
    out = _last(_out(facts))
    ins = facts.inputs
    if out is None:
        return None
    if not ins:
        return out, out, out, out
    # query, value and key come first; tf.keras lists an attention mask after them (56c's 009:
    # `mask[0][0]`, `(None, None)`), and a third entry whose last axis is unknown is that mask
    lasts = [_last(s) for s in ins[:3]]
    if len(lasts) == 3 and lasts[2] is None:
        del lasts[2]
    if any(x is None for x in lasts):
        return None
    q = lasts[0]
    v = lasts[1] if len(lasts) > 1 else q
    k = lasts[2] if len(lasts) > 2 else v
    return q, k, v, out  # type: ignore[return-value]


def mha(facts: LayerFacts) -> Derivation:
    """MultiHeadAttention: H·Kd·(Dq + Dk + 2b) + H·Vd·(Dv + Dout + b) + b·Dout."""
    p = facts.params
    dims = _mha_dims(facts)
    if dims is None:
        return undecidable(
            f"{_n(p)}: MultiHeadAttention = H·Kd·(Dq + Dk + 2) + H·Vd·(Dv + Dout + 1) + Dout; "
            "the input dims are not shown"
        )
    q, k, v, o = dims
    if max(dims) > 10**6:
        return undecidable(f"{_n(p)}: MultiHeadAttention dims this large are not worked on")
    assumed = "" if facts.inputs else " (assuming self-attention: the inputs are not shown)"
    for b in (1, 0):
        per = q + k + v + o + 3 * b
        rest = p - b * o
        if rest > 0 and rest % per == 0:
            hk = rest // per
            if q == k == v == o:
                inner = f"4 × {_n(q)}{' + 3' if b else ''}"
            else:
                inner = f"{_n(q)} + {_n(k)} + {_n(v)} + {_n(o)}{' + 3' if b else ''}"
            tail = f" + {_n(o)}" if b else ""
            nb = "" if b else "; use_bias=False"
            return ok(
                f"{_n(p)} = H·Kd × ({inner}){tail} → H × key_dim = {_n(hk)} "
                f"({_heads_example(hk, facts)}{nb}){assumed}",
                p,
                solved=Solved.HEADS,
            )
    for b in (1, 0):
        sols = _solve_two(p - b * o, q + k + 2 * b, v + o + b)
        if sols:
            hk, hv = max(sols, key=lambda xy: (math.gcd(*xy), -abs(xy[0] - xy[1])))
            more = f"; {len(sols) - 1} other split(s) also fit" if len(sols) > 1 else ""
            return ok(
                f"{_n(p)} = H·Kd × ({_n(q)} + {_n(k)}{' + 2' if b else ''}) + H·Vd × ({_n(v)} + "
                f"{_n(o)}{' + 1' if b else ''}){' + ' + _n(o) if b else ''} → H × key_dim = "
                f"{_n(hk)}, H × value_dim = {_n(hv)} (value_dim differs from key_dim"
                f"{'' if b else '; use_bias=False'}{more}){assumed}",
                p,
                solved=Solved.HEADS,
            )
    if not facts.inputs:
        return undecidable(
            f"{_n(p)}: does not fit self-attention on {_n(o)} features; the inputs are not shown"
        )
    return mismatch(
        f"{_n(p)} ≠ H·Kd·({_n(q)} + {_n(k)} + 2) + H·Vd·({_n(v)} + {_n(o)} + 1) + {_n(o)} for any "
        "whole head sizes",
        f"{_name(facts)} shows {_n(p)} but MultiHeadAttention with query dim {_n(q)}, key dim "
        f"{_n(k)}, value dim {_n(v)} and output dim {_n(o)} has H·Kd × {_n(q + k + 2)} + H·Vd × "
        f"{_n(v + o + 1)} + {_n(o)}, which no whole H·key_dim and H·value_dim make {_n(p)} — "
        "are the inputs right, or was the count edited?",
    )


def gqa(facts: LayerFacts) -> Derivation:
    """GroupQueryAttention: Hq·hd·(Dq + 1 + Dq) + Hkv·hd·(Dk + 1 + Dv + 1) + Dq."""
    p = facts.params
    dims = _mha_dims(facts)
    if dims is None:
        return undecidable(f"{_n(p)}: GroupQueryAttention's input dims are not shown")
    q, k, v, o = dims
    if max(dims) > 10**6:
        return undecidable(f"{_n(p)}: GroupQueryAttention dims this large are not worked on")
    for b in (1, 0):
        sols = [
            (x, y)
            for x, y in _solve_two(p - b * o, q + o + b, k + v + 2 * b)
            if y <= x and x % y == 0
        ]
        if sols:
            x, y = sols[0]
            return ok(
                f"{_n(p)} = Hq·hd × ({_n(q)} + {_n(o)}{' + 1' if b else ''}) + Hkv·hd × "
                f"({_n(k)} + {_n(v)}{' + 2' if b else ''}){' + ' + _n(o) if b else ''} → "
                f"query heads × head_dim = {_n(x)}, key/value heads × head_dim = {_n(y)}",
                p,
            )
    if not facts.inputs:
        return undecidable(f"{_n(p)}: does not fit GroupQueryAttention on {_n(o)} features")
    return mismatch(
        f"{_n(p)} fits no whole head split of GroupQueryAttention",
        f"{_name(facts)} shows {_n(p)} but GroupQueryAttention on {_n(q)}-dim queries has "
        f"Hq·hd × {_n(q + o + 1)} + Hkv·hd × {_n(k + v + 2)} + {_n(o)}, and no whole head split "
        "gives it — a pasted or edited count?",
    )


def tutorial_attention_fit(facts: LayerFacts) -> str:
    """Say that a count fits the attention layer tutorials define (a weight per feature and a
    bias per time step over a 3-D input), or ""."""
    p = facts.params
    inputs = facts.inputs
    steps = inputs[0] if inputs and len(inputs[0]) == 3 else None
    if not (steps and steps[1] and steps[2] and p == steps[1] + steps[2]):
        return ""
    return (
        f"; {_n(p)} = {_n(steps[2])} + {_n(steps[1])} is the tutorials' layer: a weight per "
        "feature and a bias per time step"
    )


def luong_attention(facts: LayerFacts) -> Derivation:
    p = facts.params
    texts = {
        0: "0: Attention (dot-product) has no weights by default",
        1: "1: one scalar (use_scale=True or score_mode='concat')",
        2: "2: two scalars (use_scale=True and score_mode='concat')",
    }
    if p in texts:
        return ok(texts[p], p)
    # tutorials define their own `Attention` layer (19a's 011): a count Keras's layer cannot
    # have is a namesake's, whose weights are not known, more likely than an edit
    fits = tutorial_attention_fit(facts)
    text = (
        f"{_n(p)} ∉ {{0, 1, 2}}: Keras's Attention holds at most a scale and a concat weight, so "
        f"this is a custom layer of the same name{fits}; its count is not checked"
    )
    message = (
        f"{_name(facts)} shows {_n(p)}, which Keras's Attention (0, 1 or 2 weights) cannot "
        f"hold: a custom attention layer of the same name{fits}, so its count is not checked"
    )
    return Derivation(UNVERIFIED, text, message, None, None)


def additive_attention(facts: LayerFacts) -> Derivation:
    p = facts.params
    if p == 0:
        return ok("0: AdditiveAttention with use_scale=False has no weights", 0)
    dims = {d for d in (_last(s) for s in (facts.inputs or ())) if d is not None}
    out = _last(_out(facts))
    if out is not None:
        dims.add(out)
    if p in dims:
        return ok(
            f"{_n(p)}: one scale per feature ({_n(p)}-dim queries; use_scale=True, the default)", p
        )
    if not dims or not facts.inputs:
        return undecidable(f"{_n(p)}: AdditiveAttention has D (the query dim) or 0")
    exp = max(dims)
    return mismatch(
        f"{_n(p)} ≠ {_n(exp)} (one scale per query feature) or 0",
        f"{_name(facts)} shows {_n(p)} but AdditiveAttention on {_n(exp)}-dim queries has "
        f"{_n(exp)} (use_scale=True) or 0 — a pasted or edited count?",
        exp,
    )


# keras-self-attention's SeqSelfAttention (measured on 0.51.0 with tf_keras 2.21), its weights
# for d features and `units` u: additive (the default) Wt and Wx (d × u each), bh (u, with
# use_additive_bias), Wa (u × 1) and ba (1, with use_attention_bias); multiplicative Wa (d × d)
# and ba (1). The output keeps the input's shape, so u is never printed: solved from the count.
_SEQ_ADDITIVE = (
    # (reading, per-unit weights beyond 2d, fixed)
    ("additive, both biases", 2, 1),
    ("additive, use_additive_bias=False", 1, 1),
    ("additive, use_attention_bias=False", 2, 0),
)


def seq_self_attention(facts: LayerFacts) -> Derivation:
    """keras-self-attention's SeqSelfAttention: additive (2du + 2u + 1 by default) or
    multiplicative (d² + 1) attention over d features."""
    p, d = facts.params, _last(_out(facts))
    if d is None:
        return undecidable(f"{_n(p)}: SeqSelfAttention's count depends on the features, not shown")
    if p in (d * d + 1, d * d):
        bias = " + 1 (Wa, ba)" if p == d * d + 1 else " (Wa; use_attention_bias=False)"
        return ok(f"{_n(p)} = {_n(d)} × {_n(d)}{bias}: SeqSelfAttention, multiplicative", p, 0)
    for reading, per_unit, fixed in _SEQ_ADDITIVE:
        units, left = divmod(p - fixed, 2 * d + per_unit)
        if left == 0 and units > 0:
            bh = f" + {_n(units)} (bh)" if per_unit == 2 else ""
            ba = " + 1 (ba)" if fixed else ""
            return ok(
                f"{_n(p)} = 2 × {_n(d)} × {_n(units)} (Wt, Wx){bh} + {_n(units)} (Wa){ba}: "
                f"SeqSelfAttention, {reading}; units {_n(units)} solved from the count "
                "(32 by default)",
                p,
                0,
                solved=Solved.UNITS,
            )
    return undecidable(
        f"{_n(p)}: no reading of SeqSelfAttention over {_n(d)} features fits (additive "
        f"2 × {_n(d)} × units + 2 × units + 1, multiplicative {_n(d)}² + 1): not checked"
    )
