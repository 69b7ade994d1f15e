#include "levels/level.hpp"

namespace levels {

namespace {
std::string trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == '\n' || s.front() == ' ')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.remove_suffix(1);
    return std::string(s);
}
}  // namespace

LevelText text_of(const Level& level, std::string_view lang) {
    std::string_view text = lang == "de" ? level.text_de : level.text_en;
    LevelText out;
    if (text.starts_with("# ")) {
        const auto end = text.find('\n');
        out.title = trimmed(text.substr(2, end == std::string_view::npos ? text.npos : end - 2));
        text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    }
    const auto heading = text.find("\n## ");
    out.goal = trimmed(text.substr(0, heading));
    if (heading != std::string_view::npos) out.lesson = trimmed(text.substr(heading + 1));
    return out;
}

}  // namespace levels
