"""Pure renderers for Markdown replies, GitHub workflow annotations and SARIF 2.1.0 logs."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Iterator
from typing import Any, Callable, Optional

from .checks.input_chain import UNBUILT
from .dialects import Dialect
from .formulas.fused_blocks import fused_parts
from .layer_classes import ADD_ON_CLASSES, is_known_class
from .patterns import lazy
from .records import Finding, FrozenRecord, Layer, RowAudit, Severity, Summary, TypeSource
from .rules import RULES

Item = tuple[Optional[Summary], list[Finding]]
Renderer = Callable[[Iterable[Item]], Iterator[str]]

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
# The repository in pyproject.toml's [project.urls]; read from the installed metadata, this
# copy only serves a checkout run without installing (a test keeps the two equal).
INFORMATION_URI = "https://github.com/summaryaudit/summaryaudit"
_HOME_LABELS = ("repository", "source", "homepage")
NO_PROBLEMS = "No problems found: every count adds up."
PARTLY_CHECKED = "No problems found in what could be checked, but not everything was"
SWITCHED_OFF = "No problems shown, but this is no all-clear"
NOTHING_BUILT = (
    "Nothing to check yet: Keras printed every row without weights (its layers were not built "
    "when summary() ran), so the counts say nothing about the layers"
)
EXPLAINED_GAP = (
    "No errors or warnings, but Total params is not the sum of the rows as printed: the note "
    "above gives the likely reason"
)
# An SA201 finding, even an info (the reason explained), says Total is not the rows' sum.
_TOTAL_VS_ROWS = "SA201"

_GITHUB_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
_SARIF_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_MD_SPECIAL = lazy(r"([\\`*_<>\[\]|])")


# --------------------------------------------------------------------------- coverage


def _nothing_built(summary: Summary) -> bool:
    """Tell whether a print shows no weights at all and some rows unbuilt or unused: the other
    rows weightless layers' (70c's 012: one pooling row's plain `0` among `0 (unbuilt)`)."""
    coverage = summary.coverage
    if coverage is None or not coverage.without_weights:
        return False
    if coverage.rows_read == len(coverage.without_weights):
        return True
    # (not a built model whose weightless rows stand beside a layer it never called: `0
    # (unused)` says the model was built)
    return all(layer.params == 0 for layer in summary.layers) and any(
        layer.params_note == UNBUILT for layer in summary.layers
    )


def verdict(summary: Summary, findings: list[Finding]) -> str:
    """Say what the audit of a summary verified; the all-clear only when it verified everything."""
    coverage = summary.coverage
    loud = any(f.severity is not Severity.INFO for f in findings)
    if coverage is None:
        return "" if loud or findings else NO_PROBLEMS  # a summary built by hand, not audited
    if loud:
        return f"Coverage: {coverage.sentence()}"
    if coverage.switched_off:
        # (31b's 001: `--ignore SA201,SA202` left 'every count adds up' over totals that do not)
        return f"{SWITCHED_OFF}: {coverage.sentence()}"
    if any(f.code == _TOTAL_VS_ROWS for f in findings):
        return f"{EXPLAINED_GAP} ({coverage.sentence()})"
    if coverage.complete and _nothing_built(summary):
        return f"{NOTHING_BUILT} ({coverage.sentence()})"
    if coverage.complete:
        return f"{NO_PROBLEMS} ({coverage.sentence()})"
    return f"{PARTLY_CHECKED}: {coverage.sentence()}"


# --------------------------------------------------------------------------- Markdown


def _count(value: int | None) -> str:
    return "?" if value is None else f"{value:,}"


def md_text(text: str) -> str:
    """Escape text for Markdown so it renders as written, on one line, and inside a table cell."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def md_code(text: str) -> str:
    """Return text as an inline code span that is safe inside a Markdown table cell."""
    text = " ".join(text.split()).replace("|", "\\|")
    if not text:
        return ""
    if "`" not in text:
        return f"`{text}`"
    return f"`` {text} ``"


def _md_heading(summary: Summary) -> str:
    parts = [f"`{summary.source}`" if "`" not in summary.source else md_text(summary.source)]
    parts.append(f"lines {summary.start_line}–{summary.end_line}")
    if summary.model_name:
        parts.append(f"model {md_code(summary.model_name)}")
    parts.append(Dialect(summary.dialect).described())
    return "### " + " · ".join(parts)


_COMPLETED, _INFERRED = TypeSource.COMPLETED, TypeSource.INFERRED


def type_cell(layer: Layer, audited: RowAudit) -> str:
    """A row's class as a layer table shows it: `*` when completed, `…` when the column cut a
    class no known one completes (51d's 003: `EfficientNetV2Bac…`), `?` when none is known."""
    shown = audited.type or ("block" if _is_block(layer) else "?")
    if audited.type_source is _COMPLETED:
        return shown + "*"
    if (
        "type" in layer.truncated
        and layer.printed_type
        and shown.startswith(layer.printed_type.rstrip("…"))
        and not is_known_class(shown)
    ):
        return shown + "…"
    return shown


def _is_block(layer: Layer) -> bool:
    """Tell whether a row without a class is a block of layers written as one row."""
    return "+" in layer.name and fused_parts(layer.name) is not None


def completed_classes_note(summary: Summary) -> Optional[str]:
    """The note under a layer table whose classes marked `*` were completed: from names the
    print cut, or from the layer's name where the print shows no class; it counts every row
    the print shows no class for (25d's 015: also those read by their name, or left `?`)."""
    completed: list[str] = []
    shortened: set[str] = set()  # by the paste's author, not by a column
    keras3 = summary.dialect is Dialect.KERAS3
    inferred = unknown = siblings = add_ons = 0
    elided = set(summary.elided)
    for layer, audited in zip(summary.layers, summary.audited_rows()):
        if audited.type_source is _COMPLETED:
            completed.append(layer.printed_type.strip())
            if layer.class_shortened_in_the_paste(keras3):
                shortened.add(completed[-1])
            # (a class of its own another row of the name shows: 27a's 013, 50c's 014, 52a's 006)
            siblings += not is_known_class(audited.type)
            add_ons += audited.type in ADD_ON_CLASSES
        elif not layer.printed_type.strip() and layer.line not in elided:
            if audited.type_source is _INFERRED:
                inferred += 1
            elif not audited.type and not _is_block(layer):
                unknown += 1
    if not completed:
        return None
    cut = [printed for printed in completed if printed]
    missing = len(completed) - len(cut)
    parts = []
    for who, cuts in (
        ("the print cut", [printed for printed in cut if printed not in shortened]),
        ("the paste shortened", [printed for printed in cut if printed in shortened]),
    ):
        if cuts:
            names = "this class name" if len(cuts) == 1 else "these class names"
            parts.append(f"{who} {names} ({', '.join(dict.fromkeys(cuts))})")
    if missing:
        classless = missing + inferred + unknown
        rows = "1 row" if classless == 1 else f"{classless} rows"
        parts.append(f"{'it' if cut else 'the print'} shows no class for {rows}")
    source = (
        "the layer's name: a known Keras class, or the class (whole or cut) another row of "
        "that name shows"
        if siblings
        else "the known Keras classes and the layer's name"
        if not add_ons
        # (a cut `InstanceNorm`, `QConv2`: tensorflow-addons', QKeras's)
        else "the known classes of Keras and its add-ons and the layer's name"
    )
    if missing and (inferred or unknown):
        others = []
        if inferred:
            # (from the name, or from the count and shapes: 34a's 011)
            beside = "it" if inferred == 1 else "each"
            others.append(f"{inferred} inferred as said beside {beside}")
        if unknown:
            its = "its name does" if unknown == 1 else "their names do"
            others.append(f"{unknown} left as ? ({its} not settle the class)")
        return (
            f"* {'; '.join(parts)}: {missing} completed from {source} (marked *); "
            f"{'; '.join(others)}"
        )
    return f"* {'; '.join(parts)}: completed from {source}"


def _md_table(summary: Summary) -> list[str]:
    lines = [
        "| Layer | Type | Output shape | Param # | Derivation |",
        "|---|---|---|---:|---|",
    ]
    for layer, audited in zip(summary.layers, summary.audited_rows()):
        name = ("\u00a0\u00a0" * layer.depth + "└\u00a0" if layer.depth else "") + md_code(
            layer.name
        )
        count = _count(layer.params)
        if layer.params_note:
            count += f" ({md_text(layer.params_note)})"
        cells = [
            name,
            md_text(type_cell(layer, audited)),
            md_code(layer.output_shape),
            count,
            md_text(audited.derivation or ""),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _md_totals(summary: Summary) -> str:
    parts = [f"{_count(value)} {label}" for label, value in summary.totals.labelled()]
    text = "**Totals:** " + ", ".join(parts) + "."
    for note in summary.notes:
        text += "\n\n" + md_text(note)
    return text


def _md_finding(f: Finding) -> str:
    where = []
    if f.line is not None:
        where.append(f"line {f.line}")
    if f.layer:
        where.append(md_code(f.layer))
    place = f" ({', '.join(where)})" if where else ""
    return f"- **{f.code} {f.name}** [{f.severity.value}]{place}: {md_text(f.message)}"


def _md_why(findings: list[Finding]) -> list[str]:
    lines: list[str] = []
    for code in dict.fromkeys(f.code for f in findings):
        rule = RULES.get(code)
        if rule is not None:
            lines.append(f"> **{rule.code} {rule.name}**: {md_text(rule.why)}")
            lines.append(">")
    return lines[:-1]


def render_markdown(items: Iterable[Item]) -> Iterator[str]:
    """Yield a Markdown reply: per summary a heading, its table and totals, then its findings."""
    first = True
    for summary, findings in items:
        if summary is None and not findings:
            continue
        block: list[str] = [] if first else ["---", ""]
        first = False
        if summary is not None:
            block += [_md_heading(summary), ""]
            if summary.layers:
                block += [*_md_table(summary), ""]
                completed = completed_classes_note(summary)
                if completed:
                    block += [md_text(completed), ""]
            block += [_md_totals(summary), ""]
        else:
            block += [f"### {md_code(findings[0].source)}", ""]
        if findings:
            block += [*(_md_finding(f) for f in findings), ""]
            why = _md_why(findings)
            if why:
                block += [*why, ""]
        said = verdict(summary, findings) if summary is not None else ""
        if said:
            block += [md_text(said), ""]
        yield "\n".join(block) + "\n"


# --------------------------------------------------------------------------- GitHub Actions


def github_data(text: str) -> str:
    """Escape a workflow-command message (`%`, CR, LF)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: str) -> str:
    """Escape a workflow-command property value (the message escapes plus `:` and `,`)."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(f: Finding) -> str:
    """Return one `::error file=…,line=…,title=…::message` command for a finding."""
    props = [f"file={github_property(f.source)}"]
    if f.line is not None and f.line >= 1:
        props.append(f"line={f.line}")
    props.append(f"title={github_property(f'{f.code} {f.name}')}")
    return f"::{_GITHUB_LEVELS[f.severity]} {','.join(props)}::{github_data(f.message)}"


def render_github(items: Iterable[Item]) -> Iterator[str]:
    """Yield one workflow command per finding, then a notice of what was not checked."""
    for summary, findings in items:
        for f in findings:
            yield github_annotation(f) + "\n"
        if summary is not None and summary.coverage is not None and not summary.coverage.complete:
            props = f"file={github_property(summary.source)},line={summary.start_line}"
            props += f",title={github_property('coverage')}"
            yield f"::notice {props}::{github_data(verdict(summary, findings))}\n"


# --------------------------------------------------------------------------- SARIF 2.1.0


def _quote(text: str, safe: str = "/") -> str:
    """Percent-encode text as UTF-8, surrogate-escaped file-name bytes as the bytes themselves."""
    from urllib.parse import quote  # SARIF only: the other formats never load urllib

    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a lone surrogate no file name can hold
        raw = text.encode("utf-8", "replace")
    return quote(raw, safe=safe)


def artifact_uri(source: str) -> str:
    """Return a finding's source as a SARIF artifact URI: relative when it is, `stdin` for stdin.

    A file name's undecodable bytes (surrogate escapes, as os.fsdecode gives) are
    percent-encoded as the raw bytes they stand for.
    """
    if source in ("<stdin>", "-", ""):
        return "stdin"
    if source.startswith("<") and source.endswith(">"):
        return _quote(source[1:-1] or "stdin")
    from pathlib import PurePosixPath, PureWindowsPath

    windows = PureWindowsPath(source)
    if windows.drive or "\\" in source:
        if windows.is_absolute():
            return "file:///" + _quote(windows.as_posix(), safe="/:")
        source = windows.as_posix()
    path = PurePosixPath(source)
    if path.is_absolute():
        return "file://" + _quote(posixpath.normpath(source), safe="/")
    normal = posixpath.normpath(source)
    return _quote(normal, safe="/")


def sarif_rules() -> list[dict[str, Any]]:
    """Return the SARIF reportingDescriptor of every registered code, in registry order."""
    return [
        {
            "id": r.code,
            "name": r.name,
            "shortDescription": {"text": r.summary},
            "fullDescription": {"text": r.why},
            "help": {
                "text": f"{r.summary}\n\nExample:\n{r.example}",
                "markdown": f"{r.summary}\n\n{r.why}\n\nExample:\n\n```\n{r.example}\n```",
            },
            "defaultConfiguration": {"level": _SARIF_LEVELS[r.severity]},
        }
        for r in RULES.values()
    ]


def information_uri() -> str:
    """Return the project's home: the Repository URL of the installed package's metadata."""
    from importlib import metadata

    try:
        entries = metadata.metadata("summaryaudit").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return INFORMATION_URI
    urls = {}
    for entry in entries:
        label, _, url = entry.partition(",")
        urls[label.strip().lower()] = url.strip()
    return next((urls[label] for label in _HOME_LABELS if urls.get(label)), INFORMATION_URI)


class Notification(FrozenRecord):
    """A problem of the run itself (a file that could not be read), for SARIF invocations."""

    message: str
    source: Optional[str]

    def __init__(self, message: str, source: Optional[str] = None) -> None:
        d = self.__dict__
        d["message"] = message
        d["source"] = source


def sarif_invocation(notifications: list[Notification]) -> dict[str, Any]:
    """Return the SARIF invocation: successful unless an input could not be read."""
    invocation: dict[str, Any] = {"executionSuccessful": not notifications}
    if notifications:
        invocation["toolExecutionNotifications"] = [_sarif_notification(n) for n in notifications]
    return invocation


def _sarif_notification(n: Notification) -> dict[str, Any]:
    note: dict[str, Any] = {"level": "error", "message": {"text": n.message}}
    if n.source:
        note["locations"] = [
            {"physicalLocation": {"artifactLocation": {"uri": artifact_uri(n.source)}}}
        ]
    return note


def sarif_result(f: Finding, rule_index: dict[str, int]) -> dict[str, Any]:
    """Return the SARIF result of one finding."""
    location: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(f.source)}}
    if f.line is not None and f.line >= 1:
        location["region"] = {"startLine": f.line}
    result: dict[str, Any] = {"ruleId": f.code}
    if f.code in rule_index:
        result["ruleIndex"] = rule_index[f.code]
    result["level"] = _SARIF_LEVELS[f.severity]
    result["message"] = {"text": f.message}
    result["locations"] = [{"physicalLocation": location}]
    if f.layer:
        result["locations"][0]["logicalLocations"] = [{"name": f.layer, "kind": "member"}]
    if f.cell is not None:
        # notebooks: the cell as Jupyter numbers it, and the line within its source or output
        result["properties"] = {"cell": f.cell, "cellLine": f.cell_line}
    return result


def render_sarif(
    items: Iterable[Item],
    notifications: Optional[Callable[[], list[Notification]]] = None,
) -> Iterator[str]:
    """Yield a SARIF 2.1.0 log (one run) of every finding, as indented JSON.

    `notifications` is asked once every item is read: the inputs that could not be read go
    into the run's invocation as toolExecutionNotifications.
    """
    import json  # only the JSON outputs load the json package

    from . import __version__  # lazily: the package imports its modules first

    rules = sarif_rules()
    rule_index = {r["id"]: i for i, r in enumerate(rules)}
    results: list[dict[str, Any]] = []
    coverage: list[dict[str, Any]] = []
    for summary, findings in items:
        results += [sarif_result(f, rule_index) for f in findings]
        if summary is not None and summary.coverage is not None:
            where = {"source": summary.source, "start_line": summary.start_line}
            coverage.append({**where, **summary.coverage.to_dict()})
    problems = notifications() if notifications is not None else []
    log = {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "summaryaudit",
                        "informationUri": information_uri(),
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "invocations": [sarif_invocation(problems)],
                "columnKind": "unicodeCodePoints",
                "results": results,
                "properties": {"coverage": coverage},
            }
        ],
    }
    yield json.dumps(log, indent=2, ensure_ascii=False) + "\n"


FORMATS: dict[str, Renderer] = {
    "markdown": render_markdown,
    "github": render_github,
    "sarif": render_sarif,
}
