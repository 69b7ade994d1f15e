#include "widgets/BreakPanel.h"

#include "widgets/SettingsKeys.h"

#include "text/BreakText.h"
#include "code/PythonHighlighter.h"

#include <levels/level.hpp>

#include <QAction>
#include <QComboBox>
#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QTabWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace {

constexpr std::size_t bound = levels::max_moves; // moves per order the search goes to
constexpr int maxKeys = 9;        // moves 1–9 have a key

QSettings settings()
{
    return SettingsKeys::open();
}

QString brokenKey(const levels::Level &level)
{
    return SettingsKeys::levelBroken(BreakText::fromStd(level.id));
}

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

} // namespace

BreakPanel::BreakPanel(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("breakPanel"));
    auto *root = new QVBoxLayout(this);

    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    root->addWidget(m_intro);

    auto *top = new QHBoxLayout;
    m_levelList = new QComboBox(this);
    m_levelList->setObjectName(QStringLiteral("levelList"));
    m_levelList->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    top->addWidget(m_levelList);
    m_progress = new QLabel(this);
    top->addWidget(m_progress, 1);
    root->addLayout(top);

    auto *split = new QSplitter(Qt::Horizontal, this);
    root->addWidget(split, 1);

    // Left: the task and the program.
    auto *left = new QWidget(split);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    m_goal = new QTextBrowser(left);
    m_goal->setObjectName(QStringLiteral("levelGoal"));
    m_goal->setFocusPolicy(Qt::NoFocus);
    m_goal->setMaximumHeight(170);
    leftLayout->addWidget(m_goal);
    m_programs = new QTabWidget(left);
    m_programs->setObjectName(QStringLiteral("levelPrograms"));
    auto listing = [this](const char *name) {
        auto *edit = new QPlainTextEdit(m_programs);
        edit->setObjectName(QLatin1String(name));
        edit->setReadOnly(true);
        edit->setFocusPolicy(Qt::NoFocus);
        edit->setLineWrapMode(QPlainTextEdit::NoWrap);
        edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        m_programs->addTab(edit, QString());
        return edit;
    };
    m_program = listing("levelProgram");
    m_fixedProgram = listing("levelFixedProgram");
    m_highlighter = new PythonHighlighter(m_program->document());
    m_highlighter->setDarkBackground(isDark(palette()));
    m_fixedHighlighter = new PythonHighlighter(m_fixedProgram->document());
    m_fixedHighlighter->setDarkBackground(isDark(palette()));
    leftLayout->addWidget(m_programs, 1);

    // Right: the moves, what happened, the verdict.
    auto *right = new QWidget(split);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    m_question = new QLabel(right);
    m_question->setWordWrap(true);
    QFont bold = m_question->font();
    bold.setBold(true);
    m_question->setFont(bold);
    rightLayout->addWidget(m_question);
    m_moveLayout = new QVBoxLayout;
    rightLayout->addLayout(m_moveLayout);
    auto *buttons = new QHBoxLayout;
    m_undo = new QPushButton(right);
    m_restart = new QPushButton(right);
    m_fixedButton = new QPushButton(right);
    m_fixedButton->setCheckable(true);
    buttons->addWidget(m_undo);
    buttons->addWidget(m_restart);
    buttons->addStretch(1);
    buttons->addWidget(m_fixedButton);
    rightLayout->addLayout(buttons);
    m_watches = new QLabel(right);
    m_watches->setObjectName(QStringLiteral("levelWatches"));
    m_watches->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_watches->setWordWrap(true);
    rightLayout->addWidget(m_watches);
    m_printedTitle = new QLabel(right);
    rightLayout->addWidget(m_printedTitle);
    m_printed = new QListWidget(right);
    m_printed->setObjectName(QStringLiteral("levelPrinted"));
    m_printed->setFocusPolicy(Qt::NoFocus);
    m_printed->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    rightLayout->addWidget(m_printed, 2);
    m_verdict = new QLabel(right);
    m_verdict->setObjectName(QStringLiteral("levelVerdict"));
    m_verdict->setWordWrap(true);
    m_verdict->setFont(bold);
    rightLayout->addWidget(m_verdict);
    m_lesson = new QTextBrowser(right);
    m_lesson->setObjectName(QStringLiteral("levelLesson"));
    m_lesson->setFocusPolicy(Qt::NoFocus);
    rightLayout->addWidget(m_lesson, 3);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);

    connect(m_undo, &QPushButton::clicked, this, &BreakPanel::undo);
    connect(m_restart, &QPushButton::clicked, this, &BreakPanel::restart);
    connect(m_fixedButton, &QPushButton::toggled, this, &BreakPanel::playFixed);
    connect(m_levelList, &QComboBox::activated, this, &BreakPanel::openLevel);

    // Keys: 1–9 play a move, U or Backspace undoes, R starts again.
    for (int k = 0; k < maxKeys; ++k) {
        auto *action = new QAction(this);
        action->setShortcut(QKeySequence(Qt::Key_1 + k));
        connect(action, &QAction::triggered, this, [this, k] { pick(k); });
        addAction(action);
        m_pickActions << action;
    }
    auto *undoAction = new QAction(this);
    undoAction->setShortcuts({QKeySequence(Qt::Key_U), QKeySequence(Qt::Key_Backspace)});
    connect(undoAction, &QAction::triggered, this, &BreakPanel::undo);
    addAction(undoAction);
    auto *restartAction = new QAction(this);
    restartAction->setShortcut(QKeySequence(Qt::Key_R));
    connect(restartAction, &QAction::triggered, this, &BreakPanel::restart);
    addAction(restartAction);

    resize(1200, 780);
    openLevel(0); // also fills in the texts
}

BreakPanel::~BreakPanel() = default;

void BreakPanel::openLevel(int index)
{
    const auto &all = levels::all_levels();
    if (index < 0 || index >= int(all.size()))
        return;
    m_level = index;
    m_picks.clear();
    m_fixed = false;
    const QSignalBlocker block(m_fixedButton);
    m_fixedButton->setChecked(false);
    m_levelList->setCurrentIndex(index);
    replay();
    retranslateUi();
}

void BreakPanel::playFixed(bool fixed)
{
    m_fixed = fixed;
    m_picks.clear();
    const QSignalBlocker block(m_fixedButton);
    m_fixedButton->setChecked(fixed);
    replay();
    retranslateUi();
}

bool BreakPanel::pick(int index)
{
    if (m_outcome.state != levels::State::Waiting || index < 0 || index >= int(m_outcome.options.size()))
        return false;
    m_picks.push_back(std::size_t(index));
    replay();
    return true;
}

void BreakPanel::undo()
{
    if (m_picks.empty())
        return;
    m_picks.pop_back();
    replay();
}

void BreakPanel::restart()
{
    m_picks.clear();
    replay();
}

void BreakPanel::replay()
{
    const levels::Level &level = levels::all_levels()[std::size_t(m_level)];
    const levels::Variant variant = m_fixed ? levels::Variant::Fixed : levels::Variant::Broken;
    m_outcome = levels::play(level, variant, m_picks);
    if (m_outcome.state == levels::State::Broken && !m_fixed) {
        markBroken();
        if (m_fixedSearchLevel != m_level) {
            m_fixedSearch = levels::search(level, levels::Variant::Fixed, bound, false);
            m_fixedSearchLevel = m_level;
        }
    }
    showOutcome();
}

void BreakPanel::markBroken()
{
    const levels::Level &level = levels::all_levels()[std::size_t(m_level)];
    QSettings s = settings();
    if (s.value(brokenKey(level)).toBool())
        return;
    s.setValue(brokenKey(level), true);
    fillLevelList();
}

int BreakPanel::brokenCount() const
{
    const QSettings s = settings();
    int n = 0;
    for (const levels::Level &level : levels::all_levels())
        n += s.value(brokenKey(level)).toBool() ? 1 : 0;
    return n;
}

void BreakPanel::showOutcome()
{
    if (m_level < 0)
        return;
    const bool dark = isDark(palette());
    // The moves as buttons: "1  alice: bank.authorize('alice') returns".
    for (QPushButton *b : std::as_const(m_moveButtons))
        delete b;
    m_moveButtons.clear();
    if (m_outcome.state == levels::State::Waiting) {
        for (std::size_t i = 0; i < m_outcome.options.size(); ++i) {
            const QString key = i < std::size_t(maxKeys) ? QString::number(i + 1) + QStringLiteral("   ") : QString();
            auto *b = new QPushButton(key + BreakText::move(m_outcome.options[i]), this);
            b->setStyleSheet(QStringLiteral("text-align: left; padding: 4px 8px;"));
            const int index = int(i);
            connect(b, &QPushButton::clicked, this, [this, index] { pick(index); });
            m_moveLayout->addWidget(b);
            m_moveButtons << b;
        }
    }
    for (int k = 0; k < m_pickActions.size(); ++k)
        m_pickActions[k]->setEnabled(k < m_moveButtons.size());
    m_undo->setEnabled(!m_picks.empty());
    m_restart->setEnabled(!m_picks.empty());

    QStringList watched;
    for (const levels::Watch &w : m_outcome.watches)
        watched << BreakText::fromStd(w.name) + QStringLiteral(" = ") + BreakText::fromStd(w.value);
    m_watches->setText(watched.join(QStringLiteral("    ")));

    // What happened: the program's lines, each move before the lines it caused; the move
    // that broke it and what followed marked.
    m_printed->clear();
    const QColor markBackground = dark ? QColor(0x5a, 0x1f, 0x1f) : QColor(0xff, 0xd9, 0xd9);
    const QColor moveColour = dark ? QColor(0x9a, 0xb8, 0xe0) : QColor(0x2a, 0x55, 0x95);
    const bool broken = m_outcome.state == levels::State::Broken;
    auto addLines = [&](int move) {
        for (const levels::Line &line : m_outcome.lines) {
            if (line.move != move)
                continue;
            auto *item = new QListWidgetItem(BreakText::fromStd(line.task) + QStringLiteral(": ") + BreakText::fromStd(line.text), m_printed);
            if (broken && move == m_outcome.broken_after)
                item->setBackground(markBackground);
        }
    };
    addLines(0);
    for (std::size_t k = 0; k < m_outcome.played.size(); ++k) {
        auto *item = new QListWidgetItem(QStringLiteral("%1. ").arg(k + 1) + BreakText::move(m_outcome.played[k]), m_printed);
        item->setForeground(moveColour);
        QFont f = item->font();
        f.setItalic(true);
        item->setFont(f);
        if (broken && int(k) + 1 == m_outcome.broken_after)
            item->setBackground(markBackground);
        addLines(int(k) + 1);
    }
    m_printed->scrollToBottom();

    const QColor red = dark ? QColor(0xff, 0x8a, 0x8a) : QColor(0xb0, 0x1c, 0x1c);
    const QColor green = dark ? QColor(0x8a, 0xe0, 0x9a) : QColor(0x1c, 0x7a, 0x30);
    QPalette verdictPalette = m_verdict->palette();
    verdictPalette.setColor(QPalette::WindowText, broken ? red : green);
    m_verdict->setPalette(verdictPalette);
    m_verdict->setText(verdictText());
    m_verdict->setVisible(!m_verdict->text().isEmpty());

    const levels::Level &level = levels::all_levels()[std::size_t(m_level)];
    const bool explain = broken || m_fixed;
    m_lesson->setVisible(explain);
    if (explain) {
        QString text = BreakText::lesson(level);
        const QString verdict = fixedVerdict();
        if (!verdict.isEmpty())
            text += QStringLiteral("\n\n**") + verdict + QStringLiteral("**");
        m_lesson->setMarkdown(text);
    }
    m_question->setText(m_outcome.state == levels::State::Waiting ? BreakText::question() : QString());
    m_question->setVisible(m_outcome.state == levels::State::Waiting);
    // After the break (or to play it) the fixed program shows beside the explanation.
    showPrograms(m_fixed || broken);
    m_wasBroken = broken;
}

namespace {

// The lines of `a` and of `b` outside their longest common subsequence: where they differ.
std::pair<QList<int>, QList<int>> differingLines(const QStringList &a, const QStringList &b)
{
    const qsizetype n = a.size();
    const qsizetype m = b.size();
    std::vector<std::vector<int>> common(std::size_t(n + 1), std::vector<int>(std::size_t(m + 1), 0));
    for (qsizetype i = n - 1; i >= 0; --i)
        for (qsizetype j = m - 1; j >= 0; --j)
            common[std::size_t(i)][std::size_t(j)] = a[i] == b[j]
                ? common[std::size_t(i + 1)][std::size_t(j + 1)] + 1
                : std::max(common[std::size_t(i + 1)][std::size_t(j)], common[std::size_t(i)][std::size_t(j + 1)]);
    QList<int> onlyA;
    QList<int> onlyB;
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && a[i] == b[j]) {
            ++i;
            ++j;
        } else if (j >= m || (i < n && common[std::size_t(i + 1)][std::size_t(j)] >= common[std::size_t(i)][std::size_t(j + 1)])) {
            onlyA << int(i++);
        } else {
            onlyB << int(j++);
        }
    }
    return {onlyA, onlyB};
}

// The lines as the diff compares them: without their comments (the fix explains itself in
// comments that would otherwise mark lines that did not change); a comment line stays whole.
QStringList codeOf(const QString &program)
{
    QStringList lines = program.split(QLatin1Char('\n'));
    for (QString &line : lines) {
        const qsizetype hash = line.indexOf(QStringLiteral("  #"));
        if (hash > 0 && !line.left(hash).trimmed().isEmpty())
            line = line.left(hash).trimmed().isEmpty() ? line : line.left(hash);
        while (line.endsWith(QLatin1Char(' ')))
            line.chop(1);
    }
    return lines;
}

void markLines(QPlainTextEdit *edit, const QList<int> &lines, const QColor &colour)
{
    QList<QTextEdit::ExtraSelection> marks;
    for (int line : lines) {
        QTextEdit::ExtraSelection mark;
        mark.cursor = QTextCursor(edit->document()->findBlockByNumber(line));
        mark.format.setBackground(colour);
        mark.format.setProperty(QTextFormat::FullWidthSelection, true);
        marks << mark;
    }
    edit->setExtraSelections(marks);
}

} // namespace

void BreakPanel::showPrograms(bool showsFix)
{
    const levels::Level &level = levels::all_levels()[std::size_t(m_level)];
    const QString broken = BreakText::fromStd(level.broken_py);
    const QString fixed = BreakText::fromStd(level.fixed_py);
    if (m_program->toPlainText() != broken) {
        m_program->setPlainText(broken);
        m_fixedProgram->setPlainText(fixed);
    }
    const bool dark = isDark(palette());
    const auto [onlyBroken, onlyFixed] = differingLines(codeOf(broken), codeOf(fixed));
    // Where the fix is: marked in both programs once the fix may be seen.
    markLines(m_program, showsFix ? onlyBroken : QList<int>(), dark ? QColor(0x5a, 0x1f, 0x1f) : QColor(0xff, 0xe4, 0xe4));
    markLines(m_fixedProgram, onlyFixed, dark ? QColor(0x1f, 0x4a, 0x2a) : QColor(0xdd, 0xf5, 0xe1));
    const int fixTab = m_programs->indexOf(m_fixedProgram);
    m_programs->setTabEnabled(fixTab, showsFix);
    m_programs->setTabToolTip(fixTab, showsFix ? QString() : tr("Opens when you have broken the program"));
    // The fix comes forward when it breaks (or is played); going back hides it again.
    if (showsFix && (m_fixed || !m_wasBroken))
        m_programs->setCurrentIndex(fixTab);
    if (!showsFix)
        m_programs->setCurrentIndex(m_programs->indexOf(m_program));
}

QString BreakPanel::verdictText() const
{
    switch (m_outcome.state) {
    case levels::State::Broken:
        return BreakText::broken(m_outcome);
    case levels::State::Survived:
        return BreakText::survived();
    case levels::State::Waiting:
        break;
    }
    return {};
}

QStringList BreakPanel::shownLines() const
{
    QStringList out;
    for (int i = 0; i < m_printed->count(); ++i)
        out << m_printed->item(i)->text();
    return out;
}

QList<int> BreakPanel::markedLines() const
{
    QList<int> out;
    for (int i = 0; i < m_printed->count(); ++i)
        if (m_printed->item(i)->background().style() != Qt::NoBrush)
            out << i;
    return out;
}

QString BreakPanel::lessonText() const
{
    return m_lesson->isVisible() || m_outcome.state == levels::State::Broken ? m_lesson->toPlainText() : QString();
}

QString BreakPanel::fixedVerdict() const
{
    // Said once the program is broken (not while the fixed program is being played).
    if (m_outcome.state != levels::State::Broken || m_fixed || m_fixedSearchLevel != m_level || !m_fixedSearch)
        return {};
    return BreakText::searched(*m_fixedSearch, bound);
}

void BreakPanel::fillLevelList()
{
    const QSettings s = settings();
    const auto &all = levels::all_levels();
    const QSignalBlocker block(m_levelList);
    m_levelList->clear();
    for (std::size_t i = 0; i < all.size(); ++i) {
        const bool done = s.value(brokenKey(all[i])).toBool();
        m_levelList->addItem(QStringLiteral("%1. %2%3").arg(i + 1).arg(BreakText::title(all[i]),
                                                                      done ? QStringLiteral("  ✓") : QString()));
    }
    m_levelList->setCurrentIndex(m_level);
    m_progress->setText(BreakText::progress(brokenCount(), int(all.size())));
}

void BreakPanel::retranslateUi()
{
    setWindowTitle(tr("Break it – Dirigent"));
    m_intro->setText(BreakText::intro());
    fillLevelList();
    m_levelList->setToolTip(tr("Choose a level"));
    if (m_level < 0)
        return;
    const levels::Level &level = levels::all_levels()[std::size_t(m_level)];
    // The task, then what must hold (code-like, as the program would assert it).
    m_goal->setMarkdown(QStringLiteral("## ") + BreakText::title(level) + QStringLiteral("\n\n") + BreakText::goal(level)
                        + QStringLiteral("\n\n`") + BreakText::mustHold(m_outcome.invariants) + QStringLiteral("`"));
    m_programs->setTabText(m_programs->indexOf(m_program), tr("The program"));
    m_programs->setTabText(m_programs->indexOf(m_fixedProgram), tr("The fixed program"));
    m_undo->setText(tr("Undo (U)"));
    m_restart->setText(tr("Start again (R)"));
    m_fixedButton->setText(tr("Play the fixed program"));
    m_fixedButton->setToolTip(tr("Try to break the fixed program too: no order of moves should"));
    m_printedTitle->setText(tr("What happened"));
    showOutcome();
}

void BreakPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    else if (event->type() == QEvent::PaletteChange && m_highlighter) {
        m_highlighter->setDarkBackground(isDark(palette()));
        m_fixedHighlighter->setDarkBackground(isDark(palette()));
    }
    QWidget::changeEvent(event);
}
