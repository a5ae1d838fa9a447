"""The Keras generations a summary can come from: one enum for the print format and the era."""

from __future__ import annotations

from enum import Enum


class TextEnum(str, Enum):
    """A string enum that prints as its value everywhere (str(), format(), f-strings)."""

    def __str__(self) -> str:
        return str(self.value)

    def __format__(self, spec: str) -> str:
        return format(str(self.value), spec)


class Dialect(TextEnum):
    """The print format a summary was written in (the `dialect` of the JSON contract)."""

    KERAS1 = "keras1"  # Keras 1.x: `_`/`=` rules, always a Connected to column
    KERAS2 = "keras2"  # Keras 2.0–2.6 and tf.keras ≤ 2.6
    KERAS2_WRAPPED = "keras2-wrapped"  # tf.keras 2.7+ and tf-keras: cells wrap onto more lines
    KERAS3 = "keras3"  # Keras 3 rich boxes

    def described(self) -> str:
        """The print format in a learner's words (48d: `keras2-wrapped` puzzled readers)."""
        return _DESCRIBED[self]


# The print formats of Keras whose merge layers refuse a list of one input (tf.keras 2.9+ and
# Keras 3 take one): a row on one inbound layer there is no merge's
MERGES_TAKE_TWO_INPUTS = frozenset((Dialect.KERAS1, Dialect.KERAS2))

_DESCRIBED = {
    Dialect.KERAS1: "Keras 1 layout",
    Dialect.KERAS2: "Keras 2 layout",
    Dialect.KERAS2_WRAPPED: "tf.keras 2.7+ layout",
    Dialect.KERAS3: "Keras 3 layout",
}


class Era(TextEnum):
    """The finer Keras era that decides version-dependent formulas ('' when it cannot tell)."""

    # Keras 0.3: one totals line, `-` rules, a Graph's outputs printed again (not in Total)
    KERAS0 = "keras0.3"
    KERAS1_0 = "keras1.0"  # Keras 1.0–1.1: one totals line
    KERAS1 = "keras1"
    KERAS2 = "keras2"
    TF2 = "tf2"
    KERAS3 = "keras3"
    UNKNOWN = ""

    @classmethod
    def of_dialect(cls, dialect: Dialect) -> Era:
        """Return the era every print of a dialect belongs to (KERAS2: UNKNOWN, look closer)."""
        return {
            Dialect.KERAS1: cls.KERAS1,
            Dialect.KERAS2: cls.UNKNOWN,
            Dialect.KERAS2_WRAPPED: cls.TF2,
            Dialect.KERAS3: cls.KERAS3,
        }[dialect]


# The eras whose rows count trainable weights only (Keras 0.3's and 1.0–1.1's count_params), and
# print Total alone
TRAINABLE_COUNT_ERAS = (Era.KERAS0, Era.KERAS1_0)

DIALECTS = tuple(d.value for d in Dialect)
