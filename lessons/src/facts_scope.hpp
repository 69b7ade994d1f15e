// lessons::run collects a run's facts through this: while a FactsScope lives, note() on this
// thread adds to its Facts.
#pragma once

#include "lessons/facts.hpp"

namespace lessons {

class FactsScope {
public:
    explicit FactsScope(Facts& facts);
    ~FactsScope();
    FactsScope(const FactsScope&) = delete;
    FactsScope& operator=(const FactsScope&) = delete;

private:
    Facts* previous_;
};

}  // namespace lessons
