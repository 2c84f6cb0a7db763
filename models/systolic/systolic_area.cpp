#include "systolic_area.h"

namespace skipsim {

AreaBreakdown systolic_area(const SystolicParams& p, const AreaPricer& price) {
    const double pes = static_cast<double>(p.rows) * p.cols;
    AreaBreakdown a;
    add_mac_int8(a, price, pes, p.accumulator_bits, "per PE");
    // Every dataflow keeps one operand and forwards another, and holds or passes a partial sum.
    a.items.push_back(price.item("PE register bits: 8-bit stationary operand, 8-bit forwarded operand, " +
                                     std::to_string(p.accumulator_bits) + "-bit partial sum",
                                 pes * (16.0 + p.accumulator_bits), "register_bit"));
    a.note = "rows x cols PEs with 8-bit operands (the hardware's width; narrower layer weights use the same "
             "PEs); the edge skew registers, the control and the wiring between PEs are not counted";
    return a;
}

}  // namespace skipsim
