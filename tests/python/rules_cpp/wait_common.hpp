// Shared by the asyncio.wait rules: the names of a set of tasks, sorted (Python prints sets).
#pragma once

#include "rule_registry.hpp"

#include <algorithm>
#include <vector>

namespace rules {

template <class T>
std::string names(const std::vector<aio::Task<T>>& tasks) {
    std::vector<std::string> n;
    for (const auto& t : tasks) n.push_back(t.name());
    std::sort(n.begin(), n.end());
    std::string out;
    for (const auto& s : n) out += (out.empty() ? "" : " ") + s;
    return out.empty() ? "-" : out;
}

}  // namespace rules
