"""Fingerprint the JSON audit of every fixture, corpus paste and seed, to prove a change is exact.

python scripts/fingerprint_outputs.py save before.json   # before the change
python scripts/fingerprint_outputs.py compare before.json  # after: lists every file that moved
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from summaryaudit import api

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
INPUT_SUFFIXES = {".txt", ".md", ".ipynb", ".py", ".html", ".log", ".rst"}


def inputs() -> list[Path]:
    """Return every real fixture, wild-corpus paste and seed, in a stable order."""
    found = [p for p in (ROOT / "fixtures").rglob("*.txt") if not p.name.endswith(".truth.json")]
    for folder in (SHARED / "corpus" / "wild", SHARED / "corpus" / "wild2", SHARED / "seeds"):
        if folder.is_dir():
            found += [p for p in folder.iterdir() if p.suffix in INPUT_SUFFIXES]
    return sorted(found)


def key_of(path: Path) -> str:
    """Name a file the same way from any checkout: relative to the project, or to shared/."""
    if path.is_relative_to(ROOT):
        return path.relative_to(ROOT).as_posix()
    return "shared/" + path.relative_to(SHARED).as_posix()


def fingerprint(path: Path) -> str:
    """Return the canonical JSON of the audit of one file, with the notes only text shows."""
    text = path.read_text(encoding="utf-8", errors="surrogateescape")
    report = api.check_text(text, source=path.name)
    said = report.to_dict()
    said["notes"] = [list(summary.notes) for summary in report.summaries]  # text output only
    return json.dumps(said, sort_keys=True, ensure_ascii=True)


def main(argv: list[str]) -> int:
    """Save or compare fingerprints; exit 1 when any file's audit changed."""
    if len(argv) != 3 or argv[1] not in ("save", "compare"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    current = {key_of(p): fingerprint(p) for p in inputs()}
    store = Path(argv[2])
    if argv[1] == "save":
        store.write_text(json.dumps(current, indent=0, sort_keys=True), encoding="utf-8")
        print(f"saved {len(current)} fingerprints to {store}")
        return 0
    before = json.loads(store.read_text(encoding="utf-8"))
    moved = sorted(k for k in before.keys() | current.keys() if before.get(k) != current.get(k))
    for key in moved:
        old, new = before.get(key), current.get(key)
        digest = (
            hashlib.sha1((old or "").encode()).hexdigest()[:8],
            hashlib.sha1((new or "").encode()).hexdigest()[:8],
        )
        print(f"changed: {key} ({digest[0]} -> {digest[1]})")
    print(f"{len(moved)} of {len(current)} outputs changed")
    return 1 if moved else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
