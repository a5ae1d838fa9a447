"""Hypothesis fuzzing over whole files: notebooks with text around them, separators, doubled lines.

The default suite runs a small example budget; set SUMMARYAUDIT_FUZZ_EXAMPLES (e.g. 5000) to
fuzz longer.
"""

from __future__ import annotations

import functools
import io
import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summaryaudit import check_text, cli, notebook, sources

from .conftest import FIXTURES

EXAMPLES = int(os.environ.get("SUMMARYAUDIT_FUZZ_EXAMPLES", "30"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SEPARATORS = ["\n", "\r\n", "\r", "\f", "\v", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]
NOISE = [
    "Epoch 1/10",
    "1875/1875 [==============================] - 3s 1ms/step - loss: 0.2917",
    "WARNING:tensorflow:Layer lstm will not use cuDNN kernels",
    "[I 12:00:00.000 NotebookApp] Saving file",
    '{"loss": 0.5}',
    "<pre>",
    "",
]


@functools.cache
def real_texts() -> tuple[str, ...]:
    return tuple(
        path.read_text(encoding="utf-8") for path in sorted((FIXTURES / "real").glob("*/*.txt"))
    )


def need_real() -> tuple[str, ...]:
    texts = real_texts()
    if not texts:
        pytest.skip(f"no real summaries under {FIXTURES / 'real'}")
    return texts


@st.composite
def plain_text(draw: st.DrawFn) -> str:
    """Real summaries and log noise, joined by any line separator, some lines doubled."""
    texts = need_real()
    lines: list[str] = []
    for _ in range(draw(st.integers(1, 3), label="parts")):
        lines += draw(st.lists(st.sampled_from(NOISE), max_size=4), label="noise")
        lines += draw(st.sampled_from(texts), label="summary").split("\n")
    how = draw(st.sampled_from(["none", "double-one", "blank-after-each"]), label="doubling")
    if how == "double-one" and lines:
        index = draw(st.integers(0, len(lines) - 1), label="doubled")
        lines.insert(index, lines[index])
    elif how == "blank-after-each":
        lines = [part for line in lines for part in (line, "")]
    separator = draw(st.sampled_from(SEPARATORS), label="separator")
    return separator.join(lines)


@st.composite
def notebook_json(draw: st.DrawFn) -> str:
    """A notebook: summaries cut into stream pieces, images and HTML outputs beside them."""
    texts = need_real()
    cells = []
    for index in range(draw(st.integers(1, 3), label="cells")):
        summary = draw(st.sampled_from(texts), label="summary")
        pieces = summary.splitlines(keepends=True)
        cut = draw(st.integers(0, len(pieces)), label="cut")
        outputs: list[dict] = [
            {"name": "stdout", "output_type": "stream", "text": part}
            for part in (pieces[:cut], pieces[cut:])
            if part
        ]
        if draw(st.booleans(), label="image"):
            outputs.append(
                {
                    "data": {"image/png": "iVBORw0KGgo" * 50, "text/plain": ["<Figure>"]},
                    "metadata": {},
                    "output_type": "display_data",
                }
            )
        if draw(st.booleans(), label="html"):
            outputs.append(
                {"data": {"text/html": ["<b>done</b>"]}, "output_type": "execute_result"}
            )
        cells.append(
            {
                "cell_type": "code",
                "execution_count": index,
                "metadata": {},
                "outputs": outputs,
                "source": ["model.summary()"],
            }
        )
    document = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    return json.dumps(document, indent=draw(st.sampled_from([None, 1])), ensure_ascii=False)


@st.composite
def notebook_text(draw: st.DrawFn) -> str:
    """A notebook with blank lines before it and, maybe, a log after it."""
    before = draw(st.sampled_from(["", "\n", "  \n"]), label="before")
    after = draw(st.one_of(st.just(""), plain_text().map(lambda t: "\n" + t)), label="after")
    return before + draw(notebook_json(), label="notebook") + after


def _cli_report(data: bytes) -> tuple[int, dict]:
    out, err = io.StringIO(), io.StringIO()
    rc = cli.main(["check", "--format", "json"], stdin=io.BytesIO(data), stdout=out, stderr=err)
    assert err.getvalue() == "", err.getvalue()
    return rc, json.loads(out.getvalue())


def _assert_same_everywhere(text: str) -> None:
    """The library, the CLI and a stream cut at arbitrary places all read the text alike."""
    report = check_text(text, source="<stdin>")
    expected = json.loads(json.dumps(report.to_dict()))
    rc, got = _cli_report(text.encode("utf-8"))
    assert got == expected
    assert rc == (1 if report.failed else 0)


def _pieces(text: str, cuts: list[int]) -> list[str]:
    points = sorted({0, len(text), *(c % (len(text) + 1) for c in cuts)})
    return [text[a:b] for a, b in zip(points, points[1:])]


@FUZZ
@given(plain_text())
def test_plain_files_read_alike(text: str) -> None:
    _assert_same_everywhere(text)


@FUZZ
@given(notebook_text())
def test_notebooks_with_text_around_read_alike(text: str) -> None:
    _assert_same_everywhere(text)


@FUZZ
@given(st.one_of(plain_text(), notebook_text()), st.lists(st.integers(0, 10**6), max_size=30))
def test_chunk_boundaries_never_matter(text: str, cuts: list[int]) -> None:
    streamed = [list(segment) for segment in sources.iter_segments(_pieces(text, cuts))]
    assert streamed == sources.segments(text)


@FUZZ
@given(notebook_json(), plain_text())
def test_notebook_then_text_keeps_the_notebook_summaries(document: str, after: str) -> None:
    alone = check_text(document).to_dict()["summaries"]
    assert alone
    assert check_text(document + "\n" + after).to_dict()["summaries"][: len(alone)] == alone


# --------------------------------------------------------------------------- the JSON reader

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**30), 10**30)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=30,
)


def _reads_as_json(text: str) -> bool:
    reader = notebook.JsonReader(iter(_pieces(text, [3, 17, 40])))
    try:
        if reader.peek() not in ("{", "["):
            reader.skip()
        else:
            list(notebook.NotebookReader(reader).segments())
    except notebook.JsonSyntaxError:
        return False
    return reader.peek() == ""


def _loads(text: str) -> bool:
    try:
        json.loads(text)
    except (ValueError, RecursionError):
        return False
    return True


@FUZZ
@given(JSON_VALUES, st.sampled_from([None, 1, 2]))
def test_reader_accepts_what_json_dumps_writes(value: object, indent: int | None) -> None:
    assert _reads_as_json(json.dumps(value, indent=indent))


@FUZZ
@given(JSON_VALUES, st.data())
def test_reader_refuses_exactly_what_json_loads_refuses(value: object, data: st.DataObject) -> None:
    text = json.dumps(value)
    position = data.draw(st.integers(0, len(text)), label="position")
    edit = data.draw(st.sampled_from(["delete", "insert"]), label="edit")
    if edit == "delete":
        text = text[:position] + text[position + 1 :]
    else:
        junk = data.draw(st.sampled_from(list('{}[]",:\\ 0-eE.tn\x01')), label="junk")
        text = text[:position] + junk + text[position:]
    if text.strip() and text.strip()[0] in "{[":
        assert _reads_as_json(text) == _loads(text), text


@FUZZ
@given(JSON_VALUES)
def test_loose_summary_strings_are_found_at_any_depth(value: object) -> None:
    summary = need_real()[0]
    document = {"wrapper": [value, {"note": summary}]}
    reader = notebook.JsonReader(iter([json.dumps(document)]))
    segments = list(notebook.NotebookReader(reader).segments())
    assert any(
        segment.part is notebook.Part.LOOSE and segment.outputs[0].pieces[0][0] == summary
        for segment in segments
    )
