"""One formula per layer class name, and `derive`, the entry point that never raises."""

from __future__ import annotations

from ..dialects import TRAINABLE_COUNT_ERAS, Era
from ..layer_classes import QKERAS_BASES
from ..records import replace
from .activations import parametric_softplus, prelu, srelu, stft
from .applications import application_named, application_reading
from .attention import (
    additive_attention,
    gqa,
    luong_attention,
    mha,
    seq_self_attention,
    tutorial_attention_fit,
)
from .common import (
    MISMATCH,
    UNDECIDABLE,
    UNVERIFIED_STATUS,
    Derivation,
    DerivationStatus,
    Formula,
    LayerFacts,
    ok,
    undecidable,
)
from .common import num as _n
from .common import row_name as _name
from .conv import MAX_PARAMS, convolution, depthwise, locally_connected, separable
from .dense import (
    dense,
    einsum_dense,
    embedding,
    highway,
    maxout_dense,
    reversible_embedding,
    token_and_position_embedding,
)
from .frames import conv_lstm, time_distributed
from .normalization import (
    BN_TYPES,
    bn,
    group_norm,
    instance_norm,
    layer_norm,
    normalization_layer,
    rms_norm,
    spectral_norm,
)
from .pruning import prune_low_magnitude
from .recurrent import (
    bidirectional,
    cudnn_gru,
    cudnn_lstm,
    generic_rnn,
    gru,
    gru_v1,
    lstm,
    simple_rnn,
)
from .weightless import NESTED_MODEL_TYPES, WEIGHTLESS, weightless_count


def _nested(facts: LayerFacts) -> Derivation:
    known = application_reading(facts)
    if known is not None:
        return known
    return ok(
        f"{_n(facts.params)}: sum of the inner model's weights (not re-derived here)", None, None
    )


# --------------------------------------------------------------------------- dispatch


def _pruned(facts: LayerFacts) -> Derivation:
    return prune_low_magnitude(facts, derive)


# (the two families below are imported at their first row: few prints have one, and every
# module imported costs each run's start-up)
def _quantized(facts: LayerFacts) -> Derivation:
    from .quantize_aware import quantize_wrapper

    return quantize_wrapper(facts, derive)


def _quantize_layer(facts: LayerFacts) -> Derivation:
    from .quantize_aware import quantize_layer

    return quantize_layer(facts)


def _qkeras(facts: LayerFacts) -> Derivation:
    from .qkeras import qkeras_layer

    return qkeras_layer(facts, derive)


QUANTIZE_WRAPPERS = ("QuantizeWrapper", "QuantizeWrapperV2")  # tfmot's: quantize_aware.py


NAME_READING = frozenset({"PruneLowMagnitude", *QUANTIZE_WRAPPERS, "", *NESTED_MODEL_TYPES})
"""Classes whose formula reads the row's name (the wrapped layer's default name in it, a
nested model's application name, the application a row without a class names), not only
prints it: their derivations are not shared by rows that differ only by name."""
NAME_READING_PIECE = "irectional"
"""A piece of every name a formula reads whatever the row's class: a recurrent row named as a
Bidirectional wrapper (`Bidirectional_1 (LSTM)`, a retyped table's label) is read as that
wrapper when its count is the wrapper's."""


def _formula_table() -> dict[str, Formula]:
    table: dict[str, Formula] = {
        "Dense": dense,
        "TimeDistributedDense": dense,
        "EinsumDense": einsum_dense,
        "Highway": highway,
        "MaxoutDense": maxout_dense,
        "Embedding": embedding,
        "ReversibleEmbedding": reversible_embedding,
        "TokenAndPositionEmbedding": token_and_position_embedding,
        "LayerNormalization": layer_norm,
        "RMSNormalization": rms_norm,
        "GroupNormalization": group_norm,
        "InstanceNormalization": instance_norm,
        "Normalization": normalization_layer,
        "SpectralNormalization": spectral_norm,
        "SimpleRNN": simple_rnn,
        "SimpleRNNCell": simple_rnn,
        "LSTM": lstm,
        "LSTMV1": lstm,
        "LSTMCell": lstm,
        "GRU": gru,
        "GRUCell": gru,
        "GRUV1": gru_v1,
        "UnifiedLSTM": lstm,
        "CuDNNLSTM": cudnn_lstm,
        "CuDNNGRU": cudnn_gru,
        "RNN": generic_rnn,
        "Bidirectional": bidirectional,
        "TimeDistributed": time_distributed,
        "PruneLowMagnitude": _pruned,
        "QuantizeWrapper": _quantized,
        "QuantizeWrapperV2": _quantized,
        "QuantizeLayer": _quantize_layer,
        "MultiHeadAttention": mha,
        "GroupQueryAttention": gqa,
        "GroupedQueryAttention": gqa,
        "Attention": luong_attention,
        "AdditiveAttention": additive_attention,
        "SeqSelfAttention": seq_self_attention,
        "PReLU": prelu,
        "ParametricSoftplus": parametric_softplus,
        "SReLU": srelu,
        "STFTSpectrogram": stft,
    }
    for name in BN_TYPES:
        table[name] = bn
    for dim in ("1D", "2D", "3D"):
        for name in (
            f"Conv{dim}", f"Convolution{dim}", f"Conv{dim}Transpose", f"AtrousConvolution{dim}",
            f"Deconvolution{dim}",
        ):  # fmt: skip
            table[name] = convolution
        table[f"SeparableConv{dim}"] = separable
        table[f"SeparableConvolution{dim}"] = separable
        table[f"DepthwiseConv{dim}"] = depthwise
        table[f"LocallyConnected{dim}"] = locally_connected
        table[f"ConvLSTM{dim}"] = conv_lstm
    for name in NESTED_MODEL_TYPES:
        table[name] = _nested
    for name in QKERAS_BASES:
        table[name] = _qkeras  # (qkeras.py)
    return table


FORMULAS: dict[str, Formula] = _formula_table()
"""One derivation function per Keras layer class name (Keras 1, 2 and 3 names)."""


def has_formula(type_name: str) -> bool:
    """Tell whether a layer type's count is re-derived by a formula (nested models included)."""
    return type_name in FORMULAS


def is_weightless(type_name: str) -> bool:
    """Tell whether a layer type owns no weights, so its count must be 0."""
    return type_name in WEIGHTLESS


def _zero_count(facts: LayerFacts) -> Derivation | None:
    """A layer with weights that shows 0: frozen in Keras 1.0/1.1, else never built or edited."""
    if facts.params != 0:
        return None
    if facts.era in TRAINABLE_COUNT_ERAS:
        return ok(
            f"0: Keras 0.3 and 1.0/1.1 rows count trainable weights only, so a frozen "
            f"{facts.type} shows 0",
            0,
            None,
        )
    if facts.era == Era.KERAS1:
        return undecidable(
            f"0: a {facts.type} has weights; Keras 1.0–1.1.2 rows counted trainable weights only, "
            "so a frozen layer printed 0 there"
        )
    if facts.type == "MultiHeadAttention" and facts.era != Era.KERAS3:
        # Transformer tutorials wrote their own MultiHeadAttention before tf.keras had one
        # (19a's 005): a built Keras layer is never 0 outside Keras 3's `(unbuilt)`
        return Derivation(
            UNVERIFIED_STATUS,
            "0: a built MultiHeadAttention always has weights: a custom layer of the same name, "
            "or one never built (a subclassed model); its count is not checked",
            f"{_name(facts)} shows 0, which no built MultiHeadAttention of Keras holds: a custom "
            "layer of the same name (Transformer tutorials wrote their own) or one never built "
            "(a subclassed model), so its count is not checked",
            None,
            None,
        )
    return Derivation(
        MISMATCH,
        f"0 ≠ the weights every built {facts.type} has",
        f"{_name(facts)} shows 0 but a built {facts.type} always has weights — was the layer "
        "never built (a subclassed model), or was the count edited?",
        None,
        None,
    )


# Classes no formula can cover, and why (said with the count left unchecked)
_NO_FORMULA_BECAUSE = {
    "KerasLayer": (
        " (TensorFlow Hub's wrapper of a saved model: its count is that model's weights, which "
        "the summary does not list)"
    ),
    "ModuleWrapper": (
        " (tf.keras's wrapper of a layer of the standalone keras package, or of a tf.Module: "
        "the class it wraps is not printed)"
    ),
}


_SHORTEST_STEM = 4  # `Conv`, `Norm`: a custom class named after a Keras class it may extend


def _known_class_fit(facts: LayerFacts) -> str:
    """Say which Keras class a custom class is named after when the count fits that class
    (26b's 013: Mask R-CNN's `BatchNorm`, a BatchNormalization's 4 × 64): a hint, not a check."""
    type_ = facts.type
    if len(type_) < _SHORTEST_STEM or not facts.params:
        return ""
    named = [
        known
        for known in FORMULAS
        if known != type_
        and known not in NESTED_MODEL_TYPES
        and (known.startswith(type_) or (type_.endswith(known) and len(known) >= _SHORTEST_STEM))
    ]
    endings = [known for known in named if type_.endswith(known)]
    if endings:
        # the longest class it ends with: QuantizedSeparableConv2D's SeparableConv2D, not
        # Conv2D (50b's 002)
        longest = max(map(len, endings))
        named = [known for known in endings if len(known) == longest]
    if not named or len({FORMULAS[known] for known in named}) != 1:
        return ""  # (one formula under several names: BatchNormalization, its V1 and V2)
    known = min(named, key=len)
    derived = derive(facts._replace(type=known))
    if derived.status is not DerivationStatus.OK or derived.solved or derived.solved_input:
        return ""  # (a count solved for what the print does not show would fit any count)
    return f"; the count fits {_a(known)} ({derived.text}), which it may extend"


def derive(facts: LayerFacts) -> Derivation:
    """Re-derive one row's Param # and explain it; never raises."""
    type_ = facts.type
    p = facts.params
    if p > MAX_PARAMS or p < 0:
        digits = len(str(abs(p))) if p.bit_length() < 10000 else "thousands of"
        return undecidable(
            f"a count of {digits} digits is beyond any real layer; it is not re-derived"
        )
    if type_ in WEIGHTLESS:
        return weightless_count(facts)
    formula = FORMULAS.get(type_)
    if formula is None:
        if type_.endswith("Model") and type_ != "Model":
            return undecidable(
                f"{_n(p)}: sum of the inner model's weights (a {type_} model row; not "
                "re-derived here)"
            )
        if not type_:
            named = application_named(facts)
            if named is not None:
                return named
            if "+" in facts.name:
                from .fused_blocks import fused_block, fused_parts  # (tables written by hand)

                parts = fused_parts(facts.name)
                if parts is not None:
                    return fused_block(facts, parts)
            text = f"{_n(p)}: the class is cut off or not printed, so this count is not checked"
            message = (
                f"{_name(facts)} shows no class (it is cut off or was not printed), so its count "
                f"of {_n(p)} is not checked"
            )
            return Derivation(UNVERIFIED_STATUS, text, message, None, None)
        why = _NO_FORMULA_BECAUSE.get(type_, "")
        fit = _known_class_fit(facts) or (
            # an author's own `attention` class (56c's 006): the tutorials' layer, maybe
            tutorial_attention_fit(facts) if "attention" in type_.lower() else ""
        )
        text = f"{_n(p)}: no formula for {type_}{why}, so this count is not checked{fit}"
        message = (
            f"{_name(facts)} is {_a(type_)}, a layer type summaryaudit has no formula "
            f"for{why}, so its count of {_n(p)} is not checked{fit}"
        )
        return Derivation(UNVERIFIED_STATUS, text, message, None, None)
    zero_ok = (
        _nested, normalization_layer, luong_attention, additive_attention, time_distributed,
        layer_norm, group_norm, instance_norm, generic_rnn,
    )  # fmt: skip
    frozen = _zero_count(facts) if formula not in zero_ok else None
    if frozen is not None:
        return frozen
    try:
        derived = formula(facts)
    except (
        ArithmeticError,
        ValueError,
        TypeError,
        IndexError,
        AssertionError,
    ) as exc:  # pragma: no cover
        return undecidable(f"{_n(p)}: could not derive the {type_} count ({exc})")
    if (
        derived.status == UNDECIDABLE
        and derived.non_trainable is None
        and formula in _ALL_TRAINABLE
    ):
        # The count is not decided, but these layers only ever own trainable weights.
        return replace(derived, non_trainable=0)
    return derived


_ALL_TRAINABLE = (
    convolution, separable, depthwise, locally_connected, simple_rnn, lstm, gru, gru_v1,
    cudnn_lstm, cudnn_gru, conv_lstm, mha, gqa, luong_attention, additive_attention,
)  # fmt: skip


# --------------------------------------------------------------------------- data format


def _a(class_name: str) -> str:
    """The class name with its article: `a Dense`, `an EmbeddingTable`, `a OneHotEncoding`,
    and for a name read letter by letter, `an LSTM`, `an FPN`, `a GRU`."""
    if class_name[:2].isupper():  # an initialism: the first letter's name decides
        vowel = class_name[:1] in _LETTERS_SAID_WITH_A_VOWEL
    else:
        title = class_name[:1].upper() + class_name[1:]  # a custom `attention` class too
        vowel = title[:1] in "AEIOU" and not title.startswith(_VOWEL_LETTER_CONSONANT_SOUND)
    return f"{'an' if vowel else 'a'} {class_name}"


# `an F…` (eff), `an L…` (ell), `an M…` (em), but `a U…` (you), `a G…` (gee)
_LETTERS_SAID_WITH_A_VOWEL = frozenset("AEFHILMNORSX")


# a vowel letter said as a consonant: `a OneHot…`, `a Unit…`, `a User…`, `a Eucl…`
_VOWEL_LETTER_CONSONANT_SOUND = ("One", "Uni", "Use", "Usa", "Eu")
