"""Turn a parsed block's tree into frozen Summary and Layer records."""

from __future__ import annotations

import re
from collections.abc import Sequence
from operator import attrgetter
from typing import Any, Optional

from . import cell_grammar, cells, lines
from .blocks import Block
from .dialects import MERGES_TAKE_TWO_INPUTS, Dialect
from .grammar import LineTree, ParsedBlock
from .kinds import TOTAL_KINDS, Classified, Layout, LineKind
from .layer_classes import (
    SHORTEST_DECIDING_CUT,
    class_named_by,
    class_of_default_name,
    completions,
    dimension_variants,
    is_known_class,
    name_stem,
    resolve_class,
    snake_case,
)
from .patterns import lazy
from .records import Count, Layer, Summary, Totals
from .shapes import normalise_shape_text

_ELISION = LineKind.ELISION.value
_CONT = LineKind.CONT.value
_BLANK = LineKind.BLANK.value
_STRAY_ROW_KINDS = frozenset(
    kind.value for kind in (LineKind.ROW, LineKind.ROW_WEAK, LineKind.CONT, LineKind.CONT_WEAK)
)
_CONT_WEAK = LineKind.CONT_WEAK.value
_NO_TAIL: list[Classified] = []  # a row no stray line break cut (read only)
# Activations a retyped table writes in parentheses after a spelled-out layer (21b's 008)
_ACTIVATION_WORDS = frozenset(
    ("tanh", "sigmoid", "relu", "softmax", "leakyrelu", "elu", "selu", "gelu", "swish", "linear")
)
# A layer's role or state an author writes in parentheses after a hand-written name
# (`Dense-2 (Output)`, `MobileNetV2 Base (frozen)`, 26a's 015): no class. Words a custom class is
# often called (Encoder, Head …) count only after a name with a blank, which Keras never prints.
_STATE_NOTES = frozenset(
    (
        "output",
        "input",
        "hidden",
        "frozen",
        "trainable",
        "non-trainable",
        "not trainable",
        "pretrained",
        "pre-trained",
        "fine-tuned",
        "unfrozen",
        "final",
    )
)
# a layer's training state, which no class is named after (not `Output`, `Hidden`, …)
_TRAINING_STATES = frozenset(
    {"frozen", "trainable", "non-trainable", "not trainable", "pretrained", "pre-trained"}
    | {"fine-tuned", "unfrozen"}
)
_TRAINING_STATES_WRITTEN = _TRAINING_STATES | {word.capitalize() for word in _TRAINING_STATES}
_ROLE_NOTES = frozenset(("base", "head", "backbone", "encoder", "decoder", "classifier", "top"))
_NOTE_WORDS = _STATE_NOTES | _ROLE_NOTES
# Keras 3 prints Y and N; a retyped table may spell them out
_TRAINABLE = {"Y": True, "N": False, "Yes": True, "No": False, "True": True, "False": False}
_TOTALS_FIELDS = {
    LineKind.TOTAL.value: "total",
    LineKind.TRAINABLE.value: "trainable",
    LineKind.NON_TRAINABLE.value: "non_trainable",
    LineKind.OPTIMIZER.value: "optimizer",
}


class _Broken:
    """Continuation lines found past a stray blank line: the rest of the row above."""

    __slots__ = ("items",)

    def __init__(self, items: list[Classified]) -> None:
        self.items = items


class _ToRecords:
    """Builds records from one block's tree, bottom up as a Lark Transformer would (a rule's
    method gets its children, subtrees already built); tokens carry their classified line.

    What depends only on the header (the columns, which reader cuts the rows) is worked out
    once here, not per row."""

    def __init__(self, parsed: ParsedBlock, source: str) -> None:
        self.block = parsed.block
        self.source = source
        self.unreadable: list[tuple[int, str]] = []
        self.elided: list[int] = []
        self.count_notes: list[tuple[int, str]] = []  # notes written after a row's count
        header = self.block.header_text
        self.wrapped = self.block.dialect is Dialect.KERAS2_WRAPPED
        self.layout = self.block.layout
        self.keyed: Optional[cells.KeyedColumns] = None
        self.fixed: Optional[cells.FixedColumns] = None
        if self.layout in (Layout.BOX, Layout.PIPE):
            raw = (
                cells.pipe_cells(header)
                if self.layout is Layout.PIPE
                else cells.split_bars(header, "│┃|")[0]
            )
            self.keys = cells.header_keys(raw)
            self.header_closed = self.layout is Layout.PIPE or _box_closed(self.block, header)
            self.keyed = cells.KeyedColumns(self.keys, self.layout is Layout.PIPE)
        else:
            self.keys = [k for k, _ in cells.fixed_columns(header)] if header else []
            self.header_closed = True
        # a header without Param # (81c's 011: rows of a name and a shape only, the counts
        # cropped or left out): the column is missing, not each row's count
        self.no_param_title = "params" not in self.keys and "output_shape" in self.keys
        # a box whose top border is whole over a header line cut before its last bar: the paste
        # ended inside the header (98a's 008), no terminal cropped the table
        header_cut = (
            self.layout is Layout.BOX
            and self.header_closed
            and header.rstrip()[-1:] not in ("┃", "│", "|")
        )
        self.cropped = (not self.header_closed or self.no_param_title) and not header_cut
        last = self.keys[-1] if self.keys else None
        self.params_last = last == "params"
        # a cropped table's missing counts are no fault when the crop cut the Param # column
        self.crop_cuts_counts = last in ("params", "?") or "params" not in self.keys
        self.connected_last = last == "connected_to"
        self.box_cut_at_end = self.layout is Layout.BOX and self.header_closed
        self.box_edge = _box_edge(self.block) if self.layout is Layout.BOX else None
        self.last_line = self.block.lines[-1] if self.block.lines else None
        self.totals_seen = any(item.kind in TOTAL_KINDS for item in self.block.lines)
        # a Connected to column the paste shows (not in a header written back for rows the
        # paste cut from theirs)
        self.connected_printed = self.connected_last and any(
            item.kind is LineKind.HEADER and "Connected" in item.line.text
            for item in self.block.lines
        )

    def transform(self, tree: LineTree) -> Any:
        """Build a tree bottom up: each rule's method on its children (lines stay lines)."""
        # a row holds only lines (its grammar rule has no subrule): it stays as the parser made
        # it, and `body` reads it
        children = [
            child
            if child.__class__ is not LineTree or child.data == "row"
            else self.transform(child)
            for child in tree.children
        ]
        return getattr(self, tree.data)(children)

    # -- rows -------------------------------------------------------------------------

    def broken(self, items: list[Classified]) -> _Broken:
        return _Broken(items)

    def _layers(self, row: list[Classified], tail: list[Classified]) -> list[Layer]:
        """Read one row's lines (and the tail a stray line break cut from it); a box row
        without separators may hold several layers."""
        if tail:
            # A cell split by a stray line break: join the pieces, then read the tokens.
            first, piece = row[0], tail[0]
            head, rest = first.text.rstrip(), piece.text.strip()
            # a whole Connected to entry after one (`dense[0][0]` / `b[0][0]`, the line break
            # between them moved by stderr written into the row): two entries, not one name
            gap = " " if head.endswith("]") and _NODE_START.match(rest) else ""
            joined = Classified(first.line, head + gap + rest, first.kind)
            groups = [[joined, *row[1:], *tail[1:]]]
        elif self.layout is Layout.BOX and len(row) > 1:
            keyed = self.keyed
            assert keyed is not None
            notes = [(item, keyed.note(item)) for item in row[1:]]
            if any(note is not None for _, note in notes):
                # the author's notes under a row are asides, not cells of it (20b's 010)
                self.count_notes.extend(
                    (item.line.number, note) for item, note in notes if note is not None
                )
                row = [row[0], *(item for item, note in notes if note is None)]
            groups = keyed.groups(row)
        else:
            groups = [row]
        out = []
        for items in groups:
            try:
                layer = self._layer(items, collapsed=bool(tail))
            except (ValueError, IndexError):
                self.unreadable.append((items[0].line.number, items[0].text.strip()))
                continue
            if layer is not None:
                out.append(layer)
        return out

    def _at_the_edge(self, items: list[Classified]) -> bool:
        """Tell whether a box row's lines end in a bar under the top border's corner, blanks
        after it (92a's 001: a PowerShell log padded each line): the row is whole."""
        edge = self.box_edge
        return edge is not None and all(len(item.text.rstrip()) == edge for item in items)

    def _cells(self, items: list[Classified], collapsed: bool) -> tuple[cells.RowCells, bool]:
        """Cut a row's lines into cells by the block's layout; the flag tells a box row the end
        of the paste cut (under a whole header)."""
        if collapsed:
            return self._collapsed(items), False
        if self.keyed is not None:
            row, closed = self.keyed.read(items)
            cut_at_end = False
            if not closed:
                cut_at_end = self.box_cut_at_end and items[-1] is self.last_line
                if not cut_at_end and not self._at_the_edge(items):
                    self.cropped = True
            if self.cropped and self.params_last:
                row.params = ""  # the cropped right edge cut the right-aligned counts
            return row, cut_at_end
        if self.layout is Layout.COLLAPSED:
            return self._collapsed(items), False
        if self.fixed is None:
            self.fixed = cells.FixedColumns(self.block.header_text, self.wrapped)
        row = self.fixed.read(items)
        if not _looks_like_row(row):
            alt = self._collapsed(items)
            if alt.readable and _looks_like_row(alt):
                row = alt
        return row, False

    def _collapsed(self, items: list[Classified]) -> cells.RowCells:
        """Read a row by its tokens; text after the count of a table that prints no Connected to
        column is no inbound list, so the row is not read (its line is reported)."""
        row = cells.read_collapsed(items)
        if row.connected and "connected_to" not in self.keys:
            row.readable = False
        return row

    def _layer(self, items: list[Classified], collapsed: bool = False) -> Optional[Layer]:
        row, cut_at_end = self._cells(items, collapsed)
        layer_text = row.layer
        if not layer_text or not row.readable:
            self.unreadable.append((items[0].line.number, items[0].text.strip()))
            return None
        line = items[0].line.number
        if row.extra:  # the cell of a column an author added (31c's 005), said beside the row
            self.count_notes.append((line, row.extra))
        params_text = row.params
        count_cut = False
        if params_text:
            params, note = cell_grammar.read_count(params_text)
            if params is None:
                # Keras 3 cuts a count too wide for its column as it cuts names: `102,957,…`.
                count_cut = _CUT_COUNT.match(params_text) is not None
                noted = (
                    None
                    if count_cut or "connected_to" in self.keys
                    else _count_then_note(params_text)
                )
                if noted is not None:
                    # `14714688    [transferred from VGG]`: the count, and the author's note
                    # named as an aside (15a's 002)
                    params, note = cell_grammar.read_count(noted.group(1))
                    if params is not None:
                        self.count_notes.append((items[0].line.number, noted.group(2).strip()))
                elif not count_cut and _FORMULA.fullmatch(params_text):
                    # `128 * 64 + 64`: the count written as its arithmetic (29b's 007), read
                    # as its value and said so
                    params = _formula_value(params_text)
                    self.count_notes.append(
                        (items[0].line.number, f"{params_text.strip()} = {params:,}")
                    )
        else:
            params = note = None
        if params is not None and (
            (self.connected_printed and self._paste_ends_after_count(items, row))
            or self._paste_ends_in_count(items, row)
        ):
            # `tcn (TCN)  (None, 32)  3184` the paste's last line, no Connected to entry where
            # every layer but an input has one (79a's 010): the paste ended at, or inside, the
            # count, whose digits may go on (`31840`): a count cut short
            params, count_cut = None, True
        if (
            params is None
            and not count_cut
            and not (self.cropped and self.crop_cuts_counts)
            and params_text.strip() not in lines.LEFT_OUT_COUNTS  # not shown, said so
        ):
            # (a box row the paste ends inside too: SA001 says so, as of a Keras 2 row, 70d's
            # 010, `│ activation_4 │ (16, 37, 1, 64)` the last line)
            self.unreadable.append((line, items[0].text.strip()))
        if (") " in layer_text or "):" in layer_text) and (
            indexed := _NOTE_AFTER_CLASS.fullmatch(layer_text)
        ):
            # `conv2d (Conv2D) 2`: a number an author wrote after the class (78c's 010, an index
            # of the row's weights), or a note (`- Policy`), said beside the row
            layer_text = indexed.group(1)
            self.count_notes.append((line, indexed.group(2) or indexed.group(3)))
        elif (
            layer_text[-1:] == ")"
            # (a cheap first test, the last parentheses opening on a digit: Keras's own
            # `(Conv2D)` never does)
            and (opening := layer_text.rfind("(")) >= 0
            and layer_text[opening + 1 : opening + 2].isdigit()
            and (noted := _DIGITS_NOTE_AFTER.fullmatch(layer_text))
        ):
            # `Dropout (0.3)`, `Dense (512, ReLU)`: the author's note after a class written as
            # the name (89a's 013), said beside the row
            layer_text = noted.group(1)
            self.count_notes.append((line, noted.group(2)))
        name, printed_type, cut = cell_grammar.read_layer_cell(layer_text)
        if not printed_type and ") " in name and _TWO_LAYERS.search(name):
            # two rows' labels in one cell (`activation (Activation) batch_normalization (…)`):
            # lines merged by a misread, whose cells belong to no one layer
            self.unreadable.append((line, items[0].text.strip()))
            return None
        if params and " " in name and printed_type.lower() in _ACTIVATION_WORDS:
            # `Conv 2D Transpose (Tanh)`: a retyped table's spelled-out layer and its activation
            # (21b's 008), no keras.ops Tanh holding 801 weights: the class is not shown
            name, printed_type, cut = f"{name} ({printed_type})", "", frozenset(("type",))
        elif " " in printed_type and (class_noted := _class_and_note(printed_type)) is not None:
            # `efficientnetb3 (functional backbone)`: the class, then the author's note of the
            # layer's role or state (29b's 010), said beside the row
            printed_type = class_noted[0]
            self.count_notes.append((line, f"({class_noted[1]})"))
        elif not printed_type.isascii() and _in_cjk(printed_type):
            # a class a page's machine translation wrote in its language (26c's 009:
            # `简单的(简单的)`, simple_rnn (SimpleRNN)): Keras's class is not shown
            printed_type, cut = "", frozenset(("type",))
        elif (
            printed_type
            and (
                # `Dense (ReLU)`, `dense_1 (softmax)`: the activation after a layer the name gives,
                # its count no activation layer has (29b's 004, 010)
                (
                    params
                    and printed_type.lower() in _ACTIVATION_WORDS
                    and _names_weighted_layer(name)
                )
                # `Dense-2 (Output)`, `MobileNetV2 Base (frozen)`: a role or state (26a's 015)
                or (
                    ("-" in name or " " in name or printed_type in _TRAINING_STATES_WRITTEN)
                    and _is_author_note(name, printed_type)
                )
                # `Dense (Output)`, `Dense (Output – 8 classes)`: the class written as the name, a
                # note after it (28c's 001, 011), as `Dense (64)` a row above
                or ("A" <= name[:1] <= "Z" and _names_its_class(name, printed_type))
            )
        ):
            # the parentheses hold the author's note, said beside the row: the class not shown
            self.count_notes.append((line, f"({printed_type})"))
            printed_type, cut = "", frozenset(("type",))
        truncated = row.cut
        abbreviated = False
        if cut:
            truncated = truncated | cut
            if cell_grammar.ABBREVIATED in truncated:
                truncated.discard(cell_grammar.ABBREVIATED)
                abbreviated = True
        if (cut_at_end or count_cut) and params is None:
            truncated.add("params")
        output_shape = row.output_shape
        connected: tuple[str, ...] = ()
        texts = row.connected
        cell = (texts[0] if len(texts) == 1 else "\n".join(texts)) if texts else ""
        if "(None" in cell and _ROW_IN_CELL.search(cell):
            # rows run into the Connected to cell (90c's 014: a blog's export lost the line
            # breaks, `[]   sex (InputLayer) [(None, 1)] 0 []`): cells of no one layer
            self.unreadable.append((line, items[0].text.strip()))
            return None
        if texts:
            entries = (
                cell_grammar.read_connected(texts[0])
                if len(texts) == 1
                else [entry for text in texts for entry in cell_grammar.read_connected(text)]
            )
            if entries:
                # `…` is one character: in the entries joined only where it is in one of them
                if "…" in "".join(entries) or (self.cropped and self.connected_last):
                    truncated.add("connected_to")
                connected = tuple(filter(None, map(str.strip, entries)))  # none left blank
                if "Â" in connected:
                    # a blank cell's non-breaking space as cp1252 shows its UTF-8 bytes, the
                    # space itself lost (36a's 005: an InputLayer `connected to 'Â'`)
                    connected = tuple(entry for entry in connected if entry != "Â")
                if any(map(str.isdigit, connected)):
                    # a number an author wrote after the count (78c's 010: `0   100`, an index
                    # of the row's weights), no layer's name: said beside the row
                    self.count_notes.extend((line, e) for e in connected if e.isdigit())
                    connected = tuple(entry for entry in connected if not entry.isdigit())
                if any(map(_ELLIPSIS_ONLY.issuperset, connected)):
                    # `.` lines under the entries (a list shortened by hand) name no layer: they
                    # stand for entries not shown, one `…`
                    shown = [e for e in connected if not _ELLIPSIS_ONLY.issuperset(e)]
                    connected = (*shown, "…")
                    truncated.add("connected_to")
        if is_known_class(printed_type):  # what resolve_class says of it, whatever the name
            full_type = printed_type
            if "type" in cut and (longer := _longer_class_named(printed_type, name)):
                # `average_pooling2d_1 (Average`: a class cut where it spells a shorter one
                # (36c's 011: the Average merge layer), the name the longer one's default
                full_type = longer
                truncated.add("type")
        elif (
            printed_type
            and "type" not in cut
            and "type" not in truncated
            and (
                len(items) == 1
                or f"({printed_type})" in items[0].text
                # a class wrapped over lines whose default name the row has (94f's 013:
                # `global_max_pool (GlobalMaxP` / ` ool)`, Spektral's GlobalMaxPool): whole
                or snake_case(printed_type) == name_stem(name)
            )
        ):
            # a whole class Keras printed with its `)` on the row's first line: a custom class
            # named like the start of a known one (21b's 005: `layer (Layer)`, no
            # LayerNormalization; 42a's 003: CapsNet's `mask_1 (Mask)` over a second inbound
            # line, no Masking), not completed; a class wrapped over lines and cut at its end by
            # the paste (`(Batch` / ` Norma)`, 22b's 010) still is
            full_type = printed_type
        else:
            # (a row on one inbound layer is no merge's before tf.keras 2.9, whose merges take
            # a list of one: `avgpool (Avera`, 54c's 008)
            one_inbound = (
                len(connected) == 1
                and connected[0] != "…"
                and self.block.dialect in MERGES_TAKE_TWO_INPUTS
            )
            full_type, type_cut = resolve_class(printed_type, name, one_inbound)
            if type_cut:
                truncated.add("type")
        if output_shape:
            if "…" in output_shape:
                truncated.add("output_shape")
            shape = normalise_shape_text(output_shape)
            if shape and not shape.endswith(_SHAPE_ENDS):
                truncated.add("output_shape")
        else:
            shape = ""
        trainable_text = row.trainable
        return Layer(
            name,
            full_type,
            shape,
            params,
            line,
            _TRAINABLE.get(trainable_text.strip()) if trainable_text else None,
            connected,
            row.depth,
            tuple(sorted(truncated)) if truncated else (),
            printed_type,
            note,
            params_text.strip().rstrip("…") if count_cut else "",
            abbreviated,
            row.input_shape,
        )

    def _paste_ends_after_count(self, items: list[Classified], row: cells.RowCells) -> bool:
        """Tell whether a fixed-width row (under a Connected to column the paste shows: the
        caller's test) is the paste's last line and shows no inbound entry though its class is
        no input's: the paste ended at its count (no totals below)."""
        return (
            self.keyed is None
            and not row.connected
            and not row.depth
            and items[-1] is self.last_line
            and not self.totals_seen
            and "Input" not in row.layer.rpartition("(")[2]
            and row.params.strip().isdigit()
        )

    def _paste_ends_in_count(self, items: list[Classified], row: cells.RowCells) -> bool:
        """Tell whether a row is the input's last line and ends in its count, no line end after
        it (83e's 002: `conv2d_6 (Conv2D)  (None, 5, 1, 384)  22156`, of 221,568, a code block
        the excerpt cut): the digits may go on. A row that ends in blanks or another cell was
        printed whole; a count of 0 is whole (no longer count starts with 0)."""
        last = items[-1]
        count = row.params.strip()
        return (
            last is self.last_line
            and last.line.unended
            and not self.totals_seen
            and count.isdigit()
            and count[0] != "0"
            and last.line.text.endswith(count)
        )

    def body(self, children: list[Any]) -> list[Layer]:
        layers: list[Layer] = []
        pending: Optional[list[Classified]] = None  # a row read once the next row shows no break
        after_elision = False  # (the grammar puts a continuation line only after an elision)
        for child in children:
            kind = child.__class__
            went_on, after_elision = after_elision, False
            if kind is Classified:
                if child.kind == _ELISION:
                    self.elided.append(child.line.number)
                    after_elision = True
                    if pending is not None:  # what follows is no piece of the row above it
                        layers.extend(self._layers(pending, _NO_TAIL))
                        pending = None
                elif went_on and (child.kind == _CONT or child.kind == _CONT_WEAK):
                    self._of_a_row_left_out([child])
                    after_elision = True
                elif went_on and child.kind == _BLANK:  # (`...` / empty line / `b[0][0]`)
                    after_elision = True
                elif child.kind in _STRAY_ROW_KINDS:
                    # a line like a row between the table's end and its totals (the grammar
                    # reads no row there): named beside the table, not lost
                    self.count_notes.append((child.line.number, child.text.strip()))
            elif kind is LineTree:  # a row: the only subtree left unbuilt
                if pending is not None:
                    layers.extend(self._layers(pending, _NO_TAIL))
                pending = child.children
            elif kind is _Broken:
                if pending is not None and _ROW_START.match(child.items[0].text):
                    # a row of its own past a blank line, which the paste ends in (55d's 013:
                    # ` conv3d_2 (Conv3D)` after `max_pooling3d_1 …  0` / ` 3D)`), no piece
                    # of the row above
                    layers.extend(self._layers(pending, _NO_TAIL))
                    layers.extend(self._layers(child.items, _NO_TAIL))
                    pending = None
                elif pending is not None:
                    layers.extend(self._layers(pending, child.items))
                    pending = None
                elif went_on:
                    self._of_a_row_left_out(child.items)
                    after_elision = True
            elif kind is list:
                if pending is not None:
                    layers.extend(self._layers(pending, _NO_TAIL))
                    pending = None
                layers.extend(child)
        if pending is not None:
            layers.extend(self._layers(pending, _NO_TAIL))
        return layers

    def last_row(self, items: list[Classified]) -> list[Layer]:
        """The line a table ends in past a blank line: a row the paste cut after its name and
        a known class (` flatten (Flatten)`, 55d's 013), or text after the table, no part of
        it (`Model (after fine-tuning):`, a line of code)."""
        item = items[0]
        named = lines.NAME_AND_CLASS.fullmatch(item.text.strip())
        if named is not None and completions(named.group(1)):
            return self._layers(items, _NO_TAIL)
        return []

    def _of_a_row_left_out(self, items: list[Classified]) -> None:
        """Name the wrapped cells of a row an elision left out (`...` / `wind_xf[0][0]`, 51b's
        014) beside the table: they are not read as a row."""
        self.count_notes.extend(
            (item.line.number, f"{item.text.strip()} (of a row left out above)") for item in items
        )

    def nested(self, children: list[Any]) -> list[Layer]:
        return self.body(children)

    # -- totals -----------------------------------------------------------------------

    def _count(self, item: Classified) -> Count:
        read = cell_grammar.read_totals(item.text)
        value, size = (read.value, read.size) if read else (None, None)
        rounded = None
        if value is None:
            # `~1.3M`, `Trainable (after unfreezing): 1K`: checked to its precision
            rounded = cell_grammar.read_rounded(item.text)
        if (
            value is None
            and rounded is None
            and item.text.rpartition(":")[2].strip() not in lines.LEFT_OUT_COUNTS
        ):
            self.unreadable.append((item.line.number, item.text.strip()))
        text = item.text.strip()
        return Count(value=value, line=item.line.number, text=text, size=size, rounded=rounded)

    def totals(self, children: list[Any]) -> Totals:
        found: dict[str, Count] = {}
        lines_read: dict[str, Classified] = {}
        for child in children:
            field = _TOTALS_FIELDS.get(getattr(child, "kind", ""))
            if field is None:
                continue
            first = found.get(field)
            if first is None:
                found[field], lines_read[field] = self._count(child), child
            elif first.value is None and first.rounded is not None and _reads(child):
                # Keras's own line under the author's rounded one (review 92's item 1): read
                noted = lines_read[field].line
                self.count_notes.append((noted.number, noted.text.strip()))
                found[field], lines_read[field] = self._count(child), child
            else:
                # a second line of one total (93a's 010: `Trainable (Phase 2): ~956K` under
                # Phase 1's), the first one read: said beside the summary, not passed over
                self.count_notes.append((child.line.number, child.line.text.strip()))
        return Totals(**found)

    orphan = totals
    pre_totals = totals

    def cut_title(self, children: list[Any]) -> dict[str, Any]:
        self.keys, self.cropped = [], False  # no header: no columns, none cropped
        name = next((child for child in children if isinstance(child, str)), None)
        return {"layers": [], "totals": Totals(), "model_name": name}

    def model_line(self, items: list[Classified]) -> str:
        return lines.model_name(items[0].text) or ""

    def start(self, children: list[Any]) -> dict[str, Any]:
        model_name: Optional[str] = None
        totals: Optional[Totals] = None
        for child in children:
            kind = child.__class__
            if kind is Classified or kind is LineTree:  # nearly every child (lines, rows): neither
                continue
            if isinstance(child, str):
                model_name = child
            elif isinstance(child, Totals) and (totals is None or not totals.present()):
                totals = child
        layers = self.body(children)
        return {"layers": layers, "totals": totals or Totals(), "model_name": model_name}


def _reads(item: Classified) -> bool:
    """Tell whether a totals line's count reads whole."""
    read = cell_grammar.read_totals(item.text)
    return read is not None and read.value is not None


_TWO_LAYERS = lazy(cells.LAYER_LABEL + r" +[\w./:-]+ \(")
_ROW_IN_CELL = lazy(r"[\w./:-]+ \([A-Z][\w.]*\)\s*\[?\((?:None|\d)")


def _in_cjk(text: str) -> bool:
    """Tell whether text holds a Chinese, Japanese or Korean character."""
    return any("\u3040" <= char <= "\u9fff" or "\uac00" <= char <= "\ud7af" for char in text)


def _is_author_note(name: str, printed_type: str) -> bool:
    """Tell whether the parentheses after a hand-written name (a blank or a `-` in it) hold the
    author's note of the layer's role or state, not a class."""
    if not printed_type or is_known_class(printed_type):
        return False
    word = printed_type.lower()
    if " " in name:
        return word in _STATE_NOTES or word in _ROLE_NOTES
    if word in _TRAINING_STATES and not name.islower():
        # `MobileNetV2 (frozen)`: a name Keras does not give, then a state no class is named
        # after (33a's 015); after a Keras name (`dense (frozen)`) the cell stays the class
        return True
    return "-" in name and word in _STATE_NOTES


def _class_and_note(printed_type: str) -> Optional[tuple[str, str]]:
    """A class written with the author's note of its role or state in the same parentheses
    (`functional backbone`, `Functional, frozen`): the class, as Keras spells it, and the
    note; None for other words."""
    first, _, rest = printed_type.partition(" ")
    first = first.rstrip(",")
    words = rest.replace(",", " ").split()
    if not words or any(word.lower() not in _NOTE_WORDS for word in words):
        return None
    for spelled in (first, first.capitalize()):
        if is_known_class(spelled):
            return spelled, " ".join(words)
    return None


def _names_weighted_layer(name: str) -> bool:
    """Tell whether a row's name is a class, or a class's default name, that is no activation
    (`Dense`, `dense_1`; not `re_lu`)."""
    named = name if is_known_class(name) else class_of_default_name(name)
    return named is not None and named.lower() not in _ACTIVATION_LAYERS


_ACTIVATION_LAYERS = frozenset(("activation", "relu", "softmax", "leakyrelu", "elu", "prelu"))


def _names_its_class(name: str, printed_type: str) -> bool:
    """Tell whether a row's name is a Keras class written as the name (`Dense`), its
    parentheses holding no class but the author's note (`(Output)`)."""
    return is_known_class(name) and not is_known_class(printed_type)


def _longer_class_named(printed_type: str, name: str) -> Optional[str]:
    """The known class a cut class name starts, longer than the class it spells, whose default
    name the row's name is (`average_pooling2d_1 (Average` → AveragePooling2D), or None."""
    named = class_of_default_name(name)
    if named is None or named == printed_type or not named.startswith(printed_type):
        return None
    return named


_NODE_START = lazy(r"[\w./-]+\[\d+\]")
_ROW_START = lazy(r" ?[\w./-]+ \([A-Za-z]")  # a layer's name and the start of its class
_SHAPE_ENDS = (")", "]", "}", "multiple", "?", cells.NO_SHAPE)  # `}`: a dict of outputs


def _box_edge(block: Block) -> Optional[int]:
    """Where a box's top border ends in its corner (the box's right edge), or None."""
    for item in block.lines:
        if item.kind is LineKind.BOX_TOP:
            top = item.text.rstrip()
            return len(top) if top[-1:] in "┓┐╮+" else None
    return None


def _box_closed(block: Block, header: str) -> bool:
    """Tell whether a box table kept its right edge (a cropped one loses its corners)."""
    for item in block.lines:
        if item.kind in (LineKind.BOX_TOP, LineKind.BOX_HEAD_SEP):
            return item.text.rstrip()[-1:] in "┓┐╮┩┤╡|+"
    return cells.split_bars(header, "│┃|")[1]


_SHAPE_OPENERS = ("(", "[", "{", "?", "multiple", cells.NO_SHAPE)
_CUT_COUNT = lazy(r"\s*\d[\d,]*…\s*$")
# A count, then a note after two spaces or a bracket (`14714688    [transferred from VGG]`,
# `320 << from the paper`, `5130  # output layer`)
_NOTE_AFTER_COUNT = lazy(r"\s*(\d[\d,]*)(?:\s{2,}|\s*(?=[\[<#(=]))(\S.*)$")
# The same after one space, which a fixed column's cutting leaves of a wide gap, when the note
# holds more than digits (`480 4 * units * …`, 28c's 007; `2 097 664` is a count)
_NOTE_AFTER_COUNT_CUT = lazy(r"\s*(\d[\d,]*) (?=[\d(\[#])(?=.*[^\d\s,.])(\S.*)$")
# (the note starts as a sum does, `4 * units …`, or with a bracket: `128 * 64 + 64` is a formula
# and `512 neurons` the layer's units, no count and a note: 29b's 006, 007)


# A count written as a sum of products of whole numbers (`128 * 64 + 64`, `9 × 32 + 32`)
_FORMULA = lazy(r"\s*\d[\d,]*(?:\s*[*×+]\s*\d[\d,]*)+\s*")


def _formula_value(text: str) -> int:
    """The value of a count written as its arithmetic (products before sums)."""
    total = 0
    for term in text.split("+"):
        product = 1
        for factor in term.replace("×", "*").split("*"):
            product *= int(factor.strip().replace(",", ""))
        total += product
    return total


def _count_then_note(text: str) -> Optional[re.Match[str]]:
    """The count and the author's note written after it in a count cell, or None."""
    return _NOTE_AFTER_COUNT.match(text) or _NOTE_AFTER_COUNT_CUT.match(text)


_DIGITS_NOTE_AFTER = lazy(r"(\S.*?) +(\(\d[^()]*\))")
# (or a note set off by a dash or a colon: `conv2d_21 (Conv2D) - Policy`, 90f's 004)
_NOTE_AFTER_CLASS = lazy(r"(.*\S \([A-Za-z_][\w.]*\))(?: +(\d+|[-–—] *\S.*)| *(: *\S.*))")
_SHAPE_AFTER_CLASS = lazy(r"\)\s+[\[(](?:None|\d|\()")


def _looks_like_row(row: cells.RowCells) -> bool:
    """Tell whether fixed-width cutting found a name, a shape (when one is printed) and a count;
    a name longer than its column pushes the class and the shape right, and cutting fails."""
    if not row.layer or not row.params:
        return False
    if row.layer.endswith(")") and not row.output_shape.startswith(_SHAPE_OPENERS):
        return False
    if _SHAPE_AFTER_CLASS.search(row.layer):
        return False
    count, _ = cell_grammar.read_count(row.params)
    if count is None:
        # the count, then the author's note beside it (28c's 007: `480      4 * units * …`)
        noted = _count_then_note(row.params)
        return noted is not None and cell_grammar.read_count(noted.group(1))[0] is not None
    return True


def _recover_cut_names(layers: list[Layer]) -> list[Layer]:
    """Complete silently cut names from full names seen in Connected to cells."""
    if not any("name" in layer.truncated and "…" not in layer.name for layer in layers):
        return layers  # no silently cut name: the references need not be read
    referenced = {
        cell_grammar.layer_of_reference(ref) for layer in layers for ref in layer.connected_to
    }
    out = []
    for layer in layers:
        if "name" in layer.truncated and "…" not in layer.name:
            matches = {r for r in referenced if r.startswith(layer.name) and r != layer.name}
            matches = {m for m in matches if not m.endswith("…")}
            if len(matches) == 1:
                full = matches.pop()
                full_type = layer.type or resolve_class(layer.printed_type, full)[0]
                layer = Layer(**{**layer.__dict__, "name": full, "type": full_type})
        out.append(layer)
    return out


_DIMENSIONED = lazy(r"^(?P<stem>\w+?)(?P<dim>[123])D$")


def _classes_of_siblings(layers: list[Layer]) -> list[Layer]:
    """Give a row that shows no class the class another row of the summary prints whole, when
    its name is that class's default name (27a's 013: a Keras 3 box lost the wrapped
    `(TransformerBlock)` of `transformer_block_1`, printed whole on `transformer_block`)."""
    if all(map(_TYPE_OF, layers)):
        return layers  # (every row shows a class: the common case, without a Python frame)
    printed = {layer.type for layer in layers if layer.type and layer.type == layer.printed_type}
    if not printed:
        return layers
    # a class of its own the column cut on the first row of a name (`relational_graph_conv_layer
    # (Re`, 50c's 014): the rows numbered from that name (`…_1 (`) are the same class
    cut = _own_cuts_by_stem(layers)
    out = []
    for layer in layers:
        if not layer.type and not layer.printed_type:
            found = class_named_by(layer.name, printed) or cut.get(name_stem(layer.name))
            if found is not None:
                truncated = tuple(sorted({*layer.truncated, "type"}))
                layer = Layer(**{**layer.__dict__, "type": found, "truncated": truncated})
        out.append(layer)
    return out


def _cuts_closed_by_hand(layers: list[Layer]) -> list[Layer]:
    """Complete a class printed whole that is the start of a known class and none itself, where
    the column visibly cuts classes in the table: another row shows the same cut open, or the
    row's name is the default name of a class it starts (83b's 006: `(MaxPooling2)`, Keras 2's
    cut closed by hand, beside `(MaxPooling2` on another row). A class of its own stays whole:
    no row shows it cut and its name is no known class's default name (`pool_1 (MaxPooling2)`),
    or its name is the default name of the class printed (`mask_1 (Mask)`)."""
    cuts = {
        shown
        for layer in layers
        if "type" in layer.truncated and (shown := layer.printed_type.rstrip("…"))
    }
    if not cuts:
        return layers  # (no class cut in the table: the common case)
    out = []
    for layer in layers:
        printed = layer.printed_type
        if (
            printed
            and layer.type == printed
            and "type" not in layer.truncated
            and not is_known_class(printed)
            and (printed in cuts or _default_name_completes(layer.name, printed))
            # (`mask_1 (Mask)`: the default name of the class printed, a class of its own, its
            # cut on another row the same class's cut before its `)`)
            and name_stem(layer.name).replace("_", "") != printed.lower()
        ):
            full, cut = resolve_class(printed, layer.name)
            if cut and full != printed:
                truncated = tuple(sorted({*layer.truncated, "type"}))
                layer = Layer(**{**layer.__dict__, "type": full, "truncated": truncated})
        out.append(layer)
    return out


def _cuts_as_printed_whole(layers: list[Layer]) -> list[Layer]:
    """Complete a cut class to the one known class another row of the table prints whole that
    it starts (94c's 012: `(QuantizeWrappe` beside `(QuantizeWrapper)`, not tfmot's later
    QuantizeWrapperV2): the print's own spelling decides between the classes the cut allows."""
    whole = {
        layer.type
        for layer in layers
        if layer.type and layer.type == layer.printed_type and "type" not in layer.truncated
    }
    out = []
    for layer in layers:
        shown = layer.printed_type.rstrip("…")
        if "type" in layer.truncated and shown and layer.type not in whole:
            printed = [c for c in whole if c.startswith(shown) and is_known_class(c)]
            allowed = completions(shown)
            # (review 94's item 4: a name that is the default name of one class the cut allows
            # decides, `instance_normalization_2 (In` beside `(InputLayer)`)
            named = class_named_by(layer.name, allowed)
            if len(printed) == 1 and layer.type in allowed and named in (None, printed[0]):
                layer = Layer(**{**layer.__dict__, "type": printed[0]})
        out.append(layer)
    return out


def _default_name_completes(layer_name: str, printed: str) -> bool:
    """Tell whether a layer's name is the default name of a known class a printed class is a
    strict start of (`max_pooling2d_3` of MaxPooling2D, for `MaxPooling2`)."""
    named = class_of_default_name(layer_name)
    return named is not None and named != printed and named in completions(printed)


def _own_cuts_by_stem(layers: Sequence[Layer]) -> dict[str, str]:
    """The class of its own the column cut (no known class completes it), as printed, on the
    first top-level row of each name stem that shows one."""
    own: dict[str, str] = {}
    for layer in layers:
        if (
            "type" in layer.truncated
            and layer.type
            and layer.type == layer.printed_type
            and not layer.depth
            and not is_known_class(layer.type)
        ):
            own.setdefault(name_stem(layer.name), layer.type)
    return own


def longer_cuts_of_siblings(layers: Sequence[Layer]) -> list[Optional[str]]:
    """For each row, the longer cut of a class of its own on the row its name is numbered from
    (`scaled_l2norm_pooling2d (Sca` for `scaled_l2norm_pooling2d_1 (S`, 52a's 006), where the
    row's own cut is a shorter start of it; else None."""
    own = _own_cuts_by_stem(layers)
    found: list[Optional[str]] = [None] * len(layers)
    if not own:
        return found
    for at, layer in enumerate(layers):
        cut = layer.printed_type.rstrip("…")
        longer = own.get(name_stem(layer.name)) if cut and "type" in layer.truncated else None
        if longer is not None and longer != layer.type and longer.startswith(cut):
            found[at] = longer
    return found


def _cut_shorter_than_siblings(layers: list[Layer]) -> list[Layer]:
    """Give a row whose class the column cut to a letter or two the longer cut of its sibling
    (longer_cuts_of_siblings): so short a cut allows too many known classes to weigh against it
    (SReLU, Softmax, …). A longer cut is weighed in the audit, where a known class it allows
    may give the row's count (checks.classes)."""
    out = []
    for layer, longer in zip(layers, longer_cuts_of_siblings(layers)):
        if longer is not None and len(layer.printed_type.rstrip("…")) < SHORTEST_DECIDING_CUT:
            layer = Layer(**{**layer.__dict__, "type": longer})
        out.append(layer)
    return out


def _fix_dimensions(layers: list[Layer]) -> list[Layer]:
    """Pick 1D/2D/3D for a class name the print cut before its dimension, from the shapes.

    Global pooling removes the spatial axes, so its input rank tells; every other dimensioned
    layer keeps them, so its own output rank tells (rank = batch + spatial + channels).
    """
    if not any("type" in layer.truncated and not layer.type for layer in layers):
        return layers  # every class printed whole or completed: nothing to pick
    by_name = {layer.name: layer for layer in layers}
    out = []
    for index, layer in enumerate(layers):
        variants = (
            dimension_variants(layer.printed_type)
            if "type" in layer.truncated and not layer.type
            else ()
        )
        match = _DIMENSIONED.match(variants[0]) if variants else None
        if match:
            source: Optional[Layer] = layer
            if match.group("stem").startswith("Global"):
                refs = [by_name.get(cell_grammar.layer_of_reference(r)) for r in layer.connected_to]
                source = refs[0] if refs and refs[0] else (layers[index - 1] if index else None)
            shape = cell_grammar.single_shape(source.output_shape) if source is not None else None
            if shape is not None and 3 <= len(shape) <= 5:
                candidate = f"{match.group('stem')}{len(shape) - 2}D"
                if candidate in variants:
                    layer = Layer(**{**layer.__dict__, "type": candidate})
        out.append(layer)
    return out


_GROUPED_FLAT = lazy(r"\((?P<batch>None, )?(?P<high>\d{1,3}), (?P<low>\d{3})\)")


def _grouped_flat_widths(layers: list[Layer]) -> list[Layer]:
    """Read a Flatten's `(51,200)` as one axis of 51,200 (a thousands separator in a retyped
    table whose shapes have no blank after their commas, 30b's 002; spaced as Keras spaces
    shapes by now) when the row above holds exactly that many values: (20, 20, 128) is
    51,200. A Flatten has one axis besides the batch's."""
    out = list(layers)
    for index, layer in enumerate(layers):
        if layer.type != "Flatten" or not index or "," not in layer.output_shape:
            continue
        grouped = _GROUPED_FLAT.fullmatch(layer.output_shape)
        above = cell_grammar.single_shape(layers[index - 1].output_shape) if grouped else None
        if grouped is None or above is None:
            continue
        width = int(grouped.group("high") + grouped.group("low"))
        values = 1
        for dim in above:
            values *= dim or 1
        if values == width and len([dim for dim in above if dim]) > 1:
            shape = f"({grouped.group('batch') or ''}{width})"
            out[index] = Layer(**{**layer.__dict__, "output_shape": shape})
    return out


def _cut_last_count(layers: list[Layer]) -> list[Layer]:
    """A paste that ends inside the last row's count (`23598` of 2,359,808) leaves the row
    without the Connected to cell the rows above it show: that count is cut off, not printed,
    so it is no count (`truncated` says so) rather than a wrong one. An input layer is the only
    row Keras prints without Connected to."""
    if len(layers) < 2:
        return layers
    last, above = layers[-1], layers[-2]
    if (
        last.connected_to
        or not above.connected_to
        or last.params is None
        or last.depth != above.depth
        or last.printed_type.startswith("Input")
    ):
        return layers
    truncated = tuple(sorted({*last.truncated, "params"}))
    return [*layers[:-1], Layer(**{**last.__dict__, "params": None, "truncated": truncated})]


def _cut_in_shape(last: Layer) -> Layer:
    """A paste that ends inside the last row's shape (`(N`, `(None, 32,`) cut its count off
    too: the row is read as far as it goes, and `truncated` says the count was cut."""
    if (
        last.params is not None
        or "output_shape" not in last.truncated
        or "params" in last.truncated
    ):
        return last
    truncated = tuple(sorted({*last.truncated, "params"}))
    return Layer(**{**last.__dict__, "truncated": truncated})


_ORIGIN_OF = attrgetter("line.origin")
_TYPE_OF = attrgetter("type")
MAX_REPORTED_REJECTS = 200  # lines the grammar could not place, reported one by one


def _rejected_lines(block: Block, rejected: tuple[int, ...]) -> list[tuple[int, str]]:
    """Report each line the grammar could not place; past 200, one entry stands for the rest."""
    items = [block.lines[i] for i in rejected if i < len(block.lines)]
    out = [(item.line.number, item.text.strip()) for item in items[:MAX_REPORTED_REJECTS]]
    rest = items[MAX_REPORTED_REJECTS:]
    if rest:
        out.append(
            (
                rest[0].line.number,
                f"{len(rest):,} more lines the grammar could not place, "
                f"lines {rest[0].line.number}-{rest[-1].line.number}",
            )
        )
    return out


_ELLIPSIS_ONLY = frozenset(".…⋮·")  # an entry of these alone elides entries, names none
_ASIDE_KINDS = frozenset((LineKind.ANNOTATION, LineKind.PROSE, LineKind.TEXT, LineKind.STDERR))


def _asides(block: Block) -> tuple[tuple[int, str], ...]:
    """The lines written into a summary that are no part of it (a comment between rows, a
    sentence before the totals): the grammar placed them, and the report names them."""
    written = tuple(
        (item.line.number, item.text.strip())
        for item in block.lines
        if item.kind in _ASIDE_KINDS and item.text.strip() not in ("", "#")  # `Param` / `#`
    )
    return written + tuple((item.line.number, item.text) for item in block.repeats)


def to_summary(parsed: ParsedBlock, source: str) -> Summary:
    """Build the Summary record of one parsed block."""
    builder = _ToRecords(parsed, source)
    result = builder.transform(parsed.tree)
    if isinstance(result, Totals):
        result = {"layers": [], "totals": result, "model_name": None}
    layers = [layer for layer in result["layers"] if layer is not None]
    if "connected_to" in builder.keys:
        layers = _recover_cut_names(layers)
    if any(["type" in layer.truncated for layer in layers]):  # (a list: no generator frame)
        layers = _cuts_as_printed_whole(_cuts_closed_by_hand(layers))
    layers = _grouped_flat_widths(_classes_of_siblings(_fix_dimensions(layers)))
    if any(["type" in layer.truncated for layer in layers]):  # (a list: no generator frame)
        layers = _cut_shorter_than_siblings(layers)
    block = parsed.block
    builder.unreadable.extend(_rejected_lines(block, parsed.rejected))
    totals: Totals = result["totals"]
    if "connected_to" in builder.keys and not totals.present():
        layers = _cut_last_count(layers)
    if layers and not totals.present() and not builder.cropped:
        layers[-1] = _cut_in_shape(layers[-1])
    origins: dict[int, str] = {}
    if any(map(_ORIGIN_OF, block.lines)):  # only lines of a notebook have an origin
        for item in block.lines:
            if item.line.origin:
                origins.setdefault(item.line.number, item.line.origin)
    return Summary(
        source=source,
        start_line=block.start_line,
        end_line=block.end_line,
        dialect=block.dialect,
        model_name=result["model_name"],
        layers=tuple(layers),
        totals=totals,
        columns=tuple(builder.keys) if builder.keys else (),
        generation=block.era,
        # (a title glued to the next, `ShapeParamsConnected to`, over rows with their counts:
        # no column missing, 82b's 010)
        cropped=builder.cropped
        and not (builder.no_param_title and any(layer.params is not None for layer in layers)),
        unreadable=tuple(sorted(set(builder.unreadable))),
        elided=tuple(sorted(set(builder.elided))),
        asides=tuple(sorted(_asides(block) + tuple(builder.count_notes))),
        origins=tuple(sorted(origins.items())),
        left_open=not totals.present() and _ends_on_a_row(block),
    )


_ROW_PIECES = frozenset(
    {LineKind.ROW, LineKind.ROW_WEAK, LineKind.CONT, LineKind.CONT_WEAK, LineKind.BOX_LINE}
    | {LineKind.BOX_SEP, LineKind.NEST_OPEN}
)
_NOTHING_SHOWN = frozenset((LineKind.BLANK, LineKind.SPACER, LineKind.ANNOTATION))


def _ends_on_a_row(block: Block) -> bool:
    """Tell whether a block's last line that shows something is a row's (or a separator or a
    frame's opening under one): no closing rule, box bottom or frame end after its rows."""
    for item in reversed(block.lines):
        if item.kind not in _NOTHING_SHOWN:
            return item.kind in _ROW_PIECES
    return False
