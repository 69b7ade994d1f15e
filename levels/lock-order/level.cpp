// Level "lock order": two transfers, A->B and B->A, each account guarded by its own Lock.
// In the broken version each transfer locks its source first and then its target, so the two
// can each hold one lock and wait for the other's for ever; the fixed version takes both locks
// in one order (sorted by account name) before it touches anything.
#include <levels/level.hpp>

#include <aio/aio.hpp>

#include <map>
#include <memory>
#include <string>
#include <utility>

namespace levels::embedded::lock_order {
extern const std::string_view broken_py, fixed_py, text_de, text_en;
}

namespace levels {

namespace {

struct Bank {
    std::map<std::string, int> balances{{"A", 100}, {"B", 100}};
    aio::Lock lock_a{"A"};
    aio::Lock lock_b{"B"};
    std::map<std::string, std::string> holder;  // account -> the transfer that last took its lock

    aio::Lock& lock(const std::string& account) { return account == "A" ? lock_a : lock_b; }
};

aio::Task<void> transfer(World* w, std::shared_ptr<Bank> bank, std::string src, std::string dst, int amount,
                         Variant variant) {
    const std::string name = src + "->" + dst;
    co_await w->io("bank.authorize('" + src + "')");
    // Broken: the source's lock, then the target's. Fixed: sorted, A before B.
    std::string first = src;
    std::string second = dst;
    if (variant == Variant::Fixed && second < first) std::swap(first, second);
    const std::string reserve = "bank.reserve('" + src + "', " + std::to_string(amount) + ")";
    auto held_first = co_await aio::async_with(bank->lock(first));
    bank->holder[first] = name;
    if (variant == Variant::Broken) {  // check and reserve under the source's lock only
        if (bank->balances[src] < amount) co_return;
        co_await w->io(reserve);
    }
    auto held_second = co_await aio::async_with(bank->lock(second));
    bank->holder[second] = name;
    if (variant == Variant::Fixed) {  // check and reserve under both locks
        if (bank->balances[src] < amount) co_return;
        co_await w->io(reserve);
    }
    bank->balances[src] -= amount;
    bank->balances[dst] += amount;
    held_second.release();
    held_first.release();
    w->print(name + ": moved " + std::to_string(amount));
}

aio::Task<void> program(World& w, Variant variant) {
    auto bank = std::make_shared<Bank>();
    w.invariant("both transfers finish");
    for (const char* account : {"A", "B"}) {
        w.watch(std::string("lock ") + account, [bank, account = std::string(account)] {
            if (!bank->lock(account).locked()) return std::string("free");
            return "held by " + bank->holder[account];
        });
    }
    w.watch("balances", [bank] {
        return "A = " + std::to_string(bank->balances["A"]) + ", B = " + std::to_string(bank->balances["B"]);
    });
    auto tasks = [&](aio::TaskGroup& tg) -> aio::Task<void> {  // async with asyncio.TaskGroup() as tg:
        tg.create_task(transfer(&w, bank, "A", "B", 30, variant), "A->B");
        tg.create_task(transfer(&w, bank, "B", "A", 20, variant), "B->A");
        co_return;
    };
    co_await aio::task_group(tasks);
    w.print("A = " + std::to_string(bank->balances["A"]) + ", B = " + std::to_string(bank->balances["B"]));
}

}  // namespace

Level make_lock_order() {
    namespace e = embedded::lock_order;
    return {"lock-order", e::broken_py, e::fixed_py, e::text_de, e::text_en, &program};
}

}  // namespace levels
