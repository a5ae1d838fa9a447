"""summaryaudit: read pasted Keras model.summary() text, re-derive every count, explain it."""

import sys
import types
from typing import TYPE_CHECKING, Any

from .api import audit_summary, check_text, iter_summaries, parse_text
from .memo import clear_caches
from .records import Count, Finding, Layer, Report, Severity, Summary, Totals
from .rules import RULES, Rule

if TYPE_CHECKING:
    from .rebuild import rebuild

__version__ = "0.1.0"
__all__ = (
    "RULES",
    "Count",
    "Finding",
    "Layer",
    "Report",
    "Rule",
    "Severity",
    "Summary",
    "Totals",
    "__version__",
    "audit_summary",
    "check_text",
    "clear_caches",
    "iter_summaries",
    "parse_text",
    "rebuild",
)


class _Package(types.ModuleType):
    """The package: `summaryaudit.rebuild` is the rebuild function, imported when first used.

    Loading the submodule of the same name sets the package attribute to that module; the
    attribute stays the function, as it was when the package imported it eagerly.
    """

    @property
    def rebuild(self) -> Any:
        """The rebuild function (or whatever was assigned to it since)."""
        if _REBUILD not in self.__dict__:
            from .rebuild import rebuild as function

            self.__dict__[_REBUILD] = function
        return self.__dict__[_REBUILD]

    @rebuild.setter
    def rebuild(self, value: object) -> None:
        if not isinstance(value, types.ModuleType):  # the import system sets the submodule
            self.__dict__[_REBUILD] = value

    def __dir__(self) -> list[str]:
        return sorted({*self.__dict__, "rebuild"} - {_REBUILD})


_REBUILD = "_rebuild_function"
sys.modules[__name__].__class__ = _Package
