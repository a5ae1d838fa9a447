"""Issue 9: exact frozen-layer search, class inference from evidence, Keras 1.0 BN axis."""

from __future__ import annotations

import resource

from summaryaudit.formulas import LayerFacts, derive
from summaryaudit.formulas.frozen import explain_gap
from summaryaudit.formulas.inference import infer_class, shared_derivation
from summaryaudit.layer_classes import classes_in_name, resolve_class

# --------------------------------------------------------------------------- frozen layers


def test_a_single_layer_wins() -> None:
    found = explain_gap([320, 128, 650, 68], 650)
    assert found.found == (2,) and found.how == "single"


def test_a_run_of_consecutive_layers_is_preferred_to_any_set() -> None:
    parts = [896, 9248, 0, 9248, 18496, 10]
    found = explain_gap(parts, 9248 + 18496)
    assert found.how == "run" and found.found == (3, 4)


def test_a_whole_nested_model_is_tried_before_runs() -> None:
    found = explain_gap([10, 20, 30, 40], 50, groups=[(0, 3)])
    assert found.how == "nested" and found.found == (0, 3)


def test_marked_rows_come_first() -> None:
    found = explain_gap([10, 20, 30], 40, marked=[0, 2])
    assert found.how == "marked" and found.found == (0, 2)


def test_any_set_by_exact_search() -> None:
    parts = [896, 128, 9248, 256, 18496, 512, 73856]
    gap = 896 + 9248 + 73856
    found = explain_gap(parts, gap)
    assert found.how == "subset" and sum(parts[i] for i in found.found or ()) == gap


def test_no_set_says_what_was_tried() -> None:
    found = explain_gap([128, 256, 512], 2)
    assert found.found is None and not found.reachable
    assert "each single layer" in found.tried and "every run of consecutive layers" in found.tried


def test_large_search_stays_within_cpu_bounds() -> None:
    """ResNet-sized tables: 170 rows, a gap of millions, decided in bounded CPU time."""
    parts = [(i * 7919) % 600_000 + 64 for i in range(170)]
    before = resource.getrusage(resource.RUSAGE_SELF).ru_utime
    found = explain_gap(parts, 3_333_333)
    used = resource.getrusage(resource.RUSAGE_SELF).ru_utime - before
    assert found.tried and used < 20


# --------------------------------------------------------------------------- class inference


def _facts(name: str, params: int, out: tuple, inp: tuple | None, era: str = "keras3"):
    return LayerFacts(name, "", params, (out,), (inp,) if inp else None, era, False)


def test_names_spell_out_their_class() -> None:
    assert classes_in_name("expanded_conv_depthwise_relu", 2) == ["Activation", "ReLU"]
    assert classes_in_name("expanded_conv_depthwise_bn_l", 2) == ["BatchNormalization"]
    assert classes_in_name("expanded_conv_depthwise", 2) == ["DepthwiseConv2D"]
    assert classes_in_name("joint_representation_batch_normal") == ["BatchNormalization"]
    assert classes_in_name("block_1_expand_BN", 2) == ["BatchNormalization"]
    assert classes_in_name("fraud_probability") == []


def test_class_identity_is_case_exact() -> None:
    assert resolve_class("Melspectrogram", "melgram") == ("Melspectrogram", False)
    assert resolve_class("MelSpectrogram", "melgram") == ("MelSpectrogram", False)


def test_a_cut_r_with_no_weights_is_not_an_rnn() -> None:
    facts = _facts("layer_17", 0, (None, 6, 4), (None, 4))
    assert derive(facts.with_type("RNN")).status != "ok"
    guess = infer_class(facts, "R", no_inbound=False)
    assert guess is not None and guess.type != "RNN"
    if not guess.type:
        assert "RNN" not in guess.candidates
        shared = shared_derivation(facts, guess.candidates)
        assert shared is not None and shared.status == "ok" and shared.expected == 0


def test_a_named_layer_with_an_edited_count_is_inferred_and_flagged() -> None:
    facts = _facts("transaction_history_dense_proje", 2113, (None, 64), (None, 32))
    guess = infer_class(facts, "", no_inbound=False)
    assert guess is not None and guess.type == "Dense"
    assert derive(facts.with_type("Dense")).status == "mismatch"


def test_a_row_without_inbound_layers_is_an_input() -> None:
    guess = infer_class(_facts("customer_transaction_history_fe", 12, (None, 32), None), "", True)
    assert guess is not None and guess.type == "InputLayer"


def test_keras1_merges_are_merge_layers() -> None:
    facts = _facts("concatenate_customer_and_merchant", 0, (None, 80), None, era="keras1")
    guess = infer_class(facts, "", no_inbound=False)
    assert guess is not None and guess.type == "Merge"


def test_a_prefix_of_no_known_class_stays_custom() -> None:
    facts = _facts("bilinear_up_sampling2d_1", 0, (None, 64, 64, 3), (None, 32, 32, 3))
    assert infer_class(facts, "Biline", no_inbound=False) is None


# --------------------------------------------------------------------------- Keras 1.0 BN axis


def test_keras10_batchnormalization_counts_two_per_feature_on_any_axis() -> None:
    """Keras 1.0/1.1 print trainable weights only: 128 on (None, 64, 64, 32) is 2 × 64."""
    bn = LayerFacts(
        "batchnormalization_1",
        "BatchNormalization",
        128,
        ((None, 64, 64, 32),),
        ((None, 64, 64, 32),),
        "keras1.0",
        False,
    )
    assert derive(bn).status == "bn-axis"
    right = LayerFacts(bn.name, bn.type, 64, bn.output, bn.inputs, "keras1.0", False)
    assert derive(right).status == "ok"


def test_keras10_channels_first_batchnormalization_on_axis_1_is_right() -> None:
    bn = LayerFacts(
        "batchnormalization_1",
        "BatchNormalization",
        64,
        ((None, 32, 26, 26),),
        ((None, 32, 26, 26),),
        "keras1.0",
        None,
    )
    assert derive(bn).status == "ok"
