// Small helpers shared by the aio tests: a TraceSink that keeps every event, a journal
// of "what happened when", and a probe that counts live coroutine frames.
#pragma once

#include <aio/aio.hpp>

#include <cstdint>
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

namespace aio_test {

// Keeps every trace event of a run, in the order the loop emitted them.
struct Recorder final : aio::TraceSink {
    std::vector<aio::TraceEvent> events;

    void on_event(const aio::TraceEvent& e) override { events.push_back(e); }

    std::vector<aio::TraceEvent> of(aio::EventKind kind) const {
        std::vector<aio::TraceEvent> out;
        for (const auto& e : events)
            if (e.kind == kind) out.push_back(e);
        return out;
    }
    std::vector<aio::TraceEvent> of(aio::EventKind kind, std::uint32_t task) const {
        std::vector<aio::TraceEvent> out;
        for (const auto& e : events)
            if (e.kind == kind && e.task == task) out.push_back(e);
        return out;
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
