// db::Error: what a statement or a connection raises when the database says no, in one line
// ("no such table: acounts", "conn-2: another operation is in progress"). An aio::Error, so
// the trace and aio::describe name it; never a cancellation (that stays aio::CancelledError).
#pragma once

#include <aio/errors.hpp>

#include <QString>

namespace db {

class Error : public aio::Error {
public:
    explicit Error(const QString &message) : aio::Error(message.toStdString()) {}
    // PEP 249's name for the base of a driver's errors.
    const char *type_name() const noexcept override { return "DatabaseError"; }
};

} // namespace db
