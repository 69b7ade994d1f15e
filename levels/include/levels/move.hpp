// A move of the "break it" game: what the player may let happen next, while every task of
// the level's program waits. Real I/O finishes in an order nobody controls; here the
// player controls it.
#pragma once

#include <string>

namespace levels {

enum class MoveKind {
    Reply,   // the awaited I/O returns
    Fail,    // the awaited I/O raises ConnectionError
    Cancel,  // the task is cancelled (a client hangs up, a caller gives up)
};

struct Move {
    MoveKind kind = MoveKind::Reply;
    std::string task;  // the task that waits on the I/O, or the one cancelled
    std::string what;  // the awaited call as the listing writes it, e.g. "bank.read()"
};

// Machine-readable name of a kind: "reply", "fail", "cancel".
const char* to_string(MoveKind kind) noexcept;

}  // namespace levels
