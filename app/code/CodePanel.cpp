#include "code/CodePanel.h"

#include "code/CppHighlighter.h"
#include "code/ListingMark.h"
#include "code/PythonHighlighter.h"

#include <QEvent>
#include <QLabel>
#include <QVBoxLayout>
#include <QFontDatabase>
#include <QPlainTextEdit>
#include <QTabBar>
#include <QTimer>

namespace {

QPlainTextEdit *makeListing(const QString &objectName, QWidget *parent)
{
    auto *edit = new QPlainTextEdit(parent);
    edit->setObjectName(objectName);
    edit->setReadOnly(true);
    // Selectable by keyboard too: a learner who tabs in can move through the lines.
    edit->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    // Lines keep their numbers when they do not wrap (scenario.cpp:LINE in the views).
    edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    edit->setFont(font);
    edit->setTabStopDistance(QFontMetricsF(font).horizontalAdvance(QLatin1Char(' ')) * 4);
    return edit;
}

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

} // namespace

CodePanel::CodePanel(QWidget *parent)
    : QTabWidget(parent)
{
    setObjectName(QStringLiteral("codeTabs"));
    setDocumentMode(true);
    m_python = makeListing(QStringLiteral("pythonCode"), this);
    m_cpp = makeListing(QStringLiteral("cppCode"), this);
    m_pythonHighlighter = new PythonHighlighter(m_python->document());
    m_cppHighlighter = new CppHighlighter(m_cpp->document());
    addTab(m_python, QString());
    addTab(m_cpp, QString());
    updatePalette();
    retranslateUi();
    // A hidden listing has no real height, so its mark may have been scrolled to the edge:
    // place it again once the listing is on screen.
    connect(this, &QTabWidget::currentChanged, this, &CodePanel::remarkLater);
}

void CodePanel::showEvent(QShowEvent *event)
{
    QTabWidget::showEvent(event);
    remarkLater();
}

void CodePanel::remarkLater()
{
    QTimer::singleShot(0, this, [this] {
        markListingLine(m_cpp, m_cppLine);
        markListingLine(m_python, m_pythonLine);
    });
}

void CodePanel::setCodeMap(const CodeMap &map)
{
    m_map = map;
    m_python->setPlainText(m_map.pythonText());
    m_cpp->setPlainText(m_map.cppText());
    m_cppLine = m_pythonLine = -1;  // forces the marks to be cleared
    setCurrentEvent(nullptr);
    rebuildLiveListings();
}

void CodePanel::rebuildLiveListings()
{
    for (const LiveListing &listing : std::as_const(m_liveListings)) {
        removeTab(indexOf(listing.page));
        delete listing.page;
    }
    m_liveListings.clear();
    for (const CodeMap::Listing &source : m_map.liveListings()) {
        LiveListing listing;
        listing.file = source.file;
        listing.commandTemplate = source.command;
        listing.page = new QWidget(this);
        listing.page->setObjectName(QStringLiteral("liveListing_") + source.file);
        auto *layout = new QVBoxLayout(listing.page);
        layout->setContentsMargins(0, 4, 0, 0);
        listing.command = new QLabel(listing.page);
        listing.command->setObjectName(QStringLiteral("liveCommand_") + source.file);
        listing.command->setWordWrap(true);
        listing.command->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
        layout->addWidget(listing.command);
        listing.edit = makeListing(QStringLiteral("liveCode_") + source.file, listing.page);
        listing.edit->setPlainText(source.text);
        listing.highlighter = new PythonHighlighter(listing.edit->document());
        listing.highlighter->setDarkBackground(isDark(palette()));
        layout->addWidget(listing.edit, 1);
        addTab(listing.page, source.file);
        m_liveListings.append(listing);
    }
    retranslateUi();
}

void CodePanel::setServerUrl(const QUrl &url)
{
    m_serverUrl = url;
    retranslateUi();
}

QString CodePanel::commandFor(const LiveListing &listing) const
{
    // The programs run with Debian's python3 and its python3-* libraries (scripts/setup.sh).
    const QString url = m_serverUrl.isEmpty() ? QStringLiteral("URL") : m_serverUrl.toString();
    return QString(listing.commandTemplate).replace(QLatin1String("{server}"), url);
}

void CodePanel::setCurrentEvent(const aio::TraceEvent *event)
{
    const int cppLine = event ? m_map.cppLineOf(*event) : 0;
    const int pythonLine = cppLine > 0 ? m_map.pythonLineForCppLine(cppLine) : 0;
    if (cppLine == m_cppLine && pythonLine == m_pythonLine)
        return;
    m_cppLine = cppLine;
    m_pythonLine = pythonLine;
    markListingLine(m_cpp, cppLine);
    markListingLine(m_python, pythonLine);
}

void CodePanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    else if (event->type() == QEvent::PaletteChange) {
        updatePalette();
        const int cpp = m_cppLine, python = m_pythonLine;
        markListingLine(m_cpp, cpp);
        markListingLine(m_python, python);
    }
    QTabWidget::changeEvent(event);
}

void CodePanel::updatePalette()
{
    const bool dark = isDark(palette());
    m_pythonHighlighter->setDarkBackground(dark);
    m_cppHighlighter->setDarkBackground(dark);
    for (const LiveListing &listing : std::as_const(m_liveListings))
        listing.highlighter->setDarkBackground(dark);
}

void CodePanel::retranslateUi()
{
    setTabText(indexOf(m_python), tr("Python"));
    setTabText(indexOf(m_cpp), tr("C++"));
    setTabToolTip(indexOf(m_python), tr("lesson.py: the program as you would write it with asyncio"));
    setTabToolTip(indexOf(m_cpp), tr("scenario.cpp: the C++ twin that runs and is shown"));
    tabBar()->setAccessibleName(tr("Listings"));
    m_python->setAccessibleName(tr("Python listing"));
    m_cpp->setAccessibleName(tr("C++ listing"));
    m_python->setAccessibleDescription(tr("The highlighted line matches the current await in the C++ listing."));
    m_cpp->setAccessibleDescription(tr("The highlighted line is the co_await of the current event."));
    for (const LiveListing &listing : std::as_const(m_liveListings)) {
        const QString command = commandFor(listing).toHtmlEscaped();
        // A program that talks to the demo server says how to start one; the others need
        // only what their command names.
        const QString how = !listing.commandTemplate.contains(QLatin1String("{server}"))
            ? tr("The same program with a real database library. <code>--db</code> names the database it works "
                 "on (asyncpg: a postgresql:// URL; aiosqlite: a SQLite file, made if missing; SQLAlchemy: "
                 "either); the summary at the end has the names of <code>dirigent live database</code>'s:")
            : m_serverUrl.isEmpty()
            ? tr("The same program with a real HTTP library. Start the demo server in a terminal with "
                 "<code>dirigent serve</code> (it prints its URL), then run:")
            : tr("The same program with a real HTTP library. The demo server of your live run listens at "
                 "%1; run it against that server:").arg(m_serverUrl.toString().toHtmlEscaped());
        listing.command->setText(how + QStringLiteral("<br><code>") + command + QStringLiteral("</code>"));
        listing.command->setAccessibleName(tr("How to run %1").arg(listing.file));
        listing.edit->setAccessibleName(tr("Listing %1").arg(listing.file));
        setTabToolTip(indexOf(listing.page), tr("%1: the lesson written with a real library, to run yourself")
                                                  .arg(listing.file));
    }
}
