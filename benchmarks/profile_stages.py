"""CPU share of each pipeline stage of `summaryaudit check` on the dense (or sparse) log.

The CLI runs on the log in this process under cProfile (memo caches cleared before each run,
one untimed run first to load the parsers). Each function's own time goes to a stage:
- a function of a stage's module goes to that stage (STAGES below);
- any other function (the standard library, Lark, builtins, the shared helper modules such
  as shapes.py or records.py) is split among its callers, in proportion to the time it spent
  under each, and so on up to a stage's module.
cProfile adds a fixed cost to every call, so stages made of many small calls look larger than
they are; the shares compare stages of one tree before and after a change, profiled alike.
The milliseconds scale the shares to the same runs timed without the profiler.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import statistics
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Optional

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path[:0] = [str(ROOT), str(BENCH)]

import logs  # noqa: E402
import timing  # noqa: E402

from summaryaudit import cli  # noqa: E402

PACKAGE_DIR = (ROOT / "summaryaudit").resolve()
SOURCES = "sources"
LINES = "line classification"
GRAMMAR = "grammar"
TRANSFORM = "transform"
CHECKS = "formulas/checks"
REPORT = "report"
DRIVER = "driver (cli, api)"
UNATTRIBUTED = "unattributed"
ORDER = (SOURCES, LINES, GRAMMAR, TRANSFORM, CHECKS, REPORT, DRIVER, UNATTRIBUTED)
# The package's modules that define a stage; every other module is a helper of its callers.
STAGES: dict[str, str] = {
    "sources": SOURCES,
    "walk": SOURCES,
    "live": SOURCES,
    "blocks": LINES,
    "grammar": GRAMMAR,
    "transform": TRANSFORM,
    "cells": TRANSFORM,
    "formulas": CHECKS,
    "checks": CHECKS,
    "suppressions": CHECKS,
    "report": REPORT,
    "formats": REPORT,
    "concise": REPORT,
    "terminal": REPORT,
    "cli": DRIVER,
    "api": DRIVER,
    "config": DRIVER,
    "options": DRIVER,
    "__main__": DRIVER,
}
Func = tuple[str, int, str]


def package_module(filename: str) -> Optional[str]:
    """Return the package module a code file belongs to (`blocks`), or None for other code."""
    try:
        path = Path(filename).resolve()
    except (OSError, ValueError):
        return None
    if path.suffix != ".py":
        return None
    if path.parent == PACKAGE_DIR:
        return path.stem
    return path.parent.name if path.parent.parent == PACKAGE_DIR else None  # checks/, formulas/


class Attribution:
    """Splits every function's own time among the stages, walking up the callers."""

    def __init__(self, stats: Mapping[Func, tuple]) -> None:
        self.stats = stats
        self.memo: dict[Func, dict[str, float]] = {}
        self.active: set[Func] = set()
        self.helpers: set[str] = set()

    def stage_weights(self, func: Func) -> dict[str, float]:
        """Return the fraction of func's own time that belongs to each stage."""
        module = package_module(func[0])
        if module is not None and module in STAGES:
            return {STAGES[module]: 1.0}
        if module is not None:
            self.helpers.add(module)
        if func in self.memo:
            return self.memo[func]
        callers = self.stats.get(func, (0, 0, 0.0, 0.0, {}))[4]
        edges = [(caller, edge[2] or edge[3]) for caller, edge in callers.items()]
        edges = [(caller, weight) for caller, weight in edges if caller not in self.active]
        total = sum(weight for _, weight in edges)
        if not edges:
            return {UNATTRIBUTED: 1.0}
        self.active.add(func)
        weights: dict[str, float] = {}
        for caller, weight in edges:
            share = weight / total if total > 0 else 1.0 / len(edges)
            for stage, part in self.stage_weights(caller).items():
                weights[stage] = weights.get(stage, 0.0) + share * part
        self.active.discard(func)
        self.memo[func] = weights
        return weights

    def shares(self) -> dict[str, float]:
        """Return each stage's own time in seconds (profiled)."""
        seconds = dict.fromkeys(ORDER, 0.0)
        for func, (_, _, own, _, _) in self.stats.items():
            for stage, part in self.stage_weights(func).items():
                seconds[stage] += own * part
        return seconds

    def top(self, stage: str, count: int) -> list[tuple[str, float]]:
        """Return the functions whose own time weighs most in a stage, with their seconds."""
        weighed = []
        for func, (_, _, own, _, _) in self.stats.items():
            part = self.stage_weights(func).get(stage, 0.0) * own
            if part > 0:
                filename, line, name = func
                where = f"{Path(filename).name}:{line}" if line else filename
                weighed.append((f"{name} ({where})", part))
        return sorted(weighed, key=lambda item: -item[1])[:count]


def compare(before_path: Path, after_path: Path) -> None:
    """Print the stage shares and milliseconds of two saved profiles side by side."""
    before = json.loads(before_path.read_text(encoding="utf-8"))
    after = json.loads(after_path.read_text(encoding="utf-8"))
    for label, result in (("before", before), ("after", after)):
        print(
            f"{label}: {result['log']} log, {result['megabytes']:.2f} MB, --format "
            f"{result['format']}, {result['median_cpu_ms']:.0f} ms CPU per run"
        )
    if before["megabytes"] != after["megabytes"] or before["log"] != after["log"]:
        print("different logs: compare the shares; the milliseconds are not comparable")
    print(f"{'stage':<22}{'before':>16}{'after':>16}")
    for stage in ORDER:
        cells = []
        for result in (before, after):
            share = result["shares"].get(stage, 0.0)
            cells.append(f"{share * 100:5.1f}% {share * result['median_cpu_ms']:6.1f} ms")
        print(f"{stage:<22}{cells[0]:>16}{cells[1]:>16}")


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--log", choices=("dense", "sparse"), default="dense")
    parser.add_argument("--megabytes", type=float, default=5.0, help="sparse log size")
    parser.add_argument(
        "--fixtures",
        type=Path,
        default=logs.FIXTURES,
        help="the folder of real summaries for the dense log (default fixtures/real): give two "
        "trees the same one to compare them",
    )
    parser.add_argument("--format", choices=("json", "text"), default="json", dest="fmt")
    parser.add_argument("--runs", type=int, default=5, help="profiled and timed runs")
    parser.add_argument("--top", type=int, default=0, help="list each stage's N costliest")
    parser.add_argument("--quick", action="store_true", help="tiny log, one run (smoke)")
    parser.add_argument("--json", type=Path, help="also write the results to this JSON file")
    parser.add_argument(
        "--compare",
        nargs=2,
        type=Path,
        metavar=("BEFORE", "AFTER"),
        help="print two --json results side by side instead of profiling",
    )
    args = parser.parse_args(argv)
    if args.compare:
        compare(*args.compare)
        return 0
    if args.quick:
        args.runs = 1
    if args.log == "dense":
        limit = 12 if args.quick else None
        text = logs.dense_log(logs.distinct_summaries(args.fixtures, limit=limit))
    else:
        text = logs.sparse_log(0.25 if args.quick else args.megabytes)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{args.log}.log"
        path.write_text(text, encoding="utf-8")
        argv_cli = ["check", "--format", args.fmt, str(path)]

        def run() -> None:
            cli.main(argv_cli, stdout=io.StringIO(), stderr=io.StringIO())

        run()  # untimed: loads the parsers
        cold = timing.ColdCaches()
        _, clock = timing.cpu_clock()
        plain = []
        for _ in range(args.runs):
            cold()
            start = clock()
            run()
            plain.append(clock() - start)
        profiler = cProfile.Profile()
        for _ in range(args.runs):
            cold()
            profiler.enable()
            run()
            profiler.disable()
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    attribution = Attribution(stats)
    seconds = attribution.shares()
    profiled = sum(seconds.values())
    per_run_ms = statistics.median(plain) * 1000
    size = len(text.encode("utf-8")) / logs.MEGABYTE
    print(
        f"summaryaudit check --format {args.fmt}: {args.log} log, {size:.2f} MB; "
        f"{args.runs} runs; median {per_run_ms:.0f} ms CPU per run without the profiler"
    )
    print(f"{'stage':<22}{'share':>8}{'~ms/run':>10}")
    result = {
        "log": args.log,
        "format": args.fmt,
        "megabytes": size,
        "runs": args.runs,
        "median_cpu_ms": per_run_ms,
        "shares": {},
    }
    for stage in ORDER:
        share = seconds[stage] / profiled if profiled else 0.0
        result["shares"][stage] = share
        print(f"{stage:<22}{share * 100:>7.1f}%{share * per_run_ms:>10.1f}")
        for name, own in attribution.top(stage, args.top):
            print(f"    {own / profiled * 100:5.1f}%  {name}")
    helpers = sorted(attribution.helpers)
    result["helpers"] = helpers
    print(f"helper modules split among their callers: {', '.join(helpers) or 'none'}")
    timing.write_json(args.json, result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
