"""Undo what pasting did to summary lines: escapes, markup, prefixes, numbering, double spacing."""

from __future__ import annotations

import itertools
import operator
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from enum import Enum
from typing import Any, Optional, Protocol

from .bare_shapes import BareShapes
from .bare_shapes import may_open as may_open_shape_column
from .box_borders import Rebox, may_hold_borderless_header
from .cell_lines import CellLines, joined_label_and_cells, may_open
from .diffs import read_diffs
from .header_repair import (
    english_header,
    is_translated_header,
    names_a_translated_layer_title,
    translate_title_lines,
)
from .input_shape_column import InputShapeColumn
from .input_shape_column import may_open as may_open_input_column
from .inserted_pipes import InsertedPipes
from .keras0_rows import Keras0Rows
from .keras0_rows import may_open as may_open_keras0_rows
from .log_prefix import container_unstamped, strip_log_prefixes
from .patterns import lazy
from .question_boxes import redraw_question_boxes
from .records import HasText, LineT, with_text
from .reflowed_rules import give_back_rule_words
from .spaced_tokens import SPACED_PIECES, SPACED_REACH, unspace_tokens
from .spaceless_rows import may_hold_glued_count, spaceless_row
from .stderr_records import rejoined_around_stderr
from .totals_spellings import joined_totals_counts, may_spell_totals, normalise_totals_label
from .type_column import TypeColumn
from .type_column import may_open as may_open_type_column

_TEXT_OF = operator.attrgetter("text")

# --------------------------------------------------------------------------- HTML and Markdown

_BR_AT_END = lazy(r"(?:[ \t]*<br\s*/?>)+[ \t]*$", re.I)
_R_PREFIX = lazy(r"^([ \t]*)#&gt;")
_MD_ESCAPED = lazy(r"\\[_=*#|<>\[\]()`~+\-.!{}]")
_MD_ESCAPE_SIGNS = lazy(
    r"\\[_=*](?:\\?[_=*])|[A-Za-z0-9]\\_[A-Za-z0-9]|\\\*\\\*|^\s*\\#"
    r"|\w\\\[\d+\\?\]"  # a node in Connected to: `input_2\[0][0]`
)


_MANGLED_RULE = lazy(r"[ \t]*(?:<>){3,}[ \t]*")


def unmangle_equals_rule(text: str) -> str:
    """Write back as `=` a rule a page's markup turned into empty tags (41a's 014: an issue's
    `=====` under the header and above the totals stored as `<><><><><>`)."""
    if "<>" not in text or not _MANGLED_RULE.fullmatch(text):
        return text
    return "=" * 65


# The end of a rule a narrow page wrapped, left at the start of the next line, a row (79b's
# 009: a 65-wide print's `_` rules wrapped at 60, `_____ layer_conv1 (Conv2D)  …`): the row's
# cells then stand as many characters right of the header's, the remnant and its blank
_RULE_REMNANT = lazy(r"[_=]{1,12}+ (?= ?[\w./-]+ \([A-Za-z])")


_RULE_REMNANT_SIGN = lazy(r"^[_=]{1,12}+ {1,2}[\w./-]+ \([A-Za-z]", re.M)  # (no backtracking)


def drop_rule_remnant(text: str) -> str:
    """Take the remnant of a wrapped rule off the start of a row (`_____ dense (Dense) …`)."""
    if text[:1] not in "_=":
        return text
    found = _RULE_REMNANT.match(text)
    return text[found.end() :] if found is not None else text


def drop_trailing_breaks(text: str) -> str:
    """Remove `<br>` tags that a Markdown or HTML page appended to a line, and a Markdown hard
    break: one `\\` ending it (25d's 003: `=====\\`, `Total params: 75,136,413\\`), not a
    LaTeX row's `\\\\`."""
    if "\\" in text:
        core = text.rstrip()
        if core[-1:] == "\\" and core[-2:-1] != "\\":
            text = core[:-1]
    if "<" not in text:
        return text
    return _BR_AT_END.sub("", text)


# A unified diff's empty added or removed line: its mark alone (`+`, `-`), in the first column
_EMPTY_DIFF_LINE = lazy(r"^[-+][ \t]*$", re.M)
_DIFF_MARKS = ("+", "-")


def blank_empty_diff_line(text: str) -> str:
    """Read a diff's empty added or removed line (`+`, `-` alone) as the empty line it marks
    (83e's 003: a `+` between a diff's old header and its new one, no layer named `+`)."""
    if text[:1] not in "+-" or text.rstrip(" \t") not in _DIFF_MARKS:
        return text
    return ""


def unescape_r_prefix(text: str) -> str:
    """Turn an HTML-escaped R output prefix (`#&gt;`) back into `#>`."""
    if "&gt;" not in text:
        return text
    return _R_PREFIX.sub(r"\1#>", text)


# A row of a LaTeX tabular (`conv2d\_1 (Conv2D) & (None, 8) & 224 \\`), a rule between its
# rows (`\hline`, booktabs' `\midrule`), and the commands a cell is wrapped in (`\textbf{…}`).
# (a row of one cell spanning the table, `\multicolumn{3}{|c|}{Total params: 5983043}`, has no
# `&`; `\cline{2-3}` rules a span of columns, 37b's 006)
_TEX_ROW = lazy(
    r"^\s*(?P<cells>[^&\n]*(?:&[^&\n]*)+?|\\multicolumn\{[^&\n]*)\s*\\\\\s*"
    r"(?:\\(?:hline|toprule|midrule|bottomrule|c(?:mid)?line(?:\{[^{}]*\})?)\s*)?$"
)
_TEX_RULE = lazy(r"\s*\\(?:hline|toprule|midrule|bottomrule|c(?:mid)?line(?:\{[^{}]*\})?)\s*")
_TEX_COMMAND = lazy(
    r"\\(?:textbf|texttt|textit|emph|mathbf|text|multicolumn\{\d+\}\{[^{}]*\}"
    r"|multirow\{\d+\}\{[^{}]*\})\{([^{}]*)\}"
)
_TEX_ESCAPED = lazy(r"\\([_#%&$])")
# The end of the table (`\end{tabular}`, `\end{table}`): a blank line, so totals written under it
# are read with its rows (75a's 015)
_TEX_END = lazy(r"\s*\\end\{(?:tabular\*?|tabularx|longtable|table\*?)\}\s*")


def untex_tabular(text: str) -> str:
    r"""Turn a LaTeX tabular row into a Markdown pipe row (a report that retyped its summary as
    a table: `&` between cells, `\\` at the end, `\_` in names, `\textbf{Total params:}`), and
    a `\hline` between rows into a pipe table's rule, its `\end{tabular}` into a blank line."""
    if "\\\\" not in text:
        if "\\" in text and _TEX_RULE.fullmatch(text):
            return "|---|"
        if "\\end{" in text and _TEX_END.fullmatch(text):
            return ""
        return text
    match = _TEX_ROW.match(text)
    if match is None:
        return text
    cells = re.split(r"(?<!\\)&", match.group("cells"))
    cleaned = [_TEX_ESCAPED.sub(r"\1", _TEX_COMMAND.sub(r"\1", cell)).strip() for cell in cells]
    return "| " + " | ".join(cleaned) + " |"


# A retyped table's first title without Keras's `(type)`: `| Layer | Output Shape |`, `| Layer
# Type | Output Shape |` (15a's 013, a LaTeX slide table), or with `Shape` for `Output Shape`
# (`Layer | Shape | Params`, 26a's 008) or `Output` (51b's 015), or mistyped `Outer Shape`
# (33a's 012), in a pipe row only (in fixed columns the longer title would move the columns).
_PIPE_LAYER_TITLE = lazy(
    # (or misspelt before its `(type)`: 64c's 013, `| Lyaer (type) | Output Shape | Param # |`)
    r"^(?P<lead>[ \t]*\|?[ \t]*[*_`]{0,2})"
    r"(?P<title>Layer(?:[ \t]+(?:type|name))?|(?!Layer )L[a-z]{2,6} \(type\))"
    r"(?P<rest>[*_`]{0,2}[ \t]*\|[ \t]*[*_`]{0,2})"
    # (`| Layer | Output | Params |`, 51b's 015: `Output` alone, a cell of its own)
    r"(?P<shape>(?:Out(?:put|er)[ \t]+)?Shape\b|Output(?=[*_`]{0,2}[ \t]*\|))",
    re.I | re.M,
)


# The same in fixed columns when `Layer` is followed by room for ` (type)` and two blanks
# (21b's 008: `Layer                        Output Shape              Param #`): the columns stay.
# Or misspelt before its `(type)` (`Lyaer (type)`).
_FIXED_TITLE_SIGN = "Layer         "  # its first test: one C search, not a search at every offset
_MISSPELT_TITLE_SIGN = " (type) "
_FIXED_LAYER_TITLE = lazy(
    r"^(?P<lead>[ \t]*)(?:Layer {9}|(?!Layer )L[a-z]{2,6} \(type\) )"
    r"(?P<rest> *Output Shape {2,}Param)",
    re.M,
)


# The same in a Keras 3 box's header (`┃ Lyaer (type)       ┃`): the blanks after it take up the
# difference, so the box's bars stay where they were.
_BOX_MISSPELT_TITLE = lazy(r"(?<=┃ )(?!Layer )L[a-z]{2,6} \(type\)(?P<pad> +)(?=┃)")


def _box_title(match: re.Match[str]) -> str:
    width = len(match.group(0))
    return "Layer (type)" + " " * max(1, width - len("Layer (type)"))


def layer_title_retyped(text: str) -> str:
    """Write a retyped header's `Layer` or `Layer Type` as Keras's `Layer (type)`, and in a pipe
    row its `Shape` as `Output Shape` (26a's 008: `Layer | Shape | Params`)."""
    if "utput" not in text and "hape" not in text:
        return text
    if "┃" in text:
        return _BOX_MISSPELT_TITLE.sub(_box_title, text) if _MISSPELT_TITLE_SIGN in text else text
    if "|" not in text:
        if _FIXED_TITLE_SIGN in text:
            return _FIXED_LAYER_TITLE.sub(r"\g<lead>Layer (type)  \g<rest>", text)
        if _MISSPELT_TITLE_SIGN in text:
            return _FIXED_LAYER_TITLE.sub(r"\g<lead>Layer (type) \g<rest>", text)
        return text
    return _PIPE_LAYER_TITLE.sub(r"\g<lead>Layer (type)\g<rest>Output Shape", text)


# A TensorFlow.js print's shape (`[null,784]`, `[[null,10],[null,20]]`): Keras's `(None,784)` in
# as many characters, so the columns stay where they were. (Or spaced inside its brackets,
# `[ null,27,27,64 ]`, or its batch axis named, `[batch_size,256]`: 77d's 006 and 004; Keras's
# shape then padded with blanks to the same width; a blank before a `]` only, not one between
# two cells: the review of trial 77's item 8)
_TFJS_SHAPE = lazy(r"\[(?:\[? ?(?:null|batch_size)(?:, ?(?:null|\d+))*(?: ?\])?,?)+ ?\]")


def tfjs_shapes(text: str) -> str:
    """Write TensorFlow.js's shapes (`[null,784]`) as Keras prints them (`(None,784)`)."""
    if "null" not in text and "batch_size" not in text:
        return text
    return _TFJS_SHAPE.sub(_keras_shape, text)


def _keras_shape(match: re.Match[str]) -> str:
    shape = match.group(0)
    words = shape.replace("null", "None").replace("batch_size", "None").replace(" ", "")
    if words.startswith("[["):  # a list of shapes: the outer brackets stay
        keras = "[" + words[1:-1].replace("[", "(").replace("]", ")") + "]"
    else:
        keras = "(" + words[1:-1] + ")"
    return keras.ljust(len(shape))


# A shape retyped in a Markdown table without its batch axis: `| 30 x 30 x 32 |`, `| 4×4×64 |`,
# or, in a row whose next cell is the count, a bare `| 1024 |` (14a's 009, a paper's README).
_RETYPED_SHAPE = lazy(r"(?<=\|)(\s*)(\d+(?:\s*[x×]\s*\d+)+)(\s*)(?=\|)")
_BARE_SHAPE_ROW = lazy(r"^(\s*\|\s*[\w.]+ ?\([\w.]+\)?\s*\|)(\s*)(\d+)(\s*)(\|\s*\d[\d,]*\s*\|)")


_RETYPED_SHAPE_SIGN = lazy(r"\|\s*\d+(?:\s*[x×]\s*\d+)+\s*\||\)\s*\|\s*\d+\s*\|\s*\d[\d,]*\s*\|")


# A frame drawn around a whole fixed-width print (15b's 012, a report's appendix): one `│` each
# side of every line and corners with no column junctions. Keras 3 boxes always have columns.
# (its right bar ends the line: a Keras 3 box cropped by a narrow terminal leaves two bars and
# the next cell's blanks, `│ (BatchNormalization)   │          `, a differential example)
_FRAMED_LINE = lazy(r"^([ \t]*)│([^│┃\n]*)│[ \t]?$", re.M)
_FRAME_EDGE = lazy(r"^[ \t]*[┌├└][─━]+[┐┤┘][ \t]*$", re.M)


def unframe(text: str) -> str:
    """Take the frame off a line of a print drawn inside one box: `│ dense (Dense) … │` keeps
    its cells where they were, and each edge (`┌──┐`, `├──┤`, `└──┘`) becomes a `_` rule."""
    if "│" in text:
        return _FRAMED_LINE.sub(lambda m: f"{m.group(1)} {m.group(2)}", text)
    return "_" * len(text.strip()) if _FRAME_EDGE.match(text) else text


# A line with two or more empty cells after it and no bar before them: a gist page's rendering
# copied with its table cells (40d's 009: `prune_low_magnitude_flatten (None, 2028) 1 | |`).
# One bar alone ends a cell of a Markdown table laid out one cell per line (wild/037).
_EMPTY_CELLS_AFTER = lazy(r"^([^|\n]*[^|\s])(?:[ \t]+\|){2,}[ \t]*$", re.M)


def drop_empty_cells_after(text: str) -> str:
    """Take two or more empty cells (` | |`) off the end of a line that has no other bar."""
    if "|" not in text or text.rstrip()[-1:] != "|":
        return text
    return _EMPTY_CELLS_AFTER.sub(r"\1", text)


def retyped_shapes(text: str) -> str:
    """Write a Markdown cell's `30 x 30 x 32` (or a bare `1024` between a `name (Class)` cell
    and the count) as Keras's `(None, 30, 30, 32)`."""
    if "|" not in text:
        return text
    if "x" in text or "×" in text:
        text = _RETYPED_SHAPE.sub(_batched, text)
    return _BARE_SHAPE_ROW.sub(
        lambda m: f"{m.group(1)}{m.group(2)}(None, {m.group(3)}){m.group(4)}{m.group(5)}", text
    )


# `None` in a shape a page's machine translation wrote in its language (26c's 009: `(无,1,10)`)
_TRANSLATED_NONE_WORDS = ("无", "無", "なし", "없음")
_TRANSLATED_NONE = lazy(r"(?<=[(（\[])[ \t]*(?:无|無|なし|없음)[ \t]*(?=[,，)）\]])")


# Full-width punctuation a Chinese or Japanese page wrote in a print (35c's 004:
# `input_4（InputLayer）（None，10）0`), as the ASCII Keras prints
_HALF_WIDTH = str.maketrans("（）［］，＃：", "()[],#:")
_FULL_WIDTH_MARKS = ("（", "，", "＃")


def half_width_punctuation(text: str) -> str:
    """Write full-width brackets, commas, `＃` and `：` as their ASCII forms."""
    if text.isascii() or not _holds_any(text, _FULL_WIDTH_MARKS):
        return text
    return text.translate(_HALF_WIDTH)


def translated_none(text: str) -> str:
    """Write a translated `None` as the first axis of a shape back as `None`."""
    if text.isascii() or not _holds_any(text, _TRANSLATED_NONE_WORDS):
        return text
    return _TRANSLATED_NONE.sub("None", text)


# A shape's batch axis a hand-typed table wrote as a word (68a's 011: `|(BS, 30, 30, 6) |`;
# `(batch, 10)`, `(batch_size, 10)`, `(B, 10)`): Keras's `None`.
_BATCH_WORD = lazy(
    r"(?<=\()[ \t]*(?:BS|bs|B|[Bb]atch(?:_?[Ss]ize)?|BATCH(?:_SIZE)?)[ \t]*"
    r"(?=,[ \t]*(?:\d|None)[^()]*\))"
)
_BATCH_WORD_SIGN = lazy(r"\([ \t]*(?:BS|bs|B|[Bb]atch|BATCH)[ \t_A-Za-z]*,")
_CELL_GAP = lazy(r"[ \t]{2,}")


def batch_word_as_none(text: str) -> str:
    """Write a shape's batch axis written as a word (`(BS, 30, 30, 6)`) as `None`; outside a
    Markdown row the blanks after the shape's cell take up the difference, so the columns
    stay. (`N` is no batch word: a table without a batch axis writes `(N, 3)` for N points.)"""
    if "(" not in text or _BATCH_WORD.search(text) is None:
        return text
    if "|" in text:
        return _BATCH_WORD.sub("None", text)
    words = list(_BATCH_WORD.finditer(text))
    shift = sum(len("None") - (match.end() - match.start()) for match in words)
    out = _BATCH_WORD.sub("None", text)
    gap = _CELL_GAP.search(out, words[-1].end() + shift)  # the blanks that end the shape's cell
    if gap is None:
        return out
    width = gap.end() - gap.start()
    if shift < 0 or (shift > 0 and width - shift >= 2):
        return out[: gap.start()] + " " * (width - shift) + out[gap.end() :]
    return out


def _batched(match: re.Match[str]) -> str:
    dims = re.split(r"\s*[x×]\s*", match.group(2))
    return f"{match.group(1)}(None, {', '.join(dims)}){match.group(3)}"


_CHARACTER_REFERENCE = lazy(r"&(?:#\d{2,3}|#x[0-9a-fA-F]{2}|quot|apos|amp|lt|gt|nbsp);")


def unescape_character_references(text: str) -> str:
    """Decode the HTML character references a Markdown export left in a print's text
    (`[&#39;input_1[0][0]&#39;]`, `Model: &quot;name&quot;`; 18c's 002)."""
    if "&" not in text or not _CHARACTER_REFERENCE.search(text):
        return text
    import html

    # `&nbsp;` is a plain blank: a Markdown README spaces its columns with it (29c's 001)
    return _CHARACTER_REFERENCE.sub(lambda m: html.unescape(m.group(0)), text).replace("\xa0", " ")


def unescape_markdown(text: str) -> str:
    """Undo Markdown backslash escapes (`\\_\\_\\_`, `\\=`, `conv2d\\_1`), restoring the columns."""
    if "\\" not in text or not _MD_ESCAPE_SIGNS.search(text):
        return text
    return _MD_ESCAPED.sub(lambda m: m.group(0)[1], text)


# A whole row wrapped in Markdown emphasis (`**dense_2 (Dense) … 5130**`, `*…*`, `__…__`, `_…_`):
# the same marker opens and closes the line around a `name (Class)` cell.
_EMPHASIS_MARKS = ("**", "__", "*", "_")
_NAME_AND_CLASS = lazy(r"^[\w.]+ ?\(")
_ROW_END = lazy(r"[\w)\]]$|\]',$")  # (`…[0][0]',`: a Connected to list going on)


# A row written as a Markdown list item (84c's 002: `* lstm (LSTM)   (None, 128)   80896`): the
# bullet and its blanks before a `name (Class)` cell (its class maybe cut), then a shape
_BULLETED_ROW = lazy(r"[ \t]*[*+-][ \t]+(?=[\w./-]+ ?\(\w*\)?[ \t]+(?:[\[(]|multiple))")
_BULLETS = ("*", "+", "-")


def unbullet_row(text: str) -> str:
    """Take a Markdown list item's bullet off a layer row, blanks in its place (the row's cells
    stay under the header's titles)."""
    bullet = _BULLETED_ROW.match(text)
    if bullet is None:
        return text
    return " " * bullet.end() + text[bullet.end() :]


def unwrap_row_emphasis(text: str) -> str:
    """Undo Markdown bold or italics around a whole row, putting its cells back in their columns."""
    core = text.strip()
    if core[:1] not in ("*", "_"):
        return text
    if core[-1:] not in ("*", "_"):
        return _unwrap_framed_line(text, core)
    mark = next(m for m in _EMPHASIS_MARKS if core.startswith(m))
    row = core[len(mark) : -len(mark)]
    if mark == "**" and core.endswith(mark) and len(row) >= 5 and not row.strip(_RULE_MARKS):
        return row  # a rule in bold (`**____**`, `**├──┼──┤**`), its underscores no emphasis
    if not core.endswith(mark) or not row or row[0] in "*_ \t" or row[-1] in "*_ \t":
        return text
    if row[0] in _TABLE_EDGES and row[-1] in _TABLE_EDGES:
        return _unwrap_framed_line(text, core)
    if "*" in row or not (
        (_NAME_AND_CLASS.match(row) and _ROW_END.search(row)) or _BOLD_PIECE.fullmatch(row)
    ):
        return text
    lead = text[: len(text) - len(text.lstrip())]
    tail = text[len(text.rstrip()) :]
    return f"{lead}{row}{tail}"


_TABLE_EDGES = "┃│|"
_RULE_MARKS = "_=━┏┳┓┡╇┩├─┼┤└┴┘"
# A line of a summary set as one Markdown code span (`` `dense_1 (Dense)   (None, 256)   33024 ` ``,
# keras#13587: every line so wrapped): the span's backticks are no part of the print.
_INLINE_CODE_LINE = lazy(r"^[ \t]*`[^`\n]+`[ \t]*$", re.M)
_SUMMARY_LINE_SIGNS = ("Layer (type)", "params", "Model:", "Param #")
_BLANK_SPAN = "` `"  # a blank set as a Markdown code span


# Markup glued to the start of a summary's first line: a Markdown code fence whose language
# name is the print's own text (62c's 005: a README's ```` ```Layer (type)   ┃ Output Shape ┃ ````,
# the box's top border left out), or bold's `**` that took the place of the header's edge
# (63b's 007: `** Layer (type)   ┃ Output Shape ┃ …`, the title above it in bold)
_GLUED_OPENING = lazy(
    r"^(?P<quote>[ \t]*(?:>[ \t]*)*)"
    r"(?:(?:`{3,}|~{3,})[ \t]*(?=[^`~\s])"
    r"(?=.*(?:Layer \(type\)|Model: |(?:Total|Trainable) params|[┏┃━_=]{3}))"
    r"|\*\*[ \t]*(?=Layer \(type\)))",
    re.M,
)


def unglue_opening_markup(text: str) -> str:
    """Take a code fence or a bold mark off the start of a summary's line (the line as
    printed)."""
    if "```" not in text and "**" not in text and "~~~" not in text:
        return text
    glued = _GLUED_OPENING.match(text)
    return text if glued is None else glued.group("quote") + text[glued.end() :]


def unwrap_inline_code(text: str) -> str:
    """Undo a Markdown code span around a whole summary line: a header, a rule, a row, a piece
    of a wrapped cell or a totals line between a backtick at each end (not inline code in
    prose: no column blanks, no summary word). Also a row's leading blank that a PDF's
    conversion to Markdown set as an empty code span (57c's 001: `` ` `conv1d_10 (Conv1D) ``)."""
    if text[:3] == _BLANK_SPAN and _NAME_AND_CLASS.match(text[3:].lstrip()):
        return " " + text[3:]
    core = text.strip()
    if len(core) < 3 or core[0] != "`" or core[-1] != "`" or core.count("`") != 2:
        return text
    spanned = core[1:-1]
    inner = spanned.rstrip()
    if not inner.strip():
        return text
    if not (
        "  " in spanned  # the print's columns (and the blanks padding its lines)
        or any(sign in inner for sign in _SUMMARY_LINE_SIGNS)
        or not inner.strip(_RULE_MARKS)
        or (_NAME_AND_CLASS.match(inner.lstrip()) and _ROW_END.search(inner))
    ):
        return text  # inline code in prose (`model.summary()`)
    return text[: len(text) - len(text.lstrip())] + inner


# Other lines of a print set in bold line by line (a Word report through Pandoc, 18c's 002):
# a rule, the header, the end of a class or a shape the column wrapped (`**2D)**`, `**)]**`),
# the rest of a Connected to list (`**'conv2d_7[0][0]']**`)
_BOLD_PIECE = lazy(r"[=_]{5,}|Layer \(type\).*|[^*]*[)\]]")


def _unwrap_framed_line(text: str, core: str) -> str:
    """Undo emphasis around a framed table line (`**┃ Layer (type) ┃ … ┃**`, a bold Keras 3
    header), or opened before it and never closed: the marks go, the cells keep their columns."""
    mark = "**" if core.startswith("**") else "__" if core.startswith("__") else core[0]
    inner = core[len(mark) :]
    if inner[:1] not in _TABLE_EDGES:
        return text
    if inner.endswith(mark) and inner[: -len(mark)][-1:] in _TABLE_EDGES:
        inner = inner[: -len(mark)]
    elif inner[-1:] not in _TABLE_EDGES:
        return text
    lead = text[: len(text) - len(text.lstrip())]
    return f"{lead}{inner}{text[len(text.rstrip()) :]}"


# A comment glued straight onto the last count of a row (`(None,26,26,32)320#创建: …`).
_GLUED_COMMENT = lazy(r"^(?P<row>[^#]*\)[ \t]*\d[\d,]*)#(?![\d#]).*$")


def drop_glued_comment(text: str) -> str:
    """Cut a `#` comment glued to the count after a row's columns: an annotation, not a cell."""
    if "#" not in text:
        return text
    match = _GLUED_COMMENT.match(text)
    return match.group("row") if match else text


# A README that set each row as a list item and ended each cell with dashes (57a's 002:
# `- lstm_2 (LSTM)-----                (1, None, 1024)-----           5246976`).
_LISTED_CELL = r"[-*+] (?=[\w./:-]+ \([A-Za-z][\w.]*\)?-{3,}[ \t])"  # the class maybe cut
_LISTED_ROW = lazy(r"^([ \t]*)" + _LISTED_CELL)
_LISTED_ROW_SIGN = lazy(r"(?m)^[ \t]*" + _LISTED_CELL)
_GLUED_DASHES = lazy(r"(?<=[\w)\]#])-{3,}(?=[ \t]|$)")


def undash_listed_cells(text: str) -> str:
    """Undo a list item's mark before a row or header and the dashes glued to its cells,
    keeping the columns (each mark and dash becomes a space)."""
    if "---" not in text or not _LISTED_ROW.match(text):
        return text
    text = _LISTED_ROW.sub(lambda m: m.group(1) + "  ", text, count=1)
    return _GLUED_DASHES.sub(lambda m: " " * len(m.group(0)), text)


# An empty cell written as a placeholder in a pipe-separated table (`_`, `-`, `—`; `+++`,
# an InputLayer's Connected to in 70a's 011).
_PLACEHOLDER_CELL = lazy(r"(?:^|(?<=\|))[ \t]*(?:[-_—–]|\+{1,3})[ \t]*(?=\||$)")


def blank_placeholder_cells(text: str) -> str:
    """Read a `_`, `-` or `—` cell of a pipe-separated row as the empty cell it stands for
    (a row of `-` cells alone is a Markdown table's delimiter row, and stays one).

    Each placeholder becomes a space, keeping the columns; a placeholder at an edge of a row
    printed without outer pipes becomes the pipe that keeps its empty cell a cell.
    """
    if "|" not in text or not _PLACEHOLDER_CELL.search(text):
        return text
    if all(cell.strip() == "-" for cell in text.strip().strip("|").split("|")):
        return text  # `| - | - | - |`: a Markdown delimiter row of one-dash cells, no row
    edge_lead = not text.lstrip().startswith("|")
    edge_tail = not text.rstrip().endswith("|")

    def blank(match: Any) -> str:
        cell = match.group(0)
        at_edge = (match.start() == 0 and edge_lead) or (match.end() == len(text) and edge_tail)
        mark = "|" if at_edge else " "  # (one bar keeps one empty cell at an edge)
        return re.sub(r"[-_—–]|\+{1,3}", lambda m: mark + " " * (len(m.group(0)) - 1), cell)

    return _PLACEHOLDER_CELL.sub(blank, text)


# --------------------------------------------------------------------------- line passes


# Pictographs (emoji, dingbats, squares) set before a Markdown table's first cell text as
# decoration (51c's 006: `| 🟦 **conv2d_20 (Conv2D)** |`), with their joiners and selectors
_PICTOGRAPHS = "\u2190-\u21ff\u2300-\u23ff\u25a0-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff"
_FIRST_CELL_PICTOGRAPHS = lazy(
    rf"^([ \t]*\|[ \t]*)[{_PICTOGRAPHS}][{_PICTOGRAPHS}\ufe0f\u200d]*[ \t]+(?=\S)"
)
_FIRST_CELL_PICTOGRAPHS_SIGN = lazy(rf"\|[ \t]*[{_PICTOGRAPHS}]")  # (a batch's first test)


def drop_first_cell_pictographs(text: str) -> str:
    """Drop the pictographs a Markdown table row sets before its first cell's text."""
    if text.isascii() or "|" not in text:
        return text
    return _FIRST_CELL_PICTOGRAPHS.sub(r"\1", text, count=1)


# A line of a summary that code writes out: `print(" dense (Dense)  …")`, or a string literal
# of a JavaScript or Python concatenation (`'\n dense (Dense)  …' +`), maybe with a comment
# after it (tf-keras's expected summaries, each line's literal then the linter's `noqa`
# comment: 55a's 001–005), or the whole statement commented out (`// "…\n"+`: 82e's 001).
_CODE_STRING_BODY = (
    r"[ \t]*(?://[ \t]*)?(?:print\(|console\.log\(|echo[ \t]+)?"
    r"(?P<q>[\"'])(?:\\n)?(?P<body>[^\n]*?)"
    r"(?:\\n)?(?P=q)[ \t]*[)+,]?[ \t]*;?[ \t]*(?:(?:#|//)[^\n]*)?"
)
_CODE_STRING = lazy(rf"^{_CODE_STRING_BODY}$")
# The same at any line of a batch (tf.keras's `'dense[0][0]']` lines start with a quote too),
# searched for in "\n" + the batch: a literal first character lets the engine jump line to line
_CODE_STRING_LINE = lazy(rf"\n{_CODE_STRING_BODY}(?=\n|\Z)")


_NODE_ENTRY = lazy(r"[^\s\[\]'\"]+(?:\[\d+\]){2,3}")


def unquote_code_string(text: str) -> str:
    """Return what a line that is one string literal in code says (`print("Total params: 2")`
    → `Total params: 2`); any other line as it is."""
    if '"' not in text and "'" not in text:
        return text
    match = _CODE_STRING.match(text)
    if not match:
        return text
    quote, body = match.group("q"), match.group("body")
    if quote in body and quote in body.replace("\\" + quote, ""):
        # its quote unescaped inside: no one literal, but a line of cells that starts and ends
        # with quotes (81g's 014: `'pooled_output': (    'input_2[0][0]',`, a dict shape's key
        # and a Connected to entry wrapped onto one line)
        return text
    if body.endswith("]") and _NODE_ENTRY.fullmatch(body):
        return text  # a middle entry of tf.keras's wrapped Connected to list (19b's 001, 005)
    if quote == '"' and text.strip() == f'"{body}"' and body.isidentifier():
        return text  # `"model_36"`: a title whose `Model: ` was lost (28b's 009), no code
    said = body.replace("\\" + quote, quote) if "\\" in body else body
    return container_unstamped(said)


# A count set in bold on its own (`(None, 41200)   **35638000**`): the number a question is about.
_BOLD_COUNT = lazy(r"(?<![*\w])\*\*(\d[\d,]*)\*\*(?![*\w])")


def unbold_counts(text: str) -> str:
    """Undo bold around a count on its own, keeping the cells after it in their columns."""
    if "**" not in text:
        return text
    return _BOLD_COUNT.sub(lambda m: f"  {m.group(1)}  ", text)


# A layer name set in bold before its class (`| **conv2d_3** (Conv2D) |`, 12b's 004).
_BOLD_NAME = lazy(r"(?<![*\w])\*\*([\w.\-/]+)\*\*( ?\([\w.]+\)?)")


def unbold_names(text: str) -> str:
    """Undo bold around a layer name before its class, keeping the cells after it in their
    columns (the four marks move after the class, as spaces)."""
    if "**" not in text:
        return text
    return _BOLD_NAME.sub(lambda m: f"{m.group(1)}{m.group(2)}    ", text)


def repair_line(text: str) -> str:
    """Apply every single-line repair to one line's text."""
    text = unquote_code_string(text)
    text = drop_trailing_breaks(text)
    text = blank_empty_diff_line(text)
    text = unmangle_equals_rule(text)
    text = drop_rule_remnant(text)
    text = unescape_r_prefix(text)
    text = untex_tabular(text)
    text = layer_title_retyped(text)
    text = tfjs_shapes(text)
    text = unframe(text)
    text = drop_empty_cells_after(text)
    text = unescape_character_references(text)
    text = unescape_markdown(text)
    text = retyped_shapes(text)
    text = half_width_punctuation(text)
    text = translated_none(text)
    text = batch_word_as_none(text)
    text = spaceless_row(text)
    text = translate_title_lines(text)
    text = drop_first_cell_pictographs(text)
    if text[:1] in _BULLETS or text.lstrip()[:1] in _BULLETS:
        text = unbullet_row(text)
    text = unwrap_row_emphasis(text)
    text = unwrap_inline_code(text)
    text = unglue_opening_markup(text)
    text = unbold_counts(text)
    text = unbold_names(text)
    uncommented = drop_glued_comment(text)
    if uncommented is not text:  # the row the comment was glued to (74b's 003: `…32)320#创建`)
        uncommented = spaceless_row(uncommented)
    text = undash_listed_cells(uncommented)
    text = blank_placeholder_cells(text)
    return normalise_totals_label(text)


_GLUED_NUMBER = lazy(r"^(\d{1,6})(?=$|[^\d.,:;/)%])")
_GLUED_RUN = 3


def _glued(rest: str) -> bool:
    """Tell a number glued to its line (`3=====`, `12Model:`) from a numbered column (`0  5923`):
    what follows the number is empty or starts with no blank."""
    return not rest or not rest[0].isspace()


class _Holding(Protocol):
    """A repair that may hold lines back until it has seen enough of the lines after them."""

    def push(self, line: Any, out: list[Any]) -> None: ...

    def flush(self, out: list[Any]) -> None: ...


def _held_through(repair: _Holding, lines: Iterable[LineT]) -> Iterator[LineT]:
    """Pass lines through a repair that holds some back, yielding each as the repair lets go."""
    out: list[LineT] = []
    for line in lines:
        repair.push(line, out)
        yield from out
        out.clear()
    repair.flush(out)
    yield from out


def unglue_line_numbers(lines: Iterable[LineT]) -> Iterator[LineT]:
    """Strip editor line numbers glued to the start of lines (`3=====`, `4dense_1 (Dense)`).

    Only a run of at least three lines numbered consecutively, one of them glued to its text,
    loses its numbers (a table's index column keeps them).
    """
    yield from _held_through(_Unglue(), lines)


def read_bare_shapes(lines: Iterable[LineT]) -> Iterator[LineT]:
    """Write a bare number in the Output Shape column of a Markdown table whose shapes are
    written without the batch axis (`| 24 |` among `| 28×28×8 |`) as `(None, 24)`."""
    yield from _held_through(BareShapes(), lines)


# A listing's line number set as a Markdown table's first cell (83g's 011, a paper's listing
# converted to Markdown: `| 13 | Total params: 98 |  |  |`), and the alignment row below its
# header, which the listing did not number (`| :--: | :--: |`)
_PIPE_NUMBER = lazy(r"\|[ \t]*(\d{1,4})[ \t]*(?=\|)")
_ALIGNMENT_ROW = lazy(r"\|(?:[ \t]*:?-+:?[ \t]*\|)+[ \t]*")
# what a listing numbers that a table's index column does not: its header (a table's index
# column may number its totals rows too: the review of trial 83's item 2)
_LISTED_ONLY = "Layer (type)"
# A header whose first cell titles an index column (`| # | Layer (type) | …`, pandas' `|  | …`):
# the column goes with the numbers under it, its totals rows' too (the same item)
_INDEX_HEADER = lazy(r"\|[ \t]*(?:#|No\.?|Index|idx|)[ \t]*\|(?=[^|]*Layer \(type\))", re.I)
_ANY_NUMBER = -1  # the number an index column's first row may have (0 or 1)


class _Unglue:
    """Holds lines that start a numbered run until the run proves its numbers glued or not."""

    def __init__(self) -> None:
        self.pending: list[tuple[HasText, str]] = []  # each line, and its text unnumbered
        self.expected: Optional[int] = None
        self.in_run = False
        self.piped = False  # the numbers are a Markdown table's first cell

    def idle(self) -> bool:
        """Tell whether no numbered run is open."""
        return self.expected is None

    def push(self, line: LineT, out: list[LineT]) -> None:
        """Take the next line; append to out the lines that are ready."""
        text = line.text
        number, rest, piped = None, text, False
        if text[:1].isdigit():
            match = _GLUED_NUMBER.match(text)
            if match:
                number, rest = int(match.group(1)), text[match.end() :]
        elif text[:1] == "|":
            match = _PIPE_NUMBER.match(text)
            if match:
                number, rest, piped = int(match.group(1)), text[match.end() :], True
            elif self.piped and self.expected is not None and _ALIGNMENT_ROW.fullmatch(text):
                # (the alignment row loses its first cell with the others)
                self._take(line, "|" + text.split("|", 2)[2], out)
                return
            elif _INDEX_HEADER.match(text):
                # an index column's title: it goes with the numbers, if they follow
                self.flush(out)
                self.pending = [(line, "|" + text.split("|", 2)[2])]
                self.expected, self.in_run, self.piped = _ANY_NUMBER, False, True
                return
        if (
            number is not None
            and piped == self.piped
            and (number == self.expected or self.expected == _ANY_NUMBER)
        ):
            self.expected = number + 1
            self._take(line, rest, out)
            return
        self.flush(out)
        self.expected, self.in_run, self.piped = None, False, piped
        if number is not None:
            self.pending = [(line, rest)]
            self.expected = number + 1
        else:
            out.append(line)

    def _take(self, line: LineT, rest: str, out: list[LineT]) -> None:
        """A line of the run: out unnumbered once the run is proven, else held."""
        if self.in_run:
            out.append(with_text(line, rest))
            return
        self.pending.append((line, rest))
        pending = self.pending
        if len(pending) >= _GLUED_RUN and (
            any(_listed_only(cut) for _, cut in pending)
            if self.piped
            else any(_glued(cut) for _, cut in pending)
        ):
            self.in_run = True
            out.extend(with_text(held, cut) for held, cut in pending)  # type: ignore[misc]
            self.pending = []

    def flush(self, out: list[LineT]) -> None:
        """Append the held lines unchanged (the run ended unproven, or the input ended)."""
        out.extend(held for held, _ in self.pending)  # type: ignore[misc]
        self.pending = []


def _listed_only(text: str) -> bool:
    """Tell whether a numbered line is one a table's index column would not number."""
    return _LISTED_ONLY in text


def _blank(line: HasText) -> bool:
    """A blank line, or one of a Markdown quote holding only its `>` marks (18c's 004); a
    quoted line of spaces as wide as the table is a tf.keras 2.7+ spacer, no blank."""
    text = line.text
    core = text.strip()
    return not core or (len(text) < 8 and core[0] == ">" and not core.replace(">", "").strip())


_HEADER_WORDS = lazy(r"Layer\s*\(\s*type\s*\)[*_]{0,2}(?:\s{2}|\s*[┃│|]|\s*$|\sOutput)")
# In lines joined by `\n`: a line holding `Layer` (as every _HEADER_WORDS line does), then a
# blank line (empty, or only blanks that `str.isspace` knows, as `\s` does), then a line.
_HEADER_THEN_BLANK = lazy(r"Layer[^\n]*\n[^\S\n>]*(?:>[^\S\n>]*)*\n")


# The rest of a class a column wrapped, its blank lost (`GlobalAveragePooling2D)`), under a
# row that left its class open (`global_average_pooling2d (   (None, 1024)   0`)
CLASS_END = lazy(r"[ \t]?(?:[A-Za-z][\w.]*)?\)[ \t]*")
CLASS_LEFT_OPEN = lazy(r"[ \t]*[\w./:-]+ \((?:[A-Za-z][\w.]*)?[ \t]")
_CLASS_END_AFTER_BLANK = lazy(r"\n[^\S\n]*\n" + CLASS_END.pattern + r"(?:\n|$)")


def undouble_blank_lines(lines: Iterable[LineT]) -> Iterator[LineT]:
    """Drop the blank line that a double-spaced paste (`sed G`) put after every line.

    A summary header followed by a blank line and then its rule or box border proves the
    doubling (Keras never prints that); from there on, and back over the lines just before it,
    every second line is dropped while it is blank.
    """
    undoubler = _Undoubler()
    out: list[LineT] = []
    for line in lines:
        undoubler.push(line, out)
        yield from out
        out.clear()
    undoubler.flush(out)
    yield from out


def _undoubled_batches(
    batches: Iterable[tuple[list[LineT], Optional[str], bool]],
    as_note: Optional[Callable[[LineT], LineT]] = None,
) -> Iterator[list[LineT]]:
    """undouble_blank_lines on lines given in batches, each with its joined text when known and
    whether it may hold a `<`: the lines it lets go, a list at a time. With `as_note`, a merge
    conflict's lines are read first (a batch with no `<` opens none: merge_conflicts is only
    imported once a `<` shows)."""
    undoubler = _Undoubler()
    conflicts: Any = None
    for batch, joined, angled in batches:
        if as_note is not None and (angled or (conflicts is not None and conflicts.open)):
            if conflicts is None:
                from .merge_conflicts import ConflictReader

                conflicts = ConflictReader(as_note)
            batch = conflicts.read(batch, _TEXT_OF)
        out: list[LineT] = []
        undoubler.push_batch(batch, joined, out)
        yield out
    out = []
    undoubler.flush(out)
    yield out


class _Undoubler:
    """Holds the last lines back until a header, a blank line and the line after them prove a
    doubled paste (the held lines then lose their inserted blanks), or the lines move on."""

    def __init__(self) -> None:
        self.window: list[HasText] = []
        self.doubled = self.expect_blank = False
        self.gap_blank = False  # whether the last line in the window is blank

    def push_batch(self, batch: list[LineT], joined: Optional[str], out: list[LineT]) -> None:
        """Take the next lines (`joined`: their texts joined by `\\n`, when known); append to out
        the lines that are ready. Lines that cannot prove a doubling are only held."""
        if not batch:
            return
        if self.doubled or self._may_prove(batch, joined):
            for line in batch:
                self.push(line, out)
            return
        window = self.window
        window.extend(batch)
        self.gap_blank = _blank(batch[-1])
        excess = len(window) - _LOOKBEHIND
        if excess > 0:
            out.extend(window[:excess])  # type: ignore[arg-type]
            del window[:excess]

    def _may_prove(self, batch: list[LineT], joined: Optional[str]) -> bool:
        """Tell whether a line of the batch may come after a header and a blank line: a cheap
        test, true when unsure (a header holds `Layer`, looked for after its `L`)."""
        window = self.window
        if self.gap_blank and len(window) >= 2 and "Layer" in window[-2].text:
            return True  # the header and the blank before the batch
        if window and "Layer" in window[-1].text and _blank(batch[0]):
            return True  # the header before the batch, the blank line its first
        if self.gap_blank and CLASS_END.fullmatch(batch[0].text):
            return True  # the rest of a wrapped class after the blank before the batch
        if window and _blank(batch[0]) and CLASS_LEFT_OPEN.match(window[-1].text):
            return True  # a row that left its class open before the batch, a blank its first
        if joined is None:
            joined = "\n".join([line.text for line in batch])
        if ")" in joined and _CLASS_END_AFTER_BLANK.search(joined):
            return True
        return "L" in joined and "Layer" in joined and _HEADER_THEN_BLANK.search(joined) is not None

    def push(self, line: LineT, out: list[LineT]) -> None:
        """Take the next line; append to out the lines that are ready."""
        if self.doubled:
            if not self.expect_blank:
                self.expect_blank = True
                out.append(line)
                return
            self.expect_blank = False
            if _blank(line):
                return
            self.doubled = False
        window = self.window
        text = line.text
        blank = not text or text.isspace() or (">" in text and _blank(line))
        # a header, a blank line, then this line (not blank): the doubling is proved; so is a
        # row whose class its column wrapped, a blank line, then the class's end (56b's 010)
        if (
            self.gap_blank
            and not blank
            and len(window) >= 2
            and (
                _HEADER_WORDS.search(window[-2].text)
                or (CLASS_END.fullmatch(text) and CLASS_LEFT_OPEN.match(window[-2].text))
            )
        ):
            out.extend(_undouble_before(window))  # type: ignore[arg-type]
            window.clear()
            self.gap_blank = False
            self.doubled = self.expect_blank = True
            out.append(line)
            return
        window.append(line)
        self.gap_blank = blank
        if len(window) > _LOOKBEHIND:
            out.append(window.pop(0))  # type: ignore[arg-type]

    def flush(self, out: list[LineT]) -> None:
        """Append every held line (the input ended)."""
        out.extend(self.window)  # type: ignore[arg-type]
        self.window.clear()


_LOOKBEHIND = 12


def _undouble_before(held: list[LineT]) -> list[LineT]:
    """Given held lines ending with header and its inserted blank, drop the inserted blanks."""
    keep = [True] * len(held)
    index = len(held) - 1
    while index >= 1 and _blank(held[index]):
        keep[index] = False
        index -= 2
    return [line for line, kept in zip(held, keep) if kept]


_HEADER_LOOKAHEAD = 14


def english_headers(lines: Iterable[LineT]) -> Iterator[LineT]:
    """Rewrite translated summary headers in English (looking a few lines ahead for columns)."""
    yield from _held_through(_EnglishHeaders(), lines)


def _translatable(text: str) -> bool:
    """Tell whether a line may be a translated header that english_header would rewrite."""
    return (
        is_translated_header(text)
        and _LAYER_HINT.search(text) is not None
        and names_a_translated_layer_title(text)
    )


# A literal piece of every translated (or spaced) `Layer (type)` title: a fast scan first.
# (`(Layer)`: a title in any language glossed with Keras's, `Слой (Layer)`)
_LAYER_HINT = lazy(
    r"层|層|レイヤ|레이어|층|Capa|Camada|Couche|Schicht|Lớp|Layer \( |Layer \(type |\(Layer\)"
)


class _EnglishHeaders:
    """Holds a translated header until the lines below it show its columns; passes others on."""

    def __init__(self) -> None:
        self.window: deque[HasText] = deque()

    def idle(self) -> bool:
        """Tell whether no header waits for the lines below it."""
        return not self.window

    def push(self, line: LineT, out: list[LineT]) -> None:
        """Take the next line; append to out the lines that are ready."""
        window = self.window
        if not window and not _translatable(line.text):
            out.append(line)
            return
        window.append(line)
        if len(window) > _HEADER_LOOKAHEAD:
            out.append(self._front())  # type: ignore[arg-type]
        self._pass_plain(out)

    def flush(self, out: list[LineT]) -> None:
        """Append every held line (the input ended)."""
        while self.window:
            out.append(self._front())  # type: ignore[arg-type]

    def _pass_plain(self, out: list[LineT]) -> None:
        """Pass on the held lines before the next header that still waits for its columns."""
        window = self.window
        while window and not _translatable(window[0].text):
            out.append(window.popleft())  # type: ignore[arg-type]

    def _front(self) -> HasText:
        line = self.window.popleft()
        if not is_translated_header(line.text):
            return line
        header = english_header(line.text, [held.text for held in self.window])
        return line if header is None else with_text(line, header)


def unspace_highlighted(lines: Iterable[LineT]) -> Iterator[LineT]:
    """Undo a highlighter's spacing on the lines that show it and on the lines right after them."""
    unspace = _Unspace()
    for line in lines:
        yield unspace.apply(line)


class _Unspace:
    """Undoes a highlighter's spacing; remembers how many lines ago a spaced line was seen."""

    def __init__(self) -> None:
        self.since = SPACED_REACH + 1

    def idle(self) -> bool:
        """Tell whether no spaced line was seen close enough to matter to the next line."""
        return self.since > SPACED_REACH

    def apply(self, line: LineT) -> LineT:
        """Return the line with its spacing undone."""
        text = unspace_tokens(line.text, near_spaced=self.since <= SPACED_REACH)
        if text == line.text:
            self.since += 1
            return line
        self.since = 0
        return with_text(line, text)

    def skip(self, count: int) -> None:
        """Count lines that showed no spacing (and were not near a spaced line)."""
        self.since += count


def repair(
    lines: Iterable[LineT], as_note: Optional[Callable[[LineT], LineT]] = None
) -> Iterator[LineT]:
    """Undo every kind of paste damage this module knows, keeping each line's number. With
    `as_note` (which makes a line a note beside a table), a git merge conflict reads its first
    side, the rest as notes, and a unified diff its new side, its removed lines as notes."""
    if as_note is not None:
        lines = read_diffs(lines, as_note)
    joined = join_hyphenated_labels(
        give_back_rule_words(
            strip_log_prefixes(
                redraw_question_boxes(
                    join_wrap_marks(
                        join_literal_blocks(
                            joined_totals_counts(
                                joined_label_and_cells(rejoined_around_stderr(lines))
                            )
                        )
                    )
                )
            )
        )
    )
    return itertools.chain.from_iterable(_undoubled_batches(_repaired_batches(joined), as_note))


# A row index an author printed before a layer row (`0 input (InputLayer)`, `173) conv5_…`),
# maybe in a comment or indented: the number, `)`, `.` or `:`, one blank, then a name and `(`.
# (an indentation of at most 6: a spacer line's blanks are given back only that often)
_ROW_INDEX = lazy(r"[ \t]{0,6}(?:(?:#|//|>)[ \t]?)?(?P<index>\d{1,4}[.):]?[ \t])(?=[\w./-]+ ?\()")
_INDEXED_RUN = 3  # rows numbered one after another that prove an index column
_INDEX_HELD = 16  # lines held at most while a run is not yet proven


class _Unnumber:
    """Drops a row index column: at least three layer rows numbered one after another (any lines
    between them) lose each number, its `)` and one blank, which puts their cells back under the
    header (20b's 012: `# 1 conv1_1 (Convolution2D)` in a Keras 1 table; 007: `173) …`).

    The numbered rows that start a run are held until three prove it; a run ends at a number
    out of turn, or _INDEX_HELD lines after its last numbered row."""

    def __init__(self) -> None:
        self.held: list[tuple[Any, Optional[re.Match[str]]]] = []
        self.expected: Optional[int] = None
        self.proven = False
        self.since = 0  # lines since the run's last numbered row

    def idle(self) -> bool:
        """Tell whether no numbered run is open."""
        return self.expected is None

    def push(self, line: Any, out: list[Any]) -> None:
        """Take the next line; append to out the lines that are ready."""
        found = _ROW_INDEX.match(line.text)
        if found is None:
            if self.expected is None:
                out.append(line)
                return
            self.since += 1
            if self.proven:
                out.append(line)
            else:
                self.held.append((line, None))
            if self.since > _INDEX_HELD:
                self.flush(out)
            return
        number = int(found.group("index").rstrip(".): \t"))
        self.since = 0
        if number == self.expected:
            self.expected += 1
            if self.proven:
                out.append(_without_index(line, found))
                return
            self.held.append((line, found))
            if sum(1 for _, index in self.held if index is not None) >= _INDEXED_RUN:
                self.proven = True
                out.extend(
                    item if index is None else _without_index(item, index)
                    for item, index in self.held
                )
                self.held = []
            return
        self.flush(out)
        self.held, self.expected = [(line, found)], number + 1

    def flush(self, out: list[Any]) -> None:
        """Append the held lines unchanged and end the run (it ended unproven, or the input
        ended)."""
        out.extend(item for item, _ in self.held)
        self.held, self.expected, self.proven, self.since = [], None, False, 0


def _without_index(line: LineT, found: re.Match[str]) -> LineT:
    text = line.text
    return with_text(line, text[: found.start("index")] + text[found.end("index") :])


class _WrappedLabel(Enum):
    """How a held totals line's last label was wrapped."""

    HYPHEN = "hyphen"  # `… Non-`, then `trainable params: 192`
    BEFORE_PARAMS = "before params"  # `… Non-trainable`, maybe ``, then `params: 0`


def _wrapped_label(text: str) -> Optional[_WrappedLabel]:
    """How a line's last totals label was wrapped before the rest of it, or None."""
    if text.endswith(("Non-", "non-")):
        return _WrappedLabel.HYPHEN
    if text.endswith("trainable") and _WRAPPED_LABEL.search(text):
        return _WrappedLabel.BEFORE_PARAMS
    return None


def join_hyphenated_labels(lines: Iterable[LineT]) -> Iterator[LineT]:
    """Join a totals line whose `Non-` a text editor or PDF wrapped before `trainable params`
    (18c's 013: `… Trainable params: 82,124,864 Non-` / `trainable params: 192`), keeping the
    first line's number; or whose label it wrapped before `params:`, maybe with an empty line
    between (57a's 014: `… Trainable params: 5,353,299 Non-trainable`, ``, `params: 0`). A
    live pipe is not kept waiting: only a line ending in `Non-` or such a label is held."""
    held: Optional[LineT] = None
    wrap: Optional[_WrappedLabel] = None  # how the held line's label was wrapped
    blank: Optional[LineT] = None  # an empty line after a held label
    for line in lines:
        text = line.text
        if held is not None:
            rest = text.lstrip()
            if wrap is _WrappedLabel.HYPHEN:
                if rest.lower().startswith("trainable param"):
                    yield with_text(held, held.text + rest)
                    held = None
                    continue
            elif rest.startswith("params:"):
                yield with_text(held, f"{held.text} {rest}")
                held = blank = None
                continue
            elif blank is None and not rest:
                blank = line
                continue
            yield held
            if blank is not None:
                yield blank
            held = blank = None
        if text.endswith(("-", "e")):  # (a cheap first test: `Non-`, `trainable`)
            wrap = _wrapped_label(text)
            if wrap is not None:
                held = line
                continue
        yield line
    if held is not None:
        yield held
        if blank is not None:
            yield blank


# A totals line whose last label the wrap left without its `params:` (`… Non-trainable`)
_WRAPPED_LABEL = lazy(r"params: [\d,]+(?: \([^)]*\))? +(?:Non-)?[Tt]rainable$")


WRAP_MARK = "➥"  # a book's mark before the rest of a line it wrapped at its page's width
_SHORTEST_WRAPPED = 40  # a shorter line is no page's width: a `➥` under it is a bullet


def join_wrap_marks(lines: Iterable[LineT]) -> Iterator[LineT]:
    """Join a line a book wrapped at its page's width back onto the line before it (Manning's
    `➥ Connected to` under `INFO:absl:Layer (type)  …  Param #`, 51b's 014), keeping the first
    line's number and its blanks (they put the rest in its column). Each line waits for the
    next one only (a live pipe's lines come to this in batches the collector held)."""
    held: Optional[LineT] = None
    for line in lines:
        text = line.text
        if held is not None:
            if (
                WRAP_MARK in text
                and text.lstrip().startswith(WRAP_MARK)
                and (
                    len(held.text.rstrip()) >= _SHORTEST_WRAPPED
                    # a logger's prefix alone: a continuation line whose blanks a page trimmed
                    or (held.text.rstrip().endswith(":") and " " not in held.text.strip())
                )
            ):
                # (a page that kept no blanks at the wrap: two between the halves, a cell gap)
                head = held.text if held.text.endswith(" ") else held.text + "  "
                held = with_text(held, head + text.lstrip()[len(WRAP_MARK) :].lstrip())
                continue
            yield held
        held = line
    if held is not None:
        yield held


LITERAL_DIRECTIVE = ".. parsed-literal::"
RAW_HTML_DIRECTIVE = ".. raw:: html"  # Sphinx's nbconvert of a rich (Keras 3) output
_DIRECTIVES = (LITERAL_DIRECTIVE, RAW_HTML_DIRECTIVE)


def join_literal_blocks(lines: Iterable[LineT]) -> Iterator[LineT]:
    """Drop reStructuredText's `.. parsed-literal::` and `.. raw:: html` lines and the empty
    lines around them.

    nbconvert's RST export puts each piece of a cell's output in a block of its own: a summary
    printed line by line comes out as one directive per line, each row cut from the next by the
    directive and empty lines (15a's 006); a Keras 3 print through rich comes out as one HTML
    block per part, the table and each totals line (18a's 018), whose stripped `</pre>` line
    leaves only the block's indentation. The directives are markup, not the print's text.
    Empty lines are held back only once a directive has been seen (a live pipe is not kept
    waiting); lines holding more blanks than an indentation (a spacer line of the print) are
    kept.
    """
    lines = iter(lines)
    for line in lines:
        text = line.text
        if ":" in text and text.strip() in _DIRECTIVES:
            break
        yield line
    else:
        return
    held: list[LineT] = []  # empty lines that may come before the next directive
    after_directive = True  # empty lines after a directive are dropped
    for line in lines:
        text = line.text
        if not text or (len(text) < 8 and text.isspace()):
            if not after_directive:
                held.append(line)
            continue
        if ":" in text and text.strip() in _DIRECTIVES:
            held.clear()
            after_directive = True
            continue
        after_directive = False
        if held:
            yield from held
            held.clear()
        yield line
    yield from held


_BATCH = 8  # lines looked at together (english_headers holds more than that anyway)
# Plain substrings: one C search each beats a regex alternation tried at every offset. Each is
# looked for after a character of it that clean text seldom holds: a search for one character is
# the fastest, and needs no copy of an ASCII word in the width of a box-drawn batch.
_BATCH_SIGNS = (*SPACED_PIECES, "Capa", "Camada", "Couche", "Schicht", "Layer (type ", "(Layer)")
_SIGN_CHARS = {"params :": ":", "Model :": ":", "Non - ": "-"}  # else the first one not blank
_BATCH_SIGN_PAIRS = tuple((sign, _SIGN_CHARS.get(sign) or sign.strip()[0]) for sign in _BATCH_SIGNS)
# Signs of a row in emphasis, a glued comment or a placeholder cell; each pattern starts with a
# literal, so the engine skips to it at C speed.
# `(?=([ \t]*))\1` is `[ \t]*` that gives no blank back (what follows it is no blank): the
# engine does not try again with each shorter run of a long indentation (no `*+` before 3.11).
_MARKUP_LINE_START = (
    r"(?=([ \t]*))\1(?:[*_]{1,2}[A-Za-z0-9┃│|]|[-_—–](?=([ \t]*))\2\||[*+-][ \t]+[\w./-]+ ?\()"
)
_MARKUP_FIRST_LINE = lazy(_MARKUP_LINE_START)
# A line that starts with a digit (a glued line number) or with markup: one search.
# (or, after at most 6 blanks and a comment mark, a row index: `  173) conv5_…`, `# 1 conv1_1`)
_LINE_START_SIGN = lazy(r"\n(?:\d|[ \t]{0,6}(?:(?:#|//|>)[ \t]?)?\d|" + _MARKUP_LINE_START + ")")
_PIPE_NUMBER_SIGN = lazy(r"^\|[ \t]*\d{1,4}[ \t]*\|", re.M)  # a listing's number as a first cell
# a digit, `#`, then neither or the end of the batch (looked for from the `#` on)
_GLUED_COMMENT_SIGN = lazy(r"#(?<=\d#)(?:[^\d#]|\Z)")
_PLACEHOLDER_SIGN = lazy(r"\|[ \t]*(?:[-_—–]|\+{1,3})[ \t]*(?:\||$)", re.M)
_TRANSLATED_LABELS = (
    "Modelo",
    "Modell",
    "metros",
    "tham số",
    "arame",  # `Gesamtparameter:`, `Parametri totali:`, `Total parameter:` (96g's 005)
    "aramè",  # `Paramètres totaux:`
)  # with a colon: a label translate_title_lines reads (and `params)`, looked for first)
_WIDE_LABELS = (
    "模型",
    "モデル",
    "모델",
    "Modèle",
    "参数",
    "參數",
    "パラメータ",
    "파라미터",
    "매개변수",
    "总计",
    "總計",
)
_WIDE_LAYER_TITLES = ("层", "層", "レイヤ", "레이어", "층", "ớp")  # (`ớp`: Vietnamese `Lớp`)


def _markup_may_change(joined: str) -> bool:
    """Tell whether a batch may hold a glued comment, a count in bold or a placeholder cell."""
    if "#" in joined and _GLUED_COMMENT_SIGN.search(joined):
        return True
    if "**" in joined and (
        _BOLD_COUNT.search(joined) or _BOLD_NAME.search(joined) or _GLUED_OPENING.search(joined)
    ):
        return True  # a count or a layer name set in bold
    if "---" in joined and _LISTED_ROW_SIGN.search(joined):
        return True  # rows set as list items, their cells ended with dashes
    return "|" in joined and _PLACEHOLDER_SIGN.search(joined) is not None


def _batch_may_change(joined: str) -> bool:
    """Tell whether any line-level repair other than the totals spellings could change some line
    of the text of a batch (or start a numbered run): a cheap test, true when unsure."""
    if "<" in joined or "&" in joined or "\\" in joined:
        return True  # `<br>`, `#&gt;`, Markdown escapes
    if ("+" in joined or "-" in joined) and _EMPTY_DIFF_LINE.search(joined):
        return True  # a diff's empty line, its mark alone
    if ("_ " in joined or "= " in joined) and _RULE_REMNANT_SIGN.search(joined):
        return True  # a wrapped rule's end before a row
    if "[null" in joined or "[ null" in joined or "[batch_size" in joined:
        return True  # TensorFlow.js's shapes
    if ("(B" in joined or "(b" in joined or "( " in joined) and _BATCH_WORD_SIGN.search(joined):
        return True  # a shape's batch axis written as a word (`(BS, 30, 30, 6)`)
    if ("utput" in joined or "hape" in joined) and (
        (
            _PIPE_LAYER_TITLE.search(joined)
            if "|" in joined
            else (_FIXED_TITLE_SIGN in joined or _MISSPELT_TITLE_SIGN in joined)
            and _FIXED_LAYER_TITLE.search(joined)
        )
        or ("┃" in joined and _MISSPELT_TITLE_SIGN in joined and _BOX_MISSPELT_TITLE.search(joined))
    ):
        return True  # a retyped header's `| Layer | Output Shape |`, `Layer      Output Shape`
    if "|" in joined and (
        _RETYPED_SHAPE_SIGN.search(joined)
        or (" | |" in joined and _EMPTY_CELLS_AFTER.search(joined))
        or may_open_shape_column(joined)
    ):
        return True  # a Markdown table's shapes retyped without the batch axis; empty cells
    if ")(" in joined or ")[(" in joined or may_hold_glued_count(joined):
        return True  # a row whose blanks were lost (`input_4(InputLayer)(None,10)0`)
    if (
        "│" in joined
        and "┼" not in joined  # a Keras 3 box's rule between rows: no frame (and no search)
        and (_FRAMED_LINE.search(joined) or _FRAME_EDGE.search(joined))
    ):
        return True  # a frame drawn around a whole print
    if may_hold_borderless_header(joined):
        return True  # a Keras 3 box whose outer borders a Markdown export took off
    if may_open(joined):
        return True  # a header laid out one title per line (a GitBook page's table)
    if may_open_type_column(joined):
        return True  # a Markdown table with a Type column, or the author's words, of its own
    if "Input " in joined and may_open_input_column(joined):
        return True  # TensorFlow.js's Input Shape column
    if "name" in joined and may_open_keras0_rows(joined):
        return True  # Keras 0.3's rows, class before name
    if "`" in joined and (_BLANK_SPAN in joined or _INLINE_CODE_LINE.search(joined)):
        return True  # a summary line set as a Markdown code span, or its leading blank
    if ("```" in joined or "~~~" in joined) and _GLUED_OPENING.search(joined):
        return True  # a summary's first line glued to its code fence
    if ('"' in joined or "'" in joined) and _CODE_STRING_LINE.search("\n" + joined):
        return True  # `print(" dense (Dense) …")`: a line that may be a string literal
    if (
        joined[:1].isdigit()
        or ("|" in joined and _PIPE_NUMBER_SIGN.search(joined))
        or _MARKUP_FIRST_LINE.match(joined)
        or _LINE_START_SIGN.search(joined)
        or _ROW_INDEX.match(joined)
    ):
        return True  # a glued line number or a row index; a row in emphasis or a placeholder cell
    for sign, char in _BATCH_SIGN_PAIRS:
        if char in joined and sign in joined:
            return True  # spaced tokens, a translated header
    if _markup_may_change(joined):
        return True  # a glued comment, a placeholder cell
    wide = not joined.isascii()
    if (":" in joined or "：" in joined) and (
        "params)" in joined  # Keras's words glossing the author's (`… (Total params):`)
        or _holds_any(joined, _TRANSLATED_LABELS)
        or (wide and _holds_any(joined, _WIDE_LABELS))
    ):
        return True  # a translated Model: or totals line
    if "|" in joined and ((wide and _holds_any(joined, _WIDE_LABELS)) or "Tổng" in joined):
        return True  # a translated totals label as a Markdown row's cell
    if wide and "|" in joined and _FIRST_CELL_PICTOGRAPHS_SIGN.search(joined):
        return True  # a Markdown row's first cell after a pictograph
    return wide and (
        _holds_any(joined, _WIDE_LAYER_TITLES)
        or "无" in joined  # (plain searches: every Keras 3 box batch is wide)
        or "（" in joined  # full-width punctuation
        or "，" in joined
        or "無" in joined
        or "なし" in joined
        or "없음" in joined
    )


def _holds_any(text: str, words: tuple[str, ...]) -> bool:
    """Tell whether text holds one of the words, each looked for after its first character."""
    return any(word[0] in text and word in text for word in words)


def _repaired_batches(
    lines: Iterable[LineT],
) -> Iterator[tuple[list[LineT], Optional[str], bool]]:
    """Apply the repairs that work line by line (numbers, escapes, spacing, translations).

    Lines are looked at eight at a time: a batch that shows no sign of any damage, met while
    no repair is holding or watching lines, only has its totals spellings looked at. The
    repaired lines come a list at a time, with their texts joined by `\\n` when that is known.
    """
    unnumber, unglue, bare, pipes = _Unnumber(), _Unglue(), BareShapes(), InsertedPipes()
    unspace, english, rebox = _Unspace(), _EnglishHeaders(), Rebox()
    cells, typed, inputs = CellLines(with_text), TypeColumn(), InputShapeColumn()
    keras0 = Keras0Rows()

    def one_line(text: str) -> str:
        """One line through the single-line repairs, then through the stateful column stages."""
        return typed.apply(rebox.apply(keras0.apply(inputs.apply(repair_line(text)))))

    joined_cells: list[LineT] = []
    indexed: list[LineT] = []
    numbered: list[LineT] = []
    unbarred: list[LineT] = []
    shaped: list[LineT] = []
    out: list[LineT] = []
    source = iter(lines)
    while True:
        batch = list(itertools.islice(source, _BATCH))
        if not batch:
            break
        idle = (
            unnumber.idle()
            and unglue.idle()
            and pipes.idle()
            and bare.idle()
            and unspace.idle()
            and english.idle()
            and rebox.idle()
            and cells.idle()
            and typed.idle()
            and inputs.idle()
            and keras0.idle()
        )
        joined = "\n".join([line.text for line in batch]) if idle else ""
        if idle and not _batch_may_change(joined):
            unspace.skip(len(batch))
            if not may_spell_totals(joined):  # then no line of it: one test for the batch
                yield batch, joined, False
                continue
            yield (
                [
                    with_text(line, normalise_totals_label(line.text))
                    if may_spell_totals(line.text)  # normalise_totals_label's own first test
                    else line
                    for line in batch
                ],
                None,
                False,
            )
            continue
        for line in batch:
            unnumber.push(line, indexed)
            for row in indexed:
                unglue.push(row, numbered)
            indexed.clear()
            for row in numbered:
                pipes.push(row, unbarred)
            numbered.clear()
            for row in unbarred:
                bare.push(row, shaped)
            unbarred.clear()
            for held in shaped:
                cells.push(with_text(held, one_line(held.text)), joined_cells)
            for joined_line in joined_cells:
                english.push(unspace.apply(joined_line), out)
            joined_cells.clear()
            shaped.clear()
        # (a `<`, or one a page escaped as `&lt;`, may open a merge conflict)
        yield out, None, not idle or "<" in joined or "&lt;" in joined
        out = []
    unnumber.flush(indexed)
    for row in indexed:
        unglue.push(row, numbered)
    unglue.flush(numbered)
    for row in numbered:
        pipes.push(row, unbarred)
    pipes.flush(unbarred)
    for row in unbarred:
        bare.push(row, shaped)
    bare.flush(shaped)
    for held in shaped:
        cells.push(with_text(held, one_line(held.text)), joined_cells)
    cells.flush(joined_cells)
    for joined_line in joined_cells:
        english.push(unspace.apply(joined_line), out)
    english.flush(out)
    yield out, None, True
