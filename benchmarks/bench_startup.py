"""Start-up: `python -m summaryaudit check SMALL` (JSON and text) against `python -c "import lark"`.

Every command runs in a fresh subprocess. In each round the commands run back to back in a
rotating order, and each is measured in CPU seconds (user + system of that child, from
`getrusage`); the figures are medians over the rounds of the per-round ratios to `import lark`.
The package's bytecode is compiled first, as a pip install leaves it, and one untimed run of
each command fills the OS file cache and Lark's grammar cache. With valgrind present, the
instructions of one run of each command are counted as well.
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Optional

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(BENCH))

import timing  # noqa: E402

PASS = "python -c pass"
LARK = 'python -c "import lark"'
JSON = "check --format json"
TEXT = "check (text)"
GOAL = 1.3  # issue 13, part 2: at most 1.3x `import lark`, JSON and text

FALLBACK = """\
Model: "sequential"
_________________________________________________________________
Layer (type)                 Output Shape              Param #
=================================================================
dense (Dense)                (None, 64)                50240
_________________________________________________________________
dense_1 (Dense)              (None, 10)                650
=================================================================
Total params: 50,890
Trainable params: 50,890
Non-trainable params: 0
_________________________________________________________________
"""


def small_summary() -> Path:
    """Return the smallest real summary file (fixtures, then ../shared), else a temp one."""
    candidates = sorted((ROOT / "fixtures").glob("**/*.txt"))
    candidates += sorted((SHARED / "seeds").glob("*.txt"))
    candidates += sorted((SHARED / "corpus" / "wild").glob("*.txt"))
    candidates = [p for p in candidates if "Layer (type)" in p.read_text(errors="replace")]
    if candidates:
        return min(candidates, key=lambda p: (p.stat().st_size, str(p)))
    handle = tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False)  # noqa: SIM115
    handle.write(FALLBACK)
    handle.close()
    return Path(handle.name)


def child_cpu_seconds(command: list[str], env: Mapping[str, str]) -> float:
    """Run a command to its end; return the CPU seconds (user + system) it used."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def paired_rounds(
    commands: Mapping[str, list[str]], rounds: int, env: Mapping[str, str]
) -> dict[str, list[float]]:
    """Time every command once per round, in rotating order; one untimed run of each first."""
    names = list(commands)
    for name in names:
        child_cpu_seconds(commands[name], env)
    seconds: dict[str, list[float]] = {name: [] for name in names}
    for index in range(rounds):
        shift = index % len(names)
        for name in names[shift:] + names[:shift]:
            seconds[name].append(child_cpu_seconds(commands[name], env))
    return seconds


def counted_instructions(command: list[str], env: Mapping[str, str]) -> int:
    """Instructions of one run of a Python command under cachegrind."""
    if command[:2] == [sys.executable, "-c"]:
        return timing.instructions(command[2] + "\n", env)
    script = f"import runpy, sys\nsys.argv = {command[2:]!r}\n"
    script += "try:\n    runpy.run_module('summaryaudit', run_name='__main__')\n"
    script += "except SystemExit:\n    pass\n"
    return timing.instructions(script, env)


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="few rounds, no valgrind (smoke)")
    parser.add_argument("--runs", type=int, help="paired rounds (default 21; --quick 2)")
    parser.add_argument("--valgrind", choices=("auto", "on", "off"), default="auto")
    parser.add_argument("--json", type=Path, help="also write the results to this JSON file")
    args = parser.parse_args(argv)
    runs = args.runs or (2 if args.quick else 21)
    use_valgrind = args.valgrind == "on" or (
        args.valgrind == "auto" and timing.valgrind_available() and not args.quick
    )

    path = small_summary()
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    # An installed package has its bytecode compiled by pip; a checkout may not (for example
    # under PYTHONDONTWRITEBYTECODE), which would add ~60 ms of compiling to every run.
    compileall.compile_dir(str(ROOT / "summaryaudit"), quiet=1)
    check = [sys.executable, "-m", "summaryaudit", "check", str(path)]
    commands = {
        PASS: [sys.executable, "-c", "pass"],
        LARK: [sys.executable, "-c", "import lark"],
        TEXT: check,
        JSON: [*check, "--format", "json"],
    }
    probe = subprocess.run(check, env=env, capture_output=True, text=True, check=False)
    if probe.returncode not in (0, 1):
        print(f"summaryaudit failed (exit {probe.returncode}): {probe.stderr.strip()}")
        return 1
    seconds = paired_rounds(commands, runs, env)
    medians = {name: statistics.median(values) for name, values in seconds.items()}
    print(f"input: {path} ({path.stat().st_size} bytes); Python {sys.version.split()[0]}")
    print(f"{runs} paired rounds; CPU seconds (user + system) of each child process")
    print()
    print(f"{'command':<28}{'median ms':>11}")
    for name, value in medians.items():
        print(f"{name:<28}{value * 1000:>11.1f}")
    print()
    results: dict[str, object] = {
        "input": str(path),
        "rounds": runs,
        "median_cpu_ms": {name: value * 1000 for name, value in medians.items()},
        "cpu_seconds": seconds,
        "ratios": {},
    }
    ratios: dict[str, dict[str, float]] = {}
    for name in (JSON, TEXT):
        paired = [a / b for a, b in zip(seconds[name], seconds[LARK])]
        above = [
            (a - p) / (b - p)
            for a, b, p in zip(seconds[name], seconds[LARK], seconds[PASS])
            if b > p
        ]
        ratio = statistics.median(paired)
        ratios[name] = {
            "median": ratio,
            "min": min(paired),
            "max": max(paired),
            "above_interpreter": statistics.median(above) if above else float("nan"),
        }
        print(
            f"{name} / import lark: median {ratio:.2f}x (rounds {min(paired):.2f}-"
            f"{max(paired):.2f}x); goal <= {GOAL}x: {'met' if ratio <= GOAL else 'NOT met'}"
        )
        print(
            f"  time above `python -c pass`, {name} / import lark: "
            f"{ratios[name]['above_interpreter']:.2f}x"
        )
    results["ratios"] = ratios
    if use_valgrind:
        counts = {name: counted_instructions(cmd, env) for name, cmd in commands.items()}
        results["instructions"] = counts
        print()
        print("valgrind (cachegrind), one run each:")
        for name, count in counts.items():
            print(f"  {name:<26}{count:>16,} instructions")
        for name in (JSON, TEXT):
            print(f"  {name} / import lark: {counts[name] / counts[LARK]:.2f}x")
    timing.write_json(args.json, results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
