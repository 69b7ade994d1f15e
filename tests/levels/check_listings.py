#!/usr/bin/env python3
"""The listings of the "break it" levels say what the game does (CTest levels_listings_cpython).

Usage: check_listings.py --level-check PATH --levels DIR [--replace LEVEL/VARIANT OLD NEW] ID...

For every level ID and both versions, `level_check --dump ID broken|fixed` lists every order of
moves the C++ search walks: the picks, the moves offered at each decision, the lines printed and
how the run ended. Each order is replayed here on the listing DIR/ID/<version>.py under CPython's
asyncio, with the same picks:

- main(...) gets fake I/O objects (LEVELS below). `await bank.confirm(name)` registers a pending
  call "bank.confirm('alice')" of the current task and waits for the move that ends it: Reply
  returns, Fail raises ConnectionError, Cancel cancels a task named in `cancellable`;
- the program runs until every task waits (the loop's ready queue is empty), then the moves on
  offer are listed in the game's order: the pending calls in the order they started (Reply, then
  Fail for a call that can fail), then the cancellable tasks not done yet;
- print() is recorded with the number of moves played before it and the current task's name.

Compared with C++: the moves offered at every decision, the printed lines (with the moves played
before each), and the end: finished, main raised (type and message), hang (no move left, main
not done), or cut by the bound. Where the C++ invariant broke, the listing must agree up to that
point, and its own invariant (the same condition on the listing's state, where the table has
one) must break at the same point with the same text.

--replace changes the listing's text before it runs (the test that this test can fail).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

MAX_SHOWN = 5  # mismatches shown per level and version


# ---- The levels: what main gets, what the I/O returns, what can fail or be cancelled --------

def lost_update(run: Run) -> str | None:
    # C++: balance == 100 + 50 * (deposits that wrote). A deposit writes right after its
    # bank.confirm() returns, with no await between.
    written = run.returned.count("bank.confirm('alice')") + run.returned.count("bank.confirm('bob')")
    expected = 100 + 50 * written
    balance = run.ns["balance"]
    return None if balance == expected else f"balance == {balance}, not {expected} after {written} deposits of 50"


def cache_stampede(run: Run) -> str | None:
    times = run.started.count("db.load('user:7')")
    return f"db.load('user:7') started {times} times" if times > 1 else None


def pool_leak(run: Run) -> str | None:
    # C++: no connection is held by a handler that was cancelled.
    if not run.pools:
        return None
    free = {conn.name for conn in run.pools[0].free._queue}  # noqa: SLF001 (asyncio.Queue's deque)
    for conn, handler in sorted(run.holders.items()):
        if conn not in free and handler.done() and handler.cancelled():
            return f"{conn} leaked: its handler {handler.get_name()} was cancelled and never gave it back"
    return None


def track_pools(run: Run) -> None:
    """Makes the listing's Pool note its instances and which task took each connection last
    (for pool_leak); what the listing does stays the same."""
    listed = run.ns["Pool"]

    class Pool(listed):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            run.pools.append(self)

        async def acquire(self):
            conn = await super().acquire()
            run.holders[conn.name] = asyncio.current_task()
            return conn

    run.ns["Pool"] = Pool


@dataclass
class LevelSetup:
    main: Callable[[Callable[..., Any]], list]   # io(prefix, **attributes) -> the arguments of main
    returns: dict[str, Any] = field(default_factory=dict)  # "db.load" -> what the call returns
    can_fail: frozenset[str] = frozenset()                  # "web.fetch": World::io(..., true)
    cancellable: tuple[str, ...] = ()                       # w.cancellable(), in that order
    invariant: Callable[[Run], str | None] | None = None    # the C++ invariant on the listing
    prepare: Callable[[Run], None] | None = None          # after the listing's exec: track_pools


LEVELS: dict[str, LevelSetup] = {
    "lost-update": LevelSetup(main=lambda io: [io("bank")], invariant=lost_update),
    "cache-stampede": LevelSetup(main=lambda io: [io("request"), io("db")],
                                 returns={"db.load": {"name": "Grace"}}, invariant=cache_stampede),
    "if-not-while": LevelSetup(
        main=lambda io: [io("shop"), io("truck")],
        invariant=lambda run: f"stock == {run.ns['stock']}, below 0" if run.ns["stock"] < 0 else None),
    "semaphore-per-call": LevelSetup(
        main=lambda io: [io("dns"), io("http")],
        invariant=lambda run: (f"{run.ns['in_flight']} requests in flight, the server allows 2"
                               if run.ns["in_flight"] > 2 else None)),
    "forgotten-task-done": LevelSetup(main=lambda io: [io("web")], returns={"web.fetch": "<html>"},
                                      can_fail=frozenset({"web.fetch"})),
    "pool-leak": LevelSetup(main=lambda io: [[io("conn", name="conn-1"), io("conn", name="conn-2")], io("audit")],
                            cancellable=("h1", "h2", "h3"), invariant=pool_leak, prepare=track_pools),
    "lock-order": LevelSetup(main=lambda io: [io("bank")]),
}


# ---- One run of a listing ------------------------------------------------------------------

@dataclass
class Call:
    task: str
    what: str
    can_fail: bool
    future: asyncio.Future


class Service:
    """A fake I/O object: every method awaits a move of the game."""

    def __init__(self, run: Run, prefix: str, **attributes: Any):
        self._run = run
        self._prefix = prefix
        self.__dict__.update(attributes)

    def __getattr__(self, method: str):
        if method.startswith("_"):
            raise AttributeError(method)
        run, prefix = self._run, self._prefix

        async def call(*args):
            what = f"{prefix}.{method}({', '.join(repr(a) for a in args)})"
            entry = Call(asyncio.current_task().get_name(), what, f"{prefix}.{method}" in run.setup.can_fail,
                         asyncio.get_running_loop().create_future())
            run.pending.append(entry)
            run.started.append(what)
            try:
                await entry.future
            finally:
                run.pending.remove(entry)  # however the wait ends, as World::io's Unlist
            run.returned.append(what)
            return run.setup.returns.get(f"{prefix}.{method}")

        return call


class Run:
    def __init__(self, setup: LevelSetup, code, picks: list[int]):
        self.setup = setup
        self.picks = picks
        self.pending: list[Call] = []
        self.started: list[str] = []    # every call, in the order it started
        self.returned: list[str] = []   # the calls whose await returned
        self.offered: list[list[list[str]]] = []
        self.lines: list[list] = []
        self.moves = 0
        self.stopped = False
        self.ns: dict = {"__name__": "listing", "print": self.print}
        self.pools: list = []           # pool-leak: the listing's Pool, and who took each connection
        self.holders: dict[str, asyncio.Task] = {}
        exec(code, self.ns)
        if setup.prepare:
            setup.prepare(self)

    def print(self, *args, sep=" ", end="\n", **_):
        if self.stopped:
            return
        task = asyncio.current_task()
        self.lines.append([self.moves, task.get_name() if task else "?", sep.join(map(str, args))])

    def options(self) -> list[tuple[str, str, str, Any]]:
        moves = []
        for call in self.pending:
            if call.future.done():
                continue
            moves.append(("reply", call.task, call.what, call))
            if call.can_fail:
                moves.append(("fail", call.task, call.what, call))
        tasks = {t.get_name(): t for t in asyncio.all_tasks()}  # the tasks not done yet
        for name in self.setup.cancellable:
            if name in tasks:
                moves.append(("cancel", name, "", tasks[name]))
        return moves

    @staticmethod
    async def settle() -> None:
        """Returns when every other task waits: nothing is left in the loop's ready queue."""
        loop = asyncio.get_running_loop()
        await asyncio.sleep(0)
        while loop._ready:  # noqa: SLF001 (CPython's queue of callbacks to run)
            await asyncio.sleep(0)
        if loop._scheduled:  # noqa: SLF001
            raise RuntimeError("the listing set a timer: the game has no clock")

    async def drive(self) -> tuple[str, str]:
        args = self.setup.main(lambda prefix, **attrs: Service(self, prefix, **attrs))
        main = asyncio.create_task(self.ns["main"](*args), name="main")
        try:
            while True:
                await self.settle()
                if self.setup.invariant and (wrong := self.setup.invariant(self)):
                    return "broken", wrong
                if main.done():
                    if main.cancelled():
                        return "raised", "CancelledError"
                    error = main.exception()
                    if error is None:
                        return "survived", ""
                    return "raised", f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
                options = self.options()
                if not options:
                    return "hang", ""
                self.offered.append([list(o[:3]) for o in options])
                if self.moves >= len(self.picks) or self.picks[self.moves] >= len(options):
                    return "cut", ""
                kind, _, what, target = options[self.picks[self.moves]]
                if kind == "reply":
                    target.future.set_result(None)
                elif kind == "fail":
                    target.future.set_exception(ConnectionError(f"{what} failed"))
                else:
                    target.cancel()
                self.moves += 1
        finally:
            self.stopped = True  # what the program prints while it is torn down is not shown

    def play(self) -> tuple[str, str]:
        loop = asyncio.new_event_loop()
        loop.set_exception_handler(lambda _loop, _context: None)  # the teardown's leftovers
        try:
            return loop.run_until_complete(self.drive())
        finally:
            loop.run_until_complete(self.teardown())
            loop.close()

    @staticmethod
    async def teardown() -> None:
        tasks = asyncio.all_tasks() - {asyncio.current_task()}
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


# ---- The comparison ------------------------------------------------------------------------

def show(moves: list) -> str:
    return "[" + ", ".join(" ".join(x for x in m if x) for m in moves) + "]"


def compare(setup: LevelSetup, code, order: dict) -> str | None:
    """What differs between the C++ order and the listing run with its picks (None: nothing)."""
    picks = order["picks"]
    run = Run(setup, code, picks)
    end, detail = run.play()
    c_offered = order["offered"]
    for d, (c, p) in enumerate(zip(c_offered, run.offered)):
        if c != p:
            return f"decision {d + 1}: C++ offers {show(c)}, the listing {show(p)}"
    for i, (c, p) in enumerate(zip(order["lines"], run.lines)):
        if c != p:
            return f"line {i + 1}: C++ printed {c}, the listing {p} ([moves before, task, text])"
    if len(order["lines"]) != len(run.lines):
        more, who = (order["lines"], "C++") if len(order["lines"]) > len(run.lines) else (run.lines, "the listing")
        return f"only {who} printed {more[min(len(order['lines']), len(run.lines)):]}"
    c_end = order["end"]
    if c_end == "broken":
        # The game stopped here; the listing must have come this far and not ended otherwise.
        if run.moves != len(picks):
            return f"C++ broke after {len(picks)} moves ({order['broken']}), the listing ended after {run.moves}: {end} {detail}"
        if setup.invariant and (end, detail) != ("broken", order["broken"]):
            return f"C++ broke after {len(picks)} moves ({order['broken']}), the listing's invariant: {end} {detail}"
        return None
    if end == "broken":
        return f"the listing's invariant broke after {run.moves} moves ({detail}), C++ {c_end} {order['broken']}"
    if len(c_offered) != len(run.offered):
        return f"C++ had {len(c_offered)} decisions, the listing {len(run.offered)}"
    if c_end != end:
        return f"C++ ended {c_end} {order['broken']}, the listing {end} {detail}"
    if end == "raised" and order["broken"] != f"main raised {detail}":
        return f"C++: {order['broken']}, the listing: main raised {detail}"
    return None


def check(level_check: str, levels: Path, level: str, variant: str, replace: list[list[str]]) -> tuple[int, int]:
    """Compares every order of one version; returns (orders, mismatches)."""
    setup = LEVELS.get(level)
    if setup is None:
        print(f"FAIL {level}: no entry in LEVELS of {Path(__file__).name}")
        return 0, 1
    path = levels / level / f"{variant}.py"
    source = path.read_text(encoding="utf-8")
    for target, old, new in replace:
        if target == f"{level}/{variant}":
            if old not in source:
                sys.exit(f"--replace: {old!r} is not in {path}")
            source = source.replace(old, new)
    code = compile(source, str(path), "exec")
    dump = subprocess.run([level_check, "--dump", level, variant], capture_output=True, text=True, check=True)
    orders = [json.loads(line) for line in dump.stdout.splitlines()]
    bad = 0
    for order in orders:
        try:
            problem = compare(setup, code, order)
        except Exception as error:  # noqa: BLE001 (a listing that crashes the harness is a mismatch)
            problem = f"the listing run failed: {type(error).__name__}: {error}"
        if problem:
            bad += 1
            if bad <= MAX_SHOWN:
                print(f"FAIL {level} {variant} picks {order['picks']}: {problem}")
    ends: dict[str, int] = {}
    for order in orders:
        ends[order["end"]] = ends.get(order["end"], 0) + 1
    summary = ", ".join(f"{n} {e}" for e, n in sorted(ends.items()))
    verdict = "agree" if not bad else f"{bad} disagree"
    print(f"{'ok  ' if not bad else 'FAIL'} {level} {variant}: {len(orders)} orders ({summary}), {verdict}")
    if not orders:
        print(f"FAIL {level} {variant}: level_check --dump listed no order")
        bad += 1
    return len(orders), bad


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--level-check", required=True)
    parser.add_argument("--levels", required=True, type=Path)
    parser.add_argument("--replace", nargs=3, action="append", default=[], metavar=("LEVEL/VARIANT", "OLD", "NEW"))
    parser.add_argument("ids", nargs="+")
    args = parser.parse_args()
    total = bad = 0
    for level in args.ids:
        for variant in ("broken", "fixed"):
            n, b = check(args.level_check, args.levels, level, variant, args.replace)
            total += n
            bad += b
    print(f"{'ok' if not bad else 'FAIL'}: {total} orders compared, {bad} disagree")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
