"""A Keras 3 box whose drawing characters an encoding replaced with `?`, drawn in ASCII again."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .records import LineT, with_text

# A console or log in an encoding without box drawing (`text.encode("ascii", "replace")`, 54c's
# 014: micro-wake-word's summary in a GitHub issue) prints each of `┏━┃│├─┼└…` as one `?`.
_FILL = "?"
_SHORTEST_RULE = 20  # a line of this many `?` and nothing else is a border, no text's
_MARK = "…"  # a `?` glued to a cell's text ends it: the column cut it there


def is_question_rule(text: str) -> bool:
    """Tell whether a line is a box border drawn in `?` only."""
    core = text.strip()
    return len(core) >= _SHORTEST_RULE and not core.strip(_FILL)


def _bar_columns(text: str) -> tuple[int, ...]:
    """The columns of a `?` row's bars: each `?` at the line's start or between blanks."""
    return tuple(
        at
        for at, char in enumerate(text)
        if char == _FILL
        and (not text[:at].strip() or text[at - 1] == " ")
        and (at + 1 == len(text) or text[at + 1] == " ")
    )


def _row(text: str, bars: tuple[int, ...], bar: str) -> str:
    """A `?` row with `bar` at the bars' columns and `…` where a `?` ends a cell's text; a `?`
    before a name elsewhere was a nested row's `└`."""
    chars = list(text)
    first_cell_end = bars[1] if len(bars) > 1 else 0
    for at, char in enumerate(chars):
        if char != _FILL:
            continue
        if at in bars:
            chars[at] = bar
        elif at and chars[at - 1] not in " " + bar:
            chars[at] = _MARK
        elif at < first_cell_end or (
            at + 2 < len(chars) and chars[at + 1] == " " and chars[at + 2] not in " ?"
        ):
            # a nested row's mark (`? conv2d`, or alone where the name wrapped: the layer
            # column holds no `?` of Keras's); a `?` alone in another cell is a shape it printed
            chars[at] = "└"
    return "".join(chars)


# Each border as Keras 3 draws it: its left end, fill, joint and right end
_Drawing = tuple[str, str, str, str]
_OUTSIDE, _HEADER, _ROWS = 0, 1, 2  # where in a box a line is
_TOP: _Drawing = ("┏", "━", "┳", "┓")
_UNDER_HEADER: _Drawing = ("┡", "━", "╇", "┩")
_BETWEEN_ROWS: _Drawing = ("├", "─", "┼", "┤")
_BOTTOM: _Drawing = ("└", "─", "┴", "┘")


def _rule(text: str, bars: tuple[int, ...], drawing: _Drawing) -> str:
    """A `?` border drawn again, its joints at the bars' columns."""
    left, fill, joint, right = drawing
    start, end = len(text) - len(text.lstrip()), len(text.rstrip())
    inner = "".join(joint if at in bars else fill for at in range(start + 1, end - 1))
    return text[:start] + left + inner + right + text[end:]


def _is_question_row(text: str) -> bool:
    """Tell whether a line is a row of a `?` box: it starts and ends with a bar."""
    core = text.strip()
    return core[:1] == _FILL and core[-1:] == _FILL and len(core) > 2


def redraw_question_boxes(lines: Iterable[LineT]) -> Iterator[LineT]:
    """Draw a `?` box again as Keras 3 drew it (`┃` header, `│` rows, `┏ ┡ ├ └` borders),
    keeping each line's number. A box's lines are held until it ends (at most _MOST_HELD_CHARS
    characters): its bars are the columns where every row has a `?` between blanks (a nested row's
    `└` or an unbuilt row's `?` shape is no bar), and each border is the one its neighbours
    say. Other lines pass as they are."""
    lines = iter(lines)
    for line in lines:
        if "???" in line.text and is_question_rule(line.text):
            break  # (no line is held, nor looked at twice, before the first such border)
        yield line
    else:
        return
    box: list[LineT] = [line]
    held = len(line.text)
    for line in lines:
        text = line.text
        if (
            _FILL in text
            and (is_question_rule(text) or _is_question_row(text))
            and held < _MOST_HELD_CHARS
        ):
            box.append(line)
            held += len(text)
            continue
        yield from _redrawn(box)
        box, held = [], 0
        if "???" in text and is_question_rule(text):
            box.append(line)
            held = len(text)
        else:
            yield line
    yield from _redrawn(box)


# the text of a `?` box held at most (an endless one is drawn in parts, memory stays flat)
_MOST_HELD_CHARS = 1 << 20


def _redrawn(box: list[LineT]) -> Iterator[LineT]:
    """The lines of one `?` box (borders and rows), drawn again."""
    rules = [is_question_rule(line.text) for line in box]
    rows = [line.text for line, rule in zip(box, rules) if not rule]
    if not rows:
        yield from box
        return
    common = set(_bar_columns(rows[0]))
    for text in rows[1:]:
        common &= set(_bar_columns(text))
    bars = tuple(sorted(common))
    phase = _OUTSIDE
    for at, line in enumerate(box):
        text = line.text
        if rules[at]:
            row_after = at + 1 < len(box) and not rules[at + 1]
            if not row_after:
                drawing = _BOTTOM
            elif phase == _OUTSIDE:
                titled = _is_header(box[at + 1].text)
                drawing = _TOP if titled else _BETWEEN_ROWS
                phase = _HEADER if titled else _ROWS
            elif phase == _HEADER:
                drawing, phase = _UNDER_HEADER, _ROWS
            else:
                drawing = _BETWEEN_ROWS
            yield with_text(line, _rule(text, bars, drawing))
            continue
        if phase == _OUTSIDE:
            phase = _ROWS  # rows from a table's middle
        yield with_text(line, _row(text, bars, "┃" if phase == _HEADER else "│"))


def _is_header(text: str) -> bool:
    """Tell whether a `?` row is the header's first line (its titles, maybe wrapped: `Output`
    over `Shape`), not a layer's (`InputLayer`)."""
    return "Param" in text or "Output" in text or "Layer (type)" in text
