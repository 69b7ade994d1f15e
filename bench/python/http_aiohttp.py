"""HTTP workload (issue 10) with aiohttp: N GETs of <url>/item/<i>?attempt=1 through ONE
ClientSession whose connector opens at most `concurrency` connections, at most `concurrency`
requests in flight (an asyncio.Semaphore), every body read. The twin of bench/http_bench.cpp.
Prints one JSON line: wall-clock seconds from the first request to the last answer,
requests/s, the process's CPU seconds, how the answers went."""
import asyncio

import aiohttp

from http_common import arguments, measure


async def fetch(session, limit, url, figures):
    async with limit:
        try:
            async with session.get(url) as response:
                await response.read()
                figures["ok" if response.status == 200 else "other"] += 1
        except aiohttp.ClientError as error:  # no HTTP response
            figures["failed"] += 1
            figures["error"] = str(error)


async def main(args, figures):
    connector = aiohttp.TCPConnector(limit=args.concurrency)
    async with aiohttp.ClientSession(connector=connector) as session:
        limit = asyncio.Semaphore(args.concurrency)
        tasks = [fetch(session, limit, f"{args.url}/item/{i}?attempt=1", figures)
                 for i in range(1, args.requests + 1)]
        await asyncio.wait_for(asyncio.gather(*tasks), args.deadline)


if __name__ == "__main__":
    measure(f"aiohttp {aiohttp.__version__}", main, arguments(__doc__))
