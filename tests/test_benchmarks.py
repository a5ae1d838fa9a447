"""Smoke tests of the benchmark scripts (--quick, tiny input) and of their logs, floors, caches."""

from __future__ import annotations

import json
import math
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from summaryaudit import api

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "benchmarks"
sys.path.insert(0, str(BENCH))
if sys.version_info < (3, 11):
    pytest.skip("the benchmark floors need Python 3.11+", allow_module_level=True)

import floors  # noqa: E402
import logs  # noqa: E402
import timing  # noqa: E402

CPU_LIMIT_SECONDS = 120  # a runaway script is stopped; nothing here asserts a time


def _limit_cpu() -> None:
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_LIMIT_SECONDS, CPU_LIMIT_SECONDS))


def run_script(name: str, out: Path, *extra: str) -> dict:
    """Run benchmarks/NAME --quick --json OUT; return the JSON it wrote."""
    result = subprocess.run(
        [sys.executable, str(BENCH / name), "--quick", "--json", str(out), *extra],
        capture_output=True,
        text=True,
        cwd=ROOT,
        preexec_fn=_limit_cpu,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    return json.loads(out.read_text(encoding="utf-8"))


def positive(value: float) -> bool:
    return isinstance(value, float) and math.isfinite(value) and value > 0


def test_bench_parse_quick_reports_paired_ratios_for_both_logs(tmp_path: Path) -> None:
    report = run_script("bench_parse.py", tmp_path / "parse.json", "--valgrind", "off")
    by_log = {entry["log"]: entry for entry in report["logs"]}
    assert set(by_log) == {"dense", "sparse"}
    for entry in by_log.values():
        assert entry["rounds"] >= 2
        for name in ("tool", "comparable floor", "bare floor"):
            assert len(entry["cpu_seconds"][name]) == entry["rounds"]
            assert entry["rows"][name] > 0
        for ratio in entry["ratios"].values():
            assert positive(ratio["median"])
            assert ratio["min"] <= ratio["median"] <= ratio["max"]
        # The floors find the summaries the tool reads (the quick dense log has 12).
        assert entry["summaries"]["tool"] == entry["summaries"]["comparable floor"]
    assert by_log["sparse"]["summaries"]["tool"] == 20
    assert by_log["sparse"]["rows"]["tool"] == by_log["sparse"]["rows"]["comparable floor"]
    assert [round(m["megabytes"] / report["memory"][0]["megabytes"]) for m in report["memory"]] == [
        1,
        2,
        4,
    ]
    # The package has its own hook, so the benchmark empties the memos through it.
    assert report["caches"] == ["summaryaudit.clear_caches() (the package's own hook)"]


def test_bench_startup_quick_reports_ratios_to_import_lark(tmp_path: Path) -> None:
    report = run_script("bench_startup.py", tmp_path / "startup.json", "--valgrind", "off")
    assert set(report["median_cpu_ms"]) == {
        "python -c pass",
        'python -c "import lark"',
        "check (text)",
        "check --format json",
    }
    for name in ("check (text)", "check --format json"):
        assert len(report["cpu_seconds"][name]) == report["rounds"] == 2
        assert positive(report["ratios"][name]["median"])


def test_profile_stages_quick_shares_add_up(tmp_path: Path) -> None:
    out = tmp_path / "stages.json"
    report = run_script("profile_stages.py", out)
    shares = report["shares"]
    assert math.isclose(sum(shares.values()), 1.0, rel_tol=1e-6)
    for stage in ("line classification", "grammar", "transform", "formulas/checks", "report"):
        assert shares[stage] > 0, stage
    saved = ROOT / "benchmarks" / "data" / "profile-a5bea9d-json.json"
    shown = subprocess.run(
        [sys.executable, str(BENCH / "profile_stages.py"), "--compare", str(saved), str(out)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "line classification" in shown and "--format json" in shown


def test_comparable_floor_reads_the_rows_the_tool_reads() -> None:
    texts = logs.distinct_summaries()
    found = floors.comparable_scan(logs.dense_log(texts))
    assert len(found) == len(texts)
    assert sum("Total" in summary.totals for summary in found) >= len(found) - 2
    # The floor does not strip colour codes; on every other print it reads the tool's rows.
    plain = logs.dense_log([text for text in texts if "\x1b" not in text])
    assert len(plain) > 0.9 * len(logs.dense_log(texts))
    tool_rows = sum(len(s.layers) for s in api.parse_text(plain))
    assert floors.floor_rows(floors.comparable_scan(plain)) == tool_rows
    assert floors.bare_scan(plain) == tool_rows


def test_comparable_floor_extracts_cells_counts_and_totals() -> None:
    text = (ROOT / "fixtures" / "real" / "keras3" / "mlp_bn_sequential.txt").read_text("utf-8")
    (summary,) = floors.comparable_scan(text)
    assert summary.rows[0] == ("dense", "Dense", "(None, 512)", 2_097_664)
    assert [row[0] for row in summary.rows] == [
        "dense",
        "batch_normalization",
        "dropout",
        "dense_1",
    ]
    assert summary.totals == {"Total": 2_140_752, "Trainable": 2_139_728, "Non-trainable": 1_024}


def test_sparse_log_is_deterministic_with_twenty_distinct_summaries() -> None:
    first = logs.sparse_log(1.0)
    assert first == logs.sparse_log(1.0)
    assert abs(len(first.encode("utf-8")) - 1_000_000) < 100_000
    summaries = api.parse_text(first)
    assert len(summaries) == 20
    assert len({s.model_name for s in summaries}) == 20
    assert first.count("\r") > 100  # Keras 3 progress bars, overwritten in place
    epochs = [
        tuple(int(n) for n in line[len("Epoch ") :].split("/"))
        for line in first.split("\n")
        if line.startswith("Epoch ")
    ]
    assert len(epochs) > 100
    # Each model's repeated fit output reads as one training: Epoch 1/n, 2/n, ... n/n.
    runs: list[list[tuple[int, ...]]] = []
    for epoch in epochs:
        if epoch[0] == 1:
            runs.append([])
        runs[-1].append(epoch)
    assert len(runs) == 20
    for run in runs:
        assert run == [(i, len(run)) for i in range(1, len(run) + 1)]


def test_cold_caches_empty_every_bounded_memo() -> None:
    cold = timing.ColdCaches()
    if cold.hook is not None:
        pytest.skip("the package has its own clear_caches(); nothing to find")
    api.check_text(logs.dense_log(logs.distinct_summaries(limit=5)))
    bounded = [cache for cache in cold.caches if cache.bounded]
    assert bounded and any(cache.entries() > 0 for cache in bounded)
    cold()
    assert [cache.name for cache in bounded if cache.entries()] == []
