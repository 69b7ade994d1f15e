// Where the loop's lines of text go. aio formats each line as asyncio (and tests/python/vloop.py)
// prints it and hands it to the sink of whoever runs the loop; aio itself writes to no stream,
// and without a sink nothing is printed.
#pragma once

#include <string_view>

namespace aio {

// What a line is, so that the caller can send each to its place (vloop.py prints the first
// three on stdout, Python prints warnings on stderr).
enum class LogKind : unsigned char {
    Program,   // aio::log(line): "t=0.100 line"
    Loop,      // the loop's own report: "t=… Executing <Task pending name='x'> took 1.000 seconds",
               // "t=… Task exception was never retrieved: <Task finished …>"
    Deadlock,  // the deadlock report: "t=… deadlock", then "t=…   waiting: name" per task
    Warning,   // "RuntimeWarning: coroutine 'f' was never awaited", "Exception in callback: …"
};

class LogSink {
public:
    // One line, without its newline.
    virtual void line(LogKind kind, std::string_view text) = 0;

protected:
    ~LogSink() = default;
};

}  // namespace aio
