// Everything of core/trace in one include.
#pragma once

#include "trace/chrome_trace.hpp"
#include "trace/fifo.hpp"
#include "trace/id_index.hpp"
#include "trace/recorder.hpp"
#include "trace/state_seeker.hpp"
#include "trace/text_log.hpp"
#include "trace/trace_state.hpp"
