#pragma once

#ifndef Q_MOC_RUN
#include <live/LiveThreads.h>
#endif

#include <QWidget>

class QChart;
class QChartView;
class QLabel;
class QTableWidget;

// The threads lesson after a live measurement: the comparison of threads and coroutines
// (memory, creation, waking, who decides when to switch, how many, shared state) with the
// numbers of this computer filled in, C++ and CPython side by side, and two charts of memory
// and creation time per unit as N grows (both axes logarithmic).
class ThreadsComparisonPanel : public QWidget
{
    Q_OBJECT

public:
    explicit ThreadsComparisonPanel(QWidget *parent = nullptr);

    void setComparison(const live::ThreadsComparison &comparison);
    QTableWidget *table() const { return m_table; }
    QTableWidget *facts() const { return m_facts; }
    // The charts' series as text, for tests: "memory threads: 1=..., 10=...".
    QString describeCharts() const;

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void retranslateUi();
    void rebuildCharts();
    void fitTables();

    live::ThreadsComparison m_comparison;
    QLabel *m_heading = nullptr;
    QTableWidget *m_table = nullptr;
    QTableWidget *m_facts = nullptr; // who switches, how many, shared state
    QLabel *m_limits = nullptr;
    QLabel *m_chartsLabel = nullptr;
    QChartView *m_memoryView = nullptr;
    QChartView *m_createView = nullptr;
};
