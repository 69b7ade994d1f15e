#include "code/ProgramEditor.h"

#include "code/ListingMark.h"
#include "code/PythonHighlighter.h"

#include <QFontDatabase>
#include <QKeyEvent>

namespace {

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

bool isCtrl(const QKeyEvent *key, int letter)
{
    const Qt::KeyboardModifiers modifiers = key->modifiers() & ~Qt::KeypadModifier;
    return modifiers == Qt::ControlModifier && key->key() == letter;
}

} // namespace

ProgramEditor::ProgramEditor(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setObjectName(QStringLiteral("programEditor"));
    // Lines keep their numbers on screen: the views name them.
    setLineWrapMode(QPlainTextEdit::NoWrap);
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    setFont(font);
    setTabStopDistance(QFontMetricsF(font).horizontalAdvance(QLatin1Char(' ')) * 4);
    m_highlighter = new PythonHighlighter(document());
    updatePalette();
}

bool ProgramEditor::isRunKey(const QKeyEvent *key)
{
    return isCtrl(key, Qt::Key_R);
}

bool ProgramEditor::isSaveKey(const QKeyEvent *key)
{
    return isCtrl(key, Qt::Key_S);
}

bool ProgramEditor::event(QEvent *event)
{
    // Accepting the override keeps the key from the window's shortcuts and sends it here.
    if (event->type() == QEvent::ShortcutOverride) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (isRunKey(key) || isSaveKey(key)) {
            event->accept();
            return true;
        }
    }
    return QPlainTextEdit::event(event);
}

void ProgramEditor::keyPressEvent(QKeyEvent *event)
{
    if (isRunKey(event)) {
        emit runRequested();
        return;
    }
    if (isSaveKey(event)) {
        emit saveRequested();
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

void ProgramEditor::markLine(int line)
{
    m_line = line;
    markListingLine(this, line);
}

void ProgramEditor::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        updatePalette();
    QPlainTextEdit::changeEvent(event);
}

void ProgramEditor::updatePalette()
{
    m_highlighter->setDarkBackground(isDark(palette()));
}
