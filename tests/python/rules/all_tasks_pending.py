# asyncio.all_tasks(): the loop's tasks that are not done yet, the running one included. A task
# created but not started yet is in it; a finished one is not, even while a variable holds it.
# (Python returns a set: both sides print the names sorted.)
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import log, run


def show(label):
    names = sorted(t.get_name() for t in asyncio.all_tasks())
    log(f"{label}: {len(names)} {' '.join(names)}")


async def job(delay):
    await asyncio.sleep(delay)


async def main():
    show("start")
    a = asyncio.create_task(job(1), name="a")
    b = asyncio.create_task(job(2), name="b")
    c = asyncio.create_task(job(3), name="c")
    show("created")
    await asyncio.sleep(1.5)
    show("after 1.5")
    log(f"a done {a.done()}")
    c.set_name("renamed")
    log(f"current {asyncio.current_task().get_name()}")
    await b
    show("after b")
    await c
    show("after c")


run(main())
