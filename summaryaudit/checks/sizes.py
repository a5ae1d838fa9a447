"""SA204: the printed byte sizes against their counts and against each other."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Optional

from ..dialects import Dialect
from ..records import Count, Finding
from .analysis import Analysis, once_per_analysis
from .registry import check, finding
from .rows import printed_bytes


def _readable(size: float, unit_style: str) -> str:
    """A number of bytes as Keras prints it (`8.17 MB`; Keras 3.0 wrote `Byte` for `B`)."""
    units = ["Byte" if unit_style == "Byte" else "B", "KB", "MB", "GB", "TB", "PB"]
    index = 0
    while size >= 1024 and index < len(units) - 1:
        size /= 1024
        index += 1
    return f"{size:.2f} {units[index]}"


def _format_size(count: int, width: int, unit_style: str) -> str:
    return _readable(float(count * width), unit_style)


_WIDTHS = (1, 2, 4, 8)  # bytes per weight: int8, float16, float32, float64


def _fits_a_width(value: int, size: str, style: str) -> bool:
    """Tell whether a count of weights of one dtype width prints as this size."""
    return any(_format_size(value, width, style) == size for width in _WIDTHS)


def keras_core_bits(dialect: Dialect, value: int, size: str) -> bool:
    """Tell whether a Keras 3 box print's size is exactly 8× what a dtype width gives: the
    pre-release keras-core (0.1.x, builds before 18 Aug 2023) printed bits as bytes."""
    if dialect is not Dialect.KERAS3 or _fits_a_width(value, size, "B"):
        return False
    return any(_format_size(value, 8 * width, "B") == size for width in _WIDTHS)


@once_per_analysis
def keras_core_count(analysis: Analysis) -> Optional[Count]:
    """The first totals line whose size is keras-core's 8× (bits shown as bytes), or None."""
    totals = analysis.summary.totals
    for count in _sized_lines(
        totals.total, totals.trainable, totals.non_trainable, totals.optimizer
    ):
        assert count.value is not None and count.size is not None
        if keras_core_bits(analysis.summary.dialect, count.value, count.size):
            return count
    return None


@check("SA204")
def size_vs_params(analysis: Analysis) -> Iterator[Finding]:
    """Printed byte sizes against the counts, and the Total's size against the others'."""
    totals = analysis.summary.totals
    flagged = False
    sized = _sized_lines(totals.total, totals.trainable, totals.non_trainable, totals.optimizer)
    for count in sized:
        assert count.value is not None and count.size is not None
        style = "Byte" if count.size.endswith("Byte") else "B"
        expected = _format_size(count.value, 4, style)
        read = printed_bytes(count.size)
        if read is None:
            flagged = True
            yield finding(analysis, "SA204", _unitless_message(count, expected, sized), count.line)
            continue
        printed = read[0]
        low, high = count.value * 1 * 0.995, count.value * 8 * 1.005 + 16
        if low <= printed <= high:
            continue  # one dtype width, or mixed dtypes (float16 variables beside an int64 …)
        if _fits_a_width(count.value, count.size, style):
            continue  # exactly as Keras prints one dtype width, whatever its rounding
        if keras_core_bits(analysis.summary.dialect, count.value, count.size):
            continue  # keras-core 0.1.x printed bits as bytes: a size 8× too large, no edit
        flagged = True
        yield finding(
            analysis,
            "SA204",
            f"{_label_of(count)} says {count.value:,} but its size ({count.size}) does "
            f"not fit that count: {count.value:,} × 4 bytes (float32) = {expected}; no dtype "
            "width (1, 2, 4 or 8 bytes) gives the printed size, so the count or the size "
            "was edited",
            count.line,
        )
    if not flagged:
        yield from _sizes_not_adding_up(analysis)


def _label_of(count: Count) -> str:
    return count.text.split(":")[0].strip(" |*_`#")


def _sized_lines(*counts: Optional[Count]) -> list[Count]:
    """The totals lines that show a count and a size."""
    return [c for c in counts if c is not None and c.value is not None and c.size is not None]


def _unitless_message(count: Count, expected: str, sized: list[Count]) -> str:
    """SA204's words for a size printed without its unit (25d's 009: `(259.02)`)."""
    message = (
        f"The size on the {_label_of(count)} line ({count.size}) has no unit, and Keras always "
        f"prints one ({count.value:,} × 4 bytes (float32) = {expected}), so the size was edited"
    )
    copied = [
        other
        for other in sized
        if other is not count and other.size and other.size.split()[0] == count.size
    ]
    if copied:
        message += (
            f"; {count.size} is the {_label_of(copied[0])} line's size ({copied[0].size}) "
            "without its unit, most likely copied from there"
        )
    return message


def _byte_range(size: str) -> Optional[tuple[float, float]]:
    """The bytes a printed size (two decimals in its unit) can stand for, or None."""
    read = printed_bytes(size)
    if read is None:
        return None
    value, unit = read
    return value - 0.005 * unit, value + 0.005 * unit


def _sizes_not_adding_up(analysis: Analysis) -> Iterator[Finding]:
    """Keras prints the Total's size as the sum of the other lines' (it adds the same weights'
    bytes), so where the counts add up and the sizes cannot, a size was edited (25d's 010)."""
    totals = analysis.summary.totals
    total = totals.total
    shown = [totals.trainable, totals.non_trainable]
    if totals.optimizer is not None:
        shown.append(totals.optimizer)
    parts = _sized_lines(*shown)
    if total is None or total.value is None or total.size is None or len(parts) < len(shown):
        return  # a line without its count or size
    if total.value != sum(part.value or 0 for part in parts):
        return  # SA201 or SA202 speaks of the counts
    total_range = _byte_range(total.size)
    ranges = [_byte_range(part.size or "") for part in parts]
    if total_range is None or any(r is None for r in ranges):
        return
    low = sum(r[0] for r in ranges if r is not None)
    high = sum(r[1] for r in ranges if r is not None)
    if low <= total_range[1] and total_range[0] <= high:
        return
    style = "Byte" if total.size.endswith("Byte") else "B"
    parts_sum = sum((printed_bytes(part.size or "") or (0.0, 1))[0] for part in parts)
    spelled = " + ".join(f"{_label_of(part).split()[0]} {part.size}" for part in parts)
    fitting = [
        count
        for count in (total, *parts)
        if count.value is not None
        and count.size is not None
        and _fits_a_width(count.value, count.size, style)
    ]
    message = (
        f"{_label_of(total)} says {total.size}, but Keras prints the Total's size as the sum of "
        f"the other lines' sizes, adding up the same weights' bytes: {spelled} = "
        f"{_readable(parts_sum, style)}"
    )
    if len(fitting) == len(parts) and total not in fitting:
        expected = _format_size(total.value, 4, style)
        yield finding(
            analysis,
            "SA204",
            message + ". Those fit their counts at one dtype width, as does "
            f"{total.value:,} × 4 bytes (float32) = {expected}, so the Total's size was edited",
            total.line,
        )
        return
    odd = [count for count in parts if count not in fitting]
    if len(odd) == 1 and total in fitting:
        wrong = odd[0]
        assert wrong.value is not None
        expected = _format_size(wrong.value, 4, style)
        yield finding(
            analysis,
            "SA204",
            message + f". The Total's size fits its count at one dtype width and the "
            f"{_label_of(wrong)} line's does not ({wrong.value:,} × 4 bytes (float32) = "
            f"{expected}), so that size was edited",
            wrong.line,
        )
        return
    yield finding(analysis, "SA204", message + ", so one of the sizes was edited", total.line)
