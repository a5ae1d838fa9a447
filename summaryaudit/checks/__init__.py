"""The audit: one registered check per finding code, run over a summary analysed once.

Modules, each with one job: `names` (the row-name index), `classes` (the classes the print
cut off, filled in from the evidence), `analysis` (input chain, data format, derivations),
`bn_readings` (BatchNormalization counts that read two ways, settled by the totals),
`registry` (codes to checks), `rows` (facts the checks share), `frozen_layers` (the
frozen-layer search), one module per family of checks (`readability`, `layer_counts`,
`totals`, `optimizer_totals`, `lone_split`, `sizes`, `non_trainable`, `inbound`, `duplicate_names`),
`notes`, `coverage` and `result`.
"""

from __future__ import annotations

from . import (
    duplicate_names,
    inbound,
    layer_counts,
    lone_split,
    non_trainable,
    optimizer_totals,
    readability,
    sizes,
    totals,
)
from .analysis import Analysis, PrintedModels
from .bn_readings import analyse
from .coverage import coverage
from .input_chain import find_inputs
from .notes import explain_totals
from .registry import CHECKS, Check, check, finding, run_checks
from .result import audit_result, with_audit
from .row_non_trainable import default_non_trainable, trainable_parts
from .rows import numbering_gap

FAMILIES = (
    readability,
    layer_counts,
    totals,
    optimizer_totals,
    lone_split,
    sizes,
    non_trainable,
    inbound,
    duplicate_names,
)
"""The modules whose checks register themselves in CHECKS when imported."""

__all__ = [
    "CHECKS",
    "FAMILIES",
    "Analysis",
    "Check",
    "PrintedModels",
    "analyse",
    "audit_result",
    "check",
    "coverage",
    "default_non_trainable",
    "explain_totals",
    "find_inputs",
    "finding",
    "numbering_gap",
    "run_checks",
    "trainable_parts",
    "with_audit",
]
