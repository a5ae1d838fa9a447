"""Where the .lark grammar files are, their texts, and the digest that keys their tables."""

from __future__ import annotations

import functools
import os
import zlib
from typing import TYPE_CHECKING

from .kinds import Layout

if TYPE_CHECKING:
    from pathlib import Path

GRAMMAR_FILES = {
    Layout.FIXED: "fixed.lark",
    Layout.COLLAPSED: "fixed.lark",
    Layout.BOX: "box.lark",
    Layout.PIPE: "pipe.lark",
}
LINE_GRAMMARS = ("fixed.lark", "box.lark", "pipe.lark")
SHARED_FILES = ("common.lark",)
# `orphan`: a totals block printed without its table; `cut_title`: a title the paste ends after
LINE_STARTS = ("start", "orphan", "cut_title")
END = "$END"
TABLE_FORMAT = 2  # the shape of line_tables.TABLES; a change makes every stored table stale


class GrammarNotFound(RuntimeError):
    """The .lark files are missing from both the installed package and the checkout."""


def grammar_dir() -> Path:
    """Return the folder of the .lark files: in the installed package, else in the checkout."""
    from pathlib import Path

    return Path(grammar_folder())


@functools.cache
def grammar_folder() -> str:
    """The folder of the .lark files as a string (the tables load without pathlib)."""
    here = os.path.dirname(os.path.realpath(__file__))
    for candidate in (
        os.path.join(here, "grammars"),
        os.path.join(os.path.dirname(here), "grammars"),
    ):
        if os.path.isfile(os.path.join(candidate, "common.lark")):
            return candidate
    raise GrammarNotFound(f"no grammars/ folder next to {here}")


@functools.cache
def grammar_text(layout: Layout) -> str:
    """Return a layout's own grammar (it pulls the shared rules in with `%import common`)."""
    return file_text(GRAMMAR_FILES[layout])


@functools.cache
def file_text(file_name: str) -> str:
    """Return the text of one .lark file of the grammars/ folder."""
    with open(os.path.join(grammar_folder(), file_name), encoding="utf-8") as handle:
        return handle.read()


@functools.cache
def source_digest(file_name: str, folder: str = "") -> str:
    """Hash a grammar file and every file it may import (and a folder, when given)."""
    texts = [folder, str(TABLE_FORMAT), file_text(file_name)]
    texts += [file_text(name) for name in SHARED_FILES]
    return f"{zlib.crc32(chr(0).join(texts).encode('utf-8')):08x}"
