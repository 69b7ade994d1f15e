// asyncio.run(main(), debug=True): after every step, a step that held the loop for
// slow_callback_duration (0.1 s) or longer is reported, "Executing <Task ...> took 0.250 seconds".
// Quick steps are not. (Both sides print the task's state and name; CPython's repr goes on
// with the coroutine and the places in the program.)
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<> worker(std::string name, double block) {
    aio::blocking_sleep(block);
    co_await aio::sleep(0.5);
    log(name, " done");
}

AIO_RULE(debug_slow_step) {
    // (aio_rules runs every rule without debug: this one turns it on first, before any step ran)
    aio::get_running_loop().set_debug(true);
    auto quick = aio::create_task(worker("quick", 0.05), "quick");
    auto slow = aio::create_task(worker("slow", 0.25), "slow");
    co_await aio::gather(quick, slow);
    aio::get_running_loop().set_slow_callback_duration(0.01);
    co_await aio::create_task(worker("quick again", 0.05), "quick again");
    aio::blocking_sleep(1.0);
    log("main done");
}
}  // namespace
