"""Reading only the regions near summary anchors gives exactly the report of reading every line."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summaryaudit import api, regions, sources

from .conftest import FIXTURES, ROOT, SEEDS, WILD, WILD2

sys.path.insert(0, str(ROOT / "benchmarks"))
import logs

CORPUS_FILES = sorted(
    path
    for folder in (FIXTURES, WILD, WILD2, SEEDS)
    if folder.exists()
    for path in folder.rglob("*")
    if path.is_file()
)
REAL_PRINTS = sorted((FIXTURES / "real").rglob("*.txt"))


def _text(path: Path) -> str:
    return sources.decode(path.read_bytes())


def _both_ways(text: str, source: str = "<string>") -> tuple[dict, dict]:
    skimmed = api.check_text(text, source, skim=True).to_dict()
    whole = api.check_text(text, source, skim=False).to_dict()
    return skimmed, whole


def test_every_corpus_file_reads_the_same_with_and_without_regions() -> None:
    assert len(CORPUS_FILES) > 500, "fixtures and ../shared corpora expected"
    differing = []
    for path in CORPUS_FILES:
        try:
            text = _text(path)
        except sources.DecodeError:
            continue  # binary fixtures: both ways stop at decoding
        skimmed, whole = _both_ways(text, str(path))
        if skimmed != whole:
            differing.append(str(path.relative_to(ROOT.parent)))
    assert differing == []


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(lambda: logs.sparse_log(1.0), id="sparse"),
        pytest.param(lambda: logs.dense_log(logs.distinct_summaries(limit=120)), id="dense"),
    ],
)
def test_benchmark_logs_read_the_same_with_and_without_regions(text) -> None:
    log = text()
    skimmed, whole = _both_ways(log, "bench.log")
    assert skimmed == whole
    assert skimmed["summaries"], "the benchmark log holds summaries"


def test_region_lines_do_not_grow_with_the_progress_bars() -> None:
    counts = []
    for megabytes in (0.5, 2.0):
        log = logs.sparse_log(megabytes)
        found = list(regions.region_lines(sources.chunked(log), sources.clean_text))
        counts.append(len(found))
    every = sum(1 for _ in sources.text_lines(logs.sparse_log(2.0)))
    assert counts[0] == counts[1]  # the same 20 summaries with their context, however long
    assert counts[1] * 10 < every  # the progress bars are counted, never read


LINE_ENDS = ["\n", "\r", "\r\n", "\r\r\n", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\u2029"]
KERAS3_BAR = (
    "\x1b[1m{i}/24\x1b[0m \x1b[32m━━━━━━━━━━\x1b[0m\x1b[37m━━━━━━━━━━\x1b[0m \x1b[1m1s\x1b[0m "
    "3ms/step - acc: 0.{i}917 - loss: 1.3311" + "\x08" * 12
)
KERAS2_BAR = " {i}/24 [=========>....................] - ETA: 0s - loss: 0.6{i}31"
NOISE = st.sampled_from(
    [
        KERAS3_BAR,
        KERAS2_BAR,
        "Epoch {i}/10",
        "",
        "   ",
        "WARNING:tensorflow:5 out of the last {i} calls triggered tf.function retracing.",
        "/usr/lib/python3/keras/src/layers/core/dense.py:{i}: UserWarning: Do not pass an "
        "`input_shape`/`input_dim` argument to a layer.",
        "I0000 00:00:{i} cuda_executor.cc:1015] successful NUMA node read",
        "{i}",
        "step {i}: loss=0.{i}",
    ]
)


@st.composite
def noisy_logs(draw: st.DrawFn) -> str:
    """Real prints (or parts of them) dropped into training-log noise with mixed line ends."""
    pieces: list[str] = []
    for _ in range(draw(st.integers(1, 4))):
        for i in range(draw(st.integers(0, 60))):
            pieces.append(draw(NOISE).format(i=i) + draw(st.sampled_from(LINE_ENDS)))
        print_text = _text(draw(st.sampled_from(REAL_PRINTS)))
        lines = print_text.splitlines()
        if draw(st.booleans()):
            start = draw(st.integers(0, len(lines)))
            lines = lines[start : start + draw(st.integers(1, 40))]
        end = draw(st.sampled_from(["\n", "\r\n", "\n", "\u2028"]))
        pieces.append(end.join(lines) + end)
    return "".join(pieces)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(noisy_logs())
def test_prints_in_log_noise_read_the_same_with_and_without_regions(log: str) -> None:
    skimmed, whole = _both_ways(log)
    assert skimmed == whole


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(
                ["Layer (type)", "x", "Total params: 5", "", "rr", "━━━", "\x1b[1mLa\x08yer\x1b[0m"]
            ),
            st.sampled_from(LINE_ENDS),
        ),
        max_size=80,
    ),
    st.integers(1, 7),
)
def test_region_lines_keep_the_numbers_and_text_of_a_full_split(
    lines: list[tuple[str, str]], chunk: int
) -> None:
    text = "".join(body + end for body, end in lines)
    full = dict(sources.LineSplitter().feed(text, final=True))
    found = list(regions.region_lines(sources.chunked(text, chunk), sources.clean_text))
    assert [n for n, _, _ in found] == sorted({n for n, _, _ in found})
    for number, text, _ in found:
        assert sources.clean_text(full[number]) == text
    # the same lines when chunks that need no cleaning are not cleaned line by line
    plain = sources.cleaning_changes_nothing
    chunks = sources.chunked("".join(body + end for body, end in lines), chunk)
    assert list(regions.region_lines(chunks, sources.clean_text, plain=plain)) == found


def test_findings_keep_their_line_numbers_deep_in_a_log() -> None:
    # A real print with a wrong count, after 50,000 progress-bar lines with `\r` line ends.
    prints = [p for p in REAL_PRINTS if "Total params" in p.read_text(encoding="utf-8")]
    text = _text(prints[0]).replace("Total params: ", "Total params: 1")
    noise = "".join(KERAS3_BAR.format(i=i % 24) + "\r" for i in range(50_000)) + "\n"
    log = noise + text
    skimmed, whole = _both_ways(log)
    assert skimmed == whole
    alone = api.check_text(text).to_dict()
    shift = 50_000  # the bars' lines; the last `\r` and the `\n` are one line end
    starts = [s["start_line"] for s in skimmed["summaries"]]
    assert starts == [s["start_line"] + shift for s in alone["summaries"]]
    lines = [f["line"] for f in skimmed["findings"]]
    expected = [f["line"] for f in alone["findings"]]
    assert lines == [None if n is None else n + shift for n in expected]
    assert any(n is not None for n in lines)


@pytest.mark.parametrize("noise_lines", [0, 20, 57, 100, 130, 200, 251, 333])
def test_totals_just_before_a_summary_read_the_same_whatever_the_noise_above(
    noise_lines: int,
) -> None:
    # The block finder reads 64-line windows: a totals block followed closely by a summary is
    # read or not depending on where its window falls, which the skipped lines must not move.
    keras2 = _text(FIXTURES / "real/keras2.2.4/big_dense.txt").splitlines()
    totals_only = "\n".join(line for line in keras2 if "params" in line) + "\n"
    keras3 = _text(FIXTURES / "real/keras3/cnn_bn.txt")
    bars = "".join(KERAS3_BAR.format(i=i % 24) + "\n" for i in range(noise_lines))
    for gap in (5, 30, 50):
        log = bars + totals_only + "step 1: loss=0.5\n" * gap + keras3
        skimmed, whole = _both_ways(log)
        assert skimmed == whole


@pytest.mark.parametrize("end", ["\n", "\r", "\r\n", "\r\r\n"])
def test_a_line_longer_than_the_reader_keeps_is_skipped_by_its_number(end: str) -> None:
    keras3 = _text(FIXTURES / "real/keras3/cnn_bn.txt")
    log = "loss 0.5 " * (3 * sources.MAX_LINE_CHARS // 9) + end + keras3
    skimmed, whole = _both_ways(log)
    assert skimmed == whole
    assert skimmed["summaries"][0]["start_line"] == 2


def _segments_or_error(segments: Iterator[Iterator[sources.Line]]) -> object:
    try:
        return [list(segment) for segment in segments]
    except sources.DecodeError as exc:
        return str(exc)


def _byte_pieces(data: bytes, size: int) -> list[bytes]:
    return [data[start : start + size] for start in range(0, len(data), size)]


def test_every_corpus_file_reads_the_same_from_its_bytes() -> None:
    # The command line reads bytes (sources.byte_segments: each chunk looked through in its
    # UTF-8 bytes); the library reads decoded text. Both give the same lines, or the same error.
    for path in CORPUS_FILES:
        data = path.read_bytes()
        for size in (7, 4096, 1 << 16):
            pieces = _byte_pieces(data, size)
            whole = _segments_or_error(sources.iter_segments(sources.decode_chunks(pieces)))
            assert _segments_or_error(sources.byte_segments(pieces)) == whole, (path, size)


BYTE_PIECES = st.sampled_from(
    [
        KERAS3_BAR.format(i=3).encode(),
        b"Layer (type)   Output Shape   Param #",
        "┃ Layer (type) ┃ Output Shape ┃ Param # ┃".encode(),
        b"Total params: 5",
        "层 (类型)  参数 #".encode(),
        b"\xef\xbb\xbf",
        b"\xff",
        b"\xe2\x94",  # a character cut in two
        b"{",
        b"  ",
        b"x",
        *(end.encode() for end in LINE_ENDS),
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(BYTE_PIECES, max_size=60), st.integers(1, 9))
def test_bytes_read_the_same_as_their_decoded_text(pieces: list[bytes], size: int) -> None:
    data = b"".join(pieces)
    chunks = _byte_pieces(data, size)
    whole = _segments_or_error(sources.iter_segments(sources.decode_chunks(chunks)))
    assert _segments_or_error(sources.byte_segments(chunks)) == whole


def test_a_bad_byte_deep_in_a_log_is_reported_on_its_line() -> None:
    noise = "".join(KERAS3_BAR.format(i=i % 24) + "\r" for i in range(3000)) + "\n"
    data = (noise * 3).encode() + b"ok\n\xff\n"
    chunks = _byte_pieces(data, 1 << 16)
    whole = _segments_or_error(sources.iter_segments(sources.decode_chunks(chunks)))
    assert whole == "line 5: byte 0xff is not UTF-8 (save the file as UTF-8 or UTF-16)"
    assert _segments_or_error(sources.byte_segments(chunks)) == whole


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(
                [
                    "Layer (type)",
                    "x",
                    "Total params: 5",
                    "",
                    "━━━",
                    "层",
                    "ab" * 40,
                    "\x1b[1mLa\x08yer",
                ]
            ),
            st.sampled_from([*LINE_ENDS, "\r\r", "\r\r\r\n"]),
            st.integers(1, 200),
        ),
        max_size=30,
    ),
    st.integers(1, 5000),
)
def test_chunks_looked_through_in_their_bytes_give_the_same_lines(
    groups: list[tuple[str, str, int]], chunk: int
) -> None:
    # Long runs of lines without anchors are counted from their bytes, not read.
    text = "".join((body + end) * count for body, end, count in groups)
    plain, from_bytes = (
        regions.RegionFinder(sources.clean_text),
        regions.RegionFinder(sources.clean_text),
    )
    read, counted = [], []
    for piece in sources.chunked(text, chunk):
        read += plain.feed(piece)
        counted += from_bytes.feed(piece, raw=piece.encode("utf-8"))
    read += plain.feed("", final=True)
    counted += from_bytes.feed("", final=True)
    assert counted == read
    assert from_bytes.newlines == plain.newlines == text.count("\n")
    # the same lines when a chunk that needs no cleaning is told so, from its text or its bytes
    clean, told = sources.clean_text, sources.cleaning_changes_nothing
    told_text, told_bytes = (
        regions.RegionFinder(clean, plain=told),
        regions.RegionFinder(clean, plain=told),
    )
    from_text, from_raw = [], []
    for piece in sources.chunked(text, chunk):
        from_text += told_text.feed(piece)
        from_raw += told_bytes.feed(piece, raw=piece.encode("utf-8"))
    from_text += told_text.feed("", final=True)
    from_raw += told_bytes.feed("", final=True)
    assert from_text == from_raw == read


# The region finder's per-line tests, spelled out for speed, against their first definitions.
_REF_TABLE_CHARS = re.compile(r"[─│┃┄-╿|+()\[\]…⋮¯#>（）]")
_REF_RUNS = ("___", "===", "---", "~~~", "***", "```", "...", "¯¯¯", "Model", "???")
_REF_RULE_LINE = re.compile(r"\s*━{3}[\s━]*$")
_REF_TOTALS_WORDS = re.compile(r"params|parameters|par[áâa]metros", re.IGNORECASE)
_REF_CJK_HEADER = re.compile(r"[层層레층]|レイ")
_REF_CJK_TOTALS = re.compile(r"[参參파매]|パラ")


def _ref_is_header(text: str) -> bool:
    if any(word in text for word in ("Layer", "Capa", "Camada", "Couche", "Schicht")):
        return True
    return not text.isascii() and _REF_CJK_HEADER.search(text) is not None


def _ref_is_totals(text: str) -> bool:
    if ("r" in text or "R" in text) and _REF_TOTALS_WORDS.search(text):
        return True
    return not text.isascii() and _REF_CJK_TOTALS.search(text) is not None


def _ref_table_like(text: str) -> bool:
    return (
        _REF_TABLE_CHARS.search(text) is not None
        or any(run in text for run in _REF_RUNS)
        or ("━━━" in text and _REF_RULE_LINE.match(text) is not None)
        or regions.is_anchor(text)
    )


def _ref_left_after(text: str, left: int) -> int:
    if not _ref_table_like(text):
        return left - 1 if text and not text.isspace() else left
    if _ref_is_header(text):
        return max(left, regions.LONG_REACH)
    if _ref_is_totals(text):
        return regions.REACH
    return max(left, regions.REACH)


LINE_PIECES = st.sampled_from(
    [
        "Layer (type)",
        "Capa",
        "Camada",
        "Couche",
        "Schicht",
        "params",
        "PARAMETERS",
        "Parámetros",
        "PARÁMETROS",
        "Parâmetros",
        "paramſ",
        "pAr",
        "aR",
        "层",
        "層",
        "レイ",
        "レ",
        "레",
        "층",
        "参",
        "參",
        "パラ",
        "パ",
        "파",
        "매",
        "│",
        "┃",
        "━━━",
        "━",
        "─",
        "┄",
        "╿",
        "（",
        "）",
        "…",
        "⋮",
        "¯",
        "¯¯¯",
        "(",
        ")",
        "[",
        "]",
        "|",
        "+",
        "#",
        ">",
        "<",
        "___",
        "===",
        "---",
        "~~~",
        "***",
        "```",
        "...",
        "Model",
        "summaryaudit",
        "SummaryAudit",
        "dense_1 (Dense)",
        " (None, 3)",
        "│ dense (Dense) │ (None, 3) │",
        "x",
        " ",
        "\t",
        "5",
    ]
)
LINE_TEXTS = st.one_of(st.lists(LINE_PIECES, max_size=6).map("".join), st.text(max_size=40))


@settings(max_examples=3000, deadline=None)
@given(LINE_TEXTS, st.integers(1, 300))
def test_a_region_is_extended_as_the_first_definitions_of_its_line_tests_say(
    text: str, left: int
) -> None:
    expected = _ref_left_after(text, left)
    assert regions.left_after(text, left) == expected
    # without a wide anchor character in its text, a line's CJK tests are skipped
    if regions.anchors_in_text(text).isascii():
        assert regions.left_after(text, left, cjk=False) == expected
    assert regions.is_header(text) == _ref_is_header(text)
    assert regions.is_totals(text) == _ref_is_totals(text)
    assert regions.is_table_like(text) == _ref_table_like(text)


@settings(max_examples=1000, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("ab (\x1b[0m\r\n\t\x00\x07\x0b\x0c\x1c\x7f\x85━"), max_size=60)
)
def test_text_cleaning_changes_nothing_in_leaves_every_line_as_it_is(text: str) -> None:
    if sources.cleaning_changes_nothing(text):
        assert all(sources.clean_text(line) == line for line in regions.split_lines(text))
