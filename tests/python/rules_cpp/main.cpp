// aio_rules: runs one rule program under aio::run with the virtual clock, printing its log
// on stdout in the format of tests/python/vloop.py (see ../README.md).
#include "rule_registry.hpp"
#include "stdout_log.hpp"

#include <cstdio>
#include <cstring>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: aio_rules <rule> | --list\n");
        return 2;
    }
    if (std::strcmp(argv[1], "--list") == 0) {
        for (const auto& [name, fn] : rules::registry()) std::printf("%s\n", name.c_str());
        return 0;
    }
    auto it = rules::registry().find(argv[1]);
    if (it == rules::registry().end()) {
        std::fprintf(stderr, "aio_rules: no rule named '%s' (see --list)\n", argv[1]);
        return 2;
    }
    rules::StdoutLog log;
    try {
        aio::run(it->second(), {.log_sink = &log, .main_name = "main"});
    } catch (const aio::DeadlockError&) {
        // The loop has printed the report and cleaned up; like vloop.run, that is a normal end.
    } catch (...) {
        std::printf("main raised %s\n", rules::describe_current().c_str());
    }
    std::fflush(stdout);
    return 0;
}
