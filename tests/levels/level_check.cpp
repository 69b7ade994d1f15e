// level_check <id>: the test of one "break it" level (CTest: level_<id>).
// - the search finds an order of moves that breaks the broken version, within the bound,
//   and some orders that do not (the break depends on the order);
// - replaying that order breaks it again, the same way (the game is deterministic);
// - the search finds no order that breaks the fixed version, and it tried every order
//   within the bound (none was cut), more than one of them;
// - both texts have a title, a task and an explanation; the two listings differ.
// The order that breaks it is found here, by the search: no test holds a solution.
#include <levels/level.hpp>
#include <levels/search.hpp>

#include <cstdio>
#include <string>

namespace {

int failures = 0;

void expect(bool ok, const std::string& what) {
    if (!ok) {
        std::printf("FAILED: %s\n", what.c_str());
        ++failures;
    }
}

std::string describe(const levels::Move& m) {
    return std::string(levels::to_string(m.kind)) + " " + m.task + (m.what.empty() ? "" : " " + m.what);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::printf("usage: level_check LEVEL\n");
        return 2;
    }
    const levels::Level* level = levels::find_level(argv[1]);
    if (!level) {
        std::printf("no level %s\n", argv[1]);
        return 2;
    }

    const levels::SearchResult broken = levels::search(*level, levels::Variant::Broken);
    expect(broken.broken, "an order of moves breaks the broken version");
    if (broken.broken) {
        std::printf("broken version: broken after %zu moves (%zu orders tried): %s\n", broken.picks.size(),
                    broken.orders, broken.outcome.broken.c_str());
        for (const levels::Move& m : broken.outcome.played) std::printf("  %s\n", describe(m).c_str());
        const levels::Outcome again = levels::play(*level, levels::Variant::Broken, broken.picks);
        expect(again.state == levels::State::Broken, "replaying the order breaks it again");
        expect(again.broken == broken.outcome.broken, "the replay breaks it the same way: " + again.broken);
        expect(again.broken_after >= 0 && again.broken_after <= static_cast<int>(broken.picks.size()),
               "the replay knows after which move it broke");
    }
    // A puzzle, not a certainty: some orders of the broken version survive.
    const levels::SearchResult every = levels::search(*level, levels::Variant::Broken, 24, false);
    std::printf("broken version: %zu of %zu orders break it\n", every.breaking, every.orders);
    expect(every.breaking > 0 && every.breaking < every.orders, "some orders break the broken version, not all");
    expect(every.cut == 0, "every order of the broken version ends within the bound");
    // Not broken by doing nothing: the first decision is the player's.
    const levels::Outcome start = levels::play(*level, levels::Variant::Broken, std::vector<std::size_t>{});
    expect(start.state == levels::State::Waiting && !start.options.empty(), "the broken version starts with a choice");

    const levels::SearchResult fixed = levels::search(*level, levels::Variant::Fixed, 24, false);
    std::printf("fixed version: %zu orders tried, %zu cut by the bound, at most %zu moves\n", fixed.orders, fixed.cut,
                fixed.longest);
    expect(!fixed.broken, "no order breaks the fixed version" +
                              (fixed.broken ? ": " + fixed.outcome.broken : std::string()));
    expect(fixed.cut == 0, "every order of the fixed version ends within the bound");
    expect(fixed.orders > 1, "the fixed version has more than one order");

    for (const char* lang : {"de", "en"}) {
        const levels::LevelText text = levels::text_of(*level, lang);
        expect(!text.title.empty() && !text.goal.empty() && !text.lesson.empty(),
               std::string("the ") + lang + " text has a title, a task and an explanation");
    }
    expect(!level->broken_py.empty() && level->broken_py != level->fixed_py, "the two listings differ");

    if (failures == 0) std::printf("level %s: OK\n", level->id.c_str());
    return failures == 0 ? 0 : 1;
}
