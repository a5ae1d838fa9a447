"""Library users get real types: py.typed ships, and mypy --strict reads the public API."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "summaryaudit"

USES_THE_API = textwrap.dedent(
    """
    import summaryaudit
    from summaryaudit import Finding, Report, Severity, Summary

    summaries: list[Summary] = summaryaudit.parse_text("no summary here")
    report: Report = summaryaudit.check_text("text", source="answer.md", select=["SA1"])
    findings: tuple[Finding, ...] = report.findings
    first_line: int | None = findings[0].line if findings else None
    errors = [f for f in report.findings if f.severity is Severity.ERROR]
    total = summaries[0].totals.total.value if summaries and summaries[0].totals.total else None
    """
)

# The same calls used wrongly: a typed package makes mypy say so; an untyped one would not.
MISUSES_THE_API = textwrap.dedent(
    """
    import summaryaudit

    count: int = summaryaudit.parse_text("text")
    name: str = summaryaudit.check_text("text").findings
    """
)


def _mypy(tmp_path: Path, source: str) -> subprocess.CompletedProcess[str]:
    pytest.importorskip("mypy", reason="mypy is in the test extra")
    script = tmp_path / "uses_summaryaudit.py"
    script.write_text(source, encoding="utf-8")
    # run outside the checkout, so mypy finds the installed package (and its py.typed)
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(script)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_py_typed_marker_ships() -> None:
    assert (PACKAGE / "py.typed").is_file()


def test_mypy_strict_accepts_correct_use(tmp_path: Path) -> None:
    proc = _mypy(tmp_path, USES_THE_API)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Success: no issues found in 1 source file" in proc.stdout


def test_mypy_strict_sees_the_real_types(tmp_path: Path) -> None:
    proc = _mypy(tmp_path, MISUSES_THE_API)
    assert proc.returncode == 1, proc.stdout
    assert 'has type "list[Summary]", variable has type "int"' in proc.stdout
    assert 'has type "tuple[Finding, ...]", variable has type "str"' in proc.stdout
    assert "missing library stubs or py.typed marker" not in proc.stdout


def test_the_package_itself_is_mypy_strict_clean(tmp_path: Path) -> None:
    """Every module type-checks under --strict (pyproject.toml declares tabulate untyped)."""
    pytest.importorskip("mypy", reason="mypy is in the test extra")
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path), "summaryaudit"],
        cwd=PACKAGE.parent,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.startswith("Success: no issues found")
