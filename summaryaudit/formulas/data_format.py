"""Tell channels_first from channels_last models from what their rows show."""

from __future__ import annotations

from collections.abc import Sequence

from ..memo import input_memo
from ..records import Shape
from .common import KERAS1_ERAS, Derivation, LayerFacts, known
from .common import input_of as _in
from .common import output_of as _out
from .conv import (
    conv_fits,
    conv_rank,
    convolution,
    depthwise,
    depthwise_fit,
    separable,
    separable_fit,
)
from .dispatch import FORMULAS
from .frames import conv_lstm, conv_lstm_orientation_fits, time_distributed_orientation_fits

_CONV_TYPES = frozenset(
    name for name, fn in FORMULAS.items() if fn in (convolution, separable, depthwise)
)
_CONV_LSTM_TYPES = frozenset(name for name, fn in FORMULAS.items() if fn is conv_lstm)
_TIME_DISTRIBUTED = "TimeDistributed"
_FRAME_CONV_TYPES = _CONV_LSTM_TYPES | {_TIME_DISTRIBUTED}  # convolutions over frames
_POOLING = ("MaxPool", "AveragePool", "AvgPool")
_RESIZING = ("ZeroPadding", "Cropping", "UpSampling")  # change the spatial axes, keep channels


def _conv_orientation_fits(facts: LayerFacts) -> tuple[bool, bool]:
    """(fits channels_last, fits channels_first) for a convolution row (its name plays no part)."""
    return _orientation_fits(facts.unnamed())


@input_memo(maxsize=4096)
def _orientation_fits(facts: LayerFacts) -> tuple[bool, bool]:
    fits: list[bool] = []
    formula = FORMULAS[facts.type]
    for cf in (False, True):
        if formula is convolution:
            found, _ = conv_fits(facts, cf, facts.era not in KERAS1_ERAS)
            fits.append(bool(found))
        elif formula is depthwise:
            fits.append(isinstance(depthwise_fit(facts, cf), Derivation))
        else:
            fits.append(separable_fit(facts, cf) is not None)
    return fits[0], fits[1]


def _whole_2d_or_3d(facts: LayerFacts) -> tuple[Shape, Shape] | None:
    """The input and output of a row, both of one rank of 4 or more and shown in full."""
    inp, out = _in(facts), _out(facts)
    if inp is None or out is None or len(inp) != len(out) or len(inp) < 4:
        return None
    if not known(inp) or not known(out):
        return None
    return inp, out


def _pool_vote(facts: LayerFacts) -> bool | None:
    """A 2D/3D pooling row that keeps axis 1 and shrinks the last axis is channels_first."""
    if not facts.type.startswith(_POOLING):
        return None
    shapes = _whole_2d_or_3d(facts)
    if shapes is None:
        return None
    inp, out = shapes
    keeps_first = inp[1] == out[1]
    keeps_last = inp[-1] == out[-1]
    if keeps_first and not keeps_last and out[-1] < inp[-1]:  # type: ignore[operator]
        return True
    if keeps_last and not keeps_first and out[1] < inp[1]:  # type: ignore[operator]
        return False
    return None


def _resize_vote(facts: LayerFacts) -> bool | None:
    """A 2D/3D padding, cropping or upsampling row keeps the channels' axis and changes the
    spatial ones: one that keeps only the last is channels_last, only axis 1 channels_first (a
    tf-keras differential example: (None, 1, 4, 2) → (None, 3, 6, 2) is channels_last, where the
    input (None, 1, 4, 5) looked like a one-channel 'th' image)."""
    shapes = _whole_2d_or_3d(facts)
    if shapes is None:
        return None
    inp, out = shapes
    keeps_first, keeps_last = inp[1] == out[1], inp[-1] == out[-1]
    if keeps_first != keeps_last:
        return keeps_first
    return None


def _input_vote(facts: LayerFacts) -> bool | None:
    """An image input such as (None, 3, 224, 224) ('th') or (None, 224, 224, 3) ('tf')."""
    out = _out(facts)
    if out is None or len(out) not in (4, 5) or not known(out):
        return None
    first, last = out[1], out[-1]
    if first in (1, 3, 4) and last not in (1, 3, 4) and last > 4:  # type: ignore[operator]
        return True
    if last in (1, 3, 4) and first not in (1, 3, 4) and first > 4:  # type: ignore[operator]
        return False
    return None


def fits_only_channels_first(facts: LayerFacts) -> bool:
    """Tell whether a 2D/3D convolution row's count fits its shapes channels_first only."""
    out = _out(facts)
    if facts.type not in _CONV_TYPES or out is None or len(out) < 4:
        return False
    return _conv_orientation_fits(facts) == (False, True)


def channels_first_refuted(layers: Sequence[LayerFacts]) -> bool:
    """Tell whether a 2D/3D convolution row whose axis 1 is shown in and out fits no
    channels_first reading of its count (an ungrouped one, for a plain convolution: groups
    that happen to divide the channels are no evidence)."""
    for facts in layers:
        if facts.type not in _CONV_TYPES:
            continue
        inp, out = _in(facts), _out(facts)
        if out is None or inp is None or len(out) < 4 or out[1] is None or inp[1] is None:
            continue
        if FORMULAS[facts.type] is convolution:
            found, _ = conv_fits(facts.unnamed(), True, facts.era not in KERAS1_ERAS)
            fits = any(fit.groups == 1 for fit in found)
        else:
            fits = _conv_orientation_fits(facts)[1]
        if not fits:
            return True
    return False


def infer_channels_first(layers: Sequence[LayerFacts]) -> bool | None:
    """Decide the model's data format from conv counts that fit only one channel axis.

    Convolution counts (a ConvLSTM's, a TimeDistributed's that only a wrapped convolution
    gives) weigh most (two votes each); pooling rows that keep axis 1, padding,
    cropping and upsampling rows that keep one end axis, and image inputs shaped like (None, 3,
    224, 224) add one vote each (inputs of one shape, once). A tie gives None.
    """
    votes_first = votes_last = 0
    inputs_seen: set[object] = set()  # inputs of one shape vote once (a model's twin inputs)
    for facts in layers:
        type_ = facts.type
        if type_ in _CONV_TYPES or type_ in _FRAME_CONV_TYPES:
            out = _out(facts)
            if type_ in _CONV_LSTM_TYPES:
                # (a ConvLSTM's count decides it as a convolution's does: 84e's 008, 16,640 =
                # 4 × 20 × (9 × (3 + 20) + 1) only with the channels after the time axis)
                if conv_rank(type_) < 2:
                    continue  # (as a 1D convolution: no evidence)
                last, first = conv_lstm_orientation_fits(facts)
            elif out is None or len(out) < 4:
                continue  # 1D convolutions are nearly always channels_last; no evidence
            elif type_ == _TIME_DISTRIBUTED:  # (a convolution at each step, or no evidence)
                last, first = time_distributed_orientation_fits(facts)
            else:
                last, first = _conv_orientation_fits(facts)
            if last and not first:
                votes_last += 2
            elif first and not last:
                votes_first += 2
            continue
        if type_ == "InputLayer":
            if facts.output in inputs_seen:
                continue
            inputs_seen.add(facts.output)
            vote = _input_vote(facts)
        elif type_.startswith(_POOLING):  # (the one test _pool_vote makes first, inlined)
            vote = _pool_vote(facts)
        elif type_.startswith(_RESIZING):
            vote = _resize_vote(facts)
        else:
            continue
        if vote is True:
            votes_first += 1
        elif vote is False:
            votes_last += 1
    if votes_first > votes_last:
        return True
    if votes_last > votes_first:
        return False
    return None


def _outputs_frames(facts: LayerFacts) -> bool:
    """Tell whether a row outputs a sequence of frames, (batch, time, …): a ConvLSTM returning
    sequences, or a TimeDistributed layer applied to images (or volumes, or 1D maps)."""
    out = _out(facts)
    if out is None:
        return False
    if facts.type in _CONV_LSTM_TYPES:
        return len(out) == conv_rank(facts.type) + 3
    return facts.type == _TIME_DISTRIBUTED and len(out) >= 4


def on_frames(layers: Sequence[LayerFacts]) -> tuple[LayerFacts, ...]:
    """The rows of a channels_first model, each row that keeps a sequence of frames as it is
    (a BatchNormalization, a Dropout after a ConvLSTM) marked so: its channels are on axis 2,
    after the time axis, not on axis 1 (84e's 008: (None, 5, 20, 32, 32), 5 time steps of 20
    channels). A frame sequence is known by its shape: a ConvLSTM's or TimeDistributed's output
    (a Conv3D's output of the same shape in the same model would be taken for one too)."""
    shapes = {_out(facts) for facts in layers if _outputs_frames(facts)}
    if not shapes:
        return tuple(layers)
    return tuple(
        facts._replace(frames=True)
        if (inp := _in(facts)) is not None and inp in shapes and _out(facts) == inp
        else facts
        for facts in layers
    )
