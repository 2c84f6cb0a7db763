#pragma once
// What a systolic array is built of (pure C++, unit-tested): rows x cols PEs, each an 8-bit MAC
// with its operand and partial-sum registers.
#include "base/area.h"
#include "systolic_params.h"

namespace skipsim {

AreaBreakdown systolic_area(const SystolicParams& p, const AreaPricer& price);

}  // namespace skipsim
