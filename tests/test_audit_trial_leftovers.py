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


# --------------------------------------------------------------------------- SA201


def findings(text: str, code: str):
    return [f for f in api.check_text(text).findings if f.code == code]


def test_sa201_names_keras2s_unfreeze_after_compile_print_and_blames_no_one() -> None:
    # Real Keras 2.2.4 and tf.keras 1.14 prints of a layer frozen at compile() and made
    # trainable afterwards: Total (18) falls short of the rows (58) by dense_1's 40 weights.
    for name in ("keras2.2.4/unfrozen_after_compile.txt", "tf1.14/unfrozen_after_compile.txt"):
        text = fixture(name)
        [total] = findings(text, "SA201")
        assert total.severity.value == "info", name
        assert "exactly the trainable weights of dense" in total.message
        assert "frozen when the model was compiled and made trainable afterwards" in total.message
        assert "not verified" in total.message
        assert api.check_text(text).failed is False


def test_sa201_still_calls_an_edited_total_an_edit() -> None:
    # The same print with Total lowered to no whole layer's weights: no Keras 2 print does that.
    text = fixture("keras2.2.4/unfrozen_after_compile.txt").replace(
        "Total params: 18", "Total params: 17"
    )
    messages = [f.message for f in findings(text, "SA201") if f.severity.value == "error"]
    assert messages and "was edited" in messages[0]


def test_sa201_in_a_later_dialect_is_an_error() -> None:
    # tf.keras 2.7+ and Keras 3 read the current flags: the same gap there is an edit.
    text = fixture("tf2.9/frozen_dense_no_show_trainable.txt")
    total = next(line for line in text.splitlines() if "Total params" in line)
    rows = api.check_text(text).summaries[0].totals.total
    assert rows is not None and rows.value is not None
    edited = text.replace(total, total.replace(f"{rows.value:,}", f"{rows.value - 1:,}"))
    assert [f.severity.value for f in findings(edited, "SA201")] == ["error"]


# --------------------------------------------------------------------------- SA203


def _move_to_non_trainable(text: str, gap: int) -> str:
    """Edit Trainable down and Non-trainable up by gap: Total still adds up."""
    lines = []
    for line in text.splitlines(keepends=True):
        for label, sign in (("Non-trainable params: ", 1), ("Trainable params: ", -1)):
            at = line.find(label)
            if at >= 0 and (label != "Trainable params: " or "Non-" not in line):
                start = at + len(label)
                end = start
                while end < len(line) and (line[end].isdigit() or line[end] == ","):
                    end += 1
                value = int(line[start:end].replace(",", "")) + sign * gap
                line = line[:start] + f"{value:,}" + line[end:]
                break
        lines.append(line)
    return "".join(lines)


def test_sa203_does_not_call_an_edited_non_trainable_explained_when_many_sets_fit() -> None:
    # ResNet50 has 55 layers small enough: many different sets add up to 40,960.
    text = _move_to_non_trainable(fixture("keras3/resnet50.txt"), 40_960)
    [sa203] = findings(text, "SA203")
    assert sa203.severity.value == "warning"
    assert "several different sets of layers" in sa203.message
    assert "not verified" in sa203.message
    assert "so those layers were frozen" not in sa203.message
    coverage = api.check_text(text).summaries[0].coverage
    assert coverage is not None and not coverage.complete
    [check] = [t for t in coverage.totals if t.name.startswith("Non-trainable")]
    assert check.state.value == "bounded" and "several different sets" in check.reason


def test_sa203_names_the_one_set_that_fits() -> None:
    # Real print, four scattered layers frozen: the only set of layers that adds up to it.
    [sa203] = findings(fixture("keras3/frozen_scattered_no_show_trainable.txt"), "SA203")
    assert sa203.severity.value == "info"
    assert "conv2d, batch_normalization, conv2d_2, dense" in sa203.message
    assert "the only set of layers that adds up to it" in sa203.message
