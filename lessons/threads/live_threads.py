"""Threads versus asyncio tasks, measured on this machine.

Starts n threads that each wait on a threading.Event, and n asyncio tasks that each wait
on an asyncio.Event, then wakes them all. For both it measures:
  create    seconds until all n have started and wait
  memory    how much the resident memory (RSS) grew while they all wait
  wake      seconds from event.set() until all have ended
  switches  context switches: how often the OS took the CPU from one thread for another

    python3 live_threads.py --n 1000          prints a table
    python3 live_threads.py --n 1000 --json   prints one JSON object (Dirigent reads it)
"""
import argparse, asyncio, json, os, resource, sys, threading, time


def rss_bytes():
    """Resident memory of this process: the 2nd number of /proc/self/statm, in pages."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize()


def switches():
    """Context switches so far: voluntary (a thread waited) + involuntary (it was preempted)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_nvcsw + usage.ru_nivcsw


def new_figures(kind, n):
    """One measurement; the keys mirror Dirigent's C++ live::UnitFigures."""
    return {"kind": kind, "requested": n, "created": 0, "create_seconds": 0.0,
            "wake_seconds": 0.0, "rss_bytes": 0, "reserved_bytes": 0, "reserved_basis": "rss",
            "context_switches": 0, "stop": "none", "refused": False, "failed_at": 0,
            "limit_value": 0, "limit_message": ""}


def stack_size():
    """Address space each new thread reserves for its stack (only touched pages use memory)."""
    soft, _ = resource.getrlimit(resource.RLIMIT_STACK)  # `ulimit -s`, glibc's default
    return threading.stack_size() or (soft if soft != resource.RLIM_INFINITY else 2 * 2**20)


def why_refused(thread_number):
    """Which limit most likely made the system refuse one more thread."""
    address_space, _ = resource.getrlimit(resource.RLIMIT_AS)
    user_processes, _ = resource.getrlimit(resource.RLIMIT_NPROC)
    if address_space != resource.RLIM_INFINITY:
        stop, limit, why = "ulimit-v", address_space, (
            f"out of address space: ulimit -v allows {address_space // 2**20:,} MiB")
    elif user_processes != resource.RLIM_INFINITY and os.getuid() != 0:
        stop, limit, why = "ulimit-u", user_processes, (
            f"ulimit -u is {user_processes:,} (raise it with `ulimit -u`)")
    else:
        stop, limit, why = "error", 0, "threads-max, pid_max, pids.max or vm.max_map_count?"
    return {"stop": stop, "refused": True, "failed_at": thread_number, "limit_value": limit,
            "limit_message": f"the system refused thread {thread_number:,}: {why}"}


def measure_threads(n, max_threads):
    figures = new_figures("thread", n)
    go = threading.Event()            # every thread waits on this one event
    started = threading.Condition()   # the threads report here that they are waiting
    waiting = 0

    def worker():
        nonlocal waiting
        with started:
            waiting += 1
            started.notify()
        go.wait()                     # blocks this OS thread until go.set()

    threads = []
    rss_before, switches_before, start = rss_bytes(), switches(), time.perf_counter()
    for number in range(1, min(n, max_threads) + 1):
        thread = threading.Thread(target=worker, daemon=True)
        try:
            thread.start()            # a real OS thread with its own stack
        except (RuntimeError, MemoryError):   # "can't start new thread"
            figures.update(why_refused(number))
            break
        threads.append(thread)
    if len(threads) < n and not figures["refused"]:
        figures.update(stop="cap", limit_value=max_threads,
                       limit_message=f"stopped at {max_threads:,} threads (--max-threads)")
    with started:
        started.wait_for(lambda: waiting == len(threads))
    figures["create_seconds"] = time.perf_counter() - start
    figures["rss_bytes"] = max(0, rss_bytes() - rss_before)
    figures.update(created=len(threads), reserved_bytes=len(threads) * stack_size(),
                   reserved_basis="stack")

    start = time.perf_counter()
    go.set()                          # wake them all at once
    for thread in threads:
        thread.join()
    figures["wake_seconds"] = time.perf_counter() - start
    figures["context_switches"] = switches() - switches_before
    return figures


async def measure_tasks(n):
    figures = new_figures("task", n)
    go = asyncio.Event()              # every task waits on this one event
    waiting = 0

    async def worker():
        nonlocal waiting
        waiting += 1
        await go.wait()               # suspends this task; the one thread runs other tasks

    rss_before, switches_before, start = rss_bytes(), switches(), time.perf_counter()
    tasks = [asyncio.create_task(worker()) for _ in range(n)]
    while waiting < n:
        await asyncio.sleep(0)        # let the event loop run each task up to its await
    figures["create_seconds"] = time.perf_counter() - start
    figures["rss_bytes"] = figures["reserved_bytes"] = max(0, rss_bytes() - rss_before)
    figures["created"] = len(tasks)

    start = time.perf_counter()
    go.set()                          # wake them all at once
    await asyncio.gather(*tasks)
    figures["wake_seconds"] = time.perf_counter() - start
    figures["context_switches"] = switches() - switches_before
    return figures


def print_table(threads, tasks):
    print(f"{'':<24}{'threads':>12}{'tasks':>12}")
    print(f"{'created':<24}{threads['created']:>12,}{tasks['created']:>12,}")
    for label, key, scale in [("create, µs each", "create_seconds", 1e6),
                              ("memory (RSS), bytes each", "rss_bytes", 1),
                              ("reserved, bytes each", "reserved_bytes", 1),
                              ("wake, µs each", "wake_seconds", 1e6)]:
        cells = [f[key] * scale / max(f["created"], 1) for f in (threads, tasks)]
        print(f"{label:<24}" + "".join(f"{cell:>12,.1f}" for cell in cells))
    print(f"{'context switches':<24}{threads['context_switches']:>12,}{tasks['context_switches']:>12,}")
    for figures in (threads, tasks):
        if figures["limit_message"]:
            print(f"{figures['kind']}s: {figures['limit_message']}")


def main():
    parser = argparse.ArgumentParser(description="Threads versus asyncio tasks, measured.")
    parser.add_argument("--n", type=int, default=1000, help="how many of each")
    parser.add_argument("--max-threads", type=int, default=sys.maxsize,
                        help="create at most this many threads")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    threads = measure_threads(args.n, args.max_threads)
    tasks = asyncio.run(measure_tasks(args.n))
    if args.json:
        print(json.dumps({"python": sys.version.split()[0], "n": args.n,
                          "threads": threads, "tasks": tasks}))
    else:
        print_table(threads, tasks)


if __name__ == "__main__":
    main()
