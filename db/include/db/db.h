// The database layer in one include: an asyncpg-shaped pool and connections on aio.
#pragma once

#include "db/CheckViolation.h"
#include "db/Connection.h"
#include "db/ConnectionError.h"
#include "db/Error.h"
#include "db/Options.h"
#include "db/Pool.h"
#include "db/PositionalSql.h"
#include "db/Row.h"
#include "db/Transaction.h"
