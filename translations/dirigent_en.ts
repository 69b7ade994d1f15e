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
    <message>
        <source>Without a command, Dirigent opens its window. &apos;lessons&apos; lists the lessons; &apos;run LESSON&apos; runs a lesson in virtual time and prints its log.</source>
        <translation>Without a command, Dirigent opens its window. &apos;lessons&apos; lists the lessons; &apos;run LESSON&apos; runs a lesson in virtual time and prints its log.</translation>
    </message>
    <message>
        <source>run: set a parameter of the lesson (repeat for more).</source>
        <translation>run: set a parameter of the lesson (repeat for more).</translation>
    </message>
    <message>
        <source>run: switch on the lesson&apos;s pitfall.</source>
        <translation>run: switch on the lesson&apos;s pitfall.</translation>
    </message>
    <message>
        <source>run: print the log (the default; with --quiz, both).</source>
        <translation>run: print the log (the default; with --quiz, both).</translation>
    </message>
    <message>
        <source>run: print the quiz with the answers computed from the run.</source>
        <translation>run: print the quiz with the answers computed from the run.</translation>
    </message>
    <message>
        <source>run: write the trace to &lt;file&gt; as Chrome trace-event JSON (for ui.perfetto.dev).</source>
        <extracomment>&lt;file&gt; is the option&apos;s value as the help shows it; keep it as is.</extracomment>
        <translation>run: write the trace to &lt;file&gt; as Chrome trace-event JSON (for ui.perfetto.dev).</translation>
    </message>
    <message>
        <source>(none)</source>
        <extracomment>The empty list in &quot;choose one of: %1&quot;</extracomment>
        <translation>(none)</translation>
    </message>
    <message>
        <source>unknown command &apos;%1&apos;, choose lessons or run</source>
        <translation>unknown command &apos;%1&apos;, choose lessons or run</translation>
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
        <source>&apos;run&apos; needs a lesson, choose one of: %1</source>
        <translation>&apos;run&apos; needs a lesson, choose one of: %1</translation>
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
        <source>cannot write the trace to &apos;%1&apos;: the folder &apos;%2&apos; does not exist</source>
        <translation>cannot write the trace to &apos;%1&apos;: the folder &apos;%2&apos; does not exist</translation>
    </message>
    <message>
        <source>cannot write the trace to &apos;%1&apos;: it is a folder</source>
        <translation>cannot write the trace to &apos;%1&apos;: it is a folder</translation>
    </message>
    <message>
        <source>the lesson &apos;%1&apos; could not run: %2</source>
        <translation>the lesson &apos;%1&apos; could not run: %2</translation>
    </message>
    <message>
        <source>cannot write the trace to &apos;%1&apos;: %2</source>
        <translation>cannot write the trace to &apos;%1&apos;: %2</translation>
    </message>
    <message>
        <source>dirigent: deadlock at t=%1 s: nothing is ready and no timer is pending, but tasks still wait:</source>
        <translation>dirigent: deadlock at t=%1 s: nothing is ready and no timer is pending, but tasks still wait:</translation>
    </message>
    <message>
        <source>%1 waits on %2 at %3:%4</source>
        <translation>%1 waits on %2 at %3:%4</translation>
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
