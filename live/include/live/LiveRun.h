// LiveRun: runs a lesson's live variant in real time, as lessons::run runs its model in
// virtual time. A qtaio::QtDriver drives the aio loop inside Qt's event loop (so the GUI
// stays responsive); the trace goes into a trace::Recorder as the events happen, so a view
// can follow the head while the run goes on; the loop's log goes to a FILE* or into a buffer.
//
// The run ends when the scenario's main task ends (what is left is cancelled then, as
// asyncio.run does), or on stop(): every task is cancelled, which aborts their replies, and
// the run ends once they all did. Only one run (one aio loop) per thread at a time: the
// driver exists from start() to the end of the run, so a model run may follow at once.
#pragma once

#include "live/LiveScenario.h"

#include <trace/recorder.hpp>

#include <QObject>
#include <QString>

#include <cstdio>
#include <memory>
#include <string>

namespace qtaio {
class QtDriver;
}

namespace live {

// What a live run gives, lessons::Run's fields where they mean the same.
struct LiveResult {
    std::shared_ptr<trace::Recorder> recorder; // every event, in order (grows during the run)
    std::string log;        // what the loop printed ("t=0.105 req 1 ..."), unless it went to a FILE*
    std::string error;      // "main raised X" when main failed, else empty
    double endTime = 0;     // seconds of loop time when the run ended
    bool stopped = false;   // ended by stop()
    QList<Figure> figures;  // what the scenario measured
};

class LiveRun : public QObject {
    Q_OBJECT

public:
    // `scenario` must outlive the run.
    explicit LiveRun(LiveScenario &scenario, QObject *parent = nullptr);
    ~LiveRun() override; // a run still going is stopped and finished at once

    // Where the log lines go as they are logged; nullptr (the default): into result().log.
    void setLogOutput(std::FILE *out) { m_logTo = out; }

    // Starts the run; false with a message when it cannot (a run, or some other aio loop,
    // is already active on this thread). The recorder exists from here on.
    bool start(QString *error = nullptr);
    // Cancels every task; the run ends (finished()) once they did. Idempotent.
    void stop();
    bool isRunning() const { return m_driver != nullptr; }
    // Spins Qt's event loop until the run ended or `timeoutMs` passed (negative: no limit;
    // the scenario bounds itself); true if it ended.
    bool waitForFinished(int timeoutMs);

    std::shared_ptr<trace::Recorder> recorder() const { return m_result.recorder; }
    // Complete once finished() was emitted.
    const LiveResult &result() const { return m_result; }

Q_SIGNALS:
    void advanced(); // the loop ran; new events may be in the recorder
    void finished();

private:
    void onTaskFinished(quint32 taskId);
    void finish();

    class Log;

    LiveScenario &m_scenario;
    std::FILE *m_logTo = nullptr;
    std::unique_ptr<Log> m_log;
    std::unique_ptr<qtaio::QtDriver> m_driver;
    aio::Task<void> m_main;
    quint32 m_mainId = 0;
    bool m_stopping = false;
    LiveResult m_result;
};

} // namespace live
