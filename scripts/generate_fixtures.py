#!/usr/bin/env python3
"""Generate fixtures/real/: real model.summary() output from several Keras generations.

For each generation this script creates (or reuses) a virtual environment OUTSIDE the
repository, installs pinned packages from PyPI, and runs scripts/fixture_models.py inside
it with a controlled environment (fresh HOME/KERAS_HOME with its own keras.json,
KERAS_BACKEND, COLUMNS, PYTHONPATH for `pip install -t` Keras copies, THEANO_FLAGS=cxx=).
That script writes <case>.txt (what Keras printed) and <case>.truth.json (ground truth read
from the model object) into fixtures/real/<generation>/.

Standard library only.  Examples:

    python scripts/generate_fixtures.py --list
    python scripts/generate_fixtures.py --only keras3,tf_keras
    python scripts/generate_fixtures.py --venvs /tmp/venvs --only keras1.2.2
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MODEL_SCRIPT = REPO / "scripts" / "fixture_models.py"
OUT_ROOT = REPO / "fixtures" / "real"
# Real prints the current parser or audit does not yet read right wait here (same layout as
# fixtures/real; fixtures/pending/README.md says what each one trips), out of the test globs.
PENDING_ROOT = REPO / "fixtures" / "pending"
DEFAULT_VENVS = Path.home() / ".cache" / "summaryaudit-fixture-venvs"

THEANO_BASE = [
    ["pip==21.3.1"],
    ["theano==1.0.5", "numpy==1.19.5", "scipy==1.5.4", "h5py==2.10.0", "pyyaml", "six"],
]
PY36_BASE = [["pip==21.3.1"]]
KERAS1_JSON = {
    "backend": "theano",
    "image_dim_ordering": "th",
    "floatx": "float32",
    "epsilon": 1e-07,
}
KERAS2_THEANO_JSON = {
    "backend": "theano",
    "image_data_format": "channels_last",
    "floatx": "float32",
    "epsilon": 1e-07,
}
TF_JSON = {
    "backend": "tensorflow",
    "image_data_format": "channels_last",
    "floatx": "float32",
    "epsilon": 1e-07,
}
THEANO_ENV = {"KERAS_BACKEND": "theano", "THEANO_FLAGS": "cxx=,device=cpu,floatX=float32"}


def _standalone(version: str, extra: list[str] | None = None) -> dict:
    major = int(version.split(".")[0])
    return {
        "id": "keras" + version,
        "python": "3.6.15",
        "venv": "theano36",  # one Theano venv shared by all standalone Keras copies
        "pip": THEANO_BASE,
        "target": {"dir": "kv/" + version, "pkgs": ["keras==" + version, *(extra or [])]},
        "flavor": "keras",
        "keras_json": KERAS1_JSON if major == 1 else KERAS2_THEANO_JSON,
        "runs": [{"env": dict(THEANO_ENV)}],
        "probe": ["Theano", "numpy", "scipy", "keras-applications", "keras-preprocessing"],
    }


KERAS_APPS = ["keras_applications==1.0.8", "keras_preprocessing==1.1.2"]

GENERATIONS: list[dict] = [
    {
        "id": "keras3",
        "python": "3.11.7",
        "venv": "keras3",
        "pip": [["keras", "jax", "jaxlib", "scipy"]],
        "flavor": "keras",
        "keras_json": {
            "backend": "numpy",
            "image_data_format": "channels_last",
            "floatx": "float32",
            "epsilon": 1e-07,
        },
        # numpy backend for building/printing; jax for the one case that calls fit()
        "runs": [
            {"env": {"KERAS_BACKEND": "numpy", "COLUMNS": "200"}},
            {"env": {"KERAS_BACKEND": "jax", "COLUMNS": "200"}, "args": ["--backend-only"]},
        ],
        "probe": ["jax", "jaxlib", "rich", "numpy", "scipy"],
    },
    {
        "id": "tf_keras",
        "python": "3.11.7",
        "venv": "tf_keras",
        # (tensorflow-model-optimization and keras-self-attention for their layers' cases)
        "pip": [
            [
                "tensorflow-cpu==2.21.0",
                "tf-keras==2.21.0",
                "tensorflow-model-optimization==0.8.1",
                "keras-self-attention==0.51.0",
            ]
        ],
        "flavor": "tf_keras",
        "keras_json": TF_JSON,
        "runs": [{"env": {"TF_CPP_MIN_LOG_LEVEL": "3"}}],
        "probe": [
            "tensorflow",
            "tensorflow-cpu",
            "tf-keras",
            "tensorflow-model-optimization",
            "keras-self-attention",
            "numpy",
            "protobuf",
        ],
    },
    {
        "id": "tf2.12",
        "python": "3.11.7",
        "venv": "tf2.12",
        # (QKeras for its layers' case: it needs Keras 2)
        "pip": [
            [
                "tensorflow-cpu==2.12.1",
                "qkeras==0.9.0",
                "pyparsing==3.3.3",
                "tensorflow-addons==0.20.0",
            ]
        ],
        "flavor": "tf.keras",
        "keras_json": TF_JSON,
        "runs": [{"env": {"TF_CPP_MIN_LOG_LEVEL": "3"}}],
        "probe": [
            "tensorflow",
            "tensorflow-cpu",
            "tf-keras",
            "qkeras",
            "tensorflow-addons",
            "numpy",
            "protobuf",
        ],
    },
    _standalone("2.2.4", KERAS_APPS),
    _standalone("2.3.1", KERAS_APPS),
    _standalone("1.2.2"),
    _standalone("1.1.2"),
    _standalone("1.0.8"),
    _standalone("2.0.8"),
    _standalone("0.3.3"),
    {
        "id": "tf1.14",
        "python": "3.6.15",
        "venv": "tf1.14",
        "pip": [*PY36_BASE, ["tensorflow==1.14.0", "numpy==1.16.6", "protobuf<3.20"]],
        "flavor": "tf.keras",
        "keras_json": TF_JSON,
        "runs": [{"env": {"TF_CPP_MIN_LOG_LEVEL": "3"}}],
        "probe": ["tensorflow", "tensorflow-cpu", "tf-keras", "numpy", "protobuf"],
    },
    {
        "id": "tf2.0",
        "python": "3.6.15",
        "venv": "tf2.0",
        "pip": [*PY36_BASE, ["tensorflow==2.0.0", "numpy==1.17.5", "protobuf<3.20"]],
        "flavor": "tf.keras",
        "keras_json": TF_JSON,
        "runs": [{"env": {"TF_CPP_MIN_LOG_LEVEL": "3"}}],
        "probe": ["tensorflow", "tensorflow-cpu", "tf-keras", "numpy", "protobuf"],
    },
    {
        "id": "tf2.9",
        "python": "3.10.13",
        "venv": "tf2.9",
        "pip": [["tensorflow-cpu==2.9.3", "numpy<1.24", "protobuf<3.20"]],
        "flavor": "tf.keras",
        "keras_json": TF_JSON,
        "runs": [{"env": {"TF_CPP_MIN_LOG_LEVEL": "3"}}],
        "probe": ["tensorflow", "tensorflow-cpu", "tf-keras", "numpy", "protobuf"],
    },
    {
        "id": "keras3.0.5",
        "python": "3.11.7",
        "venv": "keras3.0.5",
        "pip": [
            [
                "keras==3.0.5",
                "numpy<2",
                "jax==0.4.25",
                "jaxlib==0.4.25",
                "scipy",
                "packaging",
                "rich==13.7.1",
            ]
        ],
        "flavor": "keras",
        "keras_json": {
            "backend": "jax",
            "image_data_format": "channels_last",
            "floatx": "float32",
            "epsilon": 1e-07,
        },
        "runs": [{"env": {"KERAS_BACKEND": "jax", "COLUMNS": "200"}}],
        "probe": ["jax", "jaxlib", "rich", "numpy", "scipy"],
    },
]
BY_ID = {g["id"]: g for g in GENERATIONS}

# Written into fixtures/real/README.md: how the catalogue had to bend for each API.
NOTES = [
    "Cases a generation cannot express are skipped, not faked: `expand_nested` needs "
    "tf.keras >= 2.7 / Keras 3, `show_trainable` and `layer_range` tf.keras >= 2.8 / Keras 3, "
    "`MultiHeadAttention`/`LayerNormalization`/`Attention`/`Normalization` need a Keras that "
    "has them; `unbuilt_sequential`, the width/rendering variants and `compiled_fitted` are "
    "Keras 3 only (the fitted model uses the jax backend, everything else the numpy backend).",
    "Keras 1.x uses its own API (`Convolution2D`, `merge(mode=...)`, `dim_ordering` "
    "'th'/'tf', `BatchNormalization(mode=0)`); Keras 1.0 cannot share a mode-0 "
    "BatchNormalization, so its siamese encoder uses `mode=2`; Keras 1.0.8 has no "
    "`GlobalMaxPooling1D` (text_cnn uses MaxPooling1D + Flatten there).",
    "Keras 2.0.8 on Theano has no `separable_conv2d` (conv_zoo uses Conv2D there), no "
    "`Flatten(data_format=...)` and no `GRU(reset_after=...)`.",
    "tf.keras before TF 2.5 crashes in `count_params()` on a subclassed model's unused "
    "attribute layer, so `subclassed_model` has no unused layer there (from TF 2.5 on it "
    "prints `0 (unused)`; Keras 3 prints `?` / `0 (unbuilt)`).",
    "Standalone Keras on pure-Python Theano draws initial weights with numpy (a patched "
    "`K.random_uniform`/`random_normal`); this changes no shape, name or count.",
    "Extra truth keys beyond the schema: `capture` (`stdout` or `stdout-cp1252`, when the "
    "text was captured from sys.stdout instead of `print_fn`) and `ansi` (true for the "
    "forced-colour Keras 3 case); per row, `bn_axis` (a BatchNormalization's axes, counted "
    "from the batch axis 0 of its output shape) and `calls` (how many times the model calls "
    "a shared layer, when more than once). A frozen layer is a row with `trainable: false`; "
    "`options.layer_range` is the range a sliced print was asked for.",
    "Issue 9 cases: `resnet50`, `densenet121`, `nasnet_mobile` are `keras.applications` "
    "models built with `weights=None` (nothing is downloaded), Keras 3 only; "
    "`layer_range` bounds are matched by `re.match` on the names (Keras 3, tf-keras, "
    "tf.keras), so `layer_range_cnn_head`'s end `activation` selects through the last "
    "`activation_2` row; Keras 1 `bn_axis*` cases put a BatchNormalization on `axis` 1, 2 "
    "or 3 of a `(None, 64, 64, 32)` / `(None, 48, 64, 32)` ('tf') or `(None, 32, 64, 64)` / "
    "`(None, 32, 48, 64)` ('th') output; every `long_names*` case keeps the names Keras "
    "cuts, so its class is partly or wholly cut in Keras <= 2 prints.",
    "Prints that real Keras produced but that the current parser or audit does not yet "
    "read right are kept in `fixtures/pending/<generation>/` (outside the test globs; "
    "`fixtures/pending/README.md` says what each one trips); the generator refreshes them "
    "there. Regenerate a few cases with `--cases a,b` (the generation's others are kept).",
]


def log(msg: str) -> None:
    print(time.strftime("%H:%M:%S"), msg, flush=True)


def pyenv_python(version: str) -> Path:
    root = os.environ.get("PYENV_ROOT")
    if not root:
        try:
            root = subprocess.run(
                ["pyenv", "root"], check=True, text=True, stdout=subprocess.PIPE
            ).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            root = str(Path.home() / ".pyenv")
    py = Path(root) / "versions" / version / "bin" / "python"
    if not py.exists():
        raise SystemExit(f"Python {version} not found at {py} (install it with pyenv)")
    return py


def _stamp(obj) -> str:
    return hashlib.sha256(json.dumps(obj, sort_keys=True).encode()).hexdigest()[:16]


def pip_env() -> dict:
    env = dict(os.environ)
    env.setdefault("PIP_DISABLE_PIP_VERSION_CHECK", "1")
    env.pop("PYTHONPATH", None)
    return env


def ensure_venv(gen: dict, venvs: Path, logf) -> Path:
    vdir = venvs / gen["venv"]
    py = vdir / "bin" / "python"
    marker = vdir / (".summaryaudit-" + _stamp(gen["pip"]))
    if not (py.exists() and marker.exists()):
        if not py.exists():
            log(f"  creating venv {vdir} (Python {gen['python']})")
            subprocess.run(
                [str(pyenv_python(gen["python"])), "-m", "venv", str(vdir)],
                check=True,
                stdout=logf,
                stderr=logf,
            )
        for group in gen["pip"]:
            log(f"  pip install {' '.join(group)}")
            subprocess.run(
                [str(py), "-m", "pip", "install", *group],
                check=True,
                stdout=logf,
                stderr=logf,
                env=pip_env(),
            )
        marker.write_text(json.dumps(gen["pip"]) + "\n")
    target = gen.get("target")
    if target:
        tdir = vdir / target["dir"]
        tmarker = tdir / (".summaryaudit-" + _stamp(target["pkgs"]))
        if not tmarker.exists():
            log(f"  pip install --no-deps -t {tdir} {' '.join(target['pkgs'])}")
            subprocess.run(
                [
                    str(py),
                    "-m",
                    "pip",
                    "install",
                    "--no-deps",
                    "--upgrade",
                    "-t",
                    str(tdir),
                    *target["pkgs"],
                ],
                check=True,
                stdout=logf,
                stderr=logf,
                env=pip_env(),
            )
            tmarker.write_text(json.dumps(target["pkgs"]) + "\n")
    return vdir


def installed_versions(py: Path, extra_path: str | None, names: list[str]) -> dict:
    """Versions of the given distributions as the venv's Python sees them."""
    code = "\n".join(
        [
            "import json",
            "try:",
            "    from importlib.metadata import version",
            "except ImportError:",
            "    import pkg_resources",
            "    def version(n):",
            "        return pkg_resources.get_distribution(n).version",
            "out = {}",
            "for n in " + repr(names) + ":",
            "    try:",
            "        out[n] = version(n)",
            "    except Exception:",
            "        pass",
            "print(json.dumps(out))",
        ]
    )
    env = pip_env()
    if extra_path:
        env["PYTHONPATH"] = extra_path
    try:
        res = subprocess.run(
            [str(py), "-c", code],
            text=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
            stdin=subprocess.DEVNULL,
            timeout=600,
        )
        return json.loads(res.stdout.strip().splitlines()[-1])
    except Exception:
        return {}


def run_generation(
    gen: dict, venvs: Path, logdir: Path, cases: str | None = None
) -> tuple[int, int]:
    """Run one generation; with `cases`, only those cases are rewritten, the others kept."""
    gid = gen["id"]
    logdir.mkdir(parents=True, exist_ok=True)
    logpath = logdir / f"{gid}.log"
    with open(logpath, "w") as logf:
        vdir = ensure_venv(gen, venvs, logf)
        py = vdir / "bin" / "python"
        extra_path = str(vdir / gen["target"]["dir"]) if gen.get("target") else None
        out_dir = OUT_ROOT / gid
        with tempfile.TemporaryDirectory(prefix=f"summaryaudit-{gid}-") as tmp:
            tmp = Path(tmp)
            stage = tmp / "out"
            stage.mkdir()
            failures = 0
            for run in gen["runs"]:
                home = tmp / "home"
                if home.exists():
                    shutil.rmtree(home)
                kdir = home / ".keras"
                kdir.mkdir(parents=True)
                (kdir / "keras.json").write_text(json.dumps(gen["keras_json"], indent=4))
                env = {
                    "PATH": f"{vdir / 'bin'}:/usr/bin:/bin",
                    "HOME": str(home),
                    "KERAS_HOME": str(kdir),
                    "LANG": "C.UTF-8",
                    "LC_ALL": "C.UTF-8",
                    "PYTHONIOENCODING": "utf-8",
                    "PYTHONHASHSEED": "0",
                    "PYTHONDONTWRITEBYTECODE": "1",
                    "TMPDIR": str(tmp),
                }
                env.update(run.get("env", {}))
                if extra_path:
                    env["PYTHONPATH"] = extra_path
                cmd = [
                    str(py),
                    str(MODEL_SCRIPT),
                    "--flavor",
                    gen["flavor"],
                    "--generation",
                    gid,
                    "--out",
                    str(stage),
                    *run.get("args", []),
                    *(["--cases", cases] if cases else []),
                ]
                log(
                    "  run "
                    + " ".join(f"{k}={v}" for k, v in sorted(run.get("env", {}).items()))
                    + " "
                    + " ".join(cmd[1:])
                )
                logf.write("$ " + " ".join(cmd) + "\n")
                logf.flush()
                res = subprocess.run(
                    cmd, env=env, stdin=subprocess.DEVNULL, stdout=logf, stderr=logf, cwd=str(tmp)
                )
                if res.returncode != 0:
                    failures += 1
            txts = sorted(stage.glob("*.txt"))
            if not txts and not cases:
                raise RuntimeError(f"{gid}: no fixtures produced (see {logpath})")
            # replace this generation's previous outputs; a case parked in fixtures/pending
            # is refreshed there instead
            pending_dir = PENDING_ROOT / gid
            parked = {p.name for p in pending_dir.glob("*.txt")} if pending_dir.is_dir() else set()
            if out_dir.exists() and not cases:
                for old in list(out_dir.glob("*.txt")) + list(out_dir.glob("*.truth.json")):
                    old.unlink()
            out_dir.mkdir(parents=True, exist_ok=True)
            for f in sorted(stage.iterdir()):
                case_txt = f.name.replace(".truth.json", ".txt")
                dest = pending_dir if case_txt in parked else out_dir
                shutil.copyfile(f, dest / f.name)
        versions = installed_versions(py, extra_path, ["keras", *gen.get("probe", [])])
        environment = {
            "generation": gid,
            "python": gen["python"],
            "pip": gen["pip"],
            "target": gen.get("target"),
            "flavor": gen["flavor"],
            "keras_json": gen["keras_json"],
            "runs": gen["runs"],
            "versions": versions,
            "cases": len(list(out_dir.glob("*.txt")))
            + (len(list(pending_dir.glob("*.txt"))) if pending_dir.is_dir() else 0),
        }
        (out_dir / "ENVIRONMENT.json").write_text(json.dumps(environment, indent=1) + "\n")
    return len(txts), failures


def write_readme(status: dict[str, str]) -> None:
    """Regenerate fixtures/real/README.md from what is on disk."""
    rows = []
    for gen in GENERATIONS:
        d = OUT_ROOT / gen["id"]
        envf = d / "ENVIRONMENT.json"
        if not envf.exists():
            continue
        info = json.loads(envf.read_text())
        truths = sorted(d.glob("*.truth.json"))
        if not truths:
            continue
        t0 = json.loads(truths[0].read_text())
        backends = sorted({json.loads(t.read_text())["backend"] for t in truths})
        pkgs = " ".join(p for grp in info["pip"] for p in grp if not p.startswith("pip=="))
        if info.get("target"):
            pkgs += "`; `-t` copy: `" + " ".join(info["target"]["pkgs"])
        keras = f"{t0['flavor']} {t0['keras_version']}"
        versions = info.get("versions", {})
        tf_version = versions.get("tensorflow") or versions.get("tensorflow-cpu")
        if tf_version:
            keras += f" (TensorFlow {tf_version})"
        rows.append(
            f"| `{gen['id']}` | {keras} | "
            f"{', '.join(backends)} | {t0['python']} | {t0['expected_dialect']} | "
            f"{len(truths)} | `{pkgs}` |"
        )
    missing = [f"- `{g}`: {why}" for g, why in status.items() if why != "ok"]
    for gen in GENERATIONS:
        if not (OUT_ROOT / gen["id"]).exists() and gen["id"] not in status:
            missing.append(f"- `{gen['id']}`: not generated yet")
    text = [
        "# Real Keras summaries",
        "",
        "Every `<generation>/<case>.txt` here is the verbatim output of `model.summary()` from a "
        "real Keras install (nothing re-wrapped or stripped; Keras 3 output captured from "
        "stdout, other versions through `print_fn` or stdout), and `<case>.truth.json` is the "
        "ground truth read from the same model object: the printed rows in order (name, class, "
        "`count_params()`, trainable, nesting depth, output shape), the totals computed the way "
        "that Keras version computes them, and deliberate modelling faults (`SA102` for a "
        "BatchNormalization on the wrong axis). They are produced by "
        "`python scripts/generate_fixtures.py` (all generations; `--only keras3,tf_keras` for "
        "some; `--list` to list them), which builds throwaway virtual environments in "
        "`~/.cache/summaryaudit-fixture-venvs/` (`--venvs DIR` to move them), installs the "
        "pinned packages below from PyPI and runs `scripts/fixture_models.py` inside each with "
        "a fresh `HOME`/`KERAS_HOME` holding its own `keras.json`, `KERAS_BACKEND`, "
        "`COLUMNS=200` for Keras 3 (some cases override it in-process: unset → 76-wide pipe "
        "output, 64, a `line_length` wider than the console, forced colour, a cp1252 stream "
        "for the ASCII box) and, for standalone Keras, `THEANO_FLAGS=cxx=` and "
        "`PYTHONPATH` pointing at a `pip install --no-deps -t` copy of that Keras. Each "
        "`ENVIRONMENT.json` records the exact versions that were imported. The model script "
        "checks every fixture before writing it (each row name, or its printed prefix, appears "
        "in order in the text, and the printed totals equal the computed ones).",
        "",
        "| generation | Keras (flavour, version) | backend | Python | dialect | cases | packages |",
        "|---|---|---|---|---|---|---|",
        *rows,
        "",
    ]
    text += ["Notes:", "", *("- " + n for n in NOTES), ""]
    if missing:
        text += ["Not produced:", "", *missing, ""]
    (OUT_ROOT / "README.md").write_text("\n".join(text))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--only", help="comma-separated generation ids (default: all)")
    ap.add_argument("--list", action="store_true", help="list the generations and exit")
    ap.add_argument(
        "--venvs",
        type=Path,
        default=DEFAULT_VENVS,
        help=f"where the throwaway venvs live (default {DEFAULT_VENVS})",
    )
    ap.add_argument(
        "--cases",
        help="comma-separated case names: regenerate only these, keep the generation's others",
    )
    ap.add_argument(
        "--keep-going",
        action="store_true",
        help="continue with the next generation after a failure",
    )
    args = ap.parse_args(argv)
    if args.list:
        for g in GENERATIONS:
            pkgs = " ".join(p for grp in g["pip"] for p in grp)
            if g.get("target"):
                pkgs += " | -t " + " ".join(g["target"]["pkgs"])
            print(f"{g['id']:12} python {g['python']:8} {g['flavor']:9} {pkgs}")
        return 0
    ids = [s.strip() for s in args.only.split(",")] if args.only else [g["id"] for g in GENERATIONS]
    unknown = [i for i in ids if i not in BY_ID]
    if unknown:
        ap.error("unknown generation(s): " + ", ".join(unknown) + " (see --list)")
    venvs = args.venvs.expanduser().resolve()
    if REPO in venvs.parents or venvs == REPO:
        ap.error("--venvs must be outside the repository")
    venvs.mkdir(parents=True, exist_ok=True)
    logdir = venvs / "logs"
    status: dict[str, str] = {}
    rc = 0
    for gid in ids:
        log(f"== {gid}")
        try:
            n, failed_runs = run_generation(BY_ID[gid], venvs, logdir, args.cases)
            status[gid] = "ok"
            log(
                f"   {n} cases written to {OUT_ROOT / gid}"
                + (
                    f" ({failed_runs} run(s) reported failed cases, see {logdir / gid}.log)"
                    if failed_runs
                    else ""
                )
            )
            if failed_runs:
                rc = 1
        except Exception as exc:
            status[gid] = f"failed: {exc}"
            log(f"   FAILED: {exc} (log: {logdir / gid}.log)")
            rc = 1
            if not args.keep_going:
                break
    write_readme(status)
    return rc


if __name__ == "__main__":
    sys.exit(main())
