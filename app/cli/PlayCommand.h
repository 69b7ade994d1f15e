#pragma once

#include "cli/Invocation.h"

#include <QCoreApplication>

// `dirigent play LESSON`: "You are the event loop" in a terminal. Runs the lesson in virtual
// time, then stops at every scheduling decision of the run: prints the program's new log
// lines, the question and the candidates, and reads the pick from stdin (its number or the
// task's name; q ends the game). A wrong pick gets the rule that decides against it and the
// same question again; a right one goes on. At the end (or at q, or end of input) the score.
class PlayCommand
{
    Q_DECLARE_TR_FUNCTIONS(PlayCommand)

public:
    static int run(const Invocation &invocation);
};
