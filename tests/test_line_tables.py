"""The line grammars' tables shipped in summaryaudit/line_tables.py are what Lark makes of them."""

from __future__ import annotations

import pytest
from lark import __version__ as lark_version

from summaryaudit import grammar, grammar_build, grammar_files, line_tables
from summaryaudit.kinds import Layout, LineKind

from .conftest import ROOT


@pytest.mark.parametrize("file_name", grammar_files.LINE_GRAMMARS)
def test_every_stored_table_is_current(file_name: str) -> None:
    stored = grammar.stored_table(file_name)
    assert stored is not None, f"{file_name} changed: run python scripts/compile_grammars.py"
    assert grammar.line_table(file_name).states is stored["states"]  # the audit walks this one


@pytest.mark.parametrize("file_name", grammar_files.LINE_GRAMMARS)
def test_the_stored_table_is_the_one_this_lark_makes(file_name: str) -> None:
    stored = line_tables.TABLES[file_name]
    if stored["lark"] != lark_version:
        pytest.skip(
            f"the tables were made with Lark {stored['lark']} and this is Lark {lark_version}: "
            "tests/test_parse_lines.py compares their parses with this Lark's instead"
        )
    assert grammar_build.table_data(file_name) == {"format": line_tables.FORMAT, **stored}


def test_the_tables_module_is_the_one_the_script_writes() -> None:
    text = (ROOT / "summaryaudit" / "line_tables.py").read_text(encoding="utf-8")
    if any(table["lark"] != lark_version for table in line_tables.TABLES.values()):
        pytest.skip(f"the tables were made with another Lark than {lark_version}")
    assert grammar_build.table_module(grammar_files.LINE_GRAMMARS) == text


def test_a_stale_table_is_not_used_and_lark_builds_the_same_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    stale = dict(line_tables.TABLES["box.lark"], digest="00000000")
    monkeypatch.setitem(line_tables.TABLES, "box.lark", stale)
    assert grammar.stored_table("box.lark") is None
    rebuilt = grammar.line_table.__wrapped__("box.lark")  # what a fresh process would build
    assert rebuilt.states == stale["states"] and rebuilt.rules == stale["rules"]


def test_a_table_of_another_format_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(line_tables, "FORMAT", line_tables.FORMAT + 1)
    assert all(grammar.stored_table(name) is None for name in grammar_files.LINE_GRAMMARS)


def test_the_walk_accepts_what_lark_s_interactive_parser_accepts() -> None:
    """Along a Keras 3 box print, every state's accepted kinds (and `$END`) are Lark's."""
    from lark import Token

    kinds = ["MODEL", "BOX_TOP", "HEADER", "BOX_HEAD_SEP", "BOX_LINE", "BOX_SEP", "BOX_LINE"]
    kinds += ["BOX_BOTTOM", "TOTAL", "TRAINABLE", "NON_TRAINABLE"]
    parser = grammar_build.parser_for(Layout.BOX)
    lark_walk = parser.parse_interactive(start="start")
    ignored = set(
        parser.lexer_conf.ignore
    )  # (Lark's lexer drops these: its parser never sees them)
    assert ignored == {"STDERR"}
    ours = grammar.Walk(Layout.BOX)
    for kind in kinds:
        assert ours.accepts() == {str(token) for token in lark_walk.accepts()} | ignored, kind
        assert ours.can_end() == (grammar_files.END in lark_walk.accepts())
        before = ours.state
        ours.feed(LineKind.STDERR)  # ignored wherever it stands: the state stays
        assert ours.state == before
        ours.feed(LineKind(kind))
        lark_walk.feed_token(Token(kind, ""))
    assert ours.can_end() and grammar_files.END in lark_walk.accepts()
