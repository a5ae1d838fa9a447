"""The library's check_text applies suppression directives exactly as the command line does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summaryaudit import api

from .test_cli import run

ROOT = Path(__file__).resolve().parents[1]
# A real Keras 3 print whose BatchNormalization was built on the wrong axis: one SA102.
WRONG_AXIS = (ROOT / "fixtures/real/keras3/cnn_bn_axis1_channels_last.txt").read_text("utf-8")
CLEAN = (ROOT / "fixtures/real/keras3/cnn_bn.txt").read_text("utf-8")


def _with_row_directive(text: str, directive: str) -> str:
    lines = text.split("\n")
    row = next(i for i, line in enumerate(lines) if "│ batch_normalization " in line)
    lines[row] += "  " + directive
    return "\n".join(lines)


CASES = {
    "none": WRONG_AXIS,
    "before the summary": "# summaryaudit: ignore SA102\n" + WRONG_AXIS,
    "markdown comment": "<!-- summaryaudit: ignore SA1 -->\n```text\n" + WRONG_AXIS + "```\n",
    "on the row": _with_row_directive(WRONG_AXIS, "# summaryaudit: ignore SA102"),
    "ignore-file at the end": WRONG_AXIS + "\n# summaryaudit: ignore-file\n",
    "unused, unknown code": "# summaryaudit: ignore SA999\n" + CLEAN,
    "unused before the second": WRONG_AXIS + "\n# summaryaudit: ignore SA203\n\n" + CLEAN,
    "far into a log": "step 1: loss 0.3\n" * 5000 + "# summaryaudit: ignore\n" + WRONG_AXIS,
}


def _cli(text: str, tmp_path: Path, report_unused: bool) -> list[tuple[str, object]]:
    path = tmp_path / "log.txt"
    path.write_text(text, encoding="utf-8")
    argv = ["check", str(path), "--output-format", "json"]
    code, out, err = run(argv + (["--report-unused"] if report_unused else []))
    assert code in (0, 1), err
    return [(f["code"], f["line"]) for f in json.loads(out)["findings"]]


@pytest.mark.parametrize("report_unused", [False, True])
@pytest.mark.parametrize("name", list(CASES))
def test_check_text_finds_what_the_cli_finds(name: str, report_unused: bool, tmp_path) -> None:
    text = CASES[name]
    report = api.check_text(text, str(tmp_path / "log.txt"), report_unused=report_unused)
    library = [(f.code, f.line) for f in report.findings]
    assert library == _cli(text, tmp_path, report_unused)


def test_directives_silence_the_library() -> None:
    assert [f.code for f in api.check_text(WRONG_AXIS).findings] == ["SA102"]
    assert api.check_text("# summaryaudit: ignore SA102\n" + WRONG_AXIS).findings == ()
    unused = api.check_text("# summaryaudit: ignore SA102\n" + CLEAN, report_unused=True)
    assert [(f.code, f.line) for f in unused.findings] == [("SA010", 1)]
