#!/usr/bin/env python3
"""Renders every lesson in both languages with `dirigent screenshot` and checks the pictures.

Usage: check_gallery.py --dirigent DIRIGENT --out FOLDER [--at FRACTION] [--size WxH] [--program FILE.py]

For each lesson that can run (from `dirigent lessons --json`) and each language (de, en)
it writes FOLDER/<lesson>-<lang>.png showing the run at FRACTION (default 0.5), then checks:
  - the command exits 0 and writes a PNG of the asked size;
  - the picture is not blank: it has many colours, and no single colour covers nearly all of it;
  - no two lessons' pictures are identical in the same language, and the German and English
    picture of a lesson differ (the texts are translated).
For each lesson with a live variant it also writes FOLDER/<lesson>-live-<lang>.png
(`dirigent screenshot LESSON --live`: a real run against the demo server of that process,
on 127.0.0.1, until it ends) and checks it the same way; it must differ from the model's picture.
With --program, a learner's own program is rendered too (`dirigent screenshot FILE.py`: run under
CPython by the harness until it ends) as FOLDER/program-<lang>.png, checked the same way.
FOLDER/index.html shows all pictures side by side, for a person to look at.
Needs only the Python standard library (pngread.py beside this script reads the PNGs).
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import os
import subprocess
import sys
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pngread  # noqa: E402  (beside this script)

LANGUAGES = ("en", "de")
# The lessons with a live variant (live::liveLessonIds()).
LIVE_LESSONS = ("http", "database", "threads", "blocking")
# A picture where one colour covers more than this share of the sampled pixels counts as blank.
FLAT_SHARE = 0.97
# And one with fewer distinct colours than this in the sample.
MIN_COLOURS = 24

failures: list[str] = []


def fail(what: str) -> None:
    failures.append(what)
    print(f"FAIL {what}")


def lessons(dirigent: str, env: dict[str, str]) -> list[dict]:
    result = subprocess.run([dirigent, "lessons", "--json"], capture_output=True, text=True,
                            encoding="utf-8", env=env, timeout=60)
    if result.returncode != 0:
        raise SystemExit(f"`dirigent lessons --json` failed: {result.stderr}")
    return [lesson for lesson in json.loads(result.stdout)["lessons"] if not lesson["placeholder"]]


def check_picture(path: str, size: tuple[int, int], name: str) -> bytes | None:
    """Checks one PNG; returns a digest of its pixels, None if it is unusable."""
    try:
        picture = pngread.read(path)
    except (OSError, pngread.PngError) as error:
        fail(f"{name}: not a readable PNG ({error})")
        return None
    if (picture.width, picture.height) != size:
        fail(f"{name}: {picture.width}x{picture.height} instead of {size[0]}x{size[1]}")
    counts = Counter()
    for y in range(0, picture.height, 3):
        row = picture.rows[y]
        step = 3 * picture.channels
        for start in range(0, len(row), step):
            counts[row[start:start + picture.channels]] += 1
    total = sum(counts.values())
    colour, most = counts.most_common(1)[0]
    share = most / total
    print(f"     {name}: {len(counts)} colours in the sample, the commonest ({colour.hex()}) covers {share:.0%}")
    if len(counts) < MIN_COLOURS:
        fail(f"{name}: only {len(counts)} colours: blank?")
    if share > FLAT_SHARE:
        fail(f"{name}: one colour covers {share:.0%}: blank?")
    return hashlib.sha256(b"".join(picture.rows)).digest()


def render(dirigent: str, env: dict[str, str], name: str, arguments: list[str], path: str,
           size: tuple[int, int], timeout: int) -> bytes | None:
    """`dirigent screenshot ARGUMENTS... PATH`, then check_picture(); None if there is no usable picture."""
    command = [dirigent, "screenshot", *arguments, path]
    result = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", env=env, timeout=timeout)
    print(f"{'ok  ' if result.returncode == 0 else 'FAIL'} {' '.join(command[1:])}")
    if result.returncode != 0 or result.stderr.strip():
        if result.returncode != 0:
            fail(f"{name}: exit code {result.returncode}")
        print(f"     stderr: {result.stderr.strip()}")
    if not os.path.exists(path):
        fail(f"{name}: no picture written")
        return None
    return check_picture(path, size, name)


def write_index(folder: str, rows: list[tuple[str, str]], fraction: str) -> None:
    cells = []
    for lesson_id, title in rows:
        if lesson_id.endswith("-live"):
            title += " (live)"
        pictures = "".join(
            f'<figure><a href="{lesson_id}-{lang}.png"><img src="{lesson_id}-{lang}.png" '
            f'alt="{html.escape(title)} ({lang})"></a><figcaption>{lang}</figcaption></figure>'
            for lang in LANGUAGES)
        cells.append(f"<section><h2>{html.escape(lesson_id)}: {html.escape(title)}</h2>{pictures}</section>")
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Dirigent gallery</title>
<style>
body {{ font-family: sans-serif; margin: 1em; }}
section {{ margin-bottom: 2em; }}
figure {{ display: inline-block; margin: 0 1em 0 0; }}
img {{ width: 640px; border: 1px solid #888; }}
</style></head><body>
<h1>Dirigent: every lesson at {html.escape(fraction)} of its run</h1>
{''.join(cells)}
</body></html>
"""
    with open(os.path.join(folder, "index.html"), "w", encoding="utf-8") as file:
        file.write(page)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dirigent", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--at", default="0.5")
    parser.add_argument("--size", default="1366x768")
    parser.add_argument("--program", default=None)
    args = parser.parse_args()
    width, height = (int(part) for part in args.size.split("x"))

    os.makedirs(args.out, exist_ok=True)
    for name in os.listdir(args.out):  # no picture of an earlier run may pass for this one's
        if name.endswith(".png"):
            os.remove(os.path.join(args.out, name))

    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    all_lessons = lessons(args.dirigent, env)
    if not all_lessons:
        fail("no lesson to render")

    digests: dict[str, dict[str, bytes]] = {lang: {} for lang in LANGUAGES}
    rows = []
    for lesson in all_lessons:
        lesson_id = lesson["id"]
        rows.append((lesson_id, lesson["title"]["en"]))
        for lang in LANGUAGES:
            name = f"{lesson_id}-{lang}"
            digest = render(args.dirigent, env, name,
                            [lesson_id, "--lang", lang, "--at", args.at, "--size", args.size],
                            os.path.join(args.out, f"{name}.png"), (width, height), 120)
            if digest is not None:
                digests[lang][lesson_id] = digest

    # Live mode: a real run, rendered when it ended.
    for lesson in all_lessons:
        lesson_id = lesson["id"]
        if lesson_id not in LIVE_LESSONS:
            continue
        rows.append((f"{lesson_id}-live", lesson["title"]["en"]))
        live_digests = {}
        for lang in LANGUAGES:
            name = f"{lesson_id}-live-{lang}"
            digest = render(args.dirigent, env, name,
                            [lesson_id, "--live", "--lang", lang, "--at", args.at, "--size", args.size],
                            os.path.join(args.out, f"{name}.png"), (width, height), 240)
            if digest is None:
                continue
            live_digests[lang] = digest
            if digests[lang].get(lesson_id) == digest:
                fail(f"{name} is identical to the model's picture {lesson_id}-{lang}")
        if len(live_digests) == 2 and live_digests["de"] == live_digests["en"]:
            fail(f"{lesson_id}-live: the German and the English picture are identical")

    # A learner's own program, traced under CPython.
    if args.program:
        rows.append(("program", os.path.basename(args.program)))
        program_digests = {}
        for lang in LANGUAGES:
            name = f"program-{lang}"
            digest = render(args.dirigent, env, name,
                            [args.program, "--lang", lang, "--at", args.at, "--size", args.size],
                            os.path.join(args.out, f"{name}.png"), (width, height), 240)
            if digest is not None:
                program_digests[lang] = digest
        if len(program_digests) == 2 and program_digests["de"] == program_digests["en"]:
            fail("program: the German and the English picture are identical")

    for lang in LANGUAGES:
        seen: dict[bytes, str] = {}
        for lesson_id, digest in digests[lang].items():
            if digest in seen:
                fail(f"{lesson_id}-{lang} is identical to {seen[digest]}-{lang}")
            seen[digest] = lesson_id
    for lesson_id, digest in digests["en"].items():
        if digests["de"].get(lesson_id) == digest:
            fail(f"{lesson_id}: the German and the English picture are identical")

    write_index(args.out, rows, args.at)
    print(f"gallery: {os.path.join(args.out, 'index.html')}")
    print(f"{len(failures)} failed" if failures else "all checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
