#pragma once

#include "cli/Invocation.h"

// Creates the QApplication and the main window for a GUI invocation and runs the event
// loop until the user (or --quit-after, or --screenshot) ends it. Returns the exit code.
int runGuiSession(int &argc, char **argv, const Invocation &invocation);
