#pragma once
// What a scheduled layer costs, counted without simulating the memories: what `mapping=best_time`
// and `best_energy` compare between candidate mappings. The crossbars' own events are exact (the
// same counts fast mode adds); the DRAM side is its bytes at the channel's peak rate and prices,
// with no contention, refresh stalls or row misses beyond a sequential stream's. The SRAM
// buffers are left out: their accesses follow the DAC pulses, and they cost a few per cent.
#include <cstdint>

#include "pim_schedule.h"

namespace skipsim {

// Crossbar events of one step (fast mode counts these; cycle mode counts its own pulses, which
// agree).
struct PimEvents {
    std::uint64_t dac_pulses = 0, cell_reads = 0, conversions = 0, shift_adds = 0;
};
PimEvents step_events(const Layer& layer, const PimStep& step, const PimRound& round);

// pJ of one event of each kind.
struct PimPrices {
    double dac_pulse = 0, cell_read = 0, conversion = 0, shift_add = 0;
};

// The DRAM channel as the chip sees it, per cycle of the chip's clock; 0 where unknown.
struct PimDram {
    double bytes_per_cycle = 0;  // peak rate
    double pj_per_byte = 0;      // a sequential stream's bursts and activations
    double standby_pj_per_cycle = 0;
};

struct PimLayerCost {
    Cycles crossbar_cycles = 0;   // computing and programming, back to back
    Bytes dram_bytes = 0;         // input and partial-sum fills, weight reads, output drains
    Cycles dram_cycles = 0;       // dram_bytes at the channel's peak rate (0 when it is unknown)
    Cycles estimated_cycles = 0;  // the larger of the two: the steps overlap fills, compute and drains
    double crossbar_pj = 0;       // DAC pulses, cell reads, ADC conversions, shift-adds
    double dram_pj = 0;           // dram_bytes streamed, and standby over estimated_cycles
    double estimated_pj() const { return crossbar_pj + dram_pj; }
};
PimLayerCost layer_cost(const Layer& layer, const PimSchedule& schedule, const PimPrices& prices, const PimDram& dram);

}  // namespace skipsim
