"""The check registry: one check per finding code, and the finding each one builds."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Callable, Optional

from ..records import Finding, Severity
from ..rules import RULES
from ..sources import cell_place
from .analysis import Analysis

Check = Callable[[Analysis], Iterator[Finding]]

CHECKS: dict[str, Check] = {}


def check(code: str) -> Callable[[Check], Check]:
    """Register a check under a code that the rules registry documents."""

    def register(fn: Check) -> Check:
        assert code in RULES, code
        CHECKS[code] = fn
        return fn

    return register


def finding(
    analysis: Analysis,
    code: str,
    message: str,
    line: Optional[int],
    layer: Optional[str] = None,
    severity: Optional[Severity] = None,
) -> Finding:
    """Build a finding of a registered code."""
    rule = RULES[code]
    assert severity is None or rule.allows(severity), (code, severity)
    origin = analysis.summary.origin_of(line)
    place = cell_place(origin)
    return Finding(
        code=code,
        name=rule.name,
        severity=severity or rule.severity,
        message=f"{message} ({origin})" if origin else message,
        source=analysis.summary.source,
        line=line,
        layer=layer,
        cell=place.cell if place else None,
        cell_line=place.line if place else None,
    )


def run_checks(analysis: Analysis) -> list[Finding]:
    """Run every registered check over an analysed summary."""
    found: list[Finding] = []
    for fn in CHECKS.values():
        found.extend(fn(analysis))
    return found
