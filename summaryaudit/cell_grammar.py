"""Read the small languages inside cells (counts, shapes, names, totals) with the cell grammar."""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, NamedTuple, Optional, Union

from .layer_classes import is_known_class
from .memo import input_memo
from .patterns import lazy
from .records import Shape

if TYPE_CHECKING:  # Lark is imported only when a cell is not in the form Keras prints
    from lark import Lark, Token, Tree
    from typing_extensions import TypeGuard

GRAMMAR_FILE = "cells.lark"
COUNT = "count"
SHAPES = "shapes"
REFERENCE = "reference"
LAYER = "layer"
TOTALS = "totals"
CONNECTED = "connected"
STARTS = [COUNT, SHAPES, REFERENCE, LAYER, TOTALS, CONNECTED]
_MAX_DIGITS = 18
_MAX_SHAPE_CHARS = 4096
_SEPARATORS = lazy(r"[,._\s]")

Count = tuple[Optional[int], Optional[str]]
_UNREADABLE: Count = (None, None)
_Child = Union["Token", "Tree"]  # type: ignore[type-arg]


@functools.cache
def cell_parser() -> Lark:
    """Build (once) the LALR parser of every cell language; each language is a start symbol.

    Lark's strict mode needs the optional `interegular` package for regular-expression
    terminals, so this grammar is checked for Shift/Reduce conflicts by a test instead.
    """
    from .grammar_build import load_parser

    return load_parser(GRAMMAR_FILE, STARTS, strict=False)


def _parse(text: str, start: str) -> Optional[Tree]:  # type: ignore[type-arg]
    """The tree of a cell in one language, or None when the text is not in it."""
    from lark.exceptions import UnexpectedInput

    try:
        return cell_parser().parse(text, start=start)
    except UnexpectedInput:
        return None


def _is_token(child: object) -> TypeGuard[Token]:
    """Tell a Lark Token (a str) from a subtree without importing Lark to ask isinstance."""
    return isinstance(child, str)


def _tokens(tree: Tree) -> list[Token]:  # type: ignore[type-arg]
    """The tokens among a tree's children (the rules of these languages hold only tokens)."""
    return [child for child in tree.children if _is_token(child)]


def whole_number(text: str) -> Optional[int]:
    """Read digits grouped by `,`, `.` or `_` separators (spaced too); None past 18 digits."""
    digits = _SEPARATORS.sub("", text)
    if not digits.isdigit() or len(digits) > _MAX_DIGITS:
        return None
    return int(digits)


def _amount(tree: Tree) -> Optional[int]:  # type: ignore[type-arg]
    """`959,238.0` → 959238 (a float's `.0` is no digit of the count)."""
    return whole_number(tree.children[0])  # type: ignore[arg-type]


# --------------------------------------------------------------------------- Param #

CANONICAL_COUNT = lazy(r"[1-9]\d{0,2}(?:,\d{3})+|\d+")  # (no group after a leading 0)


@input_memo(maxsize=4096)
def read_count(text: str) -> Count:
    """Read a Param # cell (`2,097,664`, `16.0`, `0 (unbuilt)`); (None, None) when unreadable."""
    if CANONICAL_COUNT.fullmatch(text):  # the form Keras prints: the grammar's answer, faster
        return _canonical_number(text), None
    if "…" in text:  # a count the column cut (`10,240,0…`): no count in the language has `…`
        return _UNREADABLE
    noted = NOTED_COUNT.fullmatch(text)
    if noted:  # Keras 3's `0 (unbuilt)`
        value = whole_number(noted.group(1))
        return (value, noted.group(2)) if value is not None else _UNREADABLE
    return _count_of(_parse(text, COUNT))


def _canonical_number(text: str) -> Optional[int]:
    """`whole_number` of a count in Keras' own form (digits grouped by commas, nothing else)."""
    digits = text.replace(",", "")
    return int(digits) if len(digits) <= _MAX_DIGITS else None


# Keras 3's count of a layer never built, or of weights it does not use: the grammar's answer.
NOTED_COUNT = lazy(r"([1-9]\d{0,2}(?:,\d{3})+|\d+) \((unbuilt|unused)\)")


def _count_of(tree: Optional[Tree]) -> Count:  # type: ignore[type-arg]
    if tree is None:
        return _UNREADABLE
    tokens = _tokens(tree)
    value = whole_number(tokens[0])
    if value is None:
        return _UNREADABLE
    notes = [token for token in tokens if token.type == "NOTE"]
    return value, (notes[0].strip("()") if notes else None)


def grammar_count(text: str) -> Count:
    """The count language's answer alone, without the canonical fast path (tests compare them)."""
    return _count_of(_parse(text, COUNT))


# --------------------------------------------------------------------------- Output Shape


_TUPLE = r"\((?:None|\d{1,18})(?:, (?:None|\d{1,18}))*\)"
CANONICAL_SHAPES = lazy(rf"{_TUPLE}|\[{_TUPLE}(?:, {_TUPLE})*\]")


# whole tuples, then the next one's comma or the cut: a column that cut only the closing `]`
# (`[(None, 224, 224, 1)`, tf.keras 2's InputLayer) left the tuple before it whole
# (a model's outputs as a tuple, `((None, 128, 768), (`: a TFBertModel's, 39a's 014)
_LEADING_TUPLES = lazy(rf"[\[(](?P<whole>{_TUPLE}(?:, {_TUPLE})*)(?:,|$)")


def read_leading_shapes(text: str) -> Optional[tuple[Shape, ...]]:
    """Return the whole shapes at the start of a list of outputs the column cut
    (`[(None, 30, 300), (N` gives `((None, 30, 300),)`, as does `[(None, 30, 300)`), or None
    when none is whole."""
    match = _LEADING_TUPLES.match(text.strip())
    return read_shapes(f"[{match.group('whole')}]") if match else None


# One shape the column cut inside or after a number (`(None, 384, 8, 16, 1`, `(None, 192, 16,
# 32, `, a list's first `[(None, 64, 128, 128`): its whole axes, then one axis not shown in full;
# each axis of at most _MAX_DIGITS digits, as a whole shape's (int() refuses 4,300 and more)
_CUT_AXES = lazy(rf"\[?\(None((?:, \d{{1,{_MAX_DIGITS}}})+)(,?)\s*")
_CUT_AXES_OF_ANY_SIZE = lazy(rf"\[?\(None((?:, (?:None|\d{{1,{_MAX_DIGITS}}}))+)(,?)\s*")


class CutShape(NamedTuple):
    """One shape a column cut inside or after a number: its axes with the cut one unknown
    (`(None, 384, 8, 16, 1` gives (None, 384, 8, 16, None)), the digits the column left of
    that axis ('1'; '' after `32, `), and whether it opens a list (`[(None, …`)."""

    shape: Shape
    digits: str
    listed: bool


def read_cut_shape(text: str, sizes_unknown: bool = False) -> Optional[CutShape]:
    """Read a shape the column cut inside or after a number, or None when the text is no such
    shape; sizes_unknown: axes of no fixed size may come before the cut one (`(None, None,
    None, 4`: a fully convolutional model's, 81h's 003)."""
    text = text.strip()
    cut = (_CUT_AXES_OF_ANY_SIZE if sizes_unknown else _CUT_AXES).fullmatch(text)
    if cut is None:
        return None
    shown = cut.group(1)[2:].split(", ")
    if shown[-1] == "None" and not cut.group(2):
        return None  # (`(None, None, None`: no digits of a cut axis, maybe no axis cut)
    axes: list[Optional[int]] = [None if axis == "None" else int(axis) for axis in shown]
    if cut.group(2):
        axes.append(None)  # `32, `: one more axis, none of it shown
        digits = ""
    else:
        axes[-1] = None  # digits may follow the last one shown
        digits = shown[-1]
    return CutShape((None, *axes), digits, text[0] == "[")


@input_memo(maxsize=4096)
def read_shapes(text: str) -> Optional[tuple[Shape, ...]]:
    """Return one tuple of dims per output, or None when the text is not a complete shape.

    `(None, 3)` and `[(None, 3)]` give `((None, 3),)`; `[(None, 1), (None, 2)]` gives two
    shapes; Keras 3's 1-D `(None)` gives `((None,),)`. `multiple`, `?`, dict outputs and
    shapes cut by the column (no closing parenthesis) give None.
    """
    text = text.strip()
    if not text or len(text) > _MAX_SHAPE_CHARS:
        return None
    if CANONICAL_SHAPES.fullmatch(text):  # the forms Keras prints: the grammar's answer
        inner = text[1:-1] if text[0] == "[" else text
        return tuple(_dims(shape) for shape in inner[1:-1].split("), ("))
    if text in _NO_SHAPES:  # what Keras prints for no shape: not in the language
        return None
    return grammar_shapes(text)


_NO_SHAPES = frozenset({"?", "multiple", "None"})  # `None`: an output with no static shape


def _dims(text: str) -> Shape:
    return tuple(None if dim == "None" else int(dim) for dim in text.split(", "))


def grammar_shapes(text: str) -> Optional[tuple[Shape, ...]]:
    """The shapes language's answer alone, without the canonical fast path."""
    text = text.strip()
    if not text or len(text) > _MAX_SHAPE_CHARS:
        return None
    tree = _parse(text, SHAPES)
    if tree is None and text[:5] == "None," and text[-1] == ")" and "(" not in text:
        tree = _parse("(" + text, SHAPES)  # its `(` lost by hand (48c's 010: `None, 350, 64)`)
    if tree is None:
        return None
    shapes = []
    for child in tree.children:
        if not _is_token(child):
            repeated = child.data == "repeated"
            shape = _tuple_of(child.children[0] if repeated else child)
            if shape is None:
                return None
            shapes.extend([shape] * (int(str(child.children[-1])) if repeated else 1))
    return tuple(shapes)


def _tuple_of(tree: Tree) -> Optional[Shape]:  # type: ignore[type-arg]
    """`(None, 30)` gives (None, 30); None when a dimension has more than 18 digits."""
    dims: list[Optional[int]] = []
    for token in _tokens(tree):
        kind = token.type
        if kind == "DIGITS":
            digits = token.rstrip("L").removesuffix(".0")  # Python 2's long, `76L`; `96.0`
            if len(digits) > _MAX_DIGITS:
                return None
            dims.append(int(digits))
        elif kind in ("NONE", "UNKNOWN"):
            dims.append(None)
    return tuple(dims)


def single_shape(text: str) -> Optional[Shape]:
    """Return the shape when the text holds exactly one output shape, else None."""
    shapes = read_shapes(text)
    if shapes is None or len(shapes) != 1:
        return None
    return shapes[0]


# --------------------------------------------------------------------------- Connected to


class Reference(NamedTuple):
    """What one Connected to entry names: a layer and which of its output tensors."""

    layer: str
    tensor_index: int


Index = tuple[Optional[int], bool]  # the number in `[n]` (None for `[`), and whether `]` closes


def _index_text(index: Index) -> str:
    number, closed = index
    return "[" + ("" if number is None else str(number)) + ("]" if closed else "")


def _index_of(tree: Tree) -> Index:  # type: ignore[type-arg]
    """`[0]` gives (0, True); `[` cut by the column gives (None, False)."""
    number: Optional[int] = None
    closed = False
    for token in _tokens(tree):
        if token.type == "INDEX":
            number = int(token)
        elif token.type == "RSQB_REF":
            closed = True
    return number, closed


CANONICAL_REFERENCE = lazy(r"([^\[\]…]+)(?:\[\d+\]\[(\d+)\])?")
# A name the column cut, `separable_conv_1_reductio…`: the grammar reads it as the whole text.
CUT_REFERENCE = lazy(r"[^\[\]…]+…")
# An index the column cut, `global_average_pooling1d[…`, `add_1[0][0…`: the layer, tensor 0.
# Text without brackets, however cut (`input_layer_1… input_layer_2…`): all of it the name.
BRACKETLESS_REFERENCE = lazy(r"[^\[\]]+")
# Indexes cut without `…` (`dense[0]`, `dense[0][`, `dense[0][0`; 24b's 012, a paste ending in
# `['avg_pool[0][`): the name before the brackets names the layer; the tensor index is cut, so
# tensor 0 is read (the first output, as for a layer with one).
_INDEX_NUMBER = r"(?:0|[1-9][0-9]*)"
PARTIAL_REFERENCE = lazy(
    rf"[^\[\]…]+\[(?:({_INDEX_NUMBER})\](?:\[{_INDEX_NUMBER}?)?|{_INDEX_NUMBER}?)"
)
CUT_INDEX_REFERENCE = lazy(r"([^\[\]…]+)(?:\[(?:\d+(?:\](?:\[\d*)?)?)?…|(?:\[\d+\])?\[…\])")
# Keras 3's cut entry followed by a whole one on its line (`conv_bn_norma… bn_1_0[0][0]`): the
# grammar's name is everything before the first bracket, `…` included.
# A name of `…` alone is no name: the lexer reads it as the grammar's `…` (an ELLIPSIS, last).
_NAME_WITH_CUT = r"(?:[^\[\]…]|…[^\[\]])[^\[\]]*"
NAME_WITH_CUT_REFERENCE = lazy(rf"({_NAME_WITH_CUT})\[\d+\]\[(\d+)\]")
# ... and followed by a cut one (`conv_bn_reduc… stem_1[0…`, `x6gbm8… dense[…`): as
# CUT_INDEX_REFERENCE, the name everything before the first bracket.
NAME_WITH_CUT_INDEX_REFERENCE = lazy(rf"({_NAME_WITH_CUT})\[(?:\d+(?:\](?:\[\d*)?)?)?…")
# Text that no entry of the language spells: after the name (which ends at the first bracket)
# only indexes and one last `…` may follow, so Keras 3's cut entry with more of its line behind
# it (`conv3_block10_concat[0][0… conv3_block11_2_conv[0][0]`) is not one; the grammar fails on
# it and the text names itself, tensor 0.
NOT_A_REFERENCE = lazy(r"[^\[\]]*(?=[\[\]])(?!(?:\[\d*\]?)*…?\Z)[\s\S]*")


@input_memo(maxsize=4096)
def read_reference(text: str) -> Reference:
    """Read one Connected to entry (quotes and spaces around it ignored) into layer and tensor.

    `dense[1][0]` names tensor 0 of `dense`; `add_1[0]…` (cut) names `add_1`. An entry the
    grammar cannot read (brackets inside the name) names itself, tensor 0.
    """
    core = text.strip().strip("'")
    match = CANONICAL_REFERENCE.fullmatch(core)
    if match:  # the forms Keras prints: the grammar's answer, faster
        return Reference(match.group(1), int(match.group(2) or 0))
    if CUT_REFERENCE.fullmatch(core):
        return Reference(core, 0)
    match = NAME_WITH_CUT_REFERENCE.fullmatch(core)
    if match:  # `conv_bn_norma… bn_1_0[0][0]`: the name ends at the first bracket, `…` and all
        return Reference(match.group(1), int(match.group(2)))
    match = NAME_WITH_CUT_INDEX_REFERENCE.fullmatch(core)
    if match:  # `conv_bn_reduc… stem_1[0…`: the layer named before the first bracket, tensor 0
        return Reference(match.group(1), 0)
    match = CUT_INDEX_REFERENCE.fullmatch(core)
    if match:
        return Reference(match.group(1), 0)
    if BRACKETLESS_REFERENCE.fullmatch(core):  # `input_layer_1… input_layer_2…`: one name
        return Reference(core, 0)
    if PARTIAL_REFERENCE.fullmatch(core):  # `dense[0]`, `dense[0][`: `dense`, its tensor cut
        return Reference(core[: core.index("[")], 0)
    if NOT_A_REFERENCE.fullmatch(core):  # `a[0][0… b[0][0]`: outside the language, as printed
        return Reference(core, 0)
    return grammar_reference(text)  # the same text: it strips it the same way


def grammar_reference(text: str) -> Reference:
    """The reference language's answer alone, without the canonical fast path."""
    text = text.strip().strip("'")
    tree = _parse(text, REFERENCE)
    if tree is None:
        return Reference(text, 0)
    name = "".join(c for c in tree.children if _is_token(c) and c.type == "REF_NAME")
    indexes = [_index_of(c) for c in tree.children if not _is_token(c)]
    if any(_is_token(c) and c.type == "ELLIPSIS" for c in tree.children):
        return Reference(name if indexes else name + "…", 0)
    if any(_is_token(c) and c.type == "CUT_INDEX" for c in tree.children):
        return Reference(name, 0)  # `bidirectional_1[…]`: an index cut, closed by hand
    tail = indexes[-2:]
    if len(tail) == 2 and all(n is not None and closed for n, closed in tail):
        indexes = indexes[:-2]
    elif len(indexes) <= 2 and name:
        return Reference(name, 0)  # cut inside its two indexes: the name before them names it
    else:
        tail = []
    text = name + "".join(_index_text(i) for i in indexes)
    last = (tail or indexes)[-1:] if (tail or indexes) else []
    tensor = last[0][0] if last and last[0][1] and last[0][0] is not None else 0
    return Reference(text, tensor)


def layer_of_reference(ref: str) -> str:
    """The layer a Connected to entry names: `dense[0][0]` → `dense`; `add_1[0]…` → `add_1`."""
    return read_reference(ref).layer


CANONICAL_ENTRIES = lazy(r"[^,\s\['-][^,\s]*(?:, [^,\s\['-][^,\s]*)*")
CANONICAL_LIST = lazy(r"\['[^']*'(?:, '[^']*')*\]")
_QUOTED = lazy(r"'([^']*)'")


@input_memo(maxsize=4096)
def read_connected(text: str) -> tuple[str, ...]:
    """Split a Connected to cell into its entries: Keras 3's `a[0][0], b[0][0]` and `-`,
    tf.keras 2.7+'s `['a[0][0]', 'b[0][0]']` (wrapped and joined, or cut) and `[]`.

    A cell outside the language is one entry, as printed.
    """
    text = text.strip()
    if text == "-" or text == "[]":  # Keras 3's `-`, tf.keras 2.7+'s `[]`: no inputs
        return ()
    if CANONICAL_ENTRIES.fullmatch(text):  # the forms Keras prints: the grammar's answer
        return tuple(text.split(", "))
    if CANONICAL_LIST.fullmatch(text):
        return tuple(entry for entry in _QUOTED.findall(text) if entry)
    if "…" in text and _CUT_THEN_SPACE.search(text):
        # Keras 3 cuts an entry too wide for its column where its comma stood (`a[0]…`), and the
        # next entry starts the next line: `flatten_layer[0]… flatten_2[0][0]` is two (19b's
        # 007). Rare: the grammar reads it
        return grammar_connected(text)
    noted = _NOTED_ENTRY.fullmatch(text) if ")" in text else None
    if noted is not None:  # `layer_normalization_1 (Q, K, V)`: a name and the author's note
        return (noted.group(1),)
    if ONE_ENTRY.fullmatch(text):  # no comma: one entry, cut names and spaces and all
        return (text,)
    if SPACED_ENTRIES.fullmatch(text):  # cut entries keep the rest of their line: split at commas
        entries = [entry.strip() for entry in text.split(",")]
        return tuple(entries[:-1] if not entries[-1] else entries)
    return grammar_connected(text)


_CUT_THEN_SPACE = lazy(r"…\s")
_NOTED_ENTRY = lazy(r"([\w./-]+(?:\[\d+\]\[\d+\])?)[ \t]+\([^()]*\)")  # (31c's 012)
ONE_ENTRY = lazy(r"[^,\s\['-][^,]*")
# Keras 3's entries, a cut one keeping the rest of its line (`a[0]… b[0][…, c[0][0]`): the
# grammar's entries, each starting with no space, quote, bracket or dash; a last comma ends none.
SPACED_ENTRIES = lazy(r"[^,\s\['-][^,]*(?:,\s*[^,\s\['-][^,]*)*(?:,\s*)?")


def grammar_connected(text: str) -> tuple[str, ...]:
    """The Connected to language's answer alone, without the canonical fast path."""
    text = text.strip()
    noted = _NOTED_ENTRY.fullmatch(text) if ")" in text else None
    if noted is not None:  # `layer_normalization_1 (Q, K, V)`: the author's note is no entry
        return (noted.group(1),)
    tree = _parse(text, CONNECTED)
    if tree is None:
        return (text,) if text else ()
    children = tree.children
    if children and not _is_token(children[0]):  # a list: its entries inside the brackets
        children = children[0].children
    entries = []
    for token in children:
        kind = token.type  # type: ignore[union-attr]
        if kind in ("ENTRY", "BARE"):
            entries.append(token.strip())  # type: ignore[union-attr]
        elif kind == "QUOTED":
            entry = token.strip("'")  # type: ignore[union-attr]
            if entry:
                entries.append(entry)
    return tuple(entries)


# --------------------------------------------------------------------------- Layer (type)


class LayerCell(NamedTuple):
    """What a Layer (type) cell says: the layer's name, its printed class, and what was cut
    (with `ABBREVIATED` where the author shortened the class with a full stop)."""

    name: str
    printed_class: str
    cut: frozenset[str]


_CUT_NAME = frozenset({"name"})
_CUT_TYPE = frozenset({"type"})
_CUT_BOTH = frozenset({"name", "type"})
_NOTHING_CUT: frozenset[str] = frozenset()
# a class its author shortened with a full stop: cut, and said so apart from a column's cut
ABBREVIATED = "abbreviated"
_ABBREVIATED_TYPE = frozenset({"type", ABBREVIATED})
_ABBREVIATED_BOTH = frozenset({"name", "type", ABBREVIATED})
CANONICAL_LAYER = lazy(r"([^\s()]+)(?: \((?!None|\d|\?|\()([^\s()]*)(\))?)?")


@input_memo(maxsize=8192)
def read_layer_cell(text: str) -> LayerCell:
    """Read `name (Class)` with its cut, spaced, pushed and swapped forms.

    The class is cut when the print lost its `)` (or the whole class) or ends it with `…`; the
    name when it holds `…`. A hand-swapped `Conv2D (conv2d_6)` (a known class outside, a
    lower-case name inside) is read the right way round. A cell outside the language is all
    name, its class missing.
    """
    match = CANONICAL_LAYER.fullmatch(text)
    if match:  # the forms Keras prints, whole or cut: the grammar's answer, faster
        name, printed, closed = match.groups()
        return _layer_cell(name, printed or "", closed is not None)
    return grammar_layer_cell(text)


def grammar_layer_cell(text: str) -> LayerCell:
    """The Layer (type) language's answer alone, without the canonical fast path."""
    text = text.strip()
    tree = _parse(text, LAYER)
    if tree is None and text.endswith(")") and text.count(")") > text.count("("):
        # a `)` typed twice (26a's 011: `dense_14 (Dense))`; 48c's 010: `… (BatchNormalization) )`)
        tree = _parse(text[:-1].rstrip(), LAYER)
    if tree is None:
        return _layer_cell(" ".join(text.split()), "", False)
    name, printed, closed = "", "", False
    for child in tree.children:
        if not _is_token(child):
            words = " ".join(child.children)  # type: ignore[arg-type]
            if child.data == "layer_name":
                name = words
            else:
                printed = words
        elif child.type == "CLASS_CLOSE":
            closed = True
    return _layer_cell(name, printed, closed)


def _layer_cell(name: str, printed: str, closed: bool) -> LayerCell:
    if printed[:1] == "`" and printed[-1:] == "`" and len(printed) > 2:
        printed = printed[1:-1]  # a name set as code: `**MobileNetV2** (`mobilenetv2`)` (35b)
    if (
        closed
        and printed[:1].islower()
        and is_known_class(name)
        and "…" not in printed
        and " " not in printed  # a name (not the author's note: `Conv2D ( size = 3 , ReLU)`)
        and "=" not in printed  # (nor a setting: `Dropout (rate=0.2)`, 85c's 006)
    ):
        name, printed = printed, name  # swapped by hand: `Conv2D (conv2d_6)`
    if (
        printed[-1:] == "."
        and len(printed) > 3
        and printed[:1].isalpha()
        and printed[:-1].isalnum()
    ):
        # abbreviated by its author: `(Bidirect.)` (82d's 015)
        printed = printed[:-1] + "…"
        return _new_tuple(
            LayerCell, (name, printed, _ABBREVIATED_BOTH if "…" in name else _ABBREVIATED_TYPE)
        )
    name_cut = "…" in name
    type_cut = not closed or printed.endswith("…")
    # tuple.__new__ directly: the NamedTuple's own __new__ is one more Python call per cell
    if name_cut:
        return _new_tuple(LayerCell, (name, printed, _CUT_BOTH if type_cut else _CUT_NAME))
    return _new_tuple(LayerCell, (name, printed, _CUT_TYPE if type_cut else _NOTHING_CUT))


_new_tuple = tuple.__new__


# --------------------------------------------------------------------------- totals


class TotalsLine(NamedTuple):
    """What a totals line says: which total (`total`, `trainable`, `non_trainable`,
    `optimizer`), its count (None when unreadable) and its printed size (`4.82 KB`)."""

    label: str
    value: Optional[int]
    size: Optional[str]


_LABELS = {
    "total": "total",
    "trainable": "trainable",
    "nontrainable": "non_trainable",
    "optimizer": "optimizer",
}
CANONICAL_TOTALS = lazy(
    r"(Total|Trainable|Non-trainable|Optimizer) params: ([1-9]\d{0,2}(?:,\d{3})+|\d+)"
    r"(?: \((\d+(?:\.\d+)? (?:Byte|B|KB|MB|GB|TB|PB))\))?"
)


# `_label` of each label CANONICAL_TOTALS reads
_CANONICAL_LABELS = {
    "Total": "total",
    "Trainable": "trainable",
    "Non-trainable": "non_trainable",
    "Optimizer": "optimizer",
}


def _label(text: str) -> str:
    key = re.sub(r"[-\s_]|params$", "", text.lower())
    return _LABELS.get(key, key)


@input_memo(maxsize=4096)
def read_totals(text: str) -> Optional[TotalsLine]:
    """Read a totals line (`Total params: 1,234 (4.82 KB)`); None when it is not one."""
    text = text.strip()
    match = CANONICAL_TOTALS.fullmatch(text)
    if match:  # the form Keras prints: the grammar's answer, faster
        label, count, size = match.groups()
        return _new_tuple(TotalsLine, (_CANONICAL_LABELS[label], _canonical_number(count), size))
    read = grammar_totals(text)
    if (
        read is not None
        and read.value is not None
        and _COUNT_WITH_A_UNIT.match(text.partition(":")[2])
    ):
        return read._replace(value=None)  # `Total params: 2.1M`: rounded, not 2 (read_rounded)
    return read


# A totals line's count written with a unit (`: 2.1M`, `: ~850 K`): an author's rounding
_COUNT_WITH_A_UNIT = lazy(r"[ \t*_`]*[~≈]?[ \t]?\d[\d.,]*[ \t]?[KkMB](?![\w.])")
# (the count after the line's first colon only: review 94's item 2, `… Trainable params: ~1K`
# after an exact Total on one line)


# A count an author gave rounded, marked so (`~1.3M`, `≈ 850K`): not another tool's own
# `87.5 M`, which has no mark
_ROUNDED = lazy(
    r"(?:[~≈][ \t]?)?(?P<whole>\d{1,4})(?:\.(?P<tenths>\d{1,2}))?[ \t]?(?P<unit>[KkMB])\b"
    r"|[~≈][ \t]?(?P<grouped>\d{1,3}(?:,\d{3})+|\d+)(?![\d.,]|[ \t]?[KkMB]\b)"
)
_UNITS = {"K": 10**3, "k": 10**3, "M": 10**6, "B": 10**9}


def read_rounded(text: str) -> Optional[tuple[int, int]]:
    """The least and greatest count a totals line's count given as about so many (`Total
    params: ~1.3M`, `~250k`, `~17,652,545`, `1K`) rounds from, or None when it gives none. Its last
    digit that is not a trailing zero is the one rounded: `~250k` is 245,000 to 254,999."""
    tail = text.rpartition(":")[2]
    found = _ROUNDED.search(tail)
    if found is None or (tail[0 : found.start()].strip(" \t*_`") and found[0][0] not in "~≈"):
        return None  # (a count without `~` is rounded only where it is the line's count)
    if found.group("grouped"):
        value, step = int(found.group("grouped").replace(",", "")), 1
    else:
        digits = found.group("tenths") or ""
        step = _UNITS[found.group("unit")] // 10 ** len(digits)
        value = int(found.group("whole") + digits) * step
    while value and value % (step * 10) == 0:
        step *= 10  # (a trailing zero rounds nothing)
    return value - step // 2, value + (step + 1) // 2 - 1


_CLOSING_MARKS = " \t`'\",;|*"  # a string's quote, a table cell's bar, bold's marks


def _other_count_cell(tail: str, value: int) -> bool:
    """Tell whether a totals line's tail holds a table cell with a count other than `value`."""
    for cell in tail.split("|")[1:]:
        cell = cell.strip(" \t*_`").replace(",", "")
        if cell.isdigit() and int(cell) != value:
            return True
    return False


def grammar_totals(text: str) -> Optional[TotalsLine]:
    """The totals language's answer alone, without the canonical fast path."""
    tree = _parse(text.strip(), TOTALS)
    if tree is None:
        return None
    label, value, size, tail = "", None, None, False
    for child in tree.children:
        if not _is_token(child):
            value = _amount(child)
        elif child.type == "TOTALS_LABEL":
            label = _label(str(child))
        elif child.type == "TOTALS_SIZE":
            size = child.strip(" ()")
        elif child.type == "TOTALS_TAIL":
            # a string's closing quote or backtick and a comma after the size leave it read
            # (21b's 010: ``Total params: 100,996 (394.52 KB)`,`` in a JavaScript file)
            tail = tail or bool(child.strip(_CLOSING_MARKS))
            if child.lstrip().startswith("+"):
                value = None  # `1,000,000+`: a placeholder's lower bound, no count
            elif child.rstrip() == "," and "," in text.rstrip()[:-1].rsplit(" ", 1)[-1]:
                value = None  # `9,275,`: a separator with no digits after it (28c's 006: a
                # PDF's conversion cut the count's last groups)
            elif child[:1] == "," and child[1:2].isdigit():
                value = None  # `7,635,26`: a last group short of three digits (32b's 006)
            elif "|" in child and value is not None and _other_count_cell(child, value):
                value = None  # `Total params | 1267 | 1619 | 1352 |`: models side by side in
                # a paper's table (36a's 004), no one count the model's
    return TotalsLine(label, value, None if tail else size)
