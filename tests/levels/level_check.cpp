// level_check <id>: the test of one "break it" level (CTest: level_<id>).
// - the search finds an order of moves that breaks the broken version, within the bound,
//   and some orders that do not (the break depends on the order);
// - replaying that order breaks it again, the same way (the game is deterministic);
// - the search finds no order that breaks the fixed version, and it tried every order
//   within the bound (none was cut), more than one of them;
// - both texts have a title, a task and an explanation; the two listings differ.
// The order that breaks it is found here, by the search: no test holds a solution.
//
// level_check --dump <id> broken|fixed: every order the search walks (the same bound as
// above), one JSON object a line, for check_listings.py, which replays each under CPython:
//   {"picks": [0, 1], "offered": [[["reply", "alice", "bank.authorize('alice')"], ...], ...],
//    "lines": [[move, "task", "text"], ...], "end": "survived"|"broken"|"raised"|"hang"|"cut",
//    "broken": "...", "broken_after": n}
// "offered" holds the moves of each decision; "broken" an invariant's text, "main raised
// Type: message" or the deadlock report; "cut": stopped by the bound at the last decision.
#include <levels/level.hpp>
#include <levels/search.hpp>

#include <cstdio>
#include <cstring>
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

constexpr std::size_t BOUND = levels::max_moves;  // the most moves in one order

std::string json(const std::string& s) {
    std::string out = "\"";
    for (const char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            char esc[8];
            std::snprintf(esc, sizeof esc, "\\u%04x", static_cast<unsigned>(c));
            out += esc;
        } else {
            out += c;
        }
    }
    return out + "\"";
}

const char* end_of(const levels::Outcome& o) {
    switch (o.state) {
        case levels::State::Waiting: return "cut";
        case levels::State::Survived: return "survived";
        case levels::State::Broken: break;
    }
    if (o.hang) return "hang";
    return o.broken.starts_with("main raised ") ? "raised" : "broken";
}

int dump(const levels::Level& level, levels::Variant variant) {
    levels::search(level, variant, BOUND, false, [](const levels::Order& order) {
        std::string line = "{\"picks\": [";
        for (std::size_t i = 0; i < order.picks.size(); ++i) line += (i ? ", " : "") + std::to_string(order.picks[i]);
        line += "], \"offered\": [";
        for (std::size_t d = 0; d < order.offered.size(); ++d) {
            line += d ? ", [" : "[";
            for (std::size_t i = 0; i < order.offered[d].size(); ++i) {
                const levels::Move& m = order.offered[d][i];
                line += std::string(i ? ", " : "") + "[" + json(levels::to_string(m.kind)) + ", " + json(m.task) + ", " +
                        json(m.what) + "]";
            }
            line += "]";
        }
        line += "], \"lines\": [";
        for (std::size_t i = 0; i < order.outcome.lines.size(); ++i) {
            const levels::Line& l = order.outcome.lines[i];
            line += std::string(i ? ", " : "") + "[" + std::to_string(l.move) + ", " + json(l.task) + ", " +
                    json(l.text) + "]";
        }
        line += std::string("], \"end\": ") + json(end_of(order.outcome)) + ", \"broken\": " +
                json(order.outcome.broken) + ", \"broken_after\": " + std::to_string(order.outcome.broken_after) + "}";
        std::puts(line.c_str());
    });
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc == 4 && std::strcmp(argv[1], "--dump") == 0) {
        const levels::Level* level = levels::find_level(argv[2]);
        const std::string variant = argv[3];
        if (!level || (variant != "broken" && variant != "fixed")) {
            std::printf("usage: level_check --dump LEVEL broken|fixed\n");
            return 2;
        }
        return dump(*level, variant == "broken" ? levels::Variant::Broken : levels::Variant::Fixed);
    }
    if (argc != 2) {
        std::printf("usage: level_check LEVEL | level_check --dump LEVEL broken|fixed\n");
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
    const levels::SearchResult every = levels::search(*level, levels::Variant::Broken, BOUND, false);
    std::printf("broken version: %zu of %zu orders break it\n", every.breaking, every.orders);
    expect(every.breaking > 0 && every.breaking < every.orders, "some orders break the broken version, not all");
    expect(every.cut == 0, "every order of the broken version ends within the bound");
    // Not broken by doing nothing: the first decision is the player's.
    const levels::Outcome start = levels::play(*level, levels::Variant::Broken, std::vector<std::size_t>{});
    expect(start.state == levels::State::Waiting && !start.options.empty(), "the broken version starts with a choice");
    expect(!start.invariants.empty(), "the level says what must hold");

    const levels::SearchResult fixed = levels::search(*level, levels::Variant::Fixed, BOUND, false);
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
