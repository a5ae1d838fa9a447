"""A real Keras 3 training run piped through `summaryaudit check --tee` while it trains.

Runs in `.ci/keras-suite` (pytest -m keras), where Keras 3 and JAX are installed.
"""

from __future__ import annotations

import importlib.util
import os
import select
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytestmark = pytest.mark.keras

HANG_GUARD_S = 600.0  # stops a hung run; nothing here asserts a speed

# A model with BatchNormalization on the height axis (axis=1 on channels-last data): SA102.
TRAIN = textwrap.dedent(
    """
    import sys
    import numpy as np
    import keras

    model = keras.Sequential([
        keras.Input((28, 28, 1)),
        keras.layers.Conv2D(8, 3),
        keras.layers.BatchNormalization(axis=1),
        keras.layers.Flatten(),
        keras.layers.Dense(10),
    ])
    model.summary()
    sys.stdout.flush()
    model.compile(optimizer="sgd", loss="mse")
    x = np.random.default_rng(0).random((256, 28, 28, 1), dtype="float32")
    y = np.zeros((256, 10), dtype="float32")
    model.fit(x, y, epochs=2, batch_size=16, verbose=1)
    sys.stdout.flush()
    sys.stdin.readline()  # keep training "open" until the test has seen the finding
    print("training finished")
    """
)


def test_findings_arrive_while_keras_is_still_training(tmp_path: Path) -> None:
    for package in ("keras", "jax"):
        if importlib.util.find_spec(package) is None:
            pytest.skip(f"{package} is not installed: the Keras 3 suite installs .[test,keras]")
    script = tmp_path / "train.py"
    script.write_text(TRAIN, encoding="utf-8")
    teed = tmp_path / "teed.log"
    env = {**os.environ, "KERAS_BACKEND": "jax", "PYTHONUNBUFFERED": "1"}
    with open(teed, "wb") as teed_file:
        audit = subprocess.Popen(
            [sys.executable, "-m", "summaryaudit", "check", "--tee", "--output-format", "concise"],
            stdin=subprocess.PIPE,
            stdout=teed_file,
            stderr=subprocess.PIPE,
        )
        train = subprocess.Popen(
            [sys.executable, str(script)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
        )
        assert audit.stdin and audit.stderr and train.stdout and train.stdin
        log = b""
        report = b""
        training_alive_at_finding = None
        try:
            # the test is the pipe: it forwards Keras' bytes as they come and watches stderr
            while True:
                ready, _, _ = select.select([train.stdout, audit.stderr], [], [], HANG_GUARD_S)
                assert ready, f"nothing happened; log so far: {log[-2000:]!r}"
                if audit.stderr in ready:
                    report += os.read(audit.stderr.fileno(), 65536)
                    if training_alive_at_finding is None and b"SA102" in report:
                        training_alive_at_finding = train.poll() is None
                        train.stdin.write(b"go\n")  # now let training finish
                        train.stdin.flush()
                if train.stdout in ready:
                    chunk = os.read(train.stdout.fileno(), 65536)
                    if not chunk:
                        break
                    log += chunk
                    audit.stdin.write(chunk)
                    audit.stdin.flush()
            assert train.wait(HANG_GUARD_S) == 0
            audit.stdin.close()
            report += audit.stderr.read()
            code = audit.wait(HANG_GUARD_S)
        finally:
            for proc in (train, audit):
                proc.kill()
                proc.wait()
    assert training_alive_at_finding is True, report
    assert b"\r" in log and b"Epoch 2/2" in log  # real progress bars went through the pipe
    assert teed.read_bytes() == log  # --tee passed the training log on unchanged
    lines = report.decode().splitlines()
    assert lines[0].startswith("<stdin>:") and " SA102 bn-axis [warning] " in lines[0], lines
    assert lines[-1] == "1 summary checked: 0 errors, 1 warning, 0 infos."
    assert code == 1
