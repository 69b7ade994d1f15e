import asyncio
import time

# The lesson's sliders. Change them here when you run this file yourself.
FAIL_AT = 0.3    # seconds until parse fails
WORK = 0.6       # seconds that download needs
CLEANUP = 0.2    # seconds that a cancelled task spends cleaning up
CANCEL_AT = 0.4  # seconds until main cancels the saver
PITFALL = False  # True: the saver swallows its CancelledError

START = time.monotonic()


def log(message):
    """Print the message with the seconds since the start (the loop's clock is time.monotonic)."""
    print(f"t={asyncio.get_running_loop().time() - START:.3f} {message}")


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
            if not PITFALL:
                raise  # hand the cancellation on  # @saver-reraise
            # The pitfall swallows it: the loop goes on and waits for a job that never comes.
            log("saver swallowed the cancel and waits for the next job")


async def main():
    try:
        async with asyncio.TaskGroup() as tg:  # ends only when all its children have ended  # @taskgroup
            tg.create_task(download(WORK, CLEANUP), name="download")  # @tg-download
            tg.create_task(parse(FAIL_AT), name="parse")  # @tg-parse
    # except* (Python 3.11) takes the ValueErrors out of the ExceptionGroup; any other
    # errors in the group travel on as a group of their own.
    except* ValueError as group:  # a failing child cancels its siblings  # @except-group
        for error in group.exceptions:
            log(f"caught ValueError from the group: {error}")

    jobs = asyncio.Queue()
    jobs.put_nowait("report.txt")  # @put
    saver_task = asyncio.create_task(saver(jobs, CLEANUP), name="saver")  # @create-saver
    await asyncio.sleep(CANCEL_AT)  # @sleep
    saver_task.cancel()  # only a request: it arrives as CancelledError at the saver's await  # @cancel
    log("main cancels saver and waits for it")
    try:
        await saver_task  # @await-saver
    except asyncio.CancelledError:
        log(f"saver is cancelled: {saver_task.cancelled()}")


asyncio.run(main())
