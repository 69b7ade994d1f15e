// JSON string literals for the Chrome trace exporter (internal).
#pragma once

#include <string>
#include <string_view>

namespace trace::detail {

// Appends `text` to `out` as a JSON string literal, quotes included: '"' and '\'
// escaped, control characters as \n, \t ... or \u00XX, and bytes that are not
// valid UTF-8 replaced by U+FFFD, so the output is always valid JSON.
void append_json_string(std::string& out, std::string_view text);

}  // namespace trace::detail
