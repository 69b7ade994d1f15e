// The log sink of the programs that print as tests/python/vloop.py does (aio_rules, aio_fuzz):
// the run's log on stdout (compare.py compares it), warnings on stderr, where Python has them.
#pragma once

#include <aio/log_sink.hpp>

#include <cstdio>
#include <string_view>

namespace rules {

struct StdoutLog final : aio::LogSink {
    void line(aio::LogKind kind, std::string_view text) override {
        std::FILE* to = kind == aio::LogKind::Warning ? stderr : stdout;
        std::fprintf(to, "%.*s\n", static_cast<int>(text.size()), text.data());
        std::fflush(to);
    }
};

}  // namespace rules
