"""Paired CPU timing, cold memo caches and valgrind instruction counts for the benchmarks."""

from __future__ import annotations

import contextlib
import gc
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

# An unbounded cache (`functools.cache`) holding more entries than this is an input memo too.
UNBOUNDED_TABLE_LIMIT = 32
PACKAGE = "summaryaudit"


@dataclass(frozen=True)
class MemoCache:
    """One memoising function of the tool and how it is cleared."""

    name: str
    clear: Callable[[], None]
    entries: Callable[[], int]
    bounded: bool


def find_memo_caches(package: str = PACKAGE) -> list[MemoCache]:
    """Find the package's memo caches through their public `cache_clear`/`cache_info`.

    Every live object defined in the package's modules that has both methods (what
    `functools.lru_cache` and `functools.cache` give) is one, whatever its name in its module;
    no module's private name is used.
    """
    found: dict[int, MemoCache] = {}
    for obj in gc.get_objects():
        module = getattr(obj, "__module__", None)
        if not isinstance(module, str) or not (
            module == package or module.startswith(package + ".")
        ):
            continue
        clear = getattr(obj, "cache_clear", None)
        info = getattr(obj, "cache_info", None)
        if not callable(clear) or not callable(info) or id(obj) in found:
            continue
        qualname = getattr(obj, "__qualname__", type(obj).__name__)
        name = f"{module}.{qualname}"
        if getattr(sys.modules.get(module), qualname, None) is not obj:
            name = f"a memo of {name}"  # a wrapper held under another name
        found[id(obj)] = MemoCache(
            name=name,
            clear=clear,
            entries=lambda info=info: int(info().currsize),
            bounded=info().maxsize is not None,
        )
    return sorted(found.values(), key=lambda cache: cache.name)


class ColdCaches:
    """Clears the tool's input memos before each timed run, keeping its per-process tables.

    The package's own `clear_caches()` is used when it has one. Otherwise every bounded memo
    (`lru_cache(maxsize=N)`) is cleared, and an unbounded one (`functools.cache`: the grammar
    text and the Lark parser of each dialect, built once per process as in a CLI run) only when
    it holds more than UNBOUNDED_TABLE_LIMIT entries, which no per-dialect table does.
    """

    def __init__(self, package: str = PACKAGE) -> None:
        module = sys.modules.get(package)
        hook = getattr(module, "clear_caches", None)
        self.hook: Optional[Callable[[], object]] = hook if callable(hook) else None
        self.caches = [] if self.hook else find_memo_caches(package)

    def __call__(self) -> None:
        if self.hook is not None:
            self.hook()
            return
        for cache in self.caches:
            if cache.bounded or cache.entries() > UNBOUNDED_TABLE_LIMIT:
                cache.clear()

    def describe(self) -> list[str]:
        """Say how caches are cleared, one line per cache (for the benchmark's output)."""
        if self.hook is not None:
            return [f"{PACKAGE}.clear_caches() (the package's own hook)"]
        lines = []
        for cache in self.caches:
            if cache.bounded:
                lines.append(f"cleared: {cache.name}")
            else:
                lines.append(
                    f"kept (per-process table, {cache.entries()} entries; cleared past "
                    f"{UNBOUNDED_TABLE_LIMIT}): {cache.name}"
                )
        return lines


def clock_step(clock: Callable[[], float], window: float = 0.02) -> float:
    """Return a clock's mean step over `window` seconds of busy reading (its resolution)."""
    seen = {clock()}
    end = time.perf_counter() + window
    while time.perf_counter() < end:
        seen.add(clock())
    if len(seen) < 2:
        return float("inf")
    return (max(seen) - min(seen)) / (len(seen) - 1)


def cpu_clock() -> tuple[str, Callable[[], float]]:
    """Return the CPU clock to time with: `time.process_time`, unless it is coarse here.

    Under a CPU rlimit (as in the smoke tests) Linux may count process CPU time in scheduler
    ticks (4 ms); the calling thread's CPU clock stays exact then, and the benchmarks run their
    work in one thread, so `time.thread_time` measures the same thing.
    """
    if clock_step(time.process_time) <= 1e-5:
        return "time.process_time", time.process_time
    return "time.thread_time (process_time is coarse here)", time.thread_time


@dataclass(frozen=True)
class Paired:
    """CPU seconds of each contender in each round, measured alternately in one process."""

    seconds: dict[str, list[float]]
    last: dict[str, object]

    def median_seconds(self, name: str) -> float:
        """Return the median CPU time of one contender."""
        return statistics.median(self.seconds[name])

    def ratios(self, name: str, base: str) -> list[float]:
        """Return the per-round ratios name / base (each pair measured back to back)."""
        return [a / b for a, b in zip(self.seconds[name], self.seconds[base])]

    def median_ratio(self, name: str, base: str) -> float:
        """Return the median of the paired ratios name / base."""
        return statistics.median(self.ratios(name, base))


def paired_runs(
    contenders: Mapping[str, Callable[[], object]],
    rounds: int,
    before_each: Callable[[], None] = lambda: None,
    clock: Callable[[], float] = time.process_time,
) -> Paired:
    """Run each contender once per round, rotating the order, timing CPU with `clock`.

    Each round runs every contender back to back, so a ratio within a round compares runs that
    shared the machine's load; rotating the order cancels drift inside a round.
    """
    names = list(contenders)
    seconds: dict[str, list[float]] = {name: [] for name in names}
    last: dict[str, object] = {}
    for round_index in range(rounds):
        shift = round_index % len(names)
        for name in names[shift:] + names[:shift]:
            before_each()
            gc.collect()
            start = clock()
            last[name] = contenders[name]()
            seconds[name].append(clock() - start)
    return Paired(seconds, last)


def write_json(path: Optional[Path], results: object) -> None:
    """Write a benchmark's results as JSON when a --json path was given."""
    if path is not None:
        path.write_text(json.dumps(results, indent=1), encoding="utf-8")


def valgrind_available() -> bool:
    """Tell whether valgrind can be run here."""
    return shutil.which("valgrind") is not None


_INSTRUCTIONS = re.compile(r"I\s+refs:\s+([\d,]+)")


@contextlib.contextmanager
def _program(script: str) -> Iterator[Path]:
    """A Python program written to a temporary file, for a child process to run."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "program.py"
        path.write_text(script, encoding="utf-8")
        yield path


def run_script(script: str) -> None:
    """Run a Python program once, uncounted: what it caches for the user (Lark's grammar cache
    on a machine that never ran the tool, the bytecode of the benchmark's modules) is then there
    for every counted program, the set-up program that is subtracted among them."""
    with _program(script) as path:
        subprocess.run([sys.executable, str(path)], capture_output=True, check=True)


def instructions(script: str, env: Optional[Mapping[str, str]] = None) -> int:
    """Return the instructions Python executes running `script`, counted by cachegrind.

    The hash seed is fixed, so two runs of one program count the same to about 0.01%.
    """
    with _program(script) as path:
        result = subprocess.run(
            [
                "valgrind",
                "--tool=cachegrind",
                "--cache-sim=no",
                f"--cachegrind-out-file={os.devnull}",
                sys.executable,
                str(path),
            ],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": "0", **(env or {})},
            check=False,
        )
    match = _INSTRUCTIONS.search(result.stderr)
    if result.returncode != 0 or match is None:
        raise RuntimeError(f"valgrind failed ({result.returncode}): {result.stderr[-800:]}")
    return int(match.group(1).replace(",", ""))
