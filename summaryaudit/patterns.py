"""Regular expressions compiled when first used, so that start-up compiles only what a run needs."""

from __future__ import annotations

import re
from typing import Any, cast

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
        compiled = re.compile(self.pattern, self._flags)
        stored = self.__dict__
        stored["compiled"] = compiled
        for attribute in _METHODS + _ATTRIBUTES:
            stored[attribute] = getattr(compiled, attribute)
        self.__class__ = CompiledPattern  # type: ignore[assignment]
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r}, {self._flags!r})"


def lazy(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Return a pattern that compiles itself when first used (typed as the compiled pattern)."""
    return cast("re.Pattern[str]", LazyPattern(pattern, flags))
