// aio::TokenBucket against a token bucket written independently of it, the way Python
// tutorials write one (AsyncTokenBucket: rate, capacity, a monotonic clock, a Lock): the same
// grants at the same times, for bursts, mixed sizes, a client arriving after the bucket refilled,
// and fractional tokens. Here the C++ side is aio's own bucket; the Python side is the other one.
#include "rule_registry.hpp"

#include <string>
#include <vector>

namespace {
using rules::log;

aio::Task<> client(std::string name, aio::TokenBucket& bucket, std::vector<double> sizes, double pause) {
    for (double size : sizes) {
        co_await bucket.acquire(size);
        log(name, " granted ", size, ", ", rules::fmt3(bucket.tokens()), " left");
        if (pause > 0) co_await aio::sleep(pause);
    }
}

aio::Task<> late(std::string name, aio::TokenBucket& bucket, double start, std::vector<double> sizes) {
    co_await aio::sleep(start);
    co_await client(name, bucket, sizes, 0);
}

AIO_RULE(token_bucket_independent) {
    aio::TokenBucket bucket(4, 5, "api");
    std::vector<aio::Task<>> tasks{
        aio::create_task(client("burst", bucket, {1, 1, 1, 1, 1, 1, 1}, 0), "burst"),
        aio::create_task(client("pairs", bucket, {2, 2, 2}, 0.25), "pairs"),
        aio::create_task(client("frac", bucket, {0.5, 2.5, 0.75}, 0.1), "frac"),
        aio::create_task(late("late", bucket, 9, {2, 1, 4}), "late")};
    for (auto& t : tasks) co_await t;
    log("all granted");
}
}  // namespace
