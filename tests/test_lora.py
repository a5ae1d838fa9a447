"""Keras 3 LoRA on a Dense: read from a real print, bounded, and rebuilt as `lora_rank`."""

from __future__ import annotations

from summaryaudit import api
from summaryaudit.adapters import lora_rank
from summaryaudit.rebuild import rebuild

from .conftest import FIXTURES
from .real_prints import load_print

LORA = FIXTURES / "real" / "keras3" / "dense_lora.truth.json"


def test_a_real_lora_dense_is_no_error_and_its_frozen_kernel_is_the_non_trainable_total() -> None:
    """enable_lora(4) on Dense(32) over 64 inputs: 2,464 weights, the 2,048 kernel frozen."""
    truth, text = load_print(LORA)
    [hidden] = [w for w in truth["layers"] if w["name"] == "hidden"]
    assert hidden["params"] == 2_464
    report = api.check_text(text)
    assert report.findings == ()
    [summary] = report.summaries
    rows = dict(zip((layer.name for layer in summary.layers), summary.audited_rows()))
    assert "possibly Keras 3 LoRA rank 4 (frozen kernel, trainable bias" in str(
        rows["hidden"].derivation
    )
    assert summary.totals.non_trainable is not None
    assert summary.totals.non_trainable.value == 64 * 32


def test_a_lora_rank_is_bounded_by_the_kernel_it_adapts() -> None:
    assert lora_rank(64 * 32 + 32 + 4 * 96, 64, 32) == (4, 32)
    assert lora_rank(64 * 32 + 4 * 96, 64, 32) == (4, 0)
    # rank 22 adds 2,112 weights to a 2,048 kernel: no adapter does that
    assert lora_rank(64 * 32 + 32 + 22 * 96, 64, 32) is None
    assert lora_rank(64 * 32 + 32, 64, 32) is None


def test_a_lora_dense_is_rebuilt_with_its_rank() -> None:
    _, text = load_print(LORA)
    source = rebuild(text)
    assert "keras.layers.Dense(32, lora_rank=4, name='hidden')" in source
    assert "PLACEHOLDER" not in source


def test_a_refuted_int8_reading_leaves_non_trainable_unjudged() -> None:
    """An edited count (3 -> 4 on a Dense from 2 inputs to 1) that only int8 could explain, on
    a print whose size is 4 bytes per parameter: SA101 on the row. The int8 reading's 3 frozen
    weights are no figure for the Non-trainable check (before: SA203 "the rows imply 3")."""
    _, text = load_print(
        FIXTURES / "real" / "keras3" / "two_inputs_cut_alike_line_length48.truth.json"
    )
    edited = text.replace("│     3 │ input_lay… │", "│     4 │ input_lay… │")
    assert edited != text
    report = api.check_text(edited)
    codes = [(f.code, f.layer) for f in report.findings]
    assert ("SA101", "dense") in codes
    assert "SA203" not in [code for code, _ in codes]
    [summary] = report.summaries
    assert summary.coverage is not None
    sentence = summary.coverage.sentence()
    assert "Non-trainable = moving statistics + frozen layers only bounded" in sentence
