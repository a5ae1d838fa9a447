"""The registry of finding codes: name, severity, one-line meaning and full documentation.

Codes never change meaning. Families by hundreds:
SA0xx reading the input · SA1xx one layer's count · SA2xx the totals · SA3xx shapes ·
SA4xx the graph (Connected to) · SA9xx limits of the tool.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Optional

from .records import FrozenRecord, Severity, record_fields


@record_fields
class Rule(FrozenRecord):
    """What one finding code means, and how to explain it to a user."""

    code: str
    name: str
    severity: Severity
    summary: str
    why: str
    example: str
    lowered: Optional[Severity]
    lowered_when: str

    def __init__(
        self,
        code: str,
        name: str,
        severity: Severity,
        summary: str,
        why: str,
        example: str,
        lowered: Optional[Severity] = None,
        lowered_when: str = "",
    ) -> None:
        d = self.__dict__
        d["code"] = code
        d["name"] = name
        d["severity"] = severity
        d["summary"] = summary
        d["why"] = why
        d["example"] = example.strip("\n")  # (written between triple quotes)
        d["lowered"] = lowered
        d["lowered_when"] = lowered_when

    def allows(self, severity: Severity) -> bool:
        """Whether a finding of this code may carry this severity."""
        return severity is self.severity or severity is self.lowered

    def severities(self) -> str:
        """The severity as the rules table shows it: `warning`, or `warning or info`."""
        if self.lowered is None:
            return self.severity.value
        return f"{self.severity.value} or {self.lowered.value}"


RULES: dict[str, Rule] = {}


def _register(rule: Rule) -> None:
    """Add a rule to the registry: its code and name well formed, its code new."""
    assert re.fullmatch(r"SA\d{3}", rule.code)
    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", rule.name)
    assert rule.code not in RULES
    assert (rule.lowered is None) == (not rule.lowered_when)
    RULES[rule.code] = rule


_register(
    Rule(
        "SA001",
        "unreadable-row",
        Severity.WARNING,
        "A row or totals line of a summary could not be read; the rest of the summary still is.",
        "The paste lost characters (a cut line, placeholders such as XXX, text typed over the "
        "table), so this line's numbers are unknown and every check that needs them is skipped.",
        """
 dense (Dense)               (None, 10)                XXX
Total params: XXX,XXX
""",
    )
)
_register(
    Rule(
        "SA002",
        "no-summary",
        Severity.WARNING,
        "The input (stdin or a file named on the command line) holds no Keras model.summary().",
        "Nothing was audited. The text may be a different tool's table (torchsummary, paddle), "
        "or the summary was pasted as an image.",
        "Epoch 1/10 ... loss: 0.3 (a training log without model.summary())",
    )
)
_register(
    Rule(
        "SA003",
        "incomplete-summary",
        Severity.WARNING,
        "A summary is missing a part: a table without totals (or with some totals lines cut off), "
        "totals without a table, a header and totals with no row read between them, a title the "
        "paste ends after, or columns that a narrow terminal cropped.",
        "The totals or some columns cannot be checked. Keras 3 crops a table wider than the "
        "terminal (set COLUMNS or pass a smaller line_length); pastes often stop before the "
        "totals. "
        "Rows pasted from the middle of a table (no header, no totals) are an excerpt, not a "
        "mistake: their rows are checked and the finding is an info.",
        """
│ dense (Dense)                                       │ (None, 4)
└─────────────────────────────────────────────────────┴──────────
""",
        lowered=Severity.INFO,
        lowered_when=(
            "the paste shows an excerpt as such: rows from the middle of a table without its "
            "totals, "
            "a header over rows marked as left out (`...`), or rows with a `...` under the "
            "last one shown; or it leaves out only the "
            "Non-trainable params line, which Total − Trainable gives as the rows agree"
        ),
    )
)
_register(
    Rule(
        "SA010",
        "unused-suppression",
        Severity.WARNING,
        "A `summaryaudit: ignore` directive suppressed no finding (reported with --report-unused).",
        "A directive that covers nothing hides nothing today but would hide a real mistake "
        "tomorrow, or it sits on the wrong line (it covers the summary starting on the next line, "
        "or the row it ends). Remove it or move it; it may also name a code that does not exist.",
        """
<!-- summaryaudit: ignore SA102 -->   <- the summary below has no SA102 finding
Model: "sequential"
""",
    )
)
_register(
    Rule(
        "SA101",
        "layer-params",
        Severity.ERROR,
        "A row's Param # cannot come from its layer type with the shapes the summary shows.",
        "Every layer type has a fixed formula (Dense: inputs × units + units). A count no valid "
        "configuration can give was edited, belongs to another layer, or the shapes were misread. "
        "This includes convolutions with no whole-number kernel size, embeddings with no "
        "whole-number vocabulary, and a nested Sequential or Functional row that counts more than "
        "the rows printed inside it.",
        """
 dense (Dense)               (None, 512)               2097665   <- 4,096 × 512 + 512 = 2,097,664
""",
        lowered=Severity.WARNING,
        lowered_when=(
            "the table prints no Connected to column and the count adds up on the output of a "
            "row further up: a second head the table reads as a chain"
        ),
    )
)
_register(
    Rule(
        "SA102",
        "bn-axis",
        Severity.WARNING,
        "A BatchNormalization count is 4× (3×/2× with center or scale off) the size of an axis "
        "other than the channel axis.",
        "BatchNormalization keeps gamma, beta, moving mean and moving variance for every position "
        "of the axis it normalises. A count of 4 × height means it normalised the height: it was "
        "built with axis=1 (or axis=-3) on channels-last data, or kept axis=-1 on channels-first "
        "data. The model trains, but normalises the wrong thing.",
        """
 conv2d (Conv2D)             (None, 64, 64, 32)        4736
 batch_normalization (Batch  (None, 64, 64, 32)        256   <- 4 × 64 (height), expected 4 × 32
""",
    )
)
_register(
    Rule(
        "SA103",
        "weightless-layer-params",
        Severity.ERROR,
        "A layer type that has no weights (pooling, Flatten, Reshape, Dropout, activations, "
        "merges, padding, InputLayer, …) shows a non-zero count.",
        "These layers compute their output from the input alone; Keras counts 0 for them. A count "
        "there was typed or edited, or belongs to the neighbouring row.",
        """
 max_pooling2d (MaxPooling2D)  (None, 13, 13, 32)      12
""",
        lowered=Severity.WARNING,
        lowered_when=(
            "the print shows no class and the class was read from an author's layer name alone "
            "(a Dense named `decoder_softmax` is no Softmax)"
        ),
    )
)
_register(
    Rule(
        "SA201",
        "total-vs-rows",
        Severity.ERROR,
        "Total params differs from the sum of the rows (minus optimizer state), where the rows are "
        "the whole model.",
        "Keras counts every weight once. A model.summary(layer_range=...) print is recognised "
        "from the evidence (its first row is connected to rows not printed, or every row is "
        "verified, the totals agree among themselves and the layer numbering has no gap) and "
        "reported as an info; weights shared by two nested models are allowed for. With elided or "
        "unreadable rows only Total ≥ the rows read is checked. A Total an author gave rounded "
        "and marked so (`~1.3M`) is checked to its precision. A Keras 2 print whose Total is "
        "short of the rows by exactly the weights of whole layers, with Trainable + Non-trainable "
        "= Total, is what Keras 2 itself prints for layers frozen at compile() and made trainable "
        "afterwards; one whose Total is above the rows by exactly the weights of whole layers, "
        "with Non-trainable = those layers, is what it prints for layers frozen after compile() "
        "(counted in both Trainable and Non-trainable); a row that reuses another row's weights "
        "(tied embeddings) shows them without adding to Total. Each is reported as an info that "
        "says so, and that an edit would look the same, and the verdict then says the counts do "
        "not all add up as printed. Otherwise a row or the total was edited. Where the paste "
        "left the Total line out, Trainable + Non-trainable stand in for it (they add up to "
        "Total in every print).",
        """
 dense (Dense)    (None, 4)   16
 dense_1 (Dense)  (None, 1)   5
Total params: 22
""",
        lowered=Severity.INFO,
        lowered_when=(
            "Keras itself prints such totals: a Keras 2 model with layers frozen or unfrozen after "
            "compile(), a layer that reuses another's weights, or a model.summary(layer_range=...) "
            "print; the message says which, and that an edit would look the same"
        ),
    )
)
_register(
    Rule(
        "SA202",
        "total-vs-split",
        Severity.ERROR,
        "Trainable + Non-trainable (+ Optimizer) params differs from Total params.",
        "Keras prints Total as the sum of the trainable, non-trainable and (Keras 3, once the "
        "optimizer is built) optimizer counts. A gap means a line was edited or left out — often "
        "the Keras 3 `Optimizer params` line.",
        """
Total params: 33,370,247
Trainable params: 11,093,290
Non-trainable params: 90,375
""",
        lowered=Severity.WARNING,
        lowered_when="a totals line was left out of the paste rather than shown wrong",
    )
)
_register(
    Rule(
        "SA203",
        "non-trainable-vs-bn",
        Severity.WARNING,
        "Non-trainable params differs from the non-trainable weights the rows imply (half of each "
        "BatchNormalization, the Normalization layer's mean, variance and count, …).",
        "Without frozen layers, the only non-trainable weights are BatchNormalization's moving "
        "mean and variance and a few preprocessing statistics. Frozen layers are searched exactly "
        "(the rows the Trainable column marks N, one layer, a whole nested model, a run of "
        "consecutive layers, then any set); when a set explains the difference an info finding "
        "names it, otherwise the warning says which sets were tried. With elided, unreadable or "
        "unverified rows, Non-trainable must still hold the moving statistics of every visible "
        "BatchNormalization, nested ones included.",
        """
 batch_normalization (BatchNormalization)  (None, 512)  2048
Non-trainable params: 1,000          <- expected 1,024 = 2 × 512
""",
        lowered=Severity.INFO,
        lowered_when="a set of frozen layers explains the difference; the message names it",
    )
)
_register(
    Rule(
        "SA204",
        "size-vs-params",
        Severity.WARNING,
        "A printed size such as `(8.17 MB)` disagrees with the count and any dtype width, with "
        "the other lines' sizes, or has lost its unit.",
        "Keras prints bytes = count × dtype width (4 for float32, 2 for float16, 1 for int8), and "
        "the Total's size is the sum of the other lines' (the same weights' bytes). A size no "
        "width explains, a Total's size off that sum, or a size without a unit means the count "
        "or the size was edited.",
        "Total params: 2,140,752 (1.00 MB)   <- 2,140,752 × 4 bytes = 8.17 MB",
    )
)
_register(
    Rule(
        "SA205",
        "optimizer-for-other-weights",
        Severity.INFO,
        "Keras 3's Optimizer params is no common optimizer's state for the weights trainable now, "
        "but fits it for another number of trainable weights.",
        "Keras 3 builds an optimizer's variables at the first fit() for the weights trainable then "
        "(Adam keeps 2 per weight plus 2 counters). Freezing or unfreezing layers afterwards "
        "leaves "
        "the printed state sized for the old set, and the next fit() raises ValueError until "
        "compile() is called again.",
        """ Trainable params: 450 (1.76 KB)
 Optimizer params: 70 (280.00 B)   <- 2 × 34 + 2: Adam's state for 34 weights, not 450""",
    )
)
_register(
    Rule(
        "SA206",
        "lone-split-vs-rows",
        Severity.ERROR,
        "Trainable (or Non-trainable) params, printed without Total and the other line, is more "
        "than the rows can hold of it.",
        "Keras prints all three totals lines; a paste that keeps only Trainable params still "
        "says something: trainable weights are some of the weights the rows count, and never "
        "BatchNormalization's moving mean and variance, so Trainable is at most the sum of the "
        "rows less those statistics (Non-trainable, alone, at most the sum of the rows). Less "
        "than that may be frozen layers, and is only bounded.",
        """
 dense (Dense)  (None, 10)  7,850
Trainable params: 8,000   <- the rows hold only 7,850""",
        lowered=Severity.INFO,
        lowered_when="the rows may be a layer_range print's (every row verified, no numbering gap)",
    )
)
_register(
    Rule(
        "SA301",
        "shape-chain",
        Severity.WARNING,
        "An output shape cannot follow from the layer type and its input shape.",
        "Flatten multiplies the input's dimensions, Dense replaces only the last one, pooling "
        "shrinks the spatial ones, merges need matching shapes, and a recurrent layer takes "
        "(batch, steps, features) inputs only. A shape that breaks this was edited, a row was "
        "left out, or the rows were pasted out of order.",
        """
 max_pooling2d (MaxPooling2D)  (None, 13, 13, 32)  0
 flatten (Flatten)             (None, 5000)        0   <- 13 × 13 × 32 = 5,408
""",
    )
)
_register(
    Rule(
        "SA401",
        "unknown-inbound",
        Severity.WARNING,
        "Connected to names a layer that is not in the table.",
        "Every inbound layer of a functional model is printed as its own row. A missing one means "
        "rows were lost from the paste or a name was mistyped; where the paste itself says `...` "
        "it is an info. Keras 1 names the last layer inside a nested Sequential, and layer_range "
        "prints leave inbound rows out: neither is flagged. A row connected only to itself names "
        "no layer that could feed its first call: that mistyped name is flagged too.",
        " dense_2 (Dense)  (None, 1)  65  ['dense_9[0][0]']   <- no row named dense_9",
        lowered=Severity.INFO,
        lowered_when=(
            "the name is among rows the paste left out, or Connected to says its inputs in words"
        ),
    )
)
_register(
    Rule(
        "SA402",
        "duplicate-layer-name",
        Severity.WARNING,
        "Two rows of one model have the same name.",
        "Keras names every layer of a model uniquely (`dense`, `dense_1`, …) and prints each layer "
        "once, however often it is called: two rows with one name at the same level come from a "
        "row pasted twice or a table edited or typed by hand. Names the column may have cut, and "
        "layers inside two different nested models, are not compared.",
        " decoder (Functional)  (None, 5)  15\n"
        " decoder (Functional)  (None, 5)  0   <- printed twice",
        lowered=Severity.INFO,
        lowered_when=(
            "the rows are one nested model printed alike, at the top of a table without a "
            "Connected to column (a subclassed model may hold a network and its clone)"
        ),
    )
)
_register(
    Rule(
        "SA901",
        "unverified-layer",
        Severity.INFO,
        "A layer type has no formula in summaryaudit (custom layers); its count is not verified.",
        "The count is taken as printed and still enters the totals checks. Knowing the layer's "
        "code is the only way to verify it.",
        " my_block (ResidualBlock)  (None, 32)  9248",
    )
)


def rule(code: str) -> Rule:
    """Return the rule of a code (KeyError for an unknown code)."""
    return RULES[code]


def is_selected(code: str, select: Iterable[str] = (), ignore: Iterable[str] = ()) -> bool:
    """Tell whether a code is reported under --select / --ignore prefixes (longest prefix wins)."""
    select = [s.strip().upper() for s in select if s.strip()]
    ignore = [s.strip().upper() for s in ignore if s.strip()]
    best_select = max((len(s) for s in select if code.startswith(s)), default=-1)
    best_ignore = max((len(s) for s in ignore if code.startswith(s)), default=-1)
    if select and best_select < 0:
        return False
    return best_ignore < 0 or best_select >= best_ignore


def validate_prefixes(prefixes: Iterable[str]) -> list[str]:
    """Return the prefixes that match no known code (for a usage error)."""
    return [
        p for p in prefixes if p.strip() and not any(c.startswith(p.strip().upper()) for c in RULES)
    ]
