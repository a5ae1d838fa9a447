"""Public library API: wire sources → blocks → grammar → transform → checks into reports."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Optional

from . import blocks, checks, grammar, sources, split_tables, suppressions, transform
from .kinds import ROW_KINDS
from .records import Finding, Report, Severity, Summary, Totals, replace
from .rules import RULES, is_selected, validate_prefixes

NO_SUMMARY = "SA002"


def _summaries_from_lines(lines: Iterable[sources.Line], source: str) -> Iterator[Summary]:
    held: Optional[Summary] = None  # a Markdown table that may go on as a raw print below
    for block in blocks.find_blocks(lines):
        summary = _summary_of(block, source)
        if held is not None:
            whole = split_tables.joined(held, block.layout, summary)
            yield held if whole is None else whole
            held = None
            if whole is not None:
                continue
        if split_tables.may_go_on_below(block.layout, summary):
            held = summary
            continue
        yield summary
    if held is not None:
        yield held


def _summary_of(block: blocks.Block, source: str) -> Summary:
    parsed = grammar.parse_block(block)
    if parsed is None:
        return _unparsed(block, source)
    return transform.to_summary(parsed, source)


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


def _require_str(value: object, argument: str, function: str) -> None:
    """Raise a TypeError naming the argument when it is not a str."""
    if isinstance(value, str):
        return
    hint = " (decode bytes first, e.g. data.decode('utf-8'))" if isinstance(value, bytes) else ""
    raise TypeError(f"{function}(): {argument} must be a str, not {type(value).__name__}{hint}")


def _require_codes(value: object, argument: str, function: str) -> None:
    """Raise a TypeError or ValueError naming the argument unless it is a list of known codes."""
    if isinstance(value, (str, bytes)):
        raise ValueError(
            f"{function}(): {argument} must be a list of codes or prefixes such as "
            f"[{value!r}], not a single string"
        )
    try:
        codes = list(value)  # type: ignore[call-overload]
    except TypeError:
        raise TypeError(
            f"{function}(): {argument} must be a list of codes or prefixes, "
            f"not {type(value).__name__}"
        ) from None
    for code in codes:
        if not isinstance(code, str):
            raise TypeError(
                f"{function}(): {argument} holds {code!r}, not a code string such as 'SA201'"
            )
    unknown = validate_prefixes(codes)
    if unknown:
        raise ValueError(
            f"{function}(): {argument} holds {', '.join(map(repr, unknown))}, which matches no "
            "code (see summaryaudit.RULES)"
        )


def summaries_from_chunks(
    chunks: Iterable[str], source: str, skim: bool = True
) -> Iterator[Summary]:
    """Yield every summary of a document given as text chunks (a file read piece by piece).

    With `skim` (the default) only the regions of plain text near a summary's anchors are read
    line by line; `skim=False` reads every line (the same summaries, more slowly)."""
    for segment in sources.iter_segments(chunks, skim):
        yield from _summaries_from_lines(segment, source)


def iter_summaries(text: str, source: str = "<string>", skim: bool = True) -> Iterator[Summary]:
    """Yield every summary found in a document's text, in order."""
    _require_str(text, "text", "iter_summaries")
    _require_str(source, "source", "iter_summaries")
    return summaries_from_chunks(sources.chunked(text), source, skim)


def parse_text(text: str, source: str = "<string>") -> list[Summary]:
    """Parse every model.summary() in the text into Summary records (no auditing)."""
    _require_str(text, "text", "parse_text")
    _require_str(source, "source", "parse_text")
    return list(iter_summaries(text, source))


def audit_summary(
    summary: Summary,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    printed_before: Optional[checks.PrintedModels] = None,
) -> tuple[Summary, list[Finding]]:
    """Audit one summary: fill in each row's derivation and return the selected findings.

    `printed_before` holds the summaries the same input printed earlier: a nested row with the
    name and count of one of them is verified by it."""
    if not isinstance(summary, Summary):
        raise TypeError(f"audit_summary(): summary must be a Summary, not {type(summary).__name__}")
    _require_codes(select, "select", "audit_summary")
    _require_codes(ignore, "ignore", "audit_summary")
    return _audit(summary, select, ignore, printed_before)[1:]


def _audit(
    summary: Summary,
    select: Sequence[str],
    ignore: Sequence[str],
    printed_before: Optional[checks.PrintedModels],
) -> tuple[checks.Analysis, Summary, list[Finding]]:
    analysis = checks.analyse(summary, printed_before)
    found, hidden = [], []
    for f in checks.run_checks(analysis):
        if is_selected(f.code, select, ignore):
            found.append(f)
        elif f.severity is not Severity.INFO:
            hidden.append(f)
    audited = with_findings_switched_off(checks.with_audit(analysis), hidden)
    return analysis, audited, sorted(found, key=Finding.sort_key)


def apply_directives(
    directives: suppressions.Suppressions, summary: Optional[Summary], findings: list[Finding]
) -> tuple[Optional[Summary], list[Finding]]:
    """Drop the findings suppression directives cover; the summary's coverage then says which
    errors and warnings were switched off."""
    kept = directives.apply(summary, findings)
    if summary is not None and len(kept) < len(findings):
        shown = {id(f) for f in kept}
        hidden = [f for f in findings if id(f) not in shown and f.severity is not Severity.INFO]
        summary = with_findings_switched_off(summary, hidden)
    return summary, kept


def with_findings_switched_off(summary: Summary, hidden: Sequence[Finding]) -> Summary:
    """The audited summary whose coverage says which errors and warnings found in it the run
    does not report (`--ignore`, `--select`, a suppression directive): no all-clear then."""
    audit = summary.audit
    if not hidden or audit is None or audit.coverage is None:
        return summary
    coverage = audit.coverage
    codes = (*coverage.switched_off, *(f.code for f in hidden))
    switched = replace(coverage, switched_off=codes)
    return replace(summary, audit=replace(audit, coverage=switched))


def no_summary_finding(source: str) -> Finding:
    """The SA002 finding for an input that holds no summary."""
    rule = RULES[NO_SUMMARY]
    return Finding(
        code=NO_SUMMARY,
        name=rule.name,
        severity=rule.severity,
        message="no Keras model.summary() table was found in this input (not read: a summary "
        "pasted as an image, a torchsummary or paddle table, KerasHub's Preprocessor table, "
        "which lists no layers)",
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
    """Audit summaries one at a time (memory stays proportional to one summary, and the Totals
    of the models printed so far, which verify the nested rows of a later summary)."""
    seen = False
    printed = checks.PrintedModels()
    _require_codes(select, "select", "iter_check")
    _require_codes(ignore, "ignore", "iter_check")
    for summary in summaries:
        seen = True
        if not isinstance(summary, Summary):
            raise TypeError(
                f"iter_check(): summaries must hold Summary records, not {type(summary).__name__}"
            )
        analysis, audited, found = _audit(summary, select, ignore, printed)
        yield audited, found
        printed.add(
            summary, checks.default_non_trainable(analysis), checks.trainable_parts(analysis)
        )
    if not seen and require_summary and is_selected(NO_SUMMARY, select, ignore):
        yield None, [no_summary_finding(source)]


def check_text(
    text: str,
    source: str = "<string>",
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    require_summary: bool = True,
    skim: bool = True,
    report_unused: bool = False,
) -> Report:
    """Parse and audit every summary in the text; Report.to_dict() is the CLI's JSON.

    Suppression directives (`# summaryaudit: ignore SA102`, `ignore-file`) apply as the command
    line applies them to a file; `report_unused` adds SA010 for directives that covered nothing.
    `skim=False` reads every line instead of only the regions near summary anchors."""
    _require_str(text, "text", "check_text")
    _require_str(source, "source", "check_text")
    _require_codes(select, "select", "check_text")
    _require_codes(ignore, "ignore", "check_text")
    file_wide = suppressions.holds_file_directive(text.encode("utf-8", "surrogatepass"))
    directives = suppressions.Suppressions(source, file_wide)
    parsed = (
        summary
        for segment in sources.iter_segments(sources.chunked(text), skim)
        for summary in _summaries_from_lines(directives.scan(segment), source)
    )
    summaries: list[Summary] = []
    found: list[Finding] = []
    for audited, findings in iter_check(parsed, source, select, ignore, require_summary):
        summary, kept = apply_directives(directives, audited, findings)
        if summary is not None:
            summaries.append(summary)
        found.extend(kept)
    if report_unused and is_selected(suppressions.UNUSED, select, ignore):
        found.extend(directives.unused())
    return Report(tuple(summaries), tuple(found))
