"""Write summaryaudit/regex_tables.py: every lazy pattern compiled by this CPython, as data.

Run after adding or editing a `lazy(...)` pattern. A run compiles the patterns it uses from this
table at C speed (start-up, issue 13); a pattern missing from it is compiled as usual, and
tests/test_regex_tables.py fails until this script is run. The table serves only the CPython
version and regular-expression engine that made it.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summaryaudit.regex_table_build import table_module  # noqa: E402

TARGET = ROOT / "summaryaudit" / "regex_tables.py"


def main() -> int:
    """Write the table module and say where."""
    TARGET.write_text(table_module(), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
