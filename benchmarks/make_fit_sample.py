"""Record a real Keras 3 training log (summaries, model.fit progress bars, warnings) for the
sparse-log benchmark: benchmarks/data/keras3_fit_sample.log.

Run it with the Python of a throwaway virtual environment OUTSIDE the repository that has a
Keras 3 install, for example:

    python3 -m venv /tmp/venv-keras-fit
    /tmp/venv-keras-fit/bin/pip install keras jax jaxlib scipy
    KERAS_BACKEND=jax /tmp/venv-keras-fit/bin/python benchmarks/make_fit_sample.py

The script starts itself again as a child (`--train`) whose stdout and stderr go to one pipe,
as in `python train.py 2>&1 | summaryaudit check`, and writes the child's bytes unchanged.
The child builds MODELS small models; for each it calls `model.summary()` and then
`model.fit(..., verbose=1)` on random data. Keras 3 draws its progress bar with `\\b` and `\\r`
even into a pipe (it treats every POSIX process as a dynamic display), so each epoch is one
long physical line of overwritten bars. The log is real output; only its size is chosen.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent / "data" / "keras3_fit_sample.log"
MODELS = 20


def _train() -> None:
    """Build, summarise and fit MODELS distinct small models (run in the child)."""
    import warnings

    import keras
    import numpy as np
    from keras import layers

    warnings.simplefilter("default")  # show each warning once per place, as a script would
    keras.utils.set_random_seed(0)
    rng = np.random.default_rng(0)

    def mlp(i: int) -> tuple[keras.Model, tuple[int, ...], int]:
        width = 16 + 8 * i
        model = keras.Sequential(name=f"mlp_{i}")
        # Passing input_shape to a layer is what many scripts still do: Keras 3 warns.
        model.add(layers.Dense(width, activation="relu", input_shape=(20 + i,)))
        for _ in range(i % 3):
            model.add(layers.Dense(width // 2, activation="relu"))
            model.add(layers.Dropout(0.1))
        model.add(layers.Dense(3, activation="softmax"))
        return model, (20 + i,), 3

    def cnn(i: int) -> tuple[keras.Model, tuple[int, ...], int]:
        inputs = keras.Input((12, 12, 1 + i % 3))
        x = layers.Conv2D(4 + i, 3, activation="relu")(inputs)
        x = layers.BatchNormalization()(x)
        x = layers.MaxPooling2D()(x)
        x = layers.Flatten()(x)
        outputs = layers.Dense(3, activation="softmax")(x)
        return keras.Model(inputs, outputs, name=f"cnn_{i}"), (12, 12, 1 + i % 3), 3

    def rnn(i: int) -> tuple[keras.Model, tuple[int, ...], int]:
        inputs = keras.Input((10,), dtype="int32")
        x = layers.Embedding(50 + i, 8 + i)(inputs)
        x = (layers.LSTM if i % 2 else layers.GRU)(6 + i)(x)
        outputs = layers.Dense(3, activation="softmax")(x)
        return keras.Model(inputs, outputs, name=f"rnn_{i}"), (10,), 3

    builders = (mlp, cnn, rnn)
    for n in range(MODELS):
        model, shape, classes = builders[n % 3](n // 3)
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["acc"])
        model.summary()
        if shape == (10,):
            x = rng.integers(0, 50, size=(512, *shape)).astype("int32")
        else:
            x = rng.normal(size=(512, *shape)).astype("float32")
        y = rng.integers(0, classes, size=(512,))
        model.fit(x, y, epochs=2, batch_size=16, validation_split=0.25, verbose=1)
        sys.stdout.flush()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--train", action="store_true", help="(internal) run the training")
    parser.add_argument("--out", type=Path, default=OUT, help=f"output file (default {OUT})")
    args = parser.parse_args()
    if args.train:
        _train()
        return 0
    env = {**os.environ, "KERAS_BACKEND": os.environ.get("KERAS_BACKEND", "jax")}
    child = subprocess.run(
        [sys.executable, __file__, "--train"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        check=False,
    )
    if child.returncode != 0:
        sys.stderr.buffer.write(child.stdout[-4000:])
        return child.returncode
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(child.stdout)
    print(f"wrote {args.out} ({len(child.stdout):,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
