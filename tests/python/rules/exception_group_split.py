# ExceptionGroup: str() counts the sub-exceptions, .message and .exceptions are what the
# TaskGroup put in; split() and subgroup() keep the nesting and the message, and return
# None for an empty side. `except*` handles one kind and lets the rest propagate.
# convention: timer-ties: timers fall due at the same moment; CPython leaves their order open, vloop and aio fire them in creation order
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import Boom, describe, log, run


async def fail_boom(name, delay):
    await asyncio.sleep(delay)
    log(f"{name} raises")
    raise Boom(name)


async def fail_value(delay):
    await asyncio.sleep(delay)
    log("value raises")
    raise ValueError("bad value")


def show(eg):
    return "None" if eg is None else f"{describe(eg)} '{eg}'"


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fail_boom("a", 0.1), name="a")
            tg.create_task(fail_value(0.1), name="value")
    except ExceptionGroup as eg:
        log(f"str: {eg}")
        log(f"message: {eg.message}, {len(eg.exceptions)} exceptions: {describe(eg)}")
        match, rest = eg.split(ValueError)
        log(f"split(ValueError): {show(match)} / {show(rest)}")
        log(f"subgroup(Boom): {show(eg.subgroup(Boom))}")
        log(f"subgroup(TypeError): {show(eg.subgroup(TypeError))}")
        log(f"subgroup(all): {show(eg.subgroup(lambda e: True))}")

    nested = ExceptionGroup("outer", [Boom("x"), ExceptionGroup("inner", [ValueError("y"), Boom("z")])])
    log(f"nested: {show(nested)}")
    match, rest = nested.split(Boom)
    log(f"split(Boom): {show(match)} / {show(rest)}")
    match, rest = nested.split(lambda e: isinstance(e, ExceptionGroup) and e.message == "inner")
    log(f"split(inner group): {show(match)} / {show(rest)}")

    try:
        try:
            async with asyncio.TaskGroup() as tg:
                tg.create_task(fail_boom("b", 0.1), name="b")
                tg.create_task(fail_value(0.1), name="value")
        except* ValueError as eg:
            log(f"except* ValueError: {show(eg)}")
    except ExceptionGroup as eg:
        log(f"propagated: {show(eg)}")


run(main())
