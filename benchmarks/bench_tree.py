"""Time `summaryaudit check --format json DIR` on notebook and Markdown trees, serial and --jobs."""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summaryaudit import api  # noqa: E402

NOTEBOOK_JSON = re.compile(r'\\n",?\s*$', re.MULTILINE)
WILD = ROOT.parent / "shared" / "corpus" / "wild"
_SENTENCE = (
    "the model overfits after epoch twelve so I added dropout and batch normalization but the "
    "parameter count doubled which I did not expect can someone explain why the dense layer "
    "has so many weights when the input is flattened from a convolution with padding same"
)
WORDS = _SENTENCE.split()
LOG_LINES = (
    "Epoch {n}/50",
    "{n}/1875 [==============================] - 3s 2ms/step - loss: 0.{n} - accuracy: 0.9{n}",
    "WARNING:tensorflow:Layer lstm_{n} will not use cuDNN kernels (criteria not met)",
)
SCRIPT = '''"""Train a small classifier ({n})."""
import tensorflow as tf

model = tf.keras.Sequential([
    tf.keras.layers.Dense({units}, activation="relu"),
    tf.keras.layers.Dense(10),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.summary()
'''


def real_summaries() -> list[str]:
    """Return the real summary texts of fixtures/real and ../shared/corpus/wild that parse.

    Texts that are themselves pasted notebook JSON (lines ending in `\\n",`) are left out:
    nested inside another notebook's output they would no longer read as summaries.
    """
    paths = sorted((ROOT / "fixtures" / "real").glob("**/*.txt")) + sorted(WILD.glob("*.txt"))
    texts = []
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="replace")
        if NOTEBOOK_JSON.search(text):
            continue
        if any(s.layers for s in api.parse_text(text)):
            texts.append(text if text.endswith("\n") else text + "\n")
    if not texts:
        sys.exit("no real summaries found under fixtures/real or ../shared/corpus/wild")
    return texts


def prose(rng: random.Random, sentences: int) -> str:
    """Return a paragraph of forum-like sentences."""
    out = []
    for _ in range(sentences):
        words = rng.sample(WORDS, rng.randrange(6, 16))
        out.append(" ".join(words).capitalize() + ".")
    return " ".join(out)


def log_text(rng: random.Random, lines: int) -> str:
    """Return training-log noise, one line per entry."""
    return "".join(
        rng.choice(LOG_LINES).format(n=rng.randrange(1, 60)) + "\n" for _ in range(lines)
    )


def as_source(text: str) -> list[str]:
    """Split text the way nbformat stores it: a list of lines that keep their newlines."""
    return text.splitlines(keepends=True)


def notebook(rng: random.Random, texts: list[str]) -> str:
    """Return an nbformat-4 notebook whose code-cell outputs hold one to three real summaries."""
    cells: list[dict] = []
    count = 0

    def add(cell: dict) -> None:
        cell["id"] = f"c{len(cells):04d}"
        cells.append(cell)

    for k in range(rng.randrange(1, 4)):
        add({"cell_type": "markdown", "metadata": {}, "source": as_source(prose(rng, 3))})
        summary = as_source(rng.choice(texts))
        cut = sorted(rng.sample(range(1, len(summary)), min(2, len(summary) - 1)))
        # Half the outputs arrive as one stream; the rest are split across two or three.
        pieces = [summary] if rng.random() < 0.5 else [summary[: cut[0]], summary[cut[0] :]]
        if len(pieces) == 2 and len(cut) == 2 and rng.random() < 0.5:
            pieces = [summary[: cut[0]], summary[cut[0] : cut[1]], summary[cut[1] :]]
        outputs: list[dict] = [
            {"name": "stdout", "output_type": "stream", "text": piece} for piece in pieces
        ]
        if rng.random() < 0.3:
            outputs.append(
                {"name": "stderr", "output_type": "stream", "text": as_source(log_text(rng, 4))}
            )
        count += 1
        source = f"model_{k} = build_model()\nmodel_{k}.summary()"
        add(
            {
                "cell_type": "code",
                "execution_count": count,
                "metadata": {},
                "outputs": outputs,
                "source": as_source(source),
            }
        )
    add(
        {
            "cell_type": "code",
            "execution_count": count + 1,
            "metadata": {},
            "outputs": [
                {"name": "stdout", "output_type": "stream", "text": as_source(log_text(rng, 6))}
            ],
            "source": as_source("history = model.fit(x, y, epochs=50)"),
        }
    )
    doc = {
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python", "version": "3.11.7"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    return json.dumps(doc, indent=1, ensure_ascii=False) + "\n"


def markdown(rng: random.Random, texts: list[str]) -> str:
    """Return a forum-style Markdown answer with one or two fenced real summaries."""
    parts = [f"# Question {rng.randrange(10_000)}\n\n{prose(rng, 4)}\n\n"]
    for _ in range(rng.randrange(1, 3)):
        fence = rng.choice(("```", "```text", "~~~"))
        closing = "~~~" if fence == "~~~" else "```"
        parts.append(f"{fence}\n{rng.choice(texts)}{closing}\n\n{prose(rng, 3)}\n\n")
    return "".join(parts)


def no_summary(rng: random.Random, n: int) -> tuple[str, str]:
    """Return (suffix, text) of a file without any summary: notes, a script or a log."""
    kind = rng.randrange(3)
    if kind == 0:
        return ".md", f"# Notes {n}\n\n{prose(rng, 6)}\n\n{prose(rng, 5)}\n"
    if kind == 1:
        return ".py", SCRIPT.format(n=n, units=rng.choice((32, 64, 128)))
    return ".log", log_text(rng, rng.randrange(20, 80))


def make_files(count: int, texts: list[str], seed: int) -> list[tuple[str, str]]:
    """Return (relative path, text) for count files: 40% notebooks, 40% Markdown, 20% neither."""
    rng = random.Random(seed)
    files = []
    for n in range(count):
        folder = f"d{n // 100:03d}/s{n % 7}"
        roll = rng.random()
        if roll < 0.4:
            files.append((f"{folder}/nb{n:05d}.ipynb", notebook(rng, texts)))
        elif roll < 0.8:
            files.append((f"{folder}/answer{n:05d}.md", markdown(rng, texts)))
        else:
            suffix, text = no_summary(rng, n)
            files.append((f"{folder}/other{n:05d}{suffix}", text))
    return files


def write_tree(root: Path, files: list[tuple[str, str]]) -> int:
    """Write the files under root; return their total size in bytes."""
    size = 0
    for relative, text in files:
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        size += len(data)
    return size


def run_check(tree: Path, jobs: int) -> tuple[float, bytes]:
    """Run the CLI once in a subprocess; return its wall time and its stdout."""
    argv = [sys.executable, "-m", "summaryaudit", "check", "--format", "json"]
    if jobs > 1:
        argv += ["--jobs", str(jobs)]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    start = time.perf_counter()
    proc = subprocess.run([*argv, str(tree)], capture_output=True, env=env, cwd=ROOT)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        sys.exit(f"summaryaudit exited {proc.returncode}: {proc.stderr.decode()[-2000:]}")
    return elapsed, proc.stdout


def best_of(runs: int, tree: Path, jobs: int) -> tuple[float, bytes]:
    """Return the fastest of runs timings and the output of the last run."""
    times, out = [], b""
    for _ in range(runs):
        elapsed, out = run_check(tree, jobs)
        times.append(elapsed)
    return min(times), out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 1000, 2000, 4000])
    parser.add_argument("--runs", type=int, default=3, help="best of this many runs")
    parser.add_argument("--jobs", type=int, default=2, help="the --jobs value to compare")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    texts = real_summaries()
    sizes = sorted(args.sizes)
    # Every tree is a prefix of the largest, so the mix of files is the same at every size.
    files = make_files(sizes[-1], texts, args.seed)
    kinds = {"ipynb": 0, "md": 0, "other": 0}
    for relative, _ in files:
        key = "ipynb" if relative.endswith(".ipynb") else "md" if "answer" in relative else "other"
        kinds[key] += 1
    print(
        f"{len(texts)} real summaries; largest tree: {kinds['ipynb']} notebooks, "
        f"{kinds['md']} Markdown answers, {kinds['other']} files without a summary"
    )
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, best of {args.runs} runs\n")

    rows = []
    identical = True
    with tempfile.TemporaryDirectory(prefix="bench_tree_") as tmp:
        # The fixed cost of a run (interpreter, imports, parser build, pool start-up), taken as
        # the time on the first two files with a summary: two, so that --jobs starts its pool.
        small = Path(tmp) / "small"
        write_tree(small, [f for f in files if not f[0].split("/")[-1].startswith("other")][:2])
        fixed = (best_of(args.runs, small, 1)[0], best_of(args.runs, small, args.jobs)[0])
        for size in sizes:
            tree = Path(tmp) / f"tree{size}"
            nbytes = write_tree(tree, files[:size])
            serial, out_serial = best_of(args.runs, tree, 1)
            parallel, out_parallel = best_of(args.runs, tree, args.jobs)
            same = out_serial == out_parallel
            identical = identical and same
            summaries = len(json.loads(out_serial)["summaries"])
            rows.append((size, nbytes, summaries, serial, parallel, same))

    header = (
        f"| files | MB | summaries | serial s | serial files/s | serial MB/s | "
        f"--jobs {args.jobs} s | --jobs files/s | --jobs MB/s | speed-up | "
        f"ms/file serial | ms/file --jobs | identical |"
    )
    print(header)
    print("|" + "---|" * header.count(" | ") + "---|")
    for size, nbytes, summaries, serial, parallel, same in rows:
        mb = nbytes / 1e6
        print(
            f"| {size} | {mb:.2f} | {summaries} | {serial:.2f} | {size / serial:.0f} | "
            f"{mb / serial:.2f} | {parallel:.2f} | {size / parallel:.0f} | {mb / parallel:.2f} | "
            f"{serial / parallel:.2f}× | {1000 * serial / size:.2f} | "
            f"{1000 * parallel / size:.2f} | {'yes' if same else 'NO'} |"
        )

    print()
    print(
        f"two-file tree: serial {fixed[0]:.2f} s, --jobs {args.jobs} {fixed[1]:.2f} s (fixed cost)"
    )
    for index, (label, column) in enumerate((("serial", 3), (f"--jobs {args.jobs}", 4))):
        xs, ys = [row[0] for row in rows], [row[column] for row in rows]
        # Per-file time as measured, and with the empty tree's fixed cost taken off.
        for kind, per_file in (
            ("as measured", [y / x for x, y in zip(xs, ys)]),
            ("minus fixed cost", [(y - fixed[index]) / (x - 2) for x, y in zip(xs, ys)]),
        ):
            spread = [p / per_file[0] for p in per_file]
            verdict = "linear" if all(0.75 <= s <= 1.25 for s in spread) else "NOT linear"
            print(
                f"{label}, {kind}: ms/file "
                + " / ".join(f"{1000 * p:.2f}" for p in per_file)
                + f"; largest/smallest N = {per_file[-1] / per_file[0]:.2f}: {verdict} (±25%)"
            )
        # Least squares time = a + b * files: a is the fixed cost, b the cost of one more file.
        mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
        var_x = sum((x - mean_x) ** 2 for x in xs)
        cov = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys))
        slope = cov / var_x if var_x else mean_y / mean_x
        print(
            f"{label}, least squares: {mean_y - slope * mean_x:.2f} s + {1000 * slope:.2f} ms/file"
        )
    print(f"serial and --jobs {args.jobs} JSON byte-identical at every size: {identical}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
