# The background-task idiom: a set holds every task until it is done, and each task's done
# callback takes it out again. Done callbacks run from the loop one iteration after the task
# finished, in the order they were added; added to a finished task, a callback runs in the next
# iteration. A failed task taken out of the set is collected as soon as its callback has run.
# convention: timer-ties: timers fall due at the same moment; CPython leaves their order open, vloop and aio fire them in creation order
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import Boom, log, run


async def job(name, delay, fail):
    await asyncio.sleep(delay)
    if fail:
        raise Boom(name)
    log(f"{name} finished")


async def main():
    background = set()

    def discard(task):
        background.discard(task)
        log(f"discard {task.get_name()}: {len(background)} left")

    def second(task):
        log(f"second callback of {task.get_name()}")

    for i, (delay, fail) in enumerate([(2, False), (1, True), (1, False)]):
        task = asyncio.create_task(job(f"job-{i}", delay, fail), name=f"job-{i}")
        background.add(task)
        task.add_done_callback(discard)
    task.add_done_callback(second)
    task = None
    log(f"started {len(background)}")
    await asyncio.sleep(1)
    log(f"at 1: {len(background)} in the set")
    await asyncio.sleep(0)
    log(f"one iteration later: {len(background)} in the set")
    late = asyncio.create_task(job("late", 0, False), name="late")
    await late
    late.add_done_callback(second)
    log("added to a finished task")
    await asyncio.sleep(0)
    log("next iteration")
    await asyncio.sleep(2)
    log(f"end: {len(background)} in the set")


run(main())
