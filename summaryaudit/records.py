"""Frozen records for parsed summaries, their layers, totals and findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Optional, Union

Dim = Optional[int]
Shape = tuple[Dim, ...]

DIALECTS = ("keras1", "keras2", "keras2-wrapped", "keras3")


class Severity(str, Enum):
    """How serious a finding is; errors and warnings fail a run, infos do not."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Layer:
    """One row of a summary table, as printed, with its original line number."""

    name: str
    type: str
    output_shape: str
    params: Optional[int]
    line: int
    trainable: Optional[bool] = None
    connected_to: tuple[str, ...] = ()
    depth: int = 0
    truncated: tuple[str, ...] = ()
    printed_type: str = ""
    params_note: Optional[str] = None  # "unused" / "unbuilt" when Keras printed `0 (unbuilt)`
    derivation: Optional[str] = None

    def to_dict(self) -> dict[str, Any]:
        """Return the layer in the JSON contract's shape."""
        return {
            "name": self.name,
            "type": self.type,
            "output_shape": self.output_shape,
            "params": self.params,
            "trainable": self.trainable,
            "connected_to": list(self.connected_to),
            "depth": self.depth,
            "line": self.line,
            "truncated": list(self.truncated),
            "derivation": self.derivation,
        }


@dataclass(frozen=True)
class Count:
    """One totals line: its number (None when unreadable), printed size and line."""

    value: Optional[int]
    line: int
    text: str = ""
    size: Optional[str] = None  # e.g. "8.17 MB" as printed


@dataclass(frozen=True)
class Totals:
    """The Total / Trainable / Non-trainable / Optimizer params lines of a summary."""

    total: Optional[Count] = None
    trainable: Optional[Count] = None
    non_trainable: Optional[Count] = None
    optimizer: Optional[Count] = None

    @staticmethod
    def _value(count: Optional[Count]) -> Optional[int]:
        return None if count is None else count.value

    def to_dict(self) -> dict[str, Optional[int]]:
        """Return the totals in the JSON contract's shape."""
        return {
            "total": self._value(self.total),
            "trainable": self._value(self.trainable),
            "non_trainable": self._value(self.non_trainable),
            "optimizer": self._value(self.optimizer),
        }

    def labelled(self) -> list[tuple[str, Optional[int]]]:
        """Return (label, value) per totals line; the optimizer line only when printed."""
        pairs = [
            ("total", self._value(self.total)),
            ("trainable", self._value(self.trainable)),
            ("non-trainable", self._value(self.non_trainable)),
        ]
        if self.optimizer is not None:
            pairs.append(("optimizer", self._value(self.optimizer)))
        return pairs

    def present(self) -> bool:
        """Tell whether any totals line was printed."""
        return any(c is not None for c in (self.total, self.trainable, self.non_trainable))


@dataclass(frozen=True)
class Finding:
    """One audited fact: a stable code, a learner-facing message and where it points."""

    code: str
    name: str
    severity: Severity
    message: str
    source: str
    line: Optional[int] = None
    layer: Optional[str] = None
    cell: Optional[int] = None  # notebooks: the cell (from 1) holding the line
    cell_line: Optional[int] = None  # notebooks: the line within that cell's source or output

    def to_dict(self) -> dict[str, Any]:
        """Return the finding in the JSON contract's shape (cell keys only for notebooks)."""
        shape: dict[str, Any] = {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
            "source": self.source,
            "line": self.line,
            "layer": self.layer,
        }
        if self.cell is not None:
            shape["cell"] = self.cell
            shape["cell_line"] = self.cell_line
        return shape

    def sort_key(self) -> tuple[str, int, str]:
        """Order findings by source, line, then code."""
        return (self.source, self.line if self.line is not None else -1, self.code)


@dataclass(frozen=True)
class Summary:
    """One parsed model.summary() table with its layers and totals."""

    source: str
    start_line: int
    end_line: int
    dialect: str
    model_name: Optional[str]
    layers: tuple[Layer, ...]
    totals: Totals
    columns: tuple[str, ...] = ("layer", "output_shape", "params")
    generation: str = ""  # finer era hint: "keras1.0", "keras1.2", "keras2", "tf2.13", "keras3" …
    cropped: bool = False
    notes: tuple[str, ...] = ()
    unreadable: tuple[tuple[int, str], ...] = field(default=())  # (line, text) rows not read
    origins: tuple[tuple[int, str], ...] = ()  # (file line, "notebook cell 3 output, line 5")

    def origin_of(self, line: Optional[int]) -> str:
        """Return where a file line sits inside a notebook ('' outside notebooks)."""
        for number, origin in self.origins:
            if number == line:
                return origin
        return ""

    @property
    def has_connected_to(self) -> bool:
        """Tell whether the table printed a Connected to column."""
        return "connected_to" in self.columns

    def to_dict(self) -> dict[str, Any]:
        """Return the summary in the JSON contract's shape."""
        return {
            "source": self.source,
            "start_line": self.start_line,
            "end_line": self.end_line,
            "dialect": self.dialect,
            "model_name": self.model_name,
            "layers": [layer.to_dict() for layer in self.layers],
            "totals": self.totals.to_dict(),
        }


@dataclass(frozen=True)
class Report:
    """Everything one run found: the summaries read and the findings about them."""

    summaries: tuple[Summary, ...]
    findings: tuple[Finding, ...]

    def to_dict(self) -> dict[str, Any]:
        """Return the report exactly as `--format json` prints it."""
        return {
            "summaries": [s.to_dict() for s in self.summaries],
            "findings": [f.to_dict() for f in self.findings],
        }

    @property
    def failed(self) -> bool:
        """Tell whether any finding is an error or a warning."""
        return any(f.severity is not Severity.INFO for f in self.findings)


ShapeList = Union[tuple[Shape, ...], None]
