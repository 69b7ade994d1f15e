# The HTTP lesson's program, real, with httpx: one AsyncClient, a limit on requests in
# flight, a timeout per attempt, retries with exponential backoff that honour Retry-After.
# Run it against the demo server (it prints its URL first):
#   dirigent serve
#   python3 lessons/http/live_httpx.py --url http://127.0.0.1:PORT
import argparse
import asyncio
import email.utils
import sys
import time

import httpx

MAX_ATTEMPTS = 4
START = time.monotonic()


def log(message):
    """Print the message with the seconds since the start (the loop's clock is time.monotonic)."""
    print(f"t={asyncio.get_running_loop().time() - START:.3f} {message}", flush=True)


def retry_after_seconds(headers):
    """Retry-After in seconds: a number of seconds, or an HTTP date; 0 when there is none."""
    value = headers.get("Retry-After")
    if value is None:
        return 0.0
    try:
        return max(0.0, float(value))
    except ValueError:
        when = email.utils.parsedate_to_datetime(value)
        return max(0.0, when.timestamp() - time.time())


class Counter:
    """Counts the requests the client sends (every attempt, retries included)."""

    def __init__(self):
        self.sent = 0

    async def __call__(self, request):
        self.sent += 1


async def fetch(client, limit, args, i):
    for attempt in range(1, MAX_ATTEMPTS + 1):
        timed_out, status, retry_after = False, 0, 0.0  # the status stays a number: 0 while there is no answer
        async with limit:  # a free slot, held for one attempt
            try:
                # The timeout for this attempt. httpx.Timeout limits each phase (connect, write,
                # read, waiting for a connection of the pool), so a hanging answer ends it too.
                response = await client.get(f"{args.url}/item/{i}", params={"attempt": attempt},
                                            timeout=httpx.Timeout(args.timeout))
                response.raise_for_status()  # 4xx and 5xx become HTTPStatusError
                response.json()
                status = response.status_code
            except httpx.HTTPStatusError as error:  # 429, 500: an answer, but not the one we want
                status = error.response.status_code
                retry_after = retry_after_seconds(error.response.headers)
            except httpx.TimeoutException:
                timed_out = True  # no answer, so no status; httpx closed the connection
        if status == 200:
            log(f"req {i} attempt {attempt}: 200 OK")
            return True
        outcome = "timeout" if timed_out else str(status)
        if attempt == MAX_ATTEMPTS:
            log(f"req {i} attempt {attempt}: {outcome}, giving up")
            return False
        # Honour Retry-After, back off exponentially. No jitter, so that runs are comparable.
        delay = max(retry_after, args.backoff * 2 ** (attempt - 1))
        if args.pitfall:
            delay = 0.0  # the mistake: try again at once
        log(f"req {i} attempt {attempt}: {outcome}, next try in {delay:.3f} s")
        await asyncio.sleep(delay)


async def main(args):
    counter = Counter()
    # ONE client for the whole program; its pool never opens more than `limit` connections,
    # the semaphore never lets more than `limit` requests be in flight. trust_env=False: the
    # demo server is on this machine, no proxy from the environment stands in between.
    limits = httpx.Limits(max_connections=args.limit, max_keepalive_connections=args.limit)
    async with httpx.AsyncClient(limits=limits, trust_env=False,
                                 event_hooks={"request": [counter]}) as client:
        limit = asyncio.Semaphore(args.limit)  # created once, outside the requests
        tasks = [asyncio.create_task(fetch(client, limit, args, i), name=f"req-{i}")
                 for i in range(1, args.requests + 1)]
        results = await asyncio.gather(*tasks)
    log(f"done: {results.count(True)} ok, {results.count(False)} failed, {counter.sent} sent")


def arguments():
    parser = argparse.ArgumentParser(description="The HTTP lesson with httpx, against a real server.")
    parser.add_argument("--url", required=True, help="the server, e.g. http://127.0.0.1:8080")
    parser.add_argument("--requests", type=int, default=8, help="how many URLs to fetch (default 8)")
    parser.add_argument("--limit", type=int, default=3, help="at most this many requests in flight (default 3)")
    parser.add_argument("--timeout", type=float, default=0.3, help="seconds for one attempt (default 0.3)")
    parser.add_argument("--backoff", type=float, default=0.2, help="first retry delay in seconds (default 0.2)")
    parser.add_argument("--pitfall", action="store_true", help="retry at once, without backoff")
    args = parser.parse_args()
    if args.requests < 1 or args.limit < 1 or args.timeout <= 0 or args.backoff < 0:
        parser.error("--requests and --limit must be at least 1, --timeout above 0, --backoff not negative")
    if not args.url.startswith(("http://", "https://")):
        parser.error(f"--url must be an http:// or https:// URL, not {args.url!r}")
    args.url = args.url.rstrip("/")
    return args


if __name__ == "__main__":
    options = arguments()
    try:
        asyncio.run(main(options))
    except httpx.ConnectError as error:  # nobody listens there, or the name is unknown
        print(f"live_httpx.py: cannot connect to {options.url}: {error}", file=sys.stderr)
        sys.exit(1)
