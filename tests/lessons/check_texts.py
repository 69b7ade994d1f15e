#!/usr/bin/env python3
"""Checks that every lesson folder is complete and its texts follow the contract
(/work/shared/briefs/lessons.md, README "Adding a lesson").

Usage:
  check_texts.py --lessons ROOT/lessons [--placeholders id,id] [--dirigent PATH]
  check_texts.py --self-test

For every folder under lessons/ (except include/, src/, cmake/ and hidden ones):
- lesson.py, scenario.cpp and lesson.cpp exist (a placeholder needs lesson.cpp only);
- text.en.md and text.de.md exist, and their headings of level 1 and 2 (outside code blocks)
  are exactly, in this order:
    EN: "# <title>", "## What it is", "## Watch for", "## Try with the sliders", "## The pitfall"
    DE: "# <Titel>", "## Worum es geht", "## Worauf du achten solltest",
        "## Probier es mit den Reglern", "## Die Falle"
  and no section is empty;
- no file of the folder says TODO, TBD, XXX or lorem (ipsum);
- with --dirigent: the "# <title>" of each text is the lesson's title in that language.
Prints one line per problem; exit code 1 if there is any.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

SECTIONS = {
    "en": ["What it is", "Watch for", "Try with the sliders", "The pitfall"],
    "de": ["Worum es geht", "Worauf du achten solltest", "Probier es mit den Reglern", "Die Falle"],
}
NOT_LESSONS = {"include", "src", "cmake"}
CODE_FILES = ("lesson.py", "scenario.cpp", "lesson.cpp")
MARKERS = re.compile(r"\b(TODO|TBD|XXX)\b|lorem", re.IGNORECASE)
HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t#]*$")
FENCE = re.compile(r"^\s*(```|~~~)")


def headings_and_sections(text: str) -> list[tuple[int, str, str]]:
    """(level, heading, body) for every heading of level 1 or 2, skipping fenced code."""
    out: list[tuple[int, str, list[str]]] = []
    in_code = False
    for line in text.splitlines():
        if FENCE.match(line):
            in_code = not in_code
        match = None if in_code else HEADING.match(line)
        if match and len(match.group(1)) <= 2:
            out.append((len(match.group(1)), match.group(2).strip(), []))
        elif out:
            out[-1][2].append(line)
    return [(level, title, "\n".join(body)) for level, title, body in out]


def check_text(path: Path, lang: str, title: str | None) -> list[str]:
    text = path.read_text(encoding="utf-8")
    problems = []
    found = headings_and_sections(text)
    got = [("#" * level) + " " + heading for level, heading, _ in found]
    expected_tail = ["## " + s for s in SECTIONS[lang]]
    if not found or found[0][0] != 1 or not found[0][1]:
        problems.append(f"{path}: must start with '# <title>'")
    elif got[1:] != expected_tail:
        problems.append(f"{path}: the sections must be exactly {expected_tail}, found {got[1:]}")
    elif title is not None and found[0][1] != title:
        problems.append(f"{path}: the title is '{found[0][1]}', but the lesson's is '{title}'")
    if found and found[0][0] == 1 and text.lstrip().splitlines()[0] != got[0]:
        problems.append(f"{path}: text before the title")
    for level, heading, body in found[1:]:
        if not body.strip():
            problems.append(f"{path}: the section '{'#' * level} {heading}' is empty")
    return problems


def check_markers(path: Path) -> list[str]:
    problems = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        match = MARKERS.search(line)
        if match:
            problems.append(f"{path}:{number}: unfinished ('{match.group(0)}'): {line.strip()}")
    return problems


def lesson_folders(root: Path) -> list[Path]:
    return sorted(p for p in root.iterdir()
                  if p.is_dir() and p.name not in NOT_LESSONS and not p.name.startswith((".", "_")))


def check_folder(folder: Path, placeholder: bool, titles: dict | None) -> list[str]:
    problems = []
    required = ["lesson.cpp"] if placeholder else list(CODE_FILES)
    for name in required:
        if not (folder / name).is_file():
            problems.append(f"{folder}: {name} is missing")
    for lang in ("en", "de"):
        path = folder / f"text.{lang}.md"
        if not path.is_file():
            problems.append(f"{folder}: text.{lang}.md is missing")
            continue
        title = titles.get(folder.name, {}).get(lang) if titles is not None else None
        problems += check_text(path, lang, title)
        problems += check_markers(path)
    for name in CODE_FILES:
        if (folder / name).is_file():
            problems += check_markers(folder / name)
    return problems


def titles_from(dirigent: str) -> dict:
    result = subprocess.run([dirigent, "lessons", "--json"], capture_output=True, text=True, timeout=60)
    if result.returncode != 0:
        sys.exit(f"`dirigent lessons --json` failed: {result.stderr.strip()}")
    return {lesson["id"]: lesson["title"] for lesson in json.loads(result.stdout)["lessons"]}


def check(root: Path, placeholders: set[str], titles: dict | None) -> list[str]:
    problems = []
    folders = lesson_folders(root)
    if not folders:
        problems.append(f"{root}: no lesson folders")
    for folder in folders:
        problems += check_folder(folder, folder.name in placeholders, titles)
    return problems


GOOD_EN = """# Queues

Intro.

## What it is
Text.

```python
# not a heading
```

## Watch for
Text.

## Try with the sliders
Text.

## The pitfall
Text.
"""
GOOD_DE = GOOD_EN.replace("# Queues", "# Warteschlangen").replace("What it is", "Worum es geht") \
    .replace("Watch for", "Worauf du achten solltest").replace("Try with the sliders", "Probier es mit den Reglern") \
    .replace("The pitfall", "Die Falle")


def self_test() -> int:
    """The checker accepts a good folder and finds each kind of problem."""
    cases = {
        "good": ({}, 0),
        "missing scenario": ({"scenario.cpp": None}, 1),
        "missing text": ({"text.de.md": None}, 1),
        "wrong order": ({"text.en.md": GOOD_EN.replace("## Watch for", "## X").replace("## Try with the sliders", "## Watch for")
                         .replace("## X", "## Try with the sliders")}, 1),
        "extra section": ({"text.en.md": GOOD_EN + "\n## More\nText.\n"}, 1),
        "empty section": ({"text.de.md": GOOD_DE.replace("## Die Falle\nText.\n", "## Die Falle\n\n")}, 1),
        "todo": ({"text.en.md": GOOD_EN.replace("Intro.", "Intro. TODO")}, 1),
        "lorem": ({"lesson.py": "# Lorem ipsum\n"}, 1),
        "wrong title": ({"text.en.md": GOOD_EN.replace("# Queues", "# Queue")}, 1),
    }
    failures = 0
    for name, (changes, expected) in cases.items():
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "queues"
            folder.mkdir()
            files = {"lesson.py": "print()\n", "scenario.cpp": "//\n", "lesson.cpp": "//\n",
                     "text.en.md": GOOD_EN, "text.de.md": GOOD_DE}
            files.update(changes)
            for file, content in files.items():
                if content is not None:
                    (folder / file).write_text(content, encoding="utf-8")
            problems = check(Path(tmp), set(), {"queues": {"en": "Queues", "de": "Warteschlangen"}})
            ok = (len(problems) > 0) == (expected > 0)
            print(f"{'ok  ' if ok else 'FAIL'} {name}: {problems or 'no problems'}")
            failures += not ok
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "threads"
        folder.mkdir()
        for file, content in {"lesson.cpp": "//\n", "text.en.md": GOOD_EN, "text.de.md": GOOD_DE}.items():
            (folder / file).write_text(content, encoding="utf-8")
        problems = check(Path(tmp), {"threads"}, None)
        print(f"{'ok  ' if not problems else 'FAIL'} placeholder: {problems or 'no problems'}")
        failures += bool(problems)
    return 1 if failures else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lessons", type=Path)
    parser.add_argument("--placeholders", default="", help="comma-separated ids of placeholder lessons")
    parser.add_argument("--dirigent", help="also check the titles against `dirigent lessons --json`")
    parser.add_argument("--self-test", action="store_true")
    args = parser.parse_args()
    if args.self_test:
        return self_test()
    if not args.lessons:
        parser.error("--lessons is required")
    placeholders = {p for p in args.placeholders.split(",") if p}
    titles = titles_from(args.dirigent) if args.dirigent else None
    problems = check(args.lessons, placeholders, titles)
    for problem in problems:
        print(problem)
    checked = len(lesson_folders(args.lessons))
    print(f"{checked} lesson folders checked: " + (f"{len(problems)} problems" if problems else "all complete"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
