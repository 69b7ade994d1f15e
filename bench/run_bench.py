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

--smoke runs every workload once in a tiny size and checks only that each figure was
produced (CTest's bench_smoke and bench_gui_smoke; no timing is ever judged there).
"""
import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PYDIR = os.path.join(HERE, "python")


class Workload:
    """One row source: a C++ benchmark and (optionally) its Python twin."""

    def __init__(self, key, label, cpp=None, py=None, py_smoke=None, figure="per_s", py_figure=None,
                 cpp_binary="bench", unit="rate", gui=None):
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
]


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
    return f"{v:.3g}"


def fmt_cell(s, unit):
    if s is None:
        return "—"
    if len(s["samples"]) == 1:
        return fmt_value(s["median"], unit)
    lo, hi = fmt_value(s["min"], unit), fmt_value(s["max"], unit)
    # "31.2 M/s (30.1–32.0)": the unit once
    for suffix in (" M/s", " k/s", " B", " ms", " s", "×", " ns"):
        if lo.endswith(suffix) and hi.endswith(suffix):
            lo, hi = lo[: -len(suffix)], hi[: -len(suffix)]
            break
    return f"{fmt_value(s['median'], unit)} ({lo}–{hi})"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bench", required=True, help="path of dirigent_bench")
    parser.add_argument("--bench-nohooks", help="path of dirigent_bench_nohooks")
    parser.add_argument("--gui-bench", help="path of gui_bench (the GUI rows; needs Qt, runs offscreen)")
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--smoke", action="store_true", help="one tiny run of everything; no targets judged")
    parser.add_argument("--json", default="bench-results.json", help="where to write the results")
    parser.add_argument("--only", help="comma-separated workload keys")
    args = parser.parse_args()

    reps = 1 if args.smoke else args.reps
    binaries = {"bench": args.bench, "nohooks": args.bench_nohooks, "gui": args.gui_bench}
    workloads = [w for w in WORKLOADS if binaries.get(w.cpp_binary)]
    if args.only:
        keys = set(args.only.split(","))
        workloads = [w for w in workloads if w.key in keys]

    raw = {w.key: {"cpp": [], "py": []} for w in workloads}
    started = time.time()
    for rep in range(reps):
        for w in workloads:
            order = ["cpp", "py"] if rep % 2 == 0 else ["py", "cpp"]
            for side in order:
                if side == "cpp" and w.gui:
                    raw[w.key]["cpp"].append(run_gui(binaries[w.cpp_binary], w, args.smoke))
                elif side == "cpp" and w.cpp:
                    raw[w.key]["cpp"].append(run_cpp(binaries[w.cpp_binary], w, args.smoke))
                elif side == "py" and w.py:
                    raw[w.key]["py"].append(run_py(w, args.smoke))
        print(f"bench: repetition {rep + 1}/{reps} done ({time.time() - started:.0f} s)", file=sys.stderr, flush=True)

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
    for key in ("switches_10k", "switches_100k", "switches_10k_warm", "switches_100k_warm"):
        if key in by_key:
            d, p = stats(cpp_values(key, "per_s")), stats(py_values(key, "per_s"))
            r = speedup(d, p)
            add_row(by_key[key].label, "rate", d, p, "≥ 30 M/s, ≥ 50× CPython",
                    d is not None and r is not None and d["median"] >= 30e6 and r >= 50, r)
    for key in ("spawn_10k", "spawn_100k", "spawn_1m", "spawn_1m_warm"):
        if key in by_key:
            d, p = stats(cpp_values(key, "per_s")), stats(py_values(key, "per_s"))
            add_row(by_key[key].label, "rate", d, p, "≥ 10 M/s", d is not None and d["median"] >= 10e6, speedup(d, p))
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
        add_row("memory per pending task (allocated; CPython: RSS), 100k", "bytes", d, p, "≤ 256 B",
                d is not None and d["median"] <= 256, p["median"] / d["median"] if d and p and d["median"] else None)
        d = stats(cpp_values("memory", "rss_per_task"))
        add_row("memory per pending task (RSS delta), 100k", "bytes", d, p, "≤ 256 B",
                d is not None and d["median"] <= 256, p["median"] / d["median"] if d and p and d["median"] else None)
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
            is_rec = key == "trace_recorder"
            add_row(label, "factor", d, None, "≤ 2×" if is_rec else None,
                    (d is not None and d["median"] <= 2) if is_rec else None,
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

    when = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    header = ["workload", "Dirigent (median, min–max)", "CPython (median, min–max)", "ratio", "target", "met"]
    table = []
    for r in rows:
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
          f"{' (SMOKE: tiny sizes, no targets)' if args.smoke else ''}")
    print("\n".join(lines))
    notes = [f"- {r['workload']}: {r['note']}" for r in rows if r.get("note")]
    if notes:
        print("\n".join(notes))

    result = {"date": when, "smoke": args.smoke, "repetitions": reps, "python": py_version,
              "cpus": os.cpu_count(), "machine": platform.machine(), "time": "process CPU time",
              "rows": rows, "raw": raw, "table": lines}
    path = os.path.abspath(args.json)
    with open(path, "w") as f:
        json.dump(result, f, indent=1)
    print(f"results: {path}")

    if args.smoke:
        missing = [r["workload"] for r in rows if r["dirigent"] is None or
                   (r["cpython"] is None and any(w.py for w in workloads if w.label == r["workload"]))]
        if missing or not rows:
            print(f"bench smoke: no figure for {missing}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
