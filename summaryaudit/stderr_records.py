"""Take the log records stderr wrote into lines of stdout back out (a log of both streams)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Optional

from .patterns import lazy
from .records import LineT, with_text

# A record of TensorFlow's C++ logging (`2020-05-25 12:15:49.662636: I tensorflow/core/…cc:142]`)
# or of absl's (`W0525 12:15:49.662636 140 file.py:12]`): stderr that a log interleaved with a
# print on stdout, so it lands between a table's lines or inside one of them.
LOG_RECORD = (
    r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+: [IWEF] \S+:\d+\]"
    r"|[IWEF]\d{4} \d\d:\d\d:\d\d\.\d+ +\d+ \S+:\d+\]"
)
_LOG_RECORD = lazy(LOG_RECORD)
_GLUED_LOG_RECORD = lazy(LOG_RECORD)


def is_log_record(text: str) -> bool:
    """Tell whether a line is a TensorFlow or absl log record (stderr, no part of a table)."""
    return bool(_LOG_RECORD.match(text.lstrip()))


def split_log_record(text: str) -> Optional[tuple[str, str]]:
    """Split a line holding a glued log record (stderr written into a line of stdout) into the
    text before the record and the record; None when it holds none."""
    if ".cc:" not in text and ".py:" not in text and ".h:" not in text:
        return None  # (each record names the source line that logged it)
    match = _GLUED_LOG_RECORD.search(text)
    if match is None or not match.start():
        return None  # (blanks before it are the start of a line too: a row's continuation's)
    return text[: match.start()], text[match.start() :].strip()


def rejoined_around_stderr(lines: Iterable[LineT]) -> Iterator[LineT]:
    """Take the log records stderr wrote into a line of stdout out of it.

    A log that holds both streams gets stdout a buffer at a time, so a record may land anywhere
    in a line, after the text before it (`… │ (None, 26, 26, 32)2024-05-25 …: I …cc:113] oneDNN
    …`). The record's own line break ends that line; the next line that is no record is the
    rest of it (`   │   320 │`, or nothing when the record came right before the line's
    break). The records come first, then the line made whole again, at its first line's number.
    """
    glued: Optional[tuple[LineT, str]] = None  # a line's text before the record, and its line
    for line in lines:
        text = line.text
        if glued is not None:
            if is_log_record(text):
                yield line  # one more record before the rest of the line
                continue
            start, before = glued
            yield with_text(start, before + text)
            glued = None
            continue
        # split_log_record's first test, without a call (Connected to lists hold `]` too)
        if "]" in text and (".cc:" in text or ".py:" in text or ".h:" in text):
            split = split_log_record(text)
            if split is not None:
                yield with_text(line, split[1])
                glued = (line, split[0])
                continue
        yield line
    if glued is not None:  # the input ended after the record
        yield with_text(glued[0], glued[1].rstrip())
