"""Build a catalogue of small Keras models and record their real summaries.

Runs INSIDE a throwaway environment holding one Keras generation (see
scripts/generate_fixtures.py, which sets it up).  Must stay importable on
Python 3.6 (old Keras/Theano) as well as 3.11: keep the syntax plain.

For every case it writes into --out:
  <case>.txt         exactly what Keras printed for model.summary(...)
  <case>.truth.json  ground truth read from the model object (rows in printed
                     order, totals computed the way this Keras version does)
"""

import argparse
import collections
import contextlib
import inspect
import io
import json
import os
import re
import sys
import traceback

GENERATOR = "scripts/fixture_models.py"
ANSI_RE = re.compile("\x1b\\[[0-9;]*[A-Za-z]")


# ---------------------------------------------------------------------------
# flavour detection and imports


class Env:
    """Everything the catalogue needs from one Keras flavour."""

    def __init__(self, flavor):
        self.flavor = flavor
        if flavor == "tf_keras":
            import tensorflow as tf
            import tf_keras as keras

            self.tf = tf
        elif flavor == "tf.keras":
            import tensorflow as tf
            from tensorflow import keras

            self.tf = tf
        else:
            if flavor == "keras" and os.environ.get("KERAS_BACKEND") == "theano":
                import theano
                import theano.ifelse  # noqa: F401  (Keras 1.x forgets this import)
            import keras

            self.tf = None
        self.keras = keras
        self.version = keras.__version__
        self.major = int(self.version.split(".")[0])
        self.vtuple = tuple(int(x) for x in re.findall(r"\d+", self.version)[:3])
        if flavor == "keras" and self.major >= 3:
            self.flavor = "keras3"
        if self.major == 0:  # (Keras 0.3 imports no submodule: its cases import their own)
            import keras.layers
            import keras.models
        self.layers = keras.layers
        self.models = keras.models
        if self.flavor == "keras3":
            self.backend_name = keras.backend.backend()
        elif self.tf is not None:
            self.backend_name = "tensorflow"
        elif self.major == 0:
            self.backend_name = keras.backend._BACKEND  # (Keras 0.3 has no backend())
        else:
            self.backend_name = keras.backend.backend()
        if self.flavor == "keras3":
            from keras.src.utils import summary_utils as su

            self.summary_module = su
        else:
            from importlib import import_module

            base = {"tf_keras": "tf_keras.src", "tf.keras": None, "keras": "keras"}[self.flavor]
            mod = None
            if base is None:
                for cand in (
                    "keras.src.utils.layer_utils",
                    "keras.utils.layer_utils",
                    "tensorflow.python.keras.utils.layer_utils",
                ):
                    try:
                        mod = import_module(cand)
                        if hasattr(mod, "print_summary"):
                            break
                    except Exception:
                        mod = None
            else:
                mod = import_module(base + ".utils.layer_utils")
            self.summary_module = mod
        try:
            self.summary_source = inspect.getsource(self.summary_module.print_summary)
        except Exception:
            self.summary_source = ""
        if self.flavor == "keras" and self.backend_name == "theano" and self.major == 2:
            self._patch_theano_random()

    # Pure-Python Theano draws random numbers very slowly; initial values do
    # not change any shape or count, so draw them with numpy instead.
    def _patch_theano_random(self):
        import numpy as np

        K = self.keras.backend
        rng = np.random.RandomState(0)

        def _uniform(shape, minval=0.0, maxval=1.0, dtype=None, seed=None):
            return rng.uniform(minval, maxval, size=tuple(shape)).astype("float32")

        def _normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
            return (rng.standard_normal(size=tuple(shape)) * stddev + mean).astype("float32")

        from keras import initializers

        for mod in (K, initializers, getattr(initializers, "K", None)):
            if mod is None:
                continue
            if hasattr(mod, "random_uniform"):
                mod.random_uniform = _uniform
            if hasattr(mod, "random_normal"):
                mod.random_normal = _normal
            if hasattr(mod, "truncated_normal"):
                mod.truncated_normal = _normal

    @property
    def dialect(self):
        if self.flavor == "keras3":
            return "keras3"
        if self.flavor == "keras" and self.major <= 1:
            return "keras1"  # (Keras 0.3 prints read as Keras 1's: its rows written name-first)
        if self.flavor == "tf_keras":
            return "keras2-wrapped"
        if self.tf is not None and self.vtuple >= (2, 7):
            return "keras2-wrapped"
        return "keras2"

    def clear(self):
        """Fresh default layer names for every case (dense, dense_1 / dense_1, dense_2)."""
        K = self.keras.backend
        if hasattr(K, "clear_session"):
            with contextlib.suppress(Exception):
                K.clear_session()
        if self.flavor == "keras":
            for modname in (
                "keras.backend",
                "keras.backend.common",
                "keras.backend.theano_backend",
            ):
                mod = sys.modules.get(modname)
                uids = getattr(mod, "_UID_PREFIXES", None)
                if hasattr(uids, "clear"):
                    uids.clear()

    def has(self, *names):
        return all(hasattr(self.layers, n) for n in names)

    def Input(self, shape, name=None, dtype=None):
        kw = {"shape": tuple(shape)}
        if name:
            kw["name"] = name
        if dtype:
            kw["dtype"] = dtype
        return self.layers.Input(**kw)

    def Model(self, inputs, outputs, name=None):
        kw = {}
        if name:
            kw["name"] = name
        if self.major == 1:
            return self.models.Model(input=inputs, output=outputs, **kw)
        return self.models.Model(inputs, outputs, **kw)

    def Sequential(self, layers=None, name=None):
        kw = {}
        if name:
            kw["name"] = name
        return self.models.Sequential(layers or [], **kw)


# ---------------------------------------------------------------------------
# helpers: shapes, counts


def to_jsonable(x):
    if x is None:
        return None
    if isinstance(x, bool):
        return x
    if isinstance(x, int):
        return x
    if hasattr(x, "as_list"):
        try:
            return x.as_list()
        except ValueError:
            return None
    if hasattr(x, "value") and not isinstance(x, (list, tuple, dict)):
        return x.value
    if isinstance(x, (list, tuple)):
        return [to_jsonable(v) for v in x]
    if isinstance(x, dict):
        return [to_jsonable(v) for v in x.values()]
    try:
        return int(x)
    except Exception:
        return None


def n_elements(shape):
    n = 1
    for d in shape:
        n *= int(d)
    return n


def var_shape(env, v):
    if env.flavor == "keras3":
        return tuple(v.shape)
    if env.tf is not None:
        return tuple(v.shape.as_list())
    K = env.keras.backend
    return tuple(K.int_shape(v))


def count_vars(env, weights, dedupe=True):
    seen = set()
    total = 0
    for v in weights:
        if dedupe:
            if id(v) in seen:
                continue
            seen.add(id(v))
        total += n_elements(var_shape(env, v))
    return total


# ---------------------------------------------------------------------------
# facts read from the model object beyond the printed columns


def _node_keys(model):
    """The model's own graph node keys ("<layer>_ib-<i>"), or None when it keeps none."""
    for attr in ("_nodes", "_network_nodes", "container_nodes"):
        keys = getattr(model, attr, None)
        if isinstance(keys, (set, frozenset, list, tuple, dict)) and keys:
            return set(keys)
    return None


def row_facts(model, layer, row, depth):
    """Extra truth for one row: the BatchNormalization axis, how often a layer is called."""
    if "BatchNormalization" in layer.__class__.__name__ and hasattr(layer, "axis"):
        axes = layer.axis if isinstance(layer.axis, (list, tuple)) else [layer.axis]
        shape = row.get("output_shape")
        rank = (
            len(shape)
            if isinstance(shape, list) and not any(isinstance(d, list) for d in shape)
            else None
        )
        norm = []
        for a in axes:
            a = int(a)
            norm.append(a + rank if (a < 0 and rank) else a)
        row["bn_axis"] = norm
    if depth == 0:
        keys = _node_keys(model)
        if keys is not None:
            # keyed by layer name (Keras 1/2, tf.keras) or by id(layer) (Keras 3)
            ident = f"(?:{re.escape(layer.name)}|{id(layer)})"
            pat = re.compile(ident + r"_ib-\d+$")
            calls = sum(1 for k in keys if isinstance(k, str) and pat.match(k))
            if calls > 1:
                row["calls"] = calls
    return row


# ---------------------------------------------------------------------------
# replicate each generation's row logic


def keras3_rows(env, model, opts):
    from keras.src.models import Functional, Sequential

    su = env.summary_module
    if isinstance(model, Sequential) or not isinstance(model, Functional):
        layers = model.layers
    else:
        layers = model._operations
    rng = su.get_layer_index_bound_by_layer_name(layers, opts.get("layer_range"))
    rows = []

    def shape_of(layer):
        if not layer._inbound_nodes and not layer._build_shapes_dict:
            return None
        try:
            if len(layer._inbound_nodes) > 0:
                outs = layer._inbound_nodes[-1].output_tensors
                shp = [to_jsonable(tuple(t.shape)) for t in outs]
                return shp[0] if len(shp) == 1 else shp
            if hasattr(layer, "output_shape"):
                return to_jsonable(layer.output_shape)
            return to_jsonable(layer.compute_output_shape(**layer._build_shapes_dict))
        except Exception:
            return None

    def visit(layer, depth):
        params = 0 if not hasattr(layer, "built") or not layer.built else layer.count_params()
        row = {
            "name": layer.name,
            "type": layer.__class__.__name__,
            "params": int(params),
            "trainable": bool(getattr(layer, "trainable", True)),
            "depth": depth,
            "output_shape": shape_of(layer),
        }
        rows.append(row_facts(model, layer, row, depth))
        if opts.get("expand_nested") and hasattr(layer, "layers") and layer.layers:
            for sub in layer.layers:
                visit(sub, depth + 1)

    for layer in layers[rng[0] : rng[1]]:
        visit(layer, 0)
    return rows


def keras3_totals(env, model):
    if hasattr(model, "_collected_trainable_weights"):
        tw = model._collected_trainable_weights
    else:
        tw = model.trainable_weights
    t = count_vars(env, tw, dedupe=False)
    nt = count_vars(env, model.non_trainable_weights, dedupe=False)
    opt = None
    if model.compiled and model.optimizer and model.optimizer.built:
        opt = count_vars(env, model.optimizer.variables, dedupe=False)
    return {"total": t + nt + (opt or 0), "trainable": t, "non_trainable": nt, "optimizer": opt}


def keras2_output_shape(layer):
    try:
        return to_jsonable(layer.output_shape)
    except AttributeError:
        return None  # printed as "multiple"
    except RuntimeError:
        return None  # printed as "?"
    except Exception:
        return None


def keras2_rows(env, model, opts):
    """Standalone Keras 2.x, tf.keras 1.x/2.x and tf_keras."""
    src = env.summary_source
    layers = list(model.layers)
    if opts.get("layer_range") is not None:
        rng = env.summary_module.get_layer_index_bound_by_layer_name(model, opts["layer_range"])
    else:
        rng = [0, len(layers)]
    unused_marker = "0 (unused)" in src
    rows = []

    def visit(layer, depth):
        built = getattr(layer, "built", True)
        if not built and not getattr(layer, "_is_graph_network", False) and unused_marker:
            params = 0
        else:
            try:
                params = layer.count_params()
            except Exception:
                params = 0
        row = {
            "name": layer.name,
            "type": layer.__class__.__name__,
            "params": int(params),
            # Keras 2.0's legacy Merge layer has no trainable attribute (and no weights)
            "trainable": bool(getattr(layer, "trainable", True)),
            "depth": depth,
            "output_shape": keras2_output_shape(layer),
        }
        rows.append(row_facts(model, layer, row, depth))
        if opts.get("expand_nested") and hasattr(layer, "layers") and layer.layers:
            for sub in layer.layers:
                visit(sub, depth + 1)

    for layer in layers[rng[0] : rng[1]]:
        visit(layer, 0)
    return rows


def keras2_totals(env, model):
    src = env.summary_source
    dedupe = ("set(" in src) or ("count_params(" in src and env.tf is not None)
    if "_collected_trainable_weights" in src and hasattr(model, "_collected_trainable_weights"):
        tw = model._collected_trainable_weights
    else:
        tw = model.trainable_weights
    if env.tf is not None and hasattr(env.summary_module, "count_params"):
        # tf.keras / tf_keras helper de-duplicates by reference itself
        t = int(env.summary_module.count_params(tw))
        nt = int(env.summary_module.count_params(model.non_trainable_weights))
    else:
        t = count_vars(env, tw, dedupe=dedupe)
        nt = count_vars(env, model.non_trainable_weights, dedupe=dedupe)
    return {"total": t + nt, "trainable": t, "non_trainable": nt, "optimizer": None}


def keras1_listed_layers(model):
    if hasattr(model, "flattened_layers"):
        return list(model.flattened_layers)
    return list(model.layers)


def keras1_rows(env, model, opts):
    rows = []
    for layer in keras1_listed_layers(model):
        try:
            shape = to_jsonable(layer.output_shape)
        except Exception:
            shape = None
        row = {
            "name": layer.name,
            "type": layer.__class__.__name__,
            "params": int(layer.count_params()),
            "trainable": bool(getattr(layer, "trainable", True)),
            "depth": 0,
            "output_shape": shape,
        }
        rows.append(row_facts(model, layer, row, 0))
    return rows


def keras0_rows_and_totals(model):
    """Keras 0.3's rows as its model_summary prints them (utils/layer_utils.py): a Sequential's
    layers; a Graph's inputs, nodes, then each output again (the node it reads, under the
    output's name), and Total the sum of the layers' and nodes' counts (not the outputs')."""

    def row(layer, name, counted):
        shape = to_jsonable(layer.output_shape) if layer.output_shape is not None else None
        params = int(layer.count_params())
        listed = {"name": name, "type": layer.__class__.__name__, "params": params}
        listed.update({"trainable": True, "depth": 0, "output_shape": shape})
        return listed, params if counted else 0

    if model.__class__.__name__ == "Sequential":
        listed = [row(layer, getattr(layer, "name", "Unnamed"), True) for layer in model.layers]
    else:  # a Graph
        listed = [row(model.inputs[name], name, False) for name in model.input_order]
        listed += [row(model.nodes[name], name, True) for name in model.nodes]
        listed += [row(model.outputs[name], name, False) for name in model.output_order]
    total = sum(counted for _, counted in listed)
    totals = {"total": total, "trainable": None, "non_trainable": None, "optimizer": None}
    return [r for r, _ in listed], totals


def keras1_totals(env, model):
    layers = keras1_listed_layers(model)
    mod = env.summary_module
    if hasattr(mod, "count_total_params"):  # 1.2.x
        t, nt = mod.count_total_params(layers, layer_set=None)
        return {
            "total": int(t + nt),
            "trainable": int(t),
            "non_trainable": int(nt),
            "optimizer": None,
        }
    if "count_total_params" in env.summary_source:  # 1.1.x: recursive, unique layers
        from keras.models import Model, Sequential

        def rec(ls, seen):
            tot = 0
            for layer in ls:
                if layer in seen:
                    continue
                seen.add(layer)
                if type(layer) in (Model, Sequential):
                    tot += rec(layer.layers, seen)
                else:
                    tot += layer.count_params()
            return tot

        return {
            "total": int(rec(layers, set())),
            "trainable": None,
            "non_trainable": None,
            "optimizer": None,
        }
    return {
        "total": int(sum(layer.count_params() for layer in layers)),
        "trainable": None,
        "non_trainable": None,
        "optimizer": None,
    }


# ---------------------------------------------------------------------------
# capturing what Keras printed


class _Capture:
    def __init__(self, encoding=None):
        self.encoding = encoding

    def __enter__(self):
        self._old = sys.stdout
        if self.encoding:
            self._raw = io.BytesIO()
            self.stream = io.TextIOWrapper(self._raw, encoding=self.encoding, newline="\n")
        else:
            self.stream = io.StringIO()
        sys.stdout = self.stream
        return self

    def __exit__(self, *exc):
        sys.stdout = self._old
        if self.encoding:
            self.stream.flush()
            self.text = self._raw.getvalue().decode(self.encoding)
        else:
            self.text = self.stream.getvalue()
        return False


def run_summary(env, model, opts, capture):
    kw = {}
    for key in ("line_length", "positions", "expand_nested", "show_trainable", "layer_range"):
        val = opts.get(key)
        if val not in (None, False):
            kw[key] = val
    if capture == "print_fn":
        lines = []
        model.summary(print_fn=lambda line, *a, **k: lines.append(line), **kw)
        return "".join(line + "\n" for line in lines)
    encoding = "cp1252" if capture == "stdout-cp1252" else None
    with _Capture(encoding) as cap:
        model.summary(**kw)
    return cap.text


# ---------------------------------------------------------------------------
# the catalogue (Keras 2-style API: keras 2.x, tf.keras, tf_keras, keras 3)

CASES = []


def case(name, needs=(), flavors=None, min_version=None, backend=None, **meta):
    def deco(fn):
        CASES.append(
            {
                "name": name,
                "fn": fn,
                "needs": needs,
                "flavors": flavors,
                "min_version": min_version,
                "backend": backend,
                "meta": meta,
            }
        )
        return fn

    return deco


def bn_fault(layer, why):
    return {"code": "SA102", "layer": layer.name, "why": why}


def _mlp(e):
    L = e.layers
    x = e.Input((4096,))
    h = L.Dense(512, activation="relu")(x)
    h = L.BatchNormalization()(h)
    h = L.Dropout(0.5)(h)
    y = L.Dense(80, activation="softmax")(h)
    return e.Model(x, y)


@case("mlp_bn_functional")
def c_mlp_functional(e):
    return _mlp(e), {}, []


@case("mlp_bn_sequential")
def c_mlp_sequential(e):
    L = e.layers
    m = e.Sequential(
        [
            L.Dense(512, activation="relu", input_shape=(4096,)),
            L.BatchNormalization(),
            L.Dropout(0.5),
            L.Dense(80, activation="softmax"),
        ]
    )
    return m, {}, []


def _flatten(e, fmt):
    try:
        return e.layers.Flatten(**fmt)
    except TypeError:  # Keras < 2.1: Flatten has no data_format
        return e.layers.Flatten()


def _cnn(e, bn_axis=None, data_format=None, name=None):
    L = e.layers
    fmt = {}
    if data_format:
        fmt["data_format"] = data_format
    shape = (1, 28, 28) if data_format == "channels_first" else (28, 28, 1)
    bn_kw = {} if bn_axis is None else {"axis": bn_axis}
    bn = L.BatchNormalization(**bn_kw)
    layers = [
        L.Conv2D(32, (3, 3), activation="relu", input_shape=shape, **fmt),
        bn,
        L.MaxPooling2D((2, 2), **fmt),
        _flatten(e, fmt),
        L.Dense(10, activation="softmax"),
    ]
    return e.Sequential(layers, name=name), bn


@case("cnn_bn")
def c_cnn(e):
    m, _ = _cnn(e)
    return m, {}, []


@case("cnn_bn_axis1_channels_last")
def c_cnn_axis1(e):
    m, bn = _cnn(e, bn_axis=1)
    return (
        m,
        {},
        [
            bn_fault(
                bn,
                "BatchNormalization built with axis=1 on channels-last data "
                "(normalises the 26 rows instead of the 32 channels)",
            )
        ],
    )


@case("bn_axis1_height_half_the_channels")
def c_bn_height_half(e):
    # FractalNet's Keras 2 doctest: BatchNormalization(axis=1) on (None, 8, 8, 16), whose count
    # 4 × 8 = 32 is also 2 × 16 (center and scale off on the channels); Non-trainable tells
    L = e.layers
    x = e.Input((8, 8, 3))
    h = L.Conv2D(16, (3, 3), padding="same")(x)
    bn = L.BatchNormalization(axis=1)
    h = bn(h)
    h = L.Flatten()(h)
    m = e.Model(x, L.Dense(2)(h))
    why = (
        "BatchNormalization built with axis=1 on channels-last data (normalises the 8 rows "
        "instead of the 16 channels)"
    )
    return m, {}, [bn_fault(bn, why)]


@case("cnn_channels_first_bn_axis1", flavors=("keras3", "tf.keras", "tf_keras", "keras"))
def c_cnn_cf_ok(e):
    m, _ = _cnn(e, bn_axis=1, data_format="channels_first")
    return m, {}, []


@case("cnn_channels_first_bn_default_axis")
def c_cnn_cf_bad(e):
    m, bn = _cnn(e, data_format="channels_first")
    return (
        m,
        {},
        [
            bn_fault(
                bn,
                "BatchNormalization with the default axis=-1 on channels-first "
                "data (normalises width 26 instead of the 32 channels)",
            )
        ],
    )


@case("bn_variants")
def c_bn_variants(e):
    L = e.layers
    x = e.Input((16, 16, 8))
    h = L.Conv2D(12, 3, padding="same")(x)
    h = L.BatchNormalization(center=False)(h)
    h = L.BatchNormalization(scale=False)(h)
    h = L.BatchNormalization(center=False, scale=False)(h)
    if e.flavor in ("tf.keras", "tf_keras"):
        h = L.BatchNormalization(renorm=True)(h)
    h = L.GlobalAveragePooling2D()(h)
    y = L.Dense(3)(h)
    return e.Model(x, y), {}, []


def _two_input(e):
    L = e.layers
    a = e.Input((32,), name="customer_transaction_history_features")
    b = e.Input((8,), name="merchant_category_embedding_input_vector")
    ha = L.Dense(64, activation="relu", name="transaction_history_dense_projection_layer")(a)
    hb = L.Dense(16, activation="relu", name="merchant_category_dense_projection")(b)
    c = L.Concatenate(name="concatenate_customer_and_merchant_representations")([ha, hb])
    c = L.BatchNormalization(name="joint_representation_batch_normalization")(c)
    y = L.Dense(1, activation="sigmoid", name="fraud_probability")(c)
    return e.Model([a, b], y, name="fraud_detector_two_tower_model")


@case("two_input_long_names")
def c_two_input(e):
    return _two_input(e), {}, []


def _siamese(e):
    L = e.layers
    enc = e.Sequential(
        [L.Dense(64, activation="relu", input_shape=(20,)), L.BatchNormalization(), L.Dense(32)],
        name="encoder",
    )
    a = e.Input((20,))
    b = e.Input((20,))
    ea = enc(a)
    eb = enc(b)
    d = L.Subtract()([ea, eb])
    y = L.Dense(1, activation="sigmoid")(d)
    return e.Model([a, b], y)


@case("siamese_shared_nested")
def c_siamese(e):
    return _siamese(e), {}, []


@case("siamese_shared_nested_expanded", needs=("expand_nested",))
def c_siamese_exp(e):
    return _siamese(e), {"expand_nested": True}, []


def _nested_functional(e):
    L = e.layers
    inner_in = e.Input((10,))
    inner = e.Model(
        inner_in, L.Dense(6)(L.Dense(8, activation="relu")(inner_in)), name="inner_block"
    )
    x = e.Input((10,))
    h = inner(x)
    h = L.BatchNormalization()(h)
    y = L.Dense(2)(h)
    return e.Model(x, y, name="outer")


@case("nested_functional")
def c_nested(e):
    return _nested_functional(e), {}, []


@case("nested_functional_expanded", needs=("expand_nested",))
def c_nested_exp(e):
    return _nested_functional(e), {"expand_nested": True}, []


@case("rnn_stack")
def c_rnn(e):
    L = e.layers
    layers = [
        L.SimpleRNN(16, return_sequences=True, input_shape=(10, 8)),
        L.LSTM(12, return_sequences=True),
    ]
    if e.flavor == "keras" and e.vtuple < (2, 1, 6):
        layers.append(L.GRU(10, return_sequences=True))  # no reset_after before 2.1.6
    elif e.flavor != "keras" or e.major >= 2:
        layers.append(L.GRU(10, return_sequences=True, reset_after=False))
        if e.flavor == "keras3" or e.tf is not None:
            layers.append(L.GRU(10, return_sequences=True, reset_after=True))
    else:
        layers.append(L.GRU(10, return_sequences=True))
    layers.append(L.Bidirectional(L.LSTM(6, return_sequences=True)))
    layers.append(L.TimeDistributed(L.Dense(5)))
    return e.Sequential(layers), {}, []


@case("cudnn_bidirectional", needs=("CuDNNLSTM", "CuDNNGRU"), flavors=("tf.keras",))
def c_cudnn_bidirectional(e):
    """CuDNNLSTM/CuDNNGRU carry a double bias: Bidirectional(CuDNNLSTM(20)) on 9 features is
    2 × 4 × 20 × (9 + 20 + 2) = 4,960, which LSTM(20) on 10 features also gives (trial 6)."""
    L = e.layers
    x = e.Input((100, 9))
    h = L.Bidirectional(L.CuDNNLSTM(20, return_sequences=True))(x)
    h = L.CuDNNGRU(16)(h)
    y = L.Dense(1, activation="sigmoid")(h)
    return e.Model(x, y), {}, []


@case("patch_embedding", flavors=("keras3", "tf.keras"))
def c_patch_embedding(e):
    """A ViT-style patch embedding: Conv2D(768, 16, strides=16) on RGB. A Sequential print
    shows no InputLayer row, so the 3 input channels are not shown: K × C = 768 is read as a
    16×16 kernel on 3 channels first (trial 6)."""
    L = e.layers
    m = e.Sequential(
        [
            L.Conv2D(768, 16, strides=16, input_shape=(224, 224, 3)),
            L.Reshape((196, 768)),
            L.Dense(10),
        ]
    )
    return m, {}, []


@case("driving_cnn_functional", flavors=("keras3", "tf.keras"))
def c_driving_cnn_functional(e):
    """NVIDIA's end-to-end driving CNN (24, 36, 48 filters at 5×5 with stride 2, then 64 at
    3×3), with two heads so that Keras prints Connected to: with those cells blanked, 43,248 =
    48 × (25 × 36 + 1) reads as 5×5 on 36 channels, not a 30×30 kernel on 1 (18c's 014)."""
    L = e.layers
    x = e.Input((66, 200, 3))
    h = x
    for filters, kernel, strides in ((24, 5, 2), (36, 5, 2), (48, 5, 2), (64, 3, 1), (64, 3, 1)):
        h = L.Conv2D(filters, kernel, strides=strides, activation="elu")(h)
    h = L.Flatten()(h)
    for units in (100, 50, 10):
        h = L.Dense(units, activation="elu")(h)
    heads = [L.Dense(1, name="steering")(h), L.Dense(1, name="throttle")(h)]
    return e.Model(x, heads), {}, []


@case("dense_lora", flavors=("keras3",))
def c_dense_lora(e):
    """Keras 3 LoRA on a Dense: enable_lora(4) freezes the kernel (64 × 32 = 2,048) and adds
    A (64×4) and B (4×32); the bias stays trainable: 2,048 + 32 + 4 × (64 + 32) = 2,464."""
    L = e.layers
    x = e.Input((64,))
    hidden = L.Dense(32, activation="relu", name="hidden")
    y = L.Dense(10, name="head")(hidden(x))
    m = e.Model(x, y)
    hidden.enable_lora(4)
    return m, {}, []


@case("tied_embedding", flavors=("keras3",))
def c_tied_embedding(e):
    """A language model head that reuses the token embedding's matrix (tied weights, as
    KerasHub's ReverseEmbedding does): the head's row shows the 1,000 × 16 matrix again, and
    Total counts it once."""
    L = e.layers
    keras = e.keras
    ops = keras.ops

    class ReverseEmbedding(L.Layer):
        def __init__(self, embedding, **kwargs):
            super().__init__(**kwargs)
            self.embedding = embedding

        def call(self, inputs):
            return ops.matmul(inputs, ops.transpose(self.embedding.embeddings))

        def compute_output_shape(self, input_shape):
            return (*input_shape[:-1], self.embedding.input_dim)

    tokens = e.Input((8,), dtype="int32")
    embedding = L.Embedding(1000, 16, name="token_embedding")
    hidden = L.Dense(16, name="hidden")(embedding(tokens))
    logits = ReverseEmbedding(embedding, name="reverse_embedding")(hidden)
    return e.Model(tokens, logits), {}, []


@case("tied_embedding_in_backbone", flavors=("keras3",))
def c_tied_embedding_in_backbone(e):
    """KerasHub's causal LMs (GemmaCausalLM): the backbone holds the token embedding, and the
    same ReversibleEmbedding is called again on top to project back to the vocabulary, so its
    row repeats a matrix the backbone's row already counts (trial 12a's 001)."""
    L = e.layers
    keras = e.keras
    ops = keras.ops

    class ReversibleEmbedding(L.Embedding):
        def call(self, inputs, reverse=False):
            if reverse:
                return ops.matmul(inputs, ops.transpose(self.embeddings))
            return super().call(inputs)

        def compute_output_spec(self, inputs, reverse=False):
            if reverse:
                shape = (*inputs.shape[:-1], self.input_dim)
                return keras.KerasTensor(shape, dtype=self.compute_dtype)
            return super().compute_output_spec(inputs)

    token_ids = e.Input((None,), dtype="int32", name="token_ids")
    embedding = ReversibleEmbedding(1000, 16, name="token_embedding")
    hidden = L.Dense(16, name="hidden")(embedding(token_ids))
    backbone = e.Model(token_ids, hidden, name="backbone")
    outer_ids = e.Input((None,), dtype="int32", name="token_ids")
    logits = embedding(backbone(outer_ids), reverse=True)
    return e.Model(outer_ids, logits, name="causal_lm"), {}, []


@case("seq2seq_states", flavors=("tf.keras", "tf_keras", "keras3"))
def c_seq2seq_states(e):
    """An encoder LSTM with return_state=True feeding its states to a decoder LSTM: the
    encoder's three output shapes do not fit a 98-wide Keras 2 column (`[(None, 30, 300), (N`,
    trial 9's 002), but the first is whole and gives the units."""
    L = e.layers
    source = e.Input((30,), name="source")
    target = e.Input((None,), name="target")
    encoded, h, c = L.LSTM(300, return_sequences=True, return_state=True, name="encoder")(
        L.Embedding(6138, 100, name="source_embedding")(source)
    )
    decoded = L.LSTM(300, return_sequences=True, name="decoder")(
        L.Embedding(1293, 100, name="target_embedding")(target), initial_state=[h, c]
    )
    return e.Model([source, target], [encoded, decoded]), {}, []


@case("text_cnn")
def c_text_cnn(e):
    L = e.layers
    x = e.Input((100,), dtype="int32")
    h = L.Embedding(5000, 64)(x)
    h = L.Conv1D(128, 5, activation="relu")(h)
    h = L.GlobalMaxPooling1D()(h)
    y = L.Dense(1, activation="sigmoid")(h)
    return e.Model(x, y), {}, []


@case("transformer_block", needs=("MultiHeadAttention", "LayerNormalization"))
def c_transformer(e):
    L = e.layers
    x = e.Input((16, 32))
    a = L.MultiHeadAttention(num_heads=4, key_dim=8)(x, x)
    h = L.Add()([x, a])
    h = L.LayerNormalization()(h)
    f = L.Dense(64, activation="relu")(h)
    f = L.Dense(32)(f)
    h = L.LayerNormalization()(L.Add()([h, f]))
    y = L.Dense(4)(L.GlobalAveragePooling1D()(h))
    return e.Model(x, y), {}, []


@case("conv_zoo")
def c_conv_zoo(e):
    L = e.layers
    x = e.Input((32, 32, 3))
    if e.flavor == "keras" and e.backend_name == "theano" and e.vtuple < (2, 1):
        h = L.Conv2D(16, 3, padding="same")(x)  # Theano separable_conv2d arrived in 2.1
    else:
        h = L.SeparableConv2D(16, 3, padding="same")(x)
    if hasattr(L, "DepthwiseConv2D"):
        h = L.DepthwiseConv2D(3, depth_multiplier=2)(h)
    h = L.ZeroPadding2D(1)(h)
    h = L.Cropping2D(((1, 1), (2, 2)))(h)
    h = L.Conv2DTranspose(8, 3, strides=2)(h)
    h = L.UpSampling2D(2)(h)
    h = L.PReLU()(L.Conv2D(4, 1)(h))
    h = L.Reshape((-1, 4))(h)
    h = L.Permute((2, 1))(h)
    return e.Model(x, h), {}, []


@case("conv3d_conv1d_repeat")
def c_conv3d(e):
    L = e.layers
    x = e.Input((8, 16, 16, 2))
    h = L.Conv3D(4, 3, activation="relu")(x)
    h = L.GlobalAveragePooling3D()(h)
    h = L.RepeatVector(6)(h)
    h = L.Conv1D(8, 3)(h)
    h = L.Flatten()(h)
    y = L.Dense(2)(h)
    return e.Model(x, y), {}, []


@case("merge_ops")
def c_merge(e):
    L = e.layers
    a = e.Input((12,))
    b = e.Input((12,))
    d1 = L.Dense(8)(a)
    d2 = L.Dense(8)(b)
    s = L.Add()([d1, d2])
    m = L.Multiply()([d1, d2])
    av = L.Average()([s, m])
    y = L.Dense(1)(av)
    return e.Model([a, b], y), {}, []


@case("legacy_merge_conv", needs=("Merge", "Conv2D"))
def c_legacy_merge(e):
    # Keras 2.0-2.1 kept Keras 1's Merge layer beside the renamed Conv2D (trial 17b's 006): a
    # print with `(Merge)` rows and `(Conv2D)` rows is a Keras 2 print, not a Keras 1 one
    L = e.layers
    x = e.Input((8, 8, 3))
    a = L.Conv2D(4, (3, 3), padding="same")(x)
    b = L.Conv2D(4, (1, 1))(x)
    h = L.BatchNormalization()(L.Merge(mode="sum")([a, b]))
    y = L.Dense(2)(L.Flatten()(h))
    return e.Model(x, y), {}, []


@case("parallel_nested_models")
def c_parallel_nested(e):
    # two nested models called on one input, their outputs the model's (trial 15a's 001):
    # no later row names either, so an inbound name no row has is a row missing, not the
    # inner layer Keras 1 names for a Sequential added as it stands
    L = e.layers

    def block(name, units):
        x = e.Input((12,))
        return e.Model(x, L.Dense(units)(L.Dense(8)(x)), name=name)

    x = e.Input((12,))
    return e.Model(x, [block("encoder_a", 4)(x), block("encoder_b", 2)(x)]), {}, []


def _gan_parts(e):
    """A small GAN's generator and discriminator, each a Sequential of its own name."""
    L = e.layers
    generator = e.Sequential(
        [L.Dense(16, input_shape=(8,)), L.BatchNormalization(), L.Dense(12)], name="generator"
    )
    discriminator = e.Sequential([L.Dense(6, input_shape=(12,)), L.Dense(1)], name="discriminator")
    return generator, discriminator


# A GAN script prints its generator, its discriminator, then the combined model whose rows are
# those two models (21b's 002, 009, 014): three prints of models built alike, back to back in
# a test, where the combined model's rows are verified by the Totals printed above them.
@case("gan_generator")
def c_gan_generator(e):
    return _gan_parts(e)[0], {}, []


@case("gan_discriminator")
def c_gan_discriminator(e):
    return _gan_parts(e)[1], {}, []


@case("gan_combined")
def c_gan_combined(e):
    generator, discriminator = _gan_parts(e)
    discriminator.trainable = False
    x = e.Input((8,))
    return e.Model(x, discriminator(generator(x)), name="gan"), {}, []


def _fine_tuned_base(e):
    """A small base model with a BatchNormalization, a Sequential named `base`."""
    L = e.layers
    return e.Sequential(
        [L.Dense(16, input_shape=(8,)), L.BatchNormalization(), L.Dense(4)], name="base"
    )


# A transfer-learning script prints its base while frozen, then unfreezes it to fine-tune and
# prints the whole model: the nested row's own summary above shows 276 non-trainable, the model
# only the base's 32 moving statistics. A test prints them back to back.
@case("base_printed_frozen", flavors=("tf.keras", "tf_keras", "keras3"))
def c_base_printed_frozen(e):
    base = _fine_tuned_base(e)
    base.trainable = False
    return base, {}, []


@case("base_unfrozen_in_model", flavors=("tf.keras", "tf_keras", "keras3"))
def c_base_unfrozen_in_model(e):
    base = _fine_tuned_base(e)  # trainable: the fine-tuning step
    x = e.Input((8,))
    return e.Model(x, e.layers.Dense(2)(base(x)), name="fine_tuned"), {}, []


# TensorFlow's pruning guide wraps every layer in prune_low_magnitude (23a's nit): each row is
# the wrapped layer's weights, a pruning step and, for a pruned kernel, its mask and threshold.
@case("pruned_low_magnitude", needs=("tfmot",), flavors=("tf_keras",))
def c_pruned_low_magnitude(e):
    import tensorflow_model_optimization as tfmot

    L = e.layers
    model = e.Sequential(
        [
            L.Dense(300, activation="relu", input_shape=(784,)),
            L.Reshape((300, 1)),
            L.Conv1D(8, 3),
            L.BatchNormalization(),
            L.Flatten(),
            L.Dense(10),
        ]
    )
    return tfmot.sparsity.keras.prune_low_magnitude(model), {}, []


# TensorFlow's quantization-aware training guide (trial 45e's 006, 007, 010, 013): every layer
# in a QuantizeWrapperV2, which adds to the wrapped layer's weights the non-trainable ranges
# of its quantizers and an optimizer step; a QuantizeLayer quantizes the model's input.
@case("quantize_aware_guide", needs=("tfmot",), flavors=("tf_keras",))
def c_quantize_aware_guide(e):
    import tensorflow_model_optimization as tfmot

    L = e.layers
    model = e.Sequential(
        [
            L.InputLayer(input_shape=(28, 28)),
            L.Reshape(target_shape=(28, 28, 1)),
            L.Conv2D(filters=12, kernel_size=(3, 3), activation="relu"),
            L.MaxPooling2D(pool_size=(2, 2)),
            L.Flatten(),
            L.Dense(10),
        ]
    )
    return tfmot.quantization.keras.quantize_model(model), {}, []


@case("quantize_aware_zoo", needs=("tfmot",), flavors=("tf_keras",))
def c_quantize_aware_zoo(e):
    # more of the classes tfmot's default 8-bit scheme quantizes, each with its own ranges
    import tensorflow_model_optimization as tfmot

    L = e.layers
    x = e.Input((16, 16, 3))
    h = L.Conv2D(8, 3, padding="same", use_bias=False)(x)
    h = L.BatchNormalization()(h)
    h = L.ReLU()(h)
    d = L.DepthwiseConv2D(3, padding="same")(h)
    h = L.Add()([h, d])
    h = L.Conv2D(4, 1, activation="relu")(h)
    h = L.GlobalAveragePooling2D()(h)
    h = L.Dense(6, activation="relu")(h)
    h = L.Dropout(0.1)(h)
    c = L.Concatenate()([h, L.Dense(2)(h)])
    model = e.Model(x, L.Dense(3, activation="softmax")(c))
    return tfmot.quantization.keras.quantize_model(model), {}, []


@case("quantize_aware_mobilenet_names", needs=("tfmot",), flavors=("tf_keras",))
def c_quantize_aware_mobilenet_names(e):
    # a quantized MobileNetV2 block (77c's 010): the layers named as keras.applications names
    # them (`bn_Conv1`, `block_1_expand_BN`), so the wrappers' names hold no default name
    import tensorflow_model_optimization as tfmot

    L = e.layers
    x = e.Input((32, 32, 3))
    h = L.Conv2D(8, 3, strides=2, padding="same", use_bias=False, name="Conv1")(x)
    h = L.BatchNormalization(name="bn_Conv1")(h)
    h = L.ReLU(6.0, name="Conv1_relu")(h)
    h = L.DepthwiseConv2D(3, padding="same", use_bias=False, name="expanded_conv_depthwise")(h)
    h = L.BatchNormalization(name="expanded_conv_depthwise_BN")(h)
    h = L.ReLU(6.0, name="expanded_conv_depthwise_relu")(h)
    h = L.Conv2D(8, 1, use_bias=False, name="expanded_conv_project")(h)
    s = L.BatchNormalization(name="expanded_conv_project_BN")(h)
    h = L.Conv2D(16, 1, use_bias=False, name="block_1_expand")(s)
    h = L.BatchNormalization(name="block_1_expand_BN")(h)
    h = L.ReLU(6.0, name="block_1_expand_relu")(h)
    h = L.ZeroPadding2D(1, name="block_1_pad")(h)
    h = L.DepthwiseConv2D(3, use_bias=False, name="block_1_depthwise")(h)
    h = L.BatchNormalization(name="block_1_depthwise_BN")(h)
    h = L.Conv2D(8, 1, use_bias=False, name="block_1_project")(h)
    h = L.BatchNormalization(name="block_1_project_BN")(h)
    h = L.Add(name="block_1_add")([s, h])
    y = L.Dense(3, name="Logits")(L.GlobalAveragePooling2D()(h))
    return tfmot.quantization.keras.quantize_model(e.Model(x, y)), {}, []


# QKeras's quantized layers (trial 45e's 008, 009): each holds the weights of the Keras layer it
# quantizes (its quantizers are functions), QActivation none
@case("qkeras_layers", needs=("qkeras",), flavors=("tf.keras",))
def c_qkeras_layers(e):
    import qkeras  # (installed beside TensorFlow 2.12: QKeras 0.9 takes Keras 2)

    L = e.layers
    bits = "quantized_bits(4, 0, 1)"
    x = e.Input((9, 9, 1))
    quantized = {"kernel_quantizer": bits, "bias_quantizer": bits}
    h = qkeras.QConv2D(8, 3, strides=2, name="conv2d", **quantized)(x)
    h = qkeras.QActivation("quantized_relu(4)", name="act")(h)
    h = qkeras.QBatchNormalization(name="bn")(h)
    h = qkeras.QDepthwiseConv2D(3, depthwise_quantizer=bits, bias_quantizer=bits)(h)
    h = L.Flatten()(h)
    h = qkeras.QDense(16, kernel_quantizer=bits, bias_quantizer=bits, name="dense")(h)
    return e.Model(x, qkeras.QDense(2, kernel_quantizer=bits, bias_quantizer=bits)(h)), {}, []


# keras-self-attention's README model (23a's nit: no formula for SeqSelfAttention): additive
# attention (the default, its units never printed) and multiplicative attention
@case("seq_self_attention", needs=("seq_self_attention",), flavors=("tf_keras",))
def c_seq_self_attention(e):
    import os

    # the library takes `tensorflow.keras`: tf_keras when this is set before its first use
    os.environ["TF_USE_LEGACY_KERAS"] = "1"
    from keras_self_attention import SeqSelfAttention

    L = e.layers
    model = e.Sequential(
        [
            L.Embedding(1000, 16, input_length=10),
            L.Bidirectional(L.LSTM(8, return_sequences=True)),
            SeqSelfAttention(attention_activation="sigmoid"),
            SeqSelfAttention(attention_type=SeqSelfAttention.ATTENTION_TYPE_MUL),
            L.Dense(5),
        ]
    )
    model.build((None, 10))
    return model, {}, []


# Custom layers whose output has no static shape (tensorflow#83907, trial 24b's 006): tf.keras
# prints `None` as their Output Shape; one is frozen, shown by the Trainable column
@case("unknown_rank_output", needs=("show_trainable",), flavors=("tf_keras",))
def c_unknown_rank_output(e):
    import tensorflow as tf

    L = e.layers

    class Unknown(L.Layer):
        def build(self, input_shape):
            self.w = self.add_weight(name="w", shape=(int(input_shape[-1]) * 9,))

        def call(self, x):
            return tf.numpy_function(lambda a: a, [x], tf.float32)

    class Rescale(L.Layer):
        def call(self, x):
            return x * 3.14

    x = e.Input((2,))
    h = Unknown(name="DenseKAN")(x)
    return e.Model(x, Rescale(name="RescalePi", trainable=False)(h)), {"show_trainable": True}, []


def _one_rnn(e, cls):
    """One recurrent layer of 10 units on 3 steps of 1 feature, a Sequential of its own."""
    return e.Sequential([getattr(e.layers, cls)(10, input_shape=(3, 1))])


# A course script toggled SimpleRNN, LSTM and GRU by comments and pasted the three rows under
# one header (22b's 002): a test stitches these three real prints' rows together.
@case("one_simple_rnn", flavors=("tf.keras", "keras3"))
def c_one_simple_rnn(e):
    return _one_rnn(e, "SimpleRNN"), {}, []


@case("one_lstm", flavors=("tf.keras", "keras3"))
def c_one_lstm(e):
    return _one_rnn(e, "LSTM"), {}, []


@case("one_gru", flavors=("tf.keras", "keras3"))
def c_one_gru(e):
    return _one_rnn(e, "GRU"), {}, []


@case("attention_with_scores", needs=("MultiHeadAttention",))
def c_attention_with_scores(e):
    # self-attention returning its scores (trial 16b's 015): tf.keras prints the two outputs as
    # a tuple `((None, 15, 64), (None, 2, 15, 15))`; the scores' shape shows the heads
    L = e.layers
    x = e.Input((15, 64))
    h, scores = L.MultiHeadAttention(num_heads=2, key_dim=64)(x, x, x, return_attention_scores=True)
    y = L.Dense(3)(L.GlobalAveragePooling1D()(L.Add()([x, h])))
    return e.Model(x, [y, scores]), {}, []


@case("time_distributed_conv1x1")
def c_time_distributed_conv1x1(e):
    # a video model (trial 16b's 015): a 1×1 Conv2D at every frame holds what a Dense on the
    # channels does, so the count cannot tell which of the two is wrapped
    L = e.layers
    x = e.Input((15, 5, 5, 16))
    h = L.TimeDistributed(L.Conv2D(64, (1, 1)))(x)
    h = L.TimeDistributed(L.Flatten())(h)
    return e.Model(x, L.Dense(3)(L.GlobalAveragePooling1D()(h))), {}, []


@case("custom_block_layers", flavors=("tf.keras", "keras3"))
def c_custom_block_layers(e):
    # keras.io's text transformers (trial 16b's 009): a custom layer class named `…Block`
    # (a Layer holding layers, no model), printed as one row with no inner rows
    L = e.layers

    class ResidualBlock(L.Layer):
        def __init__(self, units, **kwargs):
            super().__init__(**kwargs)
            self.inner = L.Dense(units)
            self.norm = L.LayerNormalization()

        def call(self, x):
            return self.norm(x + self.inner(x))

    x = e.Input((10, 16))
    h = ResidualBlock(16, name="residual_block")(x)
    h = ResidualBlock(16, name="residual_block_1")(h)
    return e.Model(x, L.Dense(2)(L.GlobalAveragePooling1D()(h))), {}, []


@case("custom_classes_named_like_prefixes", flavors=("tf.keras", "keras3"))
def c_custom_classes_named_like_prefixes(e):
    """Custom classes whose names start known ones: `Layer` (21b's 005: `layer (Layer)`, no
    LayerNormalization) and `Batch` holding a scale of 8 (no BatchNormalization): printed whole
    with their `)`, they are not completed to the known classes."""
    L = e.layers

    class Layer(L.Layer):
        def call(self, x):
            return x * 2.0

    class Batch(L.Layer):
        def build(self, input_shape):
            self.scale = self.add_weight(name="scale", shape=(input_shape[-1],))

        def call(self, x):
            return x * self.scale

    x = e.Input((8,))
    h = Layer(name="layer")(L.Dense(8)(x))
    return e.Model(x, L.Dense(2)(Batch(name="batch")(h))), {}, []


@case("custom_class_wrapped_over_lines", flavors=("tf.keras",))
def c_custom_class_wrapped_over_lines(e):
    """A custom class whose name starts known ones, printed whole but wrapped over two lines by
    tf.keras 2.7+ (94f's 013: Spektral's `global_max_pool (GlobalMaxP` / `ool)`): the row has the
    class's default name, so the class is whole, not a cut GlobalMaxPooling1D."""
    L = e.layers

    class GlobalMaxPool(L.Layer):
        def call(self, x):
            return e.tf.reduce_max(x, axis=1)

    x = e.Input((6, 4))
    h = L.BatchNormalization()(L.Dense(10)(x))
    return e.Model(x, L.Dense(2)(GlobalMaxPool()(h))), {}, []


def _step_counter(e):
    """A custom layer class holding one non-trainable weight, a step counter."""
    L = e.layers

    class StepCounter(L.Layer):
        def build(self, input_shape):
            self.steps = self.add_weight(
                name="steps", shape=(), initializer="zeros", trainable=False
            )

        def call(self, x):
            return x

    return StepCounter


@case("custom_layer_with_a_counter", flavors=("keras3",))
def c_custom_layer_with_a_counter(e):
    """A custom layer holding one non-trainable weight: Non-trainable params is 1, and the
    audit cannot tell where it sits (23a's nit: `the other 1 sit in`)."""
    x = e.Input((4,))
    h = _step_counter(e)(name="step_counter")(e.layers.Dense(8)(x))
    return e.Model(x, e.layers.Dense(1)(h)), {}, []


@case("custom_layers_with_counters", flavors=("keras3",))
def c_custom_layers_with_counters(e):
    """Two custom layers holding one non-trainable weight each: Non-trainable params is 2."""
    counter = _step_counter(e)
    x = e.Input((4,))
    h = counter(name="step_counter")(e.layers.Dense(8)(x))
    h = counter(name="step_counter_1")(e.layers.Dense(8)(h))
    return e.Model(x, e.layers.Dense(1)(h)), {}, []


@case("dict_output_layer", flavors=("tf.keras",))
def c_dict_output_layer(e):
    # TF Hub's BERT encoders return a dict (trial 18c's 012): tf.keras prints the dict as the
    # row's output shape, cut by its column (`{'pooled_output': (N`)
    L = e.layers

    class Encoder(L.Layer):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.pool = L.Dense(16)

        def call(self, x):
            return {"pooled_output": self.pool(x), "sequence_output": x}

    x = e.Input((8,))
    outputs = Encoder(name="encoder")(x)
    joined = L.Add()([outputs["pooled_output"], L.Dense(16)(x)])  # a Connected to column
    return e.Model(x, L.Dense(2)(joined)), {}, []


@case("one_output_dict_in_sequential", flavors=("tf.keras",))
def c_one_output_dict_in_sequential(e):
    # a TF Hub KerasLayer that returns a dict of one output in a Sequential (trial 40d's 005,
    # tensorflow/hub#417: `keras_layer (KerasLayer)  {'outputs': (None, 512)}`), a Dense on it
    L = e.layers

    class Embedder(L.Layer):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.proj = L.Dense(32)

        def call(self, x):
            return {"outputs": self.proj(x)}

    return e.Sequential([e.Input((8,)), Embedder(name="embedder"), L.Dense(16)]), {}, []


@case("channels_first_3d_shapes_cut", flavors=("tf.keras",))
def c_channels_first_3d_shapes_cut(e):
    # a channels_first 3-D generator (trial 40c's 013): tf.keras ≤ 2.6 cuts 5-D shapes at 20
    # characters (`(None, 24, 16, 32, 3`), the channels on axis 1 still shown in full
    L = e.layers
    first = {"data_format": "channels_first"}
    x = e.Input((48, 8, 16, 16))
    up = L.Conv3DTranspose(24, 4, strides=2, padding="same", **first)(x)
    h = L.Conv3D(12, 3, padding="same", **first)(up)
    h = L.BatchNormalization(axis=1)(h)
    h = L.Concatenate(axis=1)([up, h])  # a skip: the Connected to column narrows the shapes'
    h = L.GlobalAveragePooling3D(**first)(h)
    return e.Model(x, L.Dense(2)(h)), {}, []


@case("channels_first_3d_bn_default_axis_cut", flavors=("tf.keras",))
def c_channels_first_3d_bn_default_axis_cut(e):
    # trial 40c's 013: BatchNormalization() left at axis=-1 in a channels_first 3-D model
    # normalises the width, 4 × 32, not the 24 channels; tf.keras ≤ 2.6 cuts the shapes at 20
    # characters (`(None, 24, 16, 32, 3`), the width's first digit left
    L = e.layers
    first = {"data_format": "channels_first"}
    x = e.Input((48, 8, 16, 16))
    up = L.Conv3DTranspose(24, 4, strides=2, padding="same", **first)(x)
    bn = L.BatchNormalization()
    h = L.Concatenate(axis=1)([up, bn(up)])  # a skip: the Connected to column narrows shapes
    h = L.GlobalAveragePooling3D(**first)(h)
    fault = "BatchNormalization with the default axis=-1 on channels-first data (normalises "
    fault += "width 32 instead of the 24 channels)"
    return e.Model(x, L.Dense(2)(h)), {}, [bn_fault(bn, fault)]


@case("merge_layer_called_twice")
def c_merge_layer_called_twice(e):
    # one Concatenate called twice (trial 41b's 009: a Coursera attention model calls one 10
    # times): Keras 2 lists both calls' entries in one Connected to cell, two per call
    L = e.layers
    left, right = e.Input((4,)), e.Input((4,))
    join = L.Concatenate()
    first, second = join([left, right]), join([right, left])
    return e.Model([left, right], L.Add()([L.Dense(2)(first), L.Dense(2)(second)])), {}, []


@case("conv3d_residual_shapes_fill_column")
def c_conv3d_residual_shapes_fill_column(e):
    # 5-D outputs as wide as the Output Shape column (trial 44f's 007: Keras 2.0 writes each
    # count one blank after `(None, 32, 16, 16, 64`, the shape's `)` cut), in a residual chain
    L = e.layers
    x = e.Input((32, 16, 16, 64))
    added = L.Add()([x, L.Conv3D(64, 3, padding="same")(x)])
    scaled = L.Lambda(lambda t: t * 2)(added)
    return e.Model(x, L.Add()([L.Conv3D(64, 1)(scaled), scaled])), {}, []


@case("conv_filters_cut_by_shape_column")
def c_conv_filters_cut_by_shape_column(e):
    # trial 46e's 012 (a U-Net's first rows): 1024-wide outputs fill the Output Shape column
    # of a print with Connected to, each convolution's filters cut to their first digit; the
    # pooling below shows them in full
    L = e.layers
    x = e.Input((1024, 1024, 1))
    scaled = L.Lambda(lambda t: t / 255)(x)
    first, second = L.Conv2D(64, 5, padding="same"), L.Conv2D(64, 5, padding="same")
    features = second(first(scaled))
    pooled = L.MaxPooling2D()(features)
    return e.Model(x, L.Concatenate()([L.UpSampling2D()(pooled), features])), {}, []


@case("conv_no_bias_filters_cut_after_a_cut_input")
def c_conv_no_bias_filters_cut_after_a_cut_input(e):
    # MobileNetV2's stem at 1024 × 1024 (trial 46d's 015): the column cuts the input's list
    # and the 32 filters to `3`, which, read as printed, fit 864 = 3 × 288 once the input's
    # channels are solved for; the BatchNormalization's 128 = 4 × 32 says 32
    L = e.layers
    x = e.Input((1024, 1024, 3))
    conv = L.Conv2D(32, 3, padding="same", use_bias=False)(x)
    relu = L.ReLU()(L.BatchNormalization()(conv))
    return e.Model(x, L.Concatenate()([relu, conv])), {}, []


@case("unet3d_channels_first_shapes_cut")
def c_unet3d_channels_first_shapes_cut(e):
    # trial 46c's 009 (a 3-D U-Net, channels first): the column cuts each 5-D shape inside
    # its last spatial axes, the channels on axis 1 shown in full; the convolution after the
    # concatenation takes 128 + 64 = 192 of them
    L, first = e.layers, "channels_first"
    x = e.Input((4, 160, 160, 160))
    a = L.Conv3D(64, 3, padding="same", data_format=first)(x)
    b = L.Conv3D(128, 3, padding="same", data_format=first)(L.MaxPooling3D(data_format=first)(a))
    up = L.UpSampling3D(data_format=first)(b)
    joined = L.Concatenate(axis=1)([up, a])
    return e.Model(x, L.Conv3D(64, 3, padding="same", data_format=first)(joined)), {}, []


@case("locally_connected_first_row", needs=("LocallyConnected1D",))
def c_locally_connected_first_row(e):
    # trial 48c's 007 (a jet classifier): a Sequential's first row is a LocallyConnected1D,
    # its input not printed: 13,344 = 139 × 32 × (K × C + 1), K × C = 2 (kernel 2 on 1 channel)
    L = e.layers
    model = e.Sequential()
    model.add(L.LocallyConnected1D(32, 2, input_shape=(140, 1)))
    model.add(L.MaxPooling1D(2, strides=1))
    model.add(L.Flatten())
    model.add(L.Dense(1))
    return model, {}, []


@case("bidirectional_encoder_with_states", flavors=("keras3", "tf_keras"))
def c_bidirectional_encoder_with_states(e):
    # trial 49c's 009 (an attention seq2seq): a Bidirectional LSTM encoder that returns its
    # states prints one merged output (2 × units) and four states (units each)
    L = e.layers
    x = e.Input((None, 37))
    seq, h_f, c_f, h_b, c_b = L.Bidirectional(
        L.LSTM(44, return_sequences=True, return_state=True), name="bidirectional_encoder"
    )(x)
    h = L.Concatenate()([h_f, h_b])
    c = L.Concatenate()([c_f, c_b])
    return e.Model(x, [L.Dense(2)(L.Concatenate()([h, c])), seq]), {}, []


@case("embedding_class_cut_by_long_name")
def c_embedding_class_cut_by_long_name(e):
    # trial 45d's 004 (DeepCTR): Embedding rows whose long names fill the Layer column, the
    # class cut away; a 2-D input and a 3-D output make them Embeddings, no Conv1D
    L = e.layers
    ids = e.Input((3,), name="weighted_seq")
    emb = L.Embedding(2, 1, name="linear0sparse_seq_emb_weighted_seq")(ids)
    return e.Model(ids, L.Dense(1)(L.Flatten()(emb))), {}, []


@case("conv_keeping_channels_first_row", flavors=("keras3",))
def c_conv_keeping_channels_first_row(e):
    # a first convolution as wide as its input (trial 41a's 002: 19 filters on 19 channels):
    # Keras 3 prints no InputLayer row in a Sequential, so its input channels are not shown
    L = e.layers
    return e.Sequential([e.Input((8, 8, 5)), L.Conv2D(5, 3, padding="same"), L.Flatten()]), {}, []


@case("bidirectional_smaller_backward_layer", flavors=("tf_keras", "keras3"))
def c_bidirectional_smaller_backward_layer(e):
    # a Bidirectional whose backward_layer has fewer units (trial 42c's 002): tf.keras prints
    # forward + backward units, Keras 3 twice the forward units; the backward units are solved
    L = e.layers
    x = e.Input((10, 8))
    backward = L.GRU(8, go_backwards=True)
    h = L.Bidirectional(L.GRU(16), backward_layer=backward)(x)
    return e.Model(x, L.Dense(2)(h)), {}, []


@case("custom_mask_two_inputs", flavors=("keras", "tf.keras"))
def c_custom_mask_two_inputs(e):
    # CapsNet's own Mask layer, named like the start of Keras's Masking, called on two inputs
    # (trial 42a's 003): Keras 2 prints its second inbound on a line of its own, the class whole
    L = e.layers

    class Mask(L.Layer):
        def call(self, inputs):
            return inputs[0]

        def compute_output_shape(self, input_shape):
            return input_shape[0]

    capsules, labels = e.Input((16,)), e.Input((10,))
    masked = Mask(name="mask_1")([capsules, labels])
    return e.Model([capsules, labels], L.Dense(4)(masked)), {}, []


@case("add_loss_row", flavors=("tf.keras",))
def c_add_loss_row(e):
    # a VAE's KL term added with model.add_loss(tensor) (trial 18a's 015): tf.keras 2.4+ prints
    # an AddLoss row, which holds no weights
    L = e.layers
    x = e.Input((8,))
    h = L.Dense(4)(x)
    m = e.Model(x, L.Dense(8)(h))
    m.add_loss(e.tf.reduce_mean(h))
    return m, {}, []


@case("concatenate_four_branches")
def c_concatenate_four_branches(e):
    # a merge of four branches whose names fill the Connected to column (trial 19b's 001, 005):
    # tf.keras 2.7+ wraps the list one entry a line, the middle ones `'name[0][0]',` alone
    L = e.layers
    x = e.Input((8,))
    branches = [L.Dense(4, name=f"{side}_branch_dense")(x) for side in ("north", "south", "east")]
    branches.append(L.Dense(4, name="west_branch_dense")(x))
    return e.Model(x, L.Dense(2)(L.Concatenate()(branches))), {}, []


@case("attention_layers", needs=("Attention", "AdditiveAttention"))
def c_attention(e):
    L = e.layers
    q = e.Input((5, 16))
    v = e.Input((7, 16))
    a1 = L.Attention()([q, v])
    a2 = L.AdditiveAttention()([q, v])
    h = L.Concatenate()([a1, a2])
    y = L.Dense(3)(L.GlobalAveragePooling1D()(h))
    return e.Model([q, v], y), {}, []


def _frozen(e):
    L = e.layers
    d1 = L.Dense(64, activation="relu", input_shape=(32,))
    bn = L.BatchNormalization()
    d2 = L.Dense(16)
    out = L.Dense(4)
    m = e.Sequential([d1, bn, d2, out])
    d1.trainable = False
    bn.trainable = False
    return m


@case("frozen_layers")
def c_frozen(e):
    return _frozen(e), {}, []


@case("frozen_layers_show_trainable", needs=("show_trainable",))
def c_frozen_st(e):
    return _frozen(e), {"show_trainable": True}, []


def _embedding_made_frozen(e):
    # an Embedding made with trainable=False, as keras.io's pretrained word embeddings example
    # builds its GloVe layer (31a's 001): Keras 3.0-3.1 printed its weights as trainable
    # (keras-team/keras#19398), later prints as non-trainable
    L = e.layers
    x = e.Input((12,), dtype="int32")
    h = L.Embedding(50, 8, trainable=False)(x)
    h = L.GlobalAveragePooling1D()(h)
    return e.Model(x, L.Dense(3)(h))


@case("embedding_made_frozen", flavors=("keras3", "keras", "tf_keras", "tf.keras"))
def c_embedding_made_frozen(e):
    return _embedding_made_frozen(e), {}, []


@case("frozen_after_compile")
def c_frozen_after_compile(e):
    L = e.layers
    m = e.Sequential([L.Dense(8, input_shape=(4,)), L.Dense(2)])
    m.compile(optimizer="sgd", loss="mse")
    m.layers[0].trainable = False
    return m, {}, []


@case("discriminator_frozen_after_compile")
def c_discriminator_frozen_after_compile(e):
    # a GAN's discriminator compiled, then frozen whole for the combined model (trial 46a's
    # 001): Keras 2 counts every trainable weight twice, the BatchNormalization's half of it
    L = e.layers
    m = e.Sequential(
        [
            L.Conv2D(8, 3, input_shape=(8, 8, 1)),
            L.BatchNormalization(),
            L.Flatten(),
            L.Dense(1),
        ]
    )
    m.compile(optimizer="sgd", loss="mse")
    m.trainable = False
    return m, {}, []


@case("unfrozen_after_compile")
def c_unfrozen_after_compile(e):
    L = e.layers
    m = e.Sequential([L.Dense(8, input_shape=(4,)), L.Dense(2)])
    m.layers[0].trainable = False
    m.compile(optimizer="sgd", loss="mse")
    m.layers[0].trainable = True
    return m, {}, []


@case("base_unfrozen_after_compile")
def c_base_unfrozen_after_compile(e):
    # a course's transfer learning (trial 18a's 008): the base model frozen at compile(), made
    # trainable afterwards; Keras 2 leaves its weights out of both totals lines
    L = e.layers
    x = e.Input((8,))
    base = e.Model(x, L.Dense(4)(L.Dense(16)(x)), name="base")
    m = e.Sequential([base, L.Dense(2)])
    base.trainable = False
    m.compile(optimizer="sgd", loss="mse")
    base.trainable = True
    return m, {}, []


@case("big_dense")
def c_big_dense(e):
    L = e.layers
    x = e.Input((4096,))
    h = L.Dense(4096, activation="relu")(x)
    y = L.Dense(10)(h)
    return e.Model(x, y), {}, []


@case("big_dense_two_inputs")
def c_big_dense_two(e):
    # 4-column table with an 8-digit Param # (G5 wraps it inside a 7-wide column)
    L = e.layers
    a = e.Input((4096,))
    b = e.Input((4096,))
    h = L.Concatenate()([a, b])
    h = L.Dense(4096, activation="relu")(h)
    y = L.Dense(10)(h)
    return e.Model([a, b], y), {}, []


@case("normalization_preprocessing", needs=("Normalization",))
def c_norm(e):
    L = e.layers
    m = e.Sequential(
        [
            L.Normalization(input_shape=(6,)) if e.flavor != "keras3" else L.Normalization(),
            L.Dense(4),
            L.Dense(1),
        ]
    )
    if e.flavor == "keras3":
        m.build((None, 6))
    return m, {}, []


@case("normalization_on_one_channel", needs=("Normalization",))
def c_normalization_on_one_channel(e):
    # a spectrogram CNN's Normalization() on (32, 32, 1) (trial 40c's 008): the default axis=-1
    # keeps one channel, 2 × 1 + 1 = 3, the count axis=None gives too
    L = e.layers
    x = e.Input((32, 32, 1))
    h = L.Normalization()(x)
    h = L.Conv2D(4, 3)(h)
    return e.Model(x, L.Dense(2)(L.GlobalAveragePooling2D()(h))), {}, []


@case("layer_range", needs=("layer_range",))
def c_layer_range(e):
    m = _mlp(e)
    names = [layer.name for layer in m.layers]
    return m, {"layer_range": [names[1], names[3]]}, []


@case("subclassed_model", flavors=("tf.keras", "tf_keras", "keras3"))
def c_subclassed(e):
    import numpy as np

    L = e.layers
    keras = e.keras

    # an attribute layer that call() never uses prints "0 (unused)" from TF 2.5 on;
    # older tf.keras crash in count_params() on it, so leave it out there
    with_unused = e.flavor == "keras3" or "0 (unused)" in e.summary_source

    class TwoLayerNet(keras.Model):
        def __init__(self):
            super().__init__()
            self.hidden = L.Dense(32, activation="relu")
            if with_unused:
                self.unused_head = L.Dense(5)
            self.out = L.Dense(3)

        def call(self, inputs):
            return self.out(self.hidden(inputs))

    m = TwoLayerNet()
    m(np.zeros((1, 7), dtype="float32"))
    return m, {}, []


@case("subclassed_tracked_sublayers", flavors=("tf.keras", "keras3"))
def c_subclassed_tracked_sublayers(e):
    """A subclassed model that keeps as attributes two Dense layers, a custom layer calling
    them and a TimeDistributed around that layer (22a's 011: a cell, its sublayers and the RNN
    around it): the summary lists all four, so the rows hold the Dense layers' weights three
    times and Total once."""
    import numpy as np

    L = e.layers
    keras = e.keras

    class Pair(L.Layer):
        def __init__(self, first, second, **kwargs):
            super().__init__(**kwargs)
            self.first, self.second = first, second

        def call(self, x):
            return self.second(self.first(x))

    class Tracked(keras.Model):
        def __init__(self):
            super().__init__(name="tracked")
            self.first = L.Dense(8, name="first")
            self.second = L.Dense(8, name="second")
            self.pair = Pair(self.first, self.second, name="pair")
            self.wrapped = L.TimeDistributed(self.pair, name="wrapped")
            self.head = L.Dense(2, name="head")

        def call(self, x):
            return self.head(self.wrapped(x))

    m = Tracked()
    m(np.zeros((1, 3, 4), dtype="float32"))
    return m, {}, []


@case("masked_lm_tied_in_custom_layers", flavors=("tf.keras", "keras3"))
def c_masked_lm_tied(e):
    """Hugging Face's TF*ForMaskedLM shape (trial 16b's 003): a subclassed model of two custom
    layers, the encoder (an Embedding and a Dense) and the masked-LM head (a Dense, then the
    encoder's own embedding matrix, transposed, back to the vocabulary). Each row counts the
    1,000 x 16 matrix; Total counts it once."""
    import numpy as np

    L = e.layers
    keras = e.keras
    tf = e.tf

    def project(h, matrix):
        if tf is not None:
            return tf.matmul(h, matrix, transpose_b=True)
        return keras.ops.matmul(h, keras.ops.transpose(matrix))

    class MainLayer(L.Layer):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.word_embeddings = L.Embedding(1000, 16)
            self.dense = L.Dense(16)

        def call(self, ids):
            return self.dense(self.word_embeddings(ids))

    class MLMHead(L.Layer):
        def __init__(self, word_embeddings, **kwargs):
            super().__init__(**kwargs)
            self.word_embeddings = word_embeddings
            self.transform = L.Dense(16)

        def call(self, hidden):
            return project(self.transform(hidden), self.word_embeddings.embeddings)

    class ForMaskedLM(keras.Model):
        def __init__(self):
            super().__init__(name="for_masked_lm")
            self.bert = MainLayer(name="bert")
            self.mlm = MLMHead(self.bert.word_embeddings, name="mlm___cls")

        def call(self, ids):
            return self.mlm(self.bert(ids))

    m = ForMaskedLM()
    m(np.zeros((1, 8), dtype="int32"))
    return m, {}, []


@case("token_and_position_embedding", flavors=("tf.keras", "keras3"))
def c_token_and_position_embedding(e):
    """keras.io's text-classification transformer (trial 16b's 008): its own
    TokenAndPositionEmbedding layer, a token Embedding (20,000 x 32) and a position Embedding
    (200 x 32) added, whose count is (vocabulary + positions) x dim."""
    L = e.layers
    keras = e.keras
    tf = e.tf

    class TokenAndPositionEmbedding(L.Layer):
        def __init__(self, maxlen, vocab_size, embed_dim, **kwargs):
            super().__init__(**kwargs)
            self.token_emb = L.Embedding(input_dim=vocab_size, output_dim=embed_dim)
            self.pos_emb = L.Embedding(input_dim=maxlen, output_dim=embed_dim)

        def call(self, x):
            ops = tf if tf is not None else keras.ops
            maxlen = ops.shape(x)[-1]
            positions = self.pos_emb(ops.range(maxlen) if tf is not None else ops.arange(maxlen))
            return self.token_emb(x) + positions

    inputs = e.Input((200,))
    h = TokenAndPositionEmbedding(200, 20000, 32)(inputs)
    h = L.GlobalAveragePooling1D()(h)
    return e.Model(inputs, L.Dense(2, activation="softmax")(L.Dense(20)(h))), {}, []


# ---- issue 9: prints the audit must read without a false alarm or a false all-clear ----


def printed(name, build, opts=None, needs=(), flavors=None, **meta):
    """Register a case that prints build(e) with the summary options opts (no faults)."""
    CASES.append(
        {
            "name": name,
            "fn": lambda e: (build(e), dict(opts or {}), []),
            "needs": needs,
            "flavors": flavors,
            "min_version": None,
            "backend": None,
            "meta": meta,
        }
    )


def _lstm_long_shape(e):
    L = e.layers
    x = e.Input((10000, 40))
    h = L.LSTM(256, return_sequences=True)(x)
    h = L.BatchNormalization()(h)
    h = L.LSTM(128)(h)
    y = L.Dense(10, activation="softmax")(h)
    return e.Model(x, y)


printed("lstm_long_shape", _lstm_long_shape)
# printed to a pipe (COLUMNS unset: the 76-wide table people paste from scripts)
printed(
    "lstm_long_shape_cols_unset",
    _lstm_long_shape,
    {"columns": None},
    flavors=("keras3",),
    columns_override=True,
    capture="stdout",
)


def _cut_shared_prefix(e):
    # a narrow terminal cuts "x6gbm8c" and "x6gbm8c_1" to the same "x6gbm8…", and the
    # Dense row's Connected to ("x6gbm8…") matches both: it names the one printed above it
    L = e.layers
    x = e.Input((2,), name="x6gbm8c")
    dense = L.Dense(1, name="dense")
    h = dense(x)
    dense.trainable = False
    y = L.Concatenate(name="x6gbm8c_1")([x, h])
    return e.Model(x, y)


printed(
    "cut_shared_prefix_show_trainable_cols50",
    _cut_shared_prefix,
    {"columns": 50, "show_trainable": True},
    flavors=("keras3",),
    columns_override=True,
    capture="stdout",
)


def _wide_counts(e):
    # counts of 10 digits and more in a 60-wide table: Keras 3 cuts them as it cuts names
    # (`10,240,0…`); a forum paste of a large language model shows `1,315,…`
    L = e.layers
    x = e.Input((None,), dtype="int32")
    h = L.Embedding(5000, 2048, name="token_embedding")(x)
    h = L.Dense(4900, name="projection")(h)
    y = L.Dense(3)(h)
    return e.Model(x, y)


printed(
    "wide_counts_cut_line_length60",
    _wide_counts,
    {"line_length": 60},
    flavors=("keras3",),
)


def _separable_cut(e):
    # at 40 columns Keras 3 cuts `SeparableConv2D` short (`(Separabl…`): a tf.keras or Keras 3 print
    # never shows Keras 1's SeparableConvolution2D, so the cut class completes to one class
    L = e.layers
    x = e.Input((8, 8, 6))
    h = L.SeparableConv2D(2, 3, padding="same")(x)
    h = L.GlobalAveragePooling2D()(h)
    return e.Model(x, L.Dense(3)(h))


printed(
    "separable_cut_line_length40",
    _separable_cut,
    {"line_length": 40},
    flavors=("keras3",),
)


def _wide_separable_head(e):
    # a PlantTraits2024 write-up (51d's 003): in 70 columns Keras 3 cuts two SeparableConv2D
    # counts (`1,995,1…`) whose formula leaves one count with those digits
    L = e.layers
    x = e.Input((7, 7, 1408), name="features")
    h = L.BatchNormalization()(x)
    h = L.SeparableConv2D(1408, 3, padding="same", use_bias=False)(h)
    a = L.Activation("relu")(h)
    h = L.Add()([L.SeparableConv2D(1408, 3, padding="same", use_bias=False)(a), a])
    h = L.GlobalAveragePooling2D()(h)
    return e.Model(x, L.Dense(6)(h))


printed(
    "separable_counts_cut_line_length70",
    _wide_separable_head,
    {"line_length": 70},
    flavors=("keras3",),
)


def _separable_without_bias(e):
    # Xception's and NASNet's SeparableConv2D: use_bias=False, square kernels (3×3, 5×5, 7×7) on
    # 'same' padding; the bias reading of the same count needs a kernel no one builds (1×7)
    L = e.layers
    x = e.Input((16, 16, 128))
    h = L.SeparableConv2D(256, 3, padding="same", use_bias=False, name="sep3x3")(x)
    h = L.SeparableConv2D(11, 5, padding="same", use_bias=False, name="sep5x5")(h)
    h = L.SeparableConv2D(11, 7, padding="same", use_bias=False, name="sep7x7")(h)
    h = L.SeparableConv2D(32, 3, padding="same", name="sep3x3_bias")(h)
    h = L.GlobalAveragePooling2D()(h)
    return e.Model(x, L.Dense(3)(h))


printed("separable_without_bias", _separable_without_bias, flavors=("keras3", "tf.keras"))


def _tied_embedding_causal_lm(e, vocabulary):
    # KerasHub's causal LMs: a backbone model holds the token embedding, and a
    # ReversibleEmbedding row reuses its matrix to map back to the vocabulary
    L = e.layers
    keras = e.keras
    ids = e.Input((None,), dtype="int32", name="token_ids")
    embedding = L.Embedding(vocabulary, 2048, name="token_embedding")
    backbone = e.Model(ids, L.Dense(2048, name="block")(embedding(ids)), name="backbone")

    class ReversibleEmbedding(L.Layer):
        def __init__(self, tied, **kwargs):
            super().__init__(**kwargs)
            self.tied = tied

        def call(self, hidden):
            return keras.ops.matmul(hidden, keras.ops.transpose(self.tied.embeddings))

    x = e.Input((None,), dtype="int32", name="token_ids")
    y = ReversibleEmbedding(embedding, name="reverse_embedding")(backbone(x))
    return e.Model(x, y, name="causal_lm")


def _tied_embedding_backbone_cut(e):
    # trial 17a's 002: at 60 columns the backbone's count is cut (`10,340,…`), and the rows
    # with those digits pass Total
    return _tied_embedding_causal_lm(e, 3000)


printed(
    "tied_embedding_backbone_cut_line_length60",
    _tied_embedding_backbone_cut,
    {"line_length": 60},
    flavors=("keras3",),
)


def _tied_embedding_both_cut(e):
    # an OPT causal LM's print (63a's 002): at a narrow width the column cuts both counts, the
    # backbone's and its tied ReversibleEmbedding's, to a few digits each
    return _tied_embedding_causal_lm(e, 30000)


printed(
    "tied_embedding_both_cut_line_length40",
    _tied_embedding_both_cut,
    {"line_length": 40},
    flavors=("keras3",),
)


def _ops_without_weights(e):
    # keras.ops called on symbolic tensors print as rows of their own (`any (Any)`, trial 12a's
    # 008), none with weights
    L, ops = e.layers, e.keras.ops
    x = e.Input((4,))
    h = L.Dense(4)(x)
    top = ops.max(ops.abs(h), axis=-1, keepdims=True)
    some = ops.cast(ops.any(ops.greater(h, 0.0), axis=-1, keepdims=True), "float32")
    low = ops.min(ops.negative(h), axis=-1, keepdims=True)
    joined = ops.concatenate([top, some, low], axis=-1)
    return e.Model(x, L.Dense(1)(joined))


printed("ops_without_weights", _ops_without_weights, flavors=("keras3",))


def _tutorial_cnn(e):
    # TensorFlow's CNN tutorial (CIFAR-10): three 3×3 'valid' convolutions, each shrinking the
    # size by 2 (trial 14a's 009 pasted it with the first conv's 896 copied onto the third)
    L = e.layers
    return e.Sequential(
        [
            L.Conv2D(32, (3, 3), activation="relu", input_shape=(32, 32, 3)),
            L.MaxPooling2D((2, 2)),
            L.Conv2D(64, (3, 3), activation="relu"),
            L.MaxPooling2D((2, 2)),
            L.Conv2D(64, (3, 3), activation="relu"),
            L.Flatten(),
            L.Dense(64, activation="relu"),
            L.Dense(10),
        ]
    )


printed("tutorial_cnn", _tutorial_cnn, flavors=("keras3", "tf.keras"))


def _time_distributed_embedding(e):
    # TimeDistributed(Embedding) over characters of each word (trial 15a's 007): one axis more
    # out than in at every time step, 28 × 10 weights
    L = e.layers
    x = e.Input((300, 10))
    h = L.TimeDistributed(L.Embedding(28, 10))(x)
    return e.Model(x, L.Dense(1)(L.Flatten()(h)))


printed("time_distributed_embedding", _time_distributed_embedding, flavors=("keras3", "tf.keras"))


def _frozen_bn_after_rnn(e):
    # a Sequential whose first row's input is not shown (a Bidirectional LSTM) and a frozen
    # BatchNormalization (trial 15a's 003): Non-trainable is the whole BN, 4 × 100
    L = e.layers
    bn = L.BatchNormalization()
    m = e.Sequential(
        [
            L.Bidirectional(L.LSTM(50, return_sequences=True), input_shape=(60, 3)),
            bn,
            L.Flatten(),
            L.Dense(1),
        ]
    )
    bn.trainable = False
    return m


printed("frozen_bn_after_rnn", _frozen_bn_after_rnn, flavors=("keras3", "tf.keras"))


def _inception_stem_input_cut(e):
    # an Inception homework's stem (trial 16a's 009): a one-channel 224x224 input, whose
    # `[(None, 224, 224, 1)]` the functional table's Output Shape column cuts to
    # `[(None, 224, 224, 1)` (the tuple whole, only the `]` lost), then convolutions without
    # bias and BatchNormalization without scale, in two branches joined
    L = e.layers
    x = e.Input((224, 224, 1))
    h = L.Conv2D(64, (3, 3), padding="same", use_bias=False, name="Block1_conv1_conv")(x)
    h = L.BatchNormalization(scale=False, name="Block1_conv1_bn")(h)
    a = L.Conv2D(32, (1, 1), padding="same", use_bias=False, name="Branch_a_conv")(h)
    b = L.Conv2D(32, (3, 3), padding="same", use_bias=False, name="Branch_b_conv")(h)
    return e.Model(x, L.Concatenate(name="Mixed")([a, b]))


printed("inception_stem_input_cut", _inception_stem_input_cut, flavors=("tf.keras",))


def _two_inputs_cut_alike(e):
    # two inputs of one shape whose names a narrow table cuts to the same `input_lay…`: the
    # Dense on the first is fed `(None, 2)` whichever the cut reference names (the keras
    # differential suite's case: its count was not checked)
    L = e.layers
    a, b = e.Input((2,)), e.Input((2,))
    h = L.Dense(1)(a)
    joined = L.Concatenate()([b, h])
    return e.Model([a, b], L.Dense(4)(L.Dense(3)(joined)))


printed(
    "two_inputs_cut_alike_line_length48",
    _two_inputs_cut_alike,
    {"line_length": 48},
    flavors=("keras3",),
)


def _nested_cut_alike(e):
    # two nested models whose names a narrow table cuts to the same `encoder_…`: a rebuild
    # must name them apart (Keras 3 refuses a name twice in a model)
    L = e.layers
    x = e.Input((6,))
    one = e.Sequential([L.Dense(4)], name="encoder_branch_one")
    two = e.Sequential([L.Dense(3)], name="encoder_branch_two")
    return e.Model(x, L.Concatenate()([one(x), two(x)]))


printed(
    "nested_cut_alike_line_length44",
    _nested_cut_alike,
    {"line_length": 44},
    flavors=("keras3",),
)


def _frozen_nested_pair(e):
    # two frozen nested models, the second holding a model of its own (trial 9's 006: the
    # Trainable column decides Non-trainable even where an inner model's rows are not shown)
    L = e.layers
    x = e.Input((8,))
    a = e.Sequential([e.Input((8,)), L.Dense(4)], name="a")
    b = e.Sequential([e.Input((4,)), e.Sequential([L.Dense(4)], name="base"), L.Dense(2)], name="b")
    a.trainable = False
    b.trainable = False
    return e.Model(x, L.Dense(1)(b(a(x))))


printed(
    "frozen_nested_pair_show_trainable",
    _frozen_nested_pair,
    {"expand_nested": True, "show_trainable": True},
    flavors=("keras3", "tf_keras", "tf.keras"),
)


def _param_header_wrapped(e):
    # line_length=85 leaves "Param #" 7 characters, and a 4-column tf.keras 2.7+ header wraps
    # it to "Param" over "#"; the wrapped class names below must still join their rows
    L = e.layers
    a = e.Input((3, 3, 5), name="yta9ex_0xyj84vx")
    b = e.Input((3, 3, 5))
    h = L.Add()([a, b])
    d = L.Dense(6, name="huh11zm")(h)
    h = L.Concatenate()([h, d])
    y = L.LayerNormalization(center=False)(h)
    return e.Model([a, b], y, name="wy0an")


printed(
    "param_header_wrapped_line_length85",
    _param_header_wrapped,
    {"line_length": 85},
    flavors=("tf_keras", "tf.keras"),
)


def _padding_tells_channels_last(e):
    # a differential example (tf-keras 2.21): an input (None, 1, 4, 5) looks like a one-channel
    # 'th' image, but the padding below keeps the last axis: channels_last, so the
    # BatchNormalization's 6 is 3 × 2 (scale off), not 2 × 3 over axis 1
    L = e.layers
    x = e.Input((1, 4, 5))
    conv = L.Conv2D(2, 1)
    y = L.BatchNormalization(scale=False)(L.ZeroPadding2D(1)(conv(x)))
    conv.trainable = False
    return e.Model(x, y)


printed("padding_tells_channels_last", _padding_tells_channels_last, flavors=("tf_keras", "keras3"))


@case("bn_scale_off_over_the_time_axis", flavors=("keras3", "tf_keras"))
def c_bn_scale_off_over_the_time_axis(e):
    # the differential example's one-row form (Keras 3.15): 6 on (None, 2, 3) is 2 × 3 with
    # center and scale off, or 3 × 2 over axis 1 with scale off; Non-trainable 4 says the second
    L = e.layers
    x = e.Input((2, 3))
    bn = L.BatchNormalization(axis=1, scale=False)
    model = e.Model(x, bn(L.Reshape((2, 3))(x)))
    return model, {}, [bn_fault(bn, "BatchNormalization built with axis=1 (the time steps)")]


def _speech_conv_no_bias(e):
    # 48b's 002 (keras-io's CTC speech model): Conv2D(32, [11, 41], strides=[2, 2],
    # padding="same", use_bias=False) on a one-channel spectrogram: 14,432 is 32 × 451 (11×41)
    # without a bias, or 32 × (450 + 1) with one (18×25)
    L = e.layers
    x = e.Input((None, 193, 1))
    h = L.Conv2D(32, [11, 41], strides=[2, 2], padding="same", use_bias=False, name="conv_1")(x)
    return e.Model(x, L.BatchNormalization(name="conv_1_bn")(h))


printed("speech_conv_no_bias", _speech_conv_no_bias, flavors=("keras3",))


def _param_title_wrapped_inside(e):
    # a differential example (tf-keras 2.21 at line_length=50): the Param # column is too
    # narrow for its title, wrapped `Pa` / `ra` / `m` / `#`, and InputLayer for its class
    L = e.layers
    x = e.Input((1,))
    dense = L.Dense(1)
    model = e.Model(x, L.Add()([x, dense(x)]))
    dense.trainable = False
    return model


printed(
    "param_title_wrapped_inside_line_length50",
    _param_title_wrapped_inside,
    {"line_length": 50},
    flavors=("tf_keras",),
)


def _frozen_dense_run(e):
    L = e.layers
    x = e.Input((20,))
    h = L.Dense(32, activation="relu")(x)
    h = L.BatchNormalization()(h)
    h = L.Dense(64, activation="relu")(h)
    frozen = L.Dense(10, activation="relu")
    h = frozen(h)
    y = L.Dense(1)(h)
    frozen.trainable = False
    return e.Model(x, y)


# Non-trainable = 2 x 32 BatchNormalization statistics + the 650 weights of a frozen Dense
printed("frozen_dense_no_show_trainable", _frozen_dense_run)


def _frozen_conv_run(e):
    L = e.layers
    x = e.Input((32, 32, 3))
    h = x
    convs = []
    for i, filters in enumerate((8, 8, 12, 12, 16, 16, 16, 24, 24, 24, 32, 32, 32)):
        conv = L.Conv2D(filters, 3, padding="same", activation="relu")
        convs.append(conv)
        h = conv(h)
        if i in (3, 9):
            h = L.MaxPooling2D(2)(h)
    h = L.BatchNormalization()(h)
    h = L.Conv2D(48, 3, padding="same", activation="relu")(h)
    h = L.GlobalAveragePooling2D()(h)
    y = L.Dense(5)(h)
    for conv in convs:
        conv.trainable = False
    return e.Model(x, y)


# Non-trainable = BatchNormalization statistics + 13 frozen Conv2D rows
printed("frozen_conv_run_no_show_trainable", _frozen_conv_run)
printed(
    "frozen_conv_run_show_trainable",
    _frozen_conv_run,
    {"show_trainable": True},
    needs=("show_trainable",),
)


def _frozen_scattered(e):
    L = e.layers
    x = e.Input((24, 24, 3))
    c1 = L.Conv2D(8, 3, padding="same")
    b1 = L.BatchNormalization()
    c2 = L.Conv2D(12, 3, padding="same")
    b2 = L.BatchNormalization()
    c3 = L.Conv2D(16, 3, padding="same")
    d1 = L.Dense(32, activation="relu")
    h = b1(c1(x))
    h = L.Activation("relu")(h)
    h = b2(c2(h))
    h = L.Activation("relu")(h)
    h = L.MaxPooling2D(2)(h)
    h = c3(h)
    h = L.GlobalAveragePooling2D()(h)
    h = d1(h)
    y = L.Dense(3)(h)
    for layer in (c1, b1, c3, d1):
        layer.trainable = False
    return e.Model(x, y)


# frozen, not contiguous: a Conv2D, its BatchNormalization (all 4 x C), a later Conv2D
# and a Dense; the other BatchNormalization stays trainable (2 x C non-trainable)
printed("frozen_scattered_no_show_trainable", _frozen_scattered)


def _frozen_base(e):
    L = e.layers
    inner_in = e.Input((32, 32, 3))
    h = L.Conv2D(16, 3, activation="relu")(inner_in)
    h = L.BatchNormalization()(h)
    h = L.Conv2D(32, 3, activation="relu")(h)
    h = L.BatchNormalization()(h)
    base = e.Model(inner_in, h, name="pretrained_base")
    base.trainable = False
    x = e.Input((32, 32, 3))
    h = base(x)
    h = L.GlobalAveragePooling2D()(h)
    h = L.Dense(64, activation="relu")(h)
    h = L.BatchNormalization()(h)
    y = L.Dense(3, activation="softmax")(h)
    return e.Model(x, y, name="transfer_model")


# the nested base is frozen whole (its BatchNormalization included: 4 x C each)
printed("frozen_nested_base_no_show_trainable", _frozen_base)


def _frozen_base_and_head_dense(e):
    """The frozen base, and the head's first Dense frozen too: Non-trainable holds more than
    the base can (20b's 008), the rest being that Dense's 2,112."""
    model = _frozen_base(e)
    model.layers[3].trainable = False  # dense, after input, base and pooling
    return model


printed("frozen_base_and_head_dense", _frozen_base_and_head_dense, flavors=("keras3", "tf.keras"))


def _cnn_blocks(e):
    L = e.layers
    x = e.Input((32, 32, 3))
    h = L.Conv2D(16, 3, padding="same")(x)
    h = L.BatchNormalization()(h)
    h = L.Activation("relu")(h)
    h = L.Conv2D(32, 3, padding="same")(h)
    h = L.BatchNormalization()(h)
    h = L.Activation("relu")(h)
    h = L.MaxPooling2D(2)(h)
    h = L.Conv2D(64, 3, padding="same")(h)
    h = L.BatchNormalization()(h)
    h = L.Activation("relu")(h)
    h = L.GlobalAveragePooling2D()(h)
    h = L.Dense(32, activation="relu")(h)
    y = L.Dense(10, activation="softmax")(h)
    return e.Model(x, y)


def _layer_range_case(name, pick):
    def fn(e):
        m = _cnn_blocks(e)
        names = [layer.name for layer in m.layers]
        return m, {"layer_range": pick(names)}, []

    CASES.append(
        {
            "name": name,
            "fn": fn,
            "needs": ("layer_range",),
            "flavors": None,
            "min_version": None,
            "backend": None,
            "meta": {},
        }
    )


# a middle slice (BatchNormalization inside), from the first row, to the last row
_layer_range_case("layer_range_cnn_middle", lambda names: [names[4], names[8]])
_layer_range_case("layer_range_cnn_head", lambda names: [names[0], names[3]])
_layer_range_case("layer_range_cnn_tail", lambda names: [names[9], names[-1]])
# up to the first pooling (a unique name: layer_range matches a prefix up to the last row it
# names): the third BatchNormalization row is left out, its statistics are in Non-trainable
# (trial 18a's 018: a false SA203 said a count or the Non-trainable line was edited)
_layer_range_case("layer_range_cnn_first_block", lambda names: [names[0], names[7]])


@case("layer_range_named_head", needs=("layer_range",), flavors=("keras3", "tf_keras"))
def c_layer_range_named_head(e):
    # a layer_range slice of a model whose layers are named without numbers (trial 42b's 010:
    # MobileNetV2's `Conv1`, `bn_Conv1`, `Conv1_relu`)
    L = e.layers
    x = e.Input((32, 32, 3), name="image")
    h = L.Conv2D(16, 3, padding="same", name="stem_conv")(x)
    h = L.BatchNormalization(name="stem_bn")(h)
    h = L.Activation("relu", name="stem_relu")(h)
    h = L.Conv2D(32, 3, padding="same", name="block_conv")(h)
    h = L.GlobalAveragePooling2D(name="pool")(h)
    m = e.Model(x, L.Dense(10, name="logits")(h))
    return m, {"layer_range": ["image", "stem_relu"]}, []


@case("resnet50_layer_range", needs=("layer_range",), flavors=("keras3", "tf_keras"))
def c_resnet50_layer_range(e):
    m = e.keras.applications.ResNet50(weights=None)
    return m, {"layer_range": ["conv2_block1_1_conv", "conv2_block2_out"]}, []


def _shared_dense(e):
    L = e.layers
    a = e.Input((16,), name="left_input")
    b = e.Input((16,), name="right_input")
    shared = L.Dense(32, activation="relu", name="shared_dense")
    h = L.Concatenate()([shared(a), shared(b)])
    h = L.BatchNormalization()(h)
    y = L.Dense(1, activation="sigmoid")(h)
    return e.Model([a, b], y)


printed("shared_dense_two_inputs", _shared_dense)


@case("subclassed_bn_called", flavors=("tf.keras", "tf_keras", "keras3"))
def c_subclassed_bn(e):
    import numpy as np

    L = e.layers
    keras = e.keras

    class DenseBNNet(keras.Model):
        def __init__(self):
            super().__init__()
            self.first = L.Dense(64, activation="relu")
            self.norm = L.BatchNormalization()
            self.second = L.Dense(16, activation="relu")
            self.head = L.Dense(4)

        def call(self, inputs):
            return self.head(self.second(self.norm(self.first(inputs))))

    m = DenseBNNet()
    m(np.zeros((1, 20), dtype="float32"))
    return m, {}, []


@case("sub_pixel_depth_to_space", flavors=("tf.keras",))
def c_sub_pixel_depth_to_space(e):
    # trial 50d's 007 (keras.io's super-resolution example): a TensorFlow op called on a Keras
    # tensor is a layer of its own, `tf_op_layer_DepthToSpace (Te`, its class cut by the column
    tf = e.tf
    L = e.layers
    x = e.Input((100, 100, 1))
    h = L.Conv2D(64, 5, padding="same", activation="relu")(x)
    h = L.Conv2D(64, 3, padding="same", activation="relu")(h)
    h = L.Conv2D(32, 3, padding="same", activation="relu")(h)
    h = L.Conv2D(9, 3, padding="same")(h)
    return e.Model(x, tf.nn.depth_to_space(h, 3)), {}, []


@case("two_tower_l2_normalize_ops", flavors=("tf.keras",))
def c_two_tower_l2_normalize_ops(e):
    # a Coursera two-tower recommender (53c's 007): l2_normalize on each tower's output makes
    # TF 2.0–2.3 print each op as a `tf_op_layer_l2_normalize/…` row, its shape a list of one
    # and its class cut off entirely by the name column
    tf = e.tf
    L = e.layers
    user = e.Input((14,))
    item = e.Input((16,))
    user_tower = e.Sequential([L.Dense(256, activation="relu", input_shape=(14,)), L.Dense(32)])
    item_tower = e.Sequential([L.Dense(256, activation="relu", input_shape=(16,)), L.Dense(32)])
    u = tf.math.l2_normalize(user_tower(user), axis=1)
    v = tf.math.l2_normalize(item_tower(item), axis=1)
    return e.Model([user, item], L.Dot(axes=1)([u, v])), {}, []


@case("lambda_constant_without_batch_axis", flavors=("tf.keras",))
def c_lambda_constant_without_batch_axis(e):
    # onnx2keras's MNIST (54c's 007): a Lambda that makes a constant prints its shape without a
    # batch axis, `(8, 1, 1)`, beside rows that print theirs; a channels_first convolution
    tf = e.tf
    L = e.layers
    x = e.Input((1, 28, 28))
    h = L.Conv2D(8, 5, use_bias=False, data_format="channels_first")(x)
    bias = L.Lambda(lambda t: tf.ones((8, 1, 1)))(x)
    return e.Model(x, L.Lambda(lambda t: t[0] + t[1])([h, bias])), {}, []


@case("pooling_class_cut_on_one_inbound", flavors=("tf.keras",))
def c_pooling_class_cut_on_one_inbound(e):
    # pytorch2keras's ResNet-18 (54c's 008): `avgpool… (Avera` on one inbound layer whose name
    # both columns cut: an AveragePooling2D, no Average merge (which takes two inputs or more)
    L = e.layers
    x = e.Input((7, 7, 16))
    shift = e.Input((1, 1, 32))
    h = L.Conv2D(32, 3, padding="same", name="layer4.1.relu0.43086295823995435")(x)
    h = L.AveragePooling2D(7, name="avgpool0.819584693782756")(h)
    h = L.Add()([h, shift])
    return e.Model([x, shift], L.Dense(10)(L.Flatten()(h))), {}, []


@case("nested_preprocessing_then_fixed_batch", flavors=("tf.keras",))
def c_nested_preprocessing_then_fixed_batch(e):
    # a potato-leaf tutorial's CNN (56d's 005): a preprocessing Sequential nested first, the
    # outer model built on a batch of 32: the nested row, built first on the
    # dataset's batches, prints `None`; every other row prints `32`
    L = e.layers
    tf = e.tf
    prep = e.Sequential([L.Resizing(64, 64), L.Rescaling(1.0 / 255)])
    # the tutorial maps its dataset through the preprocessing model first: it is built there
    tf.data.Dataset.from_tensor_slices(tf.zeros((2, 80, 80, 3))).batch(2).map(prep)
    model = e.Sequential(
        [
            prep,
            L.Conv2D(32, 3, activation="relu"),
            L.MaxPooling2D(),
            L.Conv2D(64, 3, activation="relu"),
            L.MaxPooling2D(),
            L.Flatten(),
            L.Dense(64, activation="relu"),
            L.Dense(3, activation="softmax"),
        ]
    )
    model.build(input_shape=(32, 64, 64, 3))
    return model, {}, []


@case("attention_with_a_mask_inbound", flavors=("tf.keras",))
def c_attention_with_a_mask_inbound(e):
    # a speech-recognition transformer (56c's 009): MultiHeadAttention called on query, value,
    # key and an attention mask, all four listed in Connected to; no biases
    L = e.layers
    tokens = e.Input((None,), dtype="int32")
    x = L.Embedding(500, 32)(tokens)
    mask = L.Lambda(lambda t: e.tf.cast(t > 0, "float32")[:, None, :])(tokens)
    h = L.MultiHeadAttention(4, 24, use_bias=False)(x, x, x, attention_mask=mask)
    return e.Model(tokens, L.Dense(10)(h)), {}, []


@case("conv_filters_cut_in_a_channels_last_model", flavors=("tf.keras", "keras"))
def c_conv_filters_cut_in_a_channels_last_model(e):
    # a CycleGAN generator (56a's 008): `(None, 128, 128, 128` cut by the Output Shape column
    # where the rows shown in full make the model channels_last: 128 filters on 64 channels,
    # never a channels_first reading with groups; a transposed convolution alike
    L = e.layers
    x = e.Input((128, 128, 3))
    a = L.Conv2D(64, 7, padding="same")(x)
    b = L.Conv2D(128, 3, padding="same")(a)
    c = L.Conv2D(64, 3, strides=2, padding="same")(b)
    d = L.Concatenate()([c, L.MaxPooling2D()(a)])
    return e.Model(x, L.Conv2DTranspose(128, 3, strides=2, padding="same")(d)), {}, []


@case("lambda_output_shape_with_a_batch_of_one", flavors=("keras",))
def c_lambda_output_shape_with_a_batch_of_one(e):
    # a speech model (57a's 009): a Lambda whose output_shape function writes a batch of 1,
    # `(1, 224)`, under rows that print `None`: the Sequential is still a chain
    L = e.layers
    return (
        e.Sequential(
            [
                L.Conv2D(8, 3, padding="same", input_shape=(20, 10, 1)),
                L.Conv2D(16, 3, padding="same"),
                L.Reshape((20, 160)),
                L.Lambda(lambda x: x[:, -1], output_shape=lambda s: (1, s[2])),
                L.Dense(4),
            ]
        ),
        {},
        [],
    )


@case("instance_normalization_layers", needs=("tfa",), flavors=("tf.keras",))
def c_instance_normalization_layers(e):
    # a CycleGAN generator (56a's 008, 014): InstanceNormalization, as tensorflow-addons and
    # keras-contrib give it: gamma and beta per channel, one of them, or none
    import tensorflow_addons as tfa  # (installed beside TensorFlow 2.12)

    L = e.layers
    x = e.Input((32, 32, 3))
    h = L.Conv2D(64, 7, padding="same")(x)
    h = tfa.layers.InstanceNormalization()(h)
    h = L.Conv2D(128, 3, strides=2, padding="same")(h)
    h = tfa.layers.InstanceNormalization(center=False)(h)
    h = L.Conv2D(32, 3, padding="same")(h)
    h = tfa.layers.InstanceNormalization(center=False, scale=False)(h)
    return e.Model(x, h), {}, []


@case("author_attention_class_in_small_letters", flavors=("tf.keras",))
def c_author_attention_class_in_small_letters(e):
    # Machine Learning Mastery's attention layer (56c's 006): a class of the author's named
    # `attention` in small letters, a weight per feature and a bias per time step; Keras prints
    # the class as it is named, `attention (attention)`
    L, K = e.layers, e.keras.backend

    class attention(L.Layer):  # (the tutorial's name, printed as it is)
        def build(self, input_shape):
            self.w = self.add_weight(name="attention_weight", shape=(input_shape[-1], 1))
            self.b = self.add_weight(name="attention_bias", shape=(input_shape[1], 1))

        def call(self, x):
            weights = K.softmax(K.tanh(K.dot(x, self.w) + self.b), axis=1)
            return K.sum(x * weights, axis=1)

    x = e.Input((20, 1))
    h = L.SimpleRNN(2, return_sequences=True)(x)
    return e.Model(x, L.Dense(1)(attention()(h))), {}, []


@case("separable_first_on_one_channel", flavors=("keras3",))
def c_separable_first_on_one_channel(e):
    # a TinyML bark detector (59d's 012): a Sequential's first row a SeparableConv2D on a
    # one-channel MFCC input, which Keras 3's Sequential print does not show
    L = e.layers
    return (
        e.Sequential(
            [
                e.Input((20, 15, 1)),
                L.SeparableConv2D(4, 3),
                L.SeparableConv2D(8, 3),
                L.GlobalAveragePooling2D(),
                L.Dense(2),
            ]
        ),
        {},
        [],
    )


@case("pix2pix_blocks_as_nested_sequentials", flavors=("keras3",))
def c_pix2pix_blocks_as_nested_sequentials(e):
    # TensorFlow's pix2pix generator (60c's 015): each down and up block a nested Sequential
    # of a convolution without bias and a BatchNormalization, but the first; nothing frozen,
    # Non-trainable is the moving statistics alone
    L = e.layers

    def down(filters, norm=True):
        block = [L.Conv2D(filters, 4, strides=2, padding="same", use_bias=False)]
        return e.Sequential(block + [L.BatchNormalization()] * norm + [L.LeakyReLU()])

    def up(filters):
        return e.Sequential(
            [
                L.Conv2DTranspose(filters, 4, strides=2, padding="same", use_bias=False),
                L.BatchNormalization(),
                L.ReLU(),
            ]
        )

    x = e.Input((32, 32, 3))
    d1 = down(8, norm=False)(x)
    d2 = down(64)(d1)
    d3 = down(128)(d2)
    u1 = L.Concatenate()([up(64)(d3), d2])
    u2 = L.Concatenate()([up(32)(u1), d1])
    out = L.Conv2DTranspose(3, 4, strides=2, padding="same", activation="tanh")(u2)
    return e.Model(x, out), {}, []


@case("pointnet_input_transform_names_fill_the_column", flavors=("tf.keras",))
def c_pointnet_input_transform_names_fill_the_column(e):
    # keras.io's PointNet segmentation (60d's 002): the T-Net's layers are named
    # `input_transformation_block_…`, long enough to fill the Layer column so no class shows
    L = e.layers
    block = "input_transformation_block"
    points = e.Input((None, 3))
    h = L.Conv1D(8, 1, name=f"{block}_1_conv")(points)
    h = L.BatchNormalization(momentum=0.0, name=f"{block}_1_batch_norm")(h)
    h = L.Activation("relu", name=f"{block}_1_relu")(h)
    h = L.GlobalMaxPooling1D()(h)
    h = L.Dense(16, name=f"{block}_1_1_dense")(h)
    h = L.BatchNormalization(momentum=0.0, name=f"{block}_1_1_batch_norm")(h)
    h = L.Dense(9, name=f"{block}_final")(h)
    matrix = L.Reshape((3, 3))(h)
    moved = L.Dot(axes=(2, 1), name=f"{block}_mm")([points, matrix])
    return e.Model(points, L.Conv1D(4, 1, name="features_4_conv")(moved)), {}, []


@case("eegnet_temporal_conv_without_bias", flavors=("tf.keras",))
def c_eegnet_temporal_conv_without_bias(e):
    # EEGNet (60a's 012): a temporal Conv2D of kernLength 32 without a bias on one channel,
    # padding='same' (the kernel's size does not show in the shapes), then a depthwise
    # spatial filter over the 16 electrodes
    L = e.layers
    x = e.Input((16, 128, 1))
    h = L.Conv2D(8, (1, 32), padding="same", use_bias=False)(x)
    h = L.BatchNormalization()(h)
    h = L.DepthwiseConv2D((16, 1), use_bias=False, depth_multiplier=2)(h)
    h = L.BatchNormalization()(h)
    h = L.Activation("elu")(h)
    h = L.AveragePooling2D((1, 4))(h)
    return e.Model(x, L.Dense(2)(L.Flatten()(h))), {}, []


@case("subclassed_model_blocks_sharing_a_name", flavors=("keras3",))
def c_subclassed_model_blocks_sharing_a_name(e):
    # a ViT written as a subclassed model (61a's 004): its transformer blocks a list, each
    # built with name="transformer_encoder"; Keras 3 keeps and prints each, their shapes `?`
    import numpy as np

    L, keras = e.layers, e.keras

    class TransformerEncoder(L.Layer):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.norm = L.LayerNormalization()
            self.dense = L.Dense(8)

        def call(self, x):
            return x + self.dense(self.norm(x))

    class VisionTransformer(keras.Model):
        def __init__(self):
            super().__init__(name="vision_transformer")
            self.patch_encoder = L.Dense(8, name="patch_encoder")
            self.blocks = [TransformerEncoder(name="transformer_encoder") for _ in range(3)]
            self.head = L.Dense(2, name="head")

        def call(self, x):
            h = self.patch_encoder(x)
            for block in self.blocks:
                h = block(h)
            return self.head(h)

    m = VisionTransformer()
    m(np.ones((1, 5, 4), "float32"))
    return m, {}, []


@case("slicing_ops_named_past_the_column", flavors=("tf_keras", "tf.keras"))
def c_slicing_ops_named_past_the_column(e):
    # tf.keras's op layers (61b's 008, 012): `x[:, 0]` twice makes `tf.__operators__.getitem`
    # and `tf.__operators__.getitem_1`, names too long for the Layer column beside their class
    L = e.layers
    x = e.Input((4, 3))
    first, second = x[:, 0], x[:, 1]
    h = L.Concatenate()([first, second])
    return e.Model(x, L.Dense(2)(L.Dropout(0.5)(h))), {}, []


@case("cosine_similarity_named_past_the_column", flavors=("tf.keras",))
def c_cosine_similarity_named_past_the_column(e):
    # a siamese network's cosine similarity (the review of 60d's 002): a Dot of two vectors,
    # `(None, 1)`, named too long for the Layer column, so no class shows
    L = e.layers
    left, right = e.Input((64,)), e.Input((64,))
    name = "cosine_similarity_of_the_two_embeddings"
    similarity = L.Dot(axes=1, normalize=True, name=name)([left, right])
    return e.Model([left, right], L.Dense(1)(similarity)), {}, []


@case("augmentation_then_application_base", flavors=("keras3",))
def c_augmentation_then_application_base(e):
    # keras-io's supervised contrastive learning encoder (62c's 009): a nested Sequential of
    # Normalization and augmentation (7 non-trainable: mean, variance and count over 3
    # channels) before ResNet50V2 without its top, whose count is an application's
    import numpy as np

    L = e.layers
    norm = L.Normalization()
    norm.adapt(np.arange(96, dtype="float32").reshape(2, 4, 4, 3))
    augment = e.Sequential(
        [norm, L.RandomFlip("horizontal"), L.RandomRotation(0.02)], name="sequential"
    )
    resnet = e.keras.applications.ResNet50V2(
        include_top=False, weights=None, input_shape=(32, 32, 3), pooling="avg"
    )
    x = e.Input((32, 32, 3))
    return e.Model(x, resnet(augment(x)), name="cifar10-encoder"), {}, []


@case("subclassed_model_of_two_sequentials_expanded", flavors=("keras3",), needs=("expand_nested",))
def c_subclassed_model_of_two_sequentials_expanded(e):
    # AttnSleep's multi-resolution CNN (65b's 001): a subclassed model holding two Sequential
    # branches of Conv1D and BatchNormalization; expand_nested opens it as it opens a model
    L, keras = e.layers, e.keras

    class MultiresolutionCNN(keras.Model):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.high = e.Sequential(
                [L.Conv1D(8, 5, use_bias=False), L.BatchNormalization()], name="high_res"
            )
            self.low = e.Sequential(
                [L.Conv1D(8, 9, use_bias=False), L.BatchNormalization()], name="low_res"
            )

        def call(self, x):
            return keras.ops.concatenate([self.high(x), self.low(x)], axis=1)

    inner = MultiresolutionCNN(name="multiresolution_cnn")
    return _subclassed_top_with_a_head(e, "attn_sleep_like", inner, (1, 32, 1))


@case("library_block_over_custom_layers_expanded", flavors=("keras3",), needs=("expand_nested",))
def c_library_block_over_custom_layers_expanded(e):
    # NVIDIA Merlin's blocks (67c's 007): a `…Block` model that expand_nested opens, over a
    # custom layer no formula knows and a Dense; the block's count is its inner rows' sum
    L, keras = e.layers, e.keras

    class EmbeddingTable(L.Layer):
        def __init__(self, rows, dim, **kwargs):
            super().__init__(**kwargs)
            self.rows, self.dim = rows, dim

        def build(self, input_shape):
            self.table = self.add_weight(shape=(self.rows, self.dim), name="table")

        def call(self, x):
            return keras.ops.take(self.table, keras.ops.cast(x, "int32"), axis=0)

    class SequentialBlock(keras.Model):
        def __init__(self, parts, **kwargs):
            super().__init__(**kwargs)
            self.parts = parts

        def call(self, x):
            for part in self.parts:
                x = part(x)
            return x

    parts = [EmbeddingTable(10, 4, name="item_category"), L.Dense(3, name="projection")]
    inner = SequentialBlock(parts, name="sequential_block")
    return _subclassed_top_with_a_head(e, "merlin_like", inner, (1, 5))


@case("first_conv_without_bias_on_one_channel", flavors=("tf.keras", "keras3"))
def c_first_conv_without_bias_on_one_channel(e):
    # a Kaggle facial-keypoints model (54d's 013): a Sequential's first convolution, its input
    # not printed, 3×3 on 1 channel without a bias (288): 8 × 1×1 with one fits as well
    L = e.layers
    return (
        e.Sequential(
            [
                e.Input((96, 96, 1)),
                L.Conv2D(32, 3, padding="same", use_bias=False),
                L.BatchNormalization(),
                L.Conv2D(32, 3, padding="same", use_bias=False),
            ]
        ),
        {},
        [],
    )


@case("conv3d_transpose_from_a_point", flavors=("tf.keras",))
def c_conv3d_transpose_from_a_point(e):
    # a 3-D GAN's generator (54a's 010): a 4×4×4 transposed kernel, no bias, grows 1×1×1 to
    # 4×4×4; 64 is 2×4×8 in six orders too, more than the derivation spells
    L = e.layers
    return (
        e.Sequential(
            [
                e.Input((100,)),
                L.Reshape((1, 1, 1, 100)),
                L.Conv3DTranspose(16, 4, use_bias=False),
            ]
        ),
        {},
        [],
    )


@case("time_distributed_conv_first_row", flavors=("tf.keras", "keras3"))
def c_time_distributed_conv_first_row(e):
    # an LRCN video classifier (55d's 005): a Sequential's first row is TimeDistributed(Conv2D)
    # over frames, its input not printed: 448 is 16 × (3×3 × 3 + 1), or a Dense on 27 features
    L = e.layers
    return (
        e.Sequential(
            [
                e.Input((20, 64, 64, 3)),
                L.TimeDistributed(L.Conv2D(16, 3, padding="same")),
                L.TimeDistributed(L.MaxPooling2D(4)),
                L.TimeDistributed(L.Flatten()),
                L.LSTM(8),
            ]
        ),
        {},
        [],
    )


@case("strided_first_conv_on_a_frame", flavors=("tf.keras",))
def c_strided_first_conv_on_a_frame(e):
    # a DQN's first layer (47d's 009): 8×8 with stride 4 takes 84 to 20; the volume without a
    # bias (65: 5×13, 1×65) has no kernel that does, so that reading is not offered
    L = e.layers
    x = e.Input((84, 84, 1))
    h = L.Conv2D(32, 8, strides=4, activation="relu")(x)
    return e.Model(x, L.Dense(2)(L.Flatten()(h))), {}, []


@case("custom_graph_conv_class_cut", flavors=("tf.keras",))
def c_custom_graph_conv_class_cut(e):
    # keras.io's molecule WGAN (50c's 014): the column cuts a custom class to `(Re` on its
    # first row and to `(` on the rows numbered from that name
    tf = e.tf
    L = e.layers

    class RelationalGraphConvLayer(L.Layer):
        def __init__(self, units, **kwargs):
            super().__init__(**kwargs)
            self.units = units

        def build(self, input_shape):
            bonds, atoms = int(input_shape[0][1]), int(input_shape[1][-1])
            self.kernel = self.add_weight(name="W", shape=(bonds, atoms, self.units))

        def call(self, inputs):
            adjacency, features = inputs
            x = tf.matmul(adjacency, features[:, None, :, :])
            return tf.reduce_sum(tf.matmul(x, self.kernel), axis=1)

        def compute_output_shape(self, input_shape):
            return (input_shape[1][0], input_shape[1][1], self.units)

    adjacency = e.Input((5, 9, 9))
    features = e.Input((9, 5))
    h = RelationalGraphConvLayer(128)([adjacency, features])
    for _ in range(3):
        h = RelationalGraphConvLayer(128)([adjacency, h])
    h = L.GlobalAveragePooling1D()(h)
    return e.Model([adjacency, features], L.Dense(1)(h)), {}, []


@case("custom_pooling_class_cut_shorter", flavors=("tf.keras",))
def c_custom_pooling_class_cut_shorter(e):
    # deel-lip's demo (52a's 006): a custom class cut to `(Sca` on its first row and to `(S` on
    # the row numbered from that name, which a known class (SReLU) also starts
    tf = e.tf
    L = e.layers

    class ScaledL2NormPooling2D(L.Layer):
        def call(self, x):
            return tf.sqrt(tf.nn.avg_pool2d(tf.square(x), 2, 2, "VALID") * 4.0)

        def compute_output_shape(self, input_shape):
            n, h, w, c = input_shape
            return (n, h // 2, w // 2, c)

    return (
        e.Sequential(
            [
                L.Conv2D(16, 3, padding="same", input_shape=(28, 28, 1)),
                ScaledL2NormPooling2D(),
                L.Conv2D(32, 3, padding="same"),
                ScaledL2NormPooling2D(),
                L.Flatten(),
                L.Dense(10),
            ]
        ),
        {},
        [],
    )


@case("cnn_square_maps_channels_last", flavors=("tf.keras",))
def c_cnn_square_maps_channels_last(e):
    # an R U-Net (37c's 004): channels_last, and 64 × 64 maps of 64 channels, so once a narrow
    # column cuts the last axis, axis 1 (64) reads as channels too
    L = e.layers
    x = e.Input((128, 128, 3))
    h = L.BatchNormalization()(L.Conv2D(16, 3, padding="same")(x))
    h = L.MaxPooling2D()(h)
    h = L.BatchNormalization()(L.Conv2D(64, 3, padding="same")(h))
    h = L.BatchNormalization()(L.Conv2D(64, 3, padding="same")(h))
    h = L.MaxPooling2D()(h)
    h = L.BatchNormalization()(L.Conv2D(128, 3, padding="same")(h))
    return e.Model(x, L.Dense(2)(L.GlobalAveragePooling2D()(h))), {}, []


@case("known_class_beside_a_custom_one_of_the_name", flavors=("tf.keras",))
def c_known_class_beside_a_custom_one_of_the_name(e):
    # a review of the sibling-class reading: `image_feature_extract (Sepia` is a custom class,
    # `image_feature_extract_1 (Sep` a SeparableConv2D whose count only it gives
    L = e.layers

    class SepiaTone(L.Layer):
        def call(self, x):
            return x * 0.5

    return (
        e.Sequential(
            [
                L.Conv2D(16, 3, padding="same", input_shape=(28, 28, 1)),
                SepiaTone(name="image_feature_extract"),
                L.SeparableConv2D(32, 3, padding="same", name="image_feature_extract_1"),
                L.Flatten(),
                L.Dense(10),
            ]
        ),
        {},
        [],
    )


@case("cnn_wide_filters_channels_last", flavors=("tf.keras",))
def c_cnn_wide_filters_channels_last(e):
    # an R U-Net (37c's 004): 128 and 256 filters, whose last axis a narrow column cuts to
    # `12` and `25` on the convolution and on the rows after it that keep its channels
    L = e.layers
    return (
        e.Sequential(
            [
                L.Conv2D(128, 3, padding="same", input_shape=(32, 32, 3)),
                L.BatchNormalization(),
                L.ReLU(),
                L.Conv2D(128, 3, padding="same"),
                L.BatchNormalization(),
                L.ReLU(),
                L.MaxPooling2D(),
                L.Conv2D(256, 3, padding="same"),
                L.ReLU(),
                L.Conv2D(256, 3, padding="same"),
                L.GlobalAveragePooling2D(),
                L.Dense(2),
            ]
        ),
        {},
        [],
    )


@case("subclassed_text_cnn", flavors=("tf.keras", "tf_keras"))
def c_subclassed_text_cnn(e):
    # trial 49b's 005 (a README's text CNN): a subclassed model prints `multiple` for every
    # output, so no convolution's filters or kernel can be read
    import numpy as np

    L = e.layers
    keras = e.keras

    class TextCNN(keras.Model):
        def __init__(self):
            super().__init__()
            self.embedding = L.Embedding(5866, 100)
            self.conv = L.Conv1D(100, 4, activation="relu")
            self.pool = L.GlobalMaxPooling1D()
            self.head = L.Dense(2)

        def call(self, inputs):
            return self.head(self.pool(self.conv(self.embedding(inputs))))

    m = TextCNN()
    m(np.zeros((1, 30), dtype="int32"))
    return m, {}, []


@case("subclassed_shared_submodels", flavors=("tf.keras", "tf_keras", "keras3"))
def c_subclassed_shared(e):
    """A subclassed model holding a network and a second model cut from its layers (a U-Net on
    VGG16 and its feature extractor): Keras prints both, and counts the shared weights once."""
    import numpy as np

    L = e.layers
    keras = e.keras
    x = e.Input((4,))
    first = L.Dense(8, activation="relu", name="first")
    base = e.Model(x, L.Dense(6, name="second")(first(x)), name="base")
    features = e.Model(base.inputs, first.output, name="features")

    class SharedNet(keras.Model):
        def __init__(self):
            super().__init__()
            self.base = base
            self.features = features
            self.head = L.Dense(2)

        def call(self, inputs):
            return self.head(L.concatenate([self.base(inputs), self.features(inputs)]))

    m = SharedNet()
    m(np.zeros((1, 4), dtype="float32"))
    return m, {}, []


@case("gru_reset_after_set", flavors=("tf.keras",))
def c_gru_reset_after(e):
    """A GRU built with reset_after=True where it is no default (standalone Keras 2, TF 1):
    its count is a CuDNNGRU's."""
    L = e.layers
    return (
        e.Sequential([L.GRU(16, reset_after=True, input_shape=(10, 8)), L.Dense(1)]),
        {},
        [],
    )


def _relu(e, name):
    if hasattr(e.layers, "ReLU"):
        return e.layers.ReLU(name=name)
    return e.layers.Activation("relu", name=name)


@case("long_names_sequential")
def c_long_names_sequential(e):
    L = e.layers
    m = e.Sequential(
        [
            L.Dense(64, input_shape=(32,), name="a_really_long_dense_layer_name_for_projection"),
            L.BatchNormalization(name="batch_normalization_long_named"),
            L.Activation("relu", name="relu_activation_long_name_x"),
            L.Dropout(0.25, name="dropout_with_a_long_layer_name"),
            L.Dense(32, name="hidden_dense_layer_number_two"),
            L.Dense(10, name="final_dense_classifier_layer"),
        ]
    )
    return m, {}, []


@case("long_names_functional")
def c_long_names_functional(e):
    L = e.layers
    x = e.Input((16, 16, 3), name="input_image_tensor_with_long_name")
    h = L.Conv2D(16, 3, padding="same", name="expanded_conv_project_convolution")(x)
    if hasattr(L, "DepthwiseConv2D"):
        h = L.DepthwiseConv2D(3, padding="same", name="expanded_conv_depthwise")(h)
    h = L.BatchNormalization(name="expanded_conv_depthwise_bn_layer")(h)
    h = _relu(e, "expanded_conv_depthwise_relu")(h)
    h = L.MaxPooling2D(2, name="max_pooling_layer_with_a_long_name")(h)
    h = L.GlobalAveragePooling2D(name="global_average_pooling")(h)
    h = L.Dense(64, name="a_really_long_dense_layer_name_for_projection")(h)
    y = L.Dense(10, name="final_dense_classifier_layer")(h)
    return e.Model(x, y), {}, []


@case("encoder_block_names_cut_with_their_inbound", flavors=("keras",))
def c_encoder_block_names_cut_with_their_inbound(e):
    # keras-bert's names (70b's 007): `Encoder-10-MultiHeadSelfAttention` and its -Dropout, -Add
    # and -Norm rows, each name cut by its column to the same start, and the Connected to
    # entries cut by theirs to the attention layer's whole name
    L = e.layers
    x = e.Input((8, 16), name="Input-Token")
    a = L.Dense(16, name="Encoder-10-MultiHeadSelfAttention")(x)
    d = L.Dropout(0.1, name="Encoder-10-MultiHeadSelfAttention-Dropout")(a)
    s = L.Add(name="Encoder-10-MultiHeadSelfAttention-Add")([x, d])
    n = L.BatchNormalization(name="Encoder-10-MultiHeadSelfAttention-Norm")(s)
    f = L.Dense(16, name="Encoder-10-FeedForward")(n)
    return e.Model(x, L.Add(name="Encoder-10-FeedForward-Add")([n, f])), {}, []


@case("conv_lstm_sequences_named_as_a_block", flavors=("tf.keras",))
def c_conv_lstm_sequences_named_as_a_block(e):
    # the review of trial 70: a ConvLSTM2D returning sequences, named by its author, its class
    # and its 5-axis shape cut by narrow columns (`(ConvLSTM`, `(None, 4, 16, 16, 6`)
    L = e.layers
    x = e.Input((4, 16, 16, 3))
    h = L.ConvLSTM2D(64, 3, padding="same", return_sequences=True, name="encoder_block")(x)
    return e.Model(x, h), {"line_length": 52}, []


@case("seq2seq_encoder_states_listed", flavors=("tf.keras", "tf_keras"))
def c_seq2seq_encoder_states_listed(e):
    # a seq2seq tutorial's decoder (71c's 010): an LSTM returning its sequences and its two
    # states prints a list of three shapes, wider than its column
    L = e.layers
    x = e.Input((10,))
    h = L.Embedding(47, 128)(x)
    seq, *_states = L.LSTM(256, return_sequences=True, return_state=True)(h)
    return e.Model(x, L.Dense(47)(seq)), {}, []


@case("to_rgb_shared_across_resolutions", flavors=("tf.keras", "tf_keras", "keras"))
def c_to_rgb_shared_across_resolutions(e):
    # a progressive GAN's toRGB (72b's 004): one 1×1 Conv2D called on two resolutions prints
    # `multiple` for its output, so only its input's 64 channels and its count show
    L = e.layers
    small, big = e.Input((8, 8, 64)), e.Input((16, 16, 64))
    to_rgb = L.Conv2D(3, 1, name="to_rgb")
    y = L.Add()([L.UpSampling2D()(to_rgb(small)), to_rgb(big)])
    return e.Model([small, big], y), {}, []


@case("conv2d_on_stacked_frames", flavors=("tf.keras", "tf_keras"))
def c_conv2d_on_stacked_frames(e):
    # a DQN on stacked frames (77a's 006): a Conv2D on a 5-axis input treats the first axis
    # after the batch as more batch, so its output keeps it (`(None, 3, 19, 19, 16)`)
    L = e.layers
    x = e.Input((3, 40, 40, 3))
    h = L.Conv2D(16, 4, strides=2)(x)
    h = L.Conv2D(32, 3)(h)
    y = L.Dense(6)(L.Flatten()(h))
    return e.Model(x, y), {}, []


@case("channels_first_conv3d_bn_default_axis_cut", flavors=("keras",))
def c_channels_first_conv3d_bn_default_axis_cut(e):
    # a 2D-to-3D reconstruction network (77b's 003): channels_first Conv3D, each
    # BatchNormalization left at axis=-1 (the width, 32, not the 192 channels), the shapes cut by
    # the functional layout's column right after a comma (`(None, 192, 16, 32, `)
    L = e.layers
    x = e.Input((8, 16, 32, 32))
    a = L.Conv3D(192, 1, data_format="channels_first")(x)
    bn = L.BatchNormalization()
    b = bn(a)
    c = L.Conv3D(192, 1, data_format="channels_first")(x)
    why = (
        "BatchNormalization left at axis=-1 on channels_first data (normalises the 32 columns "
        "instead of the 192 channels)"
    )
    return e.Model(x, L.Add()([b, c])), {}, [bn_fault(bn, why)]


@case("mask_head_time_distributed_cut", flavors=("keras", "tf.keras"))
def c_mask_head_time_distributed_cut(e):
    # Mask R-CNN's mask head (78c's 006): TimeDistributed layers whose `name (TimeDistributed)`
    # the functional layout's column cuts right before its `)`, or inside the class
    L = e.layers
    rois, skip = e.Input((10, 14, 14, 8)), e.Input((10, 14, 14, 8))
    h = L.TimeDistributed(L.Conv2D(8, 3, padding="same"), name="mrcnn_mask_conv4")(rois)
    h = L.TimeDistributed(L.BatchNormalization(), name="mrcnn_mask_bn4")(h)
    h = L.Activation("relu")(L.Add()([h, skip]))
    h = L.TimeDistributed(L.Conv2DTranspose(8, 2, strides=2), name="mrcnn_mask_deconv")(h)
    y = L.TimeDistributed(L.Conv2D(3, 1, activation="sigmoid"), name="mrcnn_mask")(h)
    return e.Model([rois, skip], y), {}, []


@case("seq2seq_dense_named_softmax", flavors=("keras3", "tf.keras"))
def c_seq2seq_dense_named_softmax(e):
    # a character-level seq2seq model (81e's 008): an encoder LSTM's states start a decoder
    # LSTM, whose output a Dense with a softmax activation, named `decoder_softmax`, reads
    L = e.layers
    enc_in = e.Input((None,), name="encoder_inputs")
    dec_in = e.Input((None,), name="decoder_inputs")
    enc = L.Embedding(9, 32, name="enc_emb")(enc_in)
    _, h, c = L.LSTM(32, return_state=True, name="encoder_lstm")(enc)
    dec = L.Embedding(13, 32, name="dec_emb")(dec_in)
    dec, _, _ = L.LSTM(32, return_sequences=True, return_state=True, name="decoder_lstm")(
        dec, initial_state=[h, c]
    )
    y = L.Dense(13, activation="softmax", name="decoder_softmax")(dec)
    return e.Model([enc_in, dec_in], y), {}, []


@case("dict_output_backbone_four_inputs", flavors=("tf.keras",))
def c_dict_output_backbone_four_inputs(e):
    # keras-nlp's BertBackbone in a pretraining model (81g's 014): a layer called on four inputs
    # returns a dict, so the lines of its wrapped output shape (`'pooled_output': (`) share
    # lines with its Connected to entries (`'input_2[0][0]',`), each line opening and closing
    # with a quote; a head on its pooled output reads the dict
    L = e.layers

    class Backbone(L.Layer):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.proj = L.Dense(16)
            self.pool = L.Dense(16)

        def call(self, inputs):
            joined = self.proj(inputs[0] + inputs[1] + inputs[2] + inputs[3])
            return {"sequence_output": joined, "pooled_output": self.pool(joined)}

    inputs = [e.Input((8,)) for _ in range(4)]
    outputs = Backbone(name="bert_backbone_4")(inputs)
    return e.Model(inputs, L.Dense(2)(outputs["pooled_output"])), {}, []


@case("inception_bn_scale_off_shapes_cut", flavors=("keras", "tf.keras"))
def c_inception_bn_scale_off_shapes_cut(e):
    # an InceptionV3 block on images of any size (81h's 003): its BatchNormalization layers
    # built with scale=False (3 × N each) and its convolutions without a bias; the functional
    # layout's column cuts `(None, None, None, 48)` to `(None, None, None, 4`
    L = e.layers

    def conv_bn(x, filters, size):
        x = L.Conv2D(filters, size, padding="same", use_bias=False)(x)
        return L.Activation("relu")(L.BatchNormalization(scale=False)(x))

    x = e.Input((None, None, 256))
    branch5 = conv_bn(conv_bn(x, 48, 1), 64, 5)
    branch3 = conv_bn(conv_bn(x, 64, 1), 96, 3)
    mixed = L.Concatenate()([branch5, branch3])
    return e.Model(x, L.Dense(10)(L.GlobalAveragePooling2D()(mixed))), {}, []


@case("two_heads_classifier_and_box", flavors=("tf.keras", "keras3"))
def c_two_heads_classifier_and_box(e):
    # a digit classifier with a bounding-box regressor (82b's 012): two Dense heads on one
    # trunk, the second printed under the first (a README retypes it without Connected to)
    L = e.layers
    x = e.Input((28, 28, 1))
    h = L.MaxPooling2D()(L.Conv2D(16, 3, activation="relu")(x))
    h = L.Dense(128, activation="relu")(L.Flatten()(h))
    digit = L.Dense(10, activation="softmax", name="classification")(h)
    box = L.Dense(4, name="bounding_box")(h)
    return e.Model(x, [digit, box]), {}, []


@case("long_names_depth_to_space", flavors=("keras", "tf.keras"))
def c_long_names_depth_to_space(e):
    # faceswap's decoder (82e's 008): names that fill the first column leave no room for the
    # class; a convolution, its LeakyReLU and a depth-to-space Reshape ((8, 8, 1024) to
    # (16, 16, 256), as a pixel shuffler gives)
    L = e.layers
    x = e.Input((8, 8, 512))
    h = L.Conv2D(1024, 3, padding="same", name="upscale_256_0_conv2d_conv2d_a")(x)
    h = L.LeakyReLU(name="upscale_256_0_conv2d_leakyrelu")(h)
    h = L.Reshape((16, 16, 256), name="upscale_256_0_pixelshuffler_x")(h)
    h = L.Conv2D(512, 3, padding="same", name="upscale_128_0_conv2d_conv2d_a")(h)
    return e.Model(x, h), {}, []


@case("time_distributed_conv_shapes_cut", flavors=("keras", "tf.keras"))
def c_time_distributed_conv_shapes_cut(e):
    # a steering model (83c's 014): 5-D frames through TimeDistributed convolutions, whose
    # shapes `(None, 15, 35, 80, 24)` the 20-character Output Shape column cuts inside the
    # channels (`(None, 15, 35, 80, 2`), then an LSTM over the flattened frames and two heads
    # (which make the print a graph's, with its narrower Output Shape column)
    L = e.layers
    x = e.Input((15, 70, 160, 1))
    h = L.TimeDistributed(L.Conv2D(24, 5, strides=2, padding="same"))(x)
    h = L.TimeDistributed(L.Conv2D(36, 5, strides=2, padding="same"))(h)
    h = L.TimeDistributed(L.Conv2D(48, 5, strides=2, padding="same"))(h)
    h = L.TimeDistributed(L.Conv2D(64, 3, strides=2, padding="same"))(h)
    h = L.TimeDistributed(L.Flatten())(h)
    h = L.LSTM(20)(h)
    steering, velocity = L.Dense(1, name="steering")(h), L.Dense(1, name="velocity")(h)
    return e.Model(x, [steering, velocity]), {}, []


@case("conv_lstm_channels_first_bn_default_axis", flavors=("keras", "tf.keras"))
def c_conv_lstm_channels_first_bn_default_axis(e):
    # a forest-loss forecast (84e's 008): channels_first ConvLSTM2D layers over (time, channels,
    # height, width) frames, each followed by a BatchNormalization left on its default axis=-1
    # (the width, 32: 4 × 32 = 128 whatever the filters), and one on the channel axis 2
    L = e.layers
    x = e.Input((5, 3, 32, 32))
    h, faults = x, []
    for filters in (20, 15, 12):
        h = L.ConvLSTM2D(
            filters, 3, padding="same", data_format="channels_first", return_sequences=True
        )(h)
        bn = L.BatchNormalization()
        h = bn(h)
        why = f"the default axis=-1 on channels_first frames normalises width 32, not {filters}"
        faults.append(bn_fault(bn, why))
    h = L.ConvLSTM2D(8, 3, padding="same", data_format="channels_first", return_sequences=True)(h)
    h = L.BatchNormalization(axis=2)(h)
    return e.Model(x, h), {}, faults


@case("time_distributed_conv_1x3_same", flavors=("tf.keras", "keras3"))
def c_time_distributed_conv_1x3_same(e):
    # an audio model's frames (the review of trial 83's item 5): TimeDistributed convolutions
    # with kernels of one row, (1, 3) and (3, 5), padding='same', which keeps the sizes: no
    # shrink implies the kernel, and it is not square
    L = e.layers
    x = e.Input((15, 5, 5, 16))
    h = L.TimeDistributed(L.Conv2D(64, (1, 3), padding="same"))(x)
    h = L.TimeDistributed(L.Conv2D(32, (3, 5), padding="same"))(h)
    h = L.TimeDistributed(L.GlobalAveragePooling2D())(h)
    return e.Model(x, L.LSTM(8)(h)), {}, []


@case("named_inputs_class_cut", flavors=("keras", "tf.keras"))
def c_named_inputs_class_cut(e):
    # a text-pair model's inputs named by hand (85g's 015): names of 26 characters, which
    # tf.keras cuts to `input_attention_mask_texta (Inp`, beside shorter ones printed whole
    L = e.layers
    inputs = [
        e.Input((None,), name=f"input_{what}_text{side}")
        for side in ("a", "b")
        for what in ("ids", "attention_mask", "token_type_ids")
    ]
    embedded = [L.Embedding(100, 8)(x) for x in inputs]
    h = L.Concatenate()([L.GlobalAveragePooling1D()(x) for x in embedded])
    return e.Model(inputs, L.Dense(1)(h)), {}, []


@case("two_alike_inputs_lstm_without_bias", flavors=("keras", "tf.keras"))
def c_two_alike_inputs_lstm_without_bias(e):
    # a two-stream price model (85c's 003): two inputs of the same shape, then an LSTM without
    # a bias on the first (4 × 64 × (50 + 64) = 29,184, not 29,440), one with on the second
    L = e.layers
    trend, volatility = e.Input((60, 50), name="trend"), e.Input((60, 50), name="volatility")
    h = L.Concatenate()([L.LSTM(64, use_bias=False)(trend), L.LSTM(16)(volatility)])
    return e.Model([trend, volatility], L.Dense(3)(h)), {}, []


@case("time_distributed_char_embedding", flavors=("keras", "tf.keras", "keras3"))
def c_time_distributed_char_embedding(e):
    # a tagger's character embeddings (86b's 005): each word's characters looked up by a
    # TimeDistributed Embedding (the vocabulary 399 is never printed), then a wrapped LSTM
    L = e.layers
    chars, words = e.Input((25, 30), name="char_input"), e.Input((25,), name="word_input")
    h = L.TimeDistributed(L.Embedding(399, 32))(chars)
    h = L.TimeDistributed(L.LSTM(16))(h)
    w = L.Embedding(500, 40)(words)
    h = L.Concatenate()([w, h])
    return e.Model([chars, words], L.Dense(5)(h)), {}, []


# 88d's 009: tfmot prunes a recurrent layer's kernel and recurrent kernel, a mask and a
# threshold each (prune_registry's _RNN_CELLS_WEIGHTS_MAP), and the wrapper's pruning step.
@case("pruned_recurrent", needs=("tfmot",), flavors=("tf_keras",))
def c_pruned_recurrent(e):
    import tensorflow_model_optimization as tfmot

    L = e.layers
    model = e.Sequential(
        [
            L.Embedding(500, 16, input_length=20),
            L.LSTM(12, return_sequences=True),
            L.GRU(10, return_sequences=True),
            L.GRU(6, return_sequences=True, reset_after=False),
            L.SimpleRNN(5),
            L.Dense(1),
        ]
    )
    return tfmot.sparsity.keras.prune_low_magnitude(model), {}, []


@case("tnet_names_cut_with_their_inbound", flavors=("keras", "tf.keras"))
def c_tnet_names_cut_with_their_inbound(e):
    # keras-io's PointNet (88c's 003): a T-Net's Dense, BatchNormalization and ReLU rows named
    # `input_transformation_block_1_1_dense` and so on, each name cut by its column to the same
    # start, and the next rows' Connected to entries cut by theirs a little later
    L = e.layers
    x = e.Input((1024,))
    h = x
    for block, units in ((1, 512), (2, 256)):
        stem = f"input_transformation_block_{block}_1_"
        h = L.Dense(units, name=stem + "dense")(h)
        h = L.BatchNormalization(momentum=0.0, name=stem + "batch_norm")(h)
        h = L.Activation("relu", name=stem + "relu")(h)
    final = L.Dense(9, name="input_transformation_block_final")(h)
    # a second branch from the input: a graph, which Keras 2 prints with Connected to
    return e.Model(x, L.Concatenate()([final, L.Dense(3)(x)])), {}, []


@case("bidirectional_text_chain_with_input_row", flavors=("keras3",))
def c_bidirectional_text_chain_with_input_row(e):
    # 88f's 014: a functional chain (no Connected to column) from a (None, None) sequence input:
    # Embedding, two Bidirectional LSTMs, a Dense head
    L = e.layers
    x = e.Input((None,), dtype="int32")
    h = L.Embedding(1000, 64)(x)
    h = L.Bidirectional(L.LSTM(32, return_sequences=True))(h)
    h = L.Bidirectional(L.LSTM(64))(h)
    h = L.Dropout(0.5)(L.Dense(64)(h))
    return e.Model(x, L.Dense(1)(h)), {}, []


@case("fully_convolutional_filters_cut", flavors=("keras", "tf.keras"))
def c_fully_convolutional_filters_cut(e):
    # segmentation_models' decoder (88a's 015): a fully convolutional model, (None, None, None,
    # 256) cut by its column to `(None, None, None, 2`, a convolution without bias over a
    # concatenation, then its BatchNormalization, whose count gives the 256
    L = e.layers
    x = e.Input((None, None, 3))
    joined = L.Concatenate()([L.Conv2D(512, 1)(x), L.Conv2D(256, 1)(x)])
    h = L.Conv2D(256, 3, padding="same", use_bias=False, name="decoder_stage0a_conv")(joined)
    h = L.BatchNormalization(name="decoder_stage0a_bn")(h)
    return e.Model(x, L.Activation("relu", name="decoder_stage0a_relu")(h)), {}, []


@case("duplicate_names_expanded", needs=("expand_nested",))
def c_duplicate_names_expanded(e):
    # Keras checks names only among a model's own layers: the nested encoder may hold a
    # "projection" too, so the expanded print has two rows of that name; "merge" is
    # connected to the outer one, printed above the nested one
    L = e.layers
    x = e.Input((10,), name="features")
    p = L.Dense(16, name="projection")(x)
    inner_in = e.Input((16,))
    encoder = e.Model(inner_in, L.Dense(8, name="projection")(inner_in), name="encoder")
    h = L.Concatenate(name="merge")([encoder(p), p])
    y = L.Dense(2, name="head")(h)
    return e.Model(x, y), {"expand_nested": True}, []


@case("long_names_cut_relu")
def c_long_names_cut_relu(e):
    # names of 26, 25 and 24 characters leave "(", "(R", "(Re" of the class in the
    # 28-character Layer (type) cell of a Keras 2 / tf.keras (before 2.7) Sequential print
    L = e.layers
    m = e.Sequential(
        [
            L.Conv2D(8, 3, padding="same", input_shape=(16, 16, 3), name="conv_project"),
            _relu(e, "expanded_conv_project_relu"),
            L.Conv2D(16, 3, padding="same", name="conv_expand"),
            _relu(e, "block_1_expand_relu_layer"),
            L.BatchNormalization(name="block_1_expand_bn_layer_x"),
            _relu(e, "block_2_depthwise_relu_x"),
            L.GlobalAveragePooling2D(name="global_avg_pool_2d_layer"),
            L.Dense(4, name="classifier_dense"),
        ]
    )
    return m, {}, []


@case("long_names_conv3d")
def c_long_names_conv3d(e):
    L = e.layers
    x = e.Input((4, 8, 8, 2), name="volume_input_tensor_long_name")
    h = L.Conv3D(4, 3, padding="same", name="volumetric_convolution_layer_one")(x)
    h = L.GlobalAveragePooling3D(name="global_average_pooling3d")(h)
    y = L.Dense(2, name="output_dense_layer_long_name_xyz")(h)
    return e.Model(x, y), {}, []


def _application(model_name):
    """A keras.applications model without weights (nothing to download)."""
    return lambda e: getattr(e.keras.applications, model_name)(weights=None)


printed("resnet50", _application("ResNet50"), flavors=("keras3",))
printed("densenet121", _application("DenseNet121"), flavors=("keras3",))
printed("nasnet_mobile", _application("NASNetMobile"), flavors=("keras3",))
printed(
    "resnet50_cols_unset",
    _application("ResNet50"),
    {"columns": None},
    flavors=("keras3",),
    columns_override=True,
    capture="stdout",
)


# ---- Keras 3 only -----------------------------------------------------------


@case("unbuilt_sequential", flavors=("keras3",))
def c_unbuilt(e):
    L = e.layers
    return e.Sequential([L.Dense(32), L.Dense(10)]), {}, []


@case("unbuilt_sequential_with_a_pooling_layer", flavors=("keras3",))
def c_unbuilt_with_a_pooling_layer(e):
    # 70c's 012 (a text CNN in a notebook): an unbuilt model whose pooling layer, weightless,
    # prints a plain 0 among the `0 (unbuilt)` rows
    L = e.layers
    m = e.Sequential(
        [L.Embedding(1000, 16), L.Conv1D(32, 5), L.GlobalMaxPooling1D(), L.Dense(10), L.Dense(1)]
    )
    return m, {}, []


@case("unbuilt_sequential_narrow", flavors=("keras3",))
def c_unbuilt_narrow(e):
    # 29a's 014 (keras.io's SimCLR encoder): an unbuilt model printed at a width whose Param #
    # column wraps `0 (unbuilt)` onto a second line of each row
    L = e.layers
    m = e.Sequential([L.Conv2D(16, 3), L.Conv2D(32, 3), L.Flatten(), L.Dense(10)])
    return m, {"line_length": 65}, []


@case("bn_axis1_two_way_rows", flavors=("tf_keras",))
def c_bn_axis1_two_way_rows(e):
    # 29c's 010: BatchNormalization(axis=1) on channels-last data throughout; 32 on (8, 8, 16)
    # reads as 4 × 8 over the height or 2 × 16 with center and scale off, and the rows read
    # over a wrong axis with no second reading (64 on (16, 16, 8)) hold statistics too
    L = e.layers
    x = e.Input((16, 16, 3))
    h = L.Conv2D(8, 3, padding="same")(x)
    first = L.BatchNormalization(axis=1)
    h = first(h)
    h = L.MaxPooling2D()(h)
    h = L.Conv2D(16, 3, padding="same")(h)
    second = L.BatchNormalization(axis=1)
    h = second(h)
    h = L.Flatten()(h)
    why = "BatchNormalization built with axis=1 on channels-last data (normalises the rows)"
    faults = [bn_fault(first, why), bn_fault(second, why)]
    return e.Model(x, L.Dense(2)(h)), {}, faults


@case("dtype_float16_bfloat16", flavors=("keras3", "tf_keras"))
def c_dtypes(e):
    L = e.layers
    x = e.Input((64,))
    h = L.Dense(128, dtype="float16")(x)
    if e.flavor == "keras3":
        h = L.Dense(64, dtype="bfloat16")(h)
    y = L.Dense(10)(h)
    return e.Model(x, y), {}, []


@case("compiled_fitted", flavors=("keras3",), backend="jax")
def c_fitted(e):
    import numpy as np

    L = e.layers
    m = e.Sequential(
        [e.Input((8,)), L.Dense(16, activation="relu"), L.BatchNormalization(), L.Dense(1)]
    )
    m.compile(optimizer="adam", loss="mse")
    m.fit(np.zeros((8, 8), "float32"), np.zeros((8, 1), "float32"), epochs=1, verbose=0)
    return m, {}, []


def _fitted_with(e, optimizer):
    """A small model fitted one epoch with this optimizer: its summary prints Optimizer params."""
    import numpy as np

    L = e.layers
    m = e.Sequential([e.Input((4,)), L.Dense(3), L.Dense(1)])
    m.compile(optimizer=optimizer, loss="mse")
    m.fit(np.zeros((8, 4), "float32"), np.zeros((8, 1), "float32"), epochs=1, verbose=0)
    return m, {}, []


# What each optimizer keeps (23a's nit: Optimizer params were not explained): plain SGD only
# its step count and learning rate, SGD with momentum one value per trainable weight, Adamax two
@case("fitted_plain_sgd", flavors=("keras3",), backend="jax")
def c_fitted_plain_sgd(e):
    return _fitted_with(e, e.keras.optimizers.SGD())


@case("fitted_sgd_momentum", flavors=("keras3",), backend="jax")
def c_fitted_sgd_momentum(e):
    return _fitted_with(e, e.keras.optimizers.SGD(momentum=0.9))


@case("fitted_adamax", flavors=("keras3",), backend="jax")
def c_fitted_adamax(e):
    return _fitted_with(e, e.keras.optimizers.Adamax())


@case("fitted_adam_loaded_from_h5", flavors=("keras3",), backend="jax")
def c_fitted_adam_loaded_from_h5(e):
    # an Adam model saved to .h5 and loaded back holds only Adam's step count and learning
    # rate until it trains again: Optimizer params 2, as plain SGD's (trial 46f's 004)
    import os
    import tempfile

    import numpy as np

    L = e.layers
    m = e.Sequential([e.Input((4,)), L.Dense(3), L.Dense(1)])
    m.compile(optimizer="adam", loss=e.keras.losses.MeanSquaredError())
    m.fit(np.zeros((8, 4), "float32"), np.zeros((8, 1), "float32"), epochs=1, verbose=0)
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "model.h5")
        m.save(path)
        return e.keras.models.load_model(path), {}, []


@case("fitted_mixed_precision", flavors=("keras3",), backend="jax")
def c_fitted_mixed(e):
    # under mixed_float16 the optimizer is a LossScaleOptimizer: Adam holds 2T + 6, not 2T + 2
    # (trial 15a's 013: slides that dropped the Optimizer params line)
    import numpy as np

    L = e.layers
    e.keras.mixed_precision.set_global_policy("mixed_float16")
    try:
        m = e.Sequential([e.Input((8,)), L.Dense(16, activation="relu"), L.Dense(1)])
        m.compile(optimizer="adam", loss="mse")
        m.fit(np.zeros((8, 8), "float32"), np.zeros((8, 1), "float32"), epochs=1, verbose=0)
    finally:
        e.keras.mixed_precision.set_global_policy("float32")
    return m, {}, []


@case("fitted_count_cut_line_length60", flavors=("keras3",), backend="jax")
def c_fitted_count_cut(e):
    # a fitted model whose largest count its 60-wide column cuts (trial 17a's 001, Xception):
    # the cut count is Total less the other rows and the optimizer's variables
    import numpy as np

    L = e.layers
    m = e.Sequential(
        [
            e.Input((4,), dtype="int32"),
            L.Embedding(5000, 2048, name="token_embedding"),
            L.GlobalAveragePooling1D(),
            L.Dense(3),
        ]
    )
    m.compile(optimizer="adam", loss="mse")
    m.fit(np.zeros((8, 4), "int32"), np.zeros((8, 3), "float32"), epochs=1, verbose=0)
    return m, {"line_length": 60}, []


# width / rendering variants of one model (Keras 3 prints through rich)
_K3_VARIANTS = [
    ("cnn_bn_cols_unset", {"columns": None}, "stdout"),
    ("cnn_bn_cols64", {"columns": 64}, "stdout"),
    ("two_input_long_names_cols64", {"columns": 64}, "stdout"),
    ("two_input_long_names_cols_unset", {"columns": None}, "stdout"),
    ("cnn_bn_cropped_line_length120", {"columns": 80, "line_length": 120}, "stdout"),
    ("cnn_bn_ansi", {"columns": 100, "ansi": True}, "stdout"),
    ("cnn_bn_ascii_cp1252", {"columns": 100}, "stdout-cp1252"),
    (
        "siamese_expanded_show_trainable_cols_unset",
        {"columns": None, "expand_nested": True, "show_trainable": True},
        "stdout",
    ),
]


def _k3_variant(vname, vopts, capture):
    def fn(e):
        if vname.startswith("cnn_bn"):
            m, _ = _cnn(e)
        elif vname.startswith("two_input"):
            m = _two_input(e)
        else:
            m = _siamese(e)
        opts = dict((k, v) for k, v in vopts.items() if k != "ansi")
        return m, opts, []

    CASES.append(
        {
            "name": vname,
            "fn": fn,
            "needs": (),
            "flavors": ("keras3",),
            "min_version": None,
            "backend": None,
            "meta": {
                "capture": capture,
                "ansi": vopts.get("ansi", False),
                "columns_override": True,
            },
        }
    )


for _v in _K3_VARIANTS:
    _k3_variant(*_v)


def _cropped_last_row_wrapped(e):
    # a Keras 3 differential example: a terminal narrower than the table crops every line
    # after the Output Shape column, and the last row's class wraps onto a line whose shape
    # cell is blank (`│ (BatchNormalization)   │        `): a line of two bars, as a frame's
    L = e.layers
    m = e.Sequential(
        [
            e.Input((4,)),
            L.Dense(5),
            L.BatchNormalization(name="batch_normalization_after_the_dense_layer_above"),
        ]
    )
    return m, {"columns": 80, "line_length": 120}, []


CASES.append(
    {
        "name": "cropped_last_row_class_wrapped",
        "fn": _cropped_last_row_wrapped,
        "needs": (),
        "flavors": ("keras3",),
        "min_version": None,
        "backend": None,
        "meta": {"capture": "stdout", "ansi": False, "columns_override": True},
    }
)


@case("cnn_bn_positions")
def c_positions(e):
    m, _ = _cnn(e)
    return m, {"positions": [0.5, 0.75, 1.0]}, []


# G4/G5 line-length variant (what R users paste)
@case("cnn_bn_line_length80", flavors=("tf.keras", "tf_keras", "keras"))
def c_ll80(e):
    m, _ = _cnn(e)
    return m, {"line_length": 80}, []


# ---------------------------------------------------------------------------
# Keras 1 catalogue (old API)


def _listed_case(cases):
    """A decorator registering a case of one generation's own catalogue (Keras 0.3's, 1's)."""

    def case_named(name):
        def deco(fn):
            cases.append(
                {
                    "name": name,
                    "fn": fn,
                    "needs": (),
                    "flavors": None,
                    "min_version": None,
                    "backend": None,
                    "meta": {},
                }
            )
            return fn

        return deco

    return case_named


K0_CASES = []
k0case = _listed_case(K0_CASES)


# Keras 0.3 (Dec 2015 to Mar 2016: 78b's 004, a README's print): Sequential and Graph models,
# each row its class before its name, `-` rules, one Total line


@k0case("keras0_mlp_sequential")
def k0_mlp_sequential(e):
    from keras.layers.core import Activation, Dense, Dropout
    from keras.models import Sequential

    m = Sequential()
    m.add(Dense(64, input_dim=20, name="hidden"))
    m.add(Activation("relu"))
    m.add(Dropout(0.5))
    m.add(Dense(10))
    m.add(Activation("softmax"))
    return m, {}, []


def _k0_two_towers():
    """A Keras 0.3 Graph of two inputs, each into a Dense node of its own."""
    from keras.layers.core import Dense
    from keras.models import Graph

    g = Graph()
    g.add_input(name="user_input", input_shape=(32,))
    g.add_input(name="item_input", input_shape=(16,))
    g.add_node(Dense(8), name="user_latent", input="user_input")
    g.add_node(Dense(8), name="item_latent", input="item_input")
    return g


@k0case("keras0_graph_two_inputs_dense_output")
def k0_graph_two_inputs_dense_output(e):
    # a Graph model: its two inputs print as `Layer (user_input)`, and its output again under
    # the output's name, which Total leaves out
    from keras.layers.core import Dense

    g = _k0_two_towers()
    joint = Dense(4, activation="softmax")
    g.add_node(joint, name="joint", inputs=["user_latent", "item_latent"], merge_mode="concat")
    g.add_output(name="score", input="joint")
    return g, {}, []


@k0case("keras0_graph_weightless_output")
def k0_graph_weightless_output(e):
    # the same with an Activation node as the output, printed again under its own name
    from keras.layers.core import Activation, Dense

    g = _k0_two_towers()
    g.add_node(Dense(4), name="joint", inputs=["user_latent", "item_latent"], merge_mode="concat")
    g.add_node(Activation("sigmoid"), name="triplet_loss", input="joint")
    g.add_output(name="triplet_loss", input="triplet_loss")
    return g, {}, []


@k0case("keras0_graph_one_input_long_names")
def k0_graph_one_input_long_names(e):
    # a Graph of one input whose output reads a Dense node (the review of trial 77's item 1),
    # its names longer than the 30-character column cuts (item 2: `Layer (user_features_inp`)
    from keras.layers.core import Dense
    from keras.models import Graph

    g = Graph()
    g.add_input(name="user_features_input_vector", input_shape=(32,))
    g.add_node(Dense(16), name="dense_projection_of_the_user", input="user_features_input_vector")
    g.add_node(Dense(4), name="score", input="dense_projection_of_the_user")
    g.add_output(name="output", input="score")
    return g, {}, []


K1_CASES = []
k1case = _listed_case(K1_CASES)


@k1case("mlp_bn_functional")
def k1_mlp(e):
    L = e.layers
    x = L.Input(shape=(4096,))
    h = L.Dense(output_dim=512, activation="relu")(x)
    h = L.BatchNormalization(mode=0)(h)
    h = L.Dropout(p=0.5)(h)
    y = L.Dense(output_dim=80, activation="softmax")(h)
    return e.Model(x, y), {}, []


@k1case("mlp_bn_sequential")
def k1_mlp_seq(e):
    L = e.layers
    m = e.models.Sequential()
    m.add(L.Dense(512, activation="relu", input_dim=4096))
    m.add(L.BatchNormalization())
    m.add(L.Dropout(0.5))
    m.add(L.Dense(80, activation="softmax"))
    return m, {}, []


def _k1_cnn(e, ordering, bn_axis):
    L = e.layers
    m = e.models.Sequential()
    shape = (1, 28, 28) if ordering == "th" else (28, 28, 1)
    m.add(
        L.Convolution2D(
            32,
            3,
            3,
            border_mode="valid",
            activation="relu",
            dim_ordering=ordering,
            input_shape=shape,
        )
    )
    bn = L.BatchNormalization(mode=0, axis=bn_axis)
    m.add(bn)
    m.add(L.MaxPooling2D(pool_size=(2, 2), dim_ordering=ordering))
    m.add(L.Flatten())
    m.add(L.Dense(10, activation="softmax"))
    return m, bn


@k1case("cnn_th_bn_axis1")
def k1_cnn_th(e):
    m, _ = _k1_cnn(e, "th", 1)
    return m, {}, []


@k1case("cnn_th_bn_default_axis")
def k1_cnn_th_bad(e):
    m, bn = _k1_cnn(e, "th", -1)
    return (
        m,
        {},
        [
            bn_fault(
                bn,
                "BatchNormalization with axis=-1 on Theano 'th' (channels-"
                "first) data normalises width 26 instead of the 32 channels",
            )
        ],
    )


@k1case("cnn_tf_bn_default_axis")
def k1_cnn_tf(e):
    m, _ = _k1_cnn(e, "tf", -1)
    return m, {}, []


@k1case("cnn_tf_bn_axis1")
def k1_cnn_tf_bad(e):
    m, bn = _k1_cnn(e, "tf", 1)
    return (
        m,
        {},
        [
            bn_fault(
                bn, "BatchNormalization built with axis=1 on channels-last ('tf' ordering) data"
            )
        ],
    )


@k1case("two_input_long_names")
def k1_two(e):
    L = e.layers
    a = L.Input(shape=(32,), name="customer_transaction_history_features")
    b = L.Input(shape=(8,), name="merchant_category_embedding_input_vector")
    ha = L.Dense(64, activation="relu", name="transaction_history_dense_projection_layer")(a)
    hb = L.Dense(16, activation="relu", name="merchant_category_dense_projection")(b)
    c = L.merge([ha, hb], mode="concat", name="concatenate_customer_and_merchant_representations")
    c = L.BatchNormalization(name="joint_representation_batch_normalization")(c)
    y = L.Dense(1, activation="sigmoid", name="fraud_probability")(c)
    return e.Model([a, b], y), {}, []


@k1case("siamese_shared_nested")
def k1_siamese(e):
    L = e.layers
    enc = e.models.Sequential()
    enc.add(L.Dense(64, activation="relu", input_dim=20))
    # Keras 1.0 refuses to share a mode-0 BatchNormalization across data flows
    enc.add(L.BatchNormalization(mode=2 if e.vtuple < (1, 1) else 0))
    enc.add(L.Dense(32))
    a = L.Input(shape=(20,))
    b = L.Input(shape=(20,))
    d = L.merge([enc(a), enc(b)], mode="sum")
    y = L.Dense(1, activation="sigmoid")(d)
    return e.Model([a, b], y), {}, []


@k1case("rnn_stack")
def k1_rnn(e):
    L = e.layers
    m = e.models.Sequential()
    m.add(L.SimpleRNN(16, return_sequences=True, input_shape=(10, 8)))
    m.add(L.LSTM(12, return_sequences=True))
    m.add(L.GRU(10, return_sequences=True))
    if hasattr(L, "Bidirectional"):
        m.add(L.Bidirectional(L.LSTM(6, return_sequences=True)))
    m.add(L.TimeDistributed(L.Dense(5)))
    return m, {}, []


@k1case("text_cnn")
def k1_text(e):
    L = e.layers
    m = e.models.Sequential()
    m.add(L.Embedding(5000, 64, input_length=100))
    m.add(L.Convolution1D(128, 5, activation="relu"))
    if hasattr(L, "GlobalMaxPooling1D"):
        m.add(L.GlobalMaxPooling1D())
    else:
        m.add(L.MaxPooling1D(pool_length=96))
        m.add(L.Flatten())
    m.add(L.Dense(1, activation="sigmoid"))
    return m, {}, []


@k1case("conv_zoo")
def k1_zoo(e):
    L = e.layers
    m = e.models.Sequential()
    m.add(L.ZeroPadding2D((1, 1), input_shape=(3, 32, 32)))
    m.add(L.Convolution2D(16, 3, 3, activation="relu"))
    m.add(L.UpSampling2D((2, 2)))
    if hasattr(L, "Cropping2D"):
        m.add(L.Cropping2D(((1, 1), (2, 2))))
    shp = m.layers[-1].output_shape
    m.add(L.Reshape((16, shp[2] * shp[3])))
    m.add(L.Permute((2, 1)))
    return m, {}, []


@k1case("frozen_layers")
def k1_frozen(e):
    L = e.layers
    m = e.models.Sequential()
    d1 = L.Dense(64, activation="relu", input_dim=32)
    d1.trainable = False
    m.add(d1)
    bn = L.BatchNormalization()
    bn.trainable = False
    m.add(bn)
    m.add(L.Dense(16))
    m.add(L.Dense(4))
    return m, {}, []


@k1case("big_dense")
def k1_big(e):
    L = e.layers
    m = e.models.Sequential()
    m.add(L.Dense(4096, activation="relu", input_dim=4096))
    m.add(L.Dense(10))
    return m, {}, []


@k1case("merge_ops")
def k1_merge(e):
    L = e.layers
    a = L.Input(shape=(12,))
    b = L.Input(shape=(12,))
    d1 = L.Dense(8)(a)
    d2 = L.Dense(8)(b)
    s = L.merge([d1, d2], mode="sum")
    m = L.merge([d1, d2], mode="mul")
    av = L.merge([s, m], mode="ave")
    y = L.Dense(1)(av)
    return e.Model([a, b], y), {}, []


# ---- issue 9 (Keras 1): BatchNormalization axes, nested Sequential, shared and long names ----


def _k1_bn_on_conv(e, ordering, axis, height=64, width=64):
    """Convolution2D to 32 maps of height x width, then BatchNormalization on `axis`."""
    L = e.layers
    shape = (3, height, width) if ordering == "th" else (height, width, 3)
    x = L.Input(shape=shape)
    h = L.Convolution2D(32, 3, 3, border_mode="same", dim_ordering=ordering)(x)
    bn = L.BatchNormalization(mode=0, axis=axis)
    y = bn(h)
    return e.Model(x, y), bn


def _k1_bn_case(name, ordering, axis, height, width, why):
    def fn(e):
        m, bn = _k1_bn_on_conv(e, ordering, axis, height, width)
        return m, {}, ([bn_fault(bn, why)] if why else [])

    k1case(name)(fn)


# channels-last output (None, 64, 64, 32) / (None, 48, 64, 32)
_k1_bn_case(
    "bn_axis1_channels_last_64x64",
    "tf",
    1,
    64,
    64,
    "BatchNormalization with axis=1 on channels-last (None, 64, 64, 32) data normalises "
    "the 64 rows instead of the 32 channels",
)
_k1_bn_case(
    "bn_axis2_channels_last_64x64",
    "tf",
    2,
    64,
    64,
    "BatchNormalization with axis=2 on channels-last (None, 64, 64, 32) data normalises "
    "the 64 columns instead of the 32 channels",
)
_k1_bn_case(
    "bn_axis2_channels_last_48x64",
    "tf",
    2,
    48,
    64,
    "BatchNormalization with axis=2 on channels-last (None, 48, 64, 32) data normalises "
    "the 64 columns instead of the 32 channels",
)
_k1_bn_case("bn_axis3_channels_last_64x64", "tf", -1, 64, 64, None)
# channels-first (Theano 'th') output (None, 32, 64, 64) / (None, 32, 48, 64)
_k1_bn_case("bn_axis1_channels_first_64x64", "th", 1, 64, 64, None)
_k1_bn_case(
    "bn_axis3_channels_first_64x64",
    "th",
    -1,
    64,
    64,
    "BatchNormalization with the default axis=-1 on channels-first (None, 32, 64, 64) "
    "data normalises the 64 columns instead of the 32 channels",
)
_k1_bn_case(
    "bn_axis2_channels_first_48x64",
    "th",
    2,
    48,
    64,
    "BatchNormalization with axis=2 on channels-first (None, 32, 48, 64) data normalises "
    "the 48 rows instead of the 32 channels",
)


@k1case("nested_sequential")
def k1_nested_sequential(e):
    L = e.layers
    inner = e.models.Sequential()
    inner.add(L.Dense(32, activation="relu", input_dim=16))
    inner.add(L.Dense(16, activation="relu"))
    m = e.models.Sequential()
    m.add(inner)
    m.add(L.Dense(8, activation="relu"))
    m.add(L.Dense(1))
    return m, {}, []


@k1case("shared_dense_two_inputs")
def k1_shared_dense(e):
    L = e.layers
    a = L.Input(shape=(16,), name="left_input")
    b = L.Input(shape=(16,), name="right_input")
    shared = L.Dense(32, activation="relu", name="shared_dense")
    h = L.merge([shared(a), shared(b)], mode="concat")
    y = L.Dense(1, activation="sigmoid")(h)
    return e.Model([a, b], y), {}, []


@k1case("long_names_sequential")
def k1_long_names_sequential(e):
    L = e.layers
    m = e.models.Sequential()
    m.add(L.Dense(64, input_dim=32, name="a_really_long_dense_layer_name_for_projection"))
    m.add(L.BatchNormalization(mode=0, name="batch_normalization_long_named"))
    m.add(L.Activation("relu", name="relu_activation_long_name_x"))
    m.add(L.Dropout(0.25, name="dropout_with_a_long_layer_name"))
    m.add(L.Dense(32, name="hidden_dense_layer_number_two"))
    m.add(L.Dense(10, name="final_dense_classifier_layer"))
    return m, {}, []


@k1case("long_names_functional")
def k1_long_names_functional(e):
    L = e.layers
    x = L.Input(shape=(16, 16, 3), name="input_image_tensor_with_long_name")
    h = L.Convolution2D(
        16, 3, 3, border_mode="same", dim_ordering="tf", name="expanded_conv_project_convolution"
    )(x)
    h = L.BatchNormalization(mode=0, axis=-1, name="expanded_conv_depthwise_bn_layer")(h)
    h = L.Activation("relu", name="expanded_conv_depthwise_relu")(h)
    h = L.MaxPooling2D((2, 2), dim_ordering="tf", name="max_pooling_layer_with_a_long_name")(h)
    h = L.Flatten(name="flatten_layer_with_a_long_name_x")(h)
    h = L.Dense(64, name="a_really_long_dense_layer_name_for_projection")(h)
    y = L.Dense(10, name="final_dense_classifier_layer")(h)
    return e.Model(x, y), {}, []


@k1case("conv3d_shape_fills_column")
def k1_conv3d_shape_fills_column(e):
    """A shape as wide as its column: before Keras 1.2 (keras PR #4469) the count follows it
    with no space, `(None, 100, 13, 13, 132800` for (None, 100, 13, 13, 13) and 2,800."""
    L = e.layers
    x = L.Input(shape=(1, 15, 15, 15), name="input_patch")
    h = L.Convolution3D(100, 3, 3, 3, dim_ordering="th")(x)
    h = L.Flatten()(h)
    y = L.Dense(2)(h)
    aux = L.Dense(1)(h)
    return e.Model(x, [y, aux]), {}, []


# ---------------------------------------------------------------------------
# running a case


def self_check(text, rows, totals):
    plain = ANSI_RE.sub("", text)
    pos = 0
    for row in rows:
        name = row["name"]
        found = -1
        # longest printed prefix (names can be cut at a column edge or wrapped)
        # (anchored at the start of the Layer cell, so a Connected-to cell that
        # mentions the same layer cannot satisfy the check)
        for n in range(len(name), min(len(name), 3) - 1, -1):
            # (Keras 0.3 prints the class first: `Dense (hidden)`)
            anchored = re.compile(
                "(?m)^[ \t|\u2502\u2514]{0,16}(?:[A-Z]\\w* \\()?" + re.escape(name[:n])
            )
            hit = anchored.search(plain, pos)
            if hit:
                found = hit.start()
                pos = hit.end()
                break
        if found < 0:
            raise AssertionError(f"layer {name!r} not found in order in the printed text")
    m = re.search(r"Total params: ([\d,]+)", plain)
    if not m:
        raise AssertionError("no Total params line")
    printed = int(m.group(1).replace(",", ""))
    if printed != totals["total"]:
        raise AssertionError("printed total {} != computed {!r}".format(printed, totals["total"]))
    for key, label in (
        ("trainable", "Trainable"),
        ("non_trainable", "Non-trainable"),
        ("optimizer", "Optimizer"),
    ):
        m = re.search(rf"(?m)^ ?{label} params: ([\d,]+)", plain)
        if totals[key] is None:
            if m:
                raise AssertionError(f"{label} line printed but truth says null")
        else:
            if not m or int(m.group(1).replace(",", "")) != totals[key]:
                got = m and m.group(1)
                raise AssertionError(f"{label} params mismatch ({got!r} vs {totals[key]!r})")


_PACKAGES = {
    "tfmot": "tensorflow_model_optimization",
    "seq_self_attention": "keras_self_attention",
    "qkeras": "qkeras",
    "tfa": "tensorflow_addons",
}


def supports(env, feature):
    src = env.summary_source
    if feature in ("expand_nested", "show_trainable", "layer_range"):
        return feature in src
    if feature in _PACKAGES:  # a library's layers, installed beside tf_keras
        import importlib.util

        return importlib.util.find_spec(_PACKAGES[feature]) is not None
    return hasattr(env.layers, feature)


def run_case(env, c, args):
    meta = c["meta"]
    env.clear()
    capture = meta.get("capture")
    if capture is None:
        capture = "stdout" if env.flavor == "keras3" or env.major <= 1 else "print_fn"
    saved = {}
    columns = None
    if env.flavor == "keras3":
        columns = int(os.environ["COLUMNS"]) if os.environ.get("COLUMNS", "").isdigit() else None
    model, opts, faults = c["fn"](env)
    if meta.get("columns_override"):
        columns = opts.pop("columns", None)
        for k in ("COLUMNS", "FORCE_COLOR", "TERM", "NO_COLOR", "TTY_COMPATIBLE"):
            saved[k] = os.environ.get(k)
        os.environ.pop("COLUMNS", None)
        os.environ.pop("NO_COLOR", None)
        os.environ.pop("TTY_COMPATIBLE", None)
        if columns is not None:
            os.environ["COLUMNS"] = str(columns)
        if meta.get("ansi"):
            os.environ["FORCE_COLOR"] = "1"
            os.environ["TERM"] = "xterm-256color"
        else:
            os.environ.pop("FORCE_COLOR", None)
    try:
        text = run_summary(env, model, opts, capture)
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    if env.flavor == "keras3":
        rows = keras3_rows(env, model, opts)
        totals = keras3_totals(env, model)
    elif env.major == 0:
        rows, totals = keras0_rows_and_totals(model)
    elif env.major == 1:
        rows = keras1_rows(env, model, opts)
        totals = keras1_totals(env, model)
    else:
        rows = keras2_rows(env, model, opts)
        totals = keras2_totals(env, model)
    try:
        self_check(text, rows, totals)
    except AssertionError:
        sys.stderr.write(text)
        raise
    has_model_line = "Model: " in env.summary_source
    truth = {
        "generator": GENERATOR,
        "generation": args.generation,
        "flavor": env.flavor,
        "keras_version": env.version,
        "backend": env.backend_name,
        "python": "{}.{}.{}".format(*sys.version_info[:3]),
        "case": c["name"],
        "options": {
            "line_length": opts.get("line_length"),
            "expand_nested": bool(opts.get("expand_nested", False)),
            "show_trainable": bool(opts.get("show_trainable", False)),
            "layer_range": opts.get("layer_range"),
            "columns": columns,
            "positions": opts.get("positions"),
        },
        "expected_dialect": env.dialect,
        "model_name": model.name if has_model_line else None,
        "layers": rows,
        "totals": totals,
        "faults": faults,
    }
    if capture != "print_fn":
        truth["capture"] = capture
    if meta.get("ansi"):
        truth["ansi"] = True
    out = args.out
    with open(os.path.join(out, c["name"] + ".txt"), "wb") as fh:
        fh.write(text.encode("utf-8"))
    with open(os.path.join(out, c["name"] + ".truth.json"), "w", encoding="utf-8") as fh:
        fh.write(dump_truth(truth))
    return text


def dump_truth(truth):
    """JSON with one line per layer row (small, diff-friendly, deterministic)."""
    parts = []
    for key, val in truth.items():
        if key == "layers":
            rows = ["  " + json.dumps(r, ensure_ascii=False, separators=(", ", ": ")) for r in val]
            body = "[\n" + ",\n".join(rows) + "\n ]" if rows else "[]"
            parts.append(' "layers": ' + body)
        else:
            parts.append(
                " {}: {}".format(
                    json.dumps(key), json.dumps(val, ensure_ascii=False, separators=(", ", ": "))
                )
            )
    return "{\n" + ",\n".join(parts) + "\n}\n"


def selected_cases(env, args):
    by_major = {0: K0_CASES, 1: K1_CASES} if env.flavor == "keras" else {}
    cases = by_major.get(env.major, CASES)
    only = set(args.cases.split(",")) if args.cases else None
    for c in cases:
        if only is not None and c["name"] not in only:
            continue
        if c["flavors"] is not None and env.flavor not in c["flavors"]:
            continue
        if c["backend"] is not None and env.backend_name != c["backend"]:
            continue
        if env.flavor == "keras3" and c["backend"] is None and args.backend_only:
            continue
        missing = [n for n in c["needs"] if not supports(env, n)]
        if missing:
            print(
                "skip {}: this Keras lacks {}".format(c["name"], ", ".join(missing)),
                file=sys.stderr,
            )
            continue
        yield c


@case("depthwise_without_bias", flavors=("keras3", "tf_keras"))
def c_depthwise_without_bias(e):
    # MobileNet's depthwise convolutions have no bias: 27 = 3 channels × 3×3, a count that
    # 3 × (8 + 1) gives too; the second one keeps its bias
    L = e.layers
    x = e.Input((32, 32, 3))
    h = L.DepthwiseConv2D(3, padding="same", use_bias=False)(x)
    h = L.DepthwiseConv2D(3, padding="same")(h)
    h = L.GlobalAveragePooling2D()(h)
    y = L.Dense(2)(h)
    return e.Model(x, y), {}, []


@case("group_normalization", flavors=("keras3", "tf_keras"))
def c_group_normalization(e):
    # 2 × channels whatever the groups; 1 × channels with center off
    L = e.layers
    x = e.Input((8, 8, 16))
    h = L.Conv2D(32, 3)(x)
    h = L.GroupNormalization(groups=8)(h)
    h = L.GroupNormalization(groups=4, center=False)(h)
    h = L.GlobalAveragePooling2D()(h)
    y = L.Dense(2)(h)
    return e.Model(x, y), {}, []


@case("separable_first_layer", flavors=("keras3", "tf_keras"))
def c_separable_first_layer(e):
    # a Sequential print shows no input row: the separable layer's input channels are not
    # shown (155 = 3 × 9 + 3 × 32 + 32, as in 24c's 010)
    L = e.layers
    m = e.Sequential(
        [
            e.Input((32, 32, 3)),
            L.SeparableConv2D(32, 3, padding="same"),
            L.SeparableConv2D(16, 5, padding="same", use_bias=False),
            L.GlobalAveragePooling2D(),
            L.Dense(2),
        ]
    )
    return m, {}, []


@case("application_base_frozen", flavors=("keras3", "tf_keras"))
def c_application_base_frozen(e):
    # transfer learning: a MobileNetV2 base without its top, frozen, as one row; its name
    # carries the input size (mobilenetv2_1.00_96); Non-trainable is all of the base
    L = e.layers
    base = e.keras.applications.MobileNetV2(
        weights=None, include_top=False, input_shape=(96, 96, 3)
    )
    base.trainable = False
    x = e.Input((96, 96, 3))
    h = L.GlobalAveragePooling2D()(base(x))
    h = L.Dropout(0.2)(h)
    return e.Model(x, L.Dense(5)(h)), {}, []


@case("vgg16_base_frozen_show_trainable", needs=("show_trainable",), flavors=("keras3", "tf_keras"))
def c_vgg16_base_frozen_show_trainable(e):
    # trial 45b's 008: a VGG16 base (no BatchNormalization: no weight non-trainable by default)
    # frozen, its row marked N in the Trainable column; Non-trainable is its whole count
    L = e.layers
    base = e.keras.applications.VGG16(weights=None, include_top=False, input_shape=(32, 32, 3))
    base.trainable = False
    x = e.Input((32, 32, 3))
    h = L.Flatten()(base(x))
    return e.Model(x, L.Dense(10)(h)), {"show_trainable": True}, []


@case("application_base_trainable", flavors=("keras3", "tf_keras"))
def c_application_base_trainable(e):
    # a ResNet50 base fine-tuned whole: Non-trainable is its BatchNormalization statistics
    L = e.layers
    base = e.keras.applications.ResNet50(weights=None, include_top=False, input_shape=(64, 64, 3))
    x = e.Input((64, 64, 3))
    h = L.GlobalAveragePooling2D()(base(x))
    return e.Model(x, L.Dense(3)(h)), {}, []


@case("custom_class_cut_like_a_known_one", flavors=("keras3", "tf_keras"))
def c_custom_class_cut_like_a_known_one(e):
    # BiMPM's MultiPerspectiveMatch (25a's 014): a narrow print cuts its class to `Mult…`,
    # the start of MultiHeadAttention and Multiply; its default name says which class it is
    L = e.layers

    class MultiPerspectiveMatch(L.Layer):
        def build(self, input_shape):
            self.kernel = self.add_weight(name="kernel", shape=(4, input_shape[-1]))

        def call(self, x):
            return x * self.kernel[0]

    x = e.Input((40, 250))
    h = MultiPerspectiveMatch()(x)
    return e.Model(x, L.Dense(2)(h)), {"line_length": 52}, []


@case("custom_subclasses_of_known_layers", flavors=("keras3", "tf_keras"))
def c_custom_subclasses_of_known_layers(e):
    # Mask R-CNN's `BatchNorm` subclasses BatchNormalization (26b's 013), and a `ScaledDense`
    # extends Dense: custom classes, not checked, whose counts fit the class they are named after
    L = e.layers

    class BatchNorm(L.BatchNormalization):
        def call(self, x, training=None):
            return super().call(x, training=False)

    class ScaledDense(L.Dense):
        def call(self, x):
            return super().call(x) * 0.5

    x = e.Input((8, 8, 3))
    h = L.Conv2D(16, 3, name="conv1")(x)
    h = BatchNorm(name="bn_conv1")(h)
    h = L.Flatten()(h)
    return e.Model(x, ScaledDense(10, name="logits")(h)), {}, []


@case("conv1d_long_kernel_one_series", flavors=("keras3", "tf_keras"))
def c_conv1d_long_kernel_one_series(e):
    # 26c's 007: a Sequential print shows no input row, so the first Conv1D's channels are not
    # shown; one series under a kernel of 40 is the reading its code states
    L = e.layers
    m = e.Sequential(
        [e.Input((60, 1)), L.Conv1D(7, kernel_size=40, activation="relu"), L.Flatten(), L.Dense(1)]
    )
    return m, {}, []


@case("custom_class_wrapped_on_its_second_row", flavors=("keras3",))
def c_custom_class_wrapped_on_its_second_row(e):
    # 27a's 013: Keras 3 prints `transformer_block (TransformerBlock)` on one line and wraps the
    # class of `transformer_block_1` onto a line of its own, which a paste can lose
    L = e.layers

    class TransformerBlock(L.Layer):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.dense = L.Dense(16)
            self.norm = L.LayerNormalization()

        def call(self, x):
            return self.norm(x + self.dense(x))

    x = e.Input((20, 16))
    h = TransformerBlock()(x)
    h = TransformerBlock()(h)
    h = L.GlobalAveragePooling1D()(h)
    return e.Model(x, L.Dense(1)(h)), {}, []


@case("conv_stride2_same_like_valid", flavors=("keras3", "tf_keras"))
def c_conv_stride2_same_like_valid(e):
    # 27b's 014 (a WGAN): 8 → 4 under a 5×5 kernel with stride 2 and padding='same', which
    # padding='valid' and stride 1 would give too; the transposed layer takes 4 back to 8
    L = e.layers
    x = e.Input((8, 8, 3))
    h = L.Conv2D(4, 5, strides=2, padding="same")(x)
    h = L.Conv2DTranspose(2, 5, strides=2, padding="same")(h)
    return e.Model(x, h), {}, []


@case("encoder_output_repr_wrapped", flavors=("keras3", "tf_keras"))
def c_encoder_output_repr_wrapped(e):
    # 28a's 004: a Hugging Face encoder returns a structure of outputs whose repr tf.keras 2.7+
    # wraps over many lines of the Output Shape column, words without brackets on some (a
    # named tuple prints as the model output's dataclass does)
    L = e.layers
    EncoderOutputWithPooling = collections.namedtuple(
        "EncoderOutputWithPooling", ["last_hidden_state", "pooler_output"]
    )

    class Encoder(L.Layer):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.proj = L.Dense(8)
            self.pool = L.Dense(8)

        def build(self, input_shape):
            self.proj.build(input_shape)
            self.pool.build((input_shape[0], 8))
            self.built = True

        def call(self, x):
            h = self.proj(x)
            return EncoderOutputWithPooling(h, self.pool(h[:, 0, 0, 0, 0]))

        def compute_output_shape(self, input_shape):
            return EncoderOutputWithPooling((*input_shape[:-1], 8), (input_shape[0], 8))

    # inputs of unknown sizes: a run of `None, None, …` wraps onto a line of words alone
    ids = e.Input((None, None, None, None, 4), name="input_features")
    out = Encoder(name="encoder")(ids)
    return e.Model(ids, L.Dense(3, name="classifier")(out[1])), {}, []


@case("conv_lstm_first_layer", flavors=("keras3", "tf_keras"))
def c_conv_lstm_first_layer(e):
    # a Sequential print shows no input row: the first ConvLSTM2D's input channels are not
    # shown (1,024 = 4 × 4 × (9 × (3 + 4) + 1), as in 25a's 007)
    L = e.layers
    m = e.Sequential(
        [
            e.Input((6, 16, 16, 3)),
            L.ConvLSTM2D(4, 3, padding="same", return_sequences=True),
            L.ConvLSTM2D(8, 3),
            L.Flatten(),
            L.Dense(2),
        ]
    )
    return m, {}, []


def _small_base(e):
    # a small convolutional base, every layer named, so that two cases build the same model
    L = e.layers
    x = e.Input((8, 8, 3), name="base_input")
    h = L.Conv2D(4, 3, name="base_conv1")(x)
    h = L.BatchNormalization(name="base_bn1")(h)
    h = L.Conv2D(8, 3, name="base_conv2")(h)
    h = L.BatchNormalization(name="base_bn2")(h)
    return e.Model(x, L.GlobalAveragePooling2D(name="base_pool")(h), name="base")


@case("partly_frozen_base_alone", flavors=("keras3", "tf_keras"))
def c_partly_frozen_base_alone(e):
    # the TensorFlow transfer learning tutorial's first print: `base_model.summary()` with the
    # base frozen whole
    base = _small_base(e)
    base.trainable = False
    return base, {}, []


@case("partly_frozen_base_fine_tuned", flavors=("keras3", "tf_keras"))
def c_partly_frozen_base_fine_tuned(e):
    # the tutorial's fine-tuning: the base made trainable, then its first layers frozen again
    # (`for layer in base_model.layers[:fine_tune_at]: layer.trainable = False`), printed as
    # one row of the model
    L = e.layers
    base = _small_base(e)
    x = e.Input((8, 8, 3), name="image")
    model = e.Model(x, L.Dense(2, name="head")(base(x)), name="fine_tuned")
    base.trainable = True
    for layer in base.layers[:3]:
        layer.trainable = False
    return model, {}, []


@case("partly_frozen_base_and_head_bn", flavors=("keras3", "tf_keras"))
def c_partly_frozen_base_and_head_bn(e):
    # 25d's 002: a base frozen in part (its first layer) and a frozen BatchNormalization in
    # the head; the base's row alone cannot hold all of Non-trainable
    L = e.layers
    x = e.Input((8,), name="base_input")
    h = L.BatchNormalization(name="base_bn")(L.Dense(16, name="base_dense")(x))
    base = e.Model(x, h, name="base")
    base.get_layer("base_dense").trainable = False
    i = e.Input((8,), name="features")
    h = L.Dense(40, name="head_dense")(base(i))
    bn = L.BatchNormalization(name="head_bn")
    h = bn(h)
    bn.trainable = False
    return e.Model(i, L.Dense(2, name="out")(h), name="partly_frozen"), {}, []


@case("einsum_dense", flavors=("keras3",))
def c_einsum_dense(e):
    # a Keras 3 EinsumDense (a projection to heads): a Keras layer the rebuild keeps as a stand-in
    L = e.layers
    x = e.Input((10, 16))
    h = L.EinsumDense("abc,cde->abde", output_shape=(10, 4, 8), bias_axes="de")(x)
    return e.Model(x, L.Dense(2)(L.Flatten()(h))), {}, []


@case("optimizer_built_before_unfreezing", flavors=("keras3",), backend="jax")
def c_optimizer_built_before_unfreezing(e):
    # 25d's 014: a base frozen for a first fit(), then made trainable without compile(): Keras 3
    # prints the optimizer's state for the weights trainable at that fit (2 × 34 + 2 for Adam),
    # and the next fit() raises ValueError until compile() is called again
    import numpy as np

    L = e.layers
    x = e.Input((8,), name="features")
    base = e.Sequential(
        [L.Dense(16, name="base_dense_1"), L.Dense(16, name="base_dense_2")], name="base"
    )
    m = e.Model(x, L.Dense(2, name="head")(base(x)), name="fine_tuned")
    base.trainable = False
    m.compile(optimizer="adam", loss="mse")
    m.fit(np.zeros((4, 8), "float32"), np.zeros((4, 2), "float32"), epochs=1, verbose=0)
    base.trainable = True
    return m, {}, []


@case("conv1d_branches_off_embedding", flavors=("keras3", "keras", "tf_keras"))
def c_conv1d_branches_off_embedding(e):
    # parallel Conv1D branches (kernels 3, 4, 5) off a 300-wide Embedding, printed under a
    # 512-channel Bidirectional LSTM row (32a's 006): without Connected to, the row above is
    # no input to them
    L = e.layers
    x = e.Input((40,), dtype="int32")
    emb = L.Embedding(500, 300)(x)
    seq = L.Bidirectional(L.LSTM(256, return_sequences=True))(emb)
    branches = [L.Conv1D(128, k, padding="same")(emb) for k in (3, 4, 5)]
    joined = L.GlobalMaxPooling1D()(L.Concatenate()([seq, *branches]))
    return e.Model(x, L.Dense(1)(joined)), {}, []


@case("tensorflow_ops_output_shapes", flavors=("tf_keras", "tf.keras"))
def c_tensorflow_ops_output_shapes(e):
    # TensorFlow ops on a functional model's input (34c's 008: a grayscale conversion traced as
    # op layers): tf.shape's `(4,)`, a slice's `(2,)` and a product's scalar `()` have no batch
    # axis, beside the batched rows of the layers after them
    tf, L = e.tf, e.layers
    x = e.Input((12, 12, 3))
    pixels = tf.cast(tf.reduce_prod(tf.shape(x)[1:3]), "float32")
    h = L.Conv2D(6, 5)(x / pixels)
    h = L.MaxPooling2D()(h)
    return e.Model(x, L.Dense(4)(L.Flatten()(h))), {}, []


def _subclassed_top_with_a_head(e, name, inner, sample_shape):
    # a subclassed model holding one inner model and a Dense head, built on a sample of ones,
    # printed with expand_nested
    import numpy as np

    L, keras = e.layers, e.keras

    class Top(keras.Model):
        def __init__(self):
            super().__init__(name=name)
            self.inner = inner
            self.head = L.Dense(2, name="head")

        def call(self, x):
            return self.head(self.inner(x))

    m = Top()
    m(np.ones(sample_shape, "float32"))
    return m, {"expand_nested": True}, []


@case("subclassed_sublayers_sharing_a_name", flavors=("keras3", "keras"), needs=("expand_nested",))
def c_subclassed_sublayers_sharing_a_name(e):
    # a subclassed model holding two sublayers of the same explicit name (34a's 014): Keras
    # keeps both and prints both rows under the model's, a name twice
    L, keras = e.layers, e.keras

    class Encoder(L.Layer):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.dense = L.Dense(4)

        def call(self, x):
            return self.dense(x)

    class TransformerEncoder(keras.Model):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.first = Encoder(name="encoder_layer")
            self.second = Encoder(name="encoder_layer")

        def call(self, x):
            return self.second(self.first(x))

    inner = TransformerEncoder(name="transformer_encoder")
    return _subclassed_top_with_a_head(e, "attn_like", inner, (1, 4))


@case("subclassed_model_with_a_cloned_network", flavors=("keras3", "keras"))
def c_subclassed_model_with_a_cloned_network(e):
    # keras.io's DDIM (53d's 012): a subclassed model holds its network and an EMA copy made
    # by clone_model, which keeps the network's name: one name on two top-level rows
    import numpy as np

    L, keras = e.layers, e.keras
    images = e.Input((8, 8, 3))
    h = L.Conv2D(4, 3, padding="same")(images)
    network = e.Model(images, L.Conv2D(3, 1)(h), name="residual_unet")

    class DiffusionModel(keras.Model):
        def __init__(self, net):
            super().__init__(name="ddim")
            self.network = net
            self.ema_network = keras.models.clone_model(net)

        def call(self, x):
            return self.ema_network(self.network(x))

    m = DiffusionModel(network)
    m(np.ones((1, 8, 8, 3), "float32"))
    return m, {}, []


@case(
    "subclassed_model_holding_a_residual_network",
    flavors=("keras3", "keras"),
    needs=("expand_nested",),
)
def c_subclassed_model_holding_a_residual_network(e):
    # keras.io's DDIM again (53d's 012): the subclassed model's table has no Connected to, so
    # the residual network's rows, expanded under it, show no inbound layers; its 1×1 shortcut
    # convolution takes the block's input, not the row printed above it
    import numpy as np

    L, keras = e.layers, e.keras
    images = e.Input((8, 8, 3))
    noise = e.Input((1, 1, 1))
    x = L.Concatenate()([L.Conv2D(6, 1)(images), L.UpSampling2D(8)(noise)])
    y = L.Conv2D(16, 3, padding="same")(x)
    y = L.Conv2D(16, 3, padding="same")(y)
    shortcut = L.Conv2D(16, 1)(x)
    network = e.Model([images, noise], L.Add()([y, shortcut]), name="residual_unet")

    class DiffusionModel(keras.Model):
        def __init__(self, net):
            super().__init__(name="ddim")
            self.network = net

        def call(self, inputs):
            return self.network(inputs)

    m = DiffusionModel(network)
    m([np.ones((1, 8, 8, 3), "float32"), np.ones((1, 1, 1, 1), "float32")])
    return m, {"expand_nested": True}, []


@case("stft_spectrograms_expanded", flavors=("keras3", "keras"))
def c_stft_spectrograms_expanded(e):
    # keras.io's STFT example (53b's 009): STFTSpectrogram layers with expand_dims=True print
    # (None, None, bins, 1), the bins before the last axis; one without, its bins last
    L, keras = e.layers, e.keras
    audio = e.Input((None, 1))
    spectrograms = [
        L.STFTSpectrogram(
            mode="log", frame_length=n, frame_step=160, fft_length=2048, expand_dims=True
        )(audio)
        for n in (480, 640)
    ]
    flat = L.STFTSpectrogram(mode="log", frame_length=400, frame_step=160, fft_length=1024)(audio)
    x = L.GlobalAveragePooling2D()(L.Concatenate()(spectrograms))
    y = L.GlobalAveragePooling1D()(flat)
    return keras.Model(audio, L.Dense(2)(L.Concatenate()([x, y]))), {}, []


@case("merge_on_one_input_class_cut", flavors=("keras3", "keras"))
def c_merge_on_one_input_class_cut(e):
    # Keras 3's merge layers take a list of one input (the review of 54c's 008): a
    # Concatenate on one inbound layer, its class cut by a narrow print, is still one
    L, keras = e.layers, e.keras
    x = e.Input((8,))
    h = L.Dense(8)(x)
    joined = L.Concatenate()([h])
    return keras.Model(x, L.Dense(2)(L.Concatenate()([joined, x]))), {"line_length": 50}, []


@case("stft_spectrogram_channels_first", flavors=("keras3", "keras"))
def c_stft_spectrogram_channels_first(e):
    # an expanded STFTSpectrogram with channels_first prints (None, channels, time, bins): the
    # bins last (the review of 53b's 009)
    L, keras = e.layers, e.keras
    audio = e.Input((1, 64000))
    spectrogram = L.STFTSpectrogram(
        mode="log",
        frame_length=400,
        frame_step=160,
        fft_length=512,
        expand_dims=True,
        data_format="channels_first",
    )(audio)
    pooled = L.GlobalAveragePooling2D(data_format="channels_first")(spectrogram)
    return keras.Model(audio, L.Dense(2)(pooled)), {}, []


@case("bidirectional_larger_backward_layer", flavors=("keras3", "keras", "tf_keras"))
def c_bidirectional_larger_backward_layer(e):
    # a Bidirectional whose backward layer has more units than the forward one (the review of
    # 55c's 004): Keras 3 prints twice the forward units
    L, keras = e.layers, e.keras
    x = e.Input((5, 8))
    rnn = L.Bidirectional(L.GRU(8), backward_layer=L.GRU(16, go_backwards=True))
    return keras.Model(x, L.Dense(1)(rnn(x))), {}, []


@case("conv_kernel_one_padding", flavors=("keras3", "keras", "tf_keras"))
def c_conv_kernel_one_padding(e):
    # a 4×4 kernel taking 22×7 to 19×4 (34a's 008): K = 16 is 4×4 or 2×8, and 2×8 would need
    # padding='valid' on one axis and 'same' on the other, which no Conv2D has
    L = e.layers
    x = e.Input((22, 7, 32))
    return e.Model(x, L.Dense(2)(L.Flatten()(L.Conv2D(32, 4)(x)))), {}, []


@case("average_pooling_cut_to_average", flavors=("keras", "tf.keras"))
def c_average_pooling_cut_to_average(e):
    # Keras 2 and tf.keras 2.0-2.8 cut `average_pooling2d_1 (AveragePooling2D)` to
    # `average_pooling2d_1 (Average`, the name of the Average merge layer (36c's 011)
    L = e.layers
    x = e.Input((8, 8, 3))
    y = L.AveragePooling2D()(L.AveragePooling2D(1)(L.Conv2D(4, 3)(x)))
    return e.Model(x, L.Dense(1)(L.Flatten()(y))), {}, []


@case("normalization_beside_frozen_base", flavors=("keras3", "tf_keras"))
def c_normalization_beside_frozen_base(e):
    # keras-io's transfer-learning guide (36c's 015): a Normalization layer's mean, variance
    # and count are non-trainable beside a frozen nested model's weights
    import numpy as np

    L = e.layers
    base = e.Sequential([e.Input((6,)), L.Dense(4), L.Dense(4)], name="base")
    base.trainable = False
    x = e.Input((6,))
    norm = L.Normalization()
    norm.adapt(np.arange(24, dtype="float32").reshape(4, 6))
    return e.Model(x, L.Dense(1)(base(norm(x)))), {}, []


@case("augmentation_model_with_normalization", flavors=("tf.keras", "tf_keras", "keras3"))
def c_augmentation_model_with_normalization(e):
    # keras-io's supervised contrastive learning (50d's 011): a nested Sequential of
    # Normalization and augmentation (7 = its mean, variance and count over 3 channels, all
    # non-trainable) before a nested CNN whose BatchNormalization is not printed row by row
    import numpy as np

    L = e.layers
    norm = L.Normalization()
    norm.adapt(np.arange(96, dtype="float32").reshape(2, 4, 4, 3))
    augment = e.Sequential([norm, L.RandomFlip("horizontal")], name="data_augmentation")
    y = e.Input((8, 8, 3))
    h = L.BatchNormalization()(L.Conv2D(4, 3)(y))
    cnn = e.Model(y, L.GlobalAveragePooling2D()(h), name="cnn")
    x = e.Input((8, 8, 3))
    return e.Model(x, cnn(augment(x)), name="encoder"), {}, []


@case("conv_three_by_one_same_on_one_channel", flavors=("keras3", "tf_keras"))
def c_conv_three_by_one_same_on_one_channel(e):
    # deepctr's CCPM (37c's 008): Conv2D(2, (3, 1), padding='same') on one channel has
    # 8 = 2 × (3 × 1 + 1), which 2 × 4 without a bias (a 2×2 kernel) also gives
    L = e.layers
    x = e.Input((7, 4, 1))
    y = L.Conv2D(2, (3, 1), padding="same")(x)
    return e.Model(x, L.Dense(1)(L.Flatten()(y))), {}, []


@case("application_top_for_ten_classes", flavors=("keras3", "tf_keras"))
def c_application_top_for_ten_classes(e):
    # keras-io's EfficientNet fine-tuning (38b's 007): an application built with its top for
    # other than 1,000 classes, nested: its count is its count without the top and a top Dense
    x = e.Input((224, 224, 3))
    base = e.keras.applications.MobileNetV2(weights=None, include_top=True, classes=10)
    return e.Model(x, base(x)), {}, []


@case("gru_reset_before_stacked", flavors=("keras3", "tf_keras"))
def c_gru_reset_before_stacked(e):
    # R's keras builds GRUs with reset_after=False (37c's 014): the first GRU's input size is
    # solved from its count, two ways; the Bidirectional GRU under it decides the setting
    L = e.layers
    return (
        e.Sequential(
            [
                e.Input((None, 2)),
                L.GRU(64, return_sequences=True, reset_after=False),
                L.Bidirectional(L.GRU(64, reset_after=False)),
                L.Dense(1),
            ]
        ),
        {},
        [],
    )


@case("attention_named_in_a_scope", flavors=("tf_keras",))
def c_attention_named_in_a_scope(e):
    # keras-io's masked language model names its layers `encoder_0/multiheadattention` (39a's
    # 002): the layer's own name after the scope tells its class where the print cuts it
    L = e.layers
    x = e.Input((256, 128))
    y = L.MultiHeadAttention(num_heads=8, key_dim=16, name="encoder_0/multiheadattention")(x, x)
    return e.Model(x, L.Dense(1, name="encoder_0/output")(y)), {}, []


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument(
        "--flavor", default=None, help="keras3 | tf.keras | tf_keras | keras (auto when omitted)"
    )
    ap.add_argument("--generation", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--cases", default=None, help="comma-separated case names")
    ap.add_argument(
        "--backend-only",
        action="store_true",
        help="only the cases that require the current backend",
    )
    ap.add_argument("--echo", action="store_true", help="also print every summary")
    args = ap.parse_args(argv)
    flavor = args.flavor or "keras"
    env = Env(flavor)
    if not os.path.isdir(args.out):
        os.makedirs(args.out)
    pyver = sys.version.split()[0]
    print(
        f"flavour {env.flavor}, keras {env.version}, backend {env.backend_name}, python {pyver}",
        file=sys.stderr,
    )
    ok, failed = [], []
    for c in selected_cases(env, args):
        try:
            text = run_case(env, c, args)
            ok.append(c["name"])
            print("ok   {}".format(c["name"]), file=sys.stderr)
            if args.echo:
                sys.stderr.write(text)
        except Exception:
            failed.append(c["name"])
            print("FAIL {}".format(c["name"]), file=sys.stderr)
            traceback.print_exc()
    print(
        "cases ok: {}, failed: {} {}".format(len(ok), len(failed), " ".join(failed)),
        file=sys.stderr,
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
