"""Frozen records for parsed summaries, their layers, totals and findings."""

from __future__ import annotations

from enum import Enum
from operator import attrgetter
from typing import Any, Callable, ClassVar, Optional, Protocol, TypeVar, Union

from .dialects import DIALECTS, Dialect, Era

Dim = Optional[int]
Shape = tuple[Dim, ...]

__all__ = ["DIALECTS", "Count", "Dialect", "Era", "Finding", "Layer", "Report", "Summary", "Totals"]


# A record's fields are set as one new dict (`object.__setattr__(record, "__dict__", {...})`):
# CPython 3.11 reads attributes of such a dict at full speed, while a dict filled through
# `self.__dict__[name] = value` becomes a split dict whose every read takes the slow path
# (about four times the instructions). Records are read far more often than they are made.
_set_fields = object.__setattr__


class FrozenRecord:
    """Base of small frozen classes: equal and hashed by their fields, printed as dataclasses are.

    A subclass is a plain class with a hand-written `__init__` (a generated dataclass costs
    start-up time in every run); `record_fields` makes it a dataclass for callers who use
    `dataclasses.replace`, `fields` or `asdict` on it, the first time they ask (so a run never
    imports dataclasses); the package itself uses `replace` below. A subclass declares each
    field once, as an annotation, in the order of its `__init__` parameters.
    """

    __slots__ = ()
    _values: ClassVar[Callable[..., tuple[Any, ...]]]  # attrgetter: called with the record
    _names: ClassVar[tuple[str, ...]]

    def __init_subclass__(cls) -> None:
        cls._names = tuple(cls.__annotations__)
        cls._values = attrgetter(*cls._names)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return bool(self._values(self) == self._values(other))
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._values(self))

    def __repr__(self) -> str:
        pairs = ", ".join(f"{n}={v!r}" for n, v in zip(self._names, self._values(self)))
        return f"{type(self).__qualname__}({pairs})"

    def __setattr__(self, name: str, value: object) -> None:
        from dataclasses import FrozenInstanceError

        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        from dataclasses import FrozenInstanceError

        raise FrozenInstanceError(f"cannot delete field {name!r}")


class _DataclassFields:
    """`__dataclass_fields__` of a `record_fields` class, made by dataclasses when first asked
    for (dataclasses.fields, replace, asdict and is_dataclass all ask); other classes have none."""

    def __get__(self, instance: object, owner: type) -> Any:
        if not owner.__dict__.get("_record_fields"):
            raise AttributeError("__dataclass_fields__")
        from dataclasses import dataclass

        dataclass(init=False, repr=False, eq=False)(owner)  # registers fields, generates no code
        return owner.__dict__["__dataclass_fields__"]


FrozenRecord.__dataclass_fields__ = _DataclassFields()  # type: ignore[attr-defined]

_Record = TypeVar("_Record", bound=type)


def record_fields(cls: _Record) -> _Record:
    """Mark a FrozenRecord subclass as a dataclass for `dataclasses` functions (made lazily)."""
    cls._record_fields = True  # type: ignore[attr-defined]
    if "__match_args__" not in cls.__dict__:
        cls.__match_args__ = cls._names  # type: ignore[attr-defined,misc]  # as dataclass does
    return cls


_Replaced = TypeVar("_Replaced", bound=FrozenRecord)


def replace(record: _Replaced, **changes: Any) -> _Replaced:
    """A copy of a record with some fields changed (`dataclasses.replace`, without dataclasses)."""
    values = dict(zip(record._names, record._values(record)))  # (one attrgetter call)
    values.update(changes)
    return type(record)(**values)


class HasText(Protocol):
    """A line of text: a record, or a library caller's own line type."""

    text: str


LineT = TypeVar("LineT", bound=HasText)


def with_text(line: LineT, text: str) -> LineT:
    """A line (a record, or a library caller's dataclass) with another text; itself when the
    text is the same."""
    if text == line.text:
        return line
    if isinstance(line, FrozenRecord):
        return replace(line, text=text)
    import dataclasses  # a dataclass line of a library caller

    return dataclasses.replace(line, text=text)  # type: ignore[type-var]


class Severity(str, Enum):
    """How serious a finding is; errors and warnings fail a run, infos do not."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class TypeSource(str, Enum):
    """Where a row's class name comes from: the print, a cut name completed, or the evidence."""

    PRINTED = "printed"
    COMPLETED = "completed"
    INFERRED = "inferred"


# Enum members read once: one read through its class takes EnumType's __getattr__ slow path.
_INFO = Severity.INFO
_PRINTED, _COMPLETED = TypeSource.PRINTED, TypeSource.COMPLETED


@record_fields
class Layer(FrozenRecord):
    """One row of a summary table, as printed, with its original line number."""

    name: str
    type: str
    output_shape: str
    params: Optional[int]
    line: int
    trainable: Optional[bool]
    connected_to: tuple[str, ...]
    depth: int
    truncated: tuple[str, ...]
    printed_type: str
    params_note: Optional[str]  # "unused" / "unbuilt" when Keras printed `0 (unbuilt)`
    params_cut: str  # what Keras 3 printed of a count its column cut (`10,240,0` of `10,240,0…`)
    class_abbreviated: bool  # its author shortened the class with a full stop (`(Bidirect.)`)
    input_shape: str  # a row's Input Shape cell, where a table by hand added that column

    def __init__(
        self,
        name: str,
        type: str,
        output_shape: str,
        params: Optional[int],
        line: int,
        trainable: Optional[bool] = None,
        connected_to: tuple[str, ...] = (),
        depth: int = 0,
        truncated: tuple[str, ...] = (),
        printed_type: str = "",
        params_note: Optional[str] = None,
        params_cut: str = "",
        class_abbreviated: bool = False,
        input_shape: str = "",
    ) -> None:
        _set_fields(
            self,
            "__dict__",
            {
                "name": name,
                "type": type,
                "output_shape": output_shape,
                "params": params,
                "line": line,
                "trainable": trainable,
                "connected_to": connected_to,
                "depth": depth,
                "truncated": truncated,
                "printed_type": printed_type,
                "params_note": params_note,
                "params_cut": params_cut,
                "class_abbreviated": class_abbreviated,
                "input_shape": input_shape,
            },
        )

    @property
    def type_source(self) -> Optional[TypeSource]:
        """Tell where the printed class name came from (None when the print shows none)."""
        if not self.type:
            return None
        if "type" in self.truncated and self.type != self.printed_type.rstrip(".…"):
            return _COMPLETED  # a cut class the known classes completed
        return _PRINTED  # as printed, even where the column cut it

    def class_shortened_in_the_paste(self, keras3: bool) -> bool:
        """Tell whether the row's class was shortened by the paste's author, not by a column: a
        full stop is the author's in any print (`(Transfo.)`, `(MaxPooling2.)` in a Keras 3 box,
        read as `Transfo…`), and only Keras 3 marks its own cuts with `…`, so in another print
        that mark is the author's too."""
        if self.class_abbreviated:
            return True
        return not keras3 and "type" in self.truncated and self.printed_type.endswith("…")

    def to_dict(self, audited: Optional[RowAudit] = None) -> dict[str, Any]:
        """Return the layer in the JSON contract's shape (class and derivation as audited)."""
        row = audited if audited is not None else RowAudit(self.type, self.type_source)
        source = row.type_source
        return {
            "name": self.name,
            "type": row.type,
            "type_source": source.value if source is not None else None,
            "output_shape": self.output_shape,
            "params": self.params,
            "trainable": self.trainable,
            "connected_to": list(self.connected_to),
            "depth": self.depth,
            "line": self.line,
            "truncated": list(self.truncated),
            "derivation": row.derivation,
        }


@record_fields
class RowAudit(FrozenRecord):
    """What the audit says of one row: its class (inferred where the print cut it) and count."""

    type: str
    type_source: Optional[TypeSource]
    derivation: Optional[str]

    def __init__(
        self,
        type: str,
        type_source: Optional[TypeSource],
        derivation: Optional[str] = None,
    ) -> None:
        _set_fields(
            self,
            "__dict__",
            {
                "type": type,
                "type_source": type_source,
                "derivation": derivation,
            },
        )


@record_fields
class Count(FrozenRecord):
    """One totals line: its number (None when unreadable), printed size and line."""

    value: Optional[int]
    line: int
    text: str
    size: Optional[str]  # e.g. "8.17 MB" as printed
    # a count given rounded (`~1.3M`): the least and the greatest number it rounds from
    rounded: Optional[tuple[int, int]]

    def __init__(
        self,
        value: Optional[int],
        line: int,
        text: str = "",
        size: Optional[str] = None,
        rounded: Optional[tuple[int, int]] = None,
    ) -> None:
        _set_fields(
            self,
            "__dict__",
            {
                "value": value,
                "line": line,
                "text": text,
                "size": size,
                "rounded": rounded,
            },
        )


@record_fields
class Totals(FrozenRecord):
    """The Total / Trainable / Non-trainable / Optimizer params lines of a summary."""

    total: Optional[Count]
    trainable: Optional[Count]
    non_trainable: Optional[Count]
    optimizer: Optional[Count]

    def __init__(
        self,
        total: Optional[Count] = None,
        trainable: Optional[Count] = None,
        non_trainable: Optional[Count] = None,
        optimizer: Optional[Count] = None,
    ) -> None:
        _set_fields(
            self,
            "__dict__",
            {
                "total": total,
                "trainable": trainable,
                "non_trainable": non_trainable,
                "optimizer": optimizer,
            },
        )

    @staticmethod
    def value_of(count: Optional[Count]) -> Optional[int]:
        """Return a totals line's number (None when the line is missing or unreadable)."""
        return None if count is None else count.value

    def optimizer_count(self) -> int:
        """The Optimizer params line's count (0 when it is not printed or not read)."""
        return self.value_of(self.optimizer) or 0

    def to_dict(self) -> dict[str, Optional[int]]:
        """Return the totals in the JSON contract's shape."""
        return {
            "total": self.value_of(self.total),
            "trainable": self.value_of(self.trainable),
            "non_trainable": self.value_of(self.non_trainable),
            "optimizer": self.value_of(self.optimizer),
        }

    def sizes(self) -> dict[str, Optional[str]]:
        """Return the size each totals line printed (`589.60 KB`), None where it shows none."""
        return {
            "total": None if self.total is None else self.total.size,
            "trainable": None if self.trainable is None else self.trainable.size,
            "non_trainable": None if self.non_trainable is None else self.non_trainable.size,
            "optimizer": None if self.optimizer is None else self.optimizer.size,
        }

    def labelled(self) -> list[tuple[str, Optional[int]]]:
        """Return (label, value) per totals line; the optimizer line only when printed."""
        pairs = [
            ("total", self.value_of(self.total)),
            ("trainable", self.value_of(self.trainable)),
            ("non-trainable", self.value_of(self.non_trainable)),
        ]
        if self.optimizer is not None:
            pairs.append(("optimizer", self.value_of(self.optimizer)))
        return pairs

    def present(self) -> bool:
        """Tell whether any totals line was printed."""
        return (
            self.total is not None or self.trainable is not None or self.non_trainable is not None
        )


@record_fields
class Finding(FrozenRecord):
    """One audited fact: a stable code, a learner-facing message and where it points."""

    code: str
    name: str
    severity: Severity
    message: str
    source: str
    line: Optional[int]
    layer: Optional[str]
    cell: Optional[int]  # notebooks: the cell (from 1) holding the line
    cell_line: Optional[int]  # notebooks: the line within that cell's source or output

    def __init__(
        self,
        code: str,
        name: str,
        severity: Severity,
        message: str,
        source: str,
        line: Optional[int] = None,
        layer: Optional[str] = None,
        cell: Optional[int] = None,
        cell_line: Optional[int] = None,
    ) -> None:
        _set_fields(
            self,
            "__dict__",
            {
                "code": code,
                "name": name,
                "severity": severity,
                "message": message,
                "source": source,
                "line": line,
                "layer": layer,
                "cell": cell,
                "cell_line": cell_line,
            },
        )

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


class CheckState(str, Enum):
    """How far one totals check could go on what the print shows."""

    CHECKED = "checked"  # decided exactly
    BOUNDED = "bounded"  # only bounds checked: rows are missing, unreadable or unverified
    SKIPPED = "skipped"  # the lines it needs are not there


_CHECKED, _BOUNDED = CheckState.CHECKED, CheckState.BOUNDED


@record_fields
class TotalsCheck(FrozenRecord):
    """One totals check of a summary, how far it went, and why not further."""

    name: str  # "Total = rows", "Trainable + Non-trainable = Total", …
    state: CheckState
    reason: str

    def __init__(self, name: str, state: CheckState, reason: str = "") -> None:
        _set_fields(
            self,
            "__dict__",
            {
                "name": name,
                "state": state,
                "reason": reason,
            },
        )

    def to_dict(self) -> dict[str, str]:
        """Return the check in the JSON contract's shape."""
        return {"check": self.name, "state": self.state.value, "reason": self.reason}


@record_fields
class Coverage(FrozenRecord):
    """What the audit of one summary verified: rows verified of rows read, and totals checks."""

    rows_read: int
    rows_verified: int
    not_verified: tuple[str, ...]  # reasons, e.g. "2 rows of unknown type"
    totals: tuple[TotalsCheck, ...]
    # rows verified only as consistent with their count: (layer, what the count was solved
    # for, the print not showing it: `input size`, `vocabulary`)
    consistent_only: tuple[tuple[str, str], ...]
    # rows Keras printed as `0 (unbuilt)` or `0 (unused)`: no weights yet, so nothing to check
    without_weights: tuple[str, ...]
    # the codes of the errors and warnings found here that the run does not report (--ignore,
    # --select, a suppression directive): what they check is not vouched for
    switched_off: tuple[str, ...]

    def __init__(
        self,
        rows_read: int,
        rows_verified: int,
        not_verified: tuple[str, ...] = (),
        totals: tuple[TotalsCheck, ...] = (),
        consistent_only: tuple[tuple[str, str], ...] = (),
        without_weights: tuple[str, ...] = (),
        switched_off: tuple[str, ...] = (),
    ) -> None:
        _set_fields(
            self,
            "__dict__",
            {
                "rows_read": rows_read,
                "rows_verified": rows_verified,
                "not_verified": not_verified,
                "totals": totals,
                "consistent_only": consistent_only,
                "without_weights": without_weights,
                "switched_off": switched_off,
            },
        )

    @property
    def complete(self) -> bool:
        """Tell whether every row and every totals check was verified in full, and no error or
        warning found was switched off."""
        return (
            self.rows_verified == self.rows_read
            and not self.not_verified
            and not self.switched_off
            and bool(self.totals)
            and all(t.state is _CHECKED for t in self.totals)
        )

    def switched_off_text(self) -> str:
        """`2 findings switched off (SA201, SA202)`, or '' when none was."""
        count = len(self.switched_off)
        if not count:
            return ""
        codes = ", ".join(sorted(set(self.switched_off)))
        return f"{count} finding{'' if count == 1 else 's'} found here and switched off ({codes})"

    def sentence(self) -> str:
        """Say in one line what was verified and what was not, and why."""
        checked = [t.name for t in self.totals if t.state is _CHECKED]
        rows = "row" if self.rows_read == 1 else "rows"
        text = f"verified {self.rows_verified} of {self.rows_read} {rows}"
        notes = [self._consistent_text()] if self.consistent_only else []
        count = len(self.without_weights)
        if count:
            every = count == self.rows_read
            if every:
                # nothing was there to verify (42b's 002: 'Nothing to check yet … verified 3 of 3')
                text = f"read {self.rows_read} {rows}"
            which = ("it is" if count == 1 else "all are") if every else f"{count} of them"
            notes.append(
                f"{which} unbuilt or unused: Keras has created no weights for "
                f"{'it' if count == 1 else 'them'} yet, so 0 is the only count "
                f"{'it' if count == 1 else 'they'} can show"
            )
        if notes:
            text += f" ({'; '.join(notes)})"
        text += "; totals checked: " + ("; ".join(checked) if checked else "none")
        gaps = list(self.not_verified)
        if self.switched_off:
            gaps.append(self.switched_off_text())
        gaps += [
            f"{t.name} {'only bounded' if t.state is _BOUNDED else 'not checked'}"
            + (f" ({t.reason})" if t.reason else "")
            for t in self.totals
            if t.state is not _CHECKED
        ]
        if gaps:
            text += ". Not verified: " + "; ".join(gaps)
        return text + "."

    def _consistent_text(self) -> str:
        """`dense only as consistent: its input size is not shown, so it was solved from its
        count` (a count any such size would fit is consistent, not verified)."""
        rows = self.consistent_only
        if len(rows) == 1:
            [(name, what)] = rows
            verb = "are" if what.endswith("s") else "is"
            return (
                f"{name} only as consistent: its {what} {verb} not shown, so the count was "
                "solved for it"
            )
        shown = ", ".join(f"{name}'s {what}" for name, what in rows[:3])
        more = f" and {len(rows) - 3} more" if len(rows) > 3 else ""
        return (
            f"{len(rows)} only as consistent, what the print does not show solved from their "
            f"counts: {shown}{more}"
        )

    def to_dict(self) -> dict[str, Any]:
        """Return the coverage in the JSON contract's shape."""
        return {
            "rows_read": self.rows_read,
            "rows_verified": self.rows_verified,
            "consistent_only": [
                {"layer": name, "solved": what} for name, what in self.consistent_only
            ],
            "without_weights": list(self.without_weights),
            "complete": self.complete,
            "not_verified": [*self.not_verified, *filter(None, [self.switched_off_text()])],
            "totals": [t.to_dict() for t in self.totals],
        }


@record_fields
class Audit(FrozenRecord):
    """The audit's result for one summary beside its findings: rows, totals notes, coverage."""

    rows: tuple[RowAudit, ...]
    notes: tuple[str, ...]
    coverage: Optional[Coverage]

    def __init__(
        self,
        rows: tuple[RowAudit, ...],
        notes: tuple[str, ...] = (),
        coverage: Optional[Coverage] = None,
    ) -> None:
        _set_fields(
            self,
            "__dict__",
            {
                "rows": rows,
                "notes": notes,
                "coverage": coverage,
            },
        )


@record_fields
class Summary(FrozenRecord):
    """One parsed model.summary() table with its layers and totals."""

    source: str
    start_line: int
    end_line: int
    dialect: Dialect
    model_name: Optional[str]
    layers: tuple[Layer, ...]
    totals: Totals
    columns: tuple[str, ...]
    generation: Era  # the era that decides version-dependent formulas
    cropped: bool
    unreadable: tuple[tuple[int, str], ...]  # (line, text) rows not read
    origins: tuple[tuple[int, str], ...]  # (file line, "notebook cell 3 output, line 5")
    elided: tuple[int, ...]  # lines of elision marks (`...`) standing for left-out rows
    asides: tuple[tuple[int, str], ...]  # (line, text) written into the summary, not read as rows
    audit: Optional[Audit]  # the audit's result; the rows above stay as parsed
    # the paste ends inside the table: a row's line last, no rule, box bottom, frame end or
    # totals after it (rows below it, and inside a model it opened, may be left out)
    left_open: bool

    def __init__(
        self,
        source: str,
        start_line: int,
        end_line: int,
        dialect: Dialect,
        model_name: Optional[str],
        layers: tuple[Layer, ...],
        totals: Totals,
        columns: tuple[str, ...] = ("layer", "output_shape", "params"),
        generation: Era = Era.UNKNOWN,
        cropped: bool = False,
        unreadable: tuple[tuple[int, str], ...] = (),
        origins: tuple[tuple[int, str], ...] = (),
        elided: tuple[int, ...] = (),
        asides: tuple[tuple[int, str], ...] = (),
        audit: Optional[Audit] = None,
        left_open: bool = False,
    ) -> None:
        _set_fields(
            self,
            "__dict__",
            {
                "source": source,
                "start_line": start_line,
                "end_line": end_line,
                "dialect": dialect,
                "model_name": model_name,
                "layers": layers,
                "totals": totals,
                "columns": columns,
                "generation": generation,
                "cropped": cropped,
                "unreadable": unreadable,
                "origins": origins,
                "elided": elided,
                "asides": asides,
                "audit": audit,
                "left_open": left_open,
            },
        )

    @property
    def notes(self) -> tuple[str, ...]:
        """Say where the totals come from (the audit's notes; none before the audit)."""
        return self.audit.notes if self.audit is not None else ()

    @property
    def coverage(self) -> Optional[Coverage]:
        """Say what the audit verified (None before the audit)."""
        return self.audit.coverage if self.audit is not None else None

    def audited_rows(self) -> tuple[RowAudit, ...]:
        """Each row's class and derivation as audited (as printed, without derivation, before)."""
        if self.audit is not None:
            return self.audit.rows
        return tuple(RowAudit(layer.type, layer.type_source) for layer in self.layers)

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
            "layers": [layer.to_dict(row) for layer, row in zip(self.layers, self.audited_rows())],
            "totals": self.totals.to_dict(),
            "sizes": self.totals.sizes(),
            "asides": [{"line": line, "text": text} for line, text in self.asides],
            "coverage": self.coverage.to_dict() if self.coverage is not None else None,
        }


@record_fields
class Report(FrozenRecord):
    """Everything one run found: the summaries read and the findings about them."""

    summaries: tuple[Summary, ...]
    findings: tuple[Finding, ...]

    def __init__(self, summaries: tuple[Summary, ...], findings: tuple[Finding, ...]) -> None:
        _set_fields(
            self,
            "__dict__",
            {
                "summaries": summaries,
                "findings": findings,
            },
        )

    def to_dict(self) -> dict[str, Any]:
        """Return the report exactly as `--format json` prints it."""
        return {
            "summaries": [s.to_dict() for s in self.summaries],
            "findings": [f.to_dict() for f in self.findings],
        }

    @property
    def failed(self) -> bool:
        """Tell whether any finding is an error or a warning."""
        return any(f.severity is not _INFO for f in self.findings)


ShapeList = Union[tuple[Shape, ...], None]
