"""Trial 85 and the leftovers of earlier trials: the damage applied as code to real prints."""

from __future__ import annotations

import pytest

from summaryaudit.formats import completed_classes_note

from .conftest import FIXTURES
from .real_prints import checked_as_the_print, load_print
from .test_trial83_pastes import abbreviated

REAL = FIXTURES / "real"

# --------------- review 83's item 10: in a Keras 3 box, a class its author abbreviated with a
# full stop (`(MaxPooling2.)`) was said cut by the print: Keras 3 never prints that full stop


@pytest.mark.parametrize(
    ("case", "whole", "shown"),
    [
        ("keras3/cnn_bn", "MaxPooling2D", "MaxPooling2"),
        ("keras3/cnn_bn", "BatchNormalization", "BatchNorm"),
        ("keras3/text_cnn", "Embedding", "Embed"),
    ],
)
def test_a_keras3_class_abbreviated_by_its_author_is_said_shortened_in_the_paste(
    case: str, whole: str, shown: str
) -> None:
    """Before: '* the print cut this class name (MaxPooling2…)'."""
    truth, printed = load_print(REAL / f"{case}.truth.json")
    pasted = abbreviated(printed, whole, shown)
    [summary] = checked_as_the_print(pasted, truth, printed).summaries
    note = completed_classes_note(summary)
    assert note is not None
    assert note.startswith(f"* the paste shortened this class name ({shown}…): completed"), note
