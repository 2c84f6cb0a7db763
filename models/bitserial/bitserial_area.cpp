#include "bitserial_area.h"

namespace skipsim {

namespace {

unsigned bitserial_select_bits(unsigned inputs) {
    unsigned bits = 0;
    while ((1u << bits) < inputs) ++bits;
    return bits;
}

}  // namespace

AreaBreakdown bitserial_area(const BitserialParams& p, const AreaPricer& price) {
    const double cells = static_cast<double>(p.rows) * p.cols;
    const double units = cells * p.mac_units;
    const unsigned select = bitserial_select_bits(p.mux_inputs);
    AreaBreakdown a;
    a.items.push_back(price.item("bit-serial MAC unit slices, one per weight bit (" + std::to_string(p.mac_units) +
                                     " units x " + std::to_string(p.weight_bits) + " bits per cell)",
                                 units * p.weight_bits, "bitserial_mac_weight_bit"));
    a.items.push_back(price.item("bit-serial MAC unit accumulators, one per unit", units, "bitserial_mac_accumulate"));
    a.items.push_back(price.item("2:1 multiplexers: a " + std::to_string(p.mux_inputs) + "-input one-bit multiplexer "
                                     "per cell",
                                 cells * (p.mux_inputs - 1), "mux2"));
    a.items.push_back(price.item("cell register bits: " + std::to_string(p.weight_bits) + "-bit weight, " +
                                     std::to_string(select) + " control bits, " + std::to_string(p.mux_inputs) +
                                     " registered activation lines",
                                 cells * (p.weight_bits + select + p.mux_inputs), "register_bit"));
    a.note = "rows x cols cells; column combining packs the weights offline, so it adds only the multiplexer and "
             "its control bits; the wiring of the activation lines and the control are not counted";
    return a;
}

}  // namespace skipsim
