"""Strip a logger's prefix (`INFO:root:`, a timestamp) from a summary printed through logging."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Optional

from .patterns import lazy
from .records import LineT, with_text

# Where a print's own text starts on a logged line: its header, or Keras 3's title line (which
# `print_fn` gets as the first line of one message, so only that line carries the prefix).
_ANCHORS = ("Layer (type)", 'Model: "')
# The lines above a fixed-width header: a rule, or the title.
_TOP_SIGNS = ("_" * 10, "=" * 10, "Model:")
_TABLE_EDGE = "│┃|┏┡└╇"  # a box or pipe table's own border before its header text
_LOOKBEHIND = 3  # lines held back while they may be the logged print's rule and title
_LONGEST = 120  # a logger's prefix is short; a longer text before a header is a whole print
# What a print's own text holds (a summary flattened onto one line is no prefix of itself), and
# the start of a string literal in code (`print("`: damage.unquote_code_string reads it).
_NOT_IN_PREFIX = ("Model:", "__", "==", "━", "─", "\x1b", "\\u001b", "\\x1b", "\\033", '("', "('")


_MARKDOWN_HEADING = lazy(r"\s*#{1,6} ")
# A totals line a logger prefixed, the rest of a print whose header the excerpt left out (73a's
# 015: `07/13/2019 18:07:21 VERBOSE  Trainable params: 69,662,976`): only under a prefix that
# names a log level (a sentence before `Total params:` is no logger's)
_TOTALS_ANCHORS = ("Total params:", "Trainable params:", "Non-trainable params:")
_TOTALS_FIRST = frozenset("TN")  # a totals line that starts with its label has no prefix
_LOG_LEVEL = lazy(r"\b(?:INFO|DEBUG|VERBOSE|WARNING|WARN|ERROR|CRITICAL|TRACE|NOTICE)\b")
# A container's RFC 3339 timestamp before each line (`docker logs -t`, Kubernetes: 78c's 007,
# `2019-01-31T09:14:20.422304957Z `): a logger's prefix before a table's rule or a totals line,
# though no header shows (an excerpt of the log)
_STAMP = lazy(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d)? ")
_STAMPED_TABLE_STARTS = ("_" * 10, "=" * 10, *_TOTALS_ANCHORS)
_STAMPED_ROW = lazy(r" ?[\w./-]+ \(")  # a layer row's name and the `(` of its class


def _may_be_stamped(text: str) -> bool:
    """A cheap test: could the line start with a container's timestamp (`2019-01-31T09:…`)?"""
    return text[:2].isdigit() and "T" in text[8:12]


# The end of a line that is a string literal of code, joined to the next (`…\n"+`, `…" +`, a
# list's `…\n",`): no log's message ends so
_CODE_LITERAL_END = lazy(r"""(?:\\n["'][ \t]*[+,;)]?|["'][ \t]*\+)[ \t]*;?[ \t]*$""")


def _opens_a_code_literal(prefix: str, text: str) -> bool:
    """Tell whether a prefix opens a string literal of code that the line closes (an odd count
    of one quote in it, the line ending as a literal joined to the next)."""
    odd = prefix.count('"') % 2 or prefix.count("'") % 2
    return bool(odd) and _CODE_LITERAL_END.search(text) is not None


def container_unstamped(text: str) -> str:
    """A line a code string holds without a container's timestamp before it (82e's 001: a
    `docker logs -t` stream kept in a commented-out JavaScript string, `// "2019-…Z row\\n"+`,
    whose stamps this stage never saw: the string was still closed around them)."""
    if not _may_be_stamped(text):
        return text
    stamp = _STAMP.match(text)
    if stamp is None:
        # an empty message: the stamp and no blank after it
        return "" if _STAMP.fullmatch(text + " ") is not None else text
    return text[stamp.end() :]


def logged_prefix(text: str) -> Optional[str]:
    """The text a logger wrote before a print's header or title line, or None.

    It must hold a letter or digit (indentation, `#`, `>` and `#>` marks are paste prefixes the
    reader strips itself), must hold no table border (`┃ Layer (type)`), colour code or
    opening quote (an escaped notebook output), and no print's own text (a title, a rule: a
    summary flattened onto one line).
    """
    for anchor in _ANCHORS:
        at = text.find(anchor)
        if at > 0:
            prefix = text[:at]
            tail = prefix.rstrip()
            if (
                len(prefix) <= _LONGEST
                and any(c.isalnum() for c in prefix)
                and not any(c in _TABLE_EDGE for c in tail)
                and not tail.endswith("+")  # an ASCII box's corner
                and not any(sign in prefix for sign in _NOT_IN_PREFIX)
                and not tail.lstrip().startswith(("'", '"'))
                # a string literal of code opened before the header (`// "2019-…Z Layer (type)
                # …\n"+`): damage.unquote_code_string reads the literal, then the stamp (not a
                # log's quoted message, `msg="`, or an apostrophe in its name: the review of
                # trial 83's item 1)
                and not _opens_a_code_literal(prefix, text)
                and not _MARKDOWN_HEADING.match(prefix)  # `### 1️⃣ Layer (type)`: a heading
                # the title alone in a string of code (91a's 011: `if "Layer (type)" in line:`)
                and not (tail[-1:] in ("'", '"') and text.startswith(tail[-1], at + len(anchor)))
            ):
                return prefix
    if _may_be_stamped(text):
        stamp = _STAMP.match(text)
        if stamp is not None and (
            text.startswith(_STAMPED_TABLE_STARTS, stamp.end())
            or _STAMPED_ROW.match(text, stamp.end()) is not None
        ):
            return stamp.group(0)
    if "params:" in text:
        for anchor in _TOTALS_ANCHORS:
            at = text.find(anchor)
            if at > 0 and at <= _LONGEST and _LOG_LEVEL.search(text, 0, at) is not None:
                return text[:at]
    return None


def prefix_pattern(prefix: str) -> re.Pattern[str]:
    """The shape of a logger's prefix: the same text, with any digits where it has digits (the
    timestamps and counters of the next lines differ), and its trailing blanks, if any, left
    out at the end of a line (an empty message: a spacer line, 34a's 009)."""
    core = prefix.rstrip()
    pieces = re.split(r"(\d+)", core)
    shape = "".join(r"\d+" if p.isdigit() else re.escape(p) for p in pieces)
    trail = prefix[len(core) :]
    return re.compile(f"{shape}(?:{re.escape(trail)}|$)" if trail else shape)


def _could_be_top(text: str) -> bool:
    """Whether a line may be a logged print's rule or title (held until its header shows): a
    rule or `Model:` after text holding a letter or digit."""
    if "=" not in text and ":" not in text and "__" not in text:
        return False  # a row: one look for what every sign holds
    for sign in _TOP_SIGNS:
        if sign[0] not in text:
            continue  # one character first: no copy of the sign in a wide line's width
        at = text.find(sign)
        if at > 0 and any(c.isalnum() for c in text[:at]):
            return True
    return False


def _is_bare_elision(text: str) -> bool:
    """Whether a line is only an elision mark (`...`, `…`, `⋮`), which a logger did not write."""
    core = text.strip()
    return bool(core) and not core.strip(".…⋮ ") and ("..." in core or core.strip(". ") != "")


def _stripped(line: LineT, shape: re.Pattern[str]) -> LineT:
    match = shape.match(line.text)
    if match is None or not match.end():
        return line
    return with_text(line, line.text[match.end() :])


def _cuts_the_prefix(text: str, prefix: str) -> bool:
    """Tell whether a line is the start of a logger's prefix alone, cut short (its digits may
    differ: the next line's timestamp)."""
    if len(text) >= len(prefix.rstrip()) or not text[:1].isdigit():
        return False
    return _DIGITS.sub("0", prefix).startswith(_DIGITS.sub("0", text))


_DIGITS = lazy(r"\d+")


def strip_log_prefixes(lines: Iterable[LineT]) -> Iterator[LineT]:
    """Pass lines through; from a header (or title) a logger prefixed, strip that prefix from
    it, from the rule and title just above it, and from every following line of the same
    shape, until a line without it. A line is held back only while it may be such a rule or
    title (a rule or `Model:` after other text), so a live pipe is never kept waiting."""
    shape: Optional[re.Pattern[str]] = None
    logged = ""  # the prefix shape was made from
    held: list[LineT] = []
    for line in lines:
        text = line.text
        if shape is not None:
            if shape.match(text):
                yield _stripped(line, shape)
                continue
            if not text or _is_bare_elision(text):
                # `...` typed into the log where rows were left out, and the empty lines a
                # book's excerpt put around it (51b's 014)
                yield line
                continue
            if _cuts_the_prefix(text, logged):
                # the excerpt ends inside the logger's prefix (90g's 007: `08/02/2021 18:20:1`
                # under `08/02/2021 18:20:14 VERBOSE  ____`): an empty message, no row
                yield with_text(line, "")
                continue
            shape = None
        if (
            (("L" in text or "M" in text) and ("Layer" in text or "Model" in text))
            or ("params:" in text and text.lstrip()[:1] not in _TOTALS_FIRST)
            or _may_be_stamped(text)
        ):
            prefix = logged_prefix(text)
            if prefix is not None:
                shape, logged = prefix_pattern(prefix), prefix
                yield from (_stripped(above, shape) for above in held)
                held.clear()
                yield _stripped(line, shape)
                continue
        if _could_be_top(text):
            held.append(line)
            if len(held) > _LOOKBEHIND:
                yield held.pop(0)
            continue
        if held:
            yield from held
            held.clear()
        yield line
    yield from held
