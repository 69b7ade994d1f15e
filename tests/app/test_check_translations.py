#!/usr/bin/env python3
"""Shows that check_translations.py catches each kind of gap it claims to catch.

Needs Qt's lupdate: its path in DIRIGENT_LUPDATE, else lupdate from /usr/lib/qt6/bin or PATH.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import sys
import tempfile
import textwrap
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import check_translations  # noqa: E402


def find_lupdate() -> str | None:
    candidates = [os.environ.get("DIRIGENT_LUPDATE"), "/usr/lib/qt6/bin/lupdate", shutil.which("lupdate")]
    return next((c for c in candidates if c and Path(c).exists()), None)


SOURCE = textwrap.dedent("""\
    #include <QObject>
    class Greeter : public QObject
    {
        Q_OBJECT
    public:
        void greet()
        {
            tr("Hello");
            tr("Goodbye, %1");
            tr("Half done");
            tr("Brand new");
        }
    };
    """)

HEADER = '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'


def ts_file(language: str, messages: list[tuple[str, str, str]]) -> str:
    """messages: (source, translation, type attribute or "")."""
    body = []
    for source, translation, kind in messages:
        attribute = f' type="{kind}"' if kind else ""
        body.append(f"    <message>\n        <source>{source}</source>\n"
                    f"        <translation{attribute}>{translation}</translation>\n    </message>\n")
    return (f'{HEADER}<TS version="2.1" language="{language}" sourcelanguage="en">\n'
            f"<context>\n    <name>Greeter</name>\n{''.join(body)}</context>\n</TS>\n")


COMPLETE = [
    ("Hello", "Hallo", ""),
    ("Goodbye, %1", "Tschüss, %1", ""),
    ("Half done", "Halb fertig", ""),
    ("Brand new", "Ganz neu", ""),
]


@unittest.skipUnless(find_lupdate(), "lupdate not found")
class CheckTranslationsTest(unittest.TestCase):
    def setUp(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="test_check_translations_"))
        self.addCleanup(shutil.rmtree, self.folder)
        self.sources = self.folder / "src"
        self.sources.mkdir()
        (self.sources / "Greeter.h").write_text(SOURCE, encoding="utf-8")

    def run_check(self, name: str, content: str) -> tuple[int, list[str]]:
        ts = self.folder / name
        ts.write_text(content, encoding="utf-8")
        before = ts.read_bytes()
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            code = check_translations.main(
                ["--lupdate", find_lupdate(), "--sources", str(self.sources), "--ts", str(ts)])
        self.assertEqual(ts.read_bytes(), before, "the checker must not change the .ts file")
        return code, out.getvalue().splitlines()

    def test_complete_file_passes(self) -> None:
        code, lines = self.run_check("app_de.ts", ts_file("de", COMPLETE))
        self.assertEqual(code, 0, lines)

    def test_each_kind_of_gap_is_reported(self) -> None:
        messages = [
            ("Hello", "Hallo", ""),
            ("Goodbye, %1", "Tschüss", ""),          # placeholder lost
            ("Half done", "", "unfinished"),          # not translated yet
            ("Gone from the code", "Weg", ""),        # no longer in the sources
        ]                                             # "Brand new" is missing
        code, lines = self.run_check("app_de.ts", ts_file("de", messages))
        self.assertEqual(code, 1)
        problems = [line for line in lines if ": Greeter: " in line]
        kinds = sorted(line.split(": ")[1] for line in problems)
        self.assertEqual(kinds, ["missing", "placeholders", "stale", "unfinished"], lines)
        text = "\n".join(problems)
        for source in ("Brand new", "Goodbye, %1", "Gone from the code", "Half done"):
            self.assertIn(repr(source), text)

    def test_vanished_entry_is_stale(self) -> None:
        messages = COMPLETE + [("Long gone", "Lange weg", "vanished")]
        code, lines = self.run_check("app_de.ts", ts_file("de", messages))
        self.assertEqual(code, 1)
        self.assertTrue(any(": stale: " in line and "Long gone" in line for line in lines), lines)

    def test_language_must_match_file_name(self) -> None:
        code, lines = self.run_check("app_de.ts", ts_file("fr", COMPLETE))
        self.assertEqual(code, 1)
        self.assertTrue(any(": language: " in line for line in lines), lines)


if __name__ == "__main__":
    unittest.main()
