#include "db/Transaction.h"

#include "db/Connection.h"
#include "db/Error.h"

namespace db {

Transaction::~Transaction()
{
    if (m_conn)
        m_conn->rollbackLater();
}

aio::Task<void> Transaction::commit()
{
    if (!m_conn)
        throw Error(QStringLiteral("the transaction is over already"));
    co_await m_conn->perform(Connection::Step::Commit, QStringLiteral("COMMIT"), {}, QStringLiteral("COMMIT"));
    m_conn->m_transactionOpen = false;
    m_conn = nullptr;
}

aio::Task<void> Transaction::rollback()
{
    if (!m_conn)
        throw Error(QStringLiteral("the transaction is over already"));
    Connection *conn = std::exchange(m_conn, nullptr);
    conn->m_transactionOpen = false;
    co_await conn->perform(Connection::Step::Rollback, QStringLiteral("ROLLBACK"), {}, QStringLiteral("ROLLBACK"));
}

} // namespace db
