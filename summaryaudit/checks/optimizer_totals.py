"""SA205: Keras 3's Optimizer params against the weights trainable now."""

from __future__ import annotations

from collections.abc import Iterator

from ..records import Finding, Severity, Totals
from .analysis import Analysis
from .optimizer_state import built_for_other_weights
from .registry import check, finding
from .rows import top_rows


@check("SA205")
def optimizer_vs_trainable(analysis: Analysis) -> Iterator[Finding]:
    """Keras 3's Optimizer params against the weights trainable now (25d's 014)."""
    totals = analysis.summary.totals
    state, trainable = Totals.value_of(totals.optimizer), Totals.value_of(totals.trainable)
    if not state or not trainable or totals.optimizer is None:
        return
    reading = built_for_other_weights(state, trainable)
    if reading is None:
        return
    names, per_weight, counters, weights = reading
    names = " or ".join(names.rsplit(", ", 1)) if " or " not in names else names
    slots = f"{per_weight} × {weights:,}" if per_weight > 1 else f"{weights:,}"
    now = f"{per_weight} × {trainable:,}" if per_weight > 1 else f"{trainable:,}"
    rows = [layer.name for layer in top_rows(analysis) if layer.params == weights]
    which = f", exactly {rows[0]}'s count" if len(rows) == 1 else ""
    yield finding(
        analysis,
        "SA205",
        f"Optimizer params {state:,} is not what {names} keep for the {trainable:,} weights "
        f"trainable now ({now} + {counters} = {per_weight * trainable + counters:,}), but it "
        f"is {slots} + {counters}: their state for {weights:,} trainable weights{which}. If that "
        "is the optimizer, it was built by a fit() while that many weights were trainable, and "
        "layers were frozen or unfrozen since: Keras 3 then raises ValueError in the next fit() "
        "until compile() is called again (another optimizer, such as Adafactor, keeps other "
        "sums)",
        totals.optimizer.line,
        severity=Severity.INFO,
    )
