"""The concise format (one line per finding, then a tally) and --statistics (count per code)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Optional

from .records import Finding, Severity, Summary
from .rules import RULES
from .terminal import PLAIN, Style, plural, wrap

Item = tuple[Optional[Summary], list[Finding]]


class Tally:
    """Counts of one run: summaries read and findings per severity and per code."""

    def __init__(self) -> None:
        self.summaries = 0
        self.partly_checked = 0  # summaries with rows or totals the audit could not verify
        self.severities: Counter[Severity] = Counter()
        self.codes: Counter[tuple[str, Severity]] = Counter()

    def add(self, summary: Optional[Summary], findings: list[Finding]) -> None:
        """Count one audited summary (or one input without any) and its findings."""
        if summary is not None:
            self.summaries += 1
            if summary.coverage is not None and not summary.coverage.complete:
                self.partly_checked += 1
        for f in findings:
            self.severities[f.severity] += 1
            self.codes[(f.code, f.severity)] += 1

    def line(self, style: Style = PLAIN) -> str:
        """Return the closing line: `2 summaries checked: 1 error, 0 warnings, 1 info.`."""
        checked = plural(self.summaries, "summary", "summaries") + " checked"
        if not self.codes and self.partly_checked:
            partly = plural(self.partly_checked, "summary", "summaries")
            return (
                f"{checked}: no problems in what could be checked; {partly} not checked in"
                " full (the text output says what was not)."
            )
        if not self.codes:
            return style.good(f"{checked}: every count adds up.")
        counts = ", ".join(
            plural(self.severities[s], s.value)
            for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
        )
        return f"{checked}: {counts}."


def finding_line(f: Finding, style: Style = PLAIN, width: Optional[int] = None) -> str:
    """Return `path:line: CODE name [severity] layer: message`, wrapped to width when given."""
    where = f"{f.source}:{f.line}" if f.line is not None else f.source
    layer = f" {f.layer}:" if f.layer else ""
    head = f"{where}: {f.code} {f.name} [{f.severity.value}]{layer}"
    text = "\n".join(wrap(f"{head} {f.message}", width))
    if not style.enabled:
        return text
    if text.startswith(f"{where}: "):
        text = style.path(where) + text[len(where) :]
    for plain, painted in (
        (f" {f.code} ", f" {style.code(f.code, f.severity)} "),
        (f"[{f.severity.value}]", style.severity(f.severity)),
    ):
        text = text.replace(plain, painted, 1)
    return text


def render_concise(
    items: Iterable[Item],
    style: Style = PLAIN,
    width: Optional[int] = None,
    quiet: bool = False,
    tally: Optional[Tally] = None,
) -> Iterator[str]:
    """Yield one line per finding as each summary is audited, then the tally (unless quiet)."""
    tally = Tally() if tally is None else tally
    for summary, findings in items:
        tally.add(summary, findings)
        for f in findings:
            yield finding_line(f, style, width) + "\n"
    if not quiet:
        yield tally.line(style) + "\n"


def render_statistics(items: Iterable[Item], style: Style = PLAIN) -> Iterator[str]:
    """Yield the count of findings per code and severity, most frequent first (as ruff's)."""
    tally = Tally()
    for summary, findings in items:
        tally.add(summary, findings)
    order = sorted(tally.codes.items(), key=lambda pair: (-pair[1], pair[0][0], pair[0][1]))
    for (code, severity), count in order:
        rule = RULES.get(code)
        name = rule.name if rule else ""
        yield f"{count:>6}  {style.code(code, severity)}  {name} {style.severity(severity)}\n"
    yield tally.line(style) + "\n"
