"""Walk classified lines through the line grammars' LALR tables (made by Lark from grammars/)."""

from __future__ import annotations

import copy
import functools
from collections.abc import Iterable, Sequence
from enum import Enum
from typing import Any, Optional, Protocol

from .grammar_files import END, GRAMMAR_FILES, TABLE_FORMAT, source_digest
from .kinds import TOTAL_KINDS, Classified, Layout, LineKind
from .records import FrozenRecord


class LineTree:
    """A node of a line grammar's parse tree: a rule's name and its children (subtrees, and
    the classified lines themselves as leaves), as Lark's parse-tree builder shapes them."""

    __slots__ = ("children", "data")

    def __init__(self, data: str, children: list[Any]) -> None:
        self.data = data
        self.children = children

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, LineTree):
            return NotImplemented
        return self.data == other.data and self.children == other.children

    __hash__ = None  # type: ignore[assignment]  # mutable, like Lark's trees

    def __repr__(self) -> str:
        return f"LineTree({self.data!r}, {self.children!r})"


Kept = Optional[tuple[tuple[int, bool], ...]]


class LineTable:
    """One line grammar's LALR table as data: `states[n]` maps a symbol to a state to shift
    to (>= 0) or `~r` to reduce by `rules[r]` = (origin, length, tree name, kept children)."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.states: tuple[dict[str, int], ...] = data["states"]
        self.rules: tuple[tuple[str, int, str, Kept], ...] = data["rules"]
        self.start_states: dict[str, int] = data["start_states"]
        self.end_states: dict[str, int] = data["end_states"]
        self.ignored: frozenset[str] = frozenset(data["ignore"])  # `%ignore STDERR`

    def after(self, stack: Sequence[int], kind: str, start: str) -> Optional[list[int]]:
        """Return the state stack after one more line kind, or `$END`, reducing first as the
        table says (as Lark's interactive parser feeds a token); None where the grammar does
        not accept it. The end is accepted where the reductions reach the start's end state."""
        states, rules = self.states, self.rules
        end_state = self.end_states[start] if kind == END else -1
        stack = list(stack)
        while True:
            action = states[stack[-1]].get(kind)
            if action is None:
                return None
            if action >= 0:
                stack.append(action)
                return stack
            origin, size = rules[~action][:2]
            if size:
                del stack[-size:]
            stack.append(states[stack[-1]][origin])
            if stack[-1] == end_state:
                return stack


@functools.cache
def line_table(file_name: str) -> LineTable:
    """Return a line grammar's table: as stored in line_tables while it is current, else built
    again by Lark from the .lark files (a grammar edited since `scripts/compile_grammars.py`)."""
    data = stored_table(file_name)
    if data is None:
        from .grammar_build import table_data

        data = table_data(file_name)
    return LineTable(data)


def stored_table(file_name: str) -> Optional[dict[str, Any]]:
    """The table line_tables keeps for a grammar file, or None when it is missing or stale."""
    from .line_tables import FORMAT, TABLES

    data = TABLES.get(file_name)
    if FORMAT != TABLE_FORMAT or data is None or data["digest"] != source_digest(file_name):
        return None
    return data


class BlockLike(Protocol):
    """What the grammar needs of a block: its classified lines, its layout and its rejects."""

    lines: tuple[Classified, ...]
    layout: Layout
    rejected: tuple[int, ...]


class ParsedBlock(FrozenRecord):
    """A block with its parse tree and the indexes of the lines the grammar could not place."""

    block: Any
    tree: LineTree
    rejected: tuple[int, ...]

    def __init__(self, block: Any, tree: LineTree, rejected: tuple[int, ...]) -> None:
        d = self.__dict__
        d["block"] = block
        d["tree"] = tree
        d["rejected"] = rejected


Stack = tuple[int, ...]
_ROW_TERMINALS = frozenset(
    k.value for k in (LineKind.ROW, LineKind.ROW_WEAK, LineKind.BOX_LINE, LineKind.HEAD_LINE)
)


class _States:
    """A line grammar's LALR automaton from one start symbol, seen through its parser stacks.

    Each distinct stack gets a small number; which line kinds the table accepts there (as
    Lark's interactive parser's `accepts()` answers: every terminal that reaches a shift) and
    where each line kind leads are worked out once and remembered.
    """

    def __init__(self, file_name: str, start: str) -> None:
        self.table = line_table(file_name)
        self.start = start
        self.stacks: list[Stack] = []
        self.numbers: dict[Stack, int] = {}
        self.accepts: list[frozenset[str]] = []
        self.table_open: list[bool] = []
        self.can_end: list[bool] = []
        self.next: dict[tuple[int, str], int] = {}
        self.programs: dict[tuple[int, str], Optional[Program]] = {}
        self.first = self.number((self.table.start_states[start],))

    def number(self, stack: Stack) -> int:
        """Return the number of a parser stack, working out what it accepts the first time."""
        found = self.numbers.get(stack)
        if found is None:
            found = len(self.stacks)
            after, start = self.table.after, self.start
            accepts = frozenset(
                symbol
                for symbol in self.table.states[stack[-1]]
                if symbol.isupper() and after(stack, symbol, start) is not None
            )
            self.numbers[stack] = found
            self.stacks.append(stack)
            self.table_open.append(not accepts.isdisjoint(_ROW_TERMINALS))
            self.can_end.append(END in accepts)
            # a kind the grammar ignores is accepted everywhere, and the state stays
            self.accepts.append(accepts | self.table.ignored)
            for kind in self.table.ignored:
                self.next[found, kind] = found
        return found

    def step(self, state: int, kind: str) -> int:
        """Return the state after a line of the given kind (which the state must accept)."""
        key = (state, kind)
        found = self.next.get(key)
        if found is None:
            stack = self.table.after(self.stacks[state], kind, self.start)
            if stack is None:
                raise ValueError(f"the grammar does not accept a {kind} line here")
            found = self.number(tuple(stack))
            self.next[key] = found
        return found

    def program(self, state: int, kind: str) -> Optional[Program]:
        """Return what a line of this kind does in this state, worked out once: the
        reductions before it is shifted, and the state after it (None where the grammar
        rejects it). For the end of input (`$END`), the reductions up to the start's end
        state, and -1 as the state after."""
        key = (state, kind)
        if key in self.programs:
            return self.programs[key]
        found = self._program(self.stacks[state], kind)
        self.programs[key] = found
        return found

    def _program(self, stack: Stack, kind: str) -> Optional[Program]:
        """Step the table for one token as Lark's LALR parser does, recording each reduction
        (as `LineTable.after` steps it, but an end of input is never shifted)."""
        states, rules = self.table.states, self.table.rules
        end_state = self.table.end_states[self.start] if kind == END else -1
        trail = list(stack)
        reductions: list[Reduction] = []
        while True:
            action = states[trail[-1]].get(kind)
            if action is None:
                return None
            if action >= 0:
                if kind == END:
                    return None  # the end of input is never shifted
                trail.append(action)
                return tuple(reductions), self.number(tuple(trail))
            origin, size, name, kept = rules[~action]
            if size:
                del trail[-size:]
            trail.append(states[trail[-1]][origin])
            reductions.append((_operation(size, kept), size, name, kept))
            if kind == END and trail[-1] == end_state:
                return tuple(reductions), -1


class _Op(Enum):
    """How parse_lines applies a reduction (worked out once per rule in a program)."""

    WRAP = "wrap"  # one value, kept as it is: wrapped in the rule's tree
    TAKE_OVER = "take over"  # one inlined subtree: its children become the rule's tree's
    SHAPE = "shape"  # any other: the rule's children shaped as its `kept` says


_WRAP, _TAKE_OVER = _Op.WRAP, _Op.TAKE_OVER
Reduction = tuple[_Op, int, str, Kept]


def _operation(size: int, kept: Kept) -> _Op:
    if size == 1 and kept in (None, ((0, False),)):
        return _Op.WRAP
    if size == 1 and kept == ((0, True),):
        return _Op.TAKE_OVER
    return _Op.SHAPE


Program = tuple[tuple[Reduction, ...], int]


@functools.cache
def _states(file_name: str, start: str) -> _States:
    return _States(file_name, start)


class Walk:
    """Feeds line kinds through a line grammar's table, one line at a time, without building a
    tree; once a grammar state has been seen, a step costs a dictionary look-up."""

    def __init__(self, layout: Layout, start: str = "start") -> None:
        self.states = _states(GRAMMAR_FILES[layout], start)
        self.state = self.states.first

    def accepts(self) -> frozenset[str]:
        """Return the line kinds the grammar accepts next (and `$END` if it may end here)."""
        return self.states.accepts[self.state]

    def in_table(self) -> bool:
        """Tell whether the grammar is inside a table (it would accept a row here)."""
        return self.states.table_open[self.state]

    def feed(self, kind: str) -> None:
        """Advance by one line of the given kind (which accepts() must contain)."""
        self.state = self.states.step(self.state, kind)

    def feed_all(self, items: Iterable[Classified]) -> bool:
        """Advance by each line in turn; False (and stopped there) at one the grammar rejects."""
        for item in items:
            if item.kind not in self.accepts():
                return False
            self.feed(item.kind)
        return True

    def can_end(self, open_frames: int = 0) -> bool:
        """Tell whether the summary may end here, once its open nested frames are closed."""
        if not open_frames:
            return self.states.can_end[self.state]
        trial = copy.copy(self)
        for _ in range(open_frames):
            if LineKind.NEST_CLOSE not in trial.accepts():
                return False
            trial.feed(LineKind.NEST_CLOSE)
        return trial.states.can_end[trial.state]


def closing_frames(lines: Sequence[Classified]) -> list[Classified]:
    """Return the NEST_CLOSE lines that close the expand_nested frames a block leaves open."""
    kinds = [item.kind for item in lines]
    depth = kinds.count(LineKind.NEST_OPEN) - kinds.count(LineKind.NEST_CLOSE)
    if depth <= 0 or not lines:
        return []
    last = lines[-1]
    return [Classified(last.line, "", LineKind.NEST_CLOSE, depth - i - 1) for i in range(depth)]


_UNSEEN: Any = object()  # a (state, kind) not stepped yet (None: one the grammar rejects)


def parse_lines(layout: Layout, items: Sequence[Classified], start: str) -> Optional[LineTree]:
    """Parse classified lines as Lark's LALR parser parses the same tokens, with its table and
    its parse-tree builder's shapes; a leaf is the classified line itself. None where Lark
    raises UnexpectedInput.

    What a line does depends only on the parser's stack and the line's kind: each (stack,
    kind) is stepped through the table once (`_States.program`), and every later line of that
    kind in that state replays its reductions on the tree."""
    automaton = _states(GRAMMAR_FILES[layout], start)
    programs, program = automaton.programs, automaton.program
    ignored = automaton.table.ignored
    state = automaton.first
    values: list[Any] = []
    for item in [*items, None]:
        kind = END if item is None else item.kind
        if kind in ignored:
            continue  # (the block's lines keep it: the report names it as an aside)
        found = programs.get((state, kind), _UNSEEN)
        if found is _UNSEEN:
            found = program(state, kind)
        if found is None:
            return None
        reductions, state = found
        for op, size, name, kept in reductions:
            # Most reductions take one value: the tree replaces it on the stack.
            if op is _WRAP:
                values[-1] = LineTree(name, [values[-1]])
                continue
            if op is _TAKE_OVER:
                values[-1] = LineTree(name, values[-1].children)
                continue
            if size:
                children = values[-size:]
                del values[-size:]
            else:
                children = []
            if kept:
                # An inlined subtree is dropped from the tree, so the first one's list of
                # children is taken over rather than copied (a `rows: rows row` run grows one).
                index, inline = kept[0]
                shaped = children[index].children if inline else [children[index]]
                for index, inline in kept[1:]:
                    if inline:
                        shaped += children[index].children
                    else:
                        shaped.append(children[index])
                children = shaped
            elif kept is not None:
                children = []  # the rule keeps none of its children
            values.append(LineTree(name, children))
        if item is None:
            return values[-1]  # type: ignore[no-any-return]
        values.append(item)
    return None  # pragma: no cover (the loop returns at the end of the input)


def _start_of(accepted: Sequence[Classified]) -> str:
    """The start symbol of a block's lines: a table under its header, totals without their
    table, or a title the paste ends after."""
    kinds = {item.kind for item in accepted}
    if LineKind.HEADER in kinds:
        return "start"
    return "orphan" if kinds.intersection(TOTAL_KINDS) else "cut_title"


def parse_block(block: BlockLike) -> Optional[ParsedBlock]:
    """Parse a block's accepted lines into a tree; its rejected lines stay reported."""
    if block.rejected:
        skipped = set(block.rejected)
        accepted = [item for i, item in enumerate(block.lines) if i not in skipped]
    else:
        accepted = list(block.lines)
    tokens = accepted + closing_frames(accepted)
    tree = parse_lines(block.layout, tokens, _start_of(accepted))
    if tree is None:
        return None
    return ParsedBlock(block, tree, tuple(block.rejected))
