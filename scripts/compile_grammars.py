"""Write summaryaudit/line_tables.py: Lark's LALR tables of the line grammars, as data.

Run after editing grammars/*.lark. The audit reads lines through these tables without importing
Lark (start-up, issue 13); a table whose grammar changed since is not used (Lark builds it
again at run time), and tests/test_line_tables.py fails until this script is run.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summaryaudit.grammar_build import table_module  # noqa: E402
from summaryaudit.grammar_files import LINE_GRAMMARS  # noqa: E402

TARGET = ROOT / "summaryaudit" / "line_tables.py"


def main() -> int:
    """Write the tables module and say where."""
    TARGET.write_text(table_module(LINE_GRAMMARS), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
