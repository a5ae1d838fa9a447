"""An elision line (`...`) between rows is a known gap: never a silent pass, never an alarm."""

from __future__ import annotations

from summaryaudit import api

from .conftest import FIXTURES

PRINT = FIXTURES / "real" / "tf2.12" / "cnn_bn.txt"


def _elided(non_trainable: str = "") -> str:
    """The real print with max_pooling2d and flatten replaced by one `...` line, as pastes do."""
    lines = PRINT.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(" max_pooling2d"))
    end = next(i for i, line in enumerate(lines) if line.startswith(" dense "))
    cut = [*lines[:start], " ...", *lines[end:]]
    if non_trainable:
        cut = [non_trainable if ln.startswith("Non-trainable") else ln for ln in cut]
    return "\n".join(cut) + "\n"


def _problems(text: str) -> list[str]:
    report = api.check_text(text, source="elided.txt")
    return sorted(f.code for f in report.findings if f.severity.value in ("error", "warning"))


def test_the_elision_line_is_recorded_and_named_in_coverage() -> None:
    text = _elided()
    (summary,) = api.parse_text(text)
    elision_line = text.splitlines().index(" ...") + 1
    assert summary.elided == (elision_line,)
    assert [layer.name for layer in summary.layers] == ["conv2d", "batch_normalization", "dense"]
    report = api.check_text(text)
    coverage = report.summaries[0].to_dict()["coverage"]
    assert coverage["complete"] is False
    assert "1 elided gap" in coverage["not_verified"]


def test_a_genuine_print_with_rows_elided_raises_nothing() -> None:
    # dense's input is hidden by the gap: no Dense-width or shape-chain alarm across it.
    assert _problems(_elided()) == []
    assert _problems(PRINT.read_text(encoding="utf-8")) == []


def test_totals_checks_still_run_across_the_gap() -> None:
    # The visible BatchNormalization alone holds 64 moving statistics: 0 cannot be right.
    assert _problems(_elided("Non-trainable params: 0")) == ["SA202", "SA203"]
    assert _problems(_elided("Non-trainable params: 567")) == ["SA202"]
