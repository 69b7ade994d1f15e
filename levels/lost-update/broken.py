# Two deposits of 50 euros into an account that holds 100.
# bank.authorize() and bank.confirm() are real I/O: you decide when each one returns.
import asyncio

balance = 100


async def deposit(bank, name, amount):
    global balance
    await bank.authorize(name)
    seen = balance                  # read
    await bank.confirm(name)        # other tasks run during this await
    balance = seen + amount         # write: what others wrote since the read is lost
    print(f"{name} writes balance = {balance}")


async def main(bank):
    async with asyncio.TaskGroup() as tg:
        tg.create_task(deposit(bank, "alice", 50), name="alice")
        tg.create_task(deposit(bank, "bob", 50), name="bob")
    print(f"balance = {balance}")
    assert balance == 200, f"balance == {balance}, not 200"
