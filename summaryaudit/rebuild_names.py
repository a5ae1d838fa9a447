"""Names in the rebuilt module: Python variables, and Keras layer names unique per model."""

from __future__ import annotations

import builtins
import keyword
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Optional

from .rebuild_classes import PLACEHOLDER_BASE
from .rebuild_node import Node
from .rebuild_refs import CUT_MARK, name_complete
from .records import Summary

_MODULE_NAMES = ("keras", "model")  # names the module itself binds; a variable never takes them
BUILD_MODEL = "build_model"
_STAND_IN_SUFFIX = "_stand_in"


def class_identifier(cls: str) -> str:
    """The Python name a stand-in class is defined under: its printed name, unless Python or
    the module itself binds that name (`model`, `keras`, `list`), then `<name>_stand_in`. A
    printed name that ends in `_stand_in` gets one more, so no two classes share a name."""
    taken = cls in _MODULE_NAMES or cls in (BUILD_MODEL, PLACEHOLDER_BASE)
    if taken or keyword.iskeyword(cls) or hasattr(builtins, cls) or cls.endswith(_STAND_IN_SUFFIX):
        return cls + _STAND_IN_SUFFIX
    return cls


def _stem(name: str) -> str:
    """A name with every run of non-word characters as one underscore."""
    return re.sub(r"\W+", "_", name).strip("_") or "layer"


class Variables:
    """The module's Python variable and function names, each used once."""

    def __init__(self) -> None:
        self.used: set[str] = {*_MODULE_NAMES, BUILD_MODEL}

    def reserve(self, name: str) -> None:
        """Keep a name the module binds otherwise (a class it defines) from every variable."""
        self.used.add(name)

    def new(self, name: str) -> str:
        """A fresh identifier made from a layer (or function) name."""
        base = _stem(name)
        if base[0].isdigit() or keyword.iskeyword(base) or base in _MODULE_NAMES:
            base = f"x_{base}"
        var, n = base, 1
        while var in self.used:
            n += 1
            var = f"{base}_{n}"
        self.used.add(var)
        return var


class LayerNames:
    """Keras layer names for the rebuilt rows: as printed, else unique within their model."""

    def __init__(self, summary: Summary) -> None:
        self.printed = {layer.name for layer in summary.layers if name_complete(layer)}
        self.scopes: list[set[str]] = [set()]  # names taken in each model being written
        self.names: dict[int, str] = {}

    @contextmanager
    def model(self) -> Iterator[None]:
        """Names taken while writing one (nested) model: Keras wants them unique within it."""
        self.scopes.append(set())
        try:
            yield
        finally:
            self.scopes.pop()

    def name_of(self, node: Node) -> Optional[str]:
        """The layer's name: as printed, else (cut or repeated) a unique one from its stem.

        Keras 3 refuses a name twice in a model and numbers automatic names from a global
        counter, so every printed row gets an explicit name.
        """
        if id(node) in self.names:
            return self.names[id(node)]
        if node.index < 0:
            return None  # a layer of a stand-in inner model: Keras names it
        taken = self.scopes[-1]  # Keras 3 wants names unique within one model
        # (Keras 3 refuses a `/` in a name: tf.keras's name scopes, `encoder_0/output`)
        name = node.layer.name.replace("/", "_")
        if not name_complete(node.layer) or name in taken:
            stem = _stem(name.rstrip(CUT_MARK))
            name, n = stem, 1
            while name in taken or (name in self.printed and name != node.layer.name):
                n += 1
                name = f"{stem}_{n}"
        taken.add(name)
        self.names[id(node)] = name
        return name


__all__ = ["BUILD_MODEL", "LayerNames", "Variables", "class_identifier"]
