"""HTTP workload (issue 10) with httpx: N GETs of <url>/item/<i>?attempt=1 through ONE
AsyncClient whose pool opens at most `concurrency` connections, at most `concurrency`
requests in flight (an asyncio.Semaphore), every body read. The twin of bench/http_bench.cpp;
arguments and output as http_aiohttp.py (http_common.py)."""
import asyncio

import httpx

from http_common import arguments, measure


async def fetch(client, limit, url, figures):
    async with limit:
        try:
            response = await client.get(url)
            figures["ok" if response.status_code == 200 else "other"] += 1
        except httpx.TransportError as error:  # no HTTP response
            figures["failed"] += 1
            figures["error"] = str(error)


async def main(args, figures):
    limits = httpx.Limits(max_connections=args.concurrency, max_keepalive_connections=args.concurrency)
    # trust_env=False: the server is on this machine, no proxy from the environment in between.
    # No timeout per request (httpx's default is 5 s): the deadline bounds the whole run.
    async with httpx.AsyncClient(limits=limits, trust_env=False, timeout=None) as client:
        limit = asyncio.Semaphore(args.concurrency)
        tasks = [fetch(client, limit, f"{args.url}/item/{i}?attempt=1", figures)
                 for i in range(1, args.requests + 1)]
        await asyncio.wait_for(asyncio.gather(*tasks), args.deadline)


if __name__ == "__main__":
    measure(f"httpx {httpx.__version__}", main, arguments(__doc__))
