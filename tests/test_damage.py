"""Paste damage undone before structure: each kind applied as code to real prints, read exactly."""

from __future__ import annotations

import html
import io
import itertools
import json
import re
import subprocess
import sys
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from summaryaudit import api, cli, damage, notebook_fragment, sources, spaced_tokens

from .conftest import FIXTURES, count_as_printed

REAL = FIXTURES / "real"
ALL_CASES = sorted(REAL.glob("*/*.truth.json"))
# One Sequential print with a BatchNormalization and one functional print (Connected to) per
# generation, plus the nested and coloured prints: every layout, era and column set.
SAMPLE_CASES = ("cnn_bn", "merge_ops", "nested_functional_expanded", "cnn_bn_ansi")
SAMPLE = [p for p in ALL_CASES if p.name.split(".")[0] in SAMPLE_CASES]
UNCOLOURED = [p for p in SAMPLE if "ansi" not in p.name]  # totals an author could respell
FIXED_WIDTH = [p for p in ALL_CASES if not p.parent.name.startswith("keras3")]
KERAS12 = [p for p in FIXED_WIDTH if p.parent.name.startswith(("keras1", "keras2"))]


def _ids(paths: list[Path]) -> list[str]:
    return [f"{p.parent.name}/{p.name.split('.')[0]}" for p in paths]


def _load(truth_path: Path) -> tuple[dict, str]:
    text = truth_path.with_name(truth_path.name.replace(".truth.json", ".txt"))
    return json.loads(truth_path.read_text(encoding="utf-8")), text.read_text(encoding="utf-8")


def _records(text: str) -> list[tuple]:
    """Everything a reading yields that the truth files pin down, summary by summary."""
    return [
        (
            [(layer.name, layer.type, layer.params, layer.depth) for layer in summary.layers],
            summary.totals.to_dict(),
        )
        for summary in api.parse_text(text)
    ]


def _assert_reads_as_truth(text: str, truth: dict) -> None:
    summaries = api.parse_text(text)
    assert len(summaries) == 1
    summary = summaries[0]
    assert summary.unreadable == ()
    assert summary.totals.to_dict() == truth["totals"]
    wanted = truth["layers"]
    printed = [  # a name Keras cut is compared with the start of the true name
        want["name"][: len(got.name.rstrip("…"))] if "name" in got.truncated else want["name"]
        for got, want in zip(summary.layers, wanted)
    ]
    assert [layer.name.rstrip("…") for layer in summary.layers] == printed
    assert len(summary.layers) == len(wanted)
    assert [layer.depth for layer in summary.layers] == [want["depth"] for want in wanted]
    counts = [layer.params for layer in summary.layers]
    if summary.cropped:  # the Param # column was cropped away by a narrow terminal
        counts = [got if got is not None else want["params"] for got, want in zip(counts, wanted)]
    assert counts == [count_as_printed(got, w["params"]) for got, w in zip(summary.layers, wanted)]


def _each_line(text: str, change: Callable[[str], str]) -> str:
    return "\n".join(change(line) for line in text.split("\n"))


# --------------------------------------------------------------------------- damage, as code

_TOTALS_LINE = re.compile(
    r"^(\s*)(Total|Trainable|Non-trainable|Optimizer) params: (.*?)\s*$", re.M
)


def html_br_line_ends(text: str) -> str:
    """A Markdown page that ends every non-empty line with `<br>` (some with padding after)."""
    return _each_line(text, lambda line: line + "<br>   " if line.strip() else line)


def markdown_escaped(text: str) -> str:
    """A Markdown editor that escaped every `_`, `=` and `*` (rules become `\\_\\_\\_`)."""
    return re.sub(r"([_=*])", r"\\\1", text)


def r_knitr_html(text: str) -> str:
    """R Markdown output (`#> ` prefix) whose `>` a page escaped as `&gt;`."""
    return _each_line(text, lambda line: "#&gt; " + line)


# How authors respell Keras's totals lines, as templates over (indent, label, rest of line).
TOTALS_SPELLINGS = {
    "underscored": "{lead}{label}_params: {rest}",
    "bold_hard_break": "__{label} params: {rest}__\\",
    "starred_label": "**{label} params:** {rest}",
    "italic": "*{label} params: {rest}*",
    "prose_bullets": "- **{label} Parameters**: {rest}",
    "headings": "#### {label} params: {rest}",
}


def respelled_totals(text: str, template: str) -> str:
    return _TOTALS_LINE.sub(lambda m: template.format(lead=m[1], label=m[2], rest=m[3]), text)


_TOKEN = re.compile(r"'[^']*'|\"[^\"]*\"|\d+(?:\.\d+)?|\w+|[^\w\s]")


def highlighter_dump(text: str) -> str:
    """A code highlighter's copy: every token (word, number, string, sign) joined by one space."""
    return _each_line(text, lambda line: " ".join(_TOKEN.findall(line)))


def whitespace_collapsed(text: str) -> str:
    return _each_line(text, lambda line: " ".join(line.split()))


def glued_line_numbers(text: str) -> str:
    """A code viewer copied with its line numbers, glued to each line (`3=====`)."""
    return "\n".join(f"{number}{line}" for number, line in enumerate(text.split("\n"), 1))


def double_spaced(text: str, gap: str = "") -> str:
    """Every line followed by an empty line, as `sed G` makes (or by a blank one, as blogs do)."""
    return "".join(f"{line}\n{gap}\n" for line in text.split("\n"))


TRANSLATIONS = {
    "zh": {
        "Model:": "模型:",
        "Layer (type)": "层 (类型)",
        "Output Shape": "输出形状",
        "Param #": "参数数量",
        "Connected to": "连接到",
        "Total params:": "总参数量:",
        "Trainable params:": "可训练参数量:",
        "Non-trainable params:": "不可训练参数量:",
    },
    "ja": {
        "Model:": "モデル:",
        "Layer (type)": "レイヤー (タイプ)",
        "Output Shape": "出力形状",
        "Param #": "パラメータ数",
        "Connected to": "接続先",
        "Total params:": "総パラメータ数:",
        "Trainable params:": "訓練可能なパラメータ:",
        "Non-trainable params:": "訓練不可能なパラメータ:",
    },
    "ko": {
        "Model:": "모델:",
        "Layer (type)": "레이어 (유형)",
        "Output Shape": "출력 형태",
        "Param #": "파라미터 #",
        "Connected to": "연결 대상",
        "Total params:": "총 파라미터:",
        "Trainable params:": "훈련 가능한 파라미터:",
        "Non-trainable params:": "훈련 불가능한 파라미터:",
    },
    "es": {
        "Model:": "Modelo:",
        "Layer (type)": "Capa (tipo)",
        "Output Shape": "Forma de salida",
        "Param #": "Parámetros #",
        "Connected to": "Conectado a",
        "Total params:": "Parámetros totales:",
        "Trainable params:": "Parámetros entrenables:",
        "Non-trainable params:": "Parámetros no entrenables:",
    },
}
_TITLE = re.compile(r"Layer \(type\)|Output Shape|Param #|Connected to|Trainable|\S+")


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def translated(text: str, language: str, realigned: bool) -> str:
    """An author who translated the titles: in place (later titles shift), or realigned so each
    title starts at its English column on screen (CJK characters take two columns there)."""
    words = TRANSLATIONS[language]
    out = []
    for line in text.split("\n"):
        if "Layer (type)" in line and (not realigned or "┃" in line):
            for english in ("Layer (type)", "Output Shape", "Param #", "Connected to"):
                line = line.replace(english, words[english])
        elif "Layer (type)" in line:
            new = ""
            for match in _TITLE.finditer(line):
                gap = match.start() - _display_width(new)
                new += " " * max(gap, 1 if new else gap) + words.get(match.group(0), match[0])
            line = new
        else:
            for english in (
                "Non-trainable params:",
                "Trainable params:",
                "Total params:",
                "Model:",
            ):
                if english in line:
                    line = line.replace(english, words[english])
                    break
        out.append(line)
    return "\n".join(out)


# --------------------------------------------------------------------------- genuine prints


# (Keras 0.3 prints each row's class before its name: its rows are written name-first, below)
GENUINE = sorted(path for path in REAL.glob("*/*.txt") if path.parent.name != "keras0.3.3")


@pytest.mark.parametrize("path", GENUINE, ids=lambda p: p.name)
def test_a_genuine_print_is_left_exactly_as_it_is(path: Path) -> None:
    lines = list(sources.text_lines(path.read_text(encoding="utf-8")))
    assert list(damage.repair(lines)) == lines


@pytest.mark.parametrize("path", sorted(REAL.glob("keras0.3.3/*.txt")), ids=lambda p: p.name)
def test_a_keras0_print_is_written_as_keras1_prints_it(path: Path) -> None:
    """Keras 0.3's `Layer (name)` header and `Dense (hidden)` rows become `Layer (type)` and
    `hidden (Dense)` (a Graph's input `Layer (user_input)`: `user_input (InputLayer)`); every
    other line is left as it is, and each line keeps its number."""
    lines = list(sources.text_lines(path.read_text(encoding="utf-8")))
    repaired = list(damage.repair(lines))
    assert [line.number for line in repaired] == [line.number for line in lines]
    for before, after in zip(lines, repaired):
        row = re.match(r"(\w+) \((\w+)(\)|(?=\())", before.text)
        if before.text.startswith("Layer (name)"):
            assert after.text == before.text.replace("Layer (name)", "Layer (type)")
        elif row is not None:
            # (a cell cut at its 30 characters, its shape glued on, is a cut name then)
            cls = "InputLayer" if row[1] == "Layer" else row[1]
            name = row[2] if row[3] else f"{row[2]}…"
            shown = before.text[row.end() :].split()
            assert after.text.split() == [name, f"({cls})", *shown]
        else:
            assert after == before


# --------------------------------------------------------------------------- each damage

PER_LINE_DAMAGE = [html_br_line_ends, markdown_escaped, r_knitr_html, glued_line_numbers]


@pytest.mark.parametrize("paste", PER_LINE_DAMAGE, ids=lambda f: f.__name__)
@pytest.mark.parametrize("truth_path", SAMPLE, ids=_ids(SAMPLE))
def test_damaged_print_reads_as_the_model(truth_path: Path, paste: Callable[[str], str]) -> None:
    truth, text = _load(truth_path)
    _assert_reads_as_truth(paste(text), truth)


@pytest.mark.parametrize("spelling", sorted(TOTALS_SPELLINGS))
@pytest.mark.parametrize("truth_path", UNCOLOURED, ids=_ids(UNCOLOURED))
def test_respelled_totals_read_as_the_model(truth_path: Path, spelling: str) -> None:
    truth, text = _load(truth_path)
    damaged = respelled_totals(text, TOTALS_SPELLINGS[spelling])
    assert damaged != text
    _assert_reads_as_truth(damaged, truth)


@pytest.mark.parametrize("realigned", [False, True], ids=["in_place", "realigned"])
@pytest.mark.parametrize("language", sorted(TRANSLATIONS))
@pytest.mark.parametrize("truth_path", SAMPLE, ids=_ids(SAMPLE))
def test_translated_titles_read_as_the_model(
    truth_path: Path, language: str, realigned: bool
) -> None:
    truth, text = _load(truth_path)
    damaged = translated(text, language, realigned)
    assert damaged != text
    _assert_reads_as_truth(damaged, truth)


def test_a_translated_header_gets_the_columns_its_rows_use() -> None:
    _, text = _load(REAL / "tf_keras" / "merge_ops.truth.json")
    header = next(line for line in text.split("\n") if "Layer (type)" in line)
    damaged = translated(text, "zh", realigned=False)
    lines = list(sources.undo_paste_damage(sources.text_lines(damaged)))
    restored = next(line.text for line in lines if "Layer (type)" in line.text)
    for title in ("Output Shape", "Param #", "Connected to"):
        assert restored.index(title) == header.index(title), title


@pytest.mark.parametrize("truth_path", KERAS12 + SAMPLE, ids=_ids(KERAS12 + SAMPLE))
def test_double_spaced_paste_keeps_every_row(truth_path: Path) -> None:
    truth, text = _load(truth_path)
    _assert_reads_as_truth(double_spaced(text), truth)


@pytest.mark.parametrize("gap", [" ", "\u00a0", "\t "], ids=["space", "nbsp", "tab"])
@pytest.mark.parametrize("truth_path", SAMPLE, ids=_ids(SAMPLE))
def test_blank_lines_a_blog_inserted_are_dropped_too(truth_path: Path, gap: str) -> None:
    truth, text = _load(truth_path)
    _assert_reads_as_truth(double_spaced(text, gap), truth)


def _cli_rows(text: str) -> list[tuple[str, int]]:
    """Read text through the command line's streaming path; return (name, count) of each row."""
    out, err = io.StringIO(), io.StringIO()
    stdin = io.BytesIO(text.encode())
    code = cli.main(["check", "--format", "json", "-"], stdin=stdin, stdout=out, stderr=err)
    assert code == 0, err.getvalue()
    [summary] = json.loads(out.getvalue())["summaries"]
    return [(layer["name"], layer["params"]) for layer in summary["layers"]]


STREAMED_DAMAGE = [*PER_LINE_DAMAGE, double_spaced, highlighter_dump]


@pytest.mark.parametrize("paste", STREAMED_DAMAGE, ids=lambda f: f.__name__)
def test_the_cli_stream_undoes_the_same_damage(paste: Callable[[str], str]) -> None:
    truth, text = _load(REAL / "keras2.2.4" / "cnn_bn.truth.json")
    assert _cli_rows(paste(text)) == [(layer["name"], layer["params"]) for layer in truth["layers"]]


def test_translated_titles_through_the_cli() -> None:
    truth, text = _load(REAL / "tf2.12" / "merge_ops.truth.json")
    rows = _cli_rows(translated(text, "ja", realigned=False))
    assert rows == [(layer["name"], layer["params"]) for layer in truth["layers"]]


HIGHLIGHTED = [pytest.param(path, id=name) for path, name in zip(FIXED_WIDTH, _ids(FIXED_WIDTH))]


@pytest.mark.parametrize("truth_path", HIGHLIGHTED)
def test_highlighter_dump_reads_as_the_same_print_collapsed(truth_path: Path) -> None:
    _, text = _load(truth_path)
    assert _records(highlighter_dump(text)) == _records(whitespace_collapsed(text))


@pytest.mark.parametrize(
    "case",
    ["keras1.2.2/cnn_tf_bn_axis1", "keras2.2.4/cnn_bn", "keras2.2.4/merge_ops", "tf2.12/cnn_bn"],
)
def test_highlighter_dump_reads_as_the_model(case: str) -> None:
    truth, text = _load(REAL / f"{case}.truth.json")
    _assert_reads_as_truth(highlighter_dump(text), truth)


@pytest.mark.parametrize(
    ("spaced", "plain"),
    [
        ("Layer ( type ) Output Shape Param #", "Layer (type) Output Shape Param #"),
        ("= = = = = = = = = =", "=========="),
        (
            "conv2d_1 ( Conv2D ) ( None , 30 , 30 , 32 ) 320",
            "conv2d_1 (Conv2D) (None, 30, 30, 32) 320",
        ),
        ("dense_1 ( Dense ) ( None , 300 ) 288 , 006", "dense_1 (Dense) (None, 300) 288,006"),
        ("Non - trainable params : 1 , 664", "Non-trainable params: 1,664"),
        (
            "merge_1 ( Merge ) ( None , 64 ) 0 dense_1 [ 0 ] [ 0 ]",
            "merge_1 (Merge) (None, 64) 0 dense_1[0][0]",
        ),
        ("input_1 ( InputLayer ) [ ( None , 2 ) ] 0 [ ]", "input_1 (InputLayer) [(None, 2)] 0 []"),
    ],
)
def test_spaced_tokens_are_joined_back(spaced: str, plain: str) -> None:
    assert spaced_tokens.unspace_tokens(spaced) == plain


def test_markdown_escapes_are_undone_and_columns_restored() -> None:
    _, text = _load(REAL / "keras2.2.4" / "cnn_bn.truth.json")
    damaged = [sources.Line(n, t) for n, t in enumerate(markdown_escaped(text).split("\n"), 1)]
    restored = [line.text for line in damage.repair(damaged)]
    assert restored == text.split("\n")


def test_line_numbers_are_kept_through_every_repair() -> None:
    _, text = _load(REAL / "keras2.2.4" / "cnn_bn.truth.json")
    lines = list(sources.undo_paste_damage(sources.text_lines(double_spaced(text))))
    assert [line.number for line in lines if line.text.strip()] == [
        2 * n - 1 for n, line in enumerate(text.split("\n"), 1) if line.strip()
    ]
    summary = api.parse_text(glued_line_numbers(text))[0]
    assert (summary.start_line, summary.end_line) == (1, len(text.rstrip("\n").split("\n")))


def test_numbered_prose_is_not_a_run_of_line_numbers() -> None:
    lines = [sources.Line(n, t) for n, t in enumerate(["1. load", "2. fit", "3. save"], 1)]
    assert list(damage.unglue_line_numbers(lines)) == lines


# --------------------------------------------------------------------------- R output


def _float_counts(text: str) -> str:
    """Counts handed over as doubles (`320.0`, `54,538.0`), as R's reticulate may print them."""
    text = re.sub(r"(?m)(\s)(\d+)(\s*)$", lambda m: f"{m[1]}{m[2]}.0{m[3][2:]}", text)
    text = re.sub(r"(?m)params: ([\d,]+)(\s|$)", r"params: \1.0\2", text)
    return re.sub(r"(\d) │\n", r"\1.0 │\n", text)


@pytest.mark.parametrize("case", ["keras2.2.4/cnn_bn", "tf2.12/cnn_bn", "keras3/cnn_bn"])
def test_r_output_with_float_counts_reads_as_the_model(case: str) -> None:
    truth, text = _load(REAL / f"{case}.truth.json")
    floats = _float_counts(text)
    assert "320.0" in floats
    assert "params: 54,538.0" in floats
    _assert_reads_as_truth(r_knitr_html(floats), truth)


# --------------------------------------------------------------------------- notebooks

_PRE = (
    '<pre style="white-space:pre;overflow-x:auto;line-height:normal;'
    "font-family:Menlo,'DejaVu Sans Mono',consolas,'Courier New',monospace\">"
)
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _keras3_parts(text: str) -> list[list[str]]:
    """Split a Keras 3 print as Keras writes it to a notebook: Model line, table, each total."""
    lines = text.split("\n")
    model = [line for line in lines if "Model:" in line][:1]
    totals = [line for line in lines if "params:" in line]
    first = lines.index(model[0]) + 1 if model else 0
    last = lines.index(totals[0]) if totals else len(lines)
    table = [line for line in lines[first:last] if line.strip()]
    return [part for part in (model, table) if part] + [[line] for line in totals]


def _html(part: list[str]) -> list[str]:
    plain = "\n".join(_ANSI.sub("", line) for line in part)
    return [_PRE + html.escape(plain) + "\n", "</pre>\n"]


def _ansi(part: list[str]) -> list[str]:
    return [line + "\n" for line in part]


def _notebook(outputs: list[dict]) -> str:
    cell = {
        "cell_type": "code",
        "execution_count": 1,
        "metadata": {},
        "source": ["model.summary()"],
        "outputs": outputs,
    }
    return json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


KERAS3 = [p for p in ALL_CASES if p.parent.name.startswith("keras3") and "cropped" not in p.name]


@pytest.mark.parametrize("truth_path", KERAS3, ids=_ids(KERAS3))
def test_keras3_parts_shown_as_html_then_as_ansi_text_are_read_once(truth_path: Path) -> None:
    truth, text = _load(truth_path)
    outputs = []
    for part in _keras3_parts(text):
        outputs.append(
            {"output_type": "display_data", "metadata": {}, "data": {"text/html": _html(part)}}
        )
        outputs.append({"output_type": "stream", "name": "stdout", "text": _ansi(part)})
    _assert_reads_as_truth(_notebook(outputs), truth)


def test_keras3_parts_with_html_and_ansi_in_one_output_are_read_once() -> None:
    truth, text = _load(REAL / "keras3" / "cnn_bn_ansi.truth.json")
    outputs = [
        {
            "output_type": "display_data",
            "metadata": {},
            "data": {"text/html": _html(part), "text/plain": _ansi(part)},
        }
        for part in _keras3_parts(text)
    ]
    _assert_reads_as_truth(_notebook(outputs), truth)


def _pretty_fragment(outputs: list[dict]) -> str:
    """The part of a notebook's JSON, as Jupyter writes it (indented), that a reader copies
    from a raw `.ipynb` page: the cell's outputs, with the page's prose before and after."""
    lines = json.dumps(json.loads(_notebook(outputs)), indent=1, sort_keys=True).split("\n")
    first = next(i for i, line in enumerate(lines) if '"outputs": [' in line) + 1
    last = next(i for i, line in enumerate(lines) if '"source": [' in line) + 3
    return "\n".join(["The summary after LoRA:", *lines[first:last], "Note the counts."])


@pytest.mark.parametrize("truth_path", KERAS3, ids=_ids(KERAS3))
def test_a_part_of_a_notebooks_json_pasted_as_text_is_read_as_its_print(
    truth_path: Path,
) -> None:
    """41c's 013, 015: each part of a Keras 3 print is an output of its own, shown as HTML and
    as ANSI text (escaped `\\u001b[1m`), with JSON between the parts."""
    truth, text = _load(truth_path)
    outputs = [
        {
            "output_type": "display_data",
            "metadata": {},
            "data": {"text/html": _html(part), "text/plain": _ansi(part)},
        }
        for part in _keras3_parts(text)
    ]
    fragment = _pretty_fragment(outputs)
    assert '"text/plain": [' in fragment and "<pre style=" in fragment
    _assert_reads_as_truth(fragment, truth)


def test_a_part_of_a_notebooks_json_keeps_its_lines_numbers_and_the_code_after_it() -> None:
    truth, text = _load(REAL / "keras3" / "cnn_bn_ansi.truth.json")
    parts = _keras3_parts(text)
    outputs = [
        {
            "output_type": "stream",
            "name": "stdout",
            "text": _ansi([line for part in parts for line in part]),
        }
    ]
    fragment = _pretty_fragment(outputs)
    assert "\\u001b[" in fragment  # the ANSI codes, escaped as JSON writes them
    summary = api.parse_text(fragment)[0]
    fragment_lines = fragment.split("\n")
    first_row = summary.layers[0]
    assert truth["layers"][0]["name"] in fragment_lines[first_row.line - 1]
    kept = [line.text for line in sources.segments(fragment)[0]]
    assert kept[-2:] == [fragment_lines[-2], "Note the counts."]  # the code's JSON, as it was


def test_a_long_output_after_an_html_one_is_handed_on_before_it_ends() -> None:
    """Only an HTML output and the text output after it are held, and no longer than one
    summary may be: a text output of endless printed lines is read as it streams."""
    read = [0]

    def lines() -> Iterator[sources.Line]:
        texts = ['"text/html": [', '"<pre>x</pre>\\n"', "],", '"text/plain": [']
        for number in range(1, 60_001):
            read[0] = number
            yield sources.Line(number, texts[number - 1] if number <= 4 else f'"y {number}\\n",')

    first = list(itertools.islice(sources.notebook_outputs_read(lines()), 3))
    assert [line.text for line in first] == ["<pre>x</pre>", "y 5", "y 6"]
    assert read[0] <= min(notebook_fragment.MAX_HELD_LINES + 10, 30_000)  # of 60,000


def test_a_summary_printed_twice_as_text_is_read_twice() -> None:
    _, text = _load(REAL / "keras3" / "cnn_bn_ansi.truth.json")
    outputs = [
        {"output_type": "stream", "name": "stdout", "text": _ansi(text.split("\n"))}
        for _ in range(2)
    ]
    assert len(api.parse_text(_notebook(outputs))) == 2


# --------------------------------------------------------------------------- bounded work

_HOSTILE_LINES = [
    "_" * 20000 + " Total params: 1" + "_" * 20000 + " x",
    "Total params: 1 " + "_*" * 20000 + " x",
    "- " + "*_" * 20000 + "Total params: 1",
    "( None , " * 20000,
    "1" * 6 + "=" * 20000,
    "层 (类型) " + "输出形状 " * 5000,
    "\\_" * 20000 + "x",
]


def test_repairs_take_linear_time_on_hostile_lines() -> None:
    """Every repair runs within a CPU-time limit on long lines built to make regexes backtrack."""
    script = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_CPU, (20, 20))\n"
        "from summaryaudit import damage, sources\n"
        "lines = [sources.Line(n, t) for n, t in enumerate(sys.stdin.read().split('\\n'), 1)]\n"
        "for _ in range(3):\n"
        "    list(damage.repair(lines))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        input="\n".join(_HOSTILE_LINES * 3),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-500:]


def test_prose_naming_the_header_does_not_start_double_spacing() -> None:
    text = "The Layer (type) column names each layer.\n\nFirst paragraph.\n\nSecond one.\n"
    lines = list(sources.text_lines(text))
    assert list(damage.undouble_blank_lines(lines)) == lines
