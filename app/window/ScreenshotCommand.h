#pragma once

#include "cli/Invocation.h"

#include <QCoreApplication>
#include <QImage>
#include <QString>

// `dirigent screenshot LESSON OUT.png`: the main window showing a lesson at a point of its
// run, rendered offscreen and saved as PNG. The window neither reads nor stores settings,
// so a screenshot never changes what the learner's window remembers, and runs with
// animations off, so the picture shows the state itself, not a frame of a transition.
class ScreenshotCommand
{
    Q_DECLARE_TR_FUNCTIONS(ScreenshotCommand)

public:
    // Creates the QApplication (offscreen unless QT_QPA_PLATFORM says otherwise), renders
    // and saves. Expects an invocation that CommandLine::parse() has checked.
    // Returns the exit code: 0, or 1 when the picture cannot be made or saved.
    static int run(int &argc, char **argv, const Invocation &invocation);

    // Chooses the offscreen platform unless the user chose one. Call before the QApplication exists.
    static void preferOffscreen();

    // Why no picture can be saved at `path` (the folder is missing or not writable, the
    // path is a folder), as a sentence without the program name; empty if it can.
    static QString targetProblem(const QString &path);

    // The window as the invocation asks for it. Needs a QApplication. A null image and
    // `error` set if the lesson cannot open.
    static QImage render(const Invocation &invocation, QString *error);

    // Writes `image` as PNG to `path` through a temporary file that replaces the target only
    // when complete: no half-written picture, even on a full disk. False and `error` set on failure.
    static bool savePng(const QImage &image, const QString &path, QString *error);
};
