# Two deposits of 50 euros into an account that holds 100.
# bank.authorize() and bank.confirm() are real I/O: you decide when each one returns.
import asyncio

balance = 100
account = asyncio.Lock()        # one lock for the one balance


async def deposit(bank, name, amount):
    global balance
    await bank.authorize(name)      # touches nothing shared: needs no lock
    async with account:             # read, await and write as one step for the others
        seen = balance
        await bank.confirm(name)
        balance = seen + amount
    print(f"{name} writes balance = {balance}")


async def main(bank):
    async with asyncio.TaskGroup() as tg:
        tg.create_task(deposit(bank, "alice", 50), name="alice")
        tg.create_task(deposit(bank, "bob", 50), name="bob")
    print(f"balance = {balance}")
    assert balance == 200, f"balance == {balance}, not 200"
