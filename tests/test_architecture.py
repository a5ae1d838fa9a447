"""Layering and documentation rules of the code base itself."""

from __future__ import annotations

import ast
import re

from summaryaudit import checks, rules

from .conftest import ROOT

PACKAGE = ROOT / "summaryaudit"
# A module may import only modules of a lower stage.
STAGES = [
    {
        "dialects",
        "records",
        "shapes",
        "layer_classes",
        "rules",
        "memo",
        "patterns",
        "regions",
        "adapters",
        "regex_tables",  # the lazy patterns compiled, as data (generated)
    },
    {"stderr_records"},  # stderr's log records taken out of the stdout lines they landed in
    {"log_prefix"},  # a logger's prefix on the lines of a summary printed through logging
    {"merge_conflicts"},  # a git merge conflict left in a file: its first side read
    {"diffs"},  # a unified diff pasted as text: its new side read, its removed lines notes
    {"box_borders"},  # a Keras 3 box given back the outer borders a Markdown export took off
    {"question_boxes"},  # a Keras 3 box whose drawing an encoding replaced with `?`, redrawn
    {"reflowed_rules"},  # a word a text reflow pulled onto a rule, given back to its row
    {"inserted_pipes"},  # bars an author set between a fixed-width print's columns
    {"cell_lines"},  # a table laid out one cell per line joined back into rows
    # damage's parts: totals spellings, highlighter spacing, translated or cut headers
    {"totals_spellings", "spaced_tokens", "header_repair", "spaceless_rows"},
    {"type_column"},  # a Markdown table's Type column merged into its layer cell
    {"input_shape_column"},  # TensorFlow.js's Input Shape column left out
    {"keras0_rows"},  # Keras 0.3's rows, class before name, written as Keras 1 prints them
    {"bare_shapes"},  # a bare number in a Markdown table's Output Shape column, a 1-D shape
    {"sources", "notebook", "notebook_fragment", "damage"},
    {"kinds"},
    {"cells"},  # fixed-width column cutting and cell splitting: positional Python
    {"lines"},  # line classification: the lexer of the line grammars
    {"grammar_files", "line_tables"},  # the .lark files; their LALR tables as data (generated)
    {"grammar_build"},  # Lark: building the grammars (tables, the cell parser, test parsers)
    {"grammar"},  # walking classified lines through the line grammars' tables
    {"cell_grammar"},  # the .lark cell grammar: the small languages inside one cell
    {"blocks"},  # finding summaries: anchors, and ends where the grammar says
    {"rebuild_row", "rebuild_classes", "rebuild_args", "rebuild_kernels"},  # rebuild solvers' parts
    {  # rebuild: one row solver module per layer family
        "rebuild_dense",
        "rebuild_conv",
        "rebuild_conv_lstm",
        "rebuild_norm",
        "rebuild_recurrent",
        "rebuild_attention",
        "rebuild_spatial",
        "rebuild_weightless",
        "rebuild_merge",
    },
    {"transform", "formulas", "rebuild_layers"},
    {"split_tables"},  # a table retyped as Markdown in part, the rest left raw, joined
    {"rebuild_refs", "rebuild_node"},  # rebuild: Connected to references, the rebuilt model's nodes
    {"rebuild_graph", "rebuild_hidden", "rebuild_frozen", "rebuild_names", "rebuild_source"},
    {"rebuild_emit"},  # rebuild: writing the module
    # the audit, a package of small modules (checks.<module>), lowest first
    {"checks.names"},  # the row-name index: exact and cut (`…`) look-ups
    {"checks.model_rows"},  # nested models: their rows, and whether those rows chain
    {"checks.printed_shapes"},  # each row's printed output shapes, read with the batch axis
    {"checks.row_order"},  # rows whose order on the page is no chain of layers
    {"checks.input_chain"},  # nested models, Connected to and each row's input shapes
    {"checks.cut_shapes"},  # output shapes a column cut, read three ways
    {"checks.derivations"},  # each row's derivation, shared by rows differing only by name
    {"checks.gru_setting"},  # one reset_after per model for GRU rows solved from their count
    {"checks.cut_counts"},  # counts Keras 3 cut short, worked out by formula or totals
    {"checks.graph_outputs"},  # a Keras 0.3 Graph's outputs, printed again after its nodes
    {"checks.classes"},  # the classes the print cut off, filled in from the evidence
    {"checks.analysis"},  # inferred classes, derivations: the Analysis
    {"checks.registry"},  # codes to checks, and the finding each builds
    {"checks.nested_prints"},  # nested rows matched with their own summaries printed before
    {"checks.rows"},  # facts about the rows that several checks share
    {"checks.verified_rows"},  # which rows' counts were verified (a nested row: by its rows)
    {"checks.layer_range_slices"},  # whether the rows printed are a layer_range slice
    {"checks.bn_statistics"},  # where the default non-trainable weights sit (BN statistics)
    {"checks.row_non_trainable"},  # each row's non-trainable weights (LoRA, int8 ruled out)
    {"checks.held_rows"},  # rows of a subclassed model holding the rows above them
    {"checks.shared_weights"},  # rows that may reuse weights another row counts
    {"checks.bn_readings"},  # BatchNormalization counts read two ways, settled by the totals
    {"checks.optimizer_state"},  # a Keras 3 optimizer's state inside Total params
    {"checks.frozen_layers"},  # which whole layers make up a Non-trainable gap
    {"checks.total_readings"},  # which row a Total apart from the rows leaves out, and why
    {"checks.branch_heads"},  # a row a table without Connected to chains, fitting a branch
    {
        "checks.readability",
        "checks.layer_counts",
        "checks.totals",
        "checks.optimizer_totals",
        "checks.lone_split",
        "checks.sizes",
        "checks.inbound",
        "checks.duplicate_names",
    },
    {"checks.non_trainable"},  # reads SA201's verdict on missing rows
    {"checks.non_trainable_bounds"},  # why Non-trainable is only bounded
    {"checks.notes", "checks.coverage"},
    {"checks.result"},
    {"checks"},
    {"rebuild_rows"},  # rebuild: every row solved with the audit's inputs and channel order
    {"api", "rebuild", "suppressions"},
    {"report", "formats", "config", "terminal", "concise", "rebuild_check"},
    {"walk"},
    {"live", "options"},
    {"cli", "__main__", "rebuild_cli"},
    {"regex_table_build"},  # a tool: writes regex_tables.py from every module's patterns
]


def _stage(name: str) -> int:
    for index, members in enumerate(STAGES):
        if name in members:
            return index
    raise AssertionError(f"module {name} has no stage in test_architecture.STAGES")


def _imports(path, package: str = "") -> set[str]:
    """The package modules a file imports; inside a subpackage, siblings as `package.module`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom) or not node.level:
            continue
        inside = package and node.level == 1
        if node.module:
            name = node.module.split(".")[0]
            found.add(f"{package}.{name}" if inside else name)
        else:
            found.update(f"{package}.{a.name}" if inside else a.name for a in node.names)
    return found


def _staged_modules():
    """(module name, path, subpackage) of every module that has a stage of its own."""
    for path in PACKAGE.glob("*.py"):
        if path.stem != "__init__":
            yield path.stem, path, ""
    for path in (PACKAGE / "checks").glob("*.py"):
        name = "checks" if path.stem == "__init__" else f"checks.{path.stem}"
        yield name, path, "checks"


def test_lower_stages_never_import_higher_ones() -> None:
    for name, path, package in _staged_modules():
        own = _stage(name)
        for imported in _imports(path, package) - {"__init__"}:
            if imported == "__version__":
                continue
            assert _stage(imported) <= own, f"{name} imports higher stage {imported}"


def test_the_audit_is_split_into_small_modules() -> None:
    for _, path, package in _staged_modules():
        if package:
            lines = path.read_text(encoding="utf-8").count("\n")
            assert lines <= 400, f"{path.name} has {lines} lines"


def test_every_module_opens_with_a_one_line_docstring() -> None:
    for _, path, _ in _staged_modules():
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


READING = ("dialects", "kinds", "cells", "lines", "grammar", "cell_grammar", "blocks", "transform")


def test_no_reading_stage_uses_another_modules_private_names() -> None:
    modules = {path.stem for path in PACKAGE.glob("*.py")}
    for path in (PACKAGE / f"{name}.py" for name in READING):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in modules
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
            ):
                raise AssertionError(f"{path.name} uses {node.value.id}.{node.attr}")
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                private = [
                    a.name for a in node.names if a.name.startswith("_") and a.name[1:2] != "_"
                ]
                assert not private, f"{path.name} imports {private} from {node.module}"


def test_each_reading_stage_keeps_to_its_job() -> None:
    """Classification knows no grammar; the grammar knows no text; transform reads no lines."""
    forbidden = {
        "lines": {"grammar", "blocks", "transform"},
        "grammar": {"lines", "blocks", "cells", "sources"},
        "cells": {"lines", "grammar", "blocks"},
        "transform": {"sources"},
    }
    for module, banned in forbidden.items():
        imported = _imports(PACKAGE / f"{module}.py")
        assert not imported & banned, f"{module} imports {imported & banned}"
    # transform takes the dialect and era the reader decided: it guesses neither from text
    source = (PACKAGE / "transform.py").read_text(encoding="utf-8")
    assert "def era_of" not in source and "keras2-wrapped" not in source


def test_line_grammars_are_composed_with_lark_imports() -> None:
    from summaryaudit import grammar_build, grammar_files
    from summaryaudit.kinds import Layout, LineKind

    folder = grammar_files.grammar_dir()
    declared = set()
    for line in (folder / "common.lark").read_text(encoding="utf-8").splitlines():
        if line.startswith("%declare"):
            declared.update(line.split()[1:])
    assert declared == {kind.value for kind in LineKind}
    for layout in Layout:
        text = grammar_files.grammar_text(layout)
        assert "%import common (" in text
        assert "%declare" not in text  # the terminals come from common.lark, not a copy
        assert grammar_build.parser_for(layout).options.parser == "lalr"


def test_the_audit_names_eras_and_dialects_by_their_enums() -> None:
    """One name per concept: formulas and checks compare dialects.Era / Dialect, never strings."""
    from summaryaudit.dialects import Dialect, Era

    spelled = {e.value for e in (*Era, *Dialect) if e.value}
    for folder in ("formulas", "checks"):
        for path in (PACKAGE / folder).glob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if not isinstance(node, ast.Compare):
                    continue
                operands = [node.left, *node.comparators]
                for operand in operands:
                    items = (
                        operand.elts if isinstance(operand, (ast.Tuple, ast.List)) else [operand]
                    )
                    for item in items:
                        if isinstance(item, ast.Constant) and item.value in spelled:
                            raise AssertionError(
                                f"{folder}/{path.name}:{node.lineno} {item.value!r}"
                            )
