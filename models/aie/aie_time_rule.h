#pragma once
// Analytical figures computed from a compiled instruction stream, without simulating it:
// - the seed's own time rule (seed 003, section 4.5; MODELS.md section 5): DDR transfers summed;
//   a one-iteration group runs load, compute and write in sequence; an n-iteration group takes
//   n x max(load, compute, write); LOADWM blocks;
// - two lower bounds no schedule can beat: the busiest core's compute cycles, and the DDR
//   bound (the busiest shim DMA channel, or all DDR bytes over the DDR channels' peak).
#include <cstdint>

#include "aie_compiler.h"

namespace skipsim {

struct AieLayerFigures {
    std::uint64_t compute_bound = 0;   // cycles of the busiest core
    std::uint64_t shim_bound = 0;      // cycles of the busiest shim DMA channel
    std::uint64_t ddr_bytes = 0;       // all DDR reads and writes
    std::uint64_t seed_rule = 0;       // cycles by the seed's rule
    std::uint64_t macs = 0;            // MACs the cores compute (nonzero blocks, padded channels)
    double ddr_bound(double ddr_bytes_per_cycle) const;  // cycles
};

// `ddr_bytes_per_cycle`: the DDR channels' total peak in bytes per array cycle.
AieLayerFigures layer_figures(const AiePlan& plan);

// Cycles of one transfer of `bytes` at `rate` bytes per cycle.
std::uint64_t transfer_cycles(std::uint64_t bytes, double rate);

}  // namespace skipsim
