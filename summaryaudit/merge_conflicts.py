"""Read a git merge conflict left in a file: its first side as text, the rest as notes."""

from __future__ import annotations

from enum import Enum
from typing import Callable, Generic, TypeVar

LineT = TypeVar("LineT")


class Side(Enum):
    """Where a line stands in a git merge conflict."""

    OUTSIDE = "outside"
    OURS = "ours"  # from `<<<<<<<`: read
    THEIRS = "theirs"  # from `|||||||` (a diff3 base) or `=======` to `>>>>>>>`: notes


_OUTSIDE, _OURS, _THEIRS = Side.OUTSIDE, Side.OURS, Side.THEIRS


class ConflictReader(Generic[LineT]):
    """Reads the lines of a file committed in the middle of a merge (47a's 002, 015: a course
    notebook, whose `=======` had ended the table and lost the rows after it): the first side
    is read; the markers and the rest are notes beside the table (`as_note`), listed as such.

    `open` is False between conflicts: a caller may pass on lines it knows hold no `<` without
    reading them."""

    __slots__ = ("as_note", "side")

    def __init__(self, as_note: Callable[[LineT], LineT]) -> None:
        self.as_note = as_note
        self.side = _OUTSIDE

    @property
    def open(self) -> bool:
        """Tell whether the lines read last leave a conflict open."""
        return self.side is not _OUTSIDE

    def read(self, lines: list[LineT], text: Callable[[LineT], str]) -> list[LineT]:
        """The lines as read: each one, or the note it becomes."""
        side, as_note = self.side, self.as_note
        if side is _OUTSIDE:
            for line in lines:
                if text(line).startswith("<<<<<<<"):
                    break
            else:
                return lines  # (no slice of a line: a wide line's copy costs more than a test)
        out: list[LineT] = []
        for line in lines:
            said = text(line)
            if side is _OUTSIDE:
                if said[:7] != "<<<<<<<":
                    out.append(line)
                    continue
                side = _OURS
            elif said[:7] == ">>>>>>>":
                side = _OUTSIDE
            elif side is _OURS:
                if said.rstrip() != "=======" and said[:7] != "|||||||":
                    out.append(line)
                    continue
                side = _THEIRS
            out.append(as_note(line))
        self.side = side
        return out
