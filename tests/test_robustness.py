"""Hypothesis fuzzing of check_text and the block finder: random text, mutated real summaries."""

from __future__ import annotations

import functools
import io
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from summaryaudit import Report, blocks, check_text, cli, grammar, parse_text, sources

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
WILD = SHARED / "corpus" / "wild"
SEEDS = SHARED / "seeds"
FIXTURES = REPO / "fixtures" / "real"
FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
# Whole-file formats that stop being readable once concatenated or cut (JSON-escaped text),
# and files that hold no table at all.
_SKIP_DAMAGE = {"not_keras", "json_escaped", "totals_only"}
PREFIXES = ("> ", "#> ", "# ", "    ", "## ", ">> ")


def _wild_files() -> list[Path]:
    manifest = WILD / "manifest.jsonl"
    if not manifest.exists():
        return []
    skip = set()
    for line in manifest.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if set(row["damage"]) & _SKIP_DAMAGE:
            skip.add(row["file"])
    return [p for p in sorted(WILD.glob("*.txt")) if p.name not in skip]


@functools.cache
def real_summaries() -> tuple[str, ...]:
    """Texts that hold at least one summary with rows, as the parser reads them unmutated."""
    paths = _wild_files() + sorted(SEEDS.glob("*.txt")) + sorted(FIXTURES.glob("**/*.txt"))
    texts = []
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="replace")
        if any(s.layers for s in parse_text(text)):
            texts.append(text)
    return tuple(texts)


def need_real() -> tuple[str, ...]:
    """Return the real summaries, or skip with a visible reason when none are on this machine."""
    if not SHARED.is_dir() and not FIXTURES.is_dir():
        pytest.skip(f"no real summaries: {SHARED} and {FIXTURES} are absent")
    texts = real_summaries()
    if not texts:
        pytest.skip(f"no readable real summaries under {SHARED} or {FIXTURES}")
    return texts


def assert_sound(report: object) -> dict:
    """A check_text result must be a Report whose dict is JSON with the contract's keys."""
    assert isinstance(report, Report)
    data = report.to_dict()
    text = json.dumps(data)
    assert json.loads(text) == data
    assert set(data) == {"summaries", "findings"}
    for summary in data["summaries"]:
        assert summary["start_line"] <= summary["end_line"]
        assert summary["dialect"] in ("keras1", "keras2", "keras2-wrapped", "keras3")
        for layer in summary["layers"]:
            assert isinstance(layer["name"], str) and isinstance(layer["line"], int)
            assert layer["params"] is None or layer["params"] >= 0
    for finding in data["findings"]:
        assert re.fullmatch(r"SA\d{3}", finding["code"])
        assert finding["severity"] in ("error", "warning", "info")
    return data


def run_block_finder(text: str) -> list[blocks.Block]:
    """Find and parse every block; each block's lines keep their original, ordered line numbers."""
    found = []
    for segment in sources.segments(text):
        for block in blocks.find_blocks(segment):
            assert block.lines
            assert block.start_line <= block.end_line
            grammar.parse_block(block)
            found.append(block)
    return found


# --------------------------------------------------------------------------- mutations


def _mutate(lines: list[str], op: str, data: st.DataObject) -> list[str]:
    if not lines:
        return lines
    i = data.draw(st.integers(0, len(lines) - 1), label="line")
    if op == "delete":
        return lines[:i] + lines[i + 1 :]
    if op == "duplicate":
        return [*lines[: i + 1], lines[i], *lines[i + 1 :]]
    if op == "insert":
        extra = data.draw(
            st.one_of(
                st.text(max_size=120).map(lambda t: t.replace("\n", " ")), st.sampled_from(lines)
            ),
            label="inserted",
        )
        return [*lines[:i], extra, *lines[i:]]
    if op == "replace_chars":
        line = lines[i]
        if not line:
            return lines
        j = data.draw(st.integers(0, len(line) - 1), label="column")
        k = data.draw(st.integers(j, min(len(line), j + 8)), label="end")
        junk = data.draw(
            st.text(alphabet="()[],.…?┃│━─|_=-0123456789 \t\x00\x1bxY", min_size=0, max_size=8),
            label="junk",
        )
        return [*lines[:i], line[:j] + junk + line[k:], *lines[i + 1 :]]
    if op == "collapse_spaces":
        return [re.sub(r"[ \t]+", " ", line) for line in lines]
    if op == "join":
        if i + 1 >= len(lines):
            return lines
        glue = data.draw(st.sampled_from(["", " ", "  "]), label="glue")
        return [*lines[:i], lines[i] + glue + lines[i + 1], *lines[i + 2 :]]
    if op == "prefix":
        prefix = data.draw(st.sampled_from(PREFIXES), label="prefix")
        j = data.draw(st.integers(i, len(lines)), label="prefix_end")
        return [*lines[:i], *(prefix + line for line in lines[i:j]), *lines[j:]]
    if op == "cut":
        return lines[:i]
    raise AssertionError(op)


OPS = ("delete", "duplicate", "insert", "replace_chars", "collapse_spaces", "join", "prefix", "cut")


@st.composite
def mutated_summary(draw: st.DrawFn, texts: tuple[str, ...], max_ops: int = 5) -> str:
    """A real summary damaged by up to max_ops random edits."""
    text = draw(st.sampled_from(texts), label="base")
    lines = text.split("\n")
    data = draw(st.data())
    for op in draw(st.lists(st.sampled_from(OPS), min_size=1, max_size=max_ops), label="ops"):
        lines = _mutate(lines, op, data)
    newline = draw(st.sampled_from(["\n", "\r\n"]), label="newline")
    return newline.join(lines)


# --------------------------------------------------------------------------- (a) random text


@FUZZ
@given(st.text(max_size=2000))
def test_random_text_check_text(text: str) -> None:
    assert_sound(check_text(text, source="fuzz"))
    run_block_finder(text)


@FUZZ
@given(
    st.lists(
        st.one_of(
            st.text(max_size=80),
            st.sampled_from(
                [
                    "Layer (type)                 Output Shape              Param #",
                    "_" * 65,
                    "=" * 65,
                    "Total params: 1,234",
                    "Trainable params: 1,234",
                    "Non-trainable params: 0",
                    'Model: "m"',
                    "┏━━━━━━━━━━━━━┳━━━━━━━━━━━━━━┳━━━━━━━━━┓",
                    "┃ Layer (type) ┃ Output Shape ┃ Param # ┃",
                    "┡━━━━━━━━━━━━━╇━━━━━━━━━━━━━━╇━━━━━━━━━┩",
                    "│ dense (Dense)│ (None, 3)    │      12 │",
                    "└─────────────┴──────────────┴─────────┘",
                    "dense (Dense)                (None, 10)                650",
                    "|¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯|",
                    "",
                ]
            ),
        ),
        max_size=60,
    )
)
def test_random_table_like_lines(lines: list[str]) -> None:
    text = "\n".join(lines)
    assert_sound(check_text(text, source="fuzz"))
    run_block_finder(text)


@FUZZ
@given(st.binary(max_size=3000))
@example(b"\xc2")  # UTF-8 cut inside a character at the very end of the input
def test_random_bytes_through_cli(data: bytes) -> None:
    out, err = io.StringIO(), io.StringIO()
    rc = cli.main(["check", "--format", "json"], stdin=io.BytesIO(data), stdout=out, stderr=err)
    if rc == 2:
        message = err.getvalue().strip()
        assert message.startswith("summaryaudit: <stdin>") and "\n" not in message
    else:
        assert rc in (0, 1) and err.getvalue() == ""
        report = json.loads(out.getvalue())
        assert set(report) == {"summaries", "findings"}


# --------------------------------------------------------------------------- (b) mutated real


@FUZZ
@given(st.data())
def test_mutated_real_summaries(data: st.DataObject) -> None:
    text = data.draw(mutated_summary(need_real()), label="text")
    assert_sound(check_text(text, source="mutated"))
    run_block_finder(text)


@FUZZ
@given(st.data())
def test_mutated_real_summaries_through_cli(data: st.DataObject) -> None:
    text = data.draw(mutated_summary(need_real(), max_ops=3), label="text")
    codec = data.draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]), label="codec")
    out, err = io.StringIO(), io.StringIO()
    rc = cli.main(
        ["check", "--format", "json"],
        stdin=io.BytesIO(text.encode(codec, "surrogatepass")),
        stdout=out,
        stderr=err,
    )
    assert rc in (0, 1, 2)
    if rc == 2:
        assert err.getvalue().count("\n") == 1 and "<stdin>" in err.getvalue()
    else:
        json.loads(out.getvalue())


def test_every_real_summary_survives_each_prefix() -> None:
    for text in need_real():
        for prefix in PREFIXES:
            prefixed = "\n".join(prefix + line for line in text.split("\n"))
            assert_sound(check_text(prefixed))


def test_every_real_summary_cut_at_every_line() -> None:
    for text in need_real()[:12]:
        lines = text.split("\n")
        for end in range(len(lines)):
            assert_sound(check_text("\n".join(lines[:end])))


def test_summary_cut_right_after_its_header_is_reported() -> None:
    """A table reduced to its header is incomplete (SA003) or not a summary (SA002), never clean."""
    text = "\n".join(
        [
            'Model: "sequential"',
            "_" * 65,
            "Layer (type)                 Output Shape              Param #   ",
        ]
    )
    report = check_text(text)
    assert {f.code for f in report.findings} & {"SA002", "SA003"}, report.to_dict()
    assert report.failed


# --------------------------------------------------------------------------- (c) nothing is lost


_GARBAGE = st.one_of(
    st.sampled_from(
        [
            "Epoch 1/10",
            "1875/1875 [==============================] - 3s 1ms/step - loss: 0.2917",
            "WARNING:tensorflow:Layer lstm will not use cuDNN kernels",
            "None",
            "((((((((((((",
            "=" * 40,
            "Total params: lots",
        ]
    ),
    st.text(max_size=100).map(lambda t: t.replace("\n", " ")).filter(lambda t: "Layer" not in t),
)


def _damage(text: str, how: str, data: st.DataObject) -> str:
    """Damage a summary but keep its header line, so it is still a (broken) summary."""
    lines = text.split("\n")
    # the summary's own header (wrapped headers too), not a `Layer` line above its table (a
    # docstring's table of the architecture: cutting there left no summary at all)
    start = parse_text(text)[0].start_line - 1
    header = next(i for i in range(start, len(lines)) if "Layer" in lines[i])
    after = list(range(header + 1, len(lines)))
    if how == "garble_row" and after:
        i = data.draw(st.sampled_from(after), label="garbled")
        lines[i] = data.draw(
            st.text(alphabet="()[]?…│|_=- 0123456789abc", max_size=60), label="junk"
        )
    elif how == "cut" and after:
        lines = lines[: data.draw(st.sampled_from(after), label="cut_at")]
    elif how == "huge_number":
        lines = [
            re.sub(r"(params:\s*)[\d,]+", lambda m: m.group(1) + "9" * 5000, line) for line in lines
        ]
    elif how == "collapse":
        lines = [re.sub(r"[ \t]+", " ", line) for line in lines]
    return "\n".join(lines)


@FUZZ
@given(st.data())
def test_two_summaries_with_garbage_between_are_both_found(data: st.DataObject) -> None:
    texts = need_real()
    first = data.draw(st.sampled_from(texts), label="first")
    second = data.draw(st.sampled_from(texts), label="second")
    how = data.draw(st.sampled_from(["none", "garble_row", "cut", "huge_number", "collapse"]))
    if data.draw(st.booleans(), label="damage_first"):
        first = _damage(first, how, data)
    else:
        second = _damage(second, how, data)
    garbage = data.draw(_GARBAGE, label="garbage")
    text = first.rstrip("\n") + "\n" + garbage + "\n" + second
    report = check_text(text, source="two")
    data_dict = assert_sound(report)
    assert len(data_dict["summaries"]) >= 2, [
        (s["start_line"], s["end_line"]) for s in data_dict["summaries"]
    ]


def test_each_real_summary_is_found_next_to_every_other() -> None:
    texts = need_real()
    for a, b in zip(texts, texts[1:] + texts[:1]):
        combined = a.rstrip("\n") + "\nEpoch 1/10\n" + b
        expected = len(parse_text(a)) + len(parse_text(b))
        assert len(parse_text(combined)) >= min(2, expected)


# --------------------------------------------------------------------------- limits


def test_fifty_thousand_open_brackets_complete() -> None:
    for opener in ("(", "[", "([", "{"):
        text = opener * (50000 // len(opener))
        assert_sound(check_text(text))
        assert_sound(check_text("Layer (type) Output Shape Param #\nd (Dense) " + text + " 1\n"))


def test_two_megabyte_line_completes() -> None:
    line = "x" * (2 * 1024 * 1024)
    assert_sound(check_text(line))
    table = "Layer (type)                 Output Shape              Param #\n" + "=" * 65 + "\n"
    assert_sound(check_text(table + "d (Dense) (None, 1) " + "1" * (2 * 1024 * 1024) + "\n"))


def test_numbers_with_thousands_of_digits_are_unreadable_counts() -> None:
    text = "\n".join(
        [
            "Layer (type)                 Output Shape              Param #   ",
            "=" * 65,
            "dense (Dense)                (None, 10)                " + "7" * 5000,
            "=" * 65,
            "Total params: " + "9" * 5000,
            "Trainable params: " + "9" * 5000,
            "Non-trainable params: 0",
        ]
    )
    report = check_text(text)
    assert_sound(report)
    lines = {f.line for f in report.findings if f.code == "SA001"}
    assert {5, 6} <= lines, report.to_dict()["findings"]
