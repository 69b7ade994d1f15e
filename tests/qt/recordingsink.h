// RecordingSink: keeps every trace event of a run, for assertions on what the
// trace shows (a wait on I/O, a wait on a future).
#pragma once

#include "aio/trace_event.hpp"

#include <algorithm>
#include <vector>

class RecordingSink : public aio::TraceSink {
public:
    void on_event(const aio::TraceEvent& event) override { m_events.push_back(event); }

    const std::vector<aio::TraceEvent>& events() const { return m_events; }

    // The Suspended events of waits of `kind`.
    std::vector<aio::TraceEvent> suspensions(aio::WaitKind kind) const {
        std::vector<aio::TraceEvent> found;
        std::copy_if(m_events.begin(), m_events.end(), std::back_inserter(found), [kind](const aio::TraceEvent& e) {
            return e.kind == aio::TraceEventKind::Suspended && e.wait == kind;
        });
        return found;
    }

    // The name an ObjectCreated event gave to `object`, or "" if none did.
    std::string objectName(std::uint32_t object) const {
        for (const aio::TraceEvent& e : m_events)
            if (e.kind == aio::TraceEventKind::ObjectCreated && e.object == object) return e.text;
        return {};
    }

private:
    std::vector<aio::TraceEvent> m_events;
};
