<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>BreakCommand</name>
    <message>
        <source>Play one with: dirigent break LEVEL</source>
        <translation>Spiel eins mit: dirigent break LEVEL</translation>
    </message>
    <message>
        <source>dirigent: internal error: no level &apos;%1&apos;
</source>
        <translation>dirigent: interner Fehler: kein Level &apos;%1&apos;
</translation>
    </message>
    <message>
        <source>Type the number of a move; u undoes the last one, r starts again, q ends.</source>
        <translation>Tippe die Nummer eines Zugs; u nimmt den letzten zurück, r fängt von vorn an, q beendet.</translation>
    </message>
    <message>
        <source>The fixed program:</source>
        <translation>Das reparierte Programm:</translation>
    </message>
    <message>
        <source>Type r to start again, u to undo the last move, q to end.</source>
        <translation>Tippe r für einen neuen Anfang, u, um den letzten Zug zurückzunehmen, q zum Beenden.</translation>
    </message>
    <message>
        <source>Not broken yet.</source>
        <translation>Noch nicht kaputt.</translation>
    </message>
    <message>
        <source>Undone.</source>
        <translation>Zurückgenommen.</translation>
    </message>
    <message>
        <source>From the start.</source>
        <translation>Von vorn.</translation>
    </message>
    <message>
        <source>Type a number from 1 to %1, or u, r or q.</source>
        <extracomment>%1: the highest number in the list</extracomment>
        <translation>Tippe eine Zahl von 1 bis %1 oder u, r oder q.</translation>
    </message>
    <message>
        <source>Type r, u or q.</source>
        <translation>Tippe r, u oder q.</translation>
    </message>
</context>
<context>
    <name>BreakPanel</name>
    <message>
        <source>The fixed program</source>
        <translation>Das reparierte Programm</translation>
    </message>
    <message>
        <source>The program</source>
        <translation>Das Programm</translation>
    </message>
    <message>
        <source>Break it – Dirigent</source>
        <translation>Knack es – Dirigent</translation>
    </message>
    <message>
        <source>Choose a level</source>
        <translation>Wähle ein Level</translation>
    </message>
    <message>
        <source>Undo (U)</source>
        <translation>Zurück (U)</translation>
    </message>
    <message>
        <source>Start again (R)</source>
        <translation>Von vorn (R)</translation>
    </message>
    <message>
        <source>Play the fixed program</source>
        <translation>Das reparierte Programm spielen</translation>
    </message>
    <message>
        <source>Try to break the fixed program too: no order of moves should</source>
        <translation>Versuch auch, das reparierte Programm zu knacken: Keine Reihenfolge der Züge sollte es schaffen</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Was passiert ist</translation>
    </message>
    <message>
        <source>Opens when you have broken the program</source>
        <translation>Öffnet sich, sobald du das Programm geknackt hast</translation>
    </message>
</context>
<context>
    <name>BreakText</name>
    <message>
        <source>Break it: real I/O completes in an order nobody controls. Here you control it. Whenever every task waits, pick which pending I/O completes next (or fails, or which task gets cancelled) until the program breaks.</source>
        <translation>Knack es: Echte I/O wird in einer Reihenfolge fertig, die niemand bestimmt. Hier bestimmst du sie. Immer wenn alle Tasks warten, wählst du, welche offene I/O als Nächstes fertig wird (oder scheitert, oder welcher Task abgebrochen wird), bis das Programm kaputtgeht.</translation>
    </message>
    <message>
        <source>Every task waits. What happens next?</source>
        <translation>Alle Tasks warten. Was passiert als Nächstes?</translation>
    </message>
    <message>
        <source>%1: %2 returns</source>
        <extracomment>%1: the task, %2: the awaited call, e.g. &quot;bank.confirm(&apos;alice&apos;)&quot;</extracomment>
        <translation>%1: %2 kommt zurück</translation>
    </message>
    <message>
        <source>%1: %2 fails with ConnectionError</source>
        <extracomment>%1: the task, %2: the awaited call</extracomment>
        <translation>%1: %2 scheitert mit ConnectionError</translation>
    </message>
    <message>
        <source>%1 is cancelled</source>
        <extracomment>%1: the task</extracomment>
        <translation>%1 wird abgebrochen</translation>
    </message>
    <message numerus="yes">
        <source>Broken after %n move(s): the program hangs, nothing can happen any more. %1</source>
        <extracomment>%n: moves played; %1: who waits on what (program output, English)</extracomment>
        <translation>
            <numerusform>Kaputt nach %n Zug: Das Programm hängt, nichts kann mehr passieren. %1</numerusform>
            <numerusform>Kaputt nach %n Zügen: Das Programm hängt, nichts kann mehr passieren. %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Broken after %n move(s): %1</source>
        <extracomment>%n: moves played; %1: what is wrong (program output, English)</extracomment>
        <translation>
            <numerusform>Kaputt nach %n Zug: %1</numerusform>
            <numerusform>Kaputt nach %n Zügen: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>The program ended and nothing broke. Try another order.</source>
        <translation>Das Programm ist fertig, und nichts ist kaputtgegangen. Versuch eine andere Reihenfolge.</translation>
    </message>
    <message numerus="yes">
        <source>The search found an order that breaks it, with %n move(s).</source>
        <extracomment>%n: the moves of the order found</extracomment>
        <translation>
            <numerusform>Die Suche hat eine Reihenfolge gefunden, die es kaputt macht, mit %n Zug.</numerusform>
            <numerusform>Die Suche hat eine Reihenfolge gefunden, die es kaputt macht, mit %n Zügen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The game tried every possible order of moves, all %n of them, each to its end (at most %1 moves): none breaks it.</source>
        <extracomment>%n: how many orders were tried; %1: the moves of the longest</extracomment>
        <translation>
            <numerusform>Das Spiel hat die einzige mögliche Reihenfolge der Züge bis zu ihrem Ende probiert (höchstens %1 Züge): Sie macht es nicht kaputt.</numerusform>
            <numerusform>Das Spiel hat jede mögliche Reihenfolge der Züge probiert, alle %n, jede bis zu ihrem Ende (höchstens %1 Züge): keine macht es kaputt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The game tried %n order(s) up to %1 moves: none breaks it within that bound.</source>
        <extracomment>%n: how many orders were tried; %1: the bound</extracomment>
        <translation>
            <numerusform>Das Spiel hat %n Reihenfolge bis zu %1 Zügen probiert: Keine macht es innerhalb dieser Grenze kaputt.</numerusform>
            <numerusform>Das Spiel hat %n Reihenfolgen bis zu %1 Zügen probiert: Keine macht es innerhalb dieser Grenze kaputt.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 levels broken</source>
        <extracomment>%1 of %2 levels</extracomment>
        <translation>%1 von %2 Levels geknackt</translation>
    </message>
    <message>
        <source>Must hold: %1</source>
        <extracomment>%1: what the program must keep true, code-like (English), e.g. &quot;stock &gt;= 0&quot;</extracomment>
        <translation>Muss gelten: %1</translation>
    </message>
</context>
<context>
    <name>BucketView</name>
    <message>
        <source>Token buckets</source>
        <translation>Token Buckets</translation>
    </message>
    <message>
        <source>No token bucket in this run</source>
        <translation>Kein Token Bucket in diesem Lauf</translation>
    </message>
    <message>
        <source>full</source>
        <translation>voll</translation>
    </message>
    <message>
        <source>%1: %2 of %3 tokens</source>
        <translation>%1: %2 von %3 Tokens</translation>
    </message>
    <message>
        <source>taken so far: %1   waiting for tokens: %2</source>
        <translation>bisher genommen: %1   warten auf Tokens: %2</translation>
    </message>
    <message>
        <source>nobody waits</source>
        <translation>niemand wartet</translation>
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
        <translation>lesson.py: das Programm, wie du es mit asyncio schreiben würdest</translation>
    </message>
    <message>
        <source>scenario.cpp: the C++ twin that runs and is shown</source>
        <translation>scenario.cpp: der C++-Zwilling, der läuft und gezeigt wird</translation>
    </message>
    <message>
        <source>Listings</source>
        <translation>Listings</translation>
    </message>
    <message>
        <source>Python listing</source>
        <translation>Python-Listing</translation>
    </message>
    <message>
        <source>C++ listing</source>
        <translation>C++-Listing</translation>
    </message>
    <message>
        <source>The highlighted line matches the current await in the C++ listing.</source>
        <translation>Die hervorgehobene Zeile entspricht dem aktuellen await im C++-Listing.</translation>
    </message>
    <message>
        <source>The highlighted line is the co_await of the current event.</source>
        <translation>Die hervorgehobene Zeile ist das co_await des aktuellen Ereignisses.</translation>
    </message>
    <message>
        <source>The same program with a real HTTP library. Start the demo server in a terminal with &lt;code&gt;dirigent serve&lt;/code&gt; (it prints its URL), then run:</source>
        <translation>Dasselbe Programm mit einer echten HTTP-Bibliothek. Starte den Demo-Server in einem Terminal mit &lt;code&gt;dirigent serve&lt;/code&gt; (er gibt seine URL aus) und führe dann aus:</translation>
    </message>
    <message>
        <source>The same program with a real HTTP library. The demo server of your live run listens at %1; run it against that server:</source>
        <translation>Dasselbe Programm mit einer echten HTTP-Bibliothek. Der Demo-Server deines Live-Laufs lauscht auf %1; führ es gegen diesen Server aus:</translation>
    </message>
    <message>
        <source>How to run %1</source>
        <translation>So startest du %1</translation>
    </message>
    <message>
        <source>Listing %1</source>
        <translation>Listing %1</translation>
    </message>
    <message>
        <source>%1: the lesson written with a real library, to run yourself</source>
        <translation>%1: die Lektion mit einer echten Bibliothek geschrieben, zum selbst Ausführen</translation>
    </message>
    <message>
        <source>The same program with a real database library. &lt;code&gt;--db&lt;/code&gt; names the database it works on (asyncpg: a postgresql:// URL; aiosqlite: a SQLite file, made if missing; SQLAlchemy: either); the summary at the end has the names of &lt;code&gt;dirigent live database&lt;/code&gt;&apos;s:</source>
        <translation>Dasselbe Programm mit einer echten Datenbank-Bibliothek. &lt;code&gt;--db&lt;/code&gt; nennt die Datenbank, mit der es arbeitet (asyncpg: eine postgresql://-URL; aiosqlite: eine SQLite-Datei, die angelegt wird, wenn sie fehlt; SQLAlchemy: beides); die Zusammenfassung am Ende trägt dieselben Namen wie die von &lt;code&gt;dirigent live database&lt;/code&gt;:</translation>
    </message>
</context>
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
        <source>run: print the quiz with the answers computed from the run.</source>
        <translation>run: das Quiz mit den aus dem Lauf berechneten Antworten ausgeben.</translation>
    </message>
    <message>
        <source>(none)</source>
        <extracomment>The empty list in &quot;choose one of: %1&quot;</extracomment>
        <translation>(keine)</translation>
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
    <message>
        <source>screenshot: show the run at &lt;fraction&gt; of its events, 0 (start) to 1 (end); default 0.5.</source>
        <extracomment>&lt;fraction&gt; is the option&apos;s value as the help shows it; keep it as is.</extracomment>
        <translation>screenshot: den Lauf bei &lt;fraction&gt; seiner Ereignisse zeigen, 0 (Anfang) bis 1 (Ende); Standard 0.5.</translation>
    </message>
    <message>
        <source>screenshot: the picture&apos;s size in pixels, from 640x400 to 7680x4320; default 1366x768.</source>
        <extracomment>&lt;WxH&gt; is the option&apos;s value as the help shows it; keep it as is.</extracomment>
        <translation>screenshot: die Größe des Bildes in Pixeln, von 640x400 bis 7680x4320; Standard 1366x768.</translation>
    </message>
    <message>
        <source>Examples:</source>
        <translation>Beispiele:</translation>
    </message>
    <message>
        <source>the option &apos;%1&apos; works only with &apos;dirigent %2&apos; or &apos;dirigent %3&apos;</source>
        <translation>die Option &apos;%1&apos; gibt es nur bei &apos;dirigent %2&apos; oder &apos;dirigent %3&apos;</translation>
    </message>
    <message>
        <source>&apos;%1&apos; needs a lesson, choose one of: %2</source>
        <extracomment>%1: the command (run, screenshot), %2: the lessons</extracomment>
        <translation>&apos;%1&apos; braucht eine Lektion, wähle eine von: %2</translation>
    </message>
    <message>
        <source>--at expects a fraction of the run from 0 to 1 (0.5: the middle), not &apos;%1&apos;</source>
        <translation>--at erwartet einen Anteil des Laufs von 0 bis 1 (0.5: die Mitte), nicht &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--size expects WIDTHxHEIGHT in pixels from %1x%2 to %3x%4 (like 1366x768), not &apos;%5&apos;</source>
        <extracomment>%1..%4: the smallest and largest width and height, %5: the value typed</extracomment>
        <translation>--size erwartet BREITExHÖHE in Pixeln von %1x%2 bis %3x%4 (etwa 1366x768), nicht &apos;%5&apos;</translation>
    </message>
    <message>
        <source>&apos;screenshot&apos; needs the file to save the picture to, like &apos;%1.png&apos;, after the lesson</source>
        <translation>&apos;screenshot&apos; braucht nach der Lektion die Datei, in die das Bild soll, etwa &apos;%1.png&apos;</translation>
    </message>
    <message>
        <source>the screenshot is saved as PNG: name the file &apos;*.png&apos;, not &apos;%1&apos;</source>
        <translation>der Screenshot wird als PNG gespeichert: nenne die Datei &apos;*.png&apos;, nicht &apos;%1&apos;</translation>
    </message>
    <message>
        <source>serve: listen on 127.0.0.1:&lt;n&gt;; 0 or none: a free port.</source>
        <extracomment>&lt;n&gt; is the option&apos;s value as the help shows it; keep it as is.</extracomment>
        <translation>serve: auf 127.0.0.1:&lt;n&gt; lauschen; 0 oder keine Angabe: ein freier Port.</translation>
    </message>
    <message>
        <source>serve: answer after &lt;s&gt; seconds; default 0.1.</source>
        <extracomment>&lt;s&gt; is the option&apos;s value as the help shows it; keep it as is.</extracomment>
        <translation>serve: nach &lt;s&gt; Sekunden antworten; Standard 0.1.</translation>
    </message>
    <message>
        <source>serve: accept &lt;n&gt; requests per second, answer 429 beyond; 0: no limit; default 4.</source>
        <translation>serve: &lt;n&gt; Anfragen pro Sekunde annehmen, darüber mit 429 antworten; 0: keine Grenze; Standard 4.</translation>
    </message>
    <message>
        <source>serve: never answer the first attempt of every &lt;n&gt;-th item; 0: none; default 4.</source>
        <translation>serve: den ersten Versuch jedes &lt;n&gt;-ten Eintrags nie beantworten; 0: keinen; Standard 4.</translation>
    </message>
    <message>
        <source>serve: answer this share &lt;p&gt; (0 to 1) with 500; default 0.</source>
        <extracomment>&lt;p&gt; is the option&apos;s value as the help shows it; keep it as is.</extracomment>
        <translation>serve: diesen Anteil &lt;p&gt; (0 bis 1) mit 500 beantworten; Standard 0.</translation>
    </message>
    <message>
        <source>serve: the seed of the 500s; default 1.</source>
        <translation>serve: der Seed für die 500er; Standard 1.</translation>
    </message>
    <message>
        <source>a port from 0 to 65535 (0: a free one)</source>
        <translation>einen Port von 0 bis 65535 (0: einen freien)</translation>
    </message>
    <message>
        <source>seconds from 0 to %1</source>
        <translation>Sekunden von 0 bis %1</translation>
    </message>
    <message>
        <source>a whole number of requests per second, 0 for no limit</source>
        <translation>eine ganze Zahl Anfragen pro Sekunde, 0 für keine Grenze</translation>
    </message>
    <message>
        <source>a whole number, 0 for no hanging requests</source>
        <translation>eine ganze Zahl, 0 für keine hängenden Anfragen</translation>
    </message>
    <message>
        <source>a share from 0 to 1</source>
        <translation>einen Anteil von 0 bis 1</translation>
    </message>
    <message>
        <source>a whole number from 0</source>
        <translation>eine ganze Zahl ab 0</translation>
    </message>
    <message>
        <source>%1 expects %2, not &apos;%3&apos;</source>
        <extracomment>%1: the option (--port, ...), %2: what it expects, %3: the value typed</extracomment>
        <translation>%1 erwartet %2, nicht &apos;%3&apos;</translation>
    </message>
    <message>
        <source>live: ask the server at &lt;url&gt; (http or https) instead of the demo server that Dirigent starts on 127.0.0.1.</source>
        <extracomment>&lt;url&gt; is the option&apos;s value as the help shows it; keep it as is.</extracomment>
        <translation>live: den Server unter &lt;url&gt; (http oder https) fragen statt des Demo-Servers, den Dirigent auf 127.0.0.1 startet.</translation>
    </message>
    <message>
        <source>the option &apos;%1&apos; works only with &apos;dirigent %2&apos;, &apos;dirigent %3&apos; or &apos;dirigent %4&apos;</source>
        <translation>die Option &apos;%1&apos; gibt es nur bei &apos;dirigent %2&apos;, &apos;dirigent %3&apos; oder &apos;dirigent %4&apos;</translation>
    </message>
    <message>
        <source>the lesson &apos;%1&apos; has no live variant; lessons with one: %2</source>
        <extracomment>%1: the lesson as typed, %2: the lessons that have a live variant</extracomment>
        <translation>die Lektion &apos;%1&apos; hat keine Live-Variante; Lektionen mit einer: %2</translation>
    </message>
    <message>
        <source>--url expects an http:// or https:// URL with a host, not &apos;%1&apos;</source>
        <translation>--url erwartet eine http://- oder https://-URL mit einem Host, nicht &apos;%1&apos;</translation>
    </message>
    <message>
        <source>run, live, screenshot: switch on the lesson&apos;s pitfall.</source>
        <translation>run, live, screenshot: die Falle der Lektion einschalten.</translation>
    </message>
    <message>
        <source>screenshot: run the lesson&apos;s live variant against its own demo server until it ends, then take the picture.</source>
        <translation>screenshot: die Live-Variante der Lektion gegen ihren eigenen Demo-Server laufen lassen, bis sie endet, dann das Bild aufnehmen.</translation>
    </message>
    <message>
        <source>live: speak HTTP/2 (every request on one connection, as httpx can) instead of HTTP/1.1; the demo server is put behind nghttpx.</source>
        <translation>live: HTTP/2 sprechen (jede Anfrage auf einer einzigen Verbindung, wie httpx es kann) statt HTTP/1.1; der Demo-Server bekommt nghttpx vorgeschaltet.</translation>
    </message>
    <message>
        <source>--http2 puts nghttpx in front of the demo server; leave out --url</source>
        <translation>--http2 stellt nghttpx vor den Demo-Server; lass --url weg</translation>
    </message>
    <message>
        <source>live database: the database: sqlite (the default: a new file in a temporary folder), the path of a SQLite file, or a postgresql:// URL.</source>
        <extracomment>&lt;database&gt; is the option&apos;s value as the help shows it; keep it as is.</extracomment>
        <translation>live database: die Datenbank: sqlite (Standard: eine neue Datei in einem temporären Ordner), der Pfad einer SQLite-Datei oder eine postgresql://-URL.</translation>
    </message>
    <message>
        <source>the option &apos;%1&apos; does not work with &apos;dirigent live %2&apos;</source>
        <extracomment>%1: an option such as --url; %2: a lesson id</extracomment>
        <translation>die Option &apos;%1&apos; geht nicht mit &apos;dirigent live %2&apos;</translation>
    </message>
    <message>
        <source>--db expects sqlite, a SQLite file or a postgresql:// URL; &apos;%1&apos; cannot be used: %2</source>
        <extracomment>%1: the --db value as typed; %2: why it cannot be used (English, from the program)</extracomment>
        <translation>--db erwartet sqlite, eine SQLite-Datei oder eine postgresql://-URL; &apos;%1&apos; geht nicht: %2</translation>
    </message>
    <message>
        <source>the option &apos;%1&apos; works only with &apos;dirigent %2&apos;, &apos;dirigent %3&apos;, &apos;dirigent %4&apos; or &apos;dirigent %5&apos;</source>
        <translation>die Option &apos;%1&apos; gibt es nur bei &apos;dirigent %2&apos;, &apos;dirigent %3&apos;, &apos;dirigent %4&apos; oder &apos;dirigent %5&apos;</translation>
    </message>
    <message>
        <source>break: the fixed program instead of the broken one.</source>
        <translation>break: das reparierte Programm statt des kaputten.</translation>
    </message>
    <message>
        <source>break: let the game try every order of moves and print the first one that breaks the program (its picks: the numbers to type).</source>
        <translation>break: das Spiel jede Reihenfolge der Züge probieren lassen und die erste ausgeben, die das Programm kaputt macht (ihre Picks: die Zahlen zum Eintippen).</translation>
    </message>
    <message>
        <source>unknown level &apos;%1&apos;, choose one of: %2</source>
        <translation>unbekanntes Level &apos;%1&apos;, wähle eins von: %2</translation>
    </message>
    <message>
        <source>--fixed and --solve need a level, choose one of: %1</source>
        <translation>--fixed und --solve brauchen ein Level, wähle eins von: %1</translation>
    </message>
    <message>
        <source>run, live, screenshot: set a parameter of the lesson (repeat for more); trace: set a number constant at the top of the program (NAME=VALUE).</source>
        <translation>run, live, screenshot: einen Parameter der Lektion setzen (für mehrere wiederholen); trace: eine Zahl-Konstante oben im Programm setzen (NAME=WERT).</translation>
    </message>
    <message>
        <source>run, live, trace: print the log (the default; with --quiz, both).</source>
        <translation>run, live, trace: das Log ausgeben (Standard; mit --quiz beides).</translation>
    </message>
    <message>
        <source>run, live, trace, replay: write the trace to &lt;file&gt; as Chrome trace-event JSON (for ui.perfetto.dev).</source>
        <extracomment>&lt;file&gt; is the option&apos;s value as the help shows it; keep it as is.</extracomment>
        <translation>run, live, trace, replay: den Trace als Chrome-Trace-Event-JSON in &lt;file&gt; schreiben (für ui.perfetto.dev).</translation>
    </message>
    <message>
        <source>run, trace: save the trace to &lt;file&gt; in Dirigent&apos;s own format (JSON Lines), which &apos;dirigent replay&apos; reads.</source>
        <extracomment>&lt;file&gt; is the option&apos;s value as the help shows it; keep it as is.</extracomment>
        <translation>run, trace: den Trace in Dirigents eigenem Format (JSON Lines) in &lt;file&gt; speichern; &apos;dirigent replay&apos; liest ihn.</translation>
    </message>
    <message>
        <source>trace: run the program in real time on asyncio&apos;s own loop (its sockets and files are real) instead of on the virtual clock.</source>
        <translation>trace: das Programm in Echtzeit auf asyncios eigener Event Loop ausführen (seine Sockets und Dateien sind echt) statt auf der virtuellen Uhr.</translation>
    </message>
    <message>
        <source>trace: stop the program after &lt;s&gt; seconds of real time; 0: never; default 60 on the virtual clock, never in real time.</source>
        <extracomment>&lt;s&gt; is the option&apos;s value as the help shows it; keep it as is.</extracomment>
        <translation>trace: das Programm nach &lt;s&gt; Sekunden echter Zeit stoppen; 0: nie; Standard 60 auf der virtuellen Uhr, in Echtzeit nie.</translation>
    </message>
    <message>
        <source>the option &apos;%1&apos; works only with &apos;dirigent %2&apos;, &apos;dirigent %3&apos;, &apos;dirigent %4&apos;, &apos;dirigent %5&apos; or &apos;dirigent %6&apos;</source>
        <translation>die Option &apos;%1&apos; geht nur mit &apos;dirigent %2&apos;, &apos;dirigent %3&apos;, &apos;dirigent %4&apos;, &apos;dirigent %5&apos; oder &apos;dirigent %6&apos;</translation>
    </message>
    <message>
        <source>&apos;trace&apos; needs the Python program to run, like &apos;dirigent trace crawler.py&apos;</source>
        <translation>&apos;trace&apos; braucht das Python-Programm, das laufen soll, etwa &apos;dirigent trace crawler.py&apos;</translation>
    </message>
    <message>
        <source>&apos;replay&apos; needs a trace file saved with --save, like &apos;dirigent replay run.trace&apos;</source>
        <translation>&apos;replay&apos; braucht eine mit --save gespeicherte Trace-Datei, etwa &apos;dirigent replay run.trace&apos;</translation>
    </message>
    <message>
        <source>--timeout expects seconds from 0 (never) to 86400, not &apos;%1&apos;</source>
        <translation>--timeout erwartet Sekunden von 0 (nie) bis 86400, nicht &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--set expects NAME=VALUE, not &apos;%1&apos;</source>
        <translation>--set erwartet NAME=WERT, nicht &apos;%1&apos;</translation>
    </message>
    <message>
        <source>Without a command, Dirigent opens its window. &apos;lessons&apos; lists the lessons; &apos;run LESSON&apos; runs a lesson in virtual time and prints its log; &apos;play LESSON&apos; lets you be the event loop: at each step you pick the task that runs next; &apos;break [LEVEL]&apos; lists the break-it levels or plays one: you pick the order in which pending I/O completes until the program breaks; &apos;live LESSON&apos; runs its live variant with real requests, in real time, and prints the log and what was measured; &apos;screenshot LESSON OUT.png&apos; saves a picture of the window showing the lesson, rendered without a display; &apos;serve&apos; runs the demo HTTP server on 127.0.0.1 until Ctrl+C; &apos;trace PROGRAM.py&apos; runs your own asyncio program under Python, in virtual time, and prints its log; &apos;replay TRACE&apos; prints the log of a trace saved with --save; &apos;open FILE&apos; opens the window with a saved trace or a Python program of yours.</source>
        <translation>Ohne Befehl öffnet Dirigent sein Fenster. &apos;lessons&apos; listet die Lektionen auf; &apos;run LESSON&apos; führt eine Lektion in virtueller Zeit aus und gibt ihr Log aus; &apos;play LESSON&apos; macht dich zur Event Loop: Bei jedem Schritt wählst du den Task, der als Nächstes läuft; &apos;break [LEVEL]&apos; listet die Knack-es-Level auf oder spielt eins: Du wählst, in welcher Reihenfolge offene I/O fertig wird, bis das Programm kaputtgeht; &apos;live LESSON&apos; führt ihre Live-Variante mit echten Anfragen in Echtzeit aus und gibt das Log und die Messwerte aus; &apos;screenshot LESSON OUT.png&apos; speichert ein Bild des Fensters mit der Lektion, gerendert ohne Bildschirm; &apos;serve&apos; startet den Demo-HTTP-Server auf 127.0.0.1, bis du Strg+C drückst; &apos;trace PROGRAM.py&apos; führt dein eigenes asyncio-Programm unter Python in virtueller Zeit aus und gibt sein Log aus; &apos;replay TRACE&apos; gibt das Log eines mit --save gespeicherten Traces aus; &apos;open FILE&apos; öffnet das Fenster mit einem gespeicherten Trace oder einem Python-Programm von dir.</translation>
    </message>
    <message>
        <source>unknown command &apos;%1&apos;, choose lessons, run, play, break, live, screenshot, serve, trace, replay or open</source>
        <translation>unbekannter Befehl &apos;%1&apos;, wähle lessons, run, play, break, live, screenshot, serve, trace, replay oder open</translation>
    </message>
    <message>
        <source>&apos;open&apos; needs a trace saved with --save or a Python program, like &apos;dirigent open run.trace&apos;</source>
        <translation>&apos;open&apos; braucht einen mit --save gespeicherten Trace oder ein Python-Programm, etwa &apos;dirigent open lauf.trace&apos;</translation>
    </message>
</context>
<context>
    <name>ConsoleView</name>
    <message>
        <source>Console</source>
        <translation>Konsole</translation>
    </message>
    <message>
        <source>(no output yet)</source>
        <translation>(noch keine Ausgabe)</translation>
    </message>
    <message numerus="yes">
        <source>%n newer line(s) below</source>
        <translation>
            <numerusform>%n neuere Zeile darunter</numerusform>
            <numerusform>%n neuere Zeilen darunter</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DeadlockOverlay</name>
    <message>
        <source>Deadlock report</source>
        <translation>Deadlock-Bericht</translation>
    </message>
    <message>
        <source>Deadlock: the loop stopped, these tasks wait forever</source>
        <translation>Deadlock: Die Loop steht still, diese Tasks warten ewig</translation>
    </message>
    <message>
        <source>waits on %1</source>
        <translation>wartet auf %1</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more task(s)</source>
        <translation>
            <numerusform>… und %n weitere Task</numerusform>
            <numerusform>… und %n weitere Tasks</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EventLoopView</name>
    <message>
        <source>Event loop</source>
        <translation>Event Loop</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>timers</source>
        <translation>Timer</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>wartet</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>fertig</translation>
    </message>
    <message>
        <source>loop stopped</source>
        <translation>Loop gestoppt</translation>
    </message>
    <message>
        <source>iteration %1</source>
        <translation>Iteration %1</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>Leerlauf</translation>
    </message>
    <message>
        <source>ready queue (next first)</source>
        <translation>Ready-Queue (nächste zuerst)</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>leer</translation>
    </message>
    <message>
        <source>+%1 more</source>
        <translation>+%1 weitere</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>not started</source>
        <translation>nicht gestartet</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>niemand</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>noch keine</translation>
    </message>
    <message numerus="yes">
        <source>+%n more group(s)</source>
        <translation>
            <numerusform>+%n weitere Gruppe</numerusform>
            <numerusform>+%n weitere Gruppen</numerusform>
        </translation>
    </message>
    <message>
        <source>loop held for %1 by a callback</source>
        <translation>Loop %1 lang von einem Callback blockiert</translation>
    </message>
    <message>
        <source>loop held for %1 by %2</source>
        <translation>Loop %1 lang von %2 blockiert</translation>
    </message>
    <message>
        <source>Debug mode: %1</source>
        <translation>Debug-Modus: %1</translation>
    </message>
    <message>
        <source>ready (creation order, queue order hidden)</source>
        <translation>bereit (nach Erzeugung sortiert, Queue-Reihenfolge verdeckt)</translation>
    </message>
    <message numerus="yes">
        <source>ready queue (next first): %n task(s)</source>
        <translation>
            <numerusform>Ready-Queue (nächste zuerst): %n Task</numerusform>
            <numerusform>Ready-Queue (nächste zuerst): %n Tasks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n task(s))</source>
        <translation>
            <numerusform>%1 (%n Task)</numerusform>
            <numerusform>%1 (%n Tasks)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LagMeter</name>
    <message>
        <source>Loop lag</source>
        <translation>Loop-Lag</translation>
    </message>
    <message>
        <source>No tick yet.</source>
        <translation>Noch kein Tick.</translation>
    </message>
    <message numerus="yes">
        <source>last tick %1 late · worst %2 · %n tick(s)</source>
        <extracomment>%1: how late the last heartbeat tick fired, %2: the latest so far, %3: how many ticks</extracomment>
        <translation>
            <numerusform>letzter Tick %1 zu spät · Maximum %2 · %n Tick</numerusform>
            <numerusform>letzter Tick %1 zu spät · Maximum %2 · %n Ticks</numerusform>
        </translation>
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
        <source>the lesson &apos;%1&apos; could not run: %2</source>
        <translation>die Lektion &apos;%1&apos; konnte nicht laufen: %2</translation>
    </message>
</context>
<context>
    <name>LessonListPanel</name>
    <message>
        <source>Lessons</source>
        <translation>Lektionen</translation>
    </message>
    <message>
        <source>Choose a lesson; a check mark shows the lessons you have done.</source>
        <translation>Wähle eine Lektion; ein Häkchen zeigt die Lektionen, die du schon gemacht hast.</translation>
    </message>
    <message>
        <source>%1. %2</source>
        <translation>%1. %2</translation>
    </message>
    <message>
        <source>%1 (done)</source>
        <translation>%1 (erledigt)</translation>
    </message>
    <message>
        <source>%1: comes later, with the live demos</source>
        <translation>%1: kommt später, mit den Live-Demos</translation>
    </message>
</context>
<context>
    <name>LessonTextView</name>
    <message>
        <source>Lesson text</source>
        <translation>Lektionstext</translation>
    </message>
</context>
<context>
    <name>LiveCommand</name>
    <message>
        <source>internal error: the lesson &apos;%1&apos; has no live variant</source>
        <translation>interner Fehler: die Lektion &apos;%1&apos; hat keine Live-Variante</translation>
    </message>
    <message>
        <source>cannot start the demo server on 127.0.0.1: %1</source>
        <translation>kann den Demo-Server auf 127.0.0.1 nicht starten: %1</translation>
    </message>
    <message>
        <source>the lesson &apos;%1&apos; could not run live: %2</source>
        <translation>die Lektion &apos;%1&apos; konnte nicht live laufen: %2</translation>
    </message>
    <message>
        <source>the live run of &apos;%1&apos; failed: %2</source>
        <translation>der Live-Lauf von &apos;%1&apos; ist gescheitert: %2</translation>
    </message>
    <message>
        <source>no answer within %1 s to any attempt</source>
        <translation>auf keinen Versuch kam innerhalb von %1 s eine Antwort</translation>
    </message>
    <message>
        <source>cannot reach %1: %2</source>
        <extracomment>%1: the URL as typed, %2: why (Qt&apos;s message, such as &quot;Connection refused&quot;)</extracomment>
        <translation>kann %1 nicht erreichen: %2</translation>
    </message>
    <message>
        <source>cannot start the HTTP/2 front: %1</source>
        <extracomment>%1: why (such as &quot;HTTP/2 needs nghttpx (Debian package nghttp2-proxy)&quot;)</extracomment>
        <translation>kann das HTTP/2-Frontend nicht starten: %1</translation>
    </message>
    <message>
        <source>cannot use the database (%1): %2</source>
        <extracomment>%1: where (&quot;SQLite at /tmp/x.sqlite&quot;, &quot;PostgreSQL at 127.0.0.1:5432/bank&quot;); %2: why</extracomment>
        <translation>kann die Datenbank nicht benutzen (%1): %2</translation>
    </message>
    <message>
        <source>the threads lesson measures live, it records no trace: --trace-json does not apply</source>
        <translation>die Threads-Lektion misst live und zeichnet keinen Trace auf: --trace-json passt hier nicht</translation>
    </message>
</context>
<context>
    <name>LiveController</name>
    <message>
        <source>Live run against the demo server at %1 …</source>
        <extracomment>%1: the demo server&apos;s address, such as http://127.0.0.1:41234</extracomment>
        <translation>Live-Lauf gegen den Demo-Server unter %1 …</translation>
    </message>
    <message>
        <source>Stopping: every task is cancelled …</source>
        <translation>Wird gestoppt: Jeder Task wird abgebrochen …</translation>
    </message>
    <message>
        <source>Stopped after %1 s.</source>
        <translation>Gestoppt nach %1 s.</translation>
    </message>
    <message>
        <source>Finished in %1 s.</source>
        <translation>Fertig nach %1 s.</translation>
    </message>
    <message>
        <source>The demo server could not start: %1</source>
        <translation>Der Demo-Server konnte nicht starten: %1</translation>
    </message>
    <message>
        <source>The live run failed: %1</source>
        <translation>Der Live-Lauf ist gescheitert: %1</translation>
    </message>
    <message>
        <source>The demo server did not answer: %1</source>
        <translation>Der Demo-Server hat nicht geantwortet: %1</translation>
    </message>
    <message>
        <source>Press Run: real requests go to a demo server on this computer.</source>
        <translation>Drück auf Starten: Dann gehen echte Anfragen an einen Demo-Server auf diesem Computer.</translation>
    </message>
    <message>
        <source>Live run over HTTP/2 via nghttpx at %1, in front of the demo server at %2 …</source>
        <extracomment>%1: the HTTP/2 front&apos;s address, %2: the demo server&apos;s</extracomment>
        <translation>Live-Lauf über HTTP/2 durch nghttpx unter %1, vor dem Demo-Server unter %2 …</translation>
    </message>
    <message>
        <source>HTTP/2 needs the program nghttpx, which is not installed on this computer (Debian package nghttp2-proxy). Install it, or choose HTTP/1.1.</source>
        <translation>Für HTTP/2 brauchst du das Programm nghttpx, und das ist auf diesem Computer nicht installiert (Debian-Paket nghttp2-proxy). Installier es oder wähl HTTP/1.1.</translation>
    </message>
    <message>
        <source>The HTTP/2 front (nghttpx) could not start: %1</source>
        <translation>Das HTTP/2-Frontend (nghttpx) konnte nicht starten: %1</translation>
    </message>
    <message>
        <source>Press Run: real queries go to a real database (SQLite, or PostgreSQL when you give its URL).</source>
        <translation>Drück auf „Starten“: Echte Abfragen gehen an eine echte Datenbank (SQLite, oder PostgreSQL, wenn du seine URL angibst).</translation>
    </message>
    <message>
        <source>Live run against %1 …</source>
        <extracomment>%1: where, in the program&apos;s words (&quot;SQLite (a temporary file)&quot;, &quot;PostgreSQL at 127.0.0.1:5432/bank&quot;)</extracomment>
        <translation>Live-Lauf gegen %1 …</translation>
    </message>
    <message>
        <source>This database cannot be used: %1</source>
        <translation>Diese Datenbank geht nicht: %1</translation>
    </message>
    <message>
        <source>The database could not be used (%1): %2</source>
        <extracomment>%1: where (&quot;PostgreSQL at 127.0.0.1:5432/bank&quot;), %2: the database&apos;s own message</extracomment>
        <translation>Die Datenbank ließ sich nicht benutzen (%1): %2</translation>
    </message>
    <message>
        <source>PostgreSQL at %1</source>
        <extracomment>%1: host:port/database of a PostgreSQL URL (never its password)</extracomment>
        <translation>PostgreSQL auf %1</translation>
    </message>
    <message>
        <source>SQLite (a temporary file)</source>
        <translation>SQLite (eine temporäre Datei)</translation>
    </message>
    <message>
        <source>SQLite at %1</source>
        <extracomment>%1: the SQLite file</extracomment>
        <translation>SQLite in %1</translation>
    </message>
    <message>
        <source>Press Run: the heartbeat ticks on this window&apos;s own event loop. With the pitfall on, the window freezes while the loop is blocked.</source>
        <translation>Drück auf Starten: Der Heartbeat tickt auf der Event Loop dieses Fensters selbst. Mit eingeschalteter Falle friert das Fenster ein, solange die Loop blockiert ist.</translation>
    </message>
    <message>
        <source>Live run on this window&apos;s event loop …</source>
        <translation>Live-Lauf auf der Event Loop dieses Fensters …</translation>
    </message>
    <message>
        <source>Press Run: Dirigent creates N real threads and N coroutines on this computer and measures them, and CPython does the same when python3 is there.</source>
        <translation>Drück auf Starten: Dirigent erzeugt N echte Threads und N Coroutines auf diesem Computer und misst sie, und CPython macht dasselbe, wenn python3 da ist.</translation>
    </message>
    <message>
        <source>Measuring %1 threads and %1 coroutines …</source>
        <extracomment>%1: how many threads (and as many coroutines)</extracomment>
        <translation>%1 Threads und %1 Coroutines werden gemessen …</translation>
    </message>
    <message>
        <source>Stopped: what was measured until then is shown.</source>
        <translation>Gestoppt: Angezeigt wird, was bis dahin gemessen wurde.</translation>
    </message>
    <message>
        <source>Measured.</source>
        <translation>Gemessen.</translation>
    </message>
</context>
<context>
    <name>LiveTab</name>
    <message>
        <source>Model and measurement</source>
        <translation>Modell und Messung</translation>
    </message>
    <message>
        <source>Start a live run: then the model&apos;s prediction for the same values and what was measured stand here side by side.</source>
        <translation>Starte einen Live-Lauf: Dann stehen hier die Vorhersage des Modells für dieselben Werte und das Gemessene nebeneinander.</translation>
    </message>
    <message>
        <source>Model (virtual time)</source>
        <translation>Modell (virtuelle Zeit)</translation>
    </message>
    <message>
        <source>Live (measured, with the server lane)</source>
        <translation>Live (gemessen, mit der Spur des Servers)</translation>
    </message>
    <message>
        <source>Timeline of the model</source>
        <translation>Zeitleiste des Modells</translation>
    </message>
    <message>
        <source>Timeline of the live run</source>
        <translation>Zeitleiste des Live-Laufs</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Kennzahl</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Measured</source>
        <translation>Gemessen</translation>
    </message>
    <message>
        <source>Requests sent (retries included)</source>
        <translation>Anfragen samt Wiederholungen</translation>
    </message>
    <message>
        <source>URLs with 200 OK</source>
        <translation>URLs mit 200 OK</translation>
    </message>
    <message>
        <source>URLs given up</source>
        <translation>Aufgegebene URLs</translation>
    </message>
    <message>
        <source>429 answers</source>
        <translation>Antworten mit 429</translation>
    </message>
    <message>
        <source>Timeouts</source>
        <translation>Timeouts</translation>
    </message>
    <message>
        <source>No answer at all (errors)</source>
        <translation>Gar keine Antwort (Fehler)</translation>
    </message>
    <message>
        <source>Total time</source>
        <translation>Gesamtzeit</translation>
    </message>
    <message>
        <source>Connections the server accepted</source>
        <translation>Verbindungen beim Server</translation>
    </message>
    <message>
        <source>Most requests in flight at the server</source>
        <translation>Höchstens gleichzeitig beim Server</translation>
    </message>
    <message>
        <source>These values lie beyond the model&apos;s ranges (up to %1 requests, %2 in flight): the model makes no prediction for them, so only the measurement is shown.</source>
        <extracomment>%1: the model&apos;s most requests, %2: its most requests in flight</extracomment>
        <translation>Diese Werte liegen außerhalb der Bereiche des Modells (bis %1 Anfragen, %2 gleichzeitig): Dafür sagt das Modell nichts voraus, deshalb steht hier nur die Messung.</translation>
    </message>
    <message>
        <source>Why they differ: a real answer takes the server&apos;s 0.1 s plus a few milliseconds for the network stack and the threads, and that varies from run to run. Each new connection costs a set-up the model does not have. The server&apos;s rate window starts when the server starts counting, not at the model&apos;s t = 0, so a request a few milliseconds later can land in the next second and get no 429.</source>
        <translation>Warum sie sich unterscheiden: Eine echte Antwort braucht die 0,1 s des Servers plus ein paar Millisekunden für den Netzwerk-Stack und die Threads, und das schwankt von Lauf zu Lauf. Jede neue Verbindung kostet einen Aufbau, den das Modell nicht kennt. Das Sekundenfenster des Servers beginnt, wenn der Server zu zählen anfängt, nicht bei t = 0 des Modells; eine Anfrage, die ein paar Millisekunden später kommt, landet so vielleicht in der nächsten Sekunde und bekommt kein 429.</translation>
    </message>
    <message>
        <source>Client connections (HTTP/2)</source>
        <translation>Verbindungen des Clients (HTTP/2)</translation>
    </message>
    <message>
        <source>Requests multiplexed (HTTP/2)</source>
        <translation>Gebündelte Anfragen (HTTP/2)</translation>
    </message>
    <message>
        <source>Connections: %1 opened for %2 attempts (counted by the HTTP/2 front).</source>
        <extracomment>%1: connections the HTTP/2 front counted, %2: attempts sent over them</extracomment>
        <translation>Verbindungen: %1 geöffnet für %2 Versuche (gezählt vom HTTP/2-Frontend).</translation>
    </message>
    <message>
        <source>Connections: %1 opened for %2 attempts (counted by the server).</source>
        <extracomment>%1: connections the demo server counted, %2: attempts sent over them</extracomment>
        <translation>Verbindungen: %1 geöffnet für %2 Versuche (gezählt vom Server).</translation>
    </message>
    <message>
        <source>Live (measured)</source>
        <translation>Live (gemessen)</translation>
    </message>
    <message>
        <source>Queries answered (of 50)</source>
        <translation>Beantwortete Abfragen (von 50)</translation>
    </message>
    <message>
        <source>Connections opened</source>
        <translation>Geöffnete Verbindungen</translation>
    </message>
    <message>
        <source>Most connections in use at once</source>
        <translation>Gleichzeitig belegt (höchstens)</translation>
    </message>
    <message>
        <source>Acquires that waited for a connection</source>
        <translation>acquire() musste warten</translation>
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
        <translation>In der Datenbank abgebrochen</translation>
    </message>
    <message>
        <source>Total balance before</source>
        <translation>Summe der Kontostände vorher</translation>
    </message>
    <message>
        <source>Total balance after</source>
        <translation>Summe der Kontostände nachher</translation>
    </message>
    <message>
        <source>Connections: %1 opened for 50 queries and 3 transfers, on %2.</source>
        <extracomment>%1: connections opened, %2: where (&quot;SQLite (a temporary file)&quot;, &quot;PostgreSQL at 127.0.0.1:5432/bank&quot;)</extracomment>
        <translation>Verbindungen: %1 geöffnet für 50 Abfragen und 3 Überweisungen, auf %2.</translation>
    </message>
    <message>
        <source>These values lie beyond the model&apos;s ranges (a pool of up to %1 connections): the model makes no prediction for them, so only the measurement is shown.</source>
        <extracomment>%1: the model&apos;s largest pool</extracomment>
        <translation>Diese Werte liegen außerhalb der Bereiche des Modells (ein Pool mit bis zu %1 Verbindungen): Dafür sagt das Modell nichts voraus, deshalb steht hier nur die Messung.</translation>
    </message>
    <message>
        <source>Why they differ: the model charges 0.3 s for every new connection; a real one opens in about a millisecond (SQLite) or a few (PostgreSQL on this computer). The live program makes each lookup and each UPDATE wait LATENCY at the database, but BEGIN, COMMIT and ROLLBACK take only what the database needs, while the model charges LATENCY for them too, so the live transfers are shorter. The deadline of the last transfer still ends it halfway: the statement that runs is stopped at the database, and the rollback leaves the total as it was. SQLite lets one connection write at a time: a second writer waits for the first one&apos;s COMMIT or ROLLBACK.</source>
        <translation>Warum sie sich unterscheiden: Das Modell berechnet für jede neue Verbindung 0,3 s; eine echte steht nach etwa einer Millisekunde (SQLite) oder ein paar (PostgreSQL auf diesem Rechner). Im Live-Programm wartet jede Abfrage und jedes UPDATE LATENCY lang in der Datenbank, BEGIN, COMMIT und ROLLBACK aber brauchen nur, was die Datenbank braucht, während das Modell auch für sie LATENCY berechnet: Die Überweisungen sind live kürzer. Die Frist der letzten Überweisung beendet sie trotzdem mittendrin: Die laufende Anweisung wird in der Datenbank abgebrochen, und das Rollback lässt die Summe, wie sie war. Bei SQLite schreibt immer nur eine Verbindung: Eine zweite wartet auf das COMMIT oder ROLLBACK der ersten.</translation>
    </message>
    <message>
        <source>Loop lag: how late each heartbeat tick fires (one bar per tick, measured)</source>
        <translation>Loop-Lag: wie viel zu spät jeder Heartbeat-Tick feuert (ein Balken pro Tick, gemessen)</translation>
    </message>
    <message>
        <source>Heartbeat ticks</source>
        <translation>Heartbeat-Ticks</translation>
    </message>
    <message>
        <source>The heartbeat and the handler share one thread: the window&apos;s. A call that blocks it stops the ticks, the animation and your clicks alike.</source>
        <translation>Heartbeat und Handler teilen sich einen Thread: den des Fensters. Ein Aufruf, der ihn blockiert, hält die Ticks, die Animation und deine Klicks gleichermaßen an.</translation>
    </message>
    <message>
        <source>These values lie beyond the model&apos;s ranges: the model makes no prediction for them, so only the measurement is shown.</source>
        <translation>Diese Werte liegen außerhalb der Bereiche des Modells: Dafür sagt das Modell nichts voraus, deshalb steht hier nur die Messung.</translation>
    </message>
    <message>
        <source>Why they differ: the model&apos;s ticks are exact; real ones fire a little late, by what the operating system and the window&apos;s painting cost, usually a millisecond or two. A blocked loop shows the same gap in both: no tick fires until the call returns, then the late tick comes at once. A real CPU loop in a worker thread runs on another core; in Python the GIL would still make the heartbeat wait now and then.</source>
        <translation>Warum sie sich unterscheiden: Die Ticks des Modells sind exakt; echte feuern ein wenig zu spät, um das, was das Betriebssystem und das Zeichnen des Fensters kosten, meist ein oder zwei Millisekunden. Eine blockierte Loop zeigt in beiden dieselbe Lücke: Kein Tick feuert, bis der Aufruf zurückkehrt, dann kommt der verspätete Tick sofort. Eine echte CPU-Schleife in einem Worker-Thread läuft auf einem anderen Kern; in Python würde der GIL den Heartbeat trotzdem ab und zu warten lassen.</translation>
    </message>
    <message>
        <source>Lag, asyncio.sleep</source>
        <translation>Lag, asyncio.sleep</translation>
    </message>
    <message>
        <source>Lag, time.sleep on the loop</source>
        <translation>Lag, time.sleep auf der Loop</translation>
    </message>
    <message>
        <source>Lag, time.sleep in to_thread</source>
        <translation>Lag, time.sleep in to_thread</translation>
    </message>
    <message>
        <source>Lag, CPU loop on the loop</source>
        <translation>Lag, CPU-Schleife auf der Loop</translation>
    </message>
    <message>
        <source>Lag, CPU loop in an executor</source>
        <translation>Lag, CPU-Schleife in einem Executor</translation>
    </message>
    <message>
        <source>Start a live run: Dirigent creates N real threads and N coroutines on this computer, wakes them, and shows here what each cost, with CPython&apos;s figures beside them.</source>
        <translation>Starte einen Live-Lauf: Dirigent erzeugt N echte Threads und N Coroutines auf diesem Computer, weckt sie und zeigt hier, was sie jeweils kosten, mit den Zahlen von CPython daneben.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation>%1 konnte nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>Export view as PNG</source>
        <translation>Ansicht als PNG exportieren</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <source>Export trace as Chrome JSON</source>
        <translation>Trace als Chrome-JSON exportieren</translation>
    </message>
    <message>
        <source>Chrome trace files (*.json)</source>
        <translation>Chrome-Trace-Dateien (*.json)</translation>
    </message>
    <message>
        <source>Export log as text</source>
        <translation>Log als Text exportieren</translation>
    </message>
    <message>
        <source>Text files (*.txt)</source>
        <translation>Textdateien (*.txt)</translation>
    </message>
    <message>
        <source>About Dirigent</source>
        <translation>Über Dirigent</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Dirigent %1&lt;/h3&gt;&lt;p&gt;Dirigent shows how async/await works, the way Python&apos;s asyncio does it: the event loop passes control from task to task, and every lesson lets you watch it step by step.&lt;/p&gt;&lt;p&gt;Built with Qt %2.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Dirigent %1&lt;/h3&gt;&lt;p&gt;Dirigent zeigt dir, wie async/await funktioniert – so, wie Pythons asyncio es macht: Die Event Loop gibt die Kontrolle von Task zu Task weiter, und in jeder Lektion siehst du ihr Schritt für Schritt dabei zu.&lt;/p&gt;&lt;p&gt;Gebaut mit Qt %2.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>Export view as &amp;PNG…</source>
        <translation>Ansicht als &amp;PNG exportieren …</translation>
    </message>
    <message>
        <source>Export trace as &amp;Chrome JSON…</source>
        <translation>Trace als &amp;Chrome-JSON exportieren …</translation>
    </message>
    <message>
        <source>Export &amp;log as text…</source>
        <translation>&amp;Log als Text exportieren …</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Lesson</source>
        <translation>&amp;Lektion</translation>
    </message>
    <message>
        <source>Reset &amp;parameters</source>
        <translation>&amp;Parameter zurücksetzen</translation>
    </message>
    <message>
        <source>L&amp;anguage</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Dirigent</source>
        <translation>&amp;Über Dirigent</translation>
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
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>How a figure of the run changes with one parameter</source>
        <translation>Wie sich eine Kennzahl des Laufs mit einem Parameter ändert</translation>
    </message>
    <message>
        <source>Answer before you play the run</source>
        <translation>Antworte, bevor du den Lauf abspielst</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>Lektion</translation>
    </message>
    <message>
        <source>Lesson sections</source>
        <translation>Abschnitte der Lektion</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Player</source>
        <translation>Wiedergabe</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>Live</translation>
    </message>
    <message>
        <source>The model&apos;s prediction beside what the live run measured</source>
        <translation>Die Vorhersage des Modells neben dem, was der Live-Lauf gemessen hat</translation>
    </message>
    <message>
        <source>Model and measurement</source>
        <translation>Modell und Messung</translation>
    </message>
    <message>
        <source>S&amp;top live run</source>
        <translation>Live-Lauf s&amp;toppen</translation>
    </message>
    <message>
        <source>You are the event loop: pick the task that runs next (Ctrl+L)</source>
        <translation>Du bist die Event Loop: Wähle den Task, der als Nächstes läuft (Strg+L)</translation>
    </message>
    <message>
        <source>You are the event loop</source>
        <translation>Du bist die Event Loop</translation>
    </message>
    <message>
        <source>Game</source>
        <translation>Spiel</translation>
    </message>
    <message>
        <source>&amp;Break it: levels…</source>
        <translation>&amp;Knack es: Level …</translation>
    </message>
    <message>
        <source>Break it: pick the order in which I/O completes until a program breaks (Ctrl+B)</source>
        <translation>Knack es: Wähle die Reihenfolge, in der I/O fertig wird, bis ein Programm kaputtgeht (Strg+B)</translation>
    </message>
    <message>
        <source>Break it</source>
        <translation>Knack es</translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 gibt es nicht.</translation>
    </message>
    <message>
        <source>%1 is a folder, not a Python program.</source>
        <translation>%1 ist ein Ordner, kein Python-Programm.</translation>
    </message>
    <message>
        <source>%1 is larger than 4 MiB: not a program to trace here.</source>
        <translation>%1 ist größer als 4 MiB: kein Programm, das sich hier tracen lässt.</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>%1 lässt sich nicht lesen: %2</translation>
    </message>
    <message>
        <source>%1 is not a Python program: it is not UTF-8 text.</source>
        <translation>%1 ist kein Python-Programm: Die Datei ist kein UTF-8-Text.</translation>
    </message>
    <message>
        <source>%1 is a folder, not a trace.</source>
        <translation>%1 ist ein Ordner, kein Trace.</translation>
    </message>
    <message>
        <source>%1 cannot be read.</source>
        <translation>%1 lässt sich nicht lesen.</translation>
    </message>
    <message>
        <source>%1 is not a trace Dirigent can read: %2</source>
        <translation>%1 ist kein Trace, den Dirigent lesen kann: %2</translation>
    </message>
    <message>
        <source>Open Python program</source>
        <translation>Python-Programm öffnen</translation>
    </message>
    <message>
        <source>Python programs (*.py)</source>
        <translation>Python-Programme (*.py)</translation>
    </message>
    <message>
        <source>Open saved trace</source>
        <translation>Gespeicherten Trace öffnen</translation>
    </message>
    <message>
        <source>Dirigent traces (*.trace *.jsonl);;All files (*)</source>
        <translation>Dirigent-Traces (*.trace *.jsonl);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Cannot open</source>
        <translation>Öffnen nicht möglich</translation>
    </message>
    <message>
        <source>&amp;Open Python program…</source>
        <translation>Python-Programm ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open saved &amp;trace…</source>
        <translation>Gespeicherten &amp;Trace öffnen…</translation>
    </message>
    <message>
        <source>Program</source>
        <translation>Programm</translation>
    </message>
    <message>
        <source>Your program: edit it, run it again (Ctrl+R), switch to real time</source>
        <translation>Dein Programm: bearbeiten, neu starten (Strg+R), auf Echtzeit umschalten</translation>
    </message>
</context>
<context>
    <name>ParameterPanel</name>
    <message>
        <source>%1: from %2 to %3</source>
        <translation>%1: von %2 bis %3</translation>
    </message>
    <message>
        <source>This lesson has no parameters.</source>
        <translation>Diese Lektion hat keine Parameter.</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Pitfall</source>
        <translation>Falle</translation>
    </message>
    <message>
        <source>Pitfall: %1</source>
        <translation>Falle: %1</translation>
    </message>
    <message>
        <source>Run the variant of the program that shows what goes wrong</source>
        <translation>Die Variante des Programms ausführen, die zeigt, was schiefgeht</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <source>Reset parameters to their defaults</source>
        <translation>Parameter auf ihre Standardwerte zurücksetzen</translation>
    </message>
    <message>
        <source>All sliders back to their defaults, pitfall off</source>
        <translation>Alle Regler zurück auf ihre Standardwerte, Falle aus</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Model: the program in virtual time</source>
        <translation>Modell: das Programm in virtueller Zeit</translation>
    </message>
    <message>
        <source>The model of the program: a run in virtual time, the same every time</source>
        <translation>Das Modell des Programms: ein Lauf in virtueller Zeit, jedes Mal gleich</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>Live</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Start a live run</source>
        <translation>Einen Live-Lauf starten</translation>
    </message>
    <message>
        <source>Start a live run with these values (Ctrl+R)</source>
        <translation>Einen Live-Lauf mit diesen Werten starten (Strg+R)</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <source>Stop the live run</source>
        <translation>Den Live-Lauf stoppen</translation>
    </message>
    <message>
        <source>Cancel every task of the live run (Esc)</source>
        <translation>Jeden Task des Live-Laufs abbrechen (Esc)</translation>
    </message>
    <message>
        <source>Live run status</source>
        <translation>Stand des Live-Laufs</translation>
    </message>
    <message>
        <source>HTTP/1.1</source>
        <translation>HTTP/1.1</translation>
    </message>
    <message>
        <source>HTTP/1.1: one request per connection at a time</source>
        <translation>HTTP/1.1: je Verbindung eine Anfrage zur Zeit</translation>
    </message>
    <message>
        <source>As aiohttp does: each request needs a connection of its own while it is on the way</source>
        <translation>Wie bei aiohttp: Jede Anfrage braucht eine eigene Verbindung, solange sie unterwegs ist</translation>
    </message>
    <message>
        <source>HTTP/2</source>
        <translation>HTTP/2</translation>
    </message>
    <message>
        <source>HTTP/2: every request on one connection</source>
        <translation>HTTP/2: alle Anfragen über eine Verbindung</translation>
    </message>
    <message>
        <source>As httpx does: all requests share one connection to an HTTP/2 front (nghttpx) in front of the demo server</source>
        <translation>Wie bei httpx: Alle Anfragen teilen sich eine Verbindung zu einem HTTP/2-Frontend (nghttpx) vor dem Demo-Server</translation>
    </message>
    <message>
        <source>Live: the same program for real</source>
        <translation>Live: dasselbe Programm in echt</translation>
    </message>
    <message>
        <source>The same program for real, in real time: real requests, a real database</source>
        <translation>Dasselbe Programm in echt und in Echtzeit: echte Anfragen, eine echte Datenbank</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>&amp;Datenbank:</translation>
    </message>
    <message>
        <source>SQLite (empty) or postgresql://user:password@host/db</source>
        <translation>SQLite (leer) oder postgresql://user:passwort@host/db</translation>
    </message>
    <message>
        <source>Database of the live run</source>
        <translation>Datenbank des Live-Laufs</translation>
    </message>
    <message>
        <source>Empty: SQLite in a new file in a temporary folder, nothing to set up. A file path: that SQLite file. A postgresql:// URL: your PostgreSQL server.</source>
        <translation>Leer: SQLite in einer neuen Datei in einem temporären Ordner, nichts einzurichten. Ein Dateipfad: diese SQLite-Datei. Eine postgresql://-URL: dein PostgreSQL-Server.</translation>
    </message>
    <message>
        <source>on</source>
        <translation>an</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
</context>
<context>
    <name>PlayCommand</name>
    <message>
        <source>internal error: the lesson &apos;%1&apos; cannot run</source>
        <translation>interner Fehler: Die Lektion &apos;%1&apos; kann nicht laufen</translation>
    </message>
    <message>
        <source>the lesson &apos;%1&apos; could not run: %2</source>
        <translation>Die Lektion &apos;%1&apos; konnte nicht laufen: %2</translation>
    </message>
    <message numerus="yes">
        <source>This run has %n decision(s). Answer with a number or a name; q ends the game.</source>
        <extracomment>%1: how many decisions the game has</extracomment>
        <translation>
            <numerusform>Dieser Lauf hat %n Entscheidung. Antworte mit einer Nummer oder einem Namen; q beendet das Spiel.</numerusform>
            <numerusform>Dieser Lauf hat %n Entscheidungen. Antworte mit einer Nummer oder einem Namen; q beendet das Spiel.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, iteration %2. %3</source>
        <extracomment>%1: &quot;t = 0.250 s&quot;, %2: the loop iteration</extracomment>
        <translation>%1, Iteration %2. %3</translation>
    </message>
    <message>
        <source>Type a number from 1 to %1, or a task&apos;s name.</source>
        <extracomment>%1: the highest number in the list</extracomment>
        <translation>Gib eine Nummer von 1 bis %1 oder den Namen eines Tasks ein.</translation>
    </message>
    <message>
        <source>Score: %1.</source>
        <extracomment>%1: &quot;12 of 15 right at the first try&quot;</extracomment>
        <translation>Ergebnis: %1.</translation>
    </message>
</context>
<context>
    <name>PlayPanel</name>
    <message>
        <source>Start the game</source>
        <translation>Spiel starten</translation>
    </message>
    <message>
        <source>Go to the run&apos;s first decision and pick the task that runs next (Ctrl+L)</source>
        <translation>Zur ersten Entscheidung des Laufs springen und den Task wählen, der als Nächstes läuft (Strg+L)</translation>
    </message>
    <message>
        <source>Play again</source>
        <translation>Noch einmal spielen</translation>
    </message>
    <message>
        <source>A new game on the same run, from its first decision</source>
        <translation>Ein neues Spiel mit demselben Lauf, ab seiner ersten Entscheidung</translation>
    </message>
    <message>
        <source>End the game</source>
        <translation>Spiel beenden</translation>
    </message>
    <message>
        <source>Back to the normal player (Ctrl+L)</source>
        <translation>Zurück zum normalen Player (Strg+L)</translation>
    </message>
    <message>
        <source>Decision %1 of %2 · %3 · iteration %4</source>
        <extracomment>%1, %2: the decision and how many there are; %3: &quot;t = 0.250 s&quot;; %4: the loop iteration</extracomment>
        <translation>Entscheidung %1 von %2 · %3 · Iteration %4</translation>
    </message>
    <message>
        <source>Pick this task (key %1)</source>
        <translation>Diesen Task wählen (Taste %1)</translation>
    </message>
    <message>
        <source>Pick this task</source>
        <translation>Diesen Task wählen</translation>
    </message>
    <message numerus="yes">
        <source>All %n decision(s) made; the rest of the run plays out in the views.</source>
        <translation>
            <numerusform>Die eine Entscheidung ist getroffen; der Rest des Laufs spielt sich in den Ansichten ab.</numerusform>
            <numerusform>Alle %n Entscheidungen sind getroffen; der Rest des Laufs spielt sich in den Ansichten ab.</numerusform>
        </translation>
    </message>
    <message>
        <source>Game over</source>
        <translation>Spiel vorbei</translation>
    </message>
    <message>
        <source>This run has no decision to make: the loop never had two tasks to choose from. Change a parameter and try again.</source>
        <translation>In diesem Lauf gibt es nichts zu entscheiden: Die Loop hatte nie zwei Tasks zur Wahl. Ändere einen Parameter und versuch es noch einmal.</translation>
    </message>
    <message>
        <source>Your score: %1.</source>
        <translation>Dein Ergebnis: %1.</translation>
    </message>
    <message>
        <source>Score so far: %1.</source>
        <translation>Bisher: %1.</translation>
    </message>
    <message>
        <source>Best for this lesson: %1.</source>
        <translation>Dein Bestes in dieser Lektion: %1.</translation>
    </message>
    <message>
        <source>No game of this lesson finished yet.</source>
        <translation>Noch kein Spiel dieser Lektion zu Ende gespielt.</translation>
    </message>
    <message>
        <source>Pick candidate %1</source>
        <translation>Kandidat %1 wählen</translation>
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
        <translation>Du bist die Event Loop. Immer wenn ein Schritt zu Ende ist, wählst du den Task, dessen Schritt als Nächstes läuft. Die Regeln von asyncio: Die Ready-Queue ist first in, first out; ein Task, der bereit ist, läuft, bevor die Loop auf ihre Timer schaut; ist nichts bereit, weckt der früheste Timer zuerst.</translation>
    </message>
    <message>
        <source>Which task runs next?</source>
        <translation>Welcher Task läuft als Nächstes?</translation>
    </message>
    <message>
        <source>%1 · ready</source>
        <extracomment>%1: a task&apos;s name</extracomment>
        <translation>%1 · bereit</translation>
    </message>
    <message>
        <source>%1 · asleep until %2</source>
        <extracomment>%1: a task&apos;s name, %2: &quot;t = 0.250 s&quot;</extracomment>
        <translation>%1 · schläft bis %2</translation>
    </message>
    <message>
        <source>Right: %1 was the first in the ready queue.</source>
        <translation>Richtig: %1 stand vorne in der Ready-Queue.</translation>
    </message>
    <message>
        <source>Right: nothing else was ready, and %1&apos;s timer (%2) was the first to fire.</source>
        <translation>Richtig: Sonst war nichts bereit, und der Timer von %1 (%2) lief als erster ab.</translation>
    </message>
    <message>
        <source>Not yet: %1 is ready too, but %2 joined the ready queue before it. The ready queue is first in, first out.</source>
        <translation>Noch nicht: %1 ist auch bereit, aber %2 kam vorher in die Ready-Queue. Die Ready-Queue ist first in, first out.</translation>
    </message>
    <message>
        <source>Not yet: %1 sleeps until %2. A task that is ready (%3) runs before the loop turns to its timers.</source>
        <translation>Noch nicht: %1 schläft bis %2. Ein Task, der bereit ist (%3), läuft, bevor sich die Loop ihren Timern zuwendet.</translation>
    </message>
    <message>
        <source>Not yet: %1 sleeps until %2, but %3 wakes earlier, at %4. When nothing is ready, the earliest timer comes first.</source>
        <translation>Noch nicht: %1 schläft bis %2, aber %3 wacht früher auf, bei %4. Ist nichts bereit, kommt der früheste Timer zuerst.</translation>
    </message>
    <message>
        <source>Almost: %1 and %2 both wake at %3. Equal deadlines wake in the order their sleeps began, and %2 began first.</source>
        <translation>Fast: %1 und %2 wachen beide bei %3 auf. Bei gleicher Deadline wecken die Timer in der Reihenfolge, in der die Sleeps begonnen haben, und %2 hat zuerst begonnen.</translation>
    </message>
    <message>
        <source>That task cannot run here: it is neither ready nor asleep on a timer.</source>
        <translation>Dieser Task kann hier nicht laufen: Er ist weder bereit noch schläft er auf einem Timer.</translation>
    </message>
    <message>
        <source>%1 of %2 right at the first try</source>
        <extracomment>%1 of %2 decisions picked right at the first try</extracomment>
        <translation>%1 von %2 beim ersten Versuch richtig</translation>
    </message>
</context>
<context>
    <name>PlayerBar</name>
    <message>
        <source>t = %1 s · event %2/%3 · iteration %4</source>
        <translation>t = %1 s · Ereignis %2/%3 · Iteration %4</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Abspielen</translation>
    </message>
    <message>
        <source>Pause (Space)</source>
        <translation>Pause (Leertaste)</translation>
    </message>
    <message>
        <source>Play the run in virtual time (Space)</source>
        <translation>Den Lauf in virtueller Zeit abspielen (Leertaste)</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>Neu starten</translation>
    </message>
    <message>
        <source>Play again from the start (Ctrl+R)</source>
        <translation>Noch einmal von vorn abspielen (Strg+R)</translation>
    </message>
    <message>
        <source>To the start</source>
        <translation>Zum Anfang</translation>
    </message>
    <message>
        <source>To the start of the run (Home)</source>
        <translation>Zum Anfang des Laufs (Pos1)</translation>
    </message>
    <message>
        <source>Previous iteration</source>
        <translation>Vorige Iteration</translation>
    </message>
    <message>
        <source>Back to the start of this or the previous loop iteration (Shift+Left)</source>
        <translation>Zurück zum Anfang dieser oder der vorigen Loop-Iteration (Umschalt+Links)</translation>
    </message>
    <message>
        <source>Step back</source>
        <translation>Schritt zurück</translation>
    </message>
    <message>
        <source>One event back (Left)</source>
        <translation>Ein Ereignis zurück (Links)</translation>
    </message>
    <message>
        <source>Step forward</source>
        <translation>Schritt vor</translation>
    </message>
    <message>
        <source>One event forward (Right)</source>
        <translation>Ein Ereignis vor (Rechts)</translation>
    </message>
    <message>
        <source>Next iteration</source>
        <translation>Nächste Iteration</translation>
    </message>
    <message>
        <source>To the next loop iteration (Shift+Right)</source>
        <translation>Zur nächsten Loop-Iteration (Umschalt+Rechts)</translation>
    </message>
    <message>
        <source>To the end</source>
        <translation>Zum Ende</translation>
    </message>
    <message>
        <source>To the end of the run (End)</source>
        <translation>Zum Ende des Laufs (Ende)</translation>
    </message>
    <message>
        <source>Position in the run</source>
        <translation>Position im Lauf</translation>
    </message>
    <message>
        <source>Drag to any point of the run</source>
        <translation>Zieh an eine beliebige Stelle des Laufs</translation>
    </message>
    <message>
        <source>&amp;Speed</source>
        <translation>&amp;Tempo:</translation>
    </message>
    <message>
        <source>Playback speed</source>
        <translation>Abspieltempo</translation>
    </message>
    <message>
        <source>Speed relative to the program&apos;s virtual time (0.1× to 10×)</source>
        <translation>Tempo relativ zur virtuellen Zeit des Programms (0,1× bis 10×)</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Run live</source>
        <translation>Live starten</translation>
    </message>
    <message>
        <source>Start a new live run with the live parameters (Ctrl+R)</source>
        <translation>Einen neuen Live-Lauf mit den Live-Werten starten (Strg+R)</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Jetzt</translation>
    </message>
    <message>
        <source>Follow the live run again: the cursor moves with its newest event (End)</source>
        <translation>Dem Live-Lauf wieder folgen: Der Cursor wandert mit seinem neuesten Ereignis mit (Ende)</translation>
    </message>
    <message>
        <source>You are the loop</source>
        <translation>Du bist die Loop</translation>
    </message>
    <message>
        <source>Play the event loop: at each decision, pick the task that runs next (Ctrl+L)</source>
        <translation>Spiel die Event Loop: Wähle bei jeder Entscheidung den Task, der als Nächstes läuft (Strg+L)</translation>
    </message>
</context>
<context>
    <name>PoolView</name>
    <message>
        <source>Connection pool</source>
        <translation>Verbindungspool</translation>
    </message>
    <message>
        <source>No connection pool in this run</source>
        <translation>Kein Verbindungspool in diesem Lauf</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>frei</translation>
    </message>
    <message>
        <source>busy</source>
        <translation>belegt</translation>
    </message>
    <message>
        <source>nobody waits for a connection</source>
        <translation>niemand wartet auf eine Verbindung</translation>
    </message>
    <message>
        <source>waiting for a connection (first in line left):</source>
        <translation>warten auf eine Verbindung (die vorderste links):</translation>
    </message>
    <message>
        <source>Pool (%1): %2 idle, %3 in use or unopened</source>
        <translation>Pool (%1): %2 frei, %3 belegt oder ungeöffnet</translation>
    </message>
    <message>
        <source>%1 connections open, %2 opened in all</source>
        <translation>%1 Verbindungen offen, %2 insgesamt geöffnet</translation>
    </message>
    <message>
        <source>, %1 connecting</source>
        <translation>, %1 im Aufbau</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>Aufbau …</translation>
    </message>
    <message>
        <source>no request waits for a connection</source>
        <translation>keine Anfrage wartet auf eine Verbindung</translation>
    </message>
</context>
<context>
    <name>ProgramPanel</name>
    <message>
        <source>Save failed</source>
        <translation>Speichern fehlgeschlagen</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation>%1 konnte nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>%1 has changes that are not saved. Save them?</source>
        <translation>%1 hat Änderungen, die noch nicht gespeichert sind. Speichern?</translation>
    </message>
    <message>
        <source>&lt;b&gt;Nothing has run yet.&lt;/b&gt; Run (Ctrl+R) starts %1 with %2, as you and with your rights. Run only programs you trust.</source>
        <translation>&lt;b&gt;Noch läuft nichts.&lt;/b&gt; Ausführen (Strg+R) startet %1 mit %2, als du und mit deinen Rechten. Führ nur Programme aus, denen du vertraust.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Real time:&lt;/b&gt; the program runs as it is, on asyncio&apos;s own event loop. Its sockets really open, its waits really take time, and a program that never ends runs until you press Stop.</source>
        <translation>&lt;b&gt;Echtzeit:&lt;/b&gt; Das Programm läuft so, wie es ist, auf der Event Loop von asyncio selbst. Seine Sockets öffnen sich wirklich, Warten dauert wirklich, und ein Programm, das nie endet, läuft, bis du auf Stopp drückst.</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n Ereignis</numerusform>
            <numerusform>%n Ereignisse</numerusform>
        </translation>
    </message>
    <message>
        <source>A saved trace: %1.</source>
        <translation>Ein gespeicherter Trace: %1.</translation>
    </message>
    <message>
        <source>Not run yet.</source>
        <translation>Noch nicht ausgeführt.</translation>
    </message>
    <message>
        <source>Running in real time…</source>
        <translation>Läuft in Echtzeit…</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>Läuft…</translation>
    </message>
    <message>
        <source>Deadlock at %1 s: tasks still wait and nothing can wake them (the report is on the right). %2.</source>
        <translation>Deadlock bei %1 s: Tasks warten noch, und nichts kann sie wecken (der Bericht steht rechts). %2.</translation>
    </message>
    <message>
        <source>The program raised %1 at %2 s (its traceback is below). %3.</source>
        <translation>Das Programm hat bei %2 s %1 ausgelöst (der Traceback steht unten). %3.</translation>
    </message>
    <message>
        <source>The main task was cancelled at %1 s. %2.</source>
        <translation>Die Haupt-Task wurde bei %1 s abgebrochen. %2.</translation>
    </message>
    <message>
        <source>Ended at %1 s: %2. %3.</source>
        <translation>Beendet bei %1 s: %2. %3.</translation>
    </message>
    <message>
        <source>Ended at %1 s. %2.</source>
        <translation>Beendet bei %1 s. %2.</translation>
    </message>
    <message>
        <source>Stopped. %1 so far.</source>
        <translation>Gestoppt. %1 bis hierher.</translation>
    </message>
    <message>
        <source>Not run: the program cannot be run as it is (below).</source>
        <translation>Nicht ausgeführt: Das Programm lässt sich so nicht ausführen (siehe unten).</translation>
    </message>
    <message>
        <source>The harness&apos;s trace broke off: %1</source>
        <translation>Der Trace des Harness ist abgebrochen: %1</translation>
    </message>
    <message>
        <source>No python3 was found. Install it (Debian: apt-get install python3) or name one in DIRIGENT_PYTHON.</source>
        <translation>Kein python3 gefunden. Installier es (Debian: apt-get install python3) oder nenne eins in DIRIGENT_PYTHON.</translation>
    </message>
    <message>
        <source>The tracing harness is not installed beside dirigent (harness/dirigent_trace.py).</source>
        <translation>Der Tracing-Harness ist nicht neben dirigent installiert (harness/dirigent_trace.py).</translation>
    </message>
    <message>
        <source>The harness ended before its trace was complete: %1</source>
        <translation>Der Harness hat aufgehört, bevor sein Trace vollständig war: %1</translation>
    </message>
    <message>
        <source>(Edited, not saved.)</source>
        <translation>(Bearbeitet, nicht gespeichert.)</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Ausführen</translation>
    </message>
    <message>
        <source>Run the program as the editor shows it (Ctrl+R in the editor)</source>
        <translation>Das Programm so ausführen, wie der Editor es zeigt (Strg+R im Editor)</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>S&amp;topp</translation>
    </message>
    <message>
        <source>End the running program at once</source>
        <translation>Das laufende Programm sofort beenden</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>Spe&amp;ichern</translation>
    </message>
    <message>
        <source>Write the editor&apos;s text to the file (Ctrl+S in the editor)</source>
        <translation>Den Text des Editors in die Datei schreiben (Strg+S im Editor)</translation>
    </message>
    <message>
        <source>Run on asyncio&apos;s own event loop and the real clock, for programs that do real I/O</source>
        <translation>Auf der Event Loop von asyncio selbst und mit der echten Uhr laufen lassen, für Programme mit echter I/O</translation>
    </message>
    <message>
        <source>Program source</source>
        <translation>Quelltext des Programms</translation>
    </message>
    <message>
        <source>The program&apos;s error output</source>
        <translation>Die Fehlerausgabe des Programms</translation>
    </message>
    <message>
        <source>Real ti&amp;me</source>
        <translation>Ec&amp;htzeit</translation>
    </message>
</context>
<context>
    <name>ProgramTracer</name>
    <message>
        <source>no python3 was found to run the program with</source>
        <translation>kein python3 gefunden, mit dem das Programm laufen könnte</translation>
    </message>
    <message>
        <source>the tracing harness is not installed beside dirigent</source>
        <translation>der Tracing-Harness ist nicht neben dirigent installiert</translation>
    </message>
    <message>
        <source>python3 did not answer within 10 s</source>
        <translation>python3 hat nicht innerhalb von 10 s geantwortet</translation>
    </message>
    <message>
        <source>the harness ended with exit code %1</source>
        <translation>der Harness endete mit Exit-Code %1</translation>
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
            <numerusform>+%n weitere Queue</numerusform>
            <numerusform>+%n weitere Queues</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 slots full</source>
        <translation>%1 von %2 Plätzen belegt</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s), unbounded</source>
        <translation>
            <numerusform>%n Item, unbegrenzt</numerusform>
            <numerusform>%n Items, unbegrenzt</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2): %3</source>
        <translation>%1 (%2): %3</translation>
    </message>
    <message>
        <source>unfinished %1</source>
        <translation>offen: %1</translation>
    </message>
    <message>
        <source>put waits</source>
        <translation>put wartet</translation>
    </message>
    <message>
        <source>get waits</source>
        <translation>get wartet</translation>
    </message>
    <message>
        <source>in</source>
        <translation>rein</translation>
    </message>
    <message>
        <source>out</source>
        <translation>raus</translation>
    </message>
    <message numerus="yes">
        <source>join() waits for %n unfinished item(s):</source>
        <translation>
            <numerusform>join() wartet auf %n Item:</numerusform>
            <numerusform>join() wartet auf %n Items:</numerusform>
        </translation>
    </message>
    <message>
        <source>No queue in this run</source>
        <translation>Keine Queue in diesem Lauf</translation>
    </message>
</context>
<context>
    <name>QuizPanel</name>
    <message>
        <source>&lt;b&gt;No answer yet.&lt;/b&gt; The right answer: %1.</source>
        <translation>&lt;b&gt;Noch keine Antwort.&lt;/b&gt; Die richtige Antwort: %1.</translation>
    </message>
    <message>
        <source>&lt;b&gt;✓ Right.&lt;/b&gt;</source>
        <translation>&lt;b&gt;✓ Richtig.&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;✗ Not quite.&lt;/b&gt; The right answer: %1.</source>
        <translation>&lt;b&gt;✗ Nicht ganz.&lt;/b&gt; Die richtige Antwort: %1.</translation>
    </message>
    <message>
        <source>All answers right. Now play the run and watch it happen.</source>
        <translation>Alle Antworten richtig. Spiel jetzt den Lauf ab und sieh zu, wie es passiert.</translation>
    </message>
    <message>
        <source>%1 of %2 right. Play the run and watch where it differs.</source>
        <translation>%1 von %2 richtig. Spiel den Lauf ab und sieh zu, wo es anders kommt.</translation>
    </message>
    <message>
        <source>This lesson has no quiz.</source>
        <translation>Diese Lektion hat kein Quiz.</translation>
    </message>
    <message>
        <source>Answer before you play the run: what will the program do? The answers come from the run with the parameters you set.</source>
        <translation>Antworte, bevor du den Lauf abspielst: Was wird das Programm tun? Die Antworten stammen aus dem Lauf mit den Parametern, die du eingestellt hast.</translation>
    </message>
    <message>
        <source>Question %1 of %2</source>
        <translation>Frage %1 von %2</translation>
    </message>
    <message>
        <source>Your answer to question %1</source>
        <translation>Deine Antwort auf Frage %1</translation>
    </message>
    <message>
        <source>Your answer</source>
        <translation>Deine Antwort</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <source>Check the answers</source>
        <translation>Die Antworten prüfen</translation>
    </message>
</context>
<context>
    <name>ScreenshotCommand</name>
    <message>
        <source>cannot save the screenshot to &apos;%1&apos;: it is a folder</source>
        <translation>kann den Screenshot nicht unter &apos;%1&apos; speichern: das ist ein Ordner</translation>
    </message>
    <message>
        <source>cannot save the screenshot to &apos;%1&apos;: the folder &apos;%2&apos; does not exist</source>
        <translation>kann den Screenshot nicht unter &apos;%1&apos; speichern: den Ordner &apos;%2&apos; gibt es nicht</translation>
    </message>
    <message>
        <source>cannot save the screenshot to &apos;%1&apos;: the folder &apos;%2&apos; is not writable</source>
        <translation>kann den Screenshot nicht unter &apos;%1&apos; speichern: der Ordner &apos;%2&apos; ist nicht beschreibbar</translation>
    </message>
    <message>
        <source>cannot save the screenshot to &apos;%1&apos;: the file is not writable</source>
        <translation>kann den Screenshot nicht unter &apos;%1&apos; speichern: die Datei ist nicht beschreibbar</translation>
    </message>
    <message>
        <source>the lesson &apos;%1&apos; cannot be shown</source>
        <translation>die Lektion &apos;%1&apos; kann nicht angezeigt werden</translation>
    </message>
    <message>
        <source>the window could not be rendered</source>
        <translation>das Fenster konnte nicht gerendert werden</translation>
    </message>
    <message>
        <source>cannot encode the screenshot as PNG</source>
        <translation>kann den Screenshot nicht als PNG kodieren</translation>
    </message>
    <message>
        <source>cannot save the screenshot to &apos;%1&apos;: %2</source>
        <translation>kann den Screenshot nicht unter &apos;%1&apos; speichern: %2</translation>
    </message>
    <message>
        <source>note: the window needs %1x%2 pixels, the screenshot has that size</source>
        <translation>Hinweis: das Fenster braucht %1x%2 Pixel, der Screenshot hat diese Größe</translation>
    </message>
    <message>
        <source>the lesson &apos;%1&apos; has no live variant</source>
        <translation>die Lektion „%1“ hat keine Live-Variante</translation>
    </message>
    <message>
        <source>the live run could not start: %1</source>
        <translation>der Live-Lauf konnte nicht starten: %1</translation>
    </message>
    <message>
        <source>the live run did not end within %1 s</source>
        <translation>der Live-Lauf ist nicht innerhalb von %1 s zu Ende gegangen</translation>
    </message>
    <message>
        <source>--set %1: &apos;%2&apos; is not a number</source>
        <translation>--set %1: &apos;%2&apos; ist keine Zahl</translation>
    </message>
    <message>
        <source>the program did not end within %1 s</source>
        <translation>das Programm ist nicht innerhalb von %1 s zu Ende gegangen</translation>
    </message>
</context>
<context>
    <name>SemaphoreView</name>
    <message>
        <source>Semaphores and locks</source>
        <translation>Semaphoren und Locks</translation>
    </message>
    <message numerus="yes">
        <source>+%n more</source>
        <translation>
            <numerusform>+%n weitere</numerusform>
            <numerusform>+%n weitere</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (Lock): %2</source>
        <translation>%1 (Lock): %2</translation>
    </message>
    <message>
        <source>free</source>
        <translation>frei</translation>
    </message>
    <message>
        <source>held</source>
        <translation>belegt</translation>
    </message>
    <message>
        <source>%1 (%2): %3 of %4 permits free</source>
        <translation>%1 (%2): %3 von %4 Plätzen frei</translation>
    </message>
    <message>
        <source>waiting in line (first at the door)</source>
        <translation>Reihe (vorn an der Tür)</translation>
    </message>
    <message>
        <source>seats</source>
        <translation>Plätze</translation>
    </message>
    <message>
        <source>No semaphore or lock in this run</source>
        <translation>Keine Semaphore und kein Lock in diesem Lauf</translation>
    </message>
    <message numerus="yes">
        <source>+%n seat(s) (%1 taken)</source>
        <translation>
            <numerusform>+%n Platz (%1 belegt)</numerusform>
            <numerusform>+%n Plätze (%1 belegt)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ServeCommand</name>
    <message>
        <source>cannot catch SIGINT and SIGTERM, so the server could not stop cleanly</source>
        <translation>SIGINT und SIGTERM lassen sich nicht abfangen, der Server könnte also nicht sauber anhalten</translation>
    </message>
    <message>
        <source>the demo server could not start: %1</source>
        <translation>der Demo-Server konnte nicht starten: %1</translation>
    </message>
    <message>
        <source>connections accepted: %1</source>
        <translation>angenommene Verbindungen: %1</translation>
    </message>
    <message>
        <source>requests: %1</source>
        <translation>Anfragen: %1</translation>
    </message>
    <message>
        <source>peak in flight: %1</source>
        <translation>höchstens gleichzeitig in Arbeit: %1</translation>
    </message>
    <message>
        <source>statuses: %1</source>
        <translation>Statuscodes: %1</translation>
    </message>
</context>
<context>
    <name>StateStyle</name>
    <message>
        <source>waiting</source>
        <translation>wartet</translation>
    </message>
    <message>
        <source>yield</source>
        <translation>yield</translation>
    </message>
    <message>
        <source>sleeping</source>
        <translation>schläft</translation>
    </message>
    <message>
        <source>queue get</source>
        <translation>Queue-get</translation>
    </message>
    <message>
        <source>queue put</source>
        <translation>Queue-put</translation>
    </message>
    <message>
        <source>queue join</source>
        <translation>Queue-join</translation>
    </message>
    <message>
        <source>semaphore</source>
        <translation>Semaphore</translation>
    </message>
    <message>
        <source>lock</source>
        <translation>Lock</translation>
    </message>
    <message>
        <source>event</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>another task</source>
        <translation>andere Task</translation>
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
        <translation>TaskGroup</translation>
    </message>
    <message>
        <source>shield</source>
        <translation>shield</translation>
    </message>
    <message>
        <source>future</source>
        <translation>Future</translation>
    </message>
    <message>
        <source>I/O</source>
        <translation>I/O</translation>
    </message>
    <message>
        <source>token bucket</source>
        <translation>Token Bucket</translation>
    </message>
    <message>
        <source>get() on queue %1</source>
        <translation>get() aus Queue %1</translation>
    </message>
    <message>
        <source>put() on queue %1</source>
        <translation>put() in Queue %1</translation>
    </message>
    <message>
        <source>join() on queue %1</source>
        <translation>join() der Queue %1</translation>
    </message>
    <message>
        <source>semaphore %1</source>
        <translation>Semaphore %1</translation>
    </message>
    <message>
        <source>lock %1</source>
        <translation>Lock %1</translation>
    </message>
    <message>
        <source>event %1</source>
        <translation>Event %1</translation>
    </message>
    <message>
        <source>token bucket %1</source>
        <translation>Token Bucket %1</translation>
    </message>
    <message>
        <source>task %1</source>
        <translation>Task %1</translation>
    </message>
    <message>
        <source>shielded task %1</source>
        <translation>abgeschirmte Task %1</translation>
    </message>
    <message>
        <source>new</source>
        <translation>neu</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>bereit</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>done</source>
        <translation>fertig</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>condition</source>
        <translation>Condition</translation>
    </message>
    <message>
        <source>condition %1</source>
        <translation>Condition %1</translation>
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
        <translation>Gesamtlaufzeit</translation>
    </message>
    <message>
        <source>No sweep for this lesson</source>
        <translation>Kein Verlauf für diese Lektion</translation>
    </message>
    <message>
        <source>Sweep plot</source>
        <translation>Verlaufsdiagramm</translation>
    </message>
    <message>
        <source>%1 against %2; the square marks the current value</source>
        <translation>%1 über %2; das Quadrat markiert den aktuellen Wert</translation>
    </message>
</context>
<context>
    <name>ThreadsComparisonPanel</name>
    <message>
        <source>Memory, each</source>
        <translation>Speicher pro Einheit</translation>
    </message>
    <message>
        <source>Creating one</source>
        <translation>Erzeugen pro Einheit</translation>
    </message>
    <message>
        <source>N (log)</source>
        <translation>N (log)</translation>
    </message>
    <message>
        <source>threads</source>
        <translation>Threads</translation>
    </message>
    <message>
        <source>coroutines</source>
        <translation>Coroutines</translation>
    </message>
    <message>
        <source>%1 threads and %1 coroutines, created and woken on this computer:</source>
        <extracomment>%1: N, how many threads and as many coroutines</extracomment>
        <translation>%1 Threads und %1 Coroutines, auf diesem Computer erzeugt und geweckt:</translation>
    </message>
    <message>
        <source>Each</source>
        <translation>Pro Einheit</translation>
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
        <translation>Threads und Coroutines im Vergleich</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <source>Reserved</source>
        <translation>Reserviert</translation>
    </message>
    <message>
        <source>%1 stack</source>
        <translation>%1 Stack</translation>
    </message>
    <message>
        <source>Creating</source>
        <translation>Erzeugen</translation>
    </message>
    <message>
        <source>Waking (per unit)</source>
        <translation>Wecken (pro Einheit)</translation>
    </message>
    <message>
        <source>Context switches</source>
        <translation>Kontextwechsel</translation>
    </message>
    <message>
        <source>Who decides when to switch</source>
        <translation>Wer entscheidet, wann gewechselt wird</translation>
    </message>
    <message>
        <source>the operating system, at any instruction</source>
        <translation>das Betriebssystem, an jeder beliebigen Instruktion</translation>
    </message>
    <message>
        <source>the task itself, only at an await</source>
        <translation>der Task selbst, nur an einem await</translation>
    </message>
    <message>
        <source>How many</source>
        <translation>Wie viele</translation>
    </message>
    <message>
        <source>%1 here: the system&apos;s limit stopped more</source>
        <translation>%1 hier: Mehr ließ die Grenze des Systems nicht zu</translation>
    </message>
    <message>
        <source>%1 here; the system sets the limit</source>
        <translation>%1 hier; die Grenze setzt das System</translation>
    </message>
    <message>
        <source>%1 here; as many as memory holds</source>
        <translation>%1 hier; so viele, wie in den Speicher passen</translation>
    </message>
    <message>
        <source>Shared state</source>
        <translation>Gemeinsamer Zustand</translation>
    </message>
    <message>
        <source>needs a lock: a switch can fall between read and write</source>
        <translation>braucht einen Lock: Ein Wechsel kann zwischen Lesen und Schreiben fallen</translation>
    </message>
    <message>
        <source>safe from one await to the next</source>
        <translation>sicher von einem await bis zum nächsten</translation>
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
        <translation>Wer wechselt, wie viele, gemeinsamer Zustand</translation>
    </message>
    <message>
        <source>Python: %1</source>
        <translation>Python: %1</translation>
    </message>
    <message>
        <source>No Python columns: %1</source>
        <extracomment>%1: why (such as &quot;python3 was not found&quot;)</extracomment>
        <translation>Keine Python-Spalten: %1</translation>
    </message>
    <message>
        <source>Stopped before the end: the figures are those measured until then.</source>
        <translation>Vor dem Ende gestoppt: Die Zahlen sind die bis dahin gemessenen.</translation>
    </message>
    <message>
        <source>As N grows (C++, both axes logarithmic): a thread costs the stack pages and kernel memory it touches and a trip through the kernel; a coroutine costs its frame on the heap.</source>
        <translation>Wenn N wächst (C++, beide Achsen logarithmisch): Ein Thread kostet die Stack-Seiten und den Kernel-Speicher, die er anfasst, und einen Weg durch den Kernel; eine Coroutine kostet ihren Frame auf dem Heap.</translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <source>Timeline</source>
        <translation>Zeitleiste</translation>
    </message>
    <message>
        <source>One lane per task. Ctrl+wheel or +/- zooms, drag or wheel pans, 0 resets the zoom.</source>
        <translation>Eine Spur pro Task. Strg+Mausrad oder +/- zoomt, Ziehen oder Mausrad verschiebt, 0 setzt den Zoom zurück.</translation>
    </message>
    <message>
        <source>No run</source>
        <translation>Kein Lauf</translation>
    </message>
    <message>
        <source>%1: %2, %3 to %4</source>
        <translation>%1: %2, %3 bis %4</translation>
    </message>
    <message>
        <source>Debug mode: %1</source>
        <translation>Debug-Modus: %1</translation>
    </message>
    <message>
        <source>lane %1</source>
        <translation>Spur %1</translation>
    </message>
    <message>
        <source>%1 lanes/px</source>
        <translation>%1 Spuren/px</translation>
    </message>
    <message>
        <source>Lanes %1 to %2 at the cursor: %3</source>
        <translation>Spuren %1 bis %2 am Cursor: %3</translation>
    </message>
    <message>
        <source>not created yet</source>
        <translation>noch nicht erzeugt</translation>
    </message>
</context>
<context>
    <name>TraceCommand</name>
    <message>
        <source>dirigent: deadlock at t=%1 s: nothing is ready and no timer is pending, but tasks still wait:</source>
        <translation>dirigent: Deadlock bei t=%1 s: nichts ist bereit, kein Timer steht aus, aber Tasks warten noch:</translation>
    </message>
    <message>
        <source>%1 waits on %2 at %3:%4</source>
        <translation>%1 wartet auf %2 in %3:%4</translation>
    </message>
    <message>
        <source>&apos;%1&apos; never ran an event loop (no asyncio.run): there is nothing to show</source>
        <translation>&apos;%1&apos; hat nie eine Event Loop gestartet (kein asyncio.run): Es gibt nichts zu zeigen</translation>
    </message>
    <message>
        <source>the trace was cut short: %1</source>
        <translation>der Trace wurde abgebrochen: %1</translation>
    </message>
    <message>
        <source>cannot read the trace &apos;%1&apos;: %2</source>
        <translation>kann den Trace &apos;%1&apos; nicht lesen: %2</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a trace Dirigent can read: %2</source>
        <extracomment>%1: the file, %2: &quot;line 3, column 17: what is wrong&quot; (English, from the reader)</extracomment>
        <translation>&apos;%1&apos; ist kein Trace, den Dirigent lesen kann: %2</translation>
    </message>
    <message>
        <source>the program ended with %1</source>
        <extracomment>%1: the exception, like ValueError(no such page)</extracomment>
        <translation>das Programm endete mit %1</translation>
    </message>
    <message>
        <source>cannot trace &apos;%1&apos;: there is no such file</source>
        <translation>kann &apos;%1&apos; nicht tracen: Diese Datei gibt es nicht</translation>
    </message>
    <message>
        <source>cannot trace &apos;%1&apos;: it is a folder, not a Python program</source>
        <translation>kann &apos;%1&apos; nicht tracen: Das ist ein Ordner, kein Python-Programm</translation>
    </message>
    <message>
        <source>tracing a program needs Python 3 (python3, or the interpreter named by DIRIGENT_PYTHON); it was not found</source>
        <translation>um ein Programm zu tracen, braucht Dirigent Python 3 (python3 oder den Interpreter aus DIRIGENT_PYTHON); es wurde nicht gefunden</translation>
    </message>
    <message>
        <source>the tracing harness (harness/dirigent_trace.py) is not installed beside %1</source>
        <translation>das Tracing-Harness (harness/dirigent_trace.py) ist nicht neben %1 installiert</translation>
    </message>
    <message>
        <source>the tracing harness wrote a broken trace: %1</source>
        <translation>das Tracing-Harness hat einen kaputten Trace geschrieben: %1</translation>
    </message>
    <message>
        <source>the tracing harness ended without finishing the trace (exit code %1): %2</source>
        <translation>das Tracing-Harness hat aufgehört, ohne den Trace abzuschließen (Exit-Code %1): %2</translation>
    </message>
    <message>
        <source>stopped after %1 s: the program was still running</source>
        <extracomment>%1: seconds, like 2.5</extracomment>
        <translation>nach %1 s gestoppt: Das Programm lief noch</translation>
    </message>
</context>
<context>
    <name>TraceJsonFile</name>
    <message>
        <source>cannot write the trace to &apos;%1&apos;: the folder &apos;%2&apos; does not exist</source>
        <translation>kann den Trace nicht nach &apos;%1&apos; schreiben: den Ordner &apos;%2&apos; gibt es nicht</translation>
    </message>
    <message>
        <source>cannot write the trace to &apos;%1&apos;: it is a folder</source>
        <translation>kann den Trace nicht nach &apos;%1&apos; schreiben: das ist ein Ordner</translation>
    </message>
    <message>
        <source>cannot write the trace to &apos;%1&apos;: %2</source>
        <translation>kann den Trace nicht nach &apos;%1&apos; schreiben: %2</translation>
    </message>
</context>
<context>
    <name>VisualizationPanel</name>
    <message>
        <source>Visualization</source>
        <translation>Visualisierung</translation>
    </message>
    <message>
        <source>Event loop</source>
        <translation>Event Loop</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Zeitleiste</translation>
    </message>
    <message>
        <source>Queues</source>
        <translation>Queues</translation>
    </message>
    <message>
        <source>Semaphores and locks</source>
        <translation>Semaphoren und Locks</translation>
    </message>
    <message>
        <source>Token buckets</source>
        <translation>Token Buckets</translation>
    </message>
    <message>
        <source>Connection pool</source>
        <translation>Verbindungspool</translation>
    </message>
    <message>
        <source>Console</source>
        <translation>Konsole</translation>
    </message>
    <message>
        <source>Deadlock report</source>
        <translation>Deadlock-Bericht</translation>
    </message>
</context>
<context>
    <name>live::ThreadsMeasurement</name>
    <message>
        <source>Cancelled after %1 of %2 threads.</source>
        <translation>Abgebrochen nach %1 von %2 Threads.</translation>
    </message>
    <message>
        <source>Cancelled after %1 of %2 tasks.</source>
        <translation>Abgebrochen nach %1 von %2 Tasks.</translation>
    </message>
    <message>
        <source>Stopped at %1 of %2 threads: the most this measurement may create is %3.</source>
        <translation>Bei %1 von %2 Threads gestoppt: Mehr als %3 darf diese Messung nicht erzeugen.</translation>
    </message>
    <message>
        <source>the kernel allows %1 threads on the whole system (/proc/sys/kernel/threads-max), and %2 were already running.</source>
        <translation>der Kernel erlaubt %1 Threads im ganzen System (/proc/sys/kernel/threads-max), und %2 liefen schon.</translation>
    </message>
    <message>
        <source>ulimit -u is %1 processes and threads per user, and this process already had %2 (raise it with `ulimit -u`).</source>
        <translation>ulimit -u erlaubt %1 Prozesse und Threads pro Benutzer, und dieser Prozess hatte schon %2 (erhöh den Wert mit `ulimit -u`).</translation>
    </message>
    <message>
        <source>every thread takes a process id, the kernel has %1 of them (/proc/sys/kernel/pid_max), and %2 were already taken.</source>
        <translation>jeder Thread belegt eine Prozess-ID, der Kernel hat %1 davon (/proc/sys/kernel/pid_max), und %2 waren schon vergeben.</translation>
    </message>
    <message>
        <source>this control group allows %1 processes and threads (pids.max), and %2 were already in use.</source>
        <translation>diese Control Group erlaubt %1 Prozesse und Threads (pids.max), und %2 waren schon belegt.</translation>
    </message>
    <message>
        <source>a process may have %1 memory mappings (vm.max_map_count), this one had %2, and each thread&apos;s stack takes two.</source>
        <translation>ein Prozess darf %1 Speicher-Mappings haben (vm.max_map_count), dieser hatte %2, und der Stack jedes Threads braucht zwei.</translation>
    </message>
    <message>
        <source>out of address space: ulimit -v allows %1 MiB, and each thread reserves %2 MiB for its stack (raise it with `ulimit -v`).</source>
        <translation>kein Adressraum mehr: ulimit -v erlaubt %1 MiB, und jeder Thread reserviert %2 MiB für seinen Stack (erhöh den Wert mit `ulimit -v`).</translation>
    </message>
    <message>
        <source>out of memory.</source>
        <translation>kein Speicher mehr.</translation>
    </message>
    <message>
        <source>No tasks were created: another aio event loop is running on this thread.</source>
        <translation>Es wurden keine Tasks erzeugt: Auf diesem Thread läuft schon eine andere aio-Event-Loop.</translation>
    </message>
    <message>
        <source>the limit is not known (threads-max, pid_max, pids.max, vm.max_map_count or memory).</source>
        <translation>die Grenze ist nicht bekannt (threads-max, pid_max, pids.max, vm.max_map_count oder Speicher).</translation>
    </message>
    <message>
        <source>error %1 (%2).</source>
        <translation>Fehler %1 (%2).</translation>
    </message>
    <message>
        <source>The system refused thread %1: %2</source>
        <translation>Das System hat Thread %1 abgelehnt: %2</translation>
    </message>
    <message>
        <source>The system refused task %1: %2</source>
        <translation>Das System hat Task %1 abgelehnt: %2</translation>
    </message>
    <message>
        <source>Stopped at %1 of %2 threads, to keep clear of a limit of the system: %3</source>
        <translation>Bei %1 von %2 Threads gestoppt, um einer Grenze des Systems nicht zu nahe zu kommen: %3</translation>
    </message>
</context>
</TS>
