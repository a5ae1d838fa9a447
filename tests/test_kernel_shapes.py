"""Kernel shapes a derivation offers are only those the row's spatial sizes allow."""

from __future__ import annotations

import json
from pathlib import Path

from summaryaudit import api
from summaryaudit.dialects import Era
from summaryaudit.formulas import LayerFacts, derive
from summaryaudit.formulas.kernel_shapes import side_fits

REAL = Path(__file__).resolve().parent.parent / "fixtures" / "real"


def _conv_output_length(size: int, side: int, padding: str, stride: int, dilation: int) -> int:
    """Keras's own arithmetic (keras.src.utils.conv_utils.conv_output_length)."""
    dilated = side + (side - 1) * (dilation - 1)
    length = size - dilated + 1 if padding == "valid" else size
    return (length + stride - 1) // stride


def _reachable(size_in: int, size_out: int, side: int) -> bool:
    # (a Conv layer refuses a stride and a dilation both above 1: "`strides > 1` not supported
    # in conjunction with `dilation_rate > 1`", Keras 3.15 and tf-keras 2.21 alike)
    return any(
        _conv_output_length(size_in, side, padding, stride, dilation) == size_out
        for padding in ("valid", "same")
        for stride in range(1, size_in + 2)
        for dilation in (range(1, size_in + 1) if stride == 1 else (1,))
    )


def test_a_side_fits_exactly_when_some_stride_dilation_and_padding_give_the_output() -> None:
    for size_in in range(1, 31):
        for size_out in range(1, size_in + 2):
            for side in range(1, 11):
                assert side_fits(size_in, size_out, side) == _reachable(size_in, size_out, side), (
                    size_in,
                    size_out,
                    side,
                )


def _facts(type_: str, params: int, out: tuple, inp: tuple, era: Era = Era.KERAS2) -> LayerFacts:
    return LayerFacts("conv", type_, params, (out,), (inp,), era, None)


def test_a_shrink_of_two_rules_out_a_one_by_nine_kernel() -> None:
    # 13 → 11 on both axes: a side of 1 keeps 13 or gives 7, a side of 9 cannot give 11
    text = derive(_facts("Conv2D", 18_496, (None, 11, 11, 64), (None, 13, 13, 32))).text
    assert "→ K = 9 → kernel 3×3;" in text and "1×9" not in text


def test_a_kernel_that_same_padding_and_a_stride_allow_is_still_offered() -> None:
    # 5 → 3 is ceil(5 / 2) with padding='same', stride 2, whatever the side: 1×9 stays possible
    text = derive(_facts("Conv2D", 36_928, (None, 3, 3, 64), (None, 5, 5, 64))).text
    assert "kernel 3×3 (or 1×9, 9×1)" in text


def test_keras1_kernels_are_pruned_by_all_three_border_modes() -> None:
    """13 → 11 is 3×3 in Keras 1 too: 'valid', 'same' and 'full' (ceil((13 + 9 − 1) / s)) give
    no 11 for a side of 9 or 1 (39b's 001 and 002: before, Keras 1 prints were never pruned)."""
    keras1 = derive(
        _facts("Convolution2D", 18_496, (None, 11, 11, 64), (None, 13, 13, 32), Era.KERAS1)
    )
    assert "→ K = 9 → kernel 3×3;" in keras1.text and "1×9" not in keras1.text
    # 40 → 19 under 4×4 at stride 2: a 2×8 would need a dilation, which Keras 1 lacks
    first = derive(
        _facts("Convolution2D", 1_568, (None, 19, 19, 32), (None, 40, 40, 3), Era.KERAS1)
    )
    assert first.text.endswith("→ K = 16 → kernel 4×4")


def test_transposed_kernels_are_pruned_by_their_sizes_read_backwards() -> None:
    """13 → 15 under K = 9 is 3×3 ('valid', stride 1: 13 + 3 − 1); a side of 1 or 9 gives no 15
    with any stride, padding or output_padding (44a's 005: before, a transposed layer's sizes
    were not read, and 1×9, 9×1 were offered). 13 → 26 doubles: 'same' with stride 2 takes any
    kernel, so every shape stays."""
    grown = derive(_facts("Conv2DTranspose", 18_464, (None, 15, 15, 32), (None, 13, 13, 64)))
    assert "→ K = 9 → kernel 3×3;" in grown.text and "1×9" not in grown.text
    doubled = derive(_facts("Conv2DTranspose", 18_464, (None, 26, 26, 32), (None, 13, 13, 64)))
    assert "kernel 3×3 (or 1×9, 9×1)" in doubled.text


def test_a_real_conv3d_print_names_only_the_cube_its_shapes_allow() -> None:
    path = REAL / "keras3" / "conv3d_conv1d_repeat.txt"
    truth = json.loads(path.with_suffix(".truth.json").read_text(encoding="utf-8"))
    conv3d = next(layer for layer in truth["layers"] if layer["type"] == "Conv3D")
    (summary,) = api.check_text(path.read_text(encoding="utf-8"), source=path.name).summaries
    index = next(i for i, layer in enumerate(summary.layers) if layer.name == conv3d["name"])
    derivation = summary.audited_rows()[index].derivation
    assert "kernel 3×3×3;" in derivation and "(or" not in derivation
