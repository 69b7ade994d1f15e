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
    <message>
        <source>Without a command, Dirigent opens its window. &apos;lessons&apos; lists the lessons; &apos;run LESSON&apos; runs a lesson in virtual time and prints its log.</source>
        <translation>Ohne Befehl öffnet Dirigent sein Fenster. &apos;lessons&apos; listet die Lektionen auf; &apos;run LESSON&apos; führt eine Lektion in virtueller Zeit aus und gibt ihr Log aus.</translation>
    </message>
    <message>
        <source>run: set a parameter of the lesson (repeat for more).</source>
        <translation>run: einen Parameter der Lektion setzen (für mehrere wiederholen).</translation>
    </message>
    <message>
        <source>run: switch on the lesson&apos;s pitfall.</source>
        <translation>run: die Falle der Lektion einschalten.</translation>
    </message>
    <message>
        <source>run: print the log (the default; with --quiz, both).</source>
        <translation>run: das Log ausgeben (Standard; mit --quiz beides).</translation>
    </message>
    <message>
        <source>run: print the quiz with the answers computed from the run.</source>
        <translation>run: das Quiz mit den aus dem Lauf berechneten Antworten ausgeben.</translation>
    </message>
    <message>
        <source>run: write the trace to &lt;file&gt; as Chrome trace-event JSON (for ui.perfetto.dev).</source>
        <extracomment>&lt;file&gt; is the option&apos;s value as the help shows it; keep it as is.</extracomment>
        <translation>run: den Trace als Chrome-Trace-Event-JSON in &lt;file&gt; schreiben (für ui.perfetto.dev).</translation>
    </message>
    <message>
        <source>(none)</source>
        <extracomment>The empty list in &quot;choose one of: %1&quot;</extracomment>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>unknown command &apos;%1&apos;, choose lessons or run</source>
        <translation>unbekannter Befehl &apos;%1&apos;, wähle lessons oder run</translation>
    </message>
    <message>
        <source>the option &apos;%1&apos; works only with &apos;dirigent %2&apos;</source>
        <translation>die Option &apos;%1&apos; gibt es nur bei &apos;dirigent %2&apos;</translation>
    </message>
    <message>
        <source>the option &apos;%1&apos; does not work with &apos;dirigent %2&apos;</source>
        <translation>die Option &apos;%1&apos; passt nicht zu &apos;dirigent %2&apos;</translation>
    </message>
    <message>
        <source>&apos;run&apos; needs a lesson, choose one of: %1</source>
        <translation>&apos;run&apos; braucht eine Lektion, wähle eine von: %1</translation>
    </message>
    <message>
        <source>unknown lesson &apos;%1&apos;, choose one of: %2</source>
        <translation>unbekannte Lektion &apos;%1&apos;, wähle eine von: %2</translation>
    </message>
    <message>
        <source>the lesson &apos;%1&apos; comes later, with the live demos; choose one of: %2</source>
        <translation>die Lektion &apos;%1&apos; kommt später, mit den Live-Demos; wähle eine von: %2</translation>
    </message>
    <message>
        <source>the lesson &apos;%1&apos; has no pitfall switch; lessons with one: %2</source>
        <translation>die Lektion &apos;%1&apos; hat keinen Schalter für eine Falle; Lektionen mit einem: %2</translation>
    </message>
    <message>
        <source>--set expects name=value, not &apos;%1&apos;; the parameters of &apos;%2&apos;: %3</source>
        <extracomment>%1: what was typed after --set, %2: the lesson, %3: its parameters</extracomment>
        <translation>--set erwartet name=wert, nicht &apos;%1&apos;; die Parameter von &apos;%2&apos;: %3</translation>
    </message>
    <message>
        <source>the lesson &apos;%1&apos; has no parameter &apos;%2&apos;; its parameters: %3</source>
        <translation>die Lektion &apos;%1&apos; hat keinen Parameter &apos;%2&apos;; ihre Parameter: %3</translation>
    </message>
    <message>
        <source>the parameter &apos;%1&apos; expects a number within %2, not &apos;%3&apos;</source>
        <extracomment>%1: the parameter, %2: its range like &quot;1..8&quot; or &quot;0.1..2 s&quot;, %3: the value typed</extracomment>
        <translation>der Parameter &apos;%1&apos; erwartet eine Zahl im Bereich %2, nicht &apos;%3&apos;</translation>
    </message>
    <message>
        <source>the parameter &apos;%1&apos; expects a whole number within %2, not &apos;%3&apos;</source>
        <translation>der Parameter &apos;%1&apos; erwartet eine ganze Zahl im Bereich %2, nicht &apos;%3&apos;</translation>
    </message>
    <message>
        <source>the value %1 of the parameter &apos;%2&apos; is out of range, choose within %3</source>
        <translation>der Wert %1 für den Parameter &apos;%2&apos; liegt außerhalb des Bereichs, wähle im Bereich %3</translation>
    </message>
</context>
<context>
    <name>LessonCommands</name>
    <message>
        <source>(comes later, with the live demos)</source>
        <translation>(kommt später, mit den Live-Demos)</translation>
    </message>
    <message>
        <source>This lesson has no quiz.</source>
        <translation>Diese Lektion hat kein Quiz.</translation>
    </message>
    <message>
        <source>Answer: %1</source>
        <extracomment>Before the answer a quiz question computed from the run</extracomment>
        <translation>Antwort: %1</translation>
    </message>
    <message>
        <source>internal error: the lesson &apos;%1&apos; cannot run</source>
        <translation>interner Fehler: die Lektion &apos;%1&apos; kann nicht laufen</translation>
    </message>
    <message>
        <source>cannot write the trace to &apos;%1&apos;: the folder &apos;%2&apos; does not exist</source>
        <translation>kann den Trace nicht nach &apos;%1&apos; schreiben: den Ordner &apos;%2&apos; gibt es nicht</translation>
    </message>
    <message>
        <source>cannot write the trace to &apos;%1&apos;: it is a folder</source>
        <translation>kann den Trace nicht nach &apos;%1&apos; schreiben: das ist ein Ordner</translation>
    </message>
    <message>
        <source>the lesson &apos;%1&apos; could not run: %2</source>
        <translation>die Lektion &apos;%1&apos; konnte nicht laufen: %2</translation>
    </message>
    <message>
        <source>cannot write the trace to &apos;%1&apos;: %2</source>
        <translation>kann den Trace nicht nach &apos;%1&apos; schreiben: %2</translation>
    </message>
    <message>
        <source>dirigent: deadlock at t=%1 s: nothing is ready and no timer is pending, but tasks still wait:</source>
        <translation>dirigent: Deadlock bei t=%1 s: nichts ist bereit, kein Timer steht aus, aber Tasks warten noch:</translation>
    </message>
    <message>
        <source>%1 waits on %2 at %3:%4</source>
        <translation>%1 wartet auf %2 in %3:%4</translation>
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
        <translation>Dirigent zeigt dir, wie async/await funktioniert – so, wie Pythons asyncio es macht. Öffne eine Lektion, drück auf Play und sieh zu, wie die Event Loop das Wort von Task zu Task weitergibt: wer läuft, wer bis wann schläft, wer auf welche Queue oder welches Semaphor wartet, wo ein Abbruch ankommt und welchen Weg eine Exception nimmt.</translation>
    </message>
    <message>
        <source>Lessons and live demos will appear here soon.</source>
        <translation>Lektionen und Live-Demos erscheinen hier bald.</translation>
    </message>
</context>
</TS>
