#pragma once
// What a zero-skipping array is built of (pure C++, unit-tested): lanes x vector_width MACs with
// their accumulators, and two weight buffers per lane.
#include "base/area.h"
#include "zero_skip_params.h"

namespace skipsim {

AreaBreakdown zero_skip_area(const ZeroSkipParams& p, const AreaPricer& price);

}  // namespace skipsim
