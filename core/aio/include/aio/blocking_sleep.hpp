// aio::blocking_sleep(seconds): Python's time.sleep(seconds), the blocking call a
// coroutine must not make. It is not awaited, exactly like time.sleep:
//
//     aio::blocking_sleep(1.0);      // time.sleep(1.0) inside `async def`: the loop stops
//
// Where it is called decides what it does:
// - in a coroutine (on the loop's thread) it holds the loop: no other task, timer or
//   callback runs meanwhile. The virtual clock jumps by `seconds`; under the steady clock
//   the thread really sleeps. Debug mode then reports the step as slow.
// - in a function run by to_thread on the VirtualExecutor it is the thread's own time:
//   the work's virtual duration grows by `seconds`, the loop goes on.
// - on any other thread (a real worker) it is std::this_thread::sleep_for.
#pragma once

namespace aio {

void blocking_sleep(double seconds);

}  // namespace aio
