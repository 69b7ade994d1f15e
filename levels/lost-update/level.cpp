// Level "lost update": read, await, write back. Two deposits into one account; in the
// broken version a second read can come between a read and its write, the fixed version
// holds one Lock from the read to the write.
#include <levels/level.hpp>

#include <aio/aio.hpp>

#include <memory>
#include <optional>
#include <string>

namespace levels::embedded::lost_update {
extern const std::string_view broken_py, fixed_py, text_de, text_en;
}

namespace levels {

namespace {

constexpr int START = 100;
constexpr int AMOUNT = 50;

struct Account {
    int balance = START;
    int written = 0;  // deposits that wrote their balance
    aio::Lock lock{"account"};
};

aio::Task<void> deposit(World* w, std::shared_ptr<Account> account, std::string name, Variant variant) {
    co_await w->io("bank.authorize('" + name + "')");
    std::optional<aio::Held<aio::Lock>> held;  // `async with account:` in the fixed version
    if (variant == Variant::Fixed) held.emplace(co_await aio::async_with(account->lock));
    const int seen = account->balance;  // read
    co_await w->io("bank.confirm('" + name + "')");
    account->balance = seen + AMOUNT;  // write
    account->written += 1;
    held.reset();
    w->print(name + " writes balance = " + std::to_string(account->balance));
}

aio::Task<void> program(World& w, Variant variant) {
    auto account = std::make_shared<Account>();
    w.invariant("balance == 100 + 50 * deposits written", [account]() -> std::optional<std::string> {
        const int expected = START + AMOUNT * account->written;
        if (account->balance == expected) return std::nullopt;
        return "balance == " + std::to_string(account->balance) + ", not " + std::to_string(expected) + " after " +
               std::to_string(account->written) + " deposits of " + std::to_string(AMOUNT);
    });
    w.watch("balance", [account] { return std::to_string(account->balance); });
    w.watch("deposits written", [account] { return std::to_string(account->written); });
    auto tasks = [&](aio::TaskGroup& tg) -> aio::Task<void> {  // async with asyncio.TaskGroup() as tg:
        tg.create_task(deposit(&w, account, "alice", variant), "alice");
        tg.create_task(deposit(&w, account, "bob", variant), "bob");
        co_return;
    };
    co_await aio::task_group(tasks);
    w.print("balance = " + std::to_string(account->balance));
}

}  // namespace

Level make_lost_update() {
    namespace e = embedded::lost_update;
    return {"lost-update", e::broken_py, e::fixed_py, e::text_de, e::text_en, &program};
}

}  // namespace levels
