#include "widgets/ThreadsComparisonPanel.h"

#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineSeries>
#include <QLocale>
#include <QLogValueAxis>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <functional>

namespace {

// Okabe-Ito vermillion (threads) and blue (coroutines), as elsewhere in the window.
const QColor threadColour(0xd5, 0x5e, 0x00);
const QColor coroutineColour(0x00, 0x72, 0xb2);

QString bytesText(double bytes)
{
    const QLocale locale;
    if (bytes >= 1024.0 * 1024.0)
        return locale.toString(bytes / (1024.0 * 1024.0), 'f', 1) + QStringLiteral(" MiB");
    if (bytes >= 10 * 1024.0)
        return locale.toString(bytes / 1024.0, 'f', 1) + QStringLiteral(" KiB");
    return locale.toString(qint64(bytes + 0.5)) + QStringLiteral(" B");
}

QString microsText(double us)
{
    return QLocale().toString(us, 'f', us < 10 ? 2 : 1) + QStringLiteral(" µs");
}

QChartView *makeChartView(QWidget *parent, const QString &name)
{
    auto *view = new QChartView(parent);
    view->setObjectName(name);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumSize(180, 220);
    auto *chart = new QChart;
    chart->setMargins(QMargins(2, 2, 2, 2));
    chart->setBackgroundRoundness(0);
    chart->legend()->setAlignment(Qt::AlignBottom);
    view->setChart(chart);
    return view;
}

} // namespace

ThreadsComparisonPanel::ThreadsComparisonPanel(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("threadsComparison"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    m_heading = new QLabel(this);
    m_heading->setWordWrap(true);
    layout->addWidget(m_heading);
    m_table = new QTableWidget(0, 5, this);
    m_table->setObjectName(QStringLiteral("threadsTable"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    layout->addWidget(m_table);
    m_facts = new QTableWidget(0, 3, this);
    m_facts->setObjectName(QStringLiteral("threadsFacts"));
    m_facts->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_facts->setSelectionMode(QAbstractItemView::NoSelection);
    m_facts->verticalHeader()->hide();
    m_facts->setWordWrap(true);
    m_facts->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_facts->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_facts->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    layout->addWidget(m_facts);
    m_limits = new QLabel(this);
    m_limits->setObjectName(QStringLiteral("threadsLimits"));
    m_limits->setWordWrap(true);
    m_limits->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_limits);
    m_chartsLabel = new QLabel(this);
    m_chartsLabel->setWordWrap(true);
    layout->addWidget(m_chartsLabel);
    // One above the other: the tab is narrow, a log axis needs its width.
    m_memoryView = makeChartView(this, QStringLiteral("threadsMemoryChart"));
    m_createView = makeChartView(this, QStringLiteral("threadsCreateChart"));
    layout->addWidget(m_memoryView, 1);
    layout->addWidget(m_createView, 1);
    retranslateUi();
}

void ThreadsComparisonPanel::setComparison(const live::ThreadsComparison &comparison)
{
    m_comparison = comparison;
    retranslateUi();
}

void ThreadsComparisonPanel::rebuildCharts()
{
    struct Plot {
        QChartView *view;
        QString title;
        QString unit;
        std::function<double(const live::UnitFigures &)> value;
    };
    const QList<Plot> plots{
        {m_memoryView, tr("Memory, each"), QStringLiteral("B"),
         [](const live::UnitFigures &f) {
             return f.kind == live::UnitKind::Task && f.reservedBasis == live::ReservedBasis::HeapBytes
                        ? f.reservedBytesPerUnit()
                        : f.rssBytesPerUnit();
         }},
        {m_createView, tr("Creating one"), QStringLiteral("µs"),
         [](const live::UnitFigures &f) { return f.createMicrosPerUnit(); }},
    };
    for (const Plot &plot : plots) {
        QChart *chart = plot.view->chart();
        chart->removeAllSeries();
        for (QAbstractAxis *axis : chart->axes())
            chart->removeAxis(axis), delete axis;
        chart->setTitle(plot.title);
        auto *x = new QLogValueAxis(chart);
        x->setBase(10);
        x->setLabelFormat(QStringLiteral("%.0f"));
        x->setTitleText(tr("N (log)"));
        auto *y = new QLogValueAxis(chart);
        y->setBase(10);
        y->setLabelFormat(QStringLiteral("%g"));
        y->setTitleText(plot.unit);
        chart->addAxis(x, Qt::AlignBottom);
        chart->addAxis(y, Qt::AlignLeft);
        double lo = 1e300, hi = 0, maxN = 1;
        for (const bool threads : {true, false}) {
            auto *series = new QLineSeries(chart);
            series->setName(threads ? tr("threads") : tr("coroutines"));
            series->setPen(QPen(threads ? threadColour : coroutineColour, 2));
            series->setPointsVisible(true);
            for (const live::SeriesPoint &point : m_comparison.series) {
                const live::UnitFigures &f = threads ? point.threads : point.tasks;
                const double v = plot.value(f);
                if (f.created <= 0 || v <= 0)
                    continue; // nothing to put on a log axis
                series->append(point.n, v);
                lo = std::min(lo, v);
                hi = std::max(hi, v);
                maxN = std::max(maxN, double(point.n));
            }
            chart->addSeries(series);
            series->attachAxis(x);
            series->attachAxis(y);
        }
        x->setRange(1, std::max(10.0, maxN));
        if (hi > 0)
            y->setRange(std::pow(10.0, std::floor(std::log10(lo))), std::pow(10.0, std::ceil(std::log10(hi))));
    }
}

QString ThreadsComparisonPanel::describeCharts() const
{
    QString out;
    for (QChartView *view : {m_memoryView, m_createView}) {
        for (QAbstractSeries *s : view->chart()->series()) {
            auto *line = static_cast<QLineSeries *>(s);
            out += view->objectName() + QLatin1Char(' ') + line->name() + QLatin1Char(':');
            for (const QPointF &p : line->points())
                out += QLatin1Char(' ') + QString::number(p.x());
            out += QLatin1Char('\n');
        }
    }
    return out;
}

void ThreadsComparisonPanel::retranslateUi()
{
    const live::ThreadsComparison &c = m_comparison;
    const QLocale locale;
    //: %1: N, how many threads and as many coroutines
    m_heading->setText(tr("%1 threads and %1 coroutines, created and woken on this computer:")
                           .arg(locale.toString(c.n)));
    const bool python = c.python.ok;
    m_table->setColumnCount(python ? 5 : 3);
    QStringList heads{tr("Each"), tr("Threads\n(C++)"), tr("Coroutines\n(C++)")};
    if (python)
        heads << tr("Threads\n(Python)") << tr("Tasks\n(Python)");
    m_table->setHorizontalHeaderLabels(heads);
    m_table->setAccessibleName(tr("Threads and coroutines compared"));

    QList<const live::UnitFigures *> units{&c.threads, &c.tasks};
    if (python)
        units << &c.python.threads << &c.python.tasks;
    // Which columns are threads (the OS switches them) and which coroutines.
    const auto isThread = [](int column) { return column % 2 == 0; };
    using Cell = std::function<QString(const live::UnitFigures &, int)>;
    const QList<QPair<QString, Cell>> rows{
        // A coroutine's memory is its frame on the heap: the resident set barely moves, as the
        // heap reuses what earlier rounds freed. A thread's is what its stack and the kernel touched.
        {tr("Memory"),
         [isThread](const live::UnitFigures &f, int column) {
             return bytesText(isThread(column) || f.reservedBasis != live::ReservedBasis::HeapBytes
                                  ? f.rssBytesPerUnit()
                                  : f.reservedBytesPerUnit());
         }},
        {tr("Reserved"),
         [isThread](const live::UnitFigures &f, int column) {
             // A thread reserves its whole stack up front (address space, not yet memory).
             return isThread(column) ? tr("%1 stack").arg(bytesText(f.reservedBytesPerUnit())) : QStringLiteral("—");
         }},
        {tr("Creating"), [](const live::UnitFigures &f, int) { return microsText(f.createMicrosPerUnit()); }},
        {tr("Waking (per unit)"), [](const live::UnitFigures &f, int) { return microsText(f.wakeMicrosPerUnit()); }},
        {tr("Context switches"), [](const live::UnitFigures &f, int) { return QLocale().toString(f.contextSwitches); }},
    };
    m_table->setRowCount(int(rows.size()));
    for (int row = 0; row < rows.size(); ++row) {
        auto *name = new QTableWidgetItem(rows.at(row).first);
        QFont bold = name->font();
        bold.setBold(true);
        name->setFont(bold);
        m_table->setItem(row, 0, name);
        for (int i = 0; i < units.size(); ++i) {
            const QString text = rows.at(row).second(*units.at(i), i);
            auto *item = new QTableWidgetItem(text);
            item->setToolTip(text);
            m_table->setItem(row, i + 1, item);
        }
    }
    // The rest of the comparison is the same for C++ and Python: one column per kind.
    const QString threadsMade = QLocale().toString(c.threads.created);
    const QString tasksMade = QLocale().toString(c.tasks.created);
    const QList<QStringList> facts{
        {tr("Who decides when to switch"), tr("the operating system, at any instruction"),
         tr("the task itself, only at an await")},
        {tr("How many"),
         c.threads.created < c.threads.requested ? tr("%1 here: the system's limit stopped more").arg(threadsMade)
                                                 : tr("%1 here; the system sets the limit").arg(threadsMade),
         tr("%1 here; as many as memory holds").arg(tasksMade)},
        {tr("Shared state"), tr("needs a lock: a switch can fall between read and write"),
         tr("safe from one await to the next")},
    };
    m_facts->setRowCount(int(facts.size()));
    m_facts->setHorizontalHeaderLabels({QString(), tr("Threads"), tr("Coroutines")});
    m_facts->setAccessibleName(tr("Who switches, how many, shared state"));
    for (int row = 0; row < facts.size(); ++row) {
        for (int column = 0; column < 3; ++column) {
            auto *item = new QTableWidgetItem(facts.at(row).at(column));
            if (column == 0) {
                QFont bold = item->font();
                bold.setBold(true);
                item->setFont(bold);
            }
            m_facts->setItem(row, column, item);
        }
    }
    fitTables();

    QStringList notes;
    for (const live::UnitFigures *f : {&c.threads, &c.tasks})
        if (!f->limitMessage.isEmpty())
            notes << f->limitMessage;
    if (python) {
        for (const live::UnitFigures *f : {&c.python.threads, &c.python.tasks})
            if (!f->limitMessage.isEmpty())
                notes << tr("Python: %1").arg(f->limitMessage);
    } else if (!c.python.error.isEmpty()) {
        //: %1: why (such as "python3 was not found")
        notes << tr("No Python columns: %1").arg(c.python.error);
    }
    if (c.cancelled)
        notes << tr("Stopped before the end: the figures are those measured until then.");
    m_limits->setText(notes.join(QLatin1Char('\n')));
    m_limits->setVisible(!notes.isEmpty());
    m_chartsLabel->setText(tr("As N grows (C++, both axes logarithmic): a thread costs the stack pages and kernel "
                              "memory it touches and a trip through the kernel; a coroutine costs its frame on the heap."));
    rebuildCharts();
}

void ThreadsComparisonPanel::fitTables()
{
    // Each table exactly as tall as its wrapped rows at the width it has now.
    for (QTableWidget *table : {m_table, m_facts}) {
        table->resizeRowsToContents();
        int height = table->horizontalHeader()->height() + 2 * table->frameWidth();
        for (int row = 0; row < table->rowCount(); ++row)
            height += table->rowHeight(row);
        table->setFixedHeight(height);
    }
}

void ThreadsComparisonPanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fitTables();
}

void ThreadsComparisonPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}
