"""summaryaudit: read pasted Keras model.summary() text, re-derive every count, explain it."""

from .api import audit_summary, check_text, iter_summaries, parse_text
from .memo import clear_caches
from .rebuild import rebuild
from .records import Count, Finding, Layer, Report, Severity, Summary, Totals
from .rules import RULES, Rule

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
