"""grammar.parse_lines, on the stored tables, builds the tree Lark's own LALR parser builds."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any, Optional

from lark import Token
from lark.exceptions import UnexpectedInput

from summaryaudit import blocks, grammar, grammar_build, sources
from summaryaudit.kinds import Classified

REAL = Path(__file__).resolve().parent.parent / "fixtures" / "real"


def _leaves_as_lines(node: Any) -> Any:
    """Lark's tree as a LineTree, each Token leaf replaced by the classified line it carries."""
    if isinstance(node, Token):
        return node.value
    return grammar.LineTree(str(node.data), [_leaves_as_lines(child) for child in node.children])


def _lark(block: blocks.Block, items: list[Classified], start: str) -> Optional[grammar.LineTree]:
    try:
        parser = grammar_build.parser_for(block.layout)
        return _leaves_as_lines(parser.parse(items, start=start))  # type: ignore[arg-type]
    except UnexpectedInput:
        return None


def _blocks() -> list[blocks.Block]:
    found = []
    for path in sorted(REAL.glob("**/*.txt")):
        found += blocks.find_blocks(sources.text_lines(path.read_text(encoding="utf-8")))
    return found


def test_every_real_block_parses_to_lark_s_own_tree() -> None:
    found = _blocks()
    assert len(found) > 300
    for block in found:
        skipped = set(block.rejected)
        items = [item for i, item in enumerate(block.lines) if i not in skipped]
        items += grammar.closing_frames(items)
        start = "start" if any(item.kind == "HEADER" for item in items) else "orphan"
        ours = grammar.parse_lines(block.layout, items, start)
        assert ours is not None, block.start_line
        assert ours == _lark(block, items, start), block.start_line


def test_lines_lark_rejects_are_rejected_and_the_rest_read_alike() -> None:
    rng = random.Random(13)
    rejected = accepted = 0
    for block in _blocks()[::3]:
        items = list(block.lines)
        for _ in range(4):
            changed = items[:]
            at = rng.randrange(len(changed))
            if rng.random() < 0.5:
                del changed[at]  # a line lost
            else:
                changed.insert(at, changed[rng.randrange(len(changed))])  # a line repeated
            for start in ("start", "orphan"):
                expected = _lark(block, changed, start)
                assert grammar.parse_lines(block.layout, changed, start) == expected
                rejected += expected is None
                accepted += expected is not None
    assert rejected > 50 and accepted > 50


def test_a_stderr_record_anywhere_is_ignored_as_lark_ignores_it() -> None:
    """`%ignore STDERR`: a log record inserted at any line of a block leaves Lark's tree (its
    lexer drops the token) and ours (the walk skips the line) the same as without it."""
    from summaryaudit.kinds import LineKind

    rng = random.Random(72)
    for block in _blocks()[::5]:
        items = [item for i, item in enumerate(block.lines) if i not in set(block.rejected)]
        items += grammar.closing_frames(items)
        start = "start" if any(item.kind == "HEADER" for item in items) else "orphan"
        expected = grammar.parse_lines(block.layout, items, start)
        assert expected is not None
        text = "2024-05-25 12:15:49.662636: I x.cc:1] r"
        record = Classified(items[0].line, text, LineKind.STDERR)
        at = rng.randrange(1, len(items))
        changed = [*items[:at], record, *items[at:]]
        assert grammar.parse_lines(block.layout, changed, start) == expected
        assert _lark(block, changed, start) == expected
