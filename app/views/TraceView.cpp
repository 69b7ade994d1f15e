#include "TraceView.h"

#include <QHelpEvent>
#include <QToolTip>

TraceView::TraceView(QWidget *parent) : QWidget(parent) {}

bool TraceView::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QString text = toolTipAt(help->pos());
        if (text.isEmpty()) QToolTip::hideText();
        else QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    return QWidget::event(event);
}
