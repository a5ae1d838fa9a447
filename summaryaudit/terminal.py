"""Terminal manners: when to colour (TTY, NO_COLOR, --color), ANSI styles, wrapping, plurals."""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum

from .records import FrozenRecord, Severity


class ColorChoice(str, Enum):
    """The values of --color."""

    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


class Sgr(str, Enum):
    """The ANSI Select Graphic Rendition codes the reports use."""

    BOLD = "1"
    DIM = "2"
    RED = "31"
    YELLOW = "33"
    BLUE = "34"
    CYAN = "36"
    GREEN = "32"


_SEVERITY_COLOURS = {Severity.ERROR: Sgr.RED, Severity.WARNING: Sgr.YELLOW, Severity.INFO: Sgr.BLUE}


def use_color(choice: ColorChoice, is_tty: bool, environ: Mapping[str, str]) -> bool:
    """Decide on colour: --color always/never win; auto colours a TTY unless NO_COLOR is set.

    NO_COLOR (https://no-color.org) counts when set to any non-empty value; TERM=dumb also
    turns colour off in auto mode.
    """
    if choice is ColorChoice.ALWAYS:
        return True
    if choice is ColorChoice.NEVER:
        return False
    if environ.get("NO_COLOR", ""):
        return False
    return is_tty and environ.get("TERM", "") != "dumb"


class Style(FrozenRecord):
    """Paints report pieces with ANSI colours, or leaves them alone when disabled."""

    enabled: bool

    def __init__(self, enabled: bool = False) -> None:
        self.__dict__["enabled"] = enabled

    def paint(self, text: str, *codes: Sgr) -> str:
        """Wrap text in the given SGR codes (unchanged when colour is off)."""
        if not self.enabled or not codes or not text:
            return text
        return f"\x1b[{';'.join(c.value for c in codes)}m{text}\x1b[0m"

    def path(self, text: str) -> str:
        """A file name."""
        return self.paint(text, Sgr.BOLD)

    def code(self, text: str, severity: Severity) -> str:
        """A finding code, in its severity's colour."""
        return self.paint(text, Sgr.BOLD, _SEVERITY_COLOURS[severity])

    def severity(self, severity: Severity) -> str:
        """A `[severity]` tag in its colour."""
        return self.paint(f"[{severity.value}]", _SEVERITY_COLOURS[severity])

    def dim(self, text: str) -> str:
        """Secondary text (line numbers, rule names)."""
        return self.paint(text, Sgr.CYAN)

    def good(self, text: str) -> str:
        """A message that all is well."""
        return self.paint(text, Sgr.GREEN)


PLAIN = Style(False)


def plural(count: int, word: str, many: str | None = None) -> str:
    """Return `1 error`, `2 errors`, `1 summary`, `3 summaries` (pass `many` when not +s)."""
    return f"{count:,} {word if count == 1 else (many or word + 's')}"


def wrap(text: str, width: int | None, indent: int = 4) -> list[str]:
    """Cut one line into pieces of at most `width` columns; later pieces are indented.

    With width None (not a terminal) the line stays whole, so pipes and files keep one
    finding per line for grep.
    """
    if width is None or len(text) <= width:
        return [text]
    import textwrap  # only a terminal's report is wrapped

    return textwrap.wrap(
        text,
        width=max(20, width),
        subsequent_indent=" " * indent,
        break_long_words=True,
        break_on_hyphens=False,
    ) or [text]
