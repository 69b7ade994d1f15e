<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>CommandLine</name>
    <message>
        <source>Dirigent shows how async/await works, the way Python&apos;s asyncio does it.</source>
        <translation>Dirigent zeigt dir, wie async/await funktioniert – so, wie Pythons asyncio es macht.</translation>
    </message>
    <message>
        <source>Show this help and exit.</source>
        <translation>Diese Hilfe anzeigen und beenden.</translation>
    </message>
    <message>
        <source>Show the version and exit.</source>
        <translation>Die Version anzeigen und beenden.</translation>
    </message>
    <message>
        <source>Language of the user interface: de or en (default: taken from the system locale).</source>
        <translation>Sprache der Oberfläche: de oder en (Standard: aus den Spracheinstellungen des Systems).</translation>
    </message>
    <message>
        <source>Quit after &lt;ms&gt; milliseconds (for smoke tests).</source>
        <extracomment>&lt;ms&gt; is the option&apos;s value as the help shows it; keep it as is.</extracomment>
        <translation>Nach &lt;ms&gt; Millisekunden beenden (für Smoke-Tests).</translation>
    </message>
    <message>
        <source>unknown option &apos;%1&apos;</source>
        <translation>unbekannte Option &apos;%1&apos;</translation>
    </message>
    <message>
        <source>unsupported language &apos;%1&apos;, choose de or en</source>
        <translation>Sprache &apos;%1&apos; gibt es nicht, wähle de oder en</translation>
    </message>
    <message>
        <source>--quit-after expects a whole number of milliseconds, not &apos;%1&apos;</source>
        <translation>--quit-after erwartet eine ganze Zahl von Millisekunden, nicht &apos;%1&apos;</translation>
    </message>
    <message>
        <source>unexpected argument &apos;%1&apos;</source>
        <translation>unerwartetes Argument &apos;%1&apos;</translation>
    </message>
    <message>
        <source>%1: %2 (see &apos;%1 --help&apos;)</source>
        <extracomment>The one line printed for a wrong command line. %1: the program name, %2: what is wrong.</extracomment>
        <translation>%1: %2 (siehe &apos;%1 --help&apos;)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Welcome to Dirigent</source>
        <translation>Willkommen bei Dirigent</translation>
    </message>
    <message>
        <source>Dirigent shows how async/await works, the way Python&apos;s asyncio does it. Open a lesson, press play and watch the event loop hand the word from task to task: who runs, who sleeps until when, who waits on which queue or semaphore, where a cancellation lands and how an exception travels.</source>
        <translation>Dirigent zeigt dir, wie async/await funktioniert – so, wie Pythons asyncio es macht. Öffne eine Lektion, drück auf Play und sieh zu, wie die Event-Loop das Wort von Task zu Task weitergibt: wer läuft, wer bis wann schläft, wer auf welche Queue oder welches Semaphor wartet, wo ein Abbruch ankommt und welchen Weg eine Exception nimmt.</translation>
    </message>
    <message>
        <source>Lessons and live demos will appear here soon.</source>
        <translation>Lektionen und Live-Demos erscheinen hier bald.</translation>
    </message>
</context>
</TS>
