"""Keras 3 LoRA adapters on a Dense: the rank a count implies, for the audit and the rebuild."""

from __future__ import annotations


def lora_rank(p: int, d: int, u: int) -> tuple[int, int] | None:
    """The rank r and bias size of a Keras 3 Dense with LoRA enabled that holds p weights on d
    inputs and u units (d·u + bias + r·(d + u)), or None. An adapter holds fewer weights than
    the kernel it adapts (else it saves nothing), which bounds r."""
    for bias in (u, 0):
        extra = p - d * u - bias
        if extra > 0 and extra % (d + u) == 0 and adapter_fits(extra // (d + u), d, u):
            return extra // (d + u), bias
    return None


def adapter_fits(r: int, d: int, u: int) -> bool:
    """Tell whether a rank-r adapter on d inputs and u units holds fewer weights than the
    kernel it adapts (r·(d + u) < d·u), as any LoRA worth its name does."""
    return r * (d + u) < d * u


__all__ = ["adapter_fits", "lora_rank"]
