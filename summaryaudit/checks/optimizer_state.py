"""A Keras 3 optimizer's state inside Total params: which optimizer's sum a gap fits."""

from __future__ import annotations

from typing import Optional

from .analysis import Analysis
from .rows import optimizer, split_counts

# Keras 3 optimizer variables: slots per trainable weight, then the fixed counters (iterations,
# and the learning rate where it is a variable).
# Measured on Keras 3.15 (jax) after one fit step: Adam, AdamW and Adamax 2T + 2, Nadam 2T + 3,
# RMSprop, SGD with momentum, Adagrad and Lion T + 2, plain SGD 2; under a mixed_float16 policy
# (a LossScaleOptimizer around it) Adam, AdamW and Nadam hold 2T + 6 and RMSprop T + 6 (15a's
# 013: slides whose tables dropped the Optimizer line).
_OPTIMIZER_STATE = (
    ("Adam, AdamW, Adamax", 2, 2),
    ("Adam, AdamW, Nadam", 2, 1),
    ("Nadam", 2, 3),
    ("Adam, AdamW or Nadam under mixed precision (a LossScaleOptimizer)", 2, 6),
    ("SGD with momentum, RMSprop, Adagrad, Lion", 1, 2),
    ("SGD with momentum, RMSprop, Adagrad", 1, 1),
    ("RMSprop under mixed precision (a LossScaleOptimizer)", 1, 6),
)
PLAIN_SGD_STATE = 2  # plain SGD, or an optimizer loaded from .h5 before it trains again:
# no value per weight, only its step count and learning rate


def optimizer_state_fit(gap: int, trainable: int) -> Optional[tuple[str, int, int]]:
    """The Keras 3 optimizers whose state is exactly `gap` for this many trainable weights:
    their names, slots per weight and counters (None when no optimizer's sum holds)."""
    if trainable <= 0:
        return None
    for names, per_weight, counters in _OPTIMIZER_STATE:
        if gap == per_weight * trainable + counters:
            return names, per_weight, counters
    return None


def left_out_optimizer_state(analysis: Analysis) -> int:
    """What Total holds beyond Trainable + Non-trainable when that is exactly a Keras 3
    optimizer's state and no Optimizer params line was pasted (0 otherwise)."""
    counts = split_counts(analysis)
    if counts is None or optimizer(analysis.summary):
        return 0
    total, trainable, non_trainable = counts
    gap = total - trainable - non_trainable
    return gap if gap > 0 and optimizer_state_fit(gap, trainable) is not None else 0


def optimizer_note(optimizer_params: int, trainable: int) -> Optional[str]:
    """Say what a printed Optimizer params count holds, when it is a Keras 3 optimizer's state
    for this many trainable weights (None otherwise: a custom optimizer says nothing)."""
    if optimizer_params == PLAIN_SGD_STATE and trainable > 0:
        return (
            f"Optimizer params {optimizer_params}: the optimizer's step count and learning rate, "
            "and no value per trainable weight: what plain SGD keeps, or any optimizer whose "
            "per-weight values are not built (an Adam model loaded from .h5 holds only these two: "
            "the .h5 file did not restore its moment estimates)."
        )
    fit = optimizer_state_fit(optimizer_params, trainable)
    if fit is None:
        return None
    names, per_weight, counters = fit
    if " or " not in names:
        names = " or ".join(names.rsplit(", ", 1))  # `Adam, AdamW or Adamax`
    values = "1 value" if per_weight == 1 else f"{per_weight} values"
    return (
        f"Optimizer params {optimizer_params:,} = {per_weight} × {trainable:,} trainable + "
        f"{counters}: {names} keep {values} per trainable weight, plus {counters} "
        f"variable{'s' if counters > 1 else ''} of their own (such as the step count)."
    )


def built_for_other_weights(
    optimizer_params: int, trainable: int
) -> Optional[tuple[str, int, int, int]]:
    """When Optimizer params is no common Keras 3 optimizer's state for the weights trainable
    now, the reading that fits another number of trainable weights: the optimizers' names, slots
    per weight, counters and that number (Adam's family first; None when none fits)."""
    if (
        trainable <= 0
        or optimizer_params <= PLAIN_SGD_STATE
        or optimizer_state_fit(optimizer_params, trainable) is not None
    ):
        return None
    for names, per_weight, counters in _OPTIMIZER_STATE:
        weights, left = divmod(optimizer_params - counters, per_weight)
        if not left and weights > 0 and weights != trainable:
            return names, per_weight, counters, weights
    return None
