"""Keras 3 LoRA adapters on a Dense: the rank a count implies, for the audit and the rebuild."""

from __future__ import annotations


def lora_rank(p: int, d: int, u: int) -> tuple[int, int] | None:
    """The rank r and bias size of a Keras 3 Dense with LoRA enabled that holds p weights on d
    inputs and u units (d·u + bias + r·(d + u)), or None. An adapter holds fewer weights than
    the kernel it adapts (else it saves nothing), which bounds r."""
    for bias in (u, 0):
        extra = p - d * u - bias
        if 0 < extra < d * u and extra % (d + u) == 0:
            return extra // (d + u), bias
    return None


__all__ = ["lora_rank"]
