# Waiting for many: as_completed hands results over as they finish, wait() returns (done, pending),
# the first of several mirrors wins and the others are cancelled, and except* takes a TaskGroup's
# errors apart by type.
import asyncio
import time

# The lesson's sliders. Change them here when you run this file yourself.
DOWNLOADS = 4    # downloads in part 1
SPREAD = 1.0     # the slowest possible latency, seconds; each one is SPREAD * (1 to 8) / 8
TIMEOUT = 0.5    # seconds that wait() in part 2 waits at most
MIRRORS = 3      # mirrors asked the same question in part 3
PITFALL = False  # True: main takes the winner and forgets to cancel the other mirrors

START = time.monotonic()


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


def names(tasks, which):
    """The names of the tasks in `which`, in the order of the list `tasks` (a set has no order)."""
    return ", ".join(task.get_name() for task in tasks if task in which) or "none"


async def download(file, latency):
    await asyncio.sleep(latency)  # stands in for the network  # @download
    return file


async def upload(node, latency, fails):
    await asyncio.sleep(latency)  # @upload
    if fails:
        log(f"{node} fails: disk full")
        raise RuntimeError("disk full")  # @upload-fails
    log(f"{node} stored")


async def ask(mirror, latency):
    try:
        await asyncio.sleep(latency)  # the same question to every mirror  # @ask
    except asyncio.CancelledError:
        log(f"{mirror} cancelled, closes its connection")  # @ask-cancelled
        raise
    log(f"{mirror} answers")
    return mirror


async def fetch_index():
    async with asyncio.timeout(0.3):  # the index has a deadline  # @deadline
        await asyncio.sleep(1.0)  # @index


async def check_signature():
    await asyncio.sleep(0.3)  # @signature
    raise ValueError("bad signature")  # @signature-fails


async def main():
    loop = asyncio.get_running_loop()

    # Part 1: as_completed hands the downloads over in the order they finish.
    rng = Rng(2)
    downloads = []
    for letter in "abcdef"[:DOWNLOADS]:
        latency = SPREAD * rng.randint(1, 8) / 8
        downloads.append(asyncio.create_task(download(f"{letter}.zip", latency), name=f"download-{letter}"))  # @create-downloads
    log(f"{DOWNLOADS} downloads start")
    order = []
    for next_done in asyncio.as_completed(downloads):  # @as_completed
        file = await next_done  # the next one to finish, whichever it is  # @await-next
        order.append(file)
        log(f"as_completed hands over {file} ({len(order)} of {DOWNLOADS})")
    results = await asyncio.gather(*downloads)  # argument order, however they finished  # @gather
    log(f"finishing order: {', '.join(order)}; gather's order: {', '.join(results)}")

    # Part 2: wait() returns (done, pending) at the first error or at the timeout; it raises nothing.
    rng = Rng(10)
    uploads = [asyncio.create_task(upload(f"backup-{n}", SPREAD * rng.randint(1, 8) / 8, n == 3), name=f"backup-{n}")  # @create-uploads
               for n in range(1, 5)]
    log(f"4 uploads start, wait() waits {TIMEOUT:.3f} s at most")
    done, pending = await asyncio.wait(uploads, timeout=TIMEOUT, return_when=asyncio.FIRST_EXCEPTION)  # @wait
    log(f"wait returns: done {names(uploads, done)}; pending {names(uploads, pending)}")
    if pending:
        # Nobody cancelled them: they keep running, and main waits for them now.
        await asyncio.wait(pending)  # @wait-rest
    failed = sum(1 for task in uploads if task.exception() is not None)
    log(f"all uploads over: {4 - failed} stored, {failed} failed")

    # Part 3: ask several mirrors the same question, take the first answer, cancel the others.
    rng = Rng(349)
    start = loop.time()
    asks = [asyncio.create_task(ask(f"mirror-{letter}", SPREAD * rng.randint(1, 8) / 8), name=f"mirror-{letter}")  # @create-asks
            for letter in "abcd"[:MIRRORS]]
    log(f"asking {MIRRORS} mirrors the same question")
    done, pending = await asyncio.wait(asks, return_when=asyncio.FIRST_COMPLETED)  # @first-completed
    winner = next(task for task in asks if task in done)  # several may finish in the same instant
    log(f"{winner.result()} wins after {loop.time() - start:.3f} s; {len(pending)} still running")
    if not PITFALL:
        losers = [task for task in asks if task in pending]
        for task in losers:
            task.cancel()  # @cancel-losers
        if losers:
            await asyncio.wait(losers)  # until their cancellation is over  # @await-losers
        log(f"losers cancelled: {len(losers)}")
    else:
        log("main goes on and leaves the others running")  # the pitfall  # @forget-losers

    # Part 4: two tasks of a TaskGroup fail in the same instant; except* takes each kind.
    log("a TaskGroup fetches the index and checks the signature")
    try:
        async with asyncio.TaskGroup() as tg:  # @taskgroup
            tg.create_task(fetch_index(), name="index")  # @tg-index
            tg.create_task(check_signature(), name="signature")  # @tg-signature
    except* ValueError as group:  # @except-value
        log(f"except* ValueError: {group.exceptions[0]}")
    except* TimeoutError:  # @except-timeout
        log("except* TimeoutError: the index missed its deadline")
    log("main returns")


asyncio.run(main())
