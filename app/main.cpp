#include "cli/CommandLine.h"
#include "cli/ConsoleCommand.h"
#include "window/GuiSession.h"
#include "window/ScreenshotCommand.h"

// The command line is read before any application object exists: only a GUI invocation
// creates a QApplication (and needs a display); a screenshot creates one on the offscreen
// platform; everything else runs headless.
int main(int argc, char *argv[])
{
    const Invocation invocation = CommandLine::parse(CommandLine::argumentsOf(argc, argv));
    if (invocation.action == Invocation::Action::ShowGui)
        return runGuiSession(argc, argv, invocation);
    if (invocation.action == Invocation::Action::Screenshot)
        return ScreenshotCommand::run(argc, argv, invocation);
    return runConsoleCommand(argc, argv, invocation);
}
