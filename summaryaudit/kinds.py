"""Enumerations shared by the reading stages: what a physical line is, how cells are laid out."""

from __future__ import annotations

from typing import NamedTuple

from .dialects import TextEnum
from .sources import Line


class LineKind(TextEnum):
    """The kind of one physical line: the terminal the line grammars in grammars/*.lark read."""

    MODEL = "MODEL"  # Model: "name"
    RULE = "RULE"  # ______
    RULE_EQ = "RULE_EQ"  # ======
    DASH_RULE = "DASH_RULE"  # ------ (after totals)
    HEADER = "HEADER"  # Layer (type)  Output Shape  Param # ...
    HEAD_LINE = "HEAD_LINE"  # ┃ … ┃: a wrapped part of a box header
    ROW = "ROW"  # the first physical line of a layer row (shape and number, or a box/pipe line)
    ROW_WEAK = "ROW_WEAK"  # a fixed-width line in the row column that does not look like a row
    CONT = "CONT"  # a continuation line of the row above
    CONT_WEAK = "CONT_WEAK"  # a continuation line that does not look like table text
    SPACER = "SPACER"  # a whitespace-only line of a fixed-width table
    BLANK = "BLANK"  # an empty line
    NEST_OPEN = "NEST_OPEN"  # |¯¯¯¯| opening an expand_nested frame
    NEST_CLOSE = "NEST_CLOSE"  # ¯¯¯¯ closing it
    BOX_TOP = "BOX_TOP"  # ┏━━┳━━┓ or +-----+
    BOX_HEAD_SEP = "BOX_HEAD_SEP"  # ┡━━╇━━┩
    BOX_SEP = "BOX_SEP"  # ├──┼──┤ between rows
    BOX_BOTTOM = "BOX_BOTTOM"  # └──┴──┘
    BOX_LINE = "BOX_LINE"  # │ … │: one physical line of a box row
    PIPE_SEP = "PIPE_SEP"  # |---|---| of a Markdown table
    TOTAL = "TOTAL"  # Total params: N
    TRAINABLE = "TRAINABLE"  # Trainable params: N
    NON_TRAINABLE = "NON_TRAINABLE"  # Non-trainable params: N
    OPTIMIZER = "OPTIMIZER"  # Optimizer params: N
    ELISION = "ELISION"  # ... / … / ⋮ standing for rows left out
    ANNOTATION = "ANNOTATION"  # a hand-written comment line (# 1. (2*2) * 1 * 10 + 10 = 50)
    # a log record stderr wrote into the print (a log of both streams): no part of the table,
    # wherever it stands; the line grammars ignore it, as Lark's `%ignore` does a terminal
    STDERR = "STDERR"
    PROSE = "PROSE"  # a sentence
    FENCE = "FENCE"  # ``` / ~~~ or a Markdown horizontal rule (---, ***): ends a table
    FOREIGN = "FOREIGN"  # a line only torchsummary or paddle print
    TEXT = "TEXT"  # any other line
    OUTSIDE = "OUTSIDE"  # a line without the block's paste prefix (quote or comment marks)

    # Each kind's name is its value, so the str hash (in C) equals Enum's own (in Python): the
    # reader looks kinds up in the grammar's sets of accepted terminals once per line.
    __hash__ = str.__hash__


TOTAL_KINDS = (LineKind.TOTAL, LineKind.TRAINABLE, LineKind.NON_TRAINABLE, LineKind.OPTIMIZER)
ROW_KINDS = (LineKind.ROW, LineKind.ROW_WEAK, LineKind.BOX_LINE)


class Layout(TextEnum):
    """How the cells of a row are separated on the page."""

    FIXED = "fixed"  # Keras 1/2 fixed-width columns
    COLLAPSED = "collapsed"  # fixed-width columns whose runs of spaces were collapsed
    BOX = "box"  # Keras 3 rich box (heavy, light, or ASCII)
    PIPE = "pipe"  # hand-made or converted Markdown pipe table


class Classified(NamedTuple):
    """One physical line of a block after prefix removal, with its kind and nesting depth."""

    line: Line
    text: str
    kind: LineKind
    depth: int = 0
