#pragma once
// The structure of a layer's zeros, in the terms of each skipping scheme, so that a user sees
// which hardware family can use a model's pruning as it is: density; kept kernel positions per
// output channel (seed 000's WS timesteps); kept (input channel, kernel position) sticks (seed
// 000's OS reduction, and the crossbar rows of an im2col PIM mapping); 8x8 channel blocks (seed
// 003); N:M; crossbar rows an SDK window can skip (seed 004); column-combining groups (seed 001).
#include <cstdint>
#include <string>
#include <vector>

#include "base/json_source.h"
#include "ir.h"

namespace skipsim {

struct ZeroStructure {
    std::uint64_t weights = 0, kept = 0;
    struct Positions {
        // Per output channel, of R x S: kept when any input channel keeps the position.
        std::uint32_t per_channel = 0, min_kept = 0, max_kept = 0;
        bool same = true;  // every output channel keeps the same positions
    } positions;
    struct Count {
        std::uint64_t total = 0, kept = 0;
    };
    Count sticks;  // (input channel, kernel position), kept when any filter of its group keeps it
    Count blocks;  // 8 output x 8 input channels x R x S (partial at the edges), kept when any weight is
    // The most weights kept in any 4 (8) consecutive weights of a filter's reduction C/g x R x S:
    // the layer is N:4 (N:8) sparse for every N at least this.
    std::uint32_t max_kept_of_4 = 0, max_kept_of_8 = 0;
    struct Window {
        std::uint32_t h = 0, w = 0;  // an SDK window of (R + 1) x (S + 1) input cells
        std::uint64_t rows = 0, skippable = 0;
    } pim;  // crossbar rows (input channel, window cell) every kernel copy leaves zero in every filter
    struct Combining {
        std::uint32_t alpha = 8;
        double gamma = 0.5;
        std::uint64_t columns = 0, groups = 0;  // nonzero filter-matrix columns, and groups they pack into
    } combining;

    double density() const { return weights ? static_cast<double>(kept) / static_cast<double>(weights) : 1.0; }
};

// `mask` is the layer's keep-mask (K x C/g x R x S, 1 = kept), empty when the layer is dense.
ZeroStructure analyze_zeros(const Layer& layer, const std::vector<std::uint8_t>& mask);
OrderedJson to_json(const ZeroStructure& z);

// Whether an accelerator skipped work or storage because of a layer's zeros and, when it did
// not (or only in part), why. Reports give it per layer as `sparsity_used`; a run whose layers
// hold zeros their accelerator cannot use says so.
struct SparsityUse {
    bool used = false;
    std::string note;
};

}  // namespace skipsim
