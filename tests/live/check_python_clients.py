#!/usr/bin/env python3
"""The lesson's program written with real libraries (lessons/http/live_aiohttp.py,
live_httpx.py), and Dirigent's own live client, against `dirigent serve`.

Usage: check_python_clients.py --dirigent DIRIGENT --python PYTHON CLIENT...
CLIENT: a .py program (run with PYTHON) or `dirigent-live` (`dirigent live http`).

For each client and each set of parameters a fresh `dirigent serve` on 127.0.0.1 (free
port) is started, the client runs against it (bounded in time), and the server is stopped
in a finally. The checks need no assumption about timings: what each request should have
seen is read from the server's own per-request lines (`<status> <path>`, `-` for no answer):
  - the client exits 0 and prints only lines of the lesson's log format;
  - for every request, its attempts and their outcomes (200 OK, 429, 500, timeout) are
    exactly the server's answers to /item/<i>?attempt=1, 2, ... up to the first 200 or the
    4th attempt, ending with "200 OK" or "giving up";
  - the server followed its rules: only attempt 1 of every hang-every-th item went
    unanswered (unless it got a 429 first);
  - "done: N ok, M failed, S sent" matches, S being the requests the server received;
  - the server never had more than `limit` requests in flight at once.
"""
import argparse
import os
import re
import signal
import subprocess
import sys
import threading
import time

MAX_ATTEMPTS = 4
STEP_TIMEOUT = 10    # seconds for starting and stopping the server
CLIENT_TIMEOUT = 60  # seconds for one client run
LATENCY, RATE, HANG_EVERY = 0.1, 4, 4  # the server's defaults, the model's

# requests, limit, timeout, backoff, pitfall
RUNS = [
    (8, 3, 0.3, 0.2, False),   # the lesson's defaults
    (12, 4, 0.3, 0.1, False),
    (10, 4, 0.3, 0.2, True),   # retry at once: a 429 storm, some give up
]

ATTEMPT = re.compile(r"^t=\d+\.\d{3} req (\d+) attempt (\d+): (?:(200 OK)|(\S+), (?:next try in \d+\.\d{3} s|(giving up)))$")
DONE = re.compile(r"^t=\d+\.\d{3} done: (\d+) ok, (\d+) failed, (\d+) sent$")
SERVED = re.compile(r"^(\d{3}|-) /item/(\d+)\?attempt=(\d+)$")


class Failure(Exception):
    pass


def environment():
    env = dict(os.environ, LC_ALL="C.UTF-8", LANG="C.UTF-8", QT_QPA_PLATFORM="offscreen",
               PYTHONDONTWRITEBYTECODE="1")
    env.pop("LANGUAGE", None)
    return env


class Server:
    """`dirigent serve` as a process; its stdout is read on a thread as it comes."""

    def __init__(self, dirigent):
        self.process = subprocess.Popen(
            [dirigent, "serve", "--port", "0", "--lang", "en", "--latency", str(LATENCY), "--rate", str(RATE),
             "--hang-every", str(HANG_EVERY)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment())
        self.lines = []
        self.lock = threading.Lock()
        self.url = self.process.stdout.readline().strip()
        if not self.url.startswith("http://127.0.0.1:"):
            raise Failure(f"dirigent serve did not print its URL first: {self.url!r}")
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for line in self.process.stdout:
            with self.lock:
                self.lines.append(line.rstrip("\n"))

    def served(self):
        with self.lock:
            return [line for line in self.lines if SERVED.match(line)]

    def stop(self):
        """SIGTERM; the lines it printed, summary included."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=STEP_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=STEP_TIMEOUT)
            raise Failure("dirigent serve did not stop on SIGTERM")
        self.reader.join(timeout=STEP_TIMEOUT)
        if self.process.returncode != 0:
            raise Failure(f"dirigent serve exited {self.process.returncode}: {self.process.stderr.read()!r}")
        with self.lock:
            return list(self.lines)


def client_command(client, args, url, run):
    requests, limit, timeout, backoff, pitfall = run
    if client == "dirigent-live":
        command = [args.dirigent, "live", "http", "--url", url, "--log", "--lang", "en",
                   "--set", f"requests={requests}", "--set", f"limit={limit}",
                   "--set", f"timeout={timeout}", "--set", f"backoff={backoff}"]
    else:
        command = [args.python, client, "--url", url, "--requests", str(requests), "--limit", str(limit),
                   "--timeout", str(timeout), "--backoff", str(backoff)]
    return command + (["--pitfall"] if pitfall else [])


def check_run(client, args, run):
    requests, limit = run[0], run[1]
    name = f"{os.path.basename(client)} requests={requests} limit={limit} timeout={run[2]} backoff={run[3]}" + (
        " pitfall" if run[4] else "")
    server = Server(args.dirigent)
    try:
        try:
            result = subprocess.run(client_command(client, args, server.url, run), capture_output=True, text=True,
                                    timeout=CLIENT_TIMEOUT, env=environment())
        except subprocess.TimeoutExpired:
            raise Failure(f"{name}: did not finish within {CLIENT_TIMEOUT} s")
        if result.returncode != 0:
            raise Failure(f"{name}: exit {result.returncode}; stderr: {result.stderr.strip()!r}")
        log = [line for line in result.stdout.splitlines() if line.startswith("t=")]
        done = [DONE.match(line) for line in log if DONE.match(line)]
        if len(done) != 1 or not DONE.match(log[-1]):
            raise Failure(f"{name}: the log does not end with one 'done: ...' line: {log[-3:]}")
        sent = int(done[0].group(3))
        # The server prints a request's line when it answers, or (no answer) when its client
        # closed the connection: wait, bounded, until every request the client sent has one.
        deadline = time.monotonic() + STEP_TIMEOUT
        while len(server.served()) < sent and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        lines = server.stop()

    served = {}
    for line in lines:
        m = SERVED.match(line)
        if m:
            key = (int(m.group(2)), int(m.group(3)))
            if key in served:
                raise Failure(f"{name}: the server saw /item/{key[0]}?attempt={key[1]} twice")
            served[key] = m.group(1)
    summary = dict(line.split(": ", 1) for line in lines if ": " in line and not line.startswith("http"))
    peak = int(summary.get("peak in flight", "-1"))

    # What the client logged, per request: [(attempt, outcome, gave_up)].
    seen = {}
    for line in log[:-1]:
        m = ATTEMPT.match(line)
        if not m:
            raise Failure(f"{name}: a line not in the lesson's log format: {line!r}")
        outcome = m.group(3) or m.group(4)
        seen.setdefault(int(m.group(1)), []).append((int(m.group(2)), outcome, bool(m.group(5))))

    ok = 0
    for i in range(1, requests + 1):
        expected = []
        for k in range(1, MAX_ATTEMPTS + 1):
            if (i, k) not in served:
                raise Failure(f"{name}: req {i}: the server never saw attempt {k}; it saw {sorted(served)}")
            status = served[(i, k)]
            # The server's rules: attempt 1 of every HANG_EVERY-th item is never answered
            # (unless the rate limit answered it first).
            if k == 1 and i % HANG_EVERY == 0 and status not in ("-", "429"):
                raise Failure(f"{name}: the server answered /item/{i}?attempt={k} with {status}, against its rules")
            # "-": no answer before the client closed: the client's timeout. On a loaded machine
            # an answer may also cross the client's timeout on the wire: the server logs its
            # status, the client a timeout; that is still the same story.
            outcome = "200 OK" if status == "200" else "timeout" if status == "-" else status
            logged = seen.get(i, [])
            if outcome != "timeout" and len(logged) >= k and logged[k - 1][1] == "timeout":
                print(f"note: {name}: req {i} attempt {k}: answered {status} as the client timed out")
                outcome = "timeout"
            expected.append((k, outcome, outcome != "200 OK" and k == MAX_ATTEMPTS))
            if outcome == "200 OK":
                ok += 1
                break
        if (i, len(expected) + 1) in served:
            raise Failure(f"{name}: req {i}: the server saw an attempt after the last one the client logged")
        if seen.get(i) != expected:
            raise Failure(f"{name}: req {i}: the client logged {seen.get(i)}, the server's answers imply {expected}")

    if sorted(seen) != list(range(1, requests + 1)):
        raise Failure(f"{name}: the client logged requests {sorted(seen)}, not 1..{requests}")
    if sent != len(served) or int(summary.get("requests", "-1")) != sent:
        raise Failure(f"{name}: the client says {sent} sent, the server saw {len(served)} "
                      f"(summary: {summary.get('requests')})")
    if (int(done[0].group(1)), int(done[0].group(2))) != (ok, requests - ok):
        raise Failure(f"{name}: 'done' says {done[0].group(1)} ok, {done[0].group(2)} failed; "
                      f"the server's answers imply {ok} ok, {requests - ok} failed")
    if not 1 <= peak <= limit:
        raise Failure(f"{name}: the server had {peak} requests in flight at once; the limit is {limit}")
    statuses = sorted(set(served.values()))
    print(f"ok: {name}: {sent} sent, {ok} ok, peak in flight {peak}, server answers {statuses}")
    return {i: [outcome for _, outcome, _ in attempts] for i, attempts in seen.items()}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dirigent", required=True)
    parser.add_argument("--python", required=True)
    parser.add_argument("clients", nargs="+")
    args = parser.parse_args()

    for client in args.clients:
        if client.endswith("live_aiohttp.py") or client.endswith("live_httpx.py"):
            library = "aiohttp" if client.endswith("live_aiohttp.py") else "httpx"
            probe = subprocess.run([args.python, "-c", f"import {library}"], capture_output=True, text=True)
            if probe.returncode != 0:
                print(f"FAIL: {args.python} cannot import {library}; scripts/setup.sh installs python3-{library}",
                      file=sys.stderr)
                return 1
    try:
        for run in RUNS:
            # Side by side: each client against its own fresh server, with the same parameters.
            # The server is the referee of each (see above); the sequences themselves may differ
            # between clients, as real time decides in which one-second window a request lands.
            outcomes = {os.path.basename(client): check_run(client, args, run) for client in args.clients}
            if len(outcomes) > 1:
                width = max(len(name) for name in outcomes)
                for i in range(1, run[0] + 1):
                    print(f"  req {i:2}: " + " | ".join(f"{name:>{width}}: {' -> '.join(seen[i])}"
                                                      for name, seen in outcomes.items()))
    except Failure as failure:
        print(f"FAIL: {failure}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
