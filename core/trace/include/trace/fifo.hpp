// A first-in first-out list on a vector: push at the back, pop at the front in
// O(1) (a head offset; the dead prefix is dropped once it is half the storage),
// and take an element out of the middle in O(n). Waiter lists, holders, queue
// items and the ready queue are Fifos. Copying copies only the live elements, and
// an empty Fifo owns no memory, so snapshots of a TraceState stay cheap.
#pragma once

#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <vector>

namespace trace {

template <class T>
class Fifo {
public:
    using value_type = T;
    using const_iterator = typename std::vector<T>::const_iterator;

    Fifo() = default;
    Fifo(std::initializer_list<T> init) : items_(init) {}
    Fifo(const Fifo& other) : items_(other.begin(), other.end()) {}
    Fifo& operator=(const Fifo& other) {
        if (this != &other) {
            items_.assign(other.begin(), other.end());
            head_ = 0;
        }
        return *this;
    }
    Fifo(Fifo&&) noexcept = default;
    Fifo& operator=(Fifo&&) noexcept = default;

    std::size_t size() const noexcept { return items_.size() - head_; }
    bool empty() const noexcept { return items_.size() == head_; }
    const T& front() const noexcept { return items_[head_]; }
    const T& back() const noexcept { return items_.back(); }
    const T& operator[](std::size_t i) const noexcept { return items_[head_ + i]; }
    const_iterator begin() const noexcept { return items_.begin() + static_cast<std::ptrdiff_t>(head_); }
    const_iterator end() const noexcept { return items_.end(); }

    void push_back(const T& value) { items_.push_back(value); }
    void pop_front() noexcept {
        ++head_;
        if (head_ == items_.size()) {
            items_.clear();
            head_ = 0;
        } else if (head_ >= 32 && head_ * 2 >= items_.size()) {
            items_.erase(items_.begin(), items_.begin() + static_cast<std::ptrdiff_t>(head_));
            head_ = 0;
        }
    }
    void pop_back() noexcept {
        items_.pop_back();
        if (items_.size() == head_) {
            items_.clear();
            head_ = 0;
        }
    }
    // Removes the element at position i (0: the front).
    void erase_at(std::size_t i) noexcept {
        if (i == 0) {
            pop_front();
            return;
        }
        items_.erase(items_.begin() + static_cast<std::ptrdiff_t>(head_ + i));
    }
    // Removes the first element equal to value; false when there is none.
    bool erase_first(const T& value) noexcept {
        auto it = std::find(begin(), end(), value);
        if (it == end()) return false;
        erase_at(static_cast<std::size_t>(it - begin()));
        return true;
    }
    // Removes the last element equal to value; false when there is none.
    bool erase_last(const T& value) noexcept {
        for (std::size_t i = size(); i > 0; --i) {
            if ((*this)[i - 1] == value) {
                erase_at(i - 1);
                return true;
            }
        }
        return false;
    }
    bool contains(const T& value) const noexcept { return std::find(begin(), end(), value) != end(); }
    void clear() noexcept {
        items_.clear();
        head_ = 0;
    }

    friend bool operator==(const Fifo& a, const Fifo& b) noexcept {
        return std::equal(a.begin(), a.end(), b.begin(), b.end());
    }

private:
    std::vector<T> items_;
    std::size_t head_ = 0;
};

}  // namespace trace
