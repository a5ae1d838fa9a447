"""Start-up stays small by design: a run loads only the modules its input and output need."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from .conftest import FIXTURES, ROOT

EXAMPLE = FIXTURES / "real" / "keras1.2.2" / "mlp_bn_functional.txt"

# Runs the command line as `python -m summaryaudit` does, then lists every module it loaded.
RUNNER = """\
import json, runpy, sys
listing, sys.argv = sys.argv[1], ["summaryaudit", *sys.argv[2:]]
try:
    runpy.run_module("summaryaudit", run_name="__main__", alter_sys=True)
except SystemExit:
    pass
with open(listing, "w", encoding="utf-8") as handle:
    json.dump(sorted(sys.modules), handle)
"""

# What a `check` of one text file never needs: the rebuilder, live stdin reading, notebooks,
# a configuration reader (no configuration file), tabulate (no table drawn in JSON), pathlib,
# and the standard-library modules that only SARIF or a misspelt class name use.
NOT_FOR_JSON = {
    "tabulate",
    "summaryaudit.rebuild",
    "summaryaudit.rebuild_layers",
    "summaryaudit.rebuild_check",
    "summaryaudit.live",
    "summaryaudit.notebook",
    "tomllib",
    "tomli",
    "pathlib",
    "urllib.parse",
    "importlib.metadata",
    "difflib",
    "html",
}


def _loaded(tmp_path: Path, *argv: str, cwd: Path) -> set[str]:
    """Run the command line in a fresh interpreter; return the modules loaded by its end."""
    listing = tmp_path / "modules.json"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    result = subprocess.run(
        [sys.executable, "-c", RUNNER, str(listing), *argv],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode in (0, 1), result.stderr
    return set(json.loads(listing.read_text(encoding="utf-8")))


def _lark_alone() -> set[str]:
    """The modules `import lark` loads by itself (the floor start-up is measured against)."""
    code = "import json, sys, lark; print(json.dumps(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=300
    )
    return set(json.loads(result.stdout))


def _no_config_above(folder: Path) -> bool:
    return not any((p / "pyproject.toml").is_file() for p in (folder, *folder.parents))


def test_json_check_loads_only_what_it_needs(tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    loaded = _loaded(tmp_path, "check", "--format", "json", str(EXAMPLE), cwd=work)
    assert "summaryaudit.api" in loaded and "lark" in loaded  # the listing is the real one
    unwanted = NOT_FOR_JSON - _lark_alone()
    if not _no_config_above(work):  # a pyproject.toml above the temp folder must be read
        unwanted -= {"tomllib", "tomli", "pathlib"}
    assert sorted(unwanted & loaded) == []


def test_text_check_draws_its_table_with_tabulate_but_loads_no_rebuilder(tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    loaded = _loaded(tmp_path, "check", str(EXAMPLE), cwd=work)
    assert "tabulate" in loaded
    assert not {"summaryaudit.rebuild", "summaryaudit.rebuild_layers", "summaryaudit.live"} & loaded


def test_a_configuration_file_is_read_with_tomllib(tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    (work / "pyproject.toml").write_text('[tool.summaryaudit]\nignore = ["SA9"]\n', "utf-8")
    loaded = _loaded(tmp_path, "check", "--format", "json", str(EXAMPLE), cwd=work)
    assert ("tomllib" if sys.version_info >= (3, 11) else "tomli") in loaded


def test_rebuild_command_loads_the_rebuilder(tmp_path: Path) -> None:
    loaded = _loaded(tmp_path, "rebuild", str(EXAMPLE), cwd=tmp_path)
    assert "summaryaudit.rebuild" in loaded and "summaryaudit.rebuild_cli" in loaded
