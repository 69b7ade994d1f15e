#!/usr/bin/env python3
"""Random asyncio programs for the differential fuzzer (see README.md).

A program is a *description*: primitives (queues, semaphores, locks, events) and one body of
operations per task. From it this module writes

- `to_text(prog)`: the line-based description that `aio_fuzz` interprets on aio;
- `to_python(prog)`: a readable asyncio program for CPython under tests/python/vloop.py.

  generate.py --seed N            the Python program of seed N
  generate.py --seed N --desc     its description
"""

import argparse
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
VLOOP_DIR = os.path.normpath(os.path.join(HERE, "..", "python"))

FORMAT = "dirigent-fuzz 1"

# Delays are multiples of 0.05 so that deadlines in different tasks often coincide.
DELAYS = ["0.05", "0.1", "0.1", "0.2", "0.2", "0.3", "0.5", "1"]
TIMEOUTS = ["0", "0.1", "0.15", "0.2", "0.3", "0.5", "1"]

MAX_TASKS = 10
MAX_TASK_DEPTH = 3
MAX_BLOCK_DEPTH = 2


# ---------------------------------------------------------------------------------------------
# The description: ops are lists ["kind", args..., ] ; blocks carry op lists.
#   ["sleep", d] ["log", word] ["spawn", child] ["await", child, policy]
#   ["gather", "re"|"noexc", policy, [("+"|"", child)...]] ["shield", mark, child, policy]
#   ["wait_for", mark, child, timeout, policy] ["cancel", target, msg|"-"] ["raise", word]
#   ["put", q, v] ["get", q] ["put_nowait", q, v] ["get_nowait", q] ["task_done", q] ["join", q]
#   ["ev_wait", e] ["ev_set", e] ["ev_clear", e] ["tgspawn", child]
#   ["try_cancel", mode, ops, handler] ["try_error", ops] ["timeout", d, ops] ["tg", ops]
#   ["lock", l, ops] ["sem", s, ops]
# policy: what an await does with a CancelledError it catches ("raise" it again or "swallow" it).
# ---------------------------------------------------------------------------------------------


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.seed = seed
        self.bodies = {}  # name -> {"value", "ops", "quiet"}
        self.order = []  # body names in the order they were generated
        self.count = 0
        self.prims = []  # (name, kind, arg)
        self.queues, self.sems, self.locks, self.events = [], [], [], []
        # Set once the body being generated has a construct after which the task may go on
        # running although it was cancelled (see gen_tame).
        self.tame = False

    def make_prims(self):
        r = self.r
        for i in range(r.choice([0, 1, 1, 2])):
            kind = r.choice(["queue", "queue", "lifo", "prio"])
            size = r.choice([0, 0, 1, 2])
            name = f"q{i}"
            self.prims.append((name, kind, size))
            self.queues.append(name)
        if r.random() < 0.4:
            self.prims.append(("s0", "sem", r.choice([1, 2])))
            self.sems.append("s0")
        if r.random() < 0.4:
            self.prims.append(("l0", "lock", 0))
            self.locks.append("l0")
        for i in range(r.choice([0, 0, 1, 2])):
            self.prims.append((f"e{i}", "event", 0))
            self.events.append(f"e{i}")

    def new_name(self):
        self.count += 1
        return f"t{self.count}"

    def can_spawn(self, depth):
        return depth < MAX_TASK_DEPTH and self.count < MAX_TASKS

    def body(self, name, depth, quiet):
        """Generates the body of task `name` (a child at `depth`); quiet: see gen_quiet."""
        self.order.append(name)
        b = {"value": 0 if name == "main" else int(name[1:]) * 10, "ops": None, "quiet": quiet}
        self.bodies[name] = b
        saved_tame, self.tame = self.tame, False
        if quiet:
            ops = self.gen_quiet()
        else:
            ops = self.gen_ops(name, depth, block_depth=0, visible=[], tg=0,
                               n=self.r.randint(3, 9) if name == "main" else self.r.randint(1, 6))
            # often wait for the children at the end, so that they get to run before the run ends
            if self.r.random() < 0.6:
                ops += [["await", c, "raise"] for c in self.last_visible]
        b["ops"] = [["log", "start"]] + ops
        self.tame = saved_tame
        return name

    def child(self, depth, quiet=False):
        name = self.new_name()
        self.body(name, depth + 1, quiet)
        return name

    def gen_quiet(self):
        """A TaskGroup with several children cancels them in set order (CPython 3.11's
        TaskGroup._abort iterates a set): unspecified. Such children are "quiet": once a
        cancellation reaches one of them, it ends without anything observable (no except
        blocks, no awaits on other tasks, no locks or queues it could hand on)."""
        r = self.r
        ops = []
        for _ in range(r.randint(1, 4)):
            c = r.random()
            if c < 0.4:
                ops.append(["sleep", r.choice(DELAYS + ["0"])])
            elif c < 0.6:
                ops.append(["log", r.choice(["a", "b", "c", "d"])])
            elif c < 0.7:
                ops.append(["raise", f"q{self.r.randint(1, 99)}"])
                break
            elif c < 0.8 and self.events:
                ops.append([r.choice(["ev_set", "ev_wait", "ev_clear"]), r.choice(self.events)])
            elif c < 0.9 and self.queues:
                q = r.choice(self.queues)
                ops.append(["put_nowait", q, str(r.randint(1, 9))] if r.random() < 0.5 else ["get_nowait", q])
            else:
                ops.append(["cancel", self.cancel_target("?"), self.cancel_msg()])
        return ops

    def cancel_target(self, me):
        r = self.r
        if me != "?" and r.random() < 0.1:
            return me
        if r.random() < 0.05:
            return "main"  # rarely: it ends the program
        return r.choice([f"t{i}" for i in range(1, self.count + 3)])

    def cancel_msg(self):
        return "-" if self.r.random() < 0.5 else self.r.choice(["stop", "halt", "bye"])

    def policy(self):
        if self.r.random() < 0.25:
            self.tame = True
            return "swallow"
        return "raise"

    def gen_ops(self, me, depth, block_depth, visible, tg, n):
        """n ops for task `me`. visible: its children surely spawned at this point (may be awaited);
        tg: how many TaskGroup blocks enclose this point (tgspawn needs one)."""
        r = self.r
        ops = []
        visible = list(visible)
        for _ in range(n):
            if self.tame:
                ops.append(self.gen_tame(me, block_depth))
                continue
            c = r.random()
            if c < 0.16:
                ops.append(["sleep", r.choice(DELAYS)])
            elif c < 0.21:
                ops.append(["sleep", "0"])
            elif c < 0.27:
                ops.append(["log", r.choice(["a", "b", "c", "d", "e"])])
            elif c < 0.37 and self.can_spawn(depth):
                child = self.child(depth)
                ops.append(["spawn", child])
                visible.append(child)
                if r.random() < 0.2:  # cancelled before it starts
                    ops.append(["cancel", child, self.cancel_msg()])
            elif c < 0.44 and visible:
                ops.append(["await", r.choice(visible), self.policy()])
            elif c < 0.49 and (visible or self.can_spawn(depth)):
                kids = []
                for _ in range(r.randint(1, 3)):
                    if self.can_spawn(depth) and (not visible or r.random() < 0.6):
                        kids.append(("+", self.child(depth)))
                    else:
                        cand = [v for v in visible if ("", v) not in kids]
                        if cand:
                            kids.append(("", r.choice(cand)))
                if kids:
                    ops.append(["gather", r.choice(["re", "noexc"]), self.policy(), kids])
                    visible += [k for m, k in kids if m == "+"]
            elif c < 0.53 and (visible or self.can_spawn(depth)):
                mark, kid = self.fresh_or_visible(depth, visible)
                ops.append(["shield", mark, kid, self.policy()])
                if mark:
                    visible.append(kid)
            elif c < 0.58 and (visible or self.can_spawn(depth)):
                mark, kid = self.fresh_or_visible(depth, visible)
                ops.append(["wait_for", mark, kid, r.choice(TIMEOUTS), self.policy()])
                self.tame = True  # 3.11's wait_for may swallow a cancellation (wait_for_swallowed)
                if mark:
                    visible.append(kid)
            elif c < 0.64:
                ops.append(["cancel", self.cancel_target(me), self.cancel_msg()])
            elif c < 0.67 and (me != "main" or block_depth > 0):  # main raising ends the program
                ops.append(["raise", f"{me}x{r.randint(1, 99)}"])
            elif c < 0.76 and self.queues:
                q = r.choice(self.queues)
                kind = r.choice(["put", "put", "get", "get", "put_nowait", "get_nowait", "task_done", "join"])
                if kind in ("put", "put_nowait"):
                    ops.append([kind, q, str(r.randint(1, 9))])
                else:
                    ops.append([kind, q])
            elif c < 0.81 and self.events:
                e = r.choice(self.events)
                ops.append([r.choice(["ev_wait", "ev_wait", "ev_set", "ev_set", "ev_clear"]), e])
            elif c < 0.85 and tg and self.can_spawn(depth):
                ops.append(["tgspawn", self.child(depth)])
            elif block_depth < MAX_BLOCK_DEPTH:
                ops.append(self.gen_block(me, depth, block_depth, visible, tg))
            else:
                ops.append(["sleep", r.choice(DELAYS)])
        self.last_visible = visible
        return ops

    def gen_tame(self, me, block_depth):
        """After a task may have swallowed a cancellation (and in except-CancelledError blocks)
        it must not wait without a timer or create tasks: the cancellation may be the one at
        the end of the run (or after a deadlock report). There CPython's asyncio.run would hang
        forever (or leave the new task pending), vloop reports a deadlock and cancels again,
        aio::run drops what is left: three different answers to a question with none, so the
        programs never ask it."""
        r = self.r
        c = r.random()
        if c < 0.35:
            return ["sleep", r.choice(DELAYS + ["0"])]
        if c < 0.55:
            return ["log", r.choice(["a", "b", "c", "d", "e"])]
        if c < 0.65:
            return ["cancel", self.cancel_target(me), self.cancel_msg()]
        if c < 0.7:
            return ["raise", f"{me}x{r.randint(1, 99)}"]
        if c < 0.8 and self.queues:
            q = r.choice(self.queues)
            k = r.choice(["put_nowait", "get_nowait", "task_done"])
            return [k, q, str(r.randint(1, 9))] if k == "put_nowait" else [k, q]
        if c < 0.87 and self.events:
            return [r.choice(["ev_set", "ev_clear"]), r.choice(self.events)]
        if block_depth < MAX_BLOCK_DEPTH:
            inner = self.gen_ops(me, 0, block_depth + 1, [], 0, r.randint(1, 3))
            return ["timeout", r.choice(TIMEOUTS), inner] if r.random() < 0.5 else ["try_error", inner]
        return ["sleep", r.choice(DELAYS)]

    def fresh_or_visible(self, depth, visible):
        if self.can_spawn(depth) and (not visible or self.r.random() < 0.6):
            return "+", self.child(depth)
        return "", self.r.choice(visible)

    def gen_block(self, me, depth, block_depth, visible, tg):
        r = self.r
        inner = lambda k: self.gen_ops(me, depth, block_depth + 1, visible, tg, r.randint(1, k))
        c = r.random()
        if c < 0.3:
            mode = r.choice(["raise", "raise", "swallow", "uncancel"])
            body = inner(4)
            saved, self.tame = self.tame, True  # a handler runs after a cancellation
            handler = [["log", "h"]] + (self.gen_ops(me, depth, block_depth + 1, visible, tg, r.randint(1, 2))
                                        if r.random() < 0.5 else [])
            self.tame = saved or mode != "raise"
            return ["try_cancel", mode, body, handler]
        if c < 0.45:
            return ["try_error", inner(4)]
        if c < 0.65:
            return ["timeout", r.choice(TIMEOUTS), inner(4)]
        if c < 0.82 and self.can_spawn(depth):
            return self.gen_tg(me, depth, block_depth, visible, tg)
        if c < 0.91 and self.locks:
            return ["lock", r.choice(self.locks), inner(3)]
        if self.sems:
            return ["sem", r.choice(self.sems), inner(3)]
        return ["try_error", inner(3)]

    def gen_tg(self, me, depth, block_depth, visible, tg):
        r = self.r
        k = min(r.choice([1, 1, 2, 3]), MAX_TASKS - self.count)
        quiet = k >= 2
        kids = [["tgspawn", self.child(depth, quiet)] for _ in range(k)]
        # the body's own ops; a single-child group may get more children from them (tgspawn)
        other = self.gen_ops(me, depth, block_depth + 1, visible, tg + 1 if not quiet else 0,
                             r.randint(0, 3))
        if quiet:
            other = [op for op in other if op[0] != "tgspawn"]
        # interleave the two, each in its own order (the body's ops may refer to each other)
        ops = []
        while kids or other:
            src = kids if kids and (not other or r.random() < 0.5) else other
            ops.append(src.pop(0))
        return ["tg", ops]


def generate(seed):
    g = Gen(seed)
    g.make_prims()
    g.body("main", 0, False)
    # tgspawn in a group's own ops with other tgspawn ops: more than one child, so not quiet.
    _fix_groups(g)
    return {"seed": seed, "prims": g.prims, "bodies": {n: g.bodies[n] for n in g.order}}


def _fix_groups(g):
    """A group whose body (not counting nested groups) spawns several children gets quiet
    children only; gen_tg ensures it for the children it makes, this catches tgspawn ops that
    gen_ops put in a single-child group's body (only when the group body does not nest blocks
    that spawn more: nested blocks may also hold tgspawn ops for the same group)."""
    def spawns(ops):
        out = []
        for op in ops:
            if op[0] == "tgspawn":
                out.append(op[1])
            elif op[0] in ("try_error", "timeout", "lock", "sem"):
                out += spawns(op[-1])
            elif op[0] == "try_cancel":
                out += spawns(op[2]) + spawns(op[3])
        return out

    def walk(ops):
        for op in ops:
            if op[0] == "tg":
                kids = spawns(op[1])
                if len(kids) >= 2:
                    for k in kids:
                        _quieten(g, k)
                walk(op[1])
            elif op[0] in ("try_error", "timeout", "lock", "sem"):
                walk(op[-1])
            elif op[0] == "try_cancel":
                walk(op[2])
                walk(op[3])

    for name in list(g.order):
        walk(g.bodies[name]["ops"])


def _quieten(g, name):
    b = g.bodies[name]
    if b["quiet"]:
        return
    b["quiet"] = True
    # its own children stay in the program (some op may name them) but are never spawned
    b["ops"] = [["log", "start"]] + g.gen_quiet()


# ---------------------------------------------------------------------------------------------
# The description as text, for aio_fuzz: one op per line; blocks end with "end".
# ---------------------------------------------------------------------------------------------


def to_text(prog):
    out = [FORMAT, f"seed {prog['seed']}"]
    for name, kind, arg in prog["prims"]:
        out.append(f"prim {name} {kind} {arg}")
    for name, b in prog["bodies"].items():
        out.append(f"body {name} {b['value']}")
        _text_ops(b["ops"], out, 1)
        out.append("end")
    return "\n".join(out) + "\n"


def _text_ops(ops, out, ind):
    pad = "  " * ind
    for op in ops:
        k = op[0]
        if k == "gather":
            out.append(pad + " ".join([k, op[1], op[2]] + [m + c for m, c in op[3]]))
        elif k in ("shield", "wait_for"):
            out.append(pad + " ".join([k, op[1] + op[2]] + op[3:]))
        elif k == "try_cancel":
            out.append(f"{pad}try_cancel {op[1]}")
            _text_ops(op[2], out, ind + 1)
            out.append(f"{pad}handler")
            _text_ops(op[3], out, ind + 1)
            out.append(f"{pad}end")
        elif k in ("try_error", "tg"):
            out.append(f"{pad}{k}")
            _text_ops(op[1], out, ind + 1)
            out.append(f"{pad}end")
        elif k in ("timeout", "lock", "sem"):
            out.append(f"{pad}{k} {op[1]}")
            _text_ops(op[2], out, ind + 1)
            out.append(f"{pad}end")
        else:
            out.append(pad + " ".join(op))


# ---------------------------------------------------------------------------------------------
# The description as a Python program.
# ---------------------------------------------------------------------------------------------

PRELUDE = '''\
import asyncio, sys
sys.path.insert(0, {vloop!r})
from vloop import Boom, describe, log, run

tasks = {{}}  # every task by name, kept to the end (no garbage-collection-dependent output)


def retrieve(task):
    # read every task's outcome: "Task exception was never retrieved" never depends on the GC
    if not task.cancelled():
        task.exception()


def keep(task):
    tasks[task.get_name()] = task
    task.add_done_callback(retrieve)
    return task


def spawn(coro, name):
    return keep(asyncio.create_task(coro, name=name))


def show(x):
    if isinstance(x, asyncio.CancelledError):
        return f"{{describe(x)}} '{{x}}'"
    if isinstance(x, BaseException):
        return describe(x)
    return str(x)


def cancel(me, name, msg=None):
    task = tasks.get(name)
    if task is None:
        log(f"{{me}}: cancel {{name}}: not created")
    else:
        log(f"{{me}}: cancel {{name}} -> {{task.cancel(msg)}}")

'''


def to_python(prog):
    out = [f"# fuzz program, seed {prog['seed']} (tests/fuzz/generate.py)", PRELUDE.format(vloop=VLOOP_DIR)]
    for name, kind, arg in prog["prims"]:
        ctor = {"queue": f"asyncio.Queue({arg})", "lifo": f"asyncio.LifoQueue({arg})",
                "prio": f"asyncio.PriorityQueue({arg})", "sem": f"asyncio.Semaphore({arg})",
                "lock": "asyncio.Lock()", "event": "asyncio.Event()"}[kind]
        out.append(f"{name} = {ctor}")
    if prog["prims"]:
        out.append("")
    for name, b in prog["bodies"].items():
        out.append("")
        out.append(f"async def body_{name}():")
        if name == "main":
            out.append("    tasks['main'] = asyncio.current_task()")
        em = _Emitter(name)
        em.ops(b["ops"], 1)
        out += em.lines
        out.append(f"    return {b['value']}")
        out.append("")
    out.append("")
    out.append("run(body_main())")
    return "\n".join(out) + "\n"


class _Emitter:
    def __init__(self, me):
        self.me = me
        self.lines = []
        self.tg_depth = 0

    def w(self, ind, text):
        self.lines.append("    " * ind + text)

    def ops(self, ops, ind):
        if not ops:
            self.w(ind, "pass")
        for op in ops:
            getattr(self, "op_" + op[0])(op, ind)

    def L(self, text):
        """A log call for an f-string text (prefixed with the task's name)."""
        return f'log(f"{self.me}: {text}")'

    def guarded(self, ind, what, stmts, policy):
        """stmts under try; CancelledError logged and re-raised or swallowed; errors logged."""
        self.w(ind, "try:")
        for s in stmts:
            self.w(ind + 1, s)
        self.w(ind, "except asyncio.CancelledError as e:")
        self.w(ind + 1, self.L(what + " raised {show(e)}"))
        if policy == "raise":
            self.w(ind + 1, "raise")
        self.w(ind, "except Exception as e:")
        self.w(ind + 1, self.L(what + " raised {show(e)}"))

    @staticmethod
    def task_expr(mark, name):
        return f'spawn(body_{name}(), "{name}")' if mark == "+" else f'tasks["{name}"]'

    def op_sleep(self, op, ind):
        self.w(ind, f"await asyncio.sleep({op[1]})")

    def op_log(self, op, ind):
        self.w(ind, self.L(op[1]))

    def op_spawn(self, op, ind):
        self.w(ind, f'spawn(body_{op[1]}(), "{op[1]}")')

    def op_tgspawn(self, op, ind):
        self.w(ind, "try:")
        self.w(ind + 1, f'keep(tg{self.tg_depth}.create_task(body_{op[1]}(), name="{op[1]}"))')
        self.w(ind, "except RuntimeError as e:")
        self.w(ind + 1, self.L(f"create {op[1]} raised {{describe(e)}}"))

    def op_await(self, op, ind):
        self.guarded(ind, f"await {op[1]}", [f'r = await tasks["{op[1]}"]', self.L(f"await {op[1]} -> {{r}}")], op[2])

    def op_gather(self, op, ind):
        kids = ", ".join(self.task_expr(m, c) for m, c in op[3])
        re = ", return_exceptions=True" if op[1] == "re" else ""
        names = " ".join(c for _, c in op[3])
        self.guarded(ind, f"gather {names}", [
            f"rs = await asyncio.gather({kids}{re})",
            self.L(f"gather {names} -> " + "{' '.join(show(r) for r in rs)}")], op[2])

    def op_shield(self, op, ind):
        self.guarded(ind, f"shield {op[2]}", [
            f"r = await asyncio.shield({self.task_expr(op[1], op[2])})",
            self.L(f"shield {op[2]} -> {{r}}")], op[3])

    def op_wait_for(self, op, ind):
        self.guarded(ind, f"wait_for {op[2]}", [
            f"r = await asyncio.wait_for({self.task_expr(op[1], op[2])}, {op[3]})",
            self.L(f"wait_for {op[2]} -> {{r}}")], op[4])

    def op_cancel(self, op, ind):
        msg = "" if op[2] == "-" else f', "{op[2]}"'
        self.w(ind, f'cancel("{self.me}", "{op[1]}"{msg})')

    def op_raise(self, op, ind):
        self.w(ind, self.L(f"raises {op[1]}"))
        self.w(ind, f'raise Boom("{op[1]}")')

    def op_put(self, op, ind):
        self.w(ind, f"await {op[1]}.put({op[2]})")
        self.w(ind, self.L(f"put {op[2]} into {op[1]}"))

    def op_get(self, op, ind):
        self.w(ind, f"v = await {op[1]}.get()")
        self.w(ind, self.L(f"got {{v}} from {op[1]}"))

    def op_put_nowait(self, op, ind):
        self.w(ind, "try:")
        self.w(ind + 1, f"{op[1]}.put_nowait({op[2]})")
        self.w(ind + 1, self.L(f"put_nowait {op[2]} into {op[1]}"))
        self.w(ind, "except asyncio.QueueFull as e:")
        self.w(ind + 1, self.L(f"put_nowait {op[2]} into {op[1]}: {{describe(e)}}"))

    def op_get_nowait(self, op, ind):
        self.w(ind, "try:")
        self.w(ind + 1, f"v = {op[1]}.get_nowait()")
        self.w(ind + 1, self.L(f"get_nowait {{v}} from {op[1]}"))
        self.w(ind, "except asyncio.QueueEmpty as e:")
        self.w(ind + 1, self.L(f"get_nowait from {op[1]}: {{describe(e)}}"))

    def op_task_done(self, op, ind):
        self.w(ind, "try:")
        self.w(ind + 1, f"{op[1]}.task_done()")
        self.w(ind + 1, self.L(f"task_done {op[1]}"))
        self.w(ind, "except ValueError as e:")
        self.w(ind + 1, self.L(f"task_done {op[1]}: {{describe(e)}}"))

    def op_join(self, op, ind):
        self.w(ind, f"await {op[1]}.join()")
        self.w(ind, self.L(f"joined {op[1]}"))

    def op_ev_wait(self, op, ind):
        self.w(ind, f"await {op[1]}.wait()")
        self.w(ind, self.L(f"{op[1]} is set"))

    def op_ev_set(self, op, ind):
        self.w(ind, f"{op[1]}.set()")
        self.w(ind, self.L(f"set {op[1]}"))

    def op_ev_clear(self, op, ind):
        self.w(ind, f"{op[1]}.clear()")
        self.w(ind, self.L(f"clear {op[1]}"))

    def op_try_cancel(self, op, ind):
        self.w(ind, "try:")
        self.ops(op[2], ind + 1)
        self.w(ind, "except asyncio.CancelledError as e:")
        self.w(ind + 1, self.L("caught {show(e)} cancelling={asyncio.current_task().cancelling()}"))
        if op[1] == "uncancel":
            self.w(ind + 1, "asyncio.current_task().uncancel()")
        self.ops(op[3], ind + 1)
        if op[1] == "raise":
            self.w(ind + 1, "raise")

    def op_try_error(self, op, ind):
        self.w(ind, "try:")
        self.ops(op[1], ind + 1)
        self.w(ind, "except Exception as e:")
        self.w(ind + 1, self.L("caught {describe(e)}"))

    def op_timeout(self, op, ind):
        self.w(ind, "try:")
        self.w(ind + 1, f"async with asyncio.timeout({op[1]}):")
        self.ops(op[2], ind + 2)
        self.w(ind + 1, self.L(f"timeout {op[1]} block done"))
        self.w(ind, "except TimeoutError:")
        self.w(ind + 1, self.L(f"timeout {op[1]} expired"))

    def op_tg(self, op, ind):
        self.tg_depth += 1
        self.w(ind, "try:")
        self.w(ind + 1, f"async with asyncio.TaskGroup() as tg{self.tg_depth}:")
        self.ops(op[1], ind + 2)
        self.w(ind + 1, self.L("taskgroup done"))
        self.w(ind, "except BaseExceptionGroup as eg:")
        self.w(ind + 1, self.L("taskgroup raised {describe(eg)}"))
        self.tg_depth -= 1

    def op_lock(self, op, ind):
        self.w(ind, f"async with {op[1]}:")
        self.w(ind + 1, self.L(f"holds {op[1]}"))
        self.ops(op[2], ind + 1)
        self.w(ind, self.L(f"released {op[1]}"))

    op_sem = op_lock


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--desc", action="store_true", help="print the description (aio_fuzz's input)")
    args = ap.parse_args()
    prog = generate(args.seed)
    sys.stdout.write(to_text(prog) if args.desc else to_python(prog))


if __name__ == "__main__":
    main()
