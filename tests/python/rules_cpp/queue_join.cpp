// join() waits until task_done() was called once for every item put.
// convention: timer-ties: timers fall due at the same moment; CPython leaves their order open, vloop and aio fire them in creation order
#include "rule_registry.hpp"

#include <vector>

namespace {
using rules::log;

aio::Task<> worker(std::string name, aio::Queue<int>& q) {
    while (true) {
        int item = co_await q.get();
        log(name, " works on ", item);
        co_await aio::sleep(item / 10.0);
        log(name, " finished ", item);
        q.task_done();
    }
}

AIO_RULE(queue_join) {
    aio::Queue<int> q;
    std::vector<aio::Task<>> workers;
    for (int i : {1, 2}) workers.push_back(aio::create_task(worker("w" + std::to_string(i), q), "w" + std::to_string(i)));
    for (int item : {3, 1, 2, 1}) q.put_nowait(item);
    log("main joins");
    co_await q.join();
    log("join returned");
    for (auto& w : workers) w.cancel();
    co_await aio::sleep(0);
    log("workers cancelled: ", workers[0].cancelled(), " ", workers[1].cancelled());
    co_await q.join();
    log("join on a finished queue returns at once");
}
}  // namespace
