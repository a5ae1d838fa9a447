"""Records are plain classes at run time and dataclasses for any caller who asks (README)."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

import pytest

from summaryaudit import check_text, records
from summaryaudit.blocks import Block
from summaryaudit.grammar import ParsedBlock
from summaryaudit.sources import Line

from .conftest import FIXTURES, ROOT

EXAMPLE = FIXTURES / "real" / "keras3" / "attention_layers.txt"


def _summary() -> records.Summary:
    return check_text(EXAMPLE.read_text(encoding="utf-8"), source=EXAMPLE.name).summaries[0]


def test_a_summary_and_its_records_work_with_the_dataclasses_functions() -> None:
    summary = _summary()
    layer = summary.layers[1]
    assert dataclasses.is_dataclass(summary) and dataclasses.is_dataclass(layer)
    assert [f.name for f in dataclasses.fields(layer)] == list(layer._names)
    as_dict = dataclasses.asdict(layer)
    assert as_dict["name"] == layer.name and as_dict["params"] == layer.params
    changed = dataclasses.replace(layer, params=7)
    assert changed.params == 7 and changed.name == layer.name and layer.params != 7
    assert dataclasses.asdict(summary.totals)["total"]["value"] == summary.totals.total.value


def test_replace_without_dataclasses_makes_what_dataclasses_replace_makes() -> None:
    summary = _summary()
    for layer in summary.layers:
        assert records.replace(layer, type="X") == dataclasses.replace(layer, type="X")
    assert records.replace(summary, source="other") == dataclasses.replace(summary, source="other")
    line = Line(3, "text", "cell 1 output, line 2")
    assert records.replace(line, text="new") == Line(3, "new", "cell 1 output, line 2")
    with pytest.raises(TypeError):
        records.replace(line, colour="red")


def test_records_stay_frozen_and_only_registered_classes_are_dataclasses() -> None:
    layer = _summary().layers[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        layer.name = "renamed"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del layer.name  # type: ignore[misc]
    assert not dataclasses.is_dataclass(ParsedBlock)  # a FrozenRecord without record_fields
    assert dataclasses.is_dataclass(Block) and dataclasses.is_dataclass(Line)


def test_records_match_by_position_as_dataclasses_do() -> None:
    """`case Layer(name, type, shape)` reads `__match_args__`, set before dataclasses is asked."""
    for record in (records.Layer, records.Totals, records.Summary, Line, Block):
        expected = tuple(f.name for f in dataclasses.fields(record))
        assert record.__match_args__ == expected  # type: ignore[attr-defined]


def test_a_check_run_never_imports_dataclasses() -> None:
    code = (
        "import sys, summaryaudit\n"
        f"summaryaudit.check_text(open({str(EXAMPLE)!r}, encoding='utf-8').read())\n"
        "print('dataclasses' in sys.modules, 'inspect' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    assert result.stdout.split() == ["False", "False"]
