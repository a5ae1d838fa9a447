"""Measure every keras.applications model with and without its top (run inside a Keras venv).

Prints JSON: for each constructor and include_top, the model's default name and its total,
trainable and non-trainable counts, read from the model object built with weights=None at
its default input shape. scripts/application_counts.py runs it in each fixture venv.
"""

from __future__ import annotations

import json
import os
import sys


def _size(weights: list) -> int:  # type: ignore[type-arg]
    total = 0
    for weight in weights:
        count = 1
        for dim in weight.shape:
            count *= int(dim)
        total += count
    return total


def main() -> int:
    flavor = sys.argv[1]
    os.environ.setdefault("KERAS_BACKEND", "jax")
    if flavor == "keras3":
        import keras
    else:
        import tf_keras as keras  # type: ignore[no-redef]
    applications = keras.applications
    found: dict[str, dict[str, dict[str, object]]] = {}
    for name in sorted(dir(applications)):
        build = getattr(applications, name)
        if not name[0].isupper() or not callable(build):
            continue
        for top in (True, False):
            try:
                model = build(weights=None, include_top=top)
            except Exception as error:  # a constructor this version lacks
                print(f"{name} include_top={top}: {type(error).__name__}", file=sys.stderr)
                continue
            found.setdefault(name, {})["top" if top else "no_top"] = {
                "name": model.name,
                "total": int(model.count_params()),
                "trainable": _size(model.trainable_weights),
                "non_trainable": _size(model.non_trainable_weights),
            }
            del model
            keras.backend.clear_session()
    json.dump({"flavor": flavor, "version": keras.__version__, "applications": found}, sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
