# A task that cancels itself (current_task().cancel() or t.cancel() on its own handle) and then
# returns normally ends cancelled, with cancel()'s message: the value it returned is lost.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import describe, log, run


async def via_current_task():
    log(f"via_current_task: cancel() -> {asyncio.current_task().cancel()}")
    log("via_current_task returns 1")
    return 1


async def via_handle(handles):
    log(f"via_handle: cancel('bye') -> {handles['self'].cancel('bye')}")
    log(f"via_handle cancelling() {handles['self'].cancelling()}")
    return 2


async def main():
    t = asyncio.create_task(via_current_task(), name="via_current_task")
    await asyncio.sleep(0)
    log(f"done() {t.done()} cancelled() {t.cancelled()}")
    try:
        log(f"result {await t}")
    except asyncio.CancelledError as e:
        log(f"await: {describe(e)} '{e}'")

    handles = {}
    u = asyncio.create_task(via_handle(handles), name="via_handle")
    handles["self"] = u
    await asyncio.sleep(0)
    log(f"done() {u.done()} cancelled() {u.cancelled()}")
    try:
        log(f"result {await u}")
    except asyncio.CancelledError as e:
        log(f"await: {describe(e)} '{e}'")
    results = await asyncio.gather(via_current_task(), return_exceptions=True)
    log(f"gather(return_exceptions) -> {describe(results[0])} '{results[0]}'")


run(main())
