# Ann and Bob open the profile of user 7 at the same moment. The cache is there so
# that the database loads each user only once.
# request.parse() and db.load() are real I/O: you decide when each one returns.
import asyncio

cache = {}


async def handle(request, db, name):
    await request.parse(name)
    key = "user:7"
    if key not in cache:                    # check and fill in with no await between:
        cache[key] = asyncio.create_task(   # the cache holds the load itself at once
            db.load(key), name=f"load {key}")
    user = await cache[key]                 # every request awaits the same load
    print(f"{name} sees {user['name']}")


async def main(request, db):
    async with asyncio.TaskGroup() as tg:
        tg.create_task(handle(request, db, "ann"), name="ann")
        tg.create_task(handle(request, db, "bob"), name="bob")
