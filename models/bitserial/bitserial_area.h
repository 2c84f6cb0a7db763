#pragma once
// What a bit-serial array is built of (pure C++, unit-tested): rows x cols cells, each with
// mac_units bit-serial MAC units, a multiplexer over mux_inputs activation lines and its registers.
#include "base/area.h"
#include "bitserial_params.h"

namespace skipsim {

AreaBreakdown bitserial_area(const BitserialParams& p, const AreaPricer& price);

}  // namespace skipsim
