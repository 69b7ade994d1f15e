// db::ConnectionError: no usable connection. The server is not running, the password is
// wrong, the SQLite file cannot be opened or written, or the connection broke or was closed.
#pragma once

#include "db/Error.h"

namespace db {

class ConnectionError : public Error {
public:
    using Error::Error;
    const char *type_name() const noexcept override { return "ConnectionError"; }
};

} // namespace db
