// A token bucket for rate limiting (not in asyncio; the lessons write the same
// algorithm in Python): `rate` tokens per second refill up to `capacity`;
// acquire(n) waits in FIFO order until n tokens are there and takes them.
#pragma once

#include "aio/detail/fixed.hpp"
#include "aio/async_with.hpp"
#include "aio/lock.hpp"
#include "aio/sleep.hpp"
#include "aio/task.hpp"

#include <algorithm>

namespace aio {

class TokenBucket : public detail::TracedObject {
public:
    TokenBucket(double rate, double capacity, std::string name = {})
        : TracedObject(ObjectKind::Bucket, std::move(name), static_cast<std::int64_t>(capacity)),
          rate_(rate), capacity_(capacity), tokens_(capacity) {
        if (rate <= 0) throw ValueError("TokenBucket rate must be > 0");
        if (capacity <= 0) throw ValueError("TokenBucket capacity must be > 0");
    }

    double rate() const noexcept { return rate_; }
    double capacity() const noexcept { return capacity_; }
    double tokens() const noexcept { return tokens_; }

    Task<void> acquire(double n = 1) {
        if (n > capacity_) throw ValueError("TokenBucket: cannot take more tokens than its capacity");
        co_await line_.acquire().as(WaitKind::Bucket, object_id());  // the FIFO line
        Held<Lock> held(line_);
        while (true) {
            refill();
            if (tokens_ >= n) {
                tokens_ -= n;
                trace(TraceEventKind::BucketTake, static_cast<std::int64_t>(n), detail::fixed(tokens_, 3));
                co_return;
            }
            // At least a nanosecond: a shortfall that rounds to 0 ns would let virtual time
            // stand still while the bucket never fills.
            co_await aio::sleep(std::max((n - tokens_) / rate_, 1e-9)).as(WaitKind::Bucket, object_id());
        }
    }

private:
    void refill() {
        const double now = EventLoop::get().time();
        if (!started_) {
            started_ = true;
            last_ = now;
        }
        tokens_ = std::min(capacity_, tokens_ + (now - last_) * rate_);
        last_ = now;
    }

    double rate_;
    double capacity_;
    double tokens_;
    double last_ = 0;
    bool started_ = false;
    Lock line_{Lock::Internal{}};
};

}  // namespace aio
