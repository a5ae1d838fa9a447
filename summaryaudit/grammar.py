"""Load the .lark line grammars, lex classified lines into tokens, and walk them with Lark."""

from __future__ import annotations

import contextlib
import copy
import functools
import os
import pickle
import re
import stat
import sys
import zlib
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, BinaryIO, Optional, Protocol, Union

from lark import Lark, Token, Tree
from lark import __version__ as lark_version
from lark.lexer import Lexer
from lark.parser_frontends import ParsingFrontend
from lark.parsers.lalr_analysis import Reduce, Shift
from lark.parsers.lalr_interactive_parser import InteractiveParser

from .kinds import Classified, Layout, LineKind
from .records import FrozenRecord

if TYPE_CHECKING:
    from pathlib import Path

_GRAMMAR_FILES = {
    Layout.FIXED: "fixed.lark",
    Layout.COLLAPSED: "fixed.lark",
    Layout.BOX: "box.lark",
    Layout.PIPE: "pipe.lark",
}
_SHARED = ("common.lark",)
END = "$END"


class GrammarNotFound(RuntimeError):
    """The .lark files are missing from both the installed package and the checkout."""


class LineLexer(Lexer):
    """Lark's custom-lexer hook: one token per classified line, typed by the line's kind."""

    def __init__(self, lexer_conf: Any) -> None:
        del lexer_conf  # the lines arrive classified: there is nothing to configure

    def lex(self, data: Any) -> Iterator[Token]:  # type: ignore[override]
        """Yield a token per Classified line; its value is the classified line itself."""
        for item in data:
            token = Token(item.kind, item.text)  # what line_token does, without a call per line
            token.value = item
            yield token


def line_token(item: Classified) -> Token:
    """Return the token of one classified line (type: its kind; value: the line)."""
    token = Token(item.kind, item.text)  # a LineKind is the str of its terminal name
    token.value = item
    return token


def grammar_dir() -> Path:
    """Return the folder of the .lark files: in the installed package, else in the checkout."""
    from pathlib import Path

    return Path(_grammar_folder())


@functools.cache
def _grammar_folder() -> str:
    """The folder of the .lark files as a string (the parsers load without pathlib)."""
    here = os.path.dirname(os.path.realpath(__file__))
    for candidate in (
        os.path.join(here, "grammars"),
        os.path.join(os.path.dirname(here), "grammars"),
    ):
        if os.path.isfile(os.path.join(candidate, "common.lark")):
            return candidate
    raise GrammarNotFound(f"no grammars/ folder next to {here}")


@functools.cache
def grammar_text(layout: Layout) -> str:
    """Return a layout's own grammar (it pulls the shared rules in with `%import common`)."""
    return _file_text(_GRAMMAR_FILES[layout])


@functools.cache
def _file_text(file_name: str) -> str:
    """Return the text of one .lark file of the grammars/ folder."""
    with open(os.path.join(_grammar_folder(), file_name), encoding="utf-8") as handle:
        return handle.read()


@functools.cache
def _source_digest(file_name: str) -> str:
    """Hash a grammar file, every file it may import and their folder (the cache key).

    The folder is part of the key because Lark's own hash covers the import path: two
    installs (or checkouts) of the same grammar would otherwise overwrite each other's file.
    """
    texts = [_grammar_folder(), _file_text(file_name)] + [_file_text(n) for n in _SHARED]
    return f"{zlib.crc32(chr(0).join(texts).encode('utf-8')):08x}"


def parser_for(layout: Layout) -> Lark:
    """Return the LALR parser of a layout (fixed and collapsed tables share one grammar)."""
    return _parser(_GRAMMAR_FILES[layout])


_LINE_STARTS = ["start", "orphan"]


@functools.cache
def _parser(file_name: str) -> Lark:
    """Build (once) the LALR parser of a grammar file; `orphan` (totals alone) is a second start.

    Lark's cache keeps the analysed LALR tables in the user's private cache folder, keyed by a
    hash of the grammar, so later runs load them instead of rebuilding (about 100 ms). Beside
    it, the parser's objects are kept as built (`_objects_path`), which loads in half the time
    of Lark's own cache.
    """
    objects = _objects_path(file_name)
    if objects:
        loaded = _load_objects(objects)
        if loaded is not None:
            return _plain_table(loaded)
    parser = _plain_table(load_parser(file_name, _LINE_STARTS, lexer=LineLexer))
    if objects:
        _save_objects(parser, objects)
    return parser


# Lark versions whose parser objects were checked to load this way (any other uses Lark's cache).
_OBJECT_CACHE_LARK = ("1.3.",)


def _objects_path(file_name: str) -> Optional[str]:
    """Return where a line grammar's parser objects are kept, or None (unsafe, or another Lark).

    The file is a pickle, so it gets the guarantees of `_cache_path`: only in the user's own
    cache folder, and only when the file is this user's and writable by nobody else.
    """
    if not lark_version.startswith(_OBJECT_CACHE_LARK):
        return None
    folder = _user_cache_folder()
    if folder is None:
        return None
    key = f"{_source_digest(file_name)}{_LINE_STARTS}{LineLexer.__qualname__}{sys.version_info[:2]}"
    digest = f"{zlib.crc32(key.encode('utf-8')):08x}"
    return _private_file(
        folder, f"{file_name.removesuffix('.lark')}-{digest}-lark{lark_version}.objects"
    )


class _ObjectPickler(pickle.Pickler):
    """Pickles a parser, leaving out what is rebuilt on loading: callbacks and the lexer."""

    def __init__(self, handle: BinaryIO, parser: Lark) -> None:
        super().__init__(handle, protocol=pickle.HIGHEST_PROTOCOL)
        self.kept = {
            id(parser._callbacks): "callbacks",
            id(parser._parse_tree_builder): "rebuilt",
            id(parser.parser): "frontend",
            id(Shift): "shift",
            id(Reduce): "reduce",
            id(re): "re",
        }

    def persistent_id(self, obj: Any) -> Optional[str]:
        return self.kept.get(id(obj))


class _ObjectUnpickler(pickle.Unpickler):
    """Loads a parser's objects; its callbacks dictionary is `callbacks`, filled afterwards."""

    def __init__(self, handle: BinaryIO) -> None:
        super().__init__(handle)
        self.callbacks: dict[Any, Any] = {}

    def persistent_load(self, pid: Any) -> Any:
        known = {"callbacks": self.callbacks, "shift": Shift, "reduce": Reduce, "re": re}
        if pid in known:
            return known[pid]
        if pid in ("rebuilt", "frontend"):
            return None
        raise pickle.UnpicklingError(f"unknown persistent id {pid!r}")


def _save_objects(parser: Lark, path: str) -> None:
    """Keep a parser's objects for the next run (owner-only file, written whole or not at all)."""
    front = parser.parser
    parts = (parser, front.lexer_conf, front.parser_conf, front.parser, front.options)
    temporary = f"{path}.{os.getpid()}.tmp"
    try:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        with os.fdopen(os.open(temporary, flags, 0o600), "wb") as handle:
            _ObjectPickler(handle, parser).dump(parts)
        os.replace(temporary, path)
    except Exception:  # no cache is kept: the next run builds the parser from Lark's cache
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def _load_objects(path: str) -> Optional[Lark]:
    """Load a parser kept by `_save_objects`; None when there is none or it does not fit."""
    try:
        with open(path, "rb") as handle:
            unpickler = _ObjectUnpickler(handle)
            parser, lexer_conf, parser_conf, lalr, options = unpickler.load()
        if not isinstance(parser, Lark) or parser_conf.callbacks is not unpickler.callbacks:
            return None
        parser._prepare_callbacks()  # tree-building closures: built, never pickled
        unpickler.callbacks.update(parser._callbacks)
        parser._callbacks = unpickler.callbacks
        parser.parser = ParsingFrontend(lexer_conf, parser_conf, options, parser=lalr)
        if lalr.parser.callbacks is not unpickler.callbacks:
            return None
        return parser
    except FileNotFoundError:
        return None
    except Exception:  # a file from an older build of the objects: Lark's cache is used instead
        return None


def _plain_table(parser: Lark) -> Lark:
    """Key the LALR table by plain strings: a Token key (as the grammar spelled the name)
    compares in Python (`Token.__eq__`) at every look-up, twice per line."""
    table = parser.parser.parser.parser.parse_table
    table.states = {
        state: {str(name): action for name, action in actions.items()}
        for state, actions in table.states.items()
    }
    for actions in table.states.values():
        for _action, rule in actions.values():
            if not isinstance(rule, int):
                rule.origin.name = str(rule.origin.name)
    return parser


def load_parser(file_name: str, starts: list[str], **options: Any) -> Lark:
    """Build an LALR parser of a grammar file of grammars/, its tables cached privately.

    Strict by default: a Shift/Reduce conflict is a grammar error, not a silent choice (a
    grammar with regular-expression terminals passes strict=False and is checked by a test).
    """
    options.setdefault("strict", True)
    return Lark(
        _file_text(file_name),
        parser="lalr",
        start=starts,
        import_paths=[_grammar_folder()],
        propagate_positions=False,
        maybe_placeholders=False,
        cache=_cache_path(file_name),
        **options,
    )


def _cache_path(file_name: str) -> Union[str, bool]:
    """Return a cache file for a grammar's LALR tables that only this user can write, or False.

    Lark unpickles a cache file before it checks the file's hash, so a file another user could
    plant would run code as whoever runs summaryaudit. The tables therefore live only in the
    user's own cache folder (created 0700), and are used only when that folder, its parent and
    the file are owned by this user (or the parent by root) and writable by nobody else.
    """
    folder = _user_cache_folder()
    if folder is None:
        return False
    digest = _source_digest(file_name)
    name = file_name.removesuffix(".lark")
    return _private_file(folder, f"{name}-{digest}-lark{lark_version}.cache") or False


def _private_file(folder: str, name: str) -> Optional[str]:
    """Return the path of a file of the private cache folder that is safe to read and write:
    absent, or a regular file of this user's that nobody else can write; otherwise None."""
    path = os.path.join(folder, name)
    try:
        if not _private(os.lstat(path), regular=True):
            return None
    except FileNotFoundError:
        pass
    except OSError:
        return None
    return path


def user_cache_dir() -> Optional[Path]:
    """Return this user's private summaryaudit cache folder, creating it 0700; None if unsafe.

    `$XDG_CACHE_HOME/summaryaudit` (an absolute path only), else `~/.cache/summaryaudit`; never
    a shared temporary folder. None on platforms without file ownership (no cache is kept).
    """
    from pathlib import Path

    folder = _user_cache_folder()
    return None if folder is None else Path(folder)


def _user_cache_folder() -> Optional[str]:
    """`user_cache_dir` as a string (the parsers load without pathlib)."""
    if not hasattr(os, "getuid"):
        return None
    base = os.environ.get("XDG_CACHE_HOME", "")
    try:
        if os.path.isabs(base):
            root = base.rstrip("/") or "/"  # as Path() spells it: lstat must not follow a link
        else:
            home = os.path.expanduser("~")
            if home.startswith("~"):  # no home folder is known: keep no cache
                return None
            root = os.path.join(home, ".cache")
        folder = os.path.join(root, "summaryaudit")
        os.makedirs(root, mode=0o700, exist_ok=True)
        with contextlib.suppress(FileExistsError):
            os.mkdir(folder, mode=0o700)
        if not (_private(os.lstat(folder), directory=True) and _safe_parent(os.lstat(root))):
            return None
    except OSError:
        return None
    return folder


def _private(info: os.stat_result, directory: bool = False, regular: bool = False) -> bool:
    """Tell whether a file or folder is this user's own and writable by nobody else."""
    kind_ok = (not directory or stat.S_ISDIR(info.st_mode)) and (
        not regular or stat.S_ISREG(info.st_mode)
    )
    return kind_ok and info.st_uid == os.getuid() and not info.st_mode & 0o022


def _safe_parent(info: os.stat_result) -> bool:
    """Tell whether nobody but this user (or root) can rename things inside a parent folder."""
    return (
        stat.S_ISDIR(info.st_mode) and info.st_uid in (os.getuid(), 0) and not info.st_mode & 0o022
    )


class BlockLike(Protocol):
    """What the grammar needs of a block: its classified lines, its layout and its rejects."""

    lines: tuple[Classified, ...]
    layout: Layout
    rejected: tuple[int, ...]


class ParsedBlock(FrozenRecord):
    """A block with its parse tree and the indexes of the lines the grammar could not place."""

    block: Any
    tree: Tree
    rejected: tuple[int, ...]

    def __init__(self, block: Any, tree: Tree, rejected: tuple[int, ...]) -> None:
        d = self.__dict__
        d["block"] = block
        d["tree"] = tree
        d["rejected"] = rejected


Stack = tuple[int, ...]
_ROW_TERMINALS = frozenset(
    k.value for k in (LineKind.ROW, LineKind.ROW_WEAK, LineKind.BOX_LINE, LineKind.HEAD_LINE)
)


class _States:
    """Lark's LALR automaton of one grammar and start symbol, seen through its parser stacks.

    Each distinct stack gets a small number; what Lark's interactive parser accepts there
    (`accepts()`) and where each line kind leads are asked once and remembered.
    """

    def __init__(self, file_name: str, start: str) -> None:
        ip = _parser(file_name).parse_interactive(start=start)
        conf = copy.copy(ip.parser_state.parse_conf)
        conf.callbacks = {}  # only the states matter here: no tree is built
        ip.parser_state.parse_conf = conf
        self.origin = ip
        self.stacks: list[Stack] = []
        self.numbers: dict[Stack, int] = {}
        self.accepts: list[frozenset[str]] = []
        self.table_open: list[bool] = []
        self.can_end: list[bool] = []
        self.next: dict[tuple[int, str], int] = {}
        self.first = self.number(tuple(ip.parser_state.state_stack))

    def _cursor(self, stack: Stack) -> InteractiveParser:
        ip = self.origin.copy(deepcopy_values=False)
        ip.parser_state.state_stack[:] = stack
        ip.parser_state.value_stack[:] = [None] * (len(stack) - 1)
        return ip

    def number(self, stack: Stack) -> int:
        """Return the number of a parser stack, asking Lark what it accepts the first time."""
        found = self.numbers.get(stack)
        if found is None:
            found = len(self.stacks)
            accepts = frozenset(self._cursor(stack).accepts())
            self.numbers[stack] = found
            self.stacks.append(stack)
            self.accepts.append(accepts)
            self.table_open.append(not accepts.isdisjoint(_ROW_TERMINALS))
            self.can_end.append(END in accepts)
        return found

    def step(self, state: int, kind: str) -> int:
        """Return the state after a line of the given kind (which the state must accept)."""
        key = (state, kind)
        found = self.next.get(key)
        if found is None:
            ip = self._cursor(self.stacks[state])
            ip.feed_token(Token(str(kind), ""))
            found = self.number(tuple(ip.parser_state.state_stack))
            self.next[key] = found
        return found


@functools.cache
def _states(file_name: str, start: str) -> _States:
    return _States(file_name, start)


class Walk:
    """Feeds line kinds to Lark's interactive parser, one line at a time, without building a tree;
    once a grammar state has been seen, a step costs a dictionary look-up."""

    def __init__(self, layout: Layout, start: str = "start") -> None:
        self.states = _states(_GRAMMAR_FILES[layout], start)
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
    depth = 0
    for item in lines:
        if item.kind is LineKind.NEST_OPEN:
            depth += 1
        elif item.kind is LineKind.NEST_CLOSE:
            depth -= 1
    if depth <= 0 or not lines:
        return []
    last = lines[-1]
    return [Classified(last.line, "", LineKind.NEST_CLOSE, depth - i - 1) for i in range(depth)]


class _Table:
    """A grammar's LALR table and tree callbacks, as Lark built them, for `parse_lines`."""

    def __init__(self, file_name: str) -> None:
        from lark.parsers.lalr_analysis import Shift  # loaded with the parser, not at import

        self.shift = Shift
        inner = _parser(file_name).parser.parser.parser  # the frontend's LALR _Parser
        table = inner.parse_table
        self.states: dict[int, dict[str, tuple[Any, Any]]] = table.states
        self.callbacks: dict[Any, Any] = inner.callbacks
        self.start_states: dict[str, int] = table.start_states
        self.end_states: dict[str, int] = table.end_states
        if any(isinstance(key, str) for key in self.callbacks):  # parse_lines keeps leaves as is
            raise RuntimeError(f"{file_name}: the grammar has terminal callbacks")


@functools.cache
def _table(file_name: str) -> _Table:
    return _Table(file_name)


def parse_lines(layout: Layout, items: Sequence[Classified], start: str) -> Optional[Tree]:  # type: ignore[type-arg]
    """Parse classified lines as Lark's LALR parser parses the same tokens, with its table and
    tree callbacks; a leaf is the classified line itself. None where Lark raises
    UnexpectedInput. (Lark's own loop also makes a Token per line and steps a lexer thread.)
    """
    table = _table(_GRAMMAR_FILES[layout])
    states, callbacks, shift = table.states, table.callbacks, table.shift
    state_stack = [table.start_states[start]]
    value_stack: list[Any] = []
    end_state = table.end_states[start]
    for item in [*items, None]:
        kind = END if item is None else item.kind
        while True:
            action = states[state_stack[-1]].get(kind)
            if action is None:
                return None
            if action[0] is shift:
                if item is None:
                    return None
                state_stack.append(action[1])
                value_stack.append(item)
                break
            rule = action[1]
            size = len(rule.expansion)
            if size:
                children = value_stack[-size:]
                del state_stack[-size:]
                del value_stack[-size:]
            else:
                children = []
            value_stack.append(callbacks[rule](children))
            state_stack.append(states[state_stack[-1]][rule.origin.name][1])
            if item is None and state_stack[-1] == end_state:
                return value_stack[-1]  # type: ignore[no-any-return]
    return None  # pragma: no cover (the loop returns at the end of the input)


def parse_block(block: BlockLike) -> Optional[ParsedBlock]:
    """Parse a block's accepted lines into a tree; its rejected lines stay reported."""
    skipped = set(block.rejected)
    accepted = [item for i, item in enumerate(block.lines) if i not in skipped]
    has_header = any(item.kind is LineKind.HEADER for item in accepted)
    tokens = accepted + closing_frames(accepted)
    tree = parse_lines(block.layout, tokens, "start" if has_header else "orphan")
    if tree is None:
        return None
    return ParsedBlock(block, tree, tuple(block.rejected))
