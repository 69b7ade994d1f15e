#include "levels/play.hpp"

#include <aio/run.hpp>
#include <aio/sleep.hpp>
#include <aio/trace_event.hpp>

#include <map>

namespace levels {

namespace {

struct Game {
    const Level& level;
    Variant variant;
    const Chooser& choose;
    World world;
    Outcome out;

    bool check(int moves) {
        if (auto wrong = world.violation()) {
            out.state = State::Broken;
            out.broken = *wrong;
            out.broken_after = moves;
            return false;
        }
        return true;
    }

    // The game's own task: lets the program run until every task waits (its sleep ends
    // only when nothing else is ready: the clock is virtual), checks, asks for a move.
    aio::Task<void> drive() {
        aio::Task<void> program = aio::create_task(level.program(world, variant), "main");
        for (int moves = 0;; ++moves) {
            world.set_move(moves);
            co_await aio::sleep(1.0);
            if (!check(moves)) break;
            if (program.done()) {
                if (auto error = program.exception()) {
                    out.state = State::Broken;
                    out.broken = "main raised " + aio::describe(error);
                    out.broken_after = moves;
                } else {
                    out.state = State::Survived;
                }
                break;
            }
            std::vector<Move> options = world.options();
            if (options.empty()) {
                // Nothing can happen any more: awaiting the program stalls the loop, and
                // aio::run reports the deadlock with every waiting task.
                out.broken_after = moves;
                finish();
                co_await program;
                co_return;
            }
            const std::optional<std::size_t> pick = choose(options);
            if (!pick || *pick >= options.size()) {
                out.options = std::move(options);
                break;
            }
            out.played.push_back(options[*pick]);
            world.apply(options[*pick]);
        }
        finish();
    }

    // What the cancelled rest prints while it winds down is not part of the game.
    void finish() {
        out.watches = world.watches();
        out.invariants = world.claims();
        out.lines = world.lines();
        world.stop();
    }
};

// Remembers the names of locks, queues, ...: the deadlock report knows them by number.
struct ObjectNames : aio::TraceSink {
    std::map<std::string, std::string> names;  // "#3" -> "'A'"
    void on_event(const aio::TraceEvent& e) override {
        if (e.kind == aio::TraceEventKind::ObjectCreated && !e.text.empty())
            names["#" + std::to_string(e.object)] = "'" + e.text + "'";
    }
};

std::string wait_list(const aio::DeadlockError& deadlock, const ObjectNames& objects) {
    std::string text;
    for (const auto& w : deadlock.waiting()) {
        if (w.task == "game") continue;
        std::string what = w.what;  // "Lock #3"
        const auto hash = what.find(" #");
        if (hash != std::string::npos) {
            const auto name = objects.names.find(what.substr(hash + 1));
            // A lock or queue by its name; a gather or task has none: its number says nothing.
            what = name != objects.names.end() ? what.substr(0, hash + 1) + name->second : what.substr(0, hash);
        }
        if (!text.empty()) text += ", ";
        text += w.task + " waits on " + what;
    }
    return text;
}

}  // namespace

Outcome play(const Level& level, Variant variant, const Chooser& choose) {
    Game game{level, variant, choose, {}, {}};
    ObjectNames objects;
    aio::RunOptions options;
    options.main_name = "game";
    options.sink = &objects;
    try {
        aio::run(game.drive(), options);
    } catch (const aio::DeadlockError& deadlock) {
        game.out.state = State::Broken;
        game.out.hang = true;
        game.out.broken = "deadlock: " + wait_list(deadlock, objects);
    }
    return game.out;
}

Outcome play(const Level& level, Variant variant, const std::vector<std::size_t>& picks) {
    std::size_t next = 0;
    return play(level, variant, [&](const std::vector<Move>&) -> std::optional<std::size_t> {
        if (next >= picks.size()) return std::nullopt;
        return picks[next++];
    });
}

}  // namespace levels
