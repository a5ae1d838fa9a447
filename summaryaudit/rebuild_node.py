"""A node of the rebuilt model: one printed row, its solved Keras 3 call, its nested rows."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Optional

from .rebuild_classes import INPUT_LAYER, MODEL_CLASSES
from .rebuild_row import LayerCode
from .records import Layer, Shape


class RebuildError(ValueError):
    """The summary holds no table that a model could be rebuilt from."""


@dataclass
class Node:
    """One printed row, solved into a Keras 3 call, with its place in the rebuilt graph."""

    index: int
    layer: Layer
    code: LayerCode
    inputs: Optional[tuple[Shape, ...]]
    outputs: Optional[tuple[Shape, ...]]
    children: list[Node] = field(default_factory=list)
    frozen: bool = False
    hidden_non_trainable: int = 0  # an unexpanded nested model's non-trainable weights

    @property
    def is_input(self) -> bool:
        """Tell whether this row is an InputLayer (printed or guessed)."""
        return self.code.cls == INPUT_LAYER

    @property
    def is_model(self) -> bool:
        """Tell whether this row is a nested model."""
        return self.layer.type in MODEL_CLASSES

    @property
    def params(self) -> int:
        """The row's printed count (0 when not printed)."""
        return self.layer.params or 0


def walk(nodes: Sequence[Node]) -> Iterator[Node]:
    """Every node, each followed by its nested nodes (printed order)."""
    for node in nodes:
        yield node
        yield from walk(node.children)


__all__ = ["Node", "RebuildError", "walk"]
