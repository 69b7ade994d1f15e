# TokenBucket(rate=2/s, capacity=2): a full bucket lets two requests through at once,
# then one every 0.5 s, in FIFO order; a request for 2 tokens waits for both.
# convention: port: aio::TokenBucket is compared with a Python port of itself (token_bucket.py); token_bucket_independent checks the grants against an independent bucket
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from token_bucket import TokenBucket
from vloop import describe, log, run


async def client(name, bucket, requests, tokens):
    for i in range(requests):
        await bucket.acquire(tokens)
        log(f"{name} request {i} ({tokens} token(s))")


async def main():
    bucket = TokenBucket(2, 2, "api")
    cs = [asyncio.create_task(client("a", bucket, 3, 1), name="a"),
          asyncio.create_task(client("b", bucket, 2, 1), name="b"),
          asyncio.create_task(client("big", bucket, 1, 2), name="big")]
    for c in cs:
        await c
    await asyncio.sleep(3)
    log("bucket refilled")
    await bucket.acquire(2)
    log("took 2 at once")
    await bucket.acquire(0.5)
    log(f"took 0.5 after waiting, {bucket.tokens:.3f} left")
    try:
        await bucket.acquire(3)
    except ValueError as e:
        log(f"acquire(3) > capacity: caught {describe(e)}")


run(main())
