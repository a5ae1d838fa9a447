"""Read a unified diff pasted as text: its new side as the text, its removed lines as notes."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from .patterns import lazy
from .records import LineT, with_text

_DIFF_FENCE = lazy(r"[ \t]*(?:`{3,}|~{3,})[ \t]*diff\b")  # a Markdown ```diff block's fence
_HUNK = "@@ "


def _opens_diff(text: str) -> bool:
    """Tell whether a line opens a diff: a Markdown ```diff block, or a hunk's header
    (`@@ -12,7 +12,7 @@`)."""
    core = text.strip()
    return bool(_DIFF_FENCE.match(core)) or (core.startswith(_HUNK) and "@@" in core[3:])


def _closes_fence(text: str) -> bool:
    """Tell whether a line is a Markdown block's closing fence (```, ````, ~~~)."""
    core = text.strip()
    return len(core) >= 3 and (not core.strip("`") or not core.strip("~"))


def read_diffs(lines: Iterable[LineT], as_note: Callable[[LineT], LineT]) -> Iterator[LineT]:
    """Pass lines through; inside a diff (a ```diff block, to its closing fence; or from a
    hunk's header, to the first line that no diff line starts so), an added line's `+` becomes
    a blank (a context line's own first blank keeps the columns alike), and a removed line is a
    note beside the table (the review of trial 83's item 4: a changed row's `- dense_2 (Dense) …`
    and `+ dense_2 (Dense) …`, both read as rows, made false SA201 and SA402 findings)."""
    fenced = hunk = False
    for line in lines:
        text = line.text
        if not fenced and not hunk:
            if ("```" in text or "~~~" in text or "@@" in text) and _opens_diff(text):
                fenced = bool(_DIFF_FENCE.match(text))
                hunk = not fenced
            yield line
            continue
        first = text[:1]
        if fenced and _closes_fence(text):
            fenced = False
            yield line
        elif first == "+" and not text.startswith("+++ "):
            yield with_text(line, " " + text[1:])
        elif first == "-" and not text.startswith("--- "):
            yield as_note(line)
        elif hunk and first not in (" ", "@", "\\", "") and not text.startswith(("+++", "---")):
            hunk = False  # (a line no diff holds: the hunk is over)
            yield line
        else:
            yield line
