#pragma once
// The integer tensors of a layer for functional runs and the effective (kept-weight) MAC count,
// built from the workload layer's weight source, pruning pattern and a seed.
#include <cstdint>
#include <vector>

#include "common/layer_job.h"
#include "workloads/ir.h"

namespace skipsim {

struct LayerSparsity {
    std::vector<std::uint8_t> mask;  // empty when the layer is dense
    std::uint64_t kept_weights = 0;
};

LayerSparsity layer_sparsity(const Layer& layer);
std::uint64_t effective_macs(const Layer& layer, const LayerSparsity& s);
// Masked weights and seeded activations.
void fill_tensors(const Layer& layer, const LayerSparsity& s, std::uint64_t seed, std::size_t index,
                  LayerTensors& t);
// Compares the accelerator's output with the reference convolution; throws CheckFailure with the
// first mismatching element.
void check_output(const Layer& layer, const LayerSparsity& s, const LayerTensors& t);

class CheckFailure : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace skipsim
