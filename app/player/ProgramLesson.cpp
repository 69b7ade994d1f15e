#include "player/ProgramLesson.h"

#include <QFileInfo>

#include <algorithm>
#include <cmath>

namespace {

// The smallest number of decimals (up to 6) that writes `value` exactly enough for a grid.
int decimalsOf(double value)
{
    for (int decimals = 0; decimals < 6; ++decimals) {
        const double scaled = value * std::pow(10.0, decimals);
        if (std::abs(scaled - std::round(scaled)) < 1e-9 * std::max(1.0, std::abs(scaled)))
            return decimals;
    }
    return 6;
}

std::string describe(const QString &name, bool german)
{
    const std::string file = name.toStdString();
    if (german)
        return "# " + file + "\n\n"
               "Das ist dein eigenes Programm. Dirigent startet es mit CPython und einem Tracing-Harness, "
               "der mitschreibt, was die Event Loop tut: welche Task läuft, worauf sie wartet und in welcher "
               "Zeile. Die Ansichten rechts zeigen es so wie bei einer Lektion.\n\n"
               "- **Virtuelle Zeit** (Standard): `asyncio.sleep(5)` kostet keine echte Zeit, jeder Lauf ist "
               "gleich, und ein Programm, das hängen bleibt, endet mit einem Deadlock-Bericht.\n"
               "- **Echtzeit** (Schalter im Tab *Programm*): das Programm läuft so, wie es ist. Seine Sockets "
               "öffnen sich wirklich, und Warten dauert wirklich.\n\n"
               "Im Tab *Programm* kannst du den Code ändern und mit **Strg+R** neu starten. Zahlen-Konstanten "
               "oben in der Datei (Namen in GROSSBUCHSTABEN) werden links zu Schiebereglern.\n\n"
               "Was virtuelle Zeit nicht kann: echte Netzwerk-Antworten abwarten, Threads in ihrem eigenen "
               "Tempo laufen lassen oder Rechenzeit messen.\n";
    return "# " + file + "\n\n"
           "This is your own program. Dirigent runs it under CPython with a tracing harness that writes "
           "down what the event loop does: which task runs, what it waits for, and on which line. The views "
           "on the right show it as they show a lesson.\n\n"
           "- **Virtual time** (the default): `asyncio.sleep(5)` takes no real time, every run is the same, "
           "and a program that would hang ends in a deadlock report.\n"
           "- **Real time** (the switch in the *Program* tab): the program runs as it is. Its sockets really "
           "open and its waits really take time.\n\n"
           "In the *Program* tab you can edit the code and run it again with **Ctrl+R**. Number constants at "
           "the top of the file (UPPER_CASE names) become the sliders on the left.\n\n"
           "What virtual time cannot do: wait for real network answers, let threads run at their own pace, "
           "or measure CPU time.\n";
}

} // namespace

ProgramLesson::ProgramLesson(const QString &path, const QString &source, const QList<Constant> &constants)
    : m_path(QFileInfo(path).absoluteFilePath())
    , m_source(source)
    , m_constants(constants)
    , m_sourceUtf8(source.toStdString())
    , m_textDe(describe(fileName(), true))
    , m_textEn(describe(fileName(), false))
{
    // The id only has to differ from every lesson's and between programs (it is never stored).
    m_lesson.id = "program:" + m_path.toStdString();
    m_lesson.title = {fileName().toStdString(), fileName().toStdString()};
    for (const Constant &constant : m_constants)
        m_lesson.parameters.push_back(sliderFor(constant));
    m_lesson.python_source = m_sourceUtf8;
    m_lesson.text_de = m_textDe;
    m_lesson.text_en = m_textEn;
}

QString ProgramLesson::fileName() const
{
    return QFileInfo(m_path).fileName();
}

QStringList ProgramLesson::assignments(const lessons::Params &params) const
{
    QStringList result;
    for (const Constant &constant : m_constants) {
        const auto found = params.values.find(constant.name.toStdString());
        if (found == params.values.end() || found->second == constant.value)
            continue;
        const double value = found->second;
        QString text;
        if (constant.switchValue)
            text = value != 0 ? QStringLiteral("True") : QStringLiteral("False");
        else if (constant.integer)
            text = QString::number(qint64(std::llround(value)));
        else
            text = QString::number(value, 'g', 12); // locale-free, a Python literal
        result << constant.name + QLatin1Char('=') + text;
    }
    return result;
}

lessons::Parameter ProgramLesson::sliderFor(const Constant &constant)
{
    lessons::Parameter slider;
    slider.id = constant.name.toStdString();
    slider.label = {slider.id, slider.id};
    slider.default_value = constant.value;
    if (constant.switchValue) {
        slider.min = 0;
        slider.max = 1;
        slider.step = 1;
        return slider;
    }
    const double size = std::abs(constant.value);
    double reach = 0;
    if (constant.integer) {
        slider.step = 1;
        reach = std::max(4.0 * size, 10.0);
    } else {
        // About a hundredth of the value, and fine enough to hold the value as written.
        const double coarse = size > 0 ? std::pow(10.0, std::floor(std::log10(size)) - 1) : 0.01;
        slider.step = std::min(coarse, std::pow(10.0, -decimalsOf(size)));
        reach = size > 0 ? std::ceil(4.0 * size / slider.step) * slider.step : 1.0;
    }
    // The range reaches from zero past the value, on the value's side of zero.
    slider.min = constant.value < 0 ? -reach : 0;
    slider.max = constant.value < 0 ? 0 : reach;
    return slider;
}
