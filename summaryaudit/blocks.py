"""Find every model.summary() in a stream of lines: anchor on headers, let the grammar find ends."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Optional

from . import cells, grammar, lines
from .damage import CLASS_END, CLASS_LEFT_OPEN
from .dialects import Dialect, Era
from .header_repair import cropped_header
from .kinds import ROW_KINDS, TOTAL_KINDS, Classified, Layout, LineKind
from .lines import LineClassifier, Prefix
from .patterns import lazy
from .records import FrozenRecord, record_fields, replace
from .regions import NAME_FILLED_ROW
from .sources import Line

K = LineKind
_HEADER = lines.HEADER_TITLE  # kept for callers that look for a header themselves
_WINDOW = 64
_TOTALS_LOOKAHEAD = 8  # lines past a run of rows in which its totals may still start
_TOP_LINES = 3  # a Model: line, a blank line and a rule or box top may precede the header
_TOP_LINES_PIPE = 8  # … or, above a Markdown table, its totals retyped as a separate table,
# or, above a Keras 3 box, blank lines where a notebook's HTML put the title in a <pre> of its own
_WIDE_TOPS = (Layout.PIPE, Layout.BOX)
MAX_LINES = 20_000  # lines one summary may hold (the largest real prints have ~3,000)
MAX_CHARS = 4 * 1024 * 1024  # characters one summary may hold
_NOT_SIGNIFICANT = frozenset((K.BLANK, K.PROSE, K.ANNOTATION, K.ELISION, K.STDERR))
_TABLE_KINDS = frozenset(
    (
        K.ROW, K.ROW_WEAK, K.CONT, K.CONT_WEAK, K.SPACER, K.RULE, K.RULE_EQ, K.NEST_OPEN,
        K.NEST_CLOSE, K.BOX_TOP, K.BOX_HEAD_SEP, K.BOX_SEP, K.BOX_BOTTOM, K.BOX_LINE,
        K.HEAD_LINE, K.PIPE_SEP,
    )
)  # fmt: skip
_WEAK = frozenset((K.ROW_WEAK, K.CONT_WEAK))
# Under a header whose rows the grammar cannot place yet, text lines are rejected (reported)
# rather than ending the summary, so that its totals still belong to it: a print is never
# split into a header-only and a totals-only summary.
_UNPLACED = frozenset((K.TEXT, K.ROW_WEAK, K.CONT_WEAK))
MAX_UNPLACED = 200
_ROWISH = frozenset((K.ROW, K.ROW_WEAK, K.BOX_LINE, K.HEAD_LINE))
_BLANK, _SPACER, _RULE_EQ, _HEADER_KIND = K.BLANK, K.SPACER, K.RULE_EQ, K.HEADER
_STDERR = K.STDERR
_NEST_OPEN, _NEST_CLOSE, _ANNOTATION = K.NEST_OPEN, K.NEST_CLOSE, K.ANNOTATION


@record_fields
class Block(FrozenRecord):
    """One summary found in the input: its classified lines and how to read them."""

    lines: tuple[Classified, ...]
    layout: Layout
    dialect: Dialect
    era: Era
    prefix: str
    header_text: str
    rejected: tuple[int, ...]  # indexes of lines the grammar could not place
    repeats: tuple[Classified, ...]  # the totals printed again right under the summary

    def __init__(
        self,
        lines: tuple[Classified, ...],
        layout: Layout,
        dialect: Dialect,
        era: Era,
        prefix: str,
        header_text: str,
        rejected: tuple[int, ...] = (),
        repeats: tuple[Classified, ...] = (),
    ) -> None:
        d = self.__dict__
        d["lines"] = lines
        d["layout"] = layout
        d["dialect"] = dialect
        d["era"] = era
        d["prefix"] = prefix
        d["header_text"] = header_text
        d["rejected"] = rejected
        d["repeats"] = repeats

    @property
    def start_line(self) -> int:
        """Return the first original line of the block."""
        return self.lines[0].line.number

    @property
    def end_line(self) -> int:
        """Return the last original line of the block (its repeated totals included)."""
        return (self.repeats or self.lines)[-1].line.number


# --------------------------------------------------------------------------- finder


def find_blocks(source_lines: Iterable[Line]) -> Iterator[Block]:
    """Yield each summary block in the lines, keeping only a window of lines in memory.

    Markdown tables of one or two rows under the same header a few lines apart, each without
    totals but maybe the last (a write-up walking through a summary layer by layer, each row
    in a table of its own with prose between, 30b's 011), are one summary."""
    pending: Optional[Block] = None
    for block in _found_blocks(source_lines):
        piece = block  # the table as found (the last of those joined)
        if pending is not None:
            if _continues(pending, block):
                block = replace(pending, lines=pending.lines + _from_first_row(block))
            else:
                yield pending
            pending = None
        if _may_continue(piece):
            pending = block
            continue
        yield block
    if pending is not None:
        yield pending


_CONTINUED_ROWS = 2  # rows at most of a table that a table under the same header continues
_CONTINUED_GAP = 40  # lines at most between a table and the table continuing it


def _row_names(block: Block) -> list[str]:
    return [
        item.text.strip(" |").split(" ", 1)[0] for item in block.lines if item.kind in ROW_KINDS
    ]


def _short_table(block: Block) -> Optional[bool]:
    """Whether a Markdown table of one or two rows, every line placed, has totals; None for
    any other block (a print Keras wrote is no write-up's table: one cut short stays so)."""
    if block.layout is not Layout.PIPE or block.rejected or not block.header_text:
        return None
    rows, totals = 0, False
    for item in block.lines:  # (stops at the third row: a whole print's lines are not walked)
        kind = item.kind
        if kind in ROW_KINDS:
            rows += 1
            if rows > _CONTINUED_ROWS:
                return None
        elif kind in TOTAL_KINDS:
            totals = True
    return totals if rows else None


def _may_continue(block: Block) -> bool:
    """Tell whether a table may go on under a header of its own below: a short table
    without totals (a table joined to the one above it is the last one)."""
    return _short_table(block) is False


def _continues(pending: Block, block: Block) -> bool:
    """Tell whether a short table goes on with the rows of the one above it: the same header
    a few lines below, no title of its own, no layer named twice."""
    return (
        block.header_text == pending.header_text
        and block.lines[0].kind is not K.MODEL
        and block.prefix == pending.prefix
        and _short_table(block) is not None
        and block.lines[0].line.number - pending.lines[-1].line.number <= _CONTINUED_GAP
        and set(_row_names(block)).isdisjoint(_row_names(pending))
    )


def _from_first_row(block: Block) -> tuple[Classified, ...]:
    """A block's lines from its first row on (without its title and header)."""
    for at, item in enumerate(block.lines):
        if item.kind in ROW_KINDS:
            return block.lines[at:]
    return ()


def _found_blocks(source_lines: Iterable[Line]) -> Iterator[Block]:
    """Yield each summary block in the lines as found, each table on its own."""
    window: list[Line] = []
    source = iter(lines.split_joined(source_lines))
    exhausted = False
    fill = _WINDOW  # lines to hold before looking (more while a table's tail is kept)
    found_one = False  # a summary was found above: totals a report restates below are prose
    last_table: Optional[Block] = None  # the last summary with a table found
    while True:
        while not exhausted and len(window) < fill:
            try:
                window.append(next(source))
            except StopIteration:
                exhausted = True
        if not window:
            return
        more = iter(()) if exhausted else source
        fill = _WINDOW
        header_at = _find_anchor(window)
        if header_at is None:
            totals_at = _first_orphan_totals(window, exhausted)
            if totals_at is not None:
                fragments, block, used = _totals_no_header_reaches(window, totals_at, more)
                for rows in fragments:
                    if not _quotes_rows(rows, last_table):
                        yield rows
                del window[:used]
                if block is not None and not (
                    found_one
                    and (
                        _listed_totals(block)
                        or _restates(block, last_table)
                        # the rest of totals below their Total: where an excerpt begins (73a's
                        # 015), not lines quoted under a summary (13b's 006); but a split of
                        # the table's Total another way, its model printed again after a
                        # freeze (93b's 013: `Trainable params: 0`, `Non-trainable params: 177`)
                        or (
                            all(item.kind is not K.TOTAL for item in block.lines)
                            and not _splits_the_total_again(block, last_table)
                        )
                    )
                ):
                    # a summary a restated list may follow: one with a table (a list of totals
                    # alone under another is a print of its own, 17a's 004); totals alone
                    # whose every count is the last table's are quoted from it (30a's 005: an
                    # explanation quoting `Total params: 2,917,956` under the summary)
                    found_one = found_one or not _listed_totals(block)
                    yield block
                continue
            fragment = _fragment_block(window, exhausted) or _box_fragment(window, exhausted)
            if (
                fragment is not None
                and not exhausted
                and fragment[1] > len(window) - _TOTALS_LOOKAHEAD
                and len(window) < MAX_LINES
            ):
                # rows running to the window's end: its totals may follow (78c's 007, 60 rows of
                # a log's excerpt, then `====` and its totals): read more before reading them
                fill = len(window) + _WINDOW
                continue
            if fragment is not None:
                del window[: fragment[1]]
                if not _quotes_rows(fragment[0], last_table):
                    # (rows an explanation quotes from the table above are no print: 33b's 002)
                    yield fragment[0]
                continue
            if exhausted:
                title = _cut_title_block(window) or _cut_header_block(window)
                if title is not None:
                    yield title
                return
            # Keep a few lines of context (a Model: line and a rule may precede a header), or
            # the table a paste began below its header, in case its totals follow.
            keep = max(8, _table_tail(window))
            del window[: max(0, len(window) - keep)]
            fill = len(window) + _WINDOW - 8
            continue
        if _header_repeats(window, header_at):
            # A header line directly above another is no table: the lower one may start one.
            yield from _orphans_before(window[:header_at])
            del window[: header_at + 1]
            continue
        block, used, start = _read_block(window, header_at, more)
        yield from _orphans_before(window[:start])
        if block is not None:
            block, used = _with_repeated_totals(block, window, used, more)
        del window[:used]
        if block is not None:
            found_one, last_table = True, block
            yield block


def _restates(block: Block, table: Optional[Block]) -> bool:
    """Tell whether a block is totals alone, each count one the table's totals print."""
    if table is None or any(item.kind in _ROWISH for item in block.lines):
        return False
    own = _totals_counts(block)
    return bool(own) and own <= _totals_counts(table)


def _splits_the_total_again(block: Block, table: Optional[Block]) -> bool:
    """Tell whether a block's Trainable and Non-trainable lines (no Total) add up to the
    table's Total, split another way than the table's: the same model printed again after some
    of it was frozen or unfrozen, not a quote of the table's lines (nor a sentence naming both:
    review 92's item 4)."""
    if table is None or len({item.line.number for item in block.lines}) < 2:
        return False
    own, printed = dict(_totals_counts(block)), dict(_totals_counts(table))
    trainable, frozen = own.get(K.TRAINABLE), own.get(K.NON_TRAINABLE)
    total = printed.get(K.TOTAL)
    if not (trainable and frozen and total) or own.items() <= printed.items():
        return False
    return int(trainable) + int(frozen) == int(total)


def _quotes_rows(block: Block, table: Optional[Block]) -> bool:
    """Tell whether every row of a block repeats, word for word, a row of the table above."""
    if table is None:
        return False
    quoted = [" ".join(item.text.split()) for item in block.lines if item.kind in ROW_KINDS]
    if not quoted:
        return False
    printed = {" ".join(item.text.split()) for item in table.lines if item.kind in ROW_KINDS}
    return all(row in printed for row in quoted)


def _totals_counts(block: Block) -> frozenset[tuple[LineKind, str]]:
    """The (kind, digits) of each totals line of a block (after its last row)."""
    counts = []
    for item in reversed(block.lines):
        if item.kind in _ROWISH:
            break
        if item.kind in TOTAL_KINDS:
            counts.append((item.kind, _count_of(item.text)))
    return frozenset(counts)


def _listed_totals(block: Block) -> bool:
    """Tell whether every totals line of a block without a table is a list item (`- Total
    params: N`, as `- **Total Parameters**: N` reads): a report restating figures, not a print
    (15b's 015: a generated report's `Model Complexity` list under the summary)."""
    return all(
        item.line.text.lstrip(" \t#>").startswith("- ")
        for item in block.lines
        if item.kind in TOTAL_KINDS
    )


def _spaced_out(text: str) -> str:
    """A totals line as compared with another: its words, without list marks and emphasis."""
    return " ".join(text.replace("*", " ").split()).strip("-+ ")


def _count_of(text: str) -> str:
    """The count a totals line prints, its digits alone (no size, no separators)."""
    found = lines.totals_match(text)
    rest = found.group("rest") if found is not None else ""
    return "".join(ch for ch in rest.split("(")[0] if ch.isdigit())


def _with_repeated_totals(
    block: Block, window: list[Line], used: int, more: Iterator[Line]
) -> tuple[Block, int]:
    """Take the totals lines printed again under a summary into it, when each repeats one of
    its totals lines word for word (a copy pasted twice) or its count (27b's 011: the script's
    own `print(f"Total params: {model.count_params():,}")`): they are no summary of their own.
    A list restating the totals under a heading or a rule (28c's 001: `### Model Size Details`,
    then `- **Total Parameters:** N`) is taken too, and the lines of it the summary lacks
    (its Trainable and Non-trainable) become the summary's own."""
    printed: set[str] = set()
    totals: list[Classified] = []
    for item in reversed(block.lines):  # the totals after the last row, without a whole pass
        if item.kind in _ROWISH:
            break
        if item.kind in TOTAL_KINDS:
            printed.add(_spaced_out(item.text))
            totals.append(item)
    if not printed:
        return block, used
    counts: Optional[frozenset[tuple[LineKind, str]]] = None  # for a line not word for word
    reader = _Reader(window, used, more)
    prefix = Prefix(block.prefix)
    repeats: list[Classified] = []
    supplied: list[Classified] = []  # a restated list's lines of kinds the summary lacks
    kinds: Optional[set[LineKind]] = None  # the summary's totals kinds, once a list is read
    blanks, skipped, end = 0, 0, used
    while len(repeats) + len(supplied) < len(TOTAL_KINDS) and blanks <= 2:
        line = reader.peek()
        if line is None:
            break
        text = prefix.strip(line.text)
        if text is None:
            break
        if not text.strip():
            blanks += 1
            reader.take()
            continue
        kind = lines.totals_kind(text)
        if kind is None:
            if (
                repeats
                or skipped >= _REPORT_LINES
                or text.lstrip()[:1] not in _REPORT_STARTS
                or not _report_line(text)
            ):
                break
            skipped += 1  # a heading or rule above a restated list: looked past, not taken
            blanks = 0
            reader.take()
            continue
        if skipped and not lines.is_list_item(text):
            break  # past a heading only a list restates the totals
        if repeats and lines.is_list_item(repeats[0].text):
            if kinds is None:
                kinds = {item.kind for item in totals}
            if kind not in kinds:
                supplied.append(Classified(line, text.strip(), kind))
                kinds.add(kind)
                reader.take()
                blanks, end = 0, reader.pos
                continue
        if _spaced_out(text) not in printed:
            if counts is None:
                counts = _totals_counts(block)
            if (kind, _count_of(text)) not in counts:
                break
        if len(repeats) >= len(printed):
            break
        repeats.append(Classified(line, text.strip(), kind))
        reader.take()
        blanks, end = 0, reader.pos
    if not any(item.kind is K.TOTAL for item in repeats):
        return block, used
    if supplied:
        block = replace(block, lines=(*block.lines, *supplied))
    return replace(block, repeats=tuple(repeats)), end


_REPORT_LINES = 3  # headings and rules looked past between a summary and a list restating it
_REPORT_STARTS = ("#", "-", "*", "_")  # the first character of each line _report_line takes


def _report_line(text: str) -> bool:
    """Tell whether a line is a report's heading or rule (`### Model Size Details`, `---`)."""
    core = text.strip()
    # a Markdown rule is short (`---`); a Keras rule under the totals (65 `_`) is the print's
    return core.startswith("#") or (3 <= len(core) <= 12 and not core.strip("-*_ "))


def _header_repeats(window: list[Line], at: int) -> bool:
    """Tell whether the line after a header is the same header again (a paste repeated it)."""
    if at + 1 >= len(window):
        return False
    here, below = window[at].text.strip(), window[at + 1].text.strip()
    return bool(here) and below == here


def _find_anchor(window: list[Line]) -> Optional[int]:
    for index, line in enumerate(window):
        if not lines.mentions_layer(line.text):
            continue
        if _HEADER.search(line.text):
            if not lines.is_header(line.text) or line.margin_note:
                continue  # (a note beside a table: the other side of a merge conflict)
            if lines.adds_an_input_shape_column(line.text) and not any(
                _PIPE_LAYER_ROW.match(below.text) for below in window[index + 1 : index + 5]
            ):
                continue  # (paddle's summary as Markdown: `| Conv2D-1 | [[1, 1, 28, 28]] |`)
            return index
        # A narrow Keras 3 table wraps the title itself: `┃ Layer ┃` over `┃ (type) ┃` (or the
        # paste ends after its first half: a header cut short, reported as such)
        last = index + 1 == len(window)
        below = "" if last else window[index + 1].text
        if (
            lines.SPLIT_TITLE.search(line.text)
            and not line.margin_note
            and (
                last
                or lines.SPLIT_TITLE_BELOW.search(below)
                # its other titles beside it: a header whose second line the paste cut (a fuzzed
                # cut, then a log line)
                or ("Output" in line.text and "Param" in line.text)
            )
        ):
            return index
    return None


def _header_column(text: str) -> int:
    """Return where the `Layer (type)` title starts (or its `Layer` half, when wrapped)."""
    match = _HEADER.search(text) or _LAYER.search(text)
    return match.start() if match else 0


def _first_orphan_totals(window: list[Line], exhausted: bool) -> Optional[int]:
    limit = len(window) if exhausted else max(0, len(window) - _TOTALS_LOOKAHEAD)
    for index in range(limit):
        kind = lines.totals_kind(window[index].text)
        if kind is None or window[index].margin_note:
            continue
        if kind is K.TOTAL or (kind is K.TRAINABLE and _non_trainable_follows(window, index)):
            return index
    return None


def _non_trainable_follows(window: list[Line], index: int) -> bool:
    """Tell whether a Non-trainable line comes right after a Trainable one (a blank line or a
    table's rule between them at most): the rest of totals whose Total line is not pasted."""
    for line in window[index + 1 : index + 3]:
        kind = lines.totals_kind(line.text)
        if kind is not None:
            return kind is K.NON_TRAINABLE
        if line.text.strip() and not lines.is_table_rule(line.text):
            return False
    return False


class _Reader:
    """Pulls lines from the window, then from the rest of the source, remembering all it read."""

    def __init__(
        self, window: list[Line], start: int, more: Iterator[Line], input_ends: bool = True
    ) -> None:
        self.window = window
        self.pos = start
        self.more = more
        # whether the input ends where the window and the rest end (a run of rows read apart
        # from the text below it does not)
        self.input_ends = input_ends

    def peek(self, ahead: int = 0) -> Optional[Line]:
        index = self.pos + ahead
        while index >= len(self.window):
            try:
                self.window.append(next(self.more))
            except StopIteration:
                return None
        return self.window[index]

    def take(self) -> None:
        self.pos += 1


# A count, then words (not a size in brackets, `(444.13 KB)`): `113,697 (unchanged from …)`
_WORDS_AFTER_COUNT = lazy(r"\s*\d[\d,]*[ \t]*\(?[ \t]*(?!\d)[A-Za-z]{3,}[^)\s]{0,40}[ \t][A-Za-z]")


def _words_after_count(text: str) -> bool:
    """Tell whether a totals line gives words after its count (not a size)."""
    found = lines.totals_match(text)
    return found is not None and _WORDS_AFTER_COUNT.match(found.group("rest")) is not None


def _orphan_block(window: list[Line], at: int, more: Iterator[Line]) -> tuple[Optional[Block], int]:
    """Read a totals block printed (or pasted) without its table (grammar start `orphan`)."""
    reader = _Reader(window, at, more)
    prefix = Prefix(lines.prefix_of(window[at].text, window[at].text.find("T")))
    walk = grammar.Walk(Layout.COLLAPSED, "orphan")
    taken: list[Classified] = []
    end, end_pos = 0, at + 1
    while len(taken) < MAX_LINES:
        line = reader.peek()
        if line is None:
            break
        stripped = prefix.strip(line.text)
        text = line.text if stripped is None else stripped
        kind = lines.totals_kind(text) or (
            K.BLANK
            if not text.strip()
            else K.PIPE_SEP
            if lines.is_table_rule(line.text)
            else K.TEXT
        )
        if kind not in walk.accepts():
            break
        walk.feed(kind)
        taken.append(Classified(line, text.strip(), kind))
        reader.take()
        if kind is not K.BLANK and walk.can_end():
            end, end_pos = len(taken), reader.pos
    if not end or not any(lines.totals_count_shown(item.text) for item in taken[:end]):
        return None, at + 1  # no totals, or words about them (`- "Total params": the …`)
    if end == 1 and _words_after_count(taken[0].text):
        # a sentence giving a count (74d's 008: `**Total Parameters:** 113,697 (unchanged
        # from previous runs)`): Keras writes no words after a count, only a size
        return None, at + 1
    reader.pos = end_pos
    for ahead in range(8):
        line = reader.peek(ahead)
        if line is not None and lines.FOREIGN_SIGNS.search(line.text):
            return None, end_pos
    if _under_a_foreign_table(window, at):
        return None, end_pos
    dialect, era = _orphan_generation("\n".join([item.text for item in taken[:end]]))
    block = Block(tuple(taken[:end]), Layout.COLLAPSED, dialect, era, "", "")
    return block, end_pos


# Keras 3's totals: bytes as `B`, or a count in groups of three before the size; tf-keras 2.13+
# writes `Byte` and ungrouped counts (`115 (460.00 Byte)`, `16822282 (64.17 MB)`).
_KERAS3_ONLY_SIZE = lazy(r"\(\d+\.\d\d B\)|\d,\d{3} \(\d+\.\d\d (?:KB|MB|GB|TB|PB)\)")


def _orphan_generation(texts: str) -> tuple[Dialect, Era]:
    """The generation totals printed without their table come from: their sizes tell (14a's
    012, 14b's 007: `Total params: 4 (16.00 B)` is Keras 3's), else a Keras 2 print."""
    if "(" not in texts:
        return Dialect.KERAS2, Era.KERAS2
    if _KERAS3_ONLY_SIZE.search(texts):
        return Dialect.KERAS3, Era.KERAS3
    if _KERAS2_SIZE.search(texts):
        return Dialect.KERAS2_WRAPPED, Era.TF2
    return Dialect.KERAS2, Era.KERAS2


_TITLE_TAIL = (K.BLANK, K.RULE, K.RULE_EQ, K.DASH_RULE, K.BOX_TOP, K.FENCE)
_TITLE_RULES = {"_": K.RULE, "=": K.RULE_EQ, "-": K.DASH_RULE}


def _title_tail_kind(text: str) -> Optional[LineKind]:
    """The kind of a line that may follow a title the paste ends after, or None."""
    stripped = text.strip()
    if not stripped:
        return K.BLANK
    first = stripped[0]
    if first in _TITLE_RULES and len(stripped) >= 5 and not stripped.strip(first):
        return _TITLE_RULES[first]
    if lines.is_box_top(stripped):
        return K.BOX_TOP
    return K.FENCE if lines.is_fence(stripped) else None


def _cut_title_block(window: list[Line]) -> Optional[Block]:
    """A summary's title that the input ends after (grammar start `cut_title`): a `Model:` line
    followed by its rule, then only blank lines or a closing fence (24b's 008, a stored thread cut
    there). It is reported as a summary cut short, never skipped."""
    at = len(window)
    while at and _title_tail_kind(window[at - 1].text) is not None:
        at -= 1
    if (
        not at
        or window[at - 1].margin_note
        or lines.model_name(window[at - 1].text.strip()) is None
    ):
        return None
    taken = [Classified(window[at - 1], window[at - 1].text.strip(), K.MODEL)]
    for line in window[at:]:
        kind = _title_tail_kind(line.text)
        taken.append(Classified(line, line.text.strip(), kind))  # type: ignore[arg-type]
    while taken[-1].kind in (K.BLANK, K.FENCE):
        taken.pop()  # the block ends at its rule
    if len(taken) == 1 and not lines.quoted_model_title(taken[0].text):
        # a `Model: VGG16` line ending a text, no print's rule under it; a title Keras quotes
        # (`Model: "Q_K`, a stored issue that ends inside it: 90e's 004) is a print's
        return None
    boxed = any(item.kind is K.BOX_TOP for item in taken)
    layout = Layout.BOX if boxed else Layout.COLLAPSED
    if not grammar.Walk(layout, "cut_title").feed_all(taken):
        return None
    dialect, era = (Dialect.KERAS3, Era.KERAS3) if boxed else (Dialect.KERAS2, Era.KERAS2)
    return Block(tuple(taken), layout, dialect, era, "", "")


def _cut_header_block(window: list[Line]) -> Optional[Block]:
    """A header the input ends inside, right after its `Layer (type)` and under the print's
    rule (84d's 012: an answer's excerpt cut there): a summary cut right after its header,
    reported as such. (`Layer (type)` alone on a line elsewhere is prose naming the column.)"""
    at = len(window)
    while at and _title_tail_kind(window[at - 1].text) in (K.BLANK, K.FENCE):
        at -= 1
    if at < 2 or window[at - 1].margin_note or window[at - 1].text.strip() != "Layer (type)":
        return None
    rule = _title_tail_kind(window[at - 2].text)
    if rule not in (K.RULE, K.RULE_EQ):
        return None
    taken = [
        Classified(window[at - 2], window[at - 2].text.strip(), rule),
        Classified(window[at - 1], window[at - 1].text.strip(), K.HEADER),
    ]
    if not grammar.Walk(Layout.FIXED).feed_all(taken):
        return None
    return Block(tuple(taken), Layout.FIXED, Dialect.KERAS2, Era.KERAS2, "", taken[1].text)


def _under_a_foreign_table(window: list[Line], at: int) -> bool:
    """Tell whether totals end a table another tool printed in Keras's words (pytorch-symbolic's
    `Layer  Output shape  Params  Parent`): the lines right above them, up to a blank one."""
    above = at - 1
    while above >= 0 and at - above <= _CONTEXT and window[above].text.strip():
        if lines.FOREIGN_HEADER.search(window[above].text):
            return True
        above -= 1
    return False


def _orphans_before(above: list[Line]) -> Iterator[Block]:
    """Yield the totals in the lines above a summary that its header does not reach: a table
    whose header the paste cut off, or totals alone. They belong to no header shown, so each
    is a summary of its own, never skipped; and rows quoted above it without header or totals
    (26c's 006: the question's row, above the answer's table)."""
    at = 0
    while at < len(above):
        found = _first_orphan_totals(above[at:], exhausted=True)
        if found is None:
            break
        fragments, block, at = _totals_no_header_reaches(above, at + found, iter(()))
        yield from fragments
        if block is not None:
            yield block
    yield from _fragments_in(above[at:])


def _totals_no_header_reaches(
    window: list[Line], totals_at: int, more: Iterator[Line]
) -> tuple[list[Block], Optional[Block], int]:
    """Read totals no header reaches: the rows of a table whose top the paste cut off ending
    in them, or the totals alone. Rows above them that no table holds are read on their own,
    never passed over (56b's 010: a headless README table above its totals), and the last run
    of them, right above the totals, is their table. Returns those runs of rows, the totals'
    block (None when read with rows, or no summary) and the window lines used."""
    headless = _headless_block(window, totals_at, more)
    if headless is not None:
        return [], headless[0], headless[1]
    fragments = list(_fragments_in(window[:totals_at]))
    block, used = _orphan_block(window, totals_at, more)
    if fragments and block is not None:
        joined = _rows_over_totals(fragments[-1], window, totals_at, block)
        if joined is not None:
            fragments[-1], block = joined, None
    return fragments, block, used


def _rows_over_totals(
    rows: Block, window: list[Line], totals_at: int, totals: Block
) -> Optional[Block]:
    """The rows of a headless table and the totals right under them (only empty lines and
    elision marks between: 56b's 010, `dropout_1 (Dropout) …`, ``, `...`, `Total params: …`)
    as one summary, when the table's grammar takes them so; else None."""
    last = rows.lines[-1].line
    at = next((i for i in range(totals_at - 1, -1, -1) if window[i] is last), None)
    if at is None or totals_at - at > _MOST_LINES_BETWEEN:
        return None
    between = []
    for line in window[at + 1 : totals_at]:
        text = line.text.strip()
        if text and not lines.is_elision(text):
            return None
        between.append(Classified(line, text, K.ELISION if text else _BLANK))
    taken = (*rows.lines, *between, *totals.lines)
    walk = grammar.Walk(rows.layout)
    if not (walk.feed_all(taken) and walk.can_end()):
        return None
    return Block(
        taken, rows.layout, rows.dialect, rows.era, rows.prefix, rows.header_text, rows.rejected
    )


_MOST_LINES_BETWEEN = 4


def _fragments_in(above: list[Line]) -> Iterator[Block]:
    """Yield each run of rows without header or totals in lines no table holds, in order."""
    at = 0
    while at < len(above):
        fragment = _fragment_block(above[at:], exhausted=True)
        if fragment is None:
            return
        yield fragment[0]
        at += fragment[1]


_CONTEXT = 256  # lines of a table kept in the window while its totals are looked for


def _table_tail(window: list[Line]) -> int:
    """Return how many lines at the end of the window may be a table whose header the paste
    cut off (a run of lines without two empty ones in a row, holding a `_` rule or a box's
    `├──┼──┤`, or a row: tf.keras 2.7+ rules no row off, 78c's 007), else 0."""
    run = 0
    ruled = False
    empty_above = False
    for line in reversed(window):
        text = line.text
        if run >= _CONTEXT or (not text and empty_above):
            break
        empty_above = not text
        run += 1
        if ruled:
            continue
        if "_____" in text or "┼" in text:
            core = lines.without_marks(text)
            ruled = lines.is_rule(core, "_") or lines.is_box_mid(core)
        elif "(" in text:
            ruled = _FRAGMENT_ROW.match(text.lstrip()) is not None
    return run if ruled else 0


def _headless_block(
    window: list[Line], totals_at: int, more: Iterator[Line]
) -> Optional[tuple[Optional[Block], int]]:
    """Read the rows of a fixed-width table whose top (title and header) the paste cut off,
    above its `=` rule and totals. The header is written back from Keras's column fractions of
    the rule's width. Unless the table still shows the `=` rule that closes its header, an
    elision mark stands for the rows cut off above the first one shown, so the audit treats the
    table as partial. None when the lines above are no such table."""
    if totals_at == 0:
        return None
    closing = window[totals_at - 1].text
    ruled_above = _ruled_rows_end(window, totals_at)
    if (
        ruled_above is None
        and not closing.strip()
        and totals_at > 1
        and lines.BOX_BOTTOM.match(lines.without_marks(window[totals_at - 2].text))
    ):
        # a blank line the author put between the box's bottom and its totals (56b's 003)
        return _headless_box(window, totals_at - 1, more)
    if ruled_above is None and (
        lines.BOX_BOTTOM.match(lines.without_marks(closing)) or lines.is_box_line(closing)
    ):
        return _headless_box(window, totals_at, more)
    if ruled_above is not None:
        # the last row (maybe a blank line) right on the totals, no `=` rule, `_` rules above
        # between the rows (16b's 005: a Keras 1 table with Connected to)
        prefix, width, bottom = ruled_above
    else:
        last_row = _row_over_spacing(window, totals_at)
        if last_row is not None:
            return _rows_on_the_totals(window, last_row, totals_at, more)
        prefix = Prefix(lines.prefix_of(closing, closing.find("=")))
        rule = prefix.strip(closing)
        if rule is None or not lines.is_rule(rule, "=") or _indent(rule) > 1:
            return None
        width, bottom = len(rule.rstrip()), totals_at - 2
    texts: list[str] = []  # the table's lines above its closing rule, bottom up
    while len(texts) < bottom + 1:
        text = prefix.strip(window[bottom - len(texts)].text)
        if text is None or lines.totals_kind(text):
            break
        if lines.is_annotation(text) and text[:1] == " ":
            texts.append(text)  # a note in the margin, however wide (34b's 013)
            continue
        if (
            len(text.rstrip()) > width + 1
            and not _FRAGMENT_ROW.match(text)
            and not _INBOUND_GOING_ON.fullmatch(text)
        ):
            # wider than the rules: not the table's, unless a layer row (20b's 006: a post
            # whose rules were cut to 77 characters over rows of 98)
            break
        if _HEADER.search(text) or lines.FOREIGN_HEADER.search(text):
            return None  # a header that is there but not Keras's (paddle's, torchsummary's)
        if lines.is_annotation(text):
            texts.append(text)  # a note written into the table (`<< original top`)
            continue
        if lines.looks_like_prose(text):
            break
        if not text.strip() and texts and not texts[-1].strip():
            above = bottom - 1 - len(texts)
            line_above = prefix.strip(window[above].text) or "" if above >= 0 else ""
            row_above = _FRAGMENT_ROW.match(line_above) or _WRAPPED_END.fullmatch(line_above)
            if not row_above:
                texts.pop()  # two empty lines: the table began below them
                break  # (unless a row is right above them: the paste spaced its rows out)
        texts.append(text)
    texts.reverse()
    start = bottom + 1 - len(texts)
    ruled = [
        i for i, text in enumerate(texts) if lines.is_rule(text, "_") or lines.is_rule(text, "=")
    ]
    top: Optional[int]
    if ruled:
        top = ruled[0]
        if top > 0 and (_COLUMNS.search(texts[top - 1]) or _FRAGMENT_ROW.match(texts[top - 1])):
            top -= 1  # the paste began with a row (cells set apart by runs of spaces), then a rule
    else:
        top = _indented_rows(texts)  # tf.keras 2.7+ prints no rule between rows
        if top is None:
            top = _rows_on_the_rule(texts)
            collapsed = _collapsed_rows(texts)
            if collapsed is not None and (top is None or collapsed < top):
                top = collapsed  # (the rows above one that wrapped its cells: 83a's 012)
        if top is None:
            return None
    texts, start = texts[top:], start + top
    body = [
        t
        for t in texts
        if not lines.is_rule(t, "_") and not lines.is_rule(t, "=") and not lines.is_annotation(t)
    ]
    rows = [t for t in body if t.strip()]
    header_text = cropped_header(_in_place(rows), width) if rows else None
    layout = Layout.FIXED
    if header_text is None and _collapsed_run(body):
        # rows whose spacing a book's text layer collapsed (37b's 003: `time_distributed
        # (TimeDist (None, 28, 28) 812` on the `=` rule of a page's table): read token by token,
        # with their Connected to lists (83a's 012)
        graph = any(_plain_inbound(text) for text in rows)
        layout, header_text = Layout.COLLAPSED, _QUOTED_GRAPH_HEADER if graph else _QUOTED_HEADER
    if header_text is None:
        return None
    first_row = next(i for i, t in enumerate(texts) if t.strip() and t in rows)
    cut_above = not any(lines.is_rule(t, "=") for t in texts[:first_row])
    taken, rejected, used = _walk_under_header(
        layout, prefix, header_text, _Reader(window, start, more), cut_above
    )
    kinds = {item.kind for item in taken}
    if kinds.isdisjoint(ROW_KINDS) or kinds.isdisjoint(TOTAL_KINDS) or _is_foreign(taken):
        return None
    if K.DASH_RULE in kinds:
        taken = _cut_marks(taken)
    after = window[used : used + 8]
    if any(lines.FOREIGN_SIGNS.search(line.text) for line in after):
        return None  # torchsummary and paddle print sizes after their totals
    dialect = detect_dialect(taken, layout, header_text)
    era = era_of(taken, dialect)
    block = Block(tuple(taken), layout, dialect, era, prefix.prefix, header_text, tuple(rejected))
    return block, used


def _ruled_rows_end(window: list[Line], totals_at: int) -> Optional[tuple[Prefix, int, int]]:
    """For totals right under a layer row (or a blank line under one) of a table with `_` rules
    between its rows and no `=` rule above the totals: the rules' prefix and width, and the
    index of the row. None otherwise (a `=` rule, a box, or no ruled table)."""
    bottom = totals_at - 1
    if not window[bottom].text.strip() and bottom > 0:
        bottom -= 1  # one blank line between the last row and the totals
    last = window[bottom].text
    if not _FRAGMENT_ROW.match(last):
        return None
    for above in range(bottom - 1, max(bottom - _CONTEXT, -1), -1):
        text = window[above].text
        if not text.strip() or lines.totals_kind(text):
            return None  # a row under the last summary's totals, or a table without rules
        if "___" in text:
            prefix = Prefix(lines.prefix_of(text, text.find("_")))
            rule = prefix.strip(text)
            if rule is None or not lines.is_rule(rule, "_"):
                return None
            width = len(rule.rstrip())
            return (prefix, width, bottom) if len(last.rstrip()) <= width + 1 else None
    return None


def _cut_marks(taken: list[Classified]) -> list[Classified]:
    """Read a `-----` line between the rows of a table with no rule between its rows as the
    mark of rows cut out there (as the author of a course script marked them), not a rule."""
    rows = [i for i, item in enumerate(taken) if item.kind in ROW_KINDS]
    between = range(rows[0] + 1, rows[-1])
    if any(taken[i].kind is K.RULE for i in between):
        return taken  # `_` rules between rows: a `-` rule is one more, retyped
    return [
        Classified(item.line, item.text, K.ELISION, item.depth)
        if item.kind is K.DASH_RULE and i in between
        else item
        for i, item in enumerate(taken)
    ]


# One layer row on a line of its own, cells set apart by spaces (`dense_1 (Dense)  (None, 41200)
# 35638000`), as quoted in an issue right above the totals, with neither header nor rule.
# Its Connected to list may follow the count (20b's 007: `… 2049000     ['avg_pool[0][0]']`).
_PLAIN_CELLS = (
    r"^\s*" + lines.ROW_NAME_AND_CLASS + r"\s+"
    # (a shape the column cut: `(None, None, None, 2`, 65d's 011; a scalar's `()`)
    r"(?:\[?\((?:None|\d+)(?:,\s*(?:None|\d+))*,?(?:\)\]?)?|\(\)|multiple)\s+\d[\d,]*"
)
# a tf.keras 2.7+ Connected to list its column wrapped, left open at the end of the row's line
# (83a's 012, its blanks collapsed: `['add_25[0][0]',`, `['multi_head_self_attention_13[0]`),
# or an input's empty list (`[]`)
_OPEN_LIST = r"\['[\w./\[\]'-]*(?:,[ \t]*[\w./\[\]'-]*)*|\[\]"
_PLAIN_ROW = lazy(
    _PLAIN_CELLS
    + r"(?P<inbound>\s+(?:\[?'?[\w./-]+\[\d+\]\[\d+\]'?(?:,\s*'?[\w./-]+\[\d+\]\[\d+\]'?)*\]?|"
    + _OPEN_LIST
    + r"))?\s*$"
)
# What such a row wrapped onto the line right under it, at the margin (83a's 012): the end of
# its class (`ormalization)`, `MultiHeadSelfAttention)`), its whole class (`(SlicingOpLambda)`),
# or the end of its name and its class (`ise_BN (QuantizeWrapperV2)`), each when the name filled
# the column; then maybe the rest of its list (`[0]']`, `'drop_path_26[0][0]']`, `) 'layer_
# normalization_57[0][0]']`, `, 'tf.__operators__.getitem_1[0][`), or a cell's word alone
_WRAPPED_PIECES = lazy(
    r"(?P<cls>[\w./:-]+[ \t]+\([A-Za-z][\w.]*\)?|\(?[\w.]*\))?(?:[ \t]+|$)?"
    r"(?:,?[ \t]*[\w./\[\]'-]+(?:,[ \t]*[\w./\[\]'-]*)*)?[ \t]*"
)
# the rest of a shape its column wrapped under a row that left it open, the blanks collapsed
# (`, 32)` under `conv2d (Conv2D) (None, 26, 26 320`, `)` or `)]` under `(None, 224, 224, 64`,
# `e, None, 4)]` under `Non`), maybe after the end of the row's class (`malization) , 32)`,
# `) e, None, 4)]`), then maybe the rest of its Connected to list (`) 'conv_b[0][0]']`)
_SHAPE_REST = lazy(
    r"(?:[\w.]*\)[ \t]+)?(?P<shape>\w*(?:,[ \t]*(?:None|\d+))*,?[ \t]*\)+\]?)(?:[ \t]+\S.*)?"
)
_CLASSLESS_ROW = lazy(r"[\w./:-]+[ \t]+(?:\[?\((?:None|\d|\))|multiple\b)")
# a dict output wrapped by its column (`bert_backbone_4 (Backbone) {'sequence_output':`)
_DICT_OUTPUT_ROW = lazy(r"[\w./:-]+ \((?:[A-Za-z][\w.]*\)?)? \{'")
# a line that leaves its class open, at its end too (`g_input_vector (InputLayer`, then `)`)
_CLASS_LEFT_OPEN = lazy(r"[ \t]*[\w./:-]+ \((?:[A-Za-z][\w.]*)?(?:[ \t]|$)")


def _wrapped_piece(text: str, above: str) -> bool:
    """Tell whether a line holds what the row above wrapped onto it, the blanks collapsed (83a's
    012; `above`: the line right above, the row or a piece of it): a class's end only under a
    class left open, a class only under a row that shows none."""
    core = text.strip()
    found = _WRAPPED_PIECES.fullmatch(core) if core else None
    if found is None:
        return False
    piece = found.group("cls")
    if not piece:
        return True
    if piece[-1] == ")" and piece[0] != "(" and " " not in piece:
        return _CLASS_LEFT_OPEN.match(above) is not None  # `ormalization)`
    return _CLASSLESS_ROW.match(above.lstrip()) is not None  # `(Slicing…)`, `ise (Quantize…)`


def _plain_inbound(text: str) -> bool:
    """Tell whether a plain layer row holds a Connected to list."""
    found = _PLAIN_ROW.match(text)
    return found is not None and bool(found.group("inbound"))


def _name_filled_row(text: str) -> bool:
    """Tell whether a line is a row whose name filled its column, its class wrapped under it,
    the blanks collapsed (83a's 012: `quant_expanded_conv_depthw (None, 16, 16, 8) 75 […]`)."""
    return _CLASSLESS_ROW.match(text) is not None and _PLAIN_ROW.match(text) is not None


def _goes_on(text: str, above: str, row: str) -> bool:
    """Tell whether a line at the margin goes on with the row being read, the blanks collapsed
    (83a's 012; `above`: the line right above): a piece of its cells, or, under a row whose
    output its column wrapped (`((None, 15, 64),`), any line that reads as no sentence (the
    walk reads it, or reports it unreadable)."""
    if _wrapped_piece(text, above):
        return True
    if row.count("(") > row.count(")") and _SHAPE_REST.fullmatch(text.strip()):
        return True  # the rest of a shape its column wrapped (`, 32)`, `malization) , 32)`)
    return (
        _PLAIN_ROW.match(row) is None
        and _loose_row(row)
        and "  " not in text.strip()  # (blanks collapsed: no columns)
        and not lines.looks_like_prose(text)
    )


def _loose_row(text: str) -> bool:
    """Tell whether a line starts a row whose output its column wrapped (`multi_head_attention
    (MultiHea ((None, 15, 64),`, `encoder_lstm (LSTM) [(None, 32),`, a dict's `{'…':`)."""
    return _FRAGMENT_ROW.match(text) is not None or _DICT_OUTPUT_ROW.match(text) is not None


def _collapsed_run(texts: list[str]) -> bool:
    """Tell whether lines are layer rows their paste collapsed the blanks of (37b's 003, 83a's
    012), blank lines between, each maybe with what it wrapped onto the lines right under it
    (a row whose output the column wrapped among them)."""
    return _run_ends(texts) == len(texts) and any(_PLAIN_ROW.match(text) for text in texts)


def _run_ends(texts: list[str]) -> int:
    """Where lines stop being such rows (len(texts) when they never do)."""
    above = row = ""  # the line above and the row being read ("" after a blank line)
    framed = 0  # the expand_nested frames open around the line
    for at, text in enumerate(texts):
        if not text.strip():
            above = ""
        elif row and (bars := lines.frame_bars(text)) is not None:
            # an expand_nested frame's `|¯¯¯|` or `¯¯¯` line, its blanks collapsed (review 83's
            # 9b): the rows inside it and after it go on the run
            framed, above = max(0, framed + (1 if bars > framed else -1)), ""
        elif framed and text[:1] == "|":
            above = ""  # a row inside the frame (or its wrapped rest, or a spacer)
        elif _PLAIN_ROW.match(text):
            above = row = text
        elif above and _goes_on(text, above, row):
            above = text
        elif _loose_row(text):
            above = row = text
        else:
            return at
    return len(texts)


def _collapsed_rows(texts: list[str]) -> Optional[int]:
    """Where the rows at the end of the lines begin when their paste collapsed the blanks (a
    tf.keras 2.7+ print cut at the top, 83a's 012): rows at the margin, what each wrapped right
    under it, blank lines between; None when the lines end in no such rows."""
    top = len(texts)
    while top and (
        not texts[top - 1].strip()
        or _PLAIN_ROW.match(texts[top - 1])
        or _loose_row(texts[top - 1])
        or _WRAPPED_PIECES.fullmatch(texts[top - 1].strip())
        or (top > 1 and texts[top - 2].strip() and not lines.looks_like_prose(texts[top - 1]))
    ):
        top -= 1
    while top < len(texts):
        while top < len(texts) and not _PLAIN_ROW.match(texts[top]):
            top += 1  # (blank lines, or the pieces of a row cut off above)
        ends = top + _run_ends(texts[top:])
        if ends == len(texts):
            return top if top < len(texts) else None
        if any(_PLAIN_ROW.match(text) for text in texts[top:ends]):
            # rows above a line the run cannot place (an expand_nested frame's `|¯¯¯|`): not
            # read from below it, which would leave them out under a note that the top of the
            # table is cut off (the review of 83a's 012)
            return None
        top = ends + 1  # (a line no such row holds: the rows begin below it)
    return None


# the last row of a paste, its inbound name cut (65d's 011: `… 0 batch_normal`), or its shape
# (81h's 004: `activation_234 (Activation) (Non`)
_PLAIN_ROW_CUT_INBOUND = lazy(_PLAIN_CELLS + r"\s+[\w./-]+\s*$")
_PLAIN_ROW_CUT_SHAPE = lazy(r"^\s*" + lines.ROW_NAME_AND_CLASS + r"\s+\[?\([\w, ]*$")
_QUOTED_HEADER = "Layer (type) Output Shape Param #"
_QUOTED_HEADER_WITHOUT_COUNTS = "Layer (type) Output Shape"
_COUNTLESS_ROW = lazy(
    r"[ \t]*"
    + lines.ROW_NAME_AND_CLASS
    + r"[ \t]+\[?\((?:None|\d+)(?:,[ \t]*(?:None|\d+))*\)\]?[ \t]*"
)
_QUOTED_GRAPH_HEADER = _QUOTED_HEADER + " Connected to"


def _row_over_spacing(window: list[Line], totals_at: int) -> Optional[int]:
    """The index of a plain layer row right above the totals, or above a blank line or a `---`
    between them (20b's 007), or None."""
    for above in range(totals_at - 1, max(totals_at - 4, -1), -1):
        text = window[above].text
        if _PLAIN_ROW.match(text):
            return above
        if text.strip() not in ("", "---"):
            return None
    return None


def _rows_on_the_totals(
    window: list[Line], last_row: int, totals_at: int, more: Iterator[Line]
) -> Optional[tuple[Optional[Block], int]]:
    """Read the rows quoted right above totals with no header or rule (an excerpt in an issue
    thread): their cells are read token by token, and an elision mark stands for the rows not
    quoted above them, so the audit treats the table as partial."""
    start = last_row
    while start and _PLAIN_ROW.match(window[start - 1].text):
        start -= 1
    inbound = [_PLAIN_ROW.match(line.text) for line in window[start : last_row + 1]]
    graph = any(found is not None and found.group("inbound") for found in inbound)
    header = _QUOTED_GRAPH_HEADER if graph else _QUOTED_HEADER
    taken, rejected, used = _walk_under_header(
        Layout.COLLAPSED, Prefix(""), header, _Reader(window, start, more), True
    )
    kinds = {item.kind for item in taken}
    if kinds.isdisjoint(ROW_KINDS) or kinds.isdisjoint(TOTAL_KINDS):
        return None
    dialect = detect_dialect(taken, Layout.COLLAPSED, header)
    block = Block(
        tuple(taken), Layout.COLLAPSED, dialect, era_of(taken, dialect), "", header, tuple(rejected)
    )
    return block, used


_BOX_TITLES = ("Layer (type)", "Output Shape", "Param #", "Connected to", "Trainable")
_FLAGS = frozenset(("Y", "N", "-", ""))


def _headless_box(
    window: list[Line], totals_at: int, more: Iterator[Line]
) -> Optional[tuple[Optional[Block], int]]:
    """Read the rows of a Keras 3 box whose top (title, borders, header) the paste cut off,
    above its bottom border and totals. None when the lines above are no box."""
    bottom = window[totals_at - 1].text
    corner = len(bottom) - len(lines.without_marks(bottom).lstrip())
    if bottom[corner : corner + 1] not in ("└", "╰", "┗", "│"):
        return None  # (an ASCII box's bottom border is its top border too: not told apart)
    stop = totals_at - (bottom[corner] != "│")  # the rows end at the border, or at the totals
    start = totals_at - 1
    while start and _is_box_or_mixed_line(window[start - 1].text):
        start -= 1
    found = _box_rows(window, start, stop, corner, window[totals_at - 1].text, more)
    if found is None or {item.kind for item in found[0].lines}.isdisjoint(TOTAL_KINDS):
        return None
    return found


def _is_box_or_mixed_line(text: str) -> bool:
    """Tell whether a line is a box's, or a box row whose first bar an editor typed as `|`
    (56b's 003: `| block_16_project  │ (None, 7, 7,    │   307,200 │`)."""
    return lines.is_box_line(text) or (text.lstrip()[:2] == "| " and "│" in text)


def _box_rows(
    window: list[Line], start: int, stop: int, corner: int, border: str, more: Iterator[Line]
) -> Optional[tuple[Block, int]]:
    """Read box rows from window[start] on (up to stop, then from more) whose header the paste
    cut off: the header is written back at the bars of the border line, and an elision mark
    stands for the rows cut off above the first one shown (None when no row is there)."""
    while start < stop and not _starts_box_row(window[start].text[corner:]):
        start += 1  # the end of a row the paste cut: its first line, with the count, is gone
    if start == stop:
        return None
    prefix = Prefix(lines.prefix_of(border, corner))
    border = border[corner:].rstrip()
    bars = [i for i, c in enumerate(border) if c in "│┃├┼┤└┴┘╰╯┗┻┛"]
    last = [
        cells.split_bars(window[i].text[corner:], "│┃")[0][-1:]
        for i in range(start, stop)
        if window[i].text[corner:][:1] in "│┃"
    ]
    flags = {c.strip() for cut in last for c in cut} <= _FLAGS
    titles = len(bars) - 1
    if not 3 <= titles <= len(_BOX_TITLES) or bars[0] != 0:
        return None
    names = list(_BOX_TITLES[:titles])
    if titles == 4 and flags:
        names[3] = "Trainable"
    widths = [b - a - 1 for a, b in zip(bars, bars[1:])]
    header_text = "┃" + "┃".join(f" {n}"[:w].ljust(w) for n, w in zip(names, widths)) + "┃"
    # a `Model:` title right above the first row is the table's: the paste lost the borders
    # and the header (49b's 013: `Model: "sequential_1"` over three `│` rows); no row is cut
    # off above when the first row shown is the one Keras 3 prints first (an InputLayer, or a
    # Sequential's first layer), else rows may have been left out between (30a's slide)
    above = window[start - 1] if start else None
    name = lines.model_name(above.text) if above is not None else None
    title = above if name is not None else None
    whole = title is not None and (
        (name or "").startswith("sequential") or "(InputLayer)" in window[start].text
    )
    taken, rejected, used = _walk_under_header(
        Layout.BOX,
        prefix,
        header_text,
        _Reader(window, start, more),
        cut_above=not whole,
        title=title,
    )
    if not any(item.kind is K.BOX_LINE for item in taken):
        return None
    block = Block(
        tuple(taken), Layout.BOX, Dialect.KERAS3, Era.KERAS3, prefix.prefix, header_text,
        tuple(rejected),
    )  # fmt: skip
    return block, used


def _starts_box_row(text: str) -> bool:
    """Tell whether a box line is a separator or a row's first line (its count is on it)."""
    if lines.is_box_mid(text):
        return True
    found = cells.split_bars(text, "│┃")[0]
    return len(found) > 2 and bool(found[0].strip()) and bool(found[2].strip())


# A row of a fixed-width table: `name (Class)` (the class maybe cut), then a shape.
_BOX_ROW = lazy(r"^ ?[│┃] [\w.\-/]+(?: \(\w*\)?)? *[│┃] +(?:[\[(]+(?:None|\d)|multiple)")
# A shape cut by the end of the paste (`(N`) still starts one: the row is read or reported.
# A line that only goes on with a row's Connected to list, under its column.
_INBOUND_GOING_ON = lazy(r" {20,}[\w./-]+\[\d+\]\[\d+\] *")
_INBOUND_NAME = lazy(r"([\w./-]+)\[\d+\]\[\d+\]")


def _inbound_all_shown(run: list[Line], comment: str = "") -> bool:
    """Tell whether every Connected to entry in a run of rows (commented out with `comment`,
    if given) names a row of the run, or may name one of the rows an elision mark above it
    stands for (`...` between the rows: 34c's 009)."""
    cut = len(comment)
    texts = [
        line.text[cut:] if comment and line.text.startswith(comment) else line.text for line in run
    ]
    names = {text.split(None, 1)[0] for text in texts if text.strip()}
    elided = False
    for text in texts:
        elided = elided or lines.is_elision(text.strip())
        if not elided and any(
            found.group(1) not in names for found in _INBOUND_NAME.finditer(text)
        ):
            return False
    return True


_ROW_MARKS = "#>"  # a comment's or a quote's mark before each row of a fragment
_CUT_LAST_ROW = lazy(r"[\w.\-/]+(?: \(\w*)?[ \t]*")  # a name, maybe a class's start
_CODE_INDENT = "    "  # a Markdown code block's indentation
_DEEPEST_INDENT = 12  # (a docstring's in a method of a class: eight)
_FRAGMENT_ROW = lazy(
    r"^ {0,2}[\w.\-/]+ \(\w*\)?(?: +| *$)(?:[\[(]+(?:None|\d|(?:N|No|Non)? *$)|\(\)|multiple)"
)


_CLASS_ALONE = lazy(r" {1,3}\([A-Za-z][\w.]*\)?[ \t]*")


def _fragment_row(window: list[Line], at: int, text: str) -> bool:
    """Tell whether a line starts a row of a fragment: `name (Class…  shape`, or a name and
    a shape over the row's class alone on the next line (61b's 008)."""
    if _FRAGMENT_ROW.match(text):
        return True
    if at + 1 >= len(window):
        return False
    below = window[at + 1].text
    if NAME_FILLED_ROW.match(text) is not None and _CLASS_ALONE.fullmatch(below) is not None:
        return True
    # (the same, the blanks collapsed: `(SlicingOpLambda)`, `ise (QuantizeWrapperV2)`, 83a's 012)
    return "(" in below and _name_filled_row(text) and _wrapped_piece(below, text)


def _box_fragment(window: list[Line], exhausted: bool) -> Optional[tuple[Block, int]]:
    """Read rows pasted from the middle of a Keras 3 box, without its header, borders and
    totals: two rows at least, ended inside the window (None when the window holds none)."""
    first = next(
        (i for i, line in enumerate(window) if _BOX_ROW.match(line.text) and not line.margin_note),
        None,
    )
    if first is None:
        return None
    while (
        first
        and window[first - 1].text.strip()
        and lines.is_box_line(window[first - 1].text)
        and not window[first - 1].margin_note
    ):
        first -= 1  # rows of the box above it that no pattern anchors (nested `└`, `?` shapes)
    corner = window[first].text.index(window[first].text.lstrip()[0])
    stop = first
    while stop < len(window) and lines.is_box_line(window[stop].text):
        stop += 1
    rows = sum(1 for line in window[first:stop] if _BOX_ROW.match(line.text))
    if rows < 2 or (stop == len(window) and not exhausted):
        return None
    border = next(line.text for line in window[first:stop] if line.text[corner:][:1] in "│┃")
    return _box_rows(window[:stop], first, stop, corner, border, iter(()))


def _fragment_block(window: list[Line], exhausted: bool) -> Optional[tuple[Block, int]]:
    """Read rows pasted from the middle of a fixed-width table, without its header and its
    totals: two rows at least, ended (by text or the input's end) inside the window. The
    header is written back from Keras's column fractions, and an elision mark stands for the
    rows cut off above. None when the window holds no such rows."""
    first = next(
        (
            i
            for i, line in enumerate(window)
            if _fragment_row(window, i, line.text) and not line.margin_note
        ),
        None,
    )
    comment = ""
    commented = next(
        (
            i
            for i, line in enumerate(window[: first if first is not None else len(window)])
            if line.text[:1] in _ROW_MARKS and _FRAGMENT_ROW.match(line.text[1:].lstrip(" "))
        ),
        None,
    )
    if commented is not None:
        # rows commented out in code (29c's 006: `#probs (Dense)  (None, 1000)  2049000 …` in an
        # R chunk, under `#____` rules), or quoted in a reply (65d's 011: `> conv2d_28 (Conv2D) …`
        # in a GitHub comment): read without their `#` or `>`
        first, comment = commented, window[commented].text[0]
    elif first is None:
        # rows in a Markdown code block, indented by four blanks (38a's 005), or in a docstring
        # by eight (54d's 010): read without them
        first = next(
            (
                i
                for i, line in enumerate(window)
                if line.text.startswith(_CODE_INDENT)
                and _FRAGMENT_ROW.match(line.text.lstrip(" "))
                and len(line.text) - len(line.text.lstrip(" ")) <= _DEEPEST_INDENT
            ),
            None,
        )
        if first is not None:
            text = window[first].text
            comment = text[: len(text) - len(text.lstrip(" "))]
            if len(comment) % len(_CODE_INDENT) == 1:
                comment = comment[:-1]  # tf.keras 2.7+'s own blank before each line stays
    if first is None or _under_a_foreign_header(window, first):
        return None
    end = first
    rows: list[str] = []
    rules: list[str] = []
    above: set[str] = set()  # the names of the rows above the last blank line
    group: set[str] = set()  # the names of the rows since it
    gap = 0  # where the last blank line between rows stands (0: none yet)
    framed = 0  # the expand_nested frames open around the line
    while end < len(window):
        text = window[end].text
        if comment:
            if not text.startswith(comment) and text.strip():
                break  # the commented run ended
            text = text[len(comment) :]
        if lines.is_rule(text, "_") or lines.is_rule(text, "=") or lines.is_rule(text, "-"):
            rules.append(text)
        elif (
            starts := _fragment_row(window, end, text)
            or (bool(rows) and (_name_filled_row(text) or _DICT_OUTPUT_ROW.match(text) is not None))
        ) or _FRAGMENT_ROW.match(text.lstrip()):
            name = text.split(None, 1)[0]
            if gap and name in above and not _name_filled_row(text):
                # a name again past a blank line: rows of another print, noted apart (27a's
                # 002: each model's two rows, one group under another); not a name the column
                # cut (83a's 012: `quant_expanded_conv_depthw` for three layers)
                end = gap
                break
            group.add(name)
            if starts:
                rows.append(text)
        elif text.strip() and text[:1] == " " and not lines.looks_like_prose(text):
            pass  # a line a row's cells wrapped onto
        elif rows and CLASS_END.fullmatch(text) and CLASS_LEFT_OPEN.match(rows[-1]):
            pass  # the rest of a class the column wrapped, its blank lost (56b's 010)
        elif (
            rows
            and window[end - 1].text.strip(" #>")
            and _goes_on(text, window[end - 1].text[len(comment) :], rows[-1])
        ):
            pass  # the rest of its class and of its Connected to list, blanks lost (83a's 012)
        elif rows and lines.is_node_list(text):
            pass  # a row's later inbound nodes, their indentation lost (30c's 014)
        elif rows and lines.is_elision(text):
            pass  # rows left out between rows shown (57d's 002: `...`, then the last row)
        elif rows and (bars := lines.frame_bars(text)) is not None:
            # an expand_nested frame's `|¯¯¯|` or `¯¯¯` line under a nested model's row
            # (review 88's item 7): the rows inside it and below it go on the run
            framed = max(0, framed + (1 if bars > framed else -1))
        elif framed and text[:1] == "|":
            pass  # a row inside the frame, its wrapped rest or a spacer
        elif rows and exhausted and end == len(window) - 1 and _CUT_LAST_ROW.fullmatch(text):
            pass  # the paste ends inside a row, after its name (32b's 010: `flatten_1`)
        elif text.strip():
            break
        elif end > first and not window[end - 1].text.strip():
            break  # two blank lines: the rows ended
        if not text.strip() and group:
            above |= group
            group, gap = set(), end
        end += 1
    plain = not rules and all(
        _PLAIN_ROW.match(text)
        # a row whose output its column wrapped, among plain ones (83a's 012)
        or (_loose_row(text) and any(_PLAIN_ROW.match(other) for other in rows))
        # the last row, its inbound name cut where the paste ends (65d's 011: `… 0 batch_normal`)
        or (
            exhausted
            and at == len(rows) - 1
            and (_PLAIN_ROW_CUT_INBOUND.match(text) or _PLAIN_ROW_CUT_SHAPE.match(text))
        )
        for at, text in enumerate(rows)
    )
    # rows of a name, a class and a shape only (81c's 011, 81h's 007): the counts left out
    countless = bool(rows) and all(_COUNTLESS_ROW.fullmatch(text) for text in rows)
    if countless and len(rows) == 1 and not rules and not _ruled_above(window, first):
        return None  # (one such row alone is a table's only under a rule: in prose, a quote)
    if (len(rows) < 2 and not plain and not countless) or (end == len(window) and not exhausted):
        return None  # (one row alone only when it is whole: name, class, shape and count)
    # (an author's comment after a row's count, `3100 => None …`, is no column: 79c's 012)
    bare = [lines.without_comment_after_count(text) for text in rows]
    width = max(len(text.rstrip()) for text in rules or bare)
    header_text = None if countless else cropped_header(_in_place(bare), width)
    layout = Layout.FIXED
    if countless:
        layout, header_text = Layout.COLLAPSED, _QUOTED_HEADER_WITHOUT_COUNTS
    if header_text is None and plain:
        # rows quoted with their cells set apart by a few spaces, not in Keras's columns
        # (26c's 006: `simple_rnn_1 (SimpleRNN)   (None, 10)   120`): read token by token,
        # with their inbound nodes (30c's 014: `conv2d_1 (Conv2D) (…) 1616 input_1[0][0]`)
        graph = any(
            # (a last row whose inbound name the paste cut holds an inbound list too)
            match is None or match.group("inbound")
            for match in (_PLAIN_ROW.match(text) for text in rows)
        )
        layout, header_text = Layout.COLLAPSED, _QUOTED_GRAPH_HEADER if graph else _QUOTED_HEADER
    if header_text is None:
        return None
    # the rows end where the run ends, the input maybe not
    reader = _Reader(window[:end], first, iter(()), input_ends=exhausted and end == len(window))
    # rows from the middle of a table, unless the first is the model's input and no row is
    # connected to a layer not shown (30c's 014)
    title = _title_over_rows(window, first, comment)
    above_cut = (
        "(InputLayer)" not in rows[0] or not _inbound_all_shown(window[first:end], comment)
    ) and not _head_shown(window, first, comment)
    if title is not None and above_cut:
        # the title over the first row (88e's 014: `Model: "sequential"`, an author's line,
        # then the rows): nothing is cut above a Sequential's first row (a functional model's
        # rows keep the test above: the review of 88e's 014, rows from a second input)
        name = lines.model_name(title.text[len(comment) :]) or ""
        above_cut = not name.startswith("sequential")
    taken, rejected, used = _walk_under_header(
        layout, Prefix(comment), header_text, reader, cut_above=above_cut, title=title
    )
    kinds = {item.kind for item in taken}
    if kinds.isdisjoint(ROW_KINDS) or not kinds.isdisjoint(TOTAL_KINDS) or _is_foreign(taken):
        return None
    dialect = detect_dialect(taken, layout, header_text)
    block = Block(
        tuple(taken), layout, dialect, era_of(taken, dialect), comment, header_text,
        tuple(rejected),
    )  # fmt: skip
    return block, used


def _title_over_rows(window: list[Line], first: int, comment: str) -> Optional[Line]:
    """A `Model:` title right over a headless table's first row, or with one short line of
    the author's between (88e's 014: `input_shape = (32,32,3)`); None otherwise."""
    for at in (first - 1, first - 2):
        if at < 0:
            return None
        line = window[at]
        text = line.text[len(comment) :] if line.text.startswith(comment) else line.text
        if not line.margin_note and lines.model_name(text) is not None and '"' in text:
            return line
        if at == first - 2 or not text.strip() or len(text) > _SHORT_NOTE:
            return None
        if _FRAGMENT_ROW.match(text.lstrip()) or lines.is_rule(text.strip(), text.strip()[0]):
            return None
        if lines.is_elision(text.strip()) or _LEFT_OUT_NOTE.match(text):
            return None  # (`...`, `# (first layers omitted)`: rows left out, not a note)
    return None


_SHORT_NOTE = 60
# a line that marks rows left out (`...`, `[…]`, `# (first layers omitted)`), not an author's
# note that merely ends in dots (`Loading model...`, review 88's item 2)
_LEFT_OUT_NOTE = lazy(r"[\s#>(\[]*(?:\.\.\.|…)|.*\bomitted\b", re.I)


def _ruled_above(window: list[Line], first: int) -> bool:
    """Tell whether the line above a fragment's first row is a table's rule (81h's 007)."""
    above = window[first - 1].text.strip(" \t#>") if first else ""
    return any(lines.is_rule(above, char) for char in "_=-")


def _under_a_foreign_header(window: list[Line], first: int) -> bool:
    """Tell whether another tool's header stands right above rows that read like Keras's
    (50b: BrainChip Akida's `Layer (type)  Output shape  Kernel shape`, and no Param #)."""
    for line in window[max(0, first - 3) : first]:
        if lines.is_foreign_header(line.text) and lines.HEADER_TITLE.search(line.text):
            return True
    return False


def _head_shown(window: list[Line], first: int, comment: str) -> bool:
    """Tell whether a Keras print's head stands right above its first row, only its header
    line edited (36c's 011: `Layer ` alone between the `_` and `=` rules): no row is cut off
    above the first one shown."""
    if first and _closes_the_header(window[first - 1].text[len(comment) :]):
        return True  # (the `=` rule that closes a header, the header not pasted: 79c's 012)
    if first < 3:
        return False
    rule, header, top = (window[first - at].text[len(comment) :] for at in (1, 2, 3))
    return bool(header.strip()) and lines.is_rule(rule, "=") and lines.is_rule(top, "_")


def _closes_the_header(text: str) -> bool:
    """Tell whether a line is a `=` rule of a print's full width (Keras 2 draws it under the
    header only, and above the totals)."""
    return len(text.strip()) >= _FULL_RULE and lines.is_rule(text, "=")


_FULL_RULE = 60  # the narrowest print Keras 2 draws is 65 wide


def _walk_under_header(
    layout: Layout,
    prefix: Prefix,
    header_text: str,
    reader: _Reader,
    cut_above: bool,
    title: Optional[Line] = None,
) -> tuple[list[Classified], list[int], int]:
    """Walk a table whose header the paste cut off, under a header written back at its first
    line; an elision mark stands for the rows cut off above the first one shown (cut_above);
    a `Model:` title right above the first row is the table's."""
    first = reader.window[reader.pos]
    taken = [Classified(first, header_text, K.HEADER)]
    if title is not None:
        taken.insert(0, Classified(title, title.text.strip(), K.MODEL))
    if cut_above:
        taken.append(Classified(first, "…", K.ELISION))
    walk = grammar.Walk(layout)
    for item in taken:
        walk.feed(item.kind)
    classifier = LineClassifier(layout, prefix, header_text)
    return _walk_table(walk, reader, classifier, taken)


def _in_place(rows: list[str]) -> list[str]:
    """Put back the leading space a paste took from a row one column left of the others
    (tf.keras 2.7+ indents every row by one), so the header is written where they all are."""
    if not any(row[:1] == " " and row[1:2] != " " for row in rows):
        return rows
    return [row if row[:1] == " " else " " + row for row in rows]


# The end of a name or class that tf.keras 2.7+ wrapped onto a line of its own (` ormalization)`)
_WRAPPED_END = lazy(r" [\w.\-/]*\) *")
# A line where a paste's author cut rows out: a run of `-`, maybe a few words inside it.
_CUT_MARK = lazy(r" ?-{5,}[^\n]{0,40}?-{5,} *| ?-{5,} *")


def _indented_top(texts: list[str], frames: bool) -> int:
    """Where the indented lines at the end of the lines begin; with `frames`, an expand_nested
    frame's lines and the rows inside it go on them (review 88's item 7: a top cut above the
    row of a nested model, its frame read)."""
    top = len(texts)
    framed = False  # a frame's line met below
    while top and (
        texts[top - 1][:1] in ("", " ")
        or _FRAGMENT_ROW.match(texts[top - 1])
        or (top < len(texts) and _CUT_MARK.fullmatch(texts[top - 1]))
        or (
            frames
            and (framed := framed or lines.frame_bars(texts[top - 1]) is not None)
            and texts[top - 1][:1] in _FRAME_MARKS
        )
    ):
        top -= 1
    return top


_FRAME_MARKS = ("|", "¯")


def _indented_rows(texts: list[str]) -> Optional[int]:
    """Where the tf.keras 2.7+ rows at the end of the lines begin: every line indented, blank
    lines between them, a row at least beginning with one space and its cells set apart by
    runs of spaces (None when the lines end in no such rows). A row one column left of the
    others (a paste that lost a row's leading space) is one of them, never cut off."""
    top = _indented_top(texts, frames=True)
    shown = [text for text in texts[top:] if text.strip()]
    if shown and shown[0][:1] in _FRAME_MARKS:
        # the paste begins inside an expand_nested frame, its nested model's row cut off: the
        # rows below the frame, as before (the frame's rows stand at its columns, not the
        # table's, so no header written back reads both)
        top = _indented_top(texts, frames=False)
        shown = [text for text in texts[top:] if text.strip()]
    rows = [text for text in shown if text[1:2] != " " and _COLUMNS.search(text)]
    if not any(text[:1] == " " for text in rows):
        return None
    if len(shown) == len(texts) - top and not all(
        _FRAGMENT_ROW.match(text)
        or _CUT_MARK.fullmatch(text)
        or (text[:1] == " " and not _COLUMNS.search(text))  # the end of a wrapped name
        for text in shown
    ):
        return None  # no blank line between them, and not every line a row (or a cut mark)
    return next(i for i in range(top, len(texts)) if texts[i].strip())


def _rows_on_the_rule(texts: list[str]) -> Optional[int]:
    """Where the layer rows right on the `=` rule begin, one after another, when nothing but
    them was kept of the table (25d's 006: a VGG16 print cut by hand to its last row, its `=`
    rule and totals); None when the line on the rule is no layer row."""
    top = len(texts)
    while top and _FRAGMENT_ROW.match(texts[top - 1]):
        top -= 1
    return top if top < len(texts) else None


def _heading_mark(window: list[Line], h: int, marks: str) -> bool:
    """Tell whether the `#` before a header is a Markdown heading's, not a comment mark of every
    line (25a's 010: `# Layer (type) Output Shape Param` over rows without it): the next line
    that is neither blank nor a rule does not start with it (26c's 009: a bare `=` rule between
    `#` lines)."""
    if not marks or marks.strip("#"):
        return False
    below = next(
        (
            line.text
            for line in window[h + 1 : h + 5]
            if line.text.strip()
            and not lines.is_rule(line.text, "=")
            and not lines.is_rule(line.text, "_")
        ),
        None,
    )
    return below is not None and not below.lstrip().startswith("#")


def _read_block(
    window: list[Line], h: int, more: Iterator[Line]
) -> tuple[Optional[Block], int, int]:
    """Read the block whose header is window[h]; return it, how many window lines it used, and
    the window index of its first line."""
    header = window[h]
    reader = _Reader(window, h + 1, more)
    layout, anchor = _layout_of(window, h, reader)
    prefix = Prefix(
        header.text[:anchor]  # the bar in the margin of a fixed-width print (70c's 013)
        if layout is Layout.FIXED and header.text[:anchor].rstrip().endswith("|")
        else lines.prefix_of(header.text, anchor)
    )
    heading = ""
    if _heading_mark(window, h, prefix.marks):
        prefix, heading = Prefix(""), prefix.marks
    header_text = prefix.strip(header.text) or header.text[anchor:]
    if layout is Layout.FIXED and lines.is_collapsed(header_text):
        layout = Layout.COLLAPSED
    classifier = LineClassifier(layout, prefix, header_text, heading)
    taken = [*_top_lines(window, h, classifier), Classified(header, header_text, K.HEADER)]
    header_at = len(taken) - 1
    start = h - header_at
    walk = grammar.Walk(layout)
    for item in taken:
        walk.feed(item.kind)
    taken, rejected, used = _walk_table(walk, reader, classifier, taken)
    if layout in (Layout.FIXED, Layout.COLLAPSED):
        taken = _sentences_between_rows(taken)
    if layout is Layout.BOX:
        header_text = _box_header(taken, header_at)
    texts = "\n".join([item.text for item in taken])
    if _is_foreign(taken, texts):
        return None, used, start
    dialect = detect_dialect(taken, layout, header_text, texts)
    block = Block(
        tuple(taken),
        layout,
        dialect,
        era_of(taken, dialect, texts),
        prefix.prefix,
        header_text,
        tuple(rejected),
    )
    return block, used, start


_QUIET_KINDS = frozenset((K.BLANK, K.SPACER))
# The start of a row the input ends in: a layer's name, then its class cut (`activation_4 (Ac`)
# (`activation_4 (Ac`; `dense_1 (Dense)`, `dense_1 (Dense)  (None, 1`: cut before the count)
_ROW_START_CUT = lazy(r"[ \t]*(?=[\w./:-]+ \()" + lines.ROW_CUT_BEFORE_COUNT + r"[ \t]*")
_CUT_PIECE = lazy(r"[ \t]*" + lines.ROW_CUT_BEFORE_COUNT + r"[ \t]*")
# a row whose first cell is whole (`flatten (Flatten)  …`): no wrapped end can follow it
_WHOLE_FIRST_CELL = r"[ \t]*[\w./:-]+ \([A-Za-z][\w.]*\)"  # a name and its closed class
_FIRST_CELL_CLOSED = lazy(_WHOLE_FIRST_CELL + r"[ \t]")
_NAME_END_AND_CLASS = lazy(_WHOLE_FIRST_CELL + r"[ \t]*")
_NAME_START_CUT = lazy(r"[ \t]*[a-z][\w./:-]*[ \t]*")


def _row_the_input_ends_in(
    reader: _Reader, used: int, taken: list[Classified], classifier: LineClassifier
) -> Optional[tuple[Classified, int]]:
    """The last line of the input when it starts a row the paste cut off (42a's 015: a table
    pasted up to ` activation_4 (Ac`), below rows with no totals after them and blank lines
    only between, and the window index past it: a line to report, not to drop without a word.
    None otherwise."""
    if not taken or taken[-1].kind not in _TABLE_KINDS or taken[-1].kind is K.RULE_EQ:
        return None
    found: Optional[tuple[int, Line]] = None
    # a line of blanks above it: tf.keras 2.7+ prints one above each row
    spaced = taken[-1].kind is K.SPACER
    index = used
    while (line := reader.peek(index - reader.pos)) is not None:
        if line.text.strip():
            if found is not None:
                return None  # more text below it: the input goes on
            found = (index, line)
        elif index - (found[0] if found else used) > _CUT_ROW_REACH:
            return None  # blank lines, then more input, or too far to look
        else:
            spaced = spaced or (found is None and line.text != "")
        index += 1
    if found is None:
        return None
    text = classifier.prefix.strip(found[1].text)
    if text is None:
        return None
    if not _ROW_START_CUT.fullmatch(text) and not (
        # a name cut before its class, under the `_` rule of the row above (58d's 003: a
        # print on one line that ends `… 9470464 ____ d`), or under the line of blanks
        # tf.keras 2.7+ prints above a row (a wrapped name's first line: `concatenate_custome`)
        (taken[-1].kind is K.RULE or spaced) and _NAME_START_CUT.fullmatch(text)
    ):
        return None
    return Classified(found[1], text, K.ROW_WEAK), found[0] + 1


_CUT_ROW_REACH = 8  # blank lines looked through around a last row the paste cut off


def _input_ends_at(reader: _Reader, used: int) -> bool:
    """Tell whether only blank lines (a few at most) follow the window index `used`."""
    index = used
    while (line := reader.peek(index - reader.pos)) is not None:
        if line.text.strip() or index - used > _CUT_ROW_REACH:
            return False
        index += 1
    return True


def _cut_row_taken_as_continuation(taken: list[Classified]) -> Optional[Classified]:
    """The last line taken, as the start of a row the paste cut, when it cannot continue the
    row above, whose first cell is whole or closed, so no wrapped name's end follows it:
    - a piece of the same physical line (a print joined onto one line that ends `… flatten
      (Flatten) (None, 5408) 0 de`);
    - at the rows' own indentation, no `[` in it, below a Connected to entry (`name[0][0]`),
      which every line of that list holds, its spacing collapsed (63b's 009: `conv2d_13
      (Conv2D) … concatenate_4[0][0]` over `leak`);
    - at the rows' own indentation, no `[` in it, below a row whose first cell wrapped and
      closed with its class on a line below it (83h's 014: ` lu (ReLU)`).
    A name starts with a letter: a count the Param # column wrapped (`8`) continues its row.
    None otherwise."""
    if len(taken) < 2 or taken[-1].kind not in (K.CONT, K.CONT_WEAK):
        return None
    last = taken[-1]
    text = last.text
    if not (text.lstrip()[:1].isalpha() or text.lstrip()[:1] == "_"):
        return None
    if not _CUT_PIECE.fullmatch(text):
        return None
    above = len(taken) - 2
    while above > 0 and taken[above].kind in (K.CONT, K.CONT_WEAK):
        above -= 1  # (the lines of the row's Connected to list)
    row = taken[above]
    if row.kind not in (K.ROW, K.ROW_WEAK):
        return None
    between = taken[above + 1 : -1]
    joined = all(item.line.number == last.line.number for item in taken[above:])
    # the row's first cell whole, or closed by the end of its class the column wrapped,
    # between it and the piece (`max_pooling2d (MaxPooling2D … 0`, `)`, `fl`)
    closed = _FIRST_CELL_CLOSED.match(row.text) or (
        joined
        and len(between) == 1
        # (or the end of its wrapped name and its class: `ame_for_projection (Dense)`)
        and (CLASS_END.fullmatch(between[0].text) or _NAME_END_AND_CLASS.fullmatch(between[0].text))
    )
    indent = _indent(row.text)
    at_the_rows = _indent(text) <= indent and "[" not in text
    if (
        not closed
        and not joined
        and at_the_rows
        and any(
            _indent(item.text) <= indent and _WRAPPED_FIRST_CELL_END.match(item.text)
            for item in between
        )
        # (and its Connected to list closed: a piece of an entry wrapped, its spacing
        # collapsed, would be at the rows' indentation too)
        and sum(item.text.count("[") - item.text.count("]") for item in taken[above:-1]) == 0
    ):
        # the row's name or class wrapped, closed by its class's `)` on a line below it (83h's
        # 014: `expanded_conv_depthwise_re` / ` lu (ReLU)  … ][0]']` / `expanded_conv_project
        # (Con`): no more of its first cell can follow, so a line at the rows' indentation
        # starts a row
        return Classified(last.line, last.text, K.ROW_WEAK)
    if not closed:
        return None
    listed = at_the_rows and all(item.text.rstrip().endswith("]") for item in taken[above:-1])
    if not ((joined and len(between) <= 1) or listed):
        return None
    return Classified(last.line, last.text, K.ROW_WEAK)


# the end of a row's first cell a column wrapped onto the next line, other cells maybe after it:
# the name's end and its class (` lu (ReLU)`), or the class's end (` on)`)
_WRAPPED_FIRST_CELL_END = lazy(r"[ \t]*(?:[\w./:-]+ \()?[A-Za-z0-9_.]*\)(?:[ \t]|$)")


def _indent(text: str) -> int:
    """The blanks a line starts with."""
    return len(text) - len(text.lstrip())


def _sentences_between_rows(taken: list[Classified]) -> list[Classified]:
    """A sentence after a blank line, between a row and the next row, is a note written into
    the table (17a's 003: `Flatten those 64 images …` above the flatten row). The grammar,
    one line ahead, would take it for text after the table, and the rows under it for stray
    lines on the way to the totals: they were lost without a word."""
    prose = [i for i, item in enumerate(taken) if item.kind is K.PROSE]
    if not prose:
        return taken
    taken = list(taken)
    for i in prose:
        above = next((j for j in range(i - 1, -1, -1) if taken[j].kind not in _QUIET_KINDS), None)
        below = next(
            (j for j in range(i + 1, len(taken)) if taken[j].kind not in _QUIET_KINDS), None
        )
        if (
            above is not None
            and below is not None
            and taken[above].kind in ROW_KINDS
            and taken[below].kind is K.ROW
            and i - above > 1  # (right under a row, the grammar reads it as an aside itself)
        ):
            item = taken[i]
            taken[i] = Classified(item.line, item.text, K.ANNOTATION, item.depth)
    return taken


def _top_lines(window: list[Line], h: int, classifier: LineClassifier) -> list[Classified]:
    """Return the lines above the header that belong to the summary: the longest run the grammar
    accepts before the header (a Model: line, a blank line, a rule or a box top)."""
    most = min(_TOP_LINES_PIPE if classifier.layout in _WIDE_TOPS else _TOP_LINES, h)
    above: list[Classified] = []  # each line classified once (top_kind keeps no state)
    for line in window[h - most : h]:
        text = classifier.prefix.strip(line.text)
        kind = K.OUTSIDE if text is None else classifier.top_kind(text)
        above.append(Classified(line, line.text if text is None else text, kind))
    for count in range(most, 0, -1):
        items = above[most - count :]
        if items[0].kind is K.STDERR:
            continue  # (a log record above the title is no line of the summary: 76a's 010)
        walk = grammar.Walk(classifier.layout)
        for item in items:
            if item.kind not in walk.accepts():
                break
            walk.feed(item.kind)
        else:
            if K.HEADER in walk.accepts():
                return items
    return []


def _walk_table(
    walk: grammar.Walk, reader: _Reader, classifier: LineClassifier, taken: list[Classified]
) -> tuple[list[Classified], list[int], int]:
    """Feed lines to the grammar while it accepts them; the summary ends at the last line after
    which the grammar could end. Returns the lines, the rejected indexes, and the window lines
    used. A table line the grammar cannot place inside the table is rejected (reported) and
    skipped. A summary holds at most MAX_LINES lines and MAX_CHARS characters: past that it
    ends there (its missing totals are reported) and the rest is read as new input."""
    rejected: list[int] = []
    end, used = len(taken), reader.pos
    depth = 0
    previous = _HEADER_KIND
    chars = sum(len(item.text) for item in taken)
    classify = classifier.classify
    rows_seen = False
    # The walk's tables, read directly: this loop runs once per line of every summary.
    states = walk.states
    accepts_of, open_of, end_of, next_of = (
        states.accepts,
        states.table_open,
        states.can_end,
        states.next,
    )
    state = walk.state
    window, pos, more = reader.window, reader.pos, reader.more
    count = len(taken)
    notes_until = notes_looked = 0  # before notes_until: an author's notes between rows
    fixed = classifier.layout is Layout.FIXED
    box = classifier.layout is Layout.BOX
    pipe = classifier.layout is Layout.PIPE
    while count < MAX_LINES and chars < MAX_CHARS:
        if pos < len(window):
            line = window[pos]
        else:
            following = next(more, None)
            if following is None:
                break
            line = following
            window.append(line)
        chars += len(line.text)
        item = classify(line)
        kind = item.kind
        if (
            kind in _NOTE_LIKE
            and (
                previous is _BLANK
                or previous is _STDERR
                # a sentence right under the last row, then the `=` rule and the totals (85h's
                # 004: `# input 은 표시 안됨`, a student's comment)
                or (fixed and kind in _SENTENCE_KINDS and previous in _ROWISH)
            )
            and rows_seen
            and pos >= notes_looked
            and (fixed or box)
        ):
            # an author's paragraphs under a row, the table going on below them (27a's 004;
            # in a box, 36c's 014), or a script's words after a training log it wrote into
            # the table (83b's 013: `Model took 1485.89 seconds to train`)
            notes = (
                _notes_before_rule(window, pos, more, classifier.prefix, _rows_spaced(taken))
                if fixed
                else _notes_before_box_line(window, pos, more, classifier.prefix)
            )
            notes_until = pos + notes
            notes_looked = notes_until if notes else pos + _MOST_NOTE_LINES
        if (
            pipe
            and rows_seen
            and (
                (
                    kind in _ROWISH
                    and previous not in _ROW_OR_PIECE
                    and _heads_another_table(window, pos, more, classifier.prefix, item.text)
                )
                or (kind in _SENTENCE_KINDS and _PLAIN_ROW.match(item.text) is not None)
            )
        ):
            # the header of another Markdown table below the summary's, a gap and maybe a
            # heading between (85b's 001: `## result`, then a classification report's table),
            # or a row as Keras printed it (83c's 010: a README retyped a print's first rows,
            # and left the rest as printed): the table ends at its last row or totals line
            end = min(end, _after_last_table_line(taken))
            used = pos - (count - end)
            break
        if pos < notes_until and kind is not _BLANK and kind is not _SPACER:
            item, kind = Classified(item.line, item.text, _ANNOTATION, item.depth), _ANNOTATION
        table_open = open_of[state]
        if kind is _SPACER and kind not in accepts_of[state] and _BLANK in accepts_of[state]:
            # spaces alone where no spacer line fits (after a blank line): a blank line
            item, kind = Classified(item.line, item.text, _BLANK), _BLANK
        if kind in accepts_of[state]:
            found = next_of.get((state, kind))
            state = states.step(state, kind) if found is None else found
            taken.append(item)
            count += 1
            pos += 1
            if table_open and not rows_seen:
                rows_seen = kind in _ROWISH
            if kind is _NEST_OPEN:
                depth += 1
            elif kind is _NEST_CLOSE:
                depth -= 1
            significant = kind not in _NOT_SIGNIFICANT and (
                table_open or (kind is not _SPACER and kind is not _RULE_EQ)
            )
            if significant and (end_of[state] if not depth else _can_end(walk, state, depth)):
                end, used = count, pos
            previous = kind
            continue
        placeable = kind in _TABLE_KINDS and not (kind in _WEAK and previous is _BLANK)
        unplaced = not rows_seen and kind in _UNPLACED and len(rejected) < MAX_UNPLACED
        if table_open and (placeable or unplaced):
            rejected.append(count)
            taken.append(item)
            count += 1
            pos += 1
            previous = kind
            continue
        break
    reader.pos, walk.state = pos, state
    if rows_seen and end < count:
        marked = _mark_below_the_rows(taken, end)
        end, used = marked, used + (marked - end)
    taken, rejected = taken[:end], [i for i in rejected if i < end]
    if fixed and rows_seen:
        _mark_a_cut_last_rule(taken)
    cut_start = (
        _cut_row_taken_as_continuation(taken)
        if taken and reader.input_ends and _input_ends_at(reader, used)
        else None
    )
    if cut_start is not None:  # the last line taken starts a row the paste cut
        rejected.append(len(taken) - 1)  # reported: the paste ends inside this row
        taken[-1] = cut_start
        return taken, rejected, used
    cut_row = _row_the_input_ends_in(reader, used, taken, classifier)
    if cut_row is not None:
        rejected.append(len(taken))  # reported: the paste ends inside this row
        taken, used = [*taken, cut_row[0]], cut_row[1]
    return taken, rejected, used


_ROW_OR_PIECE = frozenset((K.ROW, K.ROW_WEAK, K.CONT, K.CONT_WEAK, K.PIPE_SEP))
# Lines that may stand after a table's last line, before what ends it: not the table's
_TRAILING = frozenset((K.BLANK, K.SPACER, K.PROSE, K.TEXT, K.ANNOTATION))
# A pipe row whose first cell is a layer's (`| dense (Dense) |`, `| **conv2d (Conv2D` …), a
# shape or a count in the next cell (not `| Model (ours) | Accuracy |`, `| Dense (hidden) | 64`)
_PIPE_LAYER_ROW = lazy(
    r"[ \t]*\|?[ \t]*[*_`]{0,3}[\w./:-]+ ?\([A-Za-z][\w.]*\)?[*_`]{0,3}[ \t]*\|"
    r"[ \t]*[*_`]{0,3}(?:\[?\((?:None|\d)|multiple\b)"
)


def _heads_another_table(
    window: list[Line], pos: int, more: Iterator[Line], prefix: lines.Prefix, text: str
) -> bool:
    """Tell whether a pipe line under a summary's Markdown table heads a table of its own: a
    `|---|` rule right under it, and neither it nor the line under the rule a layer's row (a
    group title or a row over a rule inside the model's table is no other table)."""
    if _PIPE_LAYER_ROW.match(text) is not None:
        return False
    if not lines.is_table_rule(_peek(window, pos + 1, more, prefix) or ""):
        return False
    below = _peek(window, pos + 2, more, prefix)
    return below is None or _PIPE_LAYER_ROW.match(below) is None


def _after_last_table_line(taken: list[Classified]) -> int:
    """The number of lines up to the last one taken that is no blank line or note (the table's
    last row, or its totals), all when there is none."""
    for at in range(len(taken) - 1, -1, -1):
        if taken[at].kind not in _TRAILING:
            return at + 1
    return len(taken)


# The last table line a `...` under the rows may follow: a row, a piece of one, or what stands
# between rows (not a closing `=` rule or box bottom: a mark under those leaves out the totals)
_ABOVE_A_MARK_BELOW = _ROW_OR_PIECE | {K.BOX_LINE, K.BOX_SEP, K.RULE, K.SPACER, K.NEST_CLOSE}


def _mark_below_the_rows(taken: list[Classified], end: int) -> int:
    """The end of a table without totals that takes the `...` right under its last row (blank
    lines between): the mark stands for rows the paste left out below it (review 88's item 3;
    before, the table ended above it, and nothing said rows were left out)."""
    if not end or taken[end - 1].kind not in _ABOVE_A_MARK_BELOW:
        return end  # (a mark under the closing rule stands for the totals left out)
    at = end
    while at < len(taken) and taken[at].kind in (_BLANK, _SPACER):
        at += 1
    if at == len(taken) or taken[at].kind is not K.ELISION:
        return end
    if any(item.kind in TOTAL_KINDS for item in taken[:end]):
        return end
    return at + 1


def _mark_a_cut_last_rule(taken: list[Classified]) -> None:
    """Read the `_` rule a table without totals ends in as an elision when it is cut short
    (58d's 002: 34 of 65 `_` under the seventh row of many): the paste stopped inside the
    table, and rows below the last one shown may be missing too."""
    last = len(taken) - 1
    while last >= 0 and taken[last].kind in (_BLANK, _SPACER):
        last -= 1
    if last < 0 or taken[last].kind is not K.RULE:
        return
    widths = [len(item.text.strip()) for item in taken[:last] if item.kind in _FULL_RULES]
    if not widths or len(taken[last].text.strip()) >= max(widths) * _CUT_RULE_SHARE:
        return
    if any(item.kind in TOTAL_KINDS for item in taken):
        return
    item = taken[last]
    taken[last] = Classified(item.line, item.text, K.ELISION, item.depth)


_FULL_RULES = frozenset((K.RULE, K.RULE_EQ))
_CUT_RULE_SHARE = 0.9  # a rule shorter than this share of the table's others is cut


_NOTE_LIKE = frozenset((K.PROSE, K.TEXT, K.ROW_WEAK, K.CONT_WEAK))
_SENTENCE_KINDS = frozenset((K.PROSE, K.TEXT))
_LAYER_CELL = lazy(r"\s*[\w./:-]+ \([A-Z]")  # `dense (Dense` starts a row: no note
# a name that fills its column, its class wrapped below (maybe right after its `(`), then the
# shape (reviews 90 and 91 of 91g's 002: `global_average_pooling3d (  (None, 4)`)
_NAME_THEN_SHAPE = lazy(r"\s*[\w./:-]+(?: \([\w.]*)?[ \t]{2,}\[?\((?:None|\d)")
_MOST_NOTE_LINES = 12


def _rows_spaced(taken: list[Classified]) -> bool:
    """Tell whether a table's rows stand between lines of blanks, no `_` rule between them
    (tf.keras 2.7+; its blank lines maybe emptied by the paste: 91g's 002)."""
    kinds = [item.kind for item in taken]
    if _SPACER in kinds:
        return True
    first = next((at for at, kind in enumerate(kinds) if kind in _ROWISH), len(kinds))
    below = kinds[first:]
    return _BLANK in below and K.RULE not in below


def _notes_before_rule(
    window: list[Line], pos: int, more: Iterator[Line], prefix: lines.Prefix, spaced: bool
) -> int:
    """How many lines from window[pos] on are an author's notes between two rows of a ruled
    table (27a's 004: paragraphs under each row, then the `_` rule and the next row, or the `=`
    rule and the totals), or 0. Nothing that starts a summary may stand among them. In a table
    whose rows stand between lines of blanks (`spaced`: tf.keras 2.7+, no rule between rows),
    the next row ends them too (the review of trial 83's item 3: a script's sentence after a
    training log it wrote into the table, then the next row)."""
    for at, core in _lines_below(window, pos, more, prefix):
        if (
            spaced
            and at > pos
            and (_LAYER_CELL.match(core) or _NAME_THEN_SHAPE.match(core))
            and lines.plausible_row(core)
        ):
            return at - pos
        if core and core[0] in "_=" and lines.is_rule(core, core[0]):
            after = at + 1
            while (following := _peek(window, after, more, prefix)) is not None and not (
                following.strip()
            ):
                after += 1
            if following is None:
                return 0
            if core[0] == "_" and lines.plausible_row(following):
                return at - pos
            return at - pos if core[0] == "=" and lines.totals_kind(following) else 0
        if core and (_LAYER_CELL.match(core) or _opens_or_ends_a_summary(core)):
            return 0
    return 0


def _lines_below(
    window: list[Line], pos: int, more: Iterator[Line], prefix: lines.Prefix
) -> Iterator[tuple[int, str]]:
    """The next _MOST_NOTE_LINES lines from window[pos] on, each with its place, stripped
    (fewer at the input's end or at a line without the block's prefix)."""
    for at in range(pos, pos + _MOST_NOTE_LINES):
        text = _peek(window, at, more, prefix)
        if text is None:
            return
        yield at, text.strip()


def _opens_or_ends_a_summary(core: str) -> bool:
    """Tell whether a stripped line can stand among no author's notes between two rows: a
    totals line, a `Model:` title, a header or a fence."""
    return (
        lines.totals_kind(core) is not None
        or lines.model_name(core) is not None
        or (lines.mentions_layer(core) and lines.is_header(core))
        or lines.is_fence(core)
    )


def _notes_before_box_line(
    window: list[Line], pos: int, more: Iterator[Line], prefix: lines.Prefix
) -> int:
    """How many lines from window[pos] on are an author's notes between two rows of a box
    (36c's 014: a print copied into a docstring, the arithmetic of a count under its row): the
    lines up to the next row, rule or bottom of the box, or 0. Nothing that starts a summary
    may stand among them."""
    for at, core in _lines_below(window, pos, more, prefix):
        if core[:1] in "│├└":
            return at - pos if core[:1] != "│" or core.count("│") >= 3 else 0
        if core and (_is_box_edge(core) or _opens_or_ends_a_summary(core)):
            return 0
    return 0


def _is_box_edge(core: str) -> bool:
    """Tell whether a stripped line is a box's top or header line (another table's start)."""
    return core[:1] in "┏┌╭┃" or lines.is_box_top(core)


def _peek(window: list[Line], at: int, more: Iterator[Line], prefix: lines.Prefix) -> Optional[str]:
    """The text of window[at] without the block's prefix, read on from `more` as needed (None
    past the input's end or on a line without the prefix)."""
    while at >= len(window):
        following = next(more, None)
        if following is None:
            return None
        window.append(following)
    return prefix.strip(window[at].text)


def _can_end(walk: grammar.Walk, state: int, open_frames: int) -> bool:
    """Tell whether the summary may end in this state once its open nested frames are closed."""
    walk.state = state
    return walk.can_end(open_frames)


def _box_header(taken: list[Classified], header_at: int) -> str:
    """Merge a box header whose cells wrap onto the lines above and below its title line."""
    first = header_at
    while first > 0 and taken[first - 1].kind is K.HEAD_LINE:
        first -= 1
    last = header_at
    while last + 1 < len(taken) and taken[last + 1].kind is K.HEAD_LINE:
        last += 1
    return cells.merge_box_lines([c.text for c in taken[first : last + 1]])


def _frames_below(window: list[Line], h: int) -> bool:
    """Tell whether the lines under a header draw the `|¯¯¯|` frames of an expanded nested
    model (whose bars are no margin)."""
    return any("¯" in line.text for line in window[h + 1 : h + 1 + _FRAME_LOOKAHEAD])


_FRAME_LOOKAHEAD = 40


def _bar_margin(below: Optional[Line]) -> bool:
    """Tell whether the line under a header starts with a bar and holds no other."""
    if below is None:
        return False
    text = below.text.lstrip()
    # (a Markdown table's delimiter row, `|-----`, is no Keras rule: a pipe table's header)
    return text[:1] == "|" and "|" not in text[1:] and text[1:].strip()[:1] not in ("", "-", ":")


def _layout_of(window: list[Line], h: int, reader: _Reader) -> tuple[Layout, int]:
    """Decide the layout and the column where the table starts on the header line."""
    text = window[h].text
    col = _header_column(text)
    lead = text[:col].rstrip(" *_`")
    if lead.endswith(tuple(lines.BOX_VERTICAL)):
        return Layout.BOX, len(lead) - 1
    if lead.endswith("|"):
        below = reader.peek()
        if "|" not in text[col:] and _bar_margin(below) and not _frames_below(window, h):
            # a bar in the margin of every line, no other (70c's 013: `|Layer (type)   Output
            # Shape …` over `|====…`): a fixed-width print, the bar its prefix
            return Layout.FIXED, len(lead)
        above = window[h - 1].text if h > 0 else ""
        if lines.is_box_top(lines.without_marks(above)) or (
            below is not None
            and lines.is_box_mid(lines.without_marks(below.text) or "x")
            and "+" in below.text
        ):
            return Layout.BOX, len(lead) - 1
        return Layout.PIPE, len(lead) - 1
    if _PIPE_HEADER.search(text):
        return Layout.PIPE, len(lead)
    # Fixed width: the table starts where the nearest rule line starts (not a rule without the
    # comment marks the header carries: 26c's 009, `# Layer (type) …` over a bare `=` rule).
    marks = lead.strip()
    marked = bool(marks) and not marks.strip("#/> ")
    for near in (window[h - 1] if h > 0 else None, reader.peek()):
        if near is None:
            continue
        match = _RULE_RUN.search(near.text)
        if match and lines.is_rule(near.text[match.start() :], near.text[match.start()]):
            start = match.start()
            if marked and not near.text[:start].strip():
                continue
            if start <= col:
                return Layout.FIXED, start
    return Layout.FIXED, col


# --------------------------------------------------------------------------- dialect and era


def _is_foreign(taken: list[Classified], texts: Optional[str] = None) -> bool:
    """Tell a non-Keras table (torchsummary, paddle) from a Keras summary."""
    if texts is None:
        texts = "\n".join([c.text for c in taken])
    if ("size" in texts or "Size" in texts) and lines.FOREIGN_SIGNS.search(texts):
        return True
    if "Config" in texts and any(
        c.kind is K.HEADER and "Config" in c.text and "Param" not in c.text for c in taken
    ):
        return True  # KerasHub's `Preprocessor:` table (a tokenizer and its Config): no weights
    if "[-1," not in texts:
        return False  # then no row shows torchsummary's `[-1, …]` shapes
    rows = [c.text for c in taken if c.kind in ROW_KINDS]
    return bool(rows) and all("[-1," in t for t in rows)


def _spaced(taken: list[Classified], header_at: int) -> bool:
    """Tell whether whitespace-only or blank lines separate the rows of a fixed-width table."""
    first_total = next((i for i, c in enumerate(taken) if c.kind in TOTAL_KINDS), len(taken))
    if any(c.kind is K.SPACER for c in taken[:first_total]):
        return True
    last_row = max(
        (i for i, c in enumerate(taken) if c.kind in (K.ROW, K.ROW_WEAK, K.CONT, K.CONT_WEAK)),
        default=header_at,
    )
    return any(c.kind is K.BLANK for c in taken[header_at:last_row])


def detect_dialect(
    taken: list[Classified], layout: Layout, header: str, texts: Optional[str] = None
) -> Dialect:
    """Tell which Keras generation printed the block (texts: its lines joined, when known)."""
    kinds = {c.kind for c in taken}
    if texts is None:
        texts = "\n".join([c.text for c in taken])
    if layout is Layout.BOX or "(unbuilt)" in texts or K.OPTIMIZER in kinds:
        return Dialect.KERAS3
    if (
        layout is not Layout.FIXED
        and _KERAS3_ONLY_SIZE.search(texts)
        and not ("Byte)" in texts or _LIST_NODE.search(texts))
    ):
        # tf-keras 2.13+ prints sizes too, but `Byte`, counts not grouped (`3476 (13.58 KB)`)
        # and quoted Connected to entries (`['input_1[0][0]']`)
        return Dialect.KERAS3
    if _KERAS2_SIZE.search(texts):
        if "└ " in texts and layout is Layout.PIPE:
            return Dialect.KERAS3
        return Dialect.KERAS2_WRAPPED
    if K.NEST_OPEN in kinds or _LIST_NODE.search(texts) or "[]" in texts:
        return Dialect.KERAS2_WRAPPED
    if layout in (Layout.FIXED, Layout.COLLAPSED) and header[:6].lower() == " layer":
        # tf.keras 2.7+ indents every line by one space and prints no `_` rule between rows.
        header_at = next(i for i, c in enumerate(taken) if c.kind is K.HEADER)
        between = [c for c in taken[header_at:] if c.kind not in TOTAL_KINDS]
        ruled = any(c.kind in (K.RULE, K.DASH_RULE) for c in between)
        if not ruled or _spaced(taken, header_at):
            return Dialect.KERAS2_WRAPPED
    if _looks_keras1(taken, texts, kinds, layout):
        return Dialect.KERAS1
    return Dialect.KERAS2


_LAYER = lazy("Layer")
_PIPE_HEADER = lazy(r"\(type\)\s*\|\s*Output", re.I)
_RULE_RUN = lazy(r"[_=-]{5,}")
_COLUMNS = lazy(r"\S {2,}\S.* {2,}\S")
_KERAS2_SIZE = lazy(r"\(\d+\.\d\d Byte\)|\(\d+\.\d\d (?:KB|MB|GB)\)")
_LIST_NODE = lazy(r"\['[^']*\[\d+\]\[\d+\]'")
_KERAS1_CLASSES = lazy(r"\((?:Merge|Convolution[123]D)\)")
# Keras 2 renamed Convolution2D and its kin: a print with these classes is no Keras 1 print
_KERAS2_CLASSES = lazy(r"\((?:Conv[123]D|Conv2DTranspose|SeparableConv[12]D|DepthwiseConv2D)\)")
_KERAS1_INPUT = lazy(r"_input_\d+\[0\]\[0\]")
_CUDNN = lazy(r"\bCuDNN")
_KERAS1_NAMES = lazy(
    r"\b(?:batchnormalization|convolution[123]d|maxpooling[123]d|averagepooling[123]d|merge|"
    r"timedistributed|spatialdropout[123]d|zeropadding[123]d|globalaveragepooling[123]d|"
    r"upsampling[123]d|repeatvector|simplernn|globalmaxpooling[123]d)_\d+\b"
)  # (Keras 2 names them `repeat_vector_1`, `simple_rnn_1`: 58c's 004, a 2016 issue's paste)
_TF2_SIGNS = ("[(None", "(Functional)", "TFOpLambda", "SlicingOpLambda", "0 (unused)")
# A literal piece of each Keras 1 layer name _KERAS1_NAMES finds (cheap tests before it).
_KERAS1_WORDS = (
    "batchnormalization", "convolution", "maxpooling", "averagepooling", "merge",
    "timedistributed", "spatialdropout", "zeropadding", "upsampling", "repeatvector",
    "simplernn",
)  # fmt: skip


def _lone_total(taken: list[Classified]) -> bool:
    """Tell whether the block's only totals line is its Total (as Keras 1.0-1.1 print)."""
    kinds = [item.kind for item in taken if item.kind in TOTAL_KINDS]
    return kinds == [K.TOTAL]


def _has_keras2_graph_geometry(taken: list[Classified]) -> bool:
    """Tell whether the header has Connected to with Output Shape 32 columns after `Layer
    (type)`, as Keras 2.1+ prints it (line_length 98); every Keras 1 puts it at 33 or more."""
    for item in taken:
        if item.kind is K.HEADER:
            header = item.text
            if "Connected to" not in header or "Layer (type)" not in item.line.text:
                return False  # (a header the reader wrote for rows whose own was cut off)
            return header.find("Output Shape") - header.find("Layer (type)") == _KERAS2_SHAPE_AT
    return False


_KERAS2_SHAPE_AT = 32


def _looks_keras1(
    taken: list[Classified], texts: str, kinds: set[LineKind], layout: Layout
) -> bool:
    if K.MODEL in kinds:
        return False
    if "(Conv" in texts and _KERAS2_CLASSES.search(texts):
        return False  # Keras 2.0–2.1 still print `Merge` rows, beside Keras 2's conv classes
    if _has_keras2_graph_geometry(taken) and not _lone_total(taken):
        # Keras 2.1's 98 columns, a `Merge` row under them (73c's 008); a Keras 1.0-1.1 print
        # at line_length=98 has the same columns, and its Total alone
        return False
    if any(word in texts for word in _KERAS1_WORDS) and _KERAS1_NAMES.search(texts):
        return True
    if ("(Merge)" in texts or "(Convolution" in texts) and _KERAS1_CLASSES.search(texts):
        return True
    if _KERAS1_INPUT.search(texts):
        return True
    if layout is Layout.PIPE:
        return False  # a lone Total in a table typed by hand is no Keras 1.0 print
    if _keras2_sequential_header(taken):
        return False  # (94g's 012: a Keras 2 print cut under its Total line)
    # (an author's rounded Trainable line under it is no print's line: review 92's item 3)
    totals = [c for c in taken if c.kind in TOTAL_KINDS and not lines.noted_totals(c.line.text)]
    # Keras 1.0–1.1 printed Total alone and never grouped its digits (`Total params: 7039554`);
    # a grouped lone Total is a later print whose Trainable and Non-trainable lines were cut.
    return bool(totals) and all(c.kind is K.TOTAL and "," not in c.text for c in totals)


def _keras2_sequential_header(taken: list[Classified]) -> bool:
    """Tell whether the header has Keras 2's Sequential columns (`Output Shape` 29 after `Layer
    (type)`, no `Connected to`): Keras 1 printed every table with Connected to, its Output
    Shape at 33."""
    header = next((item.line.text for item in taken if item.kind is K.HEADER), "")
    at = header.find("Layer (type)")
    return (
        at >= 0
        and "Connected" not in header
        and header.find("Output Shape", at) - at == _KERAS2_SEQUENTIAL_SHAPE_AT
    )


_KERAS2_SEQUENTIAL_SHAPE_AT = 29


def _printed_by_keras0(taken: list[Classified]) -> bool:
    """Tell whether Keras 0.3 printed a table: a `-` rule right under its header, as only
    Keras 0.3 prints it, or its three titles at columns 0, 30 and 60 (Keras 1 always prints
    four; a page may drop the rule: the review of trial 77's item 7)."""
    for item, below in zip(taken, taken[1:]):
        if item.kind is K.HEADER:
            if below.text.strip().startswith("---"):
                return True
            text = item.line.text
            at = text.find("Layer (")
            return (
                at >= 0
                and "Connected" not in text
                and text.find("Output Shape", at) - at == _KERAS0_SHAPE_AT
                and text.find("Param #", at) - at == _KERAS0_PARAMS_AT
            )
    return False


_KERAS0_SHAPE_AT, _KERAS0_PARAMS_AT = 30, 60  # Keras 0.3's column starts


def era_of(taken: list[Classified], dialect: Dialect, texts: Optional[str] = None) -> Era:
    """Tell the Keras era that decides version-dependent formulas (texts: the lines joined)."""
    if dialect is not Dialect.KERAS2:
        era = Era.of_dialect(dialect)
        if era is Era.KERAS1:
            # (an author's rounded Trainable line is no print's: review 92's item 3)
            kinds = {c.kind for c in taken if not lines.noted_totals(c.line.text)}
            if K.TOTAL in kinds and K.TRAINABLE not in kinds:
                if _printed_by_keras0(taken):
                    return Era.KERAS0  # Keras 0.3's `-` rules (its rows read name-first)
                return Era.KERAS1_0  # Keras 1.0–1.1 print one totals line
        return era
    text = "\n".join([item.text for item in taken]) if texts is None else texts
    if any(sign in text for sign in _TF2_SIGNS):
        return Era.TF2
    if ("CuDNN" in text and _CUDNN.search(text)) or not any(i.kind is K.MODEL for i in taken):
        return Era.KERAS2
    return Era.UNKNOWN
