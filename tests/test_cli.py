"""The command line contract: formats, stdin, exit codes, and one-line errors without tracebacks."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from summaryaudit import cli

from .conftest import FIXTURES, ROOT, SEEDS, need
from .test_parsing import KERAS1_2


def run(argv: list[str], stdin: bytes = b"") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(argv, stdin=io.BytesIO(stdin), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_stdin_json_contract() -> None:
    code, out, err = run(["check", "--format", "json"], KERAS1_2.encode())
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"summaries", "findings"}
    summary = data["summaries"][0]
    assert summary["source"] == "<stdin>" and summary["dialect"] == "keras1"
    assert set(summary) == {
        "source",
        "start_line",
        "end_line",
        "dialect",
        "model_name",
        "layers",
        "totals",
        "sizes",
        "asides",
        "coverage",
    }
    assert summary["asides"] == []
    assert summary["sizes"] == dict.fromkeys(summary["totals"])  # Keras 1 prints no size
    assert set(summary["layers"][0]) == {
        "name",
        "type",
        "type_source",
        "output_shape",
        "params",
        "trainable",
        "connected_to",
        "depth",
        "line",
        "truncated",
        "derivation",
    }
    assert summary["totals"] == {
        "total": 38,
        "trainable": 28,
        "non_trainable": 10,
        "optimizer": None,
    }
    assert err == ""


def test_paths_are_reported_exactly_as_given(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_text("prose\n" + KERAS1_2, encoding="utf-8")
    code, out, _ = run(["check", "--format", "json", str(a), "-"], KERAS1_2.encode())
    assert code == 0
    sources = [s["source"] for s in json.loads(out)["summaries"]]
    assert sources == [str(a), "<stdin>"]
    assert json.loads(out)["summaries"][0]["start_line"] == 2


def test_no_summary_is_a_finding_and_fails() -> None:
    code, out, _ = run(["check", "--format", "json"], b"Epoch 1/3\nloss: 0.1\n")
    assert code == 1
    assert [f["code"] for f in json.loads(out)["findings"]] == ["SA002"]
    code, out, _ = run(["check", "--exit-zero"], b"nothing here\n")
    assert code == 0 and "SA002" in out


def test_missing_file_and_directory_exit_2_with_one_line(tmp_path: Path) -> None:
    code, _, err = run(["check", str(tmp_path / "nope.txt")])
    assert code == 2 and err.count("\n") == 1 and "nope.txt" in err and "Traceback" not in err


def test_directory_walk_respects_gitignore_and_globs(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "answer.md").write_text("```\n" + KERAS1_2 + "```\n", encoding="utf-8")
    (tmp_path / "docs" / "empty.md").write_text("no summary here\n", encoding="utf-8")
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / "copy.md").write_text(KERAS1_2, encoding="utf-8")
    (tmp_path / "notes.csv").write_text(KERAS1_2, encoding="utf-8")
    (tmp_path / ".gitignore").write_text("build/\n", encoding="utf-8")
    code, out, err = run(["check", "--format", "json", str(tmp_path)])
    assert code == 0 and err == ""
    data = json.loads(out)
    assert [s["source"] for s in data["summaries"]] == [str(tmp_path / "docs" / "answer.md")]
    assert all(f["code"] != "SA002" for f in data["findings"])  # a walk's empty files are fine
    code, out, _ = run(["check", "--format", "json", "--exclude", "docs", str(tmp_path)])
    assert json.loads(out)["summaries"] == []
    code, out, _ = run(["check", "--format", "json", "--include", "*.csv", str(tmp_path)])
    assert code == 0
    assert [s["source"] for s in json.loads(out)["summaries"]] == [str(tmp_path / "notes.csv")]


def test_a_walk_skips_virtual_environments_and_installed_packages(tmp_path: Path) -> None:
    """Trial 11: `check .` read a venv inside the folder and reported this tool's own
    docstrings (site-packages/summaryaudit/rules.py) as an SA202 error."""
    (tmp_path / "answer.md").write_text(KERAS1_2, encoding="utf-8")
    env = tmp_path / "my-env"
    (env / "lib" / "site-packages" / "pkg").mkdir(parents=True)
    (env / "pyvenv.cfg").write_text("home = /usr/bin\n", encoding="utf-8")
    (env / "notes.md").write_text(KERAS1_2, encoding="utf-8")
    packages = tmp_path / "vendor" / "site-packages"
    packages.mkdir(parents=True)
    (packages / "doc.md").write_text(KERAS1_2, encoding="utf-8")
    code, out, _ = run(["check", "--format", "json", str(tmp_path)])
    assert code == 0
    assert [s["source"] for s in json.loads(out)["summaries"]] == [str(tmp_path / "answer.md")]
    code, out, _ = run(["check", "--format", "json", str(env / "notes.md")])
    assert len(json.loads(out)["summaries"]) == 1  # a file named on the command line is read


def test_jobs_give_the_same_output_as_one_process(tmp_path: Path) -> None:
    for i in range(6):
        body = KERAS1_2.replace("Total params: 38", f"Total params: {38 + i % 2}")
        (tmp_path / f"f{i}.txt").write_text(body, encoding="utf-8")
    serial = run(["check", "--format", "json", str(tmp_path)])
    parallel = run(["check", "--format", "json", "--jobs", "3", str(tmp_path)])
    assert serial == parallel
    assert len(json.loads(serial[1])["summaries"]) == 6


def test_undecodable_bytes_name_the_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(KERAS1_2.encode() + b"\nok\n\xff\xfe\xfa broken\n")
    code, _, err = run(["check", str(bad)])
    assert code == 2
    assert err.startswith(f"summaryaudit: {bad}: line 21:") and err.count("\n") == 1


def test_utf16_is_read() -> None:
    code, out, _ = run(["check", "--format", "json"], KERAS1_2.encode("utf-16"))
    assert code == 0
    assert json.loads(out)["summaries"][0]["totals"]["total"] == 38


def test_usage_errors_exit_2() -> None:
    assert run(["check", "--select", "XX9"])[0] == 2
    assert run(["frobnicate"])[0] == 2
    assert run(["rules", "SA999"])[0] == 2
    assert run([])[0] == 2


def test_rules_lists_every_code_and_documents_one() -> None:
    code, out, _ = run(["rules"])
    assert code == 0
    for expected in ("SA001", "SA101", "SA102", "SA201", "SA901"):
        assert expected in out
    code, out, _ = run(["rules", "sa102"])
    assert code == 0 and out.startswith("SA102 bn-axis (warning)") and "Example:" in out


def test_the_heading_names_the_print_format_in_words() -> None:
    """48d: `(keras2-wrapped, 4 rows)` puzzled learners; the JSON keeps the contract's name."""
    text = (FIXTURES / "real" / "tf_keras" / "frozen_layers.txt").read_bytes()
    _, out, _ = run(["check"], text)
    assert "(tf.keras 2.7+ layout, 4 rows)" in out.splitlines()[0]
    _, out, _ = run(["check", "--format", "json"], text)
    assert json.loads(out)["summaries"][0]["dialect"] == "keras2-wrapped"


def test_rules_name_the_lower_severity_a_code_is_reported_at() -> None:
    """49c: SA203 was listed as a warning only, yet a frozen set it names makes it an info."""
    text = (FIXTURES / "real" / "keras2.0.8" / "frozen_dense_no_show_trainable.txt").read_bytes()
    _, out, _ = run(["check", "--format", "json"], text)
    assert {(f["code"], f["severity"]) for f in json.loads(out)["findings"]} >= {("SA203", "info")}
    _, table, _ = run(["rules"])
    (row,) = [line for line in table.splitlines() if line.startswith("SA203")]
    assert "warning or info" in row
    _, page, _ = run(["rules", "SA203"])
    assert page.startswith("SA203 non-trainable-vs-bn (warning; info when a set of frozen layers")
    _, page, _ = run(["rules", "SA102"])
    assert page.startswith("SA102 bn-axis (warning)\n")
    _, page, _ = run(["rules", "SA101"])  # (a warning since 82b's 012, where a branch fits)
    assert page.startswith("SA101 layer-params (error; warning when the table prints no Connected")


def test_text_format_prints_a_table_and_a_tally() -> None:
    seed = need(SEEDS / "000_004a8e37995c6069.txt").read_bytes()
    code, out, _ = run(["check"], seed)
    assert code == 0
    assert "batchnormalization_1" in out and "BatchNormalization" in out
    assert "1 summary checked" in out


def test_explain_prints_the_table_only() -> None:
    seed = need(SEEDS / "000_004a8e37995c6069.txt").read_bytes()
    code, out, _ = run(["explain"], seed)
    assert code == 0 and "derivation" in out and "summary checked" not in out
    assert "nothing to explain" not in out


def test_explain_says_when_there_is_no_summary() -> None:
    code, out, _ = run(
        ["explain"], b"| Layer | Output Shape | Param # |\n| conv | [-1, 8] | 80 |\n"
    )
    assert code == 0
    assert out.strip() == (
        "no Keras model.summary() table was found, so there is nothing to explain"
    )


def test_explain_says_why_a_summary_without_rows_has_nothing_to_explain() -> None:
    """25a's nit: `explain` printed only `model (keras2, 0 rows)` for totals pasted alone."""
    text = (FIXTURES / "real" / "tf2.0" / "frozen_layers.txt").read_text(encoding="utf-8")
    totals_only = "\n".join(line for line in text.splitlines() if "params:" in line) + "\n"
    code, out, _ = run(["explain"], totals_only.encode())
    assert code == 0
    assert out.splitlines()[1:3] == [
        "totals: total 3,476, trainable 1,108, non-trainable 2,368",
        "  no layer row was read in this summary, so there is no count to explain row by row "
        "(`summaryaudit check` says what was pasted and what was not)",
    ]


def test_module_entry_point_runs_in_a_subprocess() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "summaryaudit", "check", "--format", "json"],
        input=KERAS1_2.encode(),
        capture_output=True,
        cwd=ROOT,
        timeout=60,
    )
    assert proc.returncode in (0, 1), proc.stderr
    assert json.loads(proc.stdout)["summaries"][0]["layers"][2]["name"] == "merge_1"


_ARGPARSE_OWN_HELP = """
import argparse, sys
from summaryaudit import cli
cli._HelpFormatter = argparse.HelpFormatter
cli._RawDescriptionHelpFormatter = argparse.RawDescriptionHelpFormatter
cli.main(sys.argv[1:])
"""


@pytest.mark.parametrize("columns", ["50", "120"])
def test_help_wraps_at_the_width_columns_gives_as_argparse_does(columns: str) -> None:
    """The help's width is found once (not by argparse for each argument added), and the help
    is what argparse's own formatters print at the terminal's width (`COLUMNS`)."""
    env = {**os.environ, "COLUMNS": columns}

    def help_text(*program: str) -> str:
        proc = subprocess.run(
            [sys.executable, *program, "check", "--help"],
            capture_output=True,
            cwd=ROOT,
            env=env,
            timeout=60,
            text=True,
        )
        assert proc.returncode == 0, proc.stderr
        return proc.stdout

    ours = help_text("-m", "summaryaudit")
    assert ours == help_text("-c", _ARGPARSE_OWN_HELP)
    assert ours.startswith("usage: summaryaudit check")


# --------------------------------------------------------------------------- linter-style output

WRONG_AXIS = ROOT / "fixtures/real/keras3/cnn_bn_axis1_channels_last.txt"
CLEAN = ROOT / "fixtures/real/keras3/cnn_bn.txt"


def _tree(tmp_path: Path) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "wrong.txt").write_bytes(WRONG_AXIS.read_bytes())
    (tmp_path / "docs" / "clean.txt").write_bytes(CLEAN.read_bytes())
    return tmp_path / "docs"


def test_concise_is_one_line_per_finding_then_a_tally(tmp_path: Path) -> None:
    docs = _tree(tmp_path)
    code, out, err = run(["check", "--output-format", "concise", str(docs)])
    assert code == 1 and err == ""
    lines = out.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{docs / 'wrong.txt'}:7: SA102 bn-axis [warning] ")
    assert "\n" not in lines[0] and "4 × 32 = 128" in lines[0]  # a pipe gets whole lines
    assert lines[1] == "2 summaries checked: 0 errors, 1 warning, 0 infos."


def test_directory_walks_default_to_concise_files_to_text(tmp_path: Path) -> None:
    docs = _tree(tmp_path)
    walked = run(["check", str(docs)])
    assert walked == run(["check", "--output-format", "concise", str(docs)])
    named = run(["check", str(docs / "wrong.txt")])[1]
    assert "derivation" in named and "batch_normalization" in named  # the tables
    assert named.endswith("1 summary checked: 0 errors, 1 warning, 0 infos\n")
    assert run(["check", str(docs / "clean.txt")])[1].endswith(
        "1 summary checked: 0 errors, 0 warnings, 0 infos\n"
    )


def test_clean_run_says_so(tmp_path: Path) -> None:
    assert run(["check", "--output-format", "concise", str(CLEAN)]) == (
        0,
        "1 summary checked: every count adds up.\n",
        "",
    )


def test_a_partly_checked_run_does_not_say_every_count_adds_up(tmp_path: Path) -> None:
    """A row elided as `...` leaves the totals only bounded: the tally says so."""
    lines = (ROOT / "fixtures/real/tf2.9/cnn_bn.txt").read_text(encoding="utf-8").split("\n")
    row = next(i for i, line in enumerate(lines) if "(Conv2D)" in line)
    lines[row] = "..."
    elided = tmp_path / "elided.txt"
    elided.write_text("\n".join(lines), encoding="utf-8")
    code, out, _ = run(["check", "--output-format", "concise", str(CLEAN), str(elided)])
    assert (code, out) == (
        0,
        "2 summaries checked: no problems in what could be checked; 1 summary not checked in"
        " full (the text output says what was not).\n",
    )
    assert "not everything was" in run(["check", str(elided)])[1]


def test_statistics_counts_per_code(tmp_path: Path) -> None:
    docs = _tree(tmp_path)
    (docs / "again.txt").write_bytes(WRONG_AXIS.read_bytes())
    code, out, _ = run(["check", "--statistics", str(docs)])
    assert code == 1
    assert out.splitlines() == [
        "     2  SA102  bn-axis [warning]",
        "3 summaries checked: 0 errors, 2 warnings, 0 infos.",
    ]


def test_quiet_prints_only_findings(tmp_path: Path) -> None:
    docs = _tree(tmp_path)
    for argv in (["check", "-q", str(docs)], ["check", "--quiet", str(docs / "wrong.txt")]):
        code, out, _ = run(argv)
        assert code == 1 and len(out.splitlines()) == 1 and " SA102 " in out
    assert run(["check", "-q", str(CLEAN)]) == (0, "", "")


def test_output_file_gets_the_report(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    code, out, err = run(["check", "--output-format", "json", "-o", str(target), str(WRONG_AXIS)])
    assert (code, out, err) == (1, "", "")
    assert [f["code"] for f in json.loads(target.read_text(encoding="utf-8"))["findings"]] == [
        "SA102"
    ]
    code, _, err = run(["check", "-o", str(tmp_path / "no" / "dir.txt"), str(CLEAN)])
    assert code == 2 and err.count("\n") == 1 and "dir.txt" in err
