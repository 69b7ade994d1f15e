# Task lifetime: main starts JOBS background jobs and does not await them. Job i takes
# i * LATENCY seconds; job FAIL raises. A set keeps every task alive until it is done, and each
# task's done callback takes it out again and reads its outcome. asyncio.all_tasks() shows what
# is still running. With the pitfall the tasks go into a list that nobody looks at again.
import asyncio
import time

# The lesson's sliders. Change them here when you run this file yourself.
JOBS = 4         # background jobs
FAIL = 2         # the job that fails (0: none; above JOBS: the last one)
LATENCY = 0.3    # seconds: job i takes i * LATENCY
PITFALL = False  # True: fire and forget, nobody reads the jobs' outcome

START = time.monotonic()

background = set()  # strong references to the running jobs
failed = 0          # failures the program noticed


def log(message):
    """Print the message with the seconds since the start (the loop's clock is time.monotonic)."""
    print(f"t={asyncio.get_running_loop().time() - START:.3f} {message}")


async def job(number):
    await asyncio.sleep(number * LATENCY)  # sending a report  # @work
    if number == min(FAIL, JOBS):
        raise ValueError(f"job {number}: mail server not reachable")  # @raise
    log(f"job-{number}: report sent")


def job_done(task):
    # Done callback: runs from the loop once the task is done.
    global failed
    background.discard(task)  # the set lets go of the task  # @discard
    if not task.cancelled() and task.exception() is not None:  # reading it counts as retrieved  # @retrieve
        failed += 1
        log(f"{task.get_name()} failed: {task.exception()!r}")  # @report


def still_running():
    """The names of the tasks that are not done yet, except the one asking."""
    me = asyncio.current_task()
    return sorted(t.get_name() for t in asyncio.all_tasks() if t is not me)  # @all_tasks


async def main():
    started = []
    for number in range(1, JOBS + 1):
        task = asyncio.create_task(job(number), name=f"job-{number}")  # a name shows up everywhere  # @create
        if PITFALL:
            started.append(task)  # kept, but nobody ever looks at it again  # @forget
        else:
            background.add(task)  # @keep
            task.add_done_callback(job_done)  # @callback
    log(f"{JOBS} jobs started, all_tasks() lists {len(asyncio.all_tasks())} tasks")  # @count
    await asyncio.sleep(LATENCY / 2)
    while True:
        running = still_running()
        log(f"still running: {', '.join(running) or 'nothing'}")  # @check
        if not running:
            break
        await asyncio.sleep(LATENCY)  # @poll
    log(f"main done: {failed} of {JOBS} jobs failed")  # @summary


asyncio.run(main())
