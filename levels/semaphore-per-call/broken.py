# A crawler fetches 3 pages from a server that allows 2 connections at once.
# dns.resolve() and http.get() are real I/O: you decide when each one returns.
import asyncio

URLS = ["site.org/a", "site.org/b", "site.org/c"]
in_flight = 0                           # requests under way: the server allows 2


async def fetch(dns, http, url):
    global in_flight
    await dns.resolve(url)
    async with asyncio.Semaphore(2):    # at most 2 requests at once
        in_flight += 1
        print(f"get {url}: {in_flight} in flight")
        await http.get(url)
        in_flight -= 1


async def main(dns, http):
    async with asyncio.TaskGroup() as tg:
        for url in URLS:
            tg.create_task(fetch(dns, http, url), name=url)
