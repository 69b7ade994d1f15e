<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>BreakCommand</name>
    <message>
        <source>Play one with: dirigent break LEVEL</source>
        <translation>Play one with: dirigent break LEVEL</translation>
    </message>
    <message>
        <source>dirigent: internal error: no level &apos;%1&apos;
</source>
        <translation>dirigent: internal error: no level &apos;%1&apos;
</translation>
    </message>
    <message>
        <source>Type the number of a move; u undoes the last one, r starts again, q ends.</source>
        <translation>Type the number of a move; u undoes the last one, r starts again, q ends.</translation>
    </message>
    <message>
        <source>The fixed program:</source>
        <translation>The fixed program:</translation>
    </message>
    <message>
        <source>Type r to start again, u to undo the last move, q to end.</source>
        <translation>Type r to start again, u to undo the last move, q to end.</translation>
    </message>
    <message>
        <source>Not broken yet.</source>
        <translation>Not broken yet.</translation>
    </message>
    <message>
        <source>Undone.</source>
        <translation>Undone.</translation>
    </message>
    <message>
        <source>From the start.</source>
        <translation>From the start.</translation>
    </message>
    <message>
        <source>Type a number from 1 to %1, or u, r or q.</source>
        <extracomment>%1: the highest number in the list</extracomment>
        <translation>Type a number from 1 to %1, or u, r or q.</translation>
    </message>
    <message>
        <source>Type r, u or q.</source>
        <translation>Type r, u or q.</translation>
    </message>
</context>
<context>
    <name>BreakPanel</name>
    <message>
        <source>The fixed program</source>
        <translation>The fixed program</translation>
    </message>
    <message>
        <source>The program</source>
        <translation>The program</translation>
    </message>
    <message>
        <source>Break it – Dirigent</source>
        <translation>Break it – Dirigent</translation>
    </message>
    <message>
        <source>Choose a level</source>
        <translation>Choose a level</translation>
    </message>
    <message>
        <source>Undo (U)</source>
        <translation>Undo (U)</translation>
    </message>
    <message>
        <source>Start again (R)</source>
        <translation>Start again (R)</translation>
    </message>
    <message>
        <source>Play the fixed program</source>
        <translation>Play the fixed program</translation>
    </message>
    <message>
        <source>Try to break the fixed program too: no order of moves should</source>
        <translation>Try to break the fixed program too: no order of moves should</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>What happened</translation>
    </message>
    <message>
        <source>Opens when you have broken the program</source>
        <translation>Opens when you have broken the program</translation>
    </message>
</context>
<context>
    <name>BreakText</name>
    <message>
        <source>Break it: real I/O completes in an order nobody controls. Here you control it. Whenever every task waits, pick which pending I/O completes next (or fails, or which task gets cancelled) until the program breaks.</source>
        <translation>Break it: real I/O completes in an order nobody controls. Here you control it. Whenever every task waits, pick which pending I/O completes next (or fails, or which task gets cancelled) until the program breaks.</translation>
    </message>
    <message>
        <source>Every task waits. What happens next?</source>
        <translation>Every task waits. What happens next?</translation>
    </message>
    <message>
        <source>%1: %2 returns</source>
        <extracomment>%1: the task, %2: the awaited call, e.g. &quot;bank.confirm(&apos;alice&apos;)&quot;</extracomment>
        <translation>%1: %2 returns</translation>
    </message>
    <message>
        <source>%1: %2 fails with ConnectionError</source>
        <extracomment>%1: the task, %2: the awaited call</extracomment>
        <translation>%1: %2 fails with ConnectionError</translation>
    </message>
    <message>
        <source>%1 is cancelled</source>
        <extracomment>%1: the task</extracomment>
        <translation>%1 is cancelled</translation>
    </message>
    <message numerus="yes">
        <source>Broken after %n move(s): the program hangs, nothing can happen any more. %1</source>
        <extracomment>%n: moves played; %1: who waits on what (program output, English)</extracomment>
        <translation>
            <numerusform>Broken after %n move: the program hangs, nothing can happen any more. %1</numerusform>
            <numerusform>Broken after %n moves: the program hangs, nothing can happen any more. %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Broken after %n move(s): %1</source>
        <extracomment>%n: moves played; %1: what is wrong (program output, English)</extracomment>
        <translation>
            <numerusform>Broken after %n move: %1</numerusform>
            <numerusform>Broken after %n moves: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>The program ended and nothing broke. Try another order.</source>
        <translation>The program ended and nothing broke. Try another order.</translation>
    </message>
    <message numerus="yes">
        <source>The search found an order that breaks it, with %n move(s).</source>
        <extracomment>%n: the moves of the order found</extracomment>
        <translation>
            <numerusform>The search found an order that breaks it, with %n move.</numerusform>
            <numerusform>The search found an order that breaks it, with %n moves.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The game tried every possible order of moves, all %n of them, each to its end (at most %1 moves): none breaks it.</source>
        <extracomment>%n: how many orders were tried; %1: the moves of the longest</extracomment>
        <translation>
            <numerusform>The game tried every possible order of moves, all %n of them, each to its end (at most %1 moves): none breaks it.</numerusform>
            <numerusform>The game tried every possible order of moves, all %n of them, each to its end (at most %1 moves): none breaks it.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The game tried %n order(s) up to %1 moves: none breaks it within that bound.</source>
        <extracomment>%n: how many orders were tried; %1: the bound</extracomment>
        <translation>
            <numerusform>The game tried %n order up to %1 moves: none breaks it within that bound.</numerusform>
            <numerusform>The game tried %n orders up to %1 moves: none breaks it within that bound.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 levels broken</source>
        <extracomment>%1 of %2 levels</extracomment>
        <translation>%1 of %2 levels broken</translation>
    </message>
    <message>
        <source>Must hold: %1</source>
        <extracomment>%1: what the program must keep true, code-like (English), e.g. &quot;stock &gt;= 0&quot;</extracomment>
        <translation>Must hold: %1</translation>
    </message>
</context>
<context>
    <name>BucketView</name>
    <message>
        <source>Token buckets</source>
        <translation>Token buckets</translation>
    </message>
    <message>
        <source>No token bucket in this run</source>
        <translation>No token bucket in this run</translation>
    </message>
    <message>
        <source>full</source>
        <translation>full</translation>
    </message>
    <message>
        <source>%1: %2 of %3 tokens</source>
        <translation>%1: %2 of %3 tokens</translation>
    </message>
    <message>
        <source>taken so far: %1   waiting for tokens: %2</source>
        <translation>taken so far: %1   waiting for tokens: %2</translation>
    </message>
    <message>
        <source>nobody waits</source>
        <translation>nobody waits</translation>
    </message>
</context>
<context>
    <name>CodePanel</name>
    <message>
        <source>Python</source>
        <translation>Python</translation>
    </message>
    <message>
        <source>C++</source>
        <translation>C++</translation>
    </message>
    <message>
        <source>lesson.py: the program as you would write it with asyncio</source>
        <translation>lesson.py: the program as you would write it with asyncio</translation>
    </message>
    <message>
        <source>scenario.cpp: the C++ twin that runs and is shown</source>
        <translation>scenario.cpp: the C++ twin that runs and is shown</translation>
    </message>
    <message>
        <source>Listings</source>
        <translation>Listings</translation>
    </message>
    <message>
        <source>Python listing</source>
        <translation>Python listing</translation>
    </message>
    <message>
        <source>C++ listing</source>
        <translation>C++ listing</translation>
    </message>
    <message>
        <source>The highlighted line matches the current await in the C++ listing.</source>
        <translation>The highlighted line matches the current await in the C++ listing.</translation>
    </message>
    <message>
        <source>The highlighted line is the co_await of the current event.</source>
        <translation>The highlighted line is the co_await of the current event.</translation>
    </message>
    <message>
        <source>The same program with a real HTTP library. Start the demo server in a terminal with &lt;code&gt;dirigent serve&lt;/code&gt; (it prints its URL), then run:</source>
        <translation>The same program with a real HTTP library. Start the demo server in a terminal with &lt;code&gt;dirigent serve&lt;/code&gt; (it prints its URL), then run:</translation>
    </message>
    <message>
        <source>The same program with a real HTTP library. The demo server of your live run listens at %1; run it against that server:</source>
        <translation>The same program with a real HTTP library. The demo server of your live run listens at %1; run it against that server:</translation>
    </message>
    <message>
        <source>How to run %1</source>
        <translation>How to run %1</translation>
    </message>
    <message>
        <source>Listing %1</source>
        <translation>Listing %1</translation>
    </message>
    <message>
        <source>%1: the lesson written with a real library, to run yourself</source>
        <translation>%1: the lesson written with a real library, to run yourself</translation>
    </message>
    <message>
        <source>The same program with a real database library. &lt;code&gt;--db&lt;/code&gt; names the database it works on (asyncpg: a postgresql:// URL; aiosqlite: a SQLite file, made if missing; SQLAlchemy: either); the summary at the end has the names of &lt;code&gt;dirigent live database&lt;/code&gt;&apos;s:</source>
        <translation>The same program with a real database library. &lt;code&gt;--db&lt;/code&gt; names the database it works on (asyncpg: a postgresql:// URL; aiosqlite: a SQLite file, made if missing; SQLAlchemy: either); the summary at the end has the names of &lt;code&gt;dirigent live database&lt;/code&gt;&apos;s:</translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <source>Dirigent shows how async/await works, the way Python&apos;s asyncio does it.</source>
        <translation>Dirigent shows how async/await works, the way Python&apos;s asyncio does it.</translation>
    </message>
    <message>
        <source>Show this help and exit.</source>
        <translation>Show this help and exit.</translation>
    </message>
    <message>
        <source>Show the version and exit.</source>
        <translation>Show the version and exit.</translation>
    </message>
    <message>
        <source>Language of the user interface: de or en (default: taken from the system locale).</source>
        <translation>Language of the user interface: de or en (default: taken from the system locale).</translation>
    </message>
    <message>
        <source>Quit after &lt;ms&gt; milliseconds (for smoke tests).</source>
        <extracomment>&lt;ms&gt; is the option&apos;s value as the help shows it; keep it as is.</extracomment>
        <translation>Quit after &lt;ms&gt; milliseconds (for smoke tests).</translation>
    </message>
    <message>
        <source>unknown option &apos;%1&apos;</source>
        <translation>unknown option &apos;%1&apos;</translation>
    </message>
    <message>
        <source>unsupported language &apos;%1&apos;, choose de or en</source>
        <translation>unsupported language &apos;%1&apos;, choose de or en</translation>
    </message>
    <message>
        <source>--quit-after expects a whole number of milliseconds, not &apos;%1&apos;</source>
        <translation>--quit-after expects a whole number of milliseconds, not &apos;%1&apos;</translation>
    </message>
    <message>
        <source>unexpected argument &apos;%1&apos;</source>
        <translation>unexpected argument &apos;%1&apos;</translation>
    </message>
    <message>
        <source>%1: %2 (see &apos;%1 --help&apos;)</source>
        <extracomment>The one line printed for a wrong command line. %1: the program name, %2: what is wrong.</extracomment>
        <translation>%1: %2 (see &apos;%1 --help&apos;)</translation>
    </message>
    <message>
        <source>run: print the quiz with the answers computed from the run.</source>
        <translation>run: print the quiz with the answers computed from the run.</translation>
    </message>
    <message>
        <source>(none)</source>
        <extracomment>The empty list in &quot;choose one of: %1&quot;</extracomment>
        <translation>(none)</translation>
    </message>
    <message>
        <source>the option &apos;%1&apos; works only with &apos;dirigent %2&apos;</source>
        <translation>the option &apos;%1&apos; works only with &apos;dirigent %2&apos;</translation>
    </message>
    <message>
        <source>the option &apos;%1&apos; does not work with &apos;dirigent %2&apos;</source>
        <translation>the option &apos;%1&apos; does not work with &apos;dirigent %2&apos;</translation>
    </message>
    <message>
        <source>unknown lesson &apos;%1&apos;, choose one of: %2</source>
        <translation>unknown lesson &apos;%1&apos;, choose one of: %2</translation>
    </message>
    <message>
        <source>the lesson &apos;%1&apos; comes later, with the live demos; choose one of: %2</source>
        <translation>the lesson &apos;%1&apos; comes later, with the live demos; choose one of: %2</translation>
    </message>
    <message>
        <source>the lesson &apos;%1&apos; has no pitfall switch; lessons with one: %2</source>
        <translation>the lesson &apos;%1&apos; has no pitfall switch; lessons with one: %2</translation>
    </message>
    <message>
        <source>--set expects name=value, not &apos;%1&apos;; the parameters of &apos;%2&apos;: %3</source>
        <extracomment>%1: what was typed after --set, %2: the lesson, %3: its parameters</extracomment>
        <translation>--set expects name=value, not &apos;%1&apos;; the parameters of &apos;%2&apos;: %3</translation>
    </message>
    <message>
        <source>the lesson &apos;%1&apos; has no parameter &apos;%2&apos;; its parameters: %3</source>
        <translation>the lesson &apos;%1&apos; has no parameter &apos;%2&apos;; its parameters: %3</translation>
    </message>
    <message>
        <source>the parameter &apos;%1&apos; expects a number within %2, not &apos;%3&apos;</source>
        <extracomment>%1: the parameter, %2: its range like &quot;1..8&quot; or &quot;0.1..2 s&quot;, %3: the value typed</extracomment>
        <translation>the parameter &apos;%1&apos; expects a number within %2, not &apos;%3&apos;</translation>
    </message>
    <message>
        <source>the parameter &apos;%1&apos; expects a whole number within %2, not &apos;%3&apos;</source>
        <translation>the parameter &apos;%1&apos; expects a whole number within %2, not &apos;%3&apos;</translation>
    </message>
    <message>
        <source>the value %1 of the parameter &apos;%2&apos; is out of range, choose within %3</source>
        <translation>the value %1 of the parameter &apos;%2&apos; is out of range, choose within %3</translation>
    </message>
    <message>
        <source>screenshot: show the run at &lt;fraction&gt; of its events, 0 (start) to 1 (end); default 0.5.</source>
        <extracomment>&lt;fraction&gt; is the option&apos;s value as the help shows it; keep it as is.</extracomment>
        <translation>screenshot: show the run at &lt;fraction&gt; of its events, 0 (start) to 1 (end); default 0.5.</translation>
    </message>
    <message>
        <source>screenshot: the picture&apos;s size in pixels, from 640x400 to 7680x4320; default 1366x768.</source>
        <extracomment>&lt;WxH&gt; is the option&apos;s value as the help shows it; keep it as is.</extracomment>
        <translation>screenshot: the picture&apos;s size in pixels, from 640x400 to 7680x4320; default 1366x768.</translation>
    </message>
    <message>
        <source>Examples:</source>
        <translation>Examples:</translation>
    </message>
    <message>
        <source>the option &apos;%1&apos; works only with &apos;dirigent %2&apos; or &apos;dirigent %3&apos;</source>
        <translation>the option &apos;%1&apos; works only with &apos;dirigent %2&apos; or &apos;dirigent %3&apos;</translation>
    </message>
    <message>
        <source>&apos;%1&apos; needs a lesson, choose one of: %2</source>
        <extracomment>%1: the command (run, screenshot), %2: the lessons</extracomment>
        <translation>&apos;%1&apos; needs a lesson, choose one of: %2</translation>
    </message>
    <message>
        <source>--at expects a fraction of the run from 0 to 1 (0.5: the middle), not &apos;%1&apos;</source>
        <translation>--at expects a fraction of the run from 0 to 1 (0.5: the middle), not &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--size expects WIDTHxHEIGHT in pixels from %1x%2 to %3x%4 (like 1366x768), not &apos;%5&apos;</source>
        <extracomment>%1..%4: the smallest and largest width and height, %5: the value typed</extracomment>
        <translation>--size expects WIDTHxHEIGHT in pixels from %1x%2 to %3x%4 (like 1366x768), not &apos;%5&apos;</translation>
    </message>
    <message>
        <source>&apos;screenshot&apos; needs the file to save the picture to, like &apos;%1.png&apos;, after the lesson</source>
        <translation>&apos;screenshot&apos; needs the file to save the picture to, like &apos;%1.png&apos;, after the lesson</translation>
    </message>
    <message>
        <source>the screenshot is saved as PNG: name the file &apos;*.png&apos;, not &apos;%1&apos;</source>
        <translation>the screenshot is saved as PNG: name the file &apos;*.png&apos;, not &apos;%1&apos;</translation>
    </message>
    <message>
        <source>serve: listen on 127.0.0.1:&lt;n&gt;; 0 or none: a free port.</source>
        <extracomment>&lt;n&gt; is the option&apos;s value as the help shows it; keep it as is.</extracomment>
        <translation>serve: listen on 127.0.0.1:&lt;n&gt;; 0 or none: a free port.</translation>
    </message>
    <message>
        <source>serve: answer after &lt;s&gt; seconds; default 0.1.</source>
        <extracomment>&lt;s&gt; is the option&apos;s value as the help shows it; keep it as is.</extracomment>
        <translation>serve: answer after &lt;s&gt; seconds; default 0.1.</translation>
    </message>
    <message>
        <source>serve: accept &lt;n&gt; requests per second, answer 429 beyond; 0: no limit; default 4.</source>
        <translation>serve: accept &lt;n&gt; requests per second, answer 429 beyond; 0: no limit; default 4.</translation>
    </message>
    <message>
        <source>serve: never answer the first attempt of every &lt;n&gt;-th item; 0: none; default 4.</source>
        <translation>serve: never answer the first attempt of every &lt;n&gt;-th item; 0: none; default 4.</translation>
    </message>
    <message>
        <source>serve: answer this share &lt;p&gt; (0 to 1) with 500; default 0.</source>
        <extracomment>&lt;p&gt; is the option&apos;s value as the help shows it; keep it as is.</extracomment>
        <translation>serve: answer this share &lt;p&gt; (0 to 1) with 500; default 0.</translation>
    </message>
    <message>
        <source>serve: the seed of the 500s; default 1.</source>
        <translation>serve: the seed of the 500s; default 1.</translation>
    </message>
    <message>
        <source>a port from 0 to 65535 (0: a free one)</source>
        <translation>a port from 0 to 65535 (0: a free one)</translation>
    </message>
    <message>
        <source>seconds from 0 to %1</source>
        <translation>seconds from 0 to %1</translation>
    </message>
    <message>
        <source>a whole number of requests per second, 0 for no limit</source>
        <translation>a whole number of requests per second, 0 for no limit</translation>
    </message>
    <message>
        <source>a whole number, 0 for no hanging requests</source>
        <translation>a whole number, 0 for no hanging requests</translation>
    </message>
    <message>
        <source>a share from 0 to 1</source>
        <translation>a share from 0 to 1</translation>
    </message>
    <message>
        <source>a whole number from 0</source>
        <translation>a whole number from 0</translation>
    </message>
    <message>
        <source>%1 expects %2, not &apos;%3&apos;</source>
        <extracomment>%1: the option (--port, ...), %2: what it expects, %3: the value typed</extracomment>
        <translation>%1 expects %2, not &apos;%3&apos;</translation>
    </message>
    <message>
        <source>live: ask the server at &lt;url&gt; (http or https) instead of the demo server that Dirigent starts on 127.0.0.1.</source>
        <extracomment>&lt;url&gt; is the option&apos;s value as the help shows it; keep it as is.</extracomment>
        <translation>live: ask the server at &lt;url&gt; (http or https) instead of the demo server that Dirigent starts on 127.0.0.1.</translation>
    </message>
    <message>
        <source>the option &apos;%1&apos; works only with &apos;dirigent %2&apos;, &apos;dirigent %3&apos; or &apos;dirigent %4&apos;</source>
        <translation>the option &apos;%1&apos; works only with &apos;dirigent %2&apos;, &apos;dirigent %3&apos; or &apos;dirigent %4&apos;</translation>
    </message>
    <message>
        <source>the lesson &apos;%1&apos; has no live variant; lessons with one: %2</source>
        <extracomment>%1: the lesson as typed, %2: the lessons that have a live variant</extracomment>
        <translation>the lesson &apos;%1&apos; has no live variant; lessons with one: %2</translation>
    </message>
    <message>
        <source>--url expects an http:// or https:// URL with a host, not &apos;%1&apos;</source>
        <translation>--url expects an http:// or https:// URL with a host, not &apos;%1&apos;</translation>
    </message>
    <message>
        <source>run, live, screenshot: switch on the lesson&apos;s pitfall.</source>
        <translation>run, live, screenshot: switch on the lesson&apos;s pitfall.</translation>
    </message>
    <message>
        <source>screenshot: run the lesson&apos;s live variant against its own demo server until it ends, then take the picture.</source>
        <translation>screenshot: run the lesson&apos;s live variant against its own demo server until it ends, then take the picture.</translation>
    </message>
    <message>
        <source>live: speak HTTP/2 (every request on one connection, as httpx can) instead of HTTP/1.1; the demo server is put behind nghttpx.</source>
        <translation>live: speak HTTP/2 (every request on one connection, as httpx can) instead of HTTP/1.1; the demo server is put behind nghttpx.</translation>
    </message>
    <message>
        <source>--http2 puts nghttpx in front of the demo server; leave out --url</source>
        <translation>--http2 puts nghttpx in front of the demo server; leave out --url</translation>
    </message>
    <message>
        <source>live database: the database: sqlite (the default: a new file in a temporary folder), the path of a SQLite file, or a postgresql:// URL.</source>
        <extracomment>&lt;database&gt; is the option&apos;s value as the help shows it; keep it as is.</extracomment>
        <translation>live database: the database: sqlite (the default: a new file in a temporary folder), the path of a SQLite file, or a postgresql:// URL.</translation>
    </message>
    <message>
        <source>the option &apos;%1&apos; does not work with &apos;dirigent live %2&apos;</source>
        <extracomment>%1: an option such as --url; %2: a lesson id</extracomment>
        <translation>the option &apos;%1&apos; does not work with &apos;dirigent live %2&apos;</translation>
    </message>
    <message>
        <source>--db expects sqlite, a SQLite file or a postgresql:// URL; &apos;%1&apos; cannot be used: %2</source>
        <extracomment>%1: the --db value as typed; %2: why it cannot be used (English, from the program)</extracomment>
        <translation>--db expects sqlite, a SQLite file or a postgresql:// URL; &apos;%1&apos; cannot be used: %2</translation>
    </message>
    <message>
        <source>the option &apos;%1&apos; works only with &apos;dirigent %2&apos;, &apos;dirigent %3&apos;, &apos;dirigent %4&apos; or &apos;dirigent %5&apos;</source>
        <translation>the option &apos;%1&apos; works only with &apos;dirigent %2&apos;, &apos;dirigent %3&apos;, &apos;dirigent %4&apos; or &apos;dirigent %5&apos;</translation>
    </message>
    <message>
        <source>break: the fixed program instead of the broken one.</source>
        <translation>break: the fixed program instead of the broken one.</translation>
    </message>
    <message>
        <source>break: let the game try every order of moves and print the first one that breaks the program (its picks: the numbers to type).</source>
        <translation>break: let the game try every order of moves and print the first one that breaks the program (its picks: the numbers to type).</translation>
    </message>
    <message>
        <source>unknown level &apos;%1&apos;, choose one of: %2</source>
        <translation>unknown level &apos;%1&apos;, choose one of: %2</translation>
    </message>
    <message>
        <source>--fixed and --solve need a level, choose one of: %1</source>
        <translation>--fixed and --solve need a level, choose one of: %1</translation>
    </message>
    <message>
        <source>run, live, screenshot: set a parameter of the lesson (repeat for more); trace: set a number constant at the top of the program (NAME=VALUE).</source>
        <translation>run, live, screenshot: set a parameter of the lesson (repeat for more); trace: set a number constant at the top of the program (NAME=VALUE).</translation>
    </message>
    <message>
        <source>run, live, trace: print the log (the default; with --quiz, both).</source>
        <translation>run, live, trace: print the log (the default; with --quiz, both).</translation>
    </message>
    <message>
        <source>run, live, trace, replay: write the trace to &lt;file&gt; as Chrome trace-event JSON (for ui.perfetto.dev).</source>
        <extracomment>&lt;file&gt; is the option&apos;s value as the help shows it; keep it as is.</extracomment>
        <translation>run, live, trace, replay: write the trace to &lt;file&gt; as Chrome trace-event JSON (for ui.perfetto.dev).</translation>
    </message>
    <message>
        <source>run, trace: save the trace to &lt;file&gt; in Dirigent&apos;s own format (JSON Lines), which &apos;dirigent replay&apos; reads.</source>
        <extracomment>&lt;file&gt; is the option&apos;s value as the help shows it; keep it as is.</extracomment>
        <translation>run, trace: save the trace to &lt;file&gt; in Dirigent&apos;s own format (JSON Lines), which &apos;dirigent replay&apos; reads.</translation>
    </message>
    <message>
        <source>trace: run the program in real time on asyncio&apos;s own loop (its sockets and files are real) instead of on the virtual clock.</source>
        <translation>trace: run the program in real time on asyncio&apos;s own loop (its sockets and files are real) instead of on the virtual clock.</translation>
    </message>
    <message>
        <source>trace: stop the program after &lt;s&gt; seconds of real time; 0: never; default 60 on the virtual clock, never in real time.</source>
        <extracomment>&lt;s&gt; is the option&apos;s value as the help shows it; keep it as is.</extracomment>
        <translation>trace: stop the program after &lt;s&gt; seconds of real time; 0: never; default 60 on the virtual clock, never in real time.</translation>
    </message>
    <message>
        <source>the option &apos;%1&apos; works only with &apos;dirigent %2&apos;, &apos;dirigent %3&apos;, &apos;dirigent %4&apos;, &apos;dirigent %5&apos; or &apos;dirigent %6&apos;</source>
        <translation>the option &apos;%1&apos; works only with &apos;dirigent %2&apos;, &apos;dirigent %3&apos;, &apos;dirigent %4&apos;, &apos;dirigent %5&apos; or &apos;dirigent %6&apos;</translation>
    </message>
    <message>
        <source>&apos;trace&apos; needs the Python program to run, like &apos;dirigent trace crawler.py&apos;</source>
        <translation>&apos;trace&apos; needs the Python program to run, like &apos;dirigent trace crawler.py&apos;</translation>
    </message>
    <message>
        <source>&apos;replay&apos; needs a trace file saved with --save, like &apos;dirigent replay run.trace&apos;</source>
        <translation>&apos;replay&apos; needs a trace file saved with --save, like &apos;dirigent replay run.trace&apos;</translation>
    </message>
    <message>
        <source>--timeout expects seconds from 0 (never) to 86400, not &apos;%1&apos;</source>
        <translation>--timeout expects seconds from 0 (never) to 86400, not &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--set expects NAME=VALUE, not &apos;%1&apos;</source>
        <translation>--set expects NAME=VALUE, not &apos;%1&apos;</translation>
    </message>
    <message>
        <source>Without a command, Dirigent opens its window. &apos;lessons&apos; lists the lessons; &apos;run LESSON&apos; runs a lesson in virtual time and prints its log; &apos;play LESSON&apos; lets you be the event loop: at each step you pick the task that runs next; &apos;break [LEVEL]&apos; lists the break-it levels or plays one: you pick the order in which pending I/O completes until the program breaks; &apos;live LESSON&apos; runs its live variant with real requests, in real time, and prints the log and what was measured; &apos;screenshot LESSON OUT.png&apos; saves a picture of the window showing the lesson, rendered without a display; &apos;serve&apos; runs the demo HTTP server on 127.0.0.1 until Ctrl+C; &apos;trace PROGRAM.py&apos; runs your own asyncio program under Python, in virtual time, and prints its log; &apos;replay TRACE&apos; prints the log of a trace saved with --save; &apos;open FILE&apos; opens the window with a saved trace or a Python program of yours.</source>
        <translation>Without a command, Dirigent opens its window. &apos;lessons&apos; lists the lessons; &apos;run LESSON&apos; runs a lesson in virtual time and prints its log; &apos;play LESSON&apos; lets you be the event loop: at each step you pick the task that runs next; &apos;break [LEVEL]&apos; lists the break-it levels or plays one: you pick the order in which pending I/O completes until the program breaks; &apos;live LESSON&apos; runs its live variant with real requests, in real time, and prints the log and what was measured; &apos;screenshot LESSON OUT.png&apos; saves a picture of the window showing the lesson, rendered without a display; &apos;serve&apos; runs the demo HTTP server on 127.0.0.1 until Ctrl+C; &apos;trace PROGRAM.py&apos; runs your own asyncio program under Python, in virtual time, and prints its log; &apos;replay TRACE&apos; prints the log of a trace saved with --save; &apos;open FILE&apos; opens the window with a saved trace or a Python program of yours.</translation>
    </message>
    <message>
        <source>unknown command &apos;%1&apos;, choose lessons, run, play, break, live, screenshot, serve, trace, replay or open</source>
        <translation>unknown command &apos;%1&apos;, choose lessons, run, play, break, live, screenshot, serve, trace, replay or open</translation>
    </message>
    <message>
        <source>&apos;open&apos; needs a trace saved with --save or a Python program, like &apos;dirigent open run.trace&apos;</source>
        <translation>&apos;open&apos; needs a trace saved with --save or a Python program, like &apos;dirigent open run.trace&apos;</translation>
    </message>
</context>
<context>
    <name>ConsoleView</name>
    <message>
        <source>Console</source>
        <translation>Console</translation>
    </message>
    <message>
        <source>(no output yet)</source>
        <translation>(no output yet)</translation>
    </message>
    <message numerus="yes">
        <source>%n newer line(s) below</source>
        <translation>
            <numerusform>%n newer line below</numerusform>
            <numerusform>%n newer lines below</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DeadlockOverlay</name>
    <message>
        <source>Deadlock report</source>
        <translation>Deadlock report</translation>
    </message>
    <message>
        <source>Deadlock: the loop stopped, these tasks wait forever</source>
        <translation>Deadlock: the loop stopped, these tasks wait forever</translation>
    </message>
    <message>
        <source>waits on %1</source>
        <translation>waits on %1</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more task(s)</source>
        <translation>
            <numerusform>… and %n more task</numerusform>
            <numerusform>… and %n more tasks</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EventLoopView</name>
    <message>
        <source>Event loop</source>
        <translation>Event loop</translation>
    </message>
    <message>
        <source>running</source>
        <translation>running</translation>
    </message>
    <message>
        <source>timers</source>
        <translation>timers</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>waiting</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>finished</translation>
    </message>
    <message>
        <source>loop stopped</source>
        <translation>loop stopped</translation>
    </message>
    <message>
        <source>iteration %1</source>
        <translation>iteration %1</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>idle</translation>
    </message>
    <message>
        <source>ready queue (next first)</source>
        <translation>ready queue (next first)</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>empty</translation>
    </message>
    <message>
        <source>+%1 more</source>
        <translation>+%1 more</translation>
    </message>
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <source>not started</source>
        <translation>not started</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>nobody</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>none yet</translation>
    </message>
    <message numerus="yes">
        <source>+%n more group(s)</source>
        <translation>
            <numerusform>+%n more group</numerusform>
            <numerusform>+%n more groups</numerusform>
        </translation>
    </message>
    <message>
        <source>loop held for %1 by a callback</source>
        <translation>loop held for %1 by a callback</translation>
    </message>
    <message>
        <source>loop held for %1 by %2</source>
        <translation>loop held for %1 by %2</translation>
    </message>
    <message>
        <source>Debug mode: %1</source>
        <translation>Debug mode: %1</translation>
    </message>
    <message>
        <source>ready (creation order, queue order hidden)</source>
        <translation>ready (creation order, queue order hidden)</translation>
    </message>
    <message numerus="yes">
        <source>ready queue (next first): %n task(s)</source>
        <translation>
            <numerusform>ready queue (next first): %n task</numerusform>
            <numerusform>ready queue (next first): %n tasks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n task(s))</source>
        <translation>
            <numerusform>%1 (%n task)</numerusform>
            <numerusform>%1 (%n tasks)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LagMeter</name>
    <message>
        <source>Loop lag</source>
        <translation>Loop lag</translation>
    </message>
    <message>
        <source>No tick yet.</source>
        <translation>No tick yet.</translation>
    </message>
    <message numerus="yes">
        <source>last tick %1 late · worst %2 · %n tick(s)</source>
        <extracomment>%1: how late the last heartbeat tick fired, %2: the latest so far, %3: how many ticks</extracomment>
        <translation>
            <numerusform>last tick %1 late · worst %2 · %n tick</numerusform>
            <numerusform>last tick %1 late · worst %2 · %n ticks</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LessonCommands</name>
    <message>
        <source>(comes later, with the live demos)</source>
        <translation>(comes later, with the live demos)</translation>
    </message>
    <message>
        <source>This lesson has no quiz.</source>
        <translation>This lesson has no quiz.</translation>
    </message>
    <message>
        <source>Answer: %1</source>
        <extracomment>Before the answer a quiz question computed from the run</extracomment>
        <translation>Answer: %1</translation>
    </message>
    <message>
        <source>internal error: the lesson &apos;%1&apos; cannot run</source>
        <translation>internal error: the lesson &apos;%1&apos; cannot run</translation>
    </message>
    <message>
        <source>the lesson &apos;%1&apos; could not run: %2</source>
        <translation>the lesson &apos;%1&apos; could not run: %2</translation>
    </message>
</context>
<context>
    <name>LessonListPanel</name>
    <message>
        <source>Lessons</source>
        <translation>Lessons</translation>
    </message>
    <message>
        <source>Choose a lesson; a check mark shows the lessons you have done.</source>
        <translation>Choose a lesson; a check mark shows the lessons you have done.</translation>
    </message>
    <message>
        <source>%1. %2</source>
        <translation>%1. %2</translation>
    </message>
    <message>
        <source>%1 (done)</source>
        <translation>%1 (done)</translation>
    </message>
    <message>
        <source>%1: comes later, with the live demos</source>
        <translation>%1: comes later, with the live demos</translation>
    </message>
</context>
<context>
    <name>LessonTextView</name>
    <message>
        <source>Lesson text</source>
        <translation>Lesson text</translation>
    </message>
</context>
<context>
    <name>LiveCommand</name>
    <message>
        <source>internal error: the lesson &apos;%1&apos; has no live variant</source>
        <translation>internal error: the lesson &apos;%1&apos; has no live variant</translation>
    </message>
    <message>
        <source>cannot start the demo server on 127.0.0.1: %1</source>
        <translation>cannot start the demo server on 127.0.0.1: %1</translation>
    </message>
    <message>
        <source>the lesson &apos;%1&apos; could not run live: %2</source>
        <translation>the lesson &apos;%1&apos; could not run live: %2</translation>
    </message>
    <message>
        <source>the live run of &apos;%1&apos; failed: %2</source>
        <translation>the live run of &apos;%1&apos; failed: %2</translation>
    </message>
    <message>
        <source>no answer within %1 s to any attempt</source>
        <translation>no answer within %1 s to any attempt</translation>
    </message>
    <message>
        <source>cannot reach %1: %2</source>
        <extracomment>%1: the URL as typed, %2: why (Qt&apos;s message, such as &quot;Connection refused&quot;)</extracomment>
        <translation>cannot reach %1: %2</translation>
    </message>
    <message>
        <source>cannot start the HTTP/2 front: %1</source>
        <extracomment>%1: why (such as &quot;HTTP/2 needs nghttpx (Debian package nghttp2-proxy)&quot;)</extracomment>
        <translation>cannot start the HTTP/2 front: %1</translation>
    </message>
    <message>
        <source>cannot use the database (%1): %2</source>
        <extracomment>%1: where (&quot;SQLite at /tmp/x.sqlite&quot;, &quot;PostgreSQL at 127.0.0.1:5432/bank&quot;); %2: why</extracomment>
        <translation>cannot use the database (%1): %2</translation>
    </message>
    <message>
        <source>the threads lesson measures live, it records no trace: --trace-json does not apply</source>
        <translation>the threads lesson measures live, it records no trace: --trace-json does not apply</translation>
    </message>
</context>
<context>
    <name>LiveController</name>
    <message>
        <source>Live run against the demo server at %1 …</source>
        <extracomment>%1: the demo server&apos;s address, such as http://127.0.0.1:41234</extracomment>
        <translation>Live run against the demo server at %1 …</translation>
    </message>
    <message>
        <source>Stopping: every task is cancelled …</source>
        <translation>Stopping: every task is cancelled …</translation>
    </message>
    <message>
        <source>Stopped after %1 s.</source>
        <translation>Stopped after %1 s.</translation>
    </message>
    <message>
        <source>Finished in %1 s.</source>
        <translation>Finished in %1 s.</translation>
    </message>
    <message>
        <source>The demo server could not start: %1</source>
        <translation>The demo server could not start: %1</translation>
    </message>
    <message>
        <source>The live run failed: %1</source>
        <translation>The live run failed: %1</translation>
    </message>
    <message>
        <source>The demo server did not answer: %1</source>
        <translation>The demo server did not answer: %1</translation>
    </message>
    <message>
        <source>Press Run: real requests go to a demo server on this computer.</source>
        <translation>Press Run: real requests go to a demo server on this computer.</translation>
    </message>
    <message>
        <source>Live run over HTTP/2 via nghttpx at %1, in front of the demo server at %2 …</source>
        <extracomment>%1: the HTTP/2 front&apos;s address, %2: the demo server&apos;s</extracomment>
        <translation>Live run over HTTP/2 via nghttpx at %1, in front of the demo server at %2 …</translation>
    </message>
    <message>
        <source>HTTP/2 needs the program nghttpx, which is not installed on this computer (Debian package nghttp2-proxy). Install it, or choose HTTP/1.1.</source>
        <translation>HTTP/2 needs the program nghttpx, which is not installed on this computer (Debian package nghttp2-proxy). Install it, or choose HTTP/1.1.</translation>
    </message>
    <message>
        <source>The HTTP/2 front (nghttpx) could not start: %1</source>
        <translation>The HTTP/2 front (nghttpx) could not start: %1</translation>
    </message>
    <message>
        <source>Press Run: real queries go to a real database (SQLite, or PostgreSQL when you give its URL).</source>
        <translation>Press Run: real queries go to a real database (SQLite, or PostgreSQL when you give its URL).</translation>
    </message>
    <message>
        <source>Live run against %1 …</source>
        <extracomment>%1: where, in the program&apos;s words (&quot;SQLite (a temporary file)&quot;, &quot;PostgreSQL at 127.0.0.1:5432/bank&quot;)</extracomment>
        <translation>Live run against %1 …</translation>
    </message>
    <message>
        <source>This database cannot be used: %1</source>
        <translation>This database cannot be used: %1</translation>
    </message>
    <message>
        <source>The database could not be used (%1): %2</source>
        <extracomment>%1: where (&quot;PostgreSQL at 127.0.0.1:5432/bank&quot;), %2: the database&apos;s own message</extracomment>
        <translation>The database could not be used (%1): %2</translation>
    </message>
    <message>
        <source>PostgreSQL at %1</source>
        <extracomment>%1: host:port/database of a PostgreSQL URL (never its password)</extracomment>
        <translation>PostgreSQL at %1</translation>
    </message>
    <message>
        <source>SQLite (a temporary file)</source>
        <translation>SQLite (a temporary file)</translation>
    </message>
    <message>
        <source>SQLite at %1</source>
        <extracomment>%1: the SQLite file</extracomment>
        <translation>SQLite at %1</translation>
    </message>
    <message>
        <source>Press Run: the heartbeat ticks on this window&apos;s own event loop. With the pitfall on, the window freezes while the loop is blocked.</source>
        <translation>Press Run: the heartbeat ticks on this window&apos;s own event loop. With the pitfall on, the window freezes while the loop is blocked.</translation>
    </message>
    <message>
        <source>Live run on this window&apos;s event loop …</source>
        <translation>Live run on this window&apos;s event loop …</translation>
    </message>
    <message>
        <source>Press Run: Dirigent creates N real threads and N coroutines on this computer and measures them, and CPython does the same when python3 is there.</source>
        <translation>Press Run: Dirigent creates N real threads and N coroutines on this computer and measures them, and CPython does the same when python3 is there.</translation>
    </message>
    <message>
        <source>Measuring %1 threads and %1 coroutines …</source>
        <extracomment>%1: how many threads (and as many coroutines)</extracomment>
        <translation>Measuring %1 threads and %1 coroutines …</translation>
    </message>
    <message>
        <source>Stopped: what was measured until then is shown.</source>
        <translation>Stopped: what was measured until then is shown.</translation>
    </message>
    <message>
        <source>Measured.</source>
        <translation>Measured.</translation>
    </message>
</context>
<context>
    <name>LiveTab</name>
    <message>
        <source>Model and measurement</source>
        <translation>Model and measurement</translation>
    </message>
    <message>
        <source>Start a live run: then the model&apos;s prediction for the same values and what was measured stand here side by side.</source>
        <translation>Start a live run: then the model&apos;s prediction for the same values and what was measured stand here side by side.</translation>
    </message>
    <message>
        <source>Model (virtual time)</source>
        <translation>Model (virtual time)</translation>
    </message>
    <message>
        <source>Live (measured, with the server lane)</source>
        <translation>Live (measured, with the server lane)</translation>
    </message>
    <message>
        <source>Timeline of the model</source>
        <translation>Timeline of the model</translation>
    </message>
    <message>
        <source>Timeline of the live run</source>
        <translation>Timeline of the live run</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Figure</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <source>Measured</source>
        <translation>Measured</translation>
    </message>
    <message>
        <source>Requests sent (retries included)</source>
        <translation>Requests sent (retries included)</translation>
    </message>
    <message>
        <source>URLs with 200 OK</source>
        <translation>URLs with 200 OK</translation>
    </message>
    <message>
        <source>URLs given up</source>
        <translation>URLs given up</translation>
    </message>
    <message>
        <source>429 answers</source>
        <translation>429 answers</translation>
    </message>
    <message>
        <source>Timeouts</source>
        <translation>Timeouts</translation>
    </message>
    <message>
        <source>No answer at all (errors)</source>
        <translation>No answer at all (errors)</translation>
    </message>
    <message>
        <source>Total time</source>
        <translation>Total time</translation>
    </message>
    <message>
        <source>Connections the server accepted</source>
        <translation>Connections the server accepted</translation>
    </message>
    <message>
        <source>Most requests in flight at the server</source>
        <translation>Most requests in flight at the server</translation>
    </message>
    <message>
        <source>These values lie beyond the model&apos;s ranges (up to %1 requests, %2 in flight): the model makes no prediction for them, so only the measurement is shown.</source>
        <extracomment>%1: the model&apos;s most requests, %2: its most requests in flight</extracomment>
        <translation>These values lie beyond the model&apos;s ranges (up to %1 requests, %2 in flight): the model makes no prediction for them, so only the measurement is shown.</translation>
    </message>
    <message>
        <source>Why they differ: a real answer takes the server&apos;s 0.1 s plus a few milliseconds for the network stack and the threads, and that varies from run to run. Each new connection costs a set-up the model does not have. The server&apos;s rate window starts when the server starts counting, not at the model&apos;s t = 0, so a request a few milliseconds later can land in the next second and get no 429.</source>
        <translation>Why they differ: a real answer takes the server&apos;s 0.1 s plus a few milliseconds for the network stack and the threads, and that varies from run to run. Each new connection costs a set-up the model does not have. The server&apos;s rate window starts when the server starts counting, not at the model&apos;s t = 0, so a request a few milliseconds later can land in the next second and get no 429.</translation>
    </message>
    <message>
        <source>Client connections (HTTP/2)</source>
        <translation>Client connections (HTTP/2)</translation>
    </message>
    <message>
        <source>Requests multiplexed (HTTP/2)</source>
        <translation>Requests multiplexed (HTTP/2)</translation>
    </message>
    <message>
        <source>Connections: %1 opened for %2 attempts (counted by the HTTP/2 front).</source>
        <extracomment>%1: connections the HTTP/2 front counted, %2: attempts sent over them</extracomment>
        <translation>Connections: %1 opened for %2 attempts (counted by the HTTP/2 front).</translation>
    </message>
    <message>
        <source>Connections: %1 opened for %2 attempts (counted by the server).</source>
        <extracomment>%1: connections the demo server counted, %2: attempts sent over them</extracomment>
        <translation>Connections: %1 opened for %2 attempts (counted by the server).</translation>
    </message>
    <message>
        <source>Live (measured)</source>
        <translation>Live (measured)</translation>
    </message>
    <message>
        <source>Queries answered (of 50)</source>
        <translation>Queries answered (of 50)</translation>
    </message>
    <message>
        <source>Connections opened</source>
        <translation>Connections opened</translation>
    </message>
    <message>
        <source>Most connections in use at once</source>
        <translation>Most connections in use at once</translation>
    </message>
    <message>
        <source>Acquires that waited for a connection</source>
        <translation>Acquires that waited for a connection</translation>
    </message>
    <message>
        <source>Commits</source>
        <translation>Commits</translation>
    </message>
    <message>
        <source>Rollbacks</source>
        <translation>Rollbacks</translation>
    </message>
    <message>
        <source>Statements stopped at the database</source>
        <translation>Statements stopped at the database</translation>
    </message>
    <message>
        <source>Total balance before</source>
        <translation>Total balance before</translation>
    </message>
    <message>
        <source>Total balance after</source>
        <translation>Total balance after</translation>
    </message>
    <message>
        <source>Connections: %1 opened for 50 queries and 3 transfers, on %2.</source>
        <extracomment>%1: connections opened, %2: where (&quot;SQLite (a temporary file)&quot;, &quot;PostgreSQL at 127.0.0.1:5432/bank&quot;)</extracomment>
        <translation>Connections: %1 opened for 50 queries and 3 transfers, on %2.</translation>
    </message>
    <message>
        <source>These values lie beyond the model&apos;s ranges (a pool of up to %1 connections): the model makes no prediction for them, so only the measurement is shown.</source>
        <extracomment>%1: the model&apos;s largest pool</extracomment>
        <translation>These values lie beyond the model&apos;s ranges (a pool of up to %1 connections): the model makes no prediction for them, so only the measurement is shown.</translation>
    </message>
    <message>
        <source>Why they differ: the model charges 0.3 s for every new connection; a real one opens in about a millisecond (SQLite) or a few (PostgreSQL on this computer). The live program makes each lookup and each UPDATE wait LATENCY at the database, but BEGIN, COMMIT and ROLLBACK take only what the database needs, while the model charges LATENCY for them too, so the live transfers are shorter. The deadline of the last transfer still ends it halfway: the statement that runs is stopped at the database, and the rollback leaves the total as it was. SQLite lets one connection write at a time: a second writer waits for the first one&apos;s COMMIT or ROLLBACK.</source>
        <translation>Why they differ: the model charges 0.3 s for every new connection; a real one opens in about a millisecond (SQLite) or a few (PostgreSQL on this computer). The live program makes each lookup and each UPDATE wait LATENCY at the database, but BEGIN, COMMIT and ROLLBACK take only what the database needs, while the model charges LATENCY for them too, so the live transfers are shorter. The deadline of the last transfer still ends it halfway: the statement that runs is stopped at the database, and the rollback leaves the total as it was. SQLite lets one connection write at a time: a second writer waits for the first one&apos;s COMMIT or ROLLBACK.</translation>
    </message>
    <message>
        <source>Loop lag: how late each heartbeat tick fires (one bar per tick, measured)</source>
        <translation>Loop lag: how late each heartbeat tick fires (one bar per tick, measured)</translation>
    </message>
    <message>
        <source>Heartbeat ticks</source>
        <translation>Heartbeat ticks</translation>
    </message>
    <message>
        <source>The heartbeat and the handler share one thread: the window&apos;s. A call that blocks it stops the ticks, the animation and your clicks alike.</source>
        <translation>The heartbeat and the handler share one thread: the window&apos;s. A call that blocks it stops the ticks, the animation and your clicks alike.</translation>
    </message>
    <message>
        <source>These values lie beyond the model&apos;s ranges: the model makes no prediction for them, so only the measurement is shown.</source>
        <translation>These values lie beyond the model&apos;s ranges: the model makes no prediction for them, so only the measurement is shown.</translation>
    </message>
    <message>
        <source>Why they differ: the model&apos;s ticks are exact; real ones fire a little late, by what the operating system and the window&apos;s painting cost, usually a millisecond or two. A blocked loop shows the same gap in both: no tick fires until the call returns, then the late tick comes at once. A real CPU loop in a worker thread runs on another core; in Python the GIL would still make the heartbeat wait now and then.</source>
        <translation>Why they differ: the model&apos;s ticks are exact; real ones fire a little late, by what the operating system and the window&apos;s painting cost, usually a millisecond or two. A blocked loop shows the same gap in both: no tick fires until the call returns, then the late tick comes at once. A real CPU loop in a worker thread runs on another core; in Python the GIL would still make the heartbeat wait now and then.</translation>
    </message>
    <message>
        <source>Lag, asyncio.sleep</source>
        <translation>Lag, asyncio.sleep</translation>
    </message>
    <message>
        <source>Lag, time.sleep on the loop</source>
        <translation>Lag, time.sleep on the loop</translation>
    </message>
    <message>
        <source>Lag, time.sleep in to_thread</source>
        <translation>Lag, time.sleep in to_thread</translation>
    </message>
    <message>
        <source>Lag, CPU loop on the loop</source>
        <translation>Lag, CPU loop on the loop</translation>
    </message>
    <message>
        <source>Lag, CPU loop in an executor</source>
        <translation>Lag, CPU loop in an executor</translation>
    </message>
    <message>
        <source>Start a live run: Dirigent creates N real threads and N coroutines on this computer, wakes them, and shows here what each cost, with CPython&apos;s figures beside them.</source>
        <translation>Start a live run: Dirigent creates N real threads and N coroutines on this computer, wakes them, and shows here what each cost, with CPython&apos;s figures beside them.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Saved %1</source>
        <translation>Saved %1</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export failed</translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation>Could not write %1.</translation>
    </message>
    <message>
        <source>Export view as PNG</source>
        <translation>Export view as PNG</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG images (*.png)</translation>
    </message>
    <message>
        <source>Export trace as Chrome JSON</source>
        <translation>Export trace as Chrome JSON</translation>
    </message>
    <message>
        <source>Chrome trace files (*.json)</source>
        <translation>Chrome trace files (*.json)</translation>
    </message>
    <message>
        <source>Export log as text</source>
        <translation>Export log as text</translation>
    </message>
    <message>
        <source>Text files (*.txt)</source>
        <translation>Text files (*.txt)</translation>
    </message>
    <message>
        <source>About Dirigent</source>
        <translation>About Dirigent</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Dirigent %1&lt;/h3&gt;&lt;p&gt;Dirigent shows how async/await works, the way Python&apos;s asyncio does it: the event loop passes control from task to task, and every lesson lets you watch it step by step.&lt;/p&gt;&lt;p&gt;Built with Qt %2.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Dirigent %1&lt;/h3&gt;&lt;p&gt;Dirigent shows how async/await works, the way Python&apos;s asyncio does it: the event loop passes control from task to task, and every lesson lets you watch it step by step.&lt;/p&gt;&lt;p&gt;Built with Qt %2.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>Export view as &amp;PNG…</source>
        <translation>Export view as &amp;PNG…</translation>
    </message>
    <message>
        <source>Export trace as &amp;Chrome JSON…</source>
        <translation>Export trace as &amp;Chrome JSON…</translation>
    </message>
    <message>
        <source>Export &amp;log as text…</source>
        <translation>Export &amp;log as text…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;Lesson</source>
        <translation>&amp;Lesson</translation>
    </message>
    <message>
        <source>Reset &amp;parameters</source>
        <translation>Reset &amp;parameters</translation>
    </message>
    <message>
        <source>L&amp;anguage</source>
        <translation>L&amp;anguage</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;About Dirigent</source>
        <translation>&amp;About Dirigent</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Quiz</source>
        <translation>Quiz</translation>
    </message>
    <message>
        <source>Sweep</source>
        <translation>Sweep</translation>
    </message>
    <message>
        <source>How a figure of the run changes with one parameter</source>
        <translation>How a figure of the run changes with one parameter</translation>
    </message>
    <message>
        <source>Answer before you play the run</source>
        <translation>Answer before you play the run</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>Lesson</translation>
    </message>
    <message>
        <source>Lesson sections</source>
        <translation>Lesson sections</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameters</translation>
    </message>
    <message>
        <source>Player</source>
        <translation>Player</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>Live</translation>
    </message>
    <message>
        <source>The model&apos;s prediction beside what the live run measured</source>
        <translation>The model&apos;s prediction beside what the live run measured</translation>
    </message>
    <message>
        <source>Model and measurement</source>
        <translation>Model and measurement</translation>
    </message>
    <message>
        <source>S&amp;top live run</source>
        <translation>S&amp;top live run</translation>
    </message>
    <message>
        <source>You are the event loop: pick the task that runs next (Ctrl+L)</source>
        <translation>You are the event loop: pick the task that runs next (Ctrl+L)</translation>
    </message>
    <message>
        <source>You are the event loop</source>
        <translation>You are the event loop</translation>
    </message>
    <message>
        <source>Game</source>
        <translation>Game</translation>
    </message>
    <message>
        <source>&amp;Break it: levels…</source>
        <translation>&amp;Break it: levels…</translation>
    </message>
    <message>
        <source>Break it: pick the order in which I/O completes until a program breaks (Ctrl+B)</source>
        <translation>Break it: pick the order in which I/O completes until a program breaks (Ctrl+B)</translation>
    </message>
    <message>
        <source>Break it</source>
        <translation>Break it</translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 does not exist.</translation>
    </message>
    <message>
        <source>%1 is a folder, not a Python program.</source>
        <translation>%1 is a folder, not a Python program.</translation>
    </message>
    <message>
        <source>%1 is larger than 4 MiB: not a program to trace here.</source>
        <translation>%1 is larger than 4 MiB: not a program to trace here.</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>%1 cannot be read: %2</translation>
    </message>
    <message>
        <source>%1 is not a Python program: it is not UTF-8 text.</source>
        <translation>%1 is not a Python program: it is not UTF-8 text.</translation>
    </message>
    <message>
        <source>%1 is a folder, not a trace.</source>
        <translation>%1 is a folder, not a trace.</translation>
    </message>
    <message>
        <source>%1 cannot be read.</source>
        <translation>%1 cannot be read.</translation>
    </message>
    <message>
        <source>%1 is not a trace Dirigent can read: %2</source>
        <translation>%1 is not a trace Dirigent can read: %2</translation>
    </message>
    <message>
        <source>Open Python program</source>
        <translation>Open Python program</translation>
    </message>
    <message>
        <source>Python programs (*.py)</source>
        <translation>Python programs (*.py)</translation>
    </message>
    <message>
        <source>Open saved trace</source>
        <translation>Open saved trace</translation>
    </message>
    <message>
        <source>Dirigent traces (*.trace *.jsonl);;All files (*)</source>
        <translation>Dirigent traces (*.trace *.jsonl);;All files (*)</translation>
    </message>
    <message>
        <source>Cannot open</source>
        <translation>Cannot open</translation>
    </message>
    <message>
        <source>&amp;Open Python program…</source>
        <translation>&amp;Open Python program…</translation>
    </message>
    <message>
        <source>Open saved &amp;trace…</source>
        <translation>Open saved &amp;trace…</translation>
    </message>
    <message>
        <source>Program</source>
        <translation>Program</translation>
    </message>
    <message>
        <source>Your program: edit it, run it again (Ctrl+R), switch to real time</source>
        <translation>Your program: edit it, run it again (Ctrl+R), switch to real time</translation>
    </message>
</context>
<context>
    <name>ParameterPanel</name>
    <message>
        <source>%1: from %2 to %3</source>
        <translation>%1: from %2 to %3</translation>
    </message>
    <message>
        <source>This lesson has no parameters.</source>
        <translation>This lesson has no parameters.</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameters</translation>
    </message>
    <message>
        <source>Pitfall</source>
        <translation>Pitfall</translation>
    </message>
    <message>
        <source>Pitfall: %1</source>
        <translation>Pitfall: %1</translation>
    </message>
    <message>
        <source>Run the variant of the program that shows what goes wrong</source>
        <translation>Run the variant of the program that shows what goes wrong</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Reset</translation>
    </message>
    <message>
        <source>Reset parameters to their defaults</source>
        <translation>Reset parameters to their defaults</translation>
    </message>
    <message>
        <source>All sliders back to their defaults, pitfall off</source>
        <translation>All sliders back to their defaults, pitfall off</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <source>Model: the program in virtual time</source>
        <translation>Model: the program in virtual time</translation>
    </message>
    <message>
        <source>The model of the program: a run in virtual time, the same every time</source>
        <translation>The model of the program: a run in virtual time, the same every time</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>Live</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Run</translation>
    </message>
    <message>
        <source>Start a live run</source>
        <translation>Start a live run</translation>
    </message>
    <message>
        <source>Start a live run with these values (Ctrl+R)</source>
        <translation>Start a live run with these values (Ctrl+R)</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stop</translation>
    </message>
    <message>
        <source>Stop the live run</source>
        <translation>Stop the live run</translation>
    </message>
    <message>
        <source>Cancel every task of the live run (Esc)</source>
        <translation>Cancel every task of the live run (Esc)</translation>
    </message>
    <message>
        <source>Live run status</source>
        <translation>Live run status</translation>
    </message>
    <message>
        <source>HTTP/1.1</source>
        <translation>HTTP/1.1</translation>
    </message>
    <message>
        <source>HTTP/1.1: one request per connection at a time</source>
        <translation>HTTP/1.1: one request per connection at a time</translation>
    </message>
    <message>
        <source>As aiohttp does: each request needs a connection of its own while it is on the way</source>
        <translation>As aiohttp does: each request needs a connection of its own while it is on the way</translation>
    </message>
    <message>
        <source>HTTP/2</source>
        <translation>HTTP/2</translation>
    </message>
    <message>
        <source>HTTP/2: every request on one connection</source>
        <translation>HTTP/2: every request on one connection</translation>
    </message>
    <message>
        <source>As httpx does: all requests share one connection to an HTTP/2 front (nghttpx) in front of the demo server</source>
        <translation>As httpx does: all requests share one connection to an HTTP/2 front (nghttpx) in front of the demo server</translation>
    </message>
    <message>
        <source>Live: the same program for real</source>
        <translation>Live: the same program for real</translation>
    </message>
    <message>
        <source>The same program for real, in real time: real requests, a real database</source>
        <translation>The same program for real, in real time: real requests, a real database</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>&amp;Database:</translation>
    </message>
    <message>
        <source>SQLite (empty) or postgresql://user:password@host/db</source>
        <translation>SQLite (empty) or postgresql://user:password@host/db</translation>
    </message>
    <message>
        <source>Database of the live run</source>
        <translation>Database of the live run</translation>
    </message>
    <message>
        <source>Empty: SQLite in a new file in a temporary folder, nothing to set up. A file path: that SQLite file. A postgresql:// URL: your PostgreSQL server.</source>
        <translation>Empty: SQLite in a new file in a temporary folder, nothing to set up. A file path: that SQLite file. A postgresql:// URL: your PostgreSQL server.</translation>
    </message>
    <message>
        <source>on</source>
        <translation>on</translation>
    </message>
    <message>
        <source>off</source>
        <translation>off</translation>
    </message>
</context>
<context>
    <name>PlayCommand</name>
    <message>
        <source>internal error: the lesson &apos;%1&apos; cannot run</source>
        <translation>internal error: the lesson &apos;%1&apos; cannot run</translation>
    </message>
    <message>
        <source>the lesson &apos;%1&apos; could not run: %2</source>
        <translation>the lesson &apos;%1&apos; could not run: %2</translation>
    </message>
    <message numerus="yes">
        <source>This run has %n decision(s). Answer with a number or a name; q ends the game.</source>
        <extracomment>%1: how many decisions the game has</extracomment>
        <translation>
            <numerusform>This run has %n decision. Answer with a number or a name; q ends the game.</numerusform>
            <numerusform>This run has %n decisions. Answer with a number or a name; q ends the game.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, iteration %2. %3</source>
        <extracomment>%1: &quot;t = 0.250 s&quot;, %2: the loop iteration</extracomment>
        <translation>%1, iteration %2. %3</translation>
    </message>
    <message>
        <source>Type a number from 1 to %1, or a task&apos;s name.</source>
        <extracomment>%1: the highest number in the list</extracomment>
        <translation>Type a number from 1 to %1, or a task&apos;s name.</translation>
    </message>
    <message>
        <source>Score: %1.</source>
        <extracomment>%1: &quot;12 of 15 right at the first try&quot;</extracomment>
        <translation>Score: %1.</translation>
    </message>
</context>
<context>
    <name>PlayPanel</name>
    <message>
        <source>Start the game</source>
        <translation>Start the game</translation>
    </message>
    <message>
        <source>Go to the run&apos;s first decision and pick the task that runs next (Ctrl+L)</source>
        <translation>Go to the run&apos;s first decision and pick the task that runs next (Ctrl+L)</translation>
    </message>
    <message>
        <source>Play again</source>
        <translation>Play again</translation>
    </message>
    <message>
        <source>A new game on the same run, from its first decision</source>
        <translation>A new game on the same run, from its first decision</translation>
    </message>
    <message>
        <source>End the game</source>
        <translation>End the game</translation>
    </message>
    <message>
        <source>Back to the normal player (Ctrl+L)</source>
        <translation>Back to the normal player (Ctrl+L)</translation>
    </message>
    <message>
        <source>Decision %1 of %2 · %3 · iteration %4</source>
        <extracomment>%1, %2: the decision and how many there are; %3: &quot;t = 0.250 s&quot;; %4: the loop iteration</extracomment>
        <translation>Decision %1 of %2 · %3 · iteration %4</translation>
    </message>
    <message>
        <source>Pick this task (key %1)</source>
        <translation>Pick this task (key %1)</translation>
    </message>
    <message>
        <source>Pick this task</source>
        <translation>Pick this task</translation>
    </message>
    <message numerus="yes">
        <source>All %n decision(s) made; the rest of the run plays out in the views.</source>
        <translation>
            <numerusform>The one decision is made; the rest of the run plays out in the views.</numerusform>
            <numerusform>All %n decisions made; the rest of the run plays out in the views.</numerusform>
        </translation>
    </message>
    <message>
        <source>Game over</source>
        <translation>Game over</translation>
    </message>
    <message>
        <source>This run has no decision to make: the loop never had two tasks to choose from. Change a parameter and try again.</source>
        <translation>This run has no decision to make: the loop never had two tasks to choose from. Change a parameter and try again.</translation>
    </message>
    <message>
        <source>Your score: %1.</source>
        <translation>Your score: %1.</translation>
    </message>
    <message>
        <source>Score so far: %1.</source>
        <translation>Score so far: %1.</translation>
    </message>
    <message>
        <source>Best for this lesson: %1.</source>
        <translation>Best for this lesson: %1.</translation>
    </message>
    <message>
        <source>No game of this lesson finished yet.</source>
        <translation>No game of this lesson finished yet.</translation>
    </message>
    <message>
        <source>Pick candidate %1</source>
        <translation>Pick candidate %1</translation>
    </message>
</context>
<context>
    <name>PlayText</name>
    <message>
        <source>t = %1 s</source>
        <extracomment>a loop time, %1 in seconds with three decimals</extracomment>
        <translation>t = %1 s</translation>
    </message>
    <message>
        <source>You are the event loop. Each time a step has ended, choose the task whose step runs next. asyncio&apos;s rules: the ready queue is first in, first out; a task that is ready runs before the loop looks at its timers; when nothing is ready, the earliest timer wakes first.</source>
        <translation>You are the event loop. Each time a step has ended, choose the task whose step runs next. asyncio&apos;s rules: the ready queue is first in, first out; a task that is ready runs before the loop looks at its timers; when nothing is ready, the earliest timer wakes first.</translation>
    </message>
    <message>
        <source>Which task runs next?</source>
        <translation>Which task runs next?</translation>
    </message>
    <message>
        <source>%1 · ready</source>
        <extracomment>%1: a task&apos;s name</extracomment>
        <translation>%1 · ready</translation>
    </message>
    <message>
        <source>%1 · asleep until %2</source>
        <extracomment>%1: a task&apos;s name, %2: &quot;t = 0.250 s&quot;</extracomment>
        <translation>%1 · asleep until %2</translation>
    </message>
    <message>
        <source>Right: %1 was the first in the ready queue.</source>
        <translation>Right: %1 was the first in the ready queue.</translation>
    </message>
    <message>
        <source>Right: nothing else was ready, and %1&apos;s timer (%2) was the first to fire.</source>
        <translation>Right: nothing else was ready, and %1&apos;s timer (%2) was the first to fire.</translation>
    </message>
    <message>
        <source>Not yet: %1 is ready too, but %2 joined the ready queue before it. The ready queue is first in, first out.</source>
        <translation>Not yet: %1 is ready too, but %2 joined the ready queue before it. The ready queue is first in, first out.</translation>
    </message>
    <message>
        <source>Not yet: %1 sleeps until %2. A task that is ready (%3) runs before the loop turns to its timers.</source>
        <translation>Not yet: %1 sleeps until %2. A task that is ready (%3) runs before the loop turns to its timers.</translation>
    </message>
    <message>
        <source>Not yet: %1 sleeps until %2, but %3 wakes earlier, at %4. When nothing is ready, the earliest timer comes first.</source>
        <translation>Not yet: %1 sleeps until %2, but %3 wakes earlier, at %4. When nothing is ready, the earliest timer comes first.</translation>
    </message>
    <message>
        <source>Almost: %1 and %2 both wake at %3. Equal deadlines wake in the order their sleeps began, and %2 began first.</source>
        <translation>Almost: %1 and %2 both wake at %3. Equal deadlines wake in the order their sleeps began, and %2 began first.</translation>
    </message>
    <message>
        <source>That task cannot run here: it is neither ready nor asleep on a timer.</source>
        <translation>That task cannot run here: it is neither ready nor asleep on a timer.</translation>
    </message>
    <message>
        <source>%1 of %2 right at the first try</source>
        <extracomment>%1 of %2 decisions picked right at the first try</extracomment>
        <translation>%1 of %2 right at the first try</translation>
    </message>
</context>
<context>
    <name>PlayerBar</name>
    <message>
        <source>t = %1 s · event %2/%3 · iteration %4</source>
        <translation>t = %1 s · event %2/%3 · iteration %4</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Play</translation>
    </message>
    <message>
        <source>Pause (Space)</source>
        <translation>Pause (Space)</translation>
    </message>
    <message>
        <source>Play the run in virtual time (Space)</source>
        <translation>Play the run in virtual time (Space)</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>Restart</translation>
    </message>
    <message>
        <source>Play again from the start (Ctrl+R)</source>
        <translation>Play again from the start (Ctrl+R)</translation>
    </message>
    <message>
        <source>To the start</source>
        <translation>To the start</translation>
    </message>
    <message>
        <source>To the start of the run (Home)</source>
        <translation>To the start of the run (Home)</translation>
    </message>
    <message>
        <source>Previous iteration</source>
        <translation>Previous iteration</translation>
    </message>
    <message>
        <source>Back to the start of this or the previous loop iteration (Shift+Left)</source>
        <translation>Back to the start of this or the previous loop iteration (Shift+Left)</translation>
    </message>
    <message>
        <source>Step back</source>
        <translation>Step back</translation>
    </message>
    <message>
        <source>One event back (Left)</source>
        <translation>One event back (Left)</translation>
    </message>
    <message>
        <source>Step forward</source>
        <translation>Step forward</translation>
    </message>
    <message>
        <source>One event forward (Right)</source>
        <translation>One event forward (Right)</translation>
    </message>
    <message>
        <source>Next iteration</source>
        <translation>Next iteration</translation>
    </message>
    <message>
        <source>To the next loop iteration (Shift+Right)</source>
        <translation>To the next loop iteration (Shift+Right)</translation>
    </message>
    <message>
        <source>To the end</source>
        <translation>To the end</translation>
    </message>
    <message>
        <source>To the end of the run (End)</source>
        <translation>To the end of the run (End)</translation>
    </message>
    <message>
        <source>Position in the run</source>
        <translation>Position in the run</translation>
    </message>
    <message>
        <source>Drag to any point of the run</source>
        <translation>Drag to any point of the run</translation>
    </message>
    <message>
        <source>&amp;Speed</source>
        <translation>&amp;Speed</translation>
    </message>
    <message>
        <source>Playback speed</source>
        <translation>Playback speed</translation>
    </message>
    <message>
        <source>Speed relative to the program&apos;s virtual time (0.1× to 10×)</source>
        <translation>Speed relative to the program&apos;s virtual time (0.1× to 10×)</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Run live</source>
        <translation>Run live</translation>
    </message>
    <message>
        <source>Start a new live run with the live parameters (Ctrl+R)</source>
        <translation>Start a new live run with the live parameters (Ctrl+R)</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Now</translation>
    </message>
    <message>
        <source>Follow the live run again: the cursor moves with its newest event (End)</source>
        <translation>Follow the live run again: the cursor moves with its newest event (End)</translation>
    </message>
    <message>
        <source>You are the loop</source>
        <translation>You are the loop</translation>
    </message>
    <message>
        <source>Play the event loop: at each decision, pick the task that runs next (Ctrl+L)</source>
        <translation>Play the event loop: at each decision, pick the task that runs next (Ctrl+L)</translation>
    </message>
</context>
<context>
    <name>PoolView</name>
    <message>
        <source>Connection pool</source>
        <translation>Connection pool</translation>
    </message>
    <message>
        <source>No connection pool in this run</source>
        <translation>No connection pool in this run</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>idle</translation>
    </message>
    <message>
        <source>busy</source>
        <translation>busy</translation>
    </message>
    <message>
        <source>nobody waits for a connection</source>
        <translation>nobody waits for a connection</translation>
    </message>
    <message>
        <source>waiting for a connection (first in line left):</source>
        <translation>waiting for a connection (first in line left):</translation>
    </message>
    <message>
        <source>Pool (%1): %2 idle, %3 in use or unopened</source>
        <translation>Pool (%1): %2 idle, %3 in use or unopened</translation>
    </message>
    <message>
        <source>%1 connections open, %2 opened in all</source>
        <translation>%1 connections open, %2 opened in all</translation>
    </message>
    <message>
        <source>, %1 connecting</source>
        <translation>, %1 connecting</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>connecting</translation>
    </message>
    <message>
        <source>no request waits for a connection</source>
        <translation>no request waits for a connection</translation>
    </message>
</context>
<context>
    <name>ProgramPanel</name>
    <message>
        <source>Save failed</source>
        <translation>Save failed</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation>Could not save %1: %2</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <source>%1 has changes that are not saved. Save them?</source>
        <translation>%1 has changes that are not saved. Save them?</translation>
    </message>
    <message>
        <source>&lt;b&gt;Nothing has run yet.&lt;/b&gt; Run (Ctrl+R) starts %1 with %2, as you and with your rights. Run only programs you trust.</source>
        <translation>&lt;b&gt;Nothing has run yet.&lt;/b&gt; Run (Ctrl+R) starts %1 with %2, as you and with your rights. Run only programs you trust.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Real time:&lt;/b&gt; the program runs as it is, on asyncio&apos;s own event loop. Its sockets really open, its waits really take time, and a program that never ends runs until you press Stop.</source>
        <translation>&lt;b&gt;Real time:&lt;/b&gt; the program runs as it is, on asyncio&apos;s own event loop. Its sockets really open, its waits really take time, and a program that never ends runs until you press Stop.</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n event</numerusform>
            <numerusform>%n events</numerusform>
        </translation>
    </message>
    <message>
        <source>A saved trace: %1.</source>
        <translation>A saved trace: %1.</translation>
    </message>
    <message>
        <source>Not run yet.</source>
        <translation>Not run yet.</translation>
    </message>
    <message>
        <source>Running in real time…</source>
        <translation>Running in real time…</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>Running…</translation>
    </message>
    <message>
        <source>Deadlock at %1 s: tasks still wait and nothing can wake them (the report is on the right). %2.</source>
        <translation>Deadlock at %1 s: tasks still wait and nothing can wake them (the report is on the right). %2.</translation>
    </message>
    <message>
        <source>The program raised %1 at %2 s (its traceback is below). %3.</source>
        <translation>The program raised %1 at %2 s (its traceback is below). %3.</translation>
    </message>
    <message>
        <source>The main task was cancelled at %1 s. %2.</source>
        <translation>The main task was cancelled at %1 s. %2.</translation>
    </message>
    <message>
        <source>Ended at %1 s: %2. %3.</source>
        <translation>Ended at %1 s: %2. %3.</translation>
    </message>
    <message>
        <source>Ended at %1 s. %2.</source>
        <translation>Ended at %1 s. %2.</translation>
    </message>
    <message>
        <source>Stopped. %1 so far.</source>
        <translation>Stopped. %1 so far.</translation>
    </message>
    <message>
        <source>Not run: the program cannot be run as it is (below).</source>
        <translation>Not run: the program cannot be run as it is (below).</translation>
    </message>
    <message>
        <source>The harness&apos;s trace broke off: %1</source>
        <translation>The harness&apos;s trace broke off: %1</translation>
    </message>
    <message>
        <source>No python3 was found. Install it (Debian: apt-get install python3) or name one in DIRIGENT_PYTHON.</source>
        <translation>No python3 was found. Install it (Debian: apt-get install python3) or name one in DIRIGENT_PYTHON.</translation>
    </message>
    <message>
        <source>The tracing harness is not installed beside dirigent (harness/dirigent_trace.py).</source>
        <translation>The tracing harness is not installed beside dirigent (harness/dirigent_trace.py).</translation>
    </message>
    <message>
        <source>The harness ended before its trace was complete: %1</source>
        <translation>The harness ended before its trace was complete: %1</translation>
    </message>
    <message>
        <source>(Edited, not saved.)</source>
        <translation>(Edited, not saved.)</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Run</translation>
    </message>
    <message>
        <source>Run the program as the editor shows it (Ctrl+R in the editor)</source>
        <translation>Run the program as the editor shows it (Ctrl+R in the editor)</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>S&amp;top</translation>
    </message>
    <message>
        <source>End the running program at once</source>
        <translation>End the running program at once</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>Write the editor&apos;s text to the file (Ctrl+S in the editor)</source>
        <translation>Write the editor&apos;s text to the file (Ctrl+S in the editor)</translation>
    </message>
    <message>
        <source>Run on asyncio&apos;s own event loop and the real clock, for programs that do real I/O</source>
        <translation>Run on asyncio&apos;s own event loop and the real clock, for programs that do real I/O</translation>
    </message>
    <message>
        <source>Program source</source>
        <translation>Program source</translation>
    </message>
    <message>
        <source>The program&apos;s error output</source>
        <translation>The program&apos;s error output</translation>
    </message>
    <message>
        <source>Real ti&amp;me</source>
        <translation>Real ti&amp;me</translation>
    </message>
</context>
<context>
    <name>ProgramTracer</name>
    <message>
        <source>no python3 was found to run the program with</source>
        <translation>no python3 was found to run the program with</translation>
    </message>
    <message>
        <source>the tracing harness is not installed beside dirigent</source>
        <translation>the tracing harness is not installed beside dirigent</translation>
    </message>
    <message>
        <source>python3 did not answer within 10 s</source>
        <translation>python3 did not answer within 10 s</translation>
    </message>
    <message>
        <source>the harness ended with exit code %1</source>
        <translation>the harness ended with exit code %1</translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message>
        <source>Queues</source>
        <translation>Queues</translation>
    </message>
    <message numerus="yes">
        <source>+%n more queue(s)</source>
        <translation>
            <numerusform>+%n more queue</numerusform>
            <numerusform>+%n more queues</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 slots full</source>
        <translation>%1 of %2 slots full</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s), unbounded</source>
        <translation>
            <numerusform>%n item, unbounded</numerusform>
            <numerusform>%n items, unbounded</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2): %3</source>
        <translation>%1 (%2): %3</translation>
    </message>
    <message>
        <source>unfinished %1</source>
        <translation>unfinished %1</translation>
    </message>
    <message>
        <source>put waits</source>
        <translation>put waits</translation>
    </message>
    <message>
        <source>get waits</source>
        <translation>get waits</translation>
    </message>
    <message>
        <source>in</source>
        <translation>in</translation>
    </message>
    <message>
        <source>out</source>
        <translation>out</translation>
    </message>
    <message numerus="yes">
        <source>join() waits for %n unfinished item(s):</source>
        <translation>
            <numerusform>join() waits for %n unfinished item:</numerusform>
            <numerusform>join() waits for %n unfinished items:</numerusform>
        </translation>
    </message>
    <message>
        <source>No queue in this run</source>
        <translation>No queue in this run</translation>
    </message>
</context>
<context>
    <name>QuizPanel</name>
    <message>
        <source>&lt;b&gt;No answer yet.&lt;/b&gt; The right answer: %1.</source>
        <translation>&lt;b&gt;No answer yet.&lt;/b&gt; The right answer: %1.</translation>
    </message>
    <message>
        <source>&lt;b&gt;✓ Right.&lt;/b&gt;</source>
        <translation>&lt;b&gt;✓ Right.&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;✗ Not quite.&lt;/b&gt; The right answer: %1.</source>
        <translation>&lt;b&gt;✗ Not quite.&lt;/b&gt; The right answer: %1.</translation>
    </message>
    <message>
        <source>All answers right. Now play the run and watch it happen.</source>
        <translation>All answers right. Now play the run and watch it happen.</translation>
    </message>
    <message>
        <source>%1 of %2 right. Play the run and watch where it differs.</source>
        <translation>%1 of %2 right. Play the run and watch where it differs.</translation>
    </message>
    <message>
        <source>This lesson has no quiz.</source>
        <translation>This lesson has no quiz.</translation>
    </message>
    <message>
        <source>Answer before you play the run: what will the program do? The answers come from the run with the parameters you set.</source>
        <translation>Answer before you play the run: what will the program do? The answers come from the run with the parameters you set.</translation>
    </message>
    <message>
        <source>Question %1 of %2</source>
        <translation>Question %1 of %2</translation>
    </message>
    <message>
        <source>Your answer to question %1</source>
        <translation>Your answer to question %1</translation>
    </message>
    <message>
        <source>Your answer</source>
        <translation>Your answer</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>Check the answers</source>
        <translation>Check the answers</translation>
    </message>
</context>
<context>
    <name>ScreenshotCommand</name>
    <message>
        <source>cannot save the screenshot to &apos;%1&apos;: it is a folder</source>
        <translation>cannot save the screenshot to &apos;%1&apos;: it is a folder</translation>
    </message>
    <message>
        <source>cannot save the screenshot to &apos;%1&apos;: the folder &apos;%2&apos; does not exist</source>
        <translation>cannot save the screenshot to &apos;%1&apos;: the folder &apos;%2&apos; does not exist</translation>
    </message>
    <message>
        <source>cannot save the screenshot to &apos;%1&apos;: the folder &apos;%2&apos; is not writable</source>
        <translation>cannot save the screenshot to &apos;%1&apos;: the folder &apos;%2&apos; is not writable</translation>
    </message>
    <message>
        <source>cannot save the screenshot to &apos;%1&apos;: the file is not writable</source>
        <translation>cannot save the screenshot to &apos;%1&apos;: the file is not writable</translation>
    </message>
    <message>
        <source>the lesson &apos;%1&apos; cannot be shown</source>
        <translation>the lesson &apos;%1&apos; cannot be shown</translation>
    </message>
    <message>
        <source>the window could not be rendered</source>
        <translation>the window could not be rendered</translation>
    </message>
    <message>
        <source>cannot encode the screenshot as PNG</source>
        <translation>cannot encode the screenshot as PNG</translation>
    </message>
    <message>
        <source>cannot save the screenshot to &apos;%1&apos;: %2</source>
        <translation>cannot save the screenshot to &apos;%1&apos;: %2</translation>
    </message>
    <message>
        <source>note: the window needs %1x%2 pixels, the screenshot has that size</source>
        <translation>note: the window needs %1x%2 pixels, the screenshot has that size</translation>
    </message>
    <message>
        <source>the lesson &apos;%1&apos; has no live variant</source>
        <translation>the lesson &apos;%1&apos; has no live variant</translation>
    </message>
    <message>
        <source>the live run could not start: %1</source>
        <translation>the live run could not start: %1</translation>
    </message>
    <message>
        <source>the live run did not end within %1 s</source>
        <translation>the live run did not end within %1 s</translation>
    </message>
    <message>
        <source>--set %1: &apos;%2&apos; is not a number</source>
        <translation>--set %1: &apos;%2&apos; is not a number</translation>
    </message>
    <message>
        <source>the program did not end within %1 s</source>
        <translation>the program did not end within %1 s</translation>
    </message>
</context>
<context>
    <name>SemaphoreView</name>
    <message>
        <source>Semaphores and locks</source>
        <translation>Semaphores and locks</translation>
    </message>
    <message numerus="yes">
        <source>+%n more</source>
        <translation>
            <numerusform>+%n more</numerusform>
            <numerusform>+%n more</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (Lock): %2</source>
        <translation>%1 (Lock): %2</translation>
    </message>
    <message>
        <source>free</source>
        <translation>free</translation>
    </message>
    <message>
        <source>held</source>
        <translation>held</translation>
    </message>
    <message>
        <source>%1 (%2): %3 of %4 permits free</source>
        <translation>%1 (%2): %3 of %4 permits free</translation>
    </message>
    <message>
        <source>waiting in line (first at the door)</source>
        <translation>waiting in line (first at the door)</translation>
    </message>
    <message>
        <source>seats</source>
        <translation>seats</translation>
    </message>
    <message>
        <source>No semaphore or lock in this run</source>
        <translation>No semaphore or lock in this run</translation>
    </message>
    <message numerus="yes">
        <source>+%n seat(s) (%1 taken)</source>
        <translation>
            <numerusform>+%n seat (%1 taken)</numerusform>
            <numerusform>+%n seats (%1 taken)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ServeCommand</name>
    <message>
        <source>cannot catch SIGINT and SIGTERM, so the server could not stop cleanly</source>
        <translation>cannot catch SIGINT and SIGTERM, so the server could not stop cleanly</translation>
    </message>
    <message>
        <source>the demo server could not start: %1</source>
        <translation>the demo server could not start: %1</translation>
    </message>
    <message>
        <source>connections accepted: %1</source>
        <translation>connections accepted: %1</translation>
    </message>
    <message>
        <source>requests: %1</source>
        <translation>requests: %1</translation>
    </message>
    <message>
        <source>peak in flight: %1</source>
        <translation>peak in flight: %1</translation>
    </message>
    <message>
        <source>statuses: %1</source>
        <translation>statuses: %1</translation>
    </message>
</context>
<context>
    <name>StateStyle</name>
    <message>
        <source>waiting</source>
        <translation>waiting</translation>
    </message>
    <message>
        <source>yield</source>
        <translation>yield</translation>
    </message>
    <message>
        <source>sleeping</source>
        <translation>sleeping</translation>
    </message>
    <message>
        <source>queue get</source>
        <translation>queue get</translation>
    </message>
    <message>
        <source>queue put</source>
        <translation>queue put</translation>
    </message>
    <message>
        <source>queue join</source>
        <translation>queue join</translation>
    </message>
    <message>
        <source>semaphore</source>
        <translation>semaphore</translation>
    </message>
    <message>
        <source>lock</source>
        <translation>lock</translation>
    </message>
    <message>
        <source>event</source>
        <translation>event</translation>
    </message>
    <message>
        <source>another task</source>
        <translation>another task</translation>
    </message>
    <message>
        <source>gather</source>
        <translation>gather</translation>
    </message>
    <message>
        <source>wait</source>
        <translation>wait</translation>
    </message>
    <message>
        <source>task group</source>
        <translation>task group</translation>
    </message>
    <message>
        <source>shield</source>
        <translation>shield</translation>
    </message>
    <message>
        <source>future</source>
        <translation>future</translation>
    </message>
    <message>
        <source>I/O</source>
        <translation>I/O</translation>
    </message>
    <message>
        <source>token bucket</source>
        <translation>token bucket</translation>
    </message>
    <message>
        <source>get() on queue %1</source>
        <translation>get() on queue %1</translation>
    </message>
    <message>
        <source>put() on queue %1</source>
        <translation>put() on queue %1</translation>
    </message>
    <message>
        <source>join() on queue %1</source>
        <translation>join() on queue %1</translation>
    </message>
    <message>
        <source>semaphore %1</source>
        <translation>semaphore %1</translation>
    </message>
    <message>
        <source>lock %1</source>
        <translation>lock %1</translation>
    </message>
    <message>
        <source>event %1</source>
        <translation>event %1</translation>
    </message>
    <message>
        <source>token bucket %1</source>
        <translation>token bucket %1</translation>
    </message>
    <message>
        <source>task %1</source>
        <translation>task %1</translation>
    </message>
    <message>
        <source>shielded task %1</source>
        <translation>shielded task %1</translation>
    </message>
    <message>
        <source>new</source>
        <translation>new</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>ready</translation>
    </message>
    <message>
        <source>running</source>
        <translation>running</translation>
    </message>
    <message>
        <source>done</source>
        <translation>done</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>failed</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>cancelled</translation>
    </message>
    <message>
        <source>condition</source>
        <translation>condition</translation>
    </message>
    <message>
        <source>condition %1</source>
        <translation>condition %1</translation>
    </message>
</context>
<context>
    <name>SweepChart</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Total run time</source>
        <translation>Total run time</translation>
    </message>
    <message>
        <source>No sweep for this lesson</source>
        <translation>No sweep for this lesson</translation>
    </message>
    <message>
        <source>Sweep plot</source>
        <translation>Sweep plot</translation>
    </message>
    <message>
        <source>%1 against %2; the square marks the current value</source>
        <translation>%1 against %2; the square marks the current value</translation>
    </message>
</context>
<context>
    <name>ThreadsComparisonPanel</name>
    <message>
        <source>Memory, each</source>
        <translation>Memory, each</translation>
    </message>
    <message>
        <source>Creating one</source>
        <translation>Creating one</translation>
    </message>
    <message>
        <source>N (log)</source>
        <translation>N (log)</translation>
    </message>
    <message>
        <source>threads</source>
        <translation>threads</translation>
    </message>
    <message>
        <source>coroutines</source>
        <translation>coroutines</translation>
    </message>
    <message>
        <source>%1 threads and %1 coroutines, created and woken on this computer:</source>
        <extracomment>%1: N, how many threads and as many coroutines</extracomment>
        <translation>%1 threads and %1 coroutines, created and woken on this computer:</translation>
    </message>
    <message>
        <source>Each</source>
        <translation>Each</translation>
    </message>
    <message>
        <source>Threads
(C++)</source>
        <translation>Threads
(C++)</translation>
    </message>
    <message>
        <source>Coroutines
(C++)</source>
        <translation>Coroutines
(C++)</translation>
    </message>
    <message>
        <source>Threads
(Python)</source>
        <translation>Threads
(Python)</translation>
    </message>
    <message>
        <source>Tasks
(Python)</source>
        <translation>Tasks
(Python)</translation>
    </message>
    <message>
        <source>Threads and coroutines compared</source>
        <translation>Threads and coroutines compared</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Memory</translation>
    </message>
    <message>
        <source>Reserved</source>
        <translation>Reserved</translation>
    </message>
    <message>
        <source>%1 stack</source>
        <translation>%1 stack</translation>
    </message>
    <message>
        <source>Creating</source>
        <translation>Creating</translation>
    </message>
    <message>
        <source>Waking (per unit)</source>
        <translation>Waking (per unit)</translation>
    </message>
    <message>
        <source>Context switches</source>
        <translation>Context switches</translation>
    </message>
    <message>
        <source>Who decides when to switch</source>
        <translation>Who decides when to switch</translation>
    </message>
    <message>
        <source>the operating system, at any instruction</source>
        <translation>the operating system, at any instruction</translation>
    </message>
    <message>
        <source>the task itself, only at an await</source>
        <translation>the task itself, only at an await</translation>
    </message>
    <message>
        <source>How many</source>
        <translation>How many</translation>
    </message>
    <message>
        <source>%1 here: the system&apos;s limit stopped more</source>
        <translation>%1 here: the system&apos;s limit stopped more</translation>
    </message>
    <message>
        <source>%1 here; the system sets the limit</source>
        <translation>%1 here; the system sets the limit</translation>
    </message>
    <message>
        <source>%1 here; as many as memory holds</source>
        <translation>%1 here; as many as memory holds</translation>
    </message>
    <message>
        <source>Shared state</source>
        <translation>Shared state</translation>
    </message>
    <message>
        <source>needs a lock: a switch can fall between read and write</source>
        <translation>needs a lock: a switch can fall between read and write</translation>
    </message>
    <message>
        <source>safe from one await to the next</source>
        <translation>safe from one await to the next</translation>
    </message>
    <message>
        <source>Threads</source>
        <translation>Threads</translation>
    </message>
    <message>
        <source>Coroutines</source>
        <translation>Coroutines</translation>
    </message>
    <message>
        <source>Who switches, how many, shared state</source>
        <translation>Who switches, how many, shared state</translation>
    </message>
    <message>
        <source>Python: %1</source>
        <translation>Python: %1</translation>
    </message>
    <message>
        <source>No Python columns: %1</source>
        <extracomment>%1: why (such as &quot;python3 was not found&quot;)</extracomment>
        <translation>No Python columns: %1</translation>
    </message>
    <message>
        <source>Stopped before the end: the figures are those measured until then.</source>
        <translation>Stopped before the end: the figures are those measured until then.</translation>
    </message>
    <message>
        <source>As N grows (C++, both axes logarithmic): a thread costs the stack pages and kernel memory it touches and a trip through the kernel; a coroutine costs its frame on the heap.</source>
        <translation>As N grows (C++, both axes logarithmic): a thread costs the stack pages and kernel memory it touches and a trip through the kernel; a coroutine costs its frame on the heap.</translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <source>Timeline</source>
        <translation>Timeline</translation>
    </message>
    <message>
        <source>One lane per task. Ctrl+wheel or +/- zooms, drag or wheel pans, 0 resets the zoom.</source>
        <translation>One lane per task. Ctrl+wheel or +/- zooms, drag or wheel pans, 0 resets the zoom.</translation>
    </message>
    <message>
        <source>No run</source>
        <translation>No run</translation>
    </message>
    <message>
        <source>%1: %2, %3 to %4</source>
        <translation>%1: %2, %3 to %4</translation>
    </message>
    <message>
        <source>Debug mode: %1</source>
        <translation>Debug mode: %1</translation>
    </message>
    <message>
        <source>lane %1</source>
        <translation>lane %1</translation>
    </message>
    <message>
        <source>%1 lanes/px</source>
        <translation>%1 lanes/px</translation>
    </message>
    <message>
        <source>Lanes %1 to %2 at the cursor: %3</source>
        <translation>Lanes %1 to %2 at the cursor: %3</translation>
    </message>
    <message>
        <source>not created yet</source>
        <translation>not created yet</translation>
    </message>
</context>
<context>
    <name>TraceCommand</name>
    <message>
        <source>dirigent: deadlock at t=%1 s: nothing is ready and no timer is pending, but tasks still wait:</source>
        <translation>dirigent: deadlock at t=%1 s: nothing is ready and no timer is pending, but tasks still wait:</translation>
    </message>
    <message>
        <source>%1 waits on %2 at %3:%4</source>
        <translation>%1 waits on %2 at %3:%4</translation>
    </message>
    <message>
        <source>&apos;%1&apos; never ran an event loop (no asyncio.run): there is nothing to show</source>
        <translation>&apos;%1&apos; never ran an event loop (no asyncio.run): there is nothing to show</translation>
    </message>
    <message>
        <source>the trace was cut short: %1</source>
        <translation>the trace was cut short: %1</translation>
    </message>
    <message>
        <source>cannot read the trace &apos;%1&apos;: %2</source>
        <translation>cannot read the trace &apos;%1&apos;: %2</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a trace Dirigent can read: %2</source>
        <extracomment>%1: the file, %2: &quot;line 3, column 17: what is wrong&quot; (English, from the reader)</extracomment>
        <translation>&apos;%1&apos; is not a trace Dirigent can read: %2</translation>
    </message>
    <message>
        <source>the program ended with %1</source>
        <extracomment>%1: the exception, like ValueError(no such page)</extracomment>
        <translation>the program ended with %1</translation>
    </message>
    <message>
        <source>cannot trace &apos;%1&apos;: there is no such file</source>
        <translation>cannot trace &apos;%1&apos;: there is no such file</translation>
    </message>
    <message>
        <source>cannot trace &apos;%1&apos;: it is a folder, not a Python program</source>
        <translation>cannot trace &apos;%1&apos;: it is a folder, not a Python program</translation>
    </message>
    <message>
        <source>tracing a program needs Python 3 (python3, or the interpreter named by DIRIGENT_PYTHON); it was not found</source>
        <translation>tracing a program needs Python 3 (python3, or the interpreter named by DIRIGENT_PYTHON); it was not found</translation>
    </message>
    <message>
        <source>the tracing harness (harness/dirigent_trace.py) is not installed beside %1</source>
        <translation>the tracing harness (harness/dirigent_trace.py) is not installed beside %1</translation>
    </message>
    <message>
        <source>the tracing harness wrote a broken trace: %1</source>
        <translation>the tracing harness wrote a broken trace: %1</translation>
    </message>
    <message>
        <source>the tracing harness ended without finishing the trace (exit code %1): %2</source>
        <translation>the tracing harness ended without finishing the trace (exit code %1): %2</translation>
    </message>
    <message>
        <source>stopped after %1 s: the program was still running</source>
        <extracomment>%1: seconds, like 2.5</extracomment>
        <translation>stopped after %1 s: the program was still running</translation>
    </message>
</context>
<context>
    <name>TraceJsonFile</name>
    <message>
        <source>cannot write the trace to &apos;%1&apos;: the folder &apos;%2&apos; does not exist</source>
        <translation>cannot write the trace to &apos;%1&apos;: the folder &apos;%2&apos; does not exist</translation>
    </message>
    <message>
        <source>cannot write the trace to &apos;%1&apos;: it is a folder</source>
        <translation>cannot write the trace to &apos;%1&apos;: it is a folder</translation>
    </message>
    <message>
        <source>cannot write the trace to &apos;%1&apos;: %2</source>
        <translation>cannot write the trace to &apos;%1&apos;: %2</translation>
    </message>
</context>
<context>
    <name>VisualizationPanel</name>
    <message>
        <source>Visualization</source>
        <translation>Visualization</translation>
    </message>
    <message>
        <source>Event loop</source>
        <translation>Event loop</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Timeline</translation>
    </message>
    <message>
        <source>Queues</source>
        <translation>Queues</translation>
    </message>
    <message>
        <source>Semaphores and locks</source>
        <translation>Semaphores and locks</translation>
    </message>
    <message>
        <source>Token buckets</source>
        <translation>Token buckets</translation>
    </message>
    <message>
        <source>Connection pool</source>
        <translation>Connection pool</translation>
    </message>
    <message>
        <source>Console</source>
        <translation>Console</translation>
    </message>
    <message>
        <source>Deadlock report</source>
        <translation>Deadlock report</translation>
    </message>
</context>
<context>
    <name>live::ThreadsMeasurement</name>
    <message>
        <source>Cancelled after %1 of %2 threads.</source>
        <translation>Cancelled after %1 of %2 threads.</translation>
    </message>
    <message>
        <source>Cancelled after %1 of %2 tasks.</source>
        <translation>Cancelled after %1 of %2 tasks.</translation>
    </message>
    <message>
        <source>Stopped at %1 of %2 threads: the most this measurement may create is %3.</source>
        <translation>Stopped at %1 of %2 threads: the most this measurement may create is %3.</translation>
    </message>
    <message>
        <source>the kernel allows %1 threads on the whole system (/proc/sys/kernel/threads-max), and %2 were already running.</source>
        <translation>the kernel allows %1 threads on the whole system (/proc/sys/kernel/threads-max), and %2 were already running.</translation>
    </message>
    <message>
        <source>ulimit -u is %1 processes and threads per user, and this process already had %2 (raise it with `ulimit -u`).</source>
        <translation>ulimit -u is %1 processes and threads per user, and this process already had %2 (raise it with `ulimit -u`).</translation>
    </message>
    <message>
        <source>every thread takes a process id, the kernel has %1 of them (/proc/sys/kernel/pid_max), and %2 were already taken.</source>
        <translation>every thread takes a process id, the kernel has %1 of them (/proc/sys/kernel/pid_max), and %2 were already taken.</translation>
    </message>
    <message>
        <source>this control group allows %1 processes and threads (pids.max), and %2 were already in use.</source>
        <translation>this control group allows %1 processes and threads (pids.max), and %2 were already in use.</translation>
    </message>
    <message>
        <source>a process may have %1 memory mappings (vm.max_map_count), this one had %2, and each thread&apos;s stack takes two.</source>
        <translation>a process may have %1 memory mappings (vm.max_map_count), this one had %2, and each thread&apos;s stack takes two.</translation>
    </message>
    <message>
        <source>out of address space: ulimit -v allows %1 MiB, and each thread reserves %2 MiB for its stack (raise it with `ulimit -v`).</source>
        <translation>out of address space: ulimit -v allows %1 MiB, and each thread reserves %2 MiB for its stack (raise it with `ulimit -v`).</translation>
    </message>
    <message>
        <source>out of memory.</source>
        <translation>out of memory.</translation>
    </message>
    <message>
        <source>No tasks were created: another aio event loop is running on this thread.</source>
        <translation>No tasks were created: another aio event loop is running on this thread.</translation>
    </message>
    <message>
        <source>the limit is not known (threads-max, pid_max, pids.max, vm.max_map_count or memory).</source>
        <translation>the limit is not known (threads-max, pid_max, pids.max, vm.max_map_count or memory).</translation>
    </message>
    <message>
        <source>error %1 (%2).</source>
        <translation>error %1 (%2).</translation>
    </message>
    <message>
        <source>The system refused thread %1: %2</source>
        <translation>The system refused thread %1: %2</translation>
    </message>
    <message>
        <source>The system refused task %1: %2</source>
        <translation>The system refused task %1: %2</translation>
    </message>
    <message>
        <source>Stopped at %1 of %2 threads, to keep clear of a limit of the system: %3</source>
        <translation>Stopped at %1 of %2 threads, to keep clear of a limit of the system: %3</translation>
    </message>
</context>
</TS>
