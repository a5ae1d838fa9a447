"""Time `python -m summaryaudit check SMALL` against `python -c "import lark"` (medians)."""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

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
        return min(candidates, key=lambda p: p.stat().st_size)
    handle = tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False)  # noqa: SIM115
    handle.write(FALLBACK)
    handle.close()
    return Path(handle.name)


def median_seconds(command: list[str], runs: int, env: dict[str, str]) -> float:
    """Return the median wall time of a command (one untimed warm-up run first)."""
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15, help="runs per command (default 15)")
    args = parser.parse_args()

    path = small_summary()
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    # An installed package has its bytecode compiled by pip; a checkout may not (for example
    # under PYTHONDONTWRITEBYTECODE), which would add ~60 ms of compiling to every run.
    compileall.compile_dir(str(ROOT / "summaryaudit"), quiet=1)
    check = [sys.executable, "-m", "summaryaudit", "check", str(path)]
    check_json = [*check, "--format", "json"]
    probe = subprocess.run(check, env=env, capture_output=True, text=True)
    if probe.returncode not in (0, 1):
        print(f"summaryaudit failed (exit {probe.returncode}): {probe.stderr.strip()}")
        return 1
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        'python -c "import lark"': [sys.executable, "-c", "import lark"],
        f"summaryaudit check {path.name}": check,
        f"summaryaudit check --format json {path.name}": check_json,
    }
    results = {name: median_seconds(cmd, args.runs, env) for name, cmd in commands.items()}
    print(f"input: {path} ({path.stat().st_size} bytes); median of {args.runs} runs")
    print()
    print(f"{'command':<44}{'median ms':>12}")
    for name, seconds in results.items():
        print(f"{name:<44}{seconds * 1000:>12.1f}")
    lark_s = results['python -c "import lark"']
    print()
    for label, name in (
        ("text", f"summaryaudit check {path.name}"),
        ("json", f"summaryaudit check --format json {path.name}"),
    ):
        ratio = results[name] / lark_s
        print(
            f"ratio summaryaudit ({label}) / import lark: {ratio:.2f}x "
            f"(goal <= 1.5x: {'met' if ratio <= 1.5 else 'NOT met'})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
