// An exception raised inside an async generator comes out of the consumer's next() (the async
// for line); the generator is finished afterwards. athrow() raises at the suspended co_yield.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::AsyncGenerator<int> pages() {
    struct Finally {
        ~Finally() { log("pages finally"); }
    } finally;
    for (int i = 0; i < 5; ++i) {
        co_await aio::sleep(0.1);
        if (i == 2) {
            log("pages raises");
            throw rules::Boom("page 2");
        }
        co_yield i;
    }
}

aio::AsyncGenerator<std::string> answers() {
    bool caught = false;
    try {
        co_yield "first";
    } catch (const rules::Boom&) {
        log("answers caught ", rules::describe_current());
        caught = true;
    }
    if (caught) {  // (C++ cannot co_await or co_yield inside a catch block)
        co_await aio::sleep(0.1);
        co_yield "after the throw";
    }
    log("answers ends");
}

AIO_RULE(asyncgen_exception) {
    auto gen = pages();
    try {
        while (auto page = co_await gen.next()) log("got ", *page);
    } catch (const rules::Boom&) {
        log("main caught ", rules::describe_current());
    }
    if (!co_await gen.next()) log("finished: StopAsyncIteration");
    auto a = answers();
    log(*co_await a.next());
    log(*co_await a.athrow(std::make_exception_ptr(rules::Boom("thrown in"))));
    if (!co_await a.next()) log("answers finished");
}
}  // namespace
