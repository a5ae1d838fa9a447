"""SimpleRNN, LSTM, GRU and variants, and Bidirectional."""

from __future__ import annotations

from ..dialects import Era
from ..patterns import lazy
from ..records import FrozenRecord
from .common import KERAS1_ERAS, Derivation, LayerFacts, Solved, mismatch, ok, undecidable
from .common import input_of as _in
from .common import last_dim as _last
from .common import num as _n
from .common import output_of as _out
from .common import row_name as _name

# --------------------------------------------------------------------------- recurrent

_CELL_GATES = {"SimpleRNN": 1, "LSTM": 4, "GRU": 3}
_BIDIRECTIONAL_NAME = lazy(r"(?i)bidirectional(?:_\d+)?")  # the wrapper's default names


class _RnnVariant(FrozenRecord):
    cell: str
    gates: int
    bias: int  # bias terms per gate row: 0, 1 or 2
    label: str

    def __init__(self, cell: str, gates: int, bias: int, label: str) -> None:
        d = self.__dict__
        d["cell"] = cell
        d["gates"] = gates
        d["bias"] = bias
        d["label"] = label

    @property
    def shown(self) -> str:
        """The class a wrapper's message names: `CuDNNLSTM` for the double-bias variant."""
        return f"CuDNN{self.cell}" if self.label.startswith("CuDNN") else self.cell


RESET_AFTER = "reset_after=True, the TF 2 / Keras 3 default"
RESET_BEFORE = "reset_after=False, the Keras 1 / standalone Keras 2 / TF1 default"


def _rnn_variants(cell: str, era: Era, cudnn: bool = False) -> list[_RnnVariant]:
    if cudnn:
        g = 4 if cell == "LSTM" else 3
        return [_RnnVariant(cell, g, 2, f"CuDNN{cell}: double bias")]
    if cell == "GRU":
        # one wording in every era: a paste retyped by hand tells no era, and the count is the
        # same whether the default gave it (TF 2, Keras 3) or a setting or CuDNNGRU did (Keras 2)
        after = _RnnVariant(
            "GRU", 3, 2, f"{RESET_AFTER} (set by hand in Keras 2 and TF 1, or a CuDNNGRU)"
        )
        before = _RnnVariant("GRU", 3, 1, RESET_BEFORE)
        nobias = _RnnVariant("GRU", 3, 0, "use_bias=False")
        if era in (*KERAS1_ERAS, Era.KERAS2):
            return [before, after, nobias]
        return [after, before, nobias]
    g = _CELL_GATES[cell]
    return [_RnnVariant(cell, g, 1, ""), _RnnVariant(cell, g, 0, "use_bias=False")]


def _option(v: _RnnVariant) -> str:
    """The setting that tells one reading of a count from another (` (use_bias=False)`)."""
    if not v.label or v.label.startswith("CuDNN"):
        return ""
    return f" ({v.label.split(',')[0]})"


def _rnn_count(v: _RnnVariant, d: int, u: int) -> int:
    return v.gates * u * (d + u + v.bias)


def _rnn_formula(v: _RnnVariant, d: int, u: int) -> str:
    gates = f"{v.gates} × " if v.gates > 1 else ""
    bias = f" + {v.bias}" if v.bias else ""
    return f"{gates}{_n(u)} × ({_n(d)} + {_n(u)}{bias})"


def _rnn_words(v: _RnnVariant) -> str:
    bias = {0: "", 1: " + bias", 2: " + 2 biases"}[v.bias]
    if v.gates > 1:
        base = f"{v.gates} gates × units × (input + units{bias})"
    else:
        base = f"units × (input + units{bias})"
    return base + (f"; {v.label}" if v.label else "")


def _rnn_units(facts: LayerFacts) -> int | None:
    return _last(_out(facts))


def _rnn(facts: LayerFacts, cell: str, cudnn: bool = False, era: Era | None = None) -> Derivation:
    p = facts.params
    u, d = _rnn_units(facts), _sequence_width(facts)
    variants = _rnn_variants(cell, facts.era if era is None else era, cudnn)
    if u is None:
        return undecidable(
            f"{_n(p)}: {facts.type} has gates × units × (input + units + bias); units not shown"
        )
    if d is None and _in(facts) is not None:
        return _no_sequence_input(facts)
    if d is None and _BIDIRECTIONAL_NAME.fullmatch(facts.name) is not None:
        wrapped = _wrapper_on_an_unshown_input(facts, variants, u)
        if wrapped is not None:
            return wrapped
    if d is None:
        fits = [
            (v, p // (v.gates * u) - u - v.bias)
            for v in variants
            if p % (v.gates * u) == 0 and p // (v.gates * u) - u - v.bias >= 1
        ]
        if fits:
            v, dd = fits[0]
            out = _out(facts)
            solved = (None, out[1] if out is not None and len(out) == 3 else None, dd)
            others = "".join(
                f"; or {_rnn_formula(w, wd, u)} on {_n(wd)} inputs ({w.label or 'with bias'})"
                for w, wd in fits[1:]
                if w.bias  # use_bias=False, which few models set, is not offered as a reading
            )
            least = ""
            if not v.bias and variants[0].bias:
                # 27a's 011: 90,600 for LSTM(150) holds no bias; with one the least is 91,200
                fewest = _rnn_count(variants[0], 1, u)
                least = f"; with a bias even 1 input gives {_n(fewest)}"
            return ok(
                f"{_n(p)} = {_rnn_formula(v, dd, u)} ({_rnn_words(v)}; input size {_n(dd)} "
                f"solved from the count{others}{least})",
                p,
                solved_input=solved,
                solved=Solved.INPUT_SIZE,
            )
        forms = " or ".join(
            sorted({_rnn_formula(v, 1, u).replace("(1 + ", "(D + ") for v in variants})
        )
        return mismatch(
            f"{_n(p)} ≠ {forms} for any whole input size D",
            f"{_name(facts)} shows {_n(p)} but {facts.type}({u}) always has {forms} parameters, "
            "and no whole input size D gives that count — a pasted or edited count?",
        )
    for v in variants:
        if _rnn_count(v, d, u) == p:
            return ok(f"{_n(p)} = {_rnn_formula(v, d, u)} ({_rnn_words(v)})", p)
    wrapper = _wrapper_by_its_name(facts, variants, d, u)
    if wrapper is not None:
        return wrapper
    exp = _rnn_count(variants[0], d, u)
    alts = ", ".join(f"{_n(_rnn_count(v, d, u))} ({v.label or 'with bias'})" for v in variants)
    return mismatch(
        f"{_n(p)} ≠ {_rnn_formula(variants[0], d, u)} = {_n(exp)} ({_rnn_words(variants[0])})",
        f"{_name(facts)} shows {_n(p)} but {facts.type}({u}) on {_n(d)} inputs has "
        f"{_rnn_formula(variants[0], d, u)} = {_n(exp)}; the possible counts are {alts} — "
        + (
            _wrapped_hint(facts, variants, d, u)
            or "is the input shape right, or was the count edited?"
        ),
        exp,
    )


def _wrapper_by_its_name(
    facts: LayerFacts, variants: list[_RnnVariant], d: int, u: int
) -> Derivation | None:
    """A row named as a Bidirectional wrapper (`Bidirectional_1 (LSTM)`) whose count is the
    wrapper's of the class it shows: a retyped table that labelled the wrapper with the layer
    inside it (27c's 001), verified as that wrapper."""
    if _BIDIRECTIONAL_NAME.fullmatch(facts.name) is None:
        return None
    fit = _wrapped_fit(facts, variants, d, u)
    if fit is None:
        return None
    v, units, merge = fit
    return ok(_named_wrapper(facts, v, d, units, merge), facts.params)


def _wrapper_on_an_unshown_input(
    facts: LayerFacts, variants: list[_RnnVariant], u: int
) -> Derivation | None:
    """A row named as a Bidirectional wrapper (`Bidirectional (LSTM)`) whose input the print
    does not show: the input size solved for the wrapper the name says, not for one layer of
    the units printed (81c's 005: LSTM(128) on 64 inputs, which no row gave)."""
    p = facts.params
    for units, merge in _directions(u):
        for v in variants:
            per = 2 * v.gates * units
            if p % per == 0 and p // per - units - v.bias >= 1:
                d = p // per - units - v.bias
                out = _out(facts)
                return ok(
                    f"{_named_wrapper(facts, v, d, units, merge)} ({_rnn_words(v)}; input size "
                    f"{_n(d)} solved from the count)",
                    p,
                    solved_input=(None, out[1] if out is not None and len(out) == 3 else None, d),
                    solved=Solved.INPUT_SIZE,
                )
    return None


def _named_wrapper(facts: LayerFacts, v: _RnnVariant, d: int, units: int, merge: str) -> str:
    """A row's count as the Bidirectional wrapper its name says, of the class it shows."""
    return (
        f"{_n(facts.params)} = 2 × {_rnn_formula(v, d, units)}: named as a Bidirectional "
        f"wrapper, its class column names the layer inside it, Bidirectional({facts.type}"
        f"({units})) with its two outputs {merge}"
    )


def _directions(u: int) -> tuple[tuple[int, str], ...]:
    """The units per direction of a Bidirectional wrapper whose output is u wide, and how its
    two outputs merge: half each, concatenated (an even u), or u each, summed (none for 0)."""
    if not u:
        return ()
    return ((u // 2, "concatenated"), (u, "summed")) if u % 2 == 0 else ((u, "summed"),)


def _wrapped_fit(
    facts: LayerFacts, variants: list[_RnnVariant], d: int, u: int
) -> tuple[_RnnVariant, int, str] | None:
    """The variant, units per direction and merge of a Bidirectional wrapper of this layer
    (two copies: units halved when the two outputs are concatenated) that holds the count."""
    p = facts.params
    for units, merge in _directions(u):
        for v in variants:
            if 2 * _rnn_count(v, d, units) == p:
                return v, units, merge
    return None


def _wrapped_hint(facts: LayerFacts, variants: list[_RnnVariant], d: int, u: int) -> str:
    """When the count is what a Bidirectional wrapper of this layer holds (two copies: units
    halved when the two outputs are concatenated), say so: a row labelled with the inner class."""
    fit = _wrapped_fit(facts, variants, d, u)
    if fit is None:
        return ""
    v, units, merge = fit
    return (
        f"but {_n(facts.params)} = 2 × {_rnn_formula(v, d, units)}, a Bidirectional("
        f"{facts.type}({units})) with its two outputs {merge}: is the row a "
        "Bidirectional wrapper labelled with the layer inside it?"
    )


def _sequence_width(facts: LayerFacts) -> int | None:
    """The features per step of a recurrent layer's input: the last axis of a (batch, steps,
    features) input; None for an input of another rank, which no recurrent layer takes (22b's
    002: rows of separate one-layer models pasted as one table, an LSTM under a SimpleRNN's
    (None, 10)), nor a cell's (batch, features) input read as one."""
    shape = _in(facts)
    if shape is None:
        return None
    rank = 2 if facts.type.endswith("Cell") else 3
    return _last(shape) if len(shape) == rank else None


def _no_sequence_input(facts: LayerFacts) -> Derivation:
    """A recurrent layer under a row whose output it cannot take (22b's 002: an LSTM under a
    SimpleRNN's (None, 10), rows of separate one-layer models pasted as one table): the rows
    are no chain there, so its input is not shown, and no reading of its class is offered."""
    shape = _in(facts)
    shown = "(" + ", ".join("None" if d is None else str(d) for d in shape or ()) + ")"
    return undecidable(
        f"{_n(facts.params)}: {facts.type} takes (batch, steps, features) inputs, but the "
        f"table gives it {shown}, which no recurrent layer takes (rows of separate models "
        "pasted as one table?), so its input is not shown"
    )


def simple_rnn(facts: LayerFacts) -> Derivation:
    return _rnn(facts, "SimpleRNN")


def lstm(facts: LayerFacts) -> Derivation:
    return _rnn(facts, "LSTM")


def gru(facts: LayerFacts) -> Derivation:
    return _rnn(facts, "GRU")


def gru_read_first_as(facts: LayerFacts, reset_after: bool) -> Derivation:
    """A GRU row's readings, the one with `reset_after` first (as another row decided it)."""
    return _rnn(facts, "GRU", era=Era.TF2 if reset_after else Era.KERAS2)


def gru_v1(facts: LayerFacts) -> Derivation:
    """tf.compat.v1 GRU: reset_after=False by default in every version."""
    return _rnn(facts, "GRU", era=Era.KERAS2)


def cudnn_lstm(facts: LayerFacts) -> Derivation:
    return _rnn(facts, "LSTM", cudnn=True)


def cudnn_gru(facts: LayerFacts) -> Derivation:
    return _rnn(facts, "GRU", cudnn=True)


def _all_cell_variants(era: Era) -> list[_RnnVariant]:
    variants = (
        _rnn_variants("LSTM", era) + _rnn_variants("GRU", era) + _rnn_variants("SimpleRNN", era)
    )
    if era not in (Era.KERAS3, *KERAS1_ERAS):  # tf.keras 1.x and 2.x (tf.compat.v1) have them
        variants += _rnn_variants("LSTM", era, True) + _rnn_variants("GRU", era, True)
    return sorted(variants, key=lambda v: v.bias == 0)


def generic_rnn(facts: LayerFacts) -> Derivation:
    """RNN(cell): the cell is not printed; try the built-in cells."""
    p, u, d = facts.params, _rnn_units(facts), _sequence_width(facts)
    if u is not None and d is not None:
        for v in _all_cell_variants(facts.era):
            if _rnn_count(v, d, u) == p:
                return ok(
                    f"{_n(p)} = {_rnn_formula(v, d, u)} (fits RNN({v.cell}Cell({u})): "
                    f"{_rnn_words(v)})",
                    p,
                )
    return undecidable(
        f"{_n(p)}: RNN wraps a cell that the summary does not name, so its count is not re-derived"
    )


def bidirectional(facts: LayerFacts) -> Derivation:
    p, d = facts.params, _sequence_width(facts)
    outs = facts.output
    if not outs:
        return undecidable(f"{_n(p)}: Bidirectional = 2 × the wrapped layer; output not shown")
    merged = _last(outs[0])
    unit_options: list[tuple[int | None, str]]
    if len(outs) >= 3 and len(outs) % 2 and merged is not None:
        # one merged output, then each direction's states (return_state=True: 4 for an LSTM,
        # 2 for a GRU; 49c's 009: `[(None, None, 88), (None, 44), …]` is LSTM(44) twice)
        unit_options = [(merged // 2, "concat; return_state=True")] if merged % 2 == 0 else []
        unit_options.append((merged, "sum/mul/ave; return_state=True"))
    elif len(outs) >= 2 and merged is not None:
        unit_options = [(_last(outs[0]), "merge_mode=None")]
    else:
        last = _last(outs[0])
        if last is None:
            return undecidable(f"{_n(p)}: Bidirectional = 2 × the wrapped layer; units not shown")
        unit_options = []
        if last % 2 == 0:
            unit_options.append((last // 2, "concat"))
        unit_options.append((last, "sum/mul/ave"))
    variants = _all_cell_variants(facts.era)
    if d is None:
        options = []
        for units, _mode in unit_options:
            for v in variants:
                per = 2 * v.gates * units  # type: ignore[operator]
                if p % per == 0 and p // per - units - v.bias >= 1:  # type: ignore[operator]
                    dd = p // per - units - v.bias  # type: ignore[operator]
                    inputs = "input" if dd == 1 else "inputs"
                    options.append(f"{v.shown}({units}) on {_n(dd)} {inputs}{_option(v)}")
        if options:
            return undecidable(
                f"{_n(p)} = 2 × {_n(p // 2)} (forward + backward copies); the input is not "
                f"shown — fits e.g. {', '.join(dict.fromkeys(options[:3]))}"
            )
        return undecidable(f"{_n(p)}: Bidirectional = 2 × the wrapped layer; input not shown")
    for units, mode in unit_options:
        for v in variants:
            one = _rnn_count(v, d, units)  # type: ignore[arg-type]
            if 2 * one == p:
                return ok(
                    f"{_n(p)} = 2 × {_n(one)}: forward + backward {v.shown}({units}) on {_n(d)} "
                    f"inputs, each {_rnn_formula(v, d, units)} ({_rnn_words(v)}; "  # type: ignore[arg-type]
                    f"merge_mode {mode})",
                    p,
                )
    # A backward_layer of other units: Keras 3 prints 2 × forward units, tf.keras their sum.
    last = _last(outs[0]) if len(outs) == 1 else None
    if last is not None and last <= 8192:
        # Keras 3 prints 2 × the forward units (the forward layer known); tf.keras prints the
        # sum of both, which tells neither which is forward (55c's 004: 287 = 240 + 47)
        pairs = (
            [(last // 2, ub, True) for ub in range(1, 2 * last) if ub != last // 2]
            if last % 2 == 0
            else []
        )
        pairs += [(uf, last - uf, False) for uf in range(last // 2 + 1, last)]
        for v in variants:
            for uf, ub, forward_known in pairs:
                if _rnn_count(v, d, uf) + _rnn_count(v, d, ub) == p:
                    # the backward units are solved from the count (Keras 3 does not print
                    # them), and some pair of the many tried may fit by chance (42c's 002:
                    # 124,800 as GRU(80) + GRU(48), an edited count of a Bidirectional GRU(64))
                    usual = 2 * _rnn_count(v, d, last // 2)  # a concat of two equal layers
                    if forward_known:  # (Keras 3: twice the forward units printed)
                        size = "smaller" if ub < uf else "larger"
                        layers = (
                            f"forward {v.shown}({uf}) + a {size} backward_layer {v.shown}({ub})"
                        )
                        solved = "the backward units"
                    else:
                        layers = (
                            f"{v.shown}({uf}) + {v.shown}({ub}), one each way (which runs "
                            "forward the print does not show)"
                        )
                        solved = f"the split of the {_n(last)} units printed"
                    return ok(
                        f"{_n(p)} = {_n(_rnn_count(v, d, uf))} + {_n(_rnn_count(v, d, ub))}: "
                        f"{layers} on {_n(d)} inputs ({_rnn_words(v)}), {solved} solved from "
                        f"the count; a Bidirectional({v.shown}({last // 2})) would have "
                        f"{_n(usual)}",
                        p,
                        solved=Solved.UNITS,
                    )
    units, mode = unit_options[0]
    lstm = 2 * _rnn_count(_rnn_variants("LSTM", facts.era)[0], d, units)  # type: ignore[arg-type]
    gru = [2 * _rnn_count(v, d, units) for v in _rnn_variants("GRU", facts.era)[:2]]  # type: ignore[arg-type]
    simple = 2 * _rnn_count(_rnn_variants("SimpleRNN", facts.era)[0], d, units)  # type: ignore[arg-type]
    return mismatch(
        f"{_n(p)} ≠ 2 × the count of any LSTM, GRU or SimpleRNN with {units} units on "
        f"{_n(d)} inputs",
        f"{_name(facts)} shows {_n(p)} but Bidirectional over {units} units on {_n(d)} inputs "
        f"has 2 × one layer: LSTM {_n(lstm)}, GRU {_n(gru[0])} or {_n(gru[1])}, SimpleRNN "
        f"{_n(simple)} (with bias) — none gives {_n(p)}; is the input shape right, or was the "
        "count edited?",
    )
