"""Trial 18's paste damage (new-user trials on fresh public pastes), applied to real prints."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from summaryaudit import api

from .conftest import FIXTURES, WILD2, need
from .real_prints import (
    assert_reads_as_truth,
    findings_by_layer,
    load_print,
    one_summary,
    print_id,
    totals_on_one_line,
    truth_paths,
)
from .test_damage import whitespace_collapsed
from .test_trial14_pastes import RETYPED, bold_markdown_with_parameters

REAL = FIXTURES / "real"
FIXED = truth_paths(REAL, ("keras2.2.4", "tf1.14", "tf2.12", "keras3"), ("cnn_bn", "frozen_layers"))

# ------------------------- 18b's 004: prose that names the columns on lines of their own

COLUMNS_NAMED = (
    "The table has three columns:\n\nLayer (type)\n\nOutput Shape\n\n"
    "Param: the number of parameters in each layer\n\n"
)


@pytest.mark.parametrize("truth_path", FIXED, ids=print_id)
def test_a_column_name_alone_on_its_line_is_no_header(truth_path: Path) -> None:
    """A blog explained the columns of model.summary(), one per line, above the print. Before:
    `Layer (type)` alone was a header, a second summary "cut right after its header" (SA003)."""
    truth, text = load_print(truth_path)
    damaged = COLUMNS_NAMED + text
    assert_reads_as_truth(one_summary(damaged), truth)
    assert findings_by_layer(damaged) == findings_by_layer(text)
    alone = api.check_text(COLUMNS_NAMED)
    assert alone.summaries == () and [f.code for f in alone.findings] == ["SA002"]


# ------------------------------ 18b's 015: a row retyped as connected to its own name


@pytest.mark.parametrize("generation", ["keras1.2.2", "keras2.2.4", "tf1.14", "tf2.12"])
def test_a_row_connected_only_to_itself_is_flagged_and_its_input_unknown(generation: str) -> None:
    """An author retyped a Keras 1 table with `convolution2d_1 … convolution2d_1[0][0]`. Before:
    the row's own output was taken for its input (8 features where there are 12), and a false
    SA101 said the Dense(8) count of 104 was wrong; the self-reference went unmentioned."""
    text = (REAL / generation / "merge_ops.txt").read_text(encoding="utf-8")
    assert api.check_text(text).findings == ()
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if "(Dense)" in line)
    name = lines[at].split()[0]
    inbound = re.search(r"input_\d+\[0\]\[0\]", lines[at])
    assert inbound is not None
    lines[at] = lines[at].replace(inbound.group(), f"{name}[0][0]", 1)
    report = api.check_text("\n".join(lines))
    assert [(f.code, f.line, f.layer) for f in report.findings] == [("SA401", at + 1, name)]
    assert "connected only to itself" in report.findings[0].message


# ------------------------------- 18b's 010 and 012: totals written into cells of a table row


def totals_in_cells(table: str, layout: str) -> str:
    """A retyped Markdown table whose totals rows are put into one row: `| **Total params** |
    N | **Trainable params:** M |` (012), or all three in the first cell of a row of empty
    cells, as a paper's HTML table had them (010, its count column titled `Parameters number`)."""
    lines = table.rstrip("\n").split("\n")
    totals = dict(
        re.findall(
            r"^\| \*\*(Total|Trainable|Non-trainable) params\*\* \| \*\*([\d,]+)\*\* \|$",
            "\n".join(lines),
            re.M,
        )
    )
    kept = [line for line in lines if "params**" not in line]
    if layout == "row":
        total, trainable = totals["Total"], totals["Trainable"]
        kept.append(f"| **Total params** | {total} | **Trainable params:** {trainable} |")
        kept.append(f"| **Non-trainable params** | **{totals['Non-trainable']}** |")
    else:
        kept[0] = kept[0].replace("**Param #**", "**Parameters number**")
        kept.append(
            f"| Total parameters: {totals['Total']} Trainable parameters: {totals['Trainable']} "
            f"Non-trainable parameters: {totals['Non-trainable']} |  |  |"
        )
    return "\n".join(kept) + "\n"


@pytest.mark.parametrize("layout", ["row", "cell"])
@pytest.mark.parametrize("truth_path", RETYPED, ids=print_id)
def test_totals_written_into_the_cells_of_a_table_row_are_read(
    truth_path: Path, layout: str
) -> None:
    """Before: 012's Trainable in the third cell of the Total row was lost (a false SA003 for
    both lines); 010's cell of three totals was glued to the row above, which became
    unreadable, and no totals were read (SA003, the split never checked)."""
    truth, text = load_print(truth_path)
    table = bold_markdown_with_parameters(text, "params")
    damaged = totals_in_cells(table, layout)
    assert damaged.count("params") + damaged.count("parameters") == 3
    assert_reads_as_truth(one_summary(damaged), truth)
    assert findings_by_layer(damaged) == findings_by_layer(text)
    edited = damaged.replace(
        f"Trainable params:** {truth['totals']['trainable']:,}"
        if layout == "row"
        else f"Trainable parameters: {truth['totals']['trainable']:,}",
        f"Trainable params:** {truth['totals']['trainable'] + 7:,}"
        if layout == "row"
        else f"Trainable parameters: {truth['totals']['trainable'] + 7:,}",
    )
    assert edited != damaged
    assert "SA202" in [f.code for f in api.check_text(edited).findings]


# ---------------------------- 18c's 013: `Non-` / `trainable params: N` wrapped at its hyphen


@pytest.mark.parametrize("one_line", [True, False])
@pytest.mark.parametrize("truth_path", FIXED, ids=print_id)
def test_a_non_trainable_label_wrapped_at_its_hyphen_is_read(
    truth_path: Path, one_line: bool
) -> None:
    """A README copied from a PDF: `Total params: … Trainable params: … Non-` and
    `trainable params: 192` on the next line. Before: the Non-trainable line was missing (a
    false SA003) and neither the split nor the BatchNormalization statistics were checked."""
    truth, text = load_print(truth_path)
    base = totals_on_one_line(text) if one_line else text
    damaged = re.sub(r"(?m)^( ?)Non-trainable params:", r"\1Non-\ntrainable params:", base)
    if one_line:
        damaged = damaged.replace(" Non-trainable params:", " Non-\ntrainable params:")
    assert "Non-\n" in damaged
    assert_reads_as_truth(one_summary(damaged), truth)
    assert findings_by_layer(damaged) == findings_by_layer(text)


# ------------ 18a's 018: Sphinx's RST of a Keras 3 notebook, each part in a `.. raw:: html`


def sphinx_raw_html(text: str) -> str:
    """Sphinx's nbconvert RST of a rich Keras 3 print: the title, the table and each totals
    line in a `.. raw:: html` block of its own, as `<pre>` with styled spans."""
    style = 'style="white-space:pre;overflow-x:auto;line-height:normal"'
    lines = text.rstrip("\n").split("\n")
    first_total = next(i for i, line in enumerate(lines) if "Total params" in line)
    parts = [lines[:1], lines[1:first_total], *([line] for line in lines[first_total:])]
    out: list[str] = []
    for part in parts:
        body = "\n    ".join(line.replace("&", "&amp;").replace("<", "&lt;") for line in part)
        out += [".. raw:: html", "", f"    <pre {style}>{body}", "    </pre>", "", "", ""]
    return "\n".join(out) + "\n"


@pytest.mark.parametrize(
    "truth_path", [p for p in FIXED if p.parent.name == "keras3"], ids=print_id
)
def test_each_part_of_a_print_in_an_rst_raw_html_block_is_one_print(truth_path: Path) -> None:
    """Before: each totals line, cut from the table by a directive, was a "totals without a
    table" summary of its own and the table "a table without totals" (four false SA003)."""
    truth, text = load_print(truth_path)
    damaged = sphinx_raw_html(text)
    assert damaged.count(".. raw:: html") == 5
    assert_reads_as_truth(one_summary(damaged), truth)
    assert findings_by_layer(damaged) == findings_by_layer(text)


@pytest.mark.parametrize("generation", ["keras3", "tf2.12"])
def test_a_layer_range_slice_leaving_out_bn_rows_is_no_edited_non_trainable(
    generation: str,
) -> None:
    """A layer_range print from the InputLayer row on (18a's 018) leaves later BN rows out, and
    their statistics are in Non-trainable. Before: SA203 said a count or the Non-trainable line
    was edited, beside SA201's own layer_range note."""
    path = REAL / generation / "layer_range_cnn_first_block.txt"
    report = api.check_text(path.read_text(encoding="utf-8"))
    assert [(f.code, f.severity.value) for f in report.findings] == [("SA201", "info")]
    [summary] = report.summaries
    assert summary.coverage is not None
    bounded = {t.name: t.reason for t in summary.coverage.totals if t.state.value == "bounded"}
    assert bounded["Non-trainable = moving statistics + frozen layers"] == (
        "layer_range print: rows left out"
    )


# ------------ 18c's 004: a print in a Markdown quote, a `>` line after every line (Pandoc)


def quoted_double_spaced(text: str, bold: bool) -> str:
    """A Word report converted to Markdown: the print in a quote, an empty `>` line after each
    line, the header's titles in bold."""
    out = []
    for line in text.rstrip("\n").split("\n"):
        if bold and "Layer (type)" in line:
            line = re.sub(r"(Layer \(type\)|Output Shape|Param #)", r"**\1**", line)
        out += [f"> {line}", ">"]
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("bold", [False, True])
@pytest.mark.parametrize("truth_path", FIXED, ids=print_id)
def test_a_print_quoted_with_an_empty_quote_line_after_each_line_is_read(
    truth_path: Path, bold: bool
) -> None:
    """Before: the `>` lines were no blank lines to the undoubling, so the empty quote line
    between a Keras 3 header and its `┡━╇━┩` rule made the rule an unreadable row (SA001, Total
    only bounded); a bold `**Layer (type)**` was no header to it either."""
    truth, text = load_print(truth_path)
    damaged = quoted_double_spaced(text, bold)
    assert_reads_as_truth(one_summary(damaged), truth)
    assert findings_by_layer(damaged) == findings_by_layer(text)


# ------------- 18c's 012: TF Hub rows whose dict of outputs the column cut, spaces collapsed


@pytest.mark.parametrize("generation", ["tf2.0", "tf2.12"])
def test_a_cut_dict_of_outputs_in_a_collapsed_row_is_read(generation: str) -> None:
    """A course page collapsed every run of spaces: `encoder (Encoder) {'pooled_output': (N 144
    input_1[0][0]`. Before: the row was unreadable (SA001), and Total = sum of the rows was
    never checked."""
    truth, text = load_print(REAL / generation / "dict_output_layer.truth.json")
    damaged = whitespace_collapsed(text)
    assert "{'pooled_output'" in damaged and "  " not in damaged
    assert_reads_as_truth(one_summary(damaged), truth)
    assert findings_by_layer(damaged) == findings_by_layer(text)


# ------- 18c's 002: a Word report through Pandoc, every line of the print in bold, spaced out


def pandoc_bold_lines(text: str) -> str:
    """Every line of the print set in bold on its own paragraph, its runs of spaces collapsed,
    `_` escaped and `'` written as `&#39;`, as a Word report converted to Markdown had it."""
    out = []
    for line in text.rstrip("\n").split("\n"):
        words = " ".join(line.split())
        if not words:
            continue
        words = words.replace("_", "\\_").replace("'", "&#39;").replace('"', "&quot;")
        out += [f"**{words}**", ""]
    return "\n".join(out) + "\n"


PANDOC = [*FIXED, *truth_paths(REAL, ("tf2.12", "keras2.2.4"), ("merge_ops", "unet_small"))]


@pytest.mark.parametrize("truth_path", PANDOC, ids=print_id)
def test_a_print_in_bold_paragraphs_is_read(truth_path: Path) -> None:
    """Before: a class the column wrapped (`**2D)**`) ended the table, and the rows under it were
    lost without a word; the bold `**====**` rule was an unreadable row; `[&#39;conv2d[0][0]&#39;]`
    named no row (SA401 on every row of a functional print)."""
    truth, text = load_print(truth_path)
    damaged = pandoc_bold_lines(text)
    assert_reads_as_truth(one_summary(damaged), truth)
    assert findings_by_layer(damaged) == findings_by_layer(text)


# ------------- 18a's 008: the rows exceed Total by exactly one row's count (which one, and why)


@pytest.mark.parametrize("generation", ["keras2.2.4", "tf1.14"])
def test_a_base_model_left_out_of_keras2_totals_is_named(generation: str) -> None:
    """A course froze its base model at compile() and made it trainable afterwards: Keras 2
    leaves the base out of both totals lines. Before: an SA201 error said a row was raised or
    pasted twice or the total edited, without naming the base whose count is the gap."""
    path = REAL / generation / "base_unfrozen_after_compile.txt"
    report = api.check_text(path.read_text(encoding="utf-8"))
    [finding] = report.findings
    assert (finding.code, finding.severity.value) == ("SA201", "info")
    assert "The difference is exactly the trainable weights of base" in finding.message
    assert "frozen when the model was compiled and made trainable afterwards" in finding.message


@pytest.mark.parametrize("truth_path", FIXED, ids=print_id)
def test_a_row_pasted_twice_is_named_as_the_gap(truth_path: Path) -> None:
    """18b's nits on 011 and 014: a row pasted twice went unnamed; in a Keras 2 print the gap was
    even read as a layer made trainable after compile() (an info), one of the two copies named."""
    _, text = load_print(truth_path)
    [summary] = api.check_text(text).summaries
    dense = next(layer for layer in summary.layers if layer.type == "Dense")
    lines = text.split("\n")
    lines.insert(dense.line - 1, lines[dense.line - 1])  # (its row is one line in these prints)
    [finding] = [f for f in api.check_text("\n".join(lines)).findings if f.code == "SA201"]
    assert finding.severity.value == "error"
    assert f"{dense.name} is printed twice, and the difference is exactly its count" in (
        finding.message
    )


def test_the_add_loss_row_holds_no_weights() -> None:
    """18a's nit on 015: tf.keras 2.4+ prints an AddLoss row for model.add_loss(tensor); it was
    an SA901 'no formula' where its 0 is known."""
    [summary] = api.check_text((REAL / "tf2.12" / "add_loss_row.txt").read_text()).summaries
    assert summary.coverage is not None and summary.coverage.complete
    assert summary.audit is not None
    [row] = [r for layer, r in zip(summary.layers, summary.audit.rows) if layer.type == "AddLoss"]
    assert row.derivation == (
        "0: AddLoss has no weights (tf.keras adds it for model.add_loss(); it only adds a loss "
        "term)"
    )


@pytest.mark.parametrize("generation", ["keras2.2.4", "tf1.14", "tf2.12"])
def test_a_gap_written_as_two_elision_lines_is_one_gap(generation: str) -> None:
    """18c's nit on 011: two gaps, each written as two `...` lines, were "4 elided gaps"."""
    text = (REAL / generation / "cnn_bn.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if "(Flatten)" in line)
    damaged = "\n".join([*lines[:at], "...", "...", *lines[at + 1 :]])
    [summary] = api.check_text(damaged).summaries
    assert summary.coverage is not None
    assert "1 elided gap" in summary.coverage.not_verified
    bounded = {t.name: t.reason for t in summary.coverage.totals}
    assert bounded["Total = sum of the rows"].startswith("1 elided gap (`...`)")


NAMED = [p for p in FIXED if load_print(p)[0]["model_name"]]  # (Keras 2.2 prints no Model:)


@pytest.mark.parametrize("truth_path", NAMED, ids=print_id)
def test_a_model_name_that_lost_its_closing_quote_is_read(truth_path: Path) -> None:
    """18b's nit on 007: `Model: "sequential` gave no model name."""
    truth, text = load_print(truth_path)
    name = truth["model_name"]
    damaged = text.replace(f'Model: "{name}"', f'Model: "{name}')
    assert damaged != text
    assert one_summary(damaged).model_name == name


# ------------------------- 19a: custom layers named like Keras's attention layers, and 19b's 007


@pytest.mark.parametrize("generation", ["keras2.2.4", "tf1.14", "tf2.12"])
def test_an_attention_count_keras_cannot_hold_is_a_custom_namesake(generation: str) -> None:
    """19a's 011: tutorials define their own `Attention` (a weight per feature and a bias per
    time step: 1,809 = 1,800 + 9). Before: SA101 said the count was pasted or edited."""
    text = (REAL / generation / "cnn_bn.txt").read_text(encoding="utf-8")
    [summary] = api.check_text(text).summaries
    dense = next(layer for layer in summary.layers if layer.type == "Dense")
    lines = text.split("\n")
    row = lines[dense.line - 1]
    named = row.replace("(Dense)", "(Attention)", 1).replace(
        f"{dense.name} (", f"{'attention'.ljust(len(dense.name))} (", 1
    )
    count = str(dense.params)
    assert count in named
    lines[dense.line - 1] = named.replace(count, str(dense.params + 5).ljust(len(count)), 1)
    findings = api.check_text("\n".join(lines)).findings
    assert "SA101" not in [f.code for f in findings]
    [info] = [f for f in findings if f.code == "SA901" and f.layer == "attention"]
    assert "which Keras's Attention (0, 1 or 2 weights) cannot hold" in info.message


def test_a_zero_count_multi_head_attention_outside_keras3_is_a_custom_namesake() -> None:
    """19a's 005: a Keras 2 Transformer script's own MultiHeadAttention, printed with 0 and its
    class cut (`(MultiHead`). Before: SA101 said a built MultiHeadAttention always has weights."""
    text = (REAL / "tf2.12" / "transformer_block.txt").read_text(encoding="utf-8")
    [summary] = api.check_text(text).summaries
    mha = next(layer for layer in summary.layers if layer.type == "MultiHeadAttention")
    lines = text.split("\n")
    count = str(mha.params)
    assert count in lines[mha.line - 1]
    lines[mha.line - 1] = lines[mha.line - 1].replace(count, "0".ljust(len(count)), 1)
    findings = api.check_text("\n".join(lines)).findings
    assert "SA101" not in [f.code for f in findings if f.layer == mha.name]
    [info] = [f for f in findings if f.code == "SA901" and f.layer == mha.name]
    assert "which no built MultiHeadAttention of Keras holds" in info.message


def test_a_keras3_entry_cut_where_its_comma_stood_is_two_entries() -> None:
    """19b's nit on 007: `flatten_layer[0]…` / `flatten_2[0][0]` on the next line was one entry,
    and the second inbound name was never checked."""
    text = (REAL / "keras3" / "two_input_long_names.txt").read_text(encoding="utf-8")
    [summary] = api.check_text(text).summaries
    joined = [layer for layer in summary.layers if len(layer.connected_to) >= 2]
    assert joined and all(
        not any("… " in entry for entry in layer.connected_to) for layer in joined
    )


@pytest.mark.parametrize(
    "truth_path", [p for p in FIXED if p.parent.name == "keras3"], ids=print_id
)
def test_a_box_header_cropped_to_its_first_title_is_still_a_header(truth_path: Path) -> None:
    """A terminal narrower than the table crops every line: the header keeps `┃ Layer (type)`
    alone, which is no prose naming a column (the keras suite's draw: the summary had lost its
    model name and title when 18b's rule took that header for prose)."""
    truth, text = load_print(truth_path)
    header = next(line for line in text.split("\n") if "Layer (type)" in line)
    width = header.index("Output Shape") - 1
    cropped = "\n".join(line[:width] for line in text.split("\n"))
    assert "Output" not in cropped and "┃ Layer (type)" in cropped
    summary = one_summary(cropped)
    assert summary.model_name == truth["model_name"]
    assert [layer.name for layer in summary.layers] == [row["name"] for row in truth["layers"]]


# --------------- 18c's 014: a kernel read from K × C when the Connected to cells were blanked


def _connected_to_blanked(text: str) -> str:
    """Blank every `['name[0][0]']` cell, as 014's retyped Keras 1 table left them."""
    return re.sub(r"\['[\w.]+\[\d+\]\[\d+\]'\]", lambda m: " " * len(m.group(0)), text)


def test_kernel_examples_include_a_wide_kernel_on_a_multiple_of_four_channels() -> None:
    """18c's 014: the NVIDIA driving CNN with its Connected to cells blank. 43,248 = 48 ×
    (K × C + 1) gave K × C = 900 and the examples '1 channel → K = 900, 30×30; 3 channels →
    K = 300, 15×20', where the 36 channels of the row above give 5×5."""
    truth, text = load_print(REAL / "tf2.12" / "driving_cnn_functional.truth.json")
    damaged = _connected_to_blanked(text)
    assert "conv2d_1[0][0]" in text and "conv2d_1[0][0]" not in damaged
    [summary] = api.check_text(damaged).summaries
    assert summary.audit is not None
    rows = {layer.name: row for layer, row in zip(summary.layers, summary.audit.rows)}
    assert truth["layers"][3]["name"] == "conv2d_2" and truth["layers"][3]["params"] == 43_248
    text_of = rows["conv2d_2"].derivation
    assert "K × C = 900" in text_of and "e.g. 36 channels → K = 25, 5×5" in text_of
    assert "30×30" not in text_of


def test_a_one_by_one_kernel_still_needs_a_multiple_of_eight_channels() -> None:
    """wild2's 031: 50 = 10 × (K × C + 1), K × C = 4, reads as 2×2 on 1 channel, not 1×1 on 4
    (the multiple of 4 is a usual channel count only under a wider kernel)."""
    [summary, *_] = api.check_text(need(WILD2 / "031.py").read_text(encoding="utf-8")).summaries
    assert summary.audit is not None
    [row] = [row for row in summary.audit.rows if row.derivation and "K × C = 4 " in row.derivation]
    assert "e.g. 1 channel → K = 4, 2×2" in row.derivation and "1×1" not in row.derivation
