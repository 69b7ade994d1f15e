#include <QTest>

// Two test functions for dirigent_qt_test to find, beside the functions it must not
// register on their own: the set-up and clean-up functions and a *_data function.
class TestRegistration : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() {}
    void init() {}
    void cleanup() {}
    void cleanupTestCase() {}

    void plainFunction() { QVERIFY(true); }

    void dataDrivenFunction_data()
    {
        QTest::addColumn<int>("n");
        QTest::newRow("one") << 1;
        QTest::newRow("two") << 2;
    }
    void dataDrivenFunction()
    {
        QFETCH(int, n);
        QVERIFY(n > 0);
    }
};

QTEST_GUILESS_MAIN(TestRegistration)

#include "tst_registration.moc"
