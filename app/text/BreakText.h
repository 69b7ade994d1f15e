#pragma once

#ifndef Q_MOC_RUN
#include <levels/level.hpp>
#include <levels/play.hpp>
#include <levels/search.hpp>
#endif

#include <QCoreApplication>
#include <QString>

// The words of the "break it" game, for the window and for `dirigent break`: how a move
// reads, what the game says when the program breaks or survives, and the level's own
// texts in the UI language.
class BreakText
{
    Q_DECLARE_TR_FUNCTIONS(BreakText)

public:
    // A UTF-8 std::string(_view) of the levels as a QString.
    static QString fromStd(std::string_view text);

    static QString intro();
    static QString title(const levels::Level &level);
    static QString goal(const levels::Level &level);   // what to break (Markdown)
    static QString lesson(const levels::Level &level); // what went wrong, why the fix holds (Markdown)
    static QString question();
    // "Must hold: balance == 100 + 50 * deposits written"
    static QString mustHold(const std::vector<std::string> &invariants);
    // "alice: bank.confirm('alice') returns"
    static QString move(const levels::Move &move);
    // "Broken after 4 moves: balance == 150, not 200 …" / "The program hangs after …"
    static QString broken(const levels::Outcome &outcome);
    static QString survived();
    // What the search found: "I tried all 4 orders (up to 24 moves): none breaks it." / …
    static QString searched(const levels::SearchResult &result, std::size_t bound);
    // "3 of 7 levels broken"
    static QString progress(int broken, int total);
};
