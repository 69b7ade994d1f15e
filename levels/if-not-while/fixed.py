# Two customers want one item each. The shelf is empty; a truck brings one item, then another.
# shop.enter() and truck.arrive() are real I/O: you decide when each one returns.
import asyncio

stock = 0                           # items on the shelf: never below 0


async def customer(shop, cond, name):
    global stock
    await shop.enter(name)
    async with cond:
        # checked again after every wake-up: another customer may have come first
        await cond.wait_for(lambda: stock > 0)
        stock -= 1
        print(f"{name} takes one, stock = {stock}")


async def supplier(truck, cond):
    global stock
    for n in (1, 2):
        await truck.arrive(n)
        async with cond:
            stock += 1
            print(f"truck {n} delivers, stock = {stock}")
            cond.notify_all()       # wakes every waiting customer


async def main(shop, truck):
    cond = asyncio.Condition()
    async with asyncio.TaskGroup() as tg:
        tg.create_task(supplier(truck, cond), name="supplier")
        tg.create_task(customer(shop, cond, "ann"), name="ann")
        tg.create_task(customer(shop, cond, "bob"), name="bob")
