// Writes the Chrome trace of a small real run to the file named by argv[1]:
// a producer and two consumers around a Queue(maxsize=2), with a semaphore.
// tests/trace/check_chrome_trace.py runs it and checks the JSON.
#include "aio/aio.hpp"
#include "trace/trace.hpp"

#include <fstream>
#include <iostream>
#include <string>

namespace {

aio::Task<> producer(aio::Queue<std::string>& q) {
    for (int i = 1; i <= 6; ++i) {
        co_await q.put("job \"" + std::to_string(i) + "\"");
        aio::log("produced job " + std::to_string(i));
    }
}

aio::Task<> consumer(aio::Queue<std::string>& q, aio::Semaphore& sem, double pace) {
    while (true) {
        std::string job = co_await q.get();
        co_await sem.acquire();
        co_await aio::sleep(pace);
        sem.release();
        aio::log("done " + job);
        q.task_done();
    }
}

aio::Task<> demo() {
    aio::Queue<std::string> q(2, "jobs");
    aio::Semaphore sem(1, "printer");
    auto p = aio::create_task(producer(q), "producer");
    auto c1 = aio::create_task(consumer(q, sem, 0.2), "consumer-1");
    auto c2 = aio::create_task(consumer(q, sem, 0.3), "consumer-2");
    co_await p;
    co_await q.join();
    c1.cancel();
    c2.cancel();
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: " << argv[0] << " OUT.json\n";
        return 2;
    }
    trace::Recorder recorder;
    aio::run(demo(), {.sink = &recorder});
    std::ofstream out(argv[1], std::ios::binary);
    trace::write_chrome_trace(recorder, out);
    out.close();
    if (!out) {
        std::cerr << "cannot write " << argv[1] << "\n";
        return 1;
    }
    return 0;
}
