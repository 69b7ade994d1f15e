#include "db/Transaction.h"

#include "db/Connection.h"
#include "db/Error.h"

namespace db {

Transaction::State::~State()
{
    if (conn)
        conn->rollbackLater();
}

aio::Task<void> Transaction::commit()
{
    if (!isActive())
        throw Error(QStringLiteral("the transaction is over already"));
    Connection *conn = m_state->conn;
    co_await conn->perform(Connection::Step::Commit, QStringLiteral("COMMIT"), {}, QStringLiteral("COMMIT"));
    conn->m_transactionOpen = false;
    m_state->conn = nullptr;
}

aio::Task<void> Transaction::rollback()
{
    if (!isActive())
        throw Error(QStringLiteral("the transaction is over already"));
    Connection *conn = std::exchange(m_state->conn, nullptr);
    conn->m_transactionOpen = false;
    co_await conn->perform(Connection::Step::Rollback, QStringLiteral("ROLLBACK"), {}, QStringLiteral("ROLLBACK"));
}

} // namespace db
