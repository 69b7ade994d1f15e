// shield() hands on the inner task's outcome: its value, its exception, and its cancellation:
// when the inner task is cancelled (here by a timer callback), the await on the shield raises
// CancelledError although the waiting task itself was never cancelled (cancelling() 0).
// From CPython 3.11 Lib/test/test_asyncio/test_tasks.py: BaseTaskTests.test_shield_result,
// test_shield_exception, test_shield_cancel_inner.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<int> value() {
    co_await aio::sleep(0.1);
    co_return 42;
}

aio::Task<int> fails() {
    co_await aio::sleep(0.1);
    throw rules::Boom("inner");
}

aio::Task<std::string> victim() {
    co_await aio::sleep(1);
    co_return "never";
}

AIO_RULE(tasks_shield_outcomes) {
    aio::EventLoop& loop = aio::get_running_loop();
    log("shield(value()) -> ", co_await aio::shield(value()));
    try {
        co_await aio::shield(fails());
    } catch (const rules::Boom&) {
        log("shield(fails()) raised ", rules::describe_current());
    }
    auto v = aio::create_task(victim(), "victim");
    loop.call_later(0.1, [v]() mutable { v.cancel(); });
    try {
        co_await aio::shield(v);
    } catch (const aio::CancelledError&) {
        log("shield(victim) raised ", rules::describe_current(), ", main cancelling() ",
            aio::current_task().cancelling());
    }
    log("victim cancelled() ", v.cancelled());
    co_await aio::sleep(0.1);
    log("main goes on");
}
}  // namespace
