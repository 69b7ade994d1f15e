#include "levels/level.hpp"

namespace levels {

#define DIRIGENT_LEVEL(ident) Level make_##ident();
#include "level_list.inc"
#undef DIRIGENT_LEVEL

const std::vector<Level>& all_levels() {
    static const std::vector<Level> levels = [] {
        std::vector<Level> list;
#define DIRIGENT_LEVEL(ident) list.push_back(make_##ident());
#include "level_list.inc"
#undef DIRIGENT_LEVEL
        return list;
    }();
    return levels;
}

const Level* find_level(std::string_view id) {
    for (const Level& level : all_levels()) {
        if (level.id == id) return &level;
    }
    return nullptr;
}

}  // namespace levels
