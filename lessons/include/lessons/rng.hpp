// A seeded generator (splitmix64) that a listing writes out in Python with the same numbers,
// so a lesson that wants randomness draws the same values in C++ and in its lesson.py.
#pragma once

#include <cstdint>

namespace lessons {

class Rng {
public:
    explicit Rng(std::uint64_t seed) : state_(seed) {}

    std::uint64_t next() {
        state_ += 0x9E3779B97F4A7C15ull;
        std::uint64_t z = state_;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    // In [0, 1), from the top 53 bits (exactly representable in both languages).
    double uniform() { return static_cast<double>(next() >> 11) / 9007199254740992.0; }
    // In [lo, hi], both included.
    long long randint(long long lo, long long hi) {
        return lo + static_cast<long long>(next() % static_cast<std::uint64_t>(hi - lo + 1));
    }

private:
    std::uint64_t state_;
};

}  // namespace lessons
