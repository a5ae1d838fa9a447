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


# What `model.fit` prints on stdout, which a log may hold inside a table it interrupts (83b's
# 013: a training log pasted after a row, the table going on after it): an epoch's heading
# (`Epoch 1/50`), its progress bar (`390/390 [====…] - 32s 83ms/step - loss: …`), and a
# callback's line about it (`Epoch 00001: val_acc improved from -inf to 0.47760, …`)
_FIT_OUTPUT = lazy(r"Epoch \d+/\d+\s*$|Epoch \d+: |\d+/\d+ \[[=>.]*\]")


def is_fit_output(text: str) -> bool:
    """Tell whether a line is one `model.fit` printed (an epoch, a progress bar): no table's."""
    return bool(_FIT_OUTPUT.match(text))


def is_log_record(text: str) -> bool:
    """Tell whether a line is a TensorFlow or absl log record (stderr, no part of a table)."""
    return bool(_LOG_RECORD.match(text.lstrip()))


def split_log_record(text: str) -> Optional[tuple[str, str]]:
    """Split a line holding a glued log record (stderr written into a line of stdout) into the
    text before the record and the record; None when it holds none."""
    if ".cc:" not in text and ".py:" not in text and ".h:" not in text:
        return None  # (each record names the source line that logged it)
    match = _LOG_RECORD.search(text)
    if match is None or not match.start():
        return None  # (blanks before it are the start of a line too: a row's continuation's)
    return text[: match.start()], text[match.start() :].strip()


def rejoined_around_stderr(lines: Iterable[LineT]) -> Iterator[LineT]:
    """Take the log records stderr wrote into a line of stdout out of it.

    A log that holds both streams gets stdout a buffer at a time, so a record may land anywhere
    in a line, after the text before it (`… │ (None, 26, 26, 32)2024-05-25 …: I …cc:113] oneDNN
    …`). The record's own line break ends that line; the next line that is no record is the
    rest of it (`   │   320 │`, or nothing when the record came right before the line's
    break), after the prefix every line of the paste has (`#> `, a CI log's timestamp), which
    the text before the record has too. Text before the record that is only that prefix (an
    indented paste, a timestamped log) leaves the record a line of its own. The line made whole
    again comes at its first line's number, then the records, under the same prefix.
    """
    pending: Optional[tuple[LineT, str, list[str]]] = None  # the line, its text, its records
    later: list[LineT] = []  # records on lines of their own before the rest of the line
    for line in lines:
        text = line.text
        if pending is not None:
            if is_log_record(text):
                later.append(line)  # one more record before the rest of the line
                continue
            held, before, records = pending
            pending = None
            lead = _shared_prefix(before, text)
            # (blanks alone before the record, more blanks after them on the next line: the
            # record was cut into a continuation's blanks, not written after an indentation)
            in_blanks = not before.strip() and text[len(before) : len(before) + 1] in (" ", "\t")
            if (lead == before and not in_blanks) or _labels_the_record(before[len(lead) :]):
                # the record was a line of its own under the paste's prefix: as it was
                yield with_text(held, before + records[0])
                yield from later
                later = []
            else:
                if not before.strip():
                    lead = ""  # blanks up to the cut: a continuation's, all of them kept
                joined = before + text[len(lead) :]
                again = split_log_record(joined)
                if again is not None and again[0].strip():
                    pending = (held, again[0], [*records, again[1]])  # stdout in three pieces
                    continue
                yield with_text(held, joined)
                marks = lead or _PASTE_MARKS.match(before).group()  # type: ignore[union-attr]
                for record in records:
                    yield with_text(held, marks + record)
                yield from later
                later = []
                continue
        # (split_log_record's first test, and `]`, inline: this runs on every line)
        split = (
            split_log_record(text)
            if "]" in text and (".cc:" in text or ".py:" in text or ".h:" in text)
            else None
        )
        if split is not None:
            pending = (line, split[0], [split[1]])
            continue
        yield line
    if pending is not None:  # the input ended after the record
        held, before, records = pending
        yield with_text(held, before.rstrip())
        for record in records:
            yield with_text(held, record)
    yield from later


_PASTE_MARKS = lazy(r"[ \t]*(?:[#>]+[ \t]?)*")  # a paste's marks (`#> `, `> `, indentation)
_RECORD_LABEL_CHARS = frozenset(":>")
_TABLE_CHARS = frozenset("│┃|_=()")


def _labels_the_record(before: str) -> bool:
    """Tell whether the text before a record is a label of its own (`Output: `, `[1,0]<stderr>:`)
    rather than the start of a line of the print: the record was a line of its own."""
    core = before.strip()
    return (
        0 < len(core) <= _LONGEST_LABEL
        and "params" not in core.lower()  # (`Total params:`, its count on the next line)
        and core[-1] in _RECORD_LABEL_CHARS
        and _TABLE_CHARS.isdisjoint(core)
    )


_LONGEST_LABEL = 40


def _shared_prefix(before: str, after: str) -> str:
    """The start two lines of a paste share, digits counting as alike (a log's timestamps),
    up to its last blank: the prefix every line has (`#> `, `2024-05-25T12:15:49.1Z `)."""
    end = 0
    for a, b in zip(before, after):
        if a != b and not (a.isdigit() and b.isdigit()):
            break
        end += 1
    shared = before[:end]
    if shared == before and (not before or before[-1] in " \t>"):
        prefix = shared  # (`===`, the start of a rule the next line goes on with, is none)
    else:
        prefix = shared[: max(shared.rfind(" "), shared.rfind("\t")) + 1]
    # a paste's marks or a log's stamp, not the start of the print's own line (`│ `, `┃ `)
    return prefix if _TABLE_CHARS.isdisjoint(prefix) else ""
