// Tries every order of moves of a level up to a bound (stateless model checking: each order
// is a fresh run of the program, a depth-first walk over the picks).
#pragma once

#include "levels/play.hpp"

#include <cstddef>
#include <functional>
#include <vector>

namespace levels {

struct SearchResult {
    bool broken = false;               // an order breaks it
    std::vector<std::size_t> picks;    // the first such order, as picks for play()
    Outcome outcome;                   // how that order ends
    std::size_t orders = 0;            // orders tried (runs to an end or to the bound)
    std::size_t breaking = 0;          // of them, the orders that break it
    std::size_t cut = 0;               // orders stopped by the bound before they ended
    std::size_t longest = 0;           // the most moves in one order
};

// One order the search walked: its picks, the moves each of its decisions offered (one
// more than the picks when the bound cut it), and how it ended.
struct Order {
    const std::vector<std::size_t>& picks;
    const std::vector<std::vector<Move>>& offered;
    const Outcome& outcome;
};
using OrderObserver = std::function<void(const Order& order)>;

// The most moves in one order that the game (window, terminal, tests) looks at; every level
// ends well within it.
inline constexpr std::size_t max_moves = 24;

// Stops at the first breaking order when `stop_at_first`, else walks all of them.
// `each`, if given, sees every order walked, in the order of the walk (level_check --dump).
SearchResult search(const Level& level, Variant variant, std::size_t bound = max_moves,
                    bool stop_at_first = true, const OrderObserver& each = {});

}  // namespace levels
