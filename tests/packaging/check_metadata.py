#!/usr/bin/env python3
"""Validates the desktop entry or the AppStream metadata with the tool the desktops use.

check_metadata.py desktop FILE.desktop
check_metadata.py metainfo FILE.metainfo.xml --version X.Y.Z

Fails on the validator's errors and warnings (its hints are printed, they do not fail),
and on the few things the validators cannot know: that the desktop id, the icon name and
the AppStream id agree, and that the newest release is the project's version.
Exit 77 (skipped) when the validator is not installed (scripts/setup.sh installs it).
"""
import argparse
import configparser
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

SKIP = 77
APP_ID = "org.dirigent.Dirigent"


def run_tool(argv):
    if shutil.which(argv[0]) is None:
        package = {"desktop-file-validate": "desktop-file-utils", "appstreamcli": "appstream"}[argv[0]]
        print(f"SKIP: {argv[0]} is not installed (Debian package {package}; scripts/setup.sh installs it)")
        sys.exit(SKIP)
    done = subprocess.run(argv, capture_output=True, text=True)
    output = (done.stdout + done.stderr).strip()
    print(f"$ {' '.join(argv)}  (exit {done.returncode})")
    if output:
        print(output)
    return done.returncode, output.splitlines()


def check_desktop(path: Path):
    problems = []
    rc, lines = run_tool(["desktop-file-validate", str(path)])
    if rc != 0:
        problems.append(f"desktop-file-validate failed with exit code {rc}")
    for line in lines:
        if re.search(r"\b(error|warning):", line):
            problems.append(f"desktop-file-validate: {line}")

    entry = configparser.ConfigParser(interpolation=None, strict=True)
    entry.optionxform = str  # keys are case-sensitive
    entry.read(path, encoding="utf-8")
    group = entry["Desktop Entry"]
    expected = {"Name": "Dirigent", "Exec": "dirigent", "Icon": APP_ID, "Type": "Application"}
    for key, value in expected.items():
        if group.get(key) != value:
            problems.append(f"{key}={group.get(key)!r}, expected {value!r}")
    if path.name != f"{APP_ID}.desktop":
        problems.append(f"the file is {path.name}, expected {APP_ID}.desktop (the desktop id)")
    for key in ("GenericName", "Comment", "Keywords"):
        if key not in group or f"{key}[de]" not in group:
            problems.append(f"{key} needs an English value and a German one ({key}[de])")
    return problems


def check_metainfo(path: Path, version: str):
    problems = []
    rc, lines = run_tool(["appstreamcli", "validate", "--no-net", "--no-color", str(path)])
    if rc != 0:
        problems.append(f"appstreamcli validate failed with exit code {rc}")
    for line in lines:
        if re.match(r"\s*[EW]:", line):
            problems.append(f"appstreamcli: {line.strip()}")

    root = ET.parse(path).getroot()
    found = {
        "id": root.findtext("id"),
        "project_license": root.findtext("project_license"),
        "metadata_license": root.findtext("metadata_license"),
        "launchable": root.findtext("launchable"),
        "provides/binary": root.findtext("provides/binary"),
    }
    expected = {
        "id": APP_ID,
        "project_license": "GPL-3.0-or-later",
        "metadata_license": "CC0-1.0",
        "launchable": f"{APP_ID}.desktop",
        "provides/binary": "dirigent",
    }
    for key, value in expected.items():
        if found[key] != value:
            problems.append(f"<{key}> is {found[key]!r}, expected {value!r}")
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    for tag in ("summary", "description/p"):
        if not any(e.get(lang) == "de" for e in root.findall(tag)):
            problems.append(f"<{tag}> has no xml:lang=\"de\" translation")
    releases = root.findall("releases/release")
    if not releases:
        problems.append("no <release> in <releases>")
    elif releases[0].get("version") != version:
        # AppStream lists the newest release first: bumping the project version needs a release entry.
        problems.append(f"the newest <release> is {releases[0].get('version')!r}, but the project "
                        f"version is {version!r}: add a <release> for it (with its date)")
    if path.name != f"{APP_ID}.metainfo.xml":
        problems.append(f"the file is {path.name}, expected {APP_ID}.metainfo.xml")
    return problems


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("kind", choices=["desktop", "metainfo"])
    parser.add_argument("file", type=Path)
    parser.add_argument("--version")
    args = parser.parse_args()
    if args.kind == "desktop":
        problems = check_desktop(args.file)
    else:
        problems = check_metainfo(args.file, args.version)
    if problems:
        print(f"\nFAIL: {args.file.name}:")
        for problem in problems:
            print(f"  - {problem}")
        return 1
    print(f"\nOK: {args.file.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
