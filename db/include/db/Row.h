// db::Row: one row of a result, like asyncpg's Record: values by position or by column name.
#pragma once

#include <QString>
#include <QStringList>
#include <QVariant>
#include <QVariantList>

#include <iosfwd>
#include <memory>

namespace db {

class Row {
public:
    Row() = default;
    // `columns` is shared by every row of one result.
    Row(std::shared_ptr<const QStringList> columns, QVariantList values);

    qsizetype size() const { return m_values.size(); }
    // The value in column `index` (0-based); an invalid QVariant outside the row.
    QVariant value(qsizetype index) const;
    // The value in the column named `column`; throws db::Error when there is none.
    QVariant value(const QString &column) const;
    QVariant operator[](qsizetype index) const { return value(index); }
    QVariant operator[](const QString &column) const { return value(column); }

    QStringList columns() const;
    const QVariantList &values() const { return m_values; }

    // "(alice, 100)": how the trace and the tests show a row.
    QString toString() const;
    friend std::ostream &operator<<(std::ostream &os, const Row &row);

private:
    std::shared_ptr<const QStringList> m_columns;
    QVariantList m_values;
};

} // namespace db
