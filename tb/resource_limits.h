#pragma once
// A run's memory and cycle-mode work are estimated from the network's shapes before anything
// large is allocated or simulated, and a run above the limits is refused (exit 2) with the
// estimate and the option that raises the limit, instead of allocating until the machine gives
// out or simulating for hours.
#include <cstdint>

#include "base/component.h"
#include "workloads/ir.h"

namespace skipsim {

struct ResourceLimits {
    std::uint64_t max_memory_mib = 2048;  // --max-memory
    double max_cycle_work = 2e11;         // --max-cycle-work, PE-cycles (about 5 minutes of cycle mode)
};

struct ResourceEstimate {
    std::uint64_t memory_bytes = 0;
    std::uint64_t largest_layer_bytes = 0;
    std::size_t largest_layer = 0;  // index
    double cycle_work = 0;          // PE-cycles, cycle mode only
};

// What a run holds from its start to its end (keep-masks, per-layer state), without what it
// holds only while it prepares one layer: what a run costs beside others in one process.
std::uint64_t held_bytes(const Network& net);

ResourceEstimate estimate_resources(const Network& net, const Component& accelerator, Fidelity mode);
// Throws an InputError naming the limit's option when the estimate exceeds it.
void check_resources(const Network& net, const Component& accelerator, Fidelity mode, const ResourceLimits& limits);

}  // namespace skipsim
