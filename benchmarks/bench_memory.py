"""Peak RSS and CPU time of the CLI on big hostile inputs: a mixed log, image notebooks, a table."""

from __future__ import annotations

import argparse
import base64
import json
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import logs  # noqa: E402

MB = 1 << 20
NOISE = (
    "Epoch {n}/100",
    "{n}/1875 [==============================] - 3s 1ms/step - loss: 0.{n} - acc: 0.91{n}",
    "WARNING:tensorflow:Layer lstm_{n} will not use cuDNN kernels (criteria not met)",
    "I0101 12:00:{n:02d}.000 cuda_dnn.cc:{n}] Loaded cuDNN version 8{n}",
    "",
)
CHILD_LIMIT = 2 << 30  # address-space cap on the measured process, so a leak cannot hurt the host
TABLE_HEADER = (
    'Model: "endless"\n' + "_" * 65 + "\n"
    "Layer (type)                 Output Shape              Param #   \n" + "=" * 65 + "\n"
)


# Peak RSS survives exec on Linux, so a child forked from this (large) process would report this
# process's size. A small launcher forks the measured run and reports the run's own rusage.
_LAUNCHER = """
import json, os, resource, sys
report, limit, argv = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
pid = os.fork()
if pid == 0:
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    os.execv(sys.executable, [sys.executable, "-m", "summaryaudit", *argv])
_, status, usage = os.wait4(pid, 0)
with open(report, "w") as handle:
    json.dump({"rc": os.waitstatus_to_exitcode(status), "peak_mb": usage.ru_maxrss / 1024,
               "cpu_s": usage.ru_utime + usage.ru_stime}, handle)
"""


def measure(args: list[str], feed: Callable[[object], None] | None) -> dict[str, float]:
    """Run `python -m summaryaudit ARGS`, feeding its stdin; return peak RSS, CPU and wall time."""
    with tempfile.NamedTemporaryFile(suffix=".json") as report:
        start = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-c", _LAUNCHER, report.name, str(CHILD_LIMIT), *args],
            stdin=subprocess.PIPE if feed else subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        if feed is not None:
            try:
                feed(child.stdin)
                child.stdin.close()  # type: ignore[union-attr]
            except BrokenPipeError:
                pass
        err = child.stderr.read()  # type: ignore[union-attr]
        child.wait()
        wall = time.perf_counter() - start
        result = json.loads(Path(report.name).read_text())
    result["wall_s"] = wall
    result["err"] = err.decode("utf-8", "replace").strip()[-200:]
    return result


def log_block(texts: list[str], megabytes: float, seed: int = 0) -> bytes:
    """About `megabytes` of training-log noise ending with one real summary."""
    rng = random.Random(seed)
    lines: list[str] = []
    size, n = 0, 0
    while size < megabytes * MB:
        n += 1
        line = rng.choice(NOISE).format(n=n % 60)
        lines.append(line)
        size += len(line) + 1
    lines.append(rng.choice(texts).rstrip("\n"))
    return ("\n".join(lines) + "\n").encode("utf-8")


def feed_repeated(block: bytes, total: int) -> Callable[[object], None]:
    def feed(stream: object) -> None:
        sent = 0
        while sent < total:
            stream.write(block)  # type: ignore[attr-defined]
            sent += len(block)

    return feed


def notebook(texts: list[str], megabytes: float, seed: int = 0) -> bytes:
    """An nbformat-4 notebook of about `megabytes`: summaries, and a 2 MB PNG figure per cell."""
    rng = random.Random(seed)
    cells = []
    size = 0
    while size < megabytes * MB:
        png = base64.b64encode(rng.randbytes(3 * MB // 2)).decode("ascii")
        summary = rng.choice(texts)
        cells.append(
            {
                "cell_type": "code",
                "execution_count": len(cells) + 1,
                "metadata": {},
                "outputs": [
                    {
                        "name": "stdout",
                        "output_type": "stream",
                        "text": summary.splitlines(keepends=True),
                    },
                    {
                        "data": {"image/png": png, "text/plain": ["<Figure size 640x480>"]},
                        "metadata": {},
                        "output_type": "display_data",
                    },
                ],
                "source": ["model.summary()\n", "plt.plot(history.history['loss'])"],
            }
        )
        size += len(png) + len(summary)
    document = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    return json.dumps(document, indent=1).encode("utf-8")


def endless_rows() -> Iterator[bytes]:
    """A table that never closes: one Dense row after another."""
    index = 0
    while True:
        rows = "".join(
            f"dense_{i} (Dense)             (None, 10)                110       \n"
            + "_" * 65
            + "\n"
            for i in range(index, index + 1000)
        )
        index += 1000
        yield rows.encode("ascii")


def feed_table(total: int) -> Callable[[object], None]:
    def feed(stream: object) -> None:
        stream.write(TABLE_HEADER.encode("ascii"))  # type: ignore[attr-defined]
        sent = 0
        for chunk in endless_rows():
            if sent >= total:
                return
            stream.write(chunk)  # type: ignore[attr-defined]
            sent += len(chunk)

    return feed


def row(label: str, size_mb: float, result: dict[str, float], figures: list) -> str:
    figures.append({"input": label, "mib": size_mb, **result})
    rate = size_mb / result["cpu_s"] if result["cpu_s"] else 0.0
    status = "ok" if result["rc"] in (0, 1) else f"exit {result['rc']}: {result['err']}"
    return (
        f"| {label} | {size_mb:,.0f} | {result['peak_mb']:.1f} | {result['cpu_s']:.1f} | "
        f"{result['wall_s']:.1f} | {rate:.1f} | {status} |"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--log-mb", type=int, nargs="+", default=[64, 256, 1024], help="mixed-log sizes in MiB"
    )
    parser.add_argument(
        "--notebook-mb", type=int, nargs="+", default=[15, 30, 60], help="notebook sizes in MiB"
    )
    parser.add_argument(
        "--table-mb", type=int, nargs="+", default=[2, 8, 16], help="endless-table sizes in MiB"
    )
    parser.add_argument("--quick", action="store_true", help="tiny sizes: a smoke run")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args()
    if args.quick:
        args.log_mb, args.notebook_mb, args.table_mb = [1], [2], [1]
    texts = logs.distinct_summaries()
    figures: list[dict[str, object]] = []
    print("| input | MiB | peak RSS MB | CPU s | wall s | MiB per CPU s | status |")
    print("|---|---:|---:|---:|---:|---:|---|")
    block = log_block(texts, 4)
    for size in args.log_mb:
        result = measure(["check", "--format", "json"], feed_repeated(block, size * MB))
        print(row("mixed log on stdin (a summary every 4 MiB)", size, result, figures), flush=True)
    with tempfile.TemporaryDirectory() as folder:
        for size in args.notebook_mb:
            data = notebook(texts, size)
            path = Path(folder) / f"figures_{size}.ipynb"
            path.write_bytes(data)
            result = measure(["check", "--format", "json", str(path)], None)
            print(row("notebook with PNG figures, as a file", len(data) / MB, result, figures))

            def feed(stream: object, data: bytes = data) -> None:
                stream.write(data)  # type: ignore[attr-defined]

            result = measure(["check", "--format", "json"], feed)
            print(row("the same notebook on stdin", len(data) / MB, result, figures), flush=True)
            path.unlink()
    for size in args.table_mb:
        result = measure(["check", "--format", "json"], feed_table(size * MB))
        print(row("a table that never closes, on stdin", size, result, figures), flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
