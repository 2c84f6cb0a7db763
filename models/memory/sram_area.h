#pragma once
// What an SRAM buffer is built of (pure C++, unit-tested): size_bytes of SRAM priced at the
// density of one bank's capacity.
#include "base/area.h"
#include "sram_buffer_params.h"

namespace skipsim {

AreaBreakdown sram_area(const SramBufferParams& p, const AreaPricer& price);

}  // namespace skipsim
