"""Read a live pipe (a training log) as it arrives and hand over each summary once it is complete.

`python train.py | summaryaudit check` must report a summary while training goes on, not at
the end. Only the lines of candidate regions (regions.py) become lines, as they arrive; once a
summary's totals are in and either a line that is no longer part of it arrives or the writer
pauses, the collected lines are read like a finished document and every summary found in them
is reported. When a region ends, what is held of it is read, so held lines never span two
regions, exactly as a file is read region by region. `--tee` copies every
byte of input to an output as soon as it is read, `\\r` progress bars included.
"""

from __future__ import annotations

import codecs
import io
import os
import re
import select
import stat
from collections.abc import Callable, Iterable, Iterator
from typing import Any, BinaryIO, Optional

from .records import Summary
from .regions import RegionFinder
from .sources import MAX_LINE_CHARS, HtmlSwitch, Line, clean_text

CHUNK = 1 << 16
PAUSE_S = 0.2  # a writer silent this long has finished what it is printing for now
PATIENCE = 3  # pauses to wait after a totals line that may not be the last one
KEEP_WITHOUT_TABLE = 16  # lines kept while nothing that starts or ends a table is in view
MAX_HELD = 100_000  # a `Layer` line with no totals after this many lines: read what is held
# Lines after a summary's totals that decide how it is read (the block finder looks this far for
# torchsummary's and paddle's size lines, a misspelt `Nontrainable params`, a closing rule): a
# summary is handed over once this many lines follow its totals, or the writer pauses.
LOOKAHEAD = 8
_HEADER = re.compile(r"\bLayer \(type\)")
_TOTALS = re.compile(r"\b(Total|Trainable|Non-trainable|Optimizer) params\b", re.IGNORECASE)
_LAST_TOTALS = re.compile(r"\b(Non-trainable|Optimizer) params\b", re.IGNORECASE)
_RULE = re.compile(r"^[\s_=\-─━┄╌]*$")

SummariesOf = Callable[[Iterable[Line]], Iterator[Summary]]
Scan = Callable[[Iterable[Line]], Iterator[Line]]


class StreamError(ValueError):
    """The live input cannot be decoded; the message names the line."""


def is_live(stream: BinaryIO) -> bool:
    """Tell whether a stream is a pipe, terminal or socket (data arrives over time).

    Windows cannot wait on a pipe with select(): there the input is read to its end first.
    """
    if os.name == "nt":
        return False
    try:
        mode = os.fstat(stream.fileno()).st_mode
    except (AttributeError, OSError, ValueError):
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISCHR(mode) or stat.S_ISSOCK(mode)


class PipeReader:
    """Reads whatever a pipe holds now; tells a pause (b"") from the end (None)."""

    def __init__(self, stream: BinaryIO, tee: Optional[BinaryIO] = None) -> None:
        self._fd = stream.fileno()
        self._tee = tee
        self._ended = False  # a terminal goes on reading after Ctrl-D: never read past the end

    def read(self, wait: Optional[float]) -> Optional[bytes]:
        """Return the next bytes; b"" when none came within `wait` seconds; None at the end."""
        if self._ended:
            return None
        if wait is not None:
            ready, _, _ = select.select([self._fd], [], [], wait)
            if not ready:
                return b""
        data = os.read(self._fd, CHUNK)
        if not data:
            self._ended = True
            return None
        if self._tee is not None:
            self._tee.write(data)
            self._tee.flush()
        return data


class Decoder:
    """Turns arriving UTF-8 bytes into the numbered, cleaned lines of candidate regions."""

    def __init__(self, name: str) -> None:
        self._name = name
        self._decoder = codecs.getincrementaldecoder("utf-8")()
        # every line end, linear time, and only the regions near anchors: as files are read
        self._finder = RegionFinder(clean_text, 1, MAX_LINE_CHARS)
        self._html = HtmlSwitch()
        self._first = True

    def feed(self, data: bytes, final: bool = False) -> list[tuple[int, list[Line]]]:
        """Decode bytes and return the region lines they complete, grouped by region (all
        remaining ones when final)."""
        if self._first and data:
            data = data[3:] if data.startswith(codecs.BOM_UTF8) else data
            self._first = False
        pending = self._decoder.getstate()[0]
        try:
            text = self._decoder.decode(data, final=final)
        except UnicodeDecodeError as exc:
            line = self._finder.newlines + exc.object[: exc.start].count(b"\n") + 1
            bad = exc.object[exc.start : exc.start + 1]
            what = f"byte 0x{bad[0]:02x} is not UTF-8" if bad else "it ends inside a character"
            raise StreamError(
                f"{self._name}: line {line}: {what} (save the file as UTF-8 or UTF-16)"
            ) from None
        # the bytes are searched for what the text may hold (see RegionFinder.feed)
        raw = pending + data if pending else data
        groups: list[tuple[int, list[Line]]] = []
        for number, cleaned, region in self._finder.feed(text, final, raw):
            if not groups or groups[-1][0] != region:
                groups.append((region, []))
            groups[-1][1].append(Line(number, cleaned))
        return [(region, list(self._html.apply(lines))) for region, lines in groups]


class Collector:
    """Holds the lines since the last summary handed over, and knows when to read them."""

    def __init__(self, summaries_of: SummariesOf) -> None:
        self._summaries_of = summaries_of
        self._lines: list[Line] = []
        self._reset()

    def _reset(self) -> None:
        self._header_seen = False  # a line naming `Layer` (a table may be starting)
        self._totals_seen = False
        self._complete_totals = False  # the totals line seen last is the last Keras prints
        self._after_totals = False  # a line that cannot belong to the totals arrived
        self._lines_after = 0  # lines since then (the block finder's look past the totals)
        self._header_before_totals = False  # the totals close a table (not printed above one)

    @property
    def waiting(self) -> bool:
        """Tell whether totals are in, so a pause in the input matters."""
        return self._totals_seen

    def add(self, line: Line) -> None:
        """Take one line."""
        self._lines.append(line)
        text = line.text
        if _TOTALS.search(text):
            if not self._totals_seen:
                self._header_before_totals = self._header_seen
            self._totals_seen = True
            self._after_totals = False
            self._lines_after = 0
            self._complete_totals = bool(_LAST_TOTALS.search(text))
        elif self._totals_seen:
            if _HEADER.search(text):
                if self._header_before_totals:
                    self._lines_after = LOOKAHEAD  # the next table begins: this one has ended
                else:
                    # totals printed above their table (a README's own totals table): they
                    # may be this table's, as a file is read; wait for the table to end
                    self._totals_seen = self._after_totals = False
                    self._header_seen = True
                    return
            self._after_totals = self._after_totals or not _RULE.match(text)
            self._lines_after += self._after_totals
        elif "Layer" in text:
            self._header_seen = True
        elif not self._header_seen and len(self._lines) > 4 * KEEP_WITHOUT_TABLE:
            del self._lines[:-KEEP_WITHOUT_TABLE]

    def ready(self, pauses: int) -> bool:
        """Tell whether a summary's totals are in and nothing more of it can follow."""
        if len(self._lines) > MAX_HELD:
            return True  # memory stays bounded on a log that only mentions `Layer`
        if not self._totals_seen:
            return False
        if self._after_totals and (self._lines_after >= LOOKAHEAD or pauses >= 1):
            return True
        return pauses >= (1 if self._complete_totals else PATIENCE)

    def take(self, final: bool = False) -> list[Summary]:
        """Read the held lines as a document; keep those after the last summary found."""
        found = list(self._summaries_of(self._lines)) if self._lines else []
        if not final and found:
            # a table that starts on the last held line may go on: wait for it
            last = self._lines[-1].number
            found = [s for s in found if s.totals.present() or s.end_line < last]
        if final:
            self._lines = []
        elif found:
            end = max(s.end_line for s in found)
            self._lines = [line for line in self._lines if line.number > end]
        else:
            kept = self._lines
            if self._totals_seen:
                # the totals were read with the lines above them and close no summary (another
                # tool's table, torchsummary's): read again without them, they would pass for a
                # Keras summary of totals alone (16a's 014)
                last = max(
                    (i for i, line in enumerate(kept) if _TOTALS.search(line.text)), default=-1
                )
                kept = kept[last + 1 :]
            self._lines = kept[-KEEP_WITHOUT_TABLE:]
        self._reset()
        self._header_seen = any("Layer" in line.text for line in self._lines)
        return found


def summaries(
    reader: PipeReader, name: str, summaries_of: SummariesOf, scan: Scan, head: bytes = b""
) -> Iterator[Summary]:
    """Yield each summary of a live plain-text stream as soon as it is complete."""
    decoder = Decoder(name)
    collector = Collector(summaries_of)
    pauses = 0
    region = 0
    data: Optional[bytes] = head if head else reader.read(None)
    while True:
        final = data is None
        if data:
            pauses = 0
        elif not final:
            pauses += 1
        for next_region, lines in decoder.feed(data or b"", final=final):
            if next_region != region:
                yield from collector.take(final=True)  # the region before has ended
                region = next_region
            for line in scan(lines):
                collector.add(line)
                if collector.ready(0):
                    yield from collector.take()
        if final:
            yield from collector.take(final=True)
            return
        if collector.ready(pauses):
            yield from collector.take()
            pauses = 0
        data = reader.read(PAUSE_S if collector.waiting else None)


def needs_whole_document(head: bytes) -> bool:
    """Tell whether the first bytes start a notebook/JSON or UTF-16 text (read whole, not live)."""
    probe = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    utf16 = head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or (
        len(head) >= 4 and (head[1:2] == b"\x00" or head[0:1] == b"\x00")
    )
    return utf16 or probe[:1] in (b"{", b"[")


def read_head(reader: PipeReader) -> bytes:
    """Read until the first bytes tell plain text from JSON or UTF-16 (or the input ends)."""
    head = b""
    while len(head) < 4 or not head.lstrip(b"\xef\xbb\xbf \t\r\n"):
        data = reader.read(None)
        if data is None:
            break
        head += data
    return head


class Replay(io.RawIOBase):
    """A readable stream of `head` followed by the rest of a pipe."""

    def __init__(self, head: bytes, reader: PipeReader) -> None:
        super().__init__()
        self._head = head
        self._reader = reader
        self._ended = False

    def readable(self) -> bool:
        """Tell io that it can read."""
        return True

    def readinto(self, buffer: Any) -> int:
        """Fill the buffer from the head first, then from the pipe."""
        if not self._head and not self._ended:
            data = self._reader.read(None)
            if data is None:
                self._ended = True
            else:
                self._head = data
        size = min(len(buffer), len(self._head))
        buffer[:size] = self._head[:size]
        self._head = self._head[size:]
        return size


def stream_summaries(
    stream: BinaryIO,
    name: str,
    summaries_of: SummariesOf,
    scan: Scan,
    whole: Callable[[BinaryIO], Iterator[Summary]],
    tee: Optional[BinaryIO] = None,
) -> Iterator[Summary]:
    """Yield the summaries of a live stream: plain text as it arrives, anything else whole."""
    reader = PipeReader(stream, tee)
    head = read_head(reader)
    if needs_whole_document(head):
        yield from whole(io.BufferedReader(Replay(head, reader)))
        return
    yield from summaries(reader, name, summaries_of, scan, head)


class TeeStream:
    """A stream that copies every byte read from it to `tee` (for --tee on a file or buffer)."""

    def __init__(self, stream: BinaryIO, tee: BinaryIO) -> None:
        self._stream = stream
        self._tee = tee

    def read(self, size: int = -1) -> bytes:
        """Read like the wrapped stream, copying what was read."""
        data = self._stream.read(size)
        if data:
            self._tee.write(data)
            self._tee.flush()
        return data

    def close(self) -> None:
        """Close the wrapped stream."""
        self._stream.close()
