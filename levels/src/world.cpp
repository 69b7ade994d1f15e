#include "levels/world.hpp"

#include <algorithm>

namespace levels {

const char* to_string(MoveKind kind) noexcept {
    switch (kind) {
        case MoveKind::Reply: return "reply";
        case MoveKind::Fail: return "fail";
        case MoveKind::Cancel: return "cancel";
    }
    return "?";
}

aio::Task<void> World::io(std::string what, bool can_fail) {
    aio::Future<void> reply = aio::create_future<void>();
    const std::uint64_t id = next_id_++;
    pending_.push_back({id, reply, aio::current_task().name(), std::move(what), can_fail});
    // Off the list however the wait ends: replied, failed, or the task cancelled.
    struct Unlist {
        World* world;
        std::uint64_t id;
        ~Unlist() { world->unlist(id); }
    } unlist{this, id};
    co_await reply;
}

void World::unlist(std::uint64_t id) {
    std::erase_if(pending_, [id](const Pending& p) { return p.id == id; });
}

void World::cancellable(const aio::Task<void>& task) { cancellable_.push_back({task, task.name()}); }

void World::print(std::string text) {
    if (stopped_) return;
    lines_.push_back({move_, aio::current_task().name(), std::move(text)});
}

void World::invariant(std::string what, std::function<std::optional<std::string>()> check) {
    claims_.push_back(std::move(what));
    invariants_.push_back(std::move(check));
}

void World::invariant(std::string what) { claims_.push_back(std::move(what)); }

void World::watch(std::string name, std::function<std::string()> value) {
    watches_.emplace_back(std::move(name), std::move(value));
}

std::vector<Move> World::options() const {
    // Pending I/O in the order it was started, then the cancellations: a fixed order, so
    // that a list of picks replays the same game.
    std::vector<Move> moves;
    for (const Pending& p : pending_) {
        if (p.reply.done()) continue;
        moves.push_back({MoveKind::Reply, p.task, p.what});
        if (p.can_fail) moves.push_back({MoveKind::Fail, p.task, p.what});
    }
    for (const Cancellable& c : cancellable_) {
        if (!c.task.done()) moves.push_back({MoveKind::Cancel, c.name, {}});
    }
    return moves;
}

void World::apply(const Move& move) {
    if (move.kind == MoveKind::Cancel) {
        for (Cancellable& c : cancellable_) {
            if (c.name == move.task && !c.task.done()) {
                c.task.cancel();
                return;
            }
        }
        return;
    }
    for (Pending& p : pending_) {
        if (p.task != move.task || p.what != move.what || p.reply.done()) continue;
        if (move.kind == MoveKind::Reply) p.reply.set_result();
        else p.reply.set_exception(ConnectionError(p.what + " failed"));
        return;
    }
}

std::optional<std::string> World::violation() const {
    for (const auto& check : invariants_) {
        if (auto what = check()) return what;
    }
    return std::nullopt;
}

std::vector<Watch> World::watches() const {
    std::vector<Watch> out;
    for (const auto& [name, value] : watches_) out.push_back({name, value()});
    return out;
}

}  // namespace levels
