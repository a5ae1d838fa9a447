"""The lazy patterns' compiled forms stored as data are current, and compile as `re` compiles."""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]
import re
import sys

import pytest

from summaryaudit import regex_tables
from summaryaudit.patterns import lazy
from summaryaudit.regex_table_build import compiled_entry, lazy_patterns

THIS_PYTHON = (sys.implementation.name, *sys.version_info[:3])
MADE_HERE = THIS_PYTHON == regex_tables.PYTHON and _sre.MAGIC == regex_tables.MAGIC
NOT_HERE = (
    f"regex_tables.py was made by {regex_tables.PYTHON} (engine {regex_tables.MAGIC}); this is "
    f"{THIS_PYTHON} (engine {_sre.MAGIC}), which compiles every pattern itself"
)


@pytest.mark.skipif(not MADE_HERE, reason=NOT_HERE)
def test_the_table_holds_every_lazy_pattern_as_this_cpython_compiles_it() -> None:
    stored = regex_tables.TABLE
    patterns = lazy_patterns()
    missing = [key for key in patterns if key not in stored]
    assert not missing, f"{len(missing)} patterns not stored: run python scripts/compile_regexes.py"
    assert sorted(stored) == patterns, "stale entries: run python scripts/compile_regexes.py"
    for (pattern, flags), entry in stored.items():
        assert entry == compiled_entry(pattern, flags), pattern


@pytest.mark.skipif(not MADE_HERE, reason=NOT_HERE)
def test_a_pattern_from_the_table_is_the_pattern_re_compiles() -> None:
    """Compiled patterns compare equal when their text, flags and code are the same."""
    for pattern, flags in list(regex_tables.TABLE)[::7]:
        from_table = lazy(pattern, flags)
        assert from_table.groupindex == re.compile(pattern, flags).groupindex  # (compiles it)
        assert from_table.compiled == re.compile(pattern, flags)  # type: ignore[attr-defined]


def test_a_pattern_not_in_the_table_is_compiled_as_usual() -> None:
    text = r"(?P<odd>x{3})+ not in any module"
    assert (text, 0) not in regex_tables.TABLE
    found = lazy(text).search("a xxxxxx not in any module")
    assert found is not None and found.group("odd") == "xxx"
