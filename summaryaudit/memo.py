"""Input memos (one entry per distinct cell, row or header text) and the hook that empties them."""

from __future__ import annotations

import functools
from typing import Callable, TypeVar

Function = TypeVar("Function", bound=Callable[..., object])

_CLEARERS: list[Callable[[], object]] = []


def input_memo(maxsize: int = 4096) -> Callable[[Function], Function]:
    """Memoise a pure function of its input with a bounded LRU table that `clear_caches` empties.

    Per-process tables (a grammar's parser, built once per dialect) use `functools.cache` instead:
    they hold no input and are kept between runs, as a CLI process keeps them.
    """

    def decorate(function: Function) -> Function:
        cached = functools.lru_cache(maxsize=maxsize)(function)
        _CLEARERS.append(cached.cache_clear)
        return cached  # type: ignore[return-value]

    return decorate


def clear_caches() -> None:
    """Empty every input memo of the package (benchmarks call it to time cold input)."""
    for clear in _CLEARERS:
        clear()
