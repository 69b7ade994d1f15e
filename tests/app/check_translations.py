#!/usr/bin/env python3
"""Checks that the Qt Linguist .ts files are complete and in step with the sources.

The .ts files are copied to a temporary folder and lupdate refreshes the copies from
the sources, exactly as `cmake --build build --target update_translations` would do
in place. The check then fails on any message that is not finished in the refreshed
copies:

  missing     a source string that is not in the .ts file yet
  unfinished  in the .ts file, but not translated (or marked unfinished)
  stale       in the .ts file, but gone from the sources (vanished or obsolete)

and on translations whose %1, %2 ... placeholders differ from their source text's.
The .ts files in the tree are never changed.

Usage: check_translations.py --lupdate PATH --sources DIR_OR_FILE... --ts FILE...
Exit code 0: all good; 1: problems found (one per line on stdout); 2: could not check.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

PLACEHOLDER = re.compile(r"%L?(\d+)")


@dataclass(frozen=True)
class Problem:
    ts_file: str
    kind: str  # missing, unfinished, stale, placeholders, language
    context: str
    source: str

    def __str__(self) -> str:
        where = f"{self.context}: {self.source!r}" if self.context else self.source
        return f"{self.ts_file}: {self.kind}: {where}"


def message_key(context: str, message: ET.Element) -> tuple[str, str, str]:
    return (context, message.findtext("source", ""), message.findtext("comment", ""))


def read_messages(ts_path: Path) -> dict[tuple[str, str, str], ET.Element]:
    root = ET.parse(ts_path).getroot()
    messages = {}
    for context in root.iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            messages[message_key(name, message)] = message
    return messages


def translation_texts(translation: ET.Element) -> list[str]:
    forms = translation.findall("numerusform")
    if forms:
        return [form.text or "" for form in forms]
    return [translation.text or ""]


def check_language(ts_path: Path, shown_name: str) -> list[Problem]:
    """dirigent_de.ts must say language="de"; every file must say sourcelanguage="en"."""
    root = ET.parse(ts_path).getroot()
    problems = []
    match = re.fullmatch(r".*_([a-z]{2}(?:_[A-Z]{2})?)\.ts", ts_path.name)
    expected = match.group(1) if match else None
    language = root.get("language", "")
    if expected and language.split("_")[0] != expected.split("_")[0]:
        problems.append(Problem(shown_name, "language", "",
                                f'language="{language}" but the file name says {expected}'))
    if root.get("sourcelanguage", "en").split("_")[0] != "en":
        problems.append(Problem(shown_name, "language", "",
                                f'sourcelanguage="{root.get("sourcelanguage")}", expected en'))
    return problems


def check_original(original: Path, shown_name: str) -> list[Problem]:
    """Entries the file itself marks as not done (lupdate may drop some of them)."""
    problems = []
    for (context, source, _), message in read_messages(original).items():
        translation = message.find("translation")
        kind = translation.get("type", "") if translation is not None else "unfinished"
        if kind in ("vanished", "obsolete"):
            problems.append(Problem(shown_name, "stale", context, source))
        elif kind == "unfinished":
            problems.append(Problem(shown_name, "unfinished", context, source))
    return problems


def check_refreshed(original: Path, refreshed: Path, shown_name: str) -> list[Problem]:
    before = read_messages(original)
    problems = []
    for key, message in read_messages(refreshed).items():
        context, source, _ = key
        translation = message.find("translation")
        kind = translation.get("type", "") if translation is not None else "unfinished"
        texts = translation_texts(translation) if translation is not None else [""]

        if kind in ("vanished", "obsolete"):
            problems.append(Problem(shown_name, "stale", context, source))
        elif key not in before:
            problems.append(Problem(shown_name, "missing", context, source))
        elif kind == "unfinished" or not all(text.strip() for text in texts):
            problems.append(Problem(shown_name, "unfinished", context, source))
        else:
            wanted = sorted(set(PLACEHOLDER.findall(source)))
            for text in texts:
                if sorted(set(PLACEHOLDER.findall(text))) != wanted:
                    problems.append(Problem(shown_name, "placeholders", context, source))
                    break
    return problems


def run_lupdate(lupdate: str, sources: list[str], ts_files: list[Path]) -> None:
    command = [lupdate, "-silent", "-locations", "none", *sources, "-ts", *map(str, ts_files)]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"lupdate failed ({result.returncode}):\n{result.stdout}{result.stderr}")


def check(lupdate: str, sources: list[str], ts_files: list[Path]) -> list[Problem]:
    problems: list[Problem] = []
    with tempfile.TemporaryDirectory(prefix="check_translations_") as scratch:
        copies = []
        for index, ts_file in enumerate(ts_files):
            # One subfolder per file keeps equal names from different folders apart.
            folder = Path(scratch) / str(index)
            folder.mkdir()
            copy = folder / ts_file.name
            shutil.copyfile(ts_file, copy)
            copies.append(copy)
        run_lupdate(lupdate, sources, copies)
        for ts_file, copy in zip(ts_files, copies):
            problems += check_language(ts_file, str(ts_file))
            problems += check_original(ts_file, str(ts_file))
            problems += check_refreshed(ts_file, copy, str(ts_file))
    # The same entry can be reported from the file and from its refreshed copy.
    return list(dict.fromkeys(problems))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lupdate", required=True, help="path of Qt's lupdate")
    parser.add_argument("--sources", nargs="+", required=True,
                        help="folders or files that lupdate scans for translatable text")
    parser.add_argument("--ts", nargs="+", required=True, type=Path, help=".ts files to check")
    args = parser.parse_args(argv)

    for path in [*map(Path, args.sources), *args.ts]:
        if not path.exists():
            print(f"check_translations: {path} does not exist", file=sys.stderr)
            return 2
    try:
        problems = check(args.lupdate, args.sources, args.ts)
    except (RuntimeError, OSError, ET.ParseError) as error:
        print(f"check_translations: {error}", file=sys.stderr)
        return 2

    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} translation problem(s). Refresh the .ts files with "
              "`cmake --build build --target update_translations`, then translate the new "
              "entries (Qt Linguist: linguist translations/dirigent_de.ts) and remove stale ones.")
        return 1
    print(f"translations complete: {', '.join(str(ts) for ts in args.ts)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
