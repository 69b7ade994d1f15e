#pragma once

#include "cli/Invocation.h"

// Runs an invocation that needs no window (help, version, a command line error, and
// the headless subcommands `lessons` and `run`) inside a QCoreApplication, so it works without a display.
// Returns the process exit code.
int runConsoleCommand(int &argc, char **argv, const Invocation &invocation);
