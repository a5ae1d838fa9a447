"""Differential tests: random real Keras 3 models, their printed summaries against the objects."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import strategies as st

from summaryaudit import api, rebuild_check
from summaryaudit.rebuild import incomplete_reason, rebuild

from . import keras_models as km

# Examples per run of each @given test below (CI: .ci/keras-suite; the README states it).
EXAMPLES = int(os.environ.get("SUMMARYAUDIT_KERAS_EXAMPLES", "150"))
# SUMMARYAUDIT_KERAS_SHRINK=0 skips shrinking (quick triage while developing).
PHASES = (
    tuple(Phase)
    if os.environ.get("SUMMARYAUDIT_KERAS_SHRINK", "1") != "0"
    else (
        Phase.explicit,
        Phase.generate,
    )
)
KERAS_SETTINGS = settings(
    max_examples=EXAMPLES,
    # The same examples on every run, so CI is reproducible; SUMMARYAUDIT_KERAS_RANDOM=1 explores.
    derandomize=os.environ.get("SUMMARYAUDIT_KERAS_RANDOM", "0") != "1",
    phases=PHASES,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
)
# Set SUMMARYAUDIT_SAVE_FAILURES=<name> to write the (shrunk) failing example of a run to
# fixtures/hypothesis/<name>.txt + .truth.json; the last call hypothesis makes is the minimal one.
SAVE_AS = os.environ.get("SUMMARYAUDIT_SAVE_FAILURES", "")

HYPOTHESIS_CASES = sorted(km.HYPOTHESIS_FIXTURES.glob("*.truth.json"))


@pytest.fixture(scope="module")
def keras3() -> Any:
    """Keras 3 on the numpy backend, or a visible skip."""
    os.environ["KERAS_BACKEND"] = "numpy"
    keras = pytest.importorskip(
        "keras",
        reason="keras 3 is not installed: pip install -e '.[keras]' (runs in .ci/keras-suite)",
    )
    if int(keras.__version__.split(".")[0]) < 3:
        pytest.skip(f"keras {keras.__version__} is not Keras 3")
    if keras.backend.backend() != "numpy":
        pytest.skip(f"keras was imported earlier with the {keras.backend.backend()} backend")
    return keras


def _built(keras: Any, data: st.DataObject) -> tuple[km.Built, str, dict[str, Any]]:
    built = km.build_model(keras, data)
    text = km.summary_text(built.model, built.options)
    truth = km.truth_for(built.model, built.options, case=SAVE_AS or "random")
    return built, text, truth


def _saving(text: str, truth: dict[str, Any], check: Any) -> Any:
    """Run check(); on failure save the example as a fixture when asked to."""
    try:
        return check()
    except AssertionError as exc:
        print(text)  # shown by pytest with the failure
        if SAVE_AS:
            km.save_fixture(SAVE_AS, text, truth, bug=f"{type(exc).__name__}: {exc}"[:500])
        raise


@pytest.mark.keras
@KERAS_SETTINGS
@given(data=st.data())
def test_every_field_equals_the_model_object(keras3: Any, data: st.DataObject) -> None:
    _, text, truth = _built(keras3, data)

    def check() -> None:
        summary = km.compare(text, truth)
        report = api.check_text(text, source="keras3")
        got = km.loud(report)
        assert got == km.expected_loud(summary, truth), [
            f.message for f in report.findings if f.severity.value != "info"
        ]

    _saving(text, truth, check)


def _explainable(layer: Any, value: int) -> bool:
    """Whether some other configuration of this Dense/Conv layer could print `value`."""
    fan_in = int(layer.kernel.shape[-2])
    units = int(layer.kernel.shape[-1])
    if layer.__class__.__name__ == "Dense":
        # P = fan_in × units (+ units bias) (+ r × (fan_in + units): Keras 3 LoRA of rank r)
        rests = (value - fan_in * units - bias for bias in (0, units))
        return any(r == 0 or (r > 0 and r % (fan_in + units) == 0) for r in rests)
    # Conv: the kernel size is not printed, so any multiple of the filters may fit.
    return value % units == 0


@pytest.mark.keras
@KERAS_SETTINGS
@given(data=st.data())
def test_one_edited_count_is_flagged_on_its_row(keras3: Any, data: st.DataObject) -> None:
    built, text, truth = _built(keras3, data)
    summary = api.parse_text(text)[0]
    assume(not summary.cropped and len(summary.layers) == len(truth["layers"]))
    layers = {layer.name: layer for layer in km._all_layers(built.model)}
    pairs = list(zip(summary.layers, truth["layers"]))
    kind = data.draw(st.sampled_from(["row", "weightless", "total"]), label="mutation")
    if kind == "total":
        printed = truth["totals"]["total"]
        new = data.draw(st.sampled_from([printed + 1, printed * 2 + 1, max(printed - 1, 1)]))
        assume(new != printed)
        mutated = km.set_total(text, new)
        want_codes = {"SA202"}
        want_line = summary.totals.total.line
    else:
        types = km.DECIDABLE if kind == "row" else km.WEIGHTLESS
        # A Dense/Conv count is decidable only when its input shape is printed: the row just
        # above at the top level (not the first row of a Sequential table, not a nested row).
        rows = [
            (got, want)
            for i, (got, want) in enumerate(pairs)
            if want["type"] in types
            and (
                kind == "weightless"
                or (i > 0 and want["depth"] == 0 and pairs[i - 1][1]["depth"] == 0)
            )
        ]
        assume(rows)
        got, want = data.draw(st.sampled_from(rows), label="row")
        if kind == "row":
            p = want["params"]
            new = data.draw(st.sampled_from([p + 1, p - 1, 2 * p]), label="new count")
            assume(not _explainable(layers[want["name"]], new))
            want_codes = {"SA101"}
        else:
            new = data.draw(st.integers(1, 999), label="new count")
            want_codes = {"SA103"}
        edited = km.set_row_params(text, got.line, new)
        assume(edited is not None)
        mutated = edited
        want_line = got.line
    report = api.check_text(mutated, source="mutated")
    hits = [f for f in report.findings if f.code in want_codes and f.line == want_line]
    found = [(f.code, f.line, f.message) for f in report.findings]
    assert hits, f"{kind}: want {want_codes} on line {want_line}, got {found}\n{mutated}"


@pytest.mark.keras
@settings(KERAS_SETTINGS, max_examples=max(EXAMPLES // 3, 1))
@given(data=st.data())
def test_rebuild_of_the_printed_summary_has_the_same_counts(
    keras3: Any, data: st.DataObject
) -> None:
    """rebuild(summary) builds a model whose summary has the same rows, counts and totals."""
    _, text, truth = _built(keras3, data)
    summary = api.parse_text(text)[0]
    assume(incomplete_reason(summary) is None)
    code = rebuild(summary)

    def check() -> None:
        keras3.backend.clear_session()
        try:
            result = rebuild_check.check(code, summary)
        except Exception as exc:  # Keras refused the rebuilt model: show the code
            raise AssertionError(f"{type(exc).__name__}: {exc}\n{code}") from exc
        counts = [d for d in result.differences if "Param #" in d or "params" in d or "rows" in d]
        assert not counts, (counts, code)

    _saving(text, truth, check)


# --------------------------------------------------------------------------- always on


@pytest.mark.parametrize(
    "truth_path", HYPOTHESIS_CASES, ids=[p.name.split(".")[0] for p in HYPOTHESIS_CASES]
)
def test_hypothesis_fixture_reads_right(truth_path: Path) -> None:
    """Examples hypothesis once found failing (no keras needed): they must read right."""
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    text = truth_path.with_name(truth_path.name.replace(".truth.json", ".txt")).read_text(
        encoding="utf-8"
    )
    try:
        summary = km.compare(text, truth, source=truth_path.name)
        report = api.check_text(text, source=truth_path.name)
        assert km.loud(report) == km.expected_loud(summary, truth)
    except AssertionError:
        if truth.get("open_bug"):
            pytest.xfail(f"open bug: {truth['open_bug']}")
        raise
    assert not truth.get("open_bug"), "fixed: delete the open_bug key from this truth file"
