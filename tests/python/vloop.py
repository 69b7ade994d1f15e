"""A virtual-clock event loop for CPython's asyncio: the reference the C++ scheduler is compared with.

The loop is CPython's own BaseEventLoop (so `_run_once`, the ready queue, Task, Future, gather,
TaskGroup, Queue, Semaphore... are asyncio's, step for step). Only three things change:

- Time is an integer number of nanoseconds (`_now_ns`); `time()` returns `_now_ns / 1e9`.
  Every timer deadline is rounded to whole nanoseconds, as the C++ loop does
  (`llround(seconds * 1e9)`), and `_clock_resolution` is half a nanosecond so a timer fires
  exactly when the clock reaches it.
- Timers with equal deadlines fire in the order they were created. CPython's heap compares only
  deadlines, and heapq is not stable; `_Timer` compares `(when, seq)`.
- The selector never waits. `select(0)` returns at once; `select(t > 0)` moves the clock to the
  earliest timer's deadline (no float arithmetic on the timeout); `select(None)` means nothing is
  ready, no timer is pending, and `run()` still waits for its main task: `Deadlock`.

The default executor is a `VirtualExecutor` (calls complete on the virtual clock after the time they
spent in `blocking_sleep`), and `blocking_sleep` in a coroutine moves the clock while it holds the loop.

`run(main)` is asyncio.run on this loop, except that the tasks left when main finishes are
cancelled in creation order (asyncio.run iterates a set), and a deadlock is reported (see README.md)
instead of hanging.

The two orders CPython leaves open (equal deadlines, the leftover tasks) are conventions, not
CPython's rules, and so is the deadlock report (CPython waits forever). With the environment
variable VLOOP_FLIP=timer-ties, shutdown-order or deadlock-report the loop takes the opposite order
or stops where CPython would hang, so `compare.py --conventions` can find every rule whose log depends on
one; those rules say so with a `# convention: ...` line (see README.md).
"""

import asyncio
import concurrent.futures
import heapq
import itertools
import logging
import os
import re
import sys
import weakref
from asyncio import base_events, events

__all__ = ["Boom", "Deadlock", "VirtualExecutor", "VirtualLoop", "blocking_sleep", "describe", "log", "run"]


# The opposite of a convention, for `compare.py --conventions` only: "timer-ties", "shutdown-order"
# or "deadlock-report".
_FLIP = os.environ.get("VLOOP_FLIP", "")


class Deadlock(Exception):
    """Nothing is ready, no timer is pending, and tasks still wait."""


class Boom(Exception):
    """The error the rule programs raise on purpose (C++: rules::Boom)."""


class _Timer(events.TimerHandle):
    """A TimerHandle ordered by (deadline, creation order)."""

    __slots__ = ("_seq",)

    def __init__(self, when, callback, args, loop, context, seq):
        super().__init__(when, callback, args, loop, context)
        self._seq = seq

    def _key(self):
        return (self._when, self._seq)

    def __lt__(self, other):
        return self._key() < other._key()

    def __le__(self, other):
        return self._key() <= other._key()

    def __gt__(self, other):
        return self._key() > other._key()

    def __ge__(self, other):
        return self._key() >= other._key()

    def __eq__(self, other):
        return self is other

    def __hash__(self):
        return id(self)


class _VirtualSelector:
    """Stands in for the selector in BaseEventLoop._run_once: it moves the clock, never blocks."""

    def __init__(self, loop):
        self._loop = loop

    def select(self, timeout):
        if timeout is None:
            raise Deadlock()
        if timeout > 0:
            # _run_once has dropped cancelled timers from the head, so the head is the next deadline.
            head = self._loop._scheduled[0]
            self._loop._now_ns = round(head._when * 1e9)
        return []

    def close(self):
        pass


class VirtualLoop(base_events.BaseEventLoop):
    def __init__(self):
        super().__init__()
        self.set_debug(False)
        self._now_ns = 0
        self._clock_resolution = 0.5e-9
        self._selector = _VirtualSelector(self)
        self._timer_seq = itertools.count()
        # Weak, as asyncio's own list of tasks: a task nobody refers to is collected at once
        # (and a failed one reports "Task exception was never retrieved" then, as under asyncio.run).
        self._tasks_created = []
        # to_thread and run_in_executor(None, ...) on the virtual clock, as aio's loop does
        self._default_executor = VirtualExecutor()

    def time(self):
        return self._now_ns / 1e9

    def call_at(self, when, callback, *args, context=None):
        # BaseEventLoop.call_at, with the deadline rounded to whole nanoseconds and a stable order.
        if when is None:
            raise TypeError("when cannot be None")
        self._check_closed()
        when = round(when * 1e9) / 1e9
        seq = next(self._timer_seq)
        timer = _Timer(when, callback, args, self, context, -seq if _FLIP == "timer-ties" else seq)
        heapq.heappush(self._scheduled, timer)
        timer._scheduled = True
        return timer

    def create_task(self, coro, *, name=None, context=None):
        # Every task passes here: asyncio.create_task, TaskGroup, gather, wait_for, shield.
        task = super().create_task(coro, name=name, context=context)
        self._tasks_created.append(weakref.ref(task))
        return task

    @property
    def tasks_in_creation_order(self):
        """The tasks created on this loop that still exist, in creation order."""
        return [t for t in (r() for r in self._tasks_created) if t is not None]

    def _process_events(self, event_list):
        pass

    def _write_to_self(self):
        pass


class VirtualExecutor(concurrent.futures.ThreadPoolExecutor):
    """A thread pool on the virtual clock (aio::VirtualExecutor): `max_workers` workers (None: one per
    call, all at once). A worker runs the call when it takes it and completes its future after the
    call's virtual duration, the blocking_sleep() time it spent. Calls waiting for a worker can be
    cancelled and are then skipped. (A ThreadPoolExecutor so that set_default_executor takes it; it
    starts no threads.)"""

    def __init__(self, max_workers=None):
        super().__init__(max_workers=1)
        self._limit = max_workers
        self._busy = 0
        self._waiting = []

    def submit(self, fn, /, *args, **kwargs):
        future = concurrent.futures.Future()
        self._waiting.append((future, fn, args, kwargs))
        self._start_waiting()
        return future

    def _start_waiting(self):
        while self._waiting and (self._limit is None or self._busy < self._limit):
            future, fn, args, kwargs = self._waiting.pop(0)
            if not future.set_running_or_notify_cancel():
                continue  # cancelled while it waited
            self._busy += 1
            global _work_ns
            _work_ns = 0
            try:
                outcome = (True, fn(*args, **kwargs))
            except BaseException as exc:
                outcome = (False, exc)
            took, _work_ns = _work_ns, None
            _loop.call_at((_loop._now_ns + took) / 1e9, self._finished, future, outcome)

    def _finished(self, future, outcome):
        # As a pool thread: publish the outcome, then take the next waiting call.
        self._busy -= 1
        ok, value = outcome
        if ok:
            future.set_result(value)
        else:
            future.set_exception(value)
        self._start_waiting()

    def shutdown(self, wait=True, *, cancel_futures=False):
        pass


_loop = None
_work_ns = None  # while VirtualExecutor runs a call: the virtual time it has taken so far


def blocking_sleep(seconds):
    """time.sleep(seconds) on the virtual clock (aio::blocking_sleep). In a coroutine it holds the
    loop: the clock jumps and nothing else runs. In a call run by VirtualExecutor it is the
    worker's own time."""
    global _work_ns
    ns = round(seconds * 1e9) if seconds > 0 else 0
    if _work_ns is not None:
        _work_ns += ns
    else:
        _loop._now_ns += ns


def log(msg):
    """Print one line of the program's log: `t=<loop time, 3 decimals> <msg>`."""
    print(f"t={_loop.time():.3f} {msg}", flush=True)


def describe(exc):
    """An exception as both sides print it: its type name; Boom and groups show what they hold."""
    if isinstance(exc, BaseExceptionGroup):
        return "ExceptionGroup(" + ", ".join(describe(e) for e in exc.exceptions) + ")"
    if isinstance(exc, Boom):
        return f"Boom({exc})"
    return type(exc).__name__


def _report_deadlock(loop):
    if _FLIP == "deadlock-report":  # what CPython does: wait forever (here: stop at once)
        log("CPython waits here forever")
        sys.stdout.flush()
        os._exit(0)
    log("deadlock")
    for task in loop.tasks_in_creation_order:
        if not task.done():
            log(f"  waiting: {task.get_name()}")


def _cancel_remaining(loop):
    """Cancel the tasks that have not finished, in creation order, and let their cleanup run."""
    while True:
        pending = [t for t in loop.tasks_in_creation_order if not t.done()]
        if not pending:
            return
        if _FLIP == "shutdown-order":
            pending.reverse()
        for task in pending:
            task.cancel()
        try:
            loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
        except Deadlock:
            _report_deadlock(loop)


class _SlowCallbackLog(logging.Handler):
    """Debug mode's "Executing <Task ...> took 1.000 seconds" as a log line. The repr of the task
    goes on with coro=<...>, wait_for=..., created at... (files and lines of this program): both
    sides print its state and name only. The same for "Task exception was never retrieved"
    (the moment a failed task nobody asked is collected): one line with the task's name and the
    exception's repr, "Task exception was never retrieved: <Task finished name='x'
    exception=ValueError('bad')>". Other records go to stderr, as without this handler."""

    _task = re.compile(r"<Task (\w+) name='([^']*)'.*>", re.S)
    _never_retrieved = re.compile(r"Task exception was never retrieved\nfuture: <Task (\w+) name='([^']*)'", re.S)

    def emit(self, record):
        m = self._never_retrieved.match(str(record.msg))
        if m and record.exc_info:
            log(f"Task exception was never retrieved: <Task {m[1]} name='{m[2]}' exception={record.exc_info[1]!r}>")
            return
        if record.msg != "Executing %s took %.3f seconds":
            print(self.format(record), file=sys.stderr)
            return
        what, seconds = record.args
        m = self._task.fullmatch(what)
        what = f"<Task {m[1]} name='{m[2]}'>" if m else "<Handle>"
        log(f"Executing {what} took {seconds:.3f} seconds")


def run(main, debug=False):
    """asyncio.run(main, debug=debug) on a VirtualLoop; the main task is named "main". Debug mode's
    slow-step warnings are lines of the log however it was turned on: here, or by the program
    itself with loop.set_debug(True), as aio's twins do."""
    logger = logging.getLogger("asyncio")
    handler, propagate = _SlowCallbackLog(), logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        _run(main, debug)
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def _run(main, debug):
    global _loop
    loop = VirtualLoop()
    _loop = loop
    if debug:
        loop.set_debug(True)
    main_task = loop.create_task(main, name="main")
    main_error = None
    deadlocked = False
    try:
        loop.run_until_complete(main_task)
    except Deadlock:
        deadlocked = True
        _report_deadlock(loop)
    except BaseException as exc:  # main raised (CancelledError too): reported after cleanup
        main_error = exc
    _cancel_remaining(loop)
    loop.close()
    if main_error is not None and not deadlocked:
        print(f"main raised {describe(main_error)}", flush=True)
