"""Table-driven checks of the parameter formulas against the verified counts in params.md."""

from __future__ import annotations

from typing import NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summaryaudit import formulas
from summaryaudit.dialects import Era
from summaryaudit.formulas import Derivation, LayerFacts, derive
from summaryaudit.formulas.common import DerivationStatus
from summaryaudit.layer_classes import KNOWN_LAYER_CLASSES
from summaryaudit.records import Shape

FINDING_STATUSES = {"mismatch", "bn-axis", "weightless-nonzero", "unverified"}
ALL_STATUSES = FINDING_STATUSES | {"ok", "undecidable"}


def _shapes(value: object) -> tuple[Shape, ...] | None:
    """Accept one shape `(None, 3)` or several `((None, 3), (None, 4))`."""
    if value is None:
        return None
    assert isinstance(value, tuple)
    if value and isinstance(value[0], tuple):
        return value  # type: ignore[return-value]
    return (value,)  # type: ignore[return-value]


def facts(
    type_: str,
    params: int,
    out: object,
    inp: object = None,
    era: str = "",
    channels_first: bool | None = None,
    name: str = "layer",
) -> LayerFacts:
    """Build the facts of one summary row; shapes include the batch dim."""
    return LayerFacts(name, type_, params, _shapes(out), _shapes(inp), era, channels_first)


class Case(NamedTuple):
    """One verified layer: what the row shows and what the derivation must say."""

    id: str
    type: str
    params: int
    out: object
    inp: object = None
    era: str = ""
    cf: bool | None = None
    status: str = "ok"
    non_trainable: int | None = 0


# Every verified example of params.md §3/§6 and the seed questions, with its exact count.
VERIFIED: list[Case] = [
    # Dense
    Case("dense-20-10", "Dense", 210, (None, 10), (None, 20)),
    Case("dense-no-bias", "Dense", 200, (None, 10), (None, 20)),
    Case("dense-rank3", "Dense", 210, (None, 5, 10), (None, 5, 20)),
    Case("dense-rank4", "Dense", 210, (None, 4, 5, 10), (None, 4, 5, 20)),
    Case("dense-seq-first", "Dense", 210, (None, 10), None),
    Case("dense-summary-11", "Dense", 7, (None, 1), (None, 6)),
    Case("dense-shared", "Dense", 36, (None, 4), ((None, 8), (None, 8))),
    Case("dense-after-norm", "Dense", 386, (None, 2), (None, 192)),
    Case("dense-optimizer-12", "Dense", 36, (None, 4), (None, 8)),
    Case("dense-optimizer-13", "Dense", 5, (None, 1), (None, 4)),
    # EinsumDense (K3 keeps the None of output_shape; tf_keras prints the steps)
    Case("einsum-ab-bc", "EinsumDense", 2112, (None, 64), (None, 32)),
    Case("einsum-abd-k3", "EinsumDense", 2048, (None, None, 64), (None, 10, 32)),
    Case("einsum-abd-k2", "EinsumDense", 2048, (None, 10, 64), (None, 10, 32)),
    Case("einsum-abde-k3", "EinsumDense", 4224, (None, None, 8, 16), (None, 10, 32)),
    Case("einsum-abde-k2", "EinsumDense", 4224, (None, 10, 8, 16), (None, 10, 32)),
    # Embedding
    Case("embedding", "Embedding", 64000, (None, 10, 64), (None, 10)),
    Case("embedding-no-input", "Embedding", 64000, (None, 10, 64), None),
    Case("reversible-tied", "ReversibleEmbedding", 64000, (None, 10, 64), (None, 10)),
    Case("reversible-untied", "ReversibleEmbedding", 128000, (None, 10, 64), (None, 10)),
    # Conv
    Case("conv1d", "Conv1D", 656, (None, 96, 16), (None, 100, 8)),
    Case("conv1d-no-bias", "Conv1D", 640, (None, 96, 16), (None, 100, 8)),
    Case("conv2d", "Conv2D", 896, (None, 26, 26, 32), (None, 28, 28, 3)),
    Case("conv2d-groups", "Conv2D", 7744, (None, 14, 12, 64), (None, 16, 16, 32)),
    Case("conv2d-strided-same", "Conv2D", 224, (None, 16, 16, 8), (None, 32, 32, 3)),
    Case("conv2d-dilated", "Conv2D", 224, (None, 28, 28, 8), (None, 32, 32, 3)),
    Case("conv2d-cf-known", "Conv2D", 224, (None, 8, 30, 30), (None, 3, 32, 32), cf=True),
    Case("conv2d-cf-unknown", "Conv2D", 224, (None, 8, 30, 30), (None, 3, 32, 32)),
    Case("conv3d", "Conv3D", 872, (None, 14, 14, 14, 8), (None, 16, 16, 16, 4)),
    Case("conv2d-summary-7", "Conv2D", 224, (None, 3, 4, 8), (None, 5, 6, 3)),
    Case(
        "keras1-convolution2d",
        "Convolution2D",
        896,
        (None, 32, 26, 26),
        (None, 3, 28, 28),
        era="keras1",
    ),
    # Transposed
    Case("conv1d-transpose", "Conv1DTranspose", 28, (None, 12, 4), (None, 10, 2)),
    Case("conv2d-transpose", "Conv2DTranspose", 4624, (None, 10, 10, 16), (None, 8, 8, 32)),
    Case("conv2d-transpose-s2", "Conv2DTranspose", 4624, (None, 16, 16, 16), (None, 8, 8, 32)),
    Case("conv3d-transpose", "Conv3DTranspose", 164, (None, 6, 6, 6, 2), (None, 4, 4, 4, 3)),
    # Separable and depthwise
    Case("separable2d", "SeparableConv2D", 2400, (None, 30, 30, 64), (None, 32, 32, 32)),
    Case("separable2d-no-bias", "SeparableConv2D", 2336, (None, 30, 30, 64), (None, 32, 32, 32)),
    Case("separable1d-dm2", "SeparableConv1D", 352, (None, 46, 16), (None, 50, 8)),
    Case("depthwise2d", "DepthwiseConv2D", 160, (None, 30, 30, 16), (None, 32, 32, 16)),
    Case("depthwise2d-dm4", "DepthwiseConv2D", 640, (None, 30, 30, 64), (None, 32, 32, 16)),
    Case("depthwise1d-dm2", "DepthwiseConv1D", 96, (None, 46, 16), (None, 50, 8)),
    # BatchNormalization (table in §3), correct axis
    Case("bn-10", "BatchNormalization", 40, (None, 10), (None, 10), non_trainable=20),
    Case("bn-7-10", "BatchNormalization", 40, (None, 7, 10), (None, 7, 10), non_trainable=20),
    Case("bn-5-6-3", "BatchNormalization", 12, (None, 5, 6, 3), (None, 5, 6, 3), non_trainable=6),
    Case(
        "bn-4-5-6-3",
        "BatchNormalization",
        12,
        (None, 4, 5, 6, 3),
        (None, 4, 5, 6, 3),
        non_trainable=6,
    ),
    Case(
        "bn-cf",
        "BatchNormalization",
        32,
        (None, 8, 30, 30),
        (None, 8, 30, 30),
        cf=True,
        non_trainable=16,
    ),
    Case("bn-center-false", "BatchNormalization", 30, (None, 10), (None, 10), non_trainable=20),
    Case(
        "bn-both-off", "BatchNormalization", 20, (None, 10), (None, 10), era="tf2", non_trainable=20
    ),
    Case("bn-renorm", "BatchNormalization", 70, (None, 10), (None, 10), non_trainable=50),
    Case("bn-sync", "SyncBatchNormalization", 40, (None, 10), (None, 10), non_trainable=20),
    # fixtures/real/*/bn_variants: renorm is 7N from TF 2.0 on, 6N + 2 in TF 1.14
    Case(
        "bn-renorm-tf2",
        "BatchNormalization",
        84,
        (None, 16, 16, 12),
        (None, 16, 16, 12),
        era="tf2",
        non_trainable=60,
    ),
    Case(
        "bn-renorm-tf1",
        "BatchNormalization",
        74,
        (None, 16, 16, 12),
        (None, 16, 16, 12),
        era="keras2",
        non_trainable=50,
    ),
    Case(
        "bn-summary-21",
        "BatchNormalization",
        32,
        (None, 3, 4, 8),
        (None, 3, 4, 8),
        non_trainable=16,
    ),
    Case("bn-nested", "BatchNormalization", 12, (None, 3), (None, 3), non_trainable=6),
    Case("bn-optimizer-23", "BatchNormalization", 16, (None, 4), (None, 4), non_trainable=8),
    Case(
        "bn-keras1.2",
        "BatchNormalization",
        2048,
        (None, 512),
        (None, 512),
        era="keras1",
        non_trainable=1024,
    ),
    Case(
        "bn-keras1.0",
        "BatchNormalization",
        1024,
        (None, 512),
        (None, 512),
        era="keras1.0",
        non_trainable=0,
    ),
    Case(
        "bn-keras1-th",
        "BatchNormalization",
        128,
        (None, 32, 26, 26),
        (None, 32, 26, 26),
        era="keras1",
        non_trainable=64,
    ),
    # Normalisation family
    Case("ln-7-10", "LayerNormalization", 20, (None, 7, 10), (None, 7, 10)),
    Case("ln-axis1", "LayerNormalization", 14, (None, 7, 10), (None, 7, 10)),
    Case("ln-axes-123", "LayerNormalization", 180, (None, 5, 6, 3), (None, 5, 6, 3)),
    Case("ln-center-false", "LayerNormalization", 10, (None, 7, 10), (None, 7, 10)),
    Case("rmsnorm", "RMSNormalization", 10, (None, 7, 10), (None, 7, 10)),
    Case("groupnorm", "GroupNormalization", 8, (None, 5, 6, 4), (None, 5, 6, 4)),
    Case("groupnorm-center-false", "GroupNormalization", 4, (None, 5, 6, 4), (None, 5, 6, 4)),
    Case("unitnorm", "UnitNormalization", 0, (None, 7, 10), (None, 7, 10)),
    Case("normalization-10", "Normalization", 21, (None, 10), (None, 10), non_trainable=21),
    Case(
        "normalization-5-6-3", "Normalization", 7, (None, 5, 6, 3), (None, 5, 6, 3), non_trainable=7
    ),
    Case("normalization-none", "Normalization", 3, (None, 10), (None, 10), non_trainable=3),
    Case(
        "normalization-12", "Normalization", 61, (None, 5, 6, 3), (None, 5, 6, 3), non_trainable=61
    ),
    Case("normalization-given", "Normalization", 0, (None, 10), (None, 10)),
    Case(
        "normalization-summary",
        "Normalization",
        7,
        (None, 8, 8, 3),
        (None, 8, 8, 3),
        non_trainable=7,
    ),
    Case("spectral-dense", "SpectralNormalization", 220, (None, 10), (None, 20), non_trainable=10),
    # Recurrent
    Case("simplernn", "SimpleRNN", 1312, (None, 32), (None, 10, 8)),
    Case("lstm", "LSTM", 5248, (None, 32), (None, 10, 8)),
    Case("lstm-no-bias", "LSTM", 5120, (None, 32), (None, 10, 8)),
    Case("lstm-sequences", "LSTM", 5248, (None, 10, 32), (None, 10, 8)),
    Case("lstm-states", "LSTM", 5248, ((None, 32), (None, 32), (None, 32)), (None, 10, 8)),
    Case("lstm-first", "LSTM", 5248, (None, 32), None),
    Case("gru-reset-after", "GRU", 4032, (None, 32), (None, 10, 8), era="tf2"),
    Case("gru-reset-before", "GRU", 3936, (None, 32), (None, 10, 8), era="tf2"),
    Case("gru-keras2", "GRU", 3936, (None, 32), (None, 10, 8), era="keras2"),
    Case("gru-no-bias", "GRU", 3840, (None, 32), (None, 10, 8)),
    Case("gru-v1", "GRUV1", 3936, (None, 32), (None, 10, 8)),
    Case("rnn-lstmcell", "RNN", 5248, (None, 32), (None, 10, 8)),
    Case("cudnnlstm", "CuDNNLSTM", 5376, (None, 32), (None, 10, 8), era="keras2"),
    Case("cudnngru", "CuDNNGRU", 4032, (None, 32), (None, 10, 8), era="keras2"),
    Case("bidi-concat", "Bidirectional", 10496, (None, 64), (None, 10, 8)),
    Case("bidi-sum", "Bidirectional", 10496, (None, 32), (None, 10, 8)),
    Case("bidi-none", "Bidirectional", 10496, ((None, 32), (None, 32)), (None, 10, 8)),
    Case("bidi-backward-k3", "Bidirectional", 1680, (None, 32), (None, 10, 8), era="keras3"),
    Case("bidi-backward-k2", "Bidirectional", 1680, (None, 24), (None, 10, 8), era="tf2"),
    Case("td-dense", "TimeDistributed", 144, (None, 10, 16), (None, 10, 8)),
    Case("td-conv", "TimeDistributed", 80, (None, 5, 26, 26, 8), (None, 5, 28, 28, 1)),
    Case("convlstm1d", "ConvLSTM1D", 1088, (None, 18, 8), (None, 5, 20, 3)),
    Case("convlstm2d", "ConvLSTM2D", 3200, (None, 14, 14, 8), (None, 5, 16, 16, 3)),
    Case("convlstm3d", "ConvLSTM3D", 2608, (None, 6, 6, 6, 4), (None, 3, 8, 8, 8, 2)),
    # Attention
    Case("mha-self", "MultiHeadAttention", 16640, (None, 10, 64), ((None, 10, 64), (None, 10, 64))),
    Case("mha-value", "MultiHeadAttention", 9920, (None, 10, 32), ((None, 10, 64), (None, 20, 48))),
    Case(
        "mha-no-bias", "MultiHeadAttention", 9728, (None, 10, 32), ((None, 10, 64), (None, 20, 48))
    ),
    Case(
        "mha-key",
        "MultiHeadAttention",
        8384,
        (None, 10, 32),
        ((None, 10, 64), (None, 20, 48), (None, 20, 24)),
    ),
    Case("gqa", "GroupQueryAttention", 12480, (None, 10, 64), ((None, 10, 64), (None, 10, 64))),
    Case("attention-0", "Attention", 0, (None, 10, 16), ((None, 10, 16), (None, 10, 16))),
    Case("attention-1", "Attention", 1, (None, 10, 16), ((None, 10, 16), (None, 10, 16))),
    Case("attention-2", "Attention", 2, (None, 10, 16), ((None, 10, 16), (None, 10, 16))),
    Case("additive", "AdditiveAttention", 16, (None, 10, 16), ((None, 10, 16), (None, 10, 16))),
    Case("additive-0", "AdditiveAttention", 0, (None, 10, 16), ((None, 10, 16), (None, 10, 16))),
    # PReLU
    Case("prelu-10", "PReLU", 10, (None, 10), (None, 10)),
    Case("prelu-90", "PReLU", 90, (None, 5, 6, 3), (None, 5, 6, 3)),
    Case("prelu-shared", "PReLU", 3, (None, 5, 6, 3), (None, 5, 6, 3)),
    Case("prelu-7-10", "PReLU", 10, (None, 7, 10), (None, 7, 10)),
    # Nested models
    Case("nested-functional", "Functional", 8, (None, 2), (None, 3), non_trainable=None),
    Case("nested-sequential", "Sequential", 27, (None, 3), (None, 4), non_trainable=None),
    # Seeds: 000/001 (Keras 1.2 functional), 002 (tf.keras Sequential), 003, 004
    Case("seed000-dense1", "Dense", 2097664, (None, 512), (None, 4096), era="keras1"),
    Case(
        "seed000-bn",
        "BatchNormalization",
        2048,
        (None, 512),
        (None, 512),
        era="keras1",
        non_trainable=1024,
    ),
    Case("seed000-dense2", "Dense", 41040, (None, 80), (None, 512), era="keras1"),
    Case(
        "seed002-bn-784", "BatchNormalizationV2", 3136, (None, 784), (None, 784), non_trainable=1568
    ),
    Case("seed002-dense50", "Dense", 235500, (None, 300), (None, 784)),
    Case(
        "seed002-bn-300", "BatchNormalizationV2", 1200, (None, 300), (None, 300), non_trainable=600
    ),
    Case("seed002-dense51", "Dense", 30100, (None, 100), (None, 300)),
    Case(
        "seed002-bn-100", "BatchNormalizationV2", 400, (None, 100), (None, 100), non_trainable=200
    ),
    Case("seed002-dense52", "Dense", 1010, (None, 10), (None, 100)),
    Case("seed003-conv", "Conv2D", 4736, (None, 64, 64, 32), None),
    Case("seed003-conv-known", "Conv2D", 4736, (None, 64, 64, 32), (None, 64, 64, 3)),
    Case(
        "seed003-bn",
        "BatchNormalization",
        128,
        (None, 64, 64, 32),
        (None, 64, 64, 32),
        non_trainable=64,
    ),
    Case("seed003-dense", "Dense", 32769, (None, 1), (None, 32768)),
    Case("seed004-dense", "Dense", 1550, (None, 50), (None, 30), era="tf2"),
    Case("seed004-bn-50", "BatchNormalization", 200, (None, 50), (None, 50), non_trainable=100),
    Case("seed004-dense5", "Dense", 255, (None, 5), (None, 50)),
    Case("seed004-conv", "Conv2D", 1470, (None, 100, 200, 30), (None, 100, 200, 3)),
    Case(
        "seed004-bn-30",
        "BatchNormalization",
        120,
        (None, 100, 200, 30),
        (None, 100, 200, 30),
        non_trainable=60,
    ),
    Case("seed004-dense-600000", "Dense", 6000010, (None, 10), (None, 600000)),
    # Keras 1 layers
    Case("highway", "Highway", 2 * 16 * 16 + 2 * 16, (None, 16), (None, 16), era="keras1"),
    Case("maxout", "MaxoutDense", 4 * (20 * 10 + 10), (None, 10), (None, 20), era="keras1"),
    Case("td-dense-keras1", "TimeDistributedDense", 90, (None, 5, 10), (None, 5, 8), era="keras1"),
    Case(
        "keras1.0-frozen-conv",
        "Convolution2D",
        0,
        (None, 32, 26, 26),
        (None, 3, 28, 28),
        era="keras1.0",
        non_trainable=None,
    ),
]


def _by_id(cases: list[Case]) -> list[object]:
    return [pytest.param(case, id=case.id) for case in cases]


def _derive(case: Case) -> Derivation:
    return derive(facts(case.type, case.params, case.out, case.inp, case.era, case.cf))


@pytest.mark.parametrize("case", _by_id(VERIFIED))
def test_verified_counts_derive_ok(case: Case) -> None:
    d = _derive(case)
    assert d.status == case.status, d.text
    assert d.message is None
    assert d.text.startswith(f"{case.params:,}")
    if case.type not in formulas.NESTED_MODEL_TYPES:
        assert d.expected == case.params
    assert d.non_trainable == case.non_trainable


# Verified counts that a plain formula cannot decide: no finding, but the text says why.
UNDECIDABLE: list[Case] = [
    Case(
        "bn-list-axis",
        "BatchNormalization",
        120,
        (None, 5, 6, 3),
        (None, 5, 6, 3),
        status="undecidable",
        non_trainable=None,
    ),
    Case(
        "dense-lora",
        "Dense",
        330,
        (None, 10),
        (None, 20),
        era="keras3",
        status="undecidable",
        non_trainable=200,
    ),
    Case(
        "dense-int8",
        "Dense",
        220,
        (None, 10),
        (None, 20),
        era="keras3",
        status="undecidable",
        non_trainable=210,
    ),
    Case(
        "bidi-no-input",
        "Bidirectional",
        10496,
        (None, 64),
        None,
        status="undecidable",
        non_trainable=None,
    ),
    Case(
        "td-unknown-inner",
        "TimeDistributed",
        1234,
        (None, 10, 16),
        (None, 10, 8),
        status="undecidable",
        non_trainable=None,
    ),
    Case(
        "locally-connected-impl2",
        "LocallyConnected1D",
        7,
        (None, 8, 4),
        (None, 10, 3),
        status="undecidable",
        non_trainable=0,  # undecided count, but a LocallyConnected layer owns no moving stats
    ),
    Case("dense-no-shapes", "Dense", 210, None, None, status="undecidable", non_trainable=None),
]


@pytest.mark.parametrize("case", _by_id(UNDECIDABLE))
def test_undecidable_counts_explain_without_finding(case: Case) -> None:
    d = _derive(case)
    assert d.status == "undecidable", d.text
    assert d.message is None
    assert d.text.startswith(f"{case.params:,}")
    assert d.non_trainable == case.non_trainable


# Wrong counts and wrong axes: the status the checks turn into SA101 / SA102 / SA103.
FAULTS: list[Case] = [
    Case(
        "seed003-bn-axis-3",
        "BatchNormalization",
        256,
        (None, 64, 64, 32),
        (None, 64, 64, 32),
        status="bn-axis",
    ),
    Case("bn-time-axis", "BatchNormalization", 28, (None, 7, 10), (None, 7, 10), status="bn-axis"),
    Case("bn-height", "BatchNormalization", 20, (None, 5, 6, 3), (None, 5, 6, 3), status="bn-axis"),
    Case("bn-width", "BatchNormalization", 24, (None, 5, 6, 3), (None, 5, 6, 3), status="bn-axis"),
    Case(
        "bn-depth",
        "BatchNormalization",
        16,
        (None, 4, 5, 6, 3),
        (None, 4, 5, 6, 3),
        status="bn-axis",
    ),
    Case(
        "bn-cf-last-axis",
        "BatchNormalization",
        120,
        (None, 8, 30, 30),
        (None, 8, 30, 30),
        cf=True,
        status="bn-axis",
    ),
    Case("bn-impossible", "BatchNormalization", 2049, (None, 512), (None, 512), status="mismatch"),
    Case("seed000-dense2-edited", "Dense", 41041, (None, 80), (None, 512), status="mismatch"),
    # 7 on Dense(2) with the input not shown: a LoRA rank 1 on 1 input (2 + 2 + 1 × 3) would add
    # 3 weights to a kernel of 2, so no adapter excuses it (a Keras 3 differential example)
    Case(
        "dense-first-lora-too-big", "Dense", 7, (None, 1, 2), None, era="keras3", status="mismatch"
    ),
    # 420 = 20 × 10 + 10 + 7 × (20 + 10): an adapter of rank 7 would outweigh the 200 kernel
    # weights it adapts, so no LoRA reading excuses the count
    Case(
        "dense-lora-rank-above-kernel",
        "Dense",
        420,
        (None, 10),
        (None, 20),
        era="keras3",
        status="mismatch",
    ),
    Case("dense-first-impossible", "Dense", 215, (None, 10), None, era="tf2", status="mismatch"),
    Case(
        "conv-no-kernel",
        "Conv2D",
        1471,
        (None, 100, 200, 30),
        (None, 100, 200, 3),
        status="mismatch",
    ),
    Case("conv-first-not-multiple", "Conv2D", 4737, (None, 64, 64, 32), None, status="mismatch"),
    Case(
        "embedding-no-vocab",
        "Embedding",
        64001,
        (None, 10, 64),
        (None, 10),
        era="tf2",
        status="mismatch",
    ),
    Case("lstm-edited", "LSTM", 5249, (None, 32), (None, 10, 8), status="mismatch"),
    Case("gru-edited", "GRU", 4000, (None, 32), (None, 10, 8), status="mismatch"),
    Case("bidi-none-fits", "Bidirectional", 10497, (None, 64), (None, 10, 8), status="mismatch"),
    Case(  # no count but 0, 1 or 2 is Keras's Attention: a custom namesake's (19a's 011)
        "attention-3",
        "Attention",
        3,
        (None, 10, 16),
        ((None, 10, 16), (None, 10, 16)),
        status="unverified",
    ),
    Case("prelu-91", "PReLU", 91, (None, 5, 6, 3), (None, 5, 6, 3), status="mismatch"),
    Case("normalization-even", "Normalization", 8, (None, 10), (None, 10), status="mismatch"),
    Case(
        "max-pooling-12",
        "MaxPooling2D",
        12,
        (None, 5, 5, 3),
        (None, 10, 10, 3),
        status="weightless-nonzero",
    ),
    Case("flatten-nonzero", "Flatten", 1, (None, 30), (None, 5, 6), status="weightless-nonzero"),
    Case("dropout-nonzero", "Dropout", 512, (None, 512), (None, 512), status="weightless-nonzero"),
    Case("custom-layer", "MyAttentionBlock", 4096, (None, 64), (None, 64), status="unverified"),
    Case("keras-hub-layer", "KerasLayer", 4096, (None, 64), (None, 64), status="unverified"),
]


@pytest.mark.parametrize("case", _by_id(FAULTS))
def test_faults_get_their_status(case: Case) -> None:
    d = _derive(case)
    assert d.status == case.status, d.text
    assert d.message, "findings need a message"
    assert d.text


# ±1 on every verified count that is fully determined must be caught (era fixed so that
# Keras 3 LoRA / int8 / Keras 1.0 excuses do not apply).
_STRICT_TYPES = {
    "Dense", "Embedding", "Conv1D", "Conv2D", "Conv3D", "Conv1DTranspose", "Conv2DTranspose",
    "Conv3DTranspose", "DepthwiseConv1D", "DepthwiseConv2D", "SeparableConv2D", "SimpleRNN",
    "LSTM", "GRU", "CuDNNLSTM", "CuDNNGRU", "ConvLSTM1D", "ConvLSTM2D", "ConvLSTM3D",
    "BatchNormalization", "BatchNormalizationV2", "SyncBatchNormalization", "PReLU",
    "GroupNormalization", "Highway",
}  # fmt: skip
PERTURBED = [
    pytest.param(case, delta, id=f"{case.id}{delta:+d}")
    for case in VERIFIED
    if case.type in _STRICT_TYPES
    and case.inp is not None
    and case.params > 1
    # with one unit, kernel + bias − 1 is a legitimate use_bias=False count
    and not (case.type == "Dense" and case.out[-1] == 1)  # type: ignore[index]
    for delta in (-1, 1)
]


@pytest.mark.parametrize(("case", "delta"), PERTURBED)
def test_perturbed_counts_are_flagged(case: Case, delta: int) -> None:
    era = case.era if case.era not in ("", "keras3", "keras1.0") else "tf2"
    d = derive(facts(case.type, case.params + delta, case.out, case.inp, era, case.cf))
    assert d.status in ("mismatch", "bn-axis"), d.text
    assert d.message


# --------------------------------------------------------------------------- exact texts


def test_text_examples_from_the_brief() -> None:
    bn = derive(facts("BatchNormalization", 2048, (None, 512), (None, 512)))
    assert bn.text == (
        "2,048 = 4 × 512 (gamma, beta: trainable; moving_mean, moving_variance: non-trainable)"
    )
    dense = derive(facts("Dense", 2097664, (None, 512), (None, 4096)))
    assert dense.text == "2,097,664 = 4,096 × 512 + 512 (kernel + bias)"
    no_bias = derive(facts("Dense", 200, (None, 10), (None, 20)))
    assert no_bias.text == "200 = 20 × 10 (kernel, use_bias=False)"
    conv = derive(facts("Conv2D", 4736, (None, 64, 64, 32), (None, 64, 64, 3)))
    assert conv.text == (
        "4,736 = 32 filters × (K × 3 channels + 1) → K = 49 → kernel 7×7 (or 1×49, 49×1)"
    )
    pool = derive(facts("MaxPooling2D", 0, (None, 5, 5, 3), (None, 10, 10, 3)))
    assert pool.text == "0: MaxPooling2D has no weights (it only takes the max over each window)"
    emb = derive(facts("Embedding", 64000, (None, 10, 64), (None, 10)))
    assert emb.text == "64,000 = 1,000 (vocabulary) × 64 (embedding dim)"
    first = derive(facts("Dense", 210, (None, 10), None))
    assert first.text == (
        "210 = 20 × 10 + 10 (kernel + bias; input size 20 solved from the count, or 21 with "
        "use_bias=False)"
    )
    assert first.solved_input == (None, 20)
    lstm = derive(facts("LSTM", 5248, (None, 32), (None, 10, 8)))
    assert lstm.text == "5,248 = 4 × 32 × (8 + 32 + 1) (4 gates × units × (input + units + bias))"
    mha = derive(facts("MultiHeadAttention", 16640, (None, 10, 64), ((None, 10, 64),) * 2))
    assert mha.text == "16,640 = H·Kd × (4 × 64 + 3) + 64 → H × key_dim = 64 (e.g. 4 heads × 16)"
    nested = derive(facts("Sequential", 27, (None, 3), (None, 4)))
    assert nested.text == "27: sum of the inner model's weights (not re-derived here)"


def test_seed003_bn_axis_message() -> None:
    d = derive(facts("BatchNormalization", 256, (None, 64, 64, 32), (None, 64, 64, 32), "tf2"))
    assert d.status == "bn-axis"
    assert d.expected == 128
    assert d.message is not None
    assert d.message.startswith("256 = 4 × 64: this BatchNormalization normalised axis 1 or 2")
    assert "channel axis (size 32)" in d.message
    assert "axis=-3" in d.message


def test_bn_axis_message_single_axis() -> None:
    d = derive(facts("BatchNormalization", 20, (None, 5, 6, 3), (None, 5, 6, 3), "keras3", False))
    assert d.message == (
        "20 = 4 × 5: this BatchNormalization normalised axis 1 (size 5: height), not the channel "
        "axis (size 3), which would give 4 × 3 = 12 — was it built with axis=-3 (or axis=1 on "
        "channels-last data)?"
    )


def test_bn_ambiguous_axes_are_not_accused() -> None:
    d = derive(facts("BatchNormalization", 128, (None, 32, 32, 32), (None, 32, 32, 32)))
    assert d.status == "ok"
    assert "cannot tell which axis" in d.text


def test_bn_keras1_th_axis1_is_not_accused() -> None:
    d = derive(facts("BatchNormalization", 128, (None, 32, 26, 26), (None, 32, 26, 26), "keras1"))
    assert d.status == "ok"
    assert "'th'" in d.text


def test_bn_channels_first_sequence_accepts_either_axis() -> None:
    d = derive(facts("BatchNormalization", 40, (None, 7, 10), (None, 7, 10), "tf2", True))
    assert d.status == "ok"


def test_dense_mismatch_message() -> None:
    d = derive(facts("Dense", 41041, (None, 80), (None, 512), "keras1", name="dense_2"))
    assert d.message is not None
    assert d.message.startswith(
        "dense_2 shows 41,041 but Dense(80) on 512 inputs has 512 × 80 + 80 = 41,040 "
        "(kernel + bias) or 40,960 without bias"
    )
    assert d.expected == 41040


def test_dense_mismatch_points_at_input_when_another_size_fits() -> None:
    d = derive(facts("Dense", 5130, (None, 10), (None, 600), "tf2"))
    assert d.status == "mismatch"
    assert d.message is not None and "512 inputs" in d.message


def test_weightless_message() -> None:
    d = derive(facts("MaxPooling2D", 12, (None, 5, 5, 3), (None, 10, 10, 3), name="max_pooling2d"))
    assert d.message == (
        "max_pooling2d shows 12 parameters but MaxPooling2D has no weights: it only takes the "
        "max over each window. A pasted or edited count?"
    )


def test_tfidf_lookup_one_count_in_tf_keras_only() -> None:
    ok = derive(facts("StringLookup", 1, (None, 100), (None, 1), "tf2"))
    assert ok.status == "ok" and ok.non_trainable == 1
    bad = derive(facts("StringLookup", 1, (None, 100), (None, 1), "keras3"))
    assert bad.status == "weightless-nonzero"


def test_conv_text_uses_spatial_shrink() -> None:
    d = derive(facts("Conv2D", 7744, (None, 14, 12, 64), (None, 16, 16, 32)))
    assert "K = 15 with groups=4 → kernel 3×5" in d.text
    d1 = derive(facts("Conv1D", 656, (None, 96, 16), (None, 100, 8)))
    assert "kernel 5" in d1.text
    d3 = derive(facts("Conv3D", 872, (None, 14, 14, 14, 8), (None, 16, 16, 16, 4)))
    assert "kernel 3×3×3" in d3.text


def test_conv_unknown_input_solves_kernel_times_channels() -> None:
    d = derive(facts("Conv2D", 4736, (None, 64, 64, 32), None))
    assert "K × C = 147" in d.text
    assert "3 channels → K = 49, 7×7" in d.text


def test_separable_uses_shrink_to_pick_depth_multiplier() -> None:
    d = derive(facts("SeparableConv1D", 352, (None, 46, 16), (None, 50, 8)))
    assert "depth_multiplier 2" in d.text and "K = 5" in d.text


def test_gru_text_names_the_reset_after_variant() -> None:
    after = derive(facts("GRU", 4032, (None, 32), (None, 10, 8), "tf2"))
    assert "reset_after=True" in after.text
    before = derive(facts("GRU", 3936, (None, 32), (None, 10, 8), "keras3"))
    assert "reset_after=False" in before.text


def test_a_gru_with_two_biases_says_where_that_is_the_default() -> None:
    """Trial 11b's 012: a standalone Keras 2 paste was told only that its 3U(D+U+2) GRU used
    'the TF2 / Keras 3 default'; in Keras 2 it is reset_after=True set by hand, or a CuDNNGRU.
    One wording in every era: a retyped table tells no era."""
    wording = (
        "reset_after=True, the TF 2 / Keras 3 default (set by hand in Keras 2 and TF 1, or a "
        "CuDNNGRU)"
    )
    for era in ("keras2", "tf2", "keras3"):
        assert wording in derive(facts("GRU", 4032, (None, 32), (None, 10, 8), era)).text


def test_rnn_first_layer_solves_input() -> None:
    d = derive(facts("LSTM", 5248, (None, 10, 32), None))
    assert d.solved_input == (None, 10, 8)


def test_mha_value_dim_split() -> None:
    d = derive(facts("MultiHeadAttention", 9920, (None, 10, 32), ((None, 10, 64), (None, 20, 48))))
    assert "H × key_dim = 64, H × value_dim = 32" in d.text


def test_mha_edited_count_is_a_mismatch() -> None:
    ins = ((None, 10, 64), (None, 10, 64))
    d = derive(facts("MultiHeadAttention", 16641, (None, 10, 64), ins))
    assert d.status in ("ok", "mismatch")  # value_dim ≠ key_dim may still explain it
    d2 = derive(facts("MultiHeadAttention", 100, (None, 10, 64), ins))
    assert d2.status == "mismatch"


def test_bidirectional_asymmetric_backward_layer() -> None:
    d = derive(facts("Bidirectional", 1680, (None, 32), (None, 10, 8), "keras3"))
    assert "GRU(16)" in d.text and "GRU(8)" in d.text


def test_unverified_never_silent() -> None:
    d = derive(facts("MyBlock", 10, (None, 10), (None, 10), name="block"))
    assert d.status == "unverified"
    assert d.message is not None and "block" in d.message and "MyBlock" in d.message


def test_custom_model_row_is_not_unverified() -> None:
    d = derive(facts("MyModel", 43, (1, 4), None))
    assert d.status == "undecidable"
    assert "inner model" in d.text


# --------------------------------------------------------------------------- registry


def test_every_known_class_is_covered() -> None:
    for type_name in KNOWN_LAYER_CLASSES:
        covered = (
            formulas.has_formula(type_name)
            or formulas.is_weightless(type_name)
            or type_name in formulas.UNVERIFIED
        )
        assert covered, type_name


def test_registries_do_not_overlap() -> None:
    assert not set(formulas.FORMULAS) & set(formulas.WEIGHTLESS)
    assert not set(formulas.UNVERIFIED) & (set(formulas.FORMULAS) | set(formulas.WEIGHTLESS))


@pytest.mark.parametrize("type_name", sorted(formulas.WEIGHTLESS))
def test_every_weightless_type_derives_zero(type_name: str) -> None:
    d = derive(facts(type_name, 0, (None, 4), (None, 4)))
    assert d.status == "ok"
    assert d.text.startswith(f"0: {type_name} has no weights (")
    assert d.non_trainable == 0


def test_has_formula_and_is_weightless() -> None:
    assert formulas.has_formula("Dense")
    assert formulas.has_formula("Convolution2D")
    assert not formulas.has_formula("Flatten")
    assert formulas.is_weightless("Flatten")
    assert not formulas.is_weightless("Dense")
    assert not formulas.has_formula("MyLayer") and not formulas.is_weightless("MyLayer")


# --------------------------------------------------------------------------- data format


def test_infer_channels_first_from_conv_counts() -> None:
    cf = facts("Conv2D", 1168, (None, 16, 28, 28), (None, 8, 30, 30))
    assert formulas.infer_channels_first([cf]) is True
    cl = facts("Conv2D", 1168, (None, 28, 28, 16), (None, 30, 30, 8))
    assert formulas.infer_channels_first([cl]) is False
    first_cf = facts("Conv2D", 224, (None, 8, 30, 30), None)
    assert formulas.infer_channels_first([first_cf]) is True
    dense = facts("Dense", 210, (None, 10), (None, 20))
    assert formulas.infer_channels_first([dense]) is None
    both = facts("Conv2D", 4736, (None, 64, 64, 32), None)
    assert formulas.infer_channels_first([both]) is None


def test_infer_channels_first_from_pooling() -> None:
    pool = facts("MaxPooling2D", 0, (None, 32, 16, 16), (None, 32, 32, 32))
    assert formulas.infer_channels_first([pool]) is True
    pool_cl = facts("MaxPooling2D", 0, (None, 16, 16, 32), (None, 32, 32, 32))
    assert formulas.infer_channels_first([pool_cl]) is False


# --------------------------------------------------------------------------- shape chain

SHAPE_OK = [
    ("Flatten", (None, 784), (None, 28, 28)),
    ("Flatten", (None, 600000), (None, 100, 200, 30)),
    ("Dense", (None, 5, 10), (None, 5, 20)),
    ("Dropout", (None, 512), (None, 512)),
    ("BatchNormalization", (None, 64, 64, 32), (None, 64, 64, 32)),
    ("Reshape", (None, 4, 196), (None, 28, 28)),
    ("MaxPooling2D", (None, 13, 13, 32), (None, 26, 26, 32)),
    ("MaxPooling2D", (None, 32, 13, 13), (None, 32, 26, 26)),
    ("GlobalAveragePooling2D", (None, 32), (None, 26, 26, 32)),
    ("Add", (None, 8), ((None, 8), (None, 8))),
    ("Add", (None, 4, 8), ((None, 4, 8), (None, 1, 8))),
    ("Concatenate", (None, 6), ((None, 3), (None, 3))),
    ("Concatenate", (None, 10, 7), ((None, 10, 3), (None, 10, 4))),
    ("Concatenate", (None, 7, 3), ((None, 3, 3), (None, 4, 3))),
    ("RepeatVector", (None, 3, 32), (None, 32)),
    ("Embedding", (None, 10, 64), (None, 10)),
    ("ZeroPadding2D", (None, 30, 30, 3), (None, 28, 28, 3)),
    ("Conv2D", (None, 26, 26, 32), (None, 28, 28, 3)),
    ("Dense", (None, 10), None),
]


@pytest.mark.parametrize(("type_name", "out", "inp"), SHAPE_OK)
def test_consistent_shapes_have_no_problem(type_name: str, out: object, inp: object) -> None:
    assert formulas.expected_output_problem(facts(type_name, 0, out, inp)) is None


SHAPE_BAD = [
    ("Flatten", (None, 785), (None, 28, 28), "784"),
    ("Dense", (None, 6, 10), (None, 5, 20), "last axis"),
    ("Dropout", (None, 256), (None, 512), "keeps"),
    ("BatchNormalization", (None, 32), (None, 64), "keeps"),
    ("Reshape", (None, 5, 196), (None, 28, 28), "784"),
    ("MaxPooling2D", (None, 13, 13, 16), (None, 26, 26, 32), "channel"),
    ("MaxPooling2D", (None, 30, 26, 32), (None, 26, 26, 32), "shrink"),
    ("Add", (None, 8), ((None, 8), (None, 9)), "differ"),
    ("Concatenate", (None, 7), ((None, 3), (None, 3)), "no axis"),
    ("RepeatVector", (None, 3, 16), (None, 32), "32"),
    ("Cropping2D", (None, 30, 30, 3), (None, 28, 28, 3), "removes"),
]


@pytest.mark.parametrize(("type_name", "out", "inp", "word"), SHAPE_BAD)
def test_inconsistent_shapes_are_explained(
    type_name: str, out: object, inp: object, word: str
) -> None:
    problem = formulas.expected_output_problem(facts(type_name, 0, out, inp, name="row"))
    assert problem is not None
    assert problem.startswith("row")
    assert word in problem


# --------------------------------------------------------------------------- robustness

_dims = st.one_of(st.none(), st.integers(min_value=0, max_value=600))
_shape = st.lists(_dims, min_size=1, max_size=5).map(lambda dims: (None, *dims))
_shape_list = st.one_of(st.none(), st.lists(_shape, min_size=1, max_size=3).map(tuple))
_types = st.sampled_from(
    sorted({*formulas.FORMULAS, *formulas.WEIGHTLESS, *formulas.UNVERIFIED, "Custom"})
)
_eras = st.sampled_from(["", "keras1.0", "keras1", "keras2", "tf2", "keras3"])


@settings(max_examples=400, deadline=None)
@given(_types, st.integers(min_value=0, max_value=5000), _shape_list, _shape_list, _eras,
       st.one_of(st.none(), st.booleans()))  # fmt: skip
def test_derive_never_raises_and_is_well_formed(
    type_name: str,
    params: int,
    out: tuple[Shape, ...] | None,
    inp: tuple[Shape, ...] | None,
    era: str,
    cf: bool | None,
) -> None:
    row = LayerFacts("row", type_name, params, out, inp, era, cf)
    d = formulas.FORMULAS[type_name](row) if type_name in formulas.FORMULAS else derive(row)
    assert d.status in ALL_STATUSES
    assert d.text
    assert (d.message is not None) == (d.status in FINDING_STATUSES)
    if d.status == "ok" and d.expected is not None:
        assert d.expected == params
    formulas.expected_output_problem(row)
    formulas.infer_channels_first([row, row.with_channels_first(None)])


# --------------------------------------------------------------------------- later additions


@pytest.mark.parametrize(
    ("era", "status"),
    [("keras1.0", "ok"), ("keras1", "undecidable"), ("tf2", "mismatch"), ("keras3", "mismatch")],
)
def test_zero_count_on_a_layer_with_weights(era: str, status: str) -> None:
    d = derive(facts("Dense", 0, (None, 1), (None, 10), era))
    assert d.status == status, d.text


def test_zero_is_fine_where_a_configuration_has_no_weights() -> None:
    for type_name in ("LayerNormalization", "GroupNormalization", "Normalization", "Attention"):
        d = derive(facts(type_name, 0, (None, 7, 10), (None, 7, 10), "tf2"))
        assert d.status == "ok", (type_name, d.text)


def test_keras3_operation_layers_are_weightless() -> None:
    d = derive(facts("NotEqual", 0, (None, None), (None, None), "keras3"))
    assert d.status == "ok" and "keras.ops" in d.text


def test_rnn_ignores_mask_and_state_inputs() -> None:
    ins = ((None, None, 256), (None, None))
    d = derive(facts("Bidirectional", 7876608, (None, 1024), ins, "keras3"))
    assert d.status == "ok" and "merge_mode sum/mul/ave" in d.text
    states = ((None, None, 256), (None, 1024))
    g = derive(facts("GRU", 3938304, (None, None, 1024), states, "keras3"))
    assert g.status == "ok"


def test_bn_last_axis_on_channels_first_model() -> None:
    shape = (None, 16, 256, 256)
    d = derive(facts("BatchNormalization", 1024, shape, shape, "tf2", True))
    assert d.status == "bn-axis"
    assert d.message is not None and "channels_first" in d.message and "axis=1" in d.message
    assert "height or width" in d.message


@pytest.mark.parametrize(
    ("type_name", "params", "status"),
    [("SReLU", 4 * 90, "ok"), ("SReLU", 4 * 3, "ok"), ("SReLU", 90, "mismatch"),
     ("ParametricSoftplus", 2 * 90, "ok"), ("ParametricSoftplus", 91, "mismatch")],
)  # fmt: skip
def test_keras1_advanced_activations(type_name: str, params: int, status: str) -> None:
    shape = (None, 5, 6, 3)
    assert derive(facts(type_name, params, shape, shape, "keras1")).status == status


def test_infer_channels_first_from_image_input() -> None:
    th = facts("InputLayer", 0, (None, 3, 224, 224), (None, 3, 224, 224))
    assert formulas.infer_channels_first([th]) is True
    tf = facts("InputLayer", 0, (None, 224, 224, 3), (None, 224, 224, 3))
    assert formulas.infer_channels_first([tf]) is False
    conv_cl = facts("Conv2D", 1168, (None, 28, 28, 16), (None, 30, 30, 8))
    assert formulas.infer_channels_first([th, conv_cl]) is False  # counts outweigh shapes


def test_conv_never_grows_a_spatial_axis() -> None:
    # 225 would fit channels_first (3 filters × 5 channels × 15) but 6×3 → 4×8 is not a conv
    d = derive(facts("Conv2D", 225, (None, 3, 4, 8), (None, 5, 6, 3), "tf2"))
    assert d.status == "mismatch"


def test_hostile_numbers_stay_fast_and_quiet() -> None:
    huge = 10**5000
    d = derive(facts("Dense", huge, (None, 10), (None, 20)))
    assert d.status == "undecidable" and "digits" in d.text
    assert derive(facts("MaxPooling2D", 10**20, (None, 2, 2, 3), (None, 4, 4, 3))).status == (
        "undecidable"
    )
    big = 10**17
    for type_name in ("Conv2D", "SeparableConv2D", "DepthwiseConv2D", "Bidirectional",
                      "MultiHeadAttention", "BatchNormalization", "PReLU"):  # fmt: skip
        row = facts(type_name, 10**14 + 7, (None, big, big, big), (None, big, big, 1))
        assert derive(row).status in ALL_STATUSES
    many = (None, *range(2, 60))
    assert derive(facts("PReLU", 12345, many, many)).status in ALL_STATUSES
    assert derive(facts("BatchNormalization", 12345, many, many)).status in ALL_STATUSES


# --------------------------------------------------------------------------- frozen search


def test_frozen_search_says_when_more_than_one_set_adds_up() -> None:
    from summaryaudit.formulas.frozen import explain_gap

    # no single layer and no run makes 10: 4 + 6 and 5 + 5 both do
    several = explain_gap([4, 20, 6, 30, 5, 25, 5], 10)
    assert several.how == "subset" and several.found is not None and several.several
    # only 4 + 6 makes 10
    one = explain_gap([4, 20, 6, 30, 7, 25, 9], 10)
    assert one.how == "subset" and one.found == (0, 2) and not one.several
    # two single layers of the gap's size are each an answer
    assert explain_gap([7, 3, 7], 7).singles == (0, 2)


@given(st.lists(st.integers(1, 40), min_size=1, max_size=12), st.integers(1, 120))
@settings(max_examples=200, deadline=None)
def test_frozen_search_counts_sets_like_brute_force(parts: list[int], gap: int) -> None:
    from itertools import combinations

    from summaryaudit.formulas.frozen import explain_gap

    ways = sum(
        1
        for size in range(1, len(parts) + 1)
        for combo in combinations(range(len(parts)), size)
        if sum(parts[i] for i in combo) == gap
    )
    search = explain_gap(parts, gap)
    if search.how == "subset":
        assert search.several == (ways > 1)
        assert search.found is not None and sum(parts[i] for i in search.found) == gap
    assert (search.found is not None) == (ways > 0)


def test_frozen_search_counts_sets_in_the_meet_in_the_middle_search() -> None:
    from summaryaudit.formulas.frozen import explain_gap

    powers = [2**k for k in range(21)]  # 21 items × a 2-million gap: too wide for the bitsets
    gap = 2**21 - 1 - 2**10  # every power but 1,024: no single layer, no run
    one = explain_gap(powers, gap)
    assert one.how == "subset" and not one.several
    assert one.found == tuple(k for k in range(21) if k != 10)
    two = explain_gap([*powers, 1], gap)  # a second 1: two sets now
    assert two.how == "subset" and two.several


def test_derivation_statuses_are_one_enum() -> None:
    """Every status a derivation can carry is a member of DerivationStatus (no loose strings)."""
    assert {status.value for status in DerivationStatus} == ALL_STATUSES
    derived = derive(
        LayerFacts("dense", "Dense", 30, ((None, 10),), ((None, 2),), Era.KERAS3, None)
    )
    assert isinstance(derived.status, DerivationStatus) and derived.status is DerivationStatus.OK


def test_conv_unknown_input_gives_usual_kernels_and_channel_counts() -> None:
    """K × C = 576 reads as a 3×3 kernel on 64 channels, not as 3 channels and K = 192; a count
    no usual reading gives with a bias is read without one (trial 5, 013: ResNet's res5c)."""
    d = derive(facts("Conv2D", 36928, (None, 32, 32, 64), None))
    assert "K × C = 576" in d.text and "64 channels → K = 9, 3×3" in d.text
    d = derive(facts("Conv2D", 1048576, (None, 7, 7, 2048), None))
    # the reading without a bias first, the one with a bias after it (46c's 010)
    assert d.text.startswith(
        "1,048,576 = 2,048 filters × (K × C) → K × C = 512 (input channels not shown; e.g. "
        "512 channels → K = 1, 1×1; use_bias=False; with a bias, K × C = 511)"
    )


def test_a_1x1_conv_says_nothing_of_a_spatial_shrink() -> None:
    d = derive(facts("Conv2D", 2080, (None, 14, 14, 32), (None, 14, 14, 64)))
    assert "1×1" in d.text and "shrinks" not in d.text
    d = derive(facts("Conv2D", 18464, (None, 12, 12, 32), (None, 14, 14, 64)))
    assert "3×3" in d.text and "shrinks by k − 1" in d.text


def test_twin_inputs_of_one_shape_vote_once_on_the_data_format() -> None:
    """A Keras 3 differential example: two (None, 4, 6, 6) inputs looked like 'th' images
    twice and outvoted the pooling that halves axis 1 and keeps the last (channels_last), so a
    BatchNormalization on the last axis got a false SA102."""
    image = facts("InputLayer", 0, (None, 4, 6, 6), name="a")
    twin = facts("InputLayer", 0, (None, 4, 6, 6), name="b")
    pool = facts("AveragePooling2D", 0, (None, 2, 3, 6), (None, 4, 6, 6))
    assert formulas.infer_channels_first([image, pool]) is None
    assert formulas.infer_channels_first([image, twin, pool]) is None
    assert formulas.infer_channels_first([image]) is True


def test_a_bidirectional_on_one_feature_says_one_input() -> None:
    """Trial 17a's nit on 009: `fits e.g. LSTM(128) on 1 inputs`."""
    # LSTM(128) on 1 feature: 4 × (128 × (1 + 128) + 128) = 66,560 per direction
    derivation = derive(facts("Bidirectional", 133_120, (None, 256), era=Era.TF2))
    assert "LSTM(128) on 1 input" in derivation.text
    assert "on 1 inputs" not in derivation.text


def test_a_custom_class_in_lower_case_takes_its_article_by_sound() -> None:
    """18b's 010: a paper's `attention (attention)` row was "a attention"."""
    message = derive(facts("attention", 3_580, (None, 3572), name="attention")).message or ""
    assert "attention is an attention, a layer type" in message
    assert "is a OneHotEncoding" in (derive(facts("OneHotEncoding", 5, (None, 5))).message or "")


def test_one_filter_is_said_in_the_singular() -> None:
    """Trial 22b's nit: `801 = 1 filters × (K × 32 channels + 1)`."""
    conv = derive(facts("Conv2DTranspose", 801, (None, 32, 64, 1), (None, 16, 32, 32)))
    assert conv.text.startswith("801 = 1 filter × (K × 32 channels + 1) → K = 25")
    unknown = derive(facts("Conv2D", 257, (None, 1, 1, 1), None))
    assert "1 filter × (K × C + 1)" in unknown.text
