# Threads versus coroutines: the same job twice. Every worker waits for a reply and then adds 1
# to a shared counter in three steps: read, compute, write. Part 1 does it with "threads", part 2
# with asyncio tasks. Real threads cannot be replayed step by step, so part 1 plays the operating
# system's scheduler: a seeded coin decides whether it takes the CPU away from a thread between
# its read and its write. (live_threads.py, beside this file, measures real threads.)
import asyncio
import time

# The lesson's sliders. Change them here when you run this file yourself.
WORKERS = 4      # threads in part 1, tasks in part 2
CHANCE = 50      # percent: how often the modelled OS switches away between a read and a write
REPLY = 0.2      # seconds the first worker waits for its reply
STAGGER = 0.0    # seconds between two workers' replies (0: every reply arrives at the same moment)
PITFALL = False  # True: the tasks await something between their read and their write

AUDIT = 0.005    # seconds it takes to write the pitfall's audit record
START = time.monotonic()

counter = 0      # the shared counter: every worker adds 1


def log(message):
    """Print the message with the seconds since the start (the loop's clock is time.monotonic)."""
    print(f"t={asyncio.get_running_loop().time() - START:.3f} {message}")


class Rng:
    """A seeded random generator (splitmix64): the same numbers on every run, and in the C++ twin."""

    MASK = (1 << 64) - 1

    def __init__(self, seed):
        self.state = seed & self.MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & self.MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & self.MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & self.MASK
        return z ^ (z >> 31)

    def randint(self, lo, hi):
        """A whole number from lo to hi, both included."""
        return lo + self.next() % (hi - lo + 1)


class Os:
    """The model of the operating system's scheduler for part 1. A real OS may take the CPU away
    from a thread after any instruction; this one does it only between the read and the write,
    where it hurts, and a seeded coin decides, so every run shows the same switches."""

    def __init__(self, chance, seed):
        self.chance, self.rng = chance, Rng(seed)

    async def may_switch(self, name):
        if self.rng.randint(1, 100) <= self.chance:  # @coin
            log(f"OS: takes the CPU away from {name} between its read and its write")
            await asyncio.sleep(0)  # the other ready threads run first; then it gets the CPU back  # @os-switch


def updates(n):
    return f"{n} update" if n == 1 else f"{n} updates"


def written(name, seen, before):
    """The log line of a write: `seen` was read, `before` is what the counter holds by now."""
    if before == seen:
        return f"{name} writes counter = {seen + 1}"
    return f"{name} writes counter = {seen + 1}, but counter was {before} by now, not {seen}: {updates(before - seen)} lost"


async def thread_worker(name, reply, the_os):
    global counter
    await asyncio.sleep(reply)  # waits for its reply (a real thread blocks in recv())  # @thread-reply
    seen = counter  # 1. read  # @thread-read
    log(f"{name} reads counter = {seen}")
    await the_os.may_switch(name)  # the OS decides, not the thread  # @may-switch
    updated = seen + 1  # 2. compute
    before = counter  # what others wrote meanwhile shows here (only for the log)
    counter = updated  # 3. write  # @thread-write
    log(written(name, seen, before))


async def write_audit_record():
    await asyncio.sleep(AUDIT)  # stands in for an INSERT into an audit table  # @audit-write


async def task_worker(name, reply):
    global counter
    await asyncio.sleep(reply)  # waits for its reply; other tasks run meanwhile  # @task-reply
    seen = counter  # 1. read  # @task-read
    log(f"{name} reads counter = {seen}")
    if PITFALL:
        await write_audit_record()  # the pitfall: an await between read and write  # @audit
    updated = seen + 1  # 2. compute
    before = counter  # what others wrote meanwhile shows here (only for the log)
    counter = updated  # 3. write  # @task-write
    log(written(name, seen, before))


async def main():
    global counter
    # Part 1: WORKERS threads; the (modelled) OS decides when one of them loses the CPU.
    log(f"part 1: {WORKERS} threads; the OS may switch between read and write ({CHANCE} %)")
    the_os = Os(CHANCE, seed=31)  # @os
    threads = [asyncio.create_task(thread_worker(f"thread-{k}", REPLY + (k - 1) * STAGGER, the_os),  # @start-threads
                                   name=f"thread-{k}")
               for k in range(1, WORKERS + 1)]
    await asyncio.gather(*threads)  # @join-threads
    log(f"threads: counter = {counter}, expected {WORKERS}: {updates(WORKERS - counter)} lost")

    # Part 2: the same job as asyncio tasks; a task gives up the loop only at an await.
    counter = 0
    log(f"part 2: {WORKERS} tasks on one event loop" + (", with an await between read and write" if PITFALL else ""))
    tasks = [asyncio.create_task(task_worker(f"task-{k}", REPLY + (k - 1) * STAGGER), name=f"task-{k}")  # @start-tasks
             for k in range(1, WORKERS + 1)]
    await asyncio.gather(*tasks)  # @gather-tasks
    log(f"tasks: counter = {counter}, expected {WORKERS}: {updates(WORKERS - counter)} lost")


asyncio.run(main())
