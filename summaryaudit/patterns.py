"""Regular expressions compiled when first used, so that start-up compiles only what a run needs."""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]  # (CPython's engine: the compiler's back end)
import re
import sys
from typing import Any, Optional, cast

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")
_ATTRIBUTES = ("flags", "groups", "groupindex")


class CompiledPattern:
    """A `LazyPattern` after its first use: the compiled pattern's methods, stored on it.

    A plain class (no `__getattr__`), so a call costs what a call of the compiled pattern costs.
    """

    pattern: str
    compiled: re.Pattern[str]


class LazyPattern(CompiledPattern):
    """Stands for `re.compile(pattern, flags)`, compiled the first time it is used.

    `pattern` is there at once (other expressions are built from it). At the first use it
    compiles, stores the compiled pattern's methods and attributes, and becomes a
    `CompiledPattern`. It is no `re.Pattern`: pass it to no `re` function.
    """

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self._flags = flags

    def __getattr__(self, name: str) -> Any:
        compiled = _compile(self.pattern, int(self._flags))
        stored = self.__dict__
        stored["compiled"] = compiled
        for attribute in _METHODS + _ATTRIBUTES:
            stored[attribute] = getattr(compiled, attribute)
        self.__class__ = CompiledPattern  # type: ignore[assignment]
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r}, {self._flags!r})"


# What `re.compile` hands the engine for a pattern and its flags: the final flags, the code,
# the number of groups less one, the group index and the index's names
Entry = tuple[int, tuple[int, ...], int, dict[str, int], tuple[Any, ...]]
Precompiled = dict[tuple[str, int], Entry]
_precompiled: Optional[Precompiled] = None


def _compile(pattern: str, flags: int) -> re.Pattern[str]:
    """Compile a pattern: from regex_tables' data where this CPython made it (the engine takes
    the code as is, at C speed: compiled in Python, the 47 patterns the smallest real summary
    uses cost start-up some 42 M instructions), else with `re.compile`."""
    global _precompiled
    if _precompiled is None:
        _precompiled = _load_precompiled()
    entry = _precompiled.get((pattern, flags))
    if entry is None:
        return re.compile(pattern, flags)
    final, code, groups, groupindex, indexgroup = entry
    compiled: re.Pattern[str] = _sre.compile(
        pattern, final, list(code), groups, groupindex, indexgroup
    )
    return compiled


def _load_precompiled() -> Precompiled:
    """The table of compiled patterns, if this very CPython release made it (else none: another
    release may compile a pattern otherwise under the same engine number)."""
    from . import regex_tables

    made_by = (sys.implementation.name, *sys.version_info[:3])
    if made_by != regex_tables.PYTHON or regex_tables.MAGIC != _sre.MAGIC:
        return {}
    return cast("Precompiled", regex_tables.TABLE)


def lazy(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Return a pattern that compiles itself when first used (typed as the compiled pattern)."""
    return cast("re.Pattern[str]", LazyPattern(pattern, flags))
