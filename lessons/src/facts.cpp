#include "lessons/facts.hpp"

#include "facts_scope.hpp"

#include <aio/event_loop.hpp>

namespace lessons {

namespace {
// The facts of the run in progress on this thread (lessons::run sets it).
thread_local Facts* tl_facts = nullptr;

bool matches(const Fact& f, std::string_view what, std::string_view who) {
    return f.what == what && (who.empty() || f.who == who);
}
}  // namespace

std::vector<Fact> Facts::all_of(std::string_view what) const {
    std::vector<Fact> out;
    for (const Fact& f : facts_)
        if (f.what == what) out.push_back(f);
    return out;
}

const Fact* Facts::first(std::string_view what, std::string_view who) const {
    for (const Fact& f : facts_)
        if (matches(f, what, who)) return &f;
    return nullptr;
}

const Fact* Facts::last(std::string_view what, std::string_view who) const {
    for (auto it = facts_.rbegin(); it != facts_.rend(); ++it)
        if (matches(*it, what, who)) return &*it;
    return nullptr;
}

int Facts::count(std::string_view what) const {
    int n = 0;
    for (const Fact& f : facts_) n += f.what == what ? 1 : 0;
    return n;
}

void note(std::string what, std::string who, double value) {
    if (!tl_facts) return;
    tl_facts->add({aio::time(), std::move(what), std::move(who), value});
}

FactsScope::FactsScope(Facts& facts) : previous_(tl_facts) { tl_facts = &facts; }
FactsScope::~FactsScope() { tl_facts = previous_; }

}  // namespace lessons
