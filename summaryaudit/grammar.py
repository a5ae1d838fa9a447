"""Load the .lark grammars, build one cached LALR parser per dialect, and parse blocks."""

from __future__ import annotations

import functools
import os
import stat
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Union

from lark import Lark, Tree, UnexpectedInput
from lark import __version__ as lark_version

from . import blocks

_CODES = {
    blocks.MODEL: "M",
    blocks.RULE: "_",
    blocks.RULE_EQ: "=",
    blocks.HEADER: "H",
    blocks.ROW: "r",
    blocks.CONT: "c",
    blocks.SPACER: ".",
    blocks.NEST_OPEN: "<",
    blocks.NEST_CLOSE: ">",
    blocks.BOX_TOP: "[",
    blocks.BOX_HEAD_SEP: "#",
    blocks.BOX_SEP: "-",
    blocks.BOX_BOTTOM: "]",
    blocks.TOTAL: "T",
    blocks.TRAINABLE: "t",
    blocks.NON_TRAINABLE: "n",
    blocks.OPTIMIZER: "o",
}
_GRAMMAR_FILES = {
    "keras1": "keras1.lark",
    "keras2": "keras2.lark",
    "keras2-wrapped": "keras2_wrapped.lark",
    "keras3": "keras3.lark",
}
_MAX_RECOVERIES = 200


class GrammarNotFound(RuntimeError):
    """The .lark files are missing from both the installed package and the checkout."""


@dataclass(frozen=True)
class ParsedBlock:
    """A block with its parse tree and the indexes of the lines the grammar could not place."""

    block: blocks.Block
    tree: Tree
    rejected: tuple[int, ...]


def grammar_dir() -> Path:
    """Return the folder of the .lark files: in the installed package, else in the checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "grammars", here.parent / "grammars"):
        if (candidate / "common.lark").is_file():
            return candidate
    raise GrammarNotFound(f"no grammars/ folder next to {here}")


@functools.cache
def grammar_text(dialect: str) -> str:
    """Return the full grammar of a dialect: common.lark followed by the dialect's own file."""
    folder = grammar_dir()
    common = (folder / "common.lark").read_text(encoding="utf-8")
    own = (folder / _GRAMMAR_FILES[dialect]).read_text(encoding="utf-8")
    return common + "\n" + own


@functools.cache
def parser_for(dialect: str) -> Lark:
    """Build (once) the LALR parser of a dialect; `totals` is a second start symbol.

    Lark's cache keeps the analysed LALR tables in the user's private cache folder, keyed by a
    hash of the grammar, so later runs load them instead of rebuilding (about 100 ms).
    """
    return Lark(
        grammar_text(dialect),
        parser="lalr",
        start=["start", "totals"],
        propagate_positions=False,
        maybe_placeholders=False,
        cache=_cache_path(dialect),
    )


def _cache_path(dialect: str) -> Union[str, bool]:
    """Return a cache file for a dialect's LALR tables that only this user can write, or False.

    Lark unpickles a cache file before it checks the file's hash, so a file another user could
    plant would run code as whoever runs summaryaudit. The tables therefore live only in the
    user's own cache folder (created 0700), and are used only when that folder, its parent and
    the file are owned by this user (or the parent by root) and writable by nobody else.
    """
    folder = user_cache_dir()
    if folder is None:
        return False
    digest = f"{zlib.crc32(grammar_text(dialect).encode('utf-8')):08x}"
    path = folder / f"{dialect}-{digest}-lark{lark_version}.cache"
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


def spell(block: blocks.Block) -> str:
    """Spell a block as one grammar code per line, closing any expand_nested frame left open."""
    codes = []
    depth = 0
    for item in block.lines:
        code = _CODES[item.kind]
        if item.kind == blocks.NEST_OPEN:
            depth += 1
        elif item.kind == blocks.NEST_CLOSE:
            if depth == 0:
                code = "."
            else:
                depth -= 1
        codes.append(code)
    return "".join(codes) + ">" * depth


def parse_block(block: blocks.Block) -> Optional[ParsedBlock]:
    """Parse a block; lines the grammar cannot place are skipped and reported as rejected."""
    text = spell(block)
    has_header = any(item.kind == blocks.HEADER for item in block.lines)
    start = "start" if has_header else "totals"
    rejected: list[int] = []

    def recover(error: UnexpectedInput) -> bool:
        position = getattr(error, "pos_in_stream", None)
        token = getattr(error, "token", None)
        if token is not None and getattr(token, "type", "") == "$END":
            return False
        if position is None and token is not None:
            position = token.start_pos
        if position is None or len(rejected) >= _MAX_RECOVERIES:
            return False
        rejected.append(int(position))
        return True

    try:
        tree = parser_for(block.dialect).parse(text, start=start, on_error=recover)
    except UnexpectedInput:
        return None
    return ParsedBlock(block, tree, tuple(sorted(set(rejected))))
