"""Trial 83e: a paste that ends inside its last count, and a diff's empty lines, on real prints."""

from __future__ import annotations

import pytest

from summaryaudit import api, sources
from summaryaudit.records import Report, Summary

from .conftest import FIXTURES
from .real_prints import checked_as_the_print, load_print

REAL = FIXTURES / "real"

# --------------- 83e's 002: a code block the excerpt cut inside its last row's count, no line
# end after it (`conv2d_6 (Conv2D)  (None, 5, 1, 384)  22156`, of 221,568), in a table
# without a Connected to column

# Keras 2 and tf.keras prints without a Connected to column
UNCONNECTED = [
    "keras2.2.4/conv_zoo",
    "keras2.2.4/cnn_bn",
    "keras2.0.8/cnn_bn",
    "tf2.12/cnn_bn",
    "tf_keras/cnn_bn",
]


def _ending_in_a_count(case: str, cut: bool = True) -> tuple[str, str, int]:
    """The print in a code block opened and never closed, ended inside the count of its last
    row with 3 digits or more (the first half of them kept: `22156` of 221,568), no line end
    after it; with `cut` False, ended right after the whole count. Also the row's name and
    its count."""
    truth, printed = load_print(REAL / f"{case}.truth.json")
    counts = {layer["name"]: layer["params"] for layer in truth["layers"]}
    lines = printed.split("\n")
    for at in reversed(range(len(lines))):
        words = lines[at].split()
        if words and counts.get(words[0], 0) >= 100 and words[-1] == str(counts[words[0]]):
            name, whole = words[0], counts[words[0]]
            break
    else:
        raise AssertionError(f"{case}: no row with a count of 3 digits or more")
    row = lines[at].rstrip()
    if cut:
        row = row[: len(row) - len(str(whole)) // 2]
    return "```\n" + "\n".join([*lines[:at], row]), name, whole


def _last_row(report: Report) -> tuple[Summary, int]:
    """The one summary of a report, and the index of its last row."""
    [summary] = report.summaries
    return summary, len(summary.layers) - 1


@pytest.mark.parametrize("case", UNCONNECTED)
def test_a_count_the_paste_ends_inside_is_cut_not_edited(case: str) -> None:
    """Before: SA101 [error] 'no K, groups, bias setting or data format gives 22,156 — is the
    input shape right, or was the count edited?': the digits the paste kept, read as the
    count. Now the count is cut off by the end of the paste, and said so."""
    pasted, name, whole = _ending_in_a_count(case)
    assert not pasted.endswith(str(whole)) and pasted[-1].isdigit()
    report = api.check_text(pasted)
    assert not [f for f in report.findings if f.severity.value == "error"], report.findings
    assert [f.code for f in report.findings] == ["SA003"]
    summary, last = _last_row(report)
    layer = summary.layers[last]
    assert (layer.name, layer.params, "params" in layer.truncated) == (name, None, True)
    assert str(whole).startswith(layer.params_cut)
    assert summary.audit is not None and summary.audit.coverage is not None
    derivation = summary.audit.rows[last].derivation or ""
    assert derivation.startswith(f"{layer.params_cut}…: the paste ends inside the count")
    assert "Keras 3" not in derivation
    assert f"1 row (count cut off by the end of the paste: {name})" in (
        summary.audit.coverage.not_verified
    )


@pytest.mark.parametrize("case", UNCONNECTED)
def test_the_same_digits_on_a_whole_line_keep_their_error(case: str) -> None:
    """A line end after the digits: the line is whole, so a count no formula gives is an edit's
    or a misprint's, SA101 as before (only the paste's very end may cut a count)."""
    pasted, name, _ = _ending_in_a_count(case)
    for ended in (pasted + "\n", pasted + "  \n```\n", pasted + "\n\nMore text.\n"):
        report = api.check_text(ended)
        assert [f.layer for f in report.findings if f.code == "SA101"] == [name], ended[-40:]
        summary, last = _last_row(report)
        assert summary.layers[last].params is not None


@pytest.mark.parametrize("case", UNCONNECTED)
def test_a_whole_count_the_paste_ends_with_is_verified(case: str) -> None:
    """The paste ends right after the whole count: the formula gives the digits as they stand,
    so the row is verified, not called cut."""
    pasted, name, whole = _ending_in_a_count(case, cut=False)
    assert pasted.endswith(str(whole))
    report = api.check_text(pasted)
    assert [f.code for f in report.findings] == ["SA003"]
    summary, last = _last_row(report)
    assert summary.layers[last].name == name
    assert summary.audit is not None and summary.audit.coverage is not None
    assert summary.audit.rows[last].derivation.startswith(f"{whole:,} = ")  # type: ignore[union-attr]
    assert not any("cut off" in reason for reason in summary.audit.coverage.not_verified)


@pytest.mark.parametrize("skim", [True, False])
def test_only_a_last_line_without_a_line_end_is_marked_unended(skim: bool) -> None:
    """The reader marks the input's last line when no line end follows it, read from text or
    from bytes, skimmed or line by line; a text that ends its last line marks none."""
    pasted, _, _ = _ending_in_a_count("keras2.2.4/cnn_bn")
    count = pasted.count("\n") + 1
    for text, marked in ((pasted, [count]), (pasted + "\n", []), (pasted + "\r\n", [])):
        read = [line for segment in sources.segments(text, skim) for line in segment]
        assert [line.number for line in read if line.unended] == marked
        raw = text.encode()
        chunks = [raw[i : i + 7] for i in range(0, len(raw), 7)]  # (a line end split too)
        read = [line for segment in sources.byte_segments(chunks, skim) for line in segment]
        assert [line.number for line in read if line.unended] == marked


# --------------- 83e's 003: a review's diff with an empty added line (`+` alone) between the
# old header (`-Layer (type) …`) and the new one (`+ Layer (type) …`)


def as_a_diff(printed: str, mark: str, after: int) -> str:
    """A print in a review's unified diff, every line a context line (` ` before it), with one
    empty line added (`+`) or removed (`-`) after line `after` of the print."""
    lines = printed.rstrip("\n").split("\n")
    hunk = [f"@@ -1,{len(lines)} +1,{len(lines) + 1} @@ model.summary()"]
    for index, line in enumerate(lines):
        hunk.append(" " + line)
        if index == after:
            hunk.append(mark)
    return "````diff\n" + "\n".join(hunk) + "\n````\nLooks good to me.\n"


@pytest.mark.parametrize("case", ["tf2.12/cnn_bn", "keras2.2.4/cnn_bn"])
@pytest.mark.parametrize("mark", ["+", "-"])
@pytest.mark.parametrize("after", [1, 3, 5])
def test_an_empty_line_a_diff_adds_or_removes_is_no_row(case: str, mark: str, after: int) -> None:
    """Before: the `+` (or `-`) was read as a layer row named `+`, with no shape or count:
    an SA001, a row more than the model has."""
    truth, printed = load_print(REAL / f"{case}.truth.json")
    checked_as_the_print(as_a_diff(printed, mark, after), truth, printed)


def test_a_diff_of_a_header_claims_no_row_in_it() -> None:
    """Before: the `+` under the old header was a row named `+`, and SA001 said 'the paste ends
    inside this row ('+')' though the new header, the fence and the review went on. Now each
    side is a header cut right after itself, no row claimed."""
    _, old = load_print(REAL / "keras2.2.4" / "cnn_bn.truth.json")
    _, new = load_print(REAL / "tf2.12" / "cnn_bn.truth.json")
    title, rule, new_header = new.split("\n")[:3]
    old_header = old.split("\n")[1]
    assert old_header.startswith("Layer (type)") and new_header.startswith(" Layer (type)")
    diff = [
        "````diff",
        "@@ -423,46 +1504,111 @@ model.summary()",
        " ```",
        " " + title,
        "+",
        " " + rule,
        "-" + old_header,
        "+",
        "+" + new_header,
        "````",
        "**reviewer**: the summary was printed with another Keras.",
    ]
    report = api.check_text("\n".join(diff) + "\n")
    assert [len(summary.layers) for summary in report.summaries] == [0, 0]
    assert [f.code for f in report.findings] == ["SA003", "SA003"]
    assert all("a header without rows" in f.message for f in report.findings)
    assert report.summaries[0].model_name == "sequential"
