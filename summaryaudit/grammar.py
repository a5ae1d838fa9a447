"""Load the .lark line grammars, lex classified lines into tokens, and walk them with Lark."""

from __future__ import annotations

import copy
import functools
import os
import stat
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional, Protocol, Union

from lark import Lark, Token, Tree
from lark import __version__ as lark_version
from lark.exceptions import UnexpectedInput
from lark.lexer import Lexer
from lark.parsers.lalr_interactive_parser import InteractiveParser

from .kinds import Classified, Layout, LineKind

_GRAMMAR_FILES = {
    Layout.FIXED: "fixed.lark",
    Layout.COLLAPSED: "fixed.lark",
    Layout.BOX: "box.lark",
    Layout.PIPE: "pipe.lark",
}
_SHARED = ("common.lark",)
END = "$END"


class GrammarNotFound(RuntimeError):
    """The .lark files are missing from both the installed package and the checkout."""


class LineLexer(Lexer):
    """Lark's custom-lexer hook: one token per classified line, typed by the line's kind."""

    def __init__(self, lexer_conf: Any) -> None:
        del lexer_conf  # the lines arrive classified: there is nothing to configure

    def lex(self, data: Any) -> Iterator[Token]:  # type: ignore[override]
        """Yield a token per Classified line; its value is the classified line itself."""
        for item in data:
            yield line_token(item)


def line_token(item: Classified) -> Token:
    """Return the token of one classified line (type: its kind; value: the line)."""
    token = Token(item.kind.value, item.text)
    token.value = item
    return token


def grammar_dir() -> Path:
    """Return the folder of the .lark files: in the installed package, else in the checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "grammars", here.parent / "grammars"):
        if (candidate / "common.lark").is_file():
            return candidate
    raise GrammarNotFound(f"no grammars/ folder next to {here}")


@functools.cache
def grammar_text(layout: Layout) -> str:
    """Return a layout's own grammar (it pulls the shared rules in with `%import common`)."""
    return (grammar_dir() / _GRAMMAR_FILES[layout]).read_text(encoding="utf-8")


@functools.cache
def _source_digest(layout: Layout) -> str:
    """Hash a layout's grammar together with every file it imports (the cache key)."""
    folder = grammar_dir()
    texts = [grammar_text(layout)] + [(folder / n).read_text(encoding="utf-8") for n in _SHARED]
    return f"{zlib.crc32(chr(0).join(texts).encode('utf-8')):08x}"


def parser_for(layout: Layout) -> Lark:
    """Return the LALR parser of a layout (fixed and collapsed tables share one grammar)."""
    return _parser(_GRAMMAR_FILES[layout])


@functools.cache
def _parser(file_name: str) -> Lark:
    """Build (once) the LALR parser of a grammar file; `orphan` (totals alone) is a second start.

    Lark's cache keeps the analysed LALR tables in the user's private cache folder, keyed by a
    hash of the grammar, so later runs load them instead of rebuilding (about 100 ms).
    """
    layout = next(k for k, v in _GRAMMAR_FILES.items() if v == file_name)
    return Lark(
        grammar_text(layout),
        parser="lalr",
        lexer=LineLexer,
        strict=True,  # a Shift/Reduce conflict is a grammar error, not a silent choice
        start=["start", "orphan"],
        import_paths=[str(grammar_dir())],
        propagate_positions=False,
        maybe_placeholders=False,
        cache=_cache_path(layout),
    )


def _cache_path(layout: Layout) -> Union[str, bool]:
    """Return a cache file for a layout's LALR tables that only this user can write, or False.

    Lark unpickles a cache file before it checks the file's hash, so a file another user could
    plant would run code as whoever runs summaryaudit. The tables therefore live only in the
    user's own cache folder (created 0700), and are used only when that folder, its parent and
    the file are owned by this user (or the parent by root) and writable by nobody else.
    """
    folder = user_cache_dir()
    if folder is None:
        return False
    digest = _source_digest(layout)
    name = _GRAMMAR_FILES[layout].removesuffix(".lark")
    path = folder / f"{name}-{digest}-lark{lark_version}.cache"
    try:
        if not _private(os.lstat(path), regular=True):
            return False
    except FileNotFoundError:
        pass
    except OSError:
        return False
    return str(path)


def user_cache_dir() -> Optional[Path]:
    """Return this user's private summaryaudit cache folder, creating it 0700; None if unsafe.

    `$XDG_CACHE_HOME/summaryaudit` (an absolute path only), else `~/.cache/summaryaudit`; never
    a shared temporary folder. None on platforms without file ownership (no cache is kept).
    """
    if not hasattr(os, "getuid"):
        return None
    base = os.environ.get("XDG_CACHE_HOME", "")
    try:
        root = Path(base) if os.path.isabs(base) else Path.home() / ".cache"
        folder = root / "summaryaudit"
        root.mkdir(mode=0o700, parents=True, exist_ok=True)
        folder.mkdir(mode=0o700, exist_ok=True)
        if not (_private(os.lstat(folder), directory=True) and _safe_parent(os.lstat(root))):
            return None
    except (OSError, RuntimeError):
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


class BlockLike(Protocol):
    """What the grammar needs of a block: its classified lines, its layout and its rejects."""

    lines: tuple[Classified, ...]
    layout: Layout
    rejected: tuple[int, ...]


@dataclass(frozen=True)
class ParsedBlock:
    """A block with its parse tree and the indexes of the lines the grammar could not place."""

    block: Any
    tree: Tree
    rejected: tuple[int, ...]


Stack = tuple[int, ...]
_ACCEPTS: dict[tuple[str, str, Stack], frozenset[str]] = {}
_STEPS: dict[tuple[str, str, Stack, str], Stack] = {}
_ENDS: dict[tuple[str, str, Stack, int], bool] = {}


@functools.cache
def _start_cursor(file_name: str, start: str) -> InteractiveParser:
    """Return Lark's interactive parser at the start symbol, without tree-building callbacks."""
    ip = _parser(file_name).parse_interactive(start=start)
    conf = copy.copy(ip.parser_state.parse_conf)
    conf.callbacks = {}  # only the states matter here: no tree is built
    ip.parser_state.parse_conf = conf
    return ip


def _cursor(file_name: str, start: str, stack: Stack) -> InteractiveParser:
    """Return an interactive parser standing on the given state stack."""
    ip = _start_cursor(file_name, start).copy(deepcopy_values=False)
    ip.parser_state.state_stack[:] = stack
    ip.parser_state.value_stack[:] = [None] * (len(stack) - 1)
    return ip


class Walk:
    """Feeds line kinds to Lark's interactive parser, one line at a time, without building a tree.

    What the parser accepts next (`accepts()`) and where each line kind takes it are memoised
    per parser stack, so once a grammar state has been seen a step costs a dictionary look-up.
    """

    def __init__(self, layout: Layout, start: str = "start") -> None:
        self.file_name = _GRAMMAR_FILES[layout]
        self.start = start
        self.stack: Stack = tuple(_start_cursor(self.file_name, start).parser_state.state_stack)

    def accepts(self) -> frozenset[str]:
        """Return the line kinds the grammar accepts next (and `$END` if it may end here)."""
        key = (self.file_name, self.start, self.stack)
        found = _ACCEPTS.get(key)
        if found is None:
            found = frozenset(_cursor(*key).accepts())
            _ACCEPTS[key] = found
        return found

    def feed(self, kind: LineKind) -> None:
        """Advance by one line of the given kind (which accepts() must contain)."""
        key = (self.file_name, self.start, self.stack, kind.value)
        found = _STEPS.get(key)
        if found is None:
            ip = _cursor(self.file_name, self.start, self.stack)
            ip.feed_token(Token(kind.value, ""))
            found = tuple(ip.parser_state.state_stack)
            _STEPS[key] = found
        self.stack = found

    def can_end(self, open_frames: int = 0) -> bool:
        """Tell whether the summary may end here, once its open nested frames are closed."""
        if not open_frames:
            return END in self.accepts()
        key = (self.file_name, self.start, self.stack, open_frames)
        found = _ENDS.get(key)
        if found is None:
            trial = copy.copy(self)
            found = True
            for _ in range(open_frames):
                if LineKind.NEST_CLOSE.value not in trial.accepts():
                    found = False
                    break
                trial.feed(LineKind.NEST_CLOSE)
            found = found and END in trial.accepts()
            _ENDS[key] = found
        return found


def closing_frames(lines: Sequence[Classified]) -> list[Classified]:
    """Return the NEST_CLOSE lines that close the expand_nested frames a block leaves open."""
    depth = 0
    for item in lines:
        if item.kind is LineKind.NEST_OPEN:
            depth += 1
        elif item.kind is LineKind.NEST_CLOSE:
            depth -= 1
    if depth <= 0 or not lines:
        return []
    last = lines[-1]
    return [Classified(last.line, "", LineKind.NEST_CLOSE, depth - i - 1) for i in range(depth)]


def parse_block(block: BlockLike) -> Optional[ParsedBlock]:
    """Parse a block's accepted lines into a tree; its rejected lines stay reported."""
    skipped = set(block.rejected)
    accepted = [item for i, item in enumerate(block.lines) if i not in skipped]
    has_header = any(item.kind is LineKind.HEADER for item in accepted)
    tokens = accepted + closing_frames(accepted)
    try:
        tree = parser_for(block.layout).parse(tokens, start="start" if has_header else "orphan")  # type: ignore[arg-type]
    except UnexpectedInput:
        return None
    return ParsedBlock(block, tree, tuple(block.rejected))
