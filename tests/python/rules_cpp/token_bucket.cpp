// TokenBucket(rate=2/s, capacity=2): a full bucket lets two requests through at once,
// then one every 0.5 s, in FIFO order; a request for 2 tokens waits for both.
// convention: port: aio::TokenBucket is compared with a Python port of itself (token_bucket.py); token_bucket_independent checks the grants against an independent bucket
#include "rule_registry.hpp"

#include <vector>

namespace {
using rules::log;

aio::Task<> client(std::string name, aio::TokenBucket& bucket, int requests, int tokens) {
    for (int i = 0; i < requests; ++i) {
        co_await bucket.acquire(tokens);
        log(name, " request ", i, " (", tokens, " token(s))");
    }
}

AIO_RULE(token_bucket) {
    aio::TokenBucket bucket(2, 2, "api");
    std::vector<aio::Task<>> cs{aio::create_task(client("a", bucket, 3, 1), "a"),
                                aio::create_task(client("b", bucket, 2, 1), "b"),
                                aio::create_task(client("big", bucket, 1, 2), "big")};
    for (auto& c : cs) co_await c;
    co_await aio::sleep(3);
    log("bucket refilled");
    co_await bucket.acquire(2);
    log("took 2 at once");
    co_await bucket.acquire(0.5);
    log("took 0.5 after waiting, ", rules::fmt3(bucket.tokens()), " left");
    try {
        co_await bucket.acquire(3);
    } catch (const aio::ValueError&) {
        log("acquire(3) > capacity: caught ", rules::describe_current());
    }
}
}  // namespace
