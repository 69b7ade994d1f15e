// World: what a level's program awaits instead of real I/O, and what it reports. The
// program runs on aio as usual; each World::io() stays pending until the player (or the
// search) picks its reply, its failure, or the cancellation of the task that waits on it.
#pragma once

#include "levels/move.hpp"

#include <aio/errors.hpp>
#include <aio/future.hpp>
#include <aio/task.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace levels {

// What a failed World::io() raises (Python: ConnectionError).
class ConnectionError : public aio::Error {
public:
    explicit ConnectionError(std::string message) : aio::Error(std::move(message)) {}
    const char* type_name() const noexcept override { return "ConnectionError"; }
};

// One line the program printed, with the number of moves played before it.
struct Line {
    int move = 0;
    std::string task;
    std::string text;
};

// A value the window shows beside the program ("balance", "free connections").
struct Watch {
    std::string name;
    std::string value;
};

class World {
public:
    // Awaitable I/O named `what` ("bank.read()"): returns when the player picks its reply.
    // With can_fail the player may instead make it raise ConnectionError.
    aio::Task<void> io(std::string what, bool can_fail = false);

    // Lets the player cancel `task` as long as it is not done.
    void cancellable(const aio::Task<void>& task);

    // print() of the listing.
    void print(std::string text);

    // A condition that must hold whenever every task waits (and at the end). `check`
    // returns what is wrong ("balance == 150, not 200") or nothing. Its state is shared
    // with the program through a shared_ptr; that state must not hold the program's Task
    // handles (their frames hold the shared_ptr too: a cycle that never frees).
    // `what` says it as the player reads it, code-like ("balance == 100 + 50 * deposits written").
    void invariant(std::string what, std::function<std::optional<std::string>()> check);
    // What must hold that only a hang can break ("queue.join() returns"): the game reports
    // a hang anyway; this says what the player tries to prevent.
    void invariant(std::string what);

    // A value shown beside the program, read whenever every task waits.
    void watch(std::string name, std::function<std::string()> value);

    // ---- used by the game (play.cpp) ----
    std::vector<Move> options() const;
    void apply(const Move& move);
    std::optional<std::string> violation() const;
    std::vector<Watch> watches() const;
    const std::vector<std::string>& claims() const noexcept { return claims_; }
    const std::vector<Line>& lines() const noexcept { return lines_; }
    void set_move(int move) noexcept { move_ = move; }
    // After the game stopped, what the program still does (cleanup while it is cancelled)
    // is no longer shown.
    void stop() noexcept { stopped_ = true; }

private:
    struct Pending {
        std::uint64_t id = 0;
        aio::Future<void> reply;
        std::string task;
        std::string what;
        bool can_fail = false;
    };
    struct Cancellable {
        aio::Task<void> task;  // a counted reference: the task stays readable after it ended
        std::string name;
    };
    void unlist(std::uint64_t id);

    std::vector<Pending> pending_;
    std::vector<Cancellable> cancellable_;
    std::vector<std::function<std::optional<std::string>()>> invariants_;
    std::vector<std::string> claims_;  // what the invariants say
    std::vector<std::pair<std::string, std::function<std::string()>>> watches_;
    std::vector<Line> lines_;
    std::uint64_t next_id_ = 1;
    int move_ = 0;
    bool stopped_ = false;
};

}  // namespace levels
