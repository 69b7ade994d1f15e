#!/usr/bin/env python3
"""Runs `dirigent` with command lines that need no window and checks exit codes and output.

Usage: check_cli.py DIRIGENT VERSION {errors|language|screenshot}

  errors      --version prints "dirigent VERSION" and exits 0; a wrong command line prints
              exactly one line on stderr, nothing on stdout, and exits 2.
  language    --help comes out in English or German, chosen by --lang or by the locale.
  screenshot  `dirigent screenshot` writes a PNG of the asked size without a display and
              without touching the user's settings; a target it cannot write fails with one
              line and exit code 1 and leaves no file behind.

Every run happens with QT_QPA_PLATFORM=xcb and no DISPLAY: should one of these command
lines create a QApplication, Qt aborts for lack of a display and the check fails. That is
how this script also checks that headless invocations stay headless. The screenshot group
runs without QT_QPA_PLATFORM instead: the command must choose the offscreen platform itself.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pngread  # noqa: E402  (beside this script)

failures: list[str] = []


def run(dirigent: str, *args: str, lang_env: str = "C.UTF-8", platform: str | None = "xcb",
        extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Runs dirigent without a display; platform None leaves QT_QPA_PLATFORM unset."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "LANGUAGE", "LC_MESSAGES", "QT_QPA_PLATFORM")}
    env.update(LC_ALL=lang_env, LANG=lang_env)
    if platform is not None:
        env["QT_QPA_PLATFORM"] = platform
    env.update(extra_env or {})
    return subprocess.run([dirigent, *args], capture_output=True, text=True, env=env, timeout=60)


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

    # `dirigent screenshot`: its command line is checked before any window exists (xcb
    # without a display would abort), and each complaint names what would be right.
    expect_usage_error(dirigent, "screenshot", mentions="queues")
    expect_usage_error(dirigent, "screenshot", "queuez", "x.png", mentions="event-loop")
    expect_usage_error(dirigent, "screenshot", "queues", mentions="queues.png")
    expect_usage_error(dirigent, "screenshot", "queues", "x.jpg", mentions="*.png")
    expect_usage_error(dirigent, "screenshot", "queues", "--at", "half", "x.png", mentions="0 to 1")
    expect_usage_error(dirigent, "screenshot", "queues", "--at", "1.5", "x.png", mentions="1.5")
    expect_usage_error(dirigent, "screenshot", "queues", "--size", "big", "x.png", mentions="640x400")
    expect_usage_error(dirigent, "screenshot", "queues", "--size", "100x100", "x.png", mentions="7680x4320")
    expect_usage_error(dirigent, "screenshot", "queues", "--set", "bogus=1", "x.png", mentions="workers")
    expect_usage_error(dirigent, "screenshot", "queues", "--set", "workers=9", "x.png", mentions="1..4")
    expect_usage_error(dirigent, "screenshot", "queues", "--log", "x.png", mentions="--log")
    expect_usage_error(dirigent, "--at", "0.5", mentions="screenshot")
    expect_usage_error(dirigent, "run", "queues", "--size", "800x600", mentions="--size")
    expect_usage_error(dirigent, "lessons", "--tour", mentions="--tour")


def check_language(dirigent: str, version: str) -> None:
    del version
    english = run(dirigent, "--help")
    expect(english.returncode == 0, "exits with code 0", english)
    for text in ("--lang <de|en>", "--quit-after <ms>", "--version", "--help",
                 "Show the version and exit."):
        expect(text in english.stdout, f"the help lists {text!r}", english)
    expect("--screenshot" not in english.stdout, "the help hides --screenshot", english)
    expect("--tour" not in english.stdout, "the help hides --tour", english)
    for text in ("screenshot LESSON OUT.png", "--at <fraction>", "--size <WxH>",
                 "dirigent screenshot queues"):
        expect(text in english.stdout, f"the help shows {text!r}", english)

    german = run(dirigent, "--lang", "de", "--help")
    expect(german.returncode == 0, "exits with code 0", german)
    expect("Die Version anzeigen und beenden." in german.stdout, "the help is in German", german)

    from_locale = run(dirigent, "--help", lang_env="de_DE.UTF-8")
    expect("Die Version anzeigen und beenden." in from_locale.stdout,
           "a German locale makes German the default", from_locale)

    overridden = run(dirigent, "--lang", "en", "--help", lang_env="de_DE.UTF-8")
    expect("Show the version and exit." in overridden.stdout,
           "--lang en wins over a German locale", overridden)


def check_screenshot(dirigent: str, version: str) -> None:
    del version
    with tempfile.TemporaryDirectory() as folder:
        config = os.path.join(folder, "config")
        os.mkdir(config)
        # Settings would land in $XDG_CONFIG_HOME/Dirigent/: the screenshot must leave it empty.
        env = {"XDG_CONFIG_HOME": config, "HOME": folder}

        out = os.path.join(folder, "shot.png")
        result = run(dirigent, "screenshot", "queues", "--size", "800x600", "--at", "0.3", out,
                     platform=None, extra_env=env)
        expect(result.returncode == 0, "exits with code 0 without a display or QT_QPA_PLATFORM", result)
        expect(result.stdout == "", "prints nothing on stdout", result)
        try:
            picture = pngread.read(out)
        except (OSError, pngread.PngError) as error:
            picture = None
            expect(False, f"writes a PNG ({error})", result)
        if picture:
            expect((picture.width, picture.height) == (800, 600),
                   f"the PNG is 800x600, not {picture.width}x{picture.height}", result)
            expect(len(picture.colours(step=5)) > 20, "the PNG shows more than a few flat colours", result)
        expect(os.listdir(config) == [], "leaves the user's settings alone", result)
        expect(sorted(os.listdir(folder)) == ["config", "shot.png"], "leaves no temporary file behind", result)

        missing = os.path.join(folder, "nowhere", "shot.png")
        result = run(dirigent, "screenshot", "queues", missing, platform=None, extra_env=env)
        expect(result.returncode == 1, "a missing folder: exits with code 1", result)
        expect(result.stderr.count("\n") == 1 and "nowhere" in result.stderr and "does not exist" in result.stderr,
               "a missing folder: one line naming the folder", result)
        expect(not os.path.exists(os.path.dirname(missing)), "a missing folder is not created", result)

        result = run(dirigent, "screenshot", "queues", folder, platform=None, extra_env=env)
        expect(result.returncode == 1 and "folder" in result.stderr and result.stderr.count("\n") == 1,
               "a folder as the target: one line, exit code 1", result)

        english = run(dirigent, "--lang", "en", "screenshot", "queues", missing, platform=None, extra_env=env)
        german = run(dirigent, "--lang", "de", "screenshot", "queues", missing, platform=None, extra_env=env)
        expect(german.returncode == 1 and german.stderr != english.stderr,
               "the complaint is in German with --lang de", german)

        locked = os.path.join(folder, "locked")
        os.mkdir(locked)
        os.chmod(locked, stat.S_IRUSR | stat.S_IXUSR)
        if os.access(locked, os.W_OK):
            print("skip a read-only folder: this user may write anywhere (root)")
        else:
            target = os.path.join(locked, "shot.png")
            result = run(dirigent, "screenshot", "queues", target, platform=None, extra_env=env)
            expect(result.returncode == 1 and "not writable" in result.stderr,
                   "a read-only folder: exit code 1, says it is not writable", result)
            expect(os.listdir(locked) == [], "a read-only folder stays empty", result)
        os.chmod(locked, stat.S_IRWXU)


def main() -> int:
    groups = {"errors": check_errors, "language": check_language, "screenshot": check_screenshot}
    if len(sys.argv) != 4 or sys.argv[3] not in groups:
        print(__doc__, file=sys.stderr)
        return 2
    dirigent, version, group = sys.argv[1:]
    groups[group](dirigent, version)
    print(f"{len(failures)} failed" if failures else "all checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
