#!/usr/bin/env python3
"""A lesson's listing, copied alone into an empty folder, runs with plain python3.

Usage: check_listing_alone.py LISTING

What a learner does: copy lessons/<id>/lesson.py into a folder of their own and run
`python3 lesson.py`. The copy runs in an empty temporary folder with `python3 -I` (no
PYTHONPATH, no user site, not the project's folders), in real time, at the listing's own
defaults. It must end by itself with exit code 0 and print its log (every line "t=<seconds> ...");
the listing must start its program with asyncio.run(main()) and import nothing from the project.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

TIMEOUT = 120


def main() -> int:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    listing = Path(sys.argv[1])
    source = listing.read_text(encoding="utf-8")
    problems = []
    if not re.search(r"^asyncio\.run\(main\(\)\)\s*$", source, re.MULTILINE):
        problems.append("it does not end its program with asyncio.run(main())")
    if re.search(r"^\s*(from|import)\s+dirigent\b", source, re.MULTILINE):
        problems.append("it imports the project's dirigent module")
    if not re.search(r"^START = time\.monotonic\(\)", source, re.MULTILINE):
        problems.append("it has no START = time.monotonic() for its log's clock")

    with tempfile.TemporaryDirectory(prefix="dirigent-listing-") as folder:
        copy = Path(folder) / "lesson.py"
        shutil.copyfile(listing, copy)
        try:
            result = subprocess.run([sys.executable, "-I", "lesson.py"], cwd=folder, capture_output=True,
                                    text=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            problems.append(f"it did not end within {TIMEOUT} s")
            result = None
        if result is not None:
            lines = result.stdout.splitlines()
            if result.returncode != 0:
                problems.append(f"it exited with {result.returncode}:\n{result.stderr}")
            if not lines:
                problems.append("it printed nothing")
            stray = [line for line in lines if not re.match(r"^t=\d+\.\d{3} ", line)]
            if stray:
                problems.append(f"lines without a time stamp: {stray[:3]}")
    if problems:
        for p in problems:
            print(f"FAIL {listing}: {p}")
        return 1
    print(f"ok {listing}: ran alone with plain python3, {len(lines)} log lines")
    return 0


if __name__ == "__main__":
    sys.exit(main())
