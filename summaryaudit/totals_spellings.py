"""Undo how a paste spelled a totals line: `Total_params`, `Total Params`, label and count cells."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Optional

from .patterns import lazy
from .records import LineT, with_text

_TOTALS_LABEL = lazy(
    r"^(?P<lead>[ \t]*(?:(?:#>|##)[ \t]?)?)"
    # an emoji an author set before each totals line (`🧮 Total Parameters:`, 85a's 010)
    r"(?:[\u2190-\u2bff\U0001f000-\U0001faff][\ufe0f\u200d]?[ \t]+)?"
    r"(?P<marks>(?:[-+*][ \t]+|#{3,6}[ \t]+)?[*_`]{0,3})"
    r"(?P<label>total|trainable|non[-_ ]?trainable|frozen|optimizer)[ \t]*[_ ][ \t]*"
    r"(?P<noun>params|parameters)(?P<close>[*_`]{0,3})[ \t]*"
    r"(?P<colon>[:：])[ \t]*(?P<after>[*_`]{0,3})[ \t]*(?P<rest>.*)$",
    re.I,
)
_TOTALS_GENUINE = lazy(
    r"^[ \t]*(?:(?:#>|##?|>)[ \t]?)*(?:Total|Trainable|Non-trainable|Optimizer) params: ?\S"
)
# A totals row written into a hand-retyped layer table (`| **Total Parameters** | — | **N** |`,
# `| **Total** | | **N (213.04 KB)** | |`, `| | **Total** | **N** (12.28 MB) | |`: maybe empty
# cells, the label, maybe empty cells, the count and its printed size, empty cells).
_TOTALS_TABLE_ROW = lazy(
    r"^[ \t]*\|(?:[ \t]*\|)*[ \t]*[*_`]{0,3}(?P<label>total|trainable|non[-_ ]?trainable)"
    r"(?:[ \t]*[_ ][ \t]*(?:params|parameters))?[*_`]{0,3}[ \t]*"
    r"(?:\|[ \t]*(?:[-—–]|â€”|â€“)?[ \t]*)*\|"  # (`â€”`: a dash as cp1252 shows UTF-8's)
    r"[ \t]*[*_`]{0,3}(?P<count>(?:[~≈][ \t]?)?\d[\d,]*)[*_`]{0,3}"  # (`~17,652,545`: about)
    # its size, maybe after the bold closed (`**3,219,419** (12.28 MB)`, 30b's 006)
    r"(?P<size>[ \t]+\(\d+(?:\.\d+)? (?:Byte|B|KB|MB|GB|TB|PB)\))?"
    r"[*_`]{0,3}[ \t]*(?:\|[ \t]*(?:[-—–]|â€”|â€“)?[ \t]*)*$",
    re.I,
)
# A later totals label on a line of totals written one after another (`Total parameters: 5
# Trainable parameters: 5 …`, `Total params: 5 | Trainable params: 5 | …`; `Total params:** 5
# · **Trainable:** 5`, its noun left out, 29b's 010; `；` between, 95f's 013), after the count
# before it.
_LATER_LABEL = lazy(
    r"(?<=[\d)])[ \t,;|·•/；，、]+[*_`]{0,3}(?P<label>trainable|non[-_ ]?trainable|optimizer)"
    r"(?:[ \t]*[_ ][ \t]*(?:params|parameters))?[*_`]{0,3}[ \t]*[:：][ \t]*[*_`]{0,3}[ \t]*"
    r"(?=\d)",
    re.I,
)
_LABELS = {
    "total": "Total",
    "trainable": "Trainable",
    "nontrainable": "Non-trainable",
    "frozen": "Non-trainable",  # a retyped table's `Frozen Parameters:` (trial 5, 034)
    "optimizer": "Optimizer",
}


def _label(spelled: str) -> str:
    """The Keras spelling of a totals label as written (`non_trainable` → Non-trainable)."""
    return _LABELS[re.sub(r"[-_ ]", "", spelled.lower())]


# Totals an author wrote in words, rounded and marked so, the noun after the count
_ROUNDED_PROSE = lazy(
    r"(?P<lead>[ \t]*(?:[-+*][ \t]+)?)[*_]{0,2}Total[*_]{0,2}[ \t]*:[ \t]*[*_]{0,2}[ \t]*"
    r"(?P<total>[~≈][ \t]?\d+(?:\.\d+)?[ \t]?[KMB])[ \t]*(?:parameters|params)\b"
    r"(?:[ \t]*[,;(][ \t]*(?P<trainable>[~≈][ \t]?\d+(?:\.\d+)?[ \t]?[KMB])[ \t]*trainable\b)?",
    re.I,
)
# A totals label without its noun: an optimizer's `State`, or a note in parentheses
_NOUNLESS_LABEL = lazy(
    r"^(?P<lead>[ \t]*(?:[-+*][ \t]+)?)[*_`]{0,3}(?P<label>trainable|non[-_ ]?trainable|optimizer)"
    r"(?:[ \t]+state|[ \t]*\([^()\n]{1,40}\))[*_`]{0,3}[ \t]*[:：][ \t]*[*_`]{0,3}[ \t]*"
    r"(?P<rest>\d.*)$",
    re.I,
)
# A count an author rounded (`1K`, `2.5 M`) or a share of layers (`12 of 20`): an author's
# figure, never Keras's own
_AUTHORS_FIGURE = lazy(r"\d[\d.,]*[ \t]*(?:[KkMmB](?![\w.])|(?:of|out of|/)[ \t]*\d)")
# A list item of totals without their noun, each with its printed size (`- Total: 20,861,480
# (79.58 MB)`, `- Non-Trainable: 54,528 (213 KB)`, 50e's 004): the size tells a model's figures
_NOUNLESS_SIZED_ITEM = lazy(
    r"^(?P<lead>[ \t]*)[-+*][ \t]+[*_`]{0,3}(?P<label>total|trainable|non[-_ ]?trainable)"
    r"[*_`]{0,3}[ \t]*[:：][ \t]*[*_`]{0,3}[ \t]*"
    r"(?P<rest>\d[\d,]*[*_`]{0,3}[ \t]*\(\d+(?:\.\d+)?[ \t]?(?:Byte|B|KB|MB|GB|TB|PB)\))[ \t]*$",
    re.I,
)
# A total said to be all trainable (`Total params: 37,113 (all trainable)`, 51b's 015): the
# Trainable and Non-trainable lines it stands for
_ALL_TRAINABLE = lazy(
    r"^(?P<head>[ \t]*(?:[-+*][ \t]+)?Total params: (?P<count>\d[\d,]*)"
    r"(?: \(\d+(?:\.\d+)? (?:Byte|B|KB|MB|GB|TB|PB)\))?)"
    r"[ \t]*(?:\([ \t]*|[,;—–-][ \t]*)all(?: of them)? trainable"
    r"(?: param(?:eter)?s)?[ \t]*\)?[ \t.]*$",
    re.I,
)
_TRAILING_MARKUP = lazy(r"[ \t]*[*_`\\]+[ \t]*$")


def may_spell_totals(text: str) -> bool:
    """A cheap test: could `normalise_totals_label` change this line?"""
    # each word after one of its characters: a search for one character needs no copy of the
    # word in the width of a line of box drawing
    return (
        ("m" in text and "aram" in text)
        or ("|" in text and ("otal" in text or "rainable" in text or "OTAL" in text))
        or "):" in text  # a label's note: `Non-trainable (frozen CNN):`
        or "tate:" in text  # `Optimizer State:`
        or ("B)" in text and ("otal:" in text or "rainable:" in text))  # `- Total: N (8 MB)`
        or "ll trainable" in text  # `Total params: N (all trainable)`
        or ("ara" in text and ("paran" in text or "pararn" in text))  # an OCR's `parans`
        or "params " in text  # `Trainable params 20`, the colon left out
    )


# (`Total Trainable Params`, 30b's 005: the trainable count, which a total of them states)
_LABEL_CELL = lazy(
    r"(?:total[ \t]+(?=trainable))?(?P<label>total|trainable|non[-_ ]?trainable|frozen|optimizer)"
    r"(?:[ \t]*[_ ][ \t]*(?:params|parameters))?[ \t]*[*_`]{0,3}[ \t]*[:：]?[ \t]*(?P<rest>.*)",
    re.I,
)
_COUNT_CELL = lazy(r"\d[\d,]*(?: \(\d+(?:\.\d+)? (?:Byte|B|KB|MB|GB|TB|PB)\))?")


def _totals_from_cells(text: str) -> Optional[str]:
    """The totals a table row holds in its cells, one after another, as Keras writes them on
    one line (`| **Total params** | 1,853,901 | **Trainable params:** 1,853,901 |`, 18b's 012;
    `| Total parameters: 5 Trainable parameters: 5 … | | |`, an HTML cell, 18b's 010), or None.
    A two-cell row (`| Total params | 3,155,082 |`) is left to the grammar."""
    cells = [c.strip().strip("*_`").strip() for c in text.strip().strip("|").split("|")]
    filled = [c for c in cells if c and c not in ("-", "—", "–")]
    if not filled or (len(cells) == 2 and len(filled) == 2):
        return None
    out: list[str] = []
    at = 0
    while at < len(filled):
        match = _LABEL_CELL.fullmatch(filled[at])
        if not match:
            return None
        rest = match.group("rest").strip("*_` \t")
        if not rest:
            if at + 1 == len(filled) or not _COUNT_CELL.fullmatch(filled[at + 1]):
                return None
            rest, at = filled[at + 1], at + 2
        elif rest[:1].isdigit():
            at += 1
        else:
            return None
        if "aram" in rest or "rainable" in rest:  # the other totals in the same cell
            rest = _LATER_LABEL.sub(lambda later: f" {_label(later.group('label'))} params: ", rest)
        out.append(f"{_label(match.group('label'))} params: {rest}")
    return " ".join(out)


# A totals row of a table of three columns whose cells tabs set apart (86a's 004: `Total
# Parameters\t29,923\t`, its third cell empty); not a two-column table of metrics or settings
# (`total_params\t54538`, `Total Parameters\t1,234,567`: the review of trial 86's item 6)
_TOTALS_TAB_ROW = lazy(
    r"^[ \t]*(?P<label>total|trainable|non[- ]?trainable) +(?:params|parameters)[ \t]*\t"
    r"[ \t]*(?P<count>\d[\d,]*)(?P<size>[ \t]+\(\d+(?:\.\d+)? (?:Byte|B|KB|MB|GB|TB|PB)\))?"
    r"[ \t]*\t[ \t]*$",
    re.I,
)


def _table_row_totals(row: re.Match[str]) -> str:
    """The totals line a totals row of a retyped table stands for."""
    size = row.group("size")
    return f"{_label(row.group('label'))} params: {row.group('count')}" + (
        " " + size.strip() if size else ""
    )


# `params` as an OCR of a PDF read it after a totals label (70a's 010: `Total parans:`, the m
# taken for rn then n)
_OCR_NOUN = lazy(r"(?<=(?:otal|able|izer)[ \t])(?:parans|pararns|pararms)(?=[ \t]*:)", re.I)


_WITHOUT_COLON = lazy(
    r"^(?P<lead>[ \t]*)(?P<label>Total|Trainable|Non-trainable|Optimizer) params[ \t]+"
    r"(?P<rest>\d[\d,]*(?:[ \t]+\(\d+(?:\.\d+)? (?:Byte|B|KB|MB|GB|TB)\))?)[ \t]*$"
)


def normalise_totals_label(text: str) -> str:
    """Spell a totals line as Keras does (`Total_params:`, `**Total Parameters**:`, `__…__\\`)."""
    if "ara" in text and ("paran" in text or "pararn" in text):
        text = _OCR_NOUN.sub("params", text)
    if "params " in text and (bare := _WITHOUT_COLON.match(text)):
        # `Non-trainable params 20`: the colon left out, the count alone after the label
        return f"{bare.group('lead')}{bare.group('label')} params: {bare.group('rest')}"
    spelled = _spelled_as_keras(text)
    if "ll trainable" in spelled and (said := _ALL_TRAINABLE.match(spelled)):
        count = said.group("count")
        return f"{said.group('head')} Trainable params: {count} Non-trainable params: 0"
    return spelled


def _spelled_as_keras(text: str) -> str:
    """`normalise_totals_label` but for a total said to be all trainable."""
    if (
        "|" in text
        and ("otal" in text or "OTAL" in text)  # (`| **TOTAL** | | **4,377,500** |`, 33a's 013)
        and (cells := _totals_from_cells(text)) is not None
    ):
        return cells
    if "aram" not in text:
        if (
            ("ptimizer" in text or "rainable (" in text)
            and (noted := _NOUNLESS_LABEL.match(text))
            and not _AUTHORS_FIGURE.match(noted["rest"])  # (`Trainable (x): 1K`, review 93)
        ):
            # `**Non-trainable (frozen CNN):** N`, `- **Optimizer State:** N` (35b's 003, 014)
            return f"{noted.group('lead')}{_label(noted.group('label'))} params: {noted['rest']}"
        if not may_spell_totals(text):
            return text
        if "B)" in text and (item := _NOUNLESS_SIZED_ITEM.match(text)):
            return f"{item.group('lead')}- {_label(item.group('label'))} params: {item['rest']}"
        row = "|" in text and _TOTALS_TABLE_ROW.match(text)  # `| **Total** | | **5,727,053** | |`
        return _table_row_totals(row) if row else text
    if (
        _TOTALS_GENUINE.match(text)
        and not text.rstrip().endswith(("\\", "_", "*"))
        and text.count("aram") == 1  # `… | Trainable params: …`: more totals on the line
    ):
        return text
    row = "|" in text and _TOTALS_TABLE_ROW.match(text)  # (a table row has a bar)
    if row:
        return _table_row_totals(row)
    row = "\t" in text and _TOTALS_TAB_ROW.match(text)
    if row:
        return _table_row_totals(row)
    match = _TOTALS_LABEL.match(text)
    if not match:
        rounded = _ROUNDED_PROSE.match(text) if ("~" in text or "≈" in text) else None
        if rounded is None:
            return text
        # `**Total: ~2.6M parameters, ~170K trainable**` (31b's 011): counts given rounded
        trainable = rounded.group("trainable")
        return f"{rounded.group('lead')}Total params: {rounded.group('total')}" + (
            f" Trainable params: {trainable}" if trainable else ""
        )
    label = _label(match.group("label"))
    rest = _TRAILING_MARKUP.sub("", match.group("rest"))
    if not rest.lstrip("~≈ ")[:1].isdigit():  # (`~1.3M`: a count given rounded)
        return text
    if "aram" in rest or "rainable" in rest:  # the other totals on the line (`… Trainable …`)
        rest = _LATER_LABEL.sub(lambda later: f" {_label(later.group('label'))} params: ", rest)
    # a list item stays one (`- Total params: N`): totals a report restates in a list are told
    # from a print by it
    bullet = (
        "- "
        if match.group("marks")[:1] in ("-", "+", "*") and match.group("marks")[1:2] in (" ", "\t")
        else ""
    )
    return f"{match.group('lead')}{bullet}{label} params: {rest}"


# A totals label whose count a page wrapped onto the next line (72d's 010: `| > Trainable
# params:   |   |` over `| > 108,706,565   |   |`; a print's `Trainable params:` / `54,474`).
_LABEL_WITHOUT_COUNT = lazy(
    r"(?P<head>.*\b(?:Total|Trainable|Non-trainable|Optimizer) params:)(?P<tail>[ \t|*]*)",
    re.I,
)
_COUNT_ALONE = lazy(
    r"[ \t|>#*]*(?P<count>\d[\d,]*(?: \(\d+(?:\.\d+)? (?:Byte|B|KB|MB|GB|TB)\))?)[ \t|*]*"
)


def joined_totals_counts(lines: Iterable[LineT]) -> Iterator[LineT]:
    """Join a totals label that ends its line to the count alone on the next line, at the
    label's line."""
    label: Optional[tuple[LineT, re.Match[str]]] = None
    run = False  # the label held follows another bare label: a column of labels, not wrapped
    label_before = False  # the last line was a bare label
    for line in lines:
        text = line.text
        if label is not None:
            held, match = label
            label = None
            count = _COUNT_ALONE.fullmatch(text) if text[:1] in " \t|>#*0123456789" else None
            if count is not None and not run:
                joined = f"{match['head']} {count['count']}{match['tail']}"
                yield with_text(held, joined.rstrip() if not match["tail"].strip() else joined)
                label_before = False
                continue
            yield held
        if "params:" in text and text.rstrip(" \t|*")[-1:] == ":":
            bare = _LABEL_WITHOUT_COUNT.fullmatch(text)
            if bare is not None:
                run = label_before
                label, label_before = (line, bare), True
                continue
        label_before = False
        yield line
    if label is not None:
        yield label[0]
