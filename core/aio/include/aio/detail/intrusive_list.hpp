// The one linked list of aio: the nodes carry their links (a ListLink member), so linking
// allocates nothing, and a node leaves in O(1). The list is a circle and keeps only its
// head (the head's prev is the back): one word in every future that holds one.
#pragma once

#include <cstddef>
#include <iterator>
#include <utility>

namespace aio::detail {

template <class T>
struct ListLink {
    T* prev = nullptr;  // both null while the node is in no list
    T* next = nullptr;
};

// Names the ListLink member of T that a list uses; a type of its own, so that a list of T can
// be declared where T is still incomplete (the loop's list of tasks).
template <class T, ListLink<T> T::*Member>
struct MemberLink {
    static ListLink<T>& of(T* node) noexcept { return node->*Member; }
};

template <class T, class Link>
class IntrusiveList {
public:
    IntrusiveList() = default;
    IntrusiveList(const IntrusiveList&) = delete;
    IntrusiveList& operator=(const IntrusiveList&) = delete;
    // Takes the nodes over (to walk a list that its owner forgets at once).
    IntrusiveList(IntrusiveList&& other) noexcept : head_(std::exchange(other.head_, nullptr)) {}

    bool empty() const noexcept { return head_ == nullptr; }
    T* front() const noexcept { return head_; }
    // The node after `node`, nullptr after the back. Taken before `node` leaves, it stays valid.
    T* next(T* node) const noexcept {
        T* after = Link::of(node).next;
        return after == head_ ? nullptr : after;
    }

    void push_back(T* node) noexcept {
        ListLink<T>& link = Link::of(node);
        if (!head_) {
            link.prev = link.next = node;
            head_ = node;
            return;
        }
        T* last = Link::of(head_).prev;
        link.prev = last;
        link.next = head_;
        Link::of(last).next = node;
        Link::of(head_).prev = node;
    }
    // `node` must be in this list.
    void erase(T* node) noexcept {
        ListLink<T>& link = Link::of(node);
        if (link.next == node) {
            head_ = nullptr;
        } else {
            Link::of(link.prev).next = link.next;
            Link::of(link.next).prev = link.prev;
            if (head_ == node) head_ = link.next;
        }
        link.prev = link.next = nullptr;
    }
    T* pop_front() noexcept {
        T* node = head_;
        if (node) erase(node);
        return node;
    }

    // Iteration front to back; erasing the node just visited is fine (next() is read first).
    class iterator {
    public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = T*;
        using difference_type = std::ptrdiff_t;
        using pointer = T* const*;
        using reference = T* const&;

        iterator() = default;
        iterator(const IntrusiveList* list, T* node) noexcept : list_(list), node_(node), next_(after(node)) {}
        T* operator*() const noexcept { return node_; }
        iterator& operator++() noexcept {
            node_ = next_;
            next_ = after(node_);
            return *this;
        }
        iterator operator++(int) noexcept {
            iterator old = *this;
            ++*this;
            return old;
        }
        bool operator==(const iterator& o) const noexcept { return node_ == o.node_; }

    private:
        T* after(T* node) const noexcept { return node ? list_->next(node) : nullptr; }
        const IntrusiveList* list_ = nullptr;
        T* node_ = nullptr;
        T* next_ = nullptr;
    };
    iterator begin() const noexcept { return iterator(this, head_); }
    iterator end() const noexcept { return iterator(this, nullptr); }

private:
    T* head_ = nullptr;
};

}  // namespace aio::detail
