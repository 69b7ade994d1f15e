// What a scenario tells its quiz: structured facts noted while it runs (who got which item
// when, how often the producer waited, a balance). Quizzes compute from these and from the
// trace, never from the log text, so rewording a log line or running under another locale
// cannot change an answer.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace lessons {

struct Fact {
    double time = 0;   // the loop's time when it was noted, seconds
    std::string what;  // the key a quiz asks for: "got", "queue-full", "balance" ...
    std::string who;   // the task or object it is about; may be empty
    double value = 0;  // a number that goes with it (an item, a count, an amount)
};

class Facts {
public:
    void add(Fact fact) { facts_.push_back(std::move(fact)); }
    const std::vector<Fact>& all() const { return facts_; }
    bool empty() const { return facts_.empty(); }

    // Every fact with this key, in the order they were noted.
    std::vector<Fact> all_of(std::string_view what) const;
    // The first / last fact with this key (and this `who`, when given); nullptr if none.
    const Fact* first(std::string_view what, std::string_view who = {}) const;
    const Fact* last(std::string_view what, std::string_view who = {}) const;
    int count(std::string_view what) const;

private:
    std::vector<Fact> facts_;
};

// Notes a fact at the running loop's time. A scenario calls it next to its log line; it does
// something only inside lessons::run (elsewhere, e.g. in a benchmark, it is a no-op).
void note(std::string what, std::string who = {}, double value = 0);

}  // namespace lessons
