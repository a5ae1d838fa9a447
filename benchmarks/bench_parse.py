"""Parse+check against regex floors on a dense and a sparse log: paired CPU time, cold caches.

Two logs:
- dense: every distinct real summary of fixtures/real/, back to back, each once;
- sparse: a real Keras 3 training log (benchmarks/data/keras3_fit_sample.log: 20 summaries,
  model.fit progress bars, a warning) expanded to --sparse-megabytes, read by the CLI from
  a byte stream as `python train.py | summaryaudit check --format json` would.

Two floors, each a whole-text regex scan in C (benchmarks/floors.py):
- bare: counts the rows with one row expression;
- comparable: also extracts every row's cells and count, finds each summary's header and
  reads its totals (what auditing the counts needs at least).

In each round the tool and both floors run back to back in this process, in rotating order,
timed in CPU seconds (`time.process_time`); the tool's memo caches are cleared before every run.
The figures are medians of the per-round ratios. With valgrind present, instruction counts of
one cold run of each (in separate processes, set-up subtracted) are printed as well.
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import sys
import textwrap
import tracemalloc
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path[:0] = [str(ROOT), str(BENCH)]

import floors  # noqa: E402
import logs  # noqa: E402
import timing  # noqa: E402

from summaryaudit import Report, api, cli  # noqa: E402

TOOL = "tool"
COMPARABLE = "comparable floor"
BARE = "bare floor"
DENSE = "dense"
SPARSE = "sparse"
GOALS = {DENSE: (COMPARABLE, 5.0), SPARSE: (BARE, 1.5)}  # issue 13, part 2


class Sink(io.TextIOBase):
    """A stdout that drops what it is given (the report of a big log is not what is measured)."""

    def write(self, text: str) -> int:
        return len(text)


@dataclass(frozen=True)
class Workload:
    """One log and the three contenders that read it."""

    name: str
    description: str
    megabytes: float
    tool: Callable[[], object]
    comparable: Callable[[], object]
    bare: Callable[[], object]
    warm: Callable[[], object]
    tool_found: Callable[[Any], tuple[int, int]]
    valgrind_setup: str
    valgrind_actions: Mapping[str, str]


def shown(folder: Path) -> str:
    """Name a folder relative to the repository when it is inside it."""
    try:
        return str(folder.resolve().relative_to(ROOT)) + "/"
    except ValueError:
        return str(folder)


def dense_workload(limit: Optional[int], folder: Path = logs.FIXTURES) -> Workload:
    """The dense log, read with the library's check_text."""
    texts = logs.distinct_summaries(folder, limit=limit)
    text = logs.dense_log(texts)

    def tool_found(report: Report) -> tuple[int, int]:
        return len(report.summaries), sum(len(s.layers) for s in report.summaries)

    setup = "from pathlib import Path\n"
    setup += f"texts = logs.distinct_summaries(Path({str(folder)!r}), limit={limit!r})\n"
    setup += "text = logs.dense_log(texts)\n"
    return Workload(
        name=DENSE,
        description=f"{len(texts)} distinct summaries of {shown(folder)} back to back",
        megabytes=len(text.encode("utf-8")) / logs.MEGABYTE,
        tool=lambda: api.check_text(text, source="dense.log"),
        comparable=lambda: floors.comparable_scan(text),
        bare=lambda: floors.bare_scan(text),
        warm=lambda: api.check_text(text, source="dense.log"),
        tool_found=tool_found,
        valgrind_setup=setup + "tool = lambda: api.check_text(text, source='dense.log')\n",
        valgrind_actions={
            TOOL: "tool()",
            COMPARABLE: "floors.comparable_scan(text)",
            BARE: "floors.bare_scan(text)",
        },
    )


def run_cli(data: bytes) -> io.StringIO:
    """Run `summaryaudit check --format json` on data given as standard input; its stdout."""
    out = io.StringIO()
    cli.main(
        ["check", "--format", "json"], stdin=io.BytesIO(data), stdout=out, stderr=io.StringIO()
    )
    return out


def sparse_workload(megabytes: float) -> Workload:
    """The sparse training log, read by the CLI from bytes (the floors decode the bytes too)."""
    data = logs.sparse_log(megabytes).encode("utf-8")

    def tool_found(out: io.StringIO) -> tuple[int, int]:
        summaries = json.loads(out.getvalue())["summaries"]
        return len(summaries), sum(len(s["layers"]) for s in summaries)

    setup = (
        f"data = logs.sparse_log({megabytes!r}).encode('utf-8')\n"
        "tool = lambda: bench_parse.run_cli(data)\n"
    )
    return Workload(
        name=SPARSE,
        description="real Keras 3 model.fit log, 20 summaries spread through it, via the CLI",
        megabytes=len(data) / logs.MEGABYTE,
        tool=lambda: run_cli(data),
        comparable=lambda: floors.comparable_scan(data.decode("utf-8")),
        bare=lambda: floors.bare_scan(data.decode("utf-8")),
        warm=lambda: run_cli(logs.FIT_SAMPLE.read_bytes()),
        tool_found=tool_found,
        valgrind_setup=setup,
        valgrind_actions={
            TOOL: "tool()",
            COMPARABLE: "floors.comparable_scan(data.decode('utf-8'))",
            BARE: "floors.bare_scan(data.decode('utf-8'))",
        },
    )


def valgrind_counts(work: Workload) -> dict[str, int]:
    """Instructions of one cold run of each contender: its program minus the set-up program.

    Every program imports everything, builds the log, runs the tool once (parsers loaded,
    patterns compiled), clears its memo caches and freezes its heap; then it runs one
    contender, or nothing.
    """
    prelude = textwrap.dedent(
        f"""\
        import sys
        sys.path[:0] = [{str(ROOT)!r}, {str(BENCH)!r}]
        import bench_parse, floors, logs, timing
        from summaryaudit import api
        """
    )
    # Frozen, the set-up's objects are never traversed by a collection the contender triggers.
    common = prelude + work.valgrind_setup + "tool()\ntiming.ColdCaches()()\n"
    common += "import gc\ngc.collect()\ngc.freeze()\n"
    timing.run_script(common)  # a first run on a new machine builds caches; none is counted
    base = timing.instructions(common)
    return {
        name: timing.instructions(common + action + "\n") - base
        for name, action in work.valgrind_actions.items()
    }


def cli_peak_memory(data: bytes) -> int:
    """Return the peak traced bytes of `check --format json` reading data from stdin."""
    stream = io.BytesIO(data)
    tracemalloc.start()
    tracemalloc.reset_peak()
    cli.main(["check", "--format", "json"], stdin=stream, stdout=Sink(), stderr=io.StringIO())
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def measure(
    work: Workload, rounds: int, cold: timing.ColdCaches, clock: Callable[[], float]
) -> dict[str, Any]:
    """Warm the per-process set-up once, then run the paired rounds; return the results."""
    work.warm()  # untimed: loads the parsers; the memos it fills are cleared before each run
    paired = timing.paired_runs(
        {TOOL: work.tool, COMPARABLE: work.comparable, BARE: work.bare},
        rounds=rounds,
        before_each=cold,
        clock=clock,
    )
    summaries, rows = work.tool_found(paired.last[TOOL])
    comparable = paired.last[COMPARABLE]
    if not isinstance(comparable, list):
        raise TypeError("the comparable floor returns the summaries it found")
    result: dict[str, Any] = {
        "log": work.name,
        "description": work.description,
        "megabytes": round(work.megabytes, 3),
        "rounds": rounds,
        "rows": {
            TOOL: rows,
            COMPARABLE: floors.floor_rows(comparable),
            BARE: paired.last[BARE],
        },
        "summaries": {TOOL: summaries, COMPARABLE: len(comparable)},
        "median_cpu_seconds": {name: paired.median_seconds(name) for name in paired.seconds},
        "cpu_seconds": paired.seconds,
        "ratios": {},
    }
    for name, base in ((TOOL, COMPARABLE), (TOOL, BARE), (COMPARABLE, BARE)):
        ratios = paired.ratios(name, base)
        result["ratios"][f"{name} / {base}"] = {
            "median": statistics.median(ratios),
            "min": min(ratios),
            "max": max(ratios),
        }
    return result


def print_result(result: dict[str, Any]) -> None:
    """Print one log's table."""
    print()
    print(f"{result['log']} log: {result['megabytes']:.2f} MB, {result['description']}")
    print(f"  median of {result['rounds']} paired rounds, CPU seconds, caches cleared per run")
    print(f"  {'contender':<18}{'median s':>10}{'MB/s':>9}{'rows':>8}{'summaries':>11}")
    for name, seconds in result["median_cpu_seconds"].items():
        speed = result["megabytes"] / seconds if seconds > 0 else float("inf")
        found = result["summaries"].get(name, "")
        print(f"  {name:<18}{seconds:>10.3f}{speed:>9.1f}{result['rows'][name]:>8,}{found:>11}")
    goal_base, goal = GOALS[result["log"]]
    for label, ratio in result["ratios"].items():
        line = f"  {label:<30} median {ratio['median']:6.2f}x  (rounds {ratio['min']:.2f}-"
        line += f"{ratio['max']:.2f}x)"
        if label == f"{TOOL} / {goal_base}":
            line += f"  goal <= {goal}x: {'met' if ratio['median'] <= goal else 'NOT met'}"
        print(line)
    if "instructions" in result:
        counts = result["instructions"]
        print(f"  valgrind, one cold run ({result['valgrind_megabytes']:.2f} MB log):")
        for name, count in counts.items():
            print(f"    {name:<18}{count:>16,} instructions")
        for name, base in ((TOOL, COMPARABLE), (TOOL, BARE)):
            if counts[base] > 0:
                print(f"    {name} / {base}: {counts[name] / counts[base]:.2f}x")


def memory_table(megabytes: float) -> list[dict[str, float]]:
    """Print and return the CLI's peak memory on sparse logs of 1x, 2x and 4x megabytes."""
    print()
    print(f"{'CLI peak memory (sparse log)':<30}{'log MB':>10}{'peak MB':>10}")
    peaks = []
    for factor in (1, 2, 4):
        data = logs.sparse_log(megabytes * factor).encode("utf-8")
        peak = cli_peak_memory(data)
        peaks.append({"megabytes": len(data) / logs.MEGABYTE, "peak_megabytes": peak / 1e6})
        print(f"{'x' + str(factor):<30}{len(data) / 1e6:>10.2f}{peak / 1e6:>10.2f}")
    growth = peaks[-1]["peak_megabytes"] / peaks[0]["peak_megabytes"]
    print(f"peak growth when the log grows 4x: {growth:.2f}x (goal ~1x: flat memory)")
    return peaks


def parse_args(argv: Optional[list[str]]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="tiny logs, few rounds (smoke)")
    parser.add_argument("--sparse-megabytes", type=float, help="sparse log size (default 100)")
    parser.add_argument("--sparse-rounds", type=int, help="paired rounds, sparse (default 5)")
    parser.add_argument("--dense-rounds", type=int, help="paired rounds, dense (default 21)")
    parser.add_argument("--dense-limit", type=int, help="use only the first N summaries")
    parser.add_argument(
        "--logs",
        choices=(DENSE, SPARSE, "both"),
        default="both",
        help="which logs to measure (default both; `sparse` also skips the memory runs "
        "unless --memory-megabytes is given)",
    )
    parser.add_argument(
        "--fixtures",
        type=Path,
        default=logs.FIXTURES,
        help="the folder of real summaries for the dense log (default fixtures/real)",
    )
    parser.add_argument(
        "--valgrind",
        choices=("auto", "on", "off"),
        default="auto",
        help="instruction counts: auto = when valgrind is installed and not --quick",
    )
    parser.add_argument(
        "--valgrind-megabytes", type=float, default=2.0, help="sparse log size under valgrind"
    )
    parser.add_argument(
        "--memory-megabytes", type=float, help="CLI peak memory at 1x/2x/4x this (default 4)"
    )
    parser.add_argument("--json", type=Path, help="also write the results to this JSON file")
    args = parser.parse_args(argv)
    quick = args.quick
    defaults = {
        "sparse_megabytes": 0.5 if quick else 100.0,
        "sparse_rounds": 2 if quick else 5,
        "dense_rounds": 3 if quick else 21,
        "dense_limit": 12 if quick else None,
        "memory_megabytes": 0.25 if quick else 4.0,
    }
    skip_memory = args.logs == DENSE or (args.logs == SPARSE and args.memory_megabytes is None)
    args.memory = not skip_memory
    for key, value in defaults.items():
        if getattr(args, key) is None:
            setattr(args, key, value)
    if args.valgrind == "auto":
        args.valgrind = "on" if timing.valgrind_available() and not quick else "off"
    return args


def main(argv: Optional[list[str]] = None) -> int:
    args = parse_args(argv)
    clock_name, clock = timing.cpu_clock()
    print(f"Python {sys.version.split()[0]}; CPU seconds from {clock_name}")
    cold = timing.ColdCaches()
    results = []
    workloads: list[tuple[Callable[[], Workload], int]] = []
    if args.logs in (DENSE, "both"):
        workloads.append(
            (lambda: dense_workload(args.dense_limit, args.fixtures), args.dense_rounds)
        )
    if args.logs in (SPARSE, "both"):
        workloads.append((lambda: sparse_workload(args.sparse_megabytes), args.sparse_rounds))
    for build, rounds in workloads:
        work = build()
        result = measure(work, rounds, cold, clock)
        if args.valgrind == "on":
            counted = work
            if work.name == SPARSE and args.valgrind_megabytes < work.megabytes:
                counted = sparse_workload(args.valgrind_megabytes)
            result["instructions"] = valgrind_counts(counted)
            result["valgrind_megabytes"] = counted.megabytes
        print_result(result)
        results.append(result)
    print()
    print("memo caches:")
    for line in cold.describe():
        print(f"  {line}")

    peaks = memory_table(args.memory_megabytes) if args.memory else []
    timing.write_json(
        args.json,
        {"clock": clock_name, "logs": results, "memory": peaks, "caches": cold.describe()},
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
