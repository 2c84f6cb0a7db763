#pragma once
// What a PIM chip is built of (pure C++, unit-tested): its crossbar cells and their peripherals,
// ADCs, DACs, sample-and-holds and shift-and-add units (ISAAC's parts).
#include "base/area.h"
#include "pim_params.h"

namespace skipsim {

AreaBreakdown pim_area(const PimParams& p, const AreaPricer& price);

}  // namespace skipsim
