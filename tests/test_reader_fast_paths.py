"""The reader's shortcuts decide exactly what the long way decides, on real and damaged inputs."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from summaryaudit import damage, lines, sources
from summaryaudit.input_shape_column import InputShapeColumn
from summaryaudit.keras0_rows import Keras0Rows
from summaryaudit.kinds import LineKind
from summaryaudit.log_prefix import strip_log_prefixes
from summaryaudit.sources import Line
from summaryaudit.type_column import TypeColumn

from .conftest import FIXTURES, WILD, WILD2

INPUTS = sorted(
    [*(FIXTURES / "real").glob("*/*.txt")]
    + [p for folder in (WILD, WILD2) if folder.is_dir() for p in folder.iterdir()]
)
INPUTS = [p for p in INPUTS if p.suffix in (".txt", ".md", ".py", ".log", ".rst", ".html")]


def test_every_line_kind_is_named_as_its_value() -> None:
    # LineKind hashes as its str: that only agrees with equality when name and value agree
    for kind in LineKind:
        assert kind.name == kind.value
        assert hash(kind) == hash(kind.value)
        assert kind in frozenset([kind.value]) and kind.value in frozenset([kind])


def _staged(lines: Iterable[Line]) -> Iterator[Line]:
    """Every repair, one stage after another over every line (the pass without shortcuts)."""
    numbered = damage.read_bare_shapes(damage.unglue_line_numbers(strip_log_prefixes(lines)))
    typed = TypeColumn()  # (a Type column merged into the layer cell, line after line)
    inputs, keras0 = InputShapeColumn(), Keras0Rows()  # (TensorFlow.js's, Keras 0.3's tables)
    repaired = (
        line
        if (text := typed.apply(keras0.apply(inputs.apply(damage.repair_line(line.text)))))
        == line.text
        else Line(line.number, text)
        for line in numbered
    )
    return damage.undouble_blank_lines(damage.english_headers(damage.unspace_highlighted(repaired)))


def _lines(path: Path) -> list[Line]:
    text = path.read_text(encoding="utf-8", errors="surrogateescape")
    return list(sources.text_lines(sources.clean_text(text)))


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_batched_repairs_equal_the_stage_by_stage_pass(path: Path) -> None:
    lines = _lines(path)
    assert [(x.number, x.text) for x in damage.repair(lines)] == [
        (x.number, x.text) for x in _staged(lines)
    ]


def test_damage_met_mid_batch_after_clean_lines_is_repaired() -> None:
    """A spaced (highlighter) print starting on the fifth line of a batch of eight."""
    real = (FIXTURES / "real" / "keras2.2.4" / "big_dense.txt").read_text(encoding="utf-8")
    spaced = [damage_line.replace("(None, ", "( None , ") for damage_line in real.splitlines()]
    text = ["plain text"] * 4 + spaced + ["<br>"] + ["1 glued", "2 numbers", "3===="]
    lines = [Line(i + 1, t) for i, t in enumerate(text)]
    batched = [x.text for x in damage.repair(lines)]
    assert batched == [x.text for x in _staged(lines)]
    assert any("(None, 4096)" in t for t in batched)


# lines._JOIN_LABEL as written: the glue before a totals label or a header
_JOIN_LABEL = re.compile(
    r"(?<=[\w\d)\"_=.,;])\s+"
    r"(?=(?:Total|(?<![-\w])Trainable|Non-trainable|Optimizer) params\s*:\s*[\d(])"
    r"|(?:(?<=\")|(?<=__)|(?<===))\s*(?=Layer \(type\))"
)
JOIN_PIECES = st.sampled_from(
    ["Total", "Trainable", "Non-trainable", "Optimizer", " params", ":", " : ", "5", "(", ")",
     '"', "__", "==", "=", "_", "Layer (type)", " ", "\t", "\u00a0", "\u2003", "x", "-", "#"]
)  # fmt: skip


@settings(max_examples=3000, deadline=None)
@given(st.one_of(st.lists(JOIN_PIECES, max_size=10).map("".join), st.text(max_size=30)))
def test_a_line_the_join_test_passes_by_holds_no_glued_label(text: str) -> None:
    assert lines.may_join_label(text) or _JOIN_LABEL.search(text) is None


REPAIR_PIECES = st.sampled_from(
    ["5", "12", "#", "# note", "3#", "##", "#>", "x", " ", "\t", "|", " | ", "-", "_", "—", "*",
     "**", "dense_1 (Dense)", " (None, 3) ", "Total params: 5", "Layer (type)", "____",
     "====", "( None , 3 )", "Model:", ":", "Capa", "层", "模型", "<br>", "&gt;", "\\_", "(无, 3)",
     "Tổng (Total params):", "Camada (Tipo)", "Parâmetros treináveis:", "| # | Class |",
     "| Layer | Type | Output Shape | Param # |", "| 1 | Conv 1D |", "| 总参数 | 5 |"]
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.lists(REPAIR_PIECES, max_size=6).map("".join), max_size=30))
@example(["_\tLayer (type)_"])  # (once found: a tab inside `_…_` is no emphasis on either path)
def test_batched_repairs_equal_the_stage_by_stage_pass_on_drawn_lines(texts: list[str]) -> None:
    given_lines = [Line(i + 1, text) for i, text in enumerate(texts)]
    assert [(x.number, x.text) for x in damage.repair(given_lines)] == [
        (x.number, x.text) for x in _staged(given_lines)
    ]


def _undoubled_first_way(lines: list[Line]) -> list[Line]:
    """damage.undouble_blank_lines as first written: a window of lines, each test on it."""
    header = re.compile(r"Layer\s*\(\s*type\s*\)(?:\s{2}|\s*[┃│|]|\s*$)")
    out: list[Line] = []
    window: deque[Line] = deque()
    doubled = expect_blank = False
    for line in lines:
        if doubled:
            if not expect_blank:
                expect_blank = True
                out.append(line)
                continue
            expect_blank = False
            if not line.text.strip():
                continue
            doubled = False
        window.append(line)
        if (
            len(window) >= 3
            and not window[-2].text.strip()
            and line.text.strip()
            and header.search(window[-3].text)
        ):
            window.pop()
            held = list(window)
            keep = [True] * len(held)
            index = len(held) - 1
            while index >= 1 and not held[index].text.strip():
                keep[index] = False
                index -= 2
            out.extend(kept for kept, wanted in zip(held, keep) if wanted)
            window.clear()
            doubled = expect_blank = True
            out.append(line)
            continue
        while len(window) > 12:
            out.append(window.popleft())
    return out + list(window)


DOUBLED_PIECES = st.sampled_from(
    ["Layer (type)  Output Shape", "Layer (type)", "", " ", "\t", "____", "====", "x", "5"]
)


@settings(max_examples=1000, deadline=None)
@given(st.lists(DOUBLED_PIECES, max_size=40))
def test_undoubling_equals_its_first_way(texts: list[str]) -> None:
    given_lines = [Line(i + 1, text) for i, text in enumerate(texts)]
    assert list(damage.undouble_blank_lines(given_lines)) == _undoubled_first_way(given_lines)


def test_a_comment_mark_glued_to_the_last_count_of_a_batch_is_repaired_as_line_by_line() -> None:
    """Found by the drawn-lines test above: a `#` glued to a count at the very end of a batch
    (`dense_1 (Dense)3#`) is dropped by the batched pass as by the line-by-line one."""
    for texts in (["dense_1 (Dense)3#"], ["x", "dense_1 (Dense)3#"]):
        given_lines = [Line(i + 1, text) for i, text in enumerate(texts)]
        assert [x.text for x in damage.repair(given_lines)] == [
            x.text for x in _staged(given_lines)
        ]
        assert [x.text for x in damage.repair(given_lines)][-1] == "dense_1 (Dense)3"


@settings(max_examples=1000, deadline=None)
@given(st.lists(DOUBLED_PIECES, max_size=60))
def test_batched_undoubling_equals_the_line_by_line_pass(texts: list[str]) -> None:
    """The repairs undouble lines a batch at a time: a batch without a header line followed by
    a blank one is only held; the lines come out as the line-by-line pass lets them go."""
    given_lines = [Line(i + 1, text) for i, text in enumerate(texts)]
    assert [(x.number, x.text) for x in damage.repair(given_lines)] == [
        (x.number, x.text) for x in _staged(given_lines)
    ]
