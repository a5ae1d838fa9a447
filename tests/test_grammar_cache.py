"""The LALR table cache can never be used to run another user's code (issue 12, point 1)."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import FIXTURES

pytestmark = pytest.mark.skipif(not hasattr(os, "getuid"), reason="needs POSIX file ownership")

# The line grammars' tables ship with the package; Lark (and its cache) is used for a cell
# outside the forms the fast paths know: in this tf.keras 2.9 print a long name pushes its class
# against it (`expanded_conv_project_relu(ReLU)`), which only the cell grammar reads.
EXAMPLE = FIXTURES / "real" / "tf2.9" / "long_names_cut_relu.txt"


class _Payload:
    """Unpickling this creates the marker file: proof that a planted cache was loaded."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple:
        return (open, (str(self.marker), "w"))


def _run(tmpdir: Path, cache_home: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, TMPDIR=str(tmpdir), XDG_CACHE_HOME=str(cache_home))
    return subprocess.run(
        [sys.executable, "-m", "summaryaudit", "check", "--format", "json", str(EXAMPLE)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _cache_names(tmp_path: Path) -> set[str]:
    """Run once with private folders and return the names of the cache files it wrote."""
    legit_tmp, legit_cache = tmp_path / "legit-tmp", tmp_path / "legit-cache"
    legit_tmp.mkdir()
    legit_cache.mkdir(mode=0o700)
    assert _run(legit_tmp, legit_cache).returncode == 0
    names = {p.name for p in legit_tmp.rglob("*") if p.is_file()}
    names |= {p.name for p in legit_cache.rglob("*") if p.is_file()}
    return names


def _hostile_folder(path: Path) -> None:
    """Make a folder as another local user would leave it for us: theirs, and world-writable."""
    path.mkdir(parents=True, exist_ok=True)
    path.chmod(0o777)
    if os.getuid() == 0:
        os.chown(path, 65534, 65534)


def test_a_planted_cache_is_never_unpickled(tmp_path: Path) -> None:
    names = _cache_names(tmp_path)
    assert names, "the first run should have written its LALR tables somewhere private"
    marker = tmp_path / "pwned"
    payload = b"0" * 64 + b"\n" + pickle.dumps(_Payload(marker))
    hostile_tmp, hostile_cache = tmp_path / "shared-tmp", tmp_path / "shared-cache"
    # Every place an attacker could reach: the old shared temp folder, and a cache home whose
    # summaryaudit folder (and the cache home itself) belongs to someone else.
    folders = [
        hostile_tmp / f"summaryaudit-{os.getuid()}",
        hostile_cache / "summaryaudit",
    ]
    for folder in folders:
        _hostile_folder(folder)
        for name in names:
            (folder / name).write_bytes(payload)
            (folder / name).chmod(0o666)
    _hostile_folder(hostile_cache)
    result = _run(hostile_tmp, hostile_cache)
    assert not marker.exists(), "a planted cache file was unpickled"
    assert result.returncode == 0, result.stderr
    assert '"summaries"' in result.stdout


def test_a_group_writable_cache_file_in_our_own_folder_is_ignored(tmp_path: Path) -> None:
    names = _cache_names(tmp_path)
    cache_home = tmp_path / "cache"
    folder = cache_home / "summaryaudit"
    folder.mkdir(parents=True, mode=0o700)
    cache_home.chmod(0o700)
    marker = tmp_path / "pwned"
    for name in names:
        target = folder / name
        target.write_bytes(b"0" * 64 + b"\n" + pickle.dumps(_Payload(marker)))
        target.chmod(0o666)
    result = _run(tmp_path, cache_home)
    assert not marker.exists()
    assert result.returncode == 0, result.stderr


def test_the_private_cache_is_created_owner_only_and_reused(tmp_path: Path) -> None:
    cache_home = tmp_path / "cache"
    first = _run(tmp_path, cache_home)
    assert first.returncode == 0, first.stderr
    folder = cache_home / "summaryaudit"
    assert folder.is_dir()
    assert folder.stat().st_mode & 0o777 == 0o700
    written = sorted(folder.iterdir())
    assert written
    stamps = [p.stat().st_mtime_ns for p in written]
    second = _run(tmp_path, cache_home)
    assert second.returncode == 0
    assert second.stdout == first.stdout
    assert [p.stat().st_mtime_ns for p in sorted(folder.iterdir())] == stamps
