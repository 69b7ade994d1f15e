# Races across await. Part 1: TASKS withdrawals from one shared account, each one reads the
# balance, checks it, waits for the bank's answer and only then writes: first without a lock,
# then with an asyncio.Lock. Part 2: a shop; the customers wait until it opens (an
# asyncio.Event) and then until there is enough in stock for them (an asyncio.Condition).
import asyncio
import math
import time

# The lesson's sliders. Change them here when you run this file yourself.
TASKS = 4         # withdrawals from the shared account, all started at once
LATENCY = 0.1     # seconds the bank takes to answer: the await between the read and the write
AMOUNT = 30       # euros each withdrawal takes
STOCK_NEEDED = 3  # items each customer of the shop waits for
PITFALL = False   # True: the lock is taken before the slow fraud check, not after it

BALANCE = 100     # euros in the account at the start
CHECK = 0.2       # seconds the fraud check takes; it touches nothing shared
CUSTOMERS = 3
ARRIVALS = (0.0, 0.1, 0.4)  # seconds after the start of part 2 when each customer comes
OPENS = 0.3       # seconds after the start of part 2 when the owner opens the shop
BATCH = 2         # items per delivery
EVERY = 0.2       # seconds between two deliveries
START = time.monotonic()

balance = BALANCE  # the shared account
paid = 0           # euros paid out so far
refused = 0        # withdrawals refused for lack of money
stock = 0          # items in the shop


def log(message):
    """Print the message with the seconds since the start (the loop's clock is time.monotonic)."""
    print(f"t={asyncio.get_running_loop().time() - START:.3f} {message}")


def withdrawals(n):
    return f"{n} withdrawal" if n == 1 else f"{n} withdrawals"


def items(n):
    return f"{n} item" if n == 1 else f"{n} items"


def written(name, seen, before):
    """The log line of a write: `seen` was read, `before` is what the balance holds by now."""
    if before == seen:
        return f"{name} writes balance = {seen - AMOUNT}"
    return f"{name} writes balance = {seen - AMOUNT} over {before}: {withdrawals((seen - before) // AMOUNT)} lost"


async def pay_out(name):
    # Check-then-act across an await: read, check, wait for the bank, write.
    global balance, paid, refused
    seen = balance  # 1. read  # @read
    if seen < AMOUNT:  # 2. check  # @check
        refused += 1
        log(f"{name} reads balance = {seen}: not enough, refused")
        return
    log(f"{name} reads balance = {seen}: enough, asks the bank")
    await asyncio.sleep(LATENCY)  # the bank's answer; other tasks run meanwhile  # @bank
    before = balance  # what others wrote meanwhile shows here (only for the log)
    balance = seen - AMOUNT  # 3. write  # @write
    paid += AMOUNT
    log(written(name, seen, before))


async def withdraw(name, lock):
    if lock is None:
        await asyncio.sleep(CHECK)  # the fraud check  # @fraud-check
        await pay_out(name)  # no lock: the others run during its await  # @unlocked
    elif PITFALL:
        async with lock:  # the pitfall: locked before the slow fraud check  # @lock-early
            await asyncio.sleep(CHECK)  # every check now waits for the one before  # @check-locked
            await pay_out(name)  # @pay-early
    else:
        await asyncio.sleep(CHECK)  # needs no lock: it touches nothing shared  # @check-free
        async with lock:  # only read, await and write need the lock  # @lock
            await pay_out(name)  # @pay-locked


async def customer(name, arrives, opened, cond):
    global stock
    await asyncio.sleep(arrives)  # @arrive
    log(f"{name} arrives, the shop is {'open' if opened.is_set() else 'still closed'}")
    await opened.wait()  # returns at once if the event is already set  # @wait-open
    log(f"{name} is in and waits for {items(STOCK_NEEDED)}")
    async with cond:  # a Condition has a lock of its own  # @cond-lock
        await cond.wait_for(lambda: stock >= STOCK_NEEDED)  # lets go of the lock while it waits  # @wait-for
        stock -= STOCK_NEEDED  # @take
        log(f"{name} takes {items(STOCK_NEEDED)}, {stock} left")


async def owner(opened):
    await asyncio.sleep(OPENS)  # @opens
    log("the owner opens the shop")
    opened.set()  # wakes every task that waits on the event, all at once  # @set


async def supplier(opened, cond, deliveries):
    global stock
    await opened.wait()  # @supplier-waits
    for n in range(1, deliveries + 1):
        await asyncio.sleep(EVERY)  # the next truck  # @truck
        async with cond:  # @deliver-lock
            stock += BATCH  # @deliver
            log(f"delivery {n}: {BATCH} items, stock = {stock}")
            cond.notify_all()  # every waiting customer checks its condition again  # @notify


async def main():
    global balance, paid, refused
    loop = asyncio.get_running_loop()

    # Part 1a: TASKS withdrawals at once, without a lock.
    log(f"part 1a: {TASKS} withdrawals of {AMOUNT} from a balance of {BALANCE}, without a lock")
    tasks = [asyncio.create_task(withdraw(f"unsafe-{k}", None), name=f"unsafe-{k}")  # @start-unsafe
             for k in range(1, TASKS + 1)]
    await asyncio.gather(*tasks)  # @gather-unsafe
    lost = (balance - (BALANCE - paid)) // AMOUNT
    log(f"without a lock: paid out {paid} of {BALANCE}, balance = {balance}, not {BALANCE - paid}: "
        f"{withdrawals(lost)} lost" + (f", overdrawn by {paid - BALANCE}" if paid > BALANCE else ""))

    # Part 1b: the same withdrawals, with an asyncio.Lock around read, await and write.
    balance, paid, refused = BALANCE, 0, 0
    lock = asyncio.Lock()  # @make-lock
    log("part 1b: the same with a lock" + (", taken before the fraud check" if PITFALL else ""))
    start = loop.time()
    tasks = [asyncio.create_task(withdraw(f"safe-{k}", lock), name=f"safe-{k}")  # @start-safe
             for k in range(1, TASKS + 1)]
    await asyncio.gather(*tasks)  # @gather-safe
    log(f"with a lock: paid out {paid}, balance = {balance}, {refused} refused; "
        f"took {loop.time() - start:.3f} s")

    # Part 2: the shop. An Event says "open", a Condition says "enough in stock".
    log(f"part 2: {CUSTOMERS} customers want {items(STOCK_NEEDED)} each; {BATCH} items come every {EVERY:.3f} s")
    opened = asyncio.Event()  # @event
    cond = asyncio.Condition()  # @condition
    deliveries = math.ceil(CUSTOMERS * STOCK_NEEDED / BATCH)
    shop = [asyncio.create_task(customer(f"customer-{k}", ARRIVALS[k - 1], opened, cond), name=f"customer-{k}")  # @start-customers
            for k in range(1, CUSTOMERS + 1)]
    shop.append(asyncio.create_task(supplier(opened, cond, deliveries), name="supplier"))  # @start-supplier
    shop.append(asyncio.create_task(owner(opened), name="owner"))  # @start-owner
    await asyncio.gather(*shop)  # @gather-shop
    log(f"every customer served, {stock} left over")


asyncio.run(main())
