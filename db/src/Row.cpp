#include "db/Row.h"

#include "db/Error.h"

#include <ostream>

namespace db {

Row::Row(std::shared_ptr<const QStringList> columns, QVariantList values)
    : m_columns(std::move(columns))
    , m_values(std::move(values))
{
}

QVariant Row::value(qsizetype index) const
{
    if (index < 0 || index >= m_values.size())
        return {};
    return m_values.at(index);
}

QVariant Row::value(const QString &column) const
{
    const qsizetype index = m_columns ? m_columns->indexOf(column) : -1;
    if (index < 0)
        throw Error(QStringLiteral("the row has no column '%1'").arg(column));
    return value(index);
}

QStringList Row::columns() const
{
    return m_columns ? *m_columns : QStringList();
}

QString Row::toString() const
{
    QStringList parts;
    for (const QVariant &v : m_values)
        parts.append(v.isNull() ? QStringLiteral("NULL") : v.toString());
    return QLatin1Char('(') + parts.join(QLatin1String(", ")) + QLatin1Char(')');
}

std::ostream &operator<<(std::ostream &os, const Row &row)
{
    return os << row.toString().toStdString();
}

} // namespace db
