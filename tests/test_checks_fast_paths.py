"""The audit's fast paths give what their plain definitions give: row names found by bisection,
every row derived in one loop, the JSON report's encoder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import summaryaudit
from summaryaudit import api, checks, formulas, report
from summaryaudit.checks.derivations import derive_row
from summaryaudit.checks.input_chain import UNBUILT, UNUSED
from summaryaudit.checks.names import CUT, NameIndex
from summaryaudit.dialects import Dialect
from summaryaudit.records import Audit, Coverage, Layer, RowAudit, Summary, Totals, TypeSource

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
_NAME = st.text(alphabet="ab_1" + CUT, max_size=6)


def _index(names: list[str]) -> NameIndex:
    return NameIndex(
        [Layer(name, "Dense", "(None, 1)", 2, line) for line, name in enumerate(names)]
    )


@settings(max_examples=500, deadline=None)
@given(names=st.lists(_NAME, max_size=14), stem=_NAME)
def test_rows_starting_with_a_stem_are_every_such_row_in_print_order(
    names: list[str], stem: str
) -> None:
    expected = [j for j, name in enumerate(names) if name.rstrip(CUT).startswith(stem)]
    assert _index(names).starting_with(stem) == expected


@settings(max_examples=500, deadline=None)
@given(names=st.lists(_NAME, max_size=14), stem=_NAME)
def test_cut_rows_before_a_stem_are_the_cut_names_of_its_every_prefix(
    names: list[str], stem: str
) -> None:
    """cut_rows_before (only the lengths cut names have) against every prefix of the stem."""
    expected = [
        j
        for end in range(1, len(stem) + 1)
        for j, name in enumerate(names)
        if name.endswith(CUT) and name.rstrip(CUT) == stem[:end]
    ]
    assert _index(names).cut_rows_before(stem) == expected


def _analyses() -> list[checks.Analysis]:
    summaryaudit.clear_caches()
    found = []
    for path in sorted(FIXTURES.glob("**/*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        found += [checks.analyse(s) for s in api.parse_text(text, source=path.name)]
    return found


def _may_be_guessed(layer: Layer) -> bool:
    """A row whose class the audit may infer: cut, missing, or a class without a formula."""
    known = formulas.has_formula(layer.type) or formulas.is_weightless(layer.type)
    return not layer.type or "type" in layer.truncated or not known


def test_every_row_derives_as_derive_row_derives_it() -> None:
    """derive_rows (one loop, the no-guess case inlined) against derive_row row by row."""
    rows = 0
    for analysis in _analyses():
        for i, layer in enumerate(analysis.layers):
            derivation = analysis.derivations[i]
            if layer.params is None or layer.params_note in (UNBUILT, UNUSED):
                assert derivation is None
                continue
            if _may_be_guessed(layer):
                continue  # the evidence may decide its class: derive_row is given the guess
            if i in analysis.count_from:
                continue  # a count Keras 3 cut, worked out and said so (tests/test_cut_counts)
            if i in analysis.settled:
                continue  # read the way the totals allow (tests/test_trial13_pastes)
            if i in analysis.read_in_context:
                continue  # read with other rows: a GRU setting, a cut shape (test_trial36_pastes)
            assert derivation == derive_row(layer, analysis.facts[i], None)
            rows += 1
    assert rows > 1000


def test_json_report_is_json_dumps_of_each_summary_and_finding() -> None:
    """The report's one encoder writes what json.dumps(..., ensure_ascii=False) writes."""
    summaryaudit.clear_caches()
    items = []
    for path in sorted(FIXTURES.glob("**/*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        items += list(api.iter_check(api.iter_summaries(text, path.name), path.name))
    pieces = [
        *[json.dumps(s.to_dict(), ensure_ascii=False) for s, _ in items if s is not None],
    ]
    findings = [json.dumps(f.to_dict(), ensure_ascii=False) for _, found in items for f in found]
    expected = '{"summaries": [' + ", ".join(pieces) + '], "findings": ['
    expected += ", ".join(findings) + "]}\n"
    assert "".join(report.render_json(items)) == expected
    assert len(pieces) > 100


_TEXT = st.text(max_size=8)  # any characters: quotes, backslashes, controls, non-ASCII
_INT = st.integers(min_value=-(10**20), max_value=10**20)


@st.composite
def _summaries(draw: st.DrawFn) -> Summary:
    def layer() -> Layer:
        return Layer(
            draw(_TEXT),
            draw(_TEXT),
            draw(_TEXT),
            draw(st.none() | _INT),
            draw(_INT),
            draw(st.sampled_from([None, True, False])),
            tuple(draw(st.lists(_TEXT, max_size=3))),
            draw(_INT),
            tuple(draw(st.lists(_TEXT, max_size=2))),
            draw(_TEXT),
        )

    layers = tuple(layer() for _ in range(draw(st.integers(0, 3))))
    audit = None
    if draw(st.booleans()):
        rows = tuple(
            RowAudit(
                draw(_TEXT),
                draw(st.none() | st.sampled_from(list(TypeSource))),
                draw(st.none() | _TEXT),
            )
            for _ in layers
        )
        audit = Audit(rows, (), Coverage(draw(_INT), draw(_INT), (draw(_TEXT),)))
    return Summary(
        source=draw(_TEXT),
        start_line=draw(_INT),
        end_line=draw(_INT),
        dialect=draw(st.sampled_from(list(Dialect))),
        model_name=draw(st.none() | _TEXT),
        layers=layers,
        totals=Totals(),
        audit=audit,
    )


@settings(max_examples=300, deadline=None)
@given(summary=_summaries())
def test_summary_json_is_json_dumps_of_to_dict(summary: Summary) -> None:
    encode = json.JSONEncoder(ensure_ascii=False).encode
    assert report.summary_json(summary, encode) == json.dumps(summary.to_dict(), ensure_ascii=False)


@pytest.mark.parametrize(
    "odd",
    [{"params": True}, {"params": 2.0}, {"trainable": 1}, {"depth": False}, {"name": 3}],
)
def test_a_row_of_other_types_is_written_as_json_dumps_writes_it(odd: dict[str, object]) -> None:
    fields = {"name": "d", "type": "Dense", "output_shape": "(None, 2)", "params": 6, "line": 4}
    layer = Layer(**{**fields, **odd})  # type: ignore[arg-type]
    summary = Summary("s", 1, 9, Dialect.KERAS2, None, (layer,), Totals())
    encode = json.JSONEncoder(ensure_ascii=False).encode
    assert report.summary_json(summary, encode) == json.dumps(summary.to_dict(), ensure_ascii=False)


def test_a_class_without_a_shape_rule_never_has_a_shape_problem() -> None:
    """expected_output_problem returns None at once for a class has_shape_rule rejects: the
    whole rule chain says None too, on every real row read as every class of the formulas."""
    from summaryaudit.formulas import output_shapes
    from summaryaudit.formulas.dispatch import FORMULAS
    from summaryaudit.formulas.weightless import WEIGHTLESS

    classes = sorted({*FORMULAS, *WEIGHTLESS, "", "Custom", "ZeroPadding2D", "Cropping1D"})
    ruled = [c for c in classes if output_shapes.has_shape_rule(c)]
    assert {"Dense", "Flatten", "ZeroPadding2D", "MaxPooling2D", "Concatenate"} <= set(ruled)
    checked = 0
    for analysis in _analyses():
        for facts in analysis.facts:
            if facts.output is None or not facts.inputs:
                continue
            for cls in classes:
                trial = facts.with_type(cls)
                try:
                    full = output_shapes._output_problem(trial)
                except (ArithmeticError, ValueError, TypeError, IndexError):
                    full = None
                assert output_shapes.expected_output_problem(trial) == full, (facts, cls)
                checked += 1
    assert checked > 10_000
