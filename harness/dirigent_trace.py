#!/usr/bin/env python3
"""Dirigent's tracing harness: runs a learner's own asyncio program under CPython and writes what
its event loop does as a Dirigent trace (core/trace/TRACE_FORMAT.md: one JSON object per line).

Usage:
  dirigent_trace.py PROGRAM.py [--real-time] [--set NAME=VALUE]... [--trace-fd N]
  dirigent_trace.py PROGRAM.py --constants      (the sliders: UPPER_CASE numbers at the top, as JSON)
  --source FILE: run (or read the constants of) the text in FILE as if it were PROGRAM.py (the
  window's editor passes its unsaved text this way; lines and tracebacks still name PROGRAM.py)

`dirigent trace` starts this script; it is not meant to be called by hand, but it can be.

How the program runs
- The program is compiled from its source (with --set values put in place of the constants) and
  executed as `__main__`, as runpy does, with its folder first on sys.path.
- Its `asyncio.run(...)` runs through `asyncio.Runner(loop_factory=...)`: by default on the
  virtual-clock loop of vloop.py (installed beside this file; the same loop the CPython comparisons
  use), so `asyncio.sleep(5)` takes no real time and a program that would hang ends in a deadlock
  report instead. With --real-time it is CPython's default loop on the real clock.
- In virtual time, time.sleep / monotonic / perf_counter follow the virtual clock while the program
  runs: a blocking `time.sleep(1)` in a coroutine holds the loop and moves the clock, as it would
  hold a real loop for a second.

What is traced, and how (no CPython internals are replaced; everything is observed from outside)
- Tasks: the loop's create_task sees every task (asyncio.create_task, TaskGroup, gather,
  asyncio.run), whatever Task class the loop's task factory makes.
- Steps: every callback the loop runs goes through asyncio.events.Handle._run. A callback that is a
  task's step or wake-up (its `__self__` is the task) is one step of that task. This works the same
  for the C and the pure-Python Task, on 3.11 and later.
- Scheduling and wake-ups: the loop's call_soon, through which a task's next step is queued.
- What a suspended task waits on, and the line: the chain of awaits from the task's coroutine
  (`cr_await`) names the asyncio coroutine it sits in (sleep, Queue.get, Lock.acquire, ...), and the
  innermost frame of the program's own files gives the line of the `await`. The future it waits on is
  `task._fut_waiter`.
- Queue, Semaphore, Lock, Event, Condition are pure Python: their methods are wrapped. Only the
  innermost methods are wrapped (put_nowait, not put, which calls it), so nothing counts twice.
- Blocking steps: each step is timed (asyncio debug mode's slow-callback idea, 0.1 s).
- The program's printed lines become log events of the task that printed them; stderr is left alone.
  The trace goes to its own file descriptor; the process's stdout is sent to stderr so that output
  from C code or child processes cannot break the trace.

Exit codes: 0 the run ended (the trace says how: result, exception, deadlock); 2 the program could
not be read or compiled, or a --set names no constant (one line on stderr, no trace).
"""

from __future__ import annotations

import argparse
import ast
import asyncio
import builtins
import gc
import io
import json
import logging
import os
import sys
import threading
import time
import types
import warnings
import weakref
from asyncio import events, locks, queues

FORMAT_VERSION = 1
SLOW_STEP_NS = 100_000_000  # asyncio's default slow_callback_duration, 0.1 s
MAX_TEXT = 64 * 1024        # longer printed lines are cut into pieces of this size
MAX_EVENTS = 4_000_000      # a program that never ends is stopped after this many events
HARNESS_FILE = os.path.abspath(__file__)
ASYNCIO_DIR = os.path.dirname(os.path.abspath(asyncio.__file__))


# ---------------------------------------------------------------------------------------------
# The program's constants (the sliders)

def constants(source: str, filename: str) -> list[dict]:
    """Top-level `NAME = <number>` assignments with UPPER_CASE names, in source order."""
    found = []
    for node in ast.parse(source, filename).body:
        if not (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)):
            continue
        name = node.targets[0].id
        value = _number(node.value)
        if name.isupper() and value is not None:
            found.append({"name": name, "value": value, "line": node.lineno,
                          "integer": isinstance(value, int) and not isinstance(value, bool),
                          "switch": isinstance(value, bool), "node": node.value})
    return found


def _number(node):
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        inner = _number(node.operand)
        return None if inner is None else -inner
    if isinstance(node, ast.Constant) and type(node.value) in (int, float, bool):
        return node.value
    return None


def with_values(source: str, filename: str, values: dict[str, str]) -> str:
    """The source with each named constant's number replaced (by position, nothing else moves)."""
    known = {c["name"]: c for c in constants(source, filename)}
    lines = source.splitlines(keepends=True)
    # Replace from the end so earlier positions stay right.
    for name in sorted(values, key=lambda n: -known[n]["line"] if n in known else 0):
        if name not in known:
            raise KeyError(name)
        node = known[name]["node"]
        if node.lineno != node.end_lineno:
            raise KeyError(name)
        line = lines[node.lineno - 1].encode("utf-8")
        new = line[:node.col_offset] + values[name].encode("utf-8") + line[node.end_col_offset:]
        lines[node.lineno - 1] = new.decode("utf-8")
    return "".join(lines)


# ---------------------------------------------------------------------------------------------
# The trace

class Trace:
    """Writes events; keeps the ids of tasks and objects and the loop's clock and iteration."""

    def __init__(self, out, program: str):
        self.out = out
        self.program = program
        self.program_dir = os.path.dirname(program)
        self.seq = 0
        self.loop = None
        self.loop_start = 0.0
        self.base_ns = 0        # time of the runs before this one (each asyncio.run starts a loop)
        self.base_it = 0
        self.iteration = 0
        self.last_ns = 0
        self.task_ids = weakref.WeakKeyDictionary()
        self.tasks = []         # (id, weakref) in creation order
        self.object_ids = weakref.WeakKeyDictionary()
        self.next_object = 0
        self.waits = {}         # task id -> (wait kind, object id) while it waits
        self.running = None     # the task whose step runs now
        self.deferred = []      # call_soon of the running task's own next step (sleep(0))
        self.lock = threading.Lock()
        self.notices = set()
        self.virtual = True
        self.unannounced = []  # (task, id, parent, file, line) created, not yet written
        self.cut = False
        self.closing = False
        self.max_events = MAX_EVENTS

    # -- output
    def emit(self, kind, **fields):
        with self.lock:
            # A new task is told with the next event: asyncio.create_task names it only after
            # the loop's create_task has returned.
            while self.unannounced:
                task, tid, parent, file, line = self.unannounced.pop(0)
                self._write("task_created", {"task": tid, "other": parent, "file": file, "line": line,
                                             "text": task.get_name()})
                self._write("scheduled", {"task": tid})
            self._write(kind, fields)

    def _write(self, kind, fields):
        event = {"seq": self.seq, "it": self.base_it + self.iteration, "t": self.now_ns(), "kind": kind}
        for key in ("wait", "outcome", "object_kind", "task", "object", "other", "value", "file", "line", "text"):
            value = fields.get(key)
            if value in (None, 0, "", "none"):
                continue
            if isinstance(value, str) and not value.isascii():
                # A lone surrogate (from bytes decoded with surrogateescape, say) is no UTF-8.
                value = value.encode("utf-8", "replace").decode("utf-8")
            event[key] = value
        self.seq += 1
        self.out.write(json.dumps(event, ensure_ascii=False, separators=(",", ":")) + "\n")
        # Dirigent shows a real-time run as it happens, and a printed line as it is printed
        # (also of a program that then computes forever); a virtual run may come in blocks.
        if not self.virtual or kind == "log":
            self.out.flush()

    def header(self, clock: str):
        self.out.write(json.dumps({"format": "dirigent-trace", "version": FORMAT_VERSION,
                                   "program": self.program, "clock": clock,
                                   "python": sys.version.split()[0], "writer": "dirigent_trace.py"},
                                  ensure_ascii=False, separators=(",", ":")) + "\n")

    def now_ns(self) -> int:
        if self.loop is None:
            return self.last_ns
        if hasattr(self.loop, "_now_ns"):
            ns = self.base_ns + self.loop._now_ns
        else:
            ns = self.base_ns + round((self.loop.time() - self.loop_start) * 1e9)
        self.last_ns = max(self.last_ns, ns)  # a real clock read twice never goes back
        return self.last_ns

    def notice(self, key: str, text: str):
        """A line on stderr, once per kind: what the trace cannot show."""
        if key not in self.notices:
            self.notices.add(key)
            print(f"dirigent: {text}", file=sys.__stderr__, flush=True)

    # -- ids
    def task_id(self, task) -> int:
        return self.task_ids.get(task, 0) if task is not None else 0

    def current(self) -> int:
        try:
            return self.task_id(asyncio.current_task())
        except RuntimeError:
            return 0

    def object_id(self, obj, kind: str, capacity: int = 0) -> int:
        known = self.object_ids.get(obj)
        if known is None:
            self.next_object += 1  # never reused, even when the object is gone
            known = self.object_ids[obj] = self.next_object
            self.emit("object_created", object_kind=kind, object=known, value=capacity,
                      text=f"{kind.lower()}-{known}")
        return known

    def where(self, frame=None):
        """The innermost frame of the program's own code: (file, line)."""
        frame = frame or sys._getframe(1)
        while frame is not None:
            if own_file(frame.f_code.co_filename, self.program_dir):
                return frame.f_code.co_filename, frame.f_lineno
            frame = frame.f_back
        return None, 0

    def new_task(self, task):
        tid = len(self.tasks) + 1
        self.task_ids[task] = tid
        self.tasks.append((tid, weakref.ref(task)))
        file, line = self.where(sys._getframe(2))
        self.unannounced.append((task, tid, self.current(), file, line))
        return tid

    def loop_ns(self, when: float) -> int:
        """A loop time (seconds) as a trace time."""
        if hasattr(self.loop, "_now_ns"):
            return self.base_ns + round(when * 1e9)
        return self.base_ns + round((when - self.loop_start) * 1e9)

    def step_clock(self) -> int:
        """For timing a step: the virtual clock moves only by blocking sleeps inside the step."""
        return self.loop._now_ns if self.virtual else _real_ns()

    def check_slow(self, tid, started, task):
        took = self.step_clock() - started
        if took >= SLOW_STEP_NS:
            what = f"<Task name='{task.get_name()}'>" if task is not None else "<Handle>"
            self.emit("slow_step", task=tid, value=took, text=f"Executing {what} took {took / 1e9:.3f} seconds")

    def tasks_in_creation_order(self):
        return [(tid, t) for tid, t in ((tid, r()) for tid, r in self.tasks) if t is not None]


def own_file(filename: str, program_dir: str) -> bool:
    """A file of the learner's program: not asyncio's, not the harness's, not the standard library's."""
    if not filename or filename.startswith("<") or filename == HARNESS_FILE:
        return False
    path = os.path.abspath(filename)
    if path.startswith(ASYNCIO_DIR) or os.path.basename(path) == "vloop.py":
        return False
    return path.startswith(program_dir + os.sep)


TRACE: Trace | None = None


# ---------------------------------------------------------------------------------------------
# What a suspended task waits on

# (file in asyncio, function name) -> wait kind; the innermost one in the await chain decides.
_WAITS = {
    ("tasks.py", "sleep"): "sleep",
    ("queues.py", "get"): "Queue.get",
    ("queues.py", "put"): "Queue.put",
    ("queues.py", "join"): "Queue.join",
    ("locks.py", "acquire"): None,  # Lock or Semaphore: by the object
    ("locks.py", "wait"): None,     # Event or Condition: by the object
    ("taskgroups.py", "__aexit__"): "TaskGroup",
    ("taskgroups.py", "_aexit"): "TaskGroup",
    ("tasks.py", "_wait"): "wait",
    ("tasks.py", "wait"): "wait",
    ("tasks.py", "_wait_for_one"): "wait",  # as_completed
    ("tasks.py", "wait_for"): "task",       # 3.11: the awaitable runs as a task of its own
}


def wait_of(task):
    """(wait kind, object id, file, line, deadline) for a task that has just suspended."""
    trace = TRACE
    frames = []
    awaited = task.get_coro()
    while awaited is not None:
        if type(awaited).__name__ in ("async_generator_asend", "async_generator_athrow"):
            # `async for` awaits the generator's __anext__(): an object that only refers to the
            # generator, which Python does not expose except to the garbage collector.
            awaited = next((r for r in gc.get_referents(awaited) if isinstance(r, types.AsyncGeneratorType)), None)
            continue
        if isinstance(awaited, types.AsyncGeneratorType):
            frame, inner = awaited.ag_frame, awaited.ag_await
        elif hasattr(awaited, "cr_frame"):
            frame, inner = awaited.cr_frame, awaited.cr_await
        elif hasattr(awaited, "gi_frame"):
            frame, inner = awaited.gi_frame, awaited.gi_yieldfrom
        else:
            break
        if frame is None:
            break
        frames.append(frame)
        awaited = inner
    kind, obj, deadline = None, 0, 0
    program_frame = None
    for frame in frames:
        code = frame.f_code
        if own_file(code.co_filename, trace.program_dir):
            program_frame = frame
            continue
        if os.path.dirname(os.path.abspath(code.co_filename)) != ASYNCIO_DIR:
            continue
        key = (os.path.basename(code.co_filename), code.co_name)
        if key not in _WAITS:
            continue
        # The innermost match wins (Condition.wait re-acquiring its lock waits on the Lock), but
        # not asyncio's own objects (Queue.join waits on the queue, not on the Event inside it).
        this = frame.f_locals.get("self")
        if this is not None and this in INTERNAL:
            continue
        named = _WAITS[key] or _primitive_kind(this)
        if named is None:
            continue
        kind, obj, deadline = named, 0, 0
        if named == "task":
            inner = frame.f_locals.get("fut")
            obj = trace.task_id(inner) if isinstance(inner, asyncio.Task) else 0
            if not obj:
                kind = "future"
            continue
        if named == "sleep":
            delay = frame.f_locals.get("delay", 0)
            handle = frame.f_locals.get("h")
            if not delay or delay <= 0:
                kind = "yield"
            elif handle is not None:
                deadline = trace.loop_ns(handle.when())
        elif named not in ("TaskGroup", "wait") and this is not None:
            obj = trace.object_id(this, _object_kind(this))
    if kind is None:
        waiter = getattr(task, "_fut_waiter", None)
        if waiter is None:
            kind = "yield"
        elif isinstance(waiter, asyncio.Task):
            kind, obj = "task", trace.task_id(waiter)
        elif type(waiter).__name__ == "_GatheringFuture":
            kind = "gather"
        else:
            kind = "future"
    if program_frame is None:
        return kind, obj, None, 0, deadline
    return kind, obj, program_frame.f_code.co_filename, program_frame.f_lineno, deadline


def _primitive_kind(this):
    """What a Lock/Semaphore acquire or an Event/Condition wait waits on."""
    if isinstance(this, locks.Semaphore):
        return "Semaphore"
    if isinstance(this, locks.Lock):
        return "Lock"
    if isinstance(this, locks.Condition):
        return "Condition"
    if isinstance(this, locks.Event):
        return "Event"
    return None


def _object_kind(this):
    if isinstance(this, asyncio.PriorityQueue):
        return "PriorityQueue"
    if isinstance(this, asyncio.LifoQueue):
        return "LifoQueue"
    if isinstance(this, asyncio.Queue):
        return "Queue"
    if isinstance(this, asyncio.BoundedSemaphore):
        return "BoundedSemaphore"
    return _primitive_kind(this) or "future"


# ---------------------------------------------------------------------------------------------
# The loop

def step_task(handle):
    """The task whose step or wake-up `handle` runs, or None."""
    task = getattr(handle._callback, "__self__", None)
    return task if isinstance(task, asyncio.Task) else None


_original_handle_run = events.Handle._run
_real_ns = time.perf_counter_ns  # kept before virtual time replaces it


def _traced_handle_run(handle):
    trace = TRACE
    if trace is None or trace.loop is None:
        return _original_handle_run(handle)
    task = step_task(handle)
    tid = trace.task_id(task)
    started = trace.step_clock()
    if not tid:
        try:
            return _original_handle_run(handle)
        finally:
            trace.check_slow(0, started, None)
    trace.waits.pop(tid, None)
    trace.emit("step_begin", task=tid)
    trace.running = task
    try:
        return _original_handle_run(handle)
    finally:
        trace.running = None
        trace.check_slow(tid, started, task)
        if task.done():
            if task.cancelled():
                trace.emit("finished", task=tid, outcome="cancelled")
            elif task.exception() is not None:
                trace.emit("finished", task=tid, outcome="exception", text=describe(task.exception()))
            else:
                trace.emit("finished", task=tid, outcome="result", text=_short(repr(task.result())))
        else:
            kind, obj, file, line, deadline = wait_of(task)
            trace.waits[tid] = (kind, obj, file, line)
            trace.emit("suspended", task=tid, wait=kind, object=obj, value=deadline, file=file, line=line)
        trace.emit("step_end", task=tid)
        deferred, trace.deferred = trace.deferred, []
        for again in deferred:
            trace.emit("scheduled", task=again)


def describe(exc) -> str:
    if isinstance(exc, BaseExceptionGroup):
        return f"{type(exc).__name__}(" + ", ".join(describe(e) for e in exc.exceptions) + ")"
    text = str(exc)
    return f"{type(exc).__name__}({_short(text)})" if text else type(exc).__name__


def _short(text: str) -> str:
    return text if len(text) <= 200 else text[:197] + "..."


class TracedLoopMixin:
    """What the harness adds to a loop: the iteration count, the step timing, call_soon seen."""

    def _run_once(self):
        trace = TRACE
        trace.iteration += 1
        # A program that never ends (on the virtual clock it would race on forever): stop it once,
        # let the clean-up run, and stop for good if the clean-up does not end either.
        if trace.seq >= trace.max_events and not trace.cut:
            trace.cut = True
            raise TraceLimit()
        if trace.seq >= trace.max_events + 100_000:
            raise TraceLimit()
        return super()._run_once()

    def call_soon(self, callback, *args, context=None):
        trace = TRACE
        task = getattr(callback, "__self__", None)
        if isinstance(task, asyncio.Task):
            tid = trace.task_id(task)
            if tid:
                waited = trace.waits.pop(tid, None)
                if waited is not None:
                    trace.emit("woken", task=tid, other=trace.current(), object=waited[1])
                if trace.running is task:
                    trace.deferred.append(tid)  # its own next step: after it has suspended
                else:
                    trace.emit("scheduled", task=tid)
        return super().call_soon(callback, *args, context=context)

    def create_task(self, coro, *, name=None, context=None):
        # Every task of the program begins here: create_task, TaskGroup, gather (ensure_future),
        # asyncio.run's main task. The name is known only once the base class has set it.
        task = super().create_task(coro, name=name, context=context)
        trace = TRACE
        if not trace.closing and trace.task_id(task) == 0:
            if not trace.tasks_made_by_run:
                trace.tasks_made_by_run = True
                task.set_name("main")  # as `dirigent run` names it
            # The Task constructor has already queued the first step (call_soon) before the task
            # had an id: that scheduling is reported right after the creation.
            trace.new_task(task)
        return task

    async def shutdown_default_executor(self, *args, **kwargs):
        if getattr(self, "_virtual", False):
            return  # vloop's executor runs no threads
        await super().shutdown_default_executor(*args, **kwargs)


def make_loop_factory(trace: Trace, virtual: bool):
    import vloop

    class VirtualLoop(TracedLoopMixin, vloop.VirtualLoop):
        _virtual = True

    class RealLoop(TracedLoopMixin, asyncio.SelectorEventLoop):
        _virtual = False

    def factory():
        loop = VirtualLoop() if virtual else RealLoop()
        if virtual:
            vloop._loop = loop  # blocking_sleep and the virtual executor use it
        if trace.loop is not None:  # a second asyncio.run: its clock goes on from the first
            trace.base_ns = trace.now_ns()
            trace.base_it += trace.iteration
            trace.iteration = 0
        trace.loop = loop
        trace.loop_start = loop.time()
        return loop

    return factory


# ---------------------------------------------------------------------------------------------
# asyncio.run through a Runner on the harness's loop

class RunOutcome:
    deadlock = False


def traced_run_function(trace: Trace, virtual: bool, real_run):
    import vloop

    factory = make_loop_factory(trace, virtual)

    def run(main, *, debug=None):
        if events._get_running_loop() is not None:
            return real_run(main, debug=debug)  # CPython's own RuntimeError
        trace.tasks_made_by_run = False
        runner = asyncio.Runner(debug=debug, loop_factory=factory)
        try:
            return runner.run(main)
        except vloop.Deadlock:
            report_deadlock(trace)
            trace.outcome = ("deadlock", "")
            raise DeadlockEnd() from None
        except TraceLimit:
            trace.outcome = ("none", f"stopped after {trace.max_events} events: the program does not end on its own")
            raise DeadlockEnd() from None
        finally:
            cancel_remaining(trace, runner)
            trace.closing = True
            try:
                runner.close()
            finally:
                trace.closing = False

    return run


class TraceLimit(BaseException):
    """The run reached the harness's event limit."""


class DeadlockEnd(BaseException):
    """The virtual loop found nothing ready, no timer and tasks still waiting."""


def report_deadlock(trace: Trace):
    for tid, task in trace.tasks_in_creation_order():
        if task.done():
            continue
        kind, obj, file, line = trace.waits.get(tid, ("none", 0, None, 0))
        what = kind + (f" #{obj}" if obj else "")
        trace.emit("deadlock", task=tid, wait=kind, object=obj, file=file, line=line, text=what)


def cancel_remaining(trace: Trace, runner):
    """asyncio.run's clean-up, with the tasks cancelled in creation order (as vloop and aio do)."""
    import vloop

    loop = runner._loop
    if loop is None or loop.is_closed():
        return
    for _ in range(100):  # a task that survives every cancellation would keep CPython busy forever
        pending = [t for _, t in trace.tasks_in_creation_order() if not t.done() and t.get_loop() is loop]
        if not pending:
            return
        for task in pending:
            task.cancel()
        try:
            loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
        except vloop.Deadlock:
            report_deadlock(trace)
        except TraceLimit:
            return


# ---------------------------------------------------------------------------------------------
# Wrapped methods of Queue, Semaphore, Lock, Event, Condition

INTERNAL = weakref.WeakSet()  # primitives asyncio made for itself: not shown


def wrap_primitives():
    def active():
        return TRACE is not None and TRACE.loop is not None

    def own_creation(frame, obj):
        # Past the __init__ of subclasses (BoundedSemaphore's calls Semaphore's) to the caller.
        while frame is not None and frame.f_code.co_name == "__init__" and frame.f_locals.get("self") is obj:
            frame = frame.f_back
        return frame is None or os.path.dirname(os.path.abspath(frame.f_code.co_filename)) != ASYNCIO_DIR

    def on_init(cls, capacity_of):
        original = cls.__init__

        def __init__(self, *args, **kwargs):
            original(self, *args, **kwargs)
            # The Event inside every Queue and the Lock inside a Condition are asyncio's own.
            if own_creation(sys._getframe(1), self):
                if active():
                    TRACE.object_id(self, _object_kind(self), capacity_of(self))
            else:
                INTERNAL.add(self)
        cls.__init__ = __init__

    on_init(queues.Queue, lambda q: q.maxsize)
    on_init(locks.Semaphore, lambda s: s._value)
    for cls in (locks.Lock, locks.Event, locks.Condition):
        on_init(cls, lambda _: 0)

    def emit(event, this, value=0, text=""):
        TRACE.emit(event, task=TRACE.current(), object=TRACE.object_id(this, _object_kind(this)),
                   value=value, text=text)

    def after(cls, name, event, value_of=lambda this, result: 0, text_of=lambda this, result: ""):
        original = getattr(cls, name)

        def wrapper(self, *args, **kwargs):
            result = original(self, *args, **kwargs)
            if active() and self not in INTERNAL:
                emit(event, self, value_of(self, result), text_of(self, result))
            return result
        setattr(cls, name, wrapper)

    def after_async(cls, name, event, value_of=lambda this: 0):
        original = getattr(cls, name)

        async def wrapper(self, *args, **kwargs):
            result = await original(self, *args, **kwargs)
            if active() and self not in INTERNAL:
                emit(event, self, value_of(self))
            return result
        setattr(cls, name, wrapper)

    # put() ends in put_nowait(), get() in get_nowait(): wrapping those counts each item once.
    original_put = queues.Queue.put_nowait

    def put_nowait(self, item):
        original_put(self, item)
        if active() and self not in INTERNAL:
            emit("queue_put", self, self.qsize(), _short(str(item)))
    queues.Queue.put_nowait = put_nowait
    after(queues.Queue, "get_nowait", "queue_get", lambda q, r: q.qsize(), lambda q, r: _short(str(r)))
    after(queues.Queue, "task_done", "queue_task_done", lambda q, r: q._unfinished_tasks)
    after_async(queues.Queue, "join", "queue_join")
    # BoundedSemaphore.release calls Semaphore.release: only the base is wrapped.
    after_async(locks.Semaphore, "acquire", "sem_acquire", lambda s: s._value)
    after(locks.Semaphore, "release", "sem_release", lambda s, r: s._value)
    after_async(locks.Lock, "acquire", "lock_acquire")
    after(locks.Lock, "release", "lock_release")
    after(locks.Event, "set", "event_set")
    after(locks.Event, "clear", "event_clear")


# ---------------------------------------------------------------------------------------------
# The program's output, the warnings, the threads

class LogLines(io.TextIOBase):
    """sys.stdout while the program runs: each complete line is a log event of the task printing it."""

    def __init__(self, trace: Trace):
        self.trace = trace
        self.pending = ""

    def writable(self):
        return True

    def write(self, text):
        self.pending += text
        while "\n" in self.pending or len(self.pending) > MAX_TEXT:
            line, sep, rest = self.pending.partition("\n")
            if not sep or len(line) > MAX_TEXT:
                line, rest = self.pending[:MAX_TEXT], self.pending[MAX_TEXT:]
            self.pending = rest
            self.line(line)
        return len(text)

    def line(self, text):
        if threading.current_thread() is not threading.main_thread():
            self.trace.notice("thread-output", "a thread printed; its lines are shown at the loop's time, "
                                               "not at the thread's own")
        self.trace.emit("log", task=self.trace.current(), text=text)

    def flush(self):
        pass

    def close_pending(self):
        if self.pending:
            self.line(self.pending)
            self.pending = ""


def watch_threads_and_processes(trace: Trace, virtual: bool):
    """Threads and child processes run for real: the trace says so, once, on stderr."""
    original_start = threading.Thread.start

    def start(self, *args, **kwargs):
        trace.notice("thread", "the program starts a thread: it runs for real, beside the loop; the trace "
                               "shows what it does to the loop, not its own timing")
        return original_start(self, *args, **kwargs)
    threading.Thread.start = start

    if virtual:
        def refuse(*args, **kwargs):
            raise RuntimeError("dirigent: in virtual time a program cannot start a subprocess from the "
                               "event loop; trace it in real time (dirigent trace --real-time)")
        for name in ("create_subprocess_exec", "create_subprocess_shell"):
            setattr(asyncio, name, refuse)
            setattr(asyncio.subprocess, name, refuse)
    import subprocess
    original_popen_init = subprocess.Popen.__init__

    def popen_init(self, *args, **kwargs):
        trace.notice("process", "the program starts a child process: it runs for real and is not traced")
        return original_popen_init(self, *args, **kwargs)
    subprocess.Popen.__init__ = popen_init


class SlowCallbacks(logging.Handler):
    """asyncio's own debug-mode warnings go to stderr as they would; the harness times steps itself."""

    def emit(self, record):
        if record.msg == "Executing %s took %.3f seconds":
            return
        print(self.format(record), file=sys.__stderr__)


# ---------------------------------------------------------------------------------------------

def print_traceback(exc: BaseException):
    """The traceback as Python prints it, without the harness's own frames."""
    import traceback

    report = traceback.TracebackException.from_exception(exc)
    seen = set()
    pending = [report]
    while pending:
        part = pending.pop()
        if id(part) in seen:
            continue
        seen.add(id(part))
        part.stack = traceback.StackSummary.from_list(
            [frame for frame in part.stack if frame.filename != HARNESS_FILE])
        pending += [p for p in (part.__cause__, part.__context__) if p is not None]
        pending += list(getattr(part, "exceptions", None) or [])
    print("".join(report.format()), end="", file=sys.__stderr__)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="dirigent_trace.py", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("program")
    parser.add_argument("--real-time", action="store_true")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument("--trace-fd", type=int, default=None)
    parser.add_argument("--constants", action="store_true")
    parser.add_argument("--max-events", type=int, default=MAX_EVENTS)
    parser.add_argument("--source", default=None, metavar="FILE")
    args = parser.parse_args(argv)

    path = os.path.abspath(args.program)
    try:
        with open(args.source or path, "rb") as f:
            raw = f.read()
        source = raw.decode("utf-8")
    except OSError as e:
        print(f"dirigent: cannot read {args.program}: {e.strerror}", file=sys.stderr)
        return 2
    except UnicodeDecodeError as e:
        print(f"dirigent: {args.program} is not a Python program: byte {e.start + 1} is not UTF-8 text",
              file=sys.stderr)
        return 2
    if "\0" in source:
        print(f"dirigent: {args.program} is not a Python program: it contains NUL bytes", file=sys.stderr)
        return 2

    try:
        found = constants(source, path)
    except SyntaxError as e:
        print(f"dirigent: {args.program}:{e.lineno}: syntax error: {e.msg}", file=sys.stderr)
        return 2
    if args.constants:
        print(json.dumps([{k: c[k] for k in ("name", "value", "line", "integer", "switch")} for c in found]))
        return 0

    values = {}
    for assignment in args.set:
        name, sep, value = assignment.partition("=")
        if not sep or not name:
            print(f"dirigent: --set wants NAME=VALUE, not '{assignment}'", file=sys.stderr)
            return 2
        try:
            if value not in ("True", "False"):
                float(value)
        except ValueError:
            print(f"dirigent: --set {name}: '{value}' is not a number (nor True or False)", file=sys.stderr)
            return 2
        values[name] = value
    try:
        source = with_values(source, path, values)
    except KeyError as missing:
        names = ", ".join(c["name"] for c in found) or "none"
        print(f"dirigent: {args.program} has no top-level number constant {missing.args[0]} "
              f"(it has: {names})", file=sys.stderr)
        return 2
    code = compile(source, path, "exec")
    if args.source:
        # Tracebacks quote the lines that ran, not those of the file on disk.
        import linecache
        linecache.cache[path] = (len(source), None, source.splitlines(keepends=True), path)

    # The trace gets its own descriptor; whatever writes to fd 1 now lands on stderr.
    trace_fd = args.trace_fd if args.trace_fd is not None else os.dup(1)
    os.dup2(2, 1)
    out = open(trace_fd, "w", encoding="utf-8", buffering=1 << 16, closefd=True)
    return trace_program(out, path, code, virtual=not args.real_time, max_events=args.max_events)


def import_vloop():
    """vloop.py is installed beside this file; in the source tree it is in tests/python."""
    here = os.path.dirname(HARNESS_FILE)
    for folder in (here, os.path.join(here, "..", "tests", "python")):
        if os.path.exists(os.path.join(folder, "vloop.py")):
            sys.path.insert(0, os.path.abspath(folder))
            break
    import vloop
    return vloop


def trace_program(out, path: str, code, virtual: bool, max_events: int) -> int:
    global TRACE
    vloop = import_vloop()

    trace = Trace(out, path)
    trace.virtual = virtual
    trace.max_events = max_events
    trace.outcome = ("result", "")
    TRACE = trace
    trace.header("virtual" if virtual else "real")

    events.Handle._run = _traced_handle_run
    wrap_primitives()
    watch_threads_and_processes(trace, virtual)
    real_run = asyncio.run
    asyncio.run = asyncio.runners.run = traced_run_function(trace, virtual, real_run)
    logger = logging.getLogger("asyncio")
    logger.addHandler(SlowCallbacks())
    logger.propagate = False

    def warning_line(message, category, filename, lineno, file=None, line=None):
        if category is RuntimeWarning and "was never awaited" in str(message):
            trace.emit("never_awaited", file=filename if own_file(filename, trace.program_dir) else None,
                       line=lineno, text=str(message))
        print(warnings.formatwarning(message, category, filename, lineno, line), end="", file=sys.__stderr__)
    warnings.showwarning = warning_line

    if virtual:
        # The clocks a program reads follow the loop's virtual clock (0 before the first run).
        def virtual_seconds():
            return trace.now_ns() / 1e9
        time.monotonic = time.perf_counter = virtual_seconds
        time.monotonic_ns = time.perf_counter_ns = trace.now_ns
        real_sleep = time.sleep

        def sleep(seconds):
            # Inside the loop's thread it is vloop's blocking sleep (the clock jumps, nothing else
            # runs); a thread of the program's own sleeps for real.
            if trace.loop is None or threading.current_thread() is not threading.main_thread():
                return real_sleep(seconds)
            vloop.blocking_sleep(seconds)
        time.sleep = sleep

    module = types.ModuleType("__main__")
    module.__file__ = path
    module.__builtins__ = builtins
    saved_main = sys.modules.get("__main__")
    sys.modules["__main__"] = module
    sys.path.insert(0, os.path.dirname(path))
    sys.argv = [path]
    stdout = LogLines(trace)
    sys.stdout = stdout
    status = 0
    try:
        exec(code, module.__dict__)
    except DeadlockEnd:
        status = 0
    except SystemExit as e:
        code_ = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
        if code_:
            trace.outcome = ("exception", f"SystemExit({code_})")
    except BaseException as e:  # the program's own exception: its traceback, as Python prints it
        stdout.close_pending()
        trace.outcome = ("exception", describe(e))
        print_traceback(e)
    finally:
        stdout.close_pending()
        sys.stdout = sys.__stdout__
        if saved_main is not None:
            sys.modules["__main__"] = saved_main
    if trace.loop is None:
        trace.notice("no-loop", "the program never ran an event loop (no asyncio.run): there is nothing to animate")
    kind, text = trace.outcome
    trace.emit("run_end", outcome=kind, text=text)
    out.flush()
    return status


if __name__ == "__main__":
    sys.exit(main())
