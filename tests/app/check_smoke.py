#!/usr/bin/env python3
"""Starts the real `dirigent` window and checks what a person would see first.

    check_smoke.py --dirigent PATH [--xvfb XVFB_RUN]   the window in English and in German
    check_smoke.py --self-test                          shows that a broken window is rejected

For each language the window is started with --screenshot and --window-report (hidden
options: save the window as PNG and its title/lesson list as JSON once it stands, then quit)
in a fresh settings folder. Checks: exit 0; the title names Dirigent; the window is visible;
the lesson list has one row per lesson of `dirigent lessons --json`, each showing the lesson's
title in that language; the German and English lists differ; the picture is at least 640x400
and not blank (many colours, no colour covering almost everything).
"""
import argparse
import json
import os
import struct
import subprocess
import sys
import tempfile
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pngread  # noqa: E402  (beside this script)

TIMEOUT_S = 60


class SmokeError(Exception):
    pass


def check_picture(path):
    try:
        picture = pngread.read(path)
    except (OSError, pngread.PngError) as e:
        raise SmokeError(f"no picture of the window: {e}")
    if picture.width < 640 or picture.height < 400:
        raise SmokeError(f"the window is only {picture.width}x{picture.height} pixels")
    counts = {}
    for y in range(0, picture.height, 4):
        for x in range(0, picture.width, 4):
            pixel = picture.pixel(x, y)
            counts[pixel] = counts.get(pixel, 0) + 1
    total = sum(counts.values())
    top = max(counts.values())
    if len(counts) < 32 or top > 0.9 * total:
        raise SmokeError(f"the window looks blank: {len(counts)} colours, the commonest covers "
                         f"{100 * top // total} % of it")
    return f"{picture.width}x{picture.height}, {len(counts)} colours"


def check_report(report, language, titles):
    if "Dirigent" not in report.get("title", ""):
        raise SmokeError(f"the title bar says {report.get('title')!r}, not Dirigent")
    if report.get("visible") is not True:
        raise SmokeError("the window is not visible")
    if report.get("language") != language:
        raise SmokeError(f"the window speaks {report.get('language')!r}, not {language!r}")
    rows = report.get("lessons", [])
    if len(rows) != len(titles) or not titles:
        raise SmokeError(f"the lesson list has {len(rows)} rows for {len(titles)} lessons")
    for row, title in zip(rows, titles):
        if title not in row:
            raise SmokeError(f"the lesson list shows {row!r} where {title!r} belongs")
    return rows


def run_window(dirigent, wrapper, language, folder):
    image = os.path.join(folder, f"window-{language}.png")
    report_path = os.path.join(folder, f"window-{language}.json")
    env = dict(os.environ, XDG_CONFIG_HOME=os.path.join(folder, "config"), HOME=folder)
    command = wrapper + [dirigent, "--lang", language, "--screenshot", image, "--window-report", report_path]
    try:
        p = subprocess.run(command, env=env, capture_output=True, text=True, timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        raise SmokeError(f"the window did not quit within {TIMEOUT_S} s")
    if p.returncode != 0:
        raise SmokeError(f"dirigent exited with {p.returncode}: {p.stderr.strip()}")
    with open(report_path, encoding="utf-8") as f:
        report = json.load(f)
    return report, image


def smoke(dirigent, wrapper):
    listing = subprocess.run([dirigent, "lessons", "--json"], capture_output=True, text=True, timeout=TIMEOUT_S)
    lessons = json.loads(listing.stdout)["lessons"]
    shown = {}
    with tempfile.TemporaryDirectory() as folder:
        for language in ("en", "de"):
            report, image = run_window(dirigent, wrapper, language, folder)
            titles = [lesson["title"][language] for lesson in lessons]
            shown[language] = check_report(report, language, titles)
            size = check_picture(image)
            print(f"{language}: {report['title']!r}, {len(shown[language])} lessons, picture {size}")
    if shown["en"] == shown["de"]:
        raise SmokeError("the German lesson list is the English one")


def solid_png(width, height, colour):
    row = b"\x00" + bytes(colour) * width
    body = zlib.compress(row * height)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", body) + chunk(b"IEND", b""))


def self_test():
    good = {"title": "Queues — Dirigent", "visible": True, "language": "de", "lessons": ["1 Queues", "2 Tasks"]}
    titles = ["Queues", "Tasks"]
    check_report(good, "de", titles)
    broken_reports = {
        "no lessons": dict(good, lessons=[]),
        "a lesson missing": dict(good, lessons=["1 Queues"]),
        "wrong language": dict(good, language="en"),
        "hidden window": dict(good, visible=False),
        "no title": dict(good, title=""),
    }
    failures = 0
    for what, report in broken_reports.items():
        try:
            check_report(report, "de", titles)
            print(f"self-test: a window with {what} was accepted", file=sys.stderr)
            failures += 1
        except SmokeError:
            pass
    with tempfile.TemporaryDirectory() as folder:
        for what, data in {"blank picture": solid_png(800, 500, (255, 255, 255)),
                           "tiny picture": solid_png(10, 10, (0, 0, 0)),
                           "no picture": b""}.items():
            path = os.path.join(folder, what.replace(" ", "-") + ".png")
            with open(path, "wb") as f:
                f.write(data)
            try:
                check_picture(path)
                print(f"self-test: a {what} was accepted", file=sys.stderr)
                failures += 1
            except SmokeError:
                pass
    if failures:
        return 1
    print(f"self-test: {len(broken_reports) + 3} broken windows rejected")
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dirigent")
    ap.add_argument("--xvfb", help="xvfb-run: start the window on a real X server")
    ap.add_argument("--self-test", action="store_true")
    args = ap.parse_args()
    if args.self_test:
        return self_test()
    if not args.dirigent:
        ap.error("--dirigent is required")
    wrapper = [args.xvfb, "-a", "-s", "-screen 0 1280x800x24"] if args.xvfb else []
    try:
        smoke(args.dirigent, wrapper)
    except (SmokeError, OSError, ValueError, KeyError) as e:
        print(f"FAIL: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
