// Small lessons made only for the framework's tests (they are not in the registry):
// run() is tested with them on every kind of ending, without depending on the real lessons.
#pragma once

#include <lessons/lesson.hpp>

namespace fake {

// Parameters workers (1..4, step 1, default 2) and delay (0.1..1 s, step 0.1, default 0.5).
// Each worker sleeps delay * its number; main gathers them. With the pitfall, main waits on a
// queue's join() that nobody satisfies: a deadlock. The quiz asks how many workers finished.
const lessons::Lesson& workers();
// main starts a background task, sleeps 0.5 s and raises aio::ValueError.
const lessons::Lesson& raises();
// main raises a type of its own, fake::detail::BadStatus.
const lessons::Lesson& raises_own_type();
// A TaskGroup whose two children fail (ValueError, TimeoutError): main raises the group.
const lessons::Lesson& group_fails();
// A lesson still to come.
const lessons::Lesson& placeholder();

}  // namespace fake
