// printf-style formatting for scenario log lines (g++ 12 has no <format>), so
// `aio::log(lessons::format("got %d after %.3f s", n, t))` mirrors Python's f-strings.
// Always in the "C" locale: a log line is compared with CPython's byte for byte, so
// "%.3f" must print "0.500" also in a process that runs under a German locale.
#pragma once

#include <cstdarg>
#include <cstdio>
#include <locale.h>
#include <string>

namespace lessons {

namespace detail {
// The "C" locale, made once; uselocale() switches only the calling thread to it.
inline locale_t c_locale() {
    static const locale_t c = newlocale(LC_ALL_MASK, "C", static_cast<locale_t>(nullptr));
    return c;
}
}  // namespace detail

[[gnu::format(printf, 1, 2)]] inline std::string format(const char* fmt, ...) {
    const locale_t previous = uselocale(detail::c_locale());
    va_list args;
    va_start(args, fmt);
    va_list copy;
    va_copy(copy, args);
    const int n = std::vsnprintf(nullptr, 0, fmt, copy);
    va_end(copy);
    std::string out(n > 0 ? static_cast<std::size_t>(n) : 0, '\0');
    if (n > 0) std::vsnprintf(out.data(), out.size() + 1, fmt, args);
    va_end(args);
    uselocale(previous);
    return out;
}

}  // namespace lessons
