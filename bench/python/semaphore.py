"""Workload 5, semaphore: Semaphore(10), T tasks x R acquire/release with sleep(0) inside."""
import asyncio

from common import elapsed, start, parse, rate


async def user(sem, rounds, pairs):
    for _ in range(rounds):
        async with sem:
            await asyncio.sleep(0)
            pairs[0] += 1


async def main(tasks, rounds):
    sem = asyncio.Semaphore(10)
    pairs = [0]
    await asyncio.gather(*[user(sem, rounds, pairs) for _ in range(tasks)])
    assert pairs[0] == tasks * rounds


if __name__ == "__main__":
    args = parse(__doc__, tasks=1000, rounds=100)
    t0 = start()
    asyncio.run(main(args.tasks, args.rounds))
    rate(f"semaphore/{args.tasks}x{args.rounds}", args.tasks * args.rounds, elapsed(t0))
