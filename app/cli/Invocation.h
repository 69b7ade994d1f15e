#pragma once

#include <QString>
#include <QStringList>

// What one start of the program was asked to do, as read from its command line.
// CommandLine::parse() fills it without a QCoreApplication, so that main() can decide
// whether a GUI is needed at all before it creates one.
struct Invocation
{
    enum class Action {
        ShowGui,     // open the main window (the default)
        ShowHelp,    // -h, --help
        ShowVersion, // -v, --version
        Fail,        // the command line was wrong: one line on stderr, exit code 2
        ListLessons, // `dirigent lessons`: the curriculum, headless
        RunLesson,   // `dirigent run LESSON`: one lesson in virtual time, headless
        Screenshot,  // `dirigent screenshot LESSON OUT.png`: the window rendered offscreen
        Serve,       // `dirigent serve`: the demo HTTP server alone, on 127.0.0.1, until a signal
        LiveLesson,  // `dirigent live LESSON`: a lesson's live variant, real I/O in real time, headless
        PlayLesson,  // `dirigent play LESSON`: "you are the event loop" in a terminal, picks from stdin
        BreakLevel,  // `dirigent break [LEVEL]`: the "break it" levels (list, play from stdin, or --solve)
        TraceProgram, // `dirigent trace PROGRAM.py`: a learner's own program under CPython, traced, headless
        ReplayTrace, // `dirigent replay TRACE`: a saved trace read back, its log printed, headless
    };

    enum class Problem {
        None,
        UnknownOption,       // detail: the option as typed, e.g. "--bogus"
        UnsupportedLanguage, // detail: the value given to --lang
        BadDuration,         // detail: the value given to --quit-after
        UnexpectedArgument,  // detail: the stray positional argument
        Other,               // QCommandLineParser's own complaint (a value missing, say)
        // The subcommands. `lessonId` names the lesson where one is known.
        OptionNeedsCommand,  // detail: the option as typed ("--pitfall"); context: its command ("run")
        OptionNotForCommand, // detail: the option as typed; context: the command given ("lessons")
        MissingLesson,       // `dirigent run` without a lesson
        UnknownLesson,       // detail: the lesson id as typed
        PlaceholderLesson,   // detail: the id of a lesson still to come
        MissingEquals,       // detail: the --set value without '='
        UnknownParameter,    // detail: the parameter name as typed
        NotANumber,          // detail: the value; context: the parameter id
        NotAWholeNumber,     // detail: the value; context: the parameter id
        OutOfRange,          // detail: the value; context: the parameter id
        NoPitfall,           // --pitfall for a lesson without a pitfall switch
        // `dirigent screenshot`
        BadFraction,         // detail: the value given to --at (not a number within 0..1)
        BadSize,             // detail: the value given to --size (not WxH, or too small or large)
        MissingOutput,       // the image file is missing after the lesson
        NotPng,              // detail: the image file, named with a suffix other than .png
        // `dirigent serve`
        BadServeValue,       // detail: the value; context: the option's name ("port", "latency", ...)
        // `dirigent live`
        NoLiveVariant,       // detail: the lesson id as typed (not one with a live variant)
        BadUrl,              // detail: the --url as typed; context: why it is refused
        Http2WithUrl,        // --http2 and --url together: the HTTP/2 front goes before the demo server only
        OptionNotForLesson,  // detail: the option as typed (--url, --db); context: the lesson id
        BadDatabase,         // detail: the --db as typed; context: why it is refused
        // `dirigent break`
        UnknownLevel,        // detail: the level id as typed
        MissingLevel,        // --fixed or --solve without a level
        // `dirigent trace` and `dirigent replay`
        MissingFile,         // context: the command ("trace", "replay", "open")
        BadTimeout,          // detail: the value given to --timeout
    };

    QStringList arguments; // as given, program name first

    Action action = Action::ShowGui;
    Problem problem = Problem::None;
    QString problemDetail;
    QString problemContext;

    QString language;       // "de" or "en": from --lang, else from the system locale
    int quitAfterMs = -1;   // --quit-after; negative: run until the user quits
    QString screenshotPath; // hidden --screenshot FILE: save the window as an image, then quit
    bool tour = false;      // hidden --tour: open every lesson, play it to the end, quit (smoke tests)
    QString windowReportPath; // hidden --window-report FILE: title and lesson list as JSON, then quit

    // `dirigent lessons`
    bool json = false; // hidden --json: machine-readable listing (for tests/lessons/)

    // `dirigent run LESSON` and `dirigent screenshot LESSON OUT.png`
    QString lessonId;
    QStringList assignments; // --set name=value, checked: every name and value is valid
    bool pitfall = false;    // --pitfall

    // `dirigent run LESSON`
    bool showLog = false;    // --log (the log is printed anyway unless --quiz asks for the quiz alone)
    bool quiz = false;       // --quiz
    QString traceJsonPath;   // --trace-json FILE

    // `dirigent live LESSON` (also --set, --pitfall, --log and --trace-json as for `run`)
    bool live = false; // the command is `live` (or `screenshot --live`): --set is checked against the live ranges
    QString liveUrl;   // --url: the server to ask instead of the demo server; empty: the demo server
    bool http2 = false; // --http2: speak HTTP/2 (the demo server behind nghttpx), not HTTP/1.1
    QString liveDatabase; // --db: "sqlite" (the default), a SQLite file, or a postgresql:// URL

    // `dirigent run LESSON` and `dirigent trace PROGRAM.py`
    QString savePath;        // --save FILE: the trace in Dirigent's own format

    // `dirigent trace PROGRAM.py` (also --log, --trace-json, --save; --set is passed on unchecked:
    // the harness knows the program's constants)
    QString programPath;     // the .py file, as typed
    bool realTime = false;   // --real-time
    int timeoutMs = -1;      // --timeout SECONDS (0: none); default: none in real time, 60 s in virtual time
    static constexpr int defaultVirtualTimeoutMs = 60000;

    // `dirigent replay TRACE` (also --trace-json)
    QString traceFilePath;

    // `dirigent open FILE`: the window, with a saved trace or a Python program opened in it
    QString openPath;

    // `dirigent break [LEVEL]`
    QString levelId;     // empty: list the levels
    bool fixedVersion = false; // --fixed: the fixed program instead of the broken one
    bool solve = false;        // --solve: let the search try every order instead of playing

    // `dirigent screenshot LESSON OUT.png`
    QString imagePath;             // OUT.png, as typed
    double atFraction = 0.5;       // --at: where in the run, 0 (start) .. 1 (end)
    int imageWidth = 1366;         // --size WxH, in device-independent pixels
    int imageHeight = 768;
    static constexpr int minImageWidth = 640;
    static constexpr int minImageHeight = 400;
    static constexpr int maxImageWidth = 7680;
    static constexpr int maxImageHeight = 4320;

    // `dirigent serve`: the demo server's behaviour (defaults: the model's, lessons/http)
    int servePort = 0;            // --port; 0: a free port chosen by the system
    double serveLatency = 0.1;    // --latency, seconds
    int serveRate = 4;            // --rate, requests per second; 0: no limit
    int serveHangEvery = 4;       // --hang-every; 0: no request hangs
    double serveErrorRate = 0.0;  // --error-rate, 0..1
    qulonglong serveSeed = 1;     // --seed, for the error rate
    static constexpr double maxServeLatency = 3600.0;
};
