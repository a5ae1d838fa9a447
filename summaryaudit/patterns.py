"""Regular expressions compiled when first used, so that start-up compiles only what a run needs."""

from __future__ import annotations

import re
from typing import Any, cast

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class LazyPattern:
    """Stands for `re.compile(pattern, flags)`, compiled the first time it is used.

    `pattern` is there at once (other expressions are built from it). At the first use the
    compiled pattern's methods are stored on the instance, so a later call costs what a call
    of the compiled pattern costs. It is no `re.Pattern`: pass it to no `re` function.
    """

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self._flags = flags

    def __getattr__(self, name: str) -> Any:
        compiled = self.__dict__.get("_compiled")
        if compiled is None:
            compiled = re.compile(self.pattern, self._flags)
            self.__dict__["_compiled"] = compiled
            for method in _METHODS:
                self.__dict__[method] = getattr(compiled, method)
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r}, {self._flags!r})"


def lazy(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Return a pattern that compiles itself when first used (typed as the compiled pattern)."""
    return cast("re.Pattern[str]", LazyPattern(pattern, flags))
