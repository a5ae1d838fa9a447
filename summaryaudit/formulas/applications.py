"""A nested model's row whose count is a keras.applications model's: which one, and its defaults."""

from __future__ import annotations

from typing import Optional

from .common import Derivation, LayerFacts, ok
from .common import num as _n

# Default names that end in the input size (`mobilenetv2_1.00_224`, `mobilenet_1.00_None`): a
# base built for another size keeps the part before it (`mobilenetv2_1.00_96`).
_SIZED_NAME_ENDS = ("_224", "_None")
_SMALLEST = 900_000  # below every application's count (MobileNetV3Small without its top: 939,120)


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


def _readings(name: str, params: int) -> list[tuple[str, bool, str, int, str]]:
    """The applications a nested model's count is, those of its default name first."""
    if params < _SMALLEST:
        return []  # most rows: no import of the table (start-up, issue 13)
    from .application_counts import APPLICATION_COUNTS

    readings = APPLICATION_COUNTS.get(params)
    if not readings:
        return []
    named = [reading for reading in readings if _default_name(name, reading[2])]
    return named or list(readings)


def application_default(name: str, params: Optional[int]) -> Optional[int]:
    """The non-trainable count a nested model holds by default when its count is a
    keras.applications model's (its BatchNormalization statistics), or None."""
    defaults = {reading[3] for reading in _readings(name, params or 0)}
    return defaults.pop() if len(defaults) == 1 else None


def _calls(chosen: list[tuple[str, bool, str, int, str]]) -> str:
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
        return None
    named = _default_name(facts.name, chosen[0][2])
    defaults = {reading[3] for reading in chosen}
    # (the default is not the row's non-trainable count: a base is often frozen in part, its
    # BatchNormalization layers or its first blocks, which no row shows; so it is only said)
    non_trainable = defaults.pop() if len(defaults) == 1 else None
    held = (  # of the weights, not the channels (28a's nit: "3 input channels; 34,112 of them")
        "no weight non-trainable"
        if non_trainable == 0
        else f"{_n(non_trainable)} of its weights non-trainable by default"
        if non_trainable is not None
        else "its non-trainable part depends on the Keras version"
    )
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
