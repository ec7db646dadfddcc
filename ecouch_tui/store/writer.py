"""One thread that makes every save, in order, on a store connection of its own.

A write can wait up to `BUSY_TIMEOUT` for another copy of ecouch to let go of the lock,
then waits for the disk (`synchronous=FULL`). Made on the app's event loop, that froze
the screen. So the app captures what to write while it is on the loop, hands the
writer a job (a function of a `Store`), and gets a `Future` back at once.

- One thread, one queue: jobs run one at a time in the order given, so a later save of
  an entry never lands before an earlier one.
- Its own connection (`open_another`, on first use): a write waiting for the lock holds
  only this connection, and in WAL mode the app's reads on its own connection go on
  meanwhile.
- `close()` runs what is queued, then stops; nothing queued is dropped.
- An `EntryWrite` names the entry it writes: until it has run, `pending(uid)` gives
  its data, so a page shown again before its save lands shows what was typed, not the
  older stored answer (which the next keystroke would then save over it).

Headless on purpose (no Textual): the shell commands could use it, and a signal handler
can drain it (issue 12).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from ecouch_tui.clock import Clock
    from ecouch_tui.store.db import Store

T = TypeVar("T")

#: A store write with its values already captured; runs on the writer thread.
Job = Callable[["Store"], T]


def open_another(path: Path, clock: Clock, same_as: tuple[int, int] | None = None) -> Store:
    """The writer's own connection to a store this process has open already (the app's,
    checked and migrated by that first `Store.open`, whose `identity` is `same_as`).
    StoreError when it cannot open; StoreGone when that file has gone meanwhile."""
    from ecouch_tui.store.db import Store

    return Store.open_again(path, clock, same_as)


class EntryWrite:
    """A job that writes one entry whose uid is known now, with the data it writes;
    `then`, when given, is called with the job's result once it has landed (on the
    caller's event loop: see `EcouchApp.save_quietly`)."""

    __slots__ = ("data", "then", "uid", "write")

    def __init__(
        self, uid: str, data: Any, write: Job[Any], then: Callable[[Any], object] | None = None
    ) -> None:
        self.uid = uid
        self.data = data
        self.write = write
        self.then = then

    def __call__(self, store: Store) -> Any:
        return self.write(store)


class Writer:
    """Serialises store writes on one background thread (see the module docstring)."""

    def __init__(self, open_store: Callable[[], Store], name: str = "ecouch-writer") -> None:
        self._open_store = open_store
        self._name = name
        self._store: Store | None = None
        self._jobs: queue.SimpleQueue[tuple[Job[Any], Future[Any]] | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._closed = False
        #: uid -> (the last queued write of it, its data), until that write has run.
        self._pending: dict[str, tuple[Future[Any], Any]] = {}

    def submit(self, job: Job[T]) -> Future[T]:
        """Queue `job` behind every job given before it; its result (or the exception it
        raised, a StoreError when the store refused) arrives in the Future."""
        future: Future[T] = Future()
        with self._lock:
            if self._closed:
                raise RuntimeError("the writer is closed")
            if self._thread is None:
                # A daemon: a crash that never calls close() must not hang the exit
                # (a write cut short is rolled back by SQLite, never half done).
                self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
                self._thread.start()
            if isinstance(job, EntryWrite):
                self._pending[job.uid] = (future, job.data)
            self._jobs.put((job, future))
        return future

    def pending(self, uid: str) -> Any | None:
        """The data of the entry `uid` as a queued write will leave it, or None when no
        write of it is waiting (then the store has the newest)."""
        with self._lock:
            waiting = self._pending.get(uid)
        return waiting[1] if waiting is not None else None

    def close(self, timeout: float | None = None) -> bool:
        """Run what is queued, then stop the thread and close its connection. Waits at
        most `timeout` seconds (None: until done; 0: not at all); True when it is done."""
        with self._lock:
            thread, self._thread = self._thread, None
            if not self._closed:
                self._closed = True
                if thread is not None:
                    self._jobs.put(None)
        if thread is None:
            return True
        thread.join(timeout)
        return not thread.is_alive()

    def _run(self) -> None:
        try:
            while (item := self._jobs.get()) is not None:
                job, future = item
                if not future.set_running_or_notify_cancel():
                    continue
                try:
                    result = job(self._connection())
                except BaseException as exc:  # every outcome goes back to whoever asked
                    self._done(job, future)
                    future.set_exception(exc)
                else:
                    self._done(job, future)
                    future.set_result(result)
        finally:
            if self._store is not None:
                self._store.close()
                self._store = None

    def _done(self, job: Job[Any], future: Future[Any]) -> None:
        """Landed or refused: the store has the last word on this entry again (unless a
        later write of it is queued)."""
        if isinstance(job, EntryWrite):
            with self._lock:
                if self._pending.get(job.uid, (None,))[0] is future:
                    del self._pending[job.uid]

    def _connection(self) -> Store:
        """The writer's own store, opened here (off the loop) on first use; a failure to
        open (StoreError) fails this job, and the next job tries again."""
        if self._store is None:
            self._store = self._open_store()
        return self._store
