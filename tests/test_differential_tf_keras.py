"""Differential tests: random tf-keras 2.x models, their printed summaries against the objects."""

from __future__ import annotations

import importlib.util
import os
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from summaryaudit import api

from . import keras_models as km
from .test_differential_keras3 import KERAS_SETTINGS

FIXTURE_MODELS = km.ROOT / "scripts" / "fixture_models.py"


@pytest.fixture(scope="module")
def tf_keras() -> Any:
    """tf_keras (legacy Keras 2 API) and the row logic of scripts/fixture_models.py, or a skip."""
    os.environ["TF_USE_LEGACY_KERAS"] = "1"
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    module = pytest.importorskip(
        "tf_keras",
        reason="tf-keras is not installed (needs tensorflow-cpu, ~600 MB; not in .ci/keras-suite: "
        "pip install tf-keras tensorflow-cpu to run this suite)",
    )
    spec = importlib.util.spec_from_file_location("fixture_models", FIXTURE_MODELS)
    assert spec and spec.loader
    fm = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fm)
    return module, fm.Env("tf_keras"), fm


@pytest.mark.keras
@KERAS_SETTINGS
@given(data=st.data())
def test_every_field_equals_the_model_object(tf_keras: Any, data: st.DataObject) -> None:
    keras, env, fm = tf_keras
    built = km.build_model(keras, data)
    options = {**built.options, "columns": None, "line_length": built.options["line_length"]}
    lines: list[str] = []
    kw = {k: options[k] for k in ("line_length", "expand_nested", "show_trainable") if options[k]}
    built.model.summary(print_fn=lambda line, *a, **k: lines.append(line), **kw)
    text = "".join(line + "\n" for line in lines)
    rows = fm.keras2_rows(env, built.model, options)
    truth = {
        "expected_dialect": env.dialect,
        "model_name": built.model.name,
        # tf_keras prints a Trainable (Y/N) column for every row when show_trainable is set
        "options": options,
        "layers": rows,
        "totals": fm.keras2_totals(env, built.model),
        "faults": km.bn_faults(built.model, rows),
    }
    summary = km.compare(text, truth, source="tf_keras")
    report = api.check_text(text, source="tf_keras")
    assert km.loud(report) == km.expected_loud(summary, truth), text
