"""Pause Python's cycle collector while a book is parsed or turned into questions.

Reading a large book allocates millions of small objects (tokens, tree nodes, items,
candidates, questions) that all stay alive until the book is done. The cycle collector
runs every few hundred allocations and, as the heap grows, walks the whole book again
and again without ever finding garbage: about a third of the time of a 10 MB book.
Reference counting still frees everything that is not in a cycle; the few cycles made
meanwhile (the syntax tree's parent links) are collected once the collector runs again.

The collector is resumed on the way out, also after an error, unless it was already
off when the work started (then whoever turned it off turns it back on). The pause is
the process's, so it is taken only on the main thread (a command, the bot's loader
process): a book read in a worker thread of the bot leaves the collector alone, as the
event loop and other threads go on allocating meanwhile.
"""

from __future__ import annotations

import functools
import gc
import threading
from collections.abc import Callable
from typing import ParamSpec, TypeVar

__all__ = ["without_cycle_collection"]

P = ParamSpec("P")
R = TypeVar("R")


def without_cycle_collection(func: Callable[P, R]) -> Callable[P, R]:
    """``func`` run with the cycle collector paused (see the module docstring)."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        if not gc.isenabled() or threading.current_thread() is not threading.main_thread():
            return func(*args, **kwargs)
        gc.disable()
        try:
            return func(*args, **kwargs)
        finally:
            gc.enable()

    return wrapper
