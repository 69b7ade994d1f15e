// Queues: one producer, a few workers, backpressure from maxsize, task_done()/join(),
// and FIFO, LIFO and priority order side by side. The C++ twin of lesson.py.
#include <aio/aio.hpp>
#include <lessons/facts.hpp>
#include <lessons/format.hpp>
#include <lessons/lesson.hpp>

#include <string>
#include <vector>

namespace lessons::queues {

aio::Task<void> producer(aio::Queue<int>& q, int items) {
    for (int item = 1; item <= items; ++item) {
        if (q.full()) {
            aio::log(lessons::format("queue full, producer waits with item %d", item));
            lessons::note("queue-full", "producer", item);
        }
        co_await q.put(item);  // waits while the queue is full: backpressure  // @put
        aio::log(lessons::format("producer put item %d (%zu in queue)", item, q.qsize()));
    }
}

// Runs `action` when the scope ends, however it ends (return, exception, cancellation):
// C++'s spelling of Python's `finally`.
template <class Action>
struct Finally {
    Action action;
    ~Finally() { action(); }
};
template <class Action>
Finally(Action) -> Finally<Action>;

aio::Task<void> worker(std::string name, aio::Queue<int>& q, double work, bool pitfall) {
    while (true) {  // a worker never stops by itself: main cancels it
        int item = co_await q.get();  // @get
        // also when the work raises: join() must not wait for this item forever
        Finally done{[&] {
            if (!pitfall) q.task_done();  // the pitfall forgets this line  // @task_done
        }};
        aio::log(lessons::format("%s got item %d", name.c_str(), item));
        lessons::note("got", name, item);
        co_await aio::sleep(work);  // @work
        aio::log(lessons::format("%s done with item %d", name.c_str(), item));
    }
}

// The same items in, and out in the order this kind of queue gives them.
template <class Kind>
void show_order(const char* kind_name) {
    Kind q;
    for (int item : {3, 1, 4, 2}) q.put_nowait(item);  // @order-put
    std::string out;
    while (!q.empty()) out += (out.empty() ? "" : ", ") + std::to_string(q.get_nowait());  // @order-get
    aio::log(lessons::format("%-13s gives [%s]", kind_name, out.c_str()));
}

aio::Task<void> scenario(const lessons::Params& p, bool pitfall) {
    aio::Queue<int> q(p.integer("maxsize"), "q");  // maxsize 0: unbounded
    const double work = p["work"];
    std::vector<aio::Task<void>> workers;
    for (int i = 1; i <= p.integer("workers"); ++i) {
        const std::string name = "worker-" + std::to_string(i);
        workers.push_back(aio::create_task(worker(name, q, work, pitfall), name));  // @create-workers
    }
    co_await producer(q, p.integer("items"));  // main itself puts the items in  // @producer
    aio::log("producer finished, main waits in join()");
    lessons::note("producer-finished");
    co_await q.join();  // returns when task_done() was called once per item  // @join
    aio::log("every item is done, main cancels the workers");
    lessons::note("joined");
    for (auto& w : workers) w.cancel();  // @cancel
    auto results = co_await aio::gather(aio::return_exceptions, workers);  // @gather
    int stopped = 0;
    for (const auto& r : results) stopped += r.cancelled() ? 1 : 0;
    aio::log(lessons::format("%d workers stopped", stopped));

    // put_nowait never waits: on a full queue it throws aio::QueueFull at once.
    aio::Queue<int> small(1, "small");
    small.put_nowait(1);
    try {
        small.put_nowait(2);  // @queue-full
    } catch (const aio::QueueFull&) {
        aio::log("put_nowait(2) on a full queue raised QueueFull");
    }

    show_order<aio::Queue<int>>("Queue");
    show_order<aio::LifoQueue<int>>("LifoQueue");
    show_order<aio::PriorityQueue<int>>("PriorityQueue");
}

}  // namespace lessons::queues
