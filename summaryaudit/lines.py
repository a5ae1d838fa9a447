"""Classify each physical line of a summary on its own: the lexer the line grammars read."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Optional

from . import cells, stderr_records
from .kinds import Classified, Layout, LineKind
from .memo import input_memo
from .patterns import lazy
from .sources import Line, clean_text
from .spaceless_rows import spaceless_rows

K = LineKind

HEADER_TITLE = lazy(r"Layer\s*\(type\)", re.I)  # `Layer (Type)`: hand-edited headers
NOT_KERAS_HEADER = lazy(r"Input Shape|Layer \(name\)|Kernel shape", re.I)  # (BrainChip Akida: 50b)
# A Markdown table typed by hand with an Input Shape column beside Keras's titles (85h's 011):
# its cells are read by their titles, so the extra column is left out
_PIPE_INPUT_SHAPE = lazy(
    r"[ \t]*\|[ \t]*Layer \(type\)[ \t]*\|[ \t]*Input Shape[ \t]*\|[ \t]*Output Shape[ \t]*\|", re.I
)


def is_foreign_header(text: str) -> bool:
    """Tell whether a line holds a title only another tool prints (paddle's or TensorFlow.js's
    Input Shape, BrainChip Akida's Kernel shape), not a Markdown table that adds one."""
    return NOT_KERAS_HEADER.search(text) is not None and _PIPE_INPUT_SHAPE.match(text) is None


def adds_an_input_shape_column(text: str) -> bool:
    """Tell whether a Markdown table's header adds an Input Shape column to Keras's titles
    (paddle's summary retyped as Markdown has the same titles: its rows tell them apart)."""
    return _PIPE_INPUT_SHAPE.match(text) is not None


SPLIT_TITLE = lazy(r"┃\s*Layer\s*┃")
SPLIT_TITLE_BELOW = lazy(r"┃\s*\(type\)\s*┃")
_TOTALS = lazy(
    # up to six marks (`| `, `**`, `# `) and a rule run glued on (`| =======Total params`)
    r"^[\W_]{0,6}(?:[=_-]{3,}[\W_]{0,2})?(?P<label>Total|Trainable|Non[-\s]?trainable|Optimizer)"
    # `Total params: N`, or a Markdown cell `| Total params | N |` (`| **Total params** |`);
    # `Total parameters` only as a cell of a retyped table (in prose it is anyone's words)
    r"\s*(?:params(?:[\W_]{0,4}?:|[\s*_`]*\|)|parameters[\s*_`]*\|)"
    r"[\s_*`|]*(?P<rest>.*)$",
    re.I,
)
_TOTALS_KINDS = {
    "total": K.TOTAL,
    "trainable": K.TRAINABLE,
    "nontrainable": K.NON_TRAINABLE,
    "optimizer": K.OPTIMIZER,
}
_MODEL = lazy(r'^\W{0,4}Model:[ \t]*(?:"(?P<q>[^"]*)"|(?P<bare>\S.*))|^Model$')
_RULE_CHARS = "_=━─-¯"
_RULE_TRIM = " _=|#>"
_JOIN_RULE = lazy(r"(?<![\[=])(_{12,}|={12,})(?![\]>=.])")
_JOIN_LABEL = lazy(
    r"(?<=[\w\d)\"_=.,;])\s+"
    r"(?=(?:Total|(?<![-\w])Trainable|Non-trainable|Optimizer) params\s*:\s*[\d(~≈])"
    # a label glued to the count before it, no space (`301Trainable params: 301`, 15a's 005)
    r"|(?<=\d)(?=(?:Trainable|Non-trainable|Optimizer) params\s*:\s*[\d(])"
    # … or to an elision mark before it (78c's 009: `…[0][0]   ...Total params: 36,382,957`)
    r"|(?:(?<=\.\.\.)|(?<=…))(?=Total params\s*:\s*\d)"
    # (not the title alone in a string of code: 91a's 011, `if "Layer (type)" in line:`)
    r"|(?:(?<=\")|(?<=__)|(?<===))\s*(?=Layer \(type\)(?![\"']))"
    # a header glued to the title a page set before it (26a's 012: `… LEARNINGLayer (type)`)
    r"|(?<=[A-Z]{2})(?=Layer \(type\))"
    # the first row glued to the header, the `=` rule between them lost (44b's 010: `Param #
    # conv2d (Conv2D) (None, 224, 224, 32) 896 …`)
    r"|(?<=Param #)[ \t]+(?=[\w./:-]+ \([A-Za-z][\w.]*\)? )"
)
# A rule of dashes joined to the print's other lines (44b's 010: a page that wrote Keras's `_`
# rules as `-` and put a whole print on one line); no edge of an ASCII box's rule (`+---+`)
_JOIN_DASH_RULE = lazy(r"(?<![\w+|-])-{12,}(?![\w+|-])")
_JOIN_MODEL = lazy(r'(?<=\S)\s+(?=Model: ")')
_PREFIX = lazy(r"^[ \t]*(?:(?:#>|##|#|//|>)[ \t]?)*")  # quotes, `#` and `//` comments
BOX_VERTICAL = "│┃"
BOX_TOP = lazy(r"^\s*[┏┌╭+][━─═\-┳┬+]+[┓┐╮+]?[^\w\s]?\s*$")
BOX_MID = lazy(r"^\s*[┡╞├|][━─═\-╇┼+]+[┩╡┤|]?[^\w\s]?\s*$")
BOX_BOTTOM = lazy(r"^\s*[└╰┗+][━─═\-┴┻+]+[┘╯┛+]?\s*$")
# A Markdown table's delimiter row: cells of three dashes or more, or (two cells at least, as
# GitHub accepts) of one or two (`| -- | -- |`).
_PIPE_SEP = lazy(
    r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$"
    r"|^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)+\|?\s*$"
)
# A header another tool prints with Keras's totals under it (pytorch-symbolic's summary)
FOREIGN_HEADER = lazy(r"\bLayer {2,}Output shape {2,}Params\b")
FOREIGN_SIGNS = lazy(
    r"Params size \(MB\)|Estimated Total Size|Forward/backward pass size"
    r"|Total estimated model params size"  # PyTorch Lightning's summary
)
_WORDS = lazy(r"(?<![\w\[(.'])[A-Za-z][a-z]{1,}(?![\w(\[])")
_NODE_ONLY = lazy(r"\[?'?[\w./-]+\[\d+\]\[\d+\]'?,?\]?")
_NODE_LIST = lazy(r"\[?'?[\w./-]+\[\d+\]\[\d+\]'?(?:[ ,]+'?[\w./-]+\[\d+\]\[\d+\]'?)*,?\]?")


def _inbound_cell(header: str) -> int:
    """The place of a Markdown header's Connected to cell (-1: it has none)."""
    titles = [cell.strip(" *_`").lower() for cell in cells.pipe_cells(header)]
    return next((i for i, title in enumerate(titles) if title.startswith("connected")), -1)


def is_node_list(text: str) -> bool:
    """Tell whether a line holds Connected to entries alone (`leaky_re_lu_3[0][0]`)."""
    return "[" in text and _NODE_LIST.fullmatch(text.strip()) is not None


_COUNT_TOKEN = lazy(r"(?:^|\s)(?:\d[\d,]*|\d+ \((?:unused|unbuilt)\))(?:\s|$)")
_ELISION = lazy(
    # (or set in brackets, as quoted text marks a cut: `[...]`, the review of 90's trials)
    r"[\s│┃|`]*(?:\.+|…|⋮|[\[(](?:\.{2,}|…)[\])]|[（(]?(?:中略|省略|以下略|생략)[)）]?)[\s.…⋮│┃|`]*"
    r"(?:'?\]+,?)?\s*"  # the end of a Connected to list the cut left (28a's 006: `（中略）  ']`)
)  # `（中略）`: Japanese and Chinese "omitted in the middle", Korean `생략` (26a's 013)
_OVERFLOWING_ROW = lazy(r" +[\w.\-/]+ \(\w+\)? +[\[(](?:None|\d)")
_SHAPE_OVERFLOWING_ROW = lazy(
    r" +[\w.\-/]+ \(\w+\) +\[?\((?:None|\d)[^\n]*[)\]][ \t]+\d[\d,]*[ \t]*$"
)
_CUT_NOTE = lazy(r"-{5,}[^-|│┃]{1,40}-{5,}")  # words inside a dash run: a note of rows cut
_SECTION_MARK = lazy(r"-+\s*(?:start|begin|beginning|end)\b", re.I)  # ... or where a part starts
_FENCE = lazy(r"`{3,}[^`]*|~{3,}.*|(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}")
_TRAILING_NOTE = lazy(r"(?<=[┃│┤┐┘┓┩╡╮╯+|])[ \t]+(?:#|//)[^┃│|]*$")
_RULE_CELL = lazy(r"[\s|:]*(?:[=_-]{3,}[\s|:+]*)+")
MAX_DEPTH = 32
_FIXED_LAYOUTS = (Layout.FIXED, Layout.COLLAPSED)
_BLANK, _SPACER, _HEADER_KIND, _MODEL_KIND = K.BLANK, K.SPACER, K.HEADER, K.MODEL
_ELISION_KIND, _ANNOTATION = K.ELISION, K.ANNOTATION
_ROW, _ROW_WEAK, _CONT, _CONT_WEAK = K.ROW, K.ROW_WEAK, K.CONT, K.CONT_WEAK
_RULE_KINDS = {"_": K.RULE, "=": K.RULE_EQ, "-": K.DASH_RULE}
_ROW_KINDS = frozenset((K.ROW, K.ROW_WEAK))
_CONT_KINDS = frozenset((K.CONT, K.CONT_WEAK))
_ROW_OR_CONT = frozenset((K.ROW, K.CONT, K.CONT_WEAK))


# --------------------------------------------------------------------------- joined lines


# One JSON string literal (a notebook's output line: `" dense (Dense)  …\\n"`), its escapes kept
_JSON_STRING = lazy(r'"((?:[^"\\\n]|\\.)*)"')
_JSON_LINE_END = '\\n",'  # `\n",`: the end of one output line of a notebook's JSON, then the next
_JSON_LAST_LINE_END = '\\n"'  # `\n"`: the end of a JSON object's last string, its text's last line
# A notebook output's text as one JSON string (or a list of one), after its key
_ONE_STRING_OUTPUT = lazy(r'"(?:text|text/plain)"[ \t]*:[ \t]*\[?[ \t]*"')
_JSON_LINES_JOINED = 3  # output lines on one physical line that prove a notebook's one-line JSON
# The keys of a notebook's JSON whose strings are no printed text (`"output_type":
# "display_data"` between two totals lines); a cell's `source` and an output's text are read
_NOT_PRINTED_KEYS = frozenset(("output_type", "name", "cell_type", "id", "execution_count"))


def _json_string_lines(text: str) -> Optional[list[str]]:
    """The printed lines of a notebook's JSON saved on one line (a part of an `.ipynb` file
    whose writer put no line breaks, 40a's 014): a physical line holding a summary's output
    lines as JSON string literals (`"Model: \\"model\\"\\n","___…\\n"," Layer (type) …\\n",…`)
    gives the text of each literal, decoded, one line per printed line; None for any other
    line."""
    if text.count(_JSON_LINE_END) < _JSON_LINES_JOINED and (
        # or one literal of many lines: an output's text kept as one string (85g's 014:
        # `"text": "Model: \"m\"\n___…\n",`), or a whole table in a string in code; not
        # totals alone in a string in code (`expected = "Total params: …\n…"`)
        text.count("\\n") < _JSON_LINES_JOINED
        or ("Layer (type)" not in text and _ONE_STRING_OUTPUT.search(text) is None)
    ):
        return None
    if "params" not in text and "Layer (type)" not in text:
        return None
    # an output shown both ways keeps its plain text: its HTML copy is read once (57b's 009: a
    # Kaggle notebook's Keras 3 box, its colours as ANSI codes, then as `<span>`s)
    both = '"text/plain"' in text and '"text/html"' in text
    printed: list[str] = []
    key = ""
    for literal in _JSON_STRING.finditer(text):
        if text[literal.end() : literal.end() + 1] == ":":
            key = literal.group(1)  # a key (`"text/plain":`): no printed text
            continue
        if (both and key == "text/html") or key in _NOT_PRINTED_KEYS:
            continue  # (`"output_type": "display_data"` between two totals lines: no text)
        printed.extend(
            clean_text(piece) for piece in _json_string_text(literal.group(1)).splitlines()
        )
    return printed


def _json_string_text(body: str) -> str:
    """The text a JSON string literal's body says (its escapes undone); the body as it is when
    it is no valid JSON string."""
    if "\\" not in body:
        return body
    from .notebook_fragment import decoded_json_string  # only for a notebook's JSON as text

    decoded = decoded_json_string(body)
    return body if decoded is None else decoded


def split_joined(lines: Iterable[Line]) -> Iterator[Line]:
    """Split lines that a paste joined: rule runs, totals labels and headers glued to other text,
    and a whole Keras 3 box joined onto one line."""
    for line in lines:
        text = line.text
        if _JSON_LINE_END in text or (
            _JSON_LAST_LINE_END in text and text.rstrip(" \t]}").endswith(_JSON_LAST_LINE_END)
        ):
            # a notebook's JSON saved on one line
            printed = _json_string_lines(text)
            if printed is not None:
                yield from split_joined(Line(line.number, piece, line.origin) for piece in printed)
                continue
        if "]" in text and ("<" in text or "←" in text):
            noted = _NOTE_AFTER_INBOUND.match(text)
            if noted is not None:
                # the author's note right of a row's Connected to list (34c's 009: `['input_1
                # [0][0]']       <- remove`): the row, then the note, which joins no list
                row = noted.group(1)
                marks = _leading_marks(row).rstrip()
                note = f"{marks} {noted.group(2).rstrip()}" if marks else noted.group(2).rstrip()
                yield Line(line.number, row, line.origin)
                yield Line(line.number, note, line.origin, margin_note=True)
                continue
        if (text[-3:] == '"""' or text[-3:] == "'''") and "(" in text and len(text) > 3:
            # a row, then the quotes that close the string it was pasted into (82b's 010:
            # `… 33 dense_1[0][0]"""`): the row, then the quotes on a line of their own
            yield Line(line.number, text[:-3], line.origin)
            yield Line(line.number, text[-3:], line.origin)
            continue
        if "\t" in text and "Layer (type)\t" in text:
            rows = _split_tab_rows(text)
            if rows is not None:  # a tab-separated print whose line breaks were lost
                for piece in rows:
                    yield Line(line.number, piece, line.origin)
                continue
        if len(text) > 200 and ("┏" in text or "+-" in text) and "Layer" in text:
            box = _split_box_run(text)
            if box is not None:
                for piece in box:
                    for part in _split_pieces(piece):
                        yield Line(line.number, part, line.origin)
                continue
        # two rows: two classes, two shapes; or a Connected to list's end, then a row (one of
        # them maybe without its class: 90c's 014), not a row's padding after its list
        if text.count("(") >= 4 or (
            (ended := text.find("']  ")) >= 0 and text[ended + 4 :].strip()
        ):
            rows = (
                _split_joined_pipe_rows(text)
                if "|" in text and "|  " in text
                else _split_joined_rows(text)
            )
            if rows is not None:
                # (each row may hold a rule glued to its end: 90c's 014, `['dropout[0][0]']====`)
                yield from split_joined(Line(line.number, piece, line.origin) for piece in rows)
                continue
        if (
            len(text) < 24
            # each word after its first character: a search for one character needs no copy
            # of the word in the width of a line of box drawing
            or not (
                '"' in text
                or ("_" in text and "__" in text)
                or ("=" in text and "==" in text)
                or ("p" in text and "params" in text)
            )
            or not text.strip(_RULE_TRIM)
            or not ("params" in text or "Layer (type)" in text or _may_join_rule(text))
        ):
            yield line
            continue
        # (a rule kept as a comment, `# ____…`, too: 34b's 010)
        marks = _leading_marks(text)
        margin = (
            _margin_note(text[len(marks) :]) if text[len(marks) :][:1] in _RULE_STARTS else None
        )
        if margin is not None:
            # a note the author wrote in the margin right of a rule (28c's 007): the rule, then
            # the note, which no table reading takes for a row
            yield Line(line.number, marks + margin[0], line.origin)
            yield Line(line.number, margin[1], line.origin, margin_note=True)
            continue
        pieces = _split_pieces(text)
        if len(pieces) == 1:
            yield line
            continue
        for piece in pieces:
            # a whole print collapsed onto one line: rows printed without a rule between them
            # (tf.keras 2.9+) come out of it back to back
            rows = _split_joined_rows(piece) if piece.count("(") >= 4 else None
            if rows is None and piece is pieces[-1] and piece.count("(") >= 2:
                # its one whole row, then the next one the excerpt cut (the review's 6b)
                rows = _last_row_then_cut(piece)
            for part in rows or (piece,):
                yield Line(line.number, part, line.origin)


# A layer row (`name (Class)  (None, 512)  2097664`) with the next row glued after its count,
# the line break and the rule between them lost. tf.keras 2.9+ wraps a long name or class in its
# column: the row then holds their start (`batch_normalization (BatchN`, `global_average_pooli`)
# and their end (`ormalization)`, `ame_for_projection (Dense)`, `)`) comes after the count (and
# its Trainable mark), before the next row.
# A row's first cell: its name, then its class, which the column may have cut or left out.
ROW_NAME_AND_CLASS = r"[\w./:-]+(?: \((?:[A-Za-z][\w.]*\)?)?)?"
_ROW_START = ROW_NAME_AND_CLASS + r"[ \t]+(?:\[?\((?:None|\d)|multiple\b|None[ \t]+\d)"
_CELLS_AFTER_THE_FIRST = (
    r"[ \t]+(?:\[?\((?:None|\d+)?(?:,[ \t]*(?:None|\d+))*,?\)\]?|multiple|None)[ \t]+"
    r"\d[\d,]*(?: \((?:unused|unbuilt)\))?[ \t]+"
    # a Connected to list whole on the line (90c's 014: `… 0       []      sex (InputLayer) …`)
    r"(?:\[(?:'[^'\n]*'(?:,[ \t]*'[^'\n]*')*)?\][ \t]+)?"
    r"(?:[YN][ \t]+)?"
)
_ROW_CELLS = r"^(?P<lead>[ \t]*)" + ROW_NAME_AND_CLASS + _CELLS_AFTER_THE_FIRST
# The start of a row a paste cut before its count: its name, maybe its class (cut or closed),
# maybe its shape (cut or whole); what the last line of an excerpt cut inside a row holds
# (its class closed or cut by its column: `batch_normalization_1 (Batch (None, 10)`, 66a's 006)
ROW_CUT_BEFORE_COUNT = (
    r"[\w./:-]+(?: \((?:[A-Za-z][\w.]*)?"
    r"\)?(?:[ \t]+\[?\((?:None|\d+)?(?:,[ \t]*(?:None|\d+)?)*\)?\]?)?)?"
)
_WRAPPED_TEXT = r"(?:[\w./:-]+ )?\(?[\w.]* ?\)"  # the end of a name or class a column wrapped
_WRAPPED_END = r"(?P<wrapped>" + _WRAPPED_TEXT + ")"
# The last row of a print joined onto one line, maybe the end of its name or class the column
# wrapped (`… 0 )`), then text the excerpt cut: the start of a row (`flatten (Flatten) (None,
# 5408) 0 de`) or of a wrapped name's or class's end (`batch_normalization (BatchN (None, 26,
# 26, 32) 128 ormaliz`), which blocks tells apart; a lone `Y` or `N` is the row's Trainable cell.
_LAST_ROW_THEN_CUT = lazy(
    _ROW_CELLS
    + r"(?:(?P<wrapped_end>"
    + _WRAPPED_TEXT
    + r")[ \t]+)?(?![YN][ \t]*$)(?P<cut>"
    + ROW_CUT_BEFORE_COUNT
    + r")[ \t]*$"
)
_MARGIN_ROW = lazy(_ROW_START)
# a layer row however far its cells stand apart (a README spaced them with `&nbsp;` runs)
_HEADED_ROW = lazy(r"[\w.-]+[ \t]+(?:\([\w.]+\)[ \t]+)?(?:\[?\((?:None|\d)|multiple\b)")
_JOINED_ROWS = lazy(_ROW_CELLS + r"(?:" + _WRAPPED_END + r"[ \t]+)?(?=" + _ROW_START + r")")
_LAST_WRAPPED = lazy(_ROW_CELLS + _WRAPPED_END + r"[ \t]*$")


# (maybe after the wrapped end of the row's name or class: ` tention)    'input_2[0][0]']`,
# ` ise_BN (QuantizeWrapperV2)    e[0][0]']`: the review of 90c's 014)
_LIST_END_THEN_ROW = lazy(
    r"([ \t]*(?:[\w./:-]*(?: \([\w.]*)?\)?[ \t]+)?(?:'[^'\n]*',?[ \t]*)*"
    r"(?:'[^'\n]*'|[^\s']*')\])[ \t]{2,}(?=" + _ROW_START + ")"
)


def _split_joined_rows(text: str) -> Optional[list[str]]:
    """Cut a line holding two or more layer rows one after another back into rows, each at
    the first row's indentation. None when the line is not such a join."""
    pieces: list[str] = []
    rest = text
    ended = _LIST_END_THEN_ROW.match(text) if "']  " in text else None
    if ended is not None:
        # the end of the row above's Connected to list, then the next row (90c's 014: a blog's
        # export lost the line break after `'thal[0][0]']`)
        pieces.append(ended.group(1))
        rest = text[ended.end() :]
    while True:
        match = _JOINED_ROWS.match(rest)
        if match is None:
            break
        wrapped = match.group("wrapped")
        if wrapped is None:
            pieces.append(rest[: match.end()].rstrip())
        else:  # the row, then its class's end on a line of its own, as Keras printed it
            pieces.append(rest[: match.start("wrapped")].rstrip())
            pieces.append(match.group("lead") + wrapped)
        rest = match.group("lead") + rest[match.end() :]
    then_cut = _last_row_then_cut(rest) if pieces else None
    last = _LAST_WRAPPED.match(rest) if then_cut is None else None
    if then_cut is not None:  # the last row, then the start of one the excerpt cut
        pieces.extend(then_cut[:-1])
        rest = then_cut[-1]
    elif last is not None:  # the last row, with the end of its wrapped name or class after it
        pieces.append(rest[: last.start("wrapped")].rstrip())
        rest = last.group("lead") + last.group("wrapped")
    if not pieces:
        return spaceless_rows(text) if "(" in text and " " not in text.strip() else None
    return [*pieces, rest]


# The end of a row of a tab-separated print (its count after a tab), then blanks and the next
# row's name: where a line break was (76d's 004: `…\t896 max_pooling2d\t(None, 111, …`).
_TAB_ROW_END = lazy(r"(?<=\t)(\d[\d,]*) +(?=[\w.\-/]+(?: \(\w+\)?)?\t[\[(])")


_TEXT_AFTER_TAB_ROW = lazy(r"(.*\t\d[\d,]*)[ \t]{2,}(\S.*)")


def _split_tab_rows(text: str) -> Optional[list[str]]:
    """Cut a tab-separated print joined onto one line (`Layer (type)\tOutput Shape\tParam #
    conv2d (Conv2D)\t(None, 222, 222, 32)\t896 max_pooling2d\t…`) back into its header and
    rows; None when no row follows the header so."""
    head, title, rest = text.partition("Param #")
    if not title or not rest.strip():
        return None
    rows = _TAB_ROW_END.sub(lambda match: match.group(1) + "\n", rest.strip()).split("\n")
    if len(rows) < 2:
        return None
    after = _TEXT_AFTER_TAB_ROW.match(rows[-1])
    if after is not None:  # the page's text after the last row (`11075712  Export to Sheets`)
        rows[-1:] = [after.group(1), after.group(2)]
    before, layer, titles = head.rpartition("Layer (type)")
    return (
        [before.rstrip(), layer + titles + title, *rows]
        if before.strip()
        else [head + title, *rows]
    )


def _last_row_then_cut(text: str) -> Optional[list[str]]:
    """A print's last row, maybe the end of its class on a line of its own (as Keras printed
    it), then the start of a row the excerpt cut (a line to report); None when the text is no
    such row and cut."""
    cut = _LAST_ROW_THEN_CUT.match(text)
    if cut is None:
        return None
    wrapped_end = cut.group("wrapped_end")
    if wrapped_end is None:
        pieces = [text[: cut.start("cut")].rstrip()]
    else:
        pieces = [text[: cut.start("wrapped_end")].rstrip(), cut.group("lead") + wrapped_end]
    return [*pieces, cut.group("lead") + cut.group("cut")]


# A Markdown row, the blanks that ended its line, then the next row's first cell: a hand-typed
# table whose line break was lost (29b's 008: `… |   128   |        …        |conv2d_1 (Conv2D) |`)
_JOINED_PIPE_ROW = lazy(r"(?<=\|)[ \t]{8,}(?=\|[ \t]*" + ROW_NAME_AND_CLASS + r"[ \t]*\|)")
_NAMED_ROW_CELL = lazy(cells.LAYER_LABEL)
_GLUED_RULES = frozenset(("===", "___"))
_CUT_ROW_START = lazy(r"[\w./-]+ \(")
_ROW_WITHOUT_COUNT = lazy(r"[\w./-]+ \([A-Za-z][\w.]*\)? +\[?\((?:N|No|None|\d)[\w, ]*(?:\)\]?)?")
# a class, maybe with a note after it (88b's 011: `| Bi-LSTM, *128 units* | (None, 256) | - |`)
_CLASS_WORD_CELL = lazy(r"[A-Z][A-Za-z0-9-]+(?:,? [^|]*)?")
_SHAPE_CELL = lazy(cells.WHOLE_SHAPE)


def _starts_pipe_row(here: list[str]) -> bool:
    """Tell whether a Markdown line's cells start a row of their own, not the rest of the row
    above: a layer's name and class (29b's 008: a short row above it lost a bar), a class and
    a whole shape with no count written (29b's 006: `| LeakyReLU | (None, 512) | - |`; a
    wrapped line's rest holds no whole class and shape; 88b's 011: `| Bi-LSTM, *128 units* |
    (None, 256) | - |`, a class and a note), or a rule an OCR glued to the text
    after it (30b's 001: `| =======Total parans: 28,824,384 |  |  |`)."""
    if not here:
        return False
    first = here[0]
    return (
        first[:3] in _GLUED_RULES
        or (" (" in first and _NAMED_ROW_CELL.match(first) is not None)
        or (
            len(here) > 1
            and first[:1].isupper()
            and _CLASS_WORD_CELL.fullmatch(first) is not None
            and _SHAPE_CELL.fullmatch(here[1]) is not None
        )
    )


_PIPE_ROW_FIRST_CELL = lazy(r"[ \t]*\|[ \t]*[\w./:-]+ \([A-Za-z]")


def _split_joined_pipe_rows(text: str) -> Optional[list[str]]:
    """Cut a line holding two Markdown rows, the blanks that ended the first between them, back
    into rows. None when the line is not such a join (each piece must start as a layer row)."""
    pieces = _JOINED_PIPE_ROW.split(text)
    if len(pieces) == 1 or not all(_PIPE_ROW_FIRST_CELL.match(piece) for piece in pieces):
        return None
    return pieces


def _may_join_rule(text: str) -> bool:
    """Tell whether a rule run is glued to other text (a run needs twelve `_` or `=` in a row);
    an ASCII box's `+====+====+` rule under its header is one line of its own."""
    return (
        ("____________" in text or "============" in text)
        and bool(_JOIN_RULE.search(text))
        and not _ASCII_HEAD_RULE.match(text.strip())
    )


_BOX_LEFT = "┏┃┡│├└+|"
_BOX_RIGHT = "┓┃┩│┤┘+|"


def _split_box_run(text: str) -> Optional[list[str]]:
    """Cut a Keras 3 box joined onto one line back into its lines: every line of a box is as
    wide as its top border. None when the line is not such a box."""
    start = text.find("┏")
    end = text.find("┓", start)
    if start < 0:  # the ASCII box: `+-----+` (its top border has no joints)
        start = text.find("+-")
        end = text.find("+", start + 1)
    width = end - start + 1
    if start < 0 or end < 0 or len(text) - start < 4 * width:
        return None
    pieces = [text[:start].rstrip()] if text[:start].strip() else []
    pos = start
    while pos < len(text) and text[pos] in _BOX_LEFT:
        chunk = text[pos : pos + width]
        if len(chunk) < width or chunk[-1] not in _BOX_RIGHT:
            return _split_box_at_edges(text)
        pieces.append(chunk)
        pos += width
        while pos < len(text) and text[pos] in " \t":
            pos += 1
    if text[pos:].strip():
        pieces.append(text[pos:])
    return pieces if len(pieces) > 3 else None


_BORDER_ENDS = {"┏": "┓", "┡": "┩", "├": "┤", "└": "┘", "╞": "╡"}


def _split_box_at_edges(text: str) -> Optional[list[str]]:
    """Cut a box joined onto one line whose cells also lost their padding (22a's 009: a PDF
    export), where its lines are no longer as wide as its top border: a border line ends at
    its right corner, a row line at its last bar (one more bar than the top border has
    columns). None when that finds no box."""
    top = text.find("┏")
    end = text.find("┓", top) if top >= 0 else -1
    if end < 0:
        return None
    bars_per_line = text.count("┳", top, end) + 2
    pieces = [text[:top].rstrip()] if text[:top].strip() else []
    pos, size = top, len(text)
    while pos < size:
        char = text[pos]
        if char in _BORDER_ENDS:
            stop = text.find(_BORDER_ENDS[char], pos)
            if stop < 0:
                return None
            stop += 1
        elif char in "┃│":
            stop, bars = pos, 0
            while stop < size and bars < bars_per_line:
                bars += text[stop] in "┃│"
                stop += 1
            if bars < bars_per_line:
                return None
        else:
            break
        pieces.append(text[pos:stop])
        pos = stop
        while pos < size and text[pos] in " \t":
            pos += 1
    if text[pos:].strip():
        pieces.append(text[pos:])
    return pieces if len(pieces) > 3 else None


# A count cell an author emptied of its count (30c's 015: `lstm (LSTM)  (None, 10, 128)  ...`)
LEFT_OUT_COUNTS = frozenset(("...", "…", "....", ". . ."))
_RULE_STARTS = ("_", "=")  # (a one-character slice of a line: `in` on a tuple, no call)
_MARGIN_NOTE = lazy(r"(\s*(?:_{40,}|={40,}))[ \t]{3,}(\S.*)")
_COMMENT_MARKS = " \t#"  # the indentation and `#` before a commented row or rule


def _leading_marks(text: str) -> str:
    """The blanks and `#` marks a line starts with (a row or rule kept as a comment)."""
    return text[: len(text) - len(text.lstrip(_COMMENT_MARKS))]


# A row's Connected to list, then a note after a run of blanks, marked as an arrow
_NOTE_AFTER_INBOUND = lazy(r"(.*\])[ \t]{2,}((?:<-|<<|←)\S*(?: .*)?)")
_NOTE_IS_ROW = lazy(r"[\w.\-/]+ \(\w")


def _margin_note(text: str) -> Optional[tuple[str, str]]:
    """Split a rule and the note written far to its right (`=====…=====       SimpleRNN 의
    4배이다.`): none when what follows the rule is a summary's own line (a row, a header, a
    title or totals that a paste joined to it)."""
    found = _MARGIN_NOTE.fullmatch(text.rstrip())
    if found is None:
        return None
    note = found.group(2)
    if (
        _NOTE_IS_ROW.match(note)
        or "Layer" in note
        or "Model" in note
        or totals_kind(note) is not None
        or set(note) <= set(_RULE_CHARS + " ")
    ):
        return None
    return found.group(1), note


def _split_pieces(text: str) -> list[str]:
    # Each search only where its literal part is in the line: the three expressions start with
    # a lookbehind, so the engine tries them at every offset.
    rule = "____________" in text or "============" in text
    label = may_join_label(text)
    model = 'Model: "' in text
    if not (rule or label or model):
        return [text]  # no join can be found in it
    dashes = "------------" in text and label and "+-" not in text and "|-" not in text
    stripped = text.strip()
    core = _PREFIX.sub("", stripped)
    if not core or set(core) <= set(_RULE_CHARS + " |"):
        return [text]
    marks: list[int] = []
    if rule:
        for match in _JOIN_RULE.finditer(text):
            marks.extend((match.start(), match.end()))
    if dashes:
        for match in _JOIN_DASH_RULE.finditer(text):
            marks.extend((match.start(), match.end()))
    if label:
        for match in _JOIN_LABEL.finditer(text):
            marks.append(match.end())
    if model:
        for match in _JOIN_MODEL.finditer(text):
            marks.append(match.end())
    prefix_end = len(_PREFIX.match(text).group(0))  # type: ignore[union-attr]
    cuts = sorted({m for m in marks if prefix_end < m < len(text)})
    if not cuts:
        return [text]
    if len(text[: cuts[0]].strip(_BEFORE_HEADER)) > _LONGEST_LEAD and not any(
        char.isdigit() for char in text[cuts[0] :]
    ):
        return [text]  # a paragraph ending in a rule and a header's start: no table (25a's 002)
    pieces: list[str] = []
    last = 0
    for cut in cuts:
        pieces.append(text[last:cut])
        last = cut
    pieces.append(text[last:])
    prefix = text[:prefix_end]
    out = [pieces[0].rstrip()] + [prefix + p.strip() for p in pieces[1:]]
    return [p for p in out if p.strip()] or [text]


_LABEL_WORDS = ("Total", "Trainable", "Non-trainable", "Optimizer")


def may_join_label(text: str) -> bool:
    """A cheap test: could a totals label or header be glued to the text before it here?

    True when the line holds `Layer (type)`, or a totals label (`Total params`, …) after
    white space or a digit after other text: what every join _JOIN_LABEL finds needs.
    """
    if "Layer (type)" in text:
        return True
    at = text.find(" params")
    while at != -1:
        for word in _LABEL_WORDS:
            start = at - len(word)
            if (
                start > 1
                and (text[start - 1].isspace() or text[start - 1].isdigit())
                and text.startswith(word, start)
                and not text[: start - 1].isspace()
            ):
                return True
        at = text.find(" params", at + 1)
    return False


# --------------------------------------------------------------------------- prefixes


def prefix_of(text: str, anchor: int) -> str:
    """Return the paste prefix (quote marks, comment marks, indentation) before column anchor."""
    match = _PREFIX.match(text[:anchor])
    return match.group(0) if match else ""


def without_marks(text: str) -> str:
    """Return a line without any leading quote or comment marks."""
    return _PREFIX.sub("", text)


_MARGIN_MARK_INDENT = 4  # columns beyond the block's own marks where a mark starts a margin note


class Prefix:
    """Removes a block's common paste prefix from each of its lines."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.bare = prefix.rstrip()
        self.marks = prefix.strip()

    def strip(self, text: str) -> Optional[str]:
        """Return the line without the prefix, or None when the line does not carry it."""
        prefix = self.prefix
        if not prefix:
            return text
        if text.startswith(prefix):
            return text[len(prefix) :]
        if not text.strip() or text.strip() == self.marks:
            return ""
        if self.bare and text.startswith(self.bare):
            return text[len(self.bare) :]
        if not self.marks:
            # Indentation only: a line indented less is outside the block, unless it is a totals
            # line (a table pasted indented, its totals written under it at the margin) or a
            # layer row; the grammar still decides whether they belong to the table.
            # A layer row at the margin is kept too: a code block whose first line alone kept
            # its indent (20a's 013: `    Layer (type) …` over `conv2d_4 (Conv2D)  (None, …`).
            # So is a Markdown row at the margin under a header indented by up to 3 blanks,
            # as Markdown allows (35b's 007: `   | Layer (type) | …` over `| conv2d …`).
            if totals_kind(text) is not None or _MARGIN_ROW.match(text) or text[:1] == "|":
                return text.lstrip()
            return None
        stripped = _PREFIX.sub("", text)
        marks_here = text[: len(text) - len(stripped)].strip()
        if marks_here.replace(" ", "") == self.marks.replace(" ", ""):
            indent = len(text) - len(text.lstrip())
            if indent > len(prefix) - len(prefix.lstrip()) + _MARGIN_MARK_INDENT:
                # a comment in the margin, far right of where the block's own marks stand
                # (34b's 013: `#(10 * 10) + (1 * 10) +(1 * 10)= 120` under a row's count):
                # the author's note, its mark kept, not a line of the table
                return text[len(prefix) :]
            return stripped
        if not marks_here and (is_rule(text, "=") or is_rule(text, "_")):
            return text  # a rule the comment marks missed (26c's 009: `#` rows, a bare `=` rule)
        if self.marks == "|" and totals_kind(text) is not None:
            return text  # a bar margin's totals line whose bar a repair took (70c's 013)
        return None


# --------------------------------------------------------------------------- single-line tests


def is_rule(text: str, char: str) -> bool:
    """Tell whether a line is a rule made of char (allowing surrounding spaces), or a rule of
    one run per column (`------- ------ ----`, as tables retyped by hand or by pandas rule)."""
    core = text.strip()
    if len(core) < 5 or core.count(char) < 5 or not set(core) <= {char, " "}:
        return False
    return core.count(char) >= len(core) - 2 or min(map(len, core.split())) >= 3


_WRAPPED_CLASS_END = lazy(r"(?:[a-z][A-Za-z0-9_.]*)?\)")
_DOCSTRING_QUOTES = frozenset(('"""', "'''"))
_TABLE_RULE_CHARACTERS = frozenset("+-=|: \t")


def is_table_rule(text: str) -> bool:
    """Tell whether a line is a grid or Markdown table's rule (`+-----+----+`, `|---|:--|`)."""
    core = text.strip()
    return (
        len(core) >= 5
        and core[0] in "+|"
        and core.count("-") + core.count("=") >= 3
        and _TABLE_RULE_CHARACTERS.issuperset(core)
    )


def is_cut_rule(core: str) -> bool:
    """Tell whether a stripped line is a `_` or `=` rule that a paste's cut shortened (`==`)."""
    return len(core) >= 2 and core[0] in "_=" and core == core[0] * len(core)


def totals_match(text: str) -> Optional[re.Match[str]]:
    """Match a totals line (`Total params: …`): its `label` and the `rest` after the colon."""
    return _TOTALS.match(text.strip())


def totals_kind(text: str) -> Optional[LineKind]:
    """Return the totals kind of a line (`Total params: …`), or None."""
    if "aram" not in text and "ARAM" not in text:
        # no `params` (a rule of `=` would cost the pattern a long backtrack), but maybe a label
        # with the author's note (`Trainable (Phase 1): ~166K`)
        return _noted_totals_kind(text) if "):" in text else None
    match = totals_match(text)
    if not match:
        return _misspelt_totals_kind(text)
    return _TOTALS_KINDS[match.group("label").lower().replace(" ", "").replace("-", "")]


# A totals line whose label a paste misspelt (69a's 005: `sTrainable params: 237,259`, a key
# typed into the text), its count after it: a totals line the reader reports as unreadable
# (its count is not taken), not text that ends the totals and hides the lines after it.
_MISSPELT_TOTALS = lazy(
    r"^[\W_]{0,6}(?P<label>[A-Za-z][A-Za-z-]{3,15})[ \t]*(?:params|parameters)[ \t]*"
    # a colon and the count, as Keras prints it; without the colon, the count alone (no
    # sentence: `Trainable params 3 were all I expected.`)
    r"(?::[ \t]*\d|\d[\d,.' ]*(?:[ \t]*\([^()]*\))?[ \t]*$)"
)
_UNTRAINABLE = ("untrainable", "nottrainable", "frozen")
# (Trainable or Non-trainable, its count rounded: `~166K`, `≈ 1.2M`; not `Total (wall time):
# 12:30`, nor a count of layers: review 92's items 1 and 3–5)
_NOTED_TOTALS = lazy(
    r"[\W_]{0,6}(Total|Trainable|Non-trainable)(?:[ \t]+params)?[ \t]*\([^()\n]{1,40}\)[ \t]*:"
    r"[ \t]*(?:[~≈][ \t]*\d[\d.,]*[ \t]*[KkMmB]?|\d[\d.,]*[ \t]*[KkMmB])(?![\w.])"
)


# A totals label with the author's note in parentheses, whatever follows its colon
_NOTED_LABEL = lazy(
    r"[\W_]{0,6}(?:Total|Trainable|Non-trainable)(?:[ \t]+params)?[ \t]*\([^()\n]{1,40}\)[ \t]*:"
)


def noted_totals(text: str) -> bool:
    """Tell whether a line is an author's totals label with a note and a rounded count."""
    return "):" in text and _noted_totals_kind(text) is not None


def _noted_totals_kind(text: str) -> Optional[LineKind]:
    """The kind of a totals label with the author's note and a rounded count (93a's 010:
    `Trainable (Phase 1): ~166K`): a totals line whose count is not taken, reported, not text
    that is skipped; None for other lines."""
    noted = _NOTED_TOTALS.match(text.strip())
    if noted is None or noted[1] == "Total":
        return None
    return _TOTALS_KINDS[noted.group(1).lower().replace("-", "")]


def _misspelt_totals_kind(text: str) -> Optional[LineKind]:
    """The totals kind whose label a misspelt one stands for (a character glued on, left out
    or changed: the label it is nearest), or None."""
    found = _MISSPELT_TOTALS.match(text.strip())
    if found is None:
        return _noted_totals_kind(text)
    label = found.group("label").lower().replace("-", "")
    if label in _TOTALS_KINDS:
        return _TOTALS_KINDS[label]  # (`Non-trainable params 64`: only the colon left out)
    if label in _UNTRAINABLE:
        return K.NON_TRAINABLE
    import difflib  # only for a line like a totals line that no label spelling matched

    # the nearest label (`sNon-trainable` is nearer Non-trainable than Trainable, which it
    # ends with too)
    score, word = max((difflib.SequenceMatcher(None, label, w).ratio(), w) for w in _TOTALS_KINDS)
    return _TOTALS_KINDS[word] if score >= 0.85 else None


# a count (`1,234`, `134.289.223` retyped with dots), not another tool's `87.5 M` or `1.2 K`,
# nor a sum someone worked out (`27 + 256 = 283`)
_COUNT_FIRST = lazy(r"\d(?!\d*(?:\.\d+)?[ \t]?[KMGT]\b)(?![\d,]*[ \t]*[-+*×x/=][ \t]*\d)")


def totals_count_shown(text: str) -> bool:
    """Tell whether a totals line gives a count after its label (`Total params: 1,234`), not
    words (`"Total params": the number of …`), another tool's `87.5 M` or a sum (`27 + 256`)."""
    match = totals_match(text)
    return match is not None and _COUNT_FIRST.match(match.group("rest")) is not None


def model_name(text: str) -> Optional[str]:
    """Return the model name of a `Model: "name"` line ('' for R's bare `Model`), or None."""
    if '\\"' in text:
        text = text.replace('\\"', '"')  # quotes escaped (44c's 014: `Model: \\"sequential_2\\"`)
    match = _MODEL.match(text.strip())
    if not match:
        bare_title = _BARE_TITLE.fullmatch(text.strip()) if '"' in text else None
        # `"model_36"`: a title whose `Model: ` the paste lost (28b's 009), read only where a
        # title may stand (above a header's rule: lines in a table test for `Model` first)
        return bare_title.group(1) if bare_title else None
    if match.group("q") is not None:
        return match.group("q")
    bare = (match.group("bare") or "").strip()
    if bare[:1] == '"' and '"' not in bare[1:]:
        return bare[1:]  # its closing quote lost (`Model: "sequential`, 18b's 007)
    if len(bare) > 2 and bare[0] + bare[-1] in _TYPESET_QUOTES:
        return bare[1:-1]  # quotes a translation or a word processor set (`“顺序”`, 26c's 009)
    return bare


def quoted_model_title(text: str) -> bool:
    """Tell whether a line is a `Model:` title as Keras prints it, its name in double quotes
    (maybe cut before the closing one: `Model: "Q_K`), not `Model: VGG16` in prose."""
    return text.strip().startswith('Model: "') and model_name(text) is not None


def is_list_item(text: str) -> bool:
    """Tell whether a line is a Markdown list item (`- `, `* `, `+ `, maybe quoted with `>`)."""
    return text.lstrip(" \t>").startswith(("- ", "* ", "+ "))


_TYPESET_QUOTES = ("“”", "「」", "『』", "„“", "«»")
_BARE_TITLE = lazy(r'"([A-Za-z][\w.\-]{0,79})"')


def mentions_layer(text: str) -> bool:
    """Tell cheaply whether a line holds the word `Layer` in any case (a header may)."""
    return "ayer" in text or "AYER" in text


@input_memo(maxsize=1024)
def is_header(text: str) -> bool:
    """Tell whether a line is a Keras `Layer (type)` header (not torchsummary's or paddle's, and
    not a sentence that mentions the column)."""
    if not mentions_layer(text):
        return False
    title = HEADER_TITLE.search(text)
    return (
        title is not None
        and len(text[: title.start()].strip(_BEFORE_HEADER)) <= _LONGEST_LEAD
        and not is_foreign_header(text)
        and not _QUOTED_TITLE.search(text)
        and not looks_like_prose(HEADER_TITLE.sub(" ", text))
        and not (
            (_HEADING.match(text) or not HEADER_TITLE.sub("", text).strip(_TITLE_MARKUP))
            and not _OTHER_TITLES.search(text)
        )
    )


# What may stand before a header's `Layer (type)`: its indentation, a glued rule, markup, a
# box's bar, a comment mark; and at most this much else (a log's prefix left on the line). More
# is a paragraph a page collapsed onto one line with the header at its end (25a's 002: a
# question's meta description, `…为什么我们需要-8呢 结果: ____ Layer (type) Output Shape`).
_BEFORE_HEADER = " \t_=-─━│┃|#*`>:"
# The titles as a list in code (82b's 010: `headers = ['Layer (type)', 'Output Shape', …]`), or
# the title alone as a string in code (91a's 011: `if "Layer (type)" in line:`)
_QUOTED_TITLE = lazy(r"""Layer \(type\)(['"])\s*,\s*\1|(['"])Layer \(type\)\2""")
_LONGEST_LEAD = 80


# A Markdown heading (`### 1️⃣ Layer (type)`) that names the column in a text about it: a header
# kept in `#` comments still names the other columns.
_HEADING = lazy(r"\s*#{1,6}\s")
_OTHER_TITLES = lazy(r"(?i)output|shape|param")
# What may stand around a `Layer (type)` alone on its line, which is prose naming the column
# (18b's 004: `Layer (type)`, then `Output Shape` on a line of its own), no header: every
# Keras header names the other columns on its line.
_TITLE_MARKUP = " \t*_`:"  # (a framed `┃ Layer (type)` is a cropped box header)


def frame_bars(text: str) -> Optional[int]:
    """Return the number of leading bars of an expand_nested frame line (`|¯¯¯|`), or None."""
    core = text.rstrip()
    if "¯" not in core:
        return None
    stripped = core.lstrip("|")
    if set(stripped.rstrip("|").strip()) != {"¯"}:
        return None
    return len(core) - len(stripped)


def nest_level(text: str) -> int:
    """Return how many frame bars open a row line of an expanded nested model."""
    return len(text) - len(text.lstrip("|"))


_NOTEBOOK_PROMPT = lazy(r"(?:In|Out)[ \t]?\[[ \t]*\d*[ \t]*\]:")


def looks_like_prose(text: str) -> bool:
    """Tell whether a line reads as a sentence rather than a table line."""
    core = text.strip()
    if not core:
        return False
    if totals_kind(core) or HEADER_TITLE.search(core):
        return False
    if "#" in core or "//" in core or "=>" in core or "->" in core or "<-" in core:
        # a row, then the author's comment after its count (`320   # output of the first
        # block`): the comment's words make no sentence of the row (`Block 2 # downsampling
        # starts here` stays one: the review's item 4)
        core = without_comment_after_count(core)
    if not core.isascii() and _mostly_cjk(core):
        return True  # a sentence in Chinese, Japanese or Korean (26c's 009: a question's text)
    words = [w for w in _WORDS.findall(core) if w not in ("None", "multiple")]
    if len(words) < 4 and not core.isascii():
        # words of other alphabets (20a's 014: a Russian answer under the row it explains)
        words = [token for token in core.split(" ") if len(token) >= 2 and token.isalpha()]
    if len(words) < 4:
        return False
    run = 0
    for token in core.split(" "):
        run = run + 1 if len(token) >= 2 and token.isalpha() and token.islower() else 0
        if run >= 3:
            return True
    return False


# (or an arrow to the author's words: `3100 => None 알아서 5로 맞춰준다`, 79c's 012)
_COMMENT_AFTER_COUNT = lazy(r"\d[ \t]+(?:#|//|=>|->|<-)")


def without_comment_after_count(text: str) -> str:
    """A row's line without the author's comment after its count (`3100 => None …`): a
    comment mark after a number, with a row's bracket (its class or shape) before it."""
    comment = _COMMENT_AFTER_COUNT.search(text) if "(" in text else None
    if comment is None or "(" not in text[: comment.start()]:
        return text
    return text[: comment.start() + 1]


_CJK_SENTENCE = 12  # CJK characters from which a line that is mostly them is a sentence


def _mostly_cjk(core: str) -> bool:
    """Tell whether a line is at least _CJK_SENTENCE CJK characters, half of what it holds (a
    translated row, `#简单的(简单的)(无,1,10)120`, holds fewer)."""
    cjk = sum(1 for char in core if "\u3040" <= char <= "\u9fff" or "\uac00" <= char <= "\ud7af")
    return cjk >= _CJK_SENTENCE and 2 * cjk >= len(core) - core.count(" ")


def plausible_row(text: str) -> bool:
    """Tell whether a line could be a layer row: a shape-like token and a number."""
    core = text.strip()
    if not core:
        return False
    if core[-1:].isdigit():
        return True
    has_shape = "(" in core or "[" in core or "?" in core or "multiple" in core
    return has_shape and any(map(str.isdigit, core))


def is_elision(text: str) -> bool:
    """Tell whether a line only says that rows were left out (`...`, `…`, `⋮`), or says so
    in a few words after or before its dots (45a's 009: `… several layers omitted...`)."""
    if _ELISION.fullmatch(text):
        return True
    return ("…" in text or ".." in text) and _NOTED_ELISION.fullmatch(text) is not None


# Dots, then (or after) a few words that say rows were left out: `… several layers omitted...`,
# `... (more layers) ...`, `...skipped 12 rows...`, `| ... (and so on for other layers) |`,
# `... [additional layers] ...` (56d's 005)
_LEFT_OUT_WORDS = (
    r"(?:omitted|skipped|removed|hidden|truncated|elided|more|so on|other|remaining|additional)"
)
_NOTED_ELISION = lazy(
    r"[\s│┃|`#]*(?:\.{2,}|…)[\s(\[]*"
    r"(?=[\w ,]{0,40}\b(?:layers?|rows?)\b)(?=[\w ,]{0,40}\b" + _LEFT_OUT_WORDS + r"\b)"
    r"[\w ,]{1,40}[\s).\]…│┃|]*"
)


def is_fence(text: str) -> bool:
    """Tell whether a line is a Markdown fence (```, ~~~) or horizontal rule (---, ***, - - -)
    that is not a rule of a Keras table (five or more `_`, `-` or `=` in a row)."""
    core = text.strip()
    return bool(_FENCE.fullmatch(core)) and not (core[0] in "_-" and is_rule(core, core[0]))


# A line of arithmetic alone (`13 = (26 - 2) / 2 + 1`, `= 3*3*32 + 32`): no row holds it
_ARITHMETIC_NOTE = lazy(r"(?:\d[\d,.]*[ \t]*)?=[ \t]*[\d(][\d \t()+\-*/×x^.,]*")


def is_annotation(text: str) -> bool:
    """Tell whether a line is a comment someone wrote into the table (`# 1. (2*2)*1*10+10 =50`,
    `<< original top`, a bullet under a row: `• Activación: ReLU`, 17b's 003)."""
    return text.lstrip().startswith(("#", "//", "<<", "<--", "•", "◦", "▪"))


def without_trailing_note(text: str) -> str:
    """Return a box line without a comment written after its last bar (`│ … │  ## a note`)."""
    if "#" not in text and "//" not in text:
        return text
    return _TRAILING_NOTE.sub("", text)


def is_box_line(text: str) -> bool:
    """Tell whether a line that lacks the block's prefix still reads as a line of a box."""
    return without_marks(text).lstrip()[:1] in BOX_VERTICAL + "├└"


def is_box_top(text: str) -> bool:
    """Tell whether a line is the top border of a box (or of a pasted ASCII box)."""
    return bool(BOX_TOP.match(text))


def is_box_mid(text: str) -> bool:
    """Tell whether a line is a box separator (`├──┼──┤`, `|---+---|`)."""
    return bool(BOX_MID.match(text))


def is_collapsed(header_text: str) -> bool:
    """Tell whether a fixed-width header lost its runs of spaces (`Layer (type) Output Shape`)."""
    return bool(re.search(r"\(type\) Output Shape ?\S*", header_text, re.I)) and "  " not in (
        header_text.strip()
    )


# --------------------------------------------------------------------------- the classifier


_new_classified = tuple.__new__
_TITLES = "Layer (type) Output Shape Param # Connected to Trainable"  # Keras 2's column titles


class LineClassifier:
    """Gives each line of one block its kind; knows only what the header line told it.

    Its only memory is lexical: the depth of the expand_nested frames it has seen, and in a
    Markdown table how many cells the row being read has gathered (a row may span lines).
    """

    def __init__(self, layout: Layout, prefix: Prefix, header: str, heading: str = "") -> None:
        self.layout = layout
        self.prefix = prefix
        # the Markdown heading marks the header was set under (`##### Layer (type) …`): a row
        # set under them too is a row (38c's 001, a README), not a comment
        self.heading = heading
        self.columns = cells.header_columns(header) if layout is Layout.FIXED else {}
        self.ordered = sorted(self.columns.items(), key=lambda kv: kv[1])
        self.pipe_width = len(cells.pipe_cells(header)) if layout is Layout.PIPE else 0
        self.pipe_inbound = _inbound_cell(header) if layout is Layout.PIPE else -1
        self.depth = 0
        self.class_open = False  # the row above left its class name open: `(SequentialBloc`
        self.pipe_gathered = -1  # cells of the Markdown row being read; -1 outside a row
        self.previous = K.BLANK  # the kind of the line above (a Markdown table's header follows
        # a blank line)
        self.row_above = False  # the last line not blank was a row or its continuation
        self.open_parens = 0  # parentheses a wrapped repr's lines left open
        self.repr_pending = False  # a row whose repr output's `(` is on a line still to come
        # right under the header, or under a piece of a title the header wrapped
        self.in_header = layout in _FIXED_LAYOUTS

    def classify(self, line: Line) -> Classified:
        """Classify one line (its text without the block's prefix)."""
        if line.margin_note:  # (without the comment marks a note of a commented row keeps)
            said = line.text
            # (a merge conflict's `>>>>>>> upstream/master` is no quote: its marks are its own)
            note = said if said[:7] == ">>>>>>>" else without_marks(said)
            return _new_classified(Classified, (line, note, _ANNOTATION, self.depth))
        text = self.prefix.strip(line.text) if self.prefix.prefix else line.text
        if text is None:
            if self.layout is Layout.BOX and is_box_line(line.text):
                text = line.text
            elif (
                self.previous in _ROW_OR_CONT
                and self.layout is Layout.FIXED
                and _WRAPPED_CLASS_END.fullmatch(line.text.strip())
            ):
                # the end of a class its column wrapped, the block's indentation lost (81a's
                # 003: ` )` under `reconstruction_output (Flatten`, in a reST code block)
                text = " " + line.text.strip()
            else:
                self.pipe_gathered = -1
                return Classified(line, line.text, K.OUTSIDE, self.depth)
        if self.heading and text[:1] == "#" and text.startswith(self.heading):
            text = self._without_heading_mark(text)
        if self.layout is Layout.BOX:
            text = without_trailing_note(text)
        elif text[:1] > " " and "][" in text and "connected_to" in self.columns:
            text = self._inbound_in_its_column(text)
        elif self.pipe_inbound > 0 and "][" in text:
            text = self._pipe_inbound_in_its_column(text)
        if "." in text and self._dots_under_inbound(text):
            # `.` lines under a row's Connected to list: the author shortened the list (49c's
            # 011), no rows left out; the row goes on, its dots no entry
            self.previous = _CONT
            return _new_classified(Classified, (line, "", _CONT, self.depth))
        kind = self.previous = self._kind(text)
        if kind is not _BLANK and kind is not _SPACER:
            self.row_above = kind in _ROW_OR_CONT
        if self.layout is Layout.COLLAPSED and (kind in _ROW_KINDS or self.inside_repr()):
            self._follow_a_wrapped_repr(text, kind)
        return _new_classified(Classified, (line, text, kind, self.depth))  # no Python __new__

    def _dots_under_inbound(self, text: str) -> bool:
        """Tell whether a fixed-width line is only dots under the Connected to column, right
        under a row or its continuation."""
        core = text.strip()
        inbound = self.columns.get("connected_to")
        return (
            inbound is not None
            and bool(core)
            and not core.strip(".…")
            and len(core) <= 3
            and self.previous in _ROW_OR_CONT
            and len(text) - len(text.lstrip()) >= inbound - 2
        )

    def _without_heading_mark(self, text: str) -> str:
        """A layer row set under the header's Markdown heading marks, without them (a line of
        prose under them is left as it is: a comment)."""
        rest = text[len(self.heading) :]
        if rest[:1] != " " or not _HEADED_ROW.match(rest.lstrip()):
            return text
        return rest.lstrip()

    def _inbound_in_its_column(self, text: str) -> str:
        """Put back under Connected to the entries a page moved to the margin (27a's 015: the
        indentation of `time_distributed[0][0]` under `concatenate (Concatenate) …` lost): a
        line of entries alone is no layer row."""
        core = text.strip()
        if not _NODE_LIST.fullmatch(core):
            return text
        return " " * self.columns["connected_to"] + core

    def _pipe_inbound_in_its_column(self, text: str) -> str:
        """Put back under Connected to an entry a retyped Markdown table gave a row of its own,
        in the first cell (36a's 005: `tf.math.negative[0][0] | |||` under `add (Add) | … |`,
        the Add layer's second inbound): no layer row."""
        here = cells.pipe_cells(text)
        if len(here) < 2 or any(cell.strip() for cell in here[1:]):
            return text
        if not _NODE_LIST.fullmatch(here[0].strip()):
            return text
        return "|" + " |" * self.pipe_inbound + f" {here[0].strip()} |"

    def top_kind(self, text: str) -> LineKind:
        """Classify a line above the header (a Model: line, a rule, a box top, totals)."""
        if not text.strip():
            return K.BLANK
        if (text[:1].isdigit() or text[:1] in "IWEF") and stderr_records.is_log_record(text):
            return K.STDERR  # (stderr between the title and the rule: the walk ignores it)
        if text.strip() in _DOCSTRING_QUOTES:
            # a docstring's opening quotes split off the print's first rule (69d's 013:
            # `Model: "Sequential"` above `""" ____…`): nothing between the title and its rule
            return K.BLANK
        if model_name(text) is not None:
            return K.MODEL
        total = totals_kind(text)
        if total is not None:
            return total
        if is_annotation(text):
            return K.ANNOTATION
        if self.layout is Layout.PIPE and _PIPE_SEP.match(text.strip()):
            return K.PIPE_SEP
        if self.layout in (Layout.FIXED, Layout.COLLAPSED) and is_rule(text, "_"):
            return K.RULE
        if self.layout is Layout.BOX and BOX_TOP.match(text):
            return K.BOX_TOP
        if self.layout is Layout.BOX and text.lstrip().startswith("┃"):
            return K.HEAD_LINE
        return K.TEXT

    def _kind(self, text: str) -> LineKind:
        stripped = text.strip()
        if not stripped:
            self.pipe_gathered = -1
            if self.layout in _FIXED_LAYOUTS and text:
                return _SPACER
            return _BLANK
        first = stripped[0]
        if (
            first in "_=-"
            and len(stripped) >= 5
            and not stripped.strip(first)
            and self.layout in _FIXED_LAYOUTS
        ):
            return _RULE_KINDS[first]  # a rule: what the tests below would decide, sooner
        if "aram" in stripped or "ARAM" in stripped:
            total = totals_kind(stripped)
            if total is not None:
                self.pipe_gathered = -1
                return total
        elif first in "TN" and "):" in stripped:
            total = _noted_totals_kind(stripped)  # (`Trainable (Phase 1): ~166K`, 93a's 010)
            if total is not None:
                self.pipe_gathered = -1
                return total
            if _NOTED_LABEL.match(stripped):
                # an author's Total, or a label with a note and no count of Keras's (`Trainable
                # (layers): 12 of 20`, review 94's item 1): a note among the totals lines
                return _ANNOTATION
        if (first == '"' or first == "'") and stripped in _DOCSTRING_QUOTES:
            # the quotes that close a string the print was pasted into, as a fence closes a
            # code block (82b's 010: `… dense_1[0][0]"""`, then the code that reads it)
            return K.FENCE
        if mentions_layer(stripped) and is_header(stripped):
            return _HEADER_KIND
        if "Model" in stripped and model_name(stripped) is not None:
            return _MODEL_KIND
        if (
            "." in stripped
            or "…" in stripped
            or "⋮" in stripped
            or "略" in stripped  # (two plain searches: a generator costs more on box lines)
            or "생략" in stripped
        ) and is_elision(stripped):
            return _ELISION_KIND
        if first == "-" and _CUT_NOTE.fullmatch(stripped):
            if _SECTION_MARK.match(stripped):
                # `----START OF THE MISSING LAYERS----` … `----END OF …----`: the author marks
                # rows printed between the two (47a's 013, an exercise sheet), none cut out
                return _ANNOTATION
            return _ELISION_KIND  # `-----Flatten, Dense cut-----`: where rows were cut out
        if stripped[0] in "`~-*_" and is_fence(stripped):
            self.pipe_gathered = -1
            if (
                self.row_above
                and first == "-"
                and self.layout in _FIXED_LAYOUTS
                and not stripped.strip("-")
            ):
                # a `_` rule between rows that a page's Markdown made a `---` line (53b's
                # 010): the rule it was, which goes on with the table if a row follows
                return K.RULE
            return K.FENCE
        if stripped[0] in "#/<•◦▪" and is_annotation(stripped):
            self.pipe_gathered = -1
            return _ANNOTATION
        if (first.isdigit() or first in "IWEF") and (
            stderr_records.is_log_record(stripped) or stderr_records.is_fit_output(stripped)
        ):
            return K.STDERR  # stderr, or a training's output, interleaved with the print
        if (first == "I" or first == "O") and _NOTEBOOK_PROMPT.match(stripped):
            return K.PROSE  # the next cell's prompt under a print (70b's 005: `In [6]:`)
        if self.layout is Layout.BOX:
            return _box_kind(stripped)
        if self.layout is Layout.PIPE:
            return self._pipe_kind(text, stripped)
        if self.in_header:
            # tf.keras 2.13+ wraps a title its column is too narrow for (`Pa` / `ra` / `m` /
            # `#` under `Param #` at line_length=50): the pieces are the header's, no rows
            self.in_header = all(piece in _TITLES for piece in stripped.split())
            if self.in_header:
                return _SPACER  # (part of the header, as a blank line under it would be)
        return self._fixed_kind(text, stripped)

    def _pipe_kind(self, text: str, stripped: str) -> LineKind:
        first = stripped[0]  # (a stripped line: the box rules' first character is their edge)
        if (
            _PIPE_SEP.match(stripped)
            or (first in "┡╞├|" and BOX_MID.match(stripped))
            or _RULE_CELL.fullmatch(stripped)
        ):
            self.pipe_gathered = -1
            return K.PIPE_SEP
        if first in "└╰┗+" and BOX_BOTTOM.match(stripped):
            self.pipe_gathered = -1
            return K.BOX_BOTTOM
        if looks_like_prose(text) and not any(bar in stripped for bar in "|│┃"):
            self.pipe_gathered = -1
            return K.PROSE
        if not (any(bar in stripped for bar in "|│┃") or "`" in stripped):
            if self.pipe_gathered > 0 and _WRAPPED_CLASS_END.fullmatch(stripped):
                return K.CONT  # a class's end its cell wrapped (75d's 015: `(Functi` / `onal)`)
            self.pipe_gathered = -1
            return K.TEXT
        weak = not any(bar in stripped for bar in "|│┃")  # cells in backticks only
        here = cells.pipe_cells(text)
        if self.pipe_gathered >= 0:
            width = self.pipe_width
            if (
                # a Markdown row spread over lines, or a wrapped box row pasted into a pipe
                # table (its Param # cell is empty)
                self.pipe_gathered < width
                or (
                    here
                    and len(here) >= min(3, width)
                    and not here[min(2, width - 1)].strip("`*_ ")
                )
            ) and not (self.pipe_gathered > 1 and _starts_pipe_row(here)):
                self.pipe_gathered += len(here)
                return K.CONT_WEAK if weak else K.CONT
        if not weak and self._heads_another_table(here):
            self.pipe_gathered = -1
            return K.PIPE_SEP
        self.pipe_gathered = len(here)
        return K.ROW_WEAK if weak else K.ROW

    def _heads_another_table(self, here: list[str]) -> bool:
        """Tell whether a Markdown row is the header of a second table, not a layer: cells all
        empty (`|  |  |`), or, right after a blank line, fewer cells than the layers' header
        and no number nor bracket in them (`| Totals | Value |` above the totals, 14a's 008)."""
        words = [cell.strip(" *_`") for cell in here]
        if not any(words):
            return True
        return (
            self.previous is _BLANK
            and len(here) < self.pipe_width
            and not any(ch.isdigit() or ch in "([" for word in words for ch in word)
        )

    def _fixed_kind(self, text: str, stripped: str) -> LineKind:
        class_open, self.class_open = self.class_open, False
        first = stripped[0]
        if "¯" in text:
            bars = frame_bars(text)
            if bars is not None:
                if bars == self.depth + 1 and self.depth < MAX_DEPTH:
                    self.depth += 1
                    return K.NEST_OPEN
                if self.depth > 0 and bars == self.depth - 1:
                    self.depth -= 1
                    return K.NEST_CLOSE
                return _SPACER
        if first in "_=-" and (is_rule(text, first) or is_cut_rule(stripped)):
            return _RULE_KINDS[first]
        if self.depth and text.startswith("|") and not stripped.strip("|").strip():
            return _SPACER
        if "ize" in text and FOREIGN_SIGNS.search(text):
            return K.FOREIGN
        if looks_like_prose(text):
            return K.PROSE
        if "=" in stripped and _ARITHMETIC_NOTE.fullmatch(stripped):
            return K.ANNOTATION  # the author's sum under a row (91d's 001: `13 = (26 - 2) / 2 + 1`)
        strong = plausible_row(text) or first in ")]|"
        if first in ")]":
            return _CONT  # no row starts by closing a bracket: the rest of a split cell
        if not strong and " " in stripped and _CELL_SIGN.search(stripped) is None:
            if self._wraps_a_shape(text):
                return _CONT_WEAK
            return K.TEXT  # `LSTM model`: words alone, no cell of a row nor the end of one
        if self.layout is Layout.COLLAPSED and _words_then_a_number(stripped):
            return K.TEXT
        if self._starts_row(text, class_open):
            return _ROW if strong else _ROW_WEAK
        return _CONT if strong else _CONT_WEAK

    def _follow_a_wrapped_repr(self, text: str, kind: LineKind) -> None:
        """Follow a row whose output is an object's repr, its spacing collapsed (`encoder
        (Encoder) EncoderOutputWithPoolin 112`, then `g(last_hidden_…`): the lines up to the
        repr's closing parenthesis continue it. Other rows are not followed (a cut class's `(`
        would hold every row after it)."""
        if kind in _ROW_KINDS:
            self.repr_pending = cells.REPR_OUTPUT_ROW.match(text.strip()) is not None
            self.open_parens = 0
        elif kind in _CONT_KINDS and self.inside_repr():
            opened = text.count("(")
            self.open_parens = max(0, self.open_parens + opened - text.count(")"))
            if opened:
                self.repr_pending = False
        else:
            self.repr_pending, self.open_parens = False, 0

    def inside_repr(self) -> bool:
        """Tell whether the line being read is inside a wrapped repr's parentheses."""
        return self.repr_pending or self.open_parens > 0

    def _wraps_a_shape(self, text: str) -> bool:
        """Tell whether a line of words is the next piece of an output wrapped under a row being
        read (28a's 004: `ne, hidden_states=N` of a model output's repr): in its column, or,
        with the spacing collapsed, inside parentheses the row left open."""
        if self.previous not in _ROW_OR_CONT:
            return False
        start = self.columns.get("output_shape")
        if start is None:
            return self.layout is Layout.COLLAPSED and self.inside_repr()
        return start > 0 and len(text) > start and text[:start].isspace()

    def _starts_row(self, text: str, class_open: bool = False) -> bool:
        """Tell a new layer row from a continuation line of the row above (class_open: the row
        above left its class name open)."""
        body = text
        if self.depth:
            level = nest_level(text)
            body = " " * level + text[level:].rstrip().rstrip("|")
        if self.layout is Layout.COLLAPSED:
            if self.inside_repr():
                return False  # `pooler_output=(None, 8`: inside a wrapped repr
            core = body.strip()
            first = core.split(" ", 1)[0]
            if _NODE_ONLY.fullmatch(first) and " " not in core:
                return False
            if not re.search(r"\d", core) and " " not in core.strip():
                return False
            if core.isdigit() and self.previous in _ROW_OR_CONT:
                return False  # `8`: the rest of a count its column wrapped, under its row
            if core.endswith("(") and _CUT_ROW_START.fullmatch(core):
                return True  # `conv2d_3 (`: a row the paste cut after its name (33b's 012)
            if _ROW_WITHOUT_COUNT.fullmatch(core):
                # `dense_3 (Dense) (Non`: a row cut inside its shape (81h's 004), or one whose
                # count the paste left out (81c's 011: `lambda_1 (Lambda)  (None, None, 512)`)
                return True
            return bool(_COUNT_TOKEN.search(core))
        columns = self.columns
        if "output_shape" not in columns or "params" not in columns:
            return bool(body[:1].strip() or body[1:2].strip())
        if (
            ">" in body or "#" in body or "/" in body or "<" in body
        ):  # (`=>`, `->`, `#`, `//`, `<-`)
            body = without_comment_after_count(body)  # (its cells: 79c's 012, `3100 => …`)
        if "\t" in body and cells.opens_with_a_class_end(body):
            return False  # (tabs for blanks: where the cell stands is unknown)
        parts = cells.split_fixed(body, self.ordered)
        layer = parts.get("layer")
        if not layer:
            return False
        if body[:1] != " " and body[:1] != "\t":  # (a tab: an editor's, for blanks)
            # Keras 1–2.6: a row starts wherever the first column is filled, but for the rest
            # of a class name a narrow column wrapped (`name (SequentialBloc` / `k)`); no name
            # starts with a quote (a docstring's closing `"""` is no row)
            if class_open and _only_closes_a_class(parts):
                return False
            if body[:1] in "\"'`":
                return False
            self.class_open = _opens_a_class(layer)
            return True
        # tf.keras 2.7+: a new row fills its Param # cell and starts a shape; a wrapped line not.
        if self.previous is _BLANK and NAME_AND_CLASS.fullmatch(body.strip()):
            return True  # a row the paste ends in past an empty line (55d's 013): no wrap's
        params: Sequence[str] = parts.get("params") or ()
        shape: Sequence[str] = parts.get("output_shape") or ()
        if not params and shape and shape[0][:1] in "([" and cells.unbalanced(shape[0]):
            return True  # a stray line break cut the shape, and the count went with it
        if not params or not (params[0][:1].isdigit() or params[0] in LEFT_OUT_COUNTS):
            # (a whole row whose shape runs into the Param # column: 71c's 010, `lstm_1 (LSTM)
            # [(None, 10, 256), (None, 256), (None, 256)] 394240` in a realigned print)
            return _SHAPE_OVERFLOWING_ROW.match(body) is not None
        if bool(shape) and (
            shape[0].startswith(("(", "[", "multiple", "?", "{")) or shape[0] == cells.NO_SHAPE
        ):
            return True
        if shape and shape[0][:1].isalpha() and "(" in layer[0]:
            # an output that is a Python object, its repr wrapped over lines (28a's 004:
            # `TFBaseModelOutputWi` / `thPoolingAndCrossAt` …, a Hugging Face model's row)
            return True
        # a retyped row whose `name (Class)` runs past its column into the shape's
        return _OVERFLOWING_ROW.match(body) is not None


# A layer's name and its class, maybe cut, alone on a line (` flatten (Flatten)`): the class
NAME_AND_CLASS = lazy(r"[\w./-]+ \(([A-Za-z]\w*)\)?")
# What a row or the end of a wrapped name or class holds: a line of two or more words (a space
# inside the stripped line) with none of it is neither.
_CELL_SIGN = lazy(r"[\d()\[\]{}|]")


def _words_then_a_number(core: str) -> bool:
    """Tell whether a line of a table whose spacing was collapsed holds a number standing
    alone after words only: no bracket, `multiple` or `?` before it, so no class nor shape
    (44d's 004: `答案 0 :(得分:1)`, a page's answer header under the table): no row, and no
    piece of one."""
    cut = len(core)  # the first bracket or `?`: a count token only before it is alone
    for sign in "()[]?":
        at = core.find(sign, 0, cut)
        if at >= 0:
            cut = at
    count = _COUNT_TOKEN.search(core, 0, cut)
    if count is None or count.start() == 0 or _COUNT_TOKEN.match(core, count.start()) is None:
        return False
    return "multiple" not in core[: count.start()]


def _opens_a_class(layer_cell: tuple[str, ...]) -> bool:
    """Whether a row's layer cell ends inside its class name: `name (SequentialBloc`."""
    text = " ".join(layer_cell)
    return text.rfind("(") > text.rfind(")")


def _only_closes_a_class(parts: Mapping[str, tuple[str, ...]]) -> bool:
    """Whether a line holds only the end of a wrapped class name: `k)`, `BinaryTask)`."""
    layer = parts["layer"]
    if any(values for key, values in parts.items() if key != "layer"):
        return False
    text = " ".join(layer)
    return text.endswith(")") and "(" not in text and " " not in text


_ASCII_HEAD_RULE = lazy(r"^\+(?:=+\+)+\s*$")


# A heading set in a grid table's first cell alone, in bold, with no closing bar
_SECTION_LABEL = lazy(r"[│|] *(?:\*\*|__)[^()\d|│*_]+(?:\*\*|__) *")


def _box_kind(core: str) -> LineKind:
    first = core[0]
    if first in "┏┌╭" and BOX_TOP.match(core):
        return K.BOX_TOP
    if first == "+" and BOX_TOP.match(core):
        if core.count("+") > 2:
            # `+----+----+` with joints: a grid table's rule between rows (R's keras3 prints
            # them), or its bottom, which the totals then close
            return K.BOX_SEP
        return K.BOX_BOTTOM  # the ASCII box's bottom border looks like its top
    if first == "+" and _ASCII_HEAD_RULE.match(core):
        return K.BOX_HEAD_SEP  # `+====+====+` under the header (R's keras3 prints it)
    if first in "└╰┗" and BOX_BOTTOM.match(core):
        return K.BOX_BOTTOM
    if first in "┡╞":
        return K.BOX_HEAD_SEP
    if first in "├|" and BOX_MID.match(core):
        return K.BOX_SEP
    if first == "┃":
        return K.HEAD_LINE
    if first in "│|":
        if core[-1] not in "│|" and core.count(first) == 1 and _SECTION_LABEL.fullmatch(core):
            return K.ANNOTATION  # `| **First hyper-layer**`: a grid table's section (33a's 006)
        return K.BOX_LINE
    if looks_like_prose(core):
        return K.PROSE
    return K.TEXT
