"""Work shared out among worker processes, one per core, for runs over many files.

Generic: :func:`run_in_parallel` knows nothing of plans. Each worker process is
started once with ``initializer(*initargs)`` (to keep state, such as loaded
registries, for all the items it is given) and is then handed batches of items;
``work(batch)`` returns one result per item. Results come back in the order of
the items, as if the work were done one item after another.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence, TypeVar

Item = TypeVar("Item")

# Below this much work, starting worker processes costs more than it saves.
PARALLEL_MIN_FILES = 8
PARALLEL_MIN_BYTES = 1_000_000
_MAX_BATCH = 16


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def jobs_for(requested: int | None, paths: Sequence[Path]) -> int:
    """How many worker processes to use for ``paths``: as requested, but never more than the cores or the
    files; when not requested, one per core if there are enough files and bytes to be worth it, else one."""
    available = cores()
    if requested is not None:  # never more workers than cores or files: -j 10000 would only thrash
        return max(1, min(requested, len(paths), available))
    if available < 2 or len(paths) < PARALLEL_MIN_FILES:
        return 1
    size = 0
    for path in paths:
        try:
            size += path.stat().st_size
        except (OSError, ValueError):  # reading the file reports why
            pass
        if size >= PARALLEL_MIN_BYTES:
            return min(available, len(paths))
    return 1


def batches(items: Sequence[Item], jobs: int) -> list[list[Item]]:
    """``items`` in batches small enough to keep every worker busy to the end, large enough to be cheap."""
    size = max(1, min(_MAX_BATCH, len(items) // (jobs * 8)))
    return [list(items[start:start + size]) for start in range(0, len(items), size)]


def run_in_parallel(items: Sequence[Item], initializer: Callable[..., None], initargs: tuple,
                    work: Callable[[list[Item]], Iterable[Any]], jobs: int,
                    receive: Callable[[Any], Any] | None = None) -> list[Any]:
    """``work`` over ``items`` in ``jobs`` worker processes; one result per item, in the items' order.

    ``receive``, when given, is applied here to each result as soon as it arrives, in order, while the workers
    go on with the rest; its answers are returned instead.
    ``initializer`` and ``work`` must be module-level functions (they are sent to the workers by name).
    Raises OSError, ImportError or RuntimeError when processes cannot be started here (a sandbox, a broken
    pool); the caller then does the work itself.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork starts a worker in milliseconds with everything imported; it is only safe with one thread.
    method = "fork" if ("fork" in multiprocessing.get_all_start_methods()
                        and threading.active_count() == 1) else None
    context = multiprocessing.get_context(method)
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=initializer, initargs=initargs) as pool:
        return [receive(result) if receive is not None else result
                for batch in pool.map(work, batches(items, jobs)) for result in batch]


class TwoEnds:
    """The positions of a list shared out between two forked processes, one taking from each end, one at a
    time, so that each position is taken exactly once. Create it before the fork: its counts are in shared
    memory. Raises OSError or ImportError where there is no shared memory (a sandbox)."""

    def __init__(self) -> None:
        import multiprocessing  # here, not at the top: it is slow to import, and only large runs need it

        self.counts = multiprocessing.Array("i", 2)  # how many positions each end has taken

    def take(self, size: int, front: bool) -> int | None:
        """The next position of a list of ``size`` for this end, or None when every position is taken."""
        with self.counts.get_lock():
            if self.counts[0] + self.counts[1] >= size:
                return None
            end = 0 if front else 1
            number = self.counts[end]
            self.counts[end] = number + 1
        return number if front else size - 1 - number

    def taken(self, front: bool) -> int:
        return self.counts[0 if front else 1]
