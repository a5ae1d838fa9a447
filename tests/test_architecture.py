"""Layering and documentation rules of the code base itself."""

from __future__ import annotations

import ast
import re

from summaryaudit import checks, rules

from .conftest import ROOT

PACKAGE = ROOT / "summaryaudit"
# A module may import only modules of a lower stage.
STAGES = [
    {"records", "shapes", "layer_classes", "rules"},
    {"sources", "notebook", "damage"},
    {"blocks"},
    {"grammar", "cells"},
    {"transform", "formulas"},
    {"checks"},
    {"api"},
    {"report", "formats", "config", "terminal", "concise", "suppressions"},
    {"walk"},
    {"live", "options"},
    {"cli", "__main__"},
]


def _stage(name: str) -> int:
    for index, members in enumerate(STAGES):
        if name in members:
            return index
    raise AssertionError(f"module {name} has no stage in test_architecture.STAGES")


def _imports(path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                found.add(node.module.split(".")[0])
            else:
                found.update(alias.name for alias in node.names)
    return found


def test_lower_stages_never_import_higher_ones() -> None:
    for path in PACKAGE.glob("*.py"):
        if path.stem == "__init__":
            continue
        own = _stage(path.stem)
        for imported in _imports(path) - {"__init__"}:
            if imported == "__version__":
                continue
            assert _stage(imported) <= own, f"{path.stem} imports higher stage {imported}"


def test_every_module_opens_with_a_one_line_docstring() -> None:
    for path in PACKAGE.glob("*.py"):
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
        assert doc, path.name
        assert doc.splitlines()[0].endswith("."), path.name


def test_tabulate_is_imported_only_where_tables_are_printed() -> None:
    for path in PACKAGE.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        top_level = re.search(r"^(?:import tabulate|from tabulate)", text, re.M)
        assert not top_level, f"{path.name} imports tabulate at module level"


def test_every_code_is_documented_and_checked() -> None:
    # SA002: raised by api for an input without summaries; SA010: by suppressions (unused ones)
    produced_elsewhere = {"SA002", "SA010"}
    for code, rule in rules.RULES.items():
        assert re.fullmatch(r"SA\d{3}", code)
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name)
        assert rule.summary and rule.why and rule.example
        assert code in checks.CHECKS or code in produced_elsewhere, code
    assert set(checks.CHECKS) <= set(rules.RULES)


def test_grammar_files_exist_for_every_dialect() -> None:
    from summaryaudit import grammar

    for dialect in ("keras1", "keras2", "keras2-wrapped", "keras3"):
        assert grammar.parser_for(dialect).options.parser == "lalr"
