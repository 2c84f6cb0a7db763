#include "zero_skip_area.h"

namespace skipsim {

namespace {
// The lanes accumulate int8 products at int32, as the cycle engine does.
constexpr unsigned kZeroSkipAccumulatorBits = 32;
}  // namespace

AreaBreakdown zero_skip_area(const ZeroSkipParams& p, const AreaPricer& price) {
    const double macs = static_cast<double>(p.lanes) * p.vector_width;
    AreaBreakdown a;
    add_mac_int8(a, price, macs, kZeroSkipAccumulatorBits, "per MAC");
    a.items.push_back(price.item("accumulator register bits, 32 per MAC", macs * kZeroSkipAccumulatorBits, "register_bit"));
    // One buffer feeds the lane while the second takes the next pass's weights.
    a.items.push_back(price.item("lane weight buffer bytes: two of " + std::to_string(p.lane_weight_bytes) +
                                     " bytes per lane (in use, prefetching)",
                                 2.0 * static_cast<double>(p.lanes) * static_cast<double>(p.lane_weight_bytes), "sram_byte",
                                 static_cast<double>(p.lane_weight_bytes)));
    a.note = "lanes x vector_width 8-bit MACs and the lanes' weight buffers; the groups' activation register files "
             "(their size depends on the layer), the bitmap / run-length decoders and the activation broadcast are not "
             "counted";
    return a;
}

}  // namespace skipsim
