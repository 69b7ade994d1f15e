// Small helpers shared by the aio tests: a TraceSink that keeps every event, a journal
// of "what happened when", and a probe that counts live coroutine frames.
#pragma once

#include <aio/aio.hpp>

#include <cstdint>
#include <cstdio>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

namespace aio_test {

// Keeps every trace event of a run, in the order the loop emitted them.
struct Recorder final : aio::TraceSink {
    std::vector<aio::TraceEvent> events;

    void on_event(const aio::TraceEvent& e) override { events.push_back(e); }

    std::vector<aio::TraceEvent> of(aio::TraceEventKind kind) const {
        std::vector<aio::TraceEvent> out;
        for (const auto& e : events)
            if (e.kind == kind) out.push_back(e);
        return out;
    }
    std::vector<aio::TraceEvent> of(aio::TraceEventKind kind, std::uint32_t task) const {
        std::vector<aio::TraceEvent> out;
        for (const auto& e : events)
            if (e.kind == kind && e.task == task) out.push_back(e);
        return out;
    }
};

// Keeps the loop's lines: those of the run's log ("t=… line", deadlock report) and the
// warnings apart, each line ending in "\n" as a FILE* would have them.
struct LogCapture final : aio::LogSink {
    std::string log;
    std::string warnings;

    void line(aio::LogKind kind, std::string_view text) override {
        std::string& to = kind == aio::LogKind::Warning ? warnings : log;
        to.append(text);
        to += '\n';
    }
};

// "what@time" lines, in the order the program wrote them.
struct Journal {
    std::vector<std::string> lines;
    void add(const std::string& what) {
        char at[32];
        std::snprintf(at, sizeof at, "@%g", aio::time());
        lines.push_back(what + at);
    }
};

// Counts live instances; put one in a coroutine frame to see whether the frame is freed.
struct Probe {
    explicit Probe(int& live) : live_(&live) { ++*live_; }
    Probe(const Probe&) = delete;
    ~Probe() { --*live_; }

private:
    int* live_;
};

template <class E>
bool holds(std::exception_ptr p) {
    if (!p) return false;
    try {
        std::rethrow_exception(p);
    } catch (const E&) {
        return true;
    } catch (...) {
        return false;
    }
}

inline std::uint64_t iteration() { return aio::EventLoop::get().iteration(); }

}  // namespace aio_test
