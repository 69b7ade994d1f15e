// printf-style formatting for scenario log lines (g++ 12 has no <format>), so
// `aio::log(lessons::format("got %d after %.3f s", n, t))` mirrors Python's f-strings.
#pragma once

#include <cstdarg>
#include <cstdio>
#include <string>

namespace lessons {

[[gnu::format(printf, 1, 2)]] inline std::string format(const char* fmt, ...) {
    va_list args;
    va_start(args, fmt);
    va_list copy;
    va_copy(copy, args);
    const int n = std::vsnprintf(nullptr, 0, fmt, copy);
    va_end(copy);
    std::string out(n > 0 ? static_cast<std::size_t>(n) : 0, '\0');
    if (n > 0) std::vsnprintf(out.data(), out.size() + 1, fmt, args);
    va_end(args);
    return out;
}

}  // namespace lessons
