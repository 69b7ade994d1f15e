// Races across await. Part 1: TASKS withdrawals from one shared account, each one reads the
// balance, checks it, waits for the bank's answer and only then writes: first without a lock,
// then with an aio::Lock. Part 2: a shop; the customers wait until it opens (an aio::Event) and
// then until there is enough in stock for them (an aio::Condition). The C++ twin of lesson.py.
#include <aio/aio.hpp>
#include <aio/condition.hpp>
#include <lessons/facts.hpp>
#include <lessons/format.hpp>
#include <lessons/lesson.hpp>

#include <string>
#include <vector>

namespace lessons::races {

constexpr int BALANCE = 100;  // euros in the account at the start
constexpr double CHECK = 0.2;  // seconds the fraud check takes; it touches nothing shared
constexpr int CUSTOMERS = 3;
constexpr double ARRIVALS[CUSTOMERS] = {0.0, 0.1, 0.4};  // seconds after the start of part 2 when each customer comes
constexpr double OPENS = 0.3;  // seconds after the start of part 2 when the owner opens the shop
constexpr int BATCH = 2;       // items per delivery
constexpr double EVERY = 0.2;  // seconds between two deliveries

// Python's module globals. C++ keeps one set per thread and resets it in scenario(), because
// the app runs the scenario many times in one process.
thread_local double LATENCY = 0.1;  // seconds the bank takes to answer: the await between the read and the write
thread_local int AMOUNT = 30;       // euros each withdrawal takes
thread_local int STOCK_NEEDED = 3;  // items each customer of the shop waits for
thread_local bool PITFALL = false;  // the lock is taken before the slow fraud check, not after it
thread_local int balance = BALANCE;  // the shared account
thread_local int paid = 0;           // euros paid out so far
thread_local int refused = 0;        // withdrawals refused for lack of money
thread_local int stock = 0;          // items in the shop

std::string withdrawals(int n) { return n == 1 ? "1 withdrawal" : format("%d withdrawals", n); }

std::string items(int n) { return n == 1 ? "1 item" : format("%d items", n); }

// The log line of a write: `seen` was read, `before` is what the balance holds by now.
std::string written(const std::string& name, int seen, int before) {
    if (before == seen) return format("%s writes balance = %d", name.c_str(), seen - AMOUNT);
    return format("%s writes balance = %d over %d: %s lost", name.c_str(), seen - AMOUNT, before,
                  withdrawals((seen - before) / AMOUNT).c_str());
}

aio::Task<void> pay_out(std::string name) {
    // Check-then-act across an await: read, check, wait for the bank, write.
    int seen = balance;  // 1. read  // @read
    if (seen < AMOUNT) {  // 2. check  // @check
        refused += 1;
        aio::log(format("%s reads balance = %d: not enough, refused", name.c_str(), seen));
        lessons::note("refused", name);
        co_return;
    }
    aio::log(format("%s reads balance = %d: enough, asks the bank", name.c_str(), seen));
    co_await aio::sleep(LATENCY);  // the bank's answer; other tasks run meanwhile  // @bank
    int before = balance;  // what others wrote meanwhile shows here (only for the log)
    balance = seen - AMOUNT;  // 3. write  // @write
    paid += AMOUNT;
    aio::log(written(name, seen, before));
    lessons::note("paid", name, AMOUNT);
    if (before != seen) lessons::note("overwrote", name, (seen - before) / AMOUNT);
}

aio::Task<void> withdraw(std::string name, aio::Lock* lock) {
    if (lock == nullptr) {
        co_await aio::sleep(CHECK);  // the fraud check  // @fraud-check
        co_await pay_out(name);  // no lock: the others run during its await  // @unlocked
    } else if (PITFALL) {
        auto held = co_await aio::async_with(*lock);  // the pitfall: locked before the slow fraud check  // @lock-early
        co_await aio::sleep(CHECK);  // every check now waits for the one before  // @check-locked
        co_await pay_out(name);  // @pay-early
    } else {
        co_await aio::sleep(CHECK);  // needs no lock: it touches nothing shared  // @check-free
        auto held = co_await aio::async_with(*lock);  // only read, await and write need the lock  // @lock
        co_await pay_out(name);  // @pay-locked
    }
}

aio::Task<void> customer(std::string name, double arrives, aio::Event& opened, aio::Condition& cond) {
    co_await aio::sleep(arrives);  // @arrive
    aio::log(format("%s arrives, the shop is %s", name.c_str(), opened.is_set() ? "open" : "still closed"));
    co_await opened.wait();  // returns at once if the event is already set  // @wait-open
    aio::log(format("%s is in and waits for %s", name.c_str(), items(STOCK_NEEDED).c_str()));
    {
        auto held = co_await aio::async_with(cond);  // a Condition has a lock of its own  // @cond-lock
        co_await cond.wait_for([] { return stock >= STOCK_NEEDED; });  // lets go of the lock while it waits  // @wait-for
        stock -= STOCK_NEEDED;  // @take
        aio::log(format("%s takes %s, %d left", name.c_str(), items(STOCK_NEEDED).c_str(), stock));
        lessons::note("served", name, stock);
    }
}

aio::Task<void> owner(aio::Event& opened) {
    co_await aio::sleep(OPENS);  // @opens
    aio::log("the owner opens the shop");
    lessons::note("opened", "owner");
    opened.set();  // wakes every task that waits on the event, all at once  // @set
}

aio::Task<void> supplier(aio::Event& opened, aio::Condition& cond, int deliveries) {
    co_await opened.wait();  // @supplier-waits
    for (int n = 1; n <= deliveries; ++n) {
        co_await aio::sleep(EVERY);  // the next truck  // @truck
        auto held = co_await aio::async_with(cond);  // @deliver-lock
        stock += BATCH;  // @deliver
        aio::log(format("delivery %d: %d items, stock = %d", n, BATCH, stock));
        lessons::note("delivered", "supplier", n);
        cond.notify_all();  // every waiting customer checks its condition again  // @notify
    }
}

aio::Task<void> scenario(const Params& p, bool pitfall) {
    const int TASKS = p.integer("tasks");
    LATENCY = p["latency"];
    AMOUNT = p.integer("amount");
    STOCK_NEEDED = p.integer("stock_needed");
    PITFALL = pitfall;
    balance = BALANCE;
    paid = refused = stock = 0;

    // Part 1a: TASKS withdrawals at once, without a lock.
    aio::log(format("part 1a: %d withdrawals of %d from a balance of %d, without a lock", TASKS, AMOUNT, BALANCE));
    std::vector<aio::Task<void>> tasks;
    for (int k = 1; k <= TASKS; ++k) {
        tasks.push_back(aio::create_task(withdraw(format("unsafe-%d", k), nullptr), format("unsafe-%d", k)));  // @start-unsafe
    }
    co_await aio::gather(std::move(tasks));  // @gather-unsafe
    const int lost = (balance - (BALANCE - paid)) / AMOUNT;
    aio::log(format("without a lock: paid out %d of %d, balance = %d, not %d: %s lost%s", paid, BALANCE, balance,
                    BALANCE - paid, withdrawals(lost).c_str(),
                    paid > BALANCE ? format(", overdrawn by %d", paid - BALANCE).c_str() : ""));
    lessons::note("unsafe-balance", "", balance);
    lessons::note("unsafe-paid", "", paid);
    lessons::note("unsafe-lost", "", lost);

    // Part 1b: the same withdrawals, with an aio::Lock around read, await and write.
    balance = BALANCE;
    paid = refused = 0;
    aio::Lock lock("account");  // @make-lock
    aio::log(format("part 1b: the same with a lock%s", PITFALL ? ", taken before the fraud check" : ""));
    const double start = aio::time();
    tasks.clear();
    for (int k = 1; k <= TASKS; ++k) {
        tasks.push_back(aio::create_task(withdraw(format("safe-%d", k), &lock), format("safe-%d", k)));  // @start-safe
    }
    co_await aio::gather(std::move(tasks));  // @gather-safe
    const double took = aio::time() - start;
    aio::log(format("with a lock: paid out %d, balance = %d, %d refused; took %.3f s", paid, balance, refused, took));
    lessons::note("safe-balance", "", balance);
    lessons::note("safe-time", "", took);

    // Part 2: the shop. An Event says "open", a Condition says "enough in stock".
    aio::log(format("part 2: %d customers want %s each; %d items come every %.3f s", CUSTOMERS,
                    items(STOCK_NEEDED).c_str(), BATCH, EVERY));
    lessons::note("shop", "", aio::time());
    aio::Event opened("opened");  // @event
    aio::Condition cond("stock");  // @condition
    const int deliveries = (CUSTOMERS * STOCK_NEEDED + BATCH - 1) / BATCH;
    std::vector<aio::Task<void>> shop;
    for (int k = 1; k <= CUSTOMERS; ++k) {
        shop.push_back(aio::create_task(customer(format("customer-%d", k), ARRIVALS[k - 1], opened, cond),  // @start-customers
                                        format("customer-%d", k)));
    }
    shop.push_back(aio::create_task(supplier(opened, cond, deliveries), "supplier"));  // @start-supplier
    shop.push_back(aio::create_task(owner(opened), "owner"));  // @start-owner
    co_await aio::gather(std::move(shop));  // @gather-shop
    aio::log(format("every customer served, %d left over", stock));
}

}  // namespace lessons::races
