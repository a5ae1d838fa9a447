"""Time parse+check of a multi-megabyte log against a bare regex row scan; CLI peak memory."""

from __future__ import annotations

import argparse
import gc
import io
import random
import re
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summaryaudit import api, cli  # noqa: E402

SHARED = ROOT.parent / "shared"
# The rows a bare scan extracts: `name (Class)   (None, …)   123` with any paste prefix.
ROW = re.compile(r"^\W{0,6}(\S+) \((\w+)\)\s+(\[?\(.*?\)\]?|multiple)\s+([\d,]+)")
NOISE = (
    "Epoch {n}/100",
    "{n}/1875 [==============================] - 3s 1ms/step - loss: 0.{n} - acc: 0.91{n}",
    "WARNING:tensorflow:Layer lstm_{n} will not use cuDNN kernels (criteria not met)",
    "I0101 12:00:{n:02d}.000 cuda_dnn.cc:{n}] Loaded cuDNN version 8{n}",
    "",
)


def real_summaries() -> list[str]:
    """Return the texts of real summaries: ../shared corpus and seeds, and fixtures/real."""
    paths = sorted((SHARED / "corpus" / "wild").glob("*.txt"))
    paths += sorted((SHARED / "seeds").glob("*.txt")) + sorted((ROOT / "fixtures").glob("**/*.txt"))
    texts = []
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="replace")
        if any(s.layers for s in api.parse_text(text)):
            texts.append(text)
    if not texts:
        sys.exit("no real summaries found under ../shared or fixtures/")
    return texts


def build_log(texts: list[str], megabytes: float, seed: int = 0) -> str:
    """Interleave real summaries with training-log noise until the log reaches the size."""
    rng = random.Random(seed)
    parts: list[str] = []
    size = 0
    target = int(megabytes * 1024 * 1024)
    n = 0
    while size < target:
        for _ in range(rng.randrange(5, 40)):
            n += 1
            line = rng.choice(NOISE).format(n=n % 60)
            parts.append(line + "\n")
            size += len(line) + 1
        text = rng.choice(texts)
        parts.append(text if text.endswith("\n") else text + "\n")
        size += len(text) + 1
    return "".join(parts)


def best_of(runs: int, fn: Callable[[], object]) -> float:
    """Return the fastest wall time of fn over runs."""
    best = float("inf")
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def regex_scan(log: str) -> int:
    """Extract the rows with one compiled regex over the lines: the lower bound."""
    rows = 0
    for line in log.split("\n"):
        if ROW.match(line):
            rows += 1
    return rows


def parse_and_check(log: str) -> int:
    """Parse and audit every summary of the log with the library."""
    report = api.check_text(log, source="bench.log")
    return sum(len(s.layers) for s in report.summaries)


def cli_peak_memory(data: bytes) -> tuple[int, int]:
    """Return (peak traced bytes, exit status) of `check --format json` reading data from stdin."""
    out = io.StringIO()
    err = io.StringIO()
    stream = io.BytesIO(data)
    gc.collect()
    tracemalloc.start()
    tracemalloc.reset_peak()
    rc = cli.main(["check", "--format", "json"], stdin=stream, stdout=_Sink(), stderr=err)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del out
    return peak, rc


class _Sink(io.TextIOBase):
    """A stdout that drops what it is given (the report of a big log is not what is measured)."""

    def write(self, text: str) -> int:
        return len(text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--megabytes", type=float, default=5.0, help="size of the log (default 5)")
    parser.add_argument("--runs", type=int, default=3, help="best of N runs (default 3)")
    args = parser.parse_args()

    texts = real_summaries()
    log = build_log(texts, args.megabytes)
    size_mb = len(log.encode("utf-8")) / 1e6
    print(f"log: {size_mb:.2f} MB, {log.count(chr(10)):,} lines, from {len(texts)} real summaries")

    regex_rows = regex_scan(log)
    parsed_rows = parse_and_check(log)
    t_regex = best_of(args.runs, lambda: regex_scan(log))
    t_parse = best_of(args.runs, lambda: parse_and_check(log))
    ratio = t_parse / t_regex
    print()
    print(f"{'method':<28}{'best s':>10}{'MB/s':>10}{'rows':>10}")
    print(f"{'regex row scan':<28}{t_regex:>10.3f}{size_mb / t_regex:>10.1f}{regex_rows:>10,}")
    print(
        f"{'parse+check (check_text)':<28}{t_parse:>10.3f}"
        f"{size_mb / t_parse:>10.1f}{parsed_rows:>10,}"
    )
    print(
        f"ratio parse+check / regex: {ratio:.1f}x "
        f"(goal <= 3x: {'met' if ratio <= 3 else 'NOT met'})"
    )

    print()
    print(f"{'CLI streaming (BytesIO)':<28}{'log MB':>10}{'peak MB':>10}{'exit':>6}")
    peaks = []
    for factor in (1, 2, 4):
        data = (log * factor).encode("utf-8")
        peak, rc = cli_peak_memory(data)
        peaks.append(peak)
        print(f"{'x' + str(factor):<28}{len(data) / 1e6:>10.2f}{peak / 1e6:>10.2f}{rc:>6}")
    growth = peaks[-1] / peaks[0]
    print(
        f"peak growth when the log grows 4x: {growth:.2f}x "
        f"(goal ~1x, memory per summary not per input: {'met' if growth < 1.5 else 'NOT met'})"
    )
    print("(the input bytes themselves live in the BytesIO, which is allocated before tracing)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
