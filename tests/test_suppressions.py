"""Suppression directives next to a summary, ignore-file, and SA010 for unused directives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summaryaudit.rules import RULES
from summaryaudit.sources import Line
from summaryaudit.suppressions import Scope, Suppressions, parse_directive

from .test_cli import run

ROOT = Path(__file__).resolve().parents[1]
# A real Keras 3 print whose BatchNormalization was built on the wrong axis: one SA102.
WRONG_AXIS = (ROOT / "fixtures/real/keras3/cnn_bn_axis1_channels_last.txt").read_text("utf-8")
CLEAN = (ROOT / "fixtures/real/keras3/cnn_bn.txt").read_text("utf-8")


def _codes(argv: list[str], stdin: str = "") -> list[tuple[str, int]]:
    code, out, err = run([*argv, "--output-format", "json"], stdin.encode())
    assert code in (0, 1), err
    return [(f["code"], f["line"]) for f in json.loads(out)["findings"]]


def _bn_line(text: str) -> int:
    return next(i for i, line in enumerate(text.split("\n"), 1) if "│ batch_normalization " in line)


def _with_row_directive(text: str, directive: str) -> str:
    """Append a directive to the end of the BatchNormalization row (as a user would type it)."""
    lines = text.split("\n")
    row = _bn_line(text) - 1
    lines[row] += "  " + directive
    return "\n".join(lines)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# summaryaudit: ignore SA102", ("", "ignore", ("SA102",))),
        ("<!-- summaryaudit: ignore SA102, sa203 -->", ("", "ignore", ("SA102", "SA203"))),
        ("#summaryaudit:ignore", ("", "ignore", ())),
        ("│ x │ 104 │  # summaryaudit: ignore SA1", ("│ x │ 104 │  ", "ignore", ("SA1",))),
        ("<!-- summaryaudit: ignore-file -->", ("", "ignore-file", ())),
    ],
)
def test_directive_syntax(text: str, expected: tuple[str, str, tuple[str, ...]]) -> None:
    found = parse_directive(text)
    assert found is not None and found[:3] == expected


@pytest.mark.parametrize(
    "text",
    ["summaryaudit: ignore SA102", "# summaryaudit ignore", "# noqa: SA102", "see summaryaudit"],
)
def test_not_directives(text: str) -> None:
    assert parse_directive(text) is None


def test_unsuppressed_real_print_has_its_finding() -> None:
    assert _codes(["check"], WRONG_AXIS) == [("SA102", _bn_line(WRONG_AXIS))]


def test_markdown_comment_before_the_fence_covers_that_summary_only() -> None:
    doc = (
        "The wrong axis, on purpose:\n\n<!-- summaryaudit: ignore SA102 -->\n```text\n"
        + WRONG_AXIS
        + "```\n\nAnd again, not silenced:\n\n```text\n"
        + WRONG_AXIS
        + "```\n"
    )
    second = doc.split("\n").index("And again, not silenced:") + 1
    found = _codes(["check"], doc)
    assert [code for code, _ in found] == ["SA102"]
    assert found[0][1] > second  # the second copy still reports


def test_python_comment_before_the_model_line(tmp_path: Path) -> None:
    lines = WRONG_AXIS.split("\n")
    doc = "# summaryaudit: ignore SA102\n" + "\n".join(lines)
    path = tmp_path / "log.txt"
    path.write_text(doc, encoding="utf-8")
    assert _codes(["check", str(path)]) == []
    # a directive naming another code covers nothing here
    path.write_text(doc.replace("SA102", "SA201"), encoding="utf-8")
    assert [c for c, _ in _codes(["check", str(path)])] == ["SA102"]


def test_row_directive_covers_that_row_only() -> None:
    text = _with_row_directive(WRONG_AXIS, "# summaryaudit: ignore SA102")
    assert _codes(["check"], text) == []
    # on another row it covers nothing, and the finding stays
    lines = WRONG_AXIS.split("\n")
    conv = next(i for i, line in enumerate(lines) if "conv2d (Conv2D)" in line)
    lines[conv] += "  # summaryaudit: ignore SA102"
    assert _codes(["check"], "\n".join(lines)) == [("SA102", _bn_line(WRONG_AXIS))]


def test_a_row_directive_does_not_change_what_is_read() -> None:
    text = _with_row_directive(WRONG_AXIS, "<!-- summaryaudit: ignore SA999 -->")
    code, out, _ = run(["check", "--output-format", "json"], text.encode())
    assert code == 1  # the SA102 is still there: the directive names another code
    plain = json.loads(run(["check", "--output-format", "json"], WRONG_AXIS.encode())[1])
    assert json.loads(out)["summaries"] == plain["summaries"]


def test_ignore_file_anywhere_in_a_file(tmp_path: Path) -> None:
    path = tmp_path / "tutorial.md"
    path.write_text(WRONG_AXIS + "\n<!-- summaryaudit: ignore-file -->\n", encoding="utf-8")
    assert _codes(["check", str(path)]) == []
    assert run(["check", "-q", str(path)])[0] == 0
    # prose that mentions the directive is not one
    path.write_text("Write `summaryaudit: ignore-file` to skip a file.\n" + WRONG_AXIS, "utf-8")
    assert [c for c, _ in _codes(["check", str(path)])] == ["SA102"]


@pytest.mark.parametrize(
    "directive", ["# SummaryAudit: IGNORE-FILE", "<!--summaryaudit:ignore-file-->"]
)
def test_ignore_file_in_any_case_and_across_the_read_boundary(
    tmp_path: Path, directive: str
) -> None:
    from summaryaudit import check_text

    path = tmp_path / "notes.md"
    path.write_text(WRONG_AXIS + "\n" + directive + "\n", encoding="utf-8")
    assert _codes(["check", str(path)]) == []
    # the file is looked through 64 KiB at a time: a directive cut by that boundary still counts
    data = WRONG_AXIS.encode() + b"\n"
    # (far below the summary, in many lines: the summary is reported before the directive is read)
    size = 65536 - len(data) - len(directive) // 2
    lines = [b"x" * 63 + b"\n"] * (size // 64) + [b"y" * (size % 64 - 1) + b"\n"] * (size % 64 > 0)
    filler = b"".join(lines)
    path.write_bytes(data + filler + directive.encode() + b"\n")
    assert 0 < 65536 - len(data + filler) < len(directive)
    assert _codes(["check", str(path)]) == []
    assert check_text(path.read_text("utf-8")).findings == ()
    # the same text without the directive is still audited
    path.write_bytes(data + filler)
    assert [c for c, _ in _codes(["check", str(path)])] == ["SA102"]


def test_notebook_cell_source_directive_covers_its_output(tmp_path: Path) -> None:
    def cell(source: str) -> dict:
        return {
            "cell_type": "code",
            "execution_count": 1,
            "metadata": {},
            "source": [source],
            "outputs": [
                {
                    "output_type": "stream",
                    "name": "stdout",
                    "text": WRONG_AXIS.splitlines(keepends=True),
                }
            ],
        }

    notebook = {
        "cells": [cell("model.summary()  # summaryaudit: ignore SA102"), cell("model.summary()")],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps(notebook, indent=1), encoding="utf-8")
    code, out, _ = run(["check", "--output-format", "json", str(path)])
    assert code == 1
    findings = json.loads(out)["findings"]
    assert [(f["code"], f["cell"]) for f in findings] == [("SA102", 2)]


# --------------------------------------------------------------------------- SA010


def test_sa010_example_is_reported_by_report_unused() -> None:
    example = RULES["SA010"].example.split("   <-")[0]
    assert example.startswith("<!-- summaryaudit: ignore SA102 -->")
    doc = example + "\n" + CLEAN
    assert _codes(["check"], doc) == []  # not asked for: silent
    found = _codes(["check", "--report-unused"], doc)
    assert found == [("SA010", 1)]
    code, out, _ = run(["check", "--report-unused", "-q"], doc.encode())
    assert code == 1
    assert out == (
        "<stdin>:1: SA010 unused-suppression [warning] unused directive "
        "`<!-- summaryaudit: ignore SA102 -->`: it suppressed no SA102 finding; remove it, or "
        "put it on the line before the summary (or at the end of the row) it is meant for\n"
    )


def test_sa010_passes_when_the_directive_is_used() -> None:
    doc = "<!-- summaryaudit: ignore SA102 -->\n" + WRONG_AXIS
    assert _codes(["check", "--report-unused"], doc) == []


def test_sa010_names_unknown_codes_and_can_be_ignored() -> None:
    doc = "# summaryaudit: ignore SA7\n" + WRONG_AXIS
    found = _codes(["check", "--report-unused"], doc)
    assert ("SA010", 1) in found and ("SA102", _bn_line(WRONG_AXIS) + 1) in found
    code, out, _ = run(["check", "--report-unused", "-q"], doc.encode())
    assert code == 1 and "names no known code (SA7)" in out
    assert ("SA010", 1) not in _codes(["check", "--report-unused", "--ignore", "SA010"], doc)


def test_scopes_recorded_by_the_scanner() -> None:
    directives = Suppressions("x")
    lines = [
        Line(1, "<!-- summaryaudit: ignore -->"),
        Line(2, "```"),
        Line(3, 'Model: "m"'),
        Line(4, "┏━━━┓"),
        Line(5, "│ bn (BatchNormalization) │ 104 │ # summaryaudit: ignore SA102"),
        Line(6, "# summaryaudit: ignore-file SA9"),
    ]
    out = list(directives.scan(lines))
    assert [line.text for line in out] == ["", "```", 'Model: "m"', "┏━━━┓", out[4].text, ""]
    assert out[4].text == "│ bn (BatchNormalization) │ 104 │"
    assert [(d.scope, d.target) for d in directives.directives] == [
        (Scope.NEXT_SUMMARY, 4),
        (Scope.LINE, None),
        (Scope.FILE, None),
    ]
