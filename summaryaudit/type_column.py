"""Merge a Markdown table's separate Type column into its layer cell (`| 3 | Conv2D | … |`)."""

from __future__ import annotations

import re
from typing import Optional

from .header_repair import english_title
from .patterns import lazy

# The first two titles of a table that gives each layer's class a column of its own: a row
# number or a name, then the class (29b's 013: `| Layer | Type | Output Shape | Parameters |`;
# 015: `| Order | Layer type | Output shape | Parameters | Connected to |`)
# (and in the languages whose Keras headers header_repair translates: 29b's 011, `| 層級 | 類型 |
# 輸出形狀 | 參數數量 | 說明 |`)
_FIRST_TITLES = frozenset(
    {"layer", "layer(#)", "layer (#)", "layer #", "#", "no", "no.", "nr", "order", "index"}
    | {"layer name"}
    | {"name", "層級", "层级", "層", "层", "名稱", "名称", "レイヤー", "レイヤ", "레이어", "층"}
    | {"capa", "camada", "couche", "schicht", "nombre", "nome", "nom"}
)
# A column numbering the rows before the name and Type columns (70a's 007: `| # | Layer | Type |
# Output Shape | Params |`): left out as the table is read
_INDEX_TITLES = frozenset({"#", "no", "no.", "nr", "nr.", "idx", "index", "s.no", "s.no."})
_TYPE_TITLES = frozenset(
    {"type", "layer type", "class", "layer class", "類型", "类型", "タイプ", "型", "유형", "타입"}
    | {"종류", "tipo", "typ"}
)
# A column of the author's own words between the layer and its shape (73d's 004: `| Layer |
# Operation | Output Shape | Parameters |`, `3×3, 32 filters, stride=1`): moved after the count,
# where a column Keras does not print is read as a note
_NOTE_TITLES = frozenset(
    {"operation", "description", "details", "config", "configuration", "note", "notes"}
    | {"settings", "hyperparameters", "purpose", "comment", "comments", "explanation"}
)
# A column of each layer's input shape before its output shape (75a's 015, a paper's LaTeX table
# `Layer Name & Layer Type & Input Shape & Output Shape & Parameters`): left out, as Keras
# prints no input shapes
_INPUT_SHAPE_TITLES = frozenset({"input shape", "input shapes", "input_shape"})
_SHAPE_TITLES = ("shape", "形狀", "形状", "출력", "forma", "forme", "ausgabe")
_PARAM_TITLES = ("param", "參數", "参数", "パラメータ", "파라미터", "매개변수", "parâm", "parám")
_MARKUP = " *`_"
_NOTED_CLASS = lazy(r"[A-Z][A-Za-z0-9]+ \([^()|]+\)")


def may_open(text: str) -> bool:
    """A cheap test: could the text hold the header of such a table (a cell that is a Type or
    Class title, not Keras's own `Layer (type)`)?"""
    if "|" not in text:
        return False
    if _TYPE_CELL.search(text) is not None or _NOTE_CELL.search(text) is not None:
        return True
    translated = not text.isascii() or "ipo" in text or "Typ" in text
    return translated and _TYPE_CELL_TRANSLATED.search(text) is not None


_TYPE_CELL = lazy(r"\|[ *`_]*(?:[Ll]ayer )?(?:[Tt]ype|TYPE|[Cc]lass)[ *`_]*\|")
_NOTE_CELL = lazy(
    r"\|[ *`_]*(?:Operation|Description|Details|Config(?:uration)?|Notes?|Settings"
    r"|Hyperparameters|Purpose|Comments?|Explanation)[ *`_]*\|",
    re.I,
)
_TYPE_CELL_TRANSLATED = lazy(
    r"\|[ *`_]*(?:類型|类型|タイプ|型|유형|타입|종류|[Tt]ipo|[Tt]yp)[ *`_]*\|"
)


class TypeColumn:
    """Rewrites the header of a Markdown table whose second column is the layer's class as a
    Keras header (`| Layer (type) | Output Shape | … |`), and each row under it until the
    table ends: a row number and its class become the class alone (`Conv2D`, read as a row
    of that class), a name and its class `name (Class)`. Each line keeps its number."""

    def __init__(self) -> None:
        self.prefix: Optional[str] = None  # the open table's text before its first bar
        self.skip = 0  # cells left out before the name (a column numbering the rows)
        self.noted = False  # the second column is the author's words, moved after the count
        self.inputs = False  # the third column is each layer's input shape, left out

    def idle(self) -> bool:
        """Tell whether no such table is open."""
        return self.prefix is None

    def apply(self, text: str) -> str:
        """Return the line as a table without the Type column reads it."""
        if self.prefix is not None:
            core = text.strip()
            if not core.startswith("|"):
                self.prefix = None
                return text
            return self._row(text)
        if not may_open(text):
            return text
        cells = _cells(text)
        if cells is None or len(cells) < 4:
            return text
        titles = [cell.strip(_MARKUP).lower() for cell in cells]
        skip = int(
            len(titles) >= 5
            and titles[0] in _INDEX_TITLES
            and titles[1] in _FIRST_TITLES
            and titles[2] in _TYPE_TITLES
        )
        cells, titles = cells[skip:], titles[skip:]
        noted = titles[1] in _NOTE_TITLES
        if titles[0] not in _FIRST_TITLES or not (noted or titles[1] in _TYPE_TITLES):
            return text
        rest = titles[2:]
        inputs = bool(rest) and rest[0] in _INPUT_SHAPE_TITLES
        if inputs:
            cells, titles, rest = [*cells[:2], *cells[3:]], [*titles[:2], *titles[3:]], rest[1:]
        if not any(word in title for word in _SHAPE_TITLES for title in rest) or not any(
            word in title for word in _PARAM_TITLES for title in rest
        ):
            return text
        self.prefix, self.skip, self.noted = text[: text.index("|")], skip, noted
        self.inputs = inputs
        if noted:
            return self._noted_last(["Layer (type)", *cells[1:]])
        if not text.isascii():  # (the titles in the author's language: Keras's in English)
            cells = [english_title(cell.strip(_MARKUP)) or cell for cell in cells]
        return f"{self.prefix}| Layer (type) | " + " | ".join(cells[2:]) + " |"

    def _row(self, text: str) -> str:
        cells = _cells(text)
        if cells is None or len(cells) < 3 + self.skip:
            return text
        cells = cells[self.skip :]
        if self.inputs and len(cells) >= 4:
            del cells[2]
        if self.noted and not _known(cells[1].strip(_MARKUP)):
            return self._noted_last(cells)  # (a class in it: the column is a Type column)
        first, kind = cells[0].strip(_MARKUP), cells[1].strip(_MARKUP)
        if not first.strip("-: ") and not kind.strip("-: "):
            return f"{self.prefix}| " + " | ".join(cells[1:]) + " |"  # the separator row
        if first.isdigit() and _NOTED_CLASS.fullmatch(kind):
            # `| 7 | Dense (Output) | …`: the class and the author's note, read as Keras's own
            # `Dense (Output)` reads (33a's 003)
            return f"{self.prefix}| {kind} | " + " | ".join(cells[2:]) + " |"
        called = _CLASS_CALL.fullmatch(kind) if kind.endswith(")") else None
        if called is not None and _known(called.group(1)):
            # `Conv2D(32, 3×3)`, `Dropout(0.25)`: the class as the author's code made it, its
            # arguments not read (33a's 001)
            kind = called.group(1)
        if not kind or not kind.replace(" ", "").replace("-", "").isalnum():
            return text  # no class in the cell (a totals row set in the table)
        joined = kind.replace(" ", "")  # `Batch normalization`, `Conv 1D`: the class's words
        if joined in _INPUT_WORDS and _class_named(first) in (None, "InputLayer"):
            # `keras.Input` makes an InputLayer (70a's 013: `| Input | Input |`); not a role
            # beside a name that says the class (`| dense_1 | Input |`)
            joined = "InputLayer"
        if first and not first.isdigit():
            layer = f"{first} ({joined})"
        elif " " in kind and _class_named(joined) is not None:
            # the words stay the row's name, as Connected to cells may call it (`Input layer`)
            layer = f"{kind} ({_class_named(joined)})"
        else:
            layer = joined
        return f"{self.prefix}| {layer} | " + " | ".join(cells[2:]) + " |"

    def _noted_last(self, cells: list[str]) -> str:
        """The line with its second cell (the author's words) moved after the others."""
        return f"{self.prefix}| {cells[0]} | " + " | ".join([*cells[2:], cells[1]]) + " |"


_INPUT_WORDS = frozenset({"Input", "input", "Inputlayer", "inputlayer", "Inputs"})
_CLASS_CALL = lazy(r"([A-Z][A-Za-z0-9]+) ?\([^()|]*\)")


def _known(name: str) -> bool:
    """Tell whether a name is a Keras class's."""
    from .layer_classes import is_known_class  # (only for such a table: start-up)

    return is_known_class(name)


def _class_named(words: str) -> Optional[str]:
    """The Keras class the joined words of a Type cell name (`Batchnormalization`), if any."""
    from .layer_classes import class_of_default_name  # (only for such a table: start-up)

    return class_of_default_name(words)


def _cells(text: str) -> Optional[list[str]]:
    """The cells of a Markdown table line (`| a | b |`), or None for another line."""
    core = text.strip()
    if not core.startswith("|"):
        return None
    inner = core[1:-1] if core.endswith("|") else core[1:]
    return [cell.strip() for cell in inner.split("|")]
