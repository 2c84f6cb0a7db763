#pragma once
// What the AIE2 mesh in use is built of (pure C++, unit-tested): rows x cols cores of
// macs_per_cycle 8-bit MACs and their data memory, and one mem-tile per column.
#include "aie_params.h"
#include "base/area.h"

namespace skipsim {

AreaBreakdown aie_area(const AieParams& p, const AreaPricer& price);

}  // namespace skipsim
