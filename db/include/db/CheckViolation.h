// db::CheckViolation: a CHECK constraint refused a row (SQLite "CHECK constraint failed",
// PostgreSQL SQLSTATE 23514). Named in traces as asyncpg names it, CheckViolationError.
#pragma once

#include "db/Error.h"

namespace db {

class CheckViolation : public Error {
public:
    using Error::Error;
    const char *type_name() const noexcept override { return "CheckViolationError"; }
};

} // namespace db
