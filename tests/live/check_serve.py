#!/usr/bin/env python3
"""`dirigent serve` as a process: the URL on the first line, one line per request, a clean
stop on SIGTERM with its summary, and exit 2 with one line for a bad value.

Usage: check_serve.py DIRIGENT
The server binds 127.0.0.1 on a free port (--port 0); it is killed in a finally if it has
not stopped by then. Every wait is bounded.
"""
import os
import signal
import subprocess
import sys
import urllib.error
import urllib.request

TIMEOUT = 10  # seconds for any one step


def env():
    e = dict(os.environ, LC_ALL="C.UTF-8", LANG="C.UTF-8", QT_QPA_PLATFORM="offscreen")
    e.pop("LANGUAGE", None)
    return e


def fail(message):
    print(f"FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def fetch(opener, url):
    """The status, the Retry-After header and the body of one GET (errors included)."""
    try:
        with opener.open(url, timeout=TIMEOUT) as reply:
            return reply.status, reply.headers.get("Retry-After"), reply.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Retry-After"), e.read()


def check_serving(dirigent):
    server = subprocess.Popen([dirigent, "serve", "--port", "0", "--latency", "0", "--rate", "3",
                               "--hang-every", "0", "--lang", "en"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env())
    try:
        url = server.stdout.readline().strip()
        if not url.startswith("http://127.0.0.1:") or not url.rsplit(":", 1)[1].isdigit():
            fail(f"the first line is not the server's URL: {url!r}")
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never a proxy
        statuses = []
        for i in range(1, 7):  # 6 requests within (about) one second at rate 3: some get 429
            status, retry_after, body = fetch(opener, f"{url}/item/{i}?attempt=1")
            statuses.append(status)
            if status == 429 and not (retry_after and retry_after.isdigit() and int(retry_after) >= 1):
                fail(f"a 429 without a whole-second Retry-After: {retry_after!r}")
            if status == 200 and b'"item":' + str(i).encode() not in body:
                fail(f"the answer to item {i} is not its JSON: {body!r}")
        if 200 not in statuses:
            fail(f"no request got 200: {statuses}")
        missing, _, _ = fetch(opener, f"{url}/nowhere")
        if missing != 404:
            fail(f"/nowhere answered {missing}, not 404")

        server.send_signal(signal.SIGTERM)
        out, err = server.communicate(timeout=TIMEOUT)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait(timeout=TIMEOUT)

    if server.returncode != 0:
        fail(f"SIGTERM: exit {server.returncode}, not 0; stderr: {err!r}")
    lines = out.splitlines()
    request_lines = [line for line in lines if line.split(" ", 1)[0].isdigit()]
    expected = [f"{s} /item/{i}?attempt=1" for i, s in enumerate(statuses, 1)] + ["404 /nowhere"]
    if request_lines != expected:
        fail(f"the request lines {request_lines} are not {expected}")
    for line in ("connections accepted: 7", "requests: 7", "peak in flight: 1"):
        if line not in lines:
            fail(f"the summary lacks {line!r}: {lines}")
    print(f"ok: serving, {statuses}, summary after SIGTERM")


def check_bad_values(dirigent):
    for args in (["--port", "70000"], ["--latency", "soon"], ["--rate", "-1"], ["--error-rate", "2"],
                 ["--hang-every", "1.5"], ["extra"]):
        r = subprocess.run([dirigent, "serve", *args, "--lang", "en"], capture_output=True, text=True,
                           timeout=TIMEOUT, env=env())
        if r.returncode != 2:
            fail(f"serve {' '.join(args)}: exit {r.returncode}, not 2")
        if r.stdout or len(r.stderr.splitlines()) != 1 or not r.stderr.startswith("dirigent: "):
            fail(f"serve {' '.join(args)}: not one line on stderr: {r.stderr!r} (stdout {r.stdout!r})")
    print("ok: bad values exit 2 with one line")


def check_sigint_and_help(dirigent):
    server = subprocess.Popen([dirigent, "serve", "--lang", "en"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, env=env())
    try:
        url = server.stdout.readline().strip()
        if not url.startswith("http://127.0.0.1:"):
            fail(f"the first line is not the server's URL: {url!r}")
        server.send_signal(signal.SIGINT)  # Ctrl+C
        out, err = server.communicate(timeout=TIMEOUT)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait(timeout=TIMEOUT)
    if server.returncode != 0 or "connections accepted: 0" not in out.splitlines():
        fail(f"SIGINT: exit {server.returncode}, stdout {out!r}, stderr {err!r}")
    help_text = subprocess.run([dirigent, "--help", "--lang", "en"], capture_output=True, text=True,
                               timeout=TIMEOUT, env=env()).stdout
    for word in ("serve", "--port", "--latency", "--rate", "--hang-every", "--error-rate", "--seed"):
        if word not in help_text:
            fail(f"--help does not mention {word}")
    print("ok: SIGINT stops it cleanly; --help lists serve and its options")


def check_port_taken(dirigent):
    import socket
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        r = subprocess.run([dirigent, "serve", "--port", str(port), "--lang", "en"], capture_output=True,
                           text=True, timeout=TIMEOUT, env=env())
    if r.returncode != 1 or len(r.stderr.splitlines()) != 1 or f"127.0.0.1:{port}" not in r.stderr:
        fail(f"a taken port: exit {r.returncode}, stderr {r.stderr!r}")
    print("ok: a taken port exits 1 with one line naming it")


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    dirigent = sys.argv[1]
    check_serving(dirigent)
    check_sigint_and_help(dirigent)
    check_bad_values(dirigent)
    check_port_taken(dirigent)


if __name__ == "__main__":
    main()
