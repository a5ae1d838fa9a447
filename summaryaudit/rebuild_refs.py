"""Connected to entries read into references, and when a name the print cut fits a row."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .records import Layer

_INDEX = re.compile(r"\[(\d+)")
CUT_MARK = "…"  # what a print leaves where it cut a name


@dataclass(frozen=True)
class Ref:
    """One Connected to entry: a layer, which of its calls, which of that call's outputs."""

    layer: str
    node: int = 0
    tensor: int = 0
    cut: bool = False  # the print cut the name: it is only a prefix


def parse_ref(text: str) -> Ref:
    """Read `dense[1][0]`, `'dense[0][0]'` or a cut `global_avg…[0][…` into a Ref."""
    text = text.strip().strip("'")
    name = text.split("[", 1)[0]
    indices = [int(i) for i in _INDEX.findall(text[len(name) :])] + [0, 0]
    return Ref(name.rstrip(CUT_MARK), indices[0], indices[1], cut=name.endswith(CUT_MARK))


def refs_of(layer: Layer) -> list[Ref]:
    """Every Connected to entry of a row (entries a narrow column ran together split apart)."""
    parts = (p for text in layer.connected_to for p in re.split(r"[\s,]+", text))
    return [parse_ref(p) for p in parts if p.strip("'[] ")]


def name_complete(layer: Layer) -> bool:
    """Tell whether the row's name is printed in full (neither missing nor cut)."""
    return bool(layer.name) and "name" not in layer.truncated and CUT_MARK not in layer.name


def name_cut(layer: Layer) -> bool:
    """Tell whether the print cut the row's name (it ends in … or its cell was cut)."""
    return layer.name.endswith(CUT_MARK) or "name" in layer.truncated


def cut_name_fits(layer: Layer, name: str) -> bool:
    """Tell whether a referenced name fits the row's: one is a prefix the print cut the other to."""
    printed = layer.name.rstrip(CUT_MARK)
    return printed.startswith(name) or (name_cut(layer) and name.startswith(printed))


__all__ = ["CUT_MARK", "Ref", "cut_name_fits", "name_complete", "name_cut", "parse_ref", "refs_of"]
