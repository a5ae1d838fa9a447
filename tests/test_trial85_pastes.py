"""Trial 85 and the leftovers of earlier trials: the damage applied as code to real prints."""

from __future__ import annotations

import json
import re

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


# --------------- 85g's 014: a part of a notebook's JSON whose stream output is one string
# (`"text": "Model: \"functional_1\"\n___…\n",`), the whole print on one physical line


def as_one_json_string(printed: str, comma: str) -> str:
    """The print as a notebook stream output's text, one JSON string, inside the JSON around."""
    return "\n".join(
        [
            '"execution_count": 11,',
            '"outputs": [',
            "{",
            '"output_type": "stream",',
            f'"text": {json.dumps(printed)}{comma}',
            '"name": "stdout"' if comma else "",
            "}",
            "]",
        ]
    )


@pytest.mark.parametrize("comma", [",", ""], ids=["key-follows", "last-key"])
@pytest.mark.parametrize("case", ["tf2.12/merge_ops", "keras3/mlp_bn_sequential", "tf2.0/cnn_bn"])
def test_a_notebook_output_as_one_json_string_is_read(case: str, comma: str) -> None:
    """Before: each row's name began with a literal `\\n`, every Connected to entry was an
    SA401, and the totals were one unreadable line (SA001, SA003)."""
    truth, printed = load_print(REAL / f"{case}.truth.json")
    checked_as_the_print(as_one_json_string(printed, comma), truth, printed)


# --------------- 85g's 010: counts retyped with Python's digit separators (`103_805_648`)


def python_grouped(printed: str) -> str:
    """Every count grouped by commas written with underscores instead, as Python writes them
    (the same width: each comma becomes one underscore)."""
    regrouped = re.sub(r"(?<=\d),(?=\d{3}\b)", "_", printed)
    assert regrouped != printed
    return regrouped


@pytest.mark.parametrize("case", ["tf2.12/cnn_bn", "keras3/cnn_bn", "keras2.2.4/cnn_bn"])
def test_counts_grouped_by_underscores_are_read_whole(case: str) -> None:
    """Before: `Total params: 54_538` was read as 54, a false SA201 of 54,484."""
    truth, printed = load_print(REAL / f"{case}.truth.json")
    checked_as_the_print(python_grouped(printed), truth, printed)


# --------------- 85a's 010: totals retyped under the table, an emoji before each
# (`🧮 Total Parameters: 7,926,298 (~30.24 MB)`)

_ICONS = {"Total": "🧮", "Trainable": "🛠️", "Non-trainable": "❌"}


def with_icons(printed: str) -> str:
    """Each totals line retyped after an emoji, its noun spelled out."""
    retyped = re.sub(
        r"(?m)^ ?(Total|Trainable|Non-trainable) params:",
        lambda label: f"{_ICONS[label.group(1)]} {label.group(1)} Parameters:",
        printed,
    )
    assert retyped.count("Parameters:") == 3
    return retyped


@pytest.mark.parametrize("case", ["keras3/cnn_bn", "tf2.12/cnn_bn", "keras2.2.4/cnn_bn"])
def test_totals_retyped_after_an_emoji_are_read(case: str) -> None:
    """Before: the three lines were passed over without a word, and the totals said missing
    (SA003, 'Not verified: the totals (not in the paste)')."""
    truth, printed = load_print(REAL / f"{case}.truth.json")
    checked_as_the_print(with_icons(printed), truth, printed)
