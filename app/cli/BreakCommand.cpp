#include "cli/BreakCommand.h"

#include "cli/Print.h"
#include "text/BreakText.h"

#include <levels/search.hpp>

#include <cstdio>
#include <iostream>
#include <string>

namespace {

constexpr std::size_t bound = levels::max_moves; // moves per order the search goes to

// Markdown as a terminal shows it: without the bold markers.
QString plain(QString markdown)
{
    return markdown.remove(QStringLiteral("**"));
}

QString listing(const levels::Level &level, levels::Variant variant)
{
    const QString code = BreakText::fromStd(variant == levels::Variant::Fixed ? level.fixed_py : level.broken_py).trimmed();
    QString out;
    for (const QString &line : code.split(QLatin1Char('\n')))
        out += line.isEmpty() ? QStringLiteral("\n") : QStringLiteral("    ") + line + QLatin1Char('\n');
    return out;
}

QString watches(const levels::Outcome &outcome)
{
    QStringList parts;
    for (const levels::Watch &w : outcome.watches)
        parts << BreakText::fromStd(w.name) + QStringLiteral(" = ") + BreakText::fromStd(w.value);
    return parts.isEmpty() ? QString() : QStringLiteral("  [") + parts.join(QStringLiteral(", ")) + QStringLiteral("]\n");
}

int listLevels()
{
    const auto &all = levels::all_levels();
    for (std::size_t i = 0; i < all.size(); ++i)
        print(stdout, QStringLiteral("%1. %2  %3\n").arg(i + 1).arg(BreakText::fromStd(all[i].id), BreakText::title(all[i])));
    print(stdout, BreakCommand::tr("Play one with: dirigent break LEVEL") + QLatin1Char('\n'));
    return 0;
}

int solve(const levels::Level &level, levels::Variant variant)
{
    const levels::SearchResult result = levels::search(level, variant, bound);
    print(stdout, BreakText::searched(result, bound) + QLatin1Char('\n'));
    if (!result.broken)
        return 0;
    for (std::size_t i = 0; i < result.outcome.played.size(); ++i)
        print(stdout, QStringLiteral("  %1. %2\n").arg(i + 1).arg(BreakText::move(result.outcome.played[i])));
    print(stdout, BreakText::broken(result.outcome) + QLatin1Char('\n'));
    // The numbers to type in `dirigent break LEVEL`: machine-readable, the same in every language.
    QStringList picks;
    for (std::size_t pick : result.picks)
        picks << QString::number(pick + 1);
    print(stdout, QStringLiteral("picks: ") + picks.join(QLatin1Char(' ')) + QLatin1Char('\n'));
    return 0;
}

} // namespace

int BreakCommand::run(const Invocation &invocation)
{
    if (invocation.levelId.isEmpty())
        return listLevels();
    const levels::Level *level = levels::find_level(invocation.levelId.toStdString());
    if (!level) {
        print(stdout, tr("dirigent: internal error: no level '%1'\n").arg(invocation.levelId));
        return 1;
    }
    const levels::Variant variant = invocation.fixedVersion ? levels::Variant::Fixed : levels::Variant::Broken;
    if (invocation.solve)
        return solve(*level, variant);

    print(stdout, BreakText::intro() + QStringLiteral("\n\n"));
    print(stdout, BreakText::title(*level) + QStringLiteral("\n\n") + plain(BreakText::goal(*level)) + QStringLiteral("\n\n"));
    print(stdout, listing(*level, variant) + QLatin1Char('\n'));
    print(stdout, BreakText::mustHold(levels::play(*level, variant, std::vector<std::size_t>{}).invariants) + QStringLiteral("\n\n"));
    print(stdout, tr("Type the number of a move; u undoes the last one, r starts again, q ends.") + QLatin1Char('\n'));

    std::vector<std::size_t> picks;
    qsizetype shown = 0; // program lines printed so far
    while (true) {
        const levels::Outcome outcome = levels::play(*level, variant, picks);
        if (shown > qsizetype(outcome.lines.size()))
            shown = qsizetype(outcome.lines.size());
        for (qsizetype i = shown; i < qsizetype(outcome.lines.size()); ++i) {
            const levels::Line &line = outcome.lines[std::size_t(i)];
            print(stdout, QStringLiteral("  %1: %2\n").arg(BreakText::fromStd(line.task), BreakText::fromStd(line.text)));
        }
        shown = qsizetype(outcome.lines.size());
        print(stdout, watches(outcome));

        if (outcome.state == levels::State::Broken) {
            print(stdout, QLatin1Char('\n') + BreakText::broken(outcome) + QStringLiteral("\n\n"));
            print(stdout, plain(BreakText::lesson(*level)) + QStringLiteral("\n\n"));
            if (variant == levels::Variant::Broken) {
                print(stdout, tr("The fixed program:") + QStringLiteral("\n\n") + listing(*level, levels::Variant::Fixed)
                      + QLatin1Char('\n'));
                const levels::SearchResult fixed = levels::search(*level, levels::Variant::Fixed, bound, false);
                print(stdout, BreakText::searched(fixed, bound) + QLatin1Char('\n'));
            }
            return 0;
        }
        if (outcome.state == levels::State::Survived)
            print(stdout, QLatin1Char('\n') + BreakText::survived() + QLatin1Char(' ')
                  + tr("Type r to start again, u to undo the last move, q to end.") + QLatin1Char('\n'));
        else {
            print(stdout, QLatin1Char('\n') + BreakText::question() + QLatin1Char('\n'));
            for (std::size_t i = 0; i < outcome.options.size(); ++i)
                print(stdout, QStringLiteral("  %1) %2\n").arg(i + 1).arg(BreakText::move(outcome.options[i])));
        }

        while (true) {
            print(stdout, QStringLiteral("> "));
            std::string raw;
            if (!std::getline(std::cin, raw)) {
                print(stdout, QLatin1Char('\n') + tr("Not broken yet.") + QLatin1Char('\n'));
                return 0;
            }
            const QString input = QString::fromUtf8(raw.c_str()).trimmed();
            if (input == QLatin1String("q")) {
                print(stdout, tr("Not broken yet.") + QLatin1Char('\n'));
                return 0;
            }
            if (input == QLatin1String("u")) {
                if (!picks.empty()) {
                    picks.pop_back();
                    print(stdout, tr("Undone.") + QLatin1Char('\n'));
                }
                break;
            }
            if (input == QLatin1String("r")) {
                picks.clear();
                shown = 0;
                print(stdout, tr("From the start.") + QLatin1Char('\n'));
                break;
            }
            bool number = false;
            const int n = input.toInt(&number);
            if (outcome.state == levels::State::Waiting && number && n >= 1 && n <= int(outcome.options.size())) {
                picks.push_back(std::size_t(n - 1));
                break;
            }
            if (outcome.state == levels::State::Waiting)
                //: %1: the highest number in the list
                print(stdout, tr("Type a number from 1 to %1, or u, r or q.").arg(outcome.options.size()) + QLatin1Char('\n'));
            else
                print(stdout, tr("Type r, u or q.") + QLatin1Char('\n'));
        }
    }
}
