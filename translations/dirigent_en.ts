<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
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
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Welcome to Dirigent</source>
        <translation>Welcome to Dirigent</translation>
    </message>
    <message>
        <source>Dirigent shows how async/await works, the way Python&apos;s asyncio does it. Open a lesson, press play and watch the event loop hand the word from task to task: who runs, who sleeps until when, who waits on which queue or semaphore, where a cancellation lands and how an exception travels.</source>
        <translation>Dirigent shows how async/await works, the way Python&apos;s asyncio does it. Open a lesson, press play and watch the event loop hand the word from task to task: who runs, who sleeps until when, who waits on which queue or semaphore, where a cancellation lands and how an exception travels.</translation>
    </message>
    <message>
        <source>Lessons and live demos will appear here soon.</source>
        <translation>Lessons and live demos will appear here soon.</translation>
    </message>
</context>
</TS>
