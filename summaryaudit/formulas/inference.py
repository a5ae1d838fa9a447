"""Infer a row's class when the print cut it off: from its name, its place and its count."""

from __future__ import annotations

from typing import Optional

from ..dialects import Era
from ..layer_classes import (
    ELEMENTWISE_MERGES,
    KERAS1_CLASS_NAMES,
    MERGES,
    annotated_class,
    class_in_small_letters,
    class_of_default_name,
    class_of_name_prefix,
    classes_a_cut_word_begins,
    classes_in_name,
    completions,
    misread_class,
    misspelled_class,
    named_in,
    names_its_own_class,
)
from ..memo import input_memo
from ..patterns import lazy
from ..records import FrozenRecord, Shape, record_fields, replace
from .common import (
    KERAS1_ERAS,
    MISMATCH,
    OK,
    UNDECIDABLE,
    UNVERIFIED_STATUS,
    Derivation,
    LayerFacts,
    num,
    ordinary_reading,
)
from .conv import spatial_rank
from .dispatch import FORMULAS, NAME_READING, derive, is_weightless
from .output_shapes import expected_output_problem
from .pruning import PREFIX as PRUNING_PREFIX

# Classes tried when neither the name nor a printed prefix says anything.
_WEIGHTLESS_GUESSES = (
    "Activation", "Add", "Concatenate", "Dropout", "Flatten", "Multiply", "Reshape",
    "MaxPooling{r}D", "AveragePooling{r}D", "GlobalAveragePooling{r}D", "GlobalMaxPooling{r}D",
)  # fmt: skip
_ATTENTION_GUESSES = ("Attention", "AdditiveAttention", "MultiHeadAttention")
_WEIGHTED_GUESSES = (
    "Dense", "Embedding", "BatchNormalization", "LayerNormalization", "LSTM", "GRU",
    "SimpleRNN", "Conv{r}D", "DepthwiseConv{r}D", "SeparableConv{r}D", "Conv{r}DTranspose",
)  # fmt: skip


@record_fields
class Inference(FrozenRecord):
    """What the evidence says a row's class is: one class, or the candidates it leaves open."""

    type: str  # "" when the candidates disagree
    evidence: str  # "its name", "its place in the graph", "its count and shapes", …
    candidates: tuple[str, ...]

    def __init__(self, type: str, evidence: str, candidates: tuple[str, ...] = ()) -> None:
        d = self.__dict__
        d["type"] = type
        d["evidence"] = evidence
        d["candidates"] = candidates


def _rank(facts: LayerFacts) -> Optional[int]:
    for shapes in (facts.output, facts.inputs):
        if shapes and len(shapes[0]) in (3, 4, 5):
            return len(shapes[0]) - 2
    return None


def fits(facts: LayerFacts, cls: str) -> bool:
    """Tell whether a row read as cls gives its count and shapes."""
    return _fits(facts, cls)


def _fits(facts: LayerFacts, cls: str) -> bool:
    """Tell whether a row read as cls gives its count and shapes (its name plays no part, but
    for a wrapper that reads the class it wraps in it: `quant_max_pooling2d`, 45e's 006)."""
    return _fits_unnamed(facts if cls in NAME_READING else facts.unnamed(), cls)


@input_memo(maxsize=4096)
def _fits_unnamed(facts: LayerFacts, cls: str) -> bool:
    out, inp = facts.output, facts.inputs
    if cls == "Embedding" and out and inp and len(out[0]) != len(inp[0]) + 1:
        return False  # an Embedding adds the vector axis to its integer input
    spatial = spatial_rank(cls) if "Conv" in cls and "LSTM" not in cls else None
    if spatial is not None:
        # (batch, spatial…, channels) in and out (45d's 004: (None, 3) in is no Conv1D's)
        axes = spatial + 2
        if (inp and len(inp[0]) != axes) or (out and len(out[0]) != axes):
            return False
    if cls in MERGES and inp and len(inp) == 1 and out and not _merges(cls, inp[0], out[0]):
        return False
    trial = facts.with_type(cls)
    derived = derive(trial)
    if derived.status != OK or not ordinary_reading(derived):
        return False
    return expected_output_problem(trial) is None


def _merges(cls: str, seen: Shape, out: Shape) -> bool:
    """Tell whether a merge could give out from one input seen and others not shown: an
    elementwise merge keeps its shape (an axis of 1 broadcast), a Concatenate changes one axis
    at most (82e's 008: (None, 8, 8, 1024) to (None, 16, 16, 256) is no merge's)."""
    if cls == "Dot":
        return True
    if len(seen) != len(out):
        return False
    differ = sum(
        1 for a, b in zip(seen[1:], out[1:]) if a is not None and b is not None and a not in (b, 1)
    )
    return differ <= (1 if cls == "Concatenate" else 0)


def _with_rank(classes: tuple[str, ...], rank: Optional[int]) -> list[str]:
    if rank is None:
        return [c for c in classes if "{r}" not in c]
    return [c.replace("{r}", str(rank)) for c in classes]


# Keras 1 has one Merge layer where Keras 2 and later have a class per operation.
_KERAS1_MERGE = ("Add", "Average", "Concatenate", "Dot", "Maximum", "Multiply", "Subtract")
_KERAS2_CONV = lazy(r"^Conv([123]D)$")  # Keras 1 calls them Convolution1D/2D/3D


def infer_class(
    facts: LayerFacts,
    printed: str,
    no_inbound: bool,
    one_inbound: bool = False,
    with_inbound: bool = False,
) -> Optional[Inference]:
    """Infer the class of a row whose class the print cut off (None: keep what was completed).

    facts.type is the class completed so far ('' when unknown); printed is what is left of the
    class name; no_inbound tells that a functional table shows no inbound layer for the row,
    one_inbound that it shows one (no merge layer: each takes two inputs or more), with_inbound
    that it shows some (no InputLayer).
    """
    found = _infer(facts, printed, no_inbound, one_inbound, with_inbound)
    if found is not None and facts.era in KERAS1_ERAS:
        if found.type in _KERAS1_MERGE:
            return replace(found, type="Merge")
        if _KERAS2_CONV.match(found.type):
            return replace(found, type=_KERAS2_CONV.sub(r"Convolution\1", found.type))
    return found


# prints that never show a Keras 1 class name (Keras 2.0 renamed or removed each: 78c's 006,
# `(TimeDistributed` in a Keras 2 print is no TimeDistributedDense)
_KERAS2_NAMES_ONLY = (Era.KERAS2, Era.TF2, Era.KERAS3)


@input_memo(maxsize=1024)
def _completions(printed: str) -> tuple[str, ...]:
    return tuple(completions(printed))


def era_completions(printed: str, era: Era) -> list[str]:
    """The known classes a class the print cut may stand for in a print of this era."""
    options = list(_completions(printed))
    if era in _KERAS2_NAMES_ONLY:
        options = [c for c in options if c not in KERAS1_CLASS_NAMES]
    return options


def _input_named_by_hand(
    facts: LayerFacts, options: list[str], no_inbound: bool, with_inbound: bool
) -> bool:
    """Tell whether a row cut to `(Inp` is an input named by hand (85g's 015:
    `input_attention_mask_texta (Inp`, no inbound layer in a table that shows them, or no
    weights in one that does not), not the default name of a class of its own
    (`input_feature_embedding_12 (Inp`, an inbound layer and weights)."""
    return (
        "InputLayer" in options
        and not with_inbound
        and (no_inbound or not facts.params)
        and facts.name.partition("_")[0] == "input"
    )


def _infer(
    facts: LayerFacts, printed: str, no_inbound: bool, one_inbound: bool, with_inbound: bool
) -> Optional[Inference]:
    options = era_completions(printed, facts.era)
    if one_inbound:
        # `avgpool (Avera` on one inbound layer (54c's 008): AveragePooling2D, no Average
        options = [c for c in options if c not in MERGES]
        if facts.type in MERGES:
            facts = facts.with_type("")
    if printed.strip(" .…"):
        # What is left of the class name is evidence too: a prefix of no known class is a
        # custom class (`Biline…` is not UpSampling2D, whatever the layer's name says); so is
        # one the row's default name spells out (`multi_perspective_match_1 (Mult`)
        if not options or (
            names_its_own_class(facts.name, printed.strip(" .…"), options)
            and not _input_named_by_hand(facts, options, no_inbound, with_inbound)
        ):
            return None
        return _from_completions(facts, options)
    default = class_of_default_name(facts.name)
    if default and facts.name == default:
        # the class written in the name cell (83f's 014: a table by hand, `Dense`), which
        # Keras's default name never is (it is `dense`), no InputLayer however it is placed
        # (review 88's item 4: `Conv2D (3x3, 32)` rows, no Connected to column)
        # (86a's 007: not the layer's name, a class where Keras prints a name)
        return Inference(default, "its first cell, which holds a class where a name goes")
    if no_inbound:
        return Inference("InputLayer", "its place in the graph (no inbound layer)")
    if " " in facts.name and (annotated := annotated_class(facts.name)):
        # a retyped table without a class column names the class first and notes after it
        # (`Conv2D, 32 filters, 3x3, ReLU`): Keras's names hold no blank
        return _from_name(facts, [annotated])
    if default:
        return Inference(default, "its default name")
    if facts.name.startswith(PRUNING_PREFIX):
        # `prune_low_magnitude_conv2d (`: the pruning wrapper's name, the layer it wraps after
        # it (31c's 003), not that layer's own row
        return Inference("PruneLowMagnitude", "its name (the pruning wrapper's)")
    named = classes_in_name(facts.name, _rank(facts))
    if named == ["InputLayer"] and (with_inbound or facts.inputs):
        # a row with inbound layers whose name only mentions its input (60d's 002: PointNet's
        # `input_transformation_block_…` Dense, BatchNormalization and Dot rows) is no input
        named = []
    if named and " " in facts.name:
        # a name in words (`Max Pooling`, `1st Fully Connected`) names a class only when the
        # count fits it: words name models and notes too (`VGG16 Convolutional Base`)
        named = [c for c in named if _fits(facts, c)]
    if named:
        return _from_name(facts, named)
    return _from_count(facts)


def _from_completions(facts: LayerFacts, options: list[str]) -> Optional[Inference]:
    if facts.type and _fits(facts, facts.type):
        return None  # the completion fits the count and the shapes
    prefixed = class_of_name_prefix(facts.name)
    if prefixed is not None and prefixed in options and _prefix_decides(facts, prefixed, options):
        # the name is the default one of a completion's (`quant_block_1_expand_BN (Quanti`:
        # tfmot's wrapper, 77c's 010)
        return None if facts.type == prefixed else Inference(prefixed, "its cut class and name")
    options = named_in(options, facts.name) or options
    fitting = [c for c in options if _fits(facts, c)]
    if len(fitting) > 1:
        fitting = _of_the_output_rank(facts, fitting)
    if len(fitting) == 1:
        return Inference(fitting[0], "its cut class name, count and shapes")
    if fitting:
        return Inference("", "its cut class name", tuple(fitting))
    # No completion fits the count: keep the ones the shapes allow, and check the count on them.
    shaped = [c for c in options if _shape_allows(facts, c)]
    if shaped == [facts.type]:
        return None  # the one completion is the class the row already reads (16b's 011)
    if len(shaped) == 1:
        return Inference(shaped[0], "its cut class name and shapes")
    if facts.type and not _some_leave_it_open(facts, shaped):
        return None  # the completed class stands, and its count is checked
    return Inference("", "its cut class name", tuple(shaped)) if shaped else None


def _prefix_decides(facts: LayerFacts, prefixed: str, options: list[str]) -> bool:
    """Tell whether the class a name's prefix gives decides a cut class: its count fits it, or
    fits no other completion and does not refute it (a QKeras `quant_dense (Q` whose count a
    QDense gives is that QDense: the review of trial 77's item 6)."""
    if _fits(facts, prefixed):
        return True
    if any(_fits(facts, c) for c in options if c != prefixed):
        return False
    return derive(facts.with_type(prefixed)).status in _NOT_REFUTED


def _some_leave_it_open(facts: LayerFacts, options: list[str]) -> bool:
    """Tell whether another completion, counted by another formula, does not refute the count
    (77f's 012: `(Quantiz` 10,240 is no QuantizeLayer's 3, but a QuantizeWrapperV2 around an
    unnamed layer may hold it): an error on the class completed first would claim more than the
    print shows. A count every completion refutes stays flagged (`(Add` with weights)."""
    if len({FORMULAS.get(c) for c in options}) <= 1:
        return False
    return any(derive(facts.with_type(c)).status in _NOT_REFUTED for c in options)


_NOT_REFUTED = (UNDECIDABLE, UNVERIFIED_STATUS)


def _of_the_output_rank(facts: LayerFacts, options: list[str]) -> list[str]:
    """The options whose 1D, 2D or 3D the output's spatial axes say (`(None, 1, 1, 512)`:
    AveragePooling2D of the three), when every option names its axes and one output shows."""
    out = facts.output
    if not out or len(out) != 1 or any(spatial_rank(c) is None for c in options):
        return options
    return [c for c in options if spatial_rank(c) == len(out[0]) - 2] or options


def _shape_allows(facts: LayerFacts, cls: str) -> bool:
    return expected_output_problem(facts.with_type(cls)) is None


def _from_name(facts: LayerFacts, named: list[str]) -> Optional[Inference]:
    fitting = [c for c in named if _fits(facts, c)]
    if len(fitting) == 1:
        return Inference(fitting[0], "its name")
    if len(named) == 1 and not fitting and class_of_default_name(facts.name) != named[0]:
        status = derive(facts.with_type(named[0])).status
        if status is UNVERIFIED_STATUS:
            # a class only spelled inside a longer name, whose count it cannot hold and which
            # its formula then calls a namesake's (76a's 004: `attention_sequence_pooling_laye`,
            # 4,433): no class is read from the name (a count its formula flags stays flagged)
            return None
        if status is MISMATCH and facts.params == 0:
            # no weights on a row an author named after the block it ends (82e's 008:
            # `upscale_256_0_conv2d_leakyre`, a LeakyReLU after the block's Conv2D): its count
            # and shapes say what it may be, not the block's class in its name
            return _from_count(facts)
    if len(named) == 1 and not fitting:
        # Another class fitting only by solving an unknown input size is no evidence.
        others = [c for c in _guesses(facts) if c != named[0] and facts.inputs and _fits(facts, c)]
        if not others:
            return Inference(named[0], "its name")  # no class fits: the count is checked as it
        if facts.params and is_weightless(named[0]):
            # a count on the input shown, which no weightless class holds: a layer named after
            # its activation (84c's 011: `decoder_softmax`, 3,341 = 256 × 13 + 13, a Dense)
            return _among(others, "its count and shapes (its name names its activation)")
        return Inference("", "its name", (named[0], *others))
    return Inference("", "its name", tuple(fitting or named))


def _guesses(facts: LayerFacts) -> list[str]:
    return _with_rank(_WEIGHTLESS_GUESSES + _WEIGHTED_GUESSES, _rank(facts))


def _from_count(facts: LayerFacts) -> Optional[Inference]:
    guesses = _guesses(facts)
    if facts.inputs is not None and len(facts.inputs) > 1:
        # two inputs or more: a merge (60d's 002: PointNet's Dot of its points and transform);
        # inputs of other shapes are joined or multiplied as matrices more often than added
        same = len({tuple(shape) for shape in facts.inputs}) == 1
        merges = list(MERGES) if same else ["Concatenate", "Dot", *ELEMENTWISE_MERGES]
        guesses = [*merges, *_ATTENTION_GUESSES]  # (an attention layer takes two or three)
    fitting = [c for c in guesses if _fits(facts, c)]
    if fitting:
        # a class the name's last word begins, cut by the column, first among those the count
        # and shapes allow (82e's 008: `…_conv2d_leakyre`, a LeakyReLU, before Activation, Add …)
        word = classes_a_cut_word_begins(facts.name.rsplit("_", 1)[-1].lower())
        named = [c for c in word if _fits(facts, c)]
        fitting = [*named, *(c for c in fitting if c not in named)]
    if not fitting:
        return None
    if facts.params:
        return _among(fitting, "its count and shapes")
    return Inference("", "its count and shapes", tuple(fitting))  # (no weights decide no class)


def _among(fitting: list[str], why: str) -> Inference:
    """The one class a count and shapes fit, or the candidates they leave."""
    if len(fitting) == 1:
        return Inference(fitting[0], f"{why} (the only common class they fit)")
    return Inference("", why, tuple(fitting))


def shared_derivation(facts: LayerFacts, candidates: tuple[str, ...]) -> Optional[Derivation]:
    """What every candidate class says about the count, although the class stays unknown.

    A count every candidate allows is verified (0 for weightless candidates); a count every
    candidate refutes the same way (12 on a row that can only be weightless) is flagged.
    """
    if not candidates:
        return None
    found = [derive(facts.with_type(c)) for c in candidates]
    if len({d.status for d in found}) != 1 or len({d.expected for d in found}) != 1:
        return None
    if found[0].status == OK and not all(map(ordinary_reading, found)):
        # a fit only with unusual settings verifies nothing: the candidates that fit so are
        # left out, and the others must still agree
        usual = [(c, d) for c, d in zip(candidates, found) if ordinary_reading(d)]
        unusual = [c for c, d in zip(candidates, found) if not ordinary_reading(d)]
        if not usual or named_in(unusual, facts.name):
            return None  # (the row's name points at one: `batch_normalization_long_nam…`)
        candidates, found = tuple(c for c, _ in usual), [d for _, d in usual]
    first = found[0]
    shown = ", ".join(candidates[:4]) + (
        f" and {len(candidates) - 4} more" if len(candidates) > 4 else ""
    )
    if first.status != OK:
        note = (
            f" (the class is cut off or not printed; each class it could be — {shown} — would say "
            "the same)"
        )
        return replace(first, text=first.text + note, message=(first.message or first.text) + note)
    non_trainable = {d.non_trainable for d in found}
    return Derivation(
        OK,
        f"{num(facts.params)}: the class is cut off or not printed; each class it could be "
        f"({shown}) would give {num(first.expected or 0)}",
        None,
        first.expected,
        non_trainable.pop() if len(non_trainable) == 1 else None,
    )


def read_printed_class(printed: str, layer_name: str) -> Optional[Inference]:
    """The known class a printed class cell stands for though no class is spelled so: a class
    with a note after it (`Dense ReLU`), or a misspelling of the class the row's name is of."""
    annotated = annotated_class(printed)
    if annotated and annotated == printed.replace(" ", ""):
        return Inference(annotated, f"its class cell {printed}: the class's words spaced out")
    if annotated:
        note = printed.strip().partition(" ")[2].strip()
        return Inference(
            annotated,
            f"its class cell {printed}: Keras prints the class alone, so {note} reads as a note",
        )
    small = class_in_small_letters(printed)
    if small:
        return Inference(small, f"its class cell {printed}: {small} in small letters")
    misspelt = misspelled_class(printed, layer_name)
    if misspelt:
        return Inference(
            misspelt, f"its default name {layer_name}; no Keras class is spelled {printed}"
        )
    misread = misread_class(printed)
    if misread:
        known, char, meant = misread
        return Inference(
            known,
            f"its class cell {printed}: no Keras class is spelled so; read as {known}, "
            f"whose '{meant}' it shows as '{char}' (a slip of OCR or of typing)",
        )
    return None
