#include "pim_cost.h"

#include <algorithm>
#include <cmath>

namespace skipsim {

PimEvents step_events(const Layer& l, const PimStep& s, const PimRound& r) {
    const std::uint64_t w = s.windows(), bits = static_cast<std::uint64_t>(l.quant.activation_bits);
    PimEvents e;
    e.dac_pulses = w * bits * r.rows_per_pulse;
    e.cell_reads = w * bits * r.cells_per_pulse;
    e.conversions = w * bits * r.conversions_per_pulse;
    // Each conversion's code is shift-added, and each window combines its columns' slices once.
    e.shift_adds = w * r.conversions_per_pulse * (bits + 1);
    return e;
}

PimLayerCost layer_cost(const Layer& l, const PimSchedule& s, const PimPrices& p, const PimDram& dram) {
    PimLayerCost c;
    for (const PimStep& st : s.steps) {
        c.crossbar_cycles += st.program + st.compute;
        c.dram_bytes += st.input_fill + st.psum_fill + st.weight_fill + st.output_drain;
        const PimEvents e = step_events(l, st, s.rounds[st.round]);
        c.crossbar_pj += static_cast<double>(e.dac_pulses) * p.dac_pulse + static_cast<double>(e.cell_reads) * p.cell_read +
                         static_cast<double>(e.conversions) * p.conversion + static_cast<double>(e.shift_adds) * p.shift_add;
    }
    if (dram.bytes_per_cycle > 0)
        c.dram_cycles = static_cast<Cycles>(std::ceil(static_cast<double>(c.dram_bytes) / dram.bytes_per_cycle));
    c.estimated_cycles = std::max(c.crossbar_cycles, c.dram_cycles);
    c.dram_pj = static_cast<double>(c.dram_bytes) * dram.pj_per_byte +
                static_cast<double>(c.estimated_cycles) * dram.standby_pj_per_cycle;
    return c;
}

}  // namespace skipsim
