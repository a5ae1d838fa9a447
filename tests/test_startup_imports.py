"""Start-up stays small by design: a run loads only the modules its input and output need."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summaryaudit import check_text
from summaryaudit.checks.rows import is_elision
from summaryaudit.formats import type_cell
from summaryaudit.patterns import CompiledPattern, LazyPattern
from summaryaudit.report import LAYER_HEADERS, LEFT_OUT, layer_table, simple_table

from .conftest import FIXTURES, ROOT, WILD

EXAMPLE = FIXTURES / "real" / "keras1.2.2" / "mlp_bn_functional.txt"

# Runs the command line as `python -m summaryaudit` does, then lists every module it loaded.
# The listing is taken before the runner imports json to write it.
RUNNER = """\
import runpy, sys
listing, sys.argv = sys.argv[1], ["summaryaudit", *sys.argv[2:]]
try:
    runpy.run_module("summaryaudit", run_name="__main__", alter_sys=True)
except SystemExit:
    pass
names = sorted(sys.modules)
import json
with open(listing, "w", encoding="utf-8") as handle:
    json.dump(names, handle)
"""

# What a `check` of one text file never needs, in JSON or text: the rebuilder, live stdin
# reading, notebooks, a configuration reader (no configuration file), tabulate (the text output
# draws plain tables itself), pathlib, and the standard-library modules that only SARIF or a
# misspelt class name use.
NOT_FOR_CHECK = {
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
    # dataclasses loads inspect, ast, dis and tokenize (a sixth of a run's start-up): the
    # records are plain classes, made dataclasses only when a caller asks (records.py)
    "dataclasses",
    "inspect",
    # the JSON findings spill to a temporary file only past 1 MB; only a terminal is wrapped
    "tempfile",
    "textwrap",
    # the line grammars' tables ship as data; Lark is for cells outside Keras' forms
    "lark",
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


def _no_config_above(folder: Path) -> bool:
    return not any((p / "pyproject.toml").is_file() for p in (folder, *folder.parents))


def test_json_check_loads_only_what_it_needs(tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    loaded = _loaded(tmp_path, "check", "--format", "json", str(EXAMPLE), cwd=work)
    assert "summaryaudit.api" in loaded and "json" in loaded  # the listing is the real one
    unwanted = set(NOT_FOR_CHECK)
    if not _no_config_above(work):  # a pyproject.toml above the temp folder must be read
        unwanted -= {"tomllib", "tomli", "pathlib"}
    assert sorted(unwanted & loaded) == []


def test_text_check_draws_its_table_without_tabulate_and_loads_no_rebuilder(
    tmp_path: Path,
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    loaded = _loaded(tmp_path, "check", str(EXAMPLE), cwd=work)
    assert "summaryaudit.report" in loaded  # the listing is the real one
    unwanted = NOT_FOR_CHECK | {"json"}  # only JSON outputs need json (Lark is not imported)
    if not _no_config_above(work):
        unwanted -= {"tomllib", "tomli", "pathlib"}
    assert sorted(unwanted & loaded) == []


def test_explain_prints_the_table_tabulate_would_draw(tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "summaryaudit", "explain", str(EXAMPLE)],
        cwd=work,
        env={**os.environ, "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": str(tmp_path / "cache")},
        capture_output=True,
        text=True,
        timeout=300,
    )
    summary = check_text(EXAMPLE.read_text(encoding="utf-8"), source=str(EXAMPLE)).summaries[0]
    assert layer_table(summary) in result.stdout
    assert result.stdout.count("\n---") == 1  # one table, its rule under the header


def test_a_configuration_file_is_read_with_tomllib(tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    (work / "pyproject.toml").write_text('[tool.summaryaudit]\nignore = ["SA9"]\n', "utf-8")
    loaded = _loaded(tmp_path, "check", "--format", "json", str(EXAMPLE), cwd=work)
    assert ("tomllib" if sys.version_info >= (3, 11) else "tomli") in loaded


def test_rebuild_command_loads_the_rebuilder(tmp_path: Path) -> None:
    loaded = _loaded(tmp_path, "rebuild", str(EXAMPLE), cwd=tmp_path)
    assert "summaryaudit.rebuild" in loaded and "summaryaudit.rebuild_cli" in loaded


# ---------------------------------------------------------------- tables drawn without tabulate


def _tabulated(headers: Sequence[str], rows: list[list[str]]) -> str:
    """The table as tabulate draws it (what `layer_table` printed before drawing it itself)."""
    from tabulate import tabulate

    return tabulate(rows, headers=list(headers), tablefmt="simple", disable_numparse=True)


def _table_inputs() -> list[Path]:
    paths = sorted(FIXTURES.glob("**/*.txt")) + sorted(FIXTURES.glob("**/*.md"))
    return paths + sorted(WILD.glob("*.txt"))


def test_layer_tables_are_the_ones_tabulate_draws() -> None:
    drawn = 0
    for path in _table_inputs():
        text = path.read_text(encoding="utf-8", errors="replace")
        for summary in check_text(text, source=path.name, require_summary=False).summaries:
            if not summary.layers:
                continue
            rows = [
                [
                    str(layer.line),
                    "  " * layer.depth
                    + ("└ " if layer.depth else "")
                    + layer.name
                    + ("…" if "name" in layer.truncated and not layer.name.endswith("…") else ""),
                    type_cell(layer, audited),
                    layer.output_shape,
                    (
                        f"{layer.params_cut}…"
                        if layer.params_cut
                        else "?"
                        if layer.params is None
                        else f"{layer.params:,}"
                    )
                    + (f" ({layer.params_note})" if layer.params_note else ""),
                    audited.derivation or "",
                ]
                if not (layer.params is None and is_elision(layer))
                else [str(layer.line), layer.name, "", "", "", LEFT_OUT]
                for layer, audited in zip(summary.layers, summary.audited_rows())
            ]
            # a row for each elision mark not read as a row, once for a mark of several lines
            rows += [
                [str(line), "…", "", "", "", LEFT_OUT]
                for line in summary.elided
                if line - 1 not in summary.elided
                and all(layer.line != line for layer in summary.layers)
            ]
            rows.sort(key=lambda row: int(row[0]))
            assert layer_table(summary) == _tabulated(LAYER_HEADERS, rows), path
            drawn += 1
    assert drawn > 300  # the fixtures and the wild corpus hold hundreds of tables


_CELL = st.text(
    alphabet=st.sampled_from([*"ab Z09(),.-_×└…", "\u4e00", "\u00e9", "\t", "\x1b", "\n", "\x01"]),
    max_size=12,
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_CELL, min_size=3, max_size=3), min_size=1, max_size=5))
def test_a_plain_table_is_drawn_as_tabulate_draws_it(rows: list[list[str]]) -> None:
    headers = ("line", "layer", "output shape")
    plain = simple_table(headers, rows)
    if plain is None:  # a cell tabulate measures its own way: it draws that table
        assert any(not c.isprintable() for row in rows for c in row) or (
            importlib.util.find_spec("wcwidth") is not None
        )
    else:
        assert plain == _tabulated(headers, rows)


# ---------------------------------------------------------------- patterns compiled when used


def test_a_lazy_pattern_compiles_at_its_first_use_and_matches_as_compiled() -> None:
    pattern = LazyPattern(r"(?P<word>[a-z]+)\s*=", re.I)
    assert "compiled" not in vars(pattern) and pattern.pattern == r"(?P<word>[a-z]+)\s*="
    compiled = re.compile(r"(?P<word>[a-z]+)\s*=", re.I)
    for text in ("Total =", "  x=1", "none", "A = b = c"):
        found, expected = pattern.search(text), compiled.search(text)
        assert (found and found.groupdict()) == (expected and expected.groupdict())
        assert pattern.sub("#", text) == compiled.sub("#", text)
        assert pattern.findall(text) == compiled.findall(text)
    assert pattern.groupindex == compiled.groupindex and pattern.flags == compiled.flags
    assert type(pattern) is CompiledPattern  # compiled once: plain attributes from now on


def _fresh_python(code: str) -> str:
    """What a fresh interpreter prints running code with the package importable."""
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    return result.stdout


def test_importing_the_package_compiles_no_damage_or_line_pattern(tmp_path: Path) -> None:
    code = (
        "import summaryaudit, summaryaudit.damage as d, summaryaudit.lines as l\n"
        "from summaryaudit.patterns import CompiledPattern as C\n"
        "lazy = [v for m in (d, l) for v in vars(m).values() if isinstance(v, C)]\n"
        "print(len(lazy), sum('compiled' in vars(v) for v in lazy))\n"
    )
    made, compiled = map(int, _fresh_python(code).split())
    assert made > 40 and compiled == 0


def test_no_module_a_check_loads_compiles_a_text_pattern_at_import(tmp_path: Path) -> None:
    """Every text pattern the command line's modules hold compiles at its first use: compiling
    them all at import cost a plain Keras 2 print 1.29x `import lark` in instructions, not 1.19x.
    The two byte patterns are searched in every run's bytes, so they compile at import."""
    code = (
        "import re, sys, summaryaudit.cli, summaryaudit.api\n"
        "for name, module in sorted(sys.modules.items()):\n"
        "    if name.startswith('summaryaudit'):\n"
        "        for key, value in vars(module).items():\n"
        "            if isinstance(value, re.Pattern):\n"
        "                print(name, key, type(value.pattern).__name__)\n"
    )
    compiled = sorted(_fresh_python(code).split("\n")[:-1])
    assert compiled == [
        "summaryaudit.regions _CRLF_BYTES bytes",
        "summaryaudit.suppressions FILE_DIRECTIVE bytes",
    ]


# ---------------------------------------------------------------- Lark only where a cell needs it


def _lark_modules(loaded: set[str]) -> list[str]:
    return sorted(name for name in loaded if name == "lark" or name.startswith("lark."))


@pytest.mark.parametrize("output", [(), ("--format", "json")])
def test_a_print_in_keras_own_forms_is_read_without_importing_lark(
    tmp_path: Path, output: tuple[str, ...]
) -> None:
    """The line grammars' tables ship as data (summaryaudit/line_tables.py); Lark is imported
    only for a cell outside the forms Keras prints, which the cell grammar reads."""
    loaded = _loaded(tmp_path, "check", *output, str(EXAMPLE), cwd=tmp_path)
    assert "summaryaudit.grammar" in loaded and "summaryaudit.line_tables" in loaded
    assert _lark_modules(loaded) == []


def test_a_cell_outside_keras_forms_imports_lark_for_the_cell_grammar(tmp_path: Path) -> None:
    # a long name pushed against its class (`expanded_conv_project_relu(ReLU)`): only the
    # grammar reads it
    cut = FIXTURES / "real" / "tf2.9" / "long_names_cut_relu.txt"
    loaded = _loaded(tmp_path, "check", str(cut), cwd=tmp_path)
    assert "lark" in loaded and "summaryaudit.grammar_build" in loaded
