"""Public library API: wire sources → blocks → grammar → transform → checks into reports."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Optional

from . import blocks, checks, grammar, sources, transform
from .kinds import ROW_KINDS
from .records import Finding, Report, Summary, Totals
from .rules import RULES, is_selected

NO_SUMMARY = "SA002"


def _summaries_from_lines(lines: Iterable[sources.Line], source: str) -> Iterator[Summary]:
    for block in blocks.find_blocks(lines):
        parsed = grammar.parse_block(block)
        if parsed is None:
            yield _unparsed(block, source)
            continue
        yield transform.to_summary(parsed, source)


def summaries_from_lines(lines: Iterable[sources.Line], source: str) -> Iterator[Summary]:
    """Yield every summary in the decoded lines of one segment (for readers of streams)."""
    return _summaries_from_lines(lines, source)


def _unparsed(block: blocks.Block, source: str) -> Summary:
    """A block the grammar could not read at all: keep it, with every line reported."""
    return Summary(
        source=source,
        start_line=block.start_line,
        end_line=block.end_line,
        dialect=block.dialect,
        model_name=None,
        layers=(),
        totals=Totals(),
        unreadable=tuple(
            (c.line.number, c.text.strip()) for c in block.lines if c.kind in ROW_KINDS
        ),
    )


def iter_summaries(text: str, source: str = "<string>") -> Iterator[Summary]:
    """Yield every summary found in a document's text, in order."""
    for segment in sources.segments(text):
        yield from _summaries_from_lines(segment, source)


def parse_text(text: str, source: str = "<string>") -> list[Summary]:
    """Parse every model.summary() in the text into Summary records (no auditing)."""
    return list(iter_summaries(text, source))


def audit_summary(
    summary: Summary, select: Sequence[str] = (), ignore: Sequence[str] = ()
) -> tuple[Summary, list[Finding]]:
    """Audit one summary: fill in each row's derivation and return the selected findings."""
    analysis = checks.analyse(summary)
    found = [f for f in checks.run_checks(analysis) if is_selected(f.code, select, ignore)]
    return checks.with_derivations(analysis), sorted(found, key=Finding.sort_key)


def no_summary_finding(source: str) -> Finding:
    """The SA002 finding for an input that holds no summary."""
    rule = RULES[NO_SUMMARY]
    return Finding(
        code=NO_SUMMARY,
        name=rule.name,
        severity=rule.severity,
        message="no Keras model.summary() table was found in this input "
        "(a torchsummary/paddle table or a summary pasted as an image is not read)",
        source=source,
        line=None,
    )


def iter_check(
    summaries: Iterable[Summary],
    source: str,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    require_summary: bool = True,
) -> Iterator[tuple[Optional[Summary], list[Finding]]]:
    """Audit summaries one at a time (memory stays proportional to one summary)."""
    seen = False
    for summary in summaries:
        seen = True
        yield audit_summary(summary, select, ignore)
    if not seen and require_summary and is_selected(NO_SUMMARY, select, ignore):
        yield None, [no_summary_finding(source)]


def check_text(
    text: str,
    source: str = "<string>",
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    require_summary: bool = True,
) -> Report:
    """Parse and audit every summary in the text; Report.to_dict() is the CLI's JSON."""
    summaries: list[Summary] = []
    found: list[Finding] = []
    for summary, findings in iter_check(
        iter_summaries(text, source), source, select, ignore, require_summary
    ):
        if summary is not None:
            summaries.append(summary)
        found.extend(findings)
    return Report(tuple(summaries), tuple(found))
