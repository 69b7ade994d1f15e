#include "text/BreakText.h"

#include "text/Language.h"

QString BreakText::fromStd(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

QString BreakText::intro()
{
    return tr("Break it: real I/O completes in an order nobody controls. Here you control it. Whenever every "
              "task waits, pick which pending I/O completes next (or fails, or which task gets cancelled) "
              "until the program breaks.");
}

QString BreakText::title(const levels::Level &level)
{
    return fromStd(levels::text_of(level, Language::current().toStdString()).title);
}

QString BreakText::goal(const levels::Level &level)
{
    return fromStd(levels::text_of(level, Language::current().toStdString()).goal);
}

QString BreakText::lesson(const levels::Level &level)
{
    return fromStd(levels::text_of(level, Language::current().toStdString()).lesson);
}

QString BreakText::mustHold(const std::vector<std::string> &invariants)
{
    QStringList claims;
    for (const std::string &claim : invariants)
        claims << fromStd(claim);
    //: %1: what the program must keep true, code-like (English), e.g. "stock >= 0"
    return claims.isEmpty() ? QString() : tr("Must hold: %1").arg(claims.join(QStringLiteral("; ")));
}

QString BreakText::question()
{
    return tr("Every task waits. What happens next?");
}

QString BreakText::move(const levels::Move &move)
{
    const QString task = fromStd(move.task);
    const QString what = fromStd(move.what);
    switch (move.kind) {
    case levels::MoveKind::Reply:
        //: %1: the task, %2: the awaited call, e.g. "bank.confirm('alice')"
        return tr("%1: %2 returns").arg(task, what);
    case levels::MoveKind::Fail:
        //: %1: the task, %2: the awaited call
        return tr("%1: %2 fails with ConnectionError").arg(task, what);
    case levels::MoveKind::Cancel:
        //: %1: the task
        return tr("%1 is cancelled").arg(task);
    }
    return what;
}

QString BreakText::broken(const levels::Outcome &outcome)
{
    const QString what = fromStd(outcome.broken);
    if (outcome.hang)
        //: %n: moves played; %1: who waits on what (program output, English)
        return tr("Broken after %n move(s): the program hangs, nothing can happen any more. %1", nullptr,
                  outcome.broken_after)
            .arg(what);
    //: %n: moves played; %1: what is wrong (program output, English)
    return tr("Broken after %n move(s): %1", nullptr, outcome.broken_after).arg(what);
}

QString BreakText::survived()
{
    return tr("The program ended and nothing broke. Try another order.");
}

QString BreakText::searched(const levels::SearchResult &result, std::size_t bound)
{
    if (result.broken)
        //: %n: the moves of the order found
        return tr("The search found an order that breaks it, with %n move(s).", nullptr, int(result.picks.size()));
    if (result.cut == 0)
        //: %n: how many orders were tried; %1: the moves of the longest
        return tr("The game tried every possible order of moves, all %n of them, each to its end (at most %1 "
                  "moves): none breaks it.",
                  nullptr, int(result.orders))
            .arg(result.longest);
    //: %n: how many orders were tried; %1: the bound
    return tr("The game tried %n order(s) up to %1 moves: none breaks it within that bound.", nullptr,
              int(result.orders))
        .arg(bound);
}

QString BreakText::progress(int broken, int total)
{
    //: %1 of %2 levels
    return tr("%1 of %2 levels broken").arg(broken).arg(total);
}
