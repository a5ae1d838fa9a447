"""Trial 83 and the leftovers of earlier trials: the damage applied as code to real prints."""

from __future__ import annotations

import pytest

from summaryaudit import api

from .conftest import FIXTURES
from .real_prints import checked_as_the_print, load_print

REAL = FIXTURES / "real"

# --------------- 82e's 001: a `docker logs -t` stream kept in a commented-out JavaScript string
# of a web page, each line `// \t\t\t"<timestamp> <line>\n"+`


def in_a_javascript_string(printed: str, comment: str) -> str:
    """Each line of a print after a container's timestamp, inside a JavaScript string literal
    joined by `+`, the whole statement maybe commented out line by line."""
    lines = [line.replace("\\", "\\\\").replace('"', '\\"') for line in printed.splitlines()]
    body = [
        f'{comment}\t\t\t"2019-01-31T09:14:20.{412592858 + 1843 * at:09d}Z {line}\\n"+'
        for at, line in enumerate(lines)
    ]
    return f'{comment}\t\t\tlet data = ""+\n' + "\n".join(body) + f'\n{comment}\t\t\t"";\n'


@pytest.mark.parametrize("comment", ["// ", "//", ""], ids=["commented", "glued", "code"])
@pytest.mark.parametrize(
    "case",
    [
        "keras2.2.4/merge_ops",
        "tf2.12/merge_ops",
        "keras3/mlp_bn_sequential",
    ],
)
def test_a_container_log_in_a_javascript_string_is_read(case: str, comment: str) -> None:
    """Before: the timestamps were never seen as a logger's prefix (the string was still closed
    around them when that stage ran), so no row was read and of the totals only Total."""
    truth, printed = load_print(REAL / f"{case}.truth.json")
    checked_as_the_print(in_a_javascript_string(printed, comment), truth, printed)


def test_a_headless_container_log_in_a_javascript_string_reads_its_rows_and_totals() -> None:
    """82e's 001 itself: the excerpt starts under the header. Before: 'totals without a table',
    of the totals only Total, and no word of the rows or of the split not checked."""
    truth, printed = load_print(REAL / "keras2.2.4/merge_ops.truth.json")
    lines = printed.splitlines()
    below_header = "\n".join(lines[lines.index(next(x for x in lines if x.startswith("="))) + 1 :])
    [summary] = api.check_text(in_a_javascript_string(below_header, "// ")).summaries
    assert [(layer.name, layer.params) for layer in summary.layers] == [
        (layer["name"], layer["params"]) for layer in truth["layers"]
    ]
    assert summary.totals.to_dict() == truth["totals"]
