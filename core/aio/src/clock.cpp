#include "aio/clock.hpp"

#include <cmath>
#include <thread>

namespace aio {

std::int64_t SteadyClock::now_ns() const {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start_).count();
}

void SteadyClock::advance_to(std::int64_t deadline_ns) {
    std::this_thread::sleep_until(start_ + std::chrono::nanoseconds(deadline_ns));
}

std::int64_t to_ns(double seconds) noexcept {
    return static_cast<std::int64_t>(std::llround(seconds * 1e9));
}

}  // namespace aio
