#pragma once

#ifndef Q_MOC_RUN
#include <trace/decisions.hpp>
#endif

#include <QCoreApplication>
#include <QString>

// The words of "You are the event loop", for the window and for `dirigent play`: how a
// candidate is shown, and why a pick is right or wrong, by asyncio's rules. In the UI
// language; times as a person reads them ("t = 0,500 s" in German).
class PlayText
{
    Q_DECLARE_TR_FUNCTIONS(PlayText)

public:
    static QString intro();
    static QString question();
    // "worker-1 · ready" / "worker-2 · asleep until t = 0.250 s"
    static QString candidate(const trace::Candidate &candidate);
    // The verdict on `picked`: "Right: …" or "Not yet: …" with the rule that decides.
    static QString verdict(const trace::Decision &decision, std::uint32_t picked);
    // "12 of 15 right at the first try"
    static QString score(int right, int asked);
    static QString time(std::int64_t ns);
};
