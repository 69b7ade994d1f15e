// Runs a level's program once, with the player's (or the search's) choice at every point
// where all tasks wait, and says whether the invariant broke, the program hung or survived.
#pragma once

#include "levels/level.hpp"

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace levels {

enum class State {
    Waiting,   // stopped for the next pick: `options` holds the moves
    Survived,  // the program ended and every invariant held
    Broken,    // an invariant failed, the program raised, or it hung
};

struct Outcome {
    State state = State::Waiting;
    std::vector<Move> options;    // Waiting: what may happen next
    std::vector<Move> played;     // the moves played, in order
    std::vector<Line> lines;      // what the program printed (up to the break)
    std::vector<Watch> watches;   // the watched values at the end
    std::vector<std::string> invariants;  // what must hold, as the program says it
    std::string broken;           // Broken: what is wrong, as a line of program output
    bool hang = false;            // Broken because nothing can happen any more
    int broken_after = -1;        // Broken: the number of moves played before it broke
};

// Asked at every decision; returns the index of the move to play, or nothing to stop there.
using Chooser = std::function<std::optional<std::size_t>(const std::vector<Move>& options)>;

Outcome play(const Level& level, Variant variant, const Chooser& choose);

// Plays `picks` (indexes into the options of each decision) and stops at the next decision.
// A pick out of range stops there too.
Outcome play(const Level& level, Variant variant, const std::vector<std::size_t>& picks);

}  // namespace levels
