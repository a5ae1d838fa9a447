"""Structural damage found in public pastes, applied as code to real prints: each is read right."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from summaryaudit import api
from summaryaudit.records import Summary

from .conftest import FIXTURES, SHARED, need

REAL = FIXTURES / "real"
# Real prints of every layout: Keras 2 fixed width (with and without Connected to), tf.keras
# 2.7+ wrapped, Keras 3 boxes.
KERAS2 = sorted((REAL / "keras2.2.4").glob("*.txt"))
KERAS3 = sorted((REAL / "keras3").glob("*.txt"))
SEQUENTIAL2 = [p for p in KERAS2 if "Connected to" not in p.read_text(encoding="utf-8")]
WILD2 = SHARED / "corpus" / "wild2"


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _one(text: str) -> Summary:
    summaries = api.parse_text(text)
    assert len(summaries) == 1, [(s.start_line, s.end_line) for s in summaries]
    return summaries[0]


def _facts(summary: Summary) -> tuple:
    """What the damage must not change: the rows (name, params) and the totals."""
    rows = tuple((layer.name, layer.params) for layer in summary.layers)
    return rows, summary.totals.to_dict()


def _clean_findings(text: str) -> list[str]:
    report = api.check_text(text)
    return sorted(f.code for f in report.findings if f.severity.value != "info")


def _columns(header: str) -> list[int]:
    starts = [m.start() for m in re.finditer(r"Layer \(type\)|Output Shape|Param #", header)]
    return starts


def _cut(line: str, starts: list[int]) -> list[str]:
    bounds = [*starts[1:], max(len(line), starts[-1] + 1)]
    return [line[a:b] for a, b in zip(starts, bounds)]


# --------------------------------------------------------------------------- damage as code


def pipe_boxed(text: str) -> str:
    """Box a fixed-width print with `|` columns, `|===|` and `|___|` rules (a plain-text paste)."""
    lines = text.splitlines()
    header = next(line for line in lines if "Layer (type)" in line)
    starts = _columns(header)
    widths = [b - a for a, b in zip(starts, [*starts[1:], len(header)])]
    out = []
    for line in lines:
        if set(line.strip()) in ({"_"}, {"="}):
            out.append("|" + "|".join(line.strip()[0] * w for w in widths) + "|")
        elif line.startswith(("Total", "Trainable", "Non-trainable")):
            out.append(
                "|" + line.ljust(widths[0]) + "|" + "|".join(" " * w for w in widths[1:]) + "|"
            )
        else:
            out.append("|" + "|".join(c.ljust(w) for c, w in zip(_cut(line, starts), widths)) + "|")
    return "\n".join(out)


def markdown(text: str, totals_where: str) -> str:
    """Retype a fixed-width print as a Markdown table; its totals as a separate two-column table
    after it (`after`) or before it under another heading (`before`)."""
    lines = text.splitlines()
    header = next(line for line in lines if "Layer (type)" in line)
    starts = _columns(header)
    table = ["| " + " | ".join(c.strip() for c in _cut(header, starts)) + " |", "|:---|:---|---:|"]
    totals = []
    for line in lines:
        match = re.match(r"(Total|Trainable|Non-trainable) params: (.*)", line)
        if match:
            totals.append(f"|{match.group(1)} params| {match.group(2)} |")
        elif line.strip() and not set(line.strip()) <= set("_=") and line is not header:
            table.append("|" + "|".join(c.strip() for c in _cut(line, starts)) + "|")
    if totals_where == "after":  # as in wild2/023.md: no colon, an alignment row
        return "\n".join(["## Model", "", *table, "", "", totals[0], "|:---|---:|", *totals[1:]])
    # as in wild2/025.md: an empty header row, then the layer table under its own heading
    parameters = ["### Parameters", "", "| | |", "|---|---:|", *totals]
    return "\n".join([*parameters, "", "### Model summary", "", *table, "", "The end."])


def _row_starts(lines: list[str]) -> list[int]:
    """Return the index of the first line of each layer row of a real print."""
    if any(line.startswith("┏") for line in lines):
        return [
            i for i, line in enumerate(lines) if line.startswith("│") and lines[i - 1][:1] in "├┡"
        ]
    return [
        i
        for i, line in enumerate(lines)
        if re.match(r"^ ?\w\S* \(\w+", line) and "Layer (type)" not in line
    ]


def _table_end(lines: list[str]) -> int:
    """Return the index of the line that closes the table (the `=` rule or the box bottom)."""
    closing = [i for i, line in enumerate(lines) if line.startswith(("=", "└"))]
    return closing[-1]


def annotate(text: str, where: str) -> str:
    """Write hand-made comment lines between two rows, or after the table."""
    lines = text.splitlines()
    if where == "between":
        at = _row_starts(lines)[1]
        notes = ["# 1. (2*2) * 1 * 10 + 10 = 50", "#创建: layers.Conv2D(32, (3, 3))"]
    else:
        at = _table_end(lines)
        at += lines[at].startswith("└")  # under a box; inside a fixed-width table's last rule
        notes = ["", "# 1. (2*2) * 1 * 10 + 10 = 50", "# 2. (3*3) * 10 * 5 + 5 = 455", ""]
    return "\n".join([*lines[:at], *notes, *lines[at:]])


def elide(text: str, mark: str) -> str:
    """Write an elision line (`...`, `…`, `⋮`) between two rows (as in a shortened paste)."""
    lines = text.splitlines()
    at = _row_starts(lines)[1]
    return "\n".join([*lines[:at], mark, *lines[at:]])


# --------------------------------------------------------------------------- tests


@pytest.mark.parametrize("path", SEQUENTIAL2, ids=lambda p: p.stem)
def test_a_print_boxed_with_pipes_and_rules_reads_the_same(path: Path) -> None:
    original = _read(path)
    assert _facts(_one(pipe_boxed(original))) == _facts(_one(original))


@pytest.mark.parametrize("where", ["after", "before"])
@pytest.mark.parametrize("path", SEQUENTIAL2[:6], ids=lambda p: p.stem)
def test_a_markdown_retyping_keeps_its_totals_table(path: Path, where: str) -> None:
    original = _read(path)
    damaged = markdown(original, where)
    assert _facts(_one(damaged)) == _facts(_one(original))


@pytest.mark.parametrize("title", ["Parameters", "Params", "# Params", "**Parameters**"])
@pytest.mark.parametrize("path", SEQUENTIAL2[:3], ids=lambda p: p.stem)
def test_a_retyped_table_titled_parameters_reads_its_counts(path: Path, title: str) -> None:
    """A hand-retyped Markdown table calls the count column `Parameters` (or `Params`)."""
    original = _read(path)
    damaged = markdown(original, "after").replace("| Param # |", f"| {title} |", 1)
    assert f"| {title} |" in damaged
    assert _facts(_one(damaged)) == _facts(_one(original))


@pytest.mark.parametrize("bold", ["**", ""])
@pytest.mark.parametrize("path", SEQUENTIAL2[:3], ids=lambda p: p.stem)
def test_totals_rows_written_into_a_retyped_table_are_totals(path: Path, bold: str) -> None:
    """`| **Total Parameters** | — | **N** |` rows at the end of a hand-retyped layer table."""
    original = _read(path)
    retyped = markdown(original, "after").split("\n\n\n")[0]  # the layer table alone
    totals = re.findall(r"^(Total|Trainable|Non-trainable) params: ([\d,]+)", original, re.M)
    rows = [f"| {bold}{label} Parameters{bold} | — | {bold}{n}{bold} |" for label, n in totals]
    damaged = "\n".join([retyped, *rows])
    assert len(rows) == 3
    assert _facts(_one(damaged)) == _facts(_one(original))


@pytest.mark.parametrize("where", ["between", "after"])
@pytest.mark.parametrize("path", KERAS2[:8] + KERAS3[:4], ids=lambda p: p.parent.name + p.stem)
def test_comment_lines_written_into_a_table_are_not_rows(path: Path, where: str) -> None:
    original = _read(path)
    damaged = annotate(original, where)
    assert _facts(_one(damaged)) == _facts(_one(original))
    assert _clean_findings(damaged) == _clean_findings(original)


@pytest.mark.parametrize("mark", ["...", "…", "⋮", "│ ...  │ ... │ ... │"])
def test_an_elision_line_between_rows_is_not_a_row(mark: str) -> None:
    original = _read(REAL / "keras2.2.4" / "cnn_bn.txt")
    s = _one(elide(original, mark))
    assert _facts(s) == _facts(_one(original)) and not s.unreadable


def test_a_sentence_that_mentions_the_header_is_not_a_summary() -> None:
    text = "In the printout, the Layer (type) column gives the name and the class of each layer.\n"
    assert api.parse_text(text) == []


def test_wild2_structural_pastes_read_as_their_manifest_says() -> None:
    need(WILD2)
    # plain-text table boxed with | columns and |===| rules; Markdown tables with a separate
    # totals table after (023) or before (025); hand-written comments after the rows (031)
    expected = {
        "013.txt": (13, 757331),
        "023.md": (22, 242084),
        "025.md": (155, 2340228),
        "031.py": (3, None),
    }
    for name, (rows, total) in expected.items():
        s = api.parse_text(_read(WILD2 / name))[0]
        assert len([layer for layer in s.layers if layer.depth == 0]) == rows, name
        assert s.totals.to_dict()["total"] == total, name
        assert not s.unreadable, (name, s.unreadable)


TF212 = sorted((REAL / "tf2.12").glob("*.txt"))


def _truth(path: Path) -> list[dict]:
    return json.loads(path.with_suffix(".truth.json").read_text(encoding="utf-8"))["layers"]


def no_box_separators(text: str) -> str:
    """Drop the `├──┼──┤` lines between the rows of a Keras 3 box."""
    return "\n".join(line for line in text.splitlines() if not line.startswith("├"))


def push_names(text: str, truth: list[dict]) -> str:
    """Print each cut `name (Class` in full, pushing the shape and the count right."""
    lines = text.splitlines()
    shape_at = next(line for line in lines if "Layer (type)" in line).index("Output Shape")
    types = {layer["name"]: layer["type"] for layer in truth}
    out = []
    for line in lines:
        name = line.split(" ", 1)[0]
        cell = f"{name} ({types.get(name, '')}) "
        if name in types and len(cell) > shape_at:
            line = cell + line[shape_at:].lstrip()
        out.append(line)
    return "\n".join(out)


def split_a_cell(text: str) -> str:
    """Break the second row's shape cell with a stray blank line: `(None, 26, 26, 32` / `` /
    `)        128` (as in wild/021_doc.md)."""
    lines = text.splitlines()
    at = next(i for i in _row_starts(lines)[1:] if re.search(r"\(None[^)]*\)", lines[i]))
    close = lines[at].index(")", lines[at].index("(None"))
    return "\n".join([*lines[:at], lines[at][:close], "", lines[at][close:], *lines[at + 1 :]])


@pytest.mark.parametrize("path", KERAS3, ids=lambda p: p.stem)
def test_a_box_without_row_separators_reads_the_same(path: Path) -> None:
    original = _read(path)
    assert _facts(_one(no_box_separators(original))) == _facts(_one(original))


@pytest.mark.parametrize("joiner", [" ", ""])
@pytest.mark.parametrize("path", KERAS3[:8], ids=lambda p: p.stem)
def test_a_box_joined_onto_one_line_reads_the_same(path: Path, joiner: str) -> None:
    original = _read(path)
    assert _facts(_one(joiner.join(original.splitlines()))) == _facts(_one(original))


def test_a_name_longer_than_its_column_pushes_class_and_shape_right() -> None:
    pushed = 0
    for path in SEQUENTIAL2:
        original = _read(path)
        damaged = push_names(original, _truth(path))
        pushed += damaged != original
        s = _one(damaged)
        assert _facts(s) == _facts(_one(original)), path.name
        assert not s.unreadable
        truth = {layer["name"]: layer["type"] for layer in _truth(path)}
        assert all(layer.type == truth[layer.name] for layer in s.layers if layer.type)
    assert pushed >= 5


WHOLE_SHAPE_ROW = re.compile(r"^ ?\w+ \(\w+\) +\(None[^)]*\)", re.M)
WHOLE_SHAPES = [p for p in SEQUENTIAL2 + TF212 if len(WHOLE_SHAPE_ROW.findall(_read(p))) >= 3]


@pytest.mark.parametrize(
    "path", WHOLE_SHAPES[:6] + WHOLE_SHAPES[-6:], ids=lambda p: p.parent.name + p.stem
)
def test_a_cell_split_by_a_stray_line_break_is_joined(path: Path) -> None:
    original = _read(path)
    s = _one(split_a_cell(original))
    assert _facts(s) == _facts(_one(original)) and not s.unreadable


def test_two_rows_with_the_same_name_are_two_rows() -> None:
    original = _read(REAL / "keras2.2.4" / "cnn_bn.txt")
    damaged = original.replace("flatten_1 (Flatten)  ", "max_pooling2d_1 (Flatten)")
    s = _one(damaged)
    assert [layer.name for layer in s.layers].count("max_pooling2d_1") == 2
    assert [layer.params for layer in s.layers] == [layer.params for layer in _one(original).layers]
    assert _clean_findings(damaged) == _clean_findings(original)


@pytest.mark.parametrize("path", SEQUENTIAL2[:4], ids=lambda p: p.stem)
def test_a_space_before_the_pipes_of_a_markdown_table(path: Path) -> None:
    original = _read(path)
    damaged = "\n".join(
        " " + line if line.startswith("|") else line
        for line in markdown(original, "after").splitlines()
    )
    assert _facts(_one(damaged)) == _facts(_one(original))


@pytest.mark.parametrize("path", KERAS3[:6], ids=lambda p: p.stem)
def test_a_print_is_never_split_into_header_only_and_totals_only(path: Path) -> None:
    # A renderer that lacks the light vertical bar drops it: rows no longer read as rows.
    original = _read(path)
    report = api.check_text(original.replace("│", " "))
    (s,) = report.summaries
    assert s.totals.to_dict() == _one(original).totals.to_dict()
    assert {f.code for f in report.findings if f.severity.value != "info"} == {"SA001"}


def crop_and_close(text: str, mark: str) -> str:
    """Cut a paste after its second row and close it with a Markdown fence or horizontal rule
    (as a README that shows only the top of a log does)."""
    lines = text.splitlines()
    if lines[0].startswith("## Model"):  # a Markdown retyping: one row per line
        at = next(i for i, line in enumerate(lines) if line.startswith("|:---")) + 3
    else:
        at = _row_starts(lines)[2]
    return "\n".join([*lines[:at], mark, "---", "", "Training starts."])


FENCES = ["```", "~~~", "---", "***", "- - -"]


def _first_two_rows_only(damaged: str, original: str) -> None:
    s = _one(damaged)
    assert _facts(s)[0] == _facts(_one(original))[0][:2]
    assert not s.unreadable
    assert "SA001" not in _clean_findings(damaged)


def _with_three_rows(paths: list[Path]) -> list[Path]:
    """The prints of at least three rows (crop_and_close keeps two of them)."""
    return [p for p in paths if len(_row_starts(_read(p).splitlines())) >= 3]


@pytest.mark.parametrize("mark", FENCES)
@pytest.mark.parametrize(
    "path",
    _with_three_rows(KERAS2)[:3] + _with_three_rows(TF212)[:3] + _with_three_rows(KERAS3)[:2],
    ids=lambda p: p.parent.name + p.stem,
)
def test_a_fence_or_horizontal_rule_closing_a_paste_is_not_a_row(path: Path, mark: str) -> None:
    original = _read(path)
    _first_two_rows_only(crop_and_close(original, mark), original)


@pytest.mark.parametrize("mark", FENCES)
@pytest.mark.parametrize("path", SEQUENTIAL2[:3], ids=lambda p: p.stem)
def test_a_fence_or_horizontal_rule_closing_a_markdown_table_is_not_a_row(
    path: Path, mark: str
) -> None:
    original = _read(path)
    _first_two_rows_only(crop_and_close(markdown(original, "after"), mark), original)


def note_after_box_lines(text: str) -> str:
    """Write an author's note after the last bar of box lines: rows, separators, the bottom
    border (as in a notebook whose author explains each layer beside the printout)."""
    notes = ["  ## 3 x 3 filter: the 1-pixel border is lost", "  // pooling halves each axis"]
    out = []
    for index, line in enumerate(text.splitlines()):
        if line.startswith(("│", "├", "└")) and index % 3:
            line += notes[index % 2]
        out.append(line)
    return "\n".join(out)


@pytest.mark.parametrize(
    "path", [p for p in KERAS3 if "cropped" not in p.stem], ids=lambda p: p.stem
)
def test_notes_after_the_last_bar_of_box_lines_keep_one_summary(path: Path) -> None:
    original = _read(path)
    damaged = note_after_box_lines(original)
    assert damaged != original
    assert _facts(_one(damaged)) == _facts(_one(original))
    assert _clean_findings(damaged) == _clean_findings(original)


def fence_the_totals(text: str) -> str:
    """Move the totals of a print into a code block of their own under the table (as in
    wild/037.txt): a blank line, a fence, the totals, a fence."""
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.lstrip().startswith("Total params"))
    return "\n".join([*lines[:at], "", "```", *lines[at:], "```", "", "The end."])


@pytest.mark.parametrize("path", KERAS2[:4] + KERAS3[:2], ids=lambda p: p.parent.name + p.stem)
def test_totals_in_a_code_block_under_the_table_stay_with_it(path: Path) -> None:
    original = _read(path)
    damaged = fence_the_totals(original)
    assert _facts(_one(damaged)) == _facts(_one(original))
    assert _clean_findings(damaged) == _clean_findings(original)
