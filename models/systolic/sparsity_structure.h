#pragma once
// What a keep-mask means to a systolic array that skips pruned work: which kernel positions
// each output channel keeps (the WS kij-timestep mapping executes only those timesteps) and
// which reduction indices each group keeps (the OS array streams only those).
#include <cstdint>
#include <vector>

#include "workloads/ir.h"

namespace skipsim {

struct SparsityStructure {
    // Per output channel: kept kernel positions kij = ki * S + kj, ascending. A position is kept
    // when any input channel keeps its weight.
    std::vector<std::vector<std::uint32_t>> kept_kij;
    // Per group: kept reduction indices d = c * R * S + kij, ascending. An index is kept when any
    // filter of the group keeps its weight.
    std::vector<std::vector<std::uint32_t>> kept_d;
};

// `mask` empty means dense: everything kept. Only the parts asked for are computed (the other
// stays empty): `positions` fills kept_kij, `reduction` fills kept_d.
SparsityStructure analyze_sparsity(const Layer& layer, const std::vector<std::uint8_t>& mask, bool positions = true,
                                   bool reduction = true);

}  // namespace skipsim
