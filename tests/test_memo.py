"""The package's input memos are emptied by its public `clear_caches()` hook."""

from __future__ import annotations

from pathlib import Path

import summaryaudit
from summaryaudit import cell_grammar

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures/real/keras1.2.2/mlp_bn_functional.txt"


def test_clear_caches_empties_the_memos_a_check_filled() -> None:
    summaryaudit.check_text(FIXTURE.read_text(encoding="utf-8"), source=str(FIXTURE))
    assert cell_grammar.read_count.cache_info().currsize > 0
    summaryaudit.clear_caches()
    assert cell_grammar.read_count.cache_info().currsize == 0
    assert cell_grammar.read_shapes.cache_info().currsize == 0


def test_a_check_after_clearing_gives_the_same_report() -> None:
    text = FIXTURE.read_text(encoding="utf-8")
    before = summaryaudit.check_text(text, source="x").to_dict()
    summaryaudit.clear_caches()
    assert summaryaudit.check_text(text, source="x").to_dict() == before
