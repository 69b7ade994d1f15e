#!/usr/bin/env python3
"""Runs Dirigent's benchmarks and the same workloads under CPython asyncio, alternating
them in one run, and prints one table: workload | Dirigent | CPython | ratio | target.

Each cell is the median of the repetitions with their min-max. Every repetition of a
workload runs the C++ benchmark (one process: bench/dirigent_bench with a filter) and
the Python script (one process: bench/python/<workload>.py) back to back, the side that
goes first alternating from one repetition to the next. The "warm heap" rows run the
workload twice in one process and time the second run (C++: with glibc's trimming off),
so that the figure is the scheduler's and not the kernel's first touch of fresh pages. Times are process CPU time on
both sides (see bench/python/common.py); the wall-clock figures are kept in the JSON.

The GUI rows (--gui-bench bench/gui_bench; keys gui_slider, gui_timeline) run the real
main window and the timeline offscreen, one process per repetition, and report wall-clock
milliseconds (what a learner waits for); see bench/gui_bench.cpp. They have no CPython twin.
gui_live runs the HTTP lesson live twice per repetition, without a window and in the window
(offscreen, the views following the run), and compares the runs' own total times.

The HTTP rows (--http-bench bench/http_bench and --dirigent, the app; keys http_rps,
http_latency_1, http_latency_10, http_latency_50) start `dirigent serve` on 127.0.0.1 (a free
port; one server without latency, one with 50 ms; no rate limit, nothing hangs) for the whole
run and stop it at the end, also on failure. Against it run, alternating, Dirigent's live
client (one live::HttpSession), aiohttp (one ClientSession) and httpx (one AsyncClient), each
a process per repetition with a limit of `concurrency` requests in flight. Their figures are
wall-clock: requests/s, and total time against the ideal requests x latency / concurrency.
The Python clients run under the first interpreter that has aiohttp and httpx (this one,
then Debian's /usr/bin/python3; --client-python to choose).

--smoke runs every workload once in a tiny size and checks only that each figure was
produced (CTest's bench_smoke and bench_gui_smoke; no timing is ever judged there).
"""
import argparse
import datetime
import json
import os
import platform
import statistics
import queue
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PYDIR = os.path.join(HERE, "python")


class Workload:
    """One row source: a C++ benchmark and (optionally) its Python twin."""

    def __init__(self, key, label, cpp=None, py=None, py_smoke=None, figure="per_s", py_figure=None,
                 cpp_binary="bench", unit="rate", gui=None, http=None, http_smoke=None):
        self.key = key
        self.label = label
        self.cpp = cpp              # Google Benchmark filter (regex)
        self.py = py                # [script, args...]
        self.py_smoke = py_smoke    # the same, tiny
        self.figure = figure        # counter of the C++ result
        self.py_figure = py_figure or figure
        self.cpp_binary = cpp_binary
        self.unit = unit
        self.gui = gui              # gui_bench --only <gui> (cpp_binary "gui")
        self.http = http            # (requests, concurrency, latency s) for cpp_binary "http"
        self.http_smoke = http_smoke


WORKLOADS = [
    Workload("switches_10k", "switches/s, N=10k K=10", "^switches/10000/10/",
             ["switches.py", "--n", "10000", "--k", "10"], ["switches.py", "--n", "200", "--k", "10"]),
    Workload("switches_100k", "switches/s, N=100k K=10", "^switches/100000/10/",
             ["switches.py", "--n", "100000", "--k", "10"], ["switches.py", "--n", "200", "--k", "10"]),
    Workload("spawn_10k", "spawn+complete tasks/s, 10k", "^spawn/10000/",
             ["spawn.py", "--n", "10000"], ["spawn.py", "--n", "200"]),
    Workload("spawn_100k", "spawn+complete tasks/s, 100k", "^spawn/100000/",
             ["spawn.py", "--n", "100000"], ["spawn.py", "--n", "200"]),
    Workload("spawn_1m", "spawn+complete tasks/s, 1M", "^spawn/1000000/",
             ["spawn.py", "--n", "1000000"], ["spawn.py", "--n", "200"]),
    Workload("switches_10k_warm", "switches/s, N=10k K=10, warm heap", "^switches_warm/10000/10/",
             ["switches.py", "--n", "10000", "--k", "10", "--warm", "1"],
             ["switches.py", "--n", "200", "--k", "10", "--warm", "1"]),
    Workload("switches_100k_warm", "switches/s, N=100k K=10, warm heap", "^switches_warm/100000/10/",
             ["switches.py", "--n", "100000", "--k", "10", "--warm", "1"],
             ["switches.py", "--n", "200", "--k", "10", "--warm", "1"]),
    Workload("spawn_10k_warm", "spawn+complete tasks/s, 10k, warm heap", "^spawn_warm/10000/",
             ["spawn.py", "--n", "10000", "--warm", "1"], ["spawn.py", "--n", "200", "--warm", "1"]),
    Workload("spawn_100k_warm", "spawn+complete tasks/s, 100k, warm heap", "^spawn_warm/100000/",
             ["spawn.py", "--n", "100000", "--warm", "1"], ["spawn.py", "--n", "200", "--warm", "1"]),
    Workload("spawn_1m_warm", "spawn+complete tasks/s, 1M, warm heap", "^spawn_warm/1000000/",
             ["spawn.py", "--n", "1000000", "--warm", "1"], ["spawn.py", "--n", "200", "--warm", "1"]),
    Workload("memory", "memory per pending task (Event), 100k", "^memory/100000/",
             ["memory.py", "--n", "100000"], ["memory.py", "--n", "200"], figure="bytes_per_task",
             py_figure="rss_per_task", unit="bytes"),
    Workload("queue", "queue items/s, maxsize 100, 1P/4C, 1M", "^queue/1000000/",
             ["queue_workload.py", "--items", "1000000"], ["queue_workload.py", "--items", "200"]),
    Workload("semaphore", "semaphore pairs/s, Semaphore(10), 1000x100", "^semaphore/1000/100/",
             ["semaphore.py", "--tasks", "1000", "--rounds", "100"], ["semaphore.py", "--tasks", "20", "--rounds", "10"]),
    Workload("trace_recorder", "trace: switches 10k with Recorder", "^trace_recorder/"),
    Workload("trace_recorder_warm", "trace: switches 10k, Recorder reused, warm heap", "^trace_recorder_warm/"),
    Workload("trace_snapshots", "trace: Recorder + StateSeeker snapshots", "^trace_snapshots/"),
    Workload("chrome_export", "trace: Chrome JSON export, s per 1M events", "^chrome_export/",
             figure="s_per_1M_events", unit="seconds"),
    Workload("nohooks_10k", "switches 10k, hooks compiled out", "^switches/10000/10/", cpp_binary="nohooks"),
    Workload("nohooks_100k", "switches 100k, hooks compiled out", "^switches/100000/10/", cpp_binary="nohooks"),
    Workload("gui_slider", "GUI: slider move -> re-run + repaint, every lesson", cpp_binary="gui", gui="lessons",
             unit="ms"),
    Workload("gui_timeline", "GUI: timeline, 1,000 tasks / ~100k events", cpp_binary="gui", gui="timeline",
             unit="ms"),
    Workload("gui_scale", "GUI at 100,000 tasks: the many-tasks lesson, urls=100000", cpp_binary="gui", gui="scale",
             unit="ms"),
    Workload("gui_live", "GUI: live HTTP run, window open vs closed", cpp_binary="gui", gui="live", unit="seconds"),
    # Issue 10: (a) throughput without latency; (b) 50 ms per answer at concurrency 1, 10, 50.
    # Concurrency 1 with 200 GETs, not 1,000: 1,000 would take 50 s per client and repetition.
    Workload("http_rps", "HTTP GETs/s", cpp_binary="http", http=(10000, 100, 0.0), http_smoke=(100, 10, 0.0)),
    Workload("http_latency_1", "HTTP total time", cpp_binary="http", http=(200, 1, 0.05), http_smoke=(4, 1, 0.05)),
    Workload("http_latency_10", "HTTP total time", cpp_binary="http", http=(1000, 10, 0.05),
             http_smoke=(20, 10, 0.05)),
    Workload("http_latency_50", "HTTP total time", cpp_binary="http", http=(1000, 50, 0.05),
             http_smoke=(100, 50, 0.05)),
]

HTTP_SIDES = {"cpp": None, "py": "http_aiohttp.py", "httpx": "http_httpx.py"}
HTTP_DEADLINE = 600  # seconds for one client's run; the process is killed a little later


class DemoServer:
    """`dirigent serve` on 127.0.0.1, a free port: started here, stopped by stop()."""

    def __init__(self, dirigent, latency):
        env = dict(os.environ, LC_ALL="C.UTF-8", LANG="C.UTF-8")
        env.pop("LANGUAGE", None)
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        self.latency = latency
        self.summary = []
        self.process = subprocess.Popen(
            [dirigent, "serve", "--port", "0", "--latency", f"{latency:g}", "--rate", "0", "--hang-every", "0",
             "--lang", "en"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        # It prints a line per request: drained by a thread, so that it never blocks on a full pipe.
        self.lines = queue.Queue()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        try:
            self.url = self.lines.get(timeout=20).strip()
        except queue.Empty:
            self.url = ""
        if not self.url.startswith("http://127.0.0.1:"):
            self.stop()
            raise RuntimeError(f"dirigent serve --latency {latency:g} did not start: first line {self.url!r}, "
                               f"stderr {self.process.stderr.read().strip()!r}")

    def _read(self):
        first = True
        for line in self.process.stdout:
            if first or not line[:1].isdigit():  # the URL and the summary; not the request lines
                self.lines.put(line)
            first = False
        self.lines.put("")  # the end: a server that died at once is not waited for

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()  # SIGTERM: it stops cleanly and prints its summary
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.reader.join(timeout=10)
        while not self.lines.empty():
            line = self.lines.get().strip()
            if ": " in line and not line.startswith("- "):
                self.summary.append(line)


def client_python(choice):
    """The interpreter for the aiohttp and httpx clients: one that imports both."""
    for candidate in ([choice] if choice else [sys.executable, "/usr/bin/python3"]):
        if candidate and subprocess.run([candidate, "-c", "import aiohttp, httpx"],
                                        capture_output=True).returncode == 0:
            return candidate
    return None


def run_http(workload, side, smoke, binary, python, url):
    requests, concurrency, _ = workload.http_smoke if smoke else workload.http
    size = ["--url", url, "--requests", str(requests), "--concurrency", str(concurrency),
            "--deadline", str(HTTP_DEADLINE)]
    if side == "cpp":
        command = [os.path.abspath(binary), *size]
    else:
        command = [python, os.path.join(PYDIR, HTTP_SIDES[side]), *size]
    done = subprocess.run(command, capture_output=True, text=True, cwd=PYDIR, timeout=HTTP_DEADLINE + 30)
    if done.returncode != 0:
        raise RuntimeError(f"{workload.key} ({side}): exit {done.returncode}: {done.stderr.strip()}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    if result["ok"] != requests:
        raise RuntimeError(f"{workload.key} ({side}): {result['ok']} of {requests} GETs answered 200: {result}")
    return result


def run_cpp(binary, workload, smoke):
    env = dict(os.environ)
    if smoke:
        env["DIRIGENT_BENCH_SMOKE"] = "1"
    out = subprocess.run([binary, f"--benchmark_filter={workload.cpp}", "--benchmark_format=json"],
                         check=True, capture_output=True, text=True, env=env).stdout
    results = json.loads(out)["benchmarks"]
    if len(results) != 1:
        raise RuntimeError(f"{workload.key}: filter {workload.cpp!r} matched {len(results)} benchmarks")
    return results[0]


def run_gui(binary, workload, smoke):
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    out = subprocess.run([binary, "--only", workload.gui, *(["--smoke"] if smoke else [])],
                         check=True, capture_output=True, text=True, env=env).stdout
    return json.loads(out)


def run_py(workload, smoke):
    args = workload.py_smoke if smoke else workload.py
    out = subprocess.run([sys.executable, os.path.join(PYDIR, args[0]), *args[1:]],
                         check=True, capture_output=True, text=True, cwd=PYDIR).stdout
    return json.loads(out.strip().splitlines()[-1])


def stats(values):
    values = [v for v in values if v is not None]
    if not values:
        return None
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "samples": values}


def fmt_value(v, unit):
    if v is None:
        return "—"
    if unit == "rate":
        if v >= 1e6:
            return f"{v / 1e6:.2f} M/s"
        return f"{v / 1e3:.0f} k/s"
    if unit == "bytes":
        return f"{v:.0f} B"
    if unit == "seconds":
        return f"{v:.3f} s"
    if unit == "factor":
        return f"{v:.2f}×"
    if unit == "ns":
        return f"{v:.0f} ns"
    if unit == "ms":
        return f"{v:.3f} ms" if v < 1 else f"{v:.2f} ms"
    if unit == "requests":
        return f"{v:,.0f}/s"
    return f"{v:.3g}"


def fmt_cell(s, unit):
    if s is None:
        return "—"
    if len(s["samples"]) == 1:
        return fmt_value(s["median"], unit)
    lo, hi = fmt_value(s["min"], unit), fmt_value(s["max"], unit)
    # "31.2 M/s (30.1–32.0)": the unit once
    for suffix in (" M/s", " k/s", "/s", " B", " ms", " s", "×", " ns"):
        if lo.endswith(suffix) and hi.endswith(suffix):
            lo, hi = lo[: -len(suffix)], hi[: -len(suffix)]
            break
    return f"{fmt_value(s['median'], unit)} ({lo}–{hi})"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bench", required=True, help="path of dirigent_bench")
    parser.add_argument("--bench-nohooks", help="path of dirigent_bench_nohooks")
    parser.add_argument("--gui-bench", help="path of gui_bench (the GUI rows; needs Qt, runs offscreen)")
    parser.add_argument("--http-bench", help="path of http_bench (the HTTP rows; needs --dirigent too)")
    parser.add_argument("--dirigent", help="path of the dirigent app (its `serve` is the HTTP rows' server)")
    parser.add_argument("--client-python", help="the Python for the aiohttp and httpx clients (default: the "
                                                "first of this one and /usr/bin/python3 that has both)")
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--smoke", action="store_true", help="one tiny run of everything; no targets judged")
    parser.add_argument("--json", default="bench-results.json", help="where to write the results")
    parser.add_argument("--only", help="comma-separated workload keys")
    args = parser.parse_args()

    reps = 1 if args.smoke else args.reps
    binaries = {"bench": args.bench, "nohooks": args.bench_nohooks, "gui": args.gui_bench,
                "http": args.http_bench if args.dirigent else None}
    workloads = [w for w in WORKLOADS if binaries.get(w.cpp_binary)]
    if args.only:
        keys = set(args.only.split(","))
        workloads = [w for w in workloads if w.key in keys]

    raw = {w.key: {"cpp": [], "py": [], **({"httpx": []} if w.http else {})} for w in workloads}
    http_python = None
    servers = {}  # latency -> DemoServer, for the HTTP rows
    if any(w.http for w in workloads):
        http_python = client_python(args.client_python)
        if http_python is None:
            print(f"bench: no Python with aiohttp and httpx (tried {args.client_python or sys.executable} "
                  f"{'' if args.client_python else 'and /usr/bin/python3'}); the HTTP rows run without them "
                  "(Debian: apt-get install python3-aiohttp python3-httpx)", file=sys.stderr)
    started = time.time()
    try:
        for w in workloads:
            latency = w.http and (w.http_smoke if args.smoke else w.http)[2]
            if w.http and latency not in servers:
                servers[latency] = DemoServer(args.dirigent, latency)
        for rep in range(reps):
            for w in workloads:
                sides = (["cpp", "py", "httpx"] if http_python else ["cpp"]) if w.http else ["cpp", "py"]
                order = sides[rep % len(sides):] + sides[:rep % len(sides)]  # who goes first alternates
                for side in order:
                    if w.http:
                        server = servers[(w.http_smoke if args.smoke else w.http)[2]]
                        raw[w.key][side].append(run_http(w, side, args.smoke, binaries["http"], http_python,
                                                         server.url))
                    elif side == "cpp" and w.gui:
                        raw[w.key]["cpp"].append(run_gui(binaries[w.cpp_binary], w, args.smoke))
                    elif side == "cpp" and w.cpp:
                        raw[w.key]["cpp"].append(run_cpp(binaries[w.cpp_binary], w, args.smoke))
                    elif side == "py" and w.py:
                        raw[w.key]["py"].append(run_py(w, args.smoke))
            print(f"bench: repetition {rep + 1}/{reps} done ({time.time() - started:.0f} s)", file=sys.stderr,
                  flush=True)
    finally:
        for server in servers.values():
            server.stop()

    def cpp_values(key, counter):
        return [r.get(counter) for r in raw.get(key, {}).get("cpp", [])]

    def py_values(key, field):
        return [r.get(field) for r in raw.get(key, {}).get("py", [])]

    rows = []

    def add_row(label, unit, d, p, target=None, met=None, ratio=None, note=None, **extra):
        rows.append({"workload": label, "unit": unit, "dirigent": d, "cpython": p, "ratio": ratio,
                     "target": target, "met": met, "note": note, **extra})

    def speedup(d, p):
        return d["median"] / p["median"] if d and p and p["median"] else None

    by_key = {w.key: w for w in workloads}

    def cold_warm(key):
        """For a cold row (a fresh process, as a learner runs it): how it compares with the
        same workload on a warm heap (run twice in one process, the second timed)."""
        warm_key = key + "_warm"
        if warm_key not in by_key:
            return None
        cold, warm = stats(cpp_values(key, "per_s")), stats(cpp_values(warm_key, "per_s"))
        if not cold or not warm or not warm["median"]:
            return None
        return f"cold/warm {cold['median'] / warm['median']:.2f} (warm {warm['median'] / 1e6:.1f} M/s)"

    # Issue 14's targets. The cold rows are the ones judged: that is how a learner's
    # `dirigent run` and every slider move in a fresh window run. The warm rows show
    # the scheduler without the kernel's first touch of fresh memory.
    for key in ("switches_10k", "switches_100k", "switches_10k_warm", "switches_100k_warm"):
        if key in by_key:
            d, p = stats(cpp_values(key, "per_s")), stats(py_values(key, "per_s"))
            r = speedup(d, p)
            add_row(by_key[key].label, "rate", d, p, "≥ 30 M/s, ≥ 60× CPython",
                    d is not None and r is not None and d["median"] >= 30e6 and r >= 60, r, note=cold_warm(key))
    for key in ("spawn_10k", "spawn_100k", "spawn_1m", "spawn_10k_warm", "spawn_100k_warm", "spawn_1m_warm"):
        if key in by_key:
            d, p = stats(cpp_values(key, "per_s")), stats(py_values(key, "per_s"))
            add_row(by_key[key].label, "rate", d, p, "≥ 10 M/s", d is not None and d["median"] >= 10e6, speedup(d, p),
                    note=cold_warm(key))
    if "spawn_10k" in by_key and "spawn_1m" in by_key:
        def cliff(side_values):
            small, big = side_values("spawn_10k"), side_values("spawn_1m")
            if not small or not big:
                return None
            return stats([statistics.median(big) / statistics.median(small)])
        d = cliff(lambda k: [v for v in cpp_values(k, "ns_per_item") if v])
        p = cliff(lambda k: [v for v in py_values(k, "ns_per_item") if v])
        add_row("spawn: time per task at 1M / at 10k", "factor", d, p, "≤ 1.5×",
                d is not None and d["median"] <= 1.5)
    if "memory" in by_key:
        d, p = stats(cpp_values("memory", "bytes_per_task")), stats(py_values("memory", "rss_per_task"))
        frame = stats(cpp_values("memory", "frame_bytes_per_task"))
        add_row("memory per pending task (allocated; CPython: RSS), 100k", "bytes", d, p, "≤ 192 B",
                d is not None and d["median"] <= 192, p["median"] / d["median"] if d and p and d["median"] else None,
                note=(f"coroutine frame {frame['median']:.0f} B (task record {cpp_values('memory', 'task_record_bytes')[0]:.0f} B"
                      f" inside it), the rest from the heap" if frame and frame["median"] else None))
        d = stats(cpp_values("memory", "rss_per_task"))
        add_row("memory per pending task (RSS delta), 100k", "bytes", d, p, "≤ 192 B",
                d is not None and d["median"] <= 192, p["median"] / d["median"] if d and p and d["median"] else None)
    for key, target in (("queue", 20e6), ("semaphore", 10e6)):
        if key in by_key:
            d, p = stats(cpp_values(key, "per_s")), stats(py_values(key, "per_s"))
            add_row(by_key[key].label, "rate", d, p, f"≥ {target / 1e6:.0f} M/s",
                    d is not None and d["median"] >= target, speedup(d, p))
    if "trace_recorder" in by_key and "switches_10k" in by_key:
        base = statistics.median(cpp_values("switches_10k", "ns_per_item"))
        for key, label in (("trace_recorder", "trace: Recorder time / no-sink time (switches 10k)"),
                           ("trace_snapshots", "trace: Recorder + snapshots / no-sink time")):
            if key not in by_key:
                continue
            d = stats([v / base for v in cpp_values(key, "ns_per_item")])
            events = statistics.median(cpp_values(key, "events"))
            items = statistics.median(cpp_values(key, "items"))
            per_event = (statistics.median(cpp_values(key, "ns_per_item")) - base) * items / events
            limit = 2 if key == "trace_recorder" else 3
            add_row(label, "factor", d, None, f"≤ {limit}×", d is not None and d["median"] <= limit,
                    note=f"{per_event:.0f} ns overhead per event, {events:.0f} events")
    if "trace_recorder_warm" in by_key and "switches_10k_warm" in by_key:
        base = statistics.median(cpp_values("switches_10k_warm", "ns_per_item"))
        d = stats([v / base for v in cpp_values("trace_recorder_warm", "ns_per_item")])
        events = statistics.median(cpp_values("trace_recorder_warm", "events"))
        items = statistics.median(cpp_values("trace_recorder_warm", "items"))
        per_event = (statistics.median(cpp_values("trace_recorder_warm", "ns_per_item")) - base) * items / events
        add_row("trace: Recorder reused / no-sink, warm heap (switches 10k)", "factor", d, None, "≤ 2×",
                d is not None and d["median"] <= 2, note=f"{per_event:.0f} ns overhead per event, {events:.0f} events")
    if "chrome_export" in by_key:
        d = stats(cpp_values("chrome_export", "s_per_1M_events"))
        add_row(by_key["chrome_export"].label, "seconds", d, None)
    for key, base_key, label in (("nohooks_10k", "switches_10k", "trace: no-sink / hooks compiled out, switches 10k"),
                                 ("nohooks_100k", "switches_100k", "trace: no-sink / hooks compiled out, switches 100k")):
        if key in by_key and base_key in by_key:
            with_hooks = cpp_values(base_key, "ns_per_item")
            without = cpp_values(key, "ns_per_item")
            # ratio of the medians (each repetition of both ran back to back in this run)
            d = stats([statistics.median(with_hooks) / statistics.median(without)])
            add_row(label, "factor", d, None, "≤ 1.05×", d is not None and d["median"] <= 1.05,
                    note="per-repetition ratios " + ", ".join(f"{a / b:.3f}" for a, b in zip(with_hooks, without)))

    if "gui_slider" in by_key:
        runs = raw["gui_slider"]["cpp"]
        # Per lesson: the median over the repetitions of each run's median (and the
        # extremes of every move); the row shows the worst lesson's median per repetition.
        per_lesson = {}
        for r in runs:
            for lesson in r["lessons"]:
                e = per_lesson.setdefault(lesson["id"], {"parameter": lesson["parameter"], "values": lesson["values"],
                                                         "events": lesson["events"], "move_medians_ms": [],
                                                         "rerun_medians_ms": [], "repaint_medians_ms": [],
                                                         "min_ms": None, "max_ms": None})
                e["move_medians_ms"].append(lesson["move_median_ms"])
                e["rerun_medians_ms"].append(lesson["rerun_median_ms"])
                e["repaint_medians_ms"].append(lesson["repaint_median_ms"])
                e["min_ms"] = min(x for x in (e["min_ms"], lesson["move_min_ms"]) if x is not None)
                e["max_ms"] = max(x for x in (e["max_ms"], lesson["move_max_ms"]) if x is not None)
        for e in per_lesson.values():
            e["median_ms"] = statistics.median(e["move_medians_ms"])
        d = stats([r["slider_worst_median_ms"] for r in runs if r.get("slider_lessons")])
        worst = max(per_lesson.items(), key=lambda kv: kv[1]["median_ms"]) if per_lesson else None
        moves = runs[0]["lessons"][0]["moves"] if runs and runs[0]["lessons"] else 0
        note = (f"{len(per_lesson)} lessons, {moves} moves each, median ms (re-run + repaint): "
                + ", ".join(f"{k} {e['median_ms']:.2f} ({statistics.median(e['rerun_medians_ms']):.2f} + "
                            f"{statistics.median(e['repaint_medians_ms']):.2f})" for k, e in per_lesson.items())
                + (f"; worst {worst[0]}, slowest single move {max(e['max_ms'] for e in per_lesson.values()):.2f} ms"
                   if worst else ""))
        add_row("GUI: slider move -> re-run + repaint, worst lesson's median", "ms", d, None,
                "≤ 16 ms median, every lesson", d is not None and all(e["median_ms"] <= 16 for e in per_lesson.values()),
                note=note, lessons=per_lesson)
    if "gui_timeline" in by_key:
        runs = raw["gui_timeline"]["cpp"]
        t = [r["timeline"] for r in runs]
        size = f"{t[0]['tasks']} tasks / {t[0]['events'] / 1000:.0f}k events, {t[0]['width']}x{t[0]['height']}" if t else ""
        d = stats([x["set_recorder_ms"] for x in t])
        add_row(f"GUI timeline: setRecorder (lanes built once), {size}", "ms", d, None)
        d = stats([x["frame_median_ms"] for x in t])
        add_row("GUI timeline: frame while playing (seek forward + repaint)", "ms", d, None, "≤ 16 ms",
                d is not None and d["median"] <= 16,
                note=f"{t[0]['frames'] if t else 0} frames per run; slowest frame "
                     f"{max((x['frame_max_ms'] for x in t), default=0):.2f} ms" if t else None)
        d = stats([x["seek_median_ms"] for x in t])
        add_row("GUI timeline: seek to a random cursor (StateSeeker)", "ms", d, None, "≤ 2 ms",
                d is not None and d["median"] <= 2,
                note=(f"{t[0]['seeks']} random cursors per run; slowest {max(x['seek_max_ms'] for x in t):.3f} ms, "
                      f"median {statistics.median(x['seek_replayed_median'] for x in t):.0f} events replayed")
                if t else None)
        d = stats([x["seek_repaint_median_ms"] for x in t])
        add_row("GUI timeline: seek + setState + repaint", "ms", d, None, "≤ 2 ms",
                d is not None and d["median"] <= 2,
                note=f"slowest {max((x['seek_repaint_max_ms'] for x in t), default=0):.2f} ms" if t else None)

    if "gui_scale" in by_key:
        # Issue 14: the window at the scheduler's scale. "Every frame" and "any point" are
        # judged by the slowest frame and the slowest seek of all repetitions, not the median.
        t = [r["scale"] for r in raw["gui_scale"]["cpp"]]
        if t:
            params = ", ".join(f"{k}={v:g}" for k, v in (t[0].get("parameters") or {}).items())
            size = (f"{t[0]['source']}" + (f" {params}" if params else "") + f": {t[0]['tasks']:,} tasks, "
                    f"{t[0]['events'] / 1e6:.2f}M events")
            d = stats([x["run_load_ms"] for x in t])
            add_row(f"GUI at scale ({size}): run + load into the player", "ms", d, None, "≤ 1,000 ms",
                    d is not None and d["max"] <= 1000,
                    note=f"run {statistics.median(x['run_ms'] for x in t):.0f} ms (scenario, recording, seeker index)"
                         f" + load {statistics.median(x['load_ms'] for x in t):.0f} ms (timeline lanes, final fold,"
                         f" first state)")
            for key, view in (("timeline", "timeline"), ("eventloop", "event loop view")):
                d = stats([x[f"{key}_frame_median_ms"] for x in t])
                slowest = max(x[f"{key}_frame_max_ms"] for x in t)
                add_row(f"GUI at scale: {view} frame while playing (median; target on the slowest)", "ms", d, None,
                        "every frame ≤ 16 ms", slowest <= 16,
                        note=f"{t[0]['frames']} frames per repetition, slowest {slowest:.2f} ms")
            d = stats([x["seek_median_ms"] for x in t])
            slowest = max(x["seek_max_ms"] for x in t)
            add_row("GUI at scale: seek to a random cursor (median; target on the slowest)", "ms", d, None,
                    "every seek ≤ 2 ms", slowest <= 2,
                    note=f"{t[0]['seeks']} random cursors per repetition, slowest {slowest:.3f} ms, at most "
                         f"{max(x['seek_replayed_max'] for x in t):,.0f} events replayed")
            d = stats([x["bytes_per_event"] for x in t])
            mb = 1024 * 1024
            add_row("GUI at scale: memory of the loaded trace per event", "bytes", d, None,
                    note=f"recorder {statistics.median(x['recorder_bytes'] for x in t) / mb:.0f} MiB, "
                         f"{t[0]['snapshots']} snapshots {statistics.median(x['seeker_bytes'] for x in t) / mb:.0f} MiB, "
                         f"timeline {statistics.median(x['timeline_bytes'] for x in t) / mb:.0f} MiB")

    if "gui_live" in by_key:
        runs = [r["live"] for r in raw["gui_live"]["cpp"]]
        size = f"{runs[0]['requests']} requests, limit {runs[0]['limit']}" if runs else ""
        errors = sorted({r[side]["error"] for r in runs for side in ("closed", "open") if r[side]["error"]})
        closed = stats([r["closed"]["total_s"] for r in runs if not r["closed"]["error"]])
        opened = stats([r["open"]["total_s"] for r in runs if not r["open"]["error"]])
        add_row(f"Live HTTP run ({size}, demo server as the model): total time, window closed", "seconds",
                closed, None, note="; ".join(errors) or
                f"CPU {statistics.median(r['closed']['cpu_s'] for r in runs):.2f} s per run" if runs else None)
        add_row(f"Live HTTP run ({size}): total time, window open (offscreen, views following)", "seconds",
                opened, None, "≤ closed + 5 %",
                opened is not None and closed is not None and opened["median"] <= closed["median"] * 1.05,
                note=(f"open/closed per repetition: "
                      + ", ".join(f"{r['open']['total_s'] / r['closed']['total_s']:.3f}" for r in runs
                                  if r["closed"]["total_s"] > 0)
                      + f"; CPU {statistics.median(r['open']['cpu_s'] for r in runs):.2f} s per run, "
                      f"{statistics.median(r['open']['updates'] for r in runs):.0f} view updates") if runs else None)

    http_keys = [w.key for w in workloads if w.http]
    for key in http_keys:
        w = by_key[key]
        requests, concurrency, latency = w.http_smoke if args.smoke else w.http
        runs = raw[key]
        pools = runs["cpp"][0] if runs.get("cpp") else {}
        cpu_note = (f"Dirigent's session: {pools.get('managers')} QNetworkAccessManager(s) of <= 6 connections, "
                    f"peak {pools.get('peak_in_flight')} in flight; client CPU per GET: ") + ", ".join(
            f"{name} {statistics.median(r['cpu_s'] for r in runs[side]) * 1e6 / requests:.0f} µs"
            for side, name in (("cpp", "Dirigent"), ("py", "aiohttp"), ("httpx", "httpx")) if runs.get(side))
        if latency == 0:
            d, a, h = (stats([r["per_s"] for r in runs.get(side, [])]) for side in ("cpp", "py", "httpx"))
            label = f"HTTP (a) GETs/s, {requests:,} GETs, concurrency {concurrency}, 0 ms latency"
            add_row(f"{label} — aiohttp", "requests", d, a, "≥ aiohttp",
                    d is not None and a is not None and d["median"] >= a["median"], speedup(d, a), note=cpu_note,
                    http=True)
            add_row(f"{label} — httpx", "requests", d, h, None, None, speedup(d, h), http=True)
            continue
        ideal = requests * latency / concurrency
        d, a, h = (stats([r["seconds"] for r in runs.get(side, [])]) for side in ("cpp", "py", "httpx"))
        fewer = " (not 1,000: 50 s a run)" if key == "http_latency_1" and not args.smoke else ""
        label = (f"HTTP (b) total time, {requests:,} GETs{fewer} × {latency * 1000:.0f} ms latency, "
                 f"concurrency {concurrency}")
        factors = ", ".join(f"{name} {s['median'] / ideal:.3f}×" for s, name in
                            ((d, "Dirigent"), (a, "aiohttp"), (h, "httpx")) if s)
        add_row(f"{label} — aiohttp", "seconds", d, a, f"≤ {ideal * 1.1:.2f} s (ideal {ideal:.2f} s + 10 %)",
                d is not None and d["median"] <= ideal * 1.1, speedup(a, d),
                note=f"time / ideal: {factors}; {cpu_note}", http=True)
        add_row(f"{label} — httpx", "seconds", d, h, f"— (ideal {ideal:.2f} s)", None, speedup(h, d), http=True)
    for latency, server in servers.items():
        add_row(f"HTTP server, latency {latency * 1000:.0f} ms", None, None, None,
                note="dirigent serve, whole run: " + "; ".join(server.summary), server_only=True)

    when = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    header = ["workload", "Dirigent (median, min–max)", "CPython (median, min–max)", "ratio", "target", "met"]
    table = []
    for r in rows:
        if r.get("server_only"):
            continue  # only its note
        table.append([
            r["workload"], fmt_cell(r["dirigent"], r["unit"]), fmt_cell(r["cpython"], r["unit"]),
            f"{r['ratio']:.0f}×" if r["ratio"] and r["ratio"] >= 10 else (f"{r['ratio']:.1f}×" if r["ratio"] else "—"),
            r["target"] or "—",
            "—" if args.smoke or r["met"] is None else ("met" if r["met"] else "MISSED"),
        ])
    widths = [max(len(str(row[i])) for row in table + [header]) for i in range(len(header))]
    lines = ["| " + " | ".join(h.ljust(widths[i]) for i, h in enumerate(header)) + " |",
             "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    for row in table:
        lines.append("| " + " | ".join(str(c).ljust(widths[i]) for i, c in enumerate(row)) + " |")
    py_version = next((r["python"] for v in raw.values() for r in v["py"]), platform.python_version())
    print(f"Dirigent benchmarks, {when}: {reps} repetition(s), CPython {py_version}, {os.cpu_count()} CPUs, "
          f"CPU time per run{'; GUI rows: wall-clock ms' if any(w.gui for w in workloads) else ''}"
          f"{'; HTTP rows: wall-clock, client ' + str(http_python) if http_keys else ''}"
          f"{' (SMOKE: tiny sizes, no targets)' if args.smoke else ''}")
    print("\n".join(lines))
    notes = [f"- {r['workload']}: {r['note']}" for r in rows if r.get("note")]
    if notes:
        print("\n".join(notes))

    result = {"date": when, "smoke": args.smoke, "repetitions": reps, "python": py_version,
              "http_client_python": http_python,
              "cpus": os.cpu_count(), "machine": platform.machine(), "time": "process CPU time",
              "rows": rows, "raw": raw, "table": lines}
    path = os.path.abspath(args.json)
    with open(path, "w") as f:
        json.dump(result, f, indent=1)
    print(f"results: {path}")

    if args.smoke:
        missing = [r["workload"] for r in rows if not r.get("server_only") and (r["dirigent"] is None or
                   (r["cpython"] is None and (r.get("http") or any(w.py for w in workloads
                                                                   if w.label == r["workload"]))))]
        if missing or not rows:
            print(f"bench smoke: no figure for {missing}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
