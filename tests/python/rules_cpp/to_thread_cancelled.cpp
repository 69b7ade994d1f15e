// Cancelling a task that awaits asyncio.to_thread raises CancelledError in it at once. The
// call itself is cancelled only if no worker has taken it yet (then it never runs); a call
// already running goes on to its end and its result is dropped. One worker here, so the
// cancelled running call keeps it busy until t=1.
#include "rule_registry.hpp"

#include <vector>

namespace {
using rules::log;

std::vector<std::string> ran;

std::string joined(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : ",") + s;
    return out;
}

std::string work(std::string name, double seconds) {
    ran.push_back(name);
    aio::blocking_sleep(seconds);
    return name;
}

aio::Task<> job(std::string name, double seconds) {
    try {
        std::string v = co_await aio::to_thread(work, name, seconds);
        log(name, " got ", v);
    } catch (const aio::CancelledError&) {
        log(name, " cancelled");
        throw;
    }
}

AIO_RULE(to_thread_cancelled) {
    aio::get_running_loop().set_default_executor(std::make_shared<aio::VirtualExecutor>(1));
    auto a = aio::create_task(job("a", 1.0), "a");
    auto b = aio::create_task(job("b", 0.5), "b");
    co_await aio::sleep(0.2);
    log("ran so far: ", joined(ran));
    a.cancel();
    b.cancel();
    co_await aio::sleep(0);
    log("a cancelled: ", a.cancelled(), ", b cancelled: ", b.cancelled());
    auto c = aio::create_task(job("c", 0.25), "c");
    co_await c;
    log("ran: ", joined(ran));
}
}  // namespace
