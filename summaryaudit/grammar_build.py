"""Build the .lark grammars with Lark: the cell parser, line parsers, and line tables as data."""

from __future__ import annotations

import contextlib
import functools
import os
import stat
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Optional, Union

from lark import Lark, Token
from lark import __version__ as lark_version
from lark.lexer import Lexer
from lark.parsers.lalr_analysis import Shift

from .grammar_files import (
    GRAMMAR_FILES,
    LINE_STARTS,
    TABLE_FORMAT,
    file_text,
    grammar_folder,
    source_digest,
)
from .kinds import Classified, Layout

if TYPE_CHECKING:
    from pathlib import Path


class LineLexer(Lexer):
    """Lark's custom-lexer hook: one token per classified line, typed by the line's kind."""

    def __init__(self, lexer_conf: Any) -> None:
        # the lines arrive classified: only the kinds the grammar ignores (`%ignore STDERR`)
        self.ignored = frozenset(lexer_conf.ignore) if lexer_conf is not None else frozenset()

    def lex(self, data: Any) -> Iterator[Token]:  # type: ignore[override]
        """Yield a token per Classified line (none for a kind the grammar ignores); its value
        is the classified line itself."""
        for item in data:
            if item.kind not in self.ignored:
                yield line_token(item)


def line_token(item: Classified) -> Token:
    """Return the token of one classified line (type: its kind; value: the line)."""
    token = Token(item.kind, item.text)  # a LineKind is the str of its terminal name
    token.value = item
    return token


def parser_for(layout: Layout) -> Lark:
    """Return Lark's LALR parser of a layout's line grammar (fixed and collapsed share one).

    The audit itself walks the grammar's table (`grammar.line_table`) and needs no Lark object;
    this parser is what the tables are made from and what the tests compare them with.
    """
    return line_parser(GRAMMAR_FILES[layout])


@functools.cache
def line_parser(file_name: str) -> Lark:
    """Build (once) the LALR parser of a line grammar; `orphan` (totals alone) is a second start."""
    return load_parser(file_name, list(LINE_STARTS), lexer=LineLexer)


def table_data(file_name: str) -> dict[str, Any]:
    """Return a line grammar's LALR table and tree shapes as plain data (`grammar.LineTable`).

    `states[n]` maps each symbol to an action: a state number (>= 0) to shift to, or `~r` to
    reduce by rule r. `rules[r]` is (origin, length, tree name, kept children): the children
    Lark's parse-tree builder keeps, each with whether it is inlined (a `_rule`), or None when
    it keeps them all as they are. Lark numbers its states in an order that changes with
    Python's string hashing; here they are numbered in the order a walk from the start states
    (symbols in sorted order) first meets them, so the same grammar always gives the same data.
    """
    parser = line_parser(file_name)
    table = parser.parser.parser.parser.parse_table
    order: list[int] = []
    numbers: dict[int, int] = {}
    for start in sorted(table.start_states):
        _number_from(table.states, table.start_states[start], order, numbers)
    if len(order) != len(table.states):
        raise RuntimeError(f"{file_name}: some of Lark's LALR states are unreachable")
    rules: list[tuple[str, int, str, Optional[tuple[tuple[int, bool], ...]]]] = []
    rule_numbers: dict[Any, int] = {}
    states = []
    for old in order:
        actions: dict[str, int] = {}
        for symbol, (action, argument) in sorted(table.states[old].items()):
            if action is Shift:
                actions[str(symbol)] = numbers[argument]
                continue
            shape = _rule_shape(file_name, argument)
            if shape not in rule_numbers:
                rule_numbers[shape] = len(rules)
                rules.append(shape)
            actions[str(symbol)] = ~rule_numbers[shape]
        states.append(actions)
    return {
        "format": TABLE_FORMAT,
        "digest": source_digest(file_name),
        "lark": lark_version,
        "start_states": {k: numbers[v] for k, v in sorted(table.start_states.items())},
        "end_states": {k: numbers[v] for k, v in sorted(table.end_states.items())},
        "rules": tuple(rules),
        "states": tuple(states),
        "ignore": tuple(sorted(parser.lexer_conf.ignore)),  # kinds it skips wherever they stand
    }


def _number_from(
    states: dict[int, dict[Any, Any]], first: int, order: list[int], numbers: dict[int, int]
) -> None:
    """Number the states reachable from one, breadth first, symbols in sorted order."""
    queue = [first]
    while queue:
        state = queue.pop(0)
        if state in numbers:
            continue
        numbers[state] = len(order)
        order.append(state)
        for _symbol, (action, argument) in sorted(states[state].items()):
            if action is Shift and argument not in numbers:
                queue.append(argument)


def _rule_shape(
    file_name: str, rule: Any
) -> tuple[str, int, str, Optional[tuple[tuple[int, bool], ...]]]:
    """What Lark's parse-tree builder makes of a rule (lark.parse_tree_builder, LALR, without
    placeholders or positions): the tree's name and which children it keeps or inlines."""
    options = rule.options
    if options.expand1 or options.empty_indices:
        raise RuntimeError(f"{file_name}: `?rule` and `[item]` are not used by the line grammars")
    kept = tuple(
        (index, not symbol.is_term and symbol.name.startswith("_"))
        for index, symbol in enumerate(rule.expansion)
        if options.keep_all_tokens or not (symbol.is_term and symbol.filter_out)
    )
    whole = len(kept) == len(rule.expansion) and not any(inline for _, inline in kept)
    name = rule.alias or options.template_source or rule.origin.name
    return str(rule.origin.name), len(rule.expansion), str(name), None if whole else kept


def table_module(file_names: tuple[str, ...]) -> str:
    """Return the text of `summaryaudit/line_tables.py`: every line grammar's table as data."""
    lines = [
        '"""The line grammars\' LALR tables, made by Lark from grammars/*.lark (generated)."""',
        "",
        "# Generated by `python scripts/compile_grammars.py`; do not edit. A table is used only",
        "# while its digest matches its grammar files (else Lark builds it again), and",
        "# tests/test_line_tables.py checks that every table here is current.",
        "# ruff: noqa",
        "",
        f"FORMAT = {TABLE_FORMAT}",
        "TABLES = {",
    ]
    for file_name in file_names:
        data = table_data(file_name)
        lines.append(f"    {file_name!r}: {{")
        for key in ("digest", "lark", "start_states", "end_states", "ignore"):
            lines.append(f"        {key!r}: {data[key]!r},")
        lines.append("        'rules': (")
        lines += [f"            {rule!r}," for rule in data["rules"]]
        lines.append("        ),")
        lines.append("        'states': (")
        lines += [f"            {actions!r}," for actions in data["states"]]
        lines.append("        ),")
        lines.append("    },")
    lines.append("}")
    return "\n".join(lines) + "\n"


def load_parser(file_name: str, starts: list[str], **options: Any) -> Lark:
    """Build an LALR parser of a grammar file of grammars/, its tables cached privately.

    Strict by default: a Shift/Reduce conflict is a grammar error, not a silent choice (a
    grammar with regular-expression terminals passes strict=False and is checked by a test).
    """
    options.setdefault("strict", True)
    return Lark(
        file_text(file_name),
        parser="lalr",
        start=starts,
        import_paths=[grammar_folder()],
        propagate_positions=False,
        maybe_placeholders=False,
        cache=_cache_path(file_name),
        **options,
    )


def _cache_path(file_name: str) -> Union[str, bool]:
    """Return a cache file for a grammar's LALR tables that only this user can write, or False.

    Lark unpickles a cache file before it checks the file's hash, so a file another user could
    plant would run code as whoever runs summaryaudit. The tables therefore live only in the
    user's own cache folder (created 0700), and are used only when that folder, its parent and
    the file are owned by this user (or the parent by root) and writable by nobody else. The
    folder is part of the key: Lark's own hash covers the import path, so two installs of the
    same grammar would otherwise overwrite each other's file.
    """
    folder = _user_cache_folder()
    if folder is None:
        return False
    digest = source_digest(file_name, grammar_folder())
    name = file_name.removesuffix(".lark")
    return _private_file(folder, f"{name}-{digest}-lark{lark_version}.cache") or False


def _private_file(folder: str, name: str) -> Optional[str]:
    """Return the path of a file of the private cache folder that is safe to read and write:
    absent, or a regular file of this user's that nobody else can write; otherwise None."""
    path = os.path.join(folder, name)
    try:
        if not _private(os.lstat(path), regular=True):
            return None
    except FileNotFoundError:
        pass
    except OSError:
        return None
    return path


def user_cache_dir() -> Optional[Path]:
    """Return this user's private summaryaudit cache folder, creating it 0700; None if unsafe.

    `$XDG_CACHE_HOME/summaryaudit` (an absolute path only), else `~/.cache/summaryaudit`; never
    a shared temporary folder. None on platforms without file ownership (no cache is kept).
    """
    from pathlib import Path

    folder = _user_cache_folder()
    return None if folder is None else Path(folder)


def _user_cache_folder() -> Optional[str]:
    """`user_cache_dir` as a string (the parsers load without pathlib)."""
    if not hasattr(os, "getuid"):
        return None
    base = os.environ.get("XDG_CACHE_HOME", "")
    try:
        if os.path.isabs(base):
            root = base.rstrip("/") or "/"  # as Path() spells it: lstat must not follow a link
        else:
            home = os.path.expanduser("~")
            if home.startswith("~"):  # no home folder is known: keep no cache
                return None
            root = os.path.join(home, ".cache")
        folder = os.path.join(root, "summaryaudit")
        os.makedirs(root, mode=0o700, exist_ok=True)
        with contextlib.suppress(FileExistsError):
            os.mkdir(folder, mode=0o700)
        if not (_private(os.lstat(folder), directory=True) and _safe_parent(os.lstat(root))):
            return None
    except OSError:
        return None
    return folder


def _private(info: os.stat_result, directory: bool = False, regular: bool = False) -> bool:
    """Tell whether a file or folder is this user's own and writable by nobody else."""
    kind_ok = (not directory or stat.S_ISDIR(info.st_mode)) and (
        not regular or stat.S_ISREG(info.st_mode)
    )
    return kind_ok and info.st_uid == os.getuid() and not info.st_mode & 0o022


def _safe_parent(info: os.stat_result) -> bool:
    """Tell whether nobody but this user (or root) can rename things inside a parent folder."""
    return (
        stat.S_ISDIR(info.st_mode) and info.st_uid in (os.getuid(), 0) and not info.st_mode & 0o022
    )
