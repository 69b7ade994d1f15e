"""The few helpers every lesson.py imports, so the listings stay about asyncio.

    from dirigent import log, param, pitfall, run

- `param(name, default)` reads `--name VALUE` from the command line (int if the default is an int).
- `pitfall()` is True when the program was started with `--pitfall`.
- `log(message)` prints `t=<seconds since start, 3 decimals> message`.
- `run(main())` is `asyncio.run(main())`. Dirigent's tests set DIRIGENT_VIRTUAL=1 to run the same
  program on a virtual clock (tests/python/vloop.py) and compare its log with the C++ scenario.
- `Rng(seed)` is the seeded generator the C++ side has as lessons::Rng (splitmix64).
"""

import asyncio
import os
import sys

_MASK = (1 << 64) - 1
_start = None
_virtual = os.environ.get("DIRIGENT_VIRTUAL") == "1"


def _argv_value(name):
    flag = "--" + name
    args = sys.argv[1:]
    for i, arg in enumerate(args):
        if arg == flag and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith(flag + "="):
            return arg[len(flag) + 1:]
    return None


def param(name, default):
    """The value of `--name` on the command line, or `default`."""
    text = _argv_value(name)
    if text is None:
        return default
    value = float(text)
    if isinstance(default, int) and value == int(value):
        return int(value)
    return value


def pitfall():
    """True when started with --pitfall: the variant that shows what goes wrong."""
    return "--pitfall" in sys.argv[1:]


def log(message):
    """One line of the program's log, stamped with the loop time since the start."""
    if _virtual:
        import vloop
        vloop.log(message)
        return
    now = asyncio.get_running_loop().time()
    print(f"t={now - _start:.3f} {message}", flush=True)


def run(main):
    """asyncio.run(main): real time, or the test suite's virtual clock."""
    global _start
    if _virtual:
        import vloop
        vloop.run(main)
        return

    async def timed():
        global _start
        _start = asyncio.get_running_loop().time()
        return await main

    asyncio.run(timed())


class Rng:
    """splitmix64, as lessons::Rng in C++."""

    def __init__(self, seed):
        self.state = seed & _MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & _MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
        return z ^ (z >> 31)

    def uniform(self):
        return (self.next() >> 11) / 9007199254740992.0

    def randint(self, lo, hi):
        return lo + self.next() % (hi - lo + 1)
