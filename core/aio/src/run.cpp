#include "aio/run.hpp"

namespace aio::detail {

namespace {
void stop_loop(void* flag) { *static_cast<bool*>(flag) = true; }
}  // namespace

void run_main(EventLoop& loop, TaskCore& main) {
    // asyncio stops the loop from a done callback of the main task, so the loop
    // runs one more iteration after main finished.
    bool stopping = false;
    Callback on_done(&stop_loop, &stopping);
    main.add_done_callback(&on_done);
    const bool finished = loop.run_until([&] { return stopping; });
    if (!finished) {
        auto waiting = loop.report_deadlock();
        const double when = loop.time();
        loop.cancel_all_and_finish(true);
        if (loop.tracing()) {
            TraceEvent e;
            e.kind = TraceEventKind::RunEnd;
            e.outcome = Outcome::Deadlock;
            loop.emit_trace_event(std::move(e));
        }
        throw DeadlockError(std::move(waiting), when);
    }
    loop.cancel_all_and_finish(true);
    if (loop.tracing()) {
        TraceEvent e;
        e.kind = TraceEventKind::RunEnd;
        e.task = main.id;
        e.outcome = main.cancelled() ? Outcome::Cancelled : main.exception_ptr() ? Outcome::Exception : Outcome::Result;
        loop.emit_trace_event(std::move(e));
    }
}

}  // namespace aio::detail
