#pragma once

#include "cli/Invocation.h"

#include <QCoreApplication>

// `dirigent break [LEVEL] [--fixed] [--solve]`: the "break it" levels in a terminal.
// Without a level: the list. With one: its task and program, then at every point where all
// tasks wait the pending moves; the pick is read from stdin (its number; u undoes the last
// move, r starts again, q ends). When the program breaks: what broke, why, and the fixed
// program with the search's word that no order breaks it. --solve lets the search play
// instead and prints the first order it finds ("picks: 1 2 1 1", the numbers to type);
// --fixed plays or searches the fixed program.
class BreakCommand
{
    Q_DECLARE_TR_FUNCTIONS(BreakCommand)

public:
    static int run(const Invocation &invocation);
};
