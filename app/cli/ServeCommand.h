#pragma once

#include "cli/Invocation.h"

#include <QCoreApplication>

// `dirigent serve`: the demo HTTP server of the live lessons, alone, on 127.0.0.1. Prints
// its URL as the first line, then one line per request (`<status> <path>`, `-` for a request
// that never got an answer), and on SIGINT or SIGTERM stops and prints a summary.
// Runs inside the QCoreApplication of runConsoleCommand(); returns the exit code.
class ServeCommand
{
    Q_DECLARE_TR_FUNCTIONS(ServeCommand)

public:
    static int run(const Invocation &invocation);
};
