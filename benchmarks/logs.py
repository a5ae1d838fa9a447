"""The two benchmark inputs: a dense log of distinct real summaries, a sparse real training log."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures" / "real"
FIT_SAMPLE = Path(__file__).resolve().parent / "data" / "keras3_fit_sample.log"
MODEL_LINE = re.compile(r'^Model: "', re.MULTILINE)
EPOCH_LINE = re.compile(r"^Epoch \d+/\d+$", re.MULTILINE)
MEGABYTE = 1_000_000


def read_verbatim(path: Path) -> str:
    """Read a UTF-8 file as it is: universal newlines would make each `\\r` a line break."""
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


def distinct_summaries(folder: Path = FIXTURES, limit: Optional[int] = None) -> list[str]:
    """Return the texts of the real summaries under folder, each distinct text once, by path."""
    seen: set[str] = set()
    texts: list[str] = []
    for path in sorted(folder.glob("**/*.txt")):
        text = read_verbatim(path)
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if digest in seen:
            continue
        seen.add(digest)
        texts.append(text if text.endswith("\n") else text + "\n")
        if limit is not None and len(texts) == limit:
            break
    if not texts:
        raise SystemExit(f"no real summaries found under {folder}")
    return texts


def dense_log(texts: list[str]) -> str:
    """Put the summaries back to back, a blank line between them, as in a docs tree."""
    return "\n".join(texts)


def fit_runs(sample: str) -> list[tuple[str, str]]:
    """Split a recorded training log into (lines up to the first epoch, the fit output) runs.

    A run starts at a `Model: "` line (the first run also takes what precedes it, such as a
    warning) and holds that model's summary, then its `model.fit` output.
    """
    starts = [m.start() for m in MODEL_LINE.finditer(sample)]
    if not starts:
        raise ValueError("the training log holds no `Model:` line")
    starts[0] = 0
    ends = [*starts[1:], len(sample)]
    runs = []
    for start, end in zip(starts, ends):
        chunk = sample[start:end]
        first_epoch = EPOCH_LINE.search(chunk)
        cut = first_epoch.start() if first_epoch else len(chunk)
        runs.append((chunk[:cut], chunk[cut:]))
    return runs


def sparse_log(megabytes: float, sample_path: Path = FIT_SAMPLE) -> str:
    """Expand the recorded training log to about `megabytes` MB (UTF-8), deterministically.

    Each run keeps its real summary once, followed by its real fit output repeated until the
    run has its share of the size; only the `Epoch i/n` lines are renumbered, so the log reads
    as one long training per model. The summaries stay where the sample has them, spread evenly
    through the log, each one distinct.
    """
    sample = read_verbatim(sample_path)
    runs = fit_runs(sample)
    share = int(megabytes * MEGABYTE) // len(runs)
    parts: list[str] = []
    for head, fit in runs:
        parts.append(head)
        pieces = EPOCH_LINE.split(fit)  # text between epoch lines; pieces[0] is empty
        epochs_per_fit = len(pieces) - 1
        fit_bytes = max(1, len(fit.encode("utf-8")))
        repeats = max(1, (share - len(head.encode("utf-8"))) // fit_bytes)
        total = repeats * epochs_per_fit
        epoch = 0
        for _ in range(repeats):
            parts.append(pieces[0])
            for piece in pieces[1:]:
                epoch += 1
                parts.append(f"Epoch {epoch}/{total}{piece}")
    return "".join(parts)
