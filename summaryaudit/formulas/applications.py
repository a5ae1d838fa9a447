"""A nested model's row whose count is a keras.applications model's: which one, and its defaults."""

from __future__ import annotations

import functools
from typing import Optional

from ..records import Shape
from .common import Derivation, LayerFacts, ok, output_of
from .common import num as _n

# Default names that end in the input size (`mobilenetv2_1.00_224`, `mobilenet_1.00_None`): a
# base built for another size keeps the part before it (`mobilenetv2_1.00_96`).
_SIZED_NAME_ENDS = ("_224", "_None")
_SMALLEST = 900_000  # below every application's count (MobileNetV3Small without its top: 939,120)
# (constructor, include_top, default name, non-trainable by default, measured on)
Reading = tuple[str, bool, str, int, str]


def _default_name(name: str, default: str) -> bool:
    """Tell whether a row's name is the application's default name (or its start, cut by the
    column as `mobilenetv2_1.00_2…`, or built for another input size)."""
    stem = default
    if default.endswith(_SIZED_NAME_ENDS):
        stem = default.rsplit("_", 1)[0] + "_"
        if name.startswith(stem):
            return True
    if name.endswith("…"):
        return len(name) > 4 and default.startswith(name[:-1])
    return name == default


def _readings(name: str, params: int) -> list[Reading]:
    """The applications a nested model's count is, those of its default name first."""
    if params < _SMALLEST:
        return []  # most rows: no import of the table (start-up, issue 13)
    from .application_counts import APPLICATION_COUNTS

    readings = APPLICATION_COUNTS.get(params)
    if not readings:
        return []
    named = [reading for reading in readings if _default_name(name, reading[2])]
    return named or list(readings)


def _with_classes(name: str, params: int, classes: Optional[int]) -> Optional[tuple[Reading, int]]:
    """The application with its top built for other than 1,000 classes (38b's 007:
    `EfficientNetB0(include_top=True, classes=120)`), named by its default name, whose count is
    its count without the top and a top Dense on its features: (its reading, the features)."""
    if classes is None or classes in (0, 1000) or params < _SMALLEST:
        return None
    for reading, base, features in _dense_tops():
        if params == base + (features + 1) * classes and _default_name(name, reading[2]):
            return reading, features
    return None


@functools.cache
def _dense_tops() -> tuple[tuple[Reading, int, int], ...]:
    """Each application with its top whose top is one Dense on its features: (its reading,
    its count without the top, the features), worked out once from the counts table."""
    from .application_counts import APPLICATION_COUNTS

    without_top = {  # (a default name may differ: `mobilenetv2_1.00_None` without the top)
        reading[0]: count
        for count, readings in APPLICATION_COUNTS.items()
        for reading in readings
        if not reading[1]
    }
    found = []
    for count, readings in APPLICATION_COUNTS.items():
        for reading in readings:
            base = without_top.get(reading[0])
            if not reading[1] or base is None:
                continue
            features, rest = divmod(count - base - 1000, 1000)
            if not rest and features > 0:
                found.append((reading, base, features))
    return tuple(found)


def application_default(
    name: str, params: Optional[int], output: Optional[Shape] = None
) -> Optional[int]:
    """The non-trainable count a nested model holds by default when its count is a
    keras.applications model's (its BatchNormalization statistics), or None; the row's
    `output` shape finds a top built for other than 1,000 classes."""
    defaults = {reading[3] for reading in _readings(name, params or 0)}
    if not defaults:
        custom = _with_classes(name, params or 0, _classes_shown(output))
        if custom is not None:
            return custom[0][3]
    return defaults.pop() if len(defaults) == 1 else None


def _classes_shown(output: Optional[Shape]) -> Optional[int]:
    """The width of an output that is a vector per sample (a classifier's classes), or None."""
    return output[-1] if output is not None and len(output) == 2 else None


def _held(non_trainable: Optional[int]) -> str:
    """What a reading says of the application's non-trainable weights by default."""
    if non_trainable == 0:
        return "none of its weights non-trainable by default"  # (45b's 008: frozen, it holds all)
    if non_trainable is not None:
        return f"{_n(non_trainable)} of its weights non-trainable by default"
    return "its non-trainable part depends on the Keras version"


def _calls(chosen: list[Reading]) -> str:
    """The constructor calls the readings name, each once (`keras.applications.VGG16(…) or …`)."""
    return " or ".join(
        dict.fromkeys(
            f"keras.applications.{constructor}(include_top={top})"
            for constructor, top, *_ in chosen
        )
    )


def application_reading(facts: LayerFacts) -> Optional[Derivation]:
    """The keras.applications model a nested model's count is exactly (3 input channels, 1,000
    classes with its top), named by the row's name when that is its default; else None."""
    chosen = _readings(facts.name, facts.params)
    if not chosen:
        return _classes_reading(facts)
    named = _default_name(facts.name, chosen[0][2])
    defaults = {reading[3] for reading in chosen}
    # (the default is not the row's non-trainable count: a base is often frozen in part, its
    # BatchNormalization layers or its first blocks, which no row shows; so it is only said)
    non_trainable = defaults.pop() if len(defaults) == 1 else None
    # (of the weights, not the channels: 28a's nit, "3 input channels; 34,112 of them")
    held = _held(non_trainable)
    classes = ", 1,000 classes" if any(reading[1] for reading in chosen) else ""
    which = _calls(chosen)
    if named:
        return ok(
            f"{_n(facts.params)} = {which}: the count Keras builds it with (3 input "
            f"channels{classes}; {held})",
            facts.params,
            None,
        )
    return ok(
        f"{_n(facts.params)}: exactly the count of {which} (3 input channels{classes}; "
        f"{held}), so most likely that model, though {facts.name} is not its default name",
        facts.params,
        None,
    )


def _classes_reading(facts: LayerFacts) -> Optional[Derivation]:
    """A row of an application whose top was built for the classes its output shows."""
    classes = _classes_shown(output_of(facts))
    found = _with_classes(facts.name, facts.params, classes)
    if found is None or classes is None:
        return None
    (constructor, _, _, non_trainable, _), features = found
    base = facts.params - (features + 1) * classes
    return ok(
        f"{_n(facts.params)} = keras.applications.{constructor}(include_top=True, "
        f"classes={classes}): {_n(base)} without its top + its top Dense, {_n(features)} × "
        f"{_n(classes)} + {_n(classes)} (3 input channels; {_held(non_trainable)})",
        facts.params,
        None,
    )


def application_named(facts: LayerFacts) -> Optional[Derivation]:
    """A row without a class whose hand-written name names a keras.applications model and
    whose count is exactly that model's (27c's 015: `VGG16 Convolutional Base *(frozen)*`,
    14,714,688 = VGG16(include_top=False)); else None."""
    squashed = "".join(filter(str.isalnum, facts.name)).lower()
    chosen = [
        reading for reading in _readings(facts.name, facts.params) if reading[0].lower() in squashed
    ]
    if not chosen:
        return None
    return ok(
        f"{_n(facts.params)} = {_calls(chosen)}: the count Keras builds it with (3 input "
        "channels), the model the row's name names (its class is not shown)",
        facts.params,
        None,
    )
