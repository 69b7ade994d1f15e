#include "levels/search.hpp"

namespace levels {

SearchResult search(const Level& level, Variant variant, std::size_t bound, bool stop_at_first,
                    const OrderObserver& each) {
    SearchResult result;
    std::vector<std::size_t> picks;          // the order being tried
    std::vector<std::size_t> counts;         // how many moves each decision of it offered
    std::vector<std::vector<Move>> offered;  // only for `each`: the moves themselves
    for (;;) {
        // Replay `picks`, then take the first move at every new decision, up to the bound.
        std::size_t depth = 0;
        counts.resize(picks.size());
        offered.clear();
        const Outcome outcome = play(level, variant, [&](const std::vector<Move>& options) -> std::optional<std::size_t> {
            if (each) offered.push_back(options);
            if (depth >= bound) return std::nullopt;
            if (depth < picks.size()) {
                counts[depth] = options.size();
                return picks[depth++];
            }
            picks.push_back(0);
            counts.push_back(options.size());
            ++depth;
            return 0;
        });
        picks.resize(depth);
        counts.resize(depth);
        ++result.orders;
        if (each) each(Order{picks, offered, outcome});
        if (depth > result.longest) result.longest = depth;
        if (outcome.state == State::Waiting) ++result.cut;
        if (outcome.state == State::Broken) ++result.breaking;
        if (outcome.state == State::Broken && !result.broken) {
            result.broken = true;
            result.picks = picks;
            result.outcome = outcome;
            if (stop_at_first) return result;
        }
        // Next order: the deepest decision with a move not tried yet.
        while (!picks.empty() && picks.back() + 1 >= counts.back()) {
            picks.pop_back();
            counts.pop_back();
        }
        if (picks.empty()) return result;
        ++picks.back();
    }
}

}  // namespace levels
