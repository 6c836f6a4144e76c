"""An event loop whose host name lookups cannot keep a finished command alive.

asyncio looks host names up with ``socket.getaddrinfo`` in its default thread pool,
and a process waits for that pool's threads before it exits. With DNS offline or
unreachable a lookup can hang for a minute or more, long after the connect timeout
gave up on it and the command printed its one-line error. Here each lookup runs in a
daemon thread of its own: a lookup that is no longer awaited is simply abandoned.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import sys
import threading
from typing import Any

__all__ = ["LookupSafePolicy"]


def _settle(future: asyncio.Future[Any], result: Any, error: BaseException | None) -> None:
    if future.done():  # given up on (a timeout cancelled the wait)
        return
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(result)


class _LookupSafeLoop(asyncio.SelectorEventLoop):
    """A selector loop that looks host names up in daemon threads."""

    async def getaddrinfo(  # type: ignore[override]
        self,
        host: bytes | str | None,
        port: bytes | str | int | None,
        *,
        family: int = 0,
        type: int = 0,
        proto: int = 0,
        flags: int = 0,
    ) -> list[Any]:
        future: asyncio.Future[list[Any]] = self.create_future()

        def look_up() -> None:
            try:
                result, error = socket.getaddrinfo(host, port, family, type, proto, flags), None
            except BaseException as exc:  # handed to the awaiting task
                result, error = None, exc
            # once the loop has closed nobody waits any more
            with contextlib.suppress(RuntimeError):
                self.call_soon_threadsafe(_settle, future, result, error)

        threading.Thread(target=look_up, name="getaddrinfo", daemon=True).start()
        return await future


class LookupSafePolicy(asyncio.DefaultEventLoopPolicy):
    """The default policy, with loops whose lookups never delay the process's exit."""

    def new_event_loop(self) -> asyncio.AbstractEventLoop:
        if sys.platform == "win32":  # keep the proactor loop (subprocesses need it)
            return super().new_event_loop()
        return _LookupSafeLoop()
