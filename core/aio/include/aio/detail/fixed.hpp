// A number with a fixed count of decimals, always with a decimal point: the loop's log and
// the trace are read by programs (and compared with CPython's), so they must not follow the
// process's locale the way printf's "%.3f" does (a German locale would print "0,500").
#pragma once

#include <charconv>
#include <string>

namespace aio::detail {

inline std::string fixed(double value, int decimals) {
    char buffer[64];
    const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, decimals);
    if (error != std::errc{}) return "nan";
    return std::string(buffer, end);
}

}  // namespace aio::detail
