"""Dense, EinsumDense, Embedding and their Keras 1 and Keras 3 variants (LoRA, int8)."""

from __future__ import annotations

from ..adapters import adapter_fits, lora_rank
from ..dialects import Era
from ..records import Shape
from .common import (
    Derivation,
    LayerFacts,
    Solved,
    dims_text,
    flattened_size,
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

# --------------------------------------------------------------------------- Dense family


def _lora_or_int8(p: int, d: int, u: int, era: Era) -> Derivation | None:
    """Keras 3 LoRA (+r·(D+U)) or int8 quantisation (D·U + 2U) on a Dense."""
    if era != Era.KERAS3:
        return None  # both exist only in Keras 3
    if p == d * u + 2 * u:
        return undecidable(
            f"{_n(p)} = {_n(d)} × {_n(u)} + 2 × {_n(u)}: one {_n(u)} more than kernel + bias; "
            "possibly a Keras 3 int8-quantized Dense (int8 kernel + kernel_scale, both "
            "non-trainable, + bias)",
            d * u + u,
        )
    lora = lora_rank(p, d, u)
    if lora is None:
        return None
    r, bias = lora
    tail = ", trainable bias" if bias else ""
    return undecidable(
        f"{_n(p)} = {_n(d)} × {_n(u)}{' + ' + _n(u) if bias else ''} + {r} × "
        f"({_n(d)} + {_n(u)}): possibly Keras 3 LoRA rank {r} (frozen kernel{tail}, "
        f"A {_n(d)}×{r} + B {r}×{_n(u)})",
        d * u,
    )


def dense(facts: LayerFacts) -> Derivation:
    p, out, inp = facts.params, _out(facts), _in(facts)
    u, d = _last(out), _last(inp)
    type_ = facts.type
    if u is None and d is None:
        return undecidable(f"{_n(p)}: {type_} = inputs × units (+ units bias); neither is shown")
    if u is None:
        assert d is not None
        fits = [(p // (d + b), b) for b in (1, 0) if p % (d + b) == 0 and p > 0]
        if fits:
            units, b = fits[0]
            bias = f" + {_n(units)} (kernel + bias" if b else " (kernel, use_bias=False"
            return ok(
                f"{_n(p)} = {_n(d)} × {_n(units)}{bias}; {_n(units)} units solved from the count)",
                p,
                solved=Solved.UNITS,
            )
        return undecidable(
            f"{_n(p)}: no whole number of units fits {_n(d)} inputs (× units, + bias); "
            "the output shape is not shown"
        )
    if d is None:
        return _dense_solve_input(facts, p, u, out)
    base = d * u
    note = "; Dense acts on the last axis only" if out is not None and len(out) > 2 else ""
    if p == base + u:
        return ok(f"{_n(p)} = {_n(d)} × {_n(u)} + {_n(u)} (kernel + bias{note})", p)
    if p == base:
        return ok(f"{_n(p)} = {_n(d)} × {_n(u)} (kernel, use_bias=False{note})", p)
    flattened = _on_flattened_input(p, u, inp, out)
    if flattened is not None:
        return flattened
    lora = _lora_or_int8(p, d, u, facts.era)
    if lora is not None:
        return lora
    text = (
        f"{_n(p)} ≠ {_n(d)} × {_n(u)} + {_n(u)} = {_n(base + u)} (kernel + bias) "
        f"or {_n(base)} (use_bias=False)"
    )
    message = (
        f"{_name(facts)} shows {_n(p)} but {type_}({u}) on {_n(d)} inputs has "
        f"{_n(d)} × {_n(u)} + {_n(u)} = {_n(base + u)} (kernel + bias) or {_n(base)} without bias"
    )
    other = [(p - b) // u for b in (u, 0) if p > b and (p - b) % u == 0]
    if other:
        message += (
            f"; the count would fit {_n(other[0])} inputs — is the input shape right, "
            "or was the count edited?"
        )
    else:
        message += (
            f"; {_n(p)} is not a multiple of {_n(u)}, so no input size gives it — "
            "a pasted or edited count?"
        )
    return mismatch(text, message, base + u)


def _on_flattened_input(p: int, u: int, inp: Shape | None, out: Shape | None) -> Derivation | None:
    """A Dense whose count fits the row above flattened (`(None, 13, 13, 32)` → 5,408 inputs)
    while its output has two axes: the count is right and a Flatten row is missing, which the
    shape-chain check reports."""
    if inp is None or out is None or len(out) != 2 or (flat := flattened_size(inp)) is None:
        return None
    known = [dim for dim in inp[1:] if dim]
    for bias, words in ((u, "kernel + bias"), (0, "kernel, use_bias=False")):
        if p == flat * u + bias:
            plus = f" + {_n(u)}" if bias else ""
            return ok(
                f"{_n(p)} = {_n(flat)} × {_n(u)}{plus} ({words}), with {_n(flat)} = "
                f"{dims_text(known)} the row above flattened: a Flatten between them is not in "
                "the paste",
                p,
            )
    return None


_LORA_RANKS = (1, 2, 4, 8, 16, 32, 64, 128)  # the ranks people use; any rank fits some count


def _lora_rank_fitting(p: int, u: int) -> int | None:
    """Smallest usual LoRA rank r with a whole input size D: P = D·(U + r) + U·(bias + r)."""
    for r in _LORA_RANKS:
        for bias in (1, 0):
            rest = p - u * (bias + r)
            if rest > 0 and rest % (u + r) == 0 and adapter_fits(r, rest // (u + r), u):
                return r
    return None


def _dense_solve_input(facts: LayerFacts, p: int, u: int, out: Shape | None) -> Derivation:
    """First Sequential Dense: its input is not printed, so solve D = (P − U)/U; any count that
    fits is also P/U inputs without a bias, and the text says so."""
    if p > u and (p - u) % u == 0:
        d = (p - u) // u
        solved = (*out[:-1], d) if out is not None else (None, d)
        return ok(
            f"{_n(p)} = {_n(d)} × {_n(u)} + {_n(u)} (kernel + bias; input size {_n(d)} solved "
            f"from the count, or {_n(d + 1)} with use_bias=False)",
            p,
            solved_input=solved,
            solved=Solved.INPUT_SIZE,
        )
    if p > 0 and p % u == 0:
        d = p // u
        solved = (*out[:-1], d) if out is not None else (None, d)
        return ok(
            f"{_n(p)} = {_n(d)} × {_n(u)} (kernel, use_bias=False; input size {_n(d)} solved "
            "from the count)",
            p,
            solved_input=solved,
            solved=Solved.INPUT_SIZE,
        )
    rank = _lora_rank_fitting(p, u) if facts.era == Era.KERAS3 else None
    if rank is not None:
        return undecidable(
            f"{_n(p)}: not a multiple of {_n(u)} units, so no plain {facts.type} fits whatever "
            f"the input size; the input is not shown (a Keras 3 LoRA rank {rank} could explain it)"
        )
    return mismatch(
        f"{_n(p)} ≠ D × {_n(u)} (+ {_n(u)}) for any input size D",
        f"{_name(facts)} shows {_n(p)} but a {facts.type}({u}) always has a multiple of "
        f"{_n(u)} parameters (inputs × {_n(u)} + {_n(u)} bias), whatever the input size — "
        "a pasted or edited count?",
    )


def highway(facts: LayerFacts) -> Derivation:
    """Keras 1 Highway: W and W_carry (D×D) plus b and b_carry (D)."""
    p = facts.params
    d = _last(_in(facts)) or _last(_out(facts))
    if d is None:
        return undecidable(f"{_n(p)}: Highway has 2 × D × D + 2 × D; D is not shown")
    if p == 2 * d * d + 2 * d:
        return ok(f"{_n(p)} = 2 × {_n(d)} × {_n(d)} + 2 × {_n(d)} (W, W_carry + b, b_carry)", p)
    if p == 2 * d * d:
        return ok(f"{_n(p)} = 2 × {_n(d)} × {_n(d)} (W, W_carry; bias=False)", p)
    exp = 2 * d * d + 2 * d
    return mismatch(
        f"{_n(p)} ≠ 2 × {_n(d)} × {_n(d)} + 2 × {_n(d)} = {_n(exp)} (W, W_carry + b, b_carry)",
        f"{_name(facts)} shows {_n(p)} but Highway on {_n(d)} inputs has 2 × {_n(d)} × {_n(d)} "
        f"+ 2 × {_n(d)} = {_n(exp)} (or {_n(2 * d * d)} without bias)",
        exp,
    )


def maxout_dense(facts: LayerFacts) -> Derivation:
    """Keras 1 MaxoutDense: nb_feature × (D × U + U)."""
    p, u, d = facts.params, _last(_out(facts)), _last(_in(facts))
    if u is None or d is None:
        return undecidable(f"{_n(p)}: MaxoutDense has nb_feature × (D × U + U); D or U not shown")
    for b in (1, 0):
        per = d * u + b * u
        if per and p % per == 0 and p // per >= 1:
            nb = p // per
            tail = f" + {_n(u)}" if b else ""
            return ok(
                f"{_n(p)} = {nb} × ({_n(d)} × {_n(u)}{tail}) (nb_feature {nb} × "
                f"{'(kernel + bias)' if b else 'kernel'})",
                p,
            )
    exp = 4 * (d * u + u)
    return mismatch(
        f"{_n(p)} ≠ nb_feature × ({_n(d)} × {_n(u)} + {_n(u)}) for any whole nb_feature",
        f"{_name(facts)} shows {_n(p)} but MaxoutDense({u}) on {_n(d)} inputs has nb_feature × "
        f"{_n(d * u + u)} (default nb_feature 4: {_n(exp)}) — no whole nb_feature gives it",
        None,
    )


def einsum_dense(facts: LayerFacts) -> Derivation:
    """EinsumDense: the equation is hidden; try D × Π(some output dims) (+ Π(bias dims))."""
    p, out, inp = facts.params, _out(facts), _in(facts)
    d = _last(inp)
    if d is None or out is None:
        return undecidable(
            f"{_n(p)}: EinsumDense has Π(kernel dims) + Π(bias dims); the equation and input "
            "are not shown"
        )
    for axes, size in subset_products(out):
        if p == d * size:
            return ok(
                f"{_n(p)} = {_n(d)} × {dims_text([out[a] for a in axes])} (kernel over the "
                "new output dims; no bias)",
                p,
            )
        rest = p - d * size
        if rest > 0:
            for b_axes, b_size in subset_products(tuple([None, *[out[a] for a in axes]])):
                if rest == b_size:
                    return ok(
                        f"{_n(p)} = {_n(d)} × {dims_text([out[a] for a in axes])} + "
                        f"{_n(rest)} (kernel + bias over {len(b_axes)} output dim(s))",
                        p,
                    )
    return undecidable(
        f"{_n(p)}: does not fit {_n(d)} × (product of output dims) (+ bias); the einsum "
        "equation is not printed, so it may contract or add other axes"
    )


# --------------------------------------------------------------------------- Embedding


def embedding(facts: LayerFacts) -> Derivation:
    p, e = facts.params, _last(_out(facts))
    if e is None:
        return undecidable(
            f"{_n(p)}: Embedding has vocabulary × embedding dim; the dim is not shown"
        )
    if p > 0 and p % e == 0:
        v = p // e
        return ok(
            f"{_n(p)} = {_n(v)} (vocabulary) × {_n(e)} (embedding dim)", p, solved=Solved.VOCABULARY
        )
    if facts.era in (Era.KERAS3, Era.UNKNOWN):
        if p % (e + 1) == 0:
            v = p // (e + 1)
            return undecidable(
                f"{_n(p)} = {_n(v)} × ({_n(e)} + 1): possibly a Keras 3 int8-quantized Embedding "
                f"(vocabulary {_n(v)}: int8 table + one scale per row)",
                p,
            )
        for r in range(1, 257):
            if (p - r * e) > 0 and (p - r * e) % (e + r) == 0:
                v = (p - r * e) // (e + r)
                return undecidable(
                    f"{_n(p)} = {_n(v)} × {_n(e)} + {r} × ({_n(v)} + {_n(e)}): not a multiple of "
                    f"{_n(e)}; possibly Keras 3 LoRA rank {r} on a vocabulary of {_n(v)}",
                    v * e,
                )
    return mismatch(
        f"{_n(p)} ≠ vocabulary × {_n(e)}: {_n(p)} / {_n(e)} is not a whole number",
        f"{_name(facts)} shows {_n(p)} but an Embedding with {_n(e)}-dim vectors has vocabulary "
        f"× {_n(e)} parameters, and {_n(p)} / {_n(e)} = {p / e:,.2f} is no whole vocabulary size "
        "— a pasted or edited count, or a misread output shape?",
    )


def token_and_position_embedding(facts: LayerFacts) -> Derivation:
    """KerasHub's TokenAndPositionEmbedding (and keras.io's transformer example's layer of that
    name): a token embedding, vocabulary × dim, plus a position embedding, positions × dim."""
    p, out = facts.params, _out(facts)
    taken = _in(facts)
    if taken is not None and len(taken) >= 3:
        # a layer of that name that takes vectors (75d's 011: `token_and_position_embedding`
        # on a Dense's (None, 121, 768), giving 122 steps): not the one that embeds token ids
        return undecidable(
            f"{_n(p)}: Keras's TokenAndPositionEmbedding takes token ids (batch, length), but "
            f"this row takes {shape_text(taken)}: a layer of its own under that name, whose "
            "count is not checked"
        )
    e = _last(out)
    if e is None:
        return undecidable(
            f"{_n(p)}: TokenAndPositionEmbedding has (vocabulary + positions) × embedding dim; "
            "the dim is not shown"
        )
    if p > 0 and p % e == 0:
        rows = p // e
        steps = out[-2] if out is not None and len(out) >= 3 else None
        if isinstance(steps, int) and rows > steps:
            return ok(
                f"{_n(p)} = ({_n(rows - steps)} vocabulary + {_n(steps)} positions) × {_n(e)} "
                f"(embedding dim), if the positions are the {_n(steps)} steps shown "
                f"(vocabulary + positions = {_n(rows)})",
                p,
                solved=Solved.VOCABULARY,
            )
        # (the vocabulary is never printed: solved from the count, as Embedding's, 39c's 002)
        return ok(
            f"{_n(p)} = {_n(rows)} (vocabulary + positions) × {_n(e)} (embedding dim)",
            p,
            solved=Solved.VOCABULARY,
        )
    return mismatch(
        f"{_n(p)} ≠ (vocabulary + positions) × {_n(e)}: {_n(p)} / {_n(e)} is not a whole number",
        f"{_name(facts)} shows {_n(p)} but a TokenAndPositionEmbedding with {_n(e)}-dim vectors "
        f"has (vocabulary + positions) × {_n(e)} parameters, and {_n(p)} / {_n(e)} = "
        f"{p / e:,.2f} is no whole number — a pasted or edited count, or a misread output shape?",
    )


def reversible_embedding(facts: LayerFacts) -> Derivation:
    p, e = facts.params, _last(_out(facts))
    if e is None:
        return undecidable(f"{_n(p)}: ReversibleEmbedding has vocabulary × dim (× 2 untied)")
    hidden = _last(_in(facts))
    if hidden is not None and hidden != e and p > 0:
        projected = _projected_back(p, e, hidden)
        if projected is not None:
            return projected
    if p > 0 and p % e == 0:
        # the output is the embedding, or the vocabulary's logits when the layer projects back
        # (a causal LM's head): which of the two sizes is the vocabulary is not told
        v = p // e
        text = f"{_n(p)} = {_n(e)} × {_n(v)} (vocabulary × embedding dim, in some order: the "
        text += f"output's {_n(e)} is one of them; tied embedding"
        if v % 2 == 0:
            return ok(text + f"; or {_n(e)} × {_n(v // 2)} × 2 with tie_weights=False)", p)
        return ok(text + ")", p)
    return mismatch(
        f"{_n(p)} ≠ vocabulary × {_n(e)}",
        f"{_name(facts)} shows {_n(p)} but a ReversibleEmbedding with {_n(e)}-dim vectors has a "
        f"multiple of {_n(e)} parameters — a pasted or edited count?",
    )


def _projected_back(p: int, vocabulary: int, dim: int) -> Derivation | None:
    """A ReversibleEmbedding projecting a dim-wide input back to the vocabulary's logits (a
    causal LM's head, its input the backbone's output): tied, untied, or tied and quantized to
    int8 (`model.quantize("int8")`: int8 embeddings + one scale per vocabulary row, as Keras
    3.15's Embedding has them; 41c's 012, Gemma: 524,544,000 = 256,000 × 2,048 + 256,000)."""
    words = f"vocabulary {_n(vocabulary)} × embedding dim {_n(dim)}, the input's"
    tied = vocabulary * dim
    if p == tied:
        return ok(f"{_n(p)} = {_n(vocabulary)} × {_n(dim)} ({words}; tied embedding)", p)
    if p == 2 * tied:
        return ok(
            f"{_n(p)} = {_n(vocabulary)} × {_n(dim)} × 2 ({words}; tie_weights=False: a "
            "reverse matrix of its own)",
            p,
        )
    if p == tied + vocabulary:
        return ok(
            f"{_n(p)} = {_n(vocabulary)} × {_n(dim)} + {_n(vocabulary)} ({words}; tied, "
            "quantized to int8 by model.quantize('int8'): the int8 embeddings and one scale per "
            "vocabulary row, both non-trainable)",
            p,
        )
    return None


# --------------------------------------------------------------------------- convolutions
