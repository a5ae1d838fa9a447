"""Re-derive each summary row's Param # from its layer type and shapes, and explain the sum."""

from __future__ import annotations

from .applications import application_default
from .common import Derivation, LayerFacts
from .data_format import (
    channels_first_refuted,
    fits_only_channels_first,
    infer_channels_first,
    on_frames,
)
from .dispatch import FORMULAS, NAME_READING, NAME_READING_PIECE, derive, has_formula, is_weightless
from .output_shapes import expected_output_problem, has_shape_rule
from .weightless import NESTED_MODEL_TYPES, UNVERIFIED, WEIGHTLESS

__all__ = [
    "FORMULAS",
    "NAME_READING",
    "NAME_READING_PIECE",
    "NESTED_MODEL_TYPES",
    "UNVERIFIED",
    "WEIGHTLESS",
    "Derivation",
    "LayerFacts",
    "application_default",
    "channels_first_refuted",
    "derive",
    "expected_output_problem",
    "fits_only_channels_first",
    "has_formula",
    "has_shape_rule",
    "infer_channels_first",
    "is_weightless",
    "on_frames",
]
