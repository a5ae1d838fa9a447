"""Helpers the paste-damage tests share: load a real print with its truth, read it, compare."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from summaryaudit import api
from summaryaudit.records import Report, RowAudit, Summary


def print_id(path: Path) -> str:
    """A test id for a real print: `generation/case`."""
    return f"{path.parent.name}/{path.name.split('.')[0]}"


def load_print(truth_path: Path) -> tuple[dict, str]:
    """The truth read from the model object, and the text Keras printed beside it."""
    text = truth_path.with_name(truth_path.name.replace(".truth.json", ".txt"))
    return json.loads(truth_path.read_text(encoding="utf-8")), text.read_text(encoding="utf-8")


def one_summary(text: str) -> Summary:
    """The one summary a text holds (fails when it holds another number)."""
    [summary] = api.parse_text(text)
    return summary


def assert_reads_as_truth(summary: Summary, truth: dict) -> None:
    """Every row's name, class and count and every total come out as the model had them."""
    assert summary.unreadable == ()
    assert summary.totals.to_dict() == truth["totals"]
    rows = [(layer.name, layer.type, layer.params) for layer in summary.layers]
    assert rows == [(want["name"], want["type"], want["params"]) for want in truth["layers"]]


def checked_as_truth(text: str, truth: dict) -> tuple[Report, Summary]:
    """The audit of a text holding one summary, whose rows and totals read as the model had
    them (a real print, damaged as a paste damages it)."""
    report = api.check_text(text)
    [summary] = report.summaries
    assert_reads_as_truth(summary, truth)
    return report, summary


def checked_as_the_print(pasted: str, truth: dict, printed: str) -> Report:  # type: ignore[type-arg]
    """The audit of a damaged paste of a real print: its rows and totals read as the model had
    them, and its findings (code and layer) those of the print before the damage."""
    report, _ = checked_as_truth(pasted, truth)
    assert [(f.code, f.layer) for f in report.findings] == [
        (f.code, f.layer) for f in api.check_text(printed).findings
    ]
    return report


def clean_derivations(truth_path: Path) -> tuple[Summary, list[str]]:
    """A real print read as the model had it and audited without a finding: its summary and
    each row's derivation text."""
    truth, text = load_print(truth_path)
    report = api.check_text(text)
    [summary] = report.summaries
    assert_reads_as_truth(summary, truth)
    assert report.findings == ()
    assert summary.audit is not None
    return summary, [audited.derivation or "" for audited in summary.audit.rows]


def totals_on_one_line(text: str, noun: str = "params", separator: str = " ") -> str:
    """A post that wrote the three totals one after another on one line (trial 6's 021: `Total
    parameters: … Trainable parameters: …`; trial 8's 017: `Total params: … | Trainable …`)."""
    lines = text.split("\n")
    first = next(i for i, line in enumerate(lines) if line.lstrip().startswith("Total params"))
    joined = separator.join(line.strip() for line in lines[first : first + 3])
    return "\n".join([*lines[:first], joined.replace("params", noun), *lines[first + 3 :]])


def column_cutter(text: str) -> Callable[[str], list[str]]:
    """Cut a line of a 3-column fixed-width print into its cells at the header's titles (the
    Layer (type), Output Shape and Param # columns): what a retyping into a table starts from."""
    header = next(line for line in text.splitlines() if "Layer (type)" in line)
    starts = [m.start() for m in re.finditer(r"Layer \(type\)|Output Shape|Param #", header)]

    def cells(line: str) -> list[str]:
        bounds = [*starts[1:], max(len(line), starts[-1] + 1)]
        return [line[a:b].strip() for a, b in zip(starts, bounds)]

    return cells


def truth_paths(root: Path, generations: Iterable[str], cases: Iterable[str]) -> list[Path]:
    """The truth files of these cases in these generations, where the generation printed one."""
    cases = tuple(cases)
    return [
        root / g / f"{n}.truth.json"
        for g in generations
        for n in cases
        if (root / g / f"{n}.truth.json").is_file()
    ]


def findings_by_layer(text: str) -> list[tuple[str, str]]:
    """Each finding of a text's audit as (code, layer), in report order."""
    return [(f.code, f.layer or "") for f in api.check_text(text).findings]


def rows_of(text: str) -> list[tuple[str, str, int | None]]:
    """The (name, class, count) of every row of the one summary a text holds."""
    return [(layer.name, layer.type, layer.params) for layer in one_summary(text).layers]


def shape_text(dims: list) -> str:  # type: ignore[type-arg]
    """A truth file's output shape as Keras prints it: `(None, 28, 28, 3)`."""
    return "(" + ", ".join("None" if d is None else str(d) for d in dims) + ")"


def totals_lines(truth: dict, mark: str = "") -> list[str]:  # type: ignore[type-arg]
    """The three totals lines of a truth file as a retyping writes them, each label between
    `mark`s (`**` for bold), after a blank line."""
    totals = truth["totals"]
    return [
        "",
        f"{mark}Total params{mark}: {totals['total']:,}",
        f"{mark}Trainable params{mark}: {totals['trainable']:,}",
        f"{mark}Non-trainable params{mark}: {totals['non_trainable']:,}",
    ]


def unread_total_and_trainable(report: Report) -> Summary:
    """The one summary of a report whose Total and Trainable lines were found but not read
    (each an SA001 on its line, in that order)."""
    [summary] = report.summaries
    totals = summary.totals
    assert totals.total is not None and totals.total.value is None
    assert totals.trainable is not None and totals.trainable.value is None
    unread = [f.line for f in report.findings if f.code == "SA001"]
    assert unread == [totals.total.line, totals.trainable.line]
    return summary


def audited_row(summary: Summary, name: str) -> RowAudit:
    """The audit of the one row of a summary with this name."""
    assert summary.audit is not None
    [row] = [r for layer, r in zip(summary.layers, summary.audit.rows) if layer.name == name]
    return row


def cut_at_17(truth: dict) -> str:  # type: ignore[type-arg]
    """A print as R's 80-wide output gives it: names and classes cut at 28 characters, each
    shape at 17 (at or inside its last number), then the count; the totals as Keras prints."""
    rows = [
        f"{layer['name']} ({layer['type']})"[:28].ljust(29)
        + shape_text(layer["output_shape"])[:17].ljust(18)
        + str(layer["params"])
        for layer in truth["layers"]
    ]
    header = "Layer (type)".ljust(29) + "Output Shape".ljust(18) + "Param #"
    return "\n".join([header, "=" * 56, *rows, "=" * 56, *totals_lines(truth)]) + "\n"


def paste_ends_inside(
    shown: str, not_shown: str = "its shape and count are not shown"
) -> tuple[str, str]:
    """The SA001 (code, message) of a paste that ends inside the row whose start is `shown`."""
    return (
        "SA001",
        f"the paste ends inside this row ({shown!r}): {not_shown}; its numbers are not checked",
    )
