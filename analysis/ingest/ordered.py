"""``map`` on a few threads, results in input order and only a few items ahead.

The fast path's work per chunk is mostly Arrow, numpy and DuckDB kernels, which let go of the GIL:
two chunks built on two threads take little more than one. Items are taken from the iterator on
the caller's thread (the file is read there), and at most ``workers`` are built ahead of the one
the caller is handed, so memory stays bounded however long the file.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


def ordered_map(work: Callable[[Item], Result], items: Iterable[Item], workers: int,
                name: str = "pantau-build") -> Iterator[Result]:
    """``map(work, items)`` with ``workers`` threads. An error raised by ``items`` comes after
    the results of the items before it (as from a plain ``map``); one raised by ``work`` comes
    when its result is due. Closing the iterator early cancels the items not started."""
    pool = ThreadPoolExecutor(max(1, workers), thread_name_prefix=name)
    pending: deque[Future[Result]] = deque()
    source = iter(items)
    try:
        while True:
            try:
                item = next(source)
            except StopIteration:
                break
            except Exception as stopped:  # handed on after the results before it
                while pending:
                    yield pending.popleft().result()
                raise stopped
            pending.append(pool.submit(work, item))
            if len(pending) > workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
