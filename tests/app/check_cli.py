#!/usr/bin/env python3
"""Runs `dirigent` with command lines that need no window and checks exit codes and output.

Usage: check_cli.py DIRIGENT VERSION {errors|language}

  errors    --version prints "dirigent VERSION" and exits 0; a wrong command line prints
            exactly one line on stderr, nothing on stdout, and exits 2.
  language  --help comes out in English or German, chosen by --lang or by the locale.

Every run happens with QT_QPA_PLATFORM=xcb and no DISPLAY: should one of these command
lines create a QApplication, Qt aborts for lack of a display and the check fails. That is
how this script also checks that headless invocations stay headless.
"""

from __future__ import annotations

import os
import subprocess
import sys

failures: list[str] = []


def run(dirigent: str, *args: str, lang_env: str = "C.UTF-8") -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "LANGUAGE", "LC_MESSAGES")}
    env.update(QT_QPA_PLATFORM="xcb", LC_ALL=lang_env, LANG=lang_env)
    return subprocess.run([dirigent, *args], capture_output=True, text=True, env=env, timeout=30)


def expect(condition: bool, what: str, result: subprocess.CompletedProcess) -> None:
    status = "ok  " if condition else "FAIL"
    print(f"{status} {' '.join(result.args[1:]) or '(no arguments)'}: {what}")
    if not condition:
        failures.append(what)
        print(f"     exit code {result.returncode}\n     stdout: {result.stdout!r}\n"
              f"     stderr: {result.stderr!r}")


def expect_usage_error(dirigent: str, *args: str, mentions: str) -> None:
    result = run(dirigent, *args)
    lines = result.stderr.splitlines()
    expect(result.returncode == 2, "exits with code 2", result)
    expect(result.stdout == "", "prints nothing on stdout", result)
    expect(len(lines) == 1 and result.stderr.endswith("\n") and lines[0].strip() != "",
           "prints exactly one line on stderr", result)
    expect(bool(lines) and mentions in lines[0] and lines[0].startswith("dirigent: "),
           f"the line starts with 'dirigent: ' and names {mentions!r}", result)


def check_errors(dirigent: str, version: str) -> None:
    for option in ("--version", "-v"):
        result = run(dirigent, option)
        expect(result.returncode == 0, "exits with code 0", result)
        expect(result.stdout == f"dirigent {version}\n", f"prints 'dirigent {version}'", result)
        expect(result.stderr == "", "prints nothing on stderr", result)

    expect_usage_error(dirigent, "--bogus", mentions="--bogus")
    expect_usage_error(dirigent, "--lang", "fr", mentions="fr")
    expect_usage_error(dirigent, "--lang", mentions="--lang")
    expect_usage_error(dirigent, "--quit-after", "soon", mentions="soon")
    expect_usage_error(dirigent, "--quit-after", "-5", mentions="-5")
    expect_usage_error(dirigent, "lessonz", mentions="lessonz")

    german = run(dirigent, "--lang", "de", "--bogus")
    expect(german.returncode == 2 and "unbekannte Option '--bogus'" in german.stderr,
           "the error is in German with --lang de", german)


def check_language(dirigent: str, version: str) -> None:
    del version
    english = run(dirigent, "--help")
    expect(english.returncode == 0, "exits with code 0", english)
    for text in ("--lang <de|en>", "--quit-after <ms>", "--version", "--help",
                 "Show the version and exit."):
        expect(text in english.stdout, f"the help lists {text!r}", english)
    expect("--screenshot" not in english.stdout, "the help hides --screenshot", english)

    german = run(dirigent, "--lang", "de", "--help")
    expect(german.returncode == 0, "exits with code 0", german)
    expect("Die Version anzeigen und beenden." in german.stdout, "the help is in German", german)

    from_locale = run(dirigent, "--help", lang_env="de_DE.UTF-8")
    expect("Die Version anzeigen und beenden." in from_locale.stdout,
           "a German locale makes German the default", from_locale)

    overridden = run(dirigent, "--lang", "en", "--help", lang_env="de_DE.UTF-8")
    expect("Show the version and exit." in overridden.stdout,
           "--lang en wins over a German locale", overridden)


def main() -> int:
    if len(sys.argv) != 4 or sys.argv[3] not in ("errors", "language"):
        print(__doc__, file=sys.stderr)
        return 2
    dirigent, version, group = sys.argv[1:]
    {"errors": check_errors, "language": check_language}[group](dirigent, version)
    print(f"{len(failures)} failed" if failures else "all checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
