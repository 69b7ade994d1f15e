# The HTTP lesson's program, real, with aiohttp: one ClientSession, a limit on requests in
# flight, a timeout per attempt, retries with exponential backoff that honour Retry-After.
# Run it against the demo server (it prints its URL first):
#   dirigent serve
#   python3 lessons/http/live_aiohttp.py --url http://127.0.0.1:PORT
import argparse
import asyncio
import email.utils
import sys
import time

import aiohttp

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


async def fetch(session, limit, args, i):
    for attempt in range(1, MAX_ATTEMPTS + 1):
        timed_out, status, retry_after = False, 0, 0.0  # the status stays a number: 0 while there is no answer
        async with limit:  # a free slot, held for one attempt
            try:
                # The timeout for this attempt, all of it: connecting, sending, waiting, reading.
                async with session.get(f"{args.url}/item/{i}", params={"attempt": attempt},
                                       timeout=aiohttp.ClientTimeout(total=args.timeout)) as response:
                    response.raise_for_status()  # 4xx and 5xx become ClientResponseError
                    await response.json()
                    status = response.status
            except aiohttp.ClientResponseError as error:  # 429, 500: an answer, but not the one we want
                status = error.status
                retry_after = retry_after_seconds(error.headers or {})
            except asyncio.TimeoutError:
                timed_out = True  # no answer, so no status; aiohttp closed the connection
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


class CountingTrace(aiohttp.TraceConfig):
    """Counts the requests the session sends (every attempt, retries included)."""

    def __init__(self):
        super().__init__()
        self.sent = 0
        self.on_request_start.append(self._count)

    async def _count(self, session, context, params):
        self.sent += 1


async def main(args):
    trace = CountingTrace()
    # ONE session for the whole program; its connector never opens more than `limit`
    # connections, the semaphore never lets more than `limit` requests be in flight.
    connector = aiohttp.TCPConnector(limit=args.limit)
    async with aiohttp.ClientSession(connector=connector, trace_configs=[trace]) as session:
        limit = asyncio.Semaphore(args.limit)  # created once, outside the requests
        tasks = [asyncio.create_task(fetch(session, limit, args, i), name=f"req-{i}")
                 for i in range(1, args.requests + 1)]
        results = await asyncio.gather(*tasks)
    log(f"done: {results.count(True)} ok, {results.count(False)} failed, {trace.sent} sent")


def arguments():
    parser = argparse.ArgumentParser(description="The HTTP lesson with aiohttp, against a real server.")
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
    except aiohttp.ClientConnectorError as error:  # nobody listens there, or the name is unknown
        print(f"live_aiohttp.py: cannot connect to {options.url}: {error.os_error}", file=sys.stderr)
        sys.exit(1)
