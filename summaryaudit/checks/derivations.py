"""Each row's derivation, shared by the rows that differ only by their name."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Optional

from .. import formulas
from ..dialects import Era
from ..formulas import inference
from ..formulas.common import UNDECIDABLE, UNVERIFIED_STATUS
from ..formulas.conv import OUTPUT_MULTIPLE, OUTPUT_NOT_SHOWN
from ..layer_classes import (
    WRAPPERS_OF_ANY_CLASS,
    class_of_own_name,
    name_stem,
    names_a_range,
    names_its_own_class,
    snake_case,
)
from ..memo import input_memo
from ..records import Layer, replace

_NAME = "\x00"  # stands for a row's name in a derivation shared by rows differing only by it


@input_memo(maxsize=8192)
def _derive_facts(facts: formulas.LayerFacts) -> tuple[formulas.Derivation, bool]:
    """One row's derivation, memoised by the facts it depends on, and whether its texts hold
    the name's stand-in (worked out once, not for every row that shares the derivation)."""
    derived = formulas.derive(facts)
    message = derived.message
    return derived, _NAME in derived.text or (message is not None and _NAME in message)


def _derive(facts: formulas.LayerFacts) -> formulas.Derivation:
    """One row's derivation; rows that differ only by their name share one (the formulas read
    the name only to print it), with the name written into its texts."""
    name = facts.name
    if (
        not name
        or _NAME in name
        or facts.type in formulas.NAME_READING
        or formulas.NAME_READING_PIECE in name
    ):
        # an empty name prints as the class: no stand-in; a formula that reads the name
        # derives each row by its own
        return _derive_facts(facts)[0]
    shared, named = _derive_facts(tuple.__new__(formulas.LayerFacts, (_NAME, *facts[1:])))
    if not named:
        return shared
    text, message = shared.text, shared.message
    return formulas.Derivation(
        shared.status,
        text.replace(_NAME, name),
        message.replace(_NAME, name) if message is not None else None,
        shared.expected,
        shared.non_trainable,
        shared.solved_input,
        shared.solved,
    )


def derive_row(
    layer: Layer, fact: formulas.LayerFacts, guess: Optional[inference.Inference]
) -> formulas.Derivation:
    """Derive a row read as the audit reads it (its class inferred where the print cut it)."""
    derived = _as_printed(layer, _derive_inferred(fact, guess), fact.era)
    if layer.type not in WRAPPERS_OF_ANY_CLASS:
        return derived
    # (a wrapper whose layer's class is left open: its class is printed, the wrapped one not)
    said = f"the {layer.type} does not say the class of the layer it wraps"
    return replace(
        derived,
        text=derived.text.replace(_CLASS_NOT_SHOWN, said),
        message=derived.message.replace(_CLASS_NOT_SHOWN, said) if derived.message else None,
    )


_CLASS_NOT_SHOWN = "the class is cut off or not printed"


def derive_rows(
    layers: Sequence[Layer],
    facts: Sequence[formulas.LayerFacts],
    guesses: Mapping[int, inference.Inference],
    no_weights: tuple[str, ...],
) -> tuple[Optional[formulas.Derivation], ...]:
    """Derive every row (None for a row without a count, or whose note says it has no weights);
    the same as derive_row row by row, with the common case (no guess) inlined."""
    derived: list[Optional[formulas.Derivation]] = []
    append, make, facts_type = derived.append, tuple.__new__, formulas.LayerFacts
    name_reading, name_piece = formulas.NAME_READING, formulas.NAME_READING_PIECE
    for i, (layer, fact) in enumerate(zip(layers, facts)):
        if layer.params is None or layer.params_note in no_weights:
            append(None)
            continue
        if guesses and i in guesses:
            append(derive_row(layer, fact, guesses[i]))
            continue
        name = fact.name
        if name and _NAME not in name and fact.type not in name_reading and name_piece not in name:
            # _derive's shared look-up, without the call
            found, named = _derive_facts(make(facts_type, (_NAME, *fact[1:])))
            if named:
                found = _derive(fact)
        else:
            found = _derive(fact)
        status = found.status
        if status is UNVERIFIED_STATUS or status is UNDECIDABLE:
            found = _as_printed(layer, found, fact.era)  # (a verified row, the common case, not)
        append(found)
    return tuple(derived)


def _as_printed(layer: Layer, derived: formulas.Derivation, era: Era) -> formulas.Derivation:
    """A derivation in the words of the row as printed: a class the column cut is said to be
    cut (`_cut_class_said`), a shape printed `multiple` is said to be no shape at all (49b's
    005), not one a column cut."""
    status = derived.status
    if status is UNVERIFIED_STATUS:
        return _cut_class_said(layer, derived, era)
    if status is not UNDECIDABLE or layer.output_shape != "multiple":
        return derived
    text = derived.text.replace(OUTPUT_NOT_SHOWN, OUTPUT_MULTIPLE)
    return derived if text == derived.text else replace(derived, text=text)


def _derive_inferred(
    fact: formulas.LayerFacts, guess: Optional[inference.Inference]
) -> formulas.Derivation:
    """Derive a row; a class the audit inferred or left open says so in its derivation."""
    if guess is None:
        return _derive(fact)
    if not guess.type:
        shared = inference.shared_derivation(fact, guess.candidates)
        return shared if shared is not None else _derive(fact)
    derived = _derive(fact)
    note = f" (class {guess.type} inferred from {guess.evidence})"
    return replace(
        derived,
        text=derived.text + note,
        message=derived.message + note if derived.message else None,
    )


def _cut_class_said(layer: Layer, derived: formulas.Derivation, era: Era) -> formulas.Derivation:
    """Say that a class without a formula (an unverified derivation) is only the start of a
    class the column cut (`CausalAtrou` of CausalAtrousConvolution1D), not a class of that
    name."""
    if not layer.type and names_a_range(layer.name):
        return formulas.Derivation(
            UNDECIDABLE,
            f"{layer.params or 0:,}: {layer.name} stands for several layers in one row, so no "
            "one layer's formula applies; its count is checked only through the totals",
            None,
            None,
            None,
        )
    if not layer.type and "type" in layer.truncated and layer.printed_type.rstrip("…"):
        return _open_cut_said(layer, derived, era)
    if "type" not in layer.truncated or not layer.type or formulas.has_formula(layer.type):
        return derived  # (a completed class's namesake: its own derivation says why)
    if not layer.printed_type:
        return _sibling_class_said(layer, derived)
    cut, count = layer.type, f"{layer.params or 0:,}"
    shown = layer.printed_type.rstrip("…")
    said = f"the class was {_cut_how(layer, era)} to {_characters(len(cut))} ({cut}…)"
    if shown != cut:
        # the longer cut of the row this name is numbered from (52a's 006)
        said = (
            f"the class was {_cut_how(layer, era)} to {_characters(len(shown))} ({shown}…), "
            f"and to {cut}… on the row its name is numbered from"
        )
    own = _own_class_said(layer.name, cut, era)
    if own:
        return replace(
            derived,
            text=f"{count}: {said}; {own}: no formula for it, so this count is not checked",
            message=f"in {layer.name}, {said}; {own}: summaryaudit has no formula for it, so "
            f"its count of {count} is not checked",
        )
    return replace(
        derived,
        text=f"{count}: {said}; no formula for a class starting with {cut}, so this count is "
        "not checked",
        message=f"in {layer.name}, {said}: summaryaudit has no formula for a class starting "
        f"with {cut}, so its count of {count} is not checked",
    )


def _own_class_said(name: str, cut: str, era: Era) -> str:
    """Why a cut class some known classes start is none of them: the row's name is the default
    name of a class of its own (81b's 008: `normalization2d_1 (Normaliza` is kapre's
    Normalization2D, not Keras's Normalization); '' when no known class starts so."""
    known = inference.era_completions(cut, era)
    own = class_of_own_name(name)
    if not known or own is None or not names_its_own_class(name, cut, known):
        return ""
    if len(known) == 1:
        return f"its name is the default name of {own}, a class of its own, not {known[0]}"
    which = ", ".join(known[:3]) + (f" and {len(known) - 3} more" if len(known) > 3 else "")
    return (
        f"its name is the default name of {own}, a class of its own, none of the known classes "
        f"starting with {cut} ({which})"
    )


def _open_cut_said(layer: Layer, derived: formulas.Derivation, era: Era) -> formulas.Derivation:
    """Say which known classes a cut class left open could be (`Quantiz…`: QuantizeLayer,
    QuantizeWrapperV2), where the audit could not tell which (77f's 012)."""
    shown = layer.printed_type.rstrip("…")
    known = inference.era_completions(shown, era)  # (no Keras 1 class in a later print)
    if len(known) < 2:
        return derived
    could = ", ".join(known[:4]) + (f" and {len(known) - 4} more" if len(known) > 4 else "")
    count = f"{layer.params or 0:,}"
    said = (
        f"the class was {_cut_how(layer, era)} to {_characters(len(shown))} ({shown}…), which "
        "may "
        f"be {could}, or a class of its own"
    )
    return replace(
        derived,
        text=f"{count}: {said}; no one formula applies, so this count is not checked",
        message=f"in {layer.name}, {said}: no one formula applies, so its count of {count} is "
        "not checked",
    )


def _cut_how(layer: Layer, era: Era) -> str:
    """How a row's class came to be cut: by its column, or shortened by the paste's author."""
    if layer.class_shortened_in_the_paste(keras3=era is Era.KERAS3):
        return "shortened in the paste"
    return "cut by the column"


def _characters(count: int) -> str:
    return f"{count} character" if count == 1 else f"{count} characters"


def _sibling_class_said(layer: Layer, derived: formulas.Derivation) -> formulas.Derivation:
    """Say that a row showing no class has the class another row prints, by its default name,
    or the class of its own the column cut on the row its name is numbered from."""
    if snake_case(layer.type) == name_stem(layer.name):
        said = (
            f"{layer.name} shows no class; its name is the default name of {layer.type}, the "
            "class another row prints"
        )
    else:
        said = (
            f"{layer.name} shows no class; its name is numbered from another row's, whose "
            f"class the column cut to {layer.type}…"
        )
    count = f"{layer.params or 0:,}"
    return replace(
        derived,
        text=f"{count}: {said}; no formula for {layer.type}, so this count is not checked",
        message=f"{said}, and summaryaudit has no formula for {layer.type}, so its count of "
        f"{count} is not checked",
    )
