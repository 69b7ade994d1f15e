#include "cli/PlayCommand.h"

#include "cli/Print.h"
#include "cli/AssignedParams.h"
#include "cli/Complain.h"

#include "text/PlayText.h"

#include <lessons/lesson.hpp>
#include <lessons/param_input.hpp>
#include <trace/decisions.hpp>
#include <trace/recorder.hpp>

#include <cstdio>
#include <exception>
#include <iostream>
#include <string>

namespace {

// The log lines of events [from, to), as `dirigent run --log` prints them.
QString logBetween(const trace::Recorder &recorder, std::size_t from, std::size_t to)
{
    QString out;
    for (std::size_t i = from; i < to && i < recorder.size(); ++i) {
        const aio::TraceEvent &e = recorder[i];
        if (e.kind != aio::TraceEventKind::Log)
            continue;
        out += QStringLiteral("t=%1 %2\n")
                   .arg(QString::number(double(e.time_ns) / 1e9, 'f', 3), QString::fromUtf8(e.text.data(), qsizetype(e.text.size())));
    }
    return out;
}

// The task `input` names: its number in the list (1-based) or its name; 0 when none.
std::uint32_t pickOf(const trace::Decision &d, const QString &input)
{
    bool number = false;
    const int n = input.toInt(&number);
    if (number)
        return n >= 1 && n <= int(d.candidates.size()) ? d.candidates[std::size_t(n - 1)].task : 0;
    for (const trace::Candidate &c : d.candidates)
        if (QString::fromUtf8(c.name.data(), qsizetype(c.name.size())) == input)
            return c.task;
    return 0;
}

} // namespace

int PlayCommand::run(const Invocation &invocation)
{
    const lessons::Lesson *lesson = lessons::find(invocation.lessonId.toStdString());
    if (!lesson || lesson->placeholder) {
        complain(tr("internal error: the lesson '%1' cannot run").arg(invocation.lessonId));
        return 1;
    }
    lessons::Params params = assignedParams(*lesson, invocation.assignments);
    lessons::Run run;
    try {
        run = lessons::run(*lesson, params, invocation.pitfall);
    } catch (const std::exception &e) {
        complain(tr("the lesson '%1' could not run: %2").arg(invocation.lessonId, QString::fromUtf8(e.what())));
        return 1;
    }
    // Python's warnings (a coroutine never awaited) on stderr, where Python prints them.
    if (!run.warnings.empty())
        print(stderr, QString::fromStdString(run.warnings));
    const trace::Recorder &recorder = *run.recorder;
    const std::vector<trace::Decision> decisions = trace::scheduling_decisions(recorder);

    print(stdout, PlayText::intro() + QStringLiteral("\n"));
    //: %1: how many decisions the game has
    print(stdout, tr("This run has %n decision(s). Answer with a number or a name; q ends the game.", nullptr,
                     int(decisions.size()))
                      + QStringLiteral("\n"));
    int right = 0;
    int asked = 0;
    std::size_t shown = 0; // events whose log lines are printed
    bool quit = false;
    for (const trace::Decision &d : decisions) {
        print(stdout, QStringLiteral("\n") + logBetween(recorder, shown, d.position));
        shown = d.position;
        //: %1: "t = 0.250 s", %2: the loop iteration
        print(stdout, tr("%1, iteration %2. %3").arg(PlayText::time(d.time_ns)).arg(d.iteration).arg(PlayText::question())
                          + QStringLiteral("\n"));
        for (std::size_t i = 0; i < d.candidates.size(); ++i)
            print(stdout, QStringLiteral("  %1) %2\n").arg(i + 1).arg(PlayText::candidate(d.candidates[i])));
        ++asked;
        bool first = true;
        while (true) {
            print(stdout, QStringLiteral("> "));
            std::string line;
            if (!std::getline(std::cin, line)) {
                quit = true;
                break;
            }
            const QString input = QString::fromUtf8(line.c_str()).trimmed();
            if (input == QLatin1String("q")) {
                quit = true;
                break;
            }
            const std::uint32_t picked = pickOf(d, input);
            if (picked == 0) {
                //: %1: the highest number in the list
                print(stdout, tr("Type a number from 1 to %1, or a task's name.").arg(d.candidates.size())
                                  + QStringLiteral("\n"));
                continue;
            }
            print(stdout, PlayText::verdict(d, picked) + QStringLiteral("\n"));
            if (picked == d.answer) {
                right += first ? 1 : 0;
                break;
            }
            first = false;
        }
        if (quit) {
            --asked; // the question left open does not count
            break;
        }
    }
    if (!quit)
        print(stdout, QStringLiteral("\n") + logBetween(recorder, shown, recorder.size()));
    //: %1: "12 of 15 right at the first try"
    print(stdout, QStringLiteral("\n") + tr("Score: %1.").arg(PlayText::score(right, asked)) + QStringLiteral("\n"));
    return 0;
}
