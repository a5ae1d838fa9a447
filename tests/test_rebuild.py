"""Rebuilt Keras 3 code for real printed summaries: it compiles and has the summary's structure."""

from __future__ import annotations

import ast
import io
import re
import sys
from pathlib import Path

import pytest

import summaryaudit
from summaryaudit import cli, rebuild_check
from summaryaudit.rebuild import RebuildError, incomplete_reason, parse_ref, rebuild
from summaryaudit.rebuild_layers import Row, Unsolved, keras3_class, solve
from summaryaudit.records import Summary

from .conftest import FIXTURES

REAL = FIXTURES / "real"
ALL_FIXTURES = sorted(REAL.glob("*/*.txt"))
# The generations the round trip targets (tests/test_rebuild_keras.py builds them with Keras 3).
TARGETS = ("keras3", "keras3.0.5", "tf_keras", "tf2.0", "tf2.9", "tf2.12", "tf1.14")
# Tables that cannot be rebuilt exactly, and the true reason (checked below, not assumed).
_CROPPED, _SLICED, _UNBUILT, _CUT = "cropped", "rows add up to", "no count", "not printed in full"
# Fixture stem → why its table is incomplete where it is (cnn_bn_positions is complete in Keras 3).
INCOMPLETE = {
    "cnn_bn_cropped_line_length120": (_CROPPED,),
    "cropped_last_row_class_wrapped": (_CROPPED,),
    "layer_range": (_SLICED,),
    "layer_range_cnn_head": (_SLICED,),
    "layer_range_named_head": (_SLICED,),
    "layer_range_cnn_middle": (_SLICED,),
    "layer_range_cnn_tail": (_SLICED,),
    "layer_range_cnn_first_block": (_SLICED,),
    "resnet50_layer_range": (_SLICED,),
    "frozen_after_compile": (_SLICED,),  # the TF1-graph double count of frozen weights
    "unfrozen_after_compile": (_SLICED,),  # ... and the unfrozen layer counted nowhere
    "base_unfrozen_after_compile": (_SLICED,),  # a base model unfrozen after compile()
    "seq2seq_states": (_CUT,),  # tf.keras cuts the encoder's three output shapes
    "tied_embedding": (_SLICED,),  # the head reuses the embedding's matrix: Total counts it once
    "tied_embedding_in_backbone": (_SLICED,),  # ... the backbone's, as GemmaCausalLM does
    "subclassed_shared_submodels": (_SLICED,),  # a second model cut from the first's layers
    "unbuilt_sequential": (_UNBUILT,),
    "unbuilt_sequential_narrow": (_UNBUILT,),  # `0 (unbuilt)` wrapped in a narrow column
    "unbuilt_sequential_with_a_pooling_layer": (_UNBUILT,),  # and a pooling row's plain 0
    "subclassed_model": (_UNBUILT, _CUT),  # unbuilt rows, `?` or `multiple` shapes
    "subclassed_bn_called": (_CUT,),  # `multiple`
    "subclassed_text_cnn": (_CUT,),  # `multiple`
    "masked_lm_tied_in_custom_layers": (_CUT,),  # `multiple` or `?` shapes of custom layers
    "subclassed_tracked_sublayers": (_CUT,),  # `multiple` or `?` shapes
    "to_rgb_shared_across_resolutions": (_CUT,),  # a shared Conv2D's `multiple`
    "subclassed_sublayers_sharing_a_name": (_CUT,),  # `?` shapes of the custom classes
    "subclassed_model_of_two_sequentials_expanded": (_CUT,),  # the custom class's `?`
    "library_block_over_custom_layers_expanded": (_CUT,),  # the custom classes' `?`
    "conv_lstm_sequences_named_as_a_block": (_CUT,),  # class and shapes cut by the columns
    "subclassed_model_blocks_sharing_a_name": (_CUT,),  # the same, on the model's own rows
    "unknown_rank_output": (_CUT,),  # `None`: outputs of unknown rank
    "cnn_bn_positions": (_CUT,),  # Output Shape cut by the column positions
    "channels_first_3d_shapes_cut": (_CUT,),  # 5-D shapes cut at 20 characters
    "mask_head_time_distributed_cut": (_CUT,),  # the same (a TimeDistributed's 5-D shapes)
    "channels_first_3d_bn_default_axis_cut": (_CUT,),  # the same
    "unet3d_channels_first_shapes_cut": (_CUT,),  # the same, after a concatenation
    "inception_bn_scale_off_shapes_cut": (_CUT,),  # `(None, None, None, 4`: any size
    "fully_convolutional_filters_cut": (_CUT,),  # `(None, None, None, 2`: the same
    "time_distributed_conv_shapes_cut": (_CUT,),  # `(None, 15, 35, 80, 2` of 24
    "conv_filters_cut_by_shape_column": (_CUT,),  # `(None, 1024, 1024, 6`: filters cut
    "conv_filters_cut_in_a_channels_last_model": (_CUT,),  # `(None, 128, 128, 128`: the same
    "conv_no_bias_filters_cut_after_a_cut_input": (_CUT,),  # the same, and the input's list
    "discriminator_frozen_after_compile": (_SLICED,),  # the TF1-graph double count
    "attention_named_in_a_scope": ("which Keras 3 refuses",),  # `encoder_0/multiheadattention`
    "two_tower_l2_normalize_ops": ("which Keras 3 refuses",),  # `tf_op_layer_l2_normalize/Sum`
    "wide_counts_cut_line_length60": ("is cut by its column",),  # `10,240,0…`
    "fitted_count_cut_line_length60": ("is cut by its column",),  # `10,240,0…`
    "tied_embedding_backbone_cut_line_length60": ("is cut by its column",),  # `10,340,3…`
    "tied_embedding_both_cut_line_length40": ("is cut by its column",),  # `65,6…`, `61,4…`
    "separable_counts_cut_line_length70": ("is cut by its column",),  # `1,995,1…`
    "add_loss_row": ("is a scalar",),  # tf.keras's reduce_mean and AddLoss rows print `()`
    "tensorflow_ops_output_shapes": ("is a scalar",),  # tf.math.reduce_prod's `()`
    # TF Hub's dict of outputs: cut by tf.keras 2.0's column, whole in 2.12's wrapped print
    "dict_output_layer": ("is not printed in full", "is a dict"),
    "one_output_dict_in_sequential": ("is a dict",),  # `{'outputs': (None, 32)}`
    "dict_output_backbone_four_inputs": ("is a dict",),  # `{'sequence_output': …}`
    # a named tuple of outputs, printed as its repr (as a Hugging Face model's output is)
    "encoder_output_repr_wrapped": ("is a structure of outputs", "is not printed in full"),
}


def _summary(path: Path) -> Summary:
    return summaryaudit.parse_text(path.read_text(encoding="utf-8"), source=path.name)[0]


def _calls(code: str) -> list[tuple[str, str, dict[str, str], int]]:
    """(function, class, keyword sources, line) of every layer construction, in source order."""
    tree = ast.parse(code)
    found = []
    for fn in (n for n in tree.body if isinstance(n, ast.FunctionDef)):
        for node in ast.walk(fn):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            if isinstance(func, ast.Attribute) and ast.unparse(func.value) == "keras.layers":
                cls = func.attr
            elif isinstance(func, ast.Name) and func.id not in ("print",):
                cls = func.id
            elif isinstance(func, ast.Attribute) and ast.unparse(func.value) == "keras":
                cls = func.attr  # keras.Input / keras.Sequential / keras.Model
            else:
                continue
            kw = {k.arg: ast.unparse(k.value) for k in node.keywords if k.arg}
            found.append((fn.name, cls, kw, node.lineno))
    return sorted(found, key=lambda c: c[3])


def _named(code: str) -> dict[str, str]:
    """Layer name → class of every construction that sets name=."""
    return {ast.literal_eval(kw["name"]): cls for _, cls, kw, _ in _calls(code) if "name" in kw}


def _complete_name(name: str, truncated: tuple[str, ...]) -> bool:
    return bool(name) and "…" not in name and "name" not in truncated


# --------------------------------------------------------------------------- every real fixture


@pytest.mark.parametrize(
    "path", ALL_FIXTURES, ids=[f"{p.parent.name}/{p.stem}" for p in ALL_FIXTURES]
)
def test_rebuilt_code_compiles_and_names_every_row_with_its_class(path: Path) -> None:
    summary = _summary(path)
    code = rebuild(summary)
    compile(code, str(path), "exec")
    named = _named(code)
    stand_ins = set(re.findall(r"^class (\w+)\(SummaryPlaceholder\)", code, re.M))
    parents: list[str] = []  # the row each depth's rows sit under
    for layer in summary.layers:
        del parents[layer.depth :]
        parents.extend([layer.name] * (layer.depth + 1 - len(parents)))
        if layer.depth and any(named.get(row) in stand_ins for row in parents[: layer.depth]):
            continue  # a row inside a custom class's (at any depth), which one stand-in holds
        if not _complete_name(layer.name, layer.truncated):
            continue
        # (a tf.keras name scope's `/` is written `_`: Keras 3 refuses it in a name)
        name = layer.name.replace("/", "_")
        assert name in named, f"{layer.name} is not built"
        got = named[name]
        if got in ("Sequential", "Model", "Input", "SummaryPlaceholder") or got.startswith(
            "build_"
        ):
            continue
        if layer.type in ("InputLayer",):
            assert got == "Input"
        elif layer.type in ("Sequential", "Functional", "Model"):
            assert got in ("Sequential", "Model")
        elif layer.type:  # an empty class was cut off by the print: any guess may be right
            want = keras3_class(layer.type)
            assert got in (want, f"Unsolved{layer.type}", "Add", "Concatenate"), (layer.name, got)
    if summary.model_name:
        assert repr(summary.model_name) in code


@pytest.mark.parametrize(
    "path",
    [p for p in ALL_FIXTURES if p.parent.name in TARGETS],
    ids=[f"{p.parent.name}/{p.stem}" for p in ALL_FIXTURES if p.parent.name in TARGETS],
)
def test_complete_target_tables_need_no_placeholder_and_incomplete_ones_say_why(
    path: Path,
) -> None:
    summary = _summary(path)
    reason = incomplete_reason(summary)
    code = rebuild(summary)
    if reason is not None:
        assert any(why in reason for why in INCOMPLETE.get(path.stem, ())), reason
        return
    # tf1.14's renorm BatchNormalization has 6N + 2 weights: no Keras 3 layer has that count.
    if (path.parent.name, path.stem) == ("tf1.14", "bn_variants"):
        assert "UnsolvedBatchNormalization(" in code
        return
    # A Bidirectional with a smaller (or larger) backward_layer: its backward units are solved
    # from the count, not printed, and the rebuild writes no backward_layer: a stand-in keeps
    # the row.
    if path.stem in ("bidirectional_smaller_backward_layer", "bidirectional_larger_backward_layer"):
        assert re.findall(r"^class (\w+)\(SummaryPlaceholder\)", code, re.M) == [
            "UnsolvedBidirectional"
        ]
        return
    # Keras 3 has no LocallyConnected layers (removed with Keras 2's): a stand-in keeps the row.
    if path.stem == "locally_connected_first_row":
        stand_ins = re.findall(r"^class (\w+)\(SummaryPlaceholder\)", code, re.M)
        assert stand_ins == ["LocallyConnected1D"]
        return
    # NASNet's Connected to names are cut (`separable_conv_1_pad_reducti…`) and fit several
    # rows; the row picked has 32 channels where the SeparableConv2D count needs 11.
    if (path.parent.name, path.stem) == ("keras3", "nasnet_mobile"):
        assert "UnsolvedSeparableConv2D(" in code
        return
    # keras.ops rows (`any (Any)`, `max (Max)`) take arguments no print shows (axis, keepdims,
    # dtype): each gets a stand-in with the printed shape, and no other row does.
    if (path.parent.name, path.stem) == ("keras3", "ops_without_weights"):
        stand_ins = re.findall(r"^class (\w+)\(SummaryPlaceholder\)", code, re.M)
        ops_rows = {"Absolute", "Any", "Cast", "Greater", "Max", "Min", "Negative"}
        assert sorted(stand_ins) == sorted(ops_rows)
        return
    # TokenAndPositionEmbedding is keras.io's example layer (and KerasHub's), no Keras layer;
    # ResidualBlock is the fixture's own layer: each row of such a class gets a stand-in with
    # the printed count and shape, and no other row does.
    custom = {
        "token_and_position_embedding": ["TokenAndPositionEmbedding"],
        "custom_block_layers": ["ResidualBlock"],
        "custom_mask_two_inputs": ["Mask"],  # CapsNet's own Mask, no Keras Masking
        "custom_classes_named_like_prefixes": ["Layer", "Batch"],  # the fixture's own classes
        "custom_layer_with_a_counter": ["StepCounter"],
        "custom_layers_with_counters": ["StepCounter"],  # one stand-in class for both rows
        "pruned_low_magnitude": ["PruneLowMagnitude"],  # tfmot's wrapper: no Keras 3 layer
        "pruned_recurrent": ["PruneLowMagnitude"],
        # tfmot's quantization-aware training wrappers: no Keras 3 layers
        "quantize_aware_guide": ["QuantizeLayer", "QuantizeWrapperV2"],
        "quantize_aware_zoo": ["QuantizeLayer", "QuantizeWrapperV2"],
        "quantize_aware_mobilenet_names": ["QuantizeLayer", "QuantizeWrapperV2"],
        # a Conv2D on a stack of frames (5 axes): tf.keras 2.4+ takes it, Keras 3 refuses it
        "conv2d_on_stacked_frames": ["UnsolvedConv2D"],
        # a TimeDistributed LSTM: the rebuild writes TimeDistributed Dense and convolutions only
        "time_distributed_char_embedding": ["UnsolvedTimeDistributed"],
        # QKeras's layers: no Keras 3 layers (QKeras 0.9 takes Keras 2)
        "qkeras_layers": [
            "QActivation",
            "QBatchNormalization",
            "QConv2D",
            "QDense",
            "QDepthwiseConv2D",
        ],
        "seq_self_attention": ["SeqSelfAttention"],  # keras-self-attention's: no Keras 3 layer
        "einsum_dense": ["EinsumDense"],  # a Keras layer whose arguments are not solved yet
        "stft_spectrograms_expanded": ["STFTSpectrogram"],  # (frame_step is not printed)
        "stft_spectrogram_channels_first": ["STFTSpectrogram"],
        # subclasses of BatchNormalization and Dense, still custom classes (26b's 013)
        "custom_subclasses_of_known_layers": ["BatchNorm", "ScaledDense"],
        "custom_class_wrapped_on_its_second_row": ["TransformerBlock"],  # one class, two rows
        "encoder_output_repr_wrapped": ["Encoder"],  # the fixture's layer of two outputs
        # Machine Learning Mastery's attention layer, its class named in small letters
        "author_attention_class_in_small_letters": ["attention"],
        # tf.keras's `x[:, 0]` rows: an op layer, no Keras 3 layer (one stand-in class)
        "slicing_ops_named_past_the_column": ["SlicingOpLambda"],
        # Spektral's GlobalMaxPool, wrapped over two lines (94f's 013)
        "custom_class_wrapped_over_lines": ["GlobalMaxPool"],
    }
    # a TensorFlow op on a Keras tensor: TF 2.0's TensorFlowOpLayer, TF 2.4+'s TFOpLambda
    if path.stem == "sub_pixel_depth_to_space":
        tf_op = "TensorFlowOpLayer" if path.parent.name == "tf2.0" else "TFOpLambda"
        custom[path.stem] = [tf_op]
    # keras.io's RelationalGraphConvLayer, cut to `Re` and to nothing on the rows after
    custom["custom_graph_conv_class_cut"] = ["Re"]
    custom["custom_pooling_class_cut_shorter"] = ["Sca"]  # `(Sca`, then `(S`
    custom["known_class_beside_a_custom_one_of_the_name"] = ["Sepia"]  # the custom class only
    # BiMPM's MultiPerspectiveMatch, its class cut by Keras 3's column (`MultiPerspectiveMa…`)
    if path.stem == "custom_class_cut_like_a_known_one":
        cut = path.parent.name == "keras3"
        custom[path.stem] = ["MultiPerspectiveMa" if cut else "MultiPerspectiveMatch"]
    if path.stem in custom:
        stand_ins = re.findall(r"^class (\w+)\(SummaryPlaceholder\)", code, re.M)
        assert sorted(stand_ins) == sorted(custom[path.stem])
        return
    # Only a nested model whose rows were not printed may need a stand-in (HiddenLayers).
    assert re.findall(r"^class (\w+)\(SummaryPlaceholder\)", code, re.M) in ([], ["HiddenLayers"])


@pytest.mark.parametrize("generation", ["keras3", "tf_keras"])
def test_conv_lstm_rows_are_rebuilt_with_their_kernel_and_channels(generation: str) -> None:
    """Before: each ConvLSTM2D row was a stand-in said to be 'not a Keras layer'."""
    lines = _build_model_lines(REAL / generation / "conv_lstm_first_layer.txt")
    first = next(line for line in lines if "name='conv_lstm2d'" in line)
    second = next(line for line in lines if "name='conv_lstm2d_1'" in line)
    assert first.startswith(
        "keras.layers.ConvLSTM2D(4, kernel_size=3, return_sequences=True, name='conv_lstm2d'),"
    )
    assert "3 input channels and kernel 3×3 solved from the count" in first
    assert second == "keras.layers.ConvLSTM2D(8, kernel_size=3, name='conv_lstm2d_1'),"
    assert "keras.Input(shape=(6, 18, 18, 3))" in lines[lines.index(first) - 1]


def test_a_keras_layer_without_a_solver_is_not_said_to_be_no_keras_layer() -> None:
    lines = _build_model_lines(REAL / "keras3" / "einsum_dense.txt")
    [row] = [line for line in lines if "name='einsum_dense'" in line]
    assert row.endswith(
        "# PLACEHOLDER: EinsumDense is a Keras layer whose arguments summaryaudit does not yet "
        "work out from a summary; write the layer here. This stand-in has the printed weight "
        "count and output shape"
    )


@pytest.mark.parametrize("generation", ["keras3", "tf_keras"])
def test_non_trainable_past_the_nested_rows_freezes_the_row_that_trains_least(
    generation: str,
) -> None:
    """A base frozen in part and a frozen head BatchNormalization (25d's 002): the base can
    hold at most 208 of the 256 Non-trainable weights the moving statistics leave. Before: 'no
    set of frozen layers explains' and a rebuild with other totals."""
    code = rebuild(_summary(REAL / generation / "partly_frozen_base_and_head_bn.txt"))
    assert (
        "# frozen (head_bn) and 176 of the unprinted rows' weights: Non-trainable params 336 is "
        "more than the unprinted inner rows can hold, and the summary does not show which "
        "layers are frozen"
    ) in code.splitlines()


def test_top_level_rows_are_built_in_printed_order() -> None:
    summary = _summary(REAL / "keras3" / "transformer_block.txt")
    code = rebuild(summary)
    order = [
        ast.literal_eval(kw["name"])
        for fn, _, kw, _ in _calls(code)
        if fn == "build_model" and "name" in kw
    ]
    assert order[:-1] == [layer.name for layer in summary.layers]  # the last is the model
    assert order[-1] == summary.model_name


# --------------------------------------------------------------------------- what rows solve to


def _build_model_lines(path: Path) -> list[str]:
    code = rebuild(_summary(path))
    body = code.split("def build_model()")[1]
    return [line.strip() for line in body.splitlines()]


def test_first_sequential_row_solves_the_unprinted_input() -> None:
    code = rebuild(_summary(REAL / "keras3" / "cnn_bn.txt"))
    assert "keras.Input(shape=(28, 28, 1))," in code  # 320 = 3×3 × 1 × 32 + 32, 26 + 3 − 1
    assert "keras.layers.Conv2D(32, kernel_size=3, name='conv2d')" in code
    assert "keras.layers.Dense(10, name='dense')" in code
    assert "keras.Sequential(" in code


def test_batch_normalization_gets_the_axis_its_count_implies() -> None:
    lines = _build_model_lines(REAL / "keras3" / "cnn_bn_axis1_channels_last.txt")
    bn = next(line for line in lines if "BatchNormalization(" in line)
    assert "axis=-2" in bn and "104 = 4 × 26" in bn  # (None, 26, 26, 32): height or width
    channels_first = _build_model_lines(REAL / "keras1.2.2" / "cnn_th_bn_axis1.txt")
    conv = next(line for line in channels_first if "Conv2D(" in line)
    assert 'data_format="channels_first"' in conv and "Convolution2D is Conv2D" in conv
    bn = next(line for line in channels_first if "BatchNormalization(" in line)
    assert "axis=-3" in bn and "not the channels" not in bn  # axis 1 is right for 'th'


def test_frozen_layers_follow_the_non_trainable_total() -> None:
    lines = _build_model_lines(REAL / "keras3" / "frozen_layers.txt")
    frozen = [line for line in lines if ".trainable = False" in line]
    assert frozen == [
        "model.get_layer('dense').trainable = False  # frozen: its weights count as non-trainable",
        "model.get_layer('batch_normalization').trainable = False  # frozen: its weights count "
        "as non-trainable",
    ]  # 2,368 = 2,112 + 256: the only rows that reach it


def test_trainable_column_freezes_exactly_the_n_rows() -> None:
    summary = _summary(REAL / "keras3" / "frozen_layers_show_trainable.txt")
    code = rebuild(summary)
    frozen = set(re.findall(r"model\.get_layer\('(\w+)'\)\.trainable = False", code))
    assert frozen == {layer.name for layer in summary.layers if layer.trainable is False}
    assert frozen  # the fixture has frozen rows


def test_shared_nested_model_is_built_once_and_called_twice() -> None:
    code = rebuild(_summary(REAL / "keras3" / "siamese_shared_nested.txt"))
    assert "encoder_layer = build_encoder()" in code
    assert "encoder_call0 = encoder_layer(input_layer_1)" in code
    assert "encoder_call1 = encoder_layer(input_layer_2)" in code
    assert "[encoder_call0, encoder_call1]" in code
    # 3,680 with 128 non-trainable over (20,) → (32,): 64·(20+5+32) + 32, a BatchNormalization(64)
    builder = code.split("def build_encoder()")[1].split("def build_model()")[0]
    assert [cls for fn, cls, _, _ in _calls(code) if fn == "build_encoder"] == [
        "Sequential",
        "Input",
        "Dense",
        "BatchNormalization",
        "Dense",
    ]
    assert "keras.layers.Dense(64)" in builder and "keras.layers.Dense(32)" in builder


def test_expanded_nested_model_is_rebuilt_from_its_rows() -> None:
    code = rebuild(_summary(REAL / "keras3" / "nested_functional_expanded.txt"))
    inner = [kw.get("name") for fn, _, kw, _ in _calls(code) if fn == "build_inner_block"]
    assert "'dense_1'" in inner and "'dense'" in inner and "'inner_block'" in inner


def test_keras1_merge_and_old_class_names_become_keras3_layers() -> None:
    code = rebuild(_summary(REAL / "keras1.2.2" / "merge_ops.txt"))
    assert "keras.layers.Add(name='merge_1')([dense_1, dense_2])" in code
    assert "Merge: its mode is not shown" in code
    old = rebuild(_summary(REAL / "keras1.2.2" / "rnn_stack.txt"))
    assert "Merge" not in old or "keras.layers.Merge" not in old


def test_recurrent_rows_pick_the_configuration_of_their_era() -> None:
    keras3 = "\n".join(_build_model_lines(REAL / "keras3" / "rnn_stack.txt"))
    # gru: 690 = 3·10·(12 + 10 + 1) on 12 inputs; gru_1: 660 = 3·10·(10 + 10 + 2), the default
    assert "keras.layers.GRU(10, reset_after=False, return_sequences=True, name='gru')" in keras3
    assert "keras.layers.GRU(10, return_sequences=True, name='gru_1')" in keras3
    assert "keras.layers.Bidirectional(keras.layers.LSTM(6, return_sequences=True)" in keras3
    assert "keras.layers.TimeDistributed(keras.layers.Dense(5)" in keras3


def test_attention_heads_are_a_stated_choice() -> None:
    lines = _build_model_lines(REAL / "keras3" / "transformer_block.txt")
    mha = next(line for line in lines if "MultiHeadAttention(" in line)
    assert "num_heads=8, key_dim=4" in mha and "heads × key_dim = 32" in mha
    assert "(input_layer, input_layer)" in mha


# --------------------------------------------------------------------------- placeholders


def _renamed(path: Path, old: str, new: str) -> str:
    """A real print with one class renamed to a custom class (the damage applied as code)."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new)


def test_custom_class_becomes_a_marked_placeholder_with_the_count() -> None:
    text = _renamed(REAL / "keras3" / "cnn_bn.txt", "dense (Dense)", "dense (MyDense)")
    code = rebuild(text)
    compile(code, "custom", "exec")
    assert "class SummaryPlaceholder(keras.layers.Layer):" in code
    assert "class MyDense(SummaryPlaceholder):" in code
    assert (
        "MyDense(output_shapes=[[10]], trainable_size=54090, name='dense')(" in code
        or "MyDense(output_shapes=[[10]], trainable_size=54090, name='dense')," in code
    )
    assert "PLACEHOLDER: MyDense is not a Keras layer" in code


@pytest.mark.parametrize("cls", ["model", "keras", "list", "build_model"])
def test_a_stand_in_class_named_as_the_module_binds_keeps_its_printed_name(cls: str) -> None:
    # a class named `model` was shadowed by build_model's own `model = keras.Sequential(…)`
    # (UnboundLocalError); `keras` by the import, `list` in the stand-in base's own code
    text = _renamed(REAL / "keras3" / "cnn_bn.txt", "dense (Dense)", f"dense ({cls})")
    code = rebuild(text)
    tree = ast.parse(code)
    classes = [node.name for node in tree.body if isinstance(node, ast.ClassDef)]
    assert classes == ["SummaryPlaceholder", f"{cls}_stand_in"]
    assert f"{cls}_stand_in.__name__ = {cls!r}" in code
    assert f"{cls}_stand_in(output_shapes=[[10]], trainable_size=54090, name='dense')" in code
    bound = {
        target.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    assert f"{cls}_stand_in" not in bound


def test_stand_in_classes_printed_as_model_and_model_stand_in_stay_two_classes() -> None:
    # the review of trials 62–65: both were defined as `model_stand_in`, the second replacing
    # the first, so one row was built with the other's class
    text = _renamed(REAL / "keras3" / "cnn_bn.txt", "dense (Dense)", "dense (model)")
    text = _renamed_path_text(text, "conv2d (Conv2D)", "conv2d (model_stand_in)")
    code = rebuild(text)
    tree = ast.parse(code)
    classes = [node.name for node in tree.body if isinstance(node, ast.ClassDef)]
    assert classes == ["SummaryPlaceholder", "model_stand_in", "model_stand_in_stand_in"]
    assert "model_stand_in.__name__ = 'model'" in code
    assert "model_stand_in_stand_in.__name__ = 'model_stand_in'" in code


def _renamed_path_text(text: str, old: str, new: str) -> str:
    assert old in text
    return text.replace(old, new)


def test_a_count_no_arguments_give_is_a_placeholder_not_a_wrong_layer() -> None:
    row = Row("d", "Dense", 57, ((None, 8),), ((None, 5),))  # 8·5 + 5 = 45, never 57
    with pytest.raises(Unsolved):
        solve(row)
    text = _renamed(REAL / "keras3" / "cnn_bn.txt", "54,090", "54,091")
    code = rebuild(text)
    assert "UnsolvedDense(output_shapes=[[10]], trainable_size=54091" in code


# --------------------------------------------------------------------------- solvers


@pytest.mark.parametrize(
    ("row", "cls", "args"),
    [
        (
            Row("c", "Conv2D", 896, ((None, 28, 28, 3),), ((None, 26, 26, 32),)),
            "Conv2D",
            (("", "32"), ("kernel_size", "3")),
        ),
        (
            Row("c", "Conv2D", 224, ((None, 32, 32, 3),), ((None, 16, 16, 8),)),
            "Conv2D",
            (("", "8"), ("kernel_size", "3"), ("strides", "2"), ("padding", '"same"')),
        ),
        (
            Row("c", "Conv2D", 224, ((None, 32, 32, 3),), ((None, 28, 28, 8),)),
            "Conv2D",
            (("", "8"), ("kernel_size", "3"), ("dilation_rate", "2")),
        ),
        (
            Row("c", "Conv2D", 7744, ((None, 16, 16, 32),), ((None, 14, 12, 64),)),
            "Conv2D",
            (("", "64"), ("kernel_size", "(3, 5)"), ("groups", "4")),
        ),
        (
            Row("s", "SeparableConv1D", 352, ((None, 50, 8),), ((None, 46, 16),)),
            "SeparableConv1D",
            (("", "16"), ("kernel_size", "5"), ("depth_multiplier", "2")),
        ),
        (
            Row("d", "DepthwiseConv2D", 640, ((None, 32, 32, 16),), ((None, 30, 30, 64),)),
            "DepthwiseConv2D",
            (("kernel_size", "3"), ("depth_multiplier", "4")),
        ),
        (
            Row("t", "Conv2DTranspose", 4624, ((None, 8, 8, 32),), ((None, 16, 16, 16),)),
            "Conv2DTranspose",
            (("", "16"), ("kernel_size", "3"), ("strides", "2"), ("padding", '"same"')),
        ),
        (
            Row("b", "BatchNormalization", 20, ((None, 5, 6, 3),), ((None, 5, 6, 3),)),
            "BatchNormalization",
            (("axis", "-3"),),
        ),
        (
            Row("b", "BatchNormalization", 70, ((None, 10),), ((None, 10),)),
            "BatchNormalization",
            (("renorm", "True"),),
        ),
        (
            Row("e", "Embedding", 64000, ((None, 10),), ((None, 10, 64),)),
            "Embedding",
            (("", "1000"), ("", "64")),
        ),
        (
            Row("g", "GRU", 3936, ((None, 10, 8),), ((None, 32),)),
            "GRU",
            (("", "32"), ("reset_after", "False")),
        ),
        (
            Row("l", "LSTM", 5248, ((None, 10, 8),), ((None, 10, 32),)),
            "LSTM",
            (("", "32"), ("return_sequences", "True")),
        ),
        (
            Row("p", "PReLU", 3, ((None, 5, 6, 3),), ((None, 5, 6, 3),)),
            "PReLU",
            (("shared_axes", "[1, 2]"),),
        ),
        (
            Row("n", "Normalization", 61, ((None, 5, 6, 3),), ((None, 5, 6, 3),)),
            "Normalization",
            (("axis", "[-3, -2]"),),
        ),
        (
            Row("m", "MaxPooling2D", 0, ((None, 147, 147, 64),), ((None, 73, 73, 64),)),
            "MaxPooling2D",
            (("", "2"),),
        ),
        (
            Row("m", "MaxPooling2D", 0, ((None, 147, 147, 64),), ((None, 145, 145, 64),)),
            "MaxPooling2D",
            (("", "3"), ("strides", "1")),
        ),
        (
            Row("z", "ZeroPadding2D", 0, ((None, 30, 28, 3),), ((None, 33, 30, 3),)),
            "ZeroPadding2D",
            (("", "((1, 2), (1, 1))"),),
        ),
        (
            Row("c", "Convolution2D", 896, ((None, 28, 28, 3),), ((None, 26, 26, 32),)),
            "Conv2D",
            (("", "32"), ("kernel_size", "3")),
        ),
    ],
)
def test_solver_finds_the_params_md_configuration(row: Row, cls: str, args: tuple) -> None:
    code = solve(row)
    assert code.cls == cls
    assert code.args == args


def test_bidirectional_solves_its_hidden_wrapped_layer() -> None:
    code = solve(Row("b", "Bidirectional", 10496, ((None, 10, 8),), ((None, 64),)))
    assert code.inner is not None and code.inner.cls == "LSTM" and code.inner.args == (("", "32"),)
    summed = solve(Row("b", "Bidirectional", 10496, ((None, 10, 8),), ((None, 32),)))
    assert summed.args == (("merge_mode", '"sum"'),)


def test_cut_references_parse() -> None:
    assert parse_ref("'dense_1[1][0]'") == parse_ref("dense_1[1][0]")
    ref = parse_ref("global_average_pooling1d[…")
    assert (ref.layer, ref.node, ref.tensor) == ("global_average_pooling1d", 0, 0)
    assert parse_ref("lstm[0][2]").tensor == 2


# --------------------------------------------------------------------------- cli


def _run(argv: list[str], stdin: bytes = b"") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(argv, stdin=io.BytesIO(stdin), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_cli_prints_the_module_for_a_path_and_for_stdin() -> None:
    path = REAL / "tf_keras" / "merge_ops.txt"
    status, out, err = _run(["rebuild", str(path)])
    assert status == 0 and err == ""
    compile(out, "cli", "exec")
    assert "keras.layers.Multiply(name='multiply')([dense, dense_1])" in out
    status, piped, _ = _run(["rebuild"], path.read_bytes())
    assert status == 0 and piped.split('"""', 2)[2] == out.split('"""', 2)[2]


def test_cli_errors_are_one_line_with_exit_2(tmp_path: Path) -> None:
    empty = tmp_path / "none.txt"
    empty.write_text("no table here\n", encoding="utf-8")
    status, out, err = _run(["rebuild", str(empty)])
    assert (status, out) == (2, "") and err.count("\n") == 1 and "none.txt" in err
    status, _, err = _run(["rebuild", str(tmp_path / "missing.txt")])
    assert status == 2 and err.count("\n") == 1 and "missing.txt" in err
    status, _, err = _run(["rebuild", "--which", "3", str(REAL / "keras3" / "cnn_bn.txt")])
    assert status == 2 and "holds 1 summaries" in err


def test_check_without_keras_says_so_in_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "keras", None)  # `import keras` raises ImportError
    status, out, err = _run(["rebuild", "--check", str(REAL / "keras3" / "cnn_bn.txt")])
    assert status == 2
    assert err.count("\n") == 1 and "Keras 3 is not installed" in err
    compile(out, "printed before the check", "exec")


def test_comparison_reports_each_differing_row_and_total() -> None:
    want = _summary(REAL / "keras3" / "cnn_bn.txt")
    text = (REAL / "keras3" / "cnn_bn.txt").read_text(encoding="utf-8")
    edited = text.replace("54,090", "54,100").replace("54,538 (213.04 KB)", "54,548 (213.04 KB)")
    got = summaryaudit.parse_text(edited)[0]
    result = rebuild_check.compare(want, got, "keras test", edited)
    assert not result.matches
    assert result.differences == (
        "row 5 (dense): Param # 54100, expected 54090",
        "Total params: 54548, expected 54,538",
    )
    assert rebuild_check.compare(want, want, "keras test", text).matches
    assert "check passed: 5 rows and 3 totals" in rebuild_check.describe(
        rebuild_check.compare(want, want, "k", text)
    )


def test_library_export() -> None:
    assert summaryaudit.rebuild is rebuild
    assert rebuild((REAL / "keras3" / "cnn_bn.txt").read_text(encoding="utf-8")) == rebuild(
        _summary(REAL / "keras3" / "cnn_bn.txt")
    ).replace(" (cnn_bn.txt, lines 1-18)", "")


def test_inputs_whose_class_was_cut_rebuild_as_inputs() -> None:
    # tf.keras cut `(InputLayer)` off both long input names; their list-shaped outputs with no
    # count and no Connected to still say they are inputs, not a chain of Dropout layers.
    for generation in ("tf2.0", "tf1.14"):
        path = FIXTURES / "real" / generation / "two_input_long_names.txt"
        code = summaryaudit.rebuild(path.read_text(encoding="utf-8"))
        assert "keras.Input(shape=(32,), name='customer_transaction_history_feat')" in code
        assert "keras.Input(shape=(8,), name='merchant_category_embedding_input')" in code
        assert "Dropout" not in code


def _docstring(path: Path) -> str:
    source = rebuild(path.read_text(encoding="utf-8"))
    return ast.get_docstring(ast.parse(source)) or ""


def test_the_header_names_a_row_keras_3_cannot_count_alike() -> None:
    """Bidirectional(CuDNNLSTM(20)) holds a second bias that Keras 3's LSTM has not: the module
    no longer promises the same Param # on every row, and names the row."""
    doc = " ".join(_docstring(REAL / "tf1.14" / "cudnn_bidirectional.txt").split())
    assert "Same Param # on every row but bidirectional: Keras 3 has no layer" in doc
    assert "the totals differ too" in doc
    assert "same Param # on every row and the same totals" not in doc


def test_the_header_promises_the_same_counts_when_every_row_has_them() -> None:
    doc = " ".join(_docstring(REAL / "tf1.14" / "rnn_stack.txt").split())
    assert "same Param # on every row and the same totals" in doc


def _names_given(source: str) -> list[str]:
    return [
        keyword.value.value
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        for keyword in node.keywords
        if keyword.arg == "name"
        and isinstance(keyword.value, ast.Constant)
        and isinstance(keyword.value.value, str)
    ]


def test_no_rebuilt_name_keeps_a_cut_mark() -> None:
    """Keras 3 refuses a name twice in a model: two nested models cut to `sequentia…` got that
    name both (a Keras 3 differential example); every name given is now whole and unique."""
    names_seen = 0
    for path in ALL_FIXTURES:
        for summary in summaryaudit.parse_text(path.read_text(encoding="utf-8")):
            if not summary.layers:
                continue
            try:
                source = rebuild(summary)
            except RebuildError:  # tables that cannot be rebuilt are tested above
                continue
            names = _names_given(source)
            names_seen += len(names)
            assert not [n for n in names if "…" in n], path
    assert names_seen > 1000


def test_nested_models_cut_to_one_name_get_two_names() -> None:
    """A real print whose two nested models both read `encoder_b…`."""
    text = (REAL / "keras3" / "nested_cut_alike_line_length44.txt").read_text(encoding="utf-8")
    assert text.count("│ encoder_b… │") == 2
    names = _names_given(rebuild(text))
    encoders = [n for n in names if n.startswith("encoder_b")]
    assert len(encoders) == 2 and len(set(encoders)) == 2, names
