"""A Keras 3 optimizer's state inside Total params: which optimizer's sum a gap fits."""

from __future__ import annotations

from typing import Optional

from .analysis import Analysis
from .rows import optimizer, split_counts

# Keras 3 optimizer variables: slots per trainable weight, then the fixed counters (iterations,
# and the learning rate where it is a variable).
_OPTIMIZER_STATE = (
    ("Adam, AdamW, Nadam", 2, 2),
    ("Adam, AdamW, Nadam", 2, 1),
    ("SGD with momentum, RMSprop, Adagrad", 1, 2),
    ("SGD with momentum, RMSprop, Adagrad", 1, 1),
)


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
