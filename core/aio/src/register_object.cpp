#include "aio/detail/future_awaiter.hpp"

namespace aio::detail {

std::uint32_t register_object(WaitKind kind, const std::string& name, std::int64_t capacity) {
    EventLoop* loop = EventLoop::current();
    if (!loop) return 0;
    const std::uint32_t id = loop->next_object_id();
    if (loop->tracing()) {
        TraceEvent e;
        e.kind = EventKind::ObjectCreated;
        e.object = id;
        e.wait = kind;
        e.value = capacity;
        e.text = name;
        if (auto* t = loop->current_task()) e.task = t->id;
        loop->emit_event(std::move(e));
    }
    return id;
}

}  // namespace aio::detail
