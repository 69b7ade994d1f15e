// The loop's two clocks behind one interface: virtual (deterministic, jumps)
// and steady (real time).
#pragma once

#include <chrono>
#include <cstdint>

namespace aio {

enum class ClockKind { Virtual, Steady };

class Clock {
public:
    virtual ~Clock() = default;
    virtual std::int64_t now_ns() const = 0;
    // Make time reach `deadline_ns`: a virtual clock jumps, a steady one sleeps.
    virtual void advance_to(std::int64_t deadline_ns) = 0;
    virtual bool is_virtual() const = 0;
};

class VirtualClock final : public Clock {
public:
    std::int64_t now_ns() const override { return now_; }
    void advance_to(std::int64_t deadline_ns) override {
        if (deadline_ns > now_) now_ = deadline_ns;
    }
    bool is_virtual() const override { return true; }

private:
    std::int64_t now_ = 0;
};

// Real time, counted from the clock's creation so a run starts at t=0.
class SteadyClock final : public Clock {
public:
    std::int64_t now_ns() const override;
    void advance_to(std::int64_t deadline_ns) override;
    bool is_virtual() const override { return false; }

private:
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

// Seconds (as a learner writes them) to the loop's integer nanoseconds.
std::int64_t to_ns(double seconds) noexcept;

}  // namespace aio
