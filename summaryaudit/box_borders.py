"""Give a Keras 3 box back the outer borders a Markdown export took off its lines."""

from __future__ import annotations

import re

from .patterns import lazy

# A Keras 3 header whose outer `┃` are gone (24a's 002, a README written from a notebook): it
# starts with `Layer (type)` and keeps the `┃` between its columns.
_BORDERLESS_HEADER_BODY = r"^[ \t]*Layer \(type\) +┃ *Output Shape +┃"
BORDERLESS_HEADER = lazy(_BORDERLESS_HEADER_BODY)
_BORDERLESS_HEADER_LINE = lazy(_BORDERLESS_HEADER_BODY, re.M)  # in lines joined by `\n`
# The corners of a rule line, by the character it is drawn with and the junction it holds.
_RULE_CORNERS = {"┳": ("┏", "┓"), "╇": ("┡", "┩"), "┼": ("├", "┤"), "┴": ("└", "┘")}
_RULE_CHARS = frozenset("━─┳╇┼┴")


def _without_hard_break(text: str) -> str:
    """Drop the trailing blanks and a Markdown hard break (` \\`) at the end of a line."""
    core = text.rstrip()
    if core.endswith("\\") and core[-2:-1] in (" ", "\t"):
        core = core[:-1].rstrip()
    return core


def may_hold_borderless_header(joined: str) -> bool:
    """Tell whether lines joined by `\\n` hold a box's header that lost its outer borders."""
    return "┃" in joined and _BORDERLESS_HEADER_LINE.search(joined) is not None


class Rebox:
    """Puts the borders back on the lines of a box from its borderless header on, while the
    lines keep the box's inner bars; any other line ends the box."""

    def __init__(self) -> None:
        self.open = False
        self.first_bar = 0  # the column of the header's first inner bar

    def idle(self) -> bool:
        """Tell whether no borderless box is being read."""
        return not self.open

    def apply(self, text: str) -> str:
        """Return the line with the box's outer borders back, where it lost them."""
        if not self.open:
            if "┃" in text and BORDERLESS_HEADER.match(text):
                self.open = True
                self.first_bar = text.index("┃")
                return self._framed(text, "┃", "┃")
            return text
        core = text.strip()
        indent = len(text) - len(text.lstrip())
        if not core or (core[0] in "│┃┏┡├└" and indent < self.first_bar // 2):
            self.open = bool(core) and "│" in core  # a blank line, or a box with its borders
            return text
        if core[0] in _RULE_CHARS:
            rule = _without_hard_break(core)
            junction = next((char for char in rule if char in _RULE_CORNERS), "")
            if junction and set(rule) <= _RULE_CHARS:
                left, right = _RULE_CORNERS[junction]
                return f"{text[:indent]}{left}{rule}{right}"
        if "│" in text:
            return self._framed(text, "│", "│")
        self.open = False
        return text

    @staticmethod
    def _framed(text: str, left: str, right: str) -> str:
        """Put a border and a blank before the line and a blank and a border after it."""
        core = _without_hard_break(text)
        if core[:1] in (" ", "\t"):
            return f"{left}{core} {right}"
        return f"{left} {core} {right}"
