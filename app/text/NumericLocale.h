#pragma once

// Qt's application object calls setlocale(LC_ALL, "") on Unix, so printf, strtod & co. would
// follow the learner's locale from then on (a German desktop: "0,500"). Everything Dirigent
// writes for programs (logs, traces, JSON, the numbers a quiz computes with) must not change
// with the locale; what a person reads follows the UI language instead (Language, QLocale).
// Every entry point calls this right after it creates its QCoreApplication/QApplication.
void keepNumbersMachineReadable();
