# Two transfers at once: A->B and B->A, each account with a lock of its own.
# bank.authorize() and bank.reserve() are real I/O: you decide when each returns.
import asyncio

balances = {"A": 100, "B": 100}
locks = {"A": asyncio.Lock(), "B": asyncio.Lock()}


async def transfer(bank, src, dst, amount):
    await bank.authorize(src)                   # touches no balance: needs no lock
    first, second = sorted([src, dst])          # every transfer: A before B
    async with locks[first]:
        async with locks[second]:
            if balances[src] < amount:
                return
            await bank.reserve(src, amount)     # the check must still hold after it
            balances[src] -= amount
            balances[dst] += amount
    print(f"{src}->{dst}: moved {amount}")


async def main(bank):
    async with asyncio.TaskGroup() as tg:
        tg.create_task(transfer(bank, "A", "B", 30), name="A->B")
        tg.create_task(transfer(bank, "B", "A", 20), name="B->A")
    print(f"A = {balances['A']}, B = {balances['B']}")
