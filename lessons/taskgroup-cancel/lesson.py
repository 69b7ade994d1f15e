import asyncio
from dirigent import log, param, pitfall, run


async def download(work, cleanup):
    try:
        await asyncio.sleep(work)  # @download
        log("download done")
    except asyncio.CancelledError:
        log("download cancelled, removes its partial file")
        await asyncio.sleep(cleanup)  # cleanup may await  # @download-cleanup
        log("download cleaned up")
        raise  # re-raise: the task ends as cancelled  # @download-reraise


async def parse(fail_at):
    await asyncio.sleep(fail_at)  # @parse
    log("parse fails")
    raise ValueError("bad data")  # @parse-fails


async def saver(jobs, cleanup):
    while True:
        job = await jobs.get()  # @get
        try:
            log(f"saver writes {job}")
            await asyncio.sleep(2.0)  # a big file  # @write
            log(f"saver wrote {job}")
        except asyncio.CancelledError:
            log("saver cancelled, closes its file")
            await asyncio.sleep(cleanup)  # @saver-cleanup
            if not pitfall():
                raise  # hand the cancellation on  # @saver-reraise
            # The pitfall swallows it: the loop goes on and waits for a job that never comes.
            log("saver swallowed the cancel and waits for the next job")


async def main():
    cleanup = param("cleanup", 0.2)
    try:
        async with asyncio.TaskGroup() as tg:  # ends only when all its children have ended  # @taskgroup
            tg.create_task(download(param("work", 0.6), cleanup), name="download")  # @tg-download
            tg.create_task(parse(param("fail_at", 0.3)), name="parse")  # @tg-parse
    except ExceptionGroup as group:  # a failing child cancels its siblings  # @except-group
        types = ", ".join(type(error).__name__ for error in group.exceptions)
        log(f"caught ExceptionGroup: {types}")

    jobs = asyncio.Queue()
    jobs.put_nowait("report.txt")  # @put
    saver_task = asyncio.create_task(saver(jobs, cleanup), name="saver")  # @create-saver
    await asyncio.sleep(param("cancel_at", 0.4))  # @sleep
    saver_task.cancel()  # only a request: it arrives as CancelledError at the saver's await  # @cancel
    log("main cancels saver and waits for it")
    try:
        await saver_task  # @await-saver
    except asyncio.CancelledError:
        log(f"saver is cancelled: {saver_task.cancelled()}")


run(main())
