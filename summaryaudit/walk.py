"""Find the files to audit under a directory: include/exclude globs and .gitignore rules."""

from __future__ import annotations

import contextlib
import fnmatch
import os
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Optional

from .records import FrozenRecord

if TYPE_CHECKING:
    from pathlib import Path

DEFAULT_INCLUDE = (
    "*.md",
    "*.markdown",
    "*.txt",
    "*.log",
    "*.ipynb",
    "*.html",
    "*.htm",
    "*.py",
    "*.rst",
)
_ALWAYS_SKIPPED = {
    ".git",
    ".hg",
    ".svn",
    "__pycache__",
    ".ipynb_checkpoints",
    "node_modules",
    "site-packages",  # installed packages (this tool's own docstrings hold example prints)
    ".tox",
    ".nox",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
}


def _is_virtualenv(folder: Path) -> bool:
    """Tell whether a folder is a Python virtual environment (it holds a pyvenv.cfg); a folder
    that cannot be looked into is not, and is reported where the walk enters it."""
    return os.path.isfile(os.path.join(folder, "pyvenv.cfg"))


class IgnoreRule(FrozenRecord):
    """One .gitignore pattern, relative to the folder of the file that holds it."""

    base: str  # folder of the .gitignore, relative to the walk root, '' at the root
    pattern: str
    negated: bool
    directory_only: bool
    anchored: bool

    def __init__(
        self, base: str, pattern: str, negated: bool, directory_only: bool, anchored: bool
    ) -> None:
        d = self.__dict__
        d["base"] = base
        d["pattern"] = pattern
        d["negated"] = negated
        d["directory_only"] = directory_only
        d["anchored"] = anchored

    def matches(self, relative: str, is_dir: bool) -> bool:
        """Tell whether a path (relative to the walk root, '/'-separated) matches."""
        if self.directory_only and not is_dir:
            return False
        if self.base:
            if not relative.startswith(self.base + "/"):
                return False
            relative = relative[len(self.base) + 1 :]
        if self.anchored:
            return fnmatch.fnmatchcase(relative, self.pattern)
        name = relative.rsplit("/", 1)[-1]
        return fnmatch.fnmatchcase(name, self.pattern) or fnmatch.fnmatchcase(
            relative, "*/" + self.pattern
        )


def parse_gitignore(text: str, base: str) -> list[IgnoreRule]:
    """Read the patterns of one .gitignore file (comments, negation, dir-only, anchoring)."""
    rules = []
    for raw in text.splitlines():
        line = raw.rstrip()
        if not line or line.startswith("#"):
            continue
        negated = line.startswith("!")
        if negated:
            line = line[1:]
        directory_only = line.endswith("/")
        line = line.rstrip("/")
        anchored = "/" in line
        line = line.lstrip("/")
        if line:
            rules.append(IgnoreRule(base, line, negated, directory_only, anchored))
    return rules


def _ignored(rules: Sequence[IgnoreRule], relative: str, is_dir: bool) -> bool:
    verdict = False
    for rule in rules:
        if rule.matches(relative, is_dir):
            verdict = not rule.negated
    return verdict


def _selected(relative: str, include: Sequence[str], exclude: Sequence[str]) -> bool:
    name = relative.rsplit("/", 1)[-1]

    def hit(patterns: Sequence[str]) -> bool:
        return any(fnmatch.fnmatch(name, p) or fnmatch.fnmatch(relative, p) for p in patterns)

    return hit(include) and not hit(exclude)


def is_excluded(path: str, exclude: Sequence[str]) -> bool:
    """Tell whether a path named on the command line matches an exclude pattern.

    Patterns match the file name, the path as given, or any trailing part of it (so
    `build/*` excludes `docs/build/x.md` as a walk from `docs` would).
    """
    from pathlib import Path  # here, not at import: a run without a folder never needs it

    relative = Path(path).as_posix()
    while relative.startswith("./"):
        relative = relative[2:]
    parts = relative.split("/")
    candidates = {"/".join(parts[i:]) for i in range(len(parts))}
    folders = {"/".join(parts[i:j]) for i in range(len(parts)) for j in range(i + 1, len(parts))}
    return any(
        fnmatch.fnmatch(candidate, pattern)
        for pattern in exclude
        for candidate in candidates | folders
    )


def iter_files(
    root: Path,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    on_error: Optional[Callable[[OSError], None]] = None,
) -> Iterator[Path]:
    """Yield the regular files under root to audit, in a stable (sorted) order.

    A .gitignore's rules apply to its own folder and below; FIFOs, sockets and devices are
    never opened; a folder that cannot be listed is passed to on_error.
    """
    from pathlib import Path

    include = list(include) or list(DEFAULT_INCLUDE)
    rules_of: dict[str, list[IgnoreRule]] = {}
    for folder, dirs, files in os.walk(root, onerror=on_error):
        here = Path(folder)
        rel_dir = here.relative_to(root).as_posix()
        rel_dir = "" if rel_dir == "." else rel_dir
        rules = rules_of.pop(rel_dir, [])
        gitignore = here / ".gitignore"
        if gitignore.is_file():
            with contextlib.suppress(OSError, UnicodeDecodeError):
                rules = rules + parse_gitignore(gitignore.read_text(encoding="utf-8"), rel_dir)
        kept = []
        for d in sorted(dirs):
            relative = f"{rel_dir}/{d}" if rel_dir else d
            if d in _ALWAYS_SKIPPED or _ignored(rules, relative, True) or _is_virtualenv(here / d):
                continue
            if any(fnmatch.fnmatch(relative, p) or fnmatch.fnmatch(d, p) for p in exclude):
                continue
            kept.append(d)
            rules_of[relative] = rules
        dirs[:] = kept
        for name in sorted(files):
            relative = f"{rel_dir}/{name}" if rel_dir else name
            if _ignored(rules, relative, False) or not _selected(relative, include, exclude):
                continue
            if (here / name).is_file():  # a regular file (or a link to one): never a FIFO
                yield here / name
