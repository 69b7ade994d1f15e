// Everything of the Qt binding of aio in one include.
#pragma once

#include "qtaio/externalfuture.h"
#include "qtaio/futureawaiter.h"
#include "qtaio/httpresponse.h"
#include "qtaio/networkerror.h"
#include "qtaio/qtdriver.h"
#include "qtaio/replyawaiter.h"
