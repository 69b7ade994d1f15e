// Level "if, not while": a customer checks the stock once with `if`, waits on a Condition and
// takes an item when it is woken. The supplier's notify_all() wakes every waiting customer, so
// in the broken version two of them can take the one item that came. The fixed version's
// wait_for() checks the stock again after every wake-up.
#include <levels/level.hpp>

#include <aio/aio.hpp>

#include <memory>
#include <optional>
#include <string>

namespace levels::embedded::if_not_while {
extern const std::string_view broken_py, fixed_py, text_de, text_en;
}

namespace levels {

namespace {

constexpr int TRUCKS = 2;  // one item each, one per customer

struct Shop {
    int stock = 0;
    aio::Condition cond{"cond"};
};

aio::Task<void> customer(World* w, std::shared_ptr<Shop> shop, std::string name, Variant variant) {
    co_await w->io("shop.enter('" + name + "')");
    auto held = co_await aio::async_with(shop->cond);
    if (variant == Variant::Broken) {
        if (shop->stock == 0) co_await shop->cond.wait();
    } else {
        Shop* s = shop.get();
        auto in_stock = [s] { return s->stock > 0; };
        co_await shop->cond.wait_for(in_stock);
    }
    shop->stock -= 1;
    w->print(name + " takes one, stock = " + std::to_string(shop->stock));
}

aio::Task<void> supplier(World* w, std::shared_ptr<Shop> shop) {
    for (int n = 1; n <= TRUCKS; ++n) {
        co_await w->io("truck.arrive(" + std::to_string(n) + ")");
        auto held = co_await aio::async_with(shop->cond);
        shop->stock += 1;
        w->print("truck " + std::to_string(n) + " delivers, stock = " + std::to_string(shop->stock));
        shop->cond.notify_all();
    }
}

aio::Task<void> program(World& w, Variant variant) {
    auto shop = std::make_shared<Shop>();
    w.invariant("stock >= 0", [shop]() -> std::optional<std::string> {
        if (shop->stock >= 0) return std::nullopt;
        return "stock == " + std::to_string(shop->stock) + ", below 0";
    });
    w.watch("stock", [shop] { return std::to_string(shop->stock); });
    w.watch("customers in cond.wait()", [shop] { return std::to_string(shop->cond.waiting()); });
    auto tasks = [&](aio::TaskGroup& tg) -> aio::Task<void> {  // async with asyncio.TaskGroup() as tg:
        tg.create_task(supplier(&w, shop), "supplier");
        tg.create_task(customer(&w, shop, "ann", variant), "ann");
        tg.create_task(customer(&w, shop, "bob", variant), "bob");
        co_return;
    };
    co_await aio::task_group(tasks);
}

}  // namespace

Level make_if_not_while() {
    namespace e = embedded::if_not_while;
    return {"if-not-while", e::broken_py, e::fixed_py, e::text_de, e::text_en, &program};
}

}  // namespace levels
