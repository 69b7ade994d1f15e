// Everything of the aio scheduler in one include.
//
// Lifetimes (details and the safe patterns: core/aio/README.md):
// - a coroutine keeps its reference parameters as references: take parameters by value;
// - a lambda coroutine keeps a pointer to the lambda, not its captures: a temporary lambda
//   (`create_task([x]() -> Task<> {...}())`) dangles; use a free function, or a lambda that
//   lives until the coroutine ends (task_group, timeout and async_with keep theirs);
// - a Queue, Event, Semaphore, Lock, Condition or Timeout must outlive every task waiting on it (await
//   the tasks before the scope ends, or share the object through a shared_ptr);
// - Task, Future and the call_soon handles are reference counted and safe to copy.
#pragma once

#include "aio/as_completed.hpp"
#include "aio/async_generator.hpp"
#include "aio/async_with.hpp"
#include "aio/blocking_sleep.hpp"
#include "aio/call_soon.hpp"
#include "aio/condition.hpp"
#include "aio/errors.hpp"
#include "aio/event.hpp"
#include "aio/event_loop.hpp"
#include "aio/executor.hpp"
#include "aio/future.hpp"
#include "aio/gather.hpp"
#include "aio/lock.hpp"
#include "aio/log_sink.hpp"
#include "aio/queue.hpp"
#include "aio/result.hpp"
#include "aio/run.hpp"
#include "aio/semaphore.hpp"
#include "aio/shield.hpp"
#include "aio/sleep.hpp"
#include "aio/task.hpp"
#include "aio/task_group.hpp"
#include "aio/timeout.hpp"
#include "aio/to_thread.hpp"
#include "aio/token_bucket.hpp"
#include "aio/wait.hpp"
#include "aio/wait_for.hpp"
