#include "cli/CommandLine.h"
#include "cli/ConsoleCommand.h"
#ifdef DIRIGENT_WITH_GUI
#include "window/GuiSession.h"
#include "window/ScreenshotCommand.h"
#else
#include <cstdio>
#endif

// The command line is read before any application object exists: only a GUI invocation
// creates a QApplication (and needs a display); a screenshot creates one on the offscreen
// platform; everything else runs headless.
int main(int argc, char *argv[])
{
    const Invocation invocation = CommandLine::parse(CommandLine::argumentsOf(argc, argv));
    const bool needsWindow = invocation.action == Invocation::Action::ShowGui
        || invocation.action == Invocation::Action::Screenshot;
#ifdef DIRIGENT_WITH_GUI
    if (invocation.action == Invocation::Action::ShowGui)
        return runGuiSession(argc, argv, invocation);
    if (invocation.action == Invocation::Action::Screenshot)
        return ScreenshotCommand::run(argc, argv, invocation);
#else
    // A developer's build (-DDIRIGENT_GUI=OFF, e.g. the sanitizer run), never a learner's:
    // the line is not translated.
    if (needsWindow) {
        std::fprintf(stderr, "dirigent: this build has no window (configured with -DDIRIGENT_GUI=OFF); "
                             "the commands lessons, run, play, break, live, serve, trace and replay work\n");
        return 2;
    }
#endif
    (void)needsWindow;
    return runConsoleCommand(argc, argv, invocation);
}
