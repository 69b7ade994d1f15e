// A "break it" level: a small asyncio program in two versions, the broken one and the fixed
// one, each as the Python listing the player reads and as the aio program the game runs.
#pragma once

#include "levels/world.hpp"

#include <aio/task.hpp>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace levels {

enum class Variant { Broken, Fixed };

struct Level {
    std::string id;               // "lost-update": the CLI's and the tests' name (level_<id>)
    std::string_view broken_py;   // the listing with the bug
    std::string_view fixed_py;    // the listing with the fix
    std::string_view text_de;     // "# title", the task, "## …" and what went wrong and why the fix holds
    std::string_view text_en;
    // The program: runs on `world`, `variant` says which listing it follows.
    std::function<aio::Task<void>(World& world, Variant variant)> program;
};

// The parts of a level's text in one language.
struct LevelText {
    std::string title;    // the "# " line
    std::string goal;     // up to the first "## " heading: what to break
    std::string lesson;   // from that heading on: why it broke and why the fix holds
};

// lang: "de" or anything else for English.
LevelText text_of(const Level& level, std::string_view lang);

// Every level, in the order of the game.
const std::vector<Level>& all_levels();
const Level* find_level(std::string_view id);

}  // namespace levels
