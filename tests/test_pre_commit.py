"""The pre-commit hook, run by the real pre-commit in a temporary git repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
WRONG_AXIS = ROOT / "fixtures/real/keras3/cnn_bn_axis1_channels_last.txt"
CLEAN = ROOT / "fixtures/real/keras3/cnn_bn.txt"
HANG_GUARD_S = 900.0  # the first run builds the hook's environment (pip install of this checkout)


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, timeout=120)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git repository whose .pre-commit-config.yaml uses this checkout's hook definition."""
    pytest.importorskip("pre_commit", reason="pre-commit is in the test extra")
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    hooks = tmp_path_factory.mktemp("hooks")
    # pre-commit clones a hook repository at a commit: give it this checkout's files as a repo
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy(ROOT / name, hooks / name)
    shutil.copytree(ROOT / "summaryaudit", hooks / "summaryaudit", ignore=_no_caches)
    shutil.copytree(ROOT / "grammars", hooks / "grammars")
    _git(hooks, "init", "-q")
    _git(hooks, "add", ".")
    _git(hooks, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "hook")
    _git(hooks, "tag", "v0.1.0")
    repo = tmp_path_factory.mktemp("project")
    _git(repo, "init", "-q")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n- repo: {hooks.as_uri()}\n  rev: v0.1.0\n  hooks:\n  - id: summaryaudit\n",
        encoding="utf-8",
    )
    (repo / "pyproject.toml").write_text(
        '[tool.summaryaudit]\nexclude = ["vendor/*"]\n', encoding="utf-8"
    )
    return repo


def _no_caches(folder: str, names: list[str]) -> set[str]:
    return {n for n in names if n == "__pycache__"}


def _pre_commit(repo: Path, *files: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(repo.parent / "pre-commit-home")}
    env.pop("NO_COLOR", None)
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--color", "never", "--files", *files],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=HANG_GUARD_S,
    )


def test_hook_fails_with_one_concise_line_per_finding(hook_repo: Path) -> None:
    (hook_repo / "docs").mkdir(exist_ok=True)
    shutil.copy(WRONG_AXIS, hook_repo / "docs" / "wrong.txt")
    shutil.copy(CLEAN, hook_repo / "docs" / "clean.txt")
    (hook_repo / "docs" / "notes.md").write_text("No summary in here.\n", encoding="utf-8")
    _git(hook_repo, "add", ".")
    proc = _pre_commit(hook_repo, "docs/wrong.txt", "docs/clean.txt", "docs/notes.md")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "summaryaudit" in proc.stdout and "Failed" in proc.stdout
    lines = [line for line in proc.stdout.splitlines() if ": SA" in line]
    assert lines == [line for line in lines if line.startswith("docs/wrong.txt:7: SA102 bn-axis")]
    assert len(lines) == 1  # concise: no derivation tables, nothing about the passing files
    assert "derivation" not in proc.stdout and "clean.txt" not in proc.stdout
    assert "2 summaries checked: 0 errors, 1 warning, 0 infos." in proc.stdout


def test_hook_passes_clean_files_and_force_excludes(hook_repo: Path) -> None:
    (hook_repo / "vendor").mkdir(exist_ok=True)
    shutil.copy(WRONG_AXIS, hook_repo / "vendor" / "copied.txt")
    shutil.copy(CLEAN, hook_repo / "clean.txt")
    _git(hook_repo, "add", ".")
    proc = _pre_commit(hook_repo, "clean.txt", "vendor/copied.txt")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Passed" in proc.stdout
