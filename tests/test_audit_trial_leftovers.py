"""The trial's leftovers in the audit, each on a real print with the damage applied as code."""

from __future__ import annotations

from summaryaudit import api

from .conftest import FIXTURES, need

REAL = FIXTURES / "real"


def fixture(name: str) -> str:
    return need(REAL / name).read_text(encoding="utf-8")


def sa401(text: str) -> list[str]:
    return [f.message for f in api.check_text(text).findings if f.code == "SA401"]


MERGE = "keras2.2.4/merge_ops.txt"  # dense_1, dense_2, add_1, multiply_1, average_1, dense_3


def test_sa401_whole_reference_that_only_extends_a_row_name_is_unknown() -> None:
    text = fixture(MERGE)
    assert sa401(text) == []
    # `average_11` is not `average_1` cut short: the print cuts with `…` or at the column end
    edited = text.replace("average_1[0][0]                  ", "average_11[0][0]                 ")
    assert edited != text
    assert any("'average_11'" in message for message in sa401(edited))


def test_sa401_whole_reference_that_is_a_prefix_of_a_row_name_is_unknown() -> None:
    text = fixture(MERGE)
    # `dense_` names no row, although dense_1 and dense_2 start with it
    edited = text.replace(
        "dense_1[0][0]                    \n", "dense_[0][0]                     \n", 1
    )
    assert edited != text
    assert any("'dense_'" in message for message in sa401(edited))


def test_references_cut_by_the_print_still_name_their_rows() -> None:
    # Keras 1 cuts a reference's index at the column end (`batch_normalization_long_named[0]`),
    # Keras 3 cuts names with `…` (`input_layer_1…`): neither is an unknown row
    for name in (
        "keras1.2.2/long_names_sequential.txt",
        "keras1.0.8/long_names_sequential.txt",
        "keras3/siamese_expanded_show_trainable_cols_unset.txt",
        "keras3/nasnet_mobile.txt",
    ):
        assert sa401(fixture(name)) == [], name
