"""What one summary may hold is capped (issue 12, points 7 and 17), bounded by CPU and memory."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from summaryaudit import api, blocks

from .conftest import FIXTURES

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs POSIX resource limits")

CPU_SECONDS = 120
MEMORY_BYTES = 220 * 1024 * 1024  # the data segment: a 10 MB table once took 285 MB
REAL = FIXTURES / "real"


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))
    resource.setrlimit(resource.RLIMIT_DATA, (MEMORY_BYTES, MEMORY_BYTES))


def _check(path: Path) -> dict:
    """Run `summaryaudit check --format json` on a file within CPU and memory limits."""
    done = subprocess.run(
        [sys.executable, "-m", "summaryaudit", "check", "--format", "json", str(path)],
        capture_output=True,
        text=True,
        preexec_fn=_limits,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    return json.loads(done.stdout)


def test_a_never_ending_table_is_cut_at_the_cap_and_reported(tmp_path: Path) -> None:
    lines = (REAL / "keras2.2.4" / "cnn_bn.txt").read_text(encoding="utf-8").splitlines()
    header, rows = lines[:3], lines[3:11]  # rule, header, `=` rule; then four rows and rules
    body = (rows * (10_000_000 // sum(len(r) + 1 for r in rows) + 1))[: 10_000_000 // 66]
    path = tmp_path / "endless.txt"
    path.write_text("\n".join([*header, *body]) + "\n", encoding="utf-8")
    report = _check(path)
    first = report["summaries"][0]
    assert first["start_line"] == 1 and first["end_line"] <= blocks.MAX_LINES
    assert len(first["layers"]) > 1000
    assert any(
        f["code"] == "SA003" and "without totals" in f["message"] for f in report["findings"]
    )


def test_a_flood_of_totals_lines_stays_small(tmp_path: Path) -> None:
    path = tmp_path / "totals.txt"
    path.write_text("Total params: 1,000\n" * 625_000, encoding="utf-8")
    report = _check(path)
    assert report["summaries"]
    assert all(s["end_line"] - s["start_line"] < blocks.MAX_LINES for s in report["summaries"])


def test_more_than_200_lines_the_grammar_cannot_place_keep_the_rest(tmp_path: Path) -> None:
    original = (REAL / "keras1.2.2" / "merge_ops.txt").read_text(encoding="utf-8")
    lines = original.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("=")) + 1
    column = lines[at - 2].index("Connected to")
    orphans = [" " * column + f"stray_{i}[0][0]" for i in range(250)]
    path = tmp_path / "orphans.txt"
    path.write_text("\n".join([*lines[:at], *orphans, *lines[at:]]) + "\n", encoding="utf-8")
    report = _check(path)
    (summary,) = report["summaries"]
    (expected,) = api.parse_text(original)
    assert [layer["name"] for layer in summary["layers"]] == [x.name for x in expected.layers]
    assert summary["totals"] == expected.totals.to_dict()
    unreadable = [f for f in report["findings"] if f["code"] == "SA001"]
    assert len(unreadable) == 201
    assert "50 more lines the grammar could not place" in unreadable[-1]["message"]
    assert not any("cut right after its header" in f["message"] for f in report["findings"])
