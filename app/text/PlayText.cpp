#include "text/PlayText.h"

#include <QLocale>

namespace {

QString nameOf(const trace::Candidate *c)
{
    return c ? QString::fromUtf8(c->name.data(), qsizetype(c->name.size())) : QString();
}

} // namespace

QString PlayText::time(std::int64_t ns)
{
    //: a loop time, %1 in seconds with three decimals
    return tr("t = %1 s").arg(QLocale().toString(double(ns) / 1e9, 'f', 3));
}

QString PlayText::intro()
{
    return tr("You are the event loop. Each time a step has ended, choose the task whose step runs next. "
              "asyncio's rules: the ready queue is first in, first out; a task that is ready runs before the "
              "loop looks at its timers; when nothing is ready, the earliest timer wakes first.");
}

QString PlayText::question()
{
    return tr("Which task runs next?");
}

QString PlayText::candidate(const trace::Candidate &c)
{
    if (c.ready)
        //: %1: a task's name
        return tr("%1 · ready").arg(nameOf(&c));
    //: %1: a task's name, %2: "t = 0.250 s"
    return tr("%1 · asleep until %2").arg(nameOf(&c), time(c.deadline_ns));
}

QString PlayText::verdict(const trace::Decision &d, std::uint32_t picked)
{
    const trace::Candidate *pick = d.candidate(picked);
    const trace::Candidate *answer = d.candidate(d.answer);
    const QString p = nameOf(pick);
    const QString a = nameOf(answer);
    switch (trace::judge(d, picked)) {
    case trace::PickRule::Right:
        if (answer && answer->ready)
            return tr("Right: %1 was the first in the ready queue.").arg(a);
        return tr("Right: nothing else was ready, and %1's timer (%2) was the first to fire.")
            .arg(a, time(answer ? answer->deadline_ns : 0));
    case trace::PickRule::ReadyQueueOrder:
        return tr("Not yet: %1 is ready too, but %2 joined the ready queue before it. "
                  "The ready queue is first in, first out.")
            .arg(p, a);
    case trace::PickRule::ReadyBeforeTimers:
        return tr("Not yet: %1 sleeps until %2. A task that is ready (%3) runs before the loop "
                  "turns to its timers.")
            .arg(p, time(pick->deadline_ns), a);
    case trace::PickRule::EarlierDeadline:
        return tr("Not yet: %1 sleeps until %2, but %3 wakes earlier, at %4. When nothing is ready, "
                  "the earliest timer comes first.")
            .arg(p, time(pick->deadline_ns), a, time(answer->deadline_ns));
    case trace::PickRule::SameDeadline:
        return tr("Almost: %1 and %2 both wake at %3. Equal deadlines wake in the order their sleeps "
                  "began, and %2 began first.")
            .arg(p, a, time(answer->deadline_ns));
    case trace::PickRule::NotACandidate:
        break;
    }
    return tr("That task cannot run here: it is neither ready nor asleep on a timer.");
}

QString PlayText::score(int right, int asked)
{
    //: %1 of %2 decisions picked right at the first try
    return tr("%1 of %2 right at the first try").arg(right).arg(asked);
}
