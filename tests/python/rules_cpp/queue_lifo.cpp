// LifoQueue is last in, first out.
#include "rule_registry.hpp"

#include <vector>

namespace {
using rules::log;

AIO_RULE(queue_lifo) {
    aio::LifoQueue<int> q;
    for (int x : {3, 1, 4, 1, 5, 9, 2, 6}) co_await q.put(x);
    log("qsize ", q.qsize());
    std::vector<int> out;
    while (!q.empty()) out.push_back(co_await q.get());
    std::string got;
    for (int x : out) got += (got.empty() ? "" : " ") + std::to_string(x);
    log("got ", got);
}
}  // namespace
